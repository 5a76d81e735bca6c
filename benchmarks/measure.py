"""Measuring a piece of work in a forked child: its wall time, its peak memory and its result.

Each measurement runs in its own process, so that one format's memory does not
count against the next, and the peak is the child's resident-set high-water
mark (``VmHWM``), reset at the start of the work (Linux ``clear_refs``): what
a build process holding the archive needs, archive included.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import resource
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from attrs import frozen

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


@frozen
class Measured:
    """What a piece of work took and gave."""

    seconds: float
    peak_mb: float
    result: Any


def _reset_peak() -> None:
    with contextlib.suppress(OSError):  # not Linux: the peak then counts from the start
        _CLEAR_REFS.write_text("5")


def _peak_mb() -> float:
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1024 / 1024


def in_child(work: Callable[..., Any], setup: Callable[[], Any] | None = None) -> Measured:
    """Run ``work`` in a forked child and report; an error in the child is raised here.

    ``setup``, when given, runs first in the child, untimed (its memory counts in
    the peak), and ``work`` receives what it returns.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        try:
            _reset_peak()
            arguments = () if setup is None else (setup(),)
            start = time.perf_counter()
            result = work(*arguments)
            seconds = time.perf_counter() - start
            payload = pickle.dumps(Measured(seconds, _peak_mb(), result))
        except BaseException:
            payload = pickle.dumps(RuntimeError(traceback.format_exc()))
        with os.fdopen(write, "wb") as stream:
            stream.write(payload)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as stream:
        payload = stream.read()
    os.waitpid(pid, 0)
    outcome = pickle.loads(payload)
    if isinstance(outcome, BaseException):
        raise outcome
    assert isinstance(outcome, Measured)
    return outcome

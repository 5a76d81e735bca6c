"""Reading sources and writing files safely: the only module that touches the disk."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import UnreadableSource

__all__ = ["read_source", "stage", "write_atomic"]


def read_source(path: Path, max_bytes: int) -> bytes:
    """Read a source file whole, refusing one larger than ``max_bytes``.

    Raises:
        UnreadableSource: the file is missing, unreadable, not a file, or too large.
    """
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except FileNotFoundError:
        raise UnreadableSource(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UnreadableSource(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableSource(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise UnreadableSource(
            f"{path}: larger than the limit of {max_bytes:,} bytes; raise the limit to read it"
        )
    return data


TEMPORARY_SUFFIX = ".tmp"
"""The suffix of the temporary files :func:`stage` writes (their names start with a dot)."""


def stage(path: Path, data: bytes, folder: Path | None = None) -> Path:
    """Write ``data`` to a new temporary file, readable by everyone, that will replace ``path``.

    The file goes in ``folder`` (on the same file system as ``path``), or beside
    ``path``. Missing parent folders of ``path`` are created. Replacing ``path``
    with the temporary file (``Path.replace``) is then one atomic step.

    Raises:
        OSError: the file or a folder cannot be written; nothing is left behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=folder or path.parent
    )
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        temporary.chmod(0o644)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return temporary


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part.

    The bytes go to a temporary file in the same folder (:func:`stage`), which
    then replaces ``path`` in one step. Missing parent folders are created.

    Raises:
        OSError: the file or a folder cannot be written; ``path`` is then unchanged.
    """
    temporary = stage(path, data)
    try:
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise

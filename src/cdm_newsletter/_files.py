"""Reading sources and writing files safely: the only module that touches the disk."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .errors import UnreadableSource

__all__ = ["read_source", "stage", "sync_files", "sync_folders", "write_atomic"]


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
            f"{path}: larger than the limit of {max_bytes:,} bytes; raise it to read the file "
            "(--max-source-size, or max_bytes in Python)"
        )
    return data


TEMPORARY_SUFFIX = ".tmp"
"""The suffix of the temporary files :func:`stage` writes (their names start with a dot)."""


def stage(path: Path, data: bytes, folder: Path | None = None) -> Path:
    """Write ``data`` to a new temporary file, readable by everyone, that will replace ``path``.

    The file goes in ``folder`` (on the same file system as ``path``), or beside
    ``path``. Missing parent folders of ``path`` are created. Replacing ``path``
    with the temporary file (``Path.replace``) is then one atomic step; put the bytes
    on the disk first with :func:`sync_files`.

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

    The bytes go to a temporary file in the same folder (:func:`stage`), put on
    the disk, which then replaces ``path`` in one step; the folder is synced
    too, so that even a power cut leaves the old file or the new one. Missing
    parent folders are created.

    Raises:
        OSError: the file or a folder cannot be written; ``path`` is then unchanged.
    """
    temporary = stage(path, data)
    try:
        sync_files([temporary])
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    sync_folders([path.parent])


# fsync errors that mean "this file system does not sync", not "the bytes are lost".
_SYNC_UNSUPPORTED = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}


def _sync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError as exc:
        if exc.errno not in _SYNC_UNSUPPORTED:
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
    finally:
        os.close(descriptor)


def sync_files(paths: Iterable[Path]) -> None:
    """Put the bytes of files written earlier on the disk (``fsync``), several at a time.

    A file renamed over another after this is, after a power cut, the old file or
    the new one, never an empty or partial one. The calls run in threads: the
    file system then commits them in groups, several times quicker than one by one.
    A file system that cannot sync (``EINVAL``, ``ENOTSUP``: some network and FUSE
    ones) is not an error: the files are then as durable as it makes them.

    Raises:
        OSError: a file cannot be opened or synced (``filename`` is its path).
    """
    files = list(paths)
    if len(files) <= 1:
        for path in files:
            _sync_file(path)
        return
    with ThreadPoolExecutor(min(16, len(files))) as pool:
        for _ in pool.map(_sync_file, files):
            pass


def sync_folders(folders: Iterable[Path]) -> None:
    """Put the entries of folders (files renamed or removed in them) on the disk.

    Where a system cannot open or sync a folder (Windows, some network file systems),
    this does nothing: the renames are then as durable as that system makes them.
    """
    for folder in folders:
        try:
            descriptor = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            with contextlib.suppress(OSError):
                os.fsync(descriptor)
        finally:
            os.close(descriptor)

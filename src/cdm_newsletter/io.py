"""Loading issues from source files and dumping them to data files, with the format by suffix.

This is an edge of the library: it reads and writes files. The formats
themselves are importers (found through :mod:`cdm_newsletter.plugins`) and
the emitters of :mod:`cdm_newsletter.dataformats`.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path, PurePath

from attrs import evolve

from ._files import read_source, write_atomic
from .convert import issue_to_data
from .dataformats import EMITTERS
from .errors import CdmNewsletterError, UnknownFormat
from .importers.base import Importer, ImportOptions, ImportResult
from .model import Issue, Provenance
from .plugins import get_importer, importers

__all__ = [
    "DUMP_SUFFIXES",
    "MAX_SOURCE_BYTES",
    "dump",
    "dumps",
    "example_issues",
    "importer_for",
    "load",
    "load_with_diagnostics",
    "loads",
    "loads_with_diagnostics",
]

MAX_SOURCE_BYTES = 20 * 1024 * 1024
"""The default size limit of one source file (20 MiB)."""

DUMP_SUFFIXES = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml"}
"""The file suffixes :func:`dump` writes, and the data format of each."""

_SNIFF_BYTES = 4096


def importer_for(source: str, head: bytes) -> Importer:
    """Choose the importer of a source: by its suffix, else by its first bytes.

    Args:
        source: the source's name; only its suffix is used.
        head: the source's first bytes, for content sniffing.

    Raises:
        UnknownFormat: no importer claims the suffix or recognises the content.
    """
    suffix = PurePath(source).suffix.lower()
    available = importers()
    claiming = [importer for importer in available if suffix in importer.suffixes]
    if len(claiming) == 1:
        return claiming[0]
    for importer in claiming or available:
        if importer.sniff(head):
            return importer
    suffixes = sorted({known for importer in available for known in importer.suffixes})
    raise UnknownFormat(
        f"{source}: cannot tell the format from the suffix {suffix or '(none)'!r} or the content; "
        f"known suffixes: {', '.join(suffixes)}",
        name=suffix,
        known=[importer.name for importer in available],
    )


def loads_with_diagnostics(
    data: bytes, *, source: str, format: str | None = None, options: ImportOptions | None = None
) -> ImportResult:
    """Read an issue from bytes, with what the importer noticed (diagnostics, source lines).

    Args:
        data: the source's content.
        source: its name, for the choice of format and for error messages.
        format: an importer's name, to skip the choice by suffix and content.
        options: what the caller knows beyond the source (the issue date...).

    Raises:
        CdmNewsletterError: the format is unknown or the content is invalid.
    """
    importer = (
        get_importer(format) if format is not None else importer_for(source, data[:_SNIFF_BYTES])
    )
    options = ImportOptions() if options is None else options
    read = getattr(importer, "read", None)
    if callable(read):
        result = read(data, source=source, options=options)
        if not isinstance(result, ImportResult):
            raise TypeError(f"importer {importer.name!r}: read() returned {type(result).__name__}")
    else:
        result = ImportResult(issue=importer.load(data, source=source, options=options))
    if result.issue.provenance is not None:  # kept from the source (an archive, canonical data)
        return result
    provenance = Provenance(source=PurePath(source).name or source, importer=importer.name)
    return evolve(result, issue=evolve(result.issue, provenance=provenance))


def loads(
    data: bytes, *, source: str, format: str | None = None, options: ImportOptions | None = None
) -> Issue:
    """Read an issue from bytes (see :func:`loads_with_diagnostics` for the arguments)."""
    return loads_with_diagnostics(data, source=source, format=format, options=options).issue


def load_with_diagnostics(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    options: ImportOptions | None = None,
    max_bytes: int = MAX_SOURCE_BYTES,
) -> ImportResult:
    """Read an issue from a source file, with what the importer noticed on the way.

    Args:
        path: the source file.
        format: an importer's name; by default it is chosen by suffix, then content.
        options: what the caller knows beyond the source (the issue date...).
        max_bytes: refuse larger files (default :data:`MAX_SOURCE_BYTES`).

    Raises:
        CdmNewsletterError: the file cannot be read, its format is unknown, or
            its content is invalid; the message names the file.
    """
    source = Path(path)
    data = read_source(source, max_bytes)
    return loads_with_diagnostics(data, source=str(source), format=format, options=options)


def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    options: ImportOptions | None = None,
    max_bytes: int = MAX_SOURCE_BYTES,
) -> Issue:
    """Read an issue from a source file, in any format an importer reads.

    See :func:`load_with_diagnostics` for the arguments and errors.
    """
    return load_with_diagnostics(path, format=format, options=options, max_bytes=max_bytes).issue


def dumps(issue: Issue, format: str) -> bytes:
    """Serialise an issue as ``json``, ``yaml`` or ``toml`` data, private people included.

    Raises:
        UnknownFormat: ``format`` is not one of those.
    """
    emit = EMITTERS.get(format)
    if emit is None:
        known = sorted(EMITTERS)
        raise UnknownFormat(
            f"no data format named {format!r}; known: {', '.join(known)}", name=format, known=known
        )
    return emit(issue_to_data(issue))


def dump(issue: Issue, path: str | os.PathLike[str]) -> None:
    """Write an issue to a data file whose format follows its suffix (see :data:`DUMP_SUFFIXES`).

    The file is written atomically: it is either the old file or the new one.

    Raises:
        UnknownFormat: the suffix is not one :func:`dump` writes.
        CdmNewsletterError: the file cannot be written.
    """
    target = Path(path)
    format = DUMP_SUFFIXES.get(target.suffix.lower())
    if format is None:
        known = sorted(DUMP_SUFFIXES)
        raise UnknownFormat(
            f"{target}: cannot write the suffix {target.suffix or '(none)'!r}; "
            f"known: {', '.join(known)}",
            name=target.suffix,
            known=known,
        )
    data = dumps(issue, format)
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise CdmNewsletterError(f"{target}: cannot be written ({exc.strerror or exc})") from exc


def example_issues() -> list[Issue]:
    """The bundled example issues, the default input of ``cdm-newsletter build``."""
    folder = resources.files("cdm_newsletter") / "data"
    sources = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".yaml")), key=lambda e: e.name
    )
    return [loads(entry.read_bytes(), source=f"<bundled>/{entry.name}") for entry in sources]

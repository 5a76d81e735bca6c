"""Writing the site: run exporters over an archive and write their artifacts safely.

Every exporter runs, in memory, before the first file is written: a failing
exporter leaves the previous site as it was. Each file is then written
atomically (a temporary file, then ``os.replace``), and a file whose bytes
have not changed is not rewritten, so its modification time stays.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from attrs import frozen

from ._files import write_atomic
from .archive import Archive
from .errors import ExportError, SiteError
from .exporters.base import Artifact, Exporter, ExportOptions, unsafe_path_reason
from .plugins import exporters, get_exporter

__all__ = ["BuildReport", "build", "collect_artifacts"]


@frozen(kw_only=True)
class BuildReport:
    """What a build did: the formats it ran and the files it wrote or left alone."""

    formats: tuple[str, ...]
    written: tuple[str, ...]
    """Artifact paths whose files were created or changed."""
    unchanged: tuple[str, ...]
    """Artifact paths whose files already held the same bytes."""

    @property
    def paths(self) -> tuple[str, ...]:
        """Every artifact path of the build, sorted."""
        return tuple(sorted(self.written + self.unchanged))


def _chosen_exporters(formats: Sequence[str] | None) -> list[Exporter]:
    if formats is None:
        return exporters()
    chosen: list[Exporter] = []
    for name in dict.fromkeys(formats):  # each once, in the order given
        chosen.append(get_exporter(name))
    return chosen


def _checked(artifact: object, exporter: Exporter) -> Artifact:
    if not isinstance(artifact, Artifact):
        raise ExportError(
            f"exporter {exporter.name!r} returned {type(artifact).__name__}, not an Artifact"
        )
    if not isinstance(artifact.data, bytes):
        raise ExportError(
            f"exporter {exporter.name!r} returned non-bytes data for {artifact.path!r}"
        )
    reason = unsafe_path_reason(artifact.path)
    if reason is not None:
        raise SiteError(
            f"exporter {exporter.name!r} returned the unsafe path {artifact.path!r}: {reason}"
        )
    return artifact


def collect_artifacts(
    archive: Archive, exporters_to_run: Iterable[Exporter], options: ExportOptions
) -> list[Artifact]:
    """Run exporters over an archive and check what they return, writing nothing.

    Raises:
        ExportError: an exporter failed, or returned something that is not an artifact.
        SiteError: an artifact path is unsafe, or two artifacts share a path
            (also when the paths differ only in case).
    """
    artifacts: list[Artifact] = []
    files: dict[str, tuple[str, str]] = {}  # case-folded path: (exporter, path)
    folders: dict[str, tuple[str, str]] = {}  # case-folded folder: (exporter, a path inside)
    for exporter in exporters_to_run:
        for artifact in exporter.export(archive, options):
            checked = _checked(artifact, exporter)
            key = checked.path.casefold()
            parents = _folders_of(key)
            if key in files:
                other, path = files[key]
                raise SiteError(
                    f"exporters {other!r} and {exporter.name!r} both write {checked.path!r}"
                    + ("" if path == checked.path else _CASE_NOTE)
                )
            clash = folders.get(key) or next(
                (files[parent] for parent in parents if parent in files), None
            )
            if clash is not None:
                other, path = clash
                folder, file = sorted((checked.path, path), key=len)  # the folder is the prefix
                raise SiteError(
                    f"exporters {other!r} and {exporter.name!r} write {folder!r} and {file!r}: "
                    f"{folder!r} cannot be both a file and a folder"
                )
            files[key] = (exporter.name, checked.path)
            for parent in parents:
                folders.setdefault(parent, (exporter.name, checked.path))
            artifacts.append(checked)
    return artifacts


_CASE_NOTE = " (paths that differ only in case clash on some file systems)"


def _folders_of(path: str) -> list[str]:
    """The folders a relative POSIX path lies in: ``a/b/c`` gives ``a`` and ``a/b``."""
    parts = path.split("/")
    return ["/".join(parts[:end]) for end in range(1, len(parts))]


def _target(out_dir: Path, root: Path, path: str) -> Path:
    target = out_dir.joinpath(*path.split("/"))
    # A symbolic link inside the output folder must not lead the write elsewhere.
    parent = target.parent.resolve()
    if not parent.is_relative_to(root):
        raise SiteError(f"{target}: its folder leads outside {out_dir} (through a symbolic link)")
    return target


def build(
    archive: Archive,
    out_dir: str | os.PathLike[str],
    formats: Sequence[str] | None = None,
    options: ExportOptions | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Run exporters over an archive and write the site.

    Args:
        archive: the issues to publish.
        out_dir: the output folder, created if missing.
        formats: exporter names; ``None`` runs every installed exporter.
        options: what exporters are told; by default
            :meth:`ExportOptions.from_environment` (``SOURCE_DATE_EPOCH``).
        progress: called with a short message as the work goes on.

    Returns:
        What was written and what was already up to date.

    Raises:
        UnknownFormat: a format name is unknown.
        ExportError: an exporter failed; nothing was written.
        SiteError: an artifact path is unsafe, or a file cannot be written.
    """
    options = ExportOptions.from_environment() if options is None else options
    chosen = _chosen_exporters(formats)
    if progress is not None:
        progress(f"exporting {len(archive.issues)} issue(s) as {', '.join(e.name for e in chosen)}")
    artifacts = collect_artifacts(archive, chosen, options)

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        root = out.resolve()
    except OSError as exc:
        raise SiteError(f"{out}: cannot be written ({exc.strerror or exc})") from exc
    written: list[str] = []
    unchanged: list[str] = []
    for artifact in artifacts:
        target = _target(out, root, artifact.path)
        try:
            if target.is_file() and target.read_bytes() == artifact.data:
                unchanged.append(artifact.path)
                continue
            write_atomic(target, artifact.data)
        except OSError as exc:
            raise SiteError(f"{target}: cannot be written ({exc.strerror or exc})") from exc
        written.append(artifact.path)
    if progress is not None:
        progress(f"wrote {len(written)} file(s), {len(unchanged)} unchanged, in {out}")
    return BuildReport(
        formats=tuple(exporter.name for exporter in chosen),
        written=tuple(written),
        unchanged=tuple(unchanged),
    )

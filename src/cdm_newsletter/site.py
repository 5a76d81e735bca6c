"""Writing the site: run exporters over an archive and write their artifacts safely, incrementally.

Exporters that split their output into :class:`~cdm_newsletter.exporters.base.Part` s
are rebuilt part by part: the build fingerprints each part's inputs and makes
only the parts whose fingerprint, or one of whose files, changed since the last
build (recorded in the manifest, :mod:`cdm_newsletter.manifest`). Other
exporters run whole. With ``jobs`` above one, parts are made in that many
processes; the bytes are the same.

Nothing is replaced until every part has been made: new bytes go to
temporary files in the build's staging folder, and only when all are made and
on the disk (``fsync``) does each replace its target in one step
(``os.replace``), so a failing exporter leaves the previous site as it was and
a reader never sees half a file. A file whose bytes have not changed is not
rewritten (its modification time stays); files of the previous build that no
exporter makes any more are removed; the folders are synced and the manifest is
written last, so that neither a killed process nor a power cut leaves a torn
file or a manifest ahead of the files.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import hashlib
import json
import multiprocessing
import os
import pickle
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from importlib import metadata, resources
from pathlib import Path

import attrs
from attrs import frozen

from ._files import TEMPORARY_SUFFIX, stage, sync_files, sync_folders, write_atomic
from ._version import __version__
from .archive import Archive
from .errors import CdmNewsletterError, ExportError, InvalidValue, SiteError
from .exporters.base import Artifact, Exporter, ExportOptions, Part, unsafe_path_reason
from .fingerprint import Fingerprinter, tree_digest
from .manifest import MANIFEST_PATH, FileRecord, Manifest, PartRecord, read_manifest
from .plugins import RUN_TIME_ORIGIN, exporter_origin, exporters, get_exporter

__all__ = ["BuildReport", "build", "collect_artifacts", "unchanged"]

GENERATOR = f"cdm-newsletter {__version__}"
# The libraries whose versions change what the exporters write: a new one remakes every part.
_LIBRARIES = (
    "attrs",
    "babel",
    "cattrs",
    "css-inline",
    "feedgen",
    "icalendar",
    "jinja2",
    "lxml",
    "markupsafe",
    "python-dateutil",
    "tzdata",
)


@functools.cache
def _libraries() -> str:
    versions = []
    for name in _LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} -")
    return ", ".join(versions)


STAGING_PATH = ".cdm-newsletter/staging"
"""Where new files wait, in the output folder, until every part of a build is made."""
PENDING_PATH = ".cdm-newsletter/pending.json"
"""The paths new to the site that a commit is putting in place, until the manifest has them."""
_PENDING_KEY = "(pending)"  # the part, in the manifest, of such paths of a format not run


@frozen(kw_only=True)
class BuildReport:
    """What a build did: the formats it ran and the files it wrote, kept or removed."""

    formats: tuple[str, ...]
    written: tuple[str, ...]
    """Artifact paths whose files were created or changed."""
    unchanged: tuple[str, ...]
    """Artifact paths whose files already held the same bytes."""
    removed: tuple[str, ...] = ()
    """Files of the previous build that no exporter makes any more, now deleted."""
    parts_made: int = 0
    """Parts of the export that were made (all of them in a full build)."""
    parts_kept: int = 0
    """Parts whose inputs and files had not changed, and were not made again."""

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


def _checked(artifact: object, exporter: str) -> Artifact:
    if not isinstance(artifact, Artifact):
        raise ExportError(
            f"exporter {exporter!r} returned {type(artifact).__name__}, not an Artifact"
        )
    if not isinstance(artifact.data, bytes):
        raise ExportError(f"exporter {exporter!r} returned non-bytes data for {artifact.path!r}")
    reason = unsafe_path_reason(artifact.path)
    if reason is not None:
        raise SiteError(
            f"exporter {exporter!r} returned the unsafe path {artifact.path!r}: {reason}"
        )
    if artifact.path == MANIFEST_PATH or artifact.path.startswith(
        MANIFEST_PATH.split("/")[0] + "/"
    ):
        raise SiteError(
            f"exporter {exporter!r} returned the path {artifact.path!r}, where the build keeps "
            "its manifest"
        )
    return artifact


_CASE_NOTE = " (paths that differ only in case clash on some file systems)"


def _folders_of(path: str) -> list[str]:
    """The folders a relative POSIX path lies in: ``a/b/c`` gives ``a`` and ``a/b``."""
    parts = path.split("/")
    return ["/".join(parts[:end]) for end in range(1, len(parts))]


class _PathClaims:
    """The paths of one build, to refuse two exporters writing one file, or a file and a folder."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[str, str]] = {}  # case-folded path: (exporter, path)
        self._folders: dict[str, tuple[str, str]] = {}  # case-folded folder: (exporter, a path)

    def claim(self, path: str, exporter: str) -> None:
        key = path.casefold()
        parents = _folders_of(key)
        if key in self._files:
            other, known = self._files[key]
            raise SiteError(
                f"exporters {other!r} and {exporter!r} both write {path!r}"
                + ("" if known == path else _CASE_NOTE)
            )
        clash = self._folders.get(key) or next(
            (self._files[parent] for parent in parents if parent in self._files), None
        )
        if clash is not None:
            other, known = clash
            folder, file = sorted((path, known), key=len)  # the folder is the prefix
            raise SiteError(
                f"exporters {other!r} and {exporter!r} write {folder!r} and {file!r}: "
                f"{folder!r} cannot be both a file and a folder"
            )
        self._files[key] = (exporter, path)
        for parent in parents:
            self._folders.setdefault(parent, (exporter, path))


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
    claims = _PathClaims()
    for exporter in exporters_to_run:
        for artifact in exporter.export(archive, options):
            checked = _checked(artifact, exporter.name)
            claims.claim(checked.path, exporter.name)
            artifacts.append(checked)
    return artifacts


# --- planning ----------------------------------------------------------------------------


@frozen(kw_only=True)
class _Planned:
    """A part to make or keep: its exporter's name, the part, and its fingerprint.

    A ``None`` fingerprint means the part is always made (an exporter registered
    at run time has no version to trust, and some arguments cannot be fingerprinted).
    """

    exporter: str
    part: Part
    fingerprint: str | None


def _export_whole(exporter: Exporter, archive: Archive, options: ExportOptions) -> list[Artifact]:
    """The one part of an exporter that does not split its output: all of it."""
    return list(exporter.export(archive, options))


def _trusted(origin: str) -> bool:
    return origin != RUN_TIME_ORIGIN and not origin.startswith("unknown")


def _fingerprint(
    fingerprinter: Fingerprinter, origin: str, exporter: str, *inputs: object
) -> str | None:
    """A part's fingerprint: the generator, the libraries, its exporter and ``inputs``.

    ``None`` (always made) when the exporter has no version to trust, or an input
    cannot be fingerprinted.
    """
    if not _trusted(origin):
        return None
    try:
        return fingerprinter.of(GENERATOR, _libraries(), origin, exporter, *inputs)
    except TypeError:
        return None


def _plan(
    chosen: Sequence[Exporter],
    archive: Archive,
    options: ExportOptions,
    origins: Mapping[str, str],
    fingerprinter: Fingerprinter,
) -> list[_Planned]:
    planned: list[_Planned] = []
    for exporter in chosen:
        origin = origins[exporter.name]
        parts = getattr(exporter, "parts", None)
        if not callable(parts):
            part = Part(key="export", make=_export_whole, args=(exporter, archive, options))
            fingerprint = _fingerprint(fingerprinter, origin, exporter.name, archive, options)
            planned.append(_Planned(exporter=exporter.name, part=part, fingerprint=fingerprint))
            continue
        for part in parts(archive, options):
            if not isinstance(part, Part):
                raise ExportError(
                    f"exporter {exporter.name!r} planned {type(part).__name__}, not a Part"
                )
            fingerprint = _fingerprint(
                fingerprinter, origin, exporter.name, part.key, part.make, part.args, part.needs
            )
            planned.append(_Planned(exporter=exporter.name, part=part, fingerprint=fingerprint))
    return planned


def _options_record(options: ExportOptions) -> dict[str, str]:
    return {field.name: repr(getattr(options, field.name)) for field in attrs.fields(ExportOptions)}


def _templates_digest(options: ExportOptions) -> str:
    package = tree_digest(resources.files("cdm_newsletter") / "templates")
    user = tree_digest(None if options.templates is None else Path(options.templates))
    return hashlib.sha256(f"{package}{user}".encode()).hexdigest()


# --- making parts, here or in other processes ---------------------------------------------


def _make(planned: _Planned, digests: Mapping[str, str] | None = None) -> list[Artifact]:
    """Make a part; an error that is not one of ours becomes an ExportError naming the part."""
    try:
        return planned.part.run(digests)
    except CdmNewsletterError:
        raise
    except Exception as exc:
        raise ExportError(
            f"exporter {planned.exporter!r} failed on {planned.part.key!r}: "
            f"{type(exc).__name__}: {exc}"
        ) from exc


_WORK: list[_Planned] = []  # the parts a pool of forked processes makes, by index


def _make_in_worker(index: int) -> list[Artifact]:
    """Make one part in a worker process.

    An error is raised, so that the pool hands it to the parent with the worker's
    traceback as its cause (as text); one that cannot cross back is sent as its text.
    """
    planned = _WORK[index]
    try:
        # Checked here, so that what crosses back is always artifacts (a function or another
        # value that cannot be pickled would fail in the pool, not as our error).
        return [_checked(artifact, planned.exporter) for artifact in _make(planned)]
    except CdmNewsletterError as exc:
        try:
            pickle.loads(pickle.dumps(exc))  # our own bytes, just made: can it cross back?
        except Exception:
            kind = SiteError if isinstance(exc, SiteError) else ExportError
            raise kind(str(exc)) from exc
        raise


def _made(work: list[_Planned], jobs: int) -> Iterator[tuple[_Planned, list[Artifact]]]:
    """Make parts in order, in ``jobs`` processes when more than one and fork is available.

    Builds with several jobs must not run at the same time in one process (the parts
    reach the forked workers through a module variable).
    """
    if jobs <= 1 or len(work) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for planned in work:
            yield planned, _make(planned)
        return
    global _WORK
    _WORK = work
    context = multiprocessing.get_context("fork")
    chunk = max(1, len(work) // (jobs * 8))
    try:
        with ProcessPoolExecutor(min(jobs, len(work)), mp_context=context) as pool:
            results = pool.map(_make_in_worker, range(len(work)), chunksize=chunk)
            yield from zip(work, results, strict=True)
    except BrokenProcessPool as exc:
        raise ExportError(
            f"a process of the build stopped unexpectedly ({exc}); nothing was written"
        ) from exc
    finally:
        _WORK = []


# --- writing -------------------------------------------------------------------------------


def _target(out_dir: Path, root: Path, path: str) -> Path:
    target = out_dir.joinpath(*path.split("/"))
    # A symbolic link inside the output folder must not lead the write elsewhere.
    parent = target.parent.resolve()
    if not parent.is_relative_to(root):
        raise SiteError(f"{target}: its folder leads outside {out_dir} (through a symbolic link)")
    return target


def _cannot_write(target: Path, exc: OSError) -> SiteError:
    return SiteError(f"{target}: cannot be written ({exc.strerror or exc})")


class _SiteWriter:
    """Stages the new files of one build, then puts them in place and records them."""

    def __init__(self, out: Path, root: Path, previous: Manifest | None) -> None:
        self.out = out
        self.root = root
        self.existed = out.exists()
        # New files wait here until the commit; what a killed build left here goes now,
        # and so do the temporary files of a manifest or pending list it was writing.
        self.staging = out.joinpath(*STAGING_PATH.split("/"))
        shutil.rmtree(self.staging, ignore_errors=True)
        state = self.staging.parent
        if state.is_dir() and not state.is_symlink():
            for leftover in state.glob(f".*{TEMPORARY_SUFFIX}"):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        self.pending = _read_pending(out)
        self.prefix = f"{out}{os.sep}"
        self.previous = previous
        self.claims = _PathClaims()
        self.records: dict[str, FileRecord | None] = {}  # None: staged, recorded on commit
        self.digests: dict[str, str] = {}
        self.staged: list[tuple[Path, Path, str]] = []  # (temporary, target, path)
        self.folders_seen: set[Path] = set()
        self.folders_made: list[Path] = []  # by this build, for discard to remove
        self.written: list[str] = []
        self.unchanged: list[str] = []
        self.parts: dict[str, dict[str, PartRecord]] = {}

    def _previous_record(self, path: str) -> FileRecord | None:
        return None if self.previous is None else self.previous.files.get(path)

    def intact(self, path: str) -> bool:
        """Whether the file at ``path`` is still the one the previous build recorded."""
        record = self._previous_record(path)
        return record is not None and _still(self.prefix, path, record)

    def keep(self, planned: _Planned, record: PartRecord) -> None:
        """Keep the files of a part made by the previous build, as they are."""
        for path in record.paths:
            self.claims.claim(path, planned.exporter)
            kept = self._previous_record(path)
            assert kept is not None
            self.records[path] = kept
            self.digests[path] = kept.sha256
            self.unchanged.append(path)
        self._record_part(planned, record.paths)

    def put(self, planned: _Planned, artifacts: Iterable[object]) -> None:
        """Stage a part's artifacts whose bytes differ from the files in place."""
        paths = []
        for artifact in artifacts:
            checked = _checked(artifact, planned.exporter)
            self.claims.claim(checked.path, planned.exporter)
            paths.append(checked.path)
            self._put(checked)
        self._record_part(planned, tuple(paths))

    def _record_part(self, planned: _Planned, paths: tuple[str, ...]) -> None:
        # A part without a fingerprint is recorded too (an empty one never matches), so that
        # its files are known to be the build's.
        self.parts.setdefault(planned.exporter, {})[planned.part.key] = PartRecord(
            fingerprint=planned.fingerprint or "", paths=paths
        )

    def carry_over(self, ran: Sequence[str]) -> None:
        """Keep in the record the parts and files of the formats this build did not run."""
        previous_parts = self.previous.parts if self.previous is not None else {}
        for name in sorted((set(previous_parts) | set(self.pending)) - set(ran)):
            parts = dict(previous_parts.get(name, {}))
            for record in parts.values():
                for path in record.paths:
                    kept = self.previous.files.get(path) if self.previous is not None else None
                    if kept is not None and path not in self.records:
                        self.records[path] = kept
            if self.pending.get(name):
                # Paths an interrupted commit of that format put in place: the manifest keeps
                # them as that format's, for the build that runs it to remove if need be.
                parts[_PENDING_KEY] = PartRecord(fingerprint="", paths=tuple(self.pending[name]))
            self.parts[name] = parts

    def orphans(self, ran: Sequence[str]) -> list[str]:
        """Files the formats of this build made last time (or were about to) and no more."""
        known: set[str] = set()
        for name in ran:
            for record in (self.previous.parts if self.previous else {}).get(name, {}).values():
                known.update(record.paths)
            known.update(self.pending.get(name, ()))
        return sorted(known - set(self.records))

    def _put(self, artifact: Artifact) -> None:
        target = _target(self.out, self.root, artifact.path)
        digest = hashlib.sha256(artifact.data).hexdigest()
        self.digests[artifact.path] = digest
        previous = self._previous_record(artifact.path)
        try:
            if target.is_dir():  # found now, not half-way through putting files in place
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
            if previous is not None and previous.sha256 == digest and self.intact(artifact.path):
                self.records[artifact.path] = previous
                self.unchanged.append(artifact.path)
                return
            # Without a record, or with a file touched since: compare the bytes themselves.
            if target.is_file() and target.read_bytes() == artifact.data:
                self.records[artifact.path] = _record(target, digest)
                self.unchanged.append(artifact.path)
                return
            self._note_folders(target.parent)
            self.staged.append((stage(target, artifact.data, self.staging), target, artifact.path))
        except OSError as exc:
            raise _cannot_write(target, exc) from exc
        self.records[artifact.path] = None
        self.written.append(artifact.path)

    def _note_folders(self, folder: Path) -> None:
        """Note which of ``folder`` and its parents are missing: staging is about to make them."""
        for parent in _folders_between(folder, self.out):
            if parent in self.folders_seen:
                return
            self.folders_seen.add(parent)
            if not parent.exists():
                self.folders_made.append(parent)

    def discard(self) -> None:
        """Remove the staged files, and the folders made for them: the site stays as it was."""
        for temporary, _target, _path in self.staged:
            with contextlib.suppress(OSError):
                temporary.unlink()
        # Deepest first; a folder that was there before the build stays, empty or not.
        for folder in sorted(self.folders_made, key=lambda folder: len(folder.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()
        self.staged = []
        self._remove_staging()
        if not self.existed:
            with contextlib.suppress(OSError):
                self.out.rmdir()

    def _remove_staging(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        _remove_empty_folders(self.staging.parent, self.out)

    def commit(self, ran: Sequence[str]) -> list[str]:
        """Put the staged files in place, remove the orphans of the formats run; return those.

        The paths new to the site are written down first (:data:`PENDING_PATH`), so
        that an interrupted commit leaves no file the next build would not know as its own.
        """
        known = set(self.previous.files) if self.previous is not None else set()
        staged = {path for _temporary, _target, path in self.staged}
        new_paths: dict[str, list[str]] = {}
        for name, parts in self.parts.items():
            for record in parts.values():
                for path in record.paths:
                    if path in staged and path not in known:
                        new_paths.setdefault(name, []).append(path)
        pending_file = self.out / PENDING_PATH
        try:
            # The new bytes on the disk before any rename: a power cut then leaves each
            # file old or new, as a killed process does.
            sync_files(temporary for temporary, _target, _path in self.staged)
        except OSError as exc:
            targets = {str(temporary): target for temporary, target, _path in self.staged}
            target = targets.get(str(exc.filename), self.out)
            raise SiteError(
                f"{target}: cannot be put on the disk (fsync: {exc.strerror or exc})"
            ) from exc
        if new_paths:
            pending = {
                name: sorted(set(new_paths.get(name, ())) | set(self.pending.get(name, ())))
                for name in set(new_paths) | set(self.pending)
            }
            try:
                write_atomic(pending_file, json.dumps(pending, sort_keys=True).encode())
            except OSError as exc:
                raise _cannot_write(pending_file, exc) from exc
        folders = {self.out}
        while self.staged:
            temporary, target, path = self.staged[0]
            try:
                temporary.replace(target)
                self.records[path] = _record(target, self.digests[path])
            except OSError as exc:
                raise _cannot_write(target, exc) from exc
            self.staged.pop(0)
            folders.update(_folders_between(target.parent, self.out))
        self._remove_staging()
        removed = []
        # What the last build wrote is the build's, edited since or not; what it did not write
        # (the user's own files) is never touched, nor anything a link leads to outside.
        for path in self.orphans(ran):
            if unsafe_path_reason(path) is not None:
                continue
            try:
                target = _target(self.out, self.root, path)
            except (SiteError, OSError):
                continue
            try:
                target.unlink()
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise SiteError(f"{target}: cannot be removed ({exc.strerror or exc})") from exc
            removed.append(path)
            folders.update(_folders_between(target.parent, self.out))
            _remove_empty_folders(target.parent, self.out)
        # The renames and removals on the disk before the manifest that records them (a
        # folder removed since is skipped; its parent, synced too, holds its removal).
        sync_folders(sorted(folders, key=lambda folder: len(folder.parts), reverse=True))
        return removed

    def done(self) -> None:
        """Forget the pending paths: the manifest, now written, records them."""
        with contextlib.suppress(FileNotFoundError):
            (self.out / PENDING_PATH).unlink()

    def files(self) -> dict[str, FileRecord]:
        """The record of every file of the build (after :meth:`commit`)."""
        records = {}
        for path, record in self.records.items():
            assert record is not None
            records[path] = record
        return records


def _read_pending(out: Path) -> dict[str, list[str]]:
    """The paths an interrupted commit was putting in place, by format (none if unreadable)."""
    try:
        data = json.loads((out / PENDING_PATH).read_bytes())
        return {str(name): [str(path) for path in paths] for name, paths in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _record(target: Path, digest: str) -> FileRecord:
    stat = target.stat()
    return FileRecord(sha256=digest, size=stat.st_size, mtime_ns=stat.st_mtime_ns)


def _folders_between(folder: Path, out: Path) -> list[Path]:
    """``folder`` and its parents up to ``out`` (excluded)."""
    found = []
    while folder != out and folder.is_relative_to(out):
        found.append(folder)
        folder = folder.parent
    return found


def _remove_empty_folders(folder: Path, out: Path) -> None:
    while folder != out and folder.is_relative_to(out):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _still(prefix: str, path: str, record: FileRecord) -> bool:
    """Whether the file at ``prefix + path`` is still the one recorded (same size and time)."""
    try:
        # A string, not a Path: several times faster over the tens of thousands of files.
        return record.matches(os.stat(prefix + path))  # noqa: PTH116
    except OSError:
        return False


def _write_manifest(out: Path, manifest: Manifest) -> None:
    path = out / MANIFEST_PATH
    data = manifest.to_json()
    try:
        if not (path.is_file() and path.read_bytes() == data):
            write_atomic(path, data)
    except OSError as exc:
        raise _cannot_write(path, exc) from exc


def _setup(
    names: Sequence[str],
    options_record: Mapping[str, str],
    templates: str,
    origins: Mapping[str, str],
) -> str:
    """A fingerprint of what a build runs and how; empty when an exporter has no version."""
    if not all(_trusted(origin) for origin in origins.values()):
        return ""
    return Fingerprinter().of(
        GENERATOR, _libraries(), tuple(names), options_record, templates, origins
    )


def unchanged(
    out_dir: str | os.PathLike[str],
    sources: str,
    formats: Sequence[str] | None = None,
    options: ExportOptions | None = None,
) -> BuildReport | None:
    """The report of a build that would change nothing, or ``None`` if one may be needed.

    Nothing needs doing when the last build of ``out_dir`` was given the same
    ``sources`` digest, ran the same exporters in the same versions with the same
    options and templates, and every file it wrote is still as it left it. A
    caller that reads issues from files (the command line) can then skip reading
    them at all.
    """
    if not sources:
        return None
    options = ExportOptions.from_environment() if options is None else options
    chosen = _chosen_exporters(formats)
    names = tuple(exporter.name for exporter in chosen)
    origins = {exporter.name: exporter_origin(exporter.name) for exporter in chosen}
    setup = _setup(names, _options_record(options), _templates_digest(options), origins)
    out = Path(out_dir)
    manifest = read_manifest(out)
    if manifest is None or not setup or (manifest.setup, manifest.sources) != (setup, sources):
        return None
    return _unchanged_report(out, manifest, names)


def _intact_site(out: Path, manifest: Manifest) -> bool:
    prefix = f"{out}{os.sep}"
    return all(_still(prefix, path, record) for path, record in manifest.files.items())


def _unchanged_report(out: Path, manifest: Manifest, names: tuple[str, ...]) -> BuildReport | None:
    """The report of a build that keeps everything, or ``None``.

    Everything is kept when the last build finished and each of its files is still as it
    left it.
    """
    if (out / PENDING_PATH).exists() or not _intact_site(out, manifest):
        return None  # an interrupted commit, or files changed since
    kept = sum(len(parts) for parts in manifest.parts.values())
    return BuildReport(formats=names, written=(), unchanged=tuple(manifest.files), parts_kept=kept)


def build(
    archive: Archive,
    out_dir: str | os.PathLike[str],
    formats: Sequence[str] | None = None,
    options: ExportOptions | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
    full: bool = False,
    sources: str | None = None,
) -> BuildReport:
    """Run exporters over an archive and write the site, remaking only what changed.

    Args:
        archive: the issues to publish.
        out_dir: the output folder, created if missing.
        formats: exporter names; ``None`` runs every installed exporter.
        options: what exporters are told; by default
            :meth:`ExportOptions.from_environment` (``SOURCE_DATE_EPOCH``).
        progress: called with a short message as the work goes on.
        jobs: how many processes make the parts (where ``fork`` is available).
        full: make every part, whatever the manifest says (files whose bytes
            are unchanged are still left alone).
        sources: a digest of the files the issues were read from, recorded for
            :func:`unchanged` (which can then tell, without reading the issues,
            that there is nothing to do).

    Returns:
        What was written, what was already up to date, and what was removed.

    Raises:
        UnknownFormat: a format name is unknown.
        ExportError: an exporter failed; nothing was written.
        SiteError: an artifact path is unsafe, or a file cannot be written.
    """
    options = ExportOptions.from_environment() if options is None else options
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InvalidValue("jobs", f"{jobs!r} is not a number of processes (1 or more)")
    # The archive's objects live through the build: frozen, the garbage collector does not
    # walk them again at each collection (a tenth of a large build), nor do forked workers
    # copy their pages by touching them.
    freezing = gc.get_freeze_count() == 0
    if freezing:
        gc.freeze()
    try:
        return _build(archive, out_dir, formats, options, progress, jobs, full, sources)
    finally:
        if freezing:
            gc.unfreeze()


def _build(
    archive: Archive,
    out_dir: str | os.PathLike[str],
    formats: Sequence[str] | None,
    options: ExportOptions,
    progress: Callable[[str], None] | None,
    jobs: int,
    full: bool,
    sources: str | None,
) -> BuildReport:
    chosen = _chosen_exporters(formats)
    out = Path(out_dir)
    try:
        root = out.resolve()
    except OSError as exc:
        raise _cannot_write(out, exc) from exc
    names = tuple(exporter.name for exporter in chosen)
    if progress is not None:
        progress(f"exporting {len(archive.issues)} issue(s) as {', '.join(names)}")

    fingerprinter = Fingerprinter()
    origins = {exporter.name: exporter_origin(exporter.name) for exporter in chosen}
    inputs = {issue.id: fingerprinter.issue(issue) for issue in archive.issues}
    options_record = _options_record(options)
    templates = _templates_digest(options)
    setup = _setup(names, options_record, templates, origins)
    state = fingerprinter.of(setup, inputs) if setup else ""
    previous = read_manifest(out)
    trusted = None if full else previous  # what the build may keep without making it again
    report = (
        _unchanged_report(out, trusted, names)
        if trusted is not None and state and trusted.state == state
        else None
    )
    if report is not None:
        assert trusted is not None
        if progress is not None:
            progress(f"nothing changed since the last build of {out}")
        if sources is not None and trusted.sources != sources:
            _write_manifest(out, attrs.evolve(trusted, sources=sources))
        return report

    writer = _SiteWriter(out, root, previous)
    trusted_parts = None if trusted is None else trusted.parts
    made = kept = 0
    try:
        planned = _plan(chosen, archive, options, origins, fingerprinter)
        first = [item for item in planned if not item.part.needs]
        last = [item for item in planned if item.part.needs]
        for batch in (first, last):
            work: list[_Planned] = []
            for item in batch:
                fingerprint = item.fingerprint
                if fingerprint is not None and item.part.needs:
                    fingerprint = fingerprinter.of(
                        fingerprint, [writer.digests.get(path) for path in item.part.needs]
                    )
                    item = attrs.evolve(item, fingerprint=fingerprint)
                record = (trusted_parts or {}).get(item.exporter, {}).get(item.part.key)
                if (
                    record is not None
                    and fingerprint is not None
                    and record.fingerprint == fingerprint
                    and all(writer.intact(path) for path in record.paths)
                ):
                    writer.keep(item, record)
                    kept += 1
                else:
                    work.append(item)
            if progress is not None and work:
                progress(f"making {len(work)} part(s), keeping {kept}")
            for item, artifacts in (
                _made(work, jobs)
                if batch is first
                else ((w, _make(w, writer.digests)) for w in work)
            ):
                writer.put(item, artifacts)
                made += 1
        writer.carry_over(names)
        removed = writer.commit(names)
    except BaseException:
        writer.discard()
        raise
    manifest = Manifest(
        generator=GENERATOR,
        state=state,
        setup=setup,
        sources=sources if setup else None,
        options=options_record,
        templates=templates,
        exporters=origins,
        inputs=inputs,
        parts=writer.parts,
        files=writer.files(),
    )
    _write_manifest(out, manifest)
    writer.done()
    if progress is not None:
        progress(
            f"wrote {len(writer.written)} file(s), {len(writer.unchanged)} unchanged, "
            f"{len(removed)} removed, in {out}"
        )
    return BuildReport(
        formats=names,
        written=tuple(writer.written),
        unchanged=tuple(writer.unchanged),
        removed=tuple(removed),
        parts_made=made,
        parts_kept=kept,
    )

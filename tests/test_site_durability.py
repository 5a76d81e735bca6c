"""Durability: the order of a build's disk writes makes a power cut as harmless as a killed
process. New bytes are on the disk (fsync) before they replace a file, and every rename and
removal is on the disk before the manifest that records it."""

from __future__ import annotations

import errno
import os
import stat
import sys
import threading
from pathlib import Path

import pytest

import cdm_newsletter as cdm
from cdm_newsletter.manifest import MANIFEST_PATH
from tests.conftest import build_issue, raises_exactly, site_snapshot

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads open files' paths from /proc/self/fd"
)


class DiskLog:
    """Records, in order, every fsync (by path) and every rename of the process."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[tuple[str, str, str]] = []
        self.lock = threading.Lock()
        fsync, replace, unlink = os.fsync, os.replace, os.unlink

        def logged_fsync(descriptor: int) -> None:
            path = str(Path(f"/proc/self/fd/{descriptor}").readlink())
            fsync(descriptor)
            self._log("fsync", path)

        def logged_replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
            replace(source, target)
            self._log("replace", os.fspath(target), os.fspath(source))

        def logged_unlink(path: str | os.PathLike[str], **kwargs: object) -> None:
            unlink(path, **kwargs)  # type: ignore[arg-type]
            self._log("unlink", os.fspath(path))

        monkeypatch.setattr(os, "fsync", logged_fsync)
        monkeypatch.setattr(os, "replace", logged_replace)
        monkeypatch.setattr(os, "unlink", logged_unlink)

    def _log(self, kind: str, path: str, source: str = "") -> None:
        with self.lock:
            self.events.append((kind, path, source))

    def index(self, kind: str, path: str | Path, *, after: int = -1) -> int:
        """The first event of that kind and path after position ``after`` (fails if none)."""
        for position in range(after + 1, len(self.events)):
            if self.events[position][:2] == (kind, str(path)):
                return position
        raise AssertionError(f"no {kind} of {path} after event {after}")

    def check_order(self, out: Path) -> None:
        """Every rename follows the fsync of its bytes; every touched folder is synced after
        its last change and before the manifest is replaced; the manifest's folder after that."""
        manifest = out / MANIFEST_PATH
        manifest_replaced = self.index("replace", manifest)
        changes = [
            (position, event)
            for position, event in enumerate(self.events)
            if event[0] in ("replace", "unlink") and not event[1].endswith(".tmp")
        ]
        assert changes
        for position, (kind, path, source) in changes:
            if kind == "replace":
                assert self.index("fsync", source) < position, f"{path}: renamed before synced"
            if position < manifest_replaced and Path(path).parent.exists():
                synced = self.index("fsync", Path(path).parent, after=position)
                assert synced < manifest_replaced, f"{path}: folder synced after the manifest"
        assert self.index("fsync", manifest.parent, after=manifest_replaced)


def test_a_first_build_syncs_bytes_then_renames_then_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    log = DiskLog(monkeypatch)
    report = cdm.build(cdm.Archive(cdm.example_issues()), out, ["json", "html", "ical", "xml"])
    assert len(report.written) > 20
    log.check_order(out)
    # A new folder's entry is synced in its parent too.
    assert log.index("fsync", out / "issues")


def test_a_build_that_changes_and_removes_files_syncs_them_before_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    cdm.build(cdm.Archive(cdm.example_issues()), out, ["json", "html"])
    log = DiskLog(monkeypatch)
    report = cdm.build(cdm.Archive([build_issue(title="Un autre titre")]), out, ["json", "html"])
    assert report.removed
    assert report.written
    assert {event[0] for event in log.events} >= {"fsync", "replace", "unlink"}
    log.check_order(out)


def test_a_nothing_changed_build_syncs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    cdm.build(cdm.Archive(cdm.example_issues()), out, ["json"])
    log = DiskLog(monkeypatch)
    cdm.build(cdm.Archive(cdm.example_issues()), out, ["json"])
    assert log.events == []


def test_dump_syncs_the_file_and_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = DiskLog(monkeypatch)
    target = tmp_path / "2018-12.yaml"
    cdm.dump(build_issue(), target)
    replaced = log.index("replace", target)
    assert log.index("fsync", log.events[replaced][2]) < replaced
    assert log.index("fsync", tmp_path, after=replaced)


def _failing_fsync(code: int, *, folders: bool) -> object:
    """An ``os.fsync`` that fails with ``code`` on files (or on folders only)."""
    fsync = os.fsync

    def failing(descriptor: int) -> None:
        if stat.S_ISDIR(os.fstat(descriptor).st_mode) == folders:
            raise OSError(code, os.strerror(code))
        fsync(descriptor)

    return failing


@pytest.mark.parametrize(
    ("code", "folders"), [(errno.EINVAL, False), (errno.ENOTSUP, False), (errno.EIO, True)]
)
def test_a_file_system_that_cannot_sync_still_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, folders: bool
) -> None:
    monkeypatch.setattr(os, "fsync", _failing_fsync(code, folders=folders))
    report = cdm.build(cdm.Archive(cdm.example_issues()), tmp_path, ["json"])
    assert sorted(report.written) == ["data/2018-12.json", "data/2019-03.json"]


def test_a_file_that_cannot_be_synced_stops_the_build_and_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cdm.build(cdm.Archive(cdm.example_issues()[:1]), tmp_path, ["json"])
    before = site_snapshot(tmp_path)
    monkeypatch.setattr(os, "fsync", _failing_fsync(errno.EIO, folders=False))
    with raises_exactly(
        cdm.SiteError,
        f"{tmp_path / 'data' / '2019-03.json'}: cannot be put on the disk "
        "(fsync: Input/output error)",
    ):
        cdm.build(cdm.Archive(cdm.example_issues()), tmp_path, ["json"])
    assert site_snapshot(tmp_path) == before
    assert not (tmp_path / ".cdm-newsletter" / "staging").exists()

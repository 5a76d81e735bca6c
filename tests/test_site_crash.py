"""Crash safety: a build killed (SIGKILL) at any moment leaves every file either as it was or as
it should be, a manifest that is never ahead of the files, and a site the next build repairs."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from benchmarks.synthetic import make_issues

import cdm_newsletter as cdm
from cdm_newsletter.manifest import read_manifest
from tests.conftest import site_snapshot

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ["json", "xml", "html", "rss", "atom", "ical"]
TRIALS = int(os.environ.get("CDM_CRASH_TRIALS", "20"))
# The new build: more issues than the old one, and articles of other lengths (another seed).
CHILD = """
import sys
import cdm_newsletter as cdm
from benchmarks.synthetic import make_issues
archive = cdm.Archive(make_issues({issues}, 10, 12, seed=7))
print("building", flush=True)
cdm.build(archive, sys.argv[1], {formats!r}, cdm.ExportOptions())
print("built", flush=True)
"""
OLD, NEW = 50, 60


@pytest.fixture(scope="module")
def versions(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """The old site (built), the old files and the files the new build must give."""
    old = tmp_path_factory.mktemp("old")
    cdm.build(cdm.Archive(make_issues(OLD, 10, 12)), old, FORMATS, cdm.ExportOptions())
    new = tmp_path_factory.mktemp("new")
    cdm.build(cdm.Archive(make_issues(NEW, 10, 12, seed=7)), new, FORMATS, cdm.ExportOptions())
    return old, site_snapshot(old), site_snapshot(new)


def _child(out: Path) -> subprocess.Popen[str]:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")])}
    script = CHILD.format(issues=NEW, formats=FORMATS)
    return subprocess.Popen(
        [sys.executable, "-c", script, str(out)],
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
    )


def test_a_build_takes_long_enough_to_be_killed_in_the_middle(
    versions: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path
) -> None:
    old, _, new_files = versions
    shutil.copytree(old, tmp_path / "site")
    with _child(tmp_path / "site") as child:
        assert child.stdout is not None
        assert child.stdout.readline() == "building\n"
        start = time.perf_counter()
        assert child.wait(timeout=120) == 0
        assert time.perf_counter() - start > 0.5  # the kills below land inside a real build
    assert site_snapshot(tmp_path / "site") == new_files


@pytest.mark.parametrize("trial", range(TRIALS))
def test_a_killed_build_leaves_old_or_new_files_and_the_next_build_repairs(
    versions: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path, trial: int
) -> None:
    old, old_files, new_files = versions
    site = tmp_path / "site"
    shutil.copytree(old, site)
    with _child(site) as child:
        assert child.stdout is not None
        assert child.stdout.readline() == "building\n"
        time.sleep(random.Random(trial).uniform(0.0, 1.5))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)

    for path, data in site_snapshot(site).items():
        assert path in old_files or path in new_files, f"{path}: neither old nor new"
        assert data in (old_files.get(path), new_files.get(path)), f"{path}: a torn file"
    manifest = read_manifest(site)
    assert manifest is not None
    for path, record in manifest.files.items():  # never ahead: what it vouches for is there
        target = site / path
        if target.is_file() and record.matches(target.stat()):
            assert hashlib.sha256(target.read_bytes()).hexdigest() == record.sha256, path

    cdm.build(cdm.Archive(make_issues(NEW, 10, 12, seed=7)), site, FORMATS, cdm.ExportOptions())
    assert site_snapshot(site) == new_files
    assert not (site / ".cdm-newsletter" / "staging").exists()
    assert not list(site.rglob("*.tmp"))


def test_a_state_file_left_half_written_goes_at_the_next_build(tmp_path: Path) -> None:
    """A build killed while writing its manifest leaves ``.manifest.json.*.tmp``; the next
    build removes it (it was found by the kill test above, now and then)."""
    site = tmp_path / "site"
    archive = cdm.Archive(cdm.example_issues())
    cdm.build(archive, site, ["json"], cdm.ExportOptions())
    leftover = site / ".cdm-newsletter" / ".manifest.json.x1y2z3.tmp"
    leftover.write_bytes(b'{"half": ')
    cdm.build(archive, site, ["json"], cdm.ExportOptions(), full=True)
    assert not list(site.rglob("*.tmp"))

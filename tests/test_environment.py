"""Environment independence: the locale, the time zone, the working folder and the way the
package is installed change nothing in a built site, byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import missing_checker, site_snapshot

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    str(ROOT / "tests" / "data" / "infolettre" / "infolettre-2019-03.txt"),
    str(ROOT / "examples" / "infolettre-2018-12.yaml"),
]
VARIANTS = {
    "French locale": {"LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8"},
    "C locale": {"LANG": "C", "LC_ALL": "C"},
    "Auckland": {"TZ": "Pacific/Auckland"},
    "UTC": {"TZ": "UTC"},
}


def _build(
    out: Path, *, cwd: Path, extra: dict[str, str], pythonpath: str | None = None
) -> tuple[str, str]:
    """Build the sources in a new process; give the module file it imported and its LC_TIME."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("LANG", "LC_ALL", "LC_TIME", "TZ", "SOURCE_DATE_EPOCH", "PYTHONPATH")
    }
    environment.update(extra)
    if pythonpath is not None:
        environment["PYTHONPATH"] = pythonpath
    # The process takes its locale from the environment, as a program embedding the library
    # would: setlocale(LC_ALL, "") fails when the locale is not installed.
    script = (
        "import locale, sys, cdm_newsletter as cdm\n"
        "from cdm_newsletter.cli import main\n"
        "try:\n"
        "    locale.setlocale(locale.LC_ALL, '')\n"
        "except locale.Error:\n"
        "    pass\n"
        "print(cdm.__file__, file=sys.stderr)\n"
        "print(locale.setlocale(locale.LC_TIME), file=sys.stderr)\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "build", *SOURCES, "-o", str(out), "-f", FORMATS],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    module, time_locale = done.stderr.splitlines()[:2]
    return module, time_locale


FORMATS = "json,xml,html,rss,atom,ical"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("reference") / "site"
    _build(out, cwd=ROOT, extra={})
    site = site_snapshot(out)
    assert len(site) > 40
    return site


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_the_locale_and_the_time_zone_change_nothing(
    name: str, reference: dict[str, bytes], tmp_path: Path
) -> None:
    _, time_locale = _build(tmp_path / "site", cwd=ROOT, extra=VARIANTS[name])
    wanted = VARIANTS[name].get("LC_ALL")
    if wanted is not None and time_locale != wanted:
        missing_checker(f"the locale {wanted} is not installed (localedef -i fr_FR -f UTF-8 ...)")
    assert site_snapshot(tmp_path / "site") == reference


def test_another_working_folder_changes_nothing(
    reference: dict[str, bytes], tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _build(tmp_path / "site", cwd=elsewhere, extra={})
    assert site_snapshot(tmp_path / "site") == reference


def test_an_installed_wheel_builds_the_same_site(
    reference: dict[str, bytes], tmp_path: Path
) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("cdm_newsletter-*.whl")
    target = tmp_path / "installed"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    used, _ = _build(tmp_path / "site", cwd=elsewhere, extra={}, pythonpath=str(target))
    assert used.startswith(str(target)), used  # the wheel's copy, not the working tree's
    assert site_snapshot(tmp_path / "site") == reference

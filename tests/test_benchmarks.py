"""The benchmark command runs and prints its tables (a smoke test on a tiny archive; the figures
themselves are not checked: speed is measured, not tested)."""

from __future__ import annotations

import re

import pytest
from benchmarks.__main__ import main


def test_the_build_figures_on_a_tiny_archive(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--only", "build", "--issues", "6", "--jobs", "2", "--peer", "pelican"])
    out = capsys.readouterr().out
    for name in ("json", "xml", "html", "rss", "atom", "ical", "sum", "all"):
        assert re.search(rf"^{name} +[0-9.]+ ", out, re.MULTILINE), name
    assert "same bytes: yes" in out
    assert re.search(r"^nothing changed +[0-9.]+ +[0-9.]+% +0 +0 ", out, re.MULTILINE)
    assert re.search(r"^one issue added ", out, re.MULTILINE)
    assert "Pelican" in out  # its figures, or that it is not installed

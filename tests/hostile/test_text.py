"""Hostile text exports: odd bytes and sizes give an issue (or a clear error) and a valid site."""

from __future__ import annotations

from pathlib import Path

import pytest

import cdm_newsletter as cdm
from tests.artifact_checks import assert_valid_site

DATA = Path(__file__).resolve().parents[1] / "data" / "infolettre"
BASE = (DATA / "infolettre-2019-03.txt").read_bytes()
BUILT_IN = ["atom", "html", "ical", "json", "rss", "xml"]
TITLE = "Le printemps s'annonce chargé pour notre Réseau.".encode()


def _paragraph(text: bytes) -> bytes:
    return BASE.replace(b"\n\nBien cordialement,", b"\n\n" + text + b"\n\nBien cordialement,", 1)


VARIANTS = {
    "invalid UTF-8": _paragraph(b"Caf\xe9 \xff\xfe \x80 cr\xe8me"),
    "NUL and control characters": _paragraph(b"un\x00 deux\x01 trois\x1b[31m quatre\x7f\x9b"),
    "a lone surrogate, as UTF-8": _paragraph(b"avant \xed\xa0\x80 apr\xc3\xa8s"),
    "line and paragraph separators": _paragraph("un\u2028deux\u2029trois".encode()),
    "non-characters": _paragraph("un\ufdd0deux\U0004fffetrois\U0010ffff".encode()),
    "Arabic, Hebrew and emoji": _paragraph(
        "مرحبا بكم في الشبكة ‏שלום לכולם‏ 😀👍🏽🇵🇹 ‮txt.exe".encode()
    ),
    "a 2,000-character title": BASE.replace(TITLE, ("Très long titre " * 125).encode(), 1),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    sites = {}
    for name, data in VARIANTS.items():
        issue = cdm.loads(data, source="infolettre-2019-03.txt")
        folder = tmp_path_factory.mktemp("site")
        # The built-in formats: the checker knows them (a plugin's may be anything).
        cdm.build(cdm.Archive([issue]), folder, BUILT_IN, options=cdm.ExportOptions())
        sites[name] = folder
    return sites


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_odd_text_gives_a_valid_site(name: str, built: dict[str, Path]) -> None:
    assert_valid_site(built[name])


def test_control_characters_are_not_published(built: dict[str, Path]) -> None:
    for path in built["NUL and control characters"].rglob("*"):
        if path.is_file() and ".cdm-newsletter" not in path.parts:
            data = path.read_bytes()
            for control in (b"\x00", b"\x01", b"\x1b", b"\x7f"):
                assert control not in data, (path, control)


def test_arabic_hebrew_and_emoji_survive_in_the_data(built: dict[str, Path]) -> None:
    data = (built["Arabic, Hebrew and emoji"] / "data" / "2019-03.json").read_text("utf-8")
    assert "مرحبا" in data
    assert "שלום" in data
    assert "😀👍🏽🇵🇹" in data


def test_a_ten_megabyte_line_and_two_hundred_thousand_lines(tmp_path: Path) -> None:
    for data in (
        _paragraph(b"mot " * 2_500_000),
        _paragraph(b"ligne\n" * 200_000),
    ):
        issue = cdm.loads(data, source="infolettre-2019-03.txt")
        words = sum(len(article.body.to_plain().split()) for article in issue.articles())
        editorial = issue.editorial.body.to_plain().split() if issue.editorial else []
        assert len(editorial) + words >= 200_000
        cdm.build(cdm.Archive([issue]), tmp_path / "site", ["json", "xml"], cdm.ExportOptions())
        assert_valid_site(tmp_path / "site")

"""Editorial checks: each finding, its severity, and the line it points at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import cdm_newsletter as cdm
from cdm_newsletter.cli import main
from tests.conftest import build_issue

TEXT = """\
AGENDA

Réunions internes

mardi 15 mai 2019

Comité, Paris

3 mars 2019

Réunion sans lieu

NOUVELLES DES CDM

UNE JOURNEE

Un texte avec un mot mot répété, et nous nous réjouissons. Voir [ce lien](#).

FINANCEMENTS EUROPEENS

Appel Erasmus+ KA2, date limite 1er mars 2019. [Lien](https://www.example.org/appel)
"""


def codes(result: cdm.ImportResult) -> list[tuple[int | None, str, str]]:
    return [(d.line, d.severity.value, d.code) for d in cdm.lint(result, "issue.txt")]


def test_findings_and_their_lines() -> None:
    result = cdm.loads_with_diagnostics(TEXT.encode(), source="infolettre-2019-04.txt")
    assert codes(result) == [
        (5, "warning", "weekday-mismatch"),
        (9, "warning", "event-without-place"),
        (9, "warning", "past-event"),
        (15, "info", "article-without-contact"),
        (17, "warning", "placeholder-link"),
        (17, "warning", "repeated-word"),
        (21, "warning", "past-deadline"),
    ]
    assert [d.message for d in cdm.lint(result, "issue.txt")] == [
        "mardi 15 mai 2019: 15 mai 2019 is a mercredi",
        "'Réunion sans lieu' says nowhere where it happens",
        "'Réunion sans lieu' (2019-03-03) is already past at the issue date",
        "the article 'UNE JOURNEE' has no contact",
        "the link 'ce lien' has no target yet",
        "repeated word: 'mot mot'",
        "the deadline of 'Appel Erasmus+ KA2' (2019-03-01) is already past",
    ]


def test_a_clean_issue_has_nothing_to_say() -> None:
    result = cdm.ImportResult(issue=build_issue(date=dt.date(2018, 12, 15)))
    assert cdm.lint(result, "issue.yaml") == []


def test_findings_without_locations_have_no_line() -> None:
    issue = build_issue(
        sections=(
            cdm.Section(
                title="S",
                kind=cdm.SectionKind.MEMBER_NEWS,
                articles=(
                    cdm.Article(id="a", title="T", body=cdm.RichText.from_paragraphs("le le chat")),
                ),
            ),
        )
    )
    found = cdm.lint(cdm.ImportResult(issue=issue), "issue.yaml")
    assert [str(d) for d in found] == [
        "issue.yaml: warning: repeated word: 'le le'",
        "issue.yaml: info: the article 'T' has no contact",
    ]


def test_lint_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "infolettre-2019-04.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert main(["lint", str(source)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{source}:5: warning: mardi 15 mai 2019: 15 mai 2019 is a mercredi",
        f"{source}:9: warning: 'Réunion sans lieu' says nowhere where it happens",
        f"{source}:9: warning: 'Réunion sans lieu' (2019-03-03) is already past at the issue date",
        f"{source}:15: info: the article 'UNE JOURNEE' has no contact",
        f"{source}:17: warning: the link 'ce lien' has no target yet",
        f"{source}:17: warning: repeated word: 'mot mot'",
        f"{source}:21: warning: the deadline of 'Appel Erasmus+ KA2' (2019-03-01) is already past",
    ]
    assert main(["lint", "--strict", str(source)]) == 1


def test_lint_command_fails_on_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "infolettre-2019-04.txt"
    source.write_text("AGENDA\n\ncourant mai 2019\n\nAtelier, Paris\n", encoding="utf-8")
    assert main(["lint", str(source)]) == 1
    assert capsys.readouterr().out == (
        f"{source}:3: error: cannot read 'courant mai 2019' as a date: no day number\n"
    )


def test_lint_needs_a_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "lettre.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert main(["lint", str(source)]) == 1
    assert capsys.readouterr().err == (
        f"error: {source}: $.date: no issue date: give it in front matter ('date: 2018-12-15'),"
        " in the file name ('infolettre-2018-12.txt') or with --issue-date"
        " (ImportOptions.issue_date in Python)\n"
    )
    assert main(["lint", "--issue-date", "2019-04-10", str(source)]) == 0
    with pytest.raises(SystemExit) as caught:
        main(["lint", "--issue-date", "10/04/2019", str(source)])
    assert caught.value.code == 2
    # After argparse's usage lines, its wording around ours.
    assert capsys.readouterr().err.splitlines()[-1] == (
        "cdm-newsletter lint: error: argument --issue-date:"
        " '10/04/2019' is not a date as YYYY-MM-DD"
    )


def test_unknown_place_falls_back_to_the_default_zone_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "infolettre-2019-04.txt"
    source.write_text("AGENDA\n\n16 mai 2019 (matin)\n\nAtelier, Atlantis\n", encoding="utf-8")
    assert main(["lint", "--timezone", "Europe/Brussels", str(source)]) == 0
    assert capsys.readouterr().out == (
        f"{source}:5: info: the place 'Atlantis' is not in the gazetteer;"
        " its time zone is Europe/Brussels (the default)\n"
    )
    issue = cdm.load(source, options=cdm.ImportOptions(default_timezone="Europe/Brussels"))
    assert issue.agenda[0].place is not None
    assert issue.agenda[0].place.timezone == "Europe/Brussels"


def test_unknown_time_zones_are_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "infolettre-2019-04.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert main(["lint", "--timezone", "Mars/Olympus", str(source)]) == 1
    assert capsys.readouterr().err == (
        "error: default_timezone: 'Mars/Olympus' is not an IANA time zone name\n"
    )
    data = {
        "id": "2019-04",
        "date": "2019-04-01",
        "title": "T",
        "publisher": {"name": "R"},
        "agenda": [
            {
                "title": "A",
                "when": {"start": "2019-05-01"},
                "place": {"name": "X", "timezone": "Europe/Atlantis"},
            }
        ],
    }
    with pytest.raises(cdm.InvalidData) as caught:
        cdm.issue_from_data(data, source="issue.yaml")
    assert str(caught.value) == (
        "issue.yaml: $.agenda[0].place.timezone: 'Europe/Atlantis' is not an IANA time zone name"
    )

"""Where a text issue's id and date come from: front matter, file name, options."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import cdm_newsletter as cdm

BODY = "NOUVELLES DES CDM\n\nUN TITRE\n\nUn paragraphe.\n"


def read(text: str, source: str = "issue.txt", **options: object) -> cdm.ImportResult:
    return cdm.loads_with_diagnostics(
        text.encode("utf-8"),
        source=source,
        options=cdm.ImportOptions(**options),  # type: ignore[arg-type]
    )


def test_front_matter_gives_the_identity() -> None:
    text = (
        "---\nid: 2019-06-2\ndate: 2019-06-20\ntitle: InfoLettre spéciale\nlanguage: fr-BE\n---\n"
        + BODY
    )
    issue = read(text).issue
    assert (issue.id, issue.date, issue.title, issue.language) == (
        "2019-06-2",
        dt.date(2019, 6, 20),
        "InfoLettre spéciale",
        "fr-BE",
    )
    assert issue.sections[0].title == "NOUVELLES DES CDM"


def test_front_matter_lines_count_in_diagnostics() -> None:
    result = read("---\ndate: 2019-06-20\n---\n\nAGENDA\n\n7 juin 2019\n\nRéunion\x07, Paris\n")
    assert [(d.line, d.code) for d in result.diagnostics] == [(9, "control-character")]


def test_front_matter_errors_name_the_field() -> None:
    with pytest.raises(cdm.InvalidData) as caught:
        read("---\ndate: 2019-13-01\ncolour: blue\n---\n" + BODY)
    assert str(caught.value).splitlines() == [
        "issue.txt: front matter $.date: '2019-13-01' is not a real date",
        "issue.txt: front matter $.colour: unknown field; expected one of:"
        " date, id, language, publisher, title, url",
    ]


def test_front_matter_syntax_error_has_the_file_line() -> None:
    with pytest.raises(cdm.InvalidSyntax) as caught:
        read("\n---\ndate: 2019-06-20\ntitle: [oops\n---\n" + BODY)
    assert caught.value.line in (4, 5)
    # Where the error is found and how it is worded are libyaml's (line 5, column 1), or
    # pure-Python PyYAML's (line 4, column 13) when PyYAML is built without libyaml.
    assert re.fullmatch(r"issue\.txt: line [45], column \d+: front matter: .+", str(caught.value))


@pytest.mark.parametrize(
    ("source", "issue_date", "identity"),
    [
        ("infolettre-2018-12.txt", None, ("2018-12", dt.date(2018, 12, 1))),
        ("infolettre-2018-12-2.txt", None, ("2018-12-2", dt.date(2018, 12, 1))),
        ("infolettre-2018-12.txt", dt.date(2018, 12, 14), ("2018-12", dt.date(2018, 12, 14))),
        ("infolettre-2018-12.txt", dt.date(2019, 1, 5), ("2018-12", dt.date(2018, 12, 1))),
        ("lettre.txt", dt.date(2019, 1, 5), ("2019-01", dt.date(2019, 1, 5))),
        ("notes-20181-23.txt", dt.date(2019, 1, 5), ("2019-01", dt.date(2019, 1, 5))),
    ],
)
def test_date_from_file_name_then_options(
    source: str, issue_date: dt.date | None, identity: tuple[str, dt.date]
) -> None:
    issue = read(BODY, source, issue_date=issue_date).issue
    assert (issue.id, issue.date) == identity


def test_no_date_anywhere_is_a_clear_error() -> None:
    with pytest.raises(cdm.InvalidData) as caught:
        read(BODY, "lettre.txt")
    assert str(caught.value) == (
        "lettre.txt: $.date: no issue date: give it in front matter ('date: 2018-12-15'), in the"
        " file name ('infolettre-2018-12.txt') or with --issue-date"
        " (ImportOptions.issue_date in Python)"
    )


def test_windows_1252_is_read_with_a_warning() -> None:
    data = "NOUVELLES DES CDM\n\nUNE JOURNÉE À PORTO\n\nDéjà fini.\n".encode("cp1252")
    result = cdm.loads_with_diagnostics(data, source="infolettre-2019-01.txt")
    assert result.issue.sections[0].articles[0].plain_title == "UNE JOURNÉE À PORTO"
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("encoding", "not valid UTF-8; read as Windows-1252")
    ]


def test_default_timezone_for_unknown_places() -> None:
    text = "AGENDA\n\n16 mai 2019, 14h00-17h30\n\nAtelier, Atlantis\n"
    event = read(text, "i-2019-05.txt", default_timezone="America/Montreal").issue.agenda[0]
    assert event.place is not None
    assert event.place.timezone == "America/Montreal"
    assert event.when is not None
    assert event.when.timezone == "America/Montreal"
    assert event.when.start == dt.datetime(2019, 5, 16, 14, 0)
    assert event.when.end == dt.datetime(2019, 5, 16, 17, 30)

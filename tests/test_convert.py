"""The strict converter: exact errors with field paths, derived ids, and exact round trips."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from hypothesis import given

from cdm_newsletter import (
    BulletList,
    Emphasis,
    InvalidData,
    Issue,
    Link,
    Paragraph,
    PartOfDay,
    Problem,
    RichText,
    Superscript,
    Text,
    issue_from_data,
    issue_to_data,
)
from cdm_newsletter.testing.strategies import issues
from tests.conftest import build_issue


def minimal_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "2018-12",
        "date": "2018-12-15",
        "title": "InfoLettre",
        "publisher": {"name": "Réseau"},
    }
    data.update(overrides)
    return data


def problems(data: object) -> list[str]:
    with pytest.raises(InvalidData) as caught:
        issue_from_data(data, source="issue.yaml")
    assert caught.value.source == "issue.yaml"
    return [str(problem) for problem in caught.value.problems]


def test_minimal_issue_gets_defaults() -> None:
    issue = issue_from_data(minimal_data(), source="issue.yaml")
    assert issue.date == dt.date(2018, 12, 15)
    assert issue.language == "fr"
    assert issue.agenda == ()
    assert issue.sections == ()


def test_error_message_lists_every_problem_with_the_source() -> None:
    data = minimal_data(
        date="2018-12-40",
        editors=[{"name": "Ana", "email": "x@"}],
        sections=[{"title": "News", "kind": "gossip"}],
    )
    with pytest.raises(InvalidData) as caught:
        issue_from_data(data, source="issue.yaml")
    assert str(caught.value) == (
        "issue.yaml: $.date: '2018-12-40' is not a real date\n"
        "issue.yaml: $.sections[0].kind: expected one of 'member-news', 'network-news', 'funding',"
        " 'staff-moves', 'contact', 'partner-agenda', 'other', got 'gossip'\n"
        "issue.yaml: $.editors[0].email: 'x@' is not an e-mail address"
    )
    assert caught.value.problems[0] == Problem("$.date", "'2018-12-40' is not a real date")


def test_deep_path_of_a_contact_email() -> None:
    data = minimal_data(
        sections=[
            {"title": "A"},
            {
                "title": "B",
                "articles": [{"title": "T", "contacts": [{"name": "N", "email": "x@"}]}],
            },
        ]
    )
    assert problems(data) == [
        "$.sections[1].articles[0].contacts[0].email: 'x@' is not an e-mail address"
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", None, "$.title: expected a string, got null"),
        ("title", 3.9, "$.title: expected a string, got the number 3.9"),
        ("title", ["a"], "$.title: expected a string, got a list"),
        ("title", "", "$.title: must not be empty"),
        ("title", "a\x00b", "$.title: contains the control character U+0000 at position 1"),
        ("date", "15/12/2018", "$.date: expected a date as YYYY-MM-DD, got '15/12/2018'"),
        ("date", "2019-01-15", "$.date: 2019-01-15 is not in the month of issue 2018-12"),
        ("id", "2018-13", "$.id: '2018-13' is not an issue id such as '2018-12' or '2018-12-2'"),
        (
            "language",
            "French",
            "$.language: 'French' is not a language tag such as 'fr' or 'fr-BE'",
        ),
        ("url", "www.example.org", "$.url: 'www.example.org' is not an absolute http(s) URL"),
        ("publisher", "Réseau", "$.publisher: expected a mapping, got 'Réseau'"),
        ("agenda", "none", "$.agenda: expected a list, got 'none'"),
    ],
)
def test_one_wrong_field(field: str, value: object, message: str) -> None:
    assert problems(minimal_data(**{field: value})) == [message]


def test_nothing_is_coerced() -> None:
    data = minimal_data(editors=[{"name": "Ana", "public": "yes"}])
    assert problems(data) == ["$.editors[0].public: expected true or false, got 'yes'"]


def test_missing_and_unknown_fields() -> None:
    data = minimal_data(subtitle="x")
    del data["title"]
    assert problems(data) == [
        "$.title: required field missing",
        "$.subtitle: unknown field; expected one of: agenda, date, editorial, editors, id,"
        " language, provenance, publisher, sections, title, url",
    ]


def test_not_a_mapping_at_the_top() -> None:
    assert problems(["id"]) == ["$: expected a mapping, got a list"]


def test_when_rules_are_reported_with_their_path() -> None:
    agenda = [
        {"title": "A", "when": {"start": "2019-01-24", "end": "2019-01-20"}},
        {"title": "B", "when": {"start": "2019-01-24T14:00"}},
        {"title": "C", "when": {"start": "2019-01-24", "part_of_day": "evening"}},
    ]
    assert problems(minimal_data(agenda=agenda)) == [
        "$.agenda[0].when.end: 2019-01-20 is before the start, 2019-01-24",
        "$.agenda[1].when.timezone: is required with a date and time, e.g. 'Europe/Paris'",
        "$.agenda[2].when.part_of_day: expected one of 'morning', 'afternoon', got 'evening'",
    ]


def test_rich_text_compact_form() -> None:
    article = {
        "title": ["11", {"sup": "e"}, " édition"],
        "body": [
            "Premier paragraphe.",
            {"paragraph": ["Voir ", {"url": "https://www.example.org/", "label": "le site"}, "."]},
            {"list": ["un", ["deux ", {"em": "bis"}]]},
        ],
    }
    issue = issue_from_data(
        minimal_data(sections=[{"title": "S", "articles": [article]}]), source="x"
    )
    parsed = issue.sections[0].articles[0]
    assert parsed.title == (Text(text="11"), Superscript(text="e"), Text(text=" édition"))
    assert parsed.body == RichText(
        blocks=(
            Paragraph(spans="Premier paragraphe."),
            Paragraph(
                spans=(
                    Text(text="Voir "),
                    Link(url="https://www.example.org/", label="le site"),
                    Text(text="."),
                )
            ),
            BulletList(items=("un", (Text(text="deux "), Emphasis(text="bis")))),
        )
    )
    assert issue_to_data(issue)["sections"][0]["articles"][0]["body"] == article["body"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            [3],
            "$.sections[0].articles[0].body[0]: expected a string, {paragraph: ...} or"
            " {list: [...]}, got the number 3",
        ),
        ([{"list": "x"}], "$.sections[0].articles[0].body[0].list: expected a list, got 'x'"),
        (
            [{"paragraph": [{"em": 1}]}],
            "$.sections[0].articles[0].body[0].paragraph[0].em:"
            " expected a string, got the number 1",
        ),
        (
            [{"paragraph": [{"url": "javascript:alert(1)"}]}],
            "$.sections[0].articles[0].body[0].paragraph[0].url: 'javascript:alert(1)' is not an"
            " absolute http(s) or mailto URL, nor a placeholder ('#' or '')",
        ),
        (
            [{"paragraph": [{"em": "a", "sup": "b"}]}],
            "$.sections[0].articles[0].body[0].paragraph[0]: unknown field(s) sup beside 'em'",
        ),
        (
            [{"paragraph": []}],
            "$.sections[0].articles[0].body[0].paragraph: expected a string or"
            " a non-empty list of a string, {em: ...}, {sup: ...} or a link {url: ..., label: ...},"
            " got a list",
        ),
    ],
)
def test_rich_text_errors(body: object, message: str) -> None:
    data = minimal_data(sections=[{"title": "S", "articles": [{"title": "T", "body": body}]}])
    assert problems(data) == [message]


def test_missing_ids_are_derived_and_made_unique() -> None:
    data = minimal_data(
        agenda=[
            {"title": "Réunion du ComEx", "when": {"start": "2018-11-07"}},
            {"title": "Réunion du ComEx", "when": {"start": "2018-11-07"}},
        ],
        sections=[
            {
                "title": "S",
                "articles": [
                    {"title": "Journée à Marseille"},
                    {"id": "2018-12-journee-a-marseille-2", "title": "Autre"},
                    {"title": "Journée à Marseille"},
                ],
            }
        ],
    )
    issue = issue_from_data(data, source="x")
    assert [event.id for event in issue.agenda] == [
        "2018-12-20181107-reunion-du-comex",
        "2018-12-20181107-reunion-du-comex-2",
    ]
    assert [article.id for article in issue.articles()] == [
        "2018-12-journee-a-marseille",
        "2018-12-journee-a-marseille-2",
        "2018-12-journee-a-marseille-3",
    ]


def test_explicit_duplicate_ids_are_refused() -> None:
    data = minimal_data(
        sections=[
            {"title": "S", "articles": [{"id": "same", "title": "A"}, {"id": "same", "title": "B"}]}
        ]
    )
    assert problems(data) == [
        "$.sections[0].articles[1].id: 'same' is already the id of sections[0].articles[0]"
    ]


def test_bad_title_does_not_also_report_a_missing_id() -> None:
    data = minimal_data(sections=[{"title": "S", "articles": [{"title": 5}]}])
    assert problems(data) == [
        "$.sections[0].articles[0].title: expected a string or a non-empty list of a string,"
        " {em: ...}, {sup: ...} or a link {url: ..., label: ...}, got the number 5"
    ]


def test_timed_event_round_trip() -> None:
    data = minimal_data(
        agenda=[
            {
                "title": "Atelier",
                "when": {
                    "start": "2019-05-16T14:00",
                    "end": "2019-05-16T17:30",
                    "timezone": "Europe/Paris",
                },
            },
            {"title": "APM", "when": {"start": "2019-01-24", "part_of_day": "morning"}},
        ]
    )
    issue = issue_from_data(data, source="x")
    assert issue.agenda[0].when.start == dt.datetime(2019, 5, 16, 14, 0)
    assert issue.agenda[1].when.part_of_day is PartOfDay.MORNING
    written = issue_to_data(issue)
    assert written["agenda"][0]["when"] == data["agenda"][0]["when"]
    assert written["agenda"][1]["id"] == "2018-12-20190124-apm"


def test_written_data_has_ids_and_no_empty_fields() -> None:
    data = issue_to_data(build_issue())
    assert data["agenda"][0]["id"] == "2018-12-20190619-spring-school"
    assert "editorial" not in data
    assert "links" not in data["sections"][0]["articles"][0]
    assert data["sections"][0]["articles"][0]["contacts"][0]["public"] is True


def test_input_data_is_not_modified() -> None:
    data = minimal_data(sections=[{"title": "S", "articles": [{"title": "A"}]}])
    before = copy.deepcopy(data)
    issue_from_data(data, source="x")
    assert data == before


@given(issues())
def test_model_to_data_to_model_is_exact(issue: Issue) -> None:
    assert issue_from_data(issue_to_data(issue), source="x") == issue

"""Event statuses (postponed, tentative) and the day an event moved from: model and converter."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

import cdm_newsletter as cdm
from cdm_newsletter import Event, EventStatus, InvalidData, InvalidValue, When
from tests.conftest import build_issue, raises_exactly

DAY = dt.date(2019, 4, 25)
FIRST_ANNOUNCED = dt.date(2019, 4, 3)


def test_the_statuses_and_their_values() -> None:
    assert [(status.name, status.value) for status in EventStatus] == [
        ("CONFIRMED", "confirmed"),
        ("CANCELLED", "cancelled"),
        ("POSTPONED", "postponed"),
        ("TENTATIVE", "tentative"),
    ]


def test_a_postponed_event_keeps_the_date_it_was_planned_for() -> None:
    event = Event(id="comex", title="ComEx", when=When(start=DAY), status=EventStatus.POSTPONED)
    assert event.when == When(start=DAY)
    assert event.rescheduled_from is None


def test_a_moved_event_keeps_the_day_first_announced() -> None:
    event = Event(id="comex", title="ComEx", when=When(start=DAY), rescheduled_from=FIRST_ANNOUNCED)
    assert event.rescheduled_from == FIRST_ANNOUNCED
    assert event.status is EventStatus.CONFIRMED


def test_an_undated_event_may_say_where_it_moved_from() -> None:
    event = Event(id="x", title="Forum", date_text="à l'automne", rescheduled_from=FIRST_ANNOUNCED)
    assert event.rescheduled_from == FIRST_ANNOUNCED


def test_a_moved_event_may_have_started_at_a_time() -> None:
    when = When(start=dt.datetime(2019, 4, 25, 14, 0), timezone="Europe/Paris")
    event = Event(id="x", title="Forum", when=when, rescheduled_from=FIRST_ANNOUNCED)
    assert event.rescheduled_from == FIRST_ANNOUNCED


def test_rescheduled_from_is_a_date_not_a_date_and_time() -> None:
    with raises_exactly(
        InvalidValue, "rescheduled_from: expected a date, got datetime.datetime(2019, 4, 3, 9, 0)"
    ):
        Event(
            id="x",
            title="Forum",
            when=When(start=DAY),
            rescheduled_from=dt.datetime(2019, 4, 3, 9, 0),
        )
    with raises_exactly(InvalidValue, "rescheduled_from: expected a date, got '2019-04-03'"):
        Event(id="x", title="Forum", when=When(start=DAY), rescheduled_from="2019-04-03")  # type: ignore[arg-type]


def test_rescheduled_from_differs_from_the_first_day() -> None:
    with raises_exactly(
        InvalidValue,
        "rescheduled_from: 2019-04-25 is the first day of 'when'; give the day it moved from",
    ):
        Event(id="x", title="Forum", when=When(start=DAY), rescheduled_from=DAY)
    timed = When(start=dt.datetime(2019, 4, 25, 14, 0), timezone="Europe/Paris")
    with raises_exactly(
        InvalidValue,
        "rescheduled_from: 2019-04-25 is the first day of 'when'; give the day it moved from",
    ):
        Event(id="x", title="Forum", when=timed, rescheduled_from=DAY)


def test_a_span_may_have_moved_from_one_of_its_later_days() -> None:
    when = When(start=dt.date(2019, 4, 24), end=dt.date(2019, 4, 26))
    assert Event(id="x", title="Forum", when=when, rescheduled_from=DAY).rescheduled_from == DAY


# --- the converter: JSON, YAML and TOML ---------------------------------------------------


def issue_data(**event: Any) -> dict[str, Any]:
    return {
        "id": "2019-03",
        "date": "2019-03-20",
        "title": "InfoLettre",
        "publisher": {"name": "Réseau"},
        "agenda": [{"title": "Réunion du ComEx", "when": {"start": "2019-04-25"}, **event}],
    }


def message(data: object) -> str:
    with pytest.raises(InvalidData) as caught:
        cdm.issue_from_data(data, source="issue.yaml")
    return str(caught.value)


def test_the_converter_reads_the_new_fields() -> None:
    issue = cdm.issue_from_data(
        issue_data(status="tentative", rescheduled_from="2019-04-03"), source="issue.yaml"
    )
    (event,) = issue.agenda
    assert event.status is EventStatus.TENTATIVE
    assert event.rescheduled_from == FIRST_ANNOUNCED
    data = cdm.issue_to_data(issue)["agenda"][0]
    assert list(data) == ["id", "title", "when", "rescheduled_from", "category", "status"]
    assert (data["rescheduled_from"], data["status"]) == ("2019-04-03", "tentative")


def test_an_event_that_did_not_move_writes_no_rescheduled_from() -> None:
    issue = cdm.issue_from_data(issue_data(status="postponed"), source="issue.yaml")
    data = cdm.issue_to_data(issue)["agenda"][0]
    assert "rescheduled_from" not in data
    assert data["status"] == "postponed"


def test_an_unknown_status_names_the_field_and_every_status() -> None:
    assert message(issue_data(status="reporté")) == (
        "issue.yaml: $.agenda[0].status: expected one of 'confirmed', 'cancelled', 'postponed',"
        " 'tentative', got 'reporté'"
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2019-04-03T09:00", "expected a date as YYYY-MM-DD, got '2019-04-03T09:00'"),
        ("3 avril", "expected a date as YYYY-MM-DD, got '3 avril'"),
        (20190403, "expected a date as YYYY-MM-DD, got the number 20190403"),
        ("2019-02-30", "'2019-02-30' is not a real date"),
        ("2019-04-25", "2019-04-25 is the first day of 'when'; give the day it moved from"),
    ],
)
def test_a_bad_rescheduled_from_names_its_path(value: object, reason: str) -> None:
    assert message(issue_data(rescheduled_from=value)) == (
        f"issue.yaml: $.agenda[0].rescheduled_from: {reason}"
    )


@pytest.mark.parametrize("name", ["json", "yaml", "toml"])
@pytest.mark.parametrize("status", list(EventStatus))
def test_every_data_format_round_trips(name: str, status: EventStatus) -> None:
    event = Event(
        id="2019-03-20190425-comex",
        title="Réunion du ComEx",
        when=When(start=DAY),
        rescheduled_from=FIRST_ANNOUNCED,
        status=status,
    )
    issue = build_issue(id="2019-03", date=dt.date(2019, 3, 20), agenda=(event,))
    data = cdm.dumps(issue, name)
    again = cdm.loads(data, source=f"issue.{name}")
    assert again.agenda == issue.agenda
    assert cdm.dumps(attrs.evolve(again, provenance=None), name) == data


def test_toml_and_yaml_dates_are_read_as_dates() -> None:
    toml = (
        'id = "2019-03"\ndate = 2019-03-20\ntitle = "T"\n[publisher]\nname = "R"\n'
        '[[agenda]]\ntitle = "ComEx"\nrescheduled_from = 2019-04-03\nstatus = "postponed"\n'
        "[agenda.when]\nstart = 2019-04-25\n"
    )
    yaml = (
        "id: 2019-03\ndate: 2019-03-20\ntitle: T\npublisher: {name: R}\nagenda:\n"
        "- {title: ComEx, when: {start: 2019-04-25}, rescheduled_from: 2019-04-03,"
        " status: postponed}\n"
    )
    for data, source in ((toml, "issue.toml"), (yaml, "issue.yaml")):
        (event,) = cdm.loads(data.encode(), source=source).agenda
        assert (event.rescheduled_from, event.status) == (FIRST_ANNOUNCED, EventStatus.POSTPONED)

"""The archive: issues newest first, no id twice, and the merged agenda."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import pytest

from cdm_newsletter import (
    AgendaEntry,
    Archive,
    Event,
    InvalidValue,
    Issue,
    PartOfDay,
    When,
)

MakeIssue = Callable[..., Issue]


def event(event_id: str, when: When, title: str = "Réunion") -> Event:
    return Event(id=event_id, title=title, when=when)


def day(number: int, part: PartOfDay | None = None) -> When:
    return When(start=dt.date(2019, 1, number), part_of_day=part)


def at(number: int, hour: int, minute: int = 0) -> When:
    return When(start=dt.datetime(2019, 1, number, hour, minute), timezone="Europe/Paris")


def issue_of(make_issue: MakeIssue, issue_id: str, date: dt.date, *agenda: Event) -> Issue:
    return make_issue(id=issue_id, date=date, agenda=agenda)


def ids(archive: Archive) -> list[str]:
    return [issue.id for issue in archive.issues]


# --- order ------------------------------------------------------------------------------


def test_issues_are_sorted_newest_first(make_issue: MakeIssue) -> None:
    archive = Archive(
        [
            make_issue(id="2018-12", date=dt.date(2018, 12, 15)),
            make_issue(id="2019-03", date=dt.date(2019, 3, 1)),
            make_issue(id="2019-01", date=dt.date(2019, 1, 31)),
        ]
    )
    assert ids(archive) == ["2019-03", "2019-01", "2018-12"]


def test_issues_of_one_month_are_sorted_by_number_not_text(make_issue: MakeIssue) -> None:
    same_day = dt.date(2018, 12, 20)
    archive = Archive(
        [
            make_issue(id="2018-12-9", date=same_day),
            make_issue(id="2018-12", date=same_day),
            make_issue(id="2018-12-10", date=same_day),
            make_issue(id="2018-12-2", date=same_day),
        ]
    )
    assert ids(archive) == ["2018-12-10", "2018-12-9", "2018-12-2", "2018-12"]


def test_a_later_date_is_newer(make_issue: MakeIssue) -> None:
    archive = Archive(
        [
            make_issue(id="2018-12-2", date=dt.date(2018, 12, 20)),
            make_issue(id="2018-12-3", date=dt.date(2018, 12, 27)),
            make_issue(id="2018-12", date=dt.date(2018, 12, 1)),
        ]
    )
    assert ids(archive) == ["2018-12-3", "2018-12-2", "2018-12"]


def test_order_does_not_depend_on_input_order(make_issue: MakeIssue) -> None:
    issues = [
        make_issue(id="2018-12", date=dt.date(2018, 12, 1)),
        make_issue(id="2018-12-10", date=dt.date(2018, 12, 1)),
        make_issue(id="2018-12-9", date=dt.date(2018, 12, 1)),
    ]
    assert Archive(issues) == Archive(list(reversed(issues)))
    assert Archive(issues).issues == Archive(issues[1:] + issues[:1]).issues


def test_issues_are_a_tuple_and_the_archive_is_frozen(make_issue: MakeIssue) -> None:
    archive = Archive([make_issue()])
    assert isinstance(archive.issues, tuple)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        archive.issues = ()  # type: ignore[misc]


def test_empty_archive() -> None:
    archive = Archive([])
    assert archive.issues == ()
    assert archive.agenda == ()


def test_duplicate_issue_ids_are_refused(make_issue: MakeIssue) -> None:
    with pytest.raises(InvalidValue) as caught:
        Archive([make_issue(), make_issue(title="Autre titre")])
    assert caught.value.reason == "issue '2018-12' appears twice"
    assert caught.value.field == "issues[1].id"


# --- lookup -----------------------------------------------------------------------------


def test_issue_lookup(make_issue: MakeIssue) -> None:
    december = make_issue()
    march = make_issue(id="2019-03", date=dt.date(2019, 3, 1))
    archive = Archive([december, march])
    assert archive.issue("2018-12") is december
    assert archive.issue("2019-03") is march


def test_issue_lookup_of_an_unknown_id(make_issue: MakeIssue) -> None:
    archive = Archive([make_issue()])
    with pytest.raises(KeyError) as caught:
        archive.issue("2019-01")
    assert caught.value.args == ("2019-01",)


# --- merged agenda ----------------------------------------------------------------------


def test_each_event_appears_once_as_the_newest_issue_announced_it(
    make_issue: MakeIssue,
) -> None:
    old = issue_of(
        make_issue,
        "2018-12",
        dt.date(2018, 12, 15),
        event("apm", day(24), "APM"),
        event("comex", day(10), "ComEx"),
    )
    new = issue_of(
        make_issue,
        "2019-01",
        dt.date(2019, 1, 10),
        event("apm", day(24, PartOfDay.MORNING), "APM (matin)"),
    )
    agenda = Archive([old, new]).agenda
    assert [(entry.event.id, entry.issue.id) for entry in agenda] == [
        ("comex", "2018-12"),
        ("apm", "2019-01"),
    ]
    assert agenda[1].event.title == "APM (matin)"
    assert agenda[1] == AgendaEntry(
        event=new.agenda[0],
        issue=new,
        identity="apm",
        sequence=1,  # its time changed: a morning now
        first_issue=old,
        changed_issue=new,
        announcements=(("2018-12", "apm"), ("2019-01", "apm")),
    )


def test_newest_version_wins_whatever_the_input_order(make_issue: MakeIssue) -> None:
    first = issue_of(make_issue, "2018-12", dt.date(2018, 12, 1), event("x", day(5), "Old"))
    second = issue_of(make_issue, "2018-12-2", dt.date(2018, 12, 1), event("x", day(6), "New"))
    for order in ([first, second], [second, first]):
        [entry] = Archive(order).agenda
        assert entry.event.title == "New"
        assert entry.issue.id == "2018-12-2"


def test_agenda_is_ordered_by_day_then_morning_afternoon_and_times(
    make_issue: MakeIssue,
) -> None:
    events = [
        event("late", at(24, 16, 30)),
        event("next-day", day(25)),
        event("afternoon", day(24, PartOfDay.AFTERNOON)),
        event("span", When(start=dt.date(2019, 1, 23), end=dt.date(2019, 1, 26))),
        event("morning", day(24, PartOfDay.MORNING)),
        event("later", at(24, 17)),
        event("whole-day", day(24)),
    ]
    archive = Archive([issue_of(make_issue, "2018-12", dt.date(2018, 12, 15), *events)])
    assert [entry.event.id for entry in archive.agenda] == [
        "span",
        "whole-day",
        "morning",
        "afternoon",
        "late",
        "later",
        "next-day",
    ]


def test_agenda_orders_events_of_one_time_by_title_then_id(make_issue: MakeIssue) -> None:
    events = [
        event("b", day(24), "Zeta"),
        event("c", day(24), "Alpha"),
        event("a", day(24), "Alpha"),
    ]
    archive = Archive([issue_of(make_issue, "2018-12", dt.date(2018, 12, 15), *events)])
    assert [entry.event.id for entry in archive.agenda] == ["a", "c", "b"]


def test_agenda_merges_across_many_issues(make_issue: MakeIssue) -> None:
    issues = [
        issue_of(
            make_issue, "2018-11", dt.date(2018, 11, 1), event("a", day(3)), event("b", day(2))
        ),
        issue_of(
            make_issue, "2018-12", dt.date(2018, 12, 1), event("b", day(4)), event("c", day(1))
        ),
        issue_of(make_issue, "2019-01", dt.date(2019, 1, 1), event("c", day(5))),
    ]
    agenda = Archive(issues).agenda
    assert [
        (entry.event.id, entry.issue.id, entry.event.when.first_day.day) for entry in agenda
    ] == [
        ("a", "2018-11", 3),
        ("b", "2018-12", 4),
        ("c", "2019-01", 5),
    ]


def test_agenda_is_computed_once(make_issue: MakeIssue) -> None:
    archive = Archive([make_issue()])
    assert archive.agenda is archive.agenda


def test_duplicate_issue_error_names_the_position_given(make_issue: MakeIssue) -> None:
    newer = make_issue(id="2019-03", date=dt.date(2019, 3, 1))
    with pytest.raises(InvalidValue) as caught:
        Archive([make_issue(), make_issue(title="Autre titre"), newer])
    assert caught.value.field == "issues[1].id"

"""Identity across issues: repeated, rescheduled, distinct and cancelled events; deadlines."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from cdm_newsletter import (
    Archive,
    Article,
    EventStatus,
    FundingCall,
    Issue,
    Place,
    Section,
    SectionKind,
    When,
)
from cdm_newsletter.testing import property_examples
from cdm_newsletter.testing.strategies import issues
from tests.conftest import agenda_issue, build_issue, meeting

PORTO = Place(name="Porto", city="Porto", country="PT", timezone="Europe/Lisbon")


def test_repeated_event_is_one_entry_without_change() -> None:
    december = agenda_issue(
        "2018-12", dt.date(2018, 12, 1), meeting("2018-12", "Spring school", dt.date(2019, 6, 19))
    )
    march = agenda_issue(
        "2019-03", dt.date(2019, 3, 1), meeting("2019-03", "Spring School", dt.date(2019, 6, 19))
    )
    (entry,) = Archive([december, march]).agenda
    assert entry.identity == "2018-12-20190619-spring-school"
    assert (entry.sequence, entry.first_issue.id, entry.changed_issue.id, entry.issue.id) == (
        0,
        "2018-12",
        "2018-12",
        "2019-03",
    )
    assert entry.event.title == "Spring School"  # the newest wording


def test_rescheduled_event_keeps_its_identity_and_counts_one_change() -> None:
    december = agenda_issue(
        "2018-12",
        dt.date(2018, 12, 1),
        meeting("2018-12", "Comité de labellisation", dt.date(2019, 3, 14)),
    )
    february = agenda_issue(
        "2019-02",
        dt.date(2019, 2, 1),
        meeting("2019-02", "Comité de labellisation", dt.date(2019, 3, 21)),
    )
    (entry,) = Archive([december, february]).agenda
    assert entry.identity == "2018-12-20190314-comite-de-labellisation"
    assert entry.sequence == 1
    assert entry.changed_issue.id == "2019-02"
    assert entry.event.when == When(start=dt.date(2019, 3, 21))


def test_two_meetings_of_one_title_in_one_issue_stay_two() -> None:
    december = agenda_issue(
        "2018-12",
        dt.date(2018, 12, 1),
        meeting("2018-12", "Réunion du ComEx", dt.date(2018, 11, 7)),
        meeting("2018-12", "Réunion du ComEx", dt.date(2018, 12, 6), PORTO),
        meeting("2018-12", "Réunion du ComEx", dt.date(2019, 2, 6)),
    )
    agenda = Archive([december]).agenda
    assert len({entry.identity for entry in agenda}) == 3
    assert all(entry.sequence == 0 for entry in agenda)


def test_a_quarterly_committee_is_a_new_event_each_time() -> None:
    march = agenda_issue(
        "2019-03",
        dt.date(2019, 3, 1),
        meeting("2019-03", "Comité de labellisation", dt.date(2019, 3, 14)),
    )
    june = agenda_issue(
        "2019-06",
        dt.date(2019, 6, 1),
        meeting("2019-06", "Comité de labellisation", dt.date(2019, 6, 13)),
    )
    agenda = Archive([march, june]).agenda
    assert [(entry.event.when.start, entry.sequence) for entry in agenda if entry.event.when] == [
        (dt.date(2019, 3, 14), 0),
        (dt.date(2019, 6, 13), 0),
    ]
    assert agenda[0].identity != agenda[1].identity


def test_an_old_date_still_announced_means_a_second_meeting() -> None:
    first = agenda_issue(
        "2019-01", dt.date(2019, 1, 1), meeting("2019-01", "Atelier", dt.date(2019, 3, 1))
    )
    second = agenda_issue(
        "2019-02",
        dt.date(2019, 2, 1),
        meeting("2019-02", "Atelier", dt.date(2019, 3, 1)),
        meeting("2019-02", "Atelier", dt.date(2019, 4, 1)),
    )
    agenda = Archive([first, second]).agenda
    assert [(entry.identity, entry.sequence) for entry in agenda] == [
        ("2019-01-20190301-atelier", 0),
        ("2019-02-20190401-atelier", 0),
    ]


def test_cancellation_is_a_change() -> None:
    first = agenda_issue(
        "2019-01", dt.date(2019, 1, 1), meeting("2019-01", "Forum", dt.date(2019, 3, 1))
    )
    cancelled = meeting("2019-02", "Forum", dt.date(2019, 3, 1), status=EventStatus.CANCELLED)
    (entry,) = Archive([first, agenda_issue("2019-02", dt.date(2019, 2, 1), cancelled)]).agenda
    assert (entry.sequence, entry.event.status) == (1, EventStatus.CANCELLED)


def test_explicit_ids_always_win() -> None:
    first = agenda_issue(
        "2019-01",
        dt.date(2019, 1, 1),
        meeting("2019-01", "Forum", dt.date(2019, 3, 1), id="forum-2019"),
    )
    renamed = meeting("2019-02", "Forum des métiers", dt.date(2019, 3, 8), PORTO, id="forum-2019")
    same_title = meeting("2019-02", "Forum", dt.date(2019, 3, 15))
    agenda = Archive(
        [first, agenda_issue("2019-02", dt.date(2019, 2, 1), renamed, same_title)]
    ).agenda
    by_identity = {entry.identity: entry for entry in agenda}
    assert by_identity["forum-2019"].event.title == "Forum des métiers"
    assert by_identity["forum-2019"].sequence == 1  # date and place moved
    assert "2019-02-20190315-forum" in by_identity  # a derived id never joins an explicit one


def call(title: str, deadline: dt.date) -> FundingCall:
    return FundingCall(title=title, deadline=deadline, programme="Erasmus+")


def funding_issue(issue_id: str, day: dt.date, *calls: FundingCall) -> Issue:
    article = Article(id=f"{issue_id}-appels", title="Appels", funding_calls=calls)
    section = Section(title="FINANCEMENTS", kind=SectionKind.FUNDING, articles=(article,))
    return build_issue(id=issue_id, date=day, agenda=(), sections=(section,))


def test_deadlines_are_merged_and_extensions_counted() -> None:
    first = funding_issue(
        "2019-01",
        dt.date(2019, 1, 1),
        call("KA2 innovation", dt.date(2019, 3, 21)),
        call("KA3", dt.date(2019, 2, 26)),
    )
    second = funding_issue(
        "2019-02", dt.date(2019, 2, 1), call("KA2 innovation", dt.date(2019, 4, 4))
    )
    deadlines = Archive([first, second]).deadlines
    assert [(entry.call.title, entry.call.deadline, entry.sequence) for entry in deadlines] == [
        ("KA3", dt.date(2019, 2, 26), 0),
        ("KA2 innovation", dt.date(2019, 4, 4), 1),
    ]
    assert deadlines[1].identity == "2019-01-deadline-20190321-ka2-innovation"
    assert deadlines[1].changed_issue.id == "2019-02"


def test_merging_does_not_depend_on_the_order_issues_are_given() -> None:
    a = agenda_issue(
        "2018-12", dt.date(2018, 12, 1), meeting("2018-12", "Comité", dt.date(2019, 3, 14))
    )
    b = agenda_issue(
        "2019-02", dt.date(2019, 2, 1), meeting("2019-02", "Comité", dt.date(2019, 3, 21))
    )
    assert Archive([a, b]).agenda == Archive([b, a]).agenda


def test_bundled_examples_see_the_spring_school_once() -> None:
    from cdm_newsletter import example_issues

    agenda = Archive(example_issues()).agenda
    spring = [entry for entry in agenda if entry.event.title == "Spring school"]
    assert len(spring) == 1
    assert spring[0].first_issue.id == "2018-12"
    assert spring[0].issue.id == "2019-03"


@settings(max_examples=property_examples(60), deadline=None)
@given(st.lists(issues(), min_size=1, max_size=4, unique_by=lambda i: i.id))
def test_identities_are_never_shared(some_issues: list[Issue]) -> None:
    archive = Archive(some_issues)
    identities = [entry.identity for entry in archive.agenda]
    assert len(identities) == len(set(identities))
    announced = sum(len(issue.agenda) for issue in some_issues)
    assert len(archive.agenda) <= announced
    assert all(entry.sequence >= 0 for entry in archive.agenda)
    deadline_ids = [entry.identity for entry in archive.deadlines]
    assert len(deadline_ids) == len(set(deadline_ids))


def test_an_explicit_id_joins_the_event_of_that_identity() -> None:
    first = agenda_issue(
        "2018-12", dt.date(2018, 12, 1), meeting("2018-12", "Spring school", dt.date(2019, 6, 19))
    )
    later = meeting(
        "2019-01", "Spring School 2019", dt.date(2019, 6, 20), id="2018-12-20190619-spring-school"
    )
    (entry,) = Archive([first, agenda_issue("2019-01", dt.date(2019, 1, 5), later)]).agenda
    assert (entry.identity, entry.sequence, entry.event.title) == (
        "2018-12-20190619-spring-school",
        1,
        "Spring School 2019",
    )

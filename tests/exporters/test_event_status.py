"""Postponed, tentative and moved events, as every exporter shows them, read by other parsers."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import attrs
import icalendar
import pytest
import vobject
import xmlschema
from lxml import etree
from lxml import html as lxml_html

import cdm_newsletter as cdm
from cdm_newsletter import Event, EventStatus, InvalidSyntax, Place, When
from cdm_newsletter.exporters.xml import NAMESPACE, issue_to_xml
from tests.artifact_checks import check_artifact
from tests.conftest import agenda_issue, build_issue, meeting, raises_exactly

BASE = "https://www.example.org/infolettre"
OPTIONS = cdm.ExportOptions(base_url=BASE)
N = f"{{{NAMESPACE}}}"
PARIS = Place(name="Paris la Villette", city="Paris", country="FR", timezone="Europe/Paris")

POSTPONED = Event(
    id="comex",
    title="Réunion du ComEx",
    when=When(start=dt.date(2019, 4, 11)),
    place=PARIS,
    category=cdm.EventCategory.INTERNAL,
    status=EventStatus.POSTPONED,
)
TENTATIVE = Event(
    id="forum",
    title="Forum des métiers",
    when=When(start=dt.date(2019, 5, 16), part_of_day=cdm.PartOfDay.AFTERNOON),
    place=PARIS,
    status=EventStatus.TENTATIVE,
)
MOVED = Event(
    id="comite",
    title="Comité de labellisation",
    when=When(start=dt.date(2019, 5, 23)),
    rescheduled_from=dt.date(2019, 4, 4),
)
CANCELLED = Event(
    id="cdm21",
    title="Réunion CDM21",
    when=When(start=dt.date(2019, 4, 25)),
    status=EventStatus.CANCELLED,
)
ISSUE = build_issue(
    id="2019-03",
    date=dt.date(2019, 3, 20),
    agenda=(POSTPONED, TENTATIVE, MOVED, CANCELLED),
    url="https://www.example.org/2019-03",
)


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    """Every built-in format of the issue, through the exporters' registry."""
    archive = cdm.Archive([ISSUE])
    found: dict[str, bytes] = {}
    for name in ("html", "ical", "xml", "json", "rss", "atom"):
        for artifact in cdm.get_exporter(name).export(archive, OPTIONS):
            found[artifact.path] = artifact.data
    return found


def test_every_file_is_valid_for_an_independent_parser(files: dict[str, bytes]) -> None:
    for path, data in files.items():
        check_artifact(path, data)


# --- iCalendar ------------------------------------------------------------------------------


def by_uid_icalendar(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def by_uid_vobject(data: bytes) -> dict[str, vobject.base.Component]:
    calendar = vobject.readOne(data.decode("utf-8"), validate=True)
    return {event.uid.value: event for event in calendar.vevent_list}


def test_icalendar_reads_the_statuses(files: dict[str, bytes]) -> None:
    events = by_uid_icalendar(files["agenda.ics"])
    assert {uid: str(event["STATUS"]) for uid, event in events.items()} == {
        "comex@example.org": "CANCELLED",  # postponed: it does not take place on 11 April
        "forum@example.org": "TENTATIVE",
        "comite@example.org": "CONFIRMED",
        "cdm21@example.org": "CANCELLED",
    }
    # As for a cancelled event, the title stays and the description says what happened.
    assert str(events["comex@example.org"]["SUMMARY"]) == "Réunion du ComEx"
    assert events["comex@example.org"].decoded("DTSTART") == dt.date(2019, 4, 11)


def test_vobject_reads_the_statuses_and_descriptions(files: dict[str, bytes]) -> None:
    events = by_uid_vobject(files["agenda.ics"])
    assert events["comex@example.org"].status.value == "CANCELLED"
    assert events["forum@example.org"].status.value == "TENTATIVE"
    assert events["comite@example.org"].status.value == "CONFIRMED"
    descriptions = {uid: event.description.value.split("\n") for uid, event in events.items()}
    assert descriptions["comex@example.org"][:3] == [
        "Réunion du ComEx",
        "Lieu : Paris la Villette",
        "Cet événement est reporté : nouvelle date à venir.",
    ]
    assert descriptions["forum@example.org"][2] == "Date sous réserve de confirmation."
    assert descriptions["comite@example.org"] == [
        "Comité de labellisation",
        "Initialement prévu le 4 avril 2019.",
        f"Annoncé dans l'InfoLettre de mars 2019 : {BASE}/issues/2019-03/#comite",
    ]
    assert descriptions["cdm21@example.org"][1] == "Cet événement est annulé."


def test_the_first_of_a_month_is_written_the_french_way() -> None:
    event = attrs.evolve(MOVED, rescheduled_from=dt.date(2019, 5, 1))
    data = calendars(cdm.Archive([build_issue(agenda=(event,))]))["agenda.ics"]
    (found,) = by_uid_vobject(data).values()
    assert "Initialement prévu le 1er mai 2019." in found.description.value.split("\n")


def test_the_category_calendars_show_the_same_statuses(files: dict[str, bytes]) -> None:
    internal = by_uid_icalendar(files["agenda-internal.ics"])
    assert {uid: str(e["STATUS"]) for uid, e in internal.items()} == {
        "comex@example.org": "CANCELLED"
    }
    other = by_uid_icalendar(files["agenda-other.ics"])
    assert str(other["forum@example.org"]["STATUS"]) == "TENTATIVE"


def test_each_add_to_calendar_file_shows_its_status(files: dict[str, bytes]) -> None:
    expected = {"comex": "CANCELLED", "forum": "TENTATIVE", "comite": "CONFIRMED"}
    for identity, status in expected.items():
        data = files[f"events/{identity}.ics"]
        (found,) = by_uid_vobject(data).values()
        assert found.status.value == status, identity
        (again,) = by_uid_icalendar(data).values()
        assert str(again["STATUS"]) == status, identity


def calendars(archive: cdm.Archive, options: cdm.ExportOptions = OPTIONS) -> dict[str, bytes]:
    return {a.path: a.data for a in cdm.get_exporter("ical").export(archive, options)}


def test_a_postponed_event_stays_as_long_as_a_cancelled_one() -> None:
    archive = cdm.Archive([agenda_issue("2019-03", dt.date(2019, 3, 20), POSTPONED, CANCELLED)])

    def shown(on: dt.date, kept: int = 60) -> list[str]:
        options = cdm.ExportOptions(
            build_time=dt.datetime(on.year, on.month, on.day, tzinfo=dt.UTC),
            cancelled_kept_for=dt.timedelta(days=kept),
        )
        return sorted(by_uid_icalendar(calendars(archive, options)["agenda.ics"]))

    both = ["cdm21@example.org", "comex@example.org"]
    assert shown(dt.date(2019, 4, 1)) == both
    assert shown(dt.date(2019, 6, 10)) == both  # 11 April + 60 days
    assert shown(dt.date(2019, 6, 11)) == ["cdm21@example.org"]
    assert shown(dt.date(2019, 4, 20), kept=5) == ["cdm21@example.org"]


def test_a_tentative_event_is_not_dropped_after_its_date() -> None:
    archive = cdm.Archive([agenda_issue("2019-03", dt.date(2019, 3, 20), TENTATIVE)])
    options = cdm.ExportOptions(
        build_time=dt.datetime(2020, 1, 1, tzinfo=dt.UTC), cancelled_kept_for=dt.timedelta(0)
    )
    assert list(by_uid_icalendar(calendars(archive, options)["agenda.ics"])) == [
        "forum@example.org"
    ]


def test_postponing_an_announced_event_updates_it_in_the_calendars() -> None:
    day = dt.date(2019, 4, 11)
    march = agenda_issue("2019-03", dt.date(2019, 3, 1), meeting("2019-03", "ComEx", day))
    april = agenda_issue(
        "2019-04",
        dt.date(2019, 4, 1),
        meeting("2019-04", "ComEx", day, status=EventStatus.POSTPONED),
    )
    (event,) = by_uid_icalendar(calendars(cdm.Archive([march, april]))["agenda.ics"]).values()
    assert str(event["UID"]) == "2019-03-20190411-comex@example.org"
    assert int(event["SEQUENCE"]) == 1
    assert str(event["STATUS"]) == "CANCELLED"
    assert event.decoded("LAST-MODIFIED") == dt.datetime(2019, 4, 1, tzinfo=dt.UTC)


# --- HTML pages, e-mail and its text --------------------------------------------------------


def row(files: dict[str, bytes], event_id: str) -> lxml_html.HtmlElement:
    page = lxml_html.fromstring(files["issues/2019-03/index.html"])
    (found,) = page.xpath(f'//tr[@id="{event_id}"]')
    return found


def labels(element: lxml_html.HtmlElement) -> list[str]:
    return [span.text_content() for span in element.xpath('.//span[@class="status"]')]


def test_the_issue_page_shows_each_status(files: dict[str, bytes]) -> None:
    assert labels(row(files, "comex")) == ["reporté, nouvelle date à venir"]
    assert labels(row(files, "forum")) == ["sous réserve"]
    assert labels(row(files, "comite")) == ["initialement prévu le 4 avril 2019"]
    assert labels(row(files, "cdm21")) == ["annulé"]
    assert row(files, "comex").get("class") is None  # not struck out: it is not cancelled
    assert row(files, "cdm21").get("class") == "cancelled"


def test_a_postponed_event_has_no_add_to_calendar_link(files: dict[str, bytes]) -> None:
    assert row(files, "comex").xpath('.//a[@class="add"]') == []
    for event_id in ("forum", "comite"):
        (link,) = row(files, event_id).xpath('.//a[@class="add"]')
        assert link.get("href") == f"../../events/{event_id}.ics"


def test_a_postponed_and_moved_event_shows_both() -> None:
    event = attrs.evolve(POSTPONED, rescheduled_from=dt.date(2019, 3, 28))
    archive = cdm.Archive([agenda_issue("2019-03", dt.date(2019, 3, 20), event)])
    files = {a.path: a.data for a in cdm.get_exporter("html").export(archive, OPTIONS)}
    assert labels(row(files, "comex")) == [
        "reporté, nouvelle date à venir",
        "initialement prévu le 28 mars 2019",
    ]
    assert "(reporté, nouvelle date à venir) (initialement prévu le 28 mars 2019)" in (
        " ".join(files["issues/2019-03/email.txt"].decode().split())
    )


def test_the_index_shows_each_upcoming_status(files: dict[str, bytes]) -> None:
    page = lxml_html.fromstring(files["index.html"])
    shown = {
        tr.xpath(".//a")[0].text_content(): labels(tr) for tr in page.xpath("//table//tbody/tr")
    }
    assert shown == {
        "Réunion du ComEx": ["reporté, nouvelle date à venir"],
        "Réunion CDM21": ["annulé"],
        "Forum des métiers": ["sous réserve"],
        "Comité de labellisation": ["initialement prévu le 4 avril 2019"],
    }


def test_the_email_shows_each_status(files: dict[str, bytes]) -> None:
    page = lxml_html.fromstring(files["issues/2019-03/email.html"])
    events = [tr.xpath("td")[1].text_content() for tr in page.xpath("//table[@class='agenda']//tr")]
    assert events == [
        "Réunion du ComEx (reporté, nouvelle date à venir), Paris la Villette",
        "Forum des métiers (sous réserve), Paris la Villette",
        "Comité de labellisation (initialement prévu le 4 avril 2019)",
        "Réunion CDM21 (annulé)",
    ]


def test_the_text_email_shows_each_status(files: dict[str, bytes]) -> None:
    text = files["issues/2019-03/email.txt"].decode()
    agenda = text.split("AGENDA\n------\n\n", 1)[1].split("\n\nNOUVELLES", 1)[0]
    assert [" ".join(item.split()) for item in agenda.split("\n\n")] == [
        "* jeudi 11 avril 2019 : Réunion du ComEx, Paris la Villette"
        " (reporté, nouvelle date à venir)",
        "* jeudi 16 mai 2019, après-midi : Forum des métiers, Paris la Villette (sous réserve)",
        "* jeudi 23 mai 2019 : Comité de labellisation (initialement prévu le 4 avril 2019)",
        "* jeudi 25 avril 2019 : Réunion CDM21 (annulé)",
    ]


# --- the XML archive ------------------------------------------------------------------------

SCHEMA = resources.files("cdm_newsletter") / "schema" / "cdm-newsletter-1.xsd"


def test_the_archive_validates_with_two_schema_validators(files: dict[str, bytes]) -> None:
    data = files["archive/2019-03.xml"]
    lxml_schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert lxml_schema.validate(etree.fromstring(data)), lxml_schema.error_log
    xmlschema.XMLSchema(str(SCHEMA)).validate(data.decode("utf-8"))


def test_the_archive_says_each_status_the_way_1_0_readers_understand(
    files: dict[str, bytes],
) -> None:
    root = etree.fromstring(files["archive/2019-03.xml"])
    assert root.get("version") == "1.1"
    events = {
        e.get("{http://www.w3.org/XML/1998/namespace}id"): (
            e.get("status"),
            e.get("date-status"),
            e.findtext(N + "rescheduled-from"),
        )
        for e in root.iter(N + "event")
    }
    assert events == {
        "e-comex": ("cancelled", "postponed", None),
        "e-forum": ("confirmed", "tentative", None),
        "e-comite": ("confirmed", None, "2019-04-04"),
        "e-cdm21": ("cancelled", None, None),
    }
    (moved,) = [e for e in root.iter(N + "event") if e.findtext(N + "rescheduled-from")]
    assert [etree.QName(child).localname for child in moved] == [
        "title",
        "when",
        "rescheduled-from",
    ]


def test_the_archive_round_trips_without_loss(files: dict[str, bytes]) -> None:
    data = files["archive/2019-03.xml"]
    again = cdm.loads(data, source="2019-03.xml")
    assert again.agenda == ISSUE.agenda
    assert issue_to_xml(again) == data


def test_a_document_without_the_new_statuses_stays_1_0() -> None:
    root = etree.fromstring(issue_to_xml(build_issue(agenda=(CANCELLED,))))
    assert root.get("version") == "1.0"
    assert root.find(f"{N}agenda/{N}event").attrib.keys() == [  # type: ignore[union-attr]
        "category",
        "status",
        "{http://www.w3.org/XML/1998/namespace}id",
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            b'status="confirmed" date-status="postponed"',
            "an event with date-status 'postponed' has status 'cancelled', not 'confirmed'",
        ),
        (
            b'status="cancelled" date-status="tentative"',
            "an event with date-status 'tentative' has status 'confirmed', not 'cancelled'",
        ),
    ],
)
def test_a_contradictory_status_is_refused_with_its_line(written: bytes, message: str) -> None:
    data = issue_to_xml(build_issue(agenda=(POSTPONED,))).replace(
        b'status="cancelled" date-status="postponed"', written
    )
    line = data[: data.index(written)].count(b"\n") + 1
    with raises_exactly(InvalidSyntax, f"2018-12.xml: line {line}: {message}"):
        cdm.loads(data, source="2018-12.xml")


def test_an_unknown_date_status_breaks_the_schema() -> None:
    data = issue_to_xml(build_issue(agenda=(POSTPONED,))).replace(
        b'date-status="postponed"', 'date-status="reporté"'.encode()
    )
    with pytest.raises(InvalidSyntax) as caught:
        cdm.loads(data, source="2018-12.xml")
    assert "does not follow the schema" in str(caught.value)
    assert "date-status" in str(caught.value)


# --- JSON, and the feeds, which hold no events ----------------------------------------------


def test_the_json_data_holds_the_statuses(files: dict[str, bytes]) -> None:
    again = cdm.loads(files["data/2019-03.json"], source="2019-03.json")
    assert again.agenda == ISSUE.agenda


def test_the_feeds_hold_no_event() -> None:
    """Feeds carry articles only: no status can show there, true or false."""
    confirmed = attrs.evolve(
        ISSUE,
        agenda=tuple(
            attrs.evolve(event, status=EventStatus.CONFIRMED, rescheduled_from=None)
            for event in ISSUE.agenda
        ),
    )
    for name in ("rss", "atom"):
        exporter = cdm.get_exporter(name)
        ours = {a.path: a.data for a in exporter.export(cdm.Archive([ISSUE]), OPTIONS)}
        plain = {a.path: a.data for a in exporter.export(cdm.Archive([confirmed]), OPTIONS)}
        assert ours == plain, name


def test_a_postponed_event_given_a_new_date_later_is_the_same_event() -> None:
    """Its old date has passed when the new one is announced: ``rescheduled_from`` links them."""
    old, new = dt.date(2019, 4, 11), dt.date(2019, 6, 20)
    march = agenda_issue("2019-03", dt.date(2019, 3, 1), meeting("2019-03", "ComEx", old))
    april = agenda_issue(
        "2019-04",
        dt.date(2019, 4, 1),
        meeting("2019-04", "ComEx", old, status=EventStatus.POSTPONED),
    )
    may = agenda_issue(
        "2019-05", dt.date(2019, 5, 15), meeting("2019-05", "ComEx", new, rescheduled_from=old)
    )
    (event,) = by_uid_icalendar(calendars(cdm.Archive([march, april, may]))["agenda.ics"]).values()
    assert str(event["UID"]) == "2019-03-20190411-comex@example.org"
    assert (int(event["SEQUENCE"]), str(event["STATUS"])) == (2, "CONFIRMED")
    assert event.decoded("DTSTART") == new
    assert "Initialement prévu le 11 avril 2019." in str(event["DESCRIPTION"]).split("\n")
    # Without rescheduled_from, the past date is another meeting: the usual rule.
    unsaid = agenda_issue("2019-05", dt.date(2019, 5, 15), meeting("2019-05", "ComEx", new))
    both = by_uid_icalendar(calendars(cdm.Archive([march, april, unsaid]))["agenda.ics"])
    assert sorted(both) == [
        "2019-03-20190411-comex@example.org",
        "2019-05-20190620-comex@example.org",
    ]


def test_the_day_it_moved_from_wins_over_another_date_to_come() -> None:
    first, second, new = dt.date(2019, 4, 11), dt.date(2019, 5, 9), dt.date(2019, 6, 20)
    march = agenda_issue(
        "2019-03",
        dt.date(2019, 3, 1),
        meeting("2019-03", "ComEx", first),
        meeting("2019-03", "ComEx", second),
    )
    april = agenda_issue(
        "2019-04", dt.date(2019, 4, 1), meeting("2019-04", "ComEx", new, rescheduled_from=second)
    )
    merged = {entry.identity: entry for entry in cdm.Archive([march, april]).agenda}
    assert merged["2019-03-20190509-comex"].event.when == When(start=new)
    assert merged["2019-03-20190411-comex"].event.when == When(start=first)

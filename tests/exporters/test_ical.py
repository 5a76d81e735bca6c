"""The iCalendar exporter, judged by three independent parsers: icalendar, vobject and ical.js."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from hypothesis import given, settings

import cdm_newsletter as cdm
from cdm_newsletter import EventCategory, EventStatus, PartOfDay, When
from cdm_newsletter.exporters.ical import ICalExporter, uid_of
from cdm_newsletter.testing import property_examples
from cdm_newsletter.testing.strategies import issues
from tests.conftest import agenda_issue, build_issue, meeting, missing_checker

ROOT = Path(__file__).resolve().parents[2]
OPTIONS = cdm.ExportOptions(base_url="https://www.example.org/infolettre")


def export(archive: cdm.Archive, options: cdm.ExportOptions = OPTIONS) -> dict[str, bytes]:
    return {artifact.path: artifact.data for artifact in ICalExporter().export(archive, options)}


def events_of(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


@pytest.fixture(scope="module")
def seed_files(seed_file: Path) -> dict[str, bytes]:
    """The calendars of the seed source (the twin, or the real seed)."""
    return export(cdm.Archive([cdm.load(seed_file)]))


def test_files(seed_files: dict[str, bytes]) -> None:
    assert sorted(seed_files) == [
        "agenda-external.ics",
        "agenda-internal.ics",
        "agenda-other.ics",
        "agenda-partner.ics",
        "agenda.ics",
        "deadlines.ics",
    ]


def test_seed_calendar_counts(seed_files: dict[str, bytes]) -> None:
    counts = {path: len(events_of(data)) for path, data in seed_files.items()}
    assert counts == {
        "agenda.ics": 9,
        "agenda-internal.ics": 6,
        "agenda-external.ics": 3,
        "agenda-partner.ics": 0,
        "agenda-other.ics": 0,
        "deadlines.ics": 2,
    }


def test_seed_dates_times_and_zones(seed_files: dict[str, bytes]) -> None:
    events = {
        (str(event["SUMMARY"]), event.decoded("DTSTART")): event
        for event in events_of(seed_files["agenda.ics"])
    }
    spring = events["Spring school", dt.date(2019, 6, 19)]
    assert spring.decoded("DTEND") == dt.date(2019, 6, 22)  # exclusive
    training = next(
        event for (title, _), event in events.items() if title.startswith("Formation sur la veille")
    )
    assert (training.decoded("DTSTART"), training.decoded("DTEND")) == (
        dt.date(2019, 1, 28),
        dt.date(2019, 1, 31),
    )
    brussels = ZoneInfo("Europe/Brussels")
    morning = events[
        "Assemblée Permanente des Managers", dt.datetime(2019, 1, 24, 9, 0, tzinfo=brussels)
    ]
    afternoon = events[
        "Réunion finale du projet Erasmus+ COCADE", dt.datetime(2019, 1, 24, 14, 0, tzinfo=brussels)
    ]
    assert morning["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert morning.decoded("DTEND") <= afternoon.decoded("DTSTART")  # they do not overlap
    assert afternoon.decoded("DTEND") == dt.datetime(2019, 1, 24, 17, 30, tzinfo=brussels)
    porto = events["Réunion du ComEx", dt.date(2018, 12, 6)]
    assert str(porto["LOCATION"]) == "Porto"


def test_seed_deadlines_leave_everyone_free(seed_files: dict[str, bytes]) -> None:
    deadlines = events_of(seed_files["deadlines.ics"])
    assert [event.decoded("DTSTART") for event in deadlines] == [
        dt.date(2019, 2, 26),
        dt.date(2019, 3, 21),
    ]
    assert all(str(event["TRANSP"]) == "TRANSPARENT" for event in deadlines)
    assert all(
        event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(days=1)
        for event in deadlines
    )


def test_calendar_properties(seed_files: dict[str, bytes]) -> None:
    calendar = icalendar.Calendar.from_ical(seed_files["agenda-internal.ics"])
    assert str(calendar["PRODID"]) == "-//cdm_newsletter//InfoLettre//FR"
    assert (str(calendar["VERSION"]), str(calendar["CALSCALE"]), str(calendar["METHOD"])) == (
        "2.0",
        "GREGORIAN",
        "PUBLISH",
    )
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"])
    assert str(calendar["NAME"]).startswith("Réunions internes — ")
    assert str(calendar["DESCRIPTION"]) == str(calendar["X-WR-CALDESC"])
    text = seed_files["agenda-internal.ics"].decode()
    assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:P1D\r\n" in text
    assert "\r\nX-PUBLISHED-TTL:P1D\r\n" in text
    assert "\r\nURL;VALUE=URI:https://www.example.org/infolettre/\r\n" in text
    assert "\r\nSOURCE;VALUE=URI:https://www.example.org/infolettre/agenda-internal.ics\r\n" in text


def test_without_base_url_there_is_no_url_or_source() -> None:
    files = export(cdm.Archive(cdm.example_issues()), cdm.ExportOptions())
    assert b"\r\nSOURCE" not in files["agenda.ics"]
    assert b"\r\nURL;VALUE=URI:https://www.example.org/infolettre" not in files["agenda.ics"]


def test_refresh_interval_is_configurable() -> None:
    options = cdm.ExportOptions(calendar_refresh=dt.timedelta(hours=6))
    text = export(cdm.Archive(cdm.example_issues()), options)["agenda.ics"].decode()
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in text
    assert "X-PUBLISHED-TTL:PT6H\r\n" in text


def test_one_vtimezone_per_zone_for_the_years_spanned(seed_files: dict[str, bytes]) -> None:
    calendar = icalendar.Calendar.from_ical(seed_files["agenda.ics"])
    zones = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/Brussels"]  # the only zone with set times in the seed
    rdates = [
        line
        for line in seed_files["agenda.ics"].decode().splitlines()
        if line.startswith(("DTSTART:", "RDATE:"))
    ]
    years = {int(line.split(":")[1][:4]) for line in rdates}
    assert years <= {2018, 2019, 2020}


def test_uids_stamps_and_sequences(seed_files: dict[str, bytes], seed_source: str) -> None:
    domain = {"twin": "reseau.example.org", "seed": "reseaucitesdesmetiers.com"}[seed_source]
    events = events_of(seed_files["agenda.ics"])
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith(f"@{domain}") for uid in uids)
    assert f"2018-12-20190619-spring-school@{domain}" in uids
    stamp = dt.datetime(2018, 12, 1, tzinfo=dt.UTC)
    assert {event.decoded("DTSTAMP") for event in events} == {stamp}
    assert {event.decoded("LAST-MODIFIED") for event in events} == {stamp}
    assert {int(event["SEQUENCE"]) for event in events} == {0}


def test_description_location_url_categories_status(seed_files: dict[str, bytes]) -> None:
    events = {
        str(event["SUMMARY"]): event for event in events_of(seed_files["agenda-external.ics"])
    }
    cocade = events["Réunion finale du projet Erasmus+ COCADE"]
    description = str(cocade["DESCRIPTION"])
    assert description.splitlines() == [
        "Réunion finale du projet Erasmus+ COCADE",
        "Lieu : Bruxelles",
        "Inscription : lien à venir",
        "Annoncé dans l'InfoLettre de décembre 2018 : "
        "https://www.example.org/infolettre/issues/2018-12/#2018-12-20190124-reunion-finale-du-projet-erasmus-cocade",
    ]
    assert str(cocade["URL"]).startswith("https://www.example.org/infolettre/issues/2018-12/#")
    assert [str(c) for c in cocade["CATEGORIES"].cats] == ["Réunions externes"]
    assert str(cocade["STATUS"]) == "CONFIRMED"


def test_registration_link_is_the_url() -> None:
    issue = cdm.example_issues()[1]
    files = export(cdm.Archive([issue]))
    with_link = [
        event
        for event in events_of(files["agenda.ics"])
        if "Inscription : https://" in str(event["DESCRIPTION"])
    ]
    assert with_link
    for event in with_link:
        assert str(event["DESCRIPTION"]).count(str(event["URL"])) == 1


def test_lines_are_folded_at_75_octets_without_splitting_characters(
    seed_files: dict[str, bytes],
) -> None:
    for data in seed_files.values():
        assert data.endswith(b"\r\n")
        for line in data.split(b"\r\n"):
            assert len(line) <= 75
            line.decode("utf-8")  # no character cut in two
            assert b"\n" not in line
            assert b"\r" not in line


def test_rebuilding_does_not_change_a_byte(seed_files: dict[str, bytes], seed_file: Path) -> None:
    again = export(cdm.Archive([cdm.load(seed_file)]))
    assert again == seed_files
    later = export(
        cdm.Archive([cdm.load(seed_file)]),
        cdm.ExportOptions(
            base_url=OPTIONS.base_url, build_time=dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
        ),
    )
    assert later == seed_files  # no cancelled event: the build time changes nothing


def test_cancelled_events_stay_for_a_while() -> None:
    event = cdm.Event(
        id="forum",
        title="Forum",
        when=When(start=dt.date(2019, 3, 1)),
        status=EventStatus.CANCELLED,
    )
    archive = cdm.Archive([build_issue(id="2019-02", date=dt.date(2019, 2, 1), agenda=(event,))])

    def shown(on: dt.date, kept: int = 60) -> list[str]:
        options = cdm.ExportOptions(
            build_time=dt.datetime(on.year, on.month, on.day, tzinfo=dt.UTC),
            cancelled_kept_for=dt.timedelta(days=kept),
        )
        return [str(e["STATUS"]) for e in events_of(export(archive, options)["agenda.ics"])]

    assert shown(dt.date(2019, 2, 15)) == ["CANCELLED"]
    assert shown(dt.date(2019, 4, 30)) == ["CANCELLED"]
    assert shown(dt.date(2019, 5, 1)) == []
    assert shown(dt.date(2019, 3, 5), kept=2) == []


def test_half_days_take_the_configured_hours() -> None:
    event = cdm.Event(
        id="apm",
        title="APM",
        when=When(start=dt.date(2019, 1, 24), part_of_day=PartOfDay.AFTERNOON),
        place=cdm.Place(name="Porto", timezone="Europe/Lisbon"),
    )
    archive = cdm.Archive([build_issue(id="2019-01", date=dt.date(2019, 1, 1), agenda=(event,))])
    options = cdm.ExportOptions(afternoon=(dt.time(13, 30), dt.time(18, 0)))
    (found,) = events_of(export(archive, options)["agenda.ics"])
    lisbon = ZoneInfo("Europe/Lisbon")
    assert found.decoded("DTSTART") == dt.datetime(2019, 1, 24, 13, 30, tzinfo=lisbon)
    assert found.decoded("DTEND") == dt.datetime(2019, 1, 24, 18, 0, tzinfo=lisbon)


def test_rescheduled_event_has_one_uid_and_sequence_one() -> None:
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
    (event,) = events_of(export(cdm.Archive([december, february]))["agenda.ics"])
    assert str(event["UID"]) == "2018-12-20190314-comite-de-labellisation@example.org"
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == dt.date(2019, 3, 21)
    assert (
        event.decoded("DTSTAMP")
        == event.decoded("LAST-MODIFIED")
        == dt.datetime(2019, 2, 1, tzinfo=dt.UTC)
    )
    assert event.decoded("CREATED") == dt.datetime(2018, 12, 1, tzinfo=dt.UTC)


def test_undated_events_are_left_out() -> None:
    event = cdm.Event(id="x", title="Atelier", date_text="courant printemps")
    files = export(cdm.Archive([build_issue(agenda=(event,))]))
    assert events_of(files["agenda.ics"]) == []


def test_empty_archive_gives_valid_calendars() -> None:
    for path, data in export(cdm.Archive([])).items():
        calendar = vobject.readOne(data.decode(), validate=True)
        assert calendar.name == "VCALENDAR", path
        assert not hasattr(calendar, "vevent")


def test_uid_takes_the_domain_of_the_first_announcement() -> None:
    assert uid_of("a", build_issue()) == "a@example.org"
    nameless = build_issue(publisher=cdm.Publisher(name="Réseau des Cités"))
    assert uid_of("a", nameless) == "a@reseau-des-cites.invalid"
    december = build_issue()
    moved = build_issue(
        id="2019-01",
        date=dt.date(2019, 1, 5),
        publisher=cdm.Publisher(name="Réseau", url="https://reseau.example.net/"),
    )
    uids = {str(e["UID"]) for e in events_of(export(cdm.Archive([december, moved]))["agenda.ics"])}
    assert uids == {"2018-12-20190619-spring-school@example.org"}


def _vobject_events(data: bytes) -> list[tuple[str, object, int]]:
    calendar = vobject.readOne(data.decode("utf-8"), validate=True)
    return [
        (event.uid.value, event.dtstart.value, int(event.sequence.value))
        for event in getattr(calendar, "vevent_list", [])
    ]


def test_vobject_reads_what_icalendar_reads(seed_files: dict[str, bytes]) -> None:
    for path, data in seed_files.items():
        ours = [(str(e["UID"]), e.decoded("DTSTART"), int(e["SEQUENCE"])) for e in events_of(data)]
        assert _vobject_events(data) == ours, path


def test_model_and_calendar_agree_for_the_bundled_examples() -> None:
    archive = cdm.Archive(cdm.example_issues())
    files = export(archive)
    entries = {
        f"{entry.identity}@example.org": entry for entry in archive.agenda if entry.event.when
    }
    events = {str(event["UID"]): event for event in events_of(files["agenda.ics"])}
    assert set(events) == set(entries)
    for uid, event in events.items():
        model = entries[uid].event
        assert str(event["SUMMARY"]) == model.title
        assert event.decoded("DTSTART").isoformat()[:10] == model.when.first_day.isoformat()  # type: ignore[union-attr]
        assert str(event["STATUS"]) == model.status.value.upper()
        assert str(event["CATEGORIES"].cats[0]) in {
            "Réunions internes",
            "Réunions externes",
            "Agenda des partenaires",
            "Autres événements",
        }
    for category in EventCategory:
        per_category = events_of(files[f"agenda-{category.value}.ics"])
        assert len(per_category) == sum(1 for e in entries.values() if e.event.category is category)


def test_mozilla_icaljs_reads_the_same_events(tmp_path: Path, seed_files: dict[str, bytes]) -> None:
    if shutil.which("node") is None:
        missing_checker("node is not installed")
    check = subprocess.run(
        ["node", "-e", "require('ical.js')"], cwd=ROOT, capture_output=True, check=False
    )
    if check.returncode != 0:
        missing_checker("ical.js is not installed (npm install ical.js)")
    paths = []
    for name, data in seed_files.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(str(path))
    script = Path(__file__).with_name("icaljs_events.js")
    result = subprocess.run(
        ["node", str(script), *paths], cwd=ROOT, capture_output=True, text=True, check=True
    )
    read = json.loads(result.stdout)
    for name, data in seed_files.items():
        theirs = read[str(tmp_path / name)]
        ours = events_of(data)
        assert [(e["uid"], e["summary"], e["sequence"], e["status"]) for e in theirs] == [
            (str(o["UID"]), str(o["SUMMARY"]), int(o["SEQUENCE"]), str(o.get("STATUS", "")) or None)
            for o in ours
        ]
        for event, own in zip(theirs, ours, strict=True):
            start = own.decoded("DTSTART")
            assert event["start"].startswith(
                start.strftime("%Y-%m-%dT%H:%M")
                if isinstance(start, dt.datetime)
                else start.isoformat()
            )
            assert event["tzid"] == own["DTSTART"].params.get("TZID")


@settings(max_examples=property_examples(40), deadline=None)
@given(issues())
def test_any_issue_gives_valid_calendars(issue: cdm.Issue) -> None:
    archive = cdm.Archive([issue])
    options = cdm.ExportOptions(
        build_time=dt.datetime(2000, 1, 1, tzinfo=dt.UTC), calendar_window=None
    )
    files = export(archive, options)
    dated = [entry for entry in archive.agenda if entry.event.when is not None]
    for path, data in files.items():
        for line in data.split(b"\r\n"):
            assert len(line) <= 75
            assert not any(byte < 0x20 and byte != 0x09 for byte in line)
        calendar = vobject.readOne(data.decode("utf-8"), validate=True)
        uids = [event.uid.value for event in getattr(calendar, "vevent_list", [])]
        assert len(uids) == len(set(uids)), path
    assert len(events_of(files["agenda.ics"])) == len(dated)
    for event, entry in zip(events_of(files["agenda.ics"]), dated, strict=True):
        assert str(event["SUMMARY"]) == entry.event.title


def test_the_calendars_hold_a_window_counted_from_the_newest_issue() -> None:
    def event(event_id: str, day: dt.date) -> cdm.Event:
        return cdm.Event(id=event_id, title=event_id, when=When(start=day))

    agenda = (
        event("old", dt.date(2019, 5, 31)),
        event("in-window", dt.date(2019, 6, 20)),
        event("future", dt.date(2021, 1, 5)),
    )
    call = cdm.FundingCall(title="Appel ancien", deadline=dt.date(2018, 1, 1))
    article = cdm.Article(id="a", title="Appels", funding_calls=(call,))
    issue = build_issue(
        id="2020-06",
        date=dt.date(2020, 6, 15),
        agenda=agenda,
        sections=(cdm.Section(title="F", kind=cdm.SectionKind.FUNDING, articles=(article,)),),
    )
    archive = cdm.Archive([issue])
    files = export(archive)
    assert [str(e["SUMMARY"]) for e in events_of(files["agenda.ics"])] == ["in-window", "future"]
    assert events_of(files["deadlines.ics"]) == []
    everything = export(archive, cdm.ExportOptions(calendar_window=None))
    assert len(events_of(everything["agenda.ics"])) == 3
    assert len(events_of(everything["deadlines.ics"])) == 1
    later_build = cdm.ExportOptions(
        base_url=OPTIONS.base_url, build_time=dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    )
    assert (
        export(archive, later_build)["agenda.ics"] == files["agenda.ics"]
    )  # the data, not the clock

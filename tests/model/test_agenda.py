"""The agenda: When (dates, times, zones, parts of day), Place and Event."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from cdm_newsletter import (
    Event,
    EventCategory,
    EventStatus,
    InvalidValue,
    Link,
    PartOfDay,
    Place,
    When,
)
from tests.conftest import raises_exactly

DAY = dt.date(2019, 1, 24)
NINE = dt.datetime(2019, 1, 24, 9, 0)
NOON = dt.datetime(2019, 1, 24, 12, 0)


def error_of(**fields: object) -> str:
    with pytest.raises(InvalidValue) as caught:
        When(**fields)  # type: ignore[arg-type]
    return str(caught.value)


# --- When: valid shapes -----------------------------------------------------------------


def test_single_day() -> None:
    when = When(start=DAY)
    assert when.all_day
    assert when.first_day == DAY
    assert when.last_day == DAY
    assert when.end is None
    assert when.timezone is None
    assert when.part_of_day is None


@pytest.mark.parametrize("part", list(PartOfDay))
def test_half_day(part: PartOfDay) -> None:
    when = When(start=DAY, part_of_day=part)
    assert when.all_day
    assert when.part_of_day is part
    assert (when.first_day, when.last_day) == (DAY, DAY)


def test_span_of_days_ends_on_its_last_day_inclusive() -> None:
    when = When(start=dt.date(2019, 1, 28), end=dt.date(2019, 1, 30))
    assert when.all_day
    assert when.first_day == dt.date(2019, 1, 28)
    assert when.last_day == dt.date(2019, 1, 30)


def test_times_in_a_zone() -> None:
    when = When(start=NINE, end=NOON, timezone="Europe/Paris")
    assert not when.all_day
    assert when.first_day == DAY
    assert when.last_day == DAY


def test_times_over_midnight_span_two_days() -> None:
    when = When(start=dt.datetime(2019, 1, 24, 20), end=dt.datetime(2019, 1, 25, 2), timezone="UTC")
    assert when.first_day == dt.date(2019, 1, 24)
    assert when.last_day == dt.date(2019, 1, 25)


def test_start_time_without_end() -> None:
    when = When(start=NINE, timezone="Europe/Lisbon")
    assert not when.all_day
    assert when.last_day == DAY


def test_an_instant_may_end_when_it_starts() -> None:
    assert When(start=NINE, end=NINE, timezone="Europe/Paris").end == NINE


# --- When: refused ----------------------------------------------------------------------


def test_end_before_start_is_refused_for_days() -> None:
    assert error_of(start=dt.date(2019, 6, 21), end=dt.date(2019, 6, 19)) == (
        "end: 2019-06-19 is before the start, 2019-06-21"
    )


def test_end_before_start_is_refused_for_times() -> None:
    assert error_of(start=NOON, end=NINE, timezone="Europe/Paris") == (
        "end: 2019-01-24T09:00:00 is before the start, 2019-01-24T12:00:00"
    )


def test_end_equal_to_start_is_refused_for_days() -> None:
    assert error_of(start=DAY, end=DAY) == (
        "end: equals the start; leave it out for a one-day event"
    )


def test_end_as_time_with_start_as_date_is_refused() -> None:
    assert error_of(start=DAY, end=NOON) == "end: must be a date, like the start"


def test_end_as_date_with_start_as_time_is_refused() -> None:
    assert error_of(start=NINE, end=dt.date(2019, 1, 25), timezone="Europe/Paris") == (
        "end: must be a date and time, like the start"
    )


def test_aware_start_is_refused() -> None:
    aware = dt.datetime(2019, 1, 24, 9, tzinfo=dt.UTC)
    assert error_of(start=aware, timezone="Europe/Paris") == (
        "start: must be a local time without a UTC offset; give the zone in 'timezone'"
    )


def test_aware_end_is_refused() -> None:
    aware = dt.datetime(2019, 1, 24, 12, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert error_of(start=NINE, end=aware, timezone="Europe/Paris") == (
        "end: must be a local time without a UTC offset; give the zone in 'timezone'"
    )


@pytest.mark.parametrize("start", ["2019-01-24", 20190124, None])
def test_start_must_be_a_date(start: object) -> None:
    assert error_of(start=start) == (f"start: expected a date or a date and time, got {start!r}")


def test_timezone_is_required_with_times() -> None:
    assert error_of(start=NINE, end=NOON) == (
        "timezone: is required with a date and time, e.g. 'Europe/Paris'"
    )


def test_timezone_is_refused_with_days() -> None:
    assert error_of(start=DAY, timezone="Europe/Paris") == (
        "timezone: is only for dates and times; an all-day event takes its zone from its place"
    )


@pytest.mark.parametrize(
    "zone",
    [
        "../etc/passwd",
        "/etc/localtime",
        "Europe/../Europe/Paris",
        "./Europe/Paris",
        "Europe\\Paris",
        "Europe/Paris/",
        "europe/paris",
        "Mars/Olympus_Mons",
        "",
        " ",
        "Europe/Paris\x00",
        "zone.tab",
    ],
)
def test_bad_timezone_names_are_refused(zone: str) -> None:
    assert error_of(start=NINE, timezone=zone) == (
        f"timezone: {zone!r} is not an IANA time zone name"
    )


@pytest.mark.parametrize("zone", ["Europe/Paris", "America/Montreal", "UTC", "Africa/Dakar"])
def test_good_timezone_names(zone: str) -> None:
    assert When(start=NINE, timezone=zone).timezone == zone


@pytest.mark.parametrize(
    "fields",
    [
        {"start": DAY, "end": dt.date(2019, 1, 25)},
        {"start": NINE, "timezone": "Europe/Paris"},
        {"start": NINE, "end": NOON, "timezone": "Europe/Paris"},
    ],
)
def test_part_of_day_is_only_for_a_single_day(fields: dict[str, object]) -> None:
    assert error_of(**fields, part_of_day=PartOfDay.MORNING) == (
        "part_of_day: is only for a single day given without times"
    )


def test_when_is_frozen_and_keyword_only() -> None:
    when = When(start=DAY)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        when.start = NINE  # type: ignore[misc]
    with pytest.raises(TypeError):
        When(DAY)  # type: ignore[misc]


# --- Place ------------------------------------------------------------------------------


def test_place_fields() -> None:
    place = Place(name="Cité des sciences", city="Paris", country="FR", timezone="Europe/Paris")
    assert (place.name, place.city, place.country, place.timezone) == (
        "Cité des sciences",
        "Paris",
        "FR",
        "Europe/Paris",
    )
    assert Place(name="En ligne").country is None


@pytest.mark.parametrize("country", ["fr", "FRA", "F", "F1", "", "Fr"])
def test_place_refuses_bad_country_codes(country: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        Place(name="x", country=country)
    assert str(caught.value) == (
        f"country: {country!r} is not a two-letter country code such as 'FR'"
    )


@pytest.mark.parametrize("zone", ["../etc/passwd", "Paris", "Europe/Pariss"])
def test_place_refuses_bad_timezones(zone: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        Place(name="x", timezone=zone)
    assert str(caught.value) == f"timezone: {zone!r} is not an IANA time zone name"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "name: must not be empty"),
        ("  ", "name: must not be empty"),
        ("a\tb", "name: contains the control character U+0009 at position 1"),
    ],
)
def test_place_name_is_one_line(name: str, message: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        Place(name=name)
    assert str(caught.value) == message


# --- Event ------------------------------------------------------------------------------


def make_event(**fields: object) -> Event:
    values: dict[str, object] = {
        "id": "2018-12-20190124-apm",
        "title": "APM",
        "when": When(start=DAY),
    }
    values.update(fields)
    return Event(**values)  # type: ignore[arg-type]


def test_event_defaults() -> None:
    event = make_event()
    assert event.category is EventCategory.OTHER
    assert event.status is EventStatus.CONFIRMED
    assert event.place is None
    assert event.registration is None
    assert event.description is None


@pytest.mark.parametrize(
    "event_id", ["a", "0", "2018-12-numeri-day", "a--b", "x" * 120, "a" + "-" * 118 + "b"]
)
def test_event_accepts_ids(event_id: str) -> None:
    assert make_event(id=event_id).id == event_id


@pytest.mark.parametrize(
    "event_id",
    [
        "../../etc/passwd",
        "A",
        "Numeri-Day",
        "-x",
        "x-",
        "-",
        "",
        "x" * 121,
        "a b",
        "a_b",
        "a.b",
        "a/b",
        "é",
        "a\nb",
    ],
)
def test_event_refuses_bad_ids(event_id: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        make_event(id=event_id)
    assert str(caught.value) == (
        f"id: {event_id!r} is not an id (lower-case letters, digits and inner hyphens, at most 120)"
    )


def test_event_refuses_a_non_string_id() -> None:
    with pytest.raises(InvalidValue) as caught:
        make_event(id=12)
    assert caught.value.field == "id"


def test_event_title_is_one_line() -> None:
    with pytest.raises(InvalidValue) as caught:
        make_event(title="APM\nComEx")
    assert str(caught.value) == "title: contains the control character U+000A at position 3"


def test_event_description_may_hold_several_lines_but_no_other_controls() -> None:
    assert make_event(description="one\ntwo").description == "one\ntwo"
    with pytest.raises(InvalidValue) as caught:
        make_event(description="one\r\ntwo")
    assert str(caught.value) == ("description: contains the control character U+000D at position 3")
    with pytest.raises(InvalidValue) as caught:
        make_event(description=" \n ")
    assert str(caught.value) == "description: must not be empty"


def test_event_with_every_field() -> None:
    registration = Link(url="https://example.org/register", label="S'inscrire")
    event = make_event(
        place=Place(name="Lisbonne"),
        category=EventCategory.PARTNER,
        registration=registration,
        status=EventStatus.CANCELLED,
    )
    assert event.registration == registration
    assert event.status is EventStatus.CANCELLED


def test_event_is_frozen_and_keyword_only() -> None:
    event = make_event()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.title = "Other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Event("x", "APM", When(start=DAY))  # type: ignore[misc]


def test_evolve_validates_again() -> None:
    with raises_exactly(
        InvalidValue,
        "id: 'Bad Id' is not an id (lower-case letters, digits and inner hyphens, at most 120)",
    ):
        attrs.evolve(make_event(), id="Bad Id")

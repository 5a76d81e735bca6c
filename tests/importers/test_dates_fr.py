"""The reader of French dates: every form, every refusal, the year rules, search in text."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from unittest import mock

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cdm_newsletter.errors import CdmNewsletterError, InvalidValue
from cdm_newsletter.french import MONTHS, WEEKDAYS, fold, format_day
from cdm_newsletter.importers import dates_fr
from cdm_newsletter.importers.dates_fr import (
    DateError,
    FrenchWhen,
    parse_french_when,
    search_french_date,
)
from cdm_newsletter.model.agenda import PartOfDay, When
from cdm_newsletter.testing import property_examples
from tests.conftest import raises_exactly

REFERENCE = dt.date(2018, 12, 1)
"""The date of the seed issue, InfoLettre of December 2018."""

D = dt.date
T = dt.time
MORNING = PartOfDay.MORNING
AFTERNOON = PartOfDay.AFTERNOON


def days(
    first: dt.date,
    last: dt.date | None = None,
    *,
    part_of_day: PartOfDay | None = None,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    weekday_mismatches: tuple[str, ...] = (),
) -> FrenchWhen:
    return FrenchWhen(
        first_day=first,
        last_day=last or first,
        part_of_day=part_of_day,
        start_time=start_time,
        end_time=end_time,
        weekday_mismatches=weekday_mismatches,
    )


def refused(text: str, *, reference: dt.date = REFERENCE) -> str:
    with pytest.raises(DateError) as info:
        parse_french_when(text, reference=reference)
    return str(info.value)


# --- Forms ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7 novembre 2018", days(D(2018, 11, 7))),
        ("1er avril 2019", days(D(2019, 4, 1))),
        ("1 er avril", days(D(2019, 4, 1))),
        ("1ᵉʳ avril 2019", days(D(2019, 4, 1))),
        ("1 avril 2019", days(D(2019, 4, 1))),
        ("le 7 décembre", days(D(2018, 12, 7))),
        ("Le 24 janvier", days(D(2019, 1, 24))),
        ("mardi 14 mai 2019", days(D(2019, 5, 14))),
        ("Mardi 14 Mai 2019", days(D(2019, 5, 14))),
        ("MARDI 14 MAI 2019", days(D(2019, 5, 14))),
        ("le mardi 14 mai 2019", days(D(2019, 5, 14))),
        ("7 fevrier 2019", days(D(2019, 2, 7))),
        ("7 Février 2019", days(D(2019, 2, 7))),
        ("15 aout 2019", days(D(2019, 8, 15))),
        ("15 AOÛT 2019", days(D(2019, 8, 15))),
        ("3 Decembre 2018", days(D(2018, 12, 3))),
        ("7 DÉCEMBRE 2018", days(D(2018, 12, 7))),
        ("7 de\u0301cembre 2018", days(D(2018, 12, 7))),
        ("  7 novembre 2018\n", days(D(2018, 11, 7))),
        ("07 novembre 2018", days(D(2018, 11, 7))),
        ("31 décembre 2018", days(D(2018, 12, 31))),
        ("29 février 2020", days(D(2020, 2, 29))),
    ],
)
def test_reads_one_day(text: str, expected: FrenchWhen) -> None:
    assert parse_french_when(text, reference=REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28-30 janvier 2019", days(D(2019, 1, 28), D(2019, 1, 30))),
        ("19 -21 juin 2019", days(D(2019, 6, 19), D(2019, 6, 21))),
        ("19- 21 juin 2019", days(D(2019, 6, 19), D(2019, 6, 21))),
        ("28 – 30 janvier 2019", days(D(2019, 1, 28), D(2019, 1, 30))),
        ("28—30 janvier 2019", days(D(2019, 1, 28), D(2019, 1, 30))),
        ("28 − 30 janvier", days(D(2019, 1, 28), D(2019, 1, 30))),
        ("les 28-30 janvier 2019", days(D(2019, 1, 28), D(2019, 1, 30))),
        ("du 3 au 5 avril 2019", days(D(2019, 4, 3), D(2019, 4, 5))),
        ("Du 3 au 5 avril", days(D(2019, 4, 3), D(2019, 4, 5))),
        ("3 au 5 avril 2019", days(D(2019, 4, 3), D(2019, 4, 5))),
        ("du 3-5 avril 2019", days(D(2019, 4, 3), D(2019, 4, 5))),
        ("du 30 avril au 2 mai 2019", days(D(2019, 4, 30), D(2019, 5, 2))),
        ("30 avril - 2 mai 2019", days(D(2019, 4, 30), D(2019, 5, 2))),
        ("du 1er au 3 mars 2019", days(D(2019, 3, 1), D(2019, 3, 3))),
        ("30 décembre 2019 - 2 janvier 2020", days(D(2019, 12, 30), D(2020, 1, 2))),
        ("30 décembre - 2 janvier 2020", days(D(2019, 12, 30), D(2020, 1, 2))),
        ("du 28 janvier 2019 au 1er février 2019", days(D(2019, 1, 28), D(2019, 2, 1))),
        ("du mardi 14 au jeudi 16 mai 2019", days(D(2019, 5, 14), D(2019, 5, 16))),
        ("14/05 - 16/05/2019", days(D(2019, 5, 14), D(2019, 5, 16))),
        ("3-3 avril 2019", days(D(2019, 4, 3))),
    ],
)
def test_reads_a_span(text: str, expected: FrenchWhen) -> None:
    assert parse_french_when(text, reference=REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("les 8 et 9 novembre", days(D(2018, 11, 8), D(2018, 11, 9))),
        ("8 et 9 novembre 2018", days(D(2018, 11, 8), D(2018, 11, 9))),
        ("les 19, 20 et 21 juin 2019", days(D(2019, 6, 19), D(2019, 6, 21))),
        ("les 19, 20, et 21 juin 2019", days(D(2019, 6, 19), D(2019, 6, 21))),
        ("les 19 , 20 et 21 juin", days(D(2019, 6, 19), D(2019, 6, 21))),
        ("les 30, 31 mai et 1er juin 2019", days(D(2019, 5, 30), D(2019, 6, 1))),
        ("les 31 décembre et 1er janvier 2019", days(D(2018, 12, 31), D(2019, 1, 1))),
        ("lundi 1, mardi 2 et mercredi 3 avril 2019", days(D(2019, 4, 1), D(2019, 4, 3))),
        ("les 14/05 et 15/05/2019", days(D(2019, 5, 14), D(2019, 5, 15))),
    ],
)
def test_reads_consecutive_days(text: str, expected: FrenchWhen) -> None:
    assert parse_french_when(text, reference=REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("24 janvier 2019 (matin)", MORNING),
        ("24 janvier 2019 (après-midi)", AFTERNOON),
        ("24 janvier 2019 (apres-midi)", AFTERNOON),
        ("24 janvier 2019 (après midi)", AFTERNOON),
        ("24 janvier 2019 (aprèsmidi)", AFTERNOON),
        ("24 janvier 2019 ( matin )", MORNING),
        ("24 janvier 2019(matin)", MORNING),
        ("24 janvier 2019 matin", MORNING),
        ("24 janvier 2019 après-midi", AFTERNOON),
        ("24 janvier 2019, matin", MORNING),
        ("24 janvier 2019 (matinée)", MORNING),
        ("24 JANVIER 2019 (APRÈS-MIDI)", AFTERNOON),
        ("24 Janvier 2019 (Matin)", MORNING),
        ("jeudi 24 janvier (après–midi)", AFTERNOON),
    ],
)
def test_reads_a_part_of_day(text: str, part: PartOfDay) -> None:
    assert parse_french_when(text, reference=REFERENCE) == days(D(2019, 1, 24), part_of_day=part)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("16 mai 2019, 14h00-17h30", T(14), T(17, 30)),
        ("16 mai 2019 14h-17h30", T(14), T(17, 30)),
        ("16 mai 2019 14h – 17h30", T(14), T(17, 30)),
        ("16 mai 2019 de 14h à 17h30", T(14), T(17, 30)),
        ("16 mai 2019 de 14h a 17h30", T(14), T(17, 30)),
        ("16 mai 2019, de 9h30 à 12h", T(9, 30), T(12)),
        ("16 mai 2019 de 14 à 17h", T(14), T(17)),
        ("16 mai 2019, 14-17h", T(14), T(17)),
        ("16 mai 2019, 14:00 - 17:30", T(14), T(17, 30)),
        ("16 mai 2019 14:00-17:30", T(14), T(17, 30)),
        ("16 mai 2019 14H00-17H30", T(14), T(17, 30)),
        ("16 mai 2019 14 h-17 h30", T(14), T(17, 30)),
        ("16 mai 2019 14 : 00 - 17 : 30", T(14), T(17, 30)),
        ("16 mai 2019 à 9h30", T(9, 30), None),
        ("16 mai 2019 à 9h", T(9), None),
        ("16 mai 2019, à 9h30", T(9, 30), None),
        ("16 mai 2019 à partir de 9h", T(9), None),
        ("16 mai 2019 dès 9h", T(9), None),
        ("16 mai 2019 9h", T(9), None),
        ("16 mai 2019, 9h05", T(9, 5), None),
        ("16 mai 2019 à 14 heures", T(14), None),
        ("16 mai 2019 à 0h00", T(0), None),
        ("16 mai 2019 de 0h à 23h59", T(0), T(23, 59)),
        ("jeudi 16 mai 14h-17h30", T(14), T(17, 30)),
    ],
)
def test_reads_times(text: str, start: dt.time, end: dt.time | None) -> None:
    expected = days(D(2019, 5, 16), start_time=start, end_time=end)
    assert parse_french_when(text, reference=REFERENCE) == expected


def test_times_over_several_days() -> None:
    expected = days(D(2019, 4, 3), D(2019, 4, 5), start_time=T(9), end_time=T(17))
    assert parse_french_when("du 3 au 5 avril 2019, 9h-17h", reference=REFERENCE) == expected
    late = days(D(2019, 4, 3), D(2019, 4, 4), start_time=T(20), end_time=T(2))
    assert parse_french_when("3-4 avril 2019, 20h-2h", reference=REFERENCE) == late


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14/05/2019", D(2019, 5, 14)),
        ("14/05", D(2019, 5, 14)),
        ("14/05/19", D(2019, 5, 14)),
        ("1/5/2019", D(2019, 5, 1)),
        ("01/12", D(2018, 12, 1)),
        ("01/01", D(2019, 1, 1)),
        ("le 14/05/2019", D(2019, 5, 14)),
        ("mardi 14/05/2019", D(2019, 5, 14)),
    ],
)
def test_reads_numeric_dates(text: str, expected: dt.date) -> None:
    assert parse_french_when(text, reference=REFERENCE) == days(expected)


def test_numeric_date_with_time() -> None:
    expected = days(D(2019, 5, 14), start_time=T(9, 30), end_time=None)
    assert parse_french_when("14/05/2019 à 9h30", reference=REFERENCE) == expected


# --- The year ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reference", "first", "last"),
    [
        ("24 janvier", D(2018, 12, 1), D(2019, 1, 24), None),
        ("7 décembre", D(2018, 12, 1), D(2018, 12, 7), None),
        ("7 décembre", D(2018, 12, 31), D(2018, 12, 7), None),
        ("30 novembre", D(2018, 12, 1), D(2018, 11, 30), None),
        ("1er janvier", D(2019, 1, 15), D(2019, 1, 1), None),
        ("31 décembre", D(2019, 1, 15), D(2018, 12, 31), None),
        ("lundi 16 décembre", D(2020, 1, 10), D(2019, 12, 16), None),
        ("mercredi 16 décembre", D(2020, 1, 10), D(2020, 12, 16), None),
        ("5 décembre", D(2019, 6, 15), D(2019, 12, 5), None),
        ("3 juillet", D(2019, 9, 15), D(2019, 7, 3), None),
        ("15 juin", D(2019, 6, 30), D(2019, 6, 15), None),
        ("15 mai", D(2019, 6, 30), D(2019, 5, 15), None),
        ("29 février", D(2019, 3, 1), D(2020, 2, 29), None),
        ("14/05", D(2019, 6, 1), D(2019, 5, 14), None),
        ("28-30 janvier", D(2018, 12, 1), D(2019, 1, 28), D(2019, 1, 30)),
        ("30 décembre - 2 janvier", D(2018, 12, 1), D(2018, 12, 30), D(2019, 1, 2)),
        ("30 décembre - 2 janvier", D(2019, 1, 10), D(2018, 12, 30), D(2019, 1, 2)),
        ("30 décembre - 2 janvier", D(2018, 11, 1), D(2018, 12, 30), D(2019, 1, 2)),
        ("30 décembre - 2 janvier 2020", D(2018, 12, 1), D(2019, 12, 30), D(2020, 1, 2)),
        ("30 décembre 2019 - 2 janvier", D(2018, 12, 1), D(2019, 12, 30), D(2020, 1, 2)),
        ("du 30 novembre au 2 décembre", D(2018, 12, 1), D(2018, 11, 30), D(2018, 12, 2)),
        ("du 30 avril au 2 mai", D(2018, 12, 1), D(2019, 4, 30), D(2019, 5, 2)),
        ("les 31 décembre et 1er janvier", D(2018, 6, 1), D(2018, 12, 31), D(2019, 1, 1)),
        ("les 30, 31 décembre et 1er janvier 2019", D(2018, 6, 1), D(2018, 12, 30), D(2019, 1, 1)),
        ("les 8 et 9 novembre", D(2018, 11, 1), D(2018, 11, 8), D(2018, 11, 9)),
        ("les 8 et 9 novembre", D(2018, 12, 1), D(2018, 11, 8), D(2018, 11, 9)),
    ],
)
def test_year_comes_from_the_reference_or_the_last_day(
    text: str, reference: dt.date, first: dt.date, last: dt.date | None
) -> None:
    assert parse_french_when(text, reference=reference) == days(first, last)


# --- Weekdays ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mismatches"),
    [
        ("mardi 14 mai 2019", ()),
        ("samedi 1er juin 2019", ()),
        ("mardi 15 mai 2019", ("mardi 15 mai 2019: 15 mai 2019 is a mercredi",)),
        ("Mardi 15 mai 2019", ("mardi 15 mai 2019: 15 mai 2019 is a mercredi",)),
        ("dimanche 1er juin 2019", ("dimanche 1er juin 2019: 1er juin 2019 is a samedi",)),
        ("VENDREDI 14/05/2019", ("vendredi 14 mai 2019: 14 mai 2019 is a mardi",)),
        (
            "du lundi 3 au mardi 5 avril 2019",
            (
                "lundi 3 avril 2019: 3 avril 2019 is a mercredi",
                "mardi 5 avril 2019: 5 avril 2019 is a vendredi",
            ),
        ),
        (
            "lundi 1, mardi 2 et jeudi 3 avril 2019",
            ("jeudi 3 avril 2019: 3 avril 2019 is a mercredi",),
        ),
    ],
)
def test_a_wrong_weekday_is_reported_not_refused(text: str, mismatches: tuple[str, ...]) -> None:
    assert parse_french_when(text, reference=REFERENCE).weekday_mismatches == mismatches


# --- Refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the text is empty"),
        ("   ", "the text is empty"),
        ("novembre 2018", "no day number"),
        ("mardi", "no day number"),
        ("à définir", "no day number"),
        ("7 novembr 2018", "unknown month 'novembr'"),
        ("7 Brumaire 2018", "unknown month 'Brumaire'"),
        ("7 nov. 2018", "unknown month 'nov'"),
        ("7", "no month after the day"),
        ("le 7", "no month after the day"),
        ("31 avril 2019", "avril 2019 has only 30 days, not 31"),
        ("29 février 2019", "février 2019 has only 28 days, not 29"),
        ("30 fevrier", "février 2019 has only 28 days, not 30"),
        ("31/06/2019", "juin 2019 has only 30 days, not 31"),
        ("32 janvier 2019", "32 is not a day number (1 to 31)"),
        ("0 janvier 2019", "0 is not a day number (1 to 31)"),
        ("13/13/2019", "13 is not a month number (1 to 12)"),
        ("1/5", "it stops where a year was expected"),
        (
            "30-28 janvier 2019",
            "it ends before it starts: 28 janvier 2019 comes before 30 janvier 2019",
        ),
        (
            "du 5 au 3 avril 2019",
            "it ends before it starts: 3 avril 2019 comes before 5 avril 2019",
        ),
        (
            "2 mai 2019 - 30 avril 2019",
            "it ends before it starts: 30 avril 2019 comes before 2 mai 2019",
        ),
        (
            "les 8 et 10 novembre 2018",
            "the days are not consecutive: 10 novembre 2018 is not the day after 8 novembre 2018",
        ),
        (
            "les 19, 21 et 22 juin 2019",
            "the days are not consecutive: 21 juin 2019 is not the day after 19 juin 2019",
        ),
        (
            "les 9 et 8 novembre 2018",
            "the days are not consecutive: 8 novembre 2018 is not the day after 9 novembre 2018",
        ),
        (
            "les 8 et 8 novembre 2018",
            "the days are not consecutive: 8 novembre 2018 is not the day after 8 novembre 2018",
        ),
        ("les 7 décembre 2018", "it stops where ',', 'et', '-' or 'au' was expected"),
        (
            "24 janvier 2019 (matin) 9h-12h",
            "a part of day, '(matin)', cannot go with times, '9h-12h'",
        ),
        (
            "24 janvier 2019, de 14h à 17h, après-midi",
            "a part of day, 'après-midi', cannot go with times, 'de 14h à 17h'",
        ),
        ("28-30 janvier 2019 (matin)", "a part of day, '(matin)', fits a single day only"),
        ("les 8 et 9 novembre après-midi", "a part of day, 'après-midi', fits a single day only"),
        ("du 3 au 5 avril 2019 à 9h", "a start time alone, '9h', cannot cover several days"),
        ("16 mai 2019 25h", "invalid time '25h': the hour must be 0 to 23"),
        ("16 mai 2019 24h00", "invalid time '24h00': the hour must be 0 to 23"),
        ("16 mai 2019 14h75", "invalid time '14h75': the minutes must be 00 to 59"),
        ("16 mai 2019, 14:60-17:00", "invalid time '14:60': the minutes must be 00 to 59"),
        ("16 mai 2019 14h-17h5", "invalid time '17h5': the minutes must have two digits"),
        ("16 mai 2019 17h-14h", "the end time 14:00 is not after the start time 17:00"),
        ("16 mai 2019 14h-14h", "the end time 14:00 is not after the start time 14:00"),
        ("7 novembre 2018 Paris", "unexpected text after the date: 'Paris'"),
        ("7 novembre 2018.", "unexpected text after the date: '.'"),
        ("7 novembre 2018 (matin", "unexpected text after the date: '(matin'"),
        ("16 mai 2019 de 14h à", "unexpected text after the date: 'de 14h à'"),
        ("16 mai 2019 14h 15h", "unexpected text after the date: '15h'"),
        ("7 novembre 20189", "unexpected text after the date: '20189'"),
        ("Paris, 7 novembre 2018", "unexpected 'Paris' where a day number was expected"),
        ("CDM21 juin 2019", "unexpected 'CDM' where a day number was expected"),
        (
            "28 30 janvier",
            "unexpected '30' where a month name, ',', 'et', '-' or 'au' was expected",
        ),
        ("8 et", "it stops where a day number was expected"),
        ("du 7 novembre", "it stops where a year, '-' or 'au' was expected"),
        ("5 janvier 0000", "the year 0 is out of range"),
    ],
)
def test_refuses_with_a_reason(text: str, reason: str) -> None:
    assert refused(text) == f"cannot read {text!r} as a date: {reason}"


def test_a_year_past_9999_is_never_a_reading() -> None:
    assert parse_french_when("5 janvier", reference=D(9999, 12, 1)) == days(D(9999, 1, 5))
    message = refused("30 décembre - 2 janvier 10000", reference=D(9999, 12, 1))
    assert message == (
        "cannot read '30 décembre - 2 janvier 10000' as a date:"
        " unexpected text after the date: '10000'"
    )


def test_long_texts_are_shortened_in_messages() -> None:
    message = refused("7 novembre 2018 " + "x" * 10_000)
    assert message == (  # each quoted text cut to 80 characters
        f"cannot read '7 novembre 2018 {'x' * 63}…' as a date:"
        f" unexpected text after the date: '{'x' * 79}…'"
    )


def test_date_error_is_a_value_error_of_the_package() -> None:
    assert issubclass(DateError, ValueError)
    assert issubclass(DateError, CdmNewsletterError)


# --- to_when ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7 novembre 2018", When(start=D(2018, 11, 7))),
        ("28-30 janvier 2019", When(start=D(2019, 1, 28), end=D(2019, 1, 30))),
        ("les 8 et 9 novembre 2018", When(start=D(2018, 11, 8), end=D(2018, 11, 9))),
        ("24 janvier 2019 (matin)", When(start=D(2019, 1, 24), part_of_day=MORNING)),
        ("24 janvier 2019 (après-midi)", When(start=D(2019, 1, 24), part_of_day=AFTERNOON)),
        (
            "16 mai 2019, 14h00-17h30",
            When(
                start=dt.datetime(2019, 5, 16, 14),
                end=dt.datetime(2019, 5, 16, 17, 30),
                timezone="Europe/Paris",
            ),
        ),
        (
            "16 mai 2019 à 9h30",
            When(start=dt.datetime(2019, 5, 16, 9, 30), timezone="Europe/Paris"),
        ),
        (
            "du 3 au 5 avril 2019, 9h-17h",
            When(
                start=dt.datetime(2019, 4, 3, 9),
                end=dt.datetime(2019, 4, 5, 17),
                timezone="Europe/Paris",
            ),
        ),
    ],
)
def test_to_when(text: str, expected: When) -> None:
    assert parse_french_when(text, reference=REFERENCE).to_when("Europe/Paris") == expected


def test_to_when_refuses_what_when_refuses() -> None:
    spread = days(D(2019, 1, 28), D(2019, 1, 30), part_of_day=MORNING)
    with raises_exactly(InvalidValue, "part_of_day: is only for a single day given without times"):
        spread.to_when("Europe/Paris")


def test_to_when_keeps_the_zone_of_times_only() -> None:
    timed = parse_french_when("16 mai 2019 à 9h", reference=REFERENCE).to_when("America/Montreal")
    assert timed.timezone == "America/Montreal"
    assert (
        parse_french_when("16 mai 2019", reference=REFERENCE).to_when("Europe/Paris").timezone
        is None
    )


# --- Search in running text -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reference", "found", "expected"),
    [
        (
            "Appel à projets Erasmus+, date limite 26 février 2019. [Lien](#)",
            REFERENCE,
            "26 février 2019",
            days(D(2019, 2, 26)),
        ),
        (
            "Prix de l'innovation : candidatures jusqu'au 15 mars 2019 à 12h. [Lien](#)",
            REFERENCE,
            "15 mars 2019 à 12h",
            days(D(2019, 3, 15), start_time=T(12)),
        ),
        (
            "Suite à des réunions organisées à Paris les 8 et 9 novembre, le Directeur",
            D(2018, 11, 1),
            "les 8 et 9 novembre",
            days(D(2018, 11, 8), D(2018, 11, 9)),
        ),
        (
            "Cet événement se déroulera à Paris La Villette les 19, 20 et 21 juin.",
            REFERENCE,
            "les 19, 20 et 21 juin",
            days(D(2019, 6, 19), D(2019, 6, 21)),
        ),
        (
            "Réunion du ComEx le 6 décembre 2018, Porto",
            REFERENCE,
            "le 6 décembre 2018",
            days(D(2018, 12, 6)),
        ),
        ("la réunion du 7 décembre à Paris", REFERENCE, "7 décembre", days(D(2018, 12, 7))),
        (
            "CDM21 se réunit le 8 novembre 2018.",
            REFERENCE,
            "le 8 novembre 2018",
            days(D(2018, 11, 8)),
        ),
        (
            "En 2019, du 3 au 5 avril, à Lisbonne",
            REFERENCE,
            "du 3 au 5 avril",
            days(D(2019, 4, 3), D(2019, 4, 5)),
        ),
        (
            "Formation le 16 mai 2019 de 14h à 17h30, à Paris.",
            REFERENCE,
            "le 16 mai 2019 de 14h à 17h30",
            days(D(2019, 5, 16), start_time=T(14), end_time=T(17, 30)),
        ),
        (
            "Rendez-vous le 16 mai 2019 à Paris",
            REFERENCE,
            "le 16 mai 2019",
            days(D(2019, 5, 16)),
        ),
        (
            "Assemblée le 24 janvier 2019 (matin), Bruxelles",
            REFERENCE,
            "le 24 janvier 2019 (matin)",
            days(D(2019, 1, 24), part_of_day=MORNING),
        ),
        (
            "Le Mardi 15 mai 2019 : atelier",
            REFERENCE,
            "Le Mardi 15 mai 2019",
            days(
                D(2019, 5, 15),
                weekday_mismatches=("mardi 15 mai 2019: 15 mai 2019 is a mercredi",),
            ),
        ),
        (
            "du 3 au 5 avril 2019 puis le 7 mai 2019",
            REFERENCE,
            "du 3 au 5 avril 2019",
            days(D(2019, 4, 3), D(2019, 4, 5)),
        ),
        (
            "E\u0301le\u0301ments ŒUVRE, date limite : 1er avril 2019",
            REFERENCE,
            "1er avril 2019",
            days(D(2019, 4, 1)),
        ),
        ("Réponse avant le 14/05/2019.", REFERENCE, "le 14/05/2019", days(D(2019, 5, 14))),
        ("Il y a 3 ans, le 2 mai", REFERENCE, "le 2 mai", days(D(2019, 5, 2))),
        ("Réunion le.7 mai", REFERENCE, "7 mai", days(D(2019, 5, 7))),
        ("1 x 7 Décembre", REFERENCE, "7 Décembre", days(D(2018, 12, 7))),
        ("1 7 Août", REFERENCE, "7 Août", days(D(2018, 8, 7))),
    ],
)
def test_search_finds_the_first_date(
    text: str, reference: dt.date, found: str, expected: FrenchWhen
) -> None:
    result = search_french_date(text, reference=reference)
    assert result is not None
    when, start, end = result
    assert (start, end) == (text.index(found), text.index(found) + len(found))
    assert text[start:end] == found
    assert when == expected


def test_search_gives_offsets_in_the_original_text() -> None:
    text = "Appel à projets, date limite 26 février 2019. [Lien](#)"
    assert search_french_date(text, reference=REFERENCE) == (days(D(2019, 2, 26)), 29, 44)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Aucune date ici.",
        "Le ComEx s'est réuni à Porto.",
        "En 2019, 50/50 ou 1/3 des membres",
        "CDM21 juin",
        "Il y a 3 ans",
        "Les 25 ans de la Cité des métiers",
        "novembre 2018",
    ],
)
def test_search_finds_nothing(text: str) -> None:
    assert search_french_date(text, reference=REFERENCE) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "date limite 31 avril 2019.",
            "cannot read '31 avril 2019' as a date: avril 2019 has only 30 days, not 31",
        ),
        (
            "Rendez-vous les 8 et 10 novembre 2018.",
            "cannot read 'les 8 et 10 novembre 2018' as a date: the days are not consecutive: "
            "10 novembre 2018 is not the day after 8 novembre 2018",
        ),
        (
            "le 16 mai 2019 à 25h, salle 3",
            "cannot read 'le 16 mai 2019 à 25h' as a date: invalid time '25h': "
            "the hour must be 0 to 23",
        ),
    ],
)
def test_search_refuses_a_date_it_cannot_read(text: str, reason: str) -> None:
    with raises_exactly(DateError, reason):
        search_french_date(text, reference=REFERENCE)


def test_search_finds_every_date_one_after_the_other() -> None:
    text = "Du 28 au 30 janvier 2019 à Paris, puis les 19, 20 et 21 juin ; enfin le 3 mai."
    found = []
    offset = 0
    while (result := search_french_date(text[offset:], reference=REFERENCE)) is not None:
        when, start, end = result
        found.append((text[offset + start : offset + end], when.first_day, when.last_day))
        offset += end
    assert found == [
        ("Du 28 au 30 janvier 2019", D(2019, 1, 28), D(2019, 1, 30)),
        ("les 19, 20 et 21 juin", D(2019, 6, 19), D(2019, 6, 21)),
        ("le 3 mai", D(2019, 5, 3), D(2019, 5, 3)),
    ]


def test_long_texts_are_read_in_one_pass() -> None:
    prose = "Réunion à Paris la Villette, comité de labellisation du 3e étage. " * 3_000
    result = search_french_date(prose + "Date limite 26 février 2019.", reference=REFERENCE)
    assert result is not None
    assert result[1:] == (len(prose) + 12, len(prose) + 27)
    numbers = "1, " * 20_000 + "2 et 3 mai"
    with raises_exactly(
        DateError,
        f"cannot read '{numbers[:79]}…' as a date: the days are not consecutive: "
        "1er mai 2019 is not the day after 1er mai 2019",
    ):
        parse_french_when(numbers, reference=REFERENCE)
    assert search_french_date("1-1-" * 20_000, reference=REFERENCE) is None


# --- Properties -------------------------------------------------------------------------

written_dates = st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31))


def french_words(day: dt.date, *, weekday: bool) -> str:
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


@given(
    day=written_dates,
    reference=st.dates(),
    weekday=st.booleans(),
    spelling=st.sampled_from([str, fold, str.upper, lambda text: fold(text).upper(), str.title]),
)
def test_reads_back_any_written_date(
    day: dt.date, reference: dt.date, weekday: bool, spelling: Callable[[str], str]
) -> None:
    text = spelling(french_words(day, weekday=weekday))
    assert parse_french_when(text, reference=reference) == days(day)
    assert parse_french_when(format_day(day), reference=reference) == days(day)


@given(first=written_dates, length=st.integers(0, 400), reference=st.dates())
def test_reads_back_any_written_span(first: dt.date, length: int, reference: dt.date) -> None:
    assume(first.toordinal() + length <= D(9999, 12, 31).toordinal())
    last = first + dt.timedelta(days=length)
    text = f"du {format_day(first)} au {format_day(last)}"
    assert parse_french_when(text, reference=reference) == days(first, last)
    if (first.year, first.month) == (last.year, last.month):
        short = f"{first.day}-{last.day} {MONTHS[last.month - 1]} {last.year}"
        assert parse_french_when(short, reference=reference) == days(first, last)


@given(day=st.dates(min_value=D(2, 1, 1), max_value=D(9998, 12, 31)), reference=st.dates())
def test_a_date_without_year_is_the_nearest_reading(day: dt.date, reference: dt.date) -> None:
    assume(2 <= reference.year < 9999)
    text = f"{day.day} {MONTHS[day.month - 1]}"
    readings = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        if (day.month, day.day) != (2, 29) or calendar.isleap(year):
            distance = (D(year, day.month, day.day) - reference).days
            readings.append((distance if distance >= 0 else -1.5 * distance, year))
    if not readings:
        nearest = min(
            (year for year in (reference.year - 1, reference.year, reference.year + 1)),
            key=lambda year: (
                abs((D(year, 2, 1) - reference).days) * (1 if D(year, 2, 1) >= reference else 1.5)
            ),
        )
        assert refused(text, reference=reference) == (
            f"cannot read {text!r} as a date: février {nearest} has only 28 days, not 29"
        )
        return
    read = parse_french_when(text, reference=reference).first_day
    assert read == D(min(readings)[1], day.month, day.day)
    assert abs((read - reference).days) <= 366 * 2


@given(st.text())
def test_never_fails_but_with_a_date_error(text: str) -> None:
    for read in (parse_french_when, search_french_date):
        try:
            read(text, reference=REFERENCE)
        except DateError as error:
            message = str(error)
        else:
            message = "cannot read (no error)"
        assert message.startswith("cannot read ")


date_words = st.lists(
    st.sampled_from(
        [
            *["1", "1er", "2", "3", "9", "14", "28", "30", "31", "2019", "19", "05", "/", "-"],
            *["–", ",", "(", ")", ":", "h", "le", "les", "du", "au", "et", "à", "de", "mai"],
            *["juin", "Février", "decembre", "mardi", "matin", "après-midi", "Paris", "."],
        ]
    ),
    max_size=14,
)


@given(words=date_words, glue=st.sampled_from([" ", "", "  "]))
def test_what_search_finds_reads_alone_the_same(words: list[str], glue: str) -> None:
    text = glue.join(words)
    try:
        result = search_french_date(text, reference=REFERENCE)
    except DateError:
        return
    if result is None:
        return
    when, start, end = result
    assert 0 <= start < end <= len(text)
    assert text[start:end] == text[start:end].strip()
    assert parse_french_when(text[start:end], reference=REFERENCE) == when


day_words = st.sampled_from(["1", "1er", "7", "19", "31", "14/05", "mardi 7", "le 7", "du 7"])
month_words = st.sampled_from(
    ["mai", "MAI", "février", "Fe\u0301vrier", "aout", "Août", "décembre", "juin 2019"]
)
date_cores = (
    st.builds("{} {}".format, day_words, month_words)
    | st.builds("{}-{} {}".format, day_words, day_words, month_words)
    | st.builds("{} au {} {}".format, day_words, day_words, month_words)
    | st.builds("les {}, {} et {} {}".format, day_words, day_words, day_words, month_words)
)
noise_words = st.sampled_from(
    [
        *["1", "2019", "/", "-", ",", ".", "(", "9h", "le", "Les", "du", "et", "à", "Paris"],
        *["réunion", "CDM21", "date limite", "_", "x", "Œuvre", "e\u0301te\u0301", "Le ComEx"],
    ]
)
running_words = st.lists(date_cores | noise_words, max_size=8)


@settings(max_examples=property_examples(400))
@given(words=running_words, glue=st.sampled_from([" ", "", ", ", "  "]))
def test_search_shortcuts_never_skip_a_date(words: list[str], glue: str) -> None:
    text = glue.join(words)
    with mock.patch.object(dates_fr._Shortcuts, "skip_to", lambda _self, start: start):
        try:
            slow: object = search_french_date(text, reference=REFERENCE)
        except DateError as error:
            slow = str(error)
    try:
        fast: object = search_french_date(text, reference=REFERENCE)
    except DateError as error:
        fast = str(error)
    assert fast == slow

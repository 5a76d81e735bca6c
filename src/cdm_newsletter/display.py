"""Dates, times and places as readers see them, dates in French by default (Babel).

"lundi 28 – mercredi 30 janvier 2019", "jeudi 24 janvier 2019, matin",
"jeudi 16 mai 2019, 14:00 – 17:30"; "Cité des métiers, Porto". One module,
used by the pages, the calendar and the plain-text e-mail, so that a date or a
place reads the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import functools

from babel.dates import format_date, format_time

from .french import format_day
from .model import Event, EventStatus, PartOfDay, Place, StaffChange, StaffChangeKind, When

__all__ = [
    "day_text",
    "event_date_text",
    "event_status_labels",
    "place_text",
    "staff_change_text",
    "when_text",
]

_PART_OF_DAY = {
    "fr": {PartOfDay.MORNING: "matin", PartOfDay.AFTERNOON: "après-midi"},
    "en": {PartOfDay.MORNING: "morning", PartOfDay.AFTERNOON: "afternoon"},
}


def _language(locale: str) -> str:
    return locale.split("-")[0].split("_")[0]


@functools.lru_cache(maxsize=8192)  # Babel takes its time, and pages show the same days
def day_text(day: dt.date, locale: str = "fr") -> str:
    """A day in words: "lundi 28 janvier 2019"."""
    return format_date(day, "EEEE d MMMM y", locale=_language(locale))


def _span(first: dt.date, last: dt.date, locale: str) -> str:
    language = _language(locale)
    if (first.year, first.month) == (last.year, last.month):
        start = format_date(first, "EEEE d", locale=language)
    elif first.year == last.year:
        start = format_date(first, "EEEE d MMMM", locale=language)
    else:
        start = day_text(first, locale)
    return f"{start} – {day_text(last, locale)}"


def when_text(when: When, locale: str = "fr") -> str:
    """When an event happens, in words, with its half day or its hours."""
    if when.first_day != when.last_day:
        text = _span(when.first_day, when.last_day, locale)
    else:
        text = day_text(when.first_day, locale)
    if when.part_of_day is not None:
        names = _PART_OF_DAY.get(_language(locale), _PART_OF_DAY["fr"])
        return f"{text}, {names[when.part_of_day]}"
    if isinstance(when.start, dt.datetime):
        start = format_time(when.start.time(), "HH:mm", locale=_language(locale))
        if isinstance(when.end, dt.datetime):
            end = format_time(when.end.time(), "HH:mm", locale=_language(locale))
            return f"{text}, {start} – {end}"
        return f"{text}, {start}"
    return text


def event_date_text(event: Event, locale: str = "fr") -> str:
    """An event's date in words: from ``when``, else the words the source gave."""
    if event.when is not None:
        return when_text(event.when, locale)
    return event.date_text or ""


_STATUS_LABELS = {
    EventStatus.CANCELLED: "annulé",
    EventStatus.POSTPONED: "reporté, nouvelle date à venir",
    EventStatus.TENTATIVE: "sous réserve",
}


def event_status_labels(event: Event) -> tuple[str, ...]:
    """What readers are told of an event's status and move, in French; none when confirmed.

    ``("annulé",)``, ``("reporté, nouvelle date à venir",)``, ``("sous réserve",
    "initialement prévu le 3 avril 2019")``.
    """
    labels = [_STATUS_LABELS[event.status]] if event.status in _STATUS_LABELS else []
    if event.rescheduled_from is not None:
        labels.append(f"initialement prévu le {format_day(event.rescheduled_from)}")
    return tuple(labels)


def place_text(place: Place) -> str:
    """A place in words: its name, and its city when the name does not say it."""
    city = place.city
    if city is None or city.casefold() in place.name.casefold():
        return place.name
    return f"{place.name}, {city}"


def staff_change_text(change: StaffChange) -> str:
    """A staff change in words: ``"Ana Lima arrive à Cité des métiers de Porto"``."""
    verb = "arrive à" if change.kind is StaffChangeKind.ARRIVAL else "quitte"
    return f"{change.person.display_name} {verb} {change.organisation}"

"""The agenda: events, when and where they happen."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from attrs import Attribute, field, frozen

from ..errors import InvalidValue
from . import _checks
from .text import Link

__all__ = ["Event", "EventCategory", "EventStatus", "PartOfDay", "Place", "When"]


class PartOfDay(enum.Enum):
    """Half of a day, for events announced as "(matin)" or "(après-midi)"."""

    MORNING = "morning"
    AFTERNOON = "afternoon"


class EventCategory(enum.Enum):
    """Which agenda an event belongs to."""

    INTERNAL = "internal"
    """A meeting of the network's own bodies ("Réunions internes")."""
    EXTERNAL = "external"
    """A meeting the network takes part in or opens to others ("Réunions externes")."""
    PARTNER = "partner"
    """An event of a partner organisation ("Agenda des partenaires")."""
    OTHER = "other"
    """Anything else."""


class EventStatus(enum.Enum):
    """Whether an event still takes place, and on its date."""

    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"
    """Put off to a date not yet known: it does not take place on ``when``, its planned date."""
    TENTATIVE = "tentative"
    """Its date is still to be confirmed ("sous réserve")."""


def _is_datetime(value: object) -> bool:
    return isinstance(value, datetime)


def _check_start(_instance: When, attribute: Attribute[Any], value: date) -> None:
    if not isinstance(value, date):
        raise InvalidValue(attribute.name, f"expected a date or a date and time, got {value!r}")
    if isinstance(value, datetime) and value.tzinfo is not None:
        raise InvalidValue(
            attribute.name, "must be a local time without a UTC offset; give the zone in 'timezone'"
        )


def _check_end(instance: When, attribute: Attribute[Any], value: date | None) -> None:
    if value is None:
        return
    _check_start(instance, attribute, value)
    if _is_datetime(value) != _is_datetime(instance.start):
        kind = "a date and time" if _is_datetime(instance.start) else "a date"
        raise InvalidValue(attribute.name, f"must be {kind}, like the start")
    if value < instance.start:
        raise InvalidValue(
            attribute.name, f"{value.isoformat()} is before the start, {instance.start.isoformat()}"
        )
    if value == instance.start and not _is_datetime(value):
        raise InvalidValue(attribute.name, "equals the start; leave it out for a one-day event")


def _check_timezone(instance: When, attribute: Attribute[Any], value: str | None) -> None:
    _checks.optional_timezone(instance, attribute, value)
    if _is_datetime(instance.start) and value is None:
        raise InvalidValue(attribute.name, "is required with a date and time, e.g. 'Europe/Paris'")
    if not _is_datetime(instance.start) and value is not None:
        raise InvalidValue(
            attribute.name,
            "is only for dates and times; an all-day event takes its zone from its place",
        )


def _check_part_of_day(instance: When, attribute: Attribute[Any], value: PartOfDay | None) -> None:
    if value is not None and (_is_datetime(instance.start) or instance.end is not None):
        raise InvalidValue(attribute.name, "is only for a single day given without times")


@frozen(kw_only=True)
class When:
    """When an event happens.

    Either all day: ``start`` is a :class:`~datetime.date` and ``end``, if given,
    the last day (inclusive); a single day may carry a ``part_of_day``. Or at set
    times: ``start`` and ``end`` are naive :class:`~datetime.datetime` values in
    the IANA zone ``timezone``; ``end`` is the end instant.
    """

    start: date | datetime = field(validator=_check_start)
    end: date | datetime | None = field(default=None, validator=_check_end)
    timezone: str | None = field(default=None, validator=_check_timezone)
    part_of_day: PartOfDay | None = field(default=None, validator=_check_part_of_day)

    @property
    def all_day(self) -> bool:
        """Whether the event is given by days (with or without a part of day)."""
        return not _is_datetime(self.start)

    @property
    def first_day(self) -> date:
        """The calendar day on which the event starts."""
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def last_day(self) -> date:
        """The calendar day on which the event ends (inclusive)."""
        end = self.end if self.end is not None else self.start
        return end.date() if isinstance(end, datetime) else end


@frozen(kw_only=True)
class Place:
    """Where an event happens; ``timezone`` is the IANA zone of its local times."""

    name: str = field(validator=_checks.line)
    city: str | None = field(default=None, validator=_checks.optional_line)
    country: str | None = field(default=None, validator=_checks.optional_country)
    timezone: str | None = field(default=None, validator=_checks.optional_timezone)


def _dated(instance: Event, attribute: Attribute[Any], value: When | None) -> None:
    if value is None and instance.date_text is None:
        raise InvalidValue(attribute.name, "is required, unless 'date_text' says when in words")


def _check_rescheduled_from(instance: Event, attribute: Attribute[Any], value: date | None) -> None:
    if value is None:
        return
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidValue(attribute.name, f"expected a date, got {value!r}")
    if instance.when is not None and value == instance.when.first_day:
        raise InvalidValue(
            attribute.name,
            f"{value.isoformat()} is the first day of 'when'; give the day it moved from",
        )


@frozen(kw_only=True)
class Event:
    """One entry of the agenda.

    ``id`` is stable across builds: explicit in the source, or derived by
    :func:`cdm_newsletter.model.identity.derive_event_id`. An event whose date
    could not be read has no ``when`` but keeps the words in ``date_text``;
    calendars leave it out, pages show the words.
    """

    id: str = field(validator=_checks.identifier)
    title: str = field(validator=_checks.line)
    when: When | None = field(default=None, validator=_dated)
    rescheduled_from: date | None = field(default=None, validator=_check_rescheduled_from)
    """The first day first announced, when the event was moved to ``when``."""
    place: Place | None = None
    category: EventCategory = EventCategory.OTHER
    registration: Link | None = None
    status: EventStatus = EventStatus.CONFIRMED
    description: str | None = field(default=None, validator=_checks.optional_text)
    date_text: str | None = field(default=None, validator=_checks.optional_line)
    """The date as the source wrote it, kept when it could not be read into ``when``."""

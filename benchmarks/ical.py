"""The iCalendar exporter against icalendar alone, on the same events."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone
from icalendar import Event as CalendarEvent

import cdm_newsletter as cdm
from cdm_newsletter.exporters.ical import agenda_calendar


def raw_icalendar(entries: list[cdm.AgendaEntry]) -> bytes:
    """The same calendar built with icalendar directly: the floor we are measured against."""
    calendar = Calendar()
    for name, value in (("PRODID", "-//bench//"), ("VERSION", "2.0"), ("METHOD", "PUBLISH")):
        calendar.add(name, value)
    years = [e.event.when.first_day.year for e in entries if e.event.when]
    for tzid in sorted({p.timezone for p in (e.event.place for e in entries) if p and p.timezone}):
        calendar.add_component(
            Timezone.from_tzid(
                tzid, first_date=dt.date(min(years), 1, 1), last_date=dt.date(max(years) + 1, 1, 1)
            )
        )
    for entry in entries:
        event, when = entry.event, entry.event.when
        assert when is not None
        assert event.place is not None
        component = CalendarEvent()
        component.add("UID", f"{entry.identity}@example.org")
        stamp = dt.datetime.combine(entry.changed_issue.date, dt.time(), dt.UTC)
        component.add("DTSTAMP", stamp)
        component.add("CREATED", stamp)
        component.add("LAST-MODIFIED", stamp)
        component.add("SEQUENCE", entry.sequence)
        if isinstance(when.start, dt.datetime) or when.part_of_day is not None:
            zone = ZoneInfo(event.place.timezone or "Europe/Paris")
            start = (
                when.start
                if isinstance(when.start, dt.datetime)
                else dt.datetime.combine(when.start, dt.time(9))
            )
            component.add("DTSTART", start.replace(tzinfo=zone))
            component.add("DTEND", (start + dt.timedelta(hours=3)).replace(tzinfo=zone))
        else:
            component.add("DTSTART", when.first_day)
            component.add("DTEND", when.last_day + dt.timedelta(days=1))
        component.add("SUMMARY", event.title)
        component.add("LOCATION", event.place.name)
        component.add(
            "DESCRIPTION", f"{event.title}\nLieu : {event.place.name}\nAnnoncé dans l'InfoLettre"
        )
        component.add("URL", f"https://www.example.org/issues/{entry.issue.id}/#{event.id}")
        component.add("CATEGORIES", [event.category.value])
        component.add("STATUS", "CONFIRMED")
        calendar.add_component(component)
    return bytes(calendar.to_ical())


def ours(entries: list[cdm.AgendaEntry]) -> bytes:
    """One calendar of the same events through the exporter's pure function."""
    return agenda_calendar(
        entries,
        name="Agenda",
        description="Benchmark",
        source="agenda.ics",
        options=cdm.ExportOptions(base_url="https://www.example.org/"),
    )

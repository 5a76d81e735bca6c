"""The ``ical`` exporter: calendars that subscribers keep for years, issue after issue.

It writes ``agenda.ics`` (every event), ``agenda-<category>.ics`` (one per
category, always written so that subscriptions never break), and
``deadlines.ics`` (funding-call deadlines, as all-day events that do not make
anyone busy). What makes the calendars update cleanly:

* each event's UID is its stable identity across issues (see
  :mod:`cdm_newsletter.announcements`) ``@`` the publisher's domain;
* DTSTAMP and LAST-MODIFIED are the date of the issue that last changed the
  event, SEQUENCE counts its changes, and nothing depends on the clock;
* all-day events are dates with an exclusive DTEND; half days and timed events
  are local times with the TZID of their place, and each calendar carries a
  VTIMEZONE for every zone it uses, for the years it spans only;
* a cancelled event stays, ``STATUS:CANCELLED``, for a while after its date
  (:attr:`ExportOptions.cancelled_kept_for`), so calendars learn of it; so does
  a postponed one, which no longer takes place on its date (its description
  says it is postponed); a tentative one is ``STATUS:TENTATIVE``;
* the calendars hold a window of the agenda (:attr:`ExportOptions.calendar_window`,
  by default the year before the newest issue and everything after it), so that
  they stay small as the archive grows; the whole history stays in the XML
  archive and the pages.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Sequence
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component, Timezone, vDuration
from icalendar import Event as CalendarEvent

from ..announcements import AgendaEntry, DeadlineEntry
from ..archive import Archive
from ..display import place_text
from ..french import format_day, format_month
from ..model import EventCategory, EventStatus, Issue, PartOfDay
from ..model.identity import publisher_domain
from .base import Artifact, ExportOptions, Part, midnight_utc, run_parts

__all__ = ["PRODID", "ICalExporter", "agenda_calendar", "deadlines_calendar", "event_calendar"]

PRODID = "-//cdm_newsletter//InfoLettre//FR"
"""The product identifier every calendar carries; it does not change between versions."""

MEDIA_TYPE = "text/calendar"

CATEGORY_NAMES = {
    EventCategory.INTERNAL: "Réunions internes",
    EventCategory.EXTERNAL: "Réunions externes",
    EventCategory.PARTNER: "Agenda des partenaires",
    EventCategory.OTHER: "Autres événements",
}
"""The French name of each category, for CATEGORIES and calendar names."""

_DEFAULT_ZONE = "Europe/Paris"

_STATUS = {
    EventStatus.CONFIRMED: "CONFIRMED",
    EventStatus.CANCELLED: "CANCELLED",
    EventStatus.POSTPONED: "CANCELLED",  # it does not take place on its date
    EventStatus.TENTATIVE: "TENTATIVE",
}
"""The ``STATUS`` of each status of an event."""

_STATUS_LINE = {
    EventStatus.CANCELLED: "Cet événement est annulé.",
    EventStatus.POSTPONED: "Cet événement est reporté : nouvelle date à venir.",
    EventStatus.TENTATIVE: "Date sous réserve de confirmation.",
}
"""The line of the ``DESCRIPTION`` that says an event's status, but for a confirmed one."""


def uid_of(identity: str, first_issue: Issue) -> str:
    """A UID: the identity ``@`` the domain of the publisher of the issue that first announced it.

    Taking the first issue's publisher keeps the UID when a later issue changes the
    publisher's URL.
    """
    publisher = first_issue.publisher
    return f"{identity}@{publisher_domain(publisher.name, publisher.url)}"


def _base(options: ExportOptions) -> str | None:
    return None if options.base_url is None else options.base_url.rstrip("/") + "/"


def _reference_day(archive: Archive, options: ExportOptions) -> dt.date:
    """The day "now" stands for: the build time, else the newest issue's date."""
    if options.build_time is not None:
        return options.build_time.date()
    return archive.issues[0].date if archive.issues else dt.date(1970, 1, 1)


def _issue_page(issue: Issue, anchor: str, base: str | None) -> str | None:
    if base is not None:
        return f"{base}issues/{issue.id}/#{anchor}"
    return None if issue.url is None else f"{issue.url}#{anchor}"


def _times(
    entry: AgendaEntry, options: ExportOptions
) -> tuple[dt.date, dt.date | None, str | None]:
    """DTSTART, DTEND (exclusive, or ``None``) and the zone of an entry's event."""
    event = entry.event
    when = event.when
    assert when is not None
    if isinstance(when.start, dt.datetime) and when.timezone is not None:  # set times
        zone = ZoneInfo(when.timezone)
        end = when.end if isinstance(when.end, dt.datetime) else None
        return (
            when.start.replace(tzinfo=zone),
            None if end is None else end.replace(tzinfo=zone),
            when.timezone,
        )
    if when.part_of_day is not None:
        tz = event.place.timezone if event.place is not None and event.place.timezone else None
        zone_name = tz or _DEFAULT_ZONE
        zone = ZoneInfo(zone_name)
        hours = options.morning if when.part_of_day is PartOfDay.MORNING else options.afternoon
        day = when.first_day
        return (
            dt.datetime.combine(day, hours[0], tzinfo=zone),
            dt.datetime.combine(day, hours[1], tzinfo=zone),
            zone_name,
        )
    return when.first_day, when.last_day + dt.timedelta(days=1), None


def _location(entry: AgendaEntry) -> str | None:
    place = entry.event.place
    return None if place is None else place_text(place)


def _description(entry: AgendaEntry, page: str | None) -> str:
    event = entry.event
    lines = [event.title]
    location = _location(entry)
    if location is not None:
        lines.append(f"Lieu : {location}")
    if event.registration is not None:
        target = "lien à venir" if event.registration.placeholder else event.registration.url
        lines.append(f"Inscription : {target}")
    if event.description is not None:
        lines.append(event.description)
    status = _STATUS_LINE.get(event.status)
    if status is not None:
        lines.append(status)
    if event.rescheduled_from is not None:
        lines.append(f"Initialement prévu le {format_day(event.rescheduled_from)}.")
    lines.append(_announced_in(entry.issue, page))
    return "\n".join(lines)


def _announced_in(issue: Issue, page: str | None) -> str:
    """The closing line of a description: the issue that announced it, and its page."""
    announced = f"Annoncé dans l'InfoLettre de {format_month(issue.date)}"
    return announced if page is None else f"{announced} : {page}"


def _import_calendar() -> Calendar:
    """A calendar with only what every calendar needs: to import once, not to subscribe to."""
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    return calendar


def _calendar(name: str, description: str, source: str, options: ExportOptions) -> Calendar:
    """A calendar to subscribe to: named, described, and saying how often to fetch it again."""
    calendar = _import_calendar()
    calendar.add("NAME", name)
    calendar.add("X-WR-CALNAME", name)
    calendar.add("DESCRIPTION", description)
    calendar.add("X-WR-CALDESC", description)
    calendar.add("REFRESH-INTERVAL", options.calendar_refresh, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(options.calendar_refresh))
    base = _base(options)
    if base is not None:
        calendar.add("URL", base, parameters={"VALUE": "URI"})
        calendar.add("SOURCE", base + source, parameters={"VALUE": "URI"})
    return calendar


@functools.lru_cache(maxsize=64)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    """A VTIMEZONE for ``tzid`` covering whole years, serialised (cached: it takes time)."""
    component = Timezone.from_tzid(
        tzid, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year + 1, 1, 1)
    )
    return bytes(component.to_ical())


def _timezones(zones: set[str], days: Sequence[dt.date]) -> bytes:
    """One VTIMEZONE per zone used, for the years the events span, in name order.

    A calendar with no event (no day) gets the default zone's, as RFC 5545 wants
    at least one component in a calendar.
    """
    if not days:
        zones = {_DEFAULT_ZONE}
    first_year = min(days).year if days else 2000
    last_year = max(days).year if days else first_year
    return b"".join(_vtimezone(tzid, first_year, last_year) for tzid in sorted(zones))


def _serialised(calendar: Calendar, components: Sequence[Component], timezones: bytes) -> bytes:
    """The calendar with its VTIMEZONEs first, then ``components``.

    The VTIMEZONEs come serialised: the same zone over the same years gives the
    same bytes, and serialising them again for each calendar was most of the
    work of a one-event calendar.
    """
    for component in components:
        calendar.add_component(component)
    data = bytes(calendar.to_ical())
    # Components start at a line "BEGIN:"; escaped or folded values never do.
    first = data.find(b"\r\nBEGIN:", 1)
    at = first + 2 if first != -1 else data.rindex(b"END:VCALENDAR\r\n")
    return data[:at] + timezones + data[at:]


def _event_component(
    entry: AgendaEntry, options: ExportOptions, base: str | None
) -> tuple[CalendarEvent, str | None]:
    event = entry.event
    start, end, zone = _times(entry, options)
    page = _issue_page(entry.issue, event.id, base)
    component = CalendarEvent()
    component.add("UID", uid_of(entry.identity, entry.first_issue))
    component.add("DTSTAMP", midnight_utc(entry.changed_issue.date))
    component.add("CREATED", midnight_utc(entry.first_issue.date))
    component.add("LAST-MODIFIED", midnight_utc(entry.changed_issue.date))
    component.add("SEQUENCE", entry.sequence)
    component.add("DTSTART", start)
    if end is not None:
        component.add("DTEND", end)
    component.add("SUMMARY", event.title)
    location = _location(entry)
    if location is not None:
        component.add("LOCATION", location)
    component.add("DESCRIPTION", _description(entry, page))
    registration = event.registration
    url = registration.url if registration is not None and not registration.placeholder else page
    if url is not None:
        component.add("URL", url, parameters={"VALUE": "URI"})
    component.add("CATEGORIES", [CATEGORY_NAMES[event.category]])
    component.add("STATUS", _STATUS[event.status])
    return component, zone


def _window_start(archive: Archive, options: ExportOptions) -> dt.date | None:
    """The first day the calendars cover: the newest issue's date less the window, or ``None``.

    Counted from the data, never from the clock, so that builds stay deterministic.
    """
    if options.calendar_window is None or not archive.issues:
        return None
    return archive.issues[0].date - options.calendar_window


def _shown(
    entry: AgendaEntry, reference: dt.date, window_start: dt.date | None, options: ExportOptions
) -> bool:
    """Whether an entry belongs in the calendars: dated, in the window, and not long cancelled.

    A postponed event counts as cancelled: it no longer takes place on its date.
    """
    when = entry.event.when
    if when is None:
        return False
    if window_start is not None and when.last_day < window_start:
        return False
    if _STATUS[entry.event.status] == "CANCELLED":
        return when.last_day + options.cancelled_kept_for >= reference
    return True


def agenda_calendar(
    entries: Iterable[AgendaEntry],
    *,
    name: str,
    description: str,
    source: str,
    options: ExportOptions,
) -> bytes:
    """Serialise agenda entries as one calendar (a pure function: same input, same bytes).

    Args:
        entries: the events, in the order they should appear.
        name: the calendar's name, shown by calendar applications.
        description: one sentence about the calendar.
        source: the calendar's path in the site, for ``SOURCE``.
        options: the export options (base URL, refresh interval, hours of half days).
    """
    return _with_events(_calendar(name, description, source, options), entries, options)


def event_calendar(entry: AgendaEntry, options: ExportOptions) -> bytes:
    """One event as a file to import once ("add to my calendar").

    It has no name, refresh interval or source: a calendar application then adds
    the event to a calendar of the user's choice instead of making a calendar of
    it or expecting updates. Its UID is the event's in the subscribed calendars.
    """
    return _with_events(_import_calendar(), [entry], options)


def _with_events(
    calendar: Calendar, entries: Iterable[AgendaEntry], options: ExportOptions
) -> bytes:
    base = _base(options)
    components = []
    zones: set[str] = set()
    days: list[dt.date] = []
    for entry in entries:
        component, zone = _event_component(entry, options, base)
        components.append(component)
        if zone is not None:
            zones.add(zone)
        assert entry.event.when is not None
        days += (entry.event.when.first_day, entry.event.when.last_day)
    return _serialised(calendar, components, _timezones(zones, days))


def deadlines_calendar(
    entries: Sequence[DeadlineEntry],
    *,
    name: str,
    description: str,
    options: ExportOptions,
) -> bytes:
    """Serialise funding-call deadlines as all-day events that leave everyone free."""
    calendar = _calendar(name, description, "deadlines.ics", options)
    base = _base(options)
    components = []
    for entry in entries:
        call = entry.call
        page = _issue_page(entry.issue, entry.article.id, base)
        component = CalendarEvent()
        component.add("UID", uid_of(entry.identity, entry.first_issue))
        component.add("DTSTAMP", midnight_utc(entry.changed_issue.date))
        component.add("LAST-MODIFIED", midnight_utc(entry.changed_issue.date))
        component.add("SEQUENCE", entry.sequence)
        component.add("DTSTART", call.deadline)
        component.add("DTEND", call.deadline + dt.timedelta(days=1))
        component.add("SUMMARY", f"Date limite : {call.title}")
        lines = [call.title]
        if call.programme is not None:
            lines.append(f"Programme : {call.programme}")
        if call.link is not None and not call.link.placeholder:
            lines.append(f"Lien : {call.link.url}")
        lines.append(_announced_in(entry.issue, page))
        component.add("DESCRIPTION", "\n".join(lines))
        link = call.link
        url = link.url if link is not None and not link.placeholder else page
        if url is not None:
            component.add("URL", url, parameters={"VALUE": "URI"})
        component.add("CATEGORIES", ["Financements"])
        component.add("TRANSP", "TRANSPARENT")
        components.append(component)
    days = [entry.call.deadline for entry in entries]
    # No zone: a VTIMEZONE only when empty, as RFC 5545 wants one component.
    return _serialised(calendar, components, _timezones(set(), days))


class ICalExporter:
    """Writes the agenda and the deadlines as iCalendar files that calendars subscribe to."""

    name = "ical"
    description = "subscribable calendars: agenda.ics, agenda-<category>.ics, deadlines.ics"
    media_type = MEDIA_TYPE

    def parts(self, archive: Archive, options: ExportOptions) -> Iterator[Part]:
        """One part: every calendar, from the merged agenda (calendars are windowed)."""
        yield Part(
            key="calendars", make=_calendars, args=(archive, options.narrowed(*CALENDAR_OPTIONS))
        )

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        """Yield ``agenda.ics``, ``agenda-<category>.ics`` per category, ``deadlines.ics``."""
        return run_parts(self.parts(archive, options))


EVENT_OPTIONS = ("base_url", "morning", "afternoon")
"""The export options that :func:`event_calendar` reads."""
CALENDAR_OPTIONS = (
    *EVENT_OPTIONS,
    "calendar_refresh",
    "build_time",
    "cancelled_kept_for",
    "calendar_window",
)
"""The export options that the subscribed calendars read: what to show, and how."""


def _calendars(archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
    """``agenda.ics``, ``agenda-<category>.ics`` per category, and ``deadlines.ics``."""
    network = archive.issues[0].publisher.name if archive.issues else "InfoLettre"
    reference = _reference_day(archive, options)
    window_start = _window_start(archive, options)
    entries = [entry for entry in archive.agenda if _shown(entry, reference, window_start, options)]
    yield Artifact(
        path="agenda.ics",
        data=agenda_calendar(
            entries,
            name=f"Agenda — {network}",
            description=f"Les réunions et événements annoncés dans l'InfoLettre ({network}).",
            source="agenda.ics",
            options=options,
        ),
        media_type=MEDIA_TYPE,
    )
    for category, label in CATEGORY_NAMES.items():
        path = f"agenda-{category.value}.ics"
        yield Artifact(
            path=path,
            data=agenda_calendar(
                [entry for entry in entries if entry.event.category is category],
                name=f"{label} — {network}",
                description=f"{label} annoncés dans l'InfoLettre ({network}).",
                source=path,
                options=options,
            ),
            media_type=MEDIA_TYPE,
        )
    yield Artifact(
        path="deadlines.ics",
        data=deadlines_calendar(
            [
                entry
                for entry in archive.deadlines
                if window_start is None or entry.call.deadline >= window_start
            ],
            name=f"Dates limites des appels à propositions — {network}",
            description=(
                f"Les dates limites des financements annoncés dans l'InfoLettre ({network})."
            ),
            options=options,
        ),
        media_type=MEDIA_TYPE,
    )

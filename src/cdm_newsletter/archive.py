"""The archive: every issue, newest first, and the agenda merged across issues."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from attrs import field, frozen

from .errors import InvalidValue
from .model import Event, Issue, PartOfDay

__all__ = ["AgendaEntry", "Archive", "event_identity"]


@frozen(kw_only=True)
class AgendaEntry:
    """An event of the merged agenda, with the issue that announced it last."""

    event: Event
    issue: Issue


def event_identity(event: Event) -> str:
    """The key under which announcements of one event, across issues, are merged.

    Today this is the event's stable id. This is the one place where a richer
    rule (the same event announced again under a new id, or rescheduled) plugs in.
    """
    return event.id


def _issue_order(issue: Issue) -> tuple[Any, ...]:
    number = issue.id.split("-")[2] if issue.id.count("-") == 2 else "1"
    return (issue.date, int(number), issue.id)


def _newest_first(issues: Iterable[Issue]) -> tuple[Issue, ...]:
    """Sort the issues newest first, after checking that no id comes twice.

    The check is made here, before sorting, so that the error gives the
    position of the duplicate in the caller's own order.
    """
    given = tuple(issues)
    seen: set[str] = set()
    for index, issue in enumerate(given):
        if issue.id in seen:
            raise InvalidValue(f"issues[{index}].id", f"issue {issue.id!r} appears twice")
        seen.add(issue.id)
    return tuple(sorted(given, key=_issue_order, reverse=True))


# Where half days sort among timed events: at the usual start of a morning or afternoon meeting.
_PART_OF_DAY_MINUTE = {None: -1, PartOfDay.MORNING: 9 * 60, PartOfDay.AFTERNOON: 14 * 60}


def _agenda_order(entry: AgendaEntry) -> tuple[Any, ...]:
    when = entry.event.when
    if when is None:  # undated events come last
        return (date.max, 0, entry.event.title, entry.event.id)
    if isinstance(when.start, datetime):
        minute = when.start.hour * 60 + when.start.minute
    else:
        minute = _PART_OF_DAY_MINUTE[when.part_of_day]
    return (when.first_day, minute, entry.event.title, entry.event.id)


@frozen
class Archive:
    """A collection of issues, kept newest first, with no issue id twice."""

    issues: tuple[Issue, ...] = field(converter=_newest_first)

    @functools.cached_property
    def agenda(self) -> tuple[AgendaEntry, ...]:
        """Every event of every issue, in date order, each once.

        An event announced in several issues (the same :func:`event_identity`)
        appears once, as the newest issue announced it.
        """
        latest: dict[str, AgendaEntry] = {}
        for issue in self.issues:  # newest first, so the first seen wins
            for event in issue.agenda:
                latest.setdefault(event_identity(event), AgendaEntry(event=event, issue=issue))
        return tuple(sorted(latest.values(), key=_agenda_order))

    def issue(self, issue_id: str) -> Issue:
        """The issue with id ``issue_id``.

        Raises:
            KeyError: no issue of the archive has that id.
        """
        for issue in self.issues:
            if issue.id == issue_id:
                return issue
        raise KeyError(issue_id)

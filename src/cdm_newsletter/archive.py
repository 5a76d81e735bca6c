"""The archive: every issue, newest first, and the agenda merged across issues."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from attrs import field, frozen

from .announcements import AgendaEntry, DeadlineEntry, merge_agenda, merge_deadlines
from .errors import InvalidValue
from .model import Issue, PartOfDay
from .model.privacy import published_issue

__all__ = ["AgendaEntry", "Archive", "DeadlineEntry", "published_archive"]


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
        """Every event of every issue, once each, in date order (undated events last).

        Announcements of one event in several issues are merged by the rules of
        :mod:`cdm_newsletter.announcements` (repeated, rescheduled, distinct).
        """
        return tuple(sorted(merge_agenda(reversed(self.issues)), key=_agenda_order))

    @functools.cached_property
    def deadlines(self) -> tuple[DeadlineEntry, ...]:
        """Every funding-call deadline of every issue, once each, soonest first."""
        entries = merge_deadlines(reversed(self.issues))
        return tuple(sorted(entries, key=lambda entry: (entry.call.deadline, entry.identity)))

    def issue(self, issue_id: str) -> Issue:
        """The issue with id ``issue_id``.

        Raises:
            KeyError: no issue of the archive has that id.
        """
        for issue in self.issues:
            if issue.id == issue_id:
                return issue
        raise KeyError(issue_id)


def published_archive(archive: Archive, include_private: bool = False) -> Archive:
    """``archive`` as it may be published: itself when no issue has a private person.

    Returning the same archive keeps its merged agenda, already computed.
    """
    issues = [published_issue(issue, include_private) for issue in archive.issues]
    if all(new is old for new, old in zip(issues, archive.issues, strict=True)):
        return archive
    return Archive(issues)

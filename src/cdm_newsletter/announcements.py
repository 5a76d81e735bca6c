"""Identity across issues: which announcements, in several issues, are one event or deadline.

The same meeting is often announced in several issues, and sometimes moved.
Reading the issues from the oldest, each event of an issue is matched with the
events already known:

* **Explicit ids** (an ``id`` written in a structured source, i.e. one that is not
  the id the identity rule would derive) always win: an event whose explicit id is
  the identity of a known event is that event, whatever else changed.
* **Repeated**: the same title, place and dates as an event already known is that
  event, unchanged.
* **Rescheduled**: the same title and place as an event already known whose date
  (a) this issue no longer announces and (b) had not yet come when this issue was
  published, or is the day the announcement says it moved from
  (``rescheduled_from``), is that event, moved: same identity, one more change.
* **Distinct**: anything else is a new event, so "Réunion du ComEx" in Paris and in
  Porto, or a committee that meets every quarter (its earlier date is past when the
  next issue announces the next meeting), stay separate events.

A change is material when the dates or times, the place or the status
(cancelled, postponed, tentative) change; each one adds one to the event's
``sequence``.
Funding-call deadlines follow the same rules, keyed by the call's title alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from attrs import define, field, frozen

from .french import fold_words
from .model import Article, Event, FundingCall, Issue, When
from .model.identity import derive_event_id, slugify, unique_id

__all__ = ["AgendaEntry", "DeadlineEntry", "merge_agenda", "merge_deadlines"]


@frozen(kw_only=True)
class AgendaEntry:
    """One event of the merged agenda.

    ``event`` is the event as its latest announcement gives it, in ``issue``.
    ``identity`` is stable across issues and builds (the id of its first
    announcement, or its explicit id); ``sequence`` counts its material changes;
    ``changed_issue`` is the issue whose announcement last changed it (its first
    issue when it never changed).
    """

    event: Event
    issue: Issue
    identity: str
    sequence: int
    first_issue: Issue
    changed_issue: Issue
    announcements: tuple[tuple[str, str], ...] = ()
    """Every announcement merged into this entry, as (issue id, event id), oldest first."""


@frozen(kw_only=True)
class DeadlineEntry:
    """One funding-call deadline, merged across issues like an event."""

    call: FundingCall
    article: Article
    issue: Issue
    identity: str
    sequence: int
    first_issue: Issue
    changed_issue: Issue


def _place_key(event: Event) -> str:
    return "" if event.place is None else fold_words(event.place.name)


def _material(event: Event) -> tuple[object, ...]:
    """What, when it changes, makes calendars update the event."""
    place = None if event.place is None else (event.place.name, event.place.timezone)
    return (event.when, event.date_text, place, event.status)


def _has_derived_id(event: Event, issue: Issue) -> bool:
    start = None if event.when is None else event.when.first_day
    derived = derive_event_id(issue.id, event.title, start)
    return (
        event.id == derived or re.fullmatch(re.escape(derived) + r"-[0-9]+", event.id) is not None
    )


@define
class _Track:
    """An event followed across issues while merging."""

    event: Event
    issue: Issue
    identity: str
    explicit: bool
    first_issue: Issue
    changed_issue: Issue
    sequence: int = 0
    announcements: list[tuple[str, str]] = field(factory=list)

    def announce(self, event: Event, issue: Issue) -> None:
        if _material(event) != _material(self.event):
            self.sequence += 1
            self.changed_issue = issue
        self.event, self.issue = event, issue
        self.announcements.append((issue.id, event.id))

    def entry(self) -> AgendaEntry:
        return AgendaEntry(
            event=self.event,
            issue=self.issue,
            identity=self.identity,
            sequence=self.sequence,
            first_issue=self.first_issue,
            changed_issue=self.changed_issue,
            announcements=tuple(self.announcements),
        )


def _still_to_come(track: _Track, issue: Issue) -> bool:
    when = track.event.when
    return when is not None and when.last_day >= issue.date


def _moved_from(track: _Track, event: Event) -> bool:
    """Whether ``event`` says it moved from the day ``track`` was planned for, past or not."""
    when = track.event.when
    return when is not None and event.rescheduled_from == when.first_day


def _match(
    event: Event,
    issue: Issue,
    candidates: Sequence[_Track],
    claimed: set[int],
    announced_here: set[When | None],
) -> _Track | None:
    """The known event that ``event`` announces again, or ``None`` for a new one.

    ``candidates`` are the known events with the same title and place;
    ``announced_here`` the dates this issue gives events of that title and place.
    """
    free = [track for track in candidates if id(track) not in claimed and not track.explicit]
    for track in free:
        if track.event.when == event.when and track.event.date_text == event.date_text:
            claimed.add(id(track))
            return track  # repeated
    dropped = [track for track in free if track.event.when not in announced_here]
    # Rescheduled: from the day it says it moved from, past or not; else from a day to come.
    moved = [track for track in dropped if _moved_from(track, event)] or [
        track for track in dropped if _still_to_come(track, issue)
    ]
    if not moved:
        return None
    claimed.add(id(moved[0]))
    return moved[0]


def _announcement_key(event: Event) -> tuple[str, str]:
    """What two announcements of one event share: the title and the place, folded."""
    return fold_words(event.title), _place_key(event)


def merge_agenda(issues_oldest_first: Iterable[Issue]) -> list[AgendaEntry]:
    """Merge the agendas of issues, given oldest first, into one entry per event.

    See the module's documentation for the rules. The entries come in the
    order their events were first announced.
    """
    tracks: list[_Track] = []
    by_key: dict[tuple[str, str], list[_Track]] = {}
    by_identity: dict[str, _Track] = {}
    for issue in issues_oldest_first:
        claimed: set[int] = set()
        keys = [_announcement_key(event) for event in issue.agenda]
        announced: dict[tuple[str, str], set[When | None]] = {}
        for key, event in zip(keys, issue.agenda, strict=True):
            announced.setdefault(key, set()).add(event.when)
        for key, event in zip(keys, issue.agenda, strict=True):
            derived = _has_derived_id(event, issue)
            if derived:
                track = _match(event, issue, by_key.get(key, ()), claimed, announced[key])
            else:  # an explicit id is the event of that identity, however it was known
                track = by_identity.get(event.id)
            if track is not None:
                track.announce(event, issue)
                continue
            identity = unique_id(event.id, by_identity) if derived else event.id
            track = _Track(
                event=event,
                issue=issue,
                identity=identity,
                explicit=not derived,
                first_issue=issue,
                changed_issue=issue,
                announcements=[(issue.id, event.id)],
            )
            claimed.add(id(track))
            tracks.append(track)
            by_key.setdefault(key, []).append(track)
            by_identity[identity] = track
    return [track.entry() for track in tracks]


def merge_deadlines(issues_oldest_first: Iterable[Issue]) -> list[DeadlineEntry]:
    """Merge the funding calls of issues, given oldest first, into one entry per call.

    A call is known by its title: announced again with the same deadline it is
    unchanged; with another deadline it is the same call, moved (``sequence`` + 1).
    """
    entries: dict[str, DeadlineEntry] = {}
    identities: set[str] = set()
    for issue in issues_oldest_first:
        for article in issue.articles():
            for call in article.funding_calls:
                key = fold_words(call.title)
                known = entries.get(key)
                if known is None:
                    identity = unique_id(
                        f"{issue.id}-deadline-{call.deadline:%Y%m%d}-{slugify(call.title)}",
                        identities,
                    )
                    identities.add(identity)
                    entries[key] = DeadlineEntry(
                        call=call,
                        article=article,
                        issue=issue,
                        identity=identity,
                        sequence=0,
                        first_issue=issue,
                        changed_issue=issue,
                    )
                    continue
                moved = known.call.deadline != call.deadline
                entries[key] = DeadlineEntry(
                    call=call,
                    article=article,
                    issue=issue,
                    identity=known.identity,
                    sequence=known.sequence + moved,
                    first_issue=known.first_issue,
                    changed_issue=issue if moved else known.changed_issue,
                )
    return list(entries.values())

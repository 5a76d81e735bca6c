"""The InfoLettre text format, written: an issue as its editors would export it to plain text.

:func:`write_infolettre` is the text importer's counterpart. A :class:`TextLayout` chooses
among the layouts editors use, so that one issue can be written in several and read back:

* ``agenda``: ``"date-lines"`` (a date line, then the title and place), ``"one-line"``
  (``- date : title, place``) or ``"rows"`` (a ``Date | Événement | Lieu | Inscription``
  table);
* ``headings``: ``"plain"`` (each heading as written, on a line of its own) or
  ``"underlined"`` (each section heading underlined with ``=``);
* ``contacts``: ``"lines"`` (``Contact :``, then the name and the e-mail on two lines),
  ``"one-line"`` (``Contact : Name – e-mail``) or ``"colon"`` (``Name : e-mail`` alone).

Statuses are written in the editors' words: ``ANNULÉ``, ``REPORTÉ à une date ultérieure``,
``(sous réserve)``, ``(initialement prévu le …)``. The front matter gives the issue's id,
date, title and publisher, so that a file of any name reads back as the same issue.
:class:`InfoLettreTextExporter` writes ``text/<issue-id>.txt`` for each issue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from attrs import field, frozen
from attrs.validators import in_

from ..archive import Archive
from ..dataformats import emit_yaml
from ..french import format_day
from ..model import (
    Article,
    BulletList,
    Editorial,
    Emphasis,
    Event,
    EventCategory,
    EventStatus,
    FundingCall,
    Issue,
    Link,
    Person,
    Section,
    StaffChange,
    StaffChangeKind,
    Superscript,
    Text,
    When,
)
from ..model.text import Span, Spans
from .base import Artifact, ExportOptions, Part, issue_parts, run_parts

__all__ = ["LAYOUTS", "InfoLettreTextExporter", "TextLayout", "write_infolettre"]

AgendaLayout = Literal["date-lines", "one-line", "rows"]
HeadingLayout = Literal["plain", "underlined"]
ContactLayout = Literal["lines", "one-line", "colon"]


@frozen(kw_only=True)
class TextLayout:
    """How :func:`write_infolettre` lays out the agenda, the headings and the contacts."""

    agenda: AgendaLayout = field(
        default="date-lines", validator=in_(("date-lines", "one-line", "rows"))
    )
    headings: HeadingLayout = field(default="plain", validator=in_(("plain", "underlined")))
    contacts: ContactLayout = field(default="lines", validator=in_(("lines", "one-line", "colon")))


LAYOUTS: tuple[TextLayout, ...] = tuple(
    TextLayout(agenda=agenda, headings=headings, contacts=contacts)
    for agenda in ("date-lines", "one-line", "rows")
    for headings in ("plain", "underlined")
    for contacts in ("lines", "one-line", "colon")
)
"""Every layout, for tests that write an issue in each and read it back."""

_CATEGORY_HEADINGS = {
    EventCategory.INTERNAL: "Réunions internes",
    EventCategory.EXTERNAL: "Réunions externes",
    EventCategory.PARTNER: "Événements partenaires",
    EventCategory.OTHER: "Autres rendez-vous",
}


def write_infolettre(issue: Issue, layout: TextLayout | None = None) -> str:
    """Write an issue in the InfoLettre text format, in ``layout`` (the seed's by default)."""
    layout = TextLayout() if layout is None else layout
    parts = [_front_matter(issue)]
    if issue.agenda:
        parts.append(_agenda(issue.agenda, layout))
    if issue.editorial is not None:
        parts.append(_editorial(issue.editorial, layout))
    parts.extend(_section(section, layout) for section in issue.sections)
    if issue.editors:
        parts.append(_team(issue))
    return "\n\n".join(part for part in parts if part) + "\n"


def _front_matter(issue: Issue) -> str:
    data: dict[str, object] = {
        "id": issue.id,
        "date": issue.date.isoformat(),
        "title": issue.title,
    }
    if issue.language != "fr":
        data["language"] = issue.language
    if issue.url:
        data["url"] = issue.url
    publisher = {"name": issue.publisher.name}
    if issue.publisher.url:
        publisher["url"] = issue.publisher.url
    if issue.publisher.email:
        publisher["email"] = issue.publisher.email
    data["publisher"] = publisher
    return f"---\n{emit_yaml(data).decode('utf-8').rstrip()}\n---"


def _heading(title: str, layout: TextLayout) -> str:
    if layout.headings == "underlined":
        return f"{title}\n{'=' * max(len(title), 3)}"
    return title


# --- the agenda ------------------------------------------------------------------------------


def _agenda(events: tuple[Event, ...], layout: TextLayout) -> str:
    parts = [_heading("AGENDA" if layout.headings == "plain" else "Agenda", layout)]
    category: EventCategory | None = None
    rows: list[str] = []
    for event in events:
        if event.category is not category:
            if rows:
                parts.append("\n".join(rows))
                rows = []
            category = event.category
            parts.append(_CATEGORY_HEADINGS[category])
        if event.when is None:  # a date in words: on a line of its own, in any layout
            if rows:
                parts.append("\n".join(rows))
                rows = []
            parts.append(f"{_date_text(event)}\n\n{_title_line(event)}")
        elif layout.agenda == "rows":
            if not rows:
                rows.append("Date | Événement | Lieu | Inscription")
            rows.append(_row(event))
        elif layout.agenda == "one-line":
            rows.append(f"- {_date_text(event)} : {_title_line(event)}")
        else:
            parts.append(f"{_date_text(event)}\n\n{_title_line(event)}")
    if rows:
        parts.append("\n".join(rows))
    return "\n\n".join(parts)


def _title_line(event: Event) -> str:
    """The title, then the status marks, the place and the registration."""
    text = event.title + _status_marks(event)
    if event.place is not None:
        text += f", {event.place.name}"
    if event.registration is not None:
        url = "" if event.registration.placeholder else f" {event.registration.url}"
        text += f" – inscription :{url}"
    return text


def _row(event: Event) -> str:
    place = event.place.name if event.place is not None else "-"
    link = event.registration
    registration = "-" if link is None else "inscription" if link.placeholder else link.url
    return f"{_date_text(event)} | {event.title}{_status_marks(event)} | {place} | {registration}"


def _status_marks(event: Event) -> str:
    marks = ""
    if event.rescheduled_from is not None:
        marks += f" (initialement prévu le {format_day(event.rescheduled_from)})"
    if event.status is EventStatus.CANCELLED:
        marks += " – ANNULÉ"
    elif event.status is EventStatus.POSTPONED:
        marks += " – REPORTÉ à une date ultérieure"
    elif event.status is EventStatus.TENTATIVE:
        marks += " (sous réserve)"
    return marks


def _date_text(event: Event) -> str:
    if event.when is None:
        return event.date_text or ""
    return _when_text(event.when)


def _when_text(when: When) -> str:
    first, last = when.first_day, when.last_day
    days = format_day(first) if first == last else f"du {format_day(first)} au {format_day(last)}"
    if when.part_of_day is not None:
        return f"{days} ({'matin' if when.part_of_day.value == 'morning' else 'après-midi'})"
    if isinstance(when.start, dt.datetime):
        start = f"{when.start:%H}h{when.start:%M}"
        if isinstance(when.end, dt.datetime):
            return f"{days}, {start}-{when.end:%H}h{when.end:%M}"
        return f"{days}, à {start}"
    return days


# --- the editorial, sections, articles ---------------------------------------------------------


def _editorial(editorial: Editorial, layout: TextLayout) -> str:
    parts = [_heading("Éditorial", layout)] if layout.headings == "underlined" else []
    if editorial.salutation:
        parts.append(editorial.salutation)
    parts.extend(_blocks(editorial.body))
    if editorial.closing:
        parts.append(editorial.closing)
    signature = editorial.signature
    if signature is not None and signature.name:
        parts.append(signature.name)
        if signature.role:
            parts.append(signature.role)
    return "\n\n".join(parts)


def _section(section: Section, layout: TextLayout) -> str:
    parts = [_heading(section.title, layout)]
    parts.extend(_blocks(section.intro))
    for article in section.articles:
        parts.append(_article(article, section, layout))
    return "\n\n".join(part for part in parts if part)


def _article(article: Article, section: Section, layout: TextLayout) -> str:
    untitled = article.plain_title == section.title
    parts = [] if untitled else [_spans(article.title)]
    parts.extend(_blocks(article.body))
    # A notice the text already tells (the importer keeps the editors' sentences) is not
    # told twice.
    told = article.body.to_plain()
    parts.extend(_funding_call(call) for call in article.funding_calls if call.title not in told)
    parts.extend(
        _staff_change(change)
        for change in article.staff_changes
        if (change.person.name or "") not in told
    )
    if article.contacts:
        parts.append(_contacts(article.contacts, layout))
    return "\n\n".join(parts)


def _blocks(text: object) -> list[str]:
    blocks = getattr(text, "blocks", ())
    written = []
    for block in blocks:
        if isinstance(block, BulletList):
            written.append("\n".join(f"- {_spans(item)}" for item in block.items))
        else:
            written.append(_spans(block.spans))
    return written


def _spans(spans: Spans) -> str:
    return "".join(_span(span) for span in spans)


def _span(span: Span) -> str:
    if isinstance(span, Text):
        return span.text
    if isinstance(span, Emphasis):
        return f"*{span.text}*"
    if isinstance(span, Superscript):
        return f"^{{{span.text}}}"
    assert isinstance(span, Link)
    if span.label is None:
        return span.url.removeprefix("mailto:")
    return f"[{span.label}]({span.url})"


def _contacts(people: tuple[Person, ...], layout: TextLayout) -> str:
    if layout.contacts == "lines":
        lines = [line for person in people for line in (person.name, person.email) if line]
        return "Contact :\n\n" + "\n".join(lines)
    if layout.contacts == "one-line":
        return "\n".join(f"Contact : {_name_and_email(person, ' – ')}" for person in people)
    return "\n".join(_name_and_email(person, " : ") for person in people)


def _name_and_email(person: Person, between: str) -> str:
    return between.join(part for part in (person.name, person.email) if part)


def _funding_call(call: FundingCall) -> str:
    text = f"{call.title}, date limite {format_day(call.deadline)}."
    if call.link is not None:
        text += f" [{call.link.label or 'Lien'}]({call.link.url})"
    return text


def _staff_change(change: StaffChange) -> str:
    name = change.person.name or change.person.display_name
    if change.kind is StaffChangeKind.DEPARTURE:
        text = f"{name} quitte ses fonctions" + (f" de {change.role}." if change.role else ".")
    elif change.role:
        text = f"{name} rejoint l'équipe en tant que {change.role}."
    else:
        text = f"Nous souhaitons la bienvenue à {name}."
    point = change.contact_point
    if point is not None and point.name:
        email = f" : {point.email}" if point.email else ""
        text += f" Le point de contact est {point.name}{email}"
    return text


def _team(issue: Issue) -> str:
    lines = [
        f"{person.name}, {person.role}" if person.role else person.name or ""
        for person in issue.editors
    ]
    parts = ["L'équipe rédactionnelle\n\n" + "\n\n".join(lines)]
    if issue.publisher.url:  # the website closes the team, as in the editors' exports
        parts.append(f"<{issue.publisher.url}>")
    return "\n\n".join(parts)


# --- the exporter --------------------------------------------------------------------------------


def _issue_text(issue: Issue) -> Iterator[Artifact]:
    yield Artifact(
        path=f"text/{issue.id}.txt",
        data=write_infolettre(issue).encode("utf-8"),
        media_type="text/plain; charset=utf-8",
    )


class InfoLettreTextExporter:
    """Writes each issue in the InfoLettre text format, ``text/<issue-id>.txt``."""

    name = "infolettre"
    description = "each issue in the editors' plain-text format (text/<issue-id>.txt)"
    media_type = "text/plain"

    def parts(self, archive: Archive, options: ExportOptions) -> Iterator[Part]:
        """One part per issue."""
        return issue_parts(archive, options, _issue_text)

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        """Yield ``text/<issue-id>.txt`` for every issue of the archive."""
        return run_parts(self.parts(archive, options))

"""An issue as plain text: the alternative part of the e-mail (``email.txt``).

Paragraphs are wrapped at 72 columns; links are written in full after their
label, as e-mail readers expect; private people must be taken out before.
"""

from __future__ import annotations

from collections.abc import Iterator

from .display import day_text, event_date_text, event_status_labels, staff_change_text
from .french import format_day
from .model import BulletList, Issue, Person, RichText
from .model.text import spans_to_plain

__all__ = ["issue_text", "wrap"]

_WIDTH = 72


def wrap(text: str, indent: str = "", width: int = _WIDTH) -> str:
    """Fill ``text`` into lines of at most ``width`` characters, breaking only between words.

    Whitespace runs become one space; the first line starts with ``indent``, the
    others with as many spaces. A word longer than a line (a long address) stays
    whole on a line of its own: breaking it would break the link.
    """
    words = text.split()
    if not words:
        return indent.rstrip()
    lines: list[str] = []
    line = indent + words[0]
    hanging = " " * len(indent)
    for word in words[1:]:
        if len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = hanging + word
    lines.append(line)
    return "\n".join(lines)


def _rich(text: RichText) -> Iterator[str]:
    for block in text.blocks:
        if isinstance(block, BulletList):
            yield "\n".join(wrap(spans_to_plain(item), "- ") for item in block.items)
        else:
            yield wrap(spans_to_plain(block.spans))


def _person(person: Person) -> str:
    text = person.display_name
    if person.role is not None:
        text += f", {person.role}"
    if person.email is not None and person.name is not None:
        text += f" <{person.email}>"
    return text


def _heading(text: str, underline: str) -> str:
    return f"{text}\n{underline * min(len(text), _WIDTH)}"


def issue_text(issue: Issue, web_page: str | None = None) -> str:
    """The whole issue as plain text, in reading order, ending with a newline."""
    parts = [
        _heading(f"{issue.publisher.name} — {issue.title}", "="),
        day_text(issue.date, issue.language),
    ]
    if web_page is not None:
        parts.append(f"Lire ce numéro sur le web : {web_page}")
    if issue.agenda:
        parts.append(_heading("AGENDA", "-"))
        for event in issue.agenda:
            line = f"{event_date_text(event, issue.language)} : {event.title}"
            if event.place is not None:
                line += f", {event.place.name}"
            line += "".join(f" ({label})" for label in event_status_labels(event))
            parts.append(wrap(line, "* "))
    if issue.editorial is not None:
        editorial = issue.editorial
        parts.append(_heading("ÉDITORIAL", "-"))
        parts += [text for text in (editorial.salutation,) if text]
        parts += list(_rich(editorial.body))
        parts += [text for text in (editorial.closing,) if text]
        if editorial.signature is not None:
            parts.append(_person(editorial.signature))
    for section in issue.sections:
        parts.append(_heading(section.title, "-"))
        parts += list(_rich(section.intro))
        for article in section.articles:
            if article.plain_title != section.title:
                parts.append(
                    wrap(
                        article.plain_title.upper()
                        if article.plain_title.isupper()
                        else article.plain_title
                    )
                )
            parts += list(_rich(article.body))
            parts += [
                wrap(f"{link.text} : {link.url}", "* ")
                for link in article.links
                if not link.placeholder
            ]
            for call in article.funding_calls:
                parts.append(wrap(f"{call.title}, date limite {format_day(call.deadline)}", "* "))
            parts += [wrap(staff_change_text(change), "* ") for change in article.staff_changes]
            if article.contacts:
                parts.append(wrap("Contact : " + " ; ".join(_person(p) for p in article.contacts)))
    if issue.editors:
        parts.append(_heading("L'ÉQUIPE RÉDACTIONNELLE", "-"))
        parts += [_person(person) for person in issue.editors]
    if issue.publisher.url is not None:
        parts.append(issue.publisher.url)
    return "\n\n".join(parts) + "\n"

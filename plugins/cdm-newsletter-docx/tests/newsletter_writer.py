"""Write an issue the way its editors do: as a Word document, and as its plain-text export.

:func:`issue_paragraphs` lays an issue out as the editors' document does
(title, "AGENDA" with its sub-headings, date and "Title, Place" paragraphs, the
editorial letter, section headings and article titles in bold capitals, bullet
lists, "Contact :" with names and e-mails, funding calls "..., date limite ...",
the staff change, "L'équipe rédactionnelle"...). :func:`write_docx` writes those
paragraphs as a Word document with python-docx (real bold runs, "List Bullet"
paragraphs, hyperlinks, superscripts, italics, line breaks), and
:func:`write_text` as the text export the InfoLettre importer reads.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import cdm_newsletter as cdm
import docx
from cdm_newsletter.french import MONTHS, format_day
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Sup:
    text: str


@dataclass(frozen=True)
class Em:
    text: str


@dataclass(frozen=True)
class Break:
    """A line break inside a paragraph (Shift+Enter)."""


BR = Break()
Inline = str | Link | Sup | Em | Break


@dataclass(frozen=True)
class Para:
    parts: tuple[Inline, ...]
    bold: bool = False
    item: bool = False
    style: str | None = None


def para(*parts: Inline, bold: bool = False, style: str | None = None) -> Para:
    return Para(parts=parts, bold=bold, style=style)


def item(*parts: Inline) -> Para:
    return Para(parts=parts, item=True)


def heading(text: str) -> Para:
    """A section heading or an article title: bold capitals."""
    return Para(parts=(text.upper(),), bold=True)


# --- the issue laid out as paragraphs ----------------------------------------------

_CATEGORY_HEADINGS = {
    cdm.EventCategory.INTERNAL: "Réunions internes",
    cdm.EventCategory.EXTERNAL: "Réunions externes",
    cdm.EventCategory.PARTNER: "Événements partenaires",
}
_PARTS_OF_DAY = {cdm.PartOfDay.MORNING: "matin", cdm.PartOfDay.AFTERNOON: "après-midi"}


def french_day(day: dt.date) -> str:
    return "1er" if day.day == 1 else str(day.day)


def french_when(when: cdm.When) -> str:
    """7 novembre 2018, 28-30 janvier 2019, 24 janvier 2019 (matin)."""
    start, end = when.start, when.end
    assert not isinstance(start, dt.datetime), "times are not written by this helper"
    if end is None or end == start:
        text = format_day(start)
    else:
        assert not isinstance(end, dt.datetime)
        assert (end.year, end.month) == (start.year, start.month)
        text = f"{french_day(start)}-{end.day} {MONTHS[start.month - 1]} {start.year}"
    if when.part_of_day is not None:
        text += f" ({_PARTS_OF_DAY[when.part_of_day]})"
    return text


def _spans(spans: Iterable[object], *, upper: bool = False) -> Iterator[Inline]:
    for span in spans:
        if isinstance(span, cdm.Text):
            yield span.text.upper() if upper else span.text
        elif isinstance(span, cdm.Link):
            yield Link(label=span.label or span.url, url=span.url)
        elif isinstance(span, cdm.Superscript):
            yield Sup(span.text)
        elif isinstance(span, cdm.Emphasis):
            yield Em(span.text)
        else:
            raise AssertionError(f"no way to write {span!r}")


def _rich_text(text: cdm.RichText) -> Iterator[Para]:
    for block in text.blocks:
        if isinstance(block, cdm.BulletList):
            for spans in block.items:
                yield item(*_spans(spans))
        else:
            yield para(*_spans(block.spans))


def _email(address: str) -> Link:
    """An e-mail address as Word links it when it is typed."""
    return Link(label=address, url=f"mailto:{address}")


def _contacts(people: Sequence[cdm.Person], layout: int) -> Iterator[Para]:
    """ "Contact :" then each person, in one of the layouts editors use."""
    yield para("Contact :")
    for person in people:
        assert person.name is not None
        assert person.email is not None
        if layout % 3 == 0:  # name, line break, e-mail (Shift+Enter)
            yield para(person.name, BR, _email(person.email))
        elif layout % 3 == 1:  # name and e-mail in two paragraphs
            yield para(person.name)
            yield para(_email(person.email))
        else:  # "Name : e-mail"
            yield para(f"{person.name} : ", _email(person.email))


def issue_paragraphs(issue: cdm.Issue) -> list[Para]:
    """The paragraphs of the editors' document of ``issue``, in order."""
    out: list[Para] = [para(issue.title, style="Title"), heading("Agenda")]
    category = None
    for event in issue.agenda:
        if event.category is not category:
            category = event.category
            out.append(para(_CATEGORY_HEADINGS[category], bold=True))
        assert event.when is not None
        assert event.place is not None
        out.append(para(french_when(event.when)))
        title: list[Inline] = [f"{event.title}, {event.place.name}"]
        if event.registration is not None:
            title += [" : ", Em("inscription")]
            if event.registration.url != "#":
                title += [" ", Link(event.registration.url, event.registration.url)]
        out.append(para(*title))
    editorial = issue.editorial
    if editorial is not None:
        assert editorial.salutation
        assert editorial.closing
        assert editorial.signature
        out.append(para(editorial.salutation))
        out.extend(_rich_text(editorial.body))
        out.append(para(editorial.closing))
        out.append(para(editorial.signature.name or ""))
        out.append(para(editorial.signature.role or ""))
    layout = 0
    for section in issue.sections:
        out.append(heading(section.title))
        out.extend(_rich_text(section.intro))
        for article in section.articles:
            if section.kind is cdm.SectionKind.STAFF_MOVES:
                out.extend(_staff_moves(article))
                continue
            out.append(Para(parts=tuple(_spans(article.title, upper=True)), bold=True))
            out.extend(_rich_text(article.body))
            for call in article.funding_calls:
                out.append(_funding_call(call))
            if article.contacts:
                out.extend(_contacts(article.contacts, layout))
                layout += 1
    if issue.editors:
        out.append(para("L'équipe rédactionnelle", bold=True))
        out.extend(para(f"{person.name}, {person.role}") for person in issue.editors)
    if issue.publisher.url:
        out.append(para(Link(issue.publisher.url, issue.publisher.url)))
    return out


def _funding_call(call: cdm.FundingCall) -> Para:
    parts: list[Inline] = [f"{call.title}, date limite {format_day(call.deadline)}."]
    if call.link is not None:
        parts += [" ", Link(call.link.label or call.link.url, call.link.url)]
    return para(*parts)


def _staff_moves(article: cdm.Article) -> Iterator[Para]:
    """The organisation, then "X quitte ses fonctions de R.", "Le point de contact est Y : ..."."""
    yield para("".join(span.text for span in article.title if isinstance(span, cdm.Text)))
    for change in article.staff_changes:
        assert change.kind is cdm.StaffChangeKind.DEPARTURE
        assert change.person.name
        yield para(
            f"{change.person.name} quitte ses fonctions de {change.role}. Le recrutement de la"
            " personne qui lui succédera est engagé."
        )
        contact = change.contact_point
        if contact is not None and contact.name and contact.email:
            yield para(f"Le point de contact est {contact.name} : ", _email(contact.email))


# --- writing -----------------------------------------------------------------------


def add_hyperlink(paragraph: Paragraph, label: str, url: str, *, bold: bool = False) -> None:
    """Append a hyperlink as Word writes one: ``<w:hyperlink r:id>`` around a run."""
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    if bold:
        properties.append(OxmlElement("w:b"))
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = label
    text.set(qn("xml:space"), "preserve")
    run.append(text)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


def write_paragraph(document: Any, paragraph_spec: Para) -> Paragraph:
    style = "List Bullet" if paragraph_spec.item else paragraph_spec.style
    paragraph: Paragraph = document.add_paragraph(style=style)
    for part in paragraph_spec.parts:
        if isinstance(part, str):
            paragraph.add_run(part).bold = paragraph_spec.bold or None
        elif isinstance(part, Break):
            paragraph.add_run().add_break()
        elif isinstance(part, Em):
            run = paragraph.add_run(part.text)
            run.italic = True
            run.bold = paragraph_spec.bold or None
        elif isinstance(part, Sup):
            run = paragraph.add_run(part.text)
            run.font.superscript = True
            run.bold = paragraph_spec.bold or None
        else:
            add_hyperlink(paragraph, part.label, part.url, bold=paragraph_spec.bold)
    return paragraph


def write_docx(paragraphs: Iterable[Para]) -> bytes:
    """A Word document of ``paragraphs``, as python-docx writes it."""
    document = docx.Document()
    for paragraph_spec in paragraphs:
        write_paragraph(document, paragraph_spec)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _same_address(label: str, url: str) -> bool:
    return url in (label, f"mailto:{label}")


def _inline_text(part: Inline) -> str:
    if isinstance(part, str):
        return part
    if isinstance(part, Break):
        return "\n"
    if isinstance(part, Em):
        return f"*{part.text}*"
    if isinstance(part, Sup):
        return f"^{{{part.text}}}"
    return part.label if _same_address(part.label, part.url) else f"[{part.label}]({part.url})"


def write_text(paragraphs: Sequence[Para]) -> bytes:
    """The plain-text export of ``paragraphs``: blank lines between paragraphs, "- " items."""
    chunks: list[str] = []
    for index, paragraph_spec in enumerate(paragraphs):
        text = "".join(_inline_text(part) for part in paragraph_spec.parts)
        if paragraph_spec.item:
            text = "- " + text
            previous_item = index > 0 and paragraphs[index - 1].item
            chunks.append(("\n" if previous_item else "\n\n") + text)
        else:
            chunks.append("\n\n" + text)
    return ("".join(chunks).lstrip("\n") + "\n").encode("utf-8")


def with_bold(paragraph_spec: Para, bold: bool) -> Para:
    return replace(paragraph_spec, bold=bold)

"""The structural reader of an InfoLettre: blocks in, an issue and its diagnostics out.

It reads the parts of an issue in whatever order they come and whichever
are missing:

* **headings** ("AGENDA", "Nouvelles des CDM", "ARRIVEES/ DEPARTS", ...) open a
  part; an unknown heading in capitals followed by another one opens a generic
  section, and a heading in capitals inside a section opens an article;
* **the agenda**: sub-headings ("Réunions internes") set the category; each
  entry is a date block then a title block ending in ``, <place>`` and maybe
  ``: *inscription*`` with or without a URL;
* **the editorial letter**, from its salutation ("Cher(e)s ...") to its closing
  formula and signature (name, then role);
* **articles**: a title, paragraphs and bullet lists, then "Contact :" and the
  contacts (names and e-mails, in any layout);
* **funding calls** ("..., date limite 26 février 2019") in the funding section,
  **staff changes** ("X quitte ses fonctions de ...", "Le point de contact est
  Y : e-mail") in the staff section;
* **the end**: the contact address, the editorial team ("Name, Role" lines) and
  the website.

Nothing is dropped silently: a block that fits nowhere is kept in the part
where it stands, or in a generic section, with a diagnostic that names its line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from attrs import define, evolve, field, frozen

from ..diagnostics import Diagnostic, Severity
from ..errors import InvalidData, InvalidValue, Problem
from ..french import fold, format_month
from ..model import (
    Article,
    BulletList,
    Editorial,
    Event,
    EventCategory,
    EventStatus,
    FundingCall,
    Issue,
    Link,
    Paragraph,
    Person,
    Publisher,
    RichText,
    Section,
    SectionKind,
    StaffChange,
    Text,
)
from ..model._checks import is_web_url
from ..model.identity import derive_article_id, derive_event_id, unique_id
from ..model.text import Block as TextBlock
from ..model.text import Spans, spans_to_plain
from . import recognise, sentences
from .base import ImportOptions, ImportResult
from .blocks import Block, BlockKind, continues
from .dates_fr import DateError, FrenchWhen, parse_french_when, search_french_date
from .inline import parse_inline

__all__ = ["DEFAULT_PUBLISHER", "IssueHeader", "read_structure"]

DEFAULT_PUBLISHER = "Réseau International des Cités des métiers"
"""The publisher's name when the source does not give one."""


@frozen(kw_only=True)
class IssueHeader:
    """What is known of an issue before its body is read (front matter, file name, options)."""

    id: str
    date: dt.date
    title: str | None = None
    language: str = "fr"
    url: str | None = None
    publisher: Publisher | None = None


@define
class _ArticleDraft:
    title: Spans
    line: int
    body: list[Block] = field(factory=list)
    contacts: list[tuple[Person, int]] = field(factory=list)
    funding_calls: list[tuple[FundingCall, int]] = field(factory=list)
    staff_changes: list[tuple[StaffChange, int]] = field(factory=list)


@define
class _SectionDraft:
    title: str
    kind: SectionKind
    line: int
    intro: list[Block] = field(factory=list)
    articles: list[_ArticleDraft] = field(factory=list)


@define
class _EditorialDraft:
    line: int
    salutation: str | None = None
    body: list[Block] = field(factory=list)
    closing: str | None = None
    signature_lines: list[str] = field(factory=list)


class _Reader:
    """Reads blocks into the parts of an issue; one instance per source."""

    def __init__(
        self, blocks: Sequence[Block], header: IssueHeader, source: str, options: ImportOptions
    ):
        self.blocks = blocks
        self.header = header
        self.source = source
        self.options = options
        self.diagnostics: list[Diagnostic] = []
        self.events: list[tuple[Event, int]] = []
        self.sections: list[_SectionDraft] = []
        self.editorial: _EditorialDraft | None = None
        self.editors: list[tuple[Person, int]] = []
        self.website: str | None = None
        self.contact_email: str | None = None
        self.issue_title: str | None = None
        self.zone = "start"
        self.category = EventCategory.OTHER
        self.taken_ids: set[str] = set()

    # --- diagnostics -----------------------------------------------------------------

    def note(self, line: int | None, severity: Severity, code: str, message: str) -> None:
        self.diagnostics.append(
            Diagnostic(source=self.source, line=line, severity=severity, code=code, message=message)
        )

    # --- the main loop ---------------------------------------------------------------

    def run(self) -> None:
        index = 0
        while index < len(self.blocks):
            index = self._read_block(index)
        self._finish_editorial()

    def _read_block(self, index: int) -> int:
        block = self.blocks[index]
        text = block.text
        heading = recognise.heading_of(text) if block.kind is BlockKind.PARAGRAPH else None
        if heading == recognise.AGENDA:
            self.zone, self.category = "agenda", EventCategory.OTHER
            return index + 1
        if heading is SectionKind.PARTNER_AGENDA:
            self._open_section(text, SectionKind.PARTNER_AGENDA, block.line)
            self.zone, self.category = "agenda", EventCategory.PARTNER
            return index + 1
        if isinstance(heading, SectionKind):
            self._open_section(text, heading, block.line)
            return index + 1
        if heading == recognise.EDITORS:
            self.zone = "editors"
            return index + 1
        if (
            self.editorial is None
            and self.zone in ("start", "agenda")
            and recognise.salutation(text)
        ):
            self.editorial = _EditorialDraft(line=block.line, salutation=text)
            self.zone = "editorial"
            return index + 1
        if self.zone == "agenda":
            return self._read_agenda(index)
        if self.zone == "editorial":
            return self._read_editorial(index)
        if self.zone == "editors":
            return self._read_editors(index)
        return self._read_section(index)

    def _is_title(self, index: int) -> bool:
        """Whether a block titles an article (or, followed by another title, a section)."""
        block = self.blocks[index]
        if block.kind is not BlockKind.PARAGRAPH or recognise.contact_label(block.text) is not None:
            return False
        if block.emphasised is not None:
            return block.emphasised
        return recognise.caps_heading(block.text) and len(block.text) <= 300

    def _open_section(self, title: str, kind: SectionKind, line: int) -> None:
        self.sections.append(_SectionDraft(title=title, kind=kind, line=line))
        self.zone = "section"

    # --- agenda ----------------------------------------------------------------------

    def _read_agenda(self, index: int) -> int:
        block = self.blocks[index]
        category = recognise.agenda_category(block.text)
        if category is not None:
            self.category = category
            return index + 1
        date_text = block.lines[0]
        title_lines = list(block.lines[1:])
        bare_date, cancelled = sentences.split_cancellation(date_text)
        try:
            when: FrenchWhen | None = parse_french_when(bare_date, reference=self.header.date)
        except DateError as error:
            split = self._date_then_title(bare_date)
            if split is not None:  # "24 mars 2020 (matin) : Assemblée..., Bruxelles"
                when, date_text, first_title_line = split
                title_lines.insert(0, first_title_line)
            elif not self._meant_as_date(index):
                return self._agenda_leftover(index)
            else:
                when = None
                self.note(block.line, Severity.ERROR, "unreadable-date", str(error))
        title_line = block.line + 1
        index += 1
        if (
            not title_lines
            and index < len(self.blocks)
            and self._continues_entry(self.blocks[index])
        ):
            title_lines, title_line = list(self.blocks[index].lines), self.blocks[index].line
            index += 1
        if not title_lines:
            self.note(
                block.line,
                Severity.WARNING,
                "event-without-title",
                f"the date {date_text!r} has no title after it",
            )
            title_lines = [date_text]
        self._add_event(date_text, when, " ".join(title_lines), block.line, title_line, cancelled)
        return index

    def _date_then_title(self, text: str) -> tuple[FrenchWhen, str, str] | None:
        """Split a line that starts with a date and goes on with the title after ":", "–" or ","."""
        try:
            found = search_french_date(text, reference=self.header.date)
        except DateError:
            return None
        if found is None:
            return None
        when, start, end = found
        before, after = text[:start].strip(), text[end:]
        title = after.lstrip(" :–—-,")
        if fold(before) not in ("", "le", "les", "du") or not title or title == after.strip():
            return None
        return when, text[:end].strip(), title

    def _meant_as_date(self, index: int) -> bool:
        """Whether an agenda block that is not a readable date still stands where a date does.

        It does when it has date words ("courant mai 2019"), or when it is a few
        words followed by what can be its entry's title ("Courant printemps").
        """
        block = self.blocks[index]
        if recognise.looks_like_a_date(block.lines[0]):
            return True
        following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        return (
            len(block.lines) == 1
            and len(block.text) <= 40
            and len(block.text.split()) <= 5
            and following is not None
            and self._continues_entry(following)
        )

    def _continues_entry(self, block: Block) -> bool:
        """Whether a block after an agenda date still belongs to its title."""
        text = block.text
        if recognise.heading_of(text) is not None or recognise.agenda_category(text) is not None:
            return False
        return not (recognise.salutation(text) or self._reads_as_date(block.lines[0]))

    def _reads_as_date(self, text: str) -> bool:
        try:
            parse_french_when(text, reference=self.header.date)
        except DateError:
            return False
        return True

    def _agenda_leftover(self, index: int) -> int:
        block = self.blocks[index]
        if self.events:
            event, line = self.events[-1]
            description = (
                block.text if event.description is None else f"{event.description}\n{block.text}"
            )
            self.events[-1] = (evolve(event, description=description), line)
            self.note(
                block.line,
                Severity.INFO,
                "event-description",
                "read as the description of the event before it",
            )
        else:
            self._keep_unplaced(block, "not an agenda entry")
        return index + 1

    def _add_event(
        self,
        date_text: str,
        when: FrenchWhen | None,
        title: str,
        date_line: int,
        title_line: int,
        cancelled: bool,
    ) -> None:
        title, cancelled_in_title = sentences.split_cancellation(title)
        cancelled = cancelled or cancelled_in_title
        status = EventStatus.CANCELLED if cancelled else EventStatus.CONFIRMED
        title, registration = self._registration(title, title_line)
        name, place = sentences.split_place(title, self.options.default_timezone)
        if place is not None and place.city is None:
            message = (
                f"the place {place.name!r} is not in the gazetteer; its time zone is"
                f" {place.timezone} (the default)"
            )
            self.note(title_line, Severity.INFO, "unknown-place", message)
        for mismatch in when.weekday_mismatches if when is not None else ():
            self.note(date_line, Severity.WARNING, "weekday-mismatch", mismatch)
        timezone = (
            place.timezone
            if place is not None and place.timezone
            else self.options.default_timezone
        )
        event_id = unique_id(
            derive_event_id(self.header.id, name, when.first_day if when is not None else None),
            self.taken_ids,
        )
        self.taken_ids.add(event_id)
        try:
            event = Event(
                id=event_id,
                title=name,
                when=None if when is None else when.to_when(timezone),
                place=place,
                category=self.category,
                registration=registration,
                status=status,
                date_text=date_text if when is None else None,
            )
        except InvalidValue as error:  # e.g. a part of day with times: keep the words
            self.note(
                date_line,
                Severity.ERROR,
                "unreadable-date",
                f"cannot use the date {date_text!r}: {error.reason}",
            )
            event = Event(
                id=event_id,
                title=name,
                place=place,
                category=self.category,
                registration=registration,
                status=status,
                date_text=date_text,
            )
        self.events.append((event, date_line))

    def _registration(self, title: str, line: int) -> tuple[str, Link | None]:
        found = sentences.split_registration(title)
        if found is None:
            return title, None
        title, url = found
        if url is not None and url != "#" and not is_web_url(url):
            message = f"the registration link {url!r} is not an absolute http(s) URL"
            self.note(line, Severity.WARNING, "bad-link", message)
            url = None
        return title, Link(url=url or "#", label="inscription")

    # --- editorial -------------------------------------------------------------------

    def _read_editorial(self, index: int) -> int:
        assert self.editorial is not None
        block = self.blocks[index]
        editorial = self.editorial
        if (
            editorial.closing is None
            and block.kind is BlockKind.PARAGRAPH
            and recognise.closing_formula(block.text)
        ):
            editorial.closing = block.text
        elif editorial.closing is not None and not editorial.signature_lines and _signature(block):
            for line in block.lines:
                editorial.signature_lines.extend(part.strip() for part in line.split(", ", 1))
        elif len(editorial.signature_lines) == 1 and _short_line(block):
            editorial.signature_lines.append(block.text)
        elif self._is_title(index):
            self._finish_editorial()
            return self._read_section(index)
        else:
            _append_mended(editorial.body, block)
        return index + 1

    def _finish_editorial(self) -> None:
        if self.zone == "editorial":
            self.zone = "start"

    # --- sections and articles -------------------------------------------------------

    def _current_section(self, line: int) -> _SectionDraft:
        if not self.sections or self.zone != "section":
            self.note(
                line,
                Severity.WARNING,
                "not-understood",
                "text outside any known part; kept in a section of its own",
            )
            self._open_section("Divers", SectionKind.OTHER, line)
        return self.sections[-1]

    def _current_article(self, section: _SectionDraft, line: int) -> _ArticleDraft:
        """The article being read, or one titled like its section for untitled content."""
        if not section.articles:
            section.articles.append(_ArticleDraft(title=(Text(text=section.title),), line=line))
        return section.articles[-1]

    def _read_section(self, index: int) -> int:
        block = self.blocks[index]
        text = block.text
        if (
            self.zone == "start"
            and self.issue_title is None
            and not self.sections
            and fold(text).startswith("infolettre")
        ):  # "InfoLettre décembre 2018", in capitals or not, names the issue
            self.issue_title = text
            return index + 1
        if self._is_title(index):
            return self._read_title(index)
        section = self._current_section(block.line)
        label = (
            recognise.contact_label(block.lines[0]) if block.kind is BlockKind.PARAGRAPH else None
        )
        if label is not None:
            return self._read_contacts(index, [label, *block.lines[1:]], section)
        if section.kind is SectionKind.FUNDING and sentences.mentions_deadline(text):
            self._read_funding_call(block, section)
            return index + 1
        if (
            section.kind is SectionKind.STAFF_MOVES
            and _short_line(block)
            and recognise.split_email_line(text) is None
        ):
            section.articles.append(_ArticleDraft(title=(Text(text=text),), line=block.line))
            return index + 1
        if section.kind is SectionKind.STAFF_MOVES:
            self._read_staff_changes(block, section)
        if section.kind in (SectionKind.CONTACT, SectionKind.OTHER) and sentences.web_url(text):
            self.website = self.website or sentences.web_url(text)
        if section.kind is SectionKind.CONTACT and self.contact_email is None:
            found = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text)
            self.contact_email = found.group() if found else None
        _append_mended(section.articles[-1].body if section.articles else section.intro, block)
        return index + 1

    def _read_title(self, index: int) -> int:
        block = self.blocks[index]
        following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        opens_section = (
            following is not None
            and self._is_title(index + 1)
            and recognise.heading_of(following.text) is None
        )
        if opens_section or self.zone != "section":  # a title outside any section opens one
            self._open_section(block.text, SectionKind.OTHER, block.line)
            return index + 1
        spans = self._spans(block.text, block.line)
        self.sections[-1].articles.append(_ArticleDraft(title=spans, line=block.line))
        return index + 1

    def _read_contacts(self, index: int, rest: list[str], section: _SectionDraft) -> int:
        """Read "Contact :" (``rest``: what follows it in its block) and the contacts after it."""
        label = self.blocks[index]
        article = self._current_article(section, label.line)
        found: list[tuple[Person, int]] = []
        lines = [line for line in rest if line]
        if lines:
            found.extend(self._contacts_in(lines, label.line))
        index += 1
        while index < len(self.blocks):
            block = self.blocks[index]
            has_email = any(recognise.split_email_line(line) for line in block.lines)
            next_is_email = (
                index + 1 < len(self.blocks)
                and all(recognise.split_email_line(line) for line in self.blocks[index + 1].lines)
                and recognise.split_email_line(self.blocks[index + 1].text) is not None
            )
            contact_lines = all(
                recognise.split_email_line(line) or recognise.name_and_role(line)
                for line in block.lines
            )
            if (
                not contact_lines
                or not (has_email or next_is_email)
                or recognise.heading_of(block.text)
            ):
                break
            found.extend(self._contacts_in(block.lines, block.line))
            index += 1
        if not found:
            self.note(
                label.line,
                Severity.WARNING,
                "contact-without-address",
                "a 'Contact :' label with no name or e-mail after it",
            )
        article.contacts.extend(_pair_names(found))
        return index

    def _contacts_in(self, lines: Iterable[str], line: int) -> list[tuple[Person, int]]:
        """People read from contact lines; a name alone waits for the e-mail after it."""
        people: list[tuple[Person, int]] = []
        for text in lines:
            split = recognise.split_email_line(text)
            if split is not None:
                name, email = split
                people.append((Person(name=name, email=email), line))
            else:
                name, role = recognise.name_and_role(text) or (text, None)
                people.append((Person(name=name, role=role), line))
        return people

    def _read_funding_call(self, block: Block, section: _SectionDraft) -> None:
        article = self._current_article(section, block.line)
        found = sentences.read_funding_call(block.text, reference=self.header.date)
        if found is None:
            message = "cannot read the deadline of this funding call"
            self.note(block.line, Severity.ERROR, "unreadable-date", message)
            article.body.append(block)
            return
        call, complete = found
        article.funding_calls.append((call, block.line))
        if not complete:
            article.body.append(block)  # more than the call itself: keep the words too

    def _read_staff_changes(self, block: Block, section: _SectionDraft) -> None:
        article = self._current_article(section, block.line)
        changes, contact_point = sentences.read_staff_changes(
            block.text, spans_to_plain(article.title)
        )
        if contact_point is not None and article.staff_changes:
            change, line = article.staff_changes[-1]
            if change.contact_point is None:
                article.staff_changes[-1] = (evolve(change, contact_point=contact_point), line)
        article.staff_changes.extend((change, block.line) for change in changes)

    # --- the end: the editorial team -------------------------------------------------

    def _read_editors(self, index: int) -> int:
        block = self.blocks[index]
        for offset, text in enumerate(block.lines):
            line = block.line + offset
            url = sentences.web_url(text)
            if url is not None:
                self.website = self.website or sentences.web_url(text)
                continue
            name, _, role = text.partition(", ")
            if recognise.name_like(name.strip()):
                self.editors.append((Person(name=name.strip(), role=role.strip() or None), line))
            else:
                self._keep_unplaced(
                    Block(kind=block.kind, lines=(text,), line=line),
                    "not a 'Name, role' line of the editorial team",
                )
        return index + 1

    def _keep_unplaced(self, block: Block, why: str) -> None:
        self.note(
            block.line, Severity.WARNING, "not-understood", f"{why}; kept in a section of its own"
        )
        if not self.sections or self.sections[-1].title != "Divers":
            self.sections.append(
                _SectionDraft(title="Divers", kind=SectionKind.OTHER, line=block.line)
            )
        self.sections[-1].intro.append(block)

    # --- building the model ----------------------------------------------------------

    def _spans(self, text: str, line: int) -> Spans:
        spans, problems = parse_inline(text)
        for problem in problems:
            self.note(line, Severity.WARNING, "bad-link", f"{problem.reason}; kept as text")
        return spans

    def rich_text(self, blocks: Sequence[Block], path: str, locations: dict[str, int]) -> RichText:
        built: list[TextBlock] = []
        items: list[Spans] = []
        for block in blocks:
            spans = self._spans(block.text, block.line)
            if block.kind is BlockKind.ITEM:
                if not items:
                    locations[f"{path}[{len(built)}]"] = block.line
                items.append(spans)
                continue
            if items:
                built.append(BulletList(items=items))
                items = []
            locations[f"{path}[{len(built)}]"] = block.line
            built.append(Paragraph(spans=spans))
        if items:
            built.append(BulletList(items=items))
        return RichText(blocks=built)


def _append_mended(blocks: list[Block], block: Block) -> None:
    """Append ``block`` to running text, or join it to the last block it continues."""
    if blocks and continues(blocks[-1], block):
        blocks[-1] = evolve(blocks[-1], lines=blocks[-1].lines + block.lines)
    else:
        blocks.append(block)


def _signature(block: Block) -> bool:
    """One or two short lines, the first a name: "Name", "Name, Role", or name and role lines."""
    return (
        block.kind is BlockKind.PARAGRAPH
        and len(block.lines) <= 2
        and recognise.name_and_role(block.lines[0]) is not None
        and all(
            len(line) <= 100 and not line.endswith((".", "!", "?", ":")) for line in block.lines
        )
    )


def _short_line(block: Block) -> bool:
    """A short one-line block with no sentence end: a name, a role or an organisation."""
    text = block.text
    return (
        block.kind is BlockKind.PARAGRAPH
        and len(block.lines) == 1
        and len(text) <= 100
        and not text.endswith((".", "!", "?", ":", ";"))
        and "@" not in text
        and "://" not in text
    )


def _pair_names(people: list[tuple[Person, int]]) -> list[tuple[Person, int]]:
    """Join each name given alone with the e-mail given alone just after it."""
    paired: list[tuple[Person, int]] = []
    for person, line in people:
        if paired and person.name is None and person.email is not None:
            previous, previous_line = paired[-1]
            if previous.email is None and previous.name is not None:
                paired[-1] = (
                    Person(name=previous.name, email=person.email, role=previous.role),
                    previous_line,
                )
                continue
        paired.append((person, line))
    return paired


def read_structure(
    blocks: Sequence[Block], header: IssueHeader, *, source: str, options: ImportOptions
) -> ImportResult:
    """Read the blocks of an InfoLettre into an issue, with diagnostics and source lines.

    Args:
        blocks: the paragraphs and list items, in order (see :mod:`.blocks`).
        header: what is known of the issue before its body (id, date, title...).
        source: the source's name, for diagnostics and errors.
        options: the import options (default time zone).

    Raises:
        InvalidData: the header and the body together do not make a valid issue.
    """
    reader = _Reader(blocks, header, source, options)
    reader.run()
    locations: dict[str, int] = {}
    taken = set(reader.taken_ids)

    agenda = []
    for position, (event, line) in enumerate(reader.events):
        locations[f"$.agenda[{position}]"] = line
        agenda.append(event)

    editorial = None
    if reader.editorial is not None:
        draft = reader.editorial
        locations["$.editorial"] = draft.line
        signature = None
        if draft.signature_lines and recognise.name_like(draft.signature_lines[0]):
            role = draft.signature_lines[1] if len(draft.signature_lines) > 1 else None
            signature = Person(name=draft.signature_lines[0], role=role)
        elif draft.signature_lines:
            draft.body.extend(
                Block(kind=BlockKind.PARAGRAPH, lines=(text,), line=draft.line)
                for text in draft.signature_lines
            )
        editorial = Editorial(
            salutation=draft.salutation,
            body=reader.rich_text(draft.body, "$.editorial.body", locations),
            closing=draft.closing,
            signature=signature,
        )

    sections = []
    for s_index, section in enumerate(reader.sections):
        path = f"$.sections[{s_index}]"
        locations[path] = section.line
        articles = []
        for a_index, draft_article in enumerate(section.articles):
            article_path = f"{path}.articles[{a_index}]"
            locations[article_path] = draft_article.line
            article_id = unique_id(
                derive_article_id(header.id, spans_to_plain(draft_article.title)), taken
            )
            taken.add(article_id)
            for field_name, items in (
                ("contacts", draft_article.contacts),
                ("funding_calls", draft_article.funding_calls),
                ("staff_changes", draft_article.staff_changes),
            ):
                for i_index, (_, line) in enumerate(items):
                    locations[f"{article_path}.{field_name}[{i_index}]"] = line
            articles.append(
                Article(
                    id=article_id,
                    title=draft_article.title,
                    body=reader.rich_text(draft_article.body, f"{article_path}.body", locations),
                    contacts=[person for person, _ in draft_article.contacts],
                    funding_calls=[call for call, _ in draft_article.funding_calls],
                    staff_changes=[change for change, _ in draft_article.staff_changes],
                )
            )
        sections.append(
            Section(
                title=section.title,
                kind=section.kind,
                intro=reader.rich_text(section.intro, f"{path}.intro", locations),
                articles=articles,
            )
        )
    for e_index, (_, line) in enumerate(reader.editors):
        locations[f"$.editors[{e_index}]"] = line

    given = header.publisher
    publisher = Publisher(
        name=given.name if given is not None else DEFAULT_PUBLISHER,
        url=given.url if given is not None and given.url else reader.website,
        email=given.email if given is not None and given.email else reader.contact_email,
    )
    title = header.title or reader.issue_title or f"InfoLettre {format_month(header.date)}"
    try:
        issue = Issue(
            id=header.id,
            date=header.date,
            title=title,
            language=header.language,
            publisher=publisher,
            editorial=editorial,
            agenda=agenda,
            sections=sections,
            editors=[person for person, _ in reader.editors],
            url=header.url,
        )
    except InvalidValue as error:
        raise InvalidData(source, [Problem(f"$.{error.field}", error.reason)]) from error
    return ImportResult(issue=issue, diagnostics=tuple(reader.diagnostics), locations=locations)

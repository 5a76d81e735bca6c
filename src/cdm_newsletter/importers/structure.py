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

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Sequence

from attrs import define, evolve, field, frozen

from ..diagnostics import NOT_UNDERSTOOD, Diagnostic, Severity
from ..errors import InvalidData, InvalidValue, Problem
from ..french import fold, fold_words, format_month
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
from ..model._checks import is_email, is_web_url
from ..model.identity import derive_article_id, derive_event_id, unique_id
from ..model.text import Block as TextBlock
from ..model.text import Spans, spans_to_plain
from . import entries, recognise, sentences
from .base import ImportOptions, ImportResult
from .blocks import Block, BlockKind, continues
from .dates_fr import DateError, FrenchWhen, parse_french_when
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
        self.blocks = _split_headings(blocks)
        self.styles = {id(block): _style(block) for block in self.blocks}
        self.section_style = _section_style(self.blocks, self.styles)
        self.columns: list[str] | None = None
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
        self.marks: dict[int, str] = {}
        """Lines that are read as layout of a part (headings, sub-headings): line -> path."""
        self.agenda_headings: list[tuple[int, int]] = []
        """The line of each agenda heading, and the number of events read before it."""

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
        ends = [count for _, count in self.agenda_headings[1:]] + [len(self.events)]
        for (line, before), after in zip(self.agenda_headings, ends, strict=False):
            if after == before:
                self.note(
                    line,
                    Severity.ERROR,
                    "empty-agenda",
                    "no event was read under this agenda heading",
                )

    def _read_block(self, index: int) -> int:
        block = self.blocks[index]
        text = block.text
        heading = recognise.heading_of(text) if block.kind is BlockKind.PARAGRAPH else None
        if (
            self.zone == "agenda"
            and heading is not None
            and recognise.agenda_category(text) is not None
            and (self.styles[id(block)] != self.section_style or self.section_style == "caps")
        ):
            heading = None  # "Rendez-vous du Réseau" under the agenda: a sub-heading
        if heading == recognise.AGENDA:
            self.marks[block.line] = "$.agenda"
            self.zone, self.category = "agenda", EventCategory.OTHER
            self.agenda_headings.append((block.line, len(self.events)))
            return index + 1
        if heading is SectionKind.PARTNER_AGENDA:
            if self.zone != "agenda" or self.styles[id(block)] == self.section_style:
                self._open_section(text, SectionKind.PARTNER_AGENDA, block.line)
                self.agenda_headings.append((block.line, len(self.events)))
            self.zone, self.category = "agenda", EventCategory.PARTNER
            return index + 1
        if isinstance(heading, SectionKind):
            self._open_section(text, heading, block.line)
            return index + 1
        if heading == recognise.EDITORS:
            self.marks[block.line] = "$.editors"
            self.zone = "editors"
            return index + 1
        if heading == recognise.EDITORIAL and self.editorial is None:
            self.editorial = _EditorialDraft(line=block.line)
            self.zone = "editorial"
            return index + 1
        if heading is None and self._opens_section(index):
            return self._open_unknown_section(index)
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
        if len(block.text) <= 300 and recognise.caps_heading(block.text):
            return True
        return self._sentence_case_title(index)

    def _sentence_case_title(self, index: int) -> bool:
        """A short line alone, not a sentence, before a longer paragraph: an article's title."""
        block = self.blocks[index]
        text = block.text
        following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        if (
            self.zone != "section"
            or not self.sections
            or self.sections[-1].kind in (SectionKind.STAFF_MOVES, SectionKind.CONTACT)
            or following is None
            or len(block.lines) > 2
            or not 8 <= len(text) <= 160
            or text.endswith((".", ":", ";", ",", "…"))
            or not (text[0].isupper() or text[0].isdigit() or text[0] in "«\"“'")
            or "@" in recognise.reveal_email(text)
            or "://" in text
            or (len(text.split()) <= 4 and recognise.name_like(text))  # a name, not a title
            or _label_line(text)
            or _TRAILING_FRAGMENT.search(text)
            or sentences.mentions_deadline(text)
        ):
            return False
        return (
            following.kind is BlockKind.PARAGRAPH
            and len(following.text) > len(text)
            and recognise.split_email_line(following.lines[0]) is None
            and recognise.contact_label(following.lines[0]) is None
            and self.styles.get(id(following)) is None
        )

    def _opens_section(self, index: int) -> bool:
        """Whether a heading the vocabulary does not know opens a section by its form."""
        block = self.blocks[index]
        if block.kind is not BlockKind.PARAGRAPH or len(block.lines) != 1:
            return False
        style = self.styles.get(id(block))
        if style is None or self._is_entry(block) or recognise.agenda_category(block.text):
            return False
        if self.zone == "agenda":
            return True  # a heading after the agenda ends it: it is never an event
        # Capitals and spacing also mark article titles: only a mark of the headings' own
        # (an underline, a number) opens a section the vocabulary does not know.
        return style == self.section_style and style not in ("caps", "spaced")

    def _open_unknown_section(self, index: int) -> int:
        """Open a section for a heading the vocabulary does not know.

        Its content decides whether it is an agenda (dated entries) or a section of kind other.
        """
        block = self.blocks[index]
        title = recognise.strip_heading_number(block.text)
        following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        if following is not None and self._is_entry(following):
            if "partenaire" in fold(title):
                self._open_section(title, SectionKind.PARTNER_AGENDA, block.line)
                self.zone, self.category = "agenda", EventCategory.PARTNER
            else:
                self.zone, self.category = "agenda", EventCategory.OTHER
            self.marks[block.line] = "$.agenda"
            self.agenda_headings.append((block.line, len(self.events)))
            return index + 1
        self._open_section(title, SectionKind.OTHER, block.line)
        return index + 1

    def _is_entry(self, block: Block) -> bool:
        """Whether a block is an agenda entry by its content: a date with a title, or a row."""
        first = block.lines[0]
        cells = _row_cells(first)
        if cells is not None:
            return (
                entries.column_names(cells) is not None
                or entries.read_row(cells, None, self.header.date) is not None
            )
        if self._reads_as_date(entries.split_status(first, self.header.date)[0]):
            return len(block.lines) > 1 or len(first) < 80
        entry = entries.read_entry(first, self.header.date)
        return entry is not None and len(entry.title) <= 200 and len(first) <= 300

    def _open_section(self, title: str, kind: SectionKind, line: int) -> None:
        title = recognise.strip_heading_number(title)
        self.sections.append(_SectionDraft(title=title, kind=kind, line=line))
        self.zone = "section"

    # --- agenda ----------------------------------------------------------------------

    def _read_agenda(self, index: int) -> int:
        block = self.blocks[index]
        category = recognise.agenda_category(block.text)
        if category is not None:
            self.marks[block.line] = "$.agenda"
            self.category = category
            return index + 1
        if _row_cells(block.lines[0]) is not None:
            return self._read_rows(index)
        lines = [_LIST_MARK.sub("", line, count=1) for line in block.lines]
        if len(lines) > 1 and all(self._one_line_entry(line) for line in lines[:2]):
            return self._read_entry_lines(index)
        if (
            len(lines) > 1
            and not recognise.looks_like_a_date(lines[0])
            and self._reads_as_date(entries.split_status(lines[1], self.header.date)[0])
        ):  # the title first, then the date on the next line
            lines = [lines[1], lines[0], *lines[2:]]
        date_text = lines[0]
        title_lines = lines[1:]
        bare_date, status, new_when, new_text = entries.split_status(date_text, self.header.date)
        moved = None
        when: FrenchWhen | None
        try:
            when = parse_french_when(bare_date, reference=self.header.date)
            date_text = bare_date
        except DateError as error:
            if new_when is not None and not bare_date.strip(" :–—-"):
                when, date_text = new_when, new_text  # "REPORTÉ : 8-9 octobre 2020"
            elif (entry := entries.read_entry(lines[0], self.header.date)) is not None:
                return self._add_entry(entry, block, index + 1, title_lines)
            elif title_lines and entries.TO_BE_SET.fullmatch(bare_date.strip(" .:")):
                title, place = _title_and_place_lines(title_lines)
                self._add_event(bare_date, None, title, block.line, block.line + 1, status, place)
                return index + 1
            elif not self._meant_as_date(index):
                return self._agenda_leftover(index)
            else:
                when = None
                self.note(block.line, Severity.ERROR, "unreadable-date", str(error))
        else:
            if new_when is not None:  # "9 avril reporté au 8 octobre": the old day is written
                moved, when, date_text = when.first_day, new_when, new_text
        while title_lines and when is not None and when.start_time is None:
            timed = self._with_times(date_text, title_lines[0])
            if timed is None:
                break
            when, date_text = timed
            title_lines.pop(0)
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
        if moved is not None and status.moved_from is None:
            status = entries.Status(status=status.status, moved_from=moved)
        title, place = _title_and_place_lines(title_lines)
        self._add_event(date_text, when, title, block.line, title_line, status, place)
        return index

    def _one_line_entry(self, line: str) -> entries.Entry | None:
        """The entry a line gives alone ("03/12/2020 : Réunion, Lisbonne"), if it does."""
        if self._reads_as_date(entries.split_status(line, self.header.date)[0]):
            return None  # a date alone: its title follows
        return entries.read_entry(line, self.header.date)

    def _read_entry_lines(self, index: int) -> int:
        """A block of one-line entries with no blank line between them: one event each."""
        block = self.blocks[index]
        for offset, text in enumerate(block.lines):
            line = Block(kind=block.kind, lines=(text,), line=block.line + offset)
            entry = self._one_line_entry(_LIST_MARK.sub("", text, count=1))
            if entry is None:
                self._agenda_leftover_block(line)
            else:
                self._add_entry(entry, line, index + 1, [])
        return index + 1

    def _with_times(self, date_text: str, line: str) -> tuple[FrenchWhen, str] | None:
        """The date with the times given on the line after it ("de 14 h à 17 h 30")."""
        if not any(char.isdigit() for char in line) or len(line) > 40:
            return None
        return entries.with_times(date_text, line, self.header.date)

    def _times_at_the_end(
        self, title: str, when: FrenchWhen | None, date_text: str
    ) -> tuple[str, FrenchWhen | None, str]:
        """Take times written after the title ("Comité, 14h-17h") into the date."""
        if when is None or when.start_time is not None:
            return title, when, date_text
        found = _TIMES_AFTER.search(title)
        if found is None:
            return title, when, date_text
        timed = self._with_times(date_text, found["times"])
        if timed is None:
            return title, when, date_text
        return (title[: found.start()] + title[found.end() :]).strip(" ,–—-"), *timed

    def _add_entry(self, entry: entries.Entry, block: Block, index: int, more: list[str]) -> int:
        """Add an event read from a one-line entry; the block's other lines go on its title."""
        title = " ".join([entry.title, *more]) if more and entry.place is None else entry.title
        place = entry.place
        if more and place is not None:
            place = " ".join([place, *more])
        self._add_event(
            entry.date_text,
            entry.when,
            title,
            block.line,
            block.line,
            entry.status,
            place,
            entry.registration,
        )
        return index

    def _read_rows(self, index: int) -> int:
        """Read a block of table rows; a header row names the columns of the rows after it."""
        block = self.blocks[index]
        for offset, line in enumerate(block.lines):
            cells = _row_cells(line)
            number = block.line + offset
            if cells is None:
                self._agenda_leftover_line(line, number, block.kind)
                continue
            names = entries.column_names(cells)
            if names is not None:
                self.marks[number] = "$.agenda"
                self.columns = names
                continue
            entry = entries.read_row(cells, self.columns, self.header.date)
            if entry is None:
                self._agenda_leftover_line(line, number, block.kind)
                continue
            undated = entry.status.status is EventStatus.POSTPONED or entries.TO_BE_SET.search(
                entry.date_text
            )
            if entry.when is None and not undated:
                self.note(
                    number,
                    Severity.ERROR,
                    "unreadable-date",
                    f"cannot read {entry.date_text!r} as a date",
                )
            row = Block(kind=block.kind, lines=(line,), line=number)
            self._add_entry(entry, row, index, [])
        return index + 1

    def _agenda_leftover_line(self, text: str, line: int, kind: BlockKind) -> None:
        self._agenda_leftover_block(Block(kind=kind, lines=(text,), line=line))

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
        self._agenda_leftover_block(self.blocks[index])
        return index + 1

    def _agenda_leftover_block(self, block: Block) -> None:
        if block.kind is BlockKind.ITEM and self.events:
            self.note(
                block.line,
                Severity.ERROR,
                "lost-event",
                "an item of the agenda's list became no event (no date could be read): "
                f"{_shorten(block.lines[0])!r}",
            )
        elif recognise.looks_like_a_date(block.lines[0]) and _DAY_NUMBER.search(block.lines[0]):
            self.note(
                block.line,
                Severity.ERROR,
                "lost-event",
                "a line of the agenda that holds a date became no event: "
                f"{_shorten(block.lines[0])!r}",
            )
        if _style(block) is not None and self.events:
            self.note(
                block.line,
                Severity.ERROR,
                "swallowed-heading",
                f"a line that looks like a heading, {_shorten(block.text)!r}, is read as the"
                " description of the event before it",
            )
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

    def _add_event(
        self,
        date_text: str,
        when: FrenchWhen | None,
        title: str,
        date_line: int,
        title_line: int,
        status_mark: entries.Status,
        place_text: str | None = None,
        registration_url: str | None = None,
    ) -> None:
        title, in_title, new_when, new_text = entries.split_status(title, self.header.date)
        status = status_mark.status
        if status is EventStatus.CONFIRMED:
            status = in_title.status
        moved_from = status_mark.moved_from or in_title.moved_from
        if new_when is not None:  # "REPORTÉ au jeudi 2 février 2023" below the date
            moved_from = when.first_day if when is not None else moved_from
            when, date_text = new_when, new_text
        if place_text is not None:
            place_text, in_place, _, _ = entries.split_status(place_text, self.header.date)
            if status is EventStatus.CONFIRMED:
                status = in_place.status
        title, registration = self._registration(title, title_line)
        if place_text is not None:
            place_text, registration = self._registration(place_text, title_line, registration)
        if registration is None and registration_url is not None:
            registration = Link(url=registration_url, label="inscription")
        if place_text:
            title = f"{title}, {place_text}"
        title, when, date_text = self._times_at_the_end(title, when, date_text)
        name, place = sentences.split_place(title, self.options.default_timezone)
        if place is not None and when is not None and when.start_time is None:
            timed = self._with_times(date_text, place.name)
            if timed is not None:  # "Paris la Villette, de 14 h à 17 h 30": the times last
                when, date_text = timed
                name, place = sentences.split_place(name, self.options.default_timezone)
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
        if when is not None and moved_from == when.first_day:
            moved_from = None
        # The id follows the date written, as for any event: the merged agenda follows a
        # move by ``rescheduled_from`` (the calendars keep the event's identity).
        first_day = when.first_day if when is not None else None
        event_id = unique_id(derive_event_id(self.header.id, name, first_day), self.taken_ids)
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
                rescheduled_from=moved_from,
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

    def _registration(
        self, title: str, line: int, given: Link | None = None
    ) -> tuple[str, Link | None]:
        found = sentences.split_registration(title)
        if found is None:
            return title, given
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
            editorial.salutation is None
            and not editorial.body
            and block.kind is BlockKind.PARAGRAPH
            and recognise.salutation(block.text)
        ):
            editorial.salutation = block.text
        elif (
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
            and "infolettre" in fold(text)
            and len(text) <= 160
            and not text.endswith((".", "!", "?", ":"))
        ):  # "InfoLettre décembre 2018", or a masthead that says it, names the issue
            self.issue_title = text
            self.marks[block.line] = "$.title"
            return index + 1
        if (
            self.zone == "start" and not self.sections and fold_words(text) in _PUBLISHER_NAMES
        ):  # the masthead's second line: the publisher, already in the model
            self.marks[block.line] = "$.publisher.name"
            return index + 1
        if self._is_title(index):
            return self._read_title(index)
        section = self._current_section(block.line)
        label = (
            recognise.contact_label(block.lines[0]) if block.kind is BlockKind.PARAGRAPH else None
        )
        if label is not None:
            return self._read_contacts(index, [label, *block.lines[1:]], section)
        if (
            section.kind not in (SectionKind.CONTACT, SectionKind.STAFF_MOVES)
            and block.kind is BlockKind.PARAGRAPH
            and _MAYBE_EMAIL.search(text) is not None
            and any(_contact_line(line) for line in block.lines)
            and all(
                _contact_line(line) or _PHONE.fullmatch(line) or recognise.name_like(line)
                for line in block.lines
            )
        ):  # "Name : e-mail" standing alone after an article: its contact
            return self._read_contacts(index, list(block.lines), section)
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
        if (
            section.kind is SectionKind.STAFF_MOVES
            and block.kind is BlockKind.PARAGRAPH
            and len(block.lines) > 1
            and _short_line(evolve(block, lines=block.lines[:1]))
            and recognise.split_email_line(block.lines[0]) is None
            and 2 <= len(block.lines[0].split()) <= 10
            and not _WRAPPED.search(block.lines[0])
            and not recognise.name_like(block.lines[0])
            and block.lines[1][:1].isupper()
        ):  # "Cité des métiers de Porto" above its news, in one block
            section.articles.append(
                _ArticleDraft(title=(Text(text=block.lines[0]),), line=block.line)
            )
            block = evolve(block, lines=block.lines[1:], line=block.line + 1)
        if section.kind is SectionKind.STAFF_MOVES:
            self._read_staff_changes(block, section)
        if section.kind in (SectionKind.CONTACT, SectionKind.OTHER) and sentences.web_url(text):
            self.website = self.website or sentences.web_url(text)
        if section.kind is SectionKind.CONTACT and self.contact_email is None:
            found = re.search(recognise.EMAIL, recognise.reveal_email(text))
            self.contact_email = found.group() if found else None
        if section.articles and section.kind not in (SectionKind.CONTACT, SectionKind.STAFF_MOVES):
            self._contacts_in_text(block, section.articles[-1])
        _append_mended(section.articles[-1].body if section.articles else section.intro, block)
        return index + 1

    def _contacts_in_text(self, block: Block, article: _ArticleDraft) -> None:
        """Take e-mail addresses given in a sentence as contacts too.

        "auprès de Name (e-mail)" names the contact; the sentence stays in the text.
        """
        text = recognise.reveal_email(block.text)
        if "@" not in text:
            return
        known = {person.email for person, _ in article.contacts}
        for match in _EMAIL_IN_TEXT.finditer(text):
            email = match["email"].rstrip(".")
            if email in known or not is_email(email):
                continue
            name = match["name"]
            if name is not None and not recognise.name_like(name):
                name = None
            known.add(email)
            article.contacts.append((Person(name=name, email=email), block.line))

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
        spans = self._spans(_ARTICLE_NUMBER.sub("", block.text, count=1), block.line)
        self.sections[-1].articles.append(_ArticleDraft(title=spans, line=block.line))
        return index + 1

    def _read_contacts(self, index: int, rest: list[str], section: _SectionDraft) -> int:
        """Read "Contact :" (``rest``: what follows it in its block) and the contacts after it."""
        label = self.blocks[index]
        article = self._current_article(section, label.line)
        found: list[tuple[Person, int]] = []
        lines = self._without_phones([line for line in rest if line], article, label)
        if lines:
            found.extend(self._contacts_in(lines, label.line))
        index += 1
        while index < len(self.blocks):
            block = self.blocks[index]
            has_email = any(
                recognise.split_email_line(_split_phone(line)[0]) for line in block.lines
            )
            next_is_email = (
                index + 1 < len(self.blocks)
                and all(recognise.split_email_line(line) for line in self.blocks[index + 1].lines)
                and recognise.split_email_line(self.blocks[index + 1].text) is not None
            )
            contact_lines = all(
                recognise.split_email_line(_split_phone(line)[0])
                or recognise.name_and_role(line)
                or _PHONE.fullmatch(line)
                for line in block.lines
            )
            if (
                not contact_lines
                or not (has_email or next_is_email)
                or recognise.heading_of(block.text)
            ):
                break
            found.extend(
                self._contacts_in(self._without_phones(block.lines, article, block), block.line)
            )
            index += 1
        if not found:
            self.note(
                label.line,
                Severity.WARNING,
                "contact-without-address",
                "a 'Contact :' label with no name or e-mail after it",
            )
        for person, line in _pair_names(found):
            same = next(
                (i for i, (known, _) in enumerate(article.contacts) if known.email == person.email),
                None,
            )
            if person.email is None or same is None:
                article.contacts.append((person, line))
            elif article.contacts[same][0].name is None:  # the label names who the text did not
                article.contacts[same] = (person, line)
        return index

    def _without_phones(
        self, lines: Sequence[str], article: _ArticleDraft, block: Block
    ) -> list[str]:
        """The contact lines without phone numbers, which stay in the article's text."""
        kept = []
        for text in lines:
            rest, phone = _split_phone(text)
            if phone is not None:
                article.body.append(
                    Block(kind=BlockKind.PARAGRAPH, lines=(phone,), line=block.line)
                )
            if rest:
                kept.append(rest)
        return kept

    def _contacts_in(self, lines: Iterable[str], line: int) -> list[tuple[Person, int]]:
        """People read from contact lines; a name alone waits for the e-mail after it."""
        people: list[tuple[Person, int]] = []
        joined: list[str] = []
        for text in lines:  # a line cut after "Name –" goes on with its e-mail
            if joined and joined[-1].rstrip().endswith(("–", "—", "-", ":", ";", ",")):
                joined[-1] = f"{joined[-1].rstrip()} {text}"
            else:
                joined.append(text)
        for whole in joined:
            label = recognise.contact_label(whole)
            people.extend(self._people_in(label if label else whole, line))
        return people

    def _people_in(self, text: str, line: int) -> list[tuple[Person, int]]:
        """The people of one contact line: one, or several each with an e-mail.

        "Elena Russo – e@example.org ; Paolo Greco – p@example.org" gives two.
        """
        revealed = recognise.reveal_email(text)
        ends = [match.end() for match in _EMAIL_AND_BRACKET.finditer(revealed)]
        if len(ends) > 1:
            pieces = [
                _CONTACT_SEPARATOR.sub("", revealed[start:end]).strip()
                for start, end in zip([0, *ends], ends, strict=False)
            ]
            return [person for piece in pieces if piece for person in self._people_in(piece, line)]
        split = recognise.split_email_line(text)
        if split is not None:
            name, email = split
            return [(Person(name=name, email=email), line)]
        name, role = recognise.name_and_role(text) or (text, None)
        return [(Person(name=name, role=role), line)]

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
        organisation = spans_to_plain(article.title)
        if organisation == section.title:  # no line names the organisation: the text may
            named = _ORGANISATION.search(block.text)
            organisation = named.group() if named is not None else organisation
        changes, contact_point = sentences.read_staff_changes(block.text, organisation)
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


_TIMES_AFTER = re.compile(
    r"(?:,|\s[–—-])\s*(?P<times>(?:de\s+|à\s+)?[0-9]{1,2}\s*(?:h|:)\s*(?:[0-9]{2})?"
    r"(?:\s*(?:[–—-]|à)\s*[0-9]{1,2}\s*(?:h|:)\s*(?:[0-9]{2})?)?)(?=\s*(?:,|\s[–—-]\s|$))",
    re.IGNORECASE,
)
_WRAPPED = re.compile(
    r"\b(?:de|du|des|la|le|les|à|au|aux|et|ou|en|par|pour|sur|un|une|qui|que|d|l)['’]?$"
)
"""A line ending in a small word: a sentence wrapped by the export, not a heading."""
_ARTICLE_NUMBER = re.compile(r"^\s*[0-9]{1,2}(?:\.[0-9]{1,2})+\.?\s+(?=\S)")
"""A numbered article title: "4.1 Un forum de l'alternance"."""
_EMAIL_AND_BRACKET = re.compile(recognise.EMAIL + r"\)?")
_CONTACT_SEPARATOR = re.compile(r"^\s*(?:[;,/]|\bet\b|\band\b)\s*", re.IGNORECASE)
_EMAIL_IN_TEXT = re.compile(
    r"(?:(?P<name>(?<![\w'’-])(?:[A-ZÀ-Ý][\w'’-]+\s+){1,3}[A-ZÀ-Ý][\w'’-]+)\s*(?:\(|:|–|—|,)\s*)?"
    rf"(?<![\w.+-])(?P<email>{recognise.EMAIL})"
)
_ORGANISATION = re.compile(
    r"\b(?:Cit[ée] des m[ée]tiers|R[ée]seau [Ii]nternational des Cit[ée]s des m[ée]tiers)"
    r"(?:\s+(?:de|du|des|d['’])\s*(?:la\s+|l['’])?[A-ZÀ-Ý][\w'’-]*(?:[ -][A-ZÀ-Ý][\w'’-]*){0,4})?"
)
"""An organisation named in a staff notice ("la Cité des métiers de Nîmes")."""
_PUBLISHER_NAMES = frozenset(
    {
        "reseau international des cites des metiers",
        "le reseau international des cites des metiers",
        "reseau des cites des metiers",
    }
)
_MAYBE_EMAIL = re.compile(r"@|\b(?:at|arobase)\b", re.IGNORECASE)
_TRAILING_FRAGMENT = re.compile(r",\s*[^\s,]+$")
"""A line that ends ", Josiane": a sentence cut by a stray blank line, not a title."""
_LIST_MARK = re.compile(r"^(?:[0-9]{1,2}[.)])\s+(?=\S)")
_DAY_NUMBER = re.compile(r"(?<![0-9])[0-9]{1,2}(?![0-9])")
_LABEL = re.compile(
    r"(?:t[ée]l[ée]?(?:phone)?\.?|fax|mail|e-mail|courriel|site|web|lien|inscriptions?"
    r"|pour en savoir plus|plus d.informations?|source)\s*:",
    re.IGNORECASE,
)
_NUMBERED_HEADING = re.compile(r"(?:[0-9]{1,2}|[IVX]{1,4})\s*[.)/–—-]\s+\S")


_PHONE = re.compile(
    r"(?:t[ée]l[ée]?(?:phone)?\.?|portable|mobile|fax|gsm)\s*(?:\([^()]*\))?\s*:?\s*"
    r"\+?[0-9][0-9 .()/-]{5,}[0-9]",
    re.IGNORECASE,
)
_TRAILING_PHONE = re.compile(
    r"\s*[,;–—-]?\s*(?P<phone>" + _PHONE.pattern + r")\s*\.?$", re.IGNORECASE
)


def _contact_line(text: str) -> bool:
    """A line that gives a contact alone: "Name : e-mail", "Name – e-mail", an e-mail."""
    split = recognise.split_email_line(_split_phone(text)[0])
    return split is not None and (split[0] is None or recognise.name_like(split[0]))


def _split_phone(text: str) -> tuple[str, str | None]:
    """Split a phone number off a contact line: (the rest, the phone line, if any)."""
    found = _TRAILING_PHONE.search(text)
    if found is None:
        return text, None
    return text[: found.start()].strip(" ,;–—-"), found["phone"]


def _label_line(text: str) -> bool:
    """A labelled line ("Tél. : ...", "Pour en savoir plus : ..."), never a title."""
    return _LABEL.match(text) is not None


def _style(block: Block) -> str | None:
    """How a block looks like a heading: underlined, Markdown, numbered, in capitals; or not."""
    if block.kind is not BlockKind.PARAGRAPH or len(block.lines) != 1:
        return None
    text = block.text
    if block.heading_mark is not None:
        return f"mark{block.heading_mark}"
    if len(text) > 100 or text.endswith((".", ",", ";")):
        return None
    if _NUMBERED_HEADING.match(text) and not recognise.looks_like_a_date(text.split(None, 1)[0]):
        return "numbered"
    if recognise.caps_heading(text):
        return "caps"
    if block.blank_lines_before >= 2 and len(text) <= 80 and not text.endswith((":", "!", "?")):
        return "spaced"  # two blank lines before a short line alone: a part's heading
    return None


def _section_style(blocks: Sequence[Block], styles: dict[int, str | None]) -> str | None:
    """The form of the headings the vocabulary knows, when most of them share one."""
    known = [
        style
        for block in blocks
        if (style := styles[id(block)]) is not None and recognise.heading_of(block.text) is not None
    ]
    if not known:
        return None
    common = max(sorted(set(known)), key=known.count)
    return common if known.count(common) * 2 > len(known) else None


def _split_headings(blocks: Sequence[Block]) -> list[Block]:
    """Give a known heading that opens a block ("AGENDA" above its first entry) its own block."""
    split: list[Block] = []
    for block in blocks:
        if (
            block.kind is BlockKind.PARAGRAPH
            and len(block.lines) > 1
            and recognise.heading_of(block.lines[0]) is not None
        ):
            split.append(evolve(block, lines=block.lines[:1]))
            split.append(evolve(block, lines=block.lines[1:], line=block.line + 1))
        else:
            split.append(block)
    return split


def _row_cells(line: str) -> list[str] | None:
    """The cells of a table row written with ``|``; ``None`` for other lines."""
    if line.count("|") < 1 or ("||" in line.replace(" ", "") and line.count("|") < 2):
        return None
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    return cells if len(cells) >= 2 else None


def _title_and_place_lines(lines: list[str]) -> tuple[str, str | None]:
    """An entry's title lines, and its place when it stands on a line of its own."""
    if len(lines) >= 2 and ", " not in " ".join(lines):
        last = lines[-1].strip(" .")
        if len(last) <= 60 and sentences.is_a_place(last):
            return " ".join(lines[:-1]), last
    return " ".join(lines), None


def _shorten(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


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
    coverage = _coverage(reader.blocks, locations, reader.marks, reader.diagnostics)
    return ImportResult(
        issue=issue, diagnostics=tuple(reader.diagnostics), locations=locations, coverage=coverage
    )


def _coverage(
    blocks: Sequence[Block],
    locations: dict[str, int],
    marks: dict[int, str],
    diagnostics: Sequence[Diagnostic],
) -> dict[int, str | None]:
    """Each line of the blocks, and the path of the part read from it, or ``None``.

    A line belongs to the part that starts on it or last before it (the reader reads in
    order, so a part's lines follow its first one), unless it is the layout of a part
    (a heading) or was not understood.
    """
    starts = sorted((line, -len(path), path) for path, line in locations.items())
    lines = [line for line, _, _ in starts]
    not_understood = {d.line for d in diagnostics if d.code in NOT_UNDERSTOOD}
    coverage: dict[int, str | None] = {}
    for block in blocks:
        for line in range(block.line, block.line + len(block.lines)):
            if line in not_understood or block.line in not_understood:
                coverage[line] = None
            elif line in marks:
                coverage[line] = marks[line]
            else:
                at = bisect.bisect_right(lines, line) - 1
                coverage[line] = _deepest_at(starts, at) if at >= 0 else None
    return coverage


def _deepest_at(starts: list[tuple[int, int, str]], at: int) -> str:
    """The longest path among the parts that start on the line of ``starts[at]``."""
    line = starts[at][0]
    while at > 0 and starts[at - 1][0] == line:
        at -= 1
    return starts[at][2]  # sorted by line, then longest path first

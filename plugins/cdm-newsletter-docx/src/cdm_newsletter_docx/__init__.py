"""The ``docx`` importer: the InfoLettre as its editors write it, a Word document.

The editors write the newsletter in Word; this importer reads the ``.docx``
file itself instead of a plain-text export of it. It lists the document's
paragraphs and list items as :class:`cdm_newsletter.Block` s, in reading
order, and hands them to the same structural reader as the text importer
(:func:`cdm_newsletter.read_blocks`), so a document and its text export give the
same issue.

What a paragraph becomes:

* a paragraph of a ``List ...`` style (``List Bullet``, ``List Number``,
  ``List Paragraph``...) or with numbering (``w:numPr``) is a list **item**;
  so is a paragraph typed with a leading bullet (``- ``, ``•``), as in the text
  export; every other paragraph with text is a **paragraph**;
* ``emphasised`` is ``True`` when the paragraph is all bold or has a heading
  style (``Heading 1``..., ``Title``, an outline level) *and* its text is in
  capitals or is a known heading of the InfoLettre ("Agenda", "Nouvelles des
  CDM"...); otherwise it is ``None``, and the reader decides;
* a line break inside a paragraph (``Shift+Enter``, ``<w:br/>``) starts a new
  line of the block;
* ``line`` is the paragraph's position in the document, counting from 1 and
  counting empty paragraphs (a document has no source lines); paragraphs in
  tables and content controls are read in order too.

Inside a paragraph, the formatting the text export keeps is written the way
the export writes it, for the reader to find: a hyperlink as ``[label](url)``
(or the bare address when its text is the address), italics as ``*text*``,
superscript as ``^{text}``. Text in tracked insertions, smart tags, content
controls and fields is kept; tracked deletions, field codes, footnotes and
text boxes are not. Spaces are normalised as the text importer does
(non-breaking spaces, tabs), and characters no output can carry are removed.

A file that is not a valid Word document raises
:class:`cdm_newsletter.InvalidSyntax` naming the source.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import cdm_newsletter as cdm
from docx.oxml.ns import qn

from cdm_newsletter_docx._package import not_a_document, open_document

__all__ = ["MAX_UNPACKED_BYTES", "DocxImporter", "__version__", "docx_to_blocks"]

__version__ = "0.1.0"

MAX_UNPACKED_BYTES = 256 * 1024 * 1024
"""The largest total size the parts of a document may unpack to (a guard against zip bombs)."""

_ZIP_SIGNATURE = b"PK\x03\x04"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

# Known headings of the InfoLettre, folded (lower case, no accents, words separated by spaces).
_KNOWN_HEADINGS = re.compile(
    r"(l )?agenda( des partenaires| du reseau)?"
    r"|(les )?nouvelles d(es|u) (cdm|cites des metiers|reseau)"
    r"|financements?( europeens?)?"
    r"|arrivees? ?(et )?departs?|departs? ?(et )?arrivees?"
    r"|adresses? de contact"
    r"|l ?equipe redactionnelle|equipe de redaction"
    r"|(reunions|evenements|rencontres) (internes?|externes?|des partenaires|partenaires)"
)
_NON_WORD = re.compile(r"[^a-z0-9]+")
_BULLET = re.compile(r"[-•*–▪◦·]\s+")
_SPACES = re.compile("[\t\u00a0\u202f\u2007\u3000\u2028\u2029]")
_REMOVED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff\u200b\ufeff]")
_FIELD_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD_CHAR = re.compile(r"\w")


# --- reading formatting out of the XML -----------------------------------------------


def _on(element: Any, name: str) -> bool | None:
    """The value of a toggle property (``w:b``, ``w:i``, ``w:caps``) in a ``w:rPr``, if set."""
    if element is None:
        return None
    child = element.find(qn(name))
    if child is None:
        return None
    value = child.get(qn("w:val"))
    return value is None or value.lower() not in ("0", "false", "off", "none")


def _val(element: Any, path: str) -> str | None:
    """The ``w:val`` of the element at ``path`` (``w:pStyle``) under ``element``, if any."""
    if element is None:
        return None
    child = element.find(path)
    return None if child is None else child.get(qn("w:val"))


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    ppr: Any
    rpr: Any


class _Styles:
    """The document's styles by id, to read inherited formatting."""

    def __init__(self, styles_element: Any) -> None:
        self.by_id: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.default_rpr: Any = None
        if styles_element is None:
            return
        for style in styles_element.iterfind(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if not style_id:
                continue
            self.by_id[style_id] = _Style(
                name=(_val(style, qn("w:name")) or style_id).lower(),
                based_on=_val(style, qn("w:basedOn")),
                ppr=style.find(qn("w:pPr")),
                rpr=style.find(qn("w:rPr")),
            )
            is_default = style.get(qn("w:default")) in ("1", "true", "on")
            if style.get(qn("w:type")) == "paragraph" and is_default:
                self.default_paragraph = style_id
        defaults = styles_element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
        self.default_rpr = None if defaults is None else defaults.find(qn("w:rPr"))

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        """The style and the styles it is based on, nearest first (cycles are cut)."""
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and len(seen) < 32:
            seen.add(style_id)
            style = self.by_id.get(style_id)
            if style is None:
                return
            yield style
            style_id = style.based_on


@dataclass
class _Paragraph:
    """What a ``w:p`` says about itself: its style and properties."""

    styles: _Styles
    style_id: str | None
    ppr: Any

    @classmethod
    def of(cls, element: Any, styles: _Styles) -> _Paragraph:
        ppr = element.find(qn("w:pPr"))
        style_id = _val(ppr, qn("w:pStyle")) or styles.default_paragraph
        return cls(styles=styles, style_id=style_id, ppr=ppr)

    def toggle(self, run_ppr: Any, char_style: str | None, name: str) -> bool:
        """Whether a toggle property is on for a run: its own, its styles', the paragraph's."""
        sources: list[Any] = [run_ppr]
        sources.extend(style.rpr for style in self.styles.chain(char_style))
        sources.extend(style.rpr for style in self.styles.chain(self.style_id))
        sources.append(self.styles.default_rpr)
        for rpr in sources:
            value = _on(rpr, name)
            if value is not None:
                return value
        return False

    def vertical_align(self, run_rpr: Any, char_style: str | None) -> str | None:
        """The run's vertical alignment (``superscript``, ``subscript``), if any."""
        sources: list[Any] = [run_rpr]
        sources.extend(style.rpr for style in self.styles.chain(char_style))
        sources.extend(style.rpr for style in self.styles.chain(self.style_id))
        for rpr in sources:
            value = _val(rpr, qn("w:vertAlign"))
            if value is not None:
                return value
        return None

    @property
    def is_heading(self) -> bool:
        """A heading style (``Heading 1``, ``Title``...) or an outline level."""
        if _val(self.ppr, qn("w:outlineLvl")) not in (None, "9"):
            return True
        for style in self.styles.chain(self.style_id):
            if style.name.startswith("heading") or style.name in ("title", "subtitle"):
                return True
            if _val(style.ppr, qn("w:outlineLvl")) not in (None, "9"):
                return True
        return False

    @property
    def is_list_item(self) -> bool:
        """A ``List ...`` style, or numbering in the paragraph or its style."""
        numbering = None if self.ppr is None else self.ppr.find(qn("w:numPr"))
        number_id = _val(numbering, qn("w:numId"))
        if number_id is not None:
            return number_id != "0" and not self.is_heading
        styles = list(self.styles.chain(self.style_id))
        if styles and styles[0].name.startswith("list") and "continue" not in styles[0].name:
            return True
        for style in styles:
            style_numbering = None if style.ppr is None else style.ppr.find(qn("w:numPr"))
            if style_numbering is not None:
                return _val(style_numbering, qn("w:numId")) != "0" and not self.is_heading
        return False


# --- the text of a paragraph ---------------------------------------------------------


@dataclass(eq=False)
class _Target:
    """One hyperlink of the document; pieces of the same link share the same object."""

    url: str
    """The address, as the relationship or the field gives it (``#`` for none)."""


@dataclass(frozen=True)
class _Piece:
    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    link: _Target | None = None

    @property
    def is_break(self) -> bool:
        return self.text == "\n"


_BREAK = _Piece("\n")


@dataclass
class _Field:
    """A complex field (``w:fldChar``): its instruction, and whether its result is reached."""

    instruction: str = ""
    in_result: bool = False
    target: _Target | None = None


@dataclass
class _Walk:
    """The state of reading one paragraph's runs."""

    paragraph: _Paragraph
    rels: Any
    fields: list[_Field] = field(default_factory=list)

    def link_of_fields(self) -> _Target | None:
        """The link of the innermost ``HYPERLINK`` field the text is in, if any."""
        for item in reversed(self.fields):
            if item.target is not None:
                return item.target
        return None


def _hyperlink_target(url: str | None, anchor: str | None) -> _Target | None:
    """The link for a hyperlink's address and anchor, or ``None`` for a jump inside the file."""
    if url:
        return _Target(url=f"{url}#{anchor}" if anchor and "#" not in url else url)
    if anchor:
        return None  # a bookmark in the document: keep the text only
    return _Target(url="#")  # a hyperlink with no address: a placeholder, as the export writes


def _field_target(instruction: str) -> _Target | None:
    """The link of a ``HYPERLINK "url"`` field instruction, else ``None``."""
    tokens = [
        match[1] if match[1] is not None else match[2]
        for match in _FIELD_TOKEN.finditer(instruction)
    ]
    if not tokens or tokens[0].upper() != "HYPERLINK":
        return None
    url = anchor = None
    position = 1
    while position < len(tokens):
        token = tokens[position]
        if token.lower() in ("\\l", "\\o", "\\t") and position + 1 < len(tokens):
            if token.lower() == "\\l":
                anchor = tokens[position + 1]
            position += 2
            continue
        if not token.startswith("\\") and url is None:
            url = token
        position += 1
    return _hyperlink_target(url, anchor) if url or anchor else None


def _relationship_url(rels: Any, rel_id: str | None) -> str | None:
    """The target of an external relationship, or ``None`` when there is none."""
    if not rel_id:
        return None
    relationship = rels.get(rel_id)
    if relationship is None or not getattr(relationship, "is_external", False):
        return None
    target = relationship.target_ref
    return target if isinstance(target, str) else None


def _run_pieces(run: Any, walk: _Walk, link: _Target | None) -> Iterator[_Piece]:
    """The pieces of text of one ``w:r``, with their formatting and link."""
    rpr = run.find(qn("w:rPr"))
    char_style = _val(rpr, qn("w:rStyle"))
    paragraph = walk.paragraph
    bold = paragraph.toggle(rpr, char_style, "w:b")
    italic = paragraph.toggle(rpr, char_style, "w:i")
    caps = paragraph.toggle(rpr, char_style, "w:caps")
    hidden = paragraph.toggle(rpr, char_style, "w:vanish")
    superscript = paragraph.vertical_align(rpr, char_style) == "superscript"
    for child in run.iterchildren():
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == qn("w:fldChar"):
            kind = child.get(qn("w:fldCharType"))
            if kind == "begin":
                walk.fields.append(_Field())
            elif kind == "separate" and walk.fields:
                walk.fields[-1].in_result = True
                walk.fields[-1].target = _field_target(walk.fields[-1].instruction)
            elif kind == "end" and walk.fields:
                walk.fields.pop()
            continue
        if tag == qn("w:instrText"):
            if walk.fields and not walk.fields[-1].in_result:
                walk.fields[-1].instruction += child.text or ""
            continue
        if any(not item.in_result for item in walk.fields) or hidden:
            continue  # a field's code, or hidden text: not what the reader sees
        if tag == qn("w:t"):
            text = child.text or ""
        elif tag in (qn("w:tab"), qn("w:ptab")):
            text = " "
        elif tag in (qn("w:br"), qn("w:cr")):
            yield _BREAK
            continue
        elif tag == qn("w:noBreakHyphen"):
            text = "-"
        else:
            continue  # drawings, footnote references, rendered page breaks, symbols
        if text:
            yield _Piece(
                text=text.upper() if caps else text,
                bold=bold,
                italic=italic,
                superscript=superscript,
                link=link or walk.link_of_fields(),
            )


_DESCEND = frozenset(
    qn(name)
    for name in (
        "w:ins",
        "w:moveTo",
        "w:smartTag",
        "w:customXml",
        "w:sdtContent",
        "w:dir",
        "w:bdo",
    )
)


def _inline_pieces(parent: Any, walk: _Walk, link: _Target | None) -> Iterator[_Piece]:
    """The pieces of text under a paragraph (or a hyperlink, a field...), in order."""
    for child in parent.iterchildren():
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == qn("w:r"):
            yield from _run_pieces(child, walk, link)
        elif tag == qn("w:hyperlink"):
            url = _relationship_url(walk.rels, child.get(_R_ID))
            target = _hyperlink_target(url, child.get(qn("w:anchor")))
            if url is None and child.get(_R_ID):
                target = _Target(url="#")  # the address is missing from the package
            yield from _inline_pieces(child, walk, target if link is None else link)
        elif tag == qn("w:fldSimple"):
            target = _field_target(child.get(qn("w:instr")) or "")
            yield from _inline_pieces(child, walk, link or target)
        elif tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _inline_pieces(content, walk, link)
        elif tag in _DESCEND:
            yield from _inline_pieces(child, walk, link)
        # w:del, w:moveFrom (deleted text), w:pPr, bookmarks, comments, math: nothing to read


def _clean(text: str) -> str:
    """Spaces as the text importer has them; characters no output can carry removed."""
    return _REMOVED.sub("", _SPACES.sub(" ", text))


def _url_for_markup(url: str) -> str:
    """A URL that ``[label](url)`` can hold (no spaces or parentheses)."""
    return url.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _same_address(label: str, url: str) -> bool:
    """Whether a link's text is its address (Word links URLs and e-mails as they are typed)."""
    label = label.strip().rstrip("/").lower()
    url = url.strip().rstrip("/").lower()
    if url.startswith("mailto:"):
        return label in (url, url.removeprefix("mailto:").split("?", 1)[0])
    return url in (label, f"http://{label}", f"https://{label}")


def _link_markup(label: str, target: _Target) -> str:
    """A link the way the text export writes it."""
    if not label.strip():
        return label
    core = label.strip()
    lead, trail = label[: len(label) - len(label.lstrip())], label[len(label.rstrip()) :]
    if _same_address(core, target.url):
        return f"{lead}{core}{trail}"
    core = core.replace("[", "(").replace("]", ")")
    return f"{lead}[{core}]({_url_for_markup(target.url)}){trail}"


@dataclass
class _Segment:
    """Consecutive pieces of one line with the same link, or the same formatting."""

    text: str
    italic: bool
    superscript: bool
    link: _Target | None


def _segments(pieces: Iterable[_Piece]) -> list[_Segment]:
    segments: list[_Segment] = []
    for piece in pieces:
        text = _clean(piece.text)
        if not text:
            continue
        last = segments[-1] if segments else None
        if last is not None and (
            (piece.link is not None and last.link is piece.link)
            or (
                piece.link is None
                and last.link is None
                and (last.italic, last.superscript) == (piece.italic, piece.superscript)
            )
        ):
            last.text += text
        else:
            segments.append(_Segment(text, piece.italic, piece.superscript, piece.link))
    return segments


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def _render_line(pieces: Sequence[_Piece], *, emphasis: bool = True) -> tuple[str, str]:
    """One line of a paragraph: (its text with the export's markup, its visible text).

    Args:
        pieces: the line's pieces of text.
        emphasis: whether to mark italics (not when the whole paragraph is in italics:
            that is its style, as in a quotation, not an emphasis).
    """
    segments = _segments(pieces)
    plain = [segment.text for segment in segments]
    rendered: list[str] = []
    for index, segment in enumerate(segments):
        if segment.link is not None:
            rendered.append(_link_markup(segment.text, segment.link))
            continue
        lead, core, trail = _split_space(segment.text)
        if segment.superscript and core and len(core) <= 20 and not re.search(r"[{}]", core):
            rendered.append(f"{lead}^{{{core}}}{trail}")
            continue
        before = (rendered[-1][-1:] if rendered else "") if not lead else " "
        after = trail[:1] or (plain[index + 1][:1] if index + 1 < len(plain) else "")
        if (
            emphasis
            and segment.italic
            and core
            and "*" not in core
            and not _WORD_CHAR.match(before)
            and not _WORD_CHAR.match(after)
            and "*" not in (before, after)
        ):
            rendered.append(f"{lead}*{core}*{trail}")
        else:
            rendered.append(segment.text)
    return " ".join("".join(rendered).split()), " ".join("".join(plain).split())


def _lines(pieces: Sequence[_Piece]) -> list[tuple[str, str]]:
    """The lines of a paragraph (split at its line breaks), blank ones left out."""
    lines: list[list[_Piece]] = [[]]
    for piece in pieces:
        if piece.is_break:
            lines.append([])
        else:
            lines[-1].append(piece)
    texts = [piece for piece in pieces if not piece.is_break and piece.text.strip()]
    emphasis = not all(piece.italic for piece in texts)
    rendered = [_render_line(line, emphasis=emphasis) for line in lines]
    return [(text, plain) for text, plain in rendered if text]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NON_WORD.sub(" ", stripped).strip()


def _in_capitals(text: str) -> bool:
    """Whether ``text`` is written in capitals, as the InfoLettre writes its titles."""
    letters = [char for char in text if char.isalpha()]
    if len(letters) < 4 or "@" in text or "://" in text:
        return False
    return sum(1 for char in letters if char.isupper()) >= 0.85 * len(letters)


def _known_heading(text: str) -> bool:
    return len(text) <= 60 and _KNOWN_HEADINGS.fullmatch(_fold(text)) is not None


def _paragraph_blocks(
    pieces: Sequence[_Piece], paragraph: _Paragraph, position: int
) -> list[cdm.Block]:
    """The block(s) of one paragraph: one, or more when lines start with typed bullets."""
    lines = _lines(pieces)
    if not lines:
        return []
    texts = [text for text, _ in lines]
    if paragraph.is_list_item:
        bullet = _BULLET.match(texts[0])  # a bullet typed in a bulleted paragraph
        if bullet is not None and texts[0][bullet.end() :]:
            texts[0] = texts[0][bullet.end() :]
        return [cdm.Block(kind=cdm.BlockKind.ITEM, lines=tuple(texts), line=position)]
    blocks: list[cdm.Block] = []
    current: list[str] = []
    kind = cdm.BlockKind.PARAGRAPH
    for text in texts:
        bullet = _BULLET.match(text)
        if bullet is not None and text[bullet.end() :]:
            if current:
                blocks.append(cdm.Block(kind=kind, lines=tuple(current), line=position))
            kind, current = cdm.BlockKind.ITEM, [text[bullet.end() :]]
        else:
            current.append(text)
    if current:
        blocks.append(cdm.Block(kind=kind, lines=tuple(current), line=position))
    if len(blocks) == 1 and kind is cdm.BlockKind.PARAGRAPH:
        visible = " ".join(plain for _, plain in lines)
        marked = paragraph.is_heading or all(
            piece.bold for piece in pieces if not piece.is_break and piece.text.strip()
        )
        known = _known_heading(visible)
        without_superscript = "".join(
            piece.text for piece in pieces if not piece.superscript and not piece.is_break
        )
        if marked and (known or _in_capitals(without_superscript)):
            blocks[0] = cdm.Block(
                kind=cdm.BlockKind.PARAGRAPH, lines=blocks[0].lines, line=position, emphasised=True
            )
    return blocks


# --- the document --------------------------------------------------------------------


def _body_paragraphs(container: Any) -> Iterator[Any]:
    """The ``w:p`` elements of the body in reading order, tables and content controls included."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == qn("w:p"):
            yield child
        elif tag == qn("w:tbl"):
            for row in child.iterfind(qn("w:tr")):
                for cell in row.iterfind(qn("w:tc")):
                    yield from _body_paragraphs(cell)
        elif tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_paragraphs(content)
        elif tag in (qn("w:customXml"), qn("w:ins"), qn("w:moveTo")):
            yield from _body_paragraphs(child)


def docx_to_blocks(
    data: bytes, *, source: str, max_unpacked_bytes: int = MAX_UNPACKED_BYTES
) -> list[cdm.Block]:
    """Read a Word document into the blocks the InfoLettre reader works on.

    Args:
        data: the ``.docx`` file's bytes.
        source: its name, for error messages.
        max_unpacked_bytes: refuse a document whose parts unpack to more than this.

    Returns:
        The paragraphs and list items with text, in reading order; ``line`` is the
        paragraph's position in the document (1-based, empty paragraphs counted).

    Raises:
        cdm_newsletter.InvalidSyntax: the bytes are not a valid ``.docx`` document.
    """
    document = open_document(data, source, max_unpacked_bytes)
    part = document.part
    try:
        styles_element = part.styles.element
    except MemoryError:
        raise
    except Exception:  # a broken or missing styles part: read the text without styles
        styles_element = None
    styles = _Styles(styles_element)
    body = document.element.body
    if body is None:
        return []
    blocks: list[cdm.Block] = []
    try:
        for position, element in enumerate(_body_paragraphs(body), start=1):
            paragraph = _Paragraph.of(element, styles)
            walk = _Walk(paragraph=paragraph, rels=part.rels)
            pieces = list(_inline_pieces(element, walk, None))
            blocks.extend(_paragraph_blocks(pieces, paragraph, position))
    except RecursionError as error:  # tables in tables in tables...: not a newsletter
        raise not_a_document(source, "its content is nested too deeply") from error
    return blocks


class DocxImporter:
    """Reads the InfoLettre from the Word document its editors write (``.docx``)."""

    name = "docx"
    description = "the InfoLettre as its editors write it in Word (.docx)"
    suffixes = (".docx",)

    def __init__(self, *, max_unpacked_bytes: int = MAX_UNPACKED_BYTES) -> None:
        """Make an importer.

        Args:
            max_unpacked_bytes: refuse documents whose parts unpack to more than this.
        """
        self.max_unpacked_bytes = max_unpacked_bytes

    def sniff(self, head: bytes) -> bool:
        """Whether ``head`` starts a zip archive with the parts of a Word document.

        Args:
            head: the first bytes of the source.
        """
        if not head.startswith(_ZIP_SIGNATURE):
            return False
        if b"word/" in head:
            return True
        other_office = b"xl/" in head or b"ppt/" in head
        return b"[Content_Types].xml" in head and not other_office

    def read(
        self, data: bytes, *, source: str, options: cdm.ImportOptions | None = None
    ) -> cdm.ImportResult:
        """Read a Word document into an issue, with diagnostics and paragraph positions.

        The issue's date comes from a ``YYYY-MM`` in ``source`` (``infolettre-2018-12.docx``),
        else from ``options.issue_date``. The ``locations`` and the diagnostics' lines are
        paragraph positions in the document.

        Args:
            data: the ``.docx`` file's bytes.
            source: its name, for the date and for error messages.
            options: the issue date, the default time zone.

        Raises:
            cdm_newsletter.InvalidSyntax: the bytes are not a valid ``.docx`` document.
            cdm_newsletter.InvalidData: no issue date can be found, or the issue is not valid.
        """
        blocks = docx_to_blocks(data, source=source, max_unpacked_bytes=self.max_unpacked_bytes)
        return cdm.read_blocks(blocks, source=source, options=options)

    def load(
        self, data: bytes, *, source: str, options: cdm.ImportOptions | None = None
    ) -> cdm.Issue:
        """Read a Word document into an issue (see :meth:`read`).

        Args:
            data: the ``.docx`` file's bytes.
            source: its name, for the date and for error messages.
            options: the issue date, the default time zone.

        Raises:
            cdm_newsletter.InvalidSyntax: the bytes are not a valid ``.docx`` document.
            cdm_newsletter.InvalidData: no issue date can be found, or the issue is not valid.
        """
        return self.read(data, source=source, options=options).issue

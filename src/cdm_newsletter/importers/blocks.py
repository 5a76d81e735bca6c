"""Plain text to blocks: the paragraphs and list items the structural reader works on.

A block is what a word processor calls a paragraph: a paragraph of text, or one
item of a bullet list, with the source line where it starts. The InfoLettre
reader works on blocks, so the same reader serves a plain-text export (through
:func:`text_to_blocks`) and any other source that yields paragraphs and list
items (a Word document, for instance).

Reading text into blocks:

* line endings (CRLF, CR, U+2028, U+2029) become line feeds; tabs and
  non-breaking spaces become spaces; a byte-order mark is dropped;
* control characters and non-characters are removed, each with a diagnostic;
* blank lines separate blocks; inside a block, a line starting with a bullet
  (``-``, ``•``, ``*``, ``–``) starts a list item, and the lines after it
  continue that item; so does a numbered line (``1.``, ``2)``) after another
  line of the block, keeping its number;
* a block cut in two by a stray blank line (a page break of the export) can be
  mended with :func:`continues`: a paragraph or item that does not end a
  sentence, followed by a paragraph that starts in lower case. The reader
  decides where to mend (in running text, never in the agenda, where a title
  ends without punctuation and a date may start in lower case).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator

from attrs import evolve, frozen

from ..diagnostics import Diagnostic, Severity
from ..model._checks import NONCHARACTERS

__all__ = ["Block", "BlockKind", "continues", "normalise_text", "text_to_blocks"]


class BlockKind(enum.Enum):
    """What a block is."""

    PARAGRAPH = "paragraph"
    ITEM = "item"
    """One item of a bullet list; consecutive items form one list."""


@frozen(kw_only=True)
class Block:
    """A paragraph or a list item, with the 1-based number of its first source line.

    ``lines`` keeps the source's hard line breaks; :attr:`text` joins them with
    spaces. ``emphasised`` is ``True`` when the source marks the block as a
    heading (a bold paragraph in a document), ``None`` when it cannot tell (text).
    """

    kind: BlockKind
    lines: tuple[str, ...]
    line: int
    emphasised: bool | None = None
    heading_mark: str | None = None
    """How plain text marks the block as a heading: the character it is underlined with
    (``"="``, ``"-"``), or ``"#"``, ``"##"``... for a Markdown heading; ``None`` otherwise."""
    blank_lines_before: int = 0
    """How many blank lines come before the block: editors who leave two before a part
    and one before a paragraph mark their headings that way."""

    @property
    def text(self) -> str:
        """The block's lines joined by single spaces."""
        return " ".join(self.lines)


_LINE_BREAKS = re.compile("\r\n|\r|\u2028|\u2029|\x85")
_SPACES = re.compile("[\t\u00a0\u202f\u2007\u3000]")
_REMOVED = re.compile(
    f"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\u200b\ufeff{NONCHARACTERS}]"
)
_RULE = re.compile(r"([=\-_*~#+])(?:\s*\1){2,}")
"""A line drawn with one character: under a heading, it marks the heading; alone, it separates."""
_MARKDOWN_HEADING = re.compile(r"(#{1,6})\s+(?P<title>\S.*?)(?:\s+#+)?")
_TABLE_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
_BULLET = re.compile(r"[-•*–▪◦·]\s+")
_NUMBERED = re.compile(r"[0-9]{1,2}[.)]\s+\S")  # "1. " or "2) ": an item that keeps its number
_SENTENCE_END = re.compile(r"[.!?:;…»)\]\"'”]\s*$")
_LOWER_START = re.compile(r"[a-zà-ÿœæ]")
_LINK_START = re.compile(r"(?:https?://|www\.|<|\[|[\w.+-]+@)", re.IGNORECASE)


def normalise_text(text: str, source: str) -> tuple[str, list[Diagnostic]]:
    """Normalise line breaks and spaces, and remove characters no output can carry.

    Returns:
        The clean text and one diagnostic per line where characters were removed.
    """
    text = _LINE_BREAKS.sub("\n", text.removeprefix("\ufeff"))
    if "\t" in text or "  " in text:
        text = "\n".join(_cells_as_pipes(text.split("\n")))
    text = _SPACES.sub(" ", text)
    diagnostics: list[Diagnostic] = []
    if _REMOVED.search(text) is None:
        return text, diagnostics
    clean_lines = []
    for number, line in enumerate(text.split("\n"), start=1):
        removed = [f"U+{ord(char):04X}" for char in sorted(set(_REMOVED.findall(line)))]
        if removed:
            line = _REMOVED.sub("", line)
            diagnostics.append(
                Diagnostic(
                    source=source,
                    line=number,
                    severity=Severity.WARNING,
                    code="control-character",
                    message=f"removed the invisible character(s) {', '.join(removed)}",
                )
            )
        clean_lines.append(line)
    return "\n".join(clean_lines), diagnostics


def _cells(line: str) -> list[str] | None:
    """The cells of a table row written with tabs or with gaps of aligned spaces."""
    inner = line.strip(" \t\u00a0")
    if "|" in inner:  # already a table row: its cells are between the bars
        return None
    if "\t" in inner:
        return [cell.strip(" \u00a0") for cell in inner.split("\t")]
    if _TABLE_GAP.search(inner):
        return _TABLE_GAP.split(inner)
    return None


def _cells_as_pipes(lines: list[str]) -> Iterator[str]:
    """Write the rows of tables laid out with tabs or aligned columns with ``|`` between cells.

    A table is two or more consecutive lines cut into the same number of cells (a tab
    may leave a cell empty); a single line with a tab or a double space is prose.
    """
    rows = [_cells(line) for line in lines]
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and (cells := rows[end]) is not None and len(cells) >= 2:
            if len(cells) != len(rows[index] or ()) and "\t" not in lines[end]:
                break
            end += 1
        if end - index >= 2:
            yield from (" | ".join(rows[i] or ()) for i in range(index, end))
            index = end
        else:
            yield lines[index]
            index += 1


def _raw_blocks(lines: list[str]) -> Iterator[tuple[int, list[str], str | None]]:
    """Yield (first line number, stripped lines, heading mark) of each run of non-blank lines.

    A line underlined with a rule (``====``, ``----``) or a Markdown heading is a run
    of its own, marked; a rule alone separates runs and is dropped.
    """
    start = 0
    run: list[str] = []
    above: str | None = None  # a rule above the run being read
    for number, line in enumerate(lines, start=1):
        stripped = " ".join(line.split())
        rule = _RULE.fullmatch(stripped)
        markdown = _MARKDOWN_HEADING.fullmatch(stripped)
        if rule is not None:
            if run:
                if len(run) > 1:
                    yield start, run[:-1], None
                yield number - 1, run[-1:], rule[1]
                run = []
                above = None
            else:
                above = rule[1]
        elif markdown is not None:
            if run:
                yield start, run, None
                run = []
            yield number, [markdown["title"]], markdown[1]
        elif stripped:
            if not run:
                start = number
            run.append(stripped)
        elif run:
            yield start, run, above if len(run) == 1 else None
            run = []
            above = None
    if run:
        yield start, run, above if len(run) == 1 else None


def _split_items(start: int, lines: list[str]) -> Iterator[Block]:
    """Split a run of lines into a leading paragraph and the list items that follow."""
    kind = BlockKind.PARAGRAPH
    current: list[str] = []
    current_start = start
    for offset, line in enumerate(lines):
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line) is not None and (kind is BlockKind.ITEM or bool(current))
        if (bullet is not None and line[bullet.end() :]) or numbered:
            if current:
                yield Block(kind=kind, lines=tuple(current), line=current_start)
            item = line if bullet is None or numbered else line[bullet.end() :]
            kind, current, current_start = BlockKind.ITEM, [item], start + offset
        else:
            current.append(line)
    if current:
        yield Block(kind=kind, lines=tuple(current), line=current_start)


def continues(first: Block, second: Block) -> bool:
    """Whether ``second`` is the rest of ``first``, cut off by a stray blank line."""
    return (
        second.kind is BlockKind.PARAGRAPH
        and len(first.text) >= 40
        and _SENTENCE_END.search(first.text) is None
        and _LOWER_START.match(second.text) is not None
        and _LINK_START.match(second.text) is None
    )


def text_to_blocks(
    text: str, source: str, *, first_line: int = 1
) -> tuple[list[Block], list[Diagnostic]]:
    """Read plain text into blocks.

    Args:
        text: the text, already decoded.
        source: its name, for diagnostics.
        first_line: the source line number of the text's first line (after front matter).

    Returns:
        The blocks, in order, and the diagnostics of normalisation.
    """
    clean, diagnostics = normalise_text(text, source)
    if first_line != 1:
        diagnostics = [
            evolve(d, line=None if d.line is None else d.line + first_line - 1) for d in diagnostics
        ]
    clean_lines = clean.split("\n")
    blocks = [
        block
        if mark is None
        else Block(kind=BlockKind.PARAGRAPH, lines=block.lines, line=block.line, heading_mark=mark)
        for start, lines, mark in _raw_blocks(clean_lines)
        for block in _split_items(start + first_line - 1, lines)
    ]
    return [_with_blank_lines(block, clean_lines, first_line) for block in blocks], diagnostics


def _with_blank_lines(block: Block, lines: list[str], first_line: int) -> Block:
    index = block.line - first_line  # the block's first line, 0-based in ``lines``
    blank = 0
    while index - blank - 1 >= 0 and not lines[index - blank - 1].strip():
        blank += 1
    return block if blank == 0 else evolve(block, blank_lines_before=blank)

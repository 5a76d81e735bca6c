"""The ``infolettre`` importer: the newsletter as its editors export it to plain text.

The text goes through three steps: optional front matter (a YAML block between
``---`` lines at the top, giving the issue's ``id``, ``date``, ``title``,
``language``, ``url`` or ``publisher``), then :mod:`.blocks` (paragraphs and list
items), then :mod:`.structure` (the parts of the issue).

The issue's date comes from the front matter, else from a ``YYYY-MM`` in the
file name (``infolettre-2018-12.txt``), else from :attr:`ImportOptions.issue_date`
(``--issue-date``); with none of them, the import fails with a clear error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import PurePath

from attrs import evolve, frozen

from ..convert import converter
from ..dataformats import decode_utf8, parse_yaml
from ..diagnostics import Diagnostic, Severity
from ..errors import InvalidData, InvalidSyntax, Problem
from ..model import Issue, Publisher
from .base import ImportOptions, ImportResult
from .blocks import Block, text_to_blocks
from .structure import IssueHeader, read_structure

__all__ = ["FrontMatter", "InfoLettreImporter", "read_blocks", "read_infolettre"]

_FILE_NAME_ID = re.compile(
    r"(?<!\d)(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])(?:-(?P<number>[1-9]\d?))?(?!\d)"
)
_FRONT_MATTER = re.compile(
    r"\A(?:[ \t]*\n)*---[ \t]*\n(?P<body>.*?)(?:^|\n)---[ \t]*(?:\n|\Z)", re.DOTALL
)
_SNIFF = re.compile(
    rb"(?im)^[ \t]*(?:agenda[ \t]*\r?$|nouvelles d[eu]s? |cher\(e\)s|ch[e\xc3\xa8]+res? [a-z]"
    rb"|infolettre\b"
    rb"|r[e\xc3\xa9]+unions (?:internes|externes)[ \t]*\r?$)"
)


@frozen(kw_only=True)
class FrontMatter:
    """What the front matter of a text issue may say; every field is optional."""

    id: str | None = None
    date: dt.date | None = None
    title: str | None = None
    language: str | None = None
    url: str | None = None
    publisher: Publisher | None = None


def _decode(data: bytes, source: str) -> tuple[str, list[Diagnostic]]:
    """UTF-8, or else Windows-1252 (what older word processors export), with a warning."""
    try:
        return decode_utf8(data, source), []
    except InvalidSyntax as utf8_error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise utf8_error from None
        warning = Diagnostic(
            source=source,
            line=utf8_error.line,
            severity=Severity.WARNING,
            code="encoding",
            message="not valid UTF-8; read as Windows-1252",
        )
        return text, [warning]


def _front_matter(text: str, source: str) -> tuple[FrontMatter, str, int]:
    """Split off the front matter: (its fields, the rest of the text, the rest's first line)."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return FrontMatter(), text, 1
    offset = text[: match.start("body")].count("\n")
    try:
        data = parse_yaml(match["body"].encode("utf-8"), source)
    except InvalidSyntax as error:
        line = None if error.line is None else error.line + offset
        raise InvalidSyntax(source, line, error.column, f"front matter: {error.reason}") from None
    if data is None:
        data = {}
    try:
        front = converter.structure(data, FrontMatter)
    except Exception as error:
        from ..convert import problems_of

        problems = [
            Problem(f"front matter {problem.path}", problem.reason)
            for problem in problems_of(error)
        ]
        raise InvalidData(source, problems) from error
    rest_first_line = text[: match.end()].count("\n") + 1
    return front, text[match.end() :], rest_first_line


def _header(front: FrontMatter, source: str, options: ImportOptions) -> IssueHeader:
    named = _FILE_NAME_ID.search(PurePath(source).name)
    date = front.date
    if date is None and named is not None:
        date = dt.date(int(named["year"]), int(named["month"]), 1)
        given = options.issue_date
        if given is not None and (given.year, given.month) == (date.year, date.month):
            date = given  # the same month, with its day
    if date is None:
        date = options.issue_date
    if date is None:
        raise InvalidData(
            source,
            [
                Problem(
                    "$.date",
                    "no issue date: give it in front matter ('date: 2018-12-15'), in the file "
                    f"name ('infolettre-2018-12{PurePath(source).suffix.lower() or '.txt'}') "
                    "or with --issue-date (ImportOptions.issue_date in Python)",
                )
            ],
        )
    issue_id = front.id
    if issue_id is None:
        issue_id = f"{date:%Y-%m}"
        if (
            named is not None
            and named["number"]
            and (int(named["year"]), int(named["month"])) == (date.year, date.month)
        ):
            issue_id += f"-{named['number']}"
    return IssueHeader(
        id=issue_id,
        date=date,
        title=front.title,
        language=front.language or "fr",
        url=front.url,
        publisher=front.publisher,
    )


def read_infolettre(
    data: bytes, *, source: str, options: ImportOptions | None = None
) -> ImportResult:
    """Read an InfoLettre text export into an issue, with diagnostics and source lines.

    Raises:
        InvalidSyntax: the bytes are not text, or the front matter is not valid YAML.
        InvalidData: no issue date can be found, or the front matter is wrong.
    """
    options = ImportOptions() if options is None else options
    text, diagnostics = _decode(data, source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front, body, first_line = _front_matter(text, source)
    header = _header(front, source, options)
    blocks, block_diagnostics = text_to_blocks(body, source, first_line=first_line)
    result = read_structure(blocks, header, source=source, options=options)
    all_diagnostics = (*diagnostics, *block_diagnostics, *result.diagnostics)
    coverage = dict.fromkeys(range(1, first_line), "$") | dict(result.coverage)
    for diagnostic in block_diagnostics:  # characters removed: the line is read, with a warning
        if diagnostic.line is not None and diagnostic.line not in coverage:
            coverage[diagnostic.line] = None
    return ImportResult(
        issue=result.issue,
        diagnostics=all_diagnostics,
        locations=result.locations,
        coverage=coverage,
    )


def read_blocks(
    blocks: Sequence[Block],
    *,
    source: str,
    options: ImportOptions | None = None,
    front: FrontMatter | None = None,
) -> ImportResult:
    """Read an InfoLettre given as paragraphs and list items, from any source.

    This is the text importer's structural reader, for importers of other
    formats (a Word document, say) that can list the document's paragraphs and
    list items in order. The issue's date comes from ``front``, else from a
    ``YYYY-MM`` in ``source``, else from ``options.issue_date``.

    Args:
        blocks: the paragraphs and list items, in order; ``Block.emphasised`` tells
            a heading when the source marks it (bold), ``None`` when it cannot.
        source: the source's name (its ``YYYY-MM`` may give the date).
        options: the issue date, the default time zone.
        front: what the source says of the issue besides its text.

    Raises:
        InvalidData: no issue date can be found, or the issue is not valid.
    """
    options = ImportOptions() if options is None else options
    header = _header(front or FrontMatter(), source, options)
    # Spaces as the text export gives them: a word processor's non-breaking and thin
    # spaces (before ":" and inside « » in French) and runs of spaces become one space.
    clean = [
        evolve(block, lines=tuple(" ".join(line.split()) for line in block.lines if line.strip()))
        for block in blocks
        if any(line.strip() for line in block.lines)
    ]
    return read_structure(clean, header, source=source, options=options)


class InfoLettreImporter:
    """Reads the InfoLettre as exported to plain text (``.txt``, ``.md``)."""

    name = "infolettre"
    description = "the InfoLettre as its editors export it to plain text"
    suffixes = (".txt", ".md")

    def sniff(self, head: bytes) -> bool:
        """Whether ``head`` has a line that starts like a part of an InfoLettre."""
        return _SNIFF.search(head) is not None

    def read(
        self, data: bytes, *, source: str, options: ImportOptions | None = None
    ) -> ImportResult:
        """Read a text export, with diagnostics (see :func:`read_infolettre`)."""
        return read_infolettre(data, source=source, options=options)

    def load(self, data: bytes, *, source: str, options: ImportOptions | None = None) -> Issue:
        """Read a text export into an issue (see :func:`read_infolettre`)."""
        return read_infolettre(data, source=source, options=options).issue

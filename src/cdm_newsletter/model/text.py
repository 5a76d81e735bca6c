"""Rich text: blocks (paragraphs, bullet lists) of inline spans, and its two renderings.

This module is the one place that turns rich text into plain text and into HTML;
every exporter goes through :meth:`RichText.to_plain` / :meth:`RichText.to_html`
(or :func:`spans_to_plain` / :func:`spans_to_html` for one line of spans).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from html import escape
from typing import Any, TypeAlias

from attrs import Attribute, field, frozen

from ..errors import InvalidValue
from . import _checks
from ._checks import PLACEHOLDER_URLS

__all__ = [
    "Block",
    "BulletList",
    "Emphasis",
    "Link",
    "Paragraph",
    "RichText",
    "Span",
    "Spans",
    "Superscript",
    "Text",
    "as_spans",
    "spans_to_html",
    "spans_to_plain",
]


@frozen(kw_only=True)
class Text:
    """A run of plain text."""

    text: str = field(validator=_checks.span_text)


@frozen(kw_only=True)
class Emphasis:
    """A run of emphasised text (``*inscription*`` in the source)."""

    text: str = field(validator=_checks.span_text)


@frozen(kw_only=True)
class Superscript:
    """A run of superscript text, such as the ``e`` of ``11e`` (``11^{EME}`` in the source)."""

    text: str = field(validator=_checks.span_text)


@frozen(kw_only=True)
class Link:
    """A hyperlink: its target, an optional label, and whether it is a placeholder.

    The URL is absolute http(s) or ``mailto:``; a placeholder is a link the
    editors left without a target, ``#`` or empty, kept so that lint can report it.
    """

    url: str = field(validator=_checks.link_url)
    label: str | None = field(default=None, validator=_checks.optional_line)

    @property
    def placeholder(self) -> bool:
        """Whether the link has no real target yet (``#`` or an empty URL)."""
        return self.url in PLACEHOLDER_URLS

    @property
    def text(self) -> str:
        """What a reader sees: the label, else the URL."""
        return self.label if self.label is not None else self.url


Span: TypeAlias = Text | Emphasis | Superscript | Link
"""One inline run of rich text."""

Spans: TypeAlias = tuple[Span, ...]
"""A line of inline runs: a title, a paragraph's content, a list item."""


def as_spans(value: str | Iterable[Span]) -> Spans:
    """Turn a string (one plain run) or an iterable of spans into a tuple of spans.

    Adjacent plain runs are joined into one, so that each text has a single form
    (``Text("a"), Text("b")`` is ``Text("ab")``), in every format.
    """
    if isinstance(value, str):
        return (Text(text=value),)
    spans: list[Span] = []
    for span in value:
        if spans and isinstance(span, Text) and isinstance(spans[-1], Text):
            spans[-1] = Text(text=spans[-1].text + span.text)
        else:
            spans.append(span)
    return tuple(spans)


@frozen(kw_only=True)
class Paragraph:
    """A paragraph: a line of spans."""

    spans: Spans = field(converter=as_spans, validator=_checks.not_empty)


def _as_items(value: Iterable[str | Iterable[Span]]) -> tuple[Spans, ...]:
    return tuple(as_spans(item) for item in value)


def _items_not_empty(instance: object, attribute: Attribute[Any], value: tuple[Spans, ...]) -> None:
    _checks.not_empty(instance, attribute, value)
    for index, item in enumerate(value):
        if not item:
            raise InvalidValue(f"{attribute.name}[{index}]", "must not be empty")


@frozen(kw_only=True)
class BulletList:
    """A bullet list; each item is a line of spans."""

    items: tuple[Spans, ...] = field(converter=_as_items, validator=_items_not_empty)


Block: TypeAlias = Paragraph | BulletList
"""One block of rich text."""


def _as_blocks(value: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(value)


@frozen(kw_only=True)
class RichText:
    """Formatted text: a sequence of blocks, possibly none."""

    blocks: tuple[Block, ...] = field(default=(), converter=_as_blocks)

    @classmethod
    def from_paragraphs(cls, *paragraphs: str) -> RichText:
        """Build rich text of plain paragraphs, one per string."""
        return cls(blocks=tuple(Paragraph(spans=text) for text in paragraphs))

    def __bool__(self) -> bool:
        return bool(self.blocks)

    def links(self) -> Iterator[Link]:
        """Yield every link of the text, in reading order."""
        for block in self.blocks:
            lines = block.items if isinstance(block, BulletList) else (block.spans,)
            for spans in lines:
                yield from (span for span in spans if isinstance(span, Link))

    def to_plain(self) -> str:
        """Render as plain text: blocks separated by a blank line, items as ``- item``."""
        return "\n\n".join(_block_to_plain(block) for block in self.blocks)

    def to_html(self) -> str:
        """Render as an HTML fragment (``p``, ``ul``/``li``, ``em``, ``sup``, ``a``), escaped."""
        return "\n".join(_block_to_html(block) for block in self.blocks)


def _span_to_plain(span: Span) -> str:
    if isinstance(span, Link):
        if span.placeholder or span.label is None:
            return span.text
        return f"{span.label} ({span.url})"
    return span.text


def spans_to_plain(spans: Iterable[Span]) -> str:
    """Render a line of spans as plain text; a labelled link shows its URL in brackets."""
    return "".join(_span_to_plain(span) for span in spans)


def _span_to_html(span: Span) -> str:
    if isinstance(span, Link):
        if span.placeholder:
            return escape(span.text)
        return f'<a href="{escape(span.url)}">{escape(span.text)}</a>'
    if isinstance(span, Emphasis):
        return f"<em>{escape(span.text)}</em>"
    if isinstance(span, Superscript):
        return f"<sup>{escape(span.text)}</sup>"
    return escape(span.text, quote=False)


def spans_to_html(spans: Iterable[Span]) -> str:
    """Render a line of spans as an escaped HTML fragment; placeholder links become text."""
    return "".join(_span_to_html(span) for span in spans)


def _block_to_plain(block: Block) -> str:
    if isinstance(block, BulletList):
        return "\n".join(f"- {spans_to_plain(item)}" for item in block.items)
    return spans_to_plain(block.spans)


def _block_to_html(block: Block) -> str:
    if isinstance(block, BulletList):
        items = "".join(f"<li>{spans_to_html(item)}</li>" for item in block.items)
        return f"<ul>{items}</ul>"
    return f"<p>{spans_to_html(block.spans)}</p>"

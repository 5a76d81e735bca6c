"""Inline markup of the InfoLettre text export to rich-text spans.

What the export writes inside a line, and what it becomes:

* ``[label](url)``: a link with a label; ``[label](#)`` or ``[label]()`` a placeholder;
* ``<https://...>``, ``<mailto:...>`` or ``<name@domain>``: a link;
* a bare URL (``https://...`` or ``www....``), even glued to the word before it
  (``suivants :https://...``): a link; trailing punctuation stays text;
* a bare e-mail address: a ``mailto:`` link labelled with the address;
* ``*text*`` or ``**text**``: emphasis;
* ``^{EME}``: a superscript; French ordinal endings are written the short way
  (``EME``/``ème`` gives ``e``, ``ERE`` gives ``re``, ``ER`` gives ``er``).
"""

from __future__ import annotations

import re

from ..model._checks import PLACEHOLDER_URLS, is_email, is_web_url
from ..model.text import Emphasis, Link, Span, Spans, Superscript, Text

__all__ = ["UnreadableLink", "parse_inline", "superscript_text"]

_TOKEN = re.compile(
    r"""
      \[(?P<label>[^\[\]]+)\]\((?P<target>[^()\s]*)\)            # [label](url)
    | <(?P<auto>(?:https?://|mailto:)[^<>\s]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>   # <url>, <email>
    | \^\{(?P<sup>[^{}]{1,20})\}                                  # ^{EME}
    | (?<![\w*])\*\*(?P<strong>[^*\s](?:[^*]*[^*\s])?)\*\*(?!\w)   # **text**
    | (?<![\w*])\*(?P<em>[^*\s](?:[^*]*[^*\s])?)\*(?![\w*])        # *text*
    | (?P<url>(?:https?://|www\.)[^\s<>"]+)                       # bare URL
    | (?P<email>(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)         # bare e-mail
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TRAILING = ".,;:!?»\"'”’"

_ORDINAL_ENDINGS = {
    "eme": "e",
    "ème": "e",
    "ieme": "e",
    "ième": "e",
    "e": "e",
    "ere": "re",
    "ère": "re",
    "re": "re",
    "er": "er",
    "nd": "nd",
    "nde": "nde",
    "d": "d",
    "de": "de",
    "es": "es",
    "èmes": "es",
    "emes": "es",
}


class UnreadableLink:
    """A link-like piece of text whose target the model refuses; it is kept as text."""

    __slots__ = ("reason", "text")

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason


def superscript_text(raw: str) -> str:
    """The text of a superscript, with French ordinal endings written the short way."""
    return _ORDINAL_ENDINGS.get(raw.strip().lower(), raw.strip())


def _split_trailing(url: str) -> tuple[str, str]:
    """Split punctuation that ends a sentence off a bare URL (keeping balanced brackets)."""
    end = len(url)
    opening, closing = url.count("("), url.count(")")  # counted once: linear in the length
    while end > 0:
        char = url[end - 1]
        if char == ")" and opening < closing:
            closing -= 1
        elif char not in _TRAILING:
            break
        end -= 1
    return url[:end], url[end:]


def _link(url: str, label: str | None, problems: list[UnreadableLink], raw: str) -> Span:
    if url.lower().startswith("www."):
        url = "https://" + url
    if url in PLACEHOLDER_URLS or is_web_url(url):
        return Link(url=url, label=label)
    if url[:7].lower() == "mailto:" and is_email(url[7:].split("?", 1)[0]):
        return Link(url=url, label=label)
    if is_email(url):
        return Link(url=f"mailto:{url}", label=label if label is not None else url)
    problems.append(
        UnreadableLink(raw, f"the link target {url!r} is not an absolute http(s) or mailto URL")
    )
    return Text(text=raw)


def _merge(spans: list[Span]) -> Spans:
    merged: list[Span] = []
    for span in spans:
        if merged and isinstance(span, Text) and isinstance(merged[-1], Text):
            merged[-1] = Text(text=merged[-1].text + span.text)
        else:
            merged.append(span)
    return tuple(merged)


def parse_inline(text: str) -> tuple[Spans, list[UnreadableLink]]:
    """Read one line of inline markup into spans.

    Returns:
        The spans (none for empty text) and the links that had to be kept as text.
    """
    spans: list[Span] = []
    problems: list[UnreadableLink] = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            spans.append(Text(text=text[position : match.start()]))
        position = match.end()
        raw = match.group()
        if match["label"] is not None:
            spans.append(_link(match["target"], match["label"].strip() or None, problems, raw))
        elif match["auto"] is not None:
            spans.append(_link(match["auto"], None, problems, raw))
        elif match["sup"] is not None and superscript_text(match["sup"]):
            spans.append(Superscript(text=superscript_text(match["sup"])))
        elif match["sup"] is not None:
            spans.append(Text(text=raw))
        elif match["strong"] is not None or match["em"] is not None:
            spans.append(Emphasis(text=match["strong"] or match["em"]))
        elif match["url"] is not None:
            url, trailing = _split_trailing(raw)
            spans.append(_link(url, None, problems, url))
            if trailing:
                spans.append(Text(text=trailing))
        else:
            spans.append(_link(raw, raw, problems, raw))
    if position < len(text):
        spans.append(Text(text=text[position:]))
    return _merge(spans), problems

"""Stable ids for articles and events.

The rule, which every format relies on (feed GUIDs, calendar UIDs, XML ids and
HTML anchors are all built from these ids):

* An id given explicitly in the source is kept as it is. It must be lower-case
  ASCII letters, digits and inner hyphens, at most 120 characters.
* Otherwise an article's id is ``<issue id>-<slug of its title>`` and an event's
  id is ``<issue id>-<start date as YYYYMMDD>-<slug of its title>`` (without the
  date part when the event's date is unknown).
* The slug is the title without accents, in lower case, with every run of other
  characters turned into one hyphen, cut at a word boundary to at most
  48 characters.
* When two items of one issue would get the same id, the later one (in reading
  order: agenda first, then sections) gets ``-2``, the next ``-3``, and so on.

So an id changes only if its issue's id, its title, or (for an event) its start
date changes; rebuilding the same source always gives the same ids.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Container
from datetime import date
from urllib.parse import urlsplit

__all__ = [
    "MAX_SLUG_LENGTH",
    "derive_article_id",
    "derive_event_id",
    "publisher_domain",
    "slugify",
    "unique_id",
]

MAX_SLUG_LENGTH = 48
"""The longest slug a derived id takes from a title."""

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Letters that NFKD does not split into a base letter and an accent.
_TRANSLITERATIONS = str.maketrans(
    {
        "œ": "oe",
        "Œ": "OE",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
    }
)


@functools.lru_cache(maxsize=4096)  # titles come back in every issue of an archive
def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """Turn text into a lower-case ASCII slug of at most ``max_length`` characters.

    Args:
        text: any text, such as a title.
        max_length: the longest slug to return; a longer one is cut after its
            last whole word that fits.

    Returns:
        The slug, or ``"item"`` when the text has no letter or digit at all.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATIONS))
    # Accents go; any other character that is not an ASCII letter or digit separates words.
    bare = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    slug = _NON_ALNUM.sub("-", bare).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
        slug = slug[:max_length].strip("-")
    return slug or "item"


def derive_article_id(issue_id: str, title: str) -> str:
    """The id of an article that has no explicit one: ``<issue id>-<slug of title>``."""
    return f"{issue_id}-{slugify(title)}"


def derive_event_id(issue_id: str, title: str, start: date | None) -> str:
    """The id of an event that has no explicit one: ``<issue id>-<YYYYMMDD>-<slug of title>``.

    An event whose date is unknown (``start`` is ``None``) gets ``<issue id>-<slug of title>``.
    """
    if start is None:
        return f"{issue_id}-{slugify(title)}"
    return f"{issue_id}-{start:%Y%m%d}-{slugify(title)}"


def unique_id(candidate: str, taken: Container[str]) -> str:
    """Return ``candidate``, or the first of ``candidate-2``, ``candidate-3``... not taken."""
    if candidate not in taken:
        return candidate
    number = 2
    while f"{candidate}-{number}" in taken:
        number += 1
    return f"{candidate}-{number}"


def publisher_domain(name: str, url: str | None) -> str:
    """The domain feed GUIDs and calendar UIDs are scoped by: the host of the publisher's URL.

    Without ``www.``; without a URL, the slug of the publisher's name under
    ``.invalid``, a domain that exists nowhere, so identifiers stay unique and stable.
    """
    if url is not None:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        if host:
            return host
    return f"{slugify(name)}.invalid"

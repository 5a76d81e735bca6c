"""French month and weekday names, and the folding that compares French text."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

__all__ = ["MONTHS", "WEEKDAYS", "fold", "fold_words", "format_day", "format_month"]

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
"""The month names, January first, in lower case with their accents."""

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
"""The weekday names, Monday first (as :meth:`datetime.date.weekday` counts)."""


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its accents: ``"Février"`` gives ``"fevrier"``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_NON_WORD = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=4096)  # titles and places come back in every issue
def fold_words(text: str) -> str:
    """Fold ``text`` to lower-case ASCII words separated by single spaces.

    ``"Forum « Métiers » !"`` gives ``"forum metiers"``: the key under which two
    spellings of one phrase compare equal.
    """
    return _NON_WORD.sub(" ", fold(text)).strip()


def format_day(day: dt.date) -> str:
    """Write a date the French way: ``1er avril 2019``, ``26 février 2019``."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def format_month(day: dt.date) -> str:
    """Write the month of a date: ``décembre 2018``."""
    return f"{MONTHS[day.month - 1]} {day.year}"

"""Read French dates as the InfoLettre writes them in its agenda and notices.

Case and accents do not matter (``"Fevrier"``, ``"DÉCEMBRE"``, ``"apres-midi"``).
The forms read, each with an optional weekday before a day (``"mardi 14 mai 2019"``):

- one day: ``"7 novembre 2018"``, ``"1er avril 2019"``, ``"1 er avril"``, ``"le 7 novembre"``;
- a span: ``"28-30 janvier 2019"``, ``"19 -21 juin"``, ``"28 – 30 janvier"`` (hyphen, en or em
  dash), ``"du 3 au 5 avril 2019"``, ``"du 30 avril au 2 mai 2019"``,
  ``"30 décembre 2019 - 2 janvier 2020"``;
- consecutive days: ``"les 8 et 9 novembre"``, ``"les 19, 20 et 21 juin 2019"``;
- numbers: ``"14/05/2019"``, ``"14/05/19"`` (20xx), ``"14/05"`` (two digits each without a year);
- then a part of day, ``"(matin)"``, ``"(après-midi)"``, with or without the brackets;
- or times: ``"14h00-17h30"``, ``"14h-17h30"``, ``"de 14h à 17h30"``, ``"14:00 - 17:30"``,
  ``"de 14 à 17h"``, or a start alone: ``"à 9h30"``, ``"à partir de 9h"``, ``"9h"``;
  after the date, with or without a comma; the minutes touch the ``h`` (``"14h 15h"``
  is two times, not 14:15).

A date without a year takes the year of the ``reference`` (the issue's date), or the next
year when its month comes before the reference's month. In a span or a list, a day without
a year takes the year of the day after it, or the year before when its month comes after
that day's month (``"30 décembre - 2 janvier 2020"`` starts on 30 December 2019).

The text is read as a stream of tokens (numbers, words folded by
:func:`cdm_newsletter.french.fold`, single marks) by a small recursive-descent reader that
reads each day once and remembers it, so that reading a date, and searching a long text for
one, take linear time; no regular expression backtracks over more than one token.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from collections.abc import Callable
from typing import NamedTuple

import attrs

from ..errors import CdmNewsletterError
from ..french import MONTHS, WEEKDAYS, fold, format_day
from ..model.agenda import PartOfDay, When

__all__ = ["DateError", "FrenchWhen", "parse_french_when", "search_french_date"]


class DateError(CdmNewsletterError, ValueError):
    """A French date expression cannot be read; str() says why (in English)."""


@attrs.frozen(kw_only=True)
class FrenchWhen:
    """A date expression as read from French text: its days, and maybe a part of day or times.

    ``last_day`` equals ``first_day`` for a single day. ``weekday_mismatches`` lists the
    weekdays written next to a day they do not name, as ``"mardi 15 mai 2019: 15 mai 2019
    is a mercredi"``; such a weekday is reported, not refused.
    """

    first_day: dt.date
    last_day: dt.date
    part_of_day: PartOfDay | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    weekday_mismatches: tuple[str, ...] = ()

    def to_when(self, timezone: str) -> When:
        """Turn the expression into the model's :class:`~cdm_newsletter.model.When`.

        Without times, an all-day ``When``: ``end`` is ``None`` for one day, else the last
        day (inclusive); the part of day is kept. With a start time, a timed ``When`` in
        ``timezone``: it starts on the first day at the start time and ends on the last day
        at the end time, or has no end when no end time was given.

        Args:
            timezone: The IANA zone of the times (``"Europe/Paris"``); unused without times.

        Returns:
            The ``When`` of an event.

        Raises:
            InvalidValue: The values do not make a valid ``When`` (a part of day over several
                days or with times, an end before the start, an unknown zone).
        """
        if self.start_time is None:
            end = None if self.last_day == self.first_day else self.last_day
            return When(start=self.first_day, end=end, part_of_day=self.part_of_day)
        start = dt.datetime.combine(self.first_day, self.start_time)
        end_at = None
        if self.end_time is not None:
            end_at = dt.datetime.combine(self.last_day, self.end_time)
        return When(start=start, end=end_at, timezone=timezone, part_of_day=self.part_of_day)


def parse_french_when(text: str, *, reference: dt.date) -> FrenchWhen:
    """Read a text that is only a date expression, maybe with times or a part of day.

    Args:
        text: The expression, such as ``"24 janvier 2019 (matin)"`` or
            ``"du 3 au 5 avril 2019"``; spaces around it do not matter.
        reference: The issue's date, which gives the year of days written without one.

    Returns:
        The days, part of day, times and weekday mismatches the text gives.

    Raises:
        DateError: The text is not a date expression, names an impossible day, ends
            before it starts, lists days that are not consecutive, gives an invalid time,
            or goes on with words that are not part of a date.
    """
    if not text.strip():
        raise _error(text, "the text is empty")
    tokens = _Tokens(text, 0)
    reader = _Reader(tokens)
    found = reader.expression(0)
    if found is None:
        raise reader.failure()
    following = tokens.at(found.end)
    if following is not None:
        rest = text[following.start :].rstrip()
        raise _error(text, f"unexpected text after the date: {_quote(rest)}")
    return _resolve(found, tokens, reference)


def search_french_date(text: str, *, reference: dt.date) -> tuple[FrenchWhen, int, int] | None:
    """Find the first date expression in running text.

    The expression found is the longest one starting at the first place where one can be
    read; it includes a leading ``"le"``, ``"les"``, ``"du"`` or weekday.

    Args:
        text: Any text, such as ``"Appel à projets, date limite 26 février 2019."``.
        reference: The issue's date, which gives the year of days written without one.

    Returns:
        The expression read, with the offsets in ``text`` where it starts and ends
        (``text[start:end]`` is the expression), or ``None`` when the text has no date.

    Raises:
        DateError: The first expression shaped like a date cannot be read: an impossible
            day (``"31 avril 2019"``), a span that ends before it starts, days that are not
            consecutive, an invalid time.
    """
    reader = _Reader(_Tokens(text, 0))
    shortcuts = _Shortcuts(text)
    offset = 0
    while (candidate := _CANDIDATE.search(text, offset)) is not None:
        skip_to = shortcuts.skip_to(candidate.start())
        if skip_to is None:
            return None
        offset = max(skip_to, candidate.end())
        if skip_to > candidate.start():
            continue
        index = reader.tokens.index_of(candidate.start())
        if index is None:
            # Past what was read so far: read on from here, skipping the words in between.
            reader, index = _Reader(_Tokens(text, candidate.start())), 0
        found = reader.expression(index)
        if found is not None:
            start, end = reader.tokens.span(found.first, found.end)
            return _resolve(found, reader.tokens, reference), start, end
    return None


class _Shortcuts:
    """Tells the search which places cannot start a date, with regular expressions alone.

    Every date has an anchor, a month name or the ``/`` of a numeric date, and before its
    first anchor only day numbers, ``le``, ``les``, ``du``, ``au``, ``et``, ``er``, weekdays,
    commas and dashes. :data:`_ANCHOR` finds a superset of the anchors and :data:`_BREAKER`
    a subset of the other words and marks, so that skipping on their word never skips a date.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._anchor = -1
        self._anchor_word_end = -1
        self._clean_from: int | None = None  # no breaker from here up to the anchor

    def skip_to(self, start: int) -> int | None:
        """``start`` if a date may start there, else where to look on, or ``None`` for nowhere."""
        if start > self._anchor:
            anchor = _ANCHOR.search(self._text, start)
            if anchor is None:
                return None
            word = _WORD_REST.match(self._text, anchor.start())
            self._anchor = anchor.start()
            self._anchor_word_end = word.end() if word is not None else anchor.end()
            self._clean_from = None
        if self._clean_from is not None and start >= self._clean_from:
            return start
        # Up to the end of the anchor's word, so that no part of that word looks like a word.
        breaker = _BREAKER.search(self._text, start, self._anchor_word_end)
        if breaker is not None and breaker.start() < self._anchor:
            return breaker.end()
        self._clean_from = start
        return start


# --- Tokens -------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<number>[0-9]+)|(?P<word>(?:[^\W\d_]|[\u0300-\u036f])+)|(?P<mark>\S)", re.UNICODE
)
_DAY_DIGITS = re.compile(r"(?<![0-9])[0-9]{1,2}(?![0-9])")
_CANDIDATE = re.compile(
    r"(?<![0-9])[0-9]{1,2}(?![0-9])"
    r"|(?<![\w\u0300-\u036f])(?:les?|du|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    r"(?![\w\u0300-\u036f])",
    re.IGNORECASE,
)
"""Where a date expression may start: a day number, an article or a weekday."""
_NOT_IN_A_WORD = r"(?![^\W\d_]|[\u0300-\u036f])"
_AT_A_WORD_START = r"(?<![^\W\d_])(?<![\u0300-\u036f])"
_WORD_REST = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])*")
_ANCHOR = re.compile(
    r"/|\.(?=[0-9])|[^\W\d_\x00-\x7f]|[\u0300-\u036f]|"
    + _AT_A_WORD_START
    + r"(?i:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)"
    + _NOT_IN_A_WORD
)
"""A superset of the month names and slashes: any of them, and any letter outside ASCII."""
_BREAKER = re.compile(
    r"[^\w\s,/\-\u2010-\u2015\u2212\u0300-\u036f]|_|"
    + _AT_A_WORD_START
    + r"(?!(?i:les?|du|au|et|er|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    + _NOT_IN_A_WORD
    + r")[A-Za-z]+"
    + _NOT_IN_A_WORD
)
"""A subset of what cannot come before the first anchor of a date: marks, other ASCII words."""
_LETTER = re.compile(r"[^\W\d_]|[\u0300-\u036f]")
_NUMBER, _WORD, _MARK = "number", "word", "mark"
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")

_MONTH_NUMBERS = {fold(name): number for number, name in enumerate(MONTHS, start=1)}
_WEEKDAY_NUMBERS = {fold(name): number for number, name in enumerate(WEEKDAYS)}
_ARTICLES = frozenset({"le", "les", "du"})
_MORNING_WORDS = frozenset({"matin", "matinee"})
_HOUR_WORDS = frozenset({"h", "heure", "heures"})


class _Token(NamedTuple):
    """A number, a word (folded) or a single mark (every dash as ``-``), with its offsets."""

    kind: str
    value: str
    start: int
    end: int
    glued: bool
    """A number written right after a word, as in ``CDM21``: never a day."""


class _Tokens:
    """The tokens of a text from an offset on, cut as they are asked for."""

    def __init__(self, text: str, offset: int) -> None:
        self.text = text
        self._matches = _TOKEN.finditer(text, offset)
        self._tokens: list[_Token] = []
        self._indexes: dict[int, int] = {}

    def at(self, index: int) -> _Token | None:
        """The token at ``index``, or ``None`` past the end of the text."""
        if index < len(self._tokens):
            return self._tokens[index]
        while index >= len(self._tokens):
            match = next(self._matches, None)
            if match is None:
                return None
            self._indexes[match.start()] = len(self._tokens)
            self._tokens.append(self._token(match))
        return self._tokens[index]

    def index_of(self, offset: int) -> int | None:
        """The index of the token read so far that starts at ``offset``, if any."""
        return self._indexes.get(offset)

    def span(self, first: int, end: int) -> tuple[int, int]:
        """The offsets in the text of the tokens from ``first`` up to ``end`` (excluded)."""
        return self._tokens[first].start, self._tokens[end - 1].end

    def source(self, first: int, end: int) -> str:
        """The text of the tokens from ``first`` up to ``end`` (excluded)."""
        start, stop = self.span(first, end)
        return self.text[start:stop]

    def _token(self, match: re.Match[str]) -> _Token:
        kind = match.lastgroup or _MARK
        written = match.group()
        start = match.start()
        if kind == _WORD:
            value = written.lower() if written.isascii() else fold(written)
        elif kind == _MARK and written in _DASHES:
            value = "-"
        else:
            value = written
        glued = kind == _NUMBER and start > 0 and _LETTER.match(self.text, start - 1) is not None
        return _Token(kind, value, start, match.end(), glued)


# --- Reading ------------------------------------------------------------------------------


class _DayRef(NamedTuple):
    """One day as written: the month or year may be left to the day after it."""

    day: int
    month: int | None
    year: int | None
    weekday: int | None


class _Clock(NamedTuple):
    """A time as written: the digits of the hour and minutes, and its tokens."""

    hour: str
    minute: str | None
    first: int
    end: int


class _Days(NamedTuple):
    refs: tuple[_DayRef, ...]
    consecutive: bool
    """A list (``les 8 et 9``) whose days must follow each other, rather than a span."""


_Form = Callable[[int], "tuple[_Days, int] | None"]
"""A way of writing days (one day, a span, a list) read from a token index."""


class _Suffix(NamedTuple):
    part_of_day: PartOfDay | None = None
    part_tokens: tuple[int, int] | None = None
    start_clock: _Clock | None = None
    end_clock: _Clock | None = None
    time_tokens: tuple[int, int] | None = None


class _Expression(NamedTuple):
    days: _Days
    suffix: _Suffix
    first: int
    end: int


class _Reader:
    """Reads date expressions from tokens; remembers the furthest place where it failed."""

    def __init__(self, tokens: _Tokens) -> None:
        self.tokens = tokens
        self.furthest = -1
        self.expected: list[str] = []
        self._day_refs: dict[int, tuple[_DayRef, int] | None] = {}
        self._run_ends: dict[int, int] = {}
        self._forms: dict[str | None, tuple[_Form, ...]] = {
            None: (self._list, self._span, self._single),
            "le": (self._single,),
            "les": (self._list, self._span),
            "du": (self._span,),
        }

    def expression(self, index: int) -> _Expression | None:
        """Read the longest date expression starting at token ``index``."""
        token = self.tokens.at(index)
        article = token.value if token is not None and token.kind == _WORD else None
        if article in _ARTICLES:
            start = index + 1
        else:
            article, start = None, index
        if self._day_ref(start, month_required=False) is None:
            return None
        days = None
        for form in self._forms[article]:
            days = form(start)
            if days is not None:
                break
        if days is None:
            return None
        suffix, end = self._suffix(days[1])
        return _Expression(days[0], suffix, index, end)

    def failure(self) -> DateError:
        """The error that says why the text could not be read, from the furthest failure."""
        text = self.tokens.text
        if not _DAY_DIGITS.search(text):
            return _error(text, "no day number")
        token = self.tokens.at(self.furthest) if self.furthest >= 0 else None
        if token is None:
            if "a month name" in self.expected:
                return _error(text, "no month after the day")
            return _error(text, f"it stops where {_one_of(self.expected)} was expected")
        written = text[token.start : token.end]
        if token.kind == _WORD and "a month name" in self.expected:
            return _error(text, f"unknown month {_quote(written)}")
        if token.kind == _NUMBER and "a day number" in self.expected:
            return _error(text, f"{written} is not a day number (1 to 31)")
        if token.kind == _NUMBER and "a month number" in self.expected:
            return _error(text, f"{written} is not a month number (1 to 12)")
        return _error(
            text, f"unexpected {_quote(written)} where {_one_of(self.expected)} was expected"
        )

    # Forms of days.

    def _single(self, index: int) -> tuple[_Days, int] | None:
        found = self._day_ref(index, month_required=True)
        if found is None:
            return None
        return _Days((found[0],), consecutive=False), found[1]

    def _span(self, index: int) -> tuple[_Days, int] | None:
        first = self._day_ref(index, month_required=False)
        if first is None:
            return None
        at = first[1]
        if not (self._is_mark(at, "-") or self._is_word(at, "au")):
            self._miss(at, "'-'")
            self._miss(at, "'au'")
            return None
        last = self._day_ref(at + 1, month_required=True)
        if last is None:
            return None
        return _Days((first[0], last[0]), consecutive=False), last[1]

    def _list(self, index: int) -> tuple[_Days, int] | None:
        if self._day_ref(index, month_required=False) is None:
            return None
        at = self._run_end(index)
        if self._is_mark(at, ",") and self._is_word(at + 1, "et"):
            at += 1
        if not self._is_word(at, "et"):
            self._miss(at, "','")
            self._miss(at, "'et'")
            return None
        last = self._day_ref(at + 1, month_required=True)
        if last is None:
            return None
        refs = [*self._run(index), last[0]]
        return _Days(tuple(refs), consecutive=True), last[1]

    def _run_end(self, index: int) -> int:
        """Where the days separated by commas that start at ``index`` end (a token index).

        Remembered for every day of the run, so that reading on from each of them (as the
        search does) takes linear time.
        """
        starts = []
        at = index
        while (end := self._run_ends.get(at)) is None:
            starts.append(at)
            item = self._day_refs[at]
            assert item is not None  # the caller or the loop has read it
            end = item[1]
            if not self._is_mark(end, ",") or self._day_ref(end + 1, month_required=False) is None:
                break
            at = end + 1
        for start in starts:
            self._run_ends[start] = end
        return end

    def _run(self, index: int) -> list[_DayRef]:
        """The days of the run that starts at ``index``, already read by :meth:`_run_end`."""
        refs = []
        end = self._run_ends[index]
        at = index
        while True:
            item = self._day_refs[at]
            assert item is not None
            refs.append(item[0])
            if item[1] == end:
                return refs
            at = item[1] + 1

    # One day.

    def _day_ref(self, index: int, *, month_required: bool) -> tuple[_DayRef, int] | None:
        if index in self._day_refs:
            found = self._day_refs[index]
        else:
            found = self._day_refs[index] = self._read_day_ref(index)
        if found is not None and month_required and found[0].month is None:
            return None
        return found

    def _read_day_ref(self, index: int) -> tuple[_DayRef, int] | None:
        at = index
        token = self.tokens.at(at)
        weekday = None
        if token is not None and token.kind == _WORD and token.value in _WEEKDAY_NUMBERS:
            weekday = _WEEKDAY_NUMBERS[token.value]
            at += 1
        numeric = self._numeric_day(at, weekday)
        if numeric is not None:
            return numeric
        day = self._number(at, 1, 31, max_digits=2)
        if day is None or self._glued(at):
            self._miss(at, "a day number")
            return None
        at += 1
        if day == 1 and self._is_word(at, "er"):
            at += 1
        token = self.tokens.at(at)
        if token is None or token.kind != _WORD or token.value not in _MONTH_NUMBERS:
            self._miss(at, "a month name")
            return _DayRef(day, None, None, weekday), at
        month = _MONTH_NUMBERS[token.value]
        at += 1
        year = self._number(at, 0, 9999, min_digits=4, max_digits=4)
        if year is None:
            self._miss(at, "a year")
            return _DayRef(day, month, None, weekday), at
        return _DayRef(day, month, year, weekday), at + 1

    def _numeric_day(self, index: int, weekday: int | None) -> tuple[_DayRef, int] | None:
        if self._is_mark(index + 1, ".") and self._is_mark(index + 3, "."):
            return self._dotted_day(index, weekday)
        if not self._is_mark(index + 1, "/"):
            return None
        day = self._number(index, 1, 31, max_digits=2)
        if day is None or self._glued(index):
            return None
        month = self._number(index + 2, 1, 12, max_digits=2)
        if month is None:
            self._miss(index + 2, "a month number")
            return None
        if self._is_mark(index + 3, "/"):
            year = self._number(index + 4, 0, 9999, min_digits=4, max_digits=4)
            if year is None and (short := self._number(index + 4, 0, 99, min_digits=2)) is not None:
                year = 2000 + short
            if year is not None:
                return _DayRef(day, month, year, weekday), index + 5
        if self._digits(index) == 2 and self._digits(index + 2) == 2:
            return _DayRef(day, month, None, weekday), index + 3
        self._miss(index + 3, "a year")
        return None

    def _dotted_day(self, index: int, weekday: int | None) -> tuple[_DayRef, int] | None:
        """``12.03.2020``: with dots, a four-digit year is required.

        So no decimal number reads as a date.
        """
        day = self._number(index, 1, 31, max_digits=2)
        month = self._number(index + 2, 1, 12, min_digits=2, max_digits=2)
        year = self._number(index + 4, 1000, 9999, min_digits=4, max_digits=4)
        if day is None or month is None or year is None or self._glued(index):
            return None
        return _DayRef(day, month, year, weekday), index + 5

    # Part of day and times.

    def _suffix(self, index: int) -> tuple[_Suffix, int]:
        suffix = _Suffix()
        at = index
        for _ in range(2):
            if suffix.part_of_day is None and (part := self._part_of_day(at)) is not None:
                suffix = suffix._replace(part_of_day=part[0], part_tokens=(part[1], part[2]))
                at = part[2]
            elif suffix.start_clock is None and (times := self._times(at)) is not None:
                start, end, first, at = times
                suffix = suffix._replace(start_clock=start, end_clock=end, time_tokens=(first, at))
            else:
                break
        return suffix, at

    def _part_of_day(self, index: int) -> tuple[PartOfDay, int, int] | None:
        first = index + 1 if self._is_mark(index, ",") else index
        bracket = self._is_mark(first, "(")
        at = first + 1 if bracket else first
        token = self.tokens.at(at)
        if token is None or token.kind != _WORD:
            return None
        if token.value in _MORNING_WORDS:
            part, at = PartOfDay.MORNING, at + 1
        elif token.value == "apresmidi":
            part, at = PartOfDay.AFTERNOON, at + 1
        elif token.value == "apres":
            at += 2 if self._is_mark(at + 1, "-") else 1
            if not self._is_word(at, "midi"):
                return None
            part, at = PartOfDay.AFTERNOON, at + 1
        else:
            return None
        if bracket:
            if not self._is_mark(at, ")"):
                return None
            at += 1
        return part, first, at

    def _times(self, index: int) -> tuple[_Clock, _Clock | None, int, int] | None:
        first = index + 1 if self._is_mark(index, ",") else index
        if self._is_word(first, "de"):
            return self._time_range(first, first + 1)
        if self._is_word(first, "a"):
            at = (
                first + 3
                if self._is_word(first + 1, "partir") and self._is_word(first + 2, "de")
                else first + 1
            )
            return self._start_time(first, at)
        if self._is_word(first, "des"):
            return self._start_time(first, first + 1)
        return self._time_range(first, first) or self._start_time(first, first)

    def _time_range(self, first: int, index: int) -> tuple[_Clock, _Clock, int, int] | None:
        start = self._clock(index, bare=True)
        if start is None:
            return None
        at = start.end
        if not (self._is_mark(at, "-") or self._is_word(at, "a")):
            return None
        end = self._clock(at + 1, bare=False)
        if end is None:
            return None
        return start, end, first, end.end

    def _start_time(self, first: int, index: int) -> tuple[_Clock, None, int, int] | None:
        start = self._clock(index, bare=False)
        if start is None:
            return None
        return start, None, first, start.end

    def _clock(self, index: int, *, bare: bool) -> _Clock | None:
        hour = self.tokens.at(index)
        if hour is None or hour.kind != _NUMBER or len(hour.value) > 2:
            return None
        if self._is_mark(index + 1, ":"):
            minute = self.tokens.at(index + 2)
            if minute is None or minute.kind != _NUMBER:
                return None
            return _Clock(hour.value, minute.value, index, index + 3)
        token = self.tokens.at(index + 1)
        if token is not None and token.kind == _WORD and token.value in _HOUR_WORDS:
            minute = self.tokens.at(index + 2)
            if minute is not None and minute.kind == _NUMBER and self._minutes(token, minute):
                return _Clock(hour.value, minute.value, index, index + 3)
            return _Clock(hour.value, None, index, index + 2)
        if bare:
            return _Clock(hour.value, None, index, index + 1)
        return None

    def _minutes(self, hour_word: _Token, minute: _Token) -> bool:
        """Whether a number after "h" gives the minutes.

        It does touching it ("14h30"), or as two digits after a space that are not the next
        hour ("17 h 30", but "14h 15h" is two times).
        """
        if minute.start == hour_word.end:
            return True
        index = self.tokens.index_of(minute.start)
        after = self.tokens.at(index + 1) if index is not None else None
        next_is_hour = after is not None and after.kind == _WORD and after.value in _HOUR_WORDS
        return len(minute.value) == 2 and int(minute.value) < 60 and not next_is_hour

    # Tokens.

    def _miss(self, index: int, what: str) -> None:
        if index > self.furthest:
            self.furthest, self.expected = index, [what]
        elif index == self.furthest and what not in self.expected:
            self.expected.append(what)

    def _is_word(self, index: int, word: str) -> bool:
        token = self.tokens.at(index)
        return token is not None and token.kind == _WORD and token.value == word

    def _is_mark(self, index: int, mark: str) -> bool:
        token = self.tokens.at(index)
        return token is not None and token.kind == _MARK and token.value == mark

    def _glued(self, index: int) -> bool:
        token = self.tokens.at(index)
        return token is not None and token.glued

    def _digits(self, index: int) -> int:
        token = self.tokens.at(index)
        return len(token.value) if token is not None else 0

    def _number(
        self, index: int, low: int, high: int, *, min_digits: int = 1, max_digits: int = 2
    ) -> int | None:
        token = self.tokens.at(index)
        if token is None or token.kind != _NUMBER:
            return None
        if not min_digits <= len(token.value) <= max_digits:
            return None
        value = int(token.value)
        return value if low <= value <= high else None


# --- Meaning ------------------------------------------------------------------------------


def _resolve(expression: _Expression, tokens: _Tokens, reference: dt.date) -> FrenchWhen:
    written = tokens.source(expression.first, expression.end)
    suffix = expression.suffix
    start_time = _time(suffix.start_clock, tokens, written)
    end_time = _time(suffix.end_clock, tokens, written)
    if suffix.part_of_day is not None and suffix.part_tokens and suffix.time_tokens:
        part = tokens.source(*suffix.part_tokens)
        times = tokens.source(*suffix.time_tokens)
        raise _error(
            written, f"a part of day, {_quote(part)}, cannot go with times, {_quote(times)}"
        )
    days = _days(expression.days, reference, written)
    first_day, last_day = days[0], days[-1]
    if first_day != last_day:
        if suffix.part_of_day is not None and suffix.part_tokens:
            part = tokens.source(*suffix.part_tokens)
            raise _error(written, f"a part of day, {_quote(part)}, fits a single day only")
        if start_time is not None and end_time is None and suffix.start_clock:
            start = tokens.source(suffix.start_clock.first, suffix.start_clock.end)
            raise _error(written, f"a start time alone, {_quote(start)}, cannot cover several days")
    elif start_time is not None and end_time is not None and end_time <= start_time:
        raise _error(
            written,
            f"the end time {end_time:%H:%M} is not after the start time {start_time:%H:%M}",
        )
    return FrenchWhen(
        first_day=first_day,
        last_day=last_day,
        part_of_day=suffix.part_of_day,
        start_time=start_time,
        end_time=end_time,
        weekday_mismatches=_weekday_mismatches(expression.days.refs, days),
    )


def _time(clock: _Clock | None, tokens: _Tokens, written: str) -> dt.time | None:
    if clock is None:
        return None
    source = _quote(tokens.source(clock.first, clock.end))
    hour = int(clock.hour)
    if hour > 23:
        raise _error(written, f"invalid time {source}: the hour must be 0 to 23")
    if clock.minute is None:
        return dt.time(hour)
    if len(clock.minute) != 2:
        raise _error(written, f"invalid time {source}: the minutes must have two digits")
    minute = int(clock.minute)
    if minute > 59:
        raise _error(written, f"invalid time {source}: the minutes must be 00 to 59")
    return dt.time(hour, minute)


def _days(days: _Days, reference: dt.date, written: str) -> list[dt.date]:
    refs = days.refs
    months: list[int] = []
    month = 0
    for ref in reversed(refs):
        month = ref.month or month
        months.append(month)
    months.reverse()
    anchor = max((i for i, ref in enumerate(refs) if ref.year is not None), default=None)
    if anchor is None:
        dates = _nearest_reading(refs, months, reference, written)
    else:
        dates = _dates_from(refs, months, anchor, refs[anchor].year or 0, written)
    if days.consecutive:
        for before, after in itertools.pairwise(dates):
            if after.toordinal() - before.toordinal() != 1:
                raise _error(
                    written,
                    f"the days are not consecutive: {format_day(after)} "
                    f"is not the day after {format_day(before)}",
                )
    elif dates[-1] < dates[0]:
        raise _error(
            written,
            f"it ends before it starts: {format_day(dates[-1])} "
            f"comes before {format_day(dates[0])}",
        )
    return dates


_PAST_WEIGHT = 1.5
"""How much further a past day counts than a future one, when a year is left out: a
newsletter announces more than it recalls, so six months on beats six months back."""


def _nearest_reading(
    refs: tuple[_DayRef, ...], months: list[int], reference: dt.date, written: str
) -> list[dt.date]:
    """The days of a year-less expression, in the year that puts them nearest the reference.

    A weekday written beside a day settles the year when only one reading matches it
    ("lundi 16 décembre" in a January 2020 issue is 16 December 2019).
    """
    readings: list[tuple[int, float, list[dt.date]]] = []
    errors: list[tuple[float, DateError]] = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            dates = _dates_from(refs, months, len(refs) - 1, year, written)
        except DateError as error:  # 29 February in another year, or "30 février"
            if dt.MINYEAR <= year <= dt.MAXYEAR:
                errors.append((_weight(dt.date(year, months[-1], 1), reference), error))
            continue
        mismatches = len(_weekday_mismatches(refs, dates))
        readings.append((mismatches, _weight(dates[0], reference), dates))
    if not readings:  # the reason given is that of the nearest year
        raise min(errors, key=lambda weighted: weighted[0])[1]
    return min(readings, key=lambda reading: (reading[0], reading[1]))[2]


def _weight(day: dt.date, reference: dt.date) -> float:
    distance = (day - reference).days
    return distance if distance >= 0 else -distance * _PAST_WEIGHT


def _dates_from(
    refs: tuple[_DayRef, ...], months: list[int], anchor: int, year: int, written: str
) -> list[dt.date]:
    """The days when the day at ``anchor`` is in ``year``; days around it follow on."""
    years = [ref.year or 0 for ref in refs]
    years[anchor] = year
    for i in range(anchor + 1, len(refs)):
        years[i] = years[i - 1] + (1 if months[i] < months[i - 1] else 0)
    for i in range(anchor - 1, -1, -1):
        if refs[i].year is None:
            years[i] = years[i + 1] - (1 if months[i] > months[i + 1] else 0)
    return [
        _date(year, month, ref.day, written)
        for year, month, ref in zip(years, months, refs, strict=True)
    ]


def _date(year: int, month: int, day: int, written: str) -> dt.date:
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise _error(written, f"the year {year} is out of range")
    length = calendar.monthrange(year, month)[1]
    if day > length:
        raise _error(written, f"{MONTHS[month - 1]} {year} has only {length} days, not {day}")
    return dt.date(year, month, day)


def _weekday_mismatches(refs: tuple[_DayRef, ...], days: list[dt.date]) -> tuple[str, ...]:
    return tuple(
        f"{WEEKDAYS[ref.weekday]} {format_day(day)}: "
        f"{format_day(day)} is a {WEEKDAYS[day.weekday()]}"
        for ref, day in zip(refs, days, strict=True)
        if ref.weekday is not None and ref.weekday != day.weekday()
    )


# --- Messages -----------------------------------------------------------------------------

_QUOTED_LENGTH = 80


def _error(text: str, reason: str) -> DateError:
    return DateError(f"cannot read {_quote(text)} as a date: {reason}")


def _quote(text: str) -> str:
    if len(text) > _QUOTED_LENGTH:
        text = text[: _QUOTED_LENGTH - 1] + "…"
    return repr(text)


def _one_of(expected: list[str]) -> str:
    if len(expected) <= 1:
        return "".join(expected) or "a date"
    return ", ".join(expected[:-1]) + " or " + expected[-1]

"""Agenda entries by their content: a date with a title, and maybe a place, times, a status.

Each function reads the text of one entry (a line, a list item, a table row) and returns
its parts; none keeps state or writes diagnostics (the reader does). The forms read:

* ``date : title, place`` and ``date, times : title, place`` on one line;
* ``title – date, times, place`` (the date after the title);
* a table row, cut into cells by ``|`` (tabs and aligned columns become ``|`` when the
  text is read into blocks), its columns named by a header row or recognised by content;
* statuses: ``annulé(e)``, ``ANNULÉ`` (cancelled); ``reporté(e) (à une date ultérieure)``
  (postponed, with no new date); ``REPORTÉ : <new date> (au lieu des <old>)``,
  ``<new date> (initialement prévu le <old>)`` (moved: the new date, the old one kept);
  ``(sous réserve)``, ``(date à confirmer)`` (tentative).
"""

from __future__ import annotations

import datetime as dt
import re

from attrs import frozen

from ..french import fold_words
from ..model import EventStatus
from .dates_fr import DateError, FrenchWhen, parse_french_when, search_french_date
from .gazetteer import locate

__all__ = [
    "TO_BE_SET",
    "Entry",
    "Status",
    "column_names",
    "read_entry",
    "read_row",
    "split_status",
    "with_times",
]


@frozen(kw_only=True)
class Status:
    """What an entry says of its status: the status, and the first day it was moved from."""

    status: EventStatus = EventStatus.CONFIRMED
    moved_from: dt.date | None = None


@frozen(kw_only=True)
class Entry:
    """The parts of one agenda entry, as written (the place is split off later)."""

    when: FrenchWhen | None
    date_text: str
    title: str
    """The title, maybe still followed by ``, <place>``."""
    place: str | None = None
    """A place given apart from the title (a table cell, or text after the date)."""
    status: Status = Status()
    registration: str | None = None
    """A registration URL given apart from the title (a table cell)."""


_OPEN = r"[(\[]\s*"
_CLOSE = r"\s*[)\]]"
_TENTATIVE = re.compile(
    rf"\s*(?:{_OPEN})?\b(?:sous\s+r[ée]serve(?:\s+de\s+confirmation)?"
    rf"|(?:date\s+|horaires?\s+)?(?:à|a)\s+confirmer|date\s+provisoire|provisoire|[àa]\s+pr[ée]ciser"
    rf"|tbc)\b(?:{_CLOSE})?",
    re.IGNORECASE,
)
_CANCELLED = re.compile(
    rf"\s*(?:{_OPEN})?\b(?:annul[ée]e?s?|cancelled)\b(?:{_CLOSE})?\s*[:!]?", re.IGNORECASE
)
_WAS = re.compile(
    rf"{_OPEN}(?:au\s+lieu\s+(?:du|des|de|d')|initialement\s+(?:pr[ée]vu[e]?s?|programm[ée]e?s?)"
    rf"|pr[ée]c[ée]demment\s+pr[ée]vu[e]?s?|pr[ée]vu[e]?s?\s+initialement)\s*(?P<old>[^()\[\]]*)"
    rf"{_CLOSE}",
    re.IGNORECASE,
)
TO_BE_SET = re.compile(
    r"(?:date|dates)\s+(?:à|a)\s+(?:d[ée]finir|pr[ée]ciser|confirmer|venir|fixer)"
    r"|(?:à|a)\s+(?:d[ée]finir|pr[ée]ciser|fixer)|date\s+(?:inconnue|non\s+fix[ée]e)|prochainement",
    re.IGNORECASE,
)
"""A date still to be set ("date à fixer"): the entry keeps these words for its date."""
_WAS_BARE = re.compile(
    r"\b(?:au\s+lieu\s+(?=du\b|des\b|de\b)|initialement\s+(?:pr[ée]vu[e]?s?|programm[ée]e?s?)"
    r"|pr[ée]c[ée]demment\s+pr[ée]vu[e]?s?|pr[ée]vu[e]?s?\s+initialement)\s*",
    re.IGNORECASE,
)
_POSTPONED = re.compile(
    r"\s*[(\[]?\s*\b(?:report[ée]e?s?|d[ée]cal[ée]e?s?|postponed)\b"
    r"(?P<later>\s+(?:[àa]\s+une\s+date\s+ult[ée]rieure|sine\s+die|[àa]\s+une\s+date\s+"
    r"(?:[àa]\s+d[ée]finir|[àa]\s+pr[ée]ciser|inconnue|non\s+d[ée]finie)|[àa]\s+l'automne"
    r"|[àa]\s+plus\s+tard))?\s*[)\]]?\s*(?P<to>(?::|au|[àa]|en|le|du|aux)\b|:)?\s*",
    re.IGNORECASE,
)
_ANY_STATUS = re.compile(
    r"annul|report|d[ée]cal|r[ée]serve|confirmer|provisoire|pr[ée]ciser|postponed|cancelled"
    r"|\btbc\b|initialement|au\s+lieu|pr[ée]c[ée]demment|pr[ée]vu",
    re.IGNORECASE,
)
"""A word that every status mark holds, to skip the others' patterns in plain text."""
_EDGE = " \t:;,–—-|."
_DATE_ARTICLE = re.compile(r"^(?:le|les|du|de|au)$", re.IGNORECASE)
_DANGLING_DASH = re.compile(r"\s+[–—-]\s*(?=[,;:)]|$)")
"""A dash left before a comma when the word after it was a status: "Visite – ANNULÉ, Milan"."""
_TWO_SENTENCES = re.compile(r"[.!?]\s+[A-ZÀ-Ý]")
_LIST_MARK = re.compile(r"^\s*(?:[0-9]{1,2}[.)]|[-•*–▪◦·])\s+")
_URL = re.compile(r"<?(?P<url>https?://[^\s<>|]+)>?")


def split_status(text: str, reference: dt.date) -> tuple[str, Status, FrenchWhen | None, str]:
    """Take the status marks out of an entry's text.

    Returns:
        The text without them; the status; the new date when the text says "reporté au
        <date>" (``None`` otherwise); and that new date as written (empty without one).
    """
    status = EventStatus.CONFIRMED
    moved_from: dt.date | None = None
    new_when: FrenchWhen | None = None
    new_text = ""
    if _ANY_STATUS.search(text) is None:  # most text has none: one quick look
        return text, Status(), None, ""
    was = _WAS.search(text)
    if was is not None:
        moved_from = _first_day(was["old"], reference)
        text = _cut(text, was.start(), was.end())
    elif (bare := _WAS_BARE.search(text)) is not None:  # "initialement prévue le 27/01/2022"
        old = _search(text[bare.end() :], reference)
        lead = text[bare.end() : bare.end() + old[1]].strip().lower() if old else ""
        if old is not None and lead in ("", "du", "des", "de", "le", "les"):
            moved_from = old[0].first_day
            text = _cut(text, bare.start(), bare.end() + old[2])
    postponed = _POSTPONED.search(text)
    if postponed is not None:
        rest = text[postponed.end() :]
        found = None if postponed["later"] else _search(rest, reference)
        if found is not None and found[1] == 0:
            new_when, _, end = found
            new_text = rest[:end].strip()
            text = _cut(text, postponed.start(), postponed.end() + end)
            old = _search(text, reference)
            if old is not None and moved_from is None:
                moved_from = old[0].first_day
                text = _cut(text, old[1], old[2])
        else:
            text = _cut(text, postponed.start(), postponed.end())
            if moved_from is None or postponed["later"]:
                status = EventStatus.POSTPONED
    if _CANCELLED.search(text) is not None:
        text = _cut_all(_CANCELLED, text)
        status = EventStatus.CANCELLED
    if _TENTATIVE.search(text) is not None:
        text = _cut_all(_TENTATIVE, text)
        if status is EventStatus.CONFIRMED:
            status = EventStatus.TENTATIVE
    return text, Status(status=status, moved_from=moved_from), new_when, new_text


def read_entry(text: str, reference: dt.date) -> Entry | None:
    """Read a one-line entry: a date and a title, in either order, and what goes with them.

    Returns ``None`` when the text holds no date, or nothing but a date.
    """
    text = _LIST_MARK.sub("", text, count=1)
    rest, status, new_when, new_text = split_status(text, reference)
    found = _search(rest, reference)
    if found is None and new_when is not None:
        found, date_text = (new_when, 0, 0), new_text
    elif found is None and status.status is EventStatus.POSTPONED and status.moved_from:
        # "Rencontre, Casablanca : REPORTÉE (initialement prévue les 4 et 5 novembre)":
        # the event keeps its planned days, and does not take place then
        planned = _search(text, reference)
        if planned is None:
            return None
        named = rest.strip(_EDGE)
        name, _, where = named.rpartition(", ") if ", " in named else (named, "", "")
        if not name:
            return None
        return Entry(
            when=planned[0],
            date_text=text[planned[1] : planned[2]],
            title=name,
            place=where or None,
            status=Status(status=EventStatus.POSTPONED),
        )
    elif found is None and (undated := TO_BE_SET.match(rest.strip(_EDGE))) is not None:
        # "date à fixer — Séminaire — Tunis — REPORTÉ": an entry with its date in words
        stripped = rest.strip(_EDGE)
        title = stripped[undated.end() :].strip(_EDGE)
        if not title:
            return None
        return Entry(when=None, date_text=undated.group(), title=title, status=status)
    elif found is None and status.status is EventStatus.POSTPONED:
        # "Université d'été, Porto – REPORTÉE à une date ultérieure": no date at all
        said = _POSTPONED.search(text)
        title = rest.strip(_EDGE)
        if said is None or not title or _TWO_SENTENCES.search(title):
            return None
        return Entry(
            when=None, date_text=said.group().strip(_EDGE + "()[]"), title=title, status=status
        )
    elif found is None:
        return None
    else:
        date_text = rest[found[1] : found[2]].strip()
        if new_when is not None:  # "9 avril – reporté au 8 octobre": the old date stays
            status = Status(status=status.status, moved_from=found[0].first_day)
            found, date_text = (new_when, found[1], found[2]), new_text
    when, start, end = found
    if rest[:start].strip() and not rest[:start].rstrip().endswith(tuple(":,–—-|(")):
        return None  # "se réunira le 3 février": a date in running text, not after a title
    before = rest[:start].strip(_EDGE)
    after = rest[end:].strip(_EDGE)
    if before and not _DATE_ARTICLE.match(before):
        title, place = before, (after or None)
    else:
        title, place = after, None
    if not title or _TWO_SENTENCES.search(title) or len(before) > 160:
        return None  # running text that mentions a date, not an entry
    if before and place is not None and when.start_time is None:
        times, _, rest_place = place.partition(" – ")  # "title – de 9 h à 12 h – place"
        timed = with_times(date_text, times, reference)
        if timed is not None:
            (when, date_text), place = timed, rest_place or None
    if when is not None and status.moved_from == when.first_day:
        status = Status(status=status.status)
    return Entry(when=when, date_text=date_text, title=title, place=place, status=status)


def with_times(date_text: str, times: str, reference: dt.date) -> tuple[FrenchWhen, str] | None:
    """The date read with the times written after it, and the words they make.

    "jeudi 16 janvier" and "10h – 12h" give one date with times; ``None`` when the two do
    not read as one.
    """
    joined = f"{date_text}, {times}"
    try:
        when = parse_french_when(joined, reference=reference)
    except DateError:
        return None
    return (when, joined) if when.start_time is not None else None


_COLUMNS = (
    ("date", r"dates?|jours?|quand|le|date et heure|date et horaires?|date et lieu"),
    ("time", r"heures?|horaires?|creneau|de a"),
    (
        "title",
        r"evenements?|titre|intitule|rencontres?|reunions?|manifestations?|objet|quoi|"
        r"rendez vous|activites?|sujet|theme|nom|libelle|programme",
    ),
    ("place", r"lieux?|villes?|ou|adresse|endroit|localisation|site"),
    ("registration", r"inscriptions?|liens?|inscription lien|url|s inscrire"),
    ("status", r"statut|etat|status|remarques?|observations?|notes?|commentaires?"),
)


def column_names(cells: list[str]) -> list[str] | None:
    """For a header row ("Date | Événement | Lieu"), what each column holds; else ``None``."""
    names = []
    for cell in cells:
        key = fold_words(cell)
        name = next((n for n, pattern in _COLUMNS if re.fullmatch(pattern, key)), None)
        if name is None and key:
            return None
        names.append(name or "")
    return names if "date" in names or "title" in names else None


def read_row(cells: list[str], columns: list[str] | None, reference: dt.date) -> Entry | None:
    """Read a table row into an entry, by the header's column names or by each cell's content.

    Returns ``None`` when no cell holds a date.
    """
    named: dict[str, str] = {}
    if columns is not None and len(cells) < len(columns):  # "… | Lieu |": empty cells last
        cells = [*cells, *[""] * (len(columns) - len(cells))]
    if columns is not None and len(columns) == len(cells):
        for name, cell in zip(columns, cells, strict=True):
            if name and cell.strip(" -–—"):
                named[name] = f"{named[name]} {cell}" if name in named else cell
    else:
        named = _guess_columns(cells, reference)
    date_text = " ".join(part for part in (named.get("date"), named.get("time")) if part)
    extra = " ".join(v for k, v in named.items() if k in ("status",))
    title = named.get("title", "")
    entry = read_entry(f"{date_text} : {title} {extra}".strip(), reference)
    if entry is None:
        if not date_text:
            return None
        rest, status, _, _ = split_status(f"{date_text} {extra}", reference)
        entry = Entry(when=None, date_text=rest.strip(_EDGE), title=title, status=status)
    cell = named.get("registration", "")
    url = _URL.search(cell)
    place = named.get("place")
    place_rest, place_status, _, _ = (
        split_status(place, reference) if place else ("", None, None, "")
    )
    status = entry.status
    if place_status is not None and place_status.status is not EventStatus.CONFIRMED:
        status = place_status
    return Entry(
        when=entry.when,
        date_text=entry.date_text,
        title=entry.title,
        place=place_rest.strip(_EDGE) or entry.place,
        status=status,
        registration=url["url"] if url else ("#" if cell.strip(_EDGE) else None),
    )


def _guess_columns(cells: list[str], reference: dt.date) -> dict[str, str]:
    """Name the cells of a row without a header: the date, a URL, a known place, the title."""
    named: dict[str, str] = {}
    rest: list[str] = []
    for cell in cells:
        text = cell.strip()
        if not text or text in "-–—":
            continue
        found = _search(text, reference)
        if "date" not in named and found is not None and found[1] == 0:
            named["date"] = text
        elif "registration" not in named and _URL.fullmatch(text):
            named["registration"] = text
        elif "place" not in named and locate(text) is not None and rest:
            named["place"] = text
        else:
            rest.append(text)
    if rest:
        named["title"] = rest[0]
    if len(rest) > 1 and "place" not in named:
        named["place"] = rest[-1]
        named["title"] = " – ".join(rest[:-1])
    return named


def _search(text: str, reference: dt.date) -> tuple[FrenchWhen, int, int] | None:
    try:
        return search_french_date(text, reference=reference)
    except DateError:
        return None


def _first_day(text: str, reference: dt.date) -> dt.date | None:
    found = _search(text, reference)
    return found[0].first_day if found is not None else None


def _cut(text: str, start: int, end: int) -> str:
    before, after = text[:start].rstrip(), text[end:].lstrip()
    if after[:1] in ("", ",", ";", ")"):
        before = _DANGLING_DASH.sub("", before)
    if before and after and not before.endswith(tuple(_EDGE)):
        return f"{before} {after}"
    return f"{before} {after}".strip()


def _cut_all(pattern: re.Pattern[str], text: str) -> str:
    cut = _DANGLING_DASH.sub("", pattern.sub(" ", text))
    return " ".join(cut.split()).strip(" :;,–—-") or text

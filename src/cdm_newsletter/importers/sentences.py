"""What the reader takes out of one title or paragraph: place, registration, calls, staff moves.

Each function reads one piece of text and returns model values; none keeps
state or writes diagnostics (the reader does), so each is tested on its own.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import FundingCall, Link, Person, Place, StaffChange, StaffChangeKind
from ..model._checks import is_web_url
from ..model.text import spans_to_plain
from .dates_fr import DateError, search_french_date
from .gazetteer import locate
from .inline import parse_inline
from .recognise import EMAIL
from .recognise import reveal_email as _reveal_email

__all__ = [
    "is_a_place",
    "mentions_deadline",
    "read_funding_call",
    "read_staff_changes",
    "split_place",
    "split_registration",
    "web_url",
]

_REGISTRATION = re.compile(
    r"\s*[:,–—-]?\s*(?:\*{1,2}\s*inscriptions?\s*\*{1,2}|\[inscriptions?\]\((?P<target>[^()\s]*)\)"
    r"|inscriptions?)\s*(?:[:–—-]\s*)?(?P<url><?(?:https?://|www\.)[^\s<>]+>?)?\s*[.;]?\s*$",
    re.IGNORECASE,
)
_DEADLINE = re.compile(
    r"[,;.(–—-]?\s*(?:\bdate\s+limite\b\s*(?:de\s+(?:d[ée]p[ôo]t|candidature)s?\s*)?"
    r"|\bcl[ôo]ture(?:\s+(?:des\s+candidatures|du\s+d[ée]p[ôo]t|de\s+l.appel))?\b\s*"
    r"|\b[ée]ch[ée]ance\b\s*|(?<![\w'’])jusqu.au\s+(?=[0-9]|le\b|l.))"
    r":?\s*(?:le\s+(?=[0-9]))?",
    re.IGNORECASE,
)
_PROGRAMMES = (
    (re.compile(r"\berasmus\s*\+", re.IGNORECASE), "Erasmus+"),
    (re.compile(r"\bhorizon\s+(?:europe|2020)\b", re.IGNORECASE), "Horizon Europe"),
    (re.compile(r"\binterreg\b", re.IGNORECASE), "Interreg"),
    (re.compile(r"\bfse\s*\+|\bfonds social europ[ée]en\b", re.IGNORECASE), "FSE+"),
    (re.compile(r"\beurope\s+cr[ée]ative\b", re.IGNORECASE), "Europe créative"),
)
_NAME = (
    r"(?P<name>(?<![\w'’-])[A-ZÀ-Ý][\w'’-]+"  # from a word's start: each word read once
    r"(?:\s+(?:(?:de|du|des|le|la|van|von|da|dos|di)\s+)?[A-ZÀ-Ý][\w'’-]+){0,4})"
)
# A role ends at punctuation, or where the sentence goes on to say where (a preposition
# before a capitalised name: "Directrice de la Cité ...") or when ("... le 30 septembre").
_ROLE = (
    r"(?P<role>[^.;,()]{1,120}?)(?="  # bounded: each try is short, the search linear
    r"\s+(?:de la|du|de l['’]|des|à la|à l['’]|au|aux|auprès de|au sein de|pour)\s+[A-ZÀ-Ý]"
    r"|\s+(?:le|du|au)\s+\d|\s+(?:à compter|à partir|dès|depuis|en remplacement)\b"
    r"|\s*[.;,()]|\s*$)"
)
_DEPARTURE = re.compile(
    _NAME + r"\s+(?:quitte|a quitté|quittera|quittent)\s+(?:ses|son|sa|leurs?)\s+"
    r"(?:fonctions|poste|mission)\s+(?:de|d'|d’)\s*" + _ROLE
)
_ARRIVALS = (
    re.compile(
        _NAME + r"\s+(?:rejoint|a rejoint|rejoindra|arrive|est arrivée?|a intégré|intègre)\b"
        r"[^.;]{0,160}?\b(?:en tant que|comme|au poste de|en qualité de)\s+" + _ROLE
    ),
    re.compile(_NAME + r"\s+(?:a été nommée?|est nommée?|devient|sera)\s+" + _ROLE),
    re.compile(
        _NAME
        + r"\s+(?:prend|a pris|prendra)\s+(?:ses|son)\s+(?:fonctions|poste)\s+(?:de|d'|d’)\s*"
        + _ROLE
    ),
)
_CONTACT_POINT = re.compile(
    r"(?:point de contact|contact|interlocut\w+|intérim|interim)[^.;:]{0,80}?\s"
    r"(?:(?:est|sera|reste)(?:\s+désormais|\s+dorénavant)?(?:\s+assurée?\s+par)?"
    r"|assurée?\s+par)\s+" + _NAME + rf"(?:[^.;@]{{0,80}}?[\s:(<](?P<email>{EMAIL})|)"
)
_URL_ONLY = re.compile(r"<?(?P<url>(?:https?://|www\.)[^\s<>]+)>?")


def split_registration(title: str) -> tuple[str, str | None] | None:
    """Take a registration mark (``: *inscription*`` and maybe a URL) off the end of a title.

    Returns:
        ``None`` without a mark; else the title without it and the URL given, if any
        (not checked: the caller decides what to do with a bad one).
    """
    match = _REGISTRATION.search(title)
    if match is None or match.start() == 0:
        return None
    url = (match["url"] or match["target"] or "").strip("<>")
    if url.lower().startswith("www."):
        url = "https://" + url
    return title[: match.start()].rstrip(" ,:–—-"), (url or None)


def split_place(title: str, default_timezone: str) -> tuple[str, Place | None]:
    """Split ``"<title>, <place>"``; the place's city, country and zone come from the gazetteer.

    A place the gazetteer does not know takes ``default_timezone``.
    """
    if ", " not in title:
        dashed = _DASHED_PLACE.fullmatch(title)
        if dashed is None or not is_a_place(dashed["place"]):
            return title, None
        title = f"{dashed['name']}, {dashed['place']}"
    name, place_name = title.rsplit(", ", 1)
    place_name = place_name.strip(" .;:")
    if not place_name or not name.strip() or len(place_name) > 80:
        return title, None
    city = locate(place_name)
    place = Place(
        name=place_name,
        city=city.name if city is not None else None,
        country=city.country if city is not None else None,
        timezone=city.timezone if city is not None else default_timezone,
    )
    return name.strip(), place


_DASHED_PLACE = re.compile(r"(?P<name>.+\S)\s+[–—-]\s+(?P<place>[^–—]+?)\s*")
_ONLINE_OR_CENTRE = re.compile(
    r"(?:en )?(?:ligne|visio(?:conf[ée]rence)?|distanciel|webinaire|zoom|teams)\b"
    r"|cit[ée] des m[ée]tiers\b",
    re.IGNORECASE,
)


def is_a_place(text: str) -> bool:
    """Whether text after a dash names a place: a city of the gazetteer, a centre, online."""
    return len(text) <= 80 and (
        locate(text) is not None or _ONLINE_OR_CENTRE.match(text) is not None
    )


def mentions_deadline(text: str) -> bool:
    """Whether a paragraph gives a deadline ("date limite ...")."""
    return _DEADLINE.search(text) is not None


def read_funding_call(text: str, *, reference: dt.date) -> tuple[FundingCall, bool] | None:
    """Read "<title>, date limite <date>. [Lien](url)" into a funding call.

    Returns:
        ``None`` when the deadline or the title cannot be read; else the call, and
        whether the paragraph says nothing more than the call.
    """
    deadline_at = _DEADLINE.search(text)
    if deadline_at is None:
        return None
    try:
        found = search_french_date(text[deadline_at.end() :], reference=reference)
    except DateError:
        return None
    if found is None:
        return None
    when, start, end = found
    title_spans, _ = parse_inline(text[: deadline_at.start()])
    title = spans_to_plain(span for span in title_spans if not isinstance(span, Link))
    title = title.strip(" ,;:–—-*•")
    after_date = deadline_at.end() + end
    if not title and start == 0:  # "jusqu'au 22 mars 2023 : Erasmus+, Partenariats…"
        title_spans, _ = parse_inline(text[after_date:])
        title = spans_to_plain(span for span in title_spans if not isinstance(span, Link))
        title = title.strip(" ,;:–—-.")
        after_date = len(text)
    if not title:
        return None
    spans, _ = parse_inline(text)
    links = [span for span in spans if isinstance(span, Link)]
    programme = next((name for pattern, name in _PROGRAMMES if pattern.search(title)), None)
    call = FundingCall(
        title=title, deadline=when.last_day, programme=programme, link=links[0] if links else None
    )
    rest_spans, _ = parse_inline(text[after_date:])
    rest = spans_to_plain(span for span in rest_spans if not isinstance(span, Link))
    return call, not rest.strip(" .,;:()–—-") and len(links) <= 1


_PERSON = (
    r"(?P<name>(?:(?<![\w'’-])[A-ZÀ-Ý][\w'’]*(?:-[A-ZÀ-Ý][\w'’]*)*)"
    r"(?:\s+(?:(?:de|du|des|le|la|van|von|der|den|da|dos|das|di|del|della|i|y|e|el|ben|bin|ibn)\s+)*"
    r"[A-ZÀ-Ý][\w'’]*(?:-[A-ZÀ-Ý][\w'’]*)*){1,4})"
)
_NOT_A_FIRST_NAME = frozenset(
    {
        "Le",
        "La",
        "Les",
        "L",
        "Nous",
        "Elle",
        "Il",
        "Elles",
        "Ils",
        "Cité",
        "Cités",
        "Toute",
        "Tout",
        "Après",
        "Avant",
        "À",
        "A",
        "Au",
        "Aux",
        "Bienvenue",
        "Son",
        "Sa",
        "Ses",
        "Leur",
        "Pendant",
        "Depuis",
        "Une",
        "Un",
        "Des",
        "Ce",
        "Cette",
        "Cet",
        "Ces",
        "Dès",
        "En",
        "Dans",
        "Pour",
        "Par",
        "Sur",
        "Chez",
        "Madame",
        "Monsieur",
        "Mme",
        "M",
        "Directeur",
        "Directrice",
        "Réseau",
        "Région",
        "Conseil",
        "Enfin",
        "Ainsi",
        "Très",
        "Merci",
    }
)
_APPOSITION = r"(?:\s*,[^,.;:()]{1,160},|\s*\([^()]{1,160}\))?"
_LEAVES = (
    r"(?:quitte|a quitté|quittera|quittent|ont quitté|part(?:ira)? à la retraite|a pris sa retraite"
    r"|prend(?:ra)? sa retraite|fait valoir ses droits à la retraite|nous quitte|nous a quittés?"
    r"|cesse(?:ra)? ses fonctions|a cessé ses fonctions|termine sa mission|achève sa mission"
    r"|quittera bientôt|s'en va|s’en va|laisse sa place)\b"
)
_JOINS = (
    r"(?:rejoint|a rejoint|rejoindra|rejoignent|arrive|est arrivée?|arrivera|a intégré|intègre"
    r"|intégrera|a été nommée?|est nommée?|sera nommée?|vient d'être nommée?|vient d’être nommée?"
    r"|a été désignée?|est désignée?|a été recrutée?|est recrutée?|devient|deviendra"
    r"|prend(?:ra)? ses fonctions|a pris ses fonctions|prend(?:ra)? la (?:direction|tête|suite)"
    r"|a pris la (?:direction|tête|suite)|lui succède|succède|succédera"
    r"|est le nouveau|est la nouvelle"
    r"|a été élue?|est élue?|renforce l'équipe|renforce l’équipe)\b"
)
_MOVE = re.compile(
    _PERSON + _APPOSITION + r"\s+(?:(?P<leaves>" + _LEAVES + r")|(?P<joins>" + _JOINS + r"))"
)
_WELCOME = re.compile(r"\b(?i:bienvenue|la bienvenue|un accueil chaleureux)\s+(?:à|a)\s+" + _PERSON)
_INTERIM = re.compile(
    r"(?i:intérim|interim|remplacement|suppléance|transition)[^.;]{0,60}?\b(?:assurée?|tenue?)"
    r"\s+par\s+"
    + _PERSON
    + r"|"
    + _PERSON.replace("?P<name>", "?P<acting>")
    + r"\s+(?:assure(?:ra)?|assurera) (?:l'|l’)?(?:intérim|interim|la suppléance)"
)
_REPLACES = re.compile(
    r"\b(?:succède|succédera|a succédé|remplace|remplacera|a remplacé|prend la suite"
    r"|prend la relève"
    r"|prendra la suite|prendra la relève)\s+(?:à|de|d'|d’)?\s*" + _PERSON
)
_PREPOSITION_BEFORE = re.compile(r"(?:\b(?:de|du|des|à|au|aux)|[dl]['’])\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«])")


def _person_name(
    text: str, match: re.Match[str], group: str = "name", *, after_preposition: bool = False
) -> str:
    """The name a match found, without the end of a place glued before it.

    "Cité des métiers de Nantes Claire Morvan" (a heading line joined to its paragraph)
    gives "Claire Morvan": a first word that is a city of the gazetteer, or that follows
    "de", "du", "à"..., belongs to the place.
    """
    words = match[group].split()
    start = match.start(group)
    before = text[max(0, start - 12) : start]  # a window: the preposition is just before
    while len(words) > 2 and (
        locate(words[0]) is not None
        or (not after_preposition and _PREPOSITION_BEFORE.search(before))
    ):
        before = f"{before}{words.pop(0)} "
    return " ".join(words)


def _is_person(name: str) -> bool:
    first = re.split(r"[\s'’-]", name, maxsplit=1)[0]
    return first not in _NOT_A_FIRST_NAME and len(name.split()) >= 2


def read_staff_changes(text: str, organisation: str) -> tuple[list[StaffChange], Person | None]:
    """Read arrivals, departures and a contact point out of a paragraph.

    A person named as the interim or the point of contact is not a move.

    Returns:
        The changes (each with the paragraph's contact point), and the contact
        point, which may also belong to a change told in an earlier paragraph.
    """
    text = _reveal_email(text)
    point = _CONTACT_POINT.search(text)
    contact_point = None if point is None else Person(name=point["name"], email=point["email"])
    not_moving = {point["name"]} if point is not None else set()
    for interim in _INTERIM.finditer(text):
        not_moving.add(interim["name"] or interim["acting"])
    patterns = [(_DEPARTURE, StaffChangeKind.DEPARTURE)]
    patterns += [(pattern, StaffChangeKind.ARRIVAL) for pattern in _ARRIVALS]
    found: list[tuple[int, str, StaffChangeKind, str | None]] = []
    named: set[str] = set()
    for pattern, kind in patterns:
        for match in pattern.finditer(text):
            name = _person_name(text, match)
            if name in named or name in not_moving or not _is_person(name):
                continue  # one change per person and paragraph: the first pattern wins
            named.add(name)
            found.append((match.start(), name, kind, match["role"].strip() or None))
    starts = [0, *(boundary.end() for boundary in _SENTENCE_END.finditer(text))]
    ends = [*starts[1:], len(text)]
    for offset, end in zip(starts, ends, strict=True):
        sentence = text[offset:end]
        for match in _WELCOME.finditer(sentence):
            name = _person_name(sentence, match, after_preposition=True)
            found.append((offset + match.start(), name, StaffChangeKind.ARRIVAL, None))
        for match in _MOVE.finditer(sentence):
            kind = StaffChangeKind.DEPARTURE if match["leaves"] else StaffChangeKind.ARRIVAL
            found.append((offset + match.start(), _person_name(sentence, match), kind, None))
        for match in _REPLACES.finditer(sentence):  # "Elle succède à X": X leaves
            name = _person_name(sentence, match, after_preposition=True)
            found.append((offset + match.start("name"), name, StaffChangeKind.DEPARTURE, None))
    changes: list[StaffChange] = []
    for _, name, kind, role in sorted(found, key=lambda item: item[0]):
        if (
            name in not_moving
            or not _is_person(name)
            or any(change.person.name == name for change in changes)
        ):
            continue
        changes.append(
            StaffChange(
                organisation=organisation,
                person=Person(name=name),
                kind=kind,
                role=role,
                contact_point=contact_point,
            )
        )
    return changes, contact_point


def web_url(text: str) -> str | None:
    """The URL when ``text`` is only a web address (``<http://...>``, ``www....``)."""
    match = _URL_ONLY.fullmatch(text)
    if match is None:
        return None
    url = match["url"]
    url = "https://" + url if url.lower().startswith("www.") else url
    return url if is_web_url(url) else None

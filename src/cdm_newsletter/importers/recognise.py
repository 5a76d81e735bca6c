"""Recognisers for the parts of an InfoLettre: headings, labels, names, e-mails, closings.

Each function looks at the text of one block and says what it is; none keeps
state. They are tolerant of case, accents, stray spaces and punctuation, so
that "ARRIVEES/ DEPARTS", "Arrivées / Départs" and "arrivees-departs" are the
same heading.
"""

from __future__ import annotations

import re

from ..french import MONTHS, WEEKDAYS, fold, fold_words
from ..model import EventCategory, SectionKind
from ..model._checks import is_email

__all__ = [
    "AGENDA",
    "EDITORS",
    "agenda_category",
    "caps_heading",
    "closing_formula",
    "contact_label",
    "heading_of",
    "looks_like_a_date",
    "name_and_role",
    "name_like",
    "salutation",
    "split_email_line",
]

AGENDA = "agenda"
"""What :func:`heading_of` returns for an agenda heading."""
EDITORS = "editors"
"""What :func:`heading_of` returns for the editorial team's heading."""

_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_SUPERSCRIPT = re.compile(r"\^\{[^{}]*\}")
_SECTION_TITLES: tuple[tuple[re.Pattern[str], SectionKind | str], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (
            r"agenda des partenaires|agenda partenaires?|partenaires agenda",
            SectionKind.PARTNER_AGENDA,
        ),
        (r"agenda|l agenda|agenda du reseau|calendrier", AGENDA),
        (
            r"(les )?nouvelles des (cdm|cites des metiers|membres)|vie des cites( des metiers)?",
            SectionKind.MEMBER_NEWS,
        ),
        (
            r"(les )?nouvelles du reseau|vie du reseau|actualites du reseau",
            SectionKind.NETWORK_NEWS,
        ),
        (
            r"financements?( europeens?)?|appels? (a|aux) (projets|propositions)",
            SectionKind.FUNDING,
        ),
        (
            r"arrivees? ?(et )?departs?|departs? ?(et )?arrivees?|mouvements( de personnel)?",
            SectionKind.STAFF_MOVES,
        ),
        (r"adresses? de contact|contacts? du reseau|nous contacter", SectionKind.CONTACT),
        (r"l ?equipe redactionnelle|equipe de redaction|comite de redaction", EDITORS),
    )
)
_SALUTATION = re.compile(
    r"(cher|chere|cheres|chers)\b|cher\(e\)s|madame, monsieur|bonjour a (toutes|tous)"
)
_CLOSING = re.compile(
    r"(bien |tres |tres bien |avec mes )?(sinceres |meilleures |cordiales )?"
    r"(cordialement|salutations|amities|a bientot|bien a vous|bonne lecture( a toutes et a tous)?)"
    r"|je vous prie d.agreer.*|recevez.*salutations.*"
)
_CONTACT_LABEL = re.compile(r"contacts?\s*:\s*(?P<rest>.*)", re.IGNORECASE | re.DOTALL)
_AGENDA_SUBHEADING = re.compile(
    r"(autres )?(reunions|evenements|rencontres|rendez vous|manifestations|dates)"
    r"( (internes?|externes?|des partenaires|partenaires|du reseau|a venir|importantes|a retenir))?"
)
_NAME_WORD = re.compile(
    r"(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|(?:de|du|des|d'|d’|le|la|van|von|da|dos|di|del|el|ben|ibn|y|e)$)"
)
_DATE_WORDS = re.compile(
    r"\b(\d{1,2}(er)?|" + "|".join(fold(word) for word in (*MONTHS, *WEEKDAYS)) + r")\b"
)
_EMAIL_LINE = re.compile(
    rf"(?:(?P<name>.+?)\s*(?:[:,–—-]|\(|\bà\b|(?=<))\s*)?<?(?:mailto:)?(?P<email>{_EMAIL})>?\)?\s*\.?"
)


def heading_of(text: str) -> SectionKind | str | None:
    """The kind of a known heading (a :class:`SectionKind`, :data:`AGENDA` or :data:`EDITORS`).

    Returns ``None`` for any other text, including a label such as "Contact :".
    """
    if len(text) > 60 or text.rstrip().endswith((":", ",", ".")):
        return None
    key = fold_words(text)
    for pattern, kind in _SECTION_TITLES:
        if pattern.fullmatch(key):
            return kind
    return None


def caps_heading(text: str) -> bool:
    """Whether ``text`` is written in capitals, as the InfoLettre writes its titles."""
    letters = [char for char in _SUPERSCRIPT.sub("", text) if char.isalpha()]
    if len(letters) < 4 or "@" in text or "://" in text:
        return False
    upper = sum(1 for char in letters if char.isupper())
    return upper >= 0.85 * len(letters)


def agenda_category(text: str) -> EventCategory | None:
    """The category an agenda sub-heading sets ("Réunions internes"), or ``None``."""
    key = fold_words(text)
    if len(text) > 60 or not _AGENDA_SUBHEADING.fullmatch(key):
        return None
    if "partenaire" in key:
        return EventCategory.PARTNER
    if "interne" in key:
        return EventCategory.INTERNAL
    if "externe" in key:
        return EventCategory.EXTERNAL
    return EventCategory.OTHER


def salutation(text: str) -> bool:
    """Whether ``text`` opens a letter ("Cher(e)s membres et partenaires, ...")."""
    return _SALUTATION.match(fold(text)) is not None and len(text) <= 200


def closing_formula(text: str) -> bool:
    """Whether ``text`` is a closing formula ("Sincères salutations,", "Bien cordialement,")."""
    return len(text) <= 120 and _CLOSING.fullmatch(fold_words(text)) is not None


def contact_label(text: str) -> str | None:
    """For a "Contact :" label, what follows the colon (maybe empty); else ``None``."""
    match = _CONTACT_LABEL.fullmatch(text.strip())
    return None if match is None else match["rest"].strip()


def name_like(text: str) -> bool:
    """Whether ``text`` reads as a person's name ("Abdoul DOUAKANI", "Fabien Le Mao")."""
    words = text.split()
    if not 1 <= len(words) <= 6 or any(char.isdigit() for char in text) or "@" in text:
        return False
    if text.rstrip().endswith((".", ":", ";", "!", "?")) and not re.search(r"\b[A-Z]\.$", text):
        return False
    return words[0][0].isupper() and all(_NAME_WORD.match(word) for word in words)


def name_and_role(text: str) -> tuple[str, str | None] | None:
    """Split "Name" or "Name, Role" (an editor, a contact) into (name, role), else ``None``."""
    name, _, role = text.partition(", ")
    name, role = name.strip(), role.strip()
    if not name_like(name) or len(role) > 80 or "@" in role:
        return None
    return name, (role or None)


_MAILTO_LINK = re.compile(rf"\[(?P<label>[^\[\]]+)\]\(mailto:(?P<email>{_EMAIL})\)\s*\.?")


def split_email_line(text: str) -> tuple[str | None, str] | None:
    """Split "Name : e-mail", "Name (e-mail)", "<e-mail>" or "e-mail" into (name, e-mail).

    A name linked to its address, ``[Name](mailto:e-mail)``, is read too; a label of
    one word ("Écrire") gives no name, so the name given just before is kept.

    Returns ``None`` when the text is not such a line or the address is not valid.
    """
    linked = _MAILTO_LINK.fullmatch(text.strip())
    if linked is not None and is_email(linked["email"]):
        label = linked["label"].strip()
        named = name_like(label) and len(label.split()) >= 2  # "Ana Silva", not "Écrire"
        return (label if named else None), linked["email"]
    match = _EMAIL_LINE.fullmatch(text.strip())
    if match is None or not is_email(match["email"]):
        return None
    name = match["name"].strip(" ,:–—-(") if match["name"] else None
    return (name or None), match["email"]


def looks_like_a_date(text: str) -> bool:
    """Whether ``text`` seems meant as a date (a day number, a month or a weekday)."""
    return len(text) <= 80 and _DATE_WORDS.search(fold(text)) is not None

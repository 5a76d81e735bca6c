"""Recognisers for the parts of an InfoLettre: headings, labels, names, e-mails, closings.

Each function looks at the text of one block and says what it is; none keeps
state. They are tolerant of case, accents, stray spaces and punctuation, so
that "ARRIVEES/ DEPARTS", "Arrivées / Départs" and "arrivees-departs" are the
same heading.
"""

from __future__ import annotations

import functools
import re

from ..french import MONTHS, WEEKDAYS, fold, fold_words
from ..model import EventCategory, SectionKind
from ..model._checks import is_email

__all__ = [
    "AGENDA",
    "EDITORIAL",
    "EDITORS",
    "EMAIL",
    "agenda_category",
    "caps_heading",
    "closing_formula",
    "contact_label",
    "heading_of",
    "looks_like_a_date",
    "name_and_role",
    "name_like",
    "reveal_email",
    "salutation",
    "split_email_line",
    "strip_heading_number",
]

AGENDA = "agenda"
"""What :func:`heading_of` returns for an agenda heading."""
EDITORS = "editors"
"""What :func:`heading_of` returns for the editorial team's heading."""
EDITORIAL = "editorial"
"""What :func:`heading_of` returns for the editorial's heading ("ÉDITO")."""

EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
"""An e-mail address, as the readers of the text find one."""
_SUPERSCRIPT = re.compile(r"\^\{[^{}]*\}")
_SECTION_TITLES: tuple[tuple[re.Pattern[str], SectionKind | str], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        # Written in the singular, without accents or articles' apostrophes: see _heading_key.
        (
            r"(l )?agenda (de|des) partenaire|agenda partenaire|partenaire agenda"
            r"|(chez|avec) (nos|les) partenaire|(evenement|rendez vous|rencontre|manifestation)"
            r" (de|des|chez) (nos )?partenaire|du cote des partenaire|agenda externe",
            SectionKind.PARTNER_AGENDA,
        ),
        (
            r"(l )?agenda( du reseau| de l infolettre| interne| du mois)?"
            r"|(le )?calendrier( du reseau| de l infolettre| des evenement)?"
            r"|(nos |les )?(prochain )?(rendez vous|rencontre|evenement|reunion|date)"
            r"( du reseau)? (a venir|a retenir|important)"
            r"|(nos |les )?prochain (rendez vous|rencontre|evenement|reunion|date)( du reseau)?"
            r"|(nos |les )?rendez vous( du reseau)?|a (vos|noter dans vos) agenda|a noter"
            r"|save the date|a venir|agenda et evenement",
            AGENDA,
        ),
        (
            r"(l )?edito(rial)?( de la presidente| du president)?"
            r"|(le )?mot (de la|du|des) (presidente?|presidence|coordinat\w*|directeur|directrice"
            r"|bureau|comite executif)|(le )?mot d accueil|lettre (de la|du) presiden\w*",
            EDITORIAL,
        ),
        (
            r"(les )?(nouvelle|actualite|echo|news) des (cdm|cite( des metier)?|membre)"
            r"|vie des (cite( des metier)?|cdm|membre)|du cote des (cite( des metier)?|cdm|membre)"
            r"|(en direct|des nouvelle) des (cite( des metier)?|cdm|membre)"
            r"|dans (les|nos) cite( des metier)?|les cite des metier en action",
            SectionKind.MEMBER_NEWS,
        ),
        (
            r"(les )?(nouvelle|actualite|echo|news) du reseau( international)?|(la )?vie du reseau"
            r"|du cote du reseau|en direct du reseau|le reseau en action|(le |notre )?reseau"
            r"|le reseau international( des cite des metier)?",
            SectionKind.NETWORK_NEWS,
        ),
        (
            r"(les )?financement( europeen)?|(les )?appel (a|aux) (projet|proposition|candidature)"
            r"( europeen)?|opportunite de financement|(les )?programme europeen"
            r"|appel (a|aux) projet et financement|financement et appel (a|aux) projet",
            SectionKind.FUNDING,
        ),
        (
            r"arrivee ?(et )?depart|depart ?(et )?arrivee|(les )?mouvement( de personnel"
            r"| dans le reseau| dans les equipe)?|(le )?carnet|nomination|du cote des equipe"
            r"|(les )?equipe bougent"
            r"|ils nous (rejoignent|quittent)( ils nous (rejoignent|quittent))?"
            r"|changement dans les equipe|bienvenue et au revoir"
            r"|ca bouge( dans les equipe| au reseau)?"
            r"|(les )?(nomination|arrivee|depart|mouvement)( (et|,) (nomination|arrivee|depart))+"
            r"|du mouvement dans les equipe|(la )?vie des equipe|(les )?equipe"
            r"|ils (arrivent|partent|nous rejoignent|nous quittent)( ils (arrivent|partent"
            r"|nous rejoignent|nous quittent))?|(les )?(arrivee|depart|nomination)",
            SectionKind.STAFF_MOVES,
        ),
        (
            r"adresse de contact|contact( du reseau| infolettre| de l infolettre)?"
            r"|nous contacter|pour nous (contacter|ecrire|joindre)|ecrivez nous|contactez nous"
            r"|nous ecrire",
            SectionKind.CONTACT,
        ),
        (
            r"en bref|(les )?breve|(les )?publication|(le )?portrait|a lire|(les )?ressource"
            r"|le saviez vous|focus|zoom sur .*|(le )?dossier( du mois)?|(les )?temoignage"
            r"|a la une|revue de presse|(a )?(voir|lire) et (a )?(lire|voir|ecouter)"
            r"|(les )?outil|(les )?etude( et publication)?|(les )?chiffre cle",
            SectionKind.OTHER,
        ),
        (
            r"l ?equipe redactionnelle|(l )?equipe de (la )?redaction|comite de redaction"
            r"|ont contribue a ce numero|(la )?redaction|l equipe de l infolettre",
            EDITORS,
        ),
    )
)
_NOT_PLURALS = frozenset(
    {
        "vous",
        "nous",
        "sous",
        "plus",
        "dans",
        "apres",
        "pres",
        "des",
        "les",
        "mes",
        "tes",
        "ses",
        "ces",
        "tous",
        "temps",
        "fois",
        "mois",
        "pays",
        "cours",
        "paris",
        "depuis",
        "ailleurs",
    }
)
_HEADING_NUMBER = re.compile(r"^\s*(?:[0-9]{1,2}|[IVXivx]{1,4}|[A-Ha-h])\s*[.)/–—-]\s+(?=\S)")
_HEADING_SUFFIX = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\]|\s[–—-]\s.*)$")


def _singular(word: str) -> str:
    if len(word) <= 3 or word in _NOT_PLURALS:
        return word
    if word.endswith("aux"):
        return word[:-3] + "al"
    return word[:-1] if word.endswith(("s", "x")) else word


def _heading_key(text: str) -> str:
    return " ".join(_singular(word) for word in fold_words(text).split())


def strip_heading_number(text: str) -> str:
    """A heading without its number: ``"2. ÉDITORIAL"`` and ``"II – Agenda"`` give the title."""
    return _HEADING_NUMBER.sub("", text, count=1)


_SALUTATION = re.compile(
    r"(cher|chere|cheres|chers)\b|cher\(e\)s|madame, monsieur|bonjour a (toutes|tous)"
)
_CLOSING = re.compile(
    r"(bien |tres |tres bien |avec mes )?(sinceres |meilleures |cordiales )?"
    r"(cordialement|salutations|amities|a bientot|bien a vous|bonne lecture( a toutes et a tous)?)"
    r"|je vous prie d.agreer.*|recevez.*salutations.*"
)
_CONTACT_LABEL = re.compile(
    r"(?:contacts?(?: [^:\s@]+(?: [^:\s@]+){0,3})?|pour en savoir plus|plus d.informations?"
    r"|renseignements?|informations?"
    r"|interlocut(?:eur|rice)s?|r[ée]f[ée]rent(?:e|es|s)?|pour tout renseignement)"
    r"\s*:\s*(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
_AGENDA_SUBHEADING = re.compile(
    r"(autres )?(reunions|evenements|rencontres|rendez vous|manifestations|dates)"
    r"( (internes?|externes?|des partenaires|partenaires|du reseau|a venir|importantes|a retenir))?"
)
_NAME_WORD = re.compile(
    r"(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|(?:de|du|des|d'|d’|le|la|van|von|da|dos|di|del|el|ben|ibn|y|e|i)$)"
)
_DATE_WORDS = re.compile(
    r"\b(\d{1,2}(er)?|" + "|".join(fold(word) for word in (*MONTHS, *WEEKDAYS)) + r")\b"
)
_EMAIL_LINE = re.compile(
    rf"(?:(?P<name>.+?)(?:\s*[:,]\s*|\s+[–—-]\s+|\s*\(\s*|\s+à\s+|\s*(?=<)))?"
    rf"<?(?:mailto:)?(?P<email>{EMAIL})>?\)?\s*\.?"
)
_OBFUSCATED_AT = re.compile(
    r"\s*(?:[(\[{]\s*(?:at|arobase|@|chez)\s*[)\]}]|\s(?:arobase|\[at\]|\(at\))\s)\s*",
    re.IGNORECASE,
)
_OBFUSCATED_DOT = re.compile(r"\s*[(\[{]\s*(?:dot|point)\s*[)\]}]\s*", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)  # asked of each block several times
def heading_of(text: str) -> SectionKind | str | None:
    """The kind of a known heading: a :class:`SectionKind`, or an agenda, editorial, team.

    It returns :data:`AGENDA`, :data:`EDITORIAL` or :data:`EDITORS` for those three.
    Case, accents, plurals, a number before it ("2. ÉDITORIAL") and a note after it
    ("AGENDA (mis à jour le 4 mai 2020)", "Agenda – mai 2020") do not matter. Returns
    ``None`` for any other text, including a label such as "Contact :".
    """
    text = strip_heading_number(text.strip())
    if len(text) > 80 or text.endswith((",", ".", ";")):
        return None
    label = text.endswith(":")
    for candidate in (text, _HEADING_SUFFIX.sub("", text)):
        key = _heading_key(candidate)
        if not key:
            continue
        for pattern, kind in _SECTION_TITLES:
            if pattern.fullmatch(key):
                if label and kind is SectionKind.CONTACT:
                    return None  # "Contact :" is a label, not a heading
                return kind
    return None


_LOWER_CASE = re.compile(r"[a-zß-öø-ÿœæ]")
_UPPER_CASE = re.compile(r"[A-ZÀ-ÖØ-ÞŒÆ]")


def caps_heading(text: str) -> bool:
    """Whether ``text`` is written in capitals, as the InfoLettre writes its titles."""
    if "@" in text or "://" in text:
        return False
    if "^{" in text:
        text = _SUPERSCRIPT.sub("", text)
    lower = len(_LOWER_CASE.findall(text))
    upper = len(_UPPER_CASE.findall(text))
    return lower + upper >= 4 and upper >= 0.85 * (lower + upper)


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


_MAILTO_LINK = re.compile(rf"\[(?P<label>[^\[\]]+)\]\(mailto:(?P<email>{EMAIL})\)\s*\.?")


def split_email_line(text: str) -> tuple[str | None, str] | None:
    """Split "Name : e-mail", "Name (e-mail)", "<e-mail>" or "e-mail" into (name, e-mail).

    A name linked to its address, ``[Name](mailto:e-mail)``, is read too; a label of
    one word ("Écrire") gives no name, so the name given just before is kept.

    Returns ``None`` when the text is not such a line or the address is not valid.
    """
    text = reveal_email(text)
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


def reveal_email(text: str) -> str:
    """Write e-mail addresses hidden from robots as addresses.

    ``prenom.nom (at) example (dot) org``, ``[at]``, `` arobase `` give
    ``prenom.nom@example.org``.
    """
    if _OBFUSCATED_AT.search(text) is None:
        return text
    text = _OBFUSCATED_AT.sub("@", text)
    return _OBFUSCATED_DOT.sub(".", text)


def looks_like_a_date(text: str) -> bool:
    """Whether ``text`` seems meant as a date (a day number, a month or a weekday)."""
    return len(text) <= 80 and _DATE_WORDS.search(fold(text)) is not None

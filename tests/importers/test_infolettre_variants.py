"""The InfoLettre text importer on invented issues it was not written against.

Each file of ``tests/data/infolettre/`` varies one thing of the export style of the
real December 2018 issue (block order, heading case, CRLF and front matter, wrapped
lines, dates without a year, funding calls, no date at all). The tests assert what a
careful human reader of the file would extract. Where the library gets it wrong, the
test keeps the right expectation.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import cdm_newsletter as cdm
from cdm_newsletter.model import spans_to_plain
from tests.conftest import raises_exactly

DATA = Path(__file__).resolve().parents[1] / "data" / "infolettre"
SANS_DATE_DAY = dt.date(2020, 10, 15)
FILES = [
    "infolettre-2019-03.txt",
    "infolettre-2019-06-2.txt",
    "infolettre-2019-09.txt",
    "infolettre-2019-12.txt",
    "infolettre-2020-02.txt",
    "infolettre-2020-04.txt",
    "sans-date.txt",
]

INTERNAL = cdm.EventCategory.INTERNAL
EXTERNAL = cdm.EventCategory.EXTERNAL
PARTNER = cdm.EventCategory.PARTNER
MORNING = cdm.PartOfDay.MORNING
AFTERNOON = cdm.PartOfDay.AFTERNOON


# --- helpers ------------------------------------------------------------------------------


@functools.cache
def load(name: str) -> cdm.ImportResult:
    """Import one data file (``sans-date.txt`` with its issue date given), once per session."""
    options = cdm.ImportOptions(issue_date=SANS_DATE_DAY) if name == "sans-date.txt" else None
    return cdm.load_with_diagnostics(DATA / name, options=options)


def lint(name: str) -> list[cdm.Diagnostic]:
    return cdm.lint(load(name), name)


def source_lines(name: str) -> list[str]:
    text = (DATA / name).read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").split("\n")


def line_of(name: str, needle: str) -> int:
    """The 1-based line of the source that holds ``needle`` (exactly one must)."""
    found = [number for number, text in enumerate(source_lines(name), 1) if needle in text]
    assert len(found) == 1, f"{needle!r} is on lines {found} of {name}"
    return found[0]


def norm(text: str) -> str:
    """Typographic variants to their plain form, and runs of white space to one space."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip()


def event(name: str, title: str) -> cdm.Event:
    matches = [e for e in load(name).issue.agenda if norm(e.title) == title]
    assert len(matches) == 1, [e.title for e in load(name).issue.agenda]
    return matches[0]


def article(name: str, title_start: str) -> cdm.Article:
    matches = [
        a for a in load(name).issue.articles() if norm(a.plain_title).startswith(title_start)
    ]
    assert len(matches) == 1, [a.plain_title for a in load(name).issue.articles()]
    return matches[0]


def sections(name: str) -> list[tuple[str, cdm.SectionKind, int]]:
    """(title, kind, number of articles) of each section, the partner agenda left aside."""
    return [
        (norm(s.title), s.kind, len(s.articles))
        for s in load(name).issue.sections
        if s.kind is not cdm.SectionKind.PARTNER_AGENDA
    ]


def people(persons: Iterable[cdm.Person]) -> list[tuple[str | None, str | None]]:
    return [(p.name, p.email) for p in persons]


def codes(diagnostics: Iterable[cdm.Diagnostic]) -> list[tuple[str, int | None]]:
    return [(d.code, d.line) for d in diagnostics]


# --- "nothing lost": the model's words against the source's ------------------------------

_MONTHS = (
    "janvier février fevrier mars avril juin juillet août aout septembre octobre novembre "
    "décembre decembre"
)
_WEEKDAYS = "lundi mardi mercredi jeudi vendredi samedi dimanche"
STRUCTURE_WORDS = frozenset(
    f"{_MONTHS} {_WEEKDAYS} agenda réunions internes externes contact contacts date limite "
    "équipe rédactionnelle annulé matin après midi inscription".split()
)
"""Words the source writes and the model holds as structure, not text: labels and headings
whose meaning is a field or an enum, and the names of dates read into ``When`` values."""


def _person_text(person: cdm.Person | None) -> Iterator[str]:
    if person is not None:
        yield from (person.name or "", person.email or "", person.role or "")
        yield person.organisation or ""


def _link_text(link: cdm.Link | None) -> Iterator[str]:
    if link is not None:
        yield from (link.url, link.label or "")


def model_text(issue: cdm.Issue) -> Iterator[str]:
    """Every piece of text the issue holds, wherever it is."""
    yield from (issue.title, issue.url or "")
    yield from (issue.publisher.name, issue.publisher.url or "", issue.publisher.email or "")
    if issue.editorial is not None:
        editorial = issue.editorial
        yield from (editorial.salutation or "", editorial.closing or "")
        yield editorial.body.to_plain()
        yield from _person_text(editorial.signature)
    for item in issue.agenda:
        yield from (item.title, item.date_text or "", item.description or "")
        if item.place is not None:
            yield from (item.place.name, item.place.city or "")
        yield from _link_text(item.registration)
    for section in issue.sections:
        yield from (section.title, section.intro.to_plain())
        for art in section.articles:
            yield from (spans_to_plain(art.title), art.body.to_plain())
            for contact in art.contacts:
                yield from _person_text(contact)
            for link in art.links:
                yield from _link_text(link)
            for call in art.funding_calls:
                yield from (call.title, call.programme or "")
                yield from _link_text(call.link)
            for change in art.staff_changes:
                yield from (change.organisation, change.role or "")
                yield from _person_text(change.person)
                yield from _person_text(change.contact_point)
    for editor in issue.editors:
        yield from _person_text(editor)


def words(text: str) -> set[str]:
    return {word.casefold() for word in re.findall(r"[^\W\d_]+", text)}


def source_words(name: str) -> set[str]:
    """Words of four letters or more of the source's paragraphs (front matter left out)."""
    text = "\n".join(source_lines(name))
    text = re.sub(r"\A\s*---\n.*?\n---\n", "", text, flags=re.DOTALL)
    text = re.sub(r"\^\{[^{}]*\}", "", text)  # superscripts are rewritten ("EME" -> "e")
    return {word for word in words(text) if len(word) >= 4} - STRUCTURE_WORDS


@pytest.mark.parametrize("name", FILES)
def test_nothing_is_lost(name: str) -> None:
    held = words("\n".join(model_text(load(name).issue)))
    assert source_words(name) - held == set()


def test_the_nothing_lost_check_can_fail() -> None:
    assert "caravane" in source_words("infolettre-2019-03.txt")
    assert "maritime" not in source_words("infolettre-2019-03.txt")
    assert "printemps" in source_words("infolettre-2019-12.txt")


@pytest.mark.parametrize("name", FILES)
def test_no_control_or_layout_characters_reach_the_model(name: str) -> None:
    for text in model_text(load(name).issue):
        assert not re.search("[\t\r\u00a0\ufeff]", text), text


# --- 2019-03: editorial first, title-case headings, times, cancelled, registration ------

M03 = "infolettre-2019-03.txt"


def test_2019_03_identity() -> None:
    issue = load(M03).issue
    assert (issue.id, issue.date) == ("2019-03", dt.date(2019, 3, 1))


def test_2019_03_editorial_before_the_agenda() -> None:
    editorial = load(M03).issue.editorial
    assert editorial is not None
    assert editorial.salutation == "Cher(e)s collègues et ami(e)s des Cités des métiers,"
    assert editorial.closing == "Bien cordialement,"
    assert editorial.signature is not None
    assert (editorial.signature.name, editorial.signature.role) == (
        "Hélène Marchetti",
        "Vice-Présidente du Réseau",
    )
    paragraphs = editorial.body.to_plain().split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Le printemps s'annonce chargé")
    assert paragraphs[2].endswith("parfois leurs doutes.")


M03_EVENTS = [
    ("Comité exécutif élargi", dt.date(2019, 4, 3), dt.date(2019, 4, 5), None, "Genève", INTERNAL),
    (
        "Atelier sur la grille d'évaluation du label",
        dt.datetime(2019, 5, 16, 14, 0),
        dt.datetime(2019, 5, 16, 17, 30),
        None,
        "Genève",
        INTERNAL,
    ),
    ("Réunion du groupe de travail numérique", dt.date(2019, 5, 21), None, None, "Lyon", INTERNAL),
    (
        "Conférence de clôture du projet Erasmus+ ORIENTA",
        dt.date(2019, 4, 25),
        None,
        AFTERNOON,
        "Bruxelles",
        EXTERNAL,
    ),
    (
        "Séminaire sur l'accueil des publics migrants",
        dt.date(2019, 6, 13),
        dt.date(2019, 6, 14),
        None,
        "Milan",
        EXTERNAL,
    ),
    (
        "Journée d'étude sur l'apprentissage",
        dt.date(2019, 6, 20),
        None,
        None,
        "Marseille",
        EXTERNAL,
    ),
    (
        "Salon européen de l'orientation",
        dt.date(2019, 5, 23),
        dt.date(2019, 5, 24),
        None,
        "Milan",
        PARTNER,
    ),
    ("Forum de l'emploi des jeunes", dt.datetime(2019, 6, 6, 9, 30), None, None, "Porto", PARTNER),
]
ZONES = {
    "Genève": "Europe/Zurich",
    "Lyon": "Europe/Paris",
    "Paris": "Europe/Paris",
    "Paris la Villette": "Europe/Paris",
    "Bruxelles": "Europe/Brussels",
    "Milan": "Europe/Rome",
    "Porto": "Europe/Lisbon",
    "Cité des métiers de Porto": "Europe/Lisbon",
    "Cité des métiers de Marseille": "Europe/Paris",
    "Marseille": "Europe/Paris",
    "Lausanne": "Europe/Zurich",
    "Dublin": "Europe/Dublin",
    "Lisbonne": "Europe/Lisbon",
    "Barcelone": "Europe/Madrid",
    "Montréal": "America/Toronto",
}


def _check_event(name: str, expected: tuple[object, ...]) -> None:
    title, start, end, part, place, category = expected
    found = event(name, str(title))
    assert found.when is not None
    assert (found.when.start, found.when.end, found.when.part_of_day) == (start, end, part)
    assert found.place is not None
    assert norm(found.place.name) == place
    assert found.place.timezone == ZONES[str(place)]
    timed = isinstance(start, dt.datetime)
    assert found.when.timezone == (ZONES[str(place)] if timed else None)
    assert found.category is category


@pytest.mark.parametrize(
    "expected",
    M03_EVENTS,
    ids=lambda e: str(e[0])[:30],
)
def test_2019_03_event(expected: tuple[object, ...]) -> None:
    _check_event(M03, expected)


def test_2019_03_agenda_in_order() -> None:
    assert [norm(e.title) for e in load(M03).issue.agenda] == [e[0] for e in M03_EVENTS]


def test_2019_03_timed_event_keeps_its_times_in_the_zone_of_geneva() -> None:
    found = event(M03, "Atelier sur la grille d'évaluation du label")
    assert found.when is not None
    assert found.when.start == dt.datetime(2019, 5, 16, 14, 0)
    assert found.when.end == dt.datetime(2019, 5, 16, 17, 30)
    assert found.when.timezone == "Europe/Zurich"


def test_2019_03_cancelled_events() -> None:
    cancelled = [
        norm(e.title) for e in load(M03).issue.agenda if e.status is cdm.EventStatus.CANCELLED
    ]
    assert cancelled == [
        "Réunion du groupe de travail numérique",
        "Journée d'étude sur l'apprentissage",
    ]


def test_2019_03_cancelled_on_the_date_line_keeps_title_and_place() -> None:
    found = event(M03, "Journée d'étude sur l'apprentissage")
    assert found.status is cdm.EventStatus.CANCELLED
    assert found.place is not None
    assert found.place.name == "Marseille"
    assert "ANNUL" not in found.title.upper()


def test_2019_03_cancelled_on_the_date_line_keeps_its_date() -> None:
    found = event(M03, "Journée d'étude sur l'apprentissage")
    assert found.when == cdm.When(start=dt.date(2019, 6, 20))
    assert "unreadable-date" not in {d.code for d in load(M03).diagnostics}


def test_2019_03_registration_link() -> None:
    found = event(M03, "Conférence de clôture du projet Erasmus+ ORIENTA")
    assert found.registration is not None
    assert found.registration.url == "https://www.example.org/inscription"
    assert not found.registration.placeholder
    assert all(e.registration is None for e in load(M03).issue.agenda if e is not found)


def test_2019_03_sections_in_title_case() -> None:
    assert sections(M03) == [
        ("Nouvelles des CDM", cdm.SectionKind.MEMBER_NEWS, 2),
        ("Arrivées / Départs", cdm.SectionKind.STAFF_MOVES, 1),
    ]


def test_2019_03_contacts() -> None:
    assert people(article(M03, "UNE CARAVANE").contacts) == [
        ("Juliette ROCHE", "juliette.roche@example.org")
    ]
    assert people(article(M03, "LA CITE DES METIERS DE LIEGE").contacts) == [
        ("Bertrand LEMAIRE", "bertrand.lemaire@example.org")
    ]


def test_2019_03_departure() -> None:
    (change,) = [c for a in load(M03).issue.articles() for c in a.staff_changes]
    assert change.organisation == "Cité des métiers de Lyon"
    assert change.person.name == "Olivier Brunet"
    assert change.kind is cdm.StaffChangeKind.DEPARTURE
    assert change.role == "Directeur"


def test_2019_03_interim_contact_point() -> None:
    (change,) = [c for a in load(M03).issue.articles() for c in a.staff_changes]
    assert change.contact_point is not None
    assert people([change.contact_point]) == [("Claire Vasseur", "claire.vasseur@example.org")]


def test_2019_03_lint_is_clean() -> None:
    # Correct weekday, registration with a URL, every event in the future, every
    # article with a contact: nothing for the editors to fix.
    assert [str(d) for d in lint(M03)] == []


def test_2019_03_no_lint_on_the_registration_with_a_url() -> None:
    assert "registration-without-link" not in {d.code for d in lint(M03)}


# --- 2019-06-2: front matter, CRLF, BOM, tabs, NBSP, curly quotes, contact layouts -------

M06 = "infolettre-2019-06-2.txt"


def test_2019_06_2_issue_id_has_its_number() -> None:
    assert load(M06).issue.id == "2019-06-2"


def test_2019_06_2_front_matter_gives_date_and_title() -> None:
    issue = load(M06).issue
    assert issue.date == dt.date(2019, 6, 24)
    assert issue.title == "InfoLettre de juin 2019 (n° 2)"


def test_2019_06_2_front_matter_is_not_text() -> None:
    assert not any("date: 2019-06-24" in text for text in model_text(load(M06).issue))
    assert "not-understood" not in {d.code for d in load(M06).diagnostics}


def test_2019_06_2_editorial_with_name_and_role_on_one_line() -> None:
    editorial = load(M06).issue.editorial
    assert editorial is not None
    assert editorial.salutation == "Chères et chers membres du Réseau,"
    assert editorial.closing == "Amitiés,"
    assert editorial.signature is not None
    assert (editorial.signature.name, editorial.signature.role) == (
        "Ludmila Petit",
        "Coordinatrice du Réseau",
    )
    paragraphs = editorial.body.to_plain().split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[1].startswith("Vous trouverez ci-dessous")


def test_2019_06_2_sections() -> None:
    assert sections(M06) == [
        ("NOUVELLES DES CDM", cdm.SectionKind.MEMBER_NEWS, 4),
        ("NOUVELLES DU RESEAU", cdm.SectionKind.NETWORK_NEWS, 2),
    ]


def test_2019_06_2_agenda() -> None:
    (found,) = load(M06).issue.agenda
    assert norm(found.title) == "Réunion du ComEx"
    assert found.when == cdm.When(start=dt.date(2019, 7, 4))
    assert found.place is not None
    assert (found.place.name, found.place.timezone) == ("Lisbonne", "Europe/Lisbon")
    assert found.category is INTERNAL


def test_2019_06_2_titles_with_curly_apostrophes_and_nbsp() -> None:
    titles = [norm(a.plain_title) for a in load(M06).issue.articles()]
    assert titles == [
        "LA CITÉ DES MÉTIERS D'ANNECY LANCE SES « MARDIS DE L'ALTERNANCE »",
        "UN GUIDE DES MÉTIERS DE LA MER POUR LES COLLÉGIENS DE LORIENT",
        "DES ATELIERS DE CONVERSATION POUR LES DEMANDEURS D'EMPLOI ALLOPHONES À LOCARNO",
        "BILAN DU FORUM DE L'INDUSTRIE À SAINT-ÉTIENNE",
        "RETOUR SUR LA SPRING SCHOOL DE LISBONNE",
        "UN NOUVEAU MODULE DE FORMATION EN LIGNE POUR LES CONSEILLERS",
    ]


M06_CONTACTS = [
    ("LA CITÉ DES MÉTIERS D'ANNECY", [("Ana Silva", "ana.silva@example.org")]),
    ("UN GUIDE DES MÉTIERS DE LA MER", [("Pierre DUVAL", "pierre.duval@example.org")]),
    (
        "DES ATELIERS DE CONVERSATION",
        [
            ("Lucie MARTIN", "lucie.martin@example.org"),
            ("Karim BENALI", "karim.benali@example.org"),
        ],
    ),
    ("BILAN DU FORUM", [(None, "forum.industrie@example.org")]),
    ("RETOUR SUR LA SPRING SCHOOL", []),
    ("UN NOUVEAU MODULE", [("Maud PERRIN", "maud.perrin@example.org")]),
]


@pytest.mark.parametrize(("title", "expected"), M06_CONTACTS)
def test_2019_06_2_contacts(title: str, expected: list[tuple[str | None, str]]) -> None:
    found = article(M06, title)
    assert people(found.contacts) == expected
    assert "@" not in found.body.to_plain()


def test_2019_06_2_contact_with_a_role() -> None:
    (contact,) = article(M06, "UN NOUVEAU MODULE").contacts
    assert (contact.name, contact.role) == ("Maud PERRIN", "Chargée de projet")


def test_2019_06_2_body_keeps_its_quotes() -> None:
    body = norm(article(M06, "UN GUIDE DES MÉTIERS").body.to_plain())
    assert "vingt métiers “de la cale au large” à travers" in body
    annecy = norm(article(M06, "LA CITÉ DES MÉTIERS D'ANNECY").body.to_plain())
    assert "la Cité des métiers d'Annecy accueille" in annecy


def test_2019_06_2_lint_reports_the_article_without_contact_at_its_line() -> None:
    found = [d for d in lint(M06) if d.code == "article-without-contact"]
    lines = {d.line for d in found}
    assert line_of(M06, "RETOUR SUR LA SPRING SCHOOL") in lines


def test_2019_06_2_lint_only_the_article_without_contact() -> None:
    assert [(d.code, d.line) for d in lint(M06) if d.severity is not cdm.Severity.INFO] == []
    assert codes(d for d in lint(M06) if d.code == "article-without-contact") == [
        ("article-without-contact", line_of(M06, "RETOUR SUR LA SPRING SCHOOL"))
    ]


# --- 2019-09: unknown section, wrapped titles and items, links, superscript, staff ------

M09 = "infolettre-2019-09.txt"
M09_EVENTS = [
    (
        "Comité de labellisation",
        dt.date(2019, 9, 19),
        None,
        None,
        "Cité des métiers de Marseille",
        INTERNAL,
    ),
    (
        "Assemblée Permanente des Managers",
        dt.date(2019, 10, 8),
        None,
        MORNING,
        "Cité des métiers de Porto",
        INTERNAL,
    ),
    (
        "Colloque européen sur la validation des acquis de l'expérience",
        dt.date(2019, 11, 14),
        dt.date(2019, 11, 15),
        None,
        "Dublin",
        EXTERNAL,
    ),
]


@pytest.mark.parametrize("expected", M09_EVENTS, ids=lambda e: str(e[0])[:30])
def test_2019_09_event_with_wrapped_title_and_place(expected: tuple[object, ...]) -> None:
    _check_event(M09, expected)


def test_2019_09_agenda_in_order() -> None:
    assert [norm(e.title) for e in load(M09).issue.agenda] == [e[0] for e in M09_EVENTS]


def test_2019_09_editorial_after_the_agenda() -> None:
    editorial = load(M09).issue.editorial
    assert editorial is not None
    assert editorial.salutation == "Cher(e)s ami(e)s du Réseau,"
    assert editorial.closing == "Sincères salutations,"
    assert editorial.signature is not None
    assert (editorial.signature.name, editorial.signature.role) == (
        "Grégoire Fontaine",
        "Délégué général du Réseau",
    )
    assert len(editorial.body.blocks) == 2


def test_2019_09_sections_with_an_unknown_one() -> None:
    assert sections(M09) == [
        ("NOUVELLES DES CDM", cdm.SectionKind.MEMBER_NEWS, 2),
        ("PUBLICATIONS", cdm.SectionKind.OTHER, 1),
        ("ARRIVEES/ DEPARTS", cdm.SectionKind.STAFF_MOVES, 3),
    ]


def test_2019_09_wrapped_titles_and_superscript() -> None:
    first, second = load(M09).issue.sections[0].articles
    supers = [span for span in first.title if isinstance(span, cdm.Superscript)]
    assert len(supers) == 1
    assert supers[0].text.casefold() in ("e", "ème", "eme")
    assert isinstance(first.title[0], cdm.Text)
    assert first.title[0].text == "2"
    rest = "".join(s.text for s in first.title[2:] if isinstance(s, cdm.Text))
    assert norm(rest) == "RENCONTRES REGIONALES DE L'ORIENTATION A LA CITE DES METIERS DE NANTES"
    assert norm(second.plain_title) == (
        "UN PARCOURS DE DECOUVERTE DES METIERS DU SOIN POUR LES DEMANDEURS D'EMPLOI DE CHARLEROI"
    )
    assert "\n" not in second.plain_title


def test_2019_09_wrapped_bullet_items_and_a_stray_blank_line() -> None:
    body = article(M09, "2").body
    kinds = [type(block).__name__ for block in body.blocks]
    assert kinds == ["Paragraph", "Paragraph", "BulletList", "Paragraph"]
    bullets = body.blocks[2]
    assert isinstance(bullets, cdm.BulletList)
    items = [spans_to_plain(item) for item in bullets.items]
    assert items == [
        "découvrir les outils numériques d'aide au choix professionnel développés par les "
        "conseillers de la région ;",
        "échanger avec des employeurs sur les compétences attendues dans les métiers de la "
        "transition écologique ;",
        "assister à la remise des prix du concours de vidéos réalisées par des lycéens, qui "
        "récompense cette année une classe de seconde du lycée professionnel de Saint-Nazaire "
        "pour son reportage sur les chantiers navals.",
    ]


def test_2019_09_labelled_link() -> None:
    links = list(article(M09, "2").all_links())
    assert [(link.url, link.label) for link in links] == [
        ("https://www.example.org/rencontres-2019", "le site de la Cité des métiers")
    ]


def test_2019_09_glued_angle_and_placeholder_links() -> None:
    found = article(M09, "UN PARCOURS")
    links = list(found.all_links())
    assert [link.url for link in links] == [
        "https://www.example.org/videos/soin",
        "https://www.example.org/dossier-soin.pdf",
        "#",
    ]
    assert links[2].placeholder
    assert links[2].text == "lien"
    plain = found.body.to_plain()
    assert "Les vidéos des participants sont en ligne :" in plain
    assert "<" not in plain
    assert "](" not in plain


def test_2019_09_bare_url_leaves_the_final_full_stop() -> None:
    (link,) = list(article(M09, "GUIDE PRATIQUE").all_links())
    assert link.url == "https://www.example.org/guide-distance"
    assert article(M09, "GUIDE PRATIQUE").body.to_plain().endswith("guide-distance.")


def test_2019_09_staff_changes_people_and_kinds() -> None:
    changes = [c for a in load(M09).issue.articles() for c in a.staff_changes]
    assert [(c.organisation, c.person.name, c.kind) for c in changes] == [
        ("Cité des métiers de Nantes", "Sophie Lambert", cdm.StaffChangeKind.ARRIVAL),
        ("Cité des métiers de Genève", "Nadia Perret", cdm.StaffChangeKind.ARRIVAL),
        ("Cité des métiers de Charleroi", "Marc Ollivier", cdm.StaffChangeKind.DEPARTURE),
    ]


def test_2019_09_contact_point_is_not_a_move() -> None:
    changes = [c for a in load(M09).issue.articles() for c in a.staff_changes]
    assert [c.contact_point is None for c in changes] == [True, True, False]
    assert changes[2].contact_point is not None
    assert people([changes[2].contact_point]) == [("Julie Morel", "julie.morel@example.org")]
    assert "Julie Morel" not in [c.person.name for c in changes]


def test_2019_09_staff_roles() -> None:
    changes = [c for a in load(M09).issue.articles() for c in a.staff_changes]
    assert [c.role for c in changes] == ["Directrice", "Directrice", "Chargé de mission"]


def test_2019_09_lint() -> None:
    found = lint(M09)
    warnings = [(d.code, d.line) for d in found if d.severity is not cdm.Severity.INFO]
    assert warnings == [("placeholder-link", line_of(M09, "[lien](#)"))]
    infos = [(d.code, d.line) for d in found if d.severity is cdm.Severity.INFO]
    assert infos == [("article-without-contact", line_of(M09, "GUIDE PRATIQUE DU CONSEIL"))]


# --- 2019-12: dates without a year across the year end, a wrong weekday, an unreadable date

M12 = "infolettre-2019-12.txt"


@pytest.mark.parametrize(
    "expected",
    [
        (
            "Séminaire des directeurs",
            dt.date(2020, 1, 28),
            dt.date(2020, 1, 30),
            None,
            "Bruxelles",
            INTERNAL,
        ),
        ("Comité de labellisation", dt.date(2020, 4, 1), None, None, "Paris", INTERNAL),
        (
            "Assemblée Permanente des Managers",
            dt.date(2020, 5, 15),
            None,
            None,
            "Barcelone",
            INTERNAL,
        ),
        (
            "Fermeture de la délégation exécutive",
            dt.date(2019, 12, 30),
            dt.date(2020, 1, 2),
            None,
            "Paris",
            INTERNAL,
        ),
    ],
    ids=lambda e: str(e[0])[:30],
)
def test_2019_12_dates_without_year_roll_into_next_year(expected: tuple[object, ...]) -> None:
    _check_event(M12, expected)


def test_2019_12_unreadable_date_keeps_its_entry() -> None:
    found = event(M12, "Visite d'étude à la Cité des métiers de Montréal")
    assert found.when is None
    assert found.date_text == "courant printemps"
    assert found.place is not None
    assert (found.place.name, found.place.timezone) == ("Montréal", "America/Toronto")
    assert len(load(M12).issue.agenda) == 5


def test_2019_12_unreadable_date_is_reported_at_its_line() -> None:
    found = [d for d in load(M12).diagnostics if d.code == "unreadable-date"]
    assert [d.line for d in found] == [line_of(M12, "courant printemps")]
    assert found[0].severity in (cdm.Severity.ERROR, cdm.Severity.WARNING)


def test_2019_12_weekday_mismatch_at_its_line() -> None:
    found = [d for d in lint(M12) if d.code == "weekday-mismatch"]
    assert [(d.line, d.severity) for d in found] == [
        (line_of(M12, "mardi 15 mai 2020"), cdm.Severity.WARNING)
    ]
    assert "mardi" in found[0].message
    assert "vendredi" in found[0].message


def test_2019_12_minimal_body() -> None:
    issue = load(M12).issue
    assert issue.editorial is None
    assert sections(M12) == [("NOUVELLES DU RESEAU", cdm.SectionKind.NETWORK_NEWS, 1)]
    (only,) = issue.articles()
    assert norm(only.plain_title) == "LE RESEAU ACCUEILLE DEUX NOUVELLES CITES DES METIERS"
    assert people(only.contacts) == [("Aurélie VIDAL", "aurelie.vidal@example.org")]
    assert "past-event" not in {d.code for d in lint(M12)}


# --- 2020-04: the smallest issue, no final line feed ------------------------------------

M04 = "infolettre-2020-04.txt"


def test_2020_04_one_section_one_article() -> None:
    issue = load(M04).issue
    assert (issue.id, issue.date, issue.agenda, issue.editorial, issue.editors) == (
        "2020-04",
        dt.date(2020, 4, 1),
        (),
        None,
        (),
    )
    assert sections(M04) == [("NOUVELLES DES CDM", cdm.SectionKind.MEMBER_NEWS, 1)]
    (only,) = issue.articles()
    assert only.plain_title == "LA CITE DES METIERS DE TUNIS FETE SES DIX ANS"
    assert people(only.contacts) == [("Sami HADDAD", "sami.haddad@example.org")]
    assert len(only.body.blocks) == 1
    assert lint(M04) == []


# --- 2020-02: funding calls, partner agenda, contact address, editorial team ------------

M02 = "infolettre-2020-02.txt"


@pytest.mark.parametrize(
    "expected",
    [
        ("Réunion du ComEx", dt.date(2020, 3, 5), None, None, "Paris la Villette", INTERNAL),
        ("Salon de la formation continue", dt.date(2020, 3, 11), None, None, "Dublin", PARTNER),
        (
            "Congrès international de l'orientation",
            dt.date(2020, 3, 25),
            dt.date(2020, 3, 27),
            None,
            "Barcelone",
            PARTNER,
        ),
    ],
    ids=lambda e: str(e[0])[:30],
)
def test_2020_02_agenda_and_partner_agenda(expected: tuple[object, ...]) -> None:
    _check_event(M02, expected)


def test_2020_02_editorial() -> None:
    editorial = load(M02).issue.editorial
    assert editorial is not None
    assert editorial.salutation == "Cher(e)s collègues et partenaires,"
    assert editorial.closing == "Très cordialement,"
    assert editorial.body.to_plain().startswith("L'année 2020 s'ouvre")


def test_2020_02_editorial_signature_on_two_lines() -> None:
    editorial = load(M02).issue.editorial
    assert editorial is not None
    assert editorial.signature is not None
    assert (editorial.signature.name, editorial.signature.role) == (
        "Teresa Lopes-Vieira",
        "Présidente du Réseau",
    )
    assert len(editorial.body.blocks) == 1


def test_2020_02_cancelled_partner_event_with_a_colon() -> None:
    found = event(M02, "Journées de l'alternance")
    assert found.status is cdm.EventStatus.CANCELLED
    assert found.when == cdm.When(start=dt.date(2020, 4, 2))
    assert found.place is not None
    assert (found.place.name, found.place.timezone) == ("Lausanne", "Europe/Zurich")
    assert found.category is PARTNER


def test_2020_02_sections() -> None:
    kinds = [kind for _, kind, _ in sections(M02)]
    assert kinds == [cdm.SectionKind.FUNDING, cdm.SectionKind.CONTACT]


def test_2020_02_funding_calls_with_their_deadlines() -> None:
    calls = [c for a in load(M02).issue.articles() for c in a.funding_calls]
    assert [(norm(c.title), c.deadline, c.programme) for c in calls] == [
        (
            "Erasmus+ KA2 partenariats stratégiques dans le domaine de l'éducation des adultes",
            dt.date(2020, 3, 15),
            "Erasmus+",
        ),
        (
            "Interreg Europe, appel thématique sur l'insertion professionnelle des jeunes",
            dt.date(2020, 4, 2),
            "Interreg",
        ),
    ]
    assert calls[0].link is not None
    assert calls[0].link.url == "https://www.example.org/erasmus-ka2"
    assert calls[1].link is None


def test_2020_02_unreadable_deadline_is_kept_and_reported() -> None:
    found = [d for d in load(M02).diagnostics if d.code == "unreadable-date"]
    assert [d.line for d in found] == [line_of(M02, "Fonds social européen")]
    funding = next(s for s in load(M02).issue.sections if s.kind is cdm.SectionKind.FUNDING)
    text = funding.intro.to_plain() + "".join(a.body.to_plain() for a in funding.articles)
    assert "appel régional sur la mobilité des apprentis" in text
    assert "date limite à confirmer par l'autorité de gestion" in text


def test_2020_02_funding_contact_is_an_email_alone() -> None:
    funding = next(s for s in load(M02).issue.sections if s.kind is cdm.SectionKind.FUNDING)
    contacts = [p for a in funding.articles for p in a.contacts]
    assert people(contacts) == [(None, "financements@example.org")]


def test_2020_02_publisher_and_editorial_team() -> None:
    issue = load(M02).issue
    assert issue.publisher.email == "redaction@example.org"
    assert issue.publisher.url == "https://www.example.org"
    assert [(p.name, p.role) for p in issue.editors] == [
        ("Teresa Lopes-Vieira", "Présidente du Réseau"),
        ("Thomas Aubert", "Chargé de communication"),
        ("Inès Moreau", "Chargée de projets européens"),
    ]


def test_2020_02_lint() -> None:
    found = lint(M02)
    assert {d.code for d in found} == {"unreadable-date"}


# --- sans-date: the date must come from the options -------------------------------------

SANS = "sans-date.txt"


def test_sans_date_without_an_issue_date_is_invalid() -> None:
    with raises_exactly(
        cdm.InvalidData,
        f"{DATA / SANS}: $.date: no issue date: give it in front matter ('date: 2018-12-15'), "
        "in the file name ('infolettre-2018-12.txt') or with --issue-date"
        " (ImportOptions.issue_date in Python)",
    ):
        cdm.load_with_diagnostics(DATA / SANS)


def test_sans_date_with_an_issue_date() -> None:
    issue = load(SANS).issue
    assert (issue.id, issue.date) == ("2020-10", SANS_DATE_DAY)
    assert [(norm(e.title), e.when) for e in issue.agenda] == [
        ("Réunion du ComEx", cdm.When(start=dt.date(2020, 11, 5))),
        ("Comité de labellisation", cdm.When(start=dt.date(2021, 1, 12))),
    ]
    assert [e.place.timezone for e in issue.agenda if e.place] == ["Europe/Zurich", "Europe/Paris"]
    assert sections(SANS) == [("NOUVELLES DU RESEAU", cdm.SectionKind.NETWORK_NEWS, 1)]
    (only,) = issue.articles()
    assert people(only.contacts) == [("Inès MOREAU", "ines.moreau@example.org")]

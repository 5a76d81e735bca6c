"""The InfoLettre text importer on the seed issue: the acceptance list of the format.

Each test reads the seed's twin (the same layout in other words, in the repository) and
the real seed when it is there, and expects each source's own names, e-mails and texts.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import cdm_newsletter as cdm
from cdm_newsletter import EventCategory, Link, PartOfDay, SectionKind, StaffChangeKind, Superscript
from cdm_newsletter.importers.infolettre import InfoLettreImporter

from .model_text import model_words


@pytest.fixture
def seed(seed_file: Path) -> cdm.ImportResult:
    """The seed source (the twin, or the real seed) read with its diagnostics."""
    return cdm.load_with_diagnostics(seed_file)


def test_format_is_chosen_by_suffix_and_content() -> None:
    importer = InfoLettreImporter()
    assert importer.sniff("AGENDA\n\nRéunions internes\n".encode())
    assert importer.sniff(b"Cher(e)s membres,\n")
    assert not importer.sniff(b"agenda:\n  - title: x\n")
    assert not importer.sniff(b'{"id": "2018-12"}')
    assert cdm.io.importer_for("x.txt", b"").name == "infolettre"
    assert cdm.io.importer_for("x.md", b"").name == "infolettre"


def test_issue_identity_from_the_file_name(seed: cdm.ImportResult) -> None:
    issue = seed.issue
    assert (issue.id, issue.date, issue.title) == (
        "2018-12",
        dt.date(2018, 12, 1),
        "InfoLettre décembre 2018",
    )


def test_nine_agenda_events_in_order(seed: cdm.ImportResult) -> None:
    internal, external = EventCategory.INTERNAL, EventCategory.EXTERNAL
    morning, afternoon = PartOfDay.MORNING, PartOfDay.AFTERNOON
    expected = [
        (
            "Comité de labellisation",
            dt.date(2018, 11, 7),
            None,
            None,
            "Paris la Villette",
            "Europe/Paris",
            internal,
        ),
        (
            "Réunion du ComEx",
            dt.date(2018, 11, 7),
            None,
            None,
            "Paris la Villette",
            "Europe/Paris",
            internal,
        ),
        (
            "Réunion CDM21",
            dt.date(2018, 11, 8),
            None,
            None,
            "Paris la Villette",
            "Europe/Paris",
            internal,
        ),
        (
            "Assemblée Permanente des Managers",
            dt.date(2018, 11, 9),
            None,
            None,
            "Paris la Villette",
            "Europe/Paris",
            internal,
        ),
        ("Réunion du ComEx", dt.date(2018, 12, 6), None, None, "Porto", "Europe/Lisbon", internal),
        (
            "Assemblée Permanente des Managers",
            dt.date(2019, 1, 24),
            None,
            morning,
            "Bruxelles",
            "Europe/Brussels",
            internal,
        ),
        (
            "Réunion finale du projet Erasmus+ COCADE",
            dt.date(2019, 1, 24),
            None,
            afternoon,
            "Bruxelles",
            "Europe/Brussels",
            external,
        ),
        (
            "Formation sur la veille numérique pour les professionnels de l'orientation"
            " dans le cadre du projet Erasmus+ DIMESCA",
            dt.date(2019, 1, 28),
            dt.date(2019, 1, 30),
            None,
            "Paris",
            "Europe/Paris",
            external,
        ),
        (
            "Spring school",
            dt.date(2019, 6, 19),
            dt.date(2019, 6, 21),
            None,
            "Paris",
            "Europe/Paris",
            external,
        ),
    ]
    actual = []
    for event in seed.issue.agenda:
        assert event.when is not None
        assert event.place is not None
        actual.append(
            (
                event.title,
                event.when.start,
                event.when.end,
                event.when.part_of_day,
                event.place.name,
                event.place.timezone,
                event.category,
            )
        )
    assert actual == expected


def test_registration_mentioned_without_a_link(seed: cdm.ImportResult) -> None:
    registrations = {
        event.title: event.registration for event in seed.issue.agenda if event.registration
    }
    assert registrations == {
        "Réunion finale du projet Erasmus+ COCADE": Link(url="#", label="inscription")
    }


def test_editorial(seed: cdm.ImportResult, seed_source: str) -> None:
    salutation, closing, signer, opening = {
        "twin": (
            "Cher(e)s collègues des Cités des métiers, cher(e)s partenaires du Réseau,",
            "Cordiales salutations,",
            "Helena Andrade-Soares",
            "Les 8 et 9 novembre, lors des réunions tenues à Paris",
        ),
        "seed": (
            "Cher(e)s membres et partenaires du Réseau, et des Cités des métiers,",
            "Sincères salutations,",
            "Raquel Castello-Branco",
            "Suite à des réunions organisées à Paris",
        ),
    }[seed_source]
    editorial = seed.issue.editorial
    assert editorial is not None
    assert editorial.salutation == salutation
    assert editorial.closing == closing
    assert editorial.signature == cdm.Person(name=signer, role="Présidente du Réseau")
    assert len(editorial.body.blocks) == 9
    assert editorial.body.to_plain().startswith(opening)


def test_sections_and_articles(seed: cdm.ImportResult, seed_source: str) -> None:
    sections = [(s.title, s.kind, len(s.articles)) for s in seed.issue.sections]
    assert sections == [
        ("NOUVELLES DES CDM", SectionKind.MEMBER_NEWS, 5),
        ("NOUVELLES DU RESEAU", SectionKind.NETWORK_NEWS, 2),
        ("FINANCEMENTS EUROPEENS", SectionKind.FUNDING, 1),
        ("ARRIVEES/ DEPARTS", SectionKind.STAFF_MOVES, 1),
        ("ADRESSE DE CONTACT", SectionKind.CONTACT, 0),
    ]
    news = [*seed.issue.sections[0].articles, *seed.issue.sections[1].articles]
    assert [article.plain_title for article in news] == {
        "twin": [
            "MAYOTTE : DES ESPACES NUMERIQUES DE PROXIMITE POUR S'ORIENTER ET PREPARER SON AVENIR"
            " PROFESSIONNEL",
            "MARSEILLE ET PROVENCE-ALPES-COTE D'AZUR : UNE JOURNEE POUR UNE CULTURE COMMUNE DU"
            " NUMERIQUE",
            "11e SPEED RECRUITMENT A LA CITE DES METIERS DE PORTO : ENTREPRISES ET CANDIDATS FACE"
            " A FACE",
            "1re NUMERI'DAY : LA CITE DES METIERS DU GRAND BEAUVAISIS OUVRE LE NUMERIQUE A TOUS",
            "COTES D'ARMOR : LA CITE DES METIERS FAIT DES APPRENTIS LES YOUTUBEURS DE"
            " L'APPRENTISSAGE",
            "ERASMUS+ COCADE : A PORTO, LA DERNIERE FORMATION AU METIER DE CONSEILLER EN"
            " ORIENTATION PROFESSIONNELLE DANS LES LIEUX INTEGRES",
            "CONFERENCE A BRUXELLES : L'ORIENTATION TOUT AU LONG DE LA VIE AU SERVICE DES CITOYENS",
        ],
        "seed": [
            "OUVERTURE D'ESPACES NUMERIQUES DECENTRALISES DEDIES A L'ORIENTATION ET LA VIE"
            " PROFESSIONNELLE A MAYOTTE",
            "JOURNEE DE CULTURE COMMUNE A LA CITE DES METIERS DE MARSEILLE ET"
            " PROVENCE-ALPES-COTE D'AZUR",
            "11e EDITION DE SPEED RECRUITMENT A LA CITE DES METIERS DE PORTO",
            "1re EDITION DU NUMERI'DAY A LA CITE DES METIERS DU GRAND BEAUVAISIS",
            "LA CITE DES METIERS DES COTES D'ARMOR COORDONNE LE PROJET YOUTUBEUR DE"
            " L'APPRENTISSAGE",
            "DERNIERE FORMATION DU PROJET ERASMUS+ COCADE SUR LE METIER DE CONSEILLER EN"
            " ORIENTATION PROFESSIONNELLE DANS LES LIEUX INTEGRES",
            "CONFERENCE A BRUXELLES SUR L'ORIENTATION TOUT AU LONG DE LA VIE POUR LES CITOYENS",
        ],
    }[seed_source]


def test_superscripts_in_titles(seed: cdm.ImportResult, seed_source: str) -> None:
    rest = {
        "twin": " SPEED RECRUITMENT A LA CITE DES METIERS DE PORTO : ENTREPRISES ET CANDIDATS"
        " FACE A FACE",
        "seed": " EDITION DE SPEED RECRUITMENT A LA CITE DES METIERS DE PORTO",
    }[seed_source]
    member = seed.issue.sections[0].articles
    assert member[2].title == (cdm.Text(text="11"), Superscript(text="e"), cdm.Text(text=rest))
    assert member[3].title[:2] == (cdm.Text(text="1"), Superscript(text="re"))
    assert member[2].plain_title == f"11e{rest}"


def test_contacts_with_their_exact_emails(seed: cdm.ImportResult, seed_source: str) -> None:
    contacts = [
        [(person.name, person.email) for person in article.contacts]
        for article in seed.issue.articles()
    ]
    assert (
        contacts
        == {
            "twin": [
                [("Anli HAMIDOUNI", "a.hamidouni@cdm976.example.org")],
                [("Jérôme CASTAGNET", "jcastagnet@marseille.example.org")],
                [("Joana TEIXEIRA", "joanateixeira@porto.example.org")],
                [("Valérie DUCLOS", "v.duclos@beauvaisis.example.org")],
                [("Morgane KERBRAT", "communication@cdm22.example.org")],
                [("Anne PUY-MAREL", "apuymarel@reseau.example.org")],
                [],
                [(None, "apuymarel@reseau.example.org")],
                [],
            ],
            "seed": [
                [("Abdoul DOUAKANI", "dabdoul@gjpc0976.fr")],
                [("Sébastien GARRIGUES", "sgarrigues@citedesmetiers.fr")],
                [("Carolina FERREIRA", "carolinaferreira@cm-porto.pt")],
                [("Corinne MARETS", "c.marets@mef-beauvaisis.fr")],
                [("Sabine BODIC", "communication@citedesmetiers22.fr")],
                [("Maud BOIS-GALLOU", "mboisgallou@reseaucitesdesmetiers.com")],
                [],
                [(None, "mboisgallou@reseaucitesdesmetiers.com")],
                [],
            ],
        }[seed_source]
    )


def test_funding_calls(seed: cdm.ImportResult, seed_source: str) -> None:
    titles, intro = {
        "twin": (
            [
                "Erasmus + KA3 appui à la réforme des politiques/EACEA/21/2018 « Inclusion sociale"
                " et valeurs communes : la contribution dans le domaine de l'éducation et de la"
                " formation »",
                "Erasmus + KA2 partenariats stratégiques dans l'enseignement et la formation"
                " professionnels, volet « innovation »",
            ],
            "Deux appels à propositions Erasmus+ de 2019 retiennent",
        ),
        "seed": (
            [
                "Erasmus + KA3 appui pour la réformes des politiques/EACEA/21/2018 « Inclusion"
                " sociale et valeurs communes » : la contribution dans le domaine de l'éducation"
                " et de la formation »",
                "Erasmus + KA2 partenariats stratégiques pour l'enseignement et la formation"
                " professionnels volet « innovation »",
            ],
            "Les Cités des métiers recherchent",
        ),
    }[seed_source]
    (article,) = seed.issue.sections[2].articles
    deadlines = [(call.programme, call.deadline) for call in article.funding_calls]
    assert deadlines == [("Erasmus+", dt.date(2019, 2, 26)), ("Erasmus+", dt.date(2019, 3, 21))]
    assert [call.title for call in article.funding_calls] == titles
    assert all(call.link is not None and call.link.placeholder for call in article.funding_calls)
    assert seed.issue.sections[2].intro.to_plain().startswith(intro)


def test_staff_change(seed: cdm.ImportResult, seed_source: str) -> None:
    leaving, contact_point = {
        "twin": (
            "Erwan Le Bihan",
            cdm.Person(name="Noémie Vasseur", email="noemie.vasseur@val-de-marne.example.org"),
        ),
        "seed": (
            "Fabien Le Mao",
            cdm.Person(name="Régine Roussel", email="regine.roussel@citedesmetiers-valdemarne.fr"),
        ),
    }[seed_source]
    (article,) = seed.issue.sections[3].articles
    (change,) = article.staff_changes
    assert change.organisation == "Cité des métiers du Val-de-Marne"
    assert change.person.name == leaving
    assert change.kind is StaffChangeKind.DEPARTURE
    assert change.role == "Directeur"
    assert change.contact_point == contact_point


def test_links(seed: cdm.ImportResult, seed_source: str) -> None:
    urls = [link.url for article in seed.issue.articles() for link in article.all_links()]
    real = [url for url in urls if url not in ("#", "") and not url.startswith("mailto:")]
    assert (
        real
        == {
            "twin": [
                "https://video.example.org/watch/Kq7rT2xm",
                "https://social.example.org/events/237498357122981/?active_tab=discussion",
                "https://social.example.org/pg/cdm-beauvaisis/videos/?ref=page_internal",
                "https://short.example.org/Jm8aQ2",
            ],
            "seed": [
                "https://youtu.be/DH3t0Gs8mis",
                "https://www.facebook.com/events/237498357122981/?active_tab=discussion",
                "https://www.facebook.com/pg/citedesmetiersbeauvaisis/videos/?ref=page_internal",
                "https://goo.gl/MjBuE5",
            ],
        }[seed_source]
    )
    placeholders = [
        link.text
        for article in seed.issue.articles()
        for link in article.all_links()
        if link.placeholder
    ]
    placeholders += [
        call.link.text
        for article in seed.issue.articles()
        for call in article.funding_calls
        if call.link
    ]
    assert (
        placeholders
        == {
            "twin": ["lien", "page du projet", "Lien", "Lien"],
            "seed": ["lien", "page internet dédiée", "Lien", "Lien"],
        }[seed_source]
    )


def test_glued_link_keeps_the_text_before_it(seed: cdm.ImportResult, seed_source: str) -> None:
    text, url = {
        "twin": (
            "Photos et vidéos de la journée sont à retrouver ici :",
            "https://social.example.org/events/237498357122981/?active_tab=discussion",
        ),
        "seed": (
            "Des photos et vidéos sont disponibles sur les liens suivants :",
            "https://www.facebook.com/events/237498357122981/?active_tab=discussion",
        ),
    }[seed_source]
    numeriday = seed.issue.sections[0].articles[3]
    paragraph = next(
        block
        for block in numeriday.body.blocks
        if isinstance(block, cdm.Paragraph)
        and cdm.model.spans_to_plain(block.spans).startswith(text)
    )
    assert paragraph.spans == (cdm.Text(text=text), Link(url=url))


def test_bullet_lists(seed: cdm.ImportResult) -> None:
    articles = list(seed.issue.articles())
    lists = [
        [len(block.items) for block in article.body.blocks if isinstance(block, cdm.BulletList)]
        for article in articles[:5]
    ]
    assert lists[0] == [7]
    assert lists[3] == [4, 6]
    assert lists[4] == [2]
    broken_item = articles[3].body.blocks[4].items[2]  # continued after a stray blank line
    assert cdm.model.spans_to_plain(broken_item).endswith("(test MACE) ;")


def test_editorial_team_website_and_contact_address(
    seed: cdm.ImportResult, seed_source: str
) -> None:
    names, url, email = {
        "twin": (
            ["Helena Andrade-Soares", "Claire Aubrac", "Olivier Lemaire", "Anne Puy-Marel"],
            "https://www.reseau.example.org",
            "delegation@reseau.example.org",
        ),
        "seed": (
            ["Raquel Castello-Branco", "Sylvie Sesma", "Ludovic Collin", "Maud Bois-Gallou"],
            "http://www.reseaucitesdesmetiers.com",
            "delegationexecutive@citedesmetiers.fr",
        ),
    }[seed_source]
    roles = [
        "Présidente du Réseau",
        "Chargée du label des Cités des métiers",
        "Coordinateur International",
        "Chargée de projet",
    ]
    issue = seed.issue
    assert [(person.name, person.role) for person in issue.editors] == list(
        zip(names, roles, strict=True)
    )
    assert issue.publisher.url == url
    assert issue.publisher.email == email


def test_lint_reports_what_the_editors_should_fix(seed: cdm.ImportResult, seed_source: str) -> None:
    findings = cdm.lint(seed, "seed.txt")
    found = [(d.line, d.severity.value, d.code) for d in findings]
    assert (38, "warning", "registration-without-link") in found
    assert (61, "warning", "repeated-word") in found
    assert [d.message for d in findings if d.code == "repeated-word"] == [
        {"twin": "repeated word: 'attentes attentes'", "seed": "repeated word: 'mieux mieux'"}[
            seed_source
        ]
    ]
    assert [line for line, _, code in found if code == "placeholder-link"] == [234, 236, 260, 262]
    assert (244, "info", "article-without-contact") in found
    assert not [d for d in seed.diagnostics if d.severity is not cdm.Severity.INFO]


def test_nothing_is_lost(seed: cdm.ImportResult, seed_file: Path) -> None:
    known = model_words(seed.issue)
    text = seed_file.read_text(encoding="utf-8")
    for paragraph in re.split(r"\n\s*\n", text):
        words = set(re.findall(r"[^\W\d_]{4,}", paragraph.lower()))
        missing = words - known
        assert not missing, (paragraph[:60], sorted(missing))


def test_reading_is_deterministic(seed: cdm.ImportResult, seed_file: Path) -> None:
    again = cdm.load_with_diagnostics(seed_file)
    assert again == seed


def test_the_same_text_anywhere_gives_the_same_issue(seed_file: Path) -> None:
    data = seed_file.read_bytes()
    variants = {
        "crlf": data.replace(b"\n", b"\r\n"),
        "bom": b"\xef\xbb\xbf" + data,
        "nbsp": data.replace(b" :", "\u00a0:".encode()),
        "tabs": data.replace(b"\n\n", b"\n\t\n"),
    }
    reference = cdm.loads(data, source="infolettre-2018-12.txt")
    for name, variant in variants.items():
        assert cdm.loads(variant, source="infolettre-2018-12.txt") == reference, name

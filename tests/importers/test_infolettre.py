"""The InfoLettre text importer on the real seed issue: the acceptance list of the format."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import cdm_newsletter as cdm
from cdm_newsletter import EventCategory, Link, PartOfDay, SectionKind, StaffChangeKind, Superscript
from cdm_newsletter.importers.infolettre import InfoLettreImporter
from tests.conftest import SEED

from .model_text import model_words


@pytest.fixture
def seed() -> cdm.ImportResult:
    if not SEED.is_file():
        pytest.skip(f"the seed newsletter is not at {SEED}")
    return cdm.load_with_diagnostics(SEED)


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


def test_editorial(seed: cdm.ImportResult) -> None:
    editorial = seed.issue.editorial
    assert editorial is not None
    assert (
        editorial.salutation
        == "Cher(e)s membres et partenaires du Réseau, et des Cités des métiers,"
    )
    assert editorial.closing == "Sincères salutations,"
    assert editorial.signature == cdm.Person(
        name="Raquel Castello-Branco", role="Présidente du Réseau"
    )
    assert len(editorial.body.blocks) == 9
    assert editorial.body.to_plain().startswith("Suite à des réunions organisées à Paris")


def test_sections_and_articles(seed: cdm.ImportResult) -> None:
    sections = [(s.title, s.kind, len(s.articles)) for s in seed.issue.sections]
    assert sections == [
        ("NOUVELLES DES CDM", SectionKind.MEMBER_NEWS, 5),
        ("NOUVELLES DU RESEAU", SectionKind.NETWORK_NEWS, 2),
        ("FINANCEMENTS EUROPEENS", SectionKind.FUNDING, 1),
        ("ARRIVEES/ DEPARTS", SectionKind.STAFF_MOVES, 1),
        ("ADRESSE DE CONTACT", SectionKind.CONTACT, 0),
    ]
    member, network = seed.issue.sections[0].articles, seed.issue.sections[1].articles
    places = ["MAYOTTE", "MARSEILLE", "PORTO", "GRAND BEAUVAISIS", "COTES D'ARMOR"]
    for article, place in zip(member, places, strict=True):
        assert place in article.plain_title
    assert "COCADE" in network[0].plain_title
    assert network[1].plain_title.startswith("CONFERENCE A BRUXELLES")


def test_superscripts_in_titles(seed: cdm.ImportResult) -> None:
    member = seed.issue.sections[0].articles
    assert member[2].title[:3] == (
        cdm.Text(text="11"),
        Superscript(text="e"),
        cdm.Text(text=" EDITION DE SPEED RECRUITMENT A LA CITE DES METIERS DE PORTO"),
    )
    assert member[3].title[1] == Superscript(text="re")
    assert (
        member[2].plain_title == "11e EDITION DE SPEED RECRUITMENT A LA CITE DES METIERS DE PORTO"
    )


def test_contacts_with_their_exact_emails(seed: cdm.ImportResult) -> None:
    contacts = [
        [(person.name, person.email) for person in article.contacts]
        for article in seed.issue.articles()
    ]
    assert contacts == [
        [("Abdoul DOUAKANI", "dabdoul@gjpc0976.fr")],
        [("Sébastien GARRIGUES", "sgarrigues@citedesmetiers.fr")],
        [("Carolina FERREIRA", "carolinaferreira@cm-porto.pt")],
        [("Corinne MARETS", "c.marets@mef-beauvaisis.fr")],
        [("Sabine BODIC", "communication@citedesmetiers22.fr")],
        [("Maud BOIS-GALLOU", "mboisgallou@reseaucitesdesmetiers.com")],
        [],
        [(None, "mboisgallou@reseaucitesdesmetiers.com")],
        [],
    ]


def test_funding_calls(seed: cdm.ImportResult) -> None:
    (article,) = seed.issue.sections[2].articles
    deadlines = [(call.programme, call.deadline) for call in article.funding_calls]
    assert deadlines == [("Erasmus+", dt.date(2019, 2, 26)), ("Erasmus+", dt.date(2019, 3, 21))]
    assert article.funding_calls[0].title.startswith("Erasmus + KA3")
    assert all(call.link is not None and call.link.placeholder for call in article.funding_calls)
    assert seed.issue.sections[2].intro.to_plain().startswith("Les Cités des métiers recherchent")


def test_staff_change(seed: cdm.ImportResult) -> None:
    (article,) = seed.issue.sections[3].articles
    (change,) = article.staff_changes
    assert change.organisation == "Cité des métiers du Val-de-Marne"
    assert change.person.name == "Fabien Le Mao"
    assert change.kind is StaffChangeKind.DEPARTURE
    assert change.role == "Directeur"
    assert change.contact_point == cdm.Person(
        name="Régine Roussel", email="regine.roussel@citedesmetiers-valdemarne.fr"
    )


def test_links(seed: cdm.ImportResult) -> None:
    urls = [link.url for article in seed.issue.articles() for link in article.all_links()]
    real = [url for url in urls if url not in ("#", "") and not url.startswith("mailto:")]
    assert real == [
        "https://youtu.be/DH3t0Gs8mis",
        "https://www.facebook.com/events/237498357122981/?active_tab=discussion",
        "https://www.facebook.com/pg/citedesmetiersbeauvaisis/videos/?ref=page_internal",
        "https://goo.gl/MjBuE5",
    ]
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
    assert placeholders == ["lien", "page internet dédiée", "Lien", "Lien"]


def test_glued_link_keeps_the_text_before_it(seed: cdm.ImportResult) -> None:
    numeriday = seed.issue.sections[0].articles[3]
    paragraph = next(
        block
        for block in numeriday.body.blocks
        if "liens suivants" in numeriday.body.to_plain()
        and isinstance(block, cdm.Paragraph)
        and "liens suivants" in cdm.model.spans_to_plain(block.spans)
    )
    assert isinstance(paragraph, cdm.Paragraph)
    assert paragraph.spans[0] == cdm.Text(
        text="Des photos et vidéos sont disponibles sur les liens suivants :"
    )
    assert isinstance(paragraph.spans[1], Link)


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


def test_editorial_team_website_and_contact_address(seed: cdm.ImportResult) -> None:
    issue = seed.issue
    assert [(person.name, person.role) for person in issue.editors] == [
        ("Raquel Castello-Branco", "Présidente du Réseau"),
        ("Sylvie Sesma", "Chargée du label des Cités des métiers"),
        ("Ludovic Collin", "Coordinateur International"),
        ("Maud Bois-Gallou", "Chargée de projet"),
    ]
    assert issue.publisher.url == "http://www.reseaucitesdesmetiers.com"
    assert issue.publisher.email == "delegationexecutive@citedesmetiers.fr"


def test_lint_reports_what_the_editors_should_fix(seed: cdm.ImportResult) -> None:
    found = [(d.line, d.severity.value, d.code) for d in cdm.lint(seed, "seed.txt")]
    assert (38, "warning", "registration-without-link") in found
    assert (61, "warning", "repeated-word") in found
    assert [line for line, _, code in found if code == "placeholder-link"] == [234, 236, 260, 262]
    assert (244, "info", "article-without-contact") in found
    assert not [d for d in seed.diagnostics if d.severity is not cdm.Severity.INFO]


def test_nothing_is_lost(seed: cdm.ImportResult) -> None:
    known = model_words(seed.issue)
    text = SEED.read_text(encoding="utf-8")
    for paragraph in re.split(r"\n\s*\n", text):
        words = set(re.findall(r"[^\W\d_]{4,}", paragraph.lower()))
        missing = words - known
        assert not missing, (paragraph[:60], sorted(missing))


def test_reading_is_deterministic(seed: cdm.ImportResult) -> None:
    again = cdm.load_with_diagnostics(SEED)
    assert again == seed


def test_the_same_text_anywhere_gives_the_same_issue(tmp_path: Path) -> None:
    if not SEED.is_file():
        pytest.skip("no seed")
    data = SEED.read_bytes()
    variants = {
        "crlf": data.replace(b"\n", b"\r\n"),
        "bom": b"\xef\xbb\xbf" + data,
        "nbsp": data.replace(b" :", "\u00a0:".encode()),
        "tabs": data.replace(b"\n\n", b"\n\t\n"),
    }
    reference = cdm.loads(data, source="infolettre-2018-12.txt")
    for name, variant in variants.items():
        assert cdm.loads(variant, source="infolettre-2018-12.txt") == reference, name

"""Recognisers of headings, labels, names and closings, and the gazetteer of cities."""

from __future__ import annotations

import pytest

from cdm_newsletter import EventCategory, SectionKind
from cdm_newsletter.importers import recognise
from cdm_newsletter.importers.gazetteer import locate


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("AGENDA", recognise.AGENDA),
        ("Agenda", recognise.AGENDA),
        ("AGENDA DES PARTENAIRES", SectionKind.PARTNER_AGENDA),
        ("NOUVELLES DES CDM", SectionKind.MEMBER_NEWS),
        ("Nouvelles des Cités des métiers", SectionKind.MEMBER_NEWS),
        ("NOUVELLES DU RESEAU", SectionKind.NETWORK_NEWS),
        ("Nouvelles du réseau", SectionKind.NETWORK_NEWS),
        ("FINANCEMENTS EUROPEENS", SectionKind.FUNDING),
        ("Appels à projets", SectionKind.FUNDING),
        ("ARRIVEES/ DEPARTS", SectionKind.STAFF_MOVES),
        ("Arrivées / Départs", SectionKind.STAFF_MOVES),
        ("ADRESSE DE CONTACT", SectionKind.CONTACT),
        ("L'équipe rédactionnelle", recognise.EDITORS),
        ("Contact :", None),
        ("AGENDA :", recognise.AGENDA),
        ("AGENDA (mis à jour le 4 mai 2020)", recognise.AGENDA),
        ("Agenda – mai 2020", recognise.AGENDA),
        ("1. AGENDA DU RÉSEAU", recognise.AGENDA),
        ("Calendrier", recognise.AGENDA),
        ("Prochains rendez-vous", recognise.AGENDA),
        ("Dates à retenir", recognise.AGENDA),
        ("II – ÉDITORIAL", recognise.EDITORIAL),
        ("EDITO", recognise.EDITORIAL),
        ("Le mot de la présidente", recognise.EDITORIAL),
        ("NOUS CONTACTER", SectionKind.CONTACT),
        ("CONTACT", SectionKind.CONTACT),
        ("APPELS A PROPOSITIONS", SectionKind.FUNDING),
        ("Chez nos partenaires", SectionKind.PARTNER_AGENDA),
        ("Mouvements", SectionKind.STAFF_MOVES),
        ("Contact : Ana Silva, ana@example.org", None),
        ("L'équipe de rédaction :", recognise.EDITORS),
        ("Agenda chargé pour les Cités des métiers ce mois-ci", None),
        ("PUBLICATIONS", SectionKind.OTHER),
        ("LES CITES DES METIERS FACE AU CONFINEMENT", None),
    ],
)
def test_headings(text: str, kind: object) -> None:
    assert recognise.heading_of(text) == kind


@pytest.mark.parametrize(
    ("text", "caps"),
    [
        ("OUVERTURE D'ESPACES NUMERIQUES A MAYOTTE", True),
        ("11^{EME} EDITION DE SPEED RECRUITMENT", True),
        ("Cité des métiers du Val-de-Marne", False),
        ("CDM", False),
        ("SGARRIGUES@EXAMPLE.ORG", False),
    ],
)
def test_caps_headings(text: str, caps: bool) -> None:
    assert recognise.caps_heading(text) is caps


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Réunions internes", EventCategory.INTERNAL),
        ("REUNIONS EXTERNES", EventCategory.EXTERNAL),
        ("Événements partenaires", EventCategory.PARTNER),
        ("Autres rendez-vous", EventCategory.OTHER),
        ("Réunion du ComEx, Porto", None),
        ("Réunions internes du 7 novembre", None),
    ],
)
def test_agenda_subheadings(text: str, category: EventCategory | None) -> None:
    assert recognise.agenda_category(text) is category


def test_salutations_and_closings() -> None:
    assert recognise.salutation("Cher(e)s membres et partenaires du Réseau,")
    assert recognise.salutation("Chères et chers collègues,")
    assert not recognise.salutation("Le cher projet de la Cité.")
    for closing in ("Sincères salutations,", "Bien cordialement,", "Cordialement", "Amitiés,"):
        assert recognise.closing_formula(closing), closing
    assert not recognise.closing_formula("Je vous souhaite de bonnes fêtes de fin d'année !")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Contact :", ""),
        ("Contacts : Ana Silva, ana@example.org", "Ana Silva, ana@example.org"),
        ("CONTACT: x@example.org", "x@example.org"),
        ("Contactez-nous", None),
    ],
)
def test_contact_labels(text: str, expected: str | None) -> None:
    assert recognise.contact_label(text) == expected


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("ana@example.org", (None, "ana@example.org")),
        ("<ana@example.org>", (None, "ana@example.org")),
        ("Ana Silva : ana@example.org", ("Ana Silva", "ana@example.org")),
        ("Ana Silva, ana@example.org", ("Ana Silva", "ana@example.org")),
        ("Ana Silva (ana@example.org)", ("Ana Silva", "ana@example.org")),
        ("Ana Silva", None),
        ("x@", None),
        ("[Ana Silva](mailto:ana@example.org)", ("Ana Silva", "ana@example.org")),
        ("[Écrire](mailto:ana@example.org)", (None, "ana@example.org")),
        ("[ana@example.org](mailto:ana@example.org)", (None, "ana@example.org")),
    ],
)
def test_email_lines(text: str, split: tuple[str | None, str] | None) -> None:
    assert recognise.split_email_line(text) == split


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Abdoul DOUAKANI", True),
        ("Fabien Le Mao", True),
        ("Maud Bois-Gallou", True),
        ("J. Dupont", True),
        ("Sébastien GARRIGUES", True),
        ("Le recrutement est en cours.", False),
        ("ana@example.org", False),
        ("Réunion 21", False),
    ],
)
def test_names(text: str, name: bool) -> None:
    assert recognise.name_like(text) is name


@pytest.mark.parametrize(
    ("place", "city", "zone"),
    [
        ("Paris la Villette", "Paris", "Europe/Paris"),
        ("Porto", "Porto", "Europe/Lisbon"),
        ("Cité des métiers de Bruxelles", "Bruxelles", "Europe/Brussels"),
        ("GENEVE", "Genève", "Europe/Zurich"),
        ("Milano", "Milan", "Europe/Rome"),
        ("Barcelone", "Barcelone", "Europe/Madrid"),
        ("Marseille", "Marseille", "Europe/Paris"),
        ("Dublin", "Dublin", "Europe/Dublin"),
        ("Mamoudzou, Mayotte", "Mamoudzou", "Indian/Mayotte"),
    ],
)
def test_gazetteer(place: str, city: str, zone: str) -> None:
    found = locate(place)
    assert found is not None
    assert (found.name, found.timezone) == (city, zone)


def test_unknown_place() -> None:
    assert locate("Atlantis") is None
    assert locate("Parisienne") is None

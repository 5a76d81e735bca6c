"""Reading one title or paragraph: cancellation, registration, place, calls, staff moves."""

from __future__ import annotations

import datetime as dt

import pytest

from cdm_newsletter import EventStatus, FundingCall, Link, Person, StaffChangeKind
from cdm_newsletter.importers import entries, sentences


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("Spring school, Paris", ("Spring school, Paris", False)),
        (
            "ANNULÉ : Journées de l'alternance, Lausanne",
            ("Journées de l'alternance, Lausanne", True),
        ),
        ("20 juin 2019 - ANNULÉ", ("20 juin 2019", True)),
        ("Forum (annulé), Lyon", ("Forum, Lyon", True)),
    ],
)
def test_cancellation(text: str, split: tuple[str, bool]) -> None:
    rest, status, _, _ = entries.split_status(text, dt.date(2019, 6, 1))
    cancelled = status.status is EventStatus.CANCELLED
    assert (" ".join(rest.split()).replace(" ,", ","), cancelled) == split


@pytest.mark.parametrize(
    ("title", "split"),
    [
        ("Réunion finale, Bruxelles : *inscription*", ("Réunion finale, Bruxelles", None)),
        (
            "Réunion, Bruxelles : *inscription* https://www.example.org/i",
            ("Réunion, Bruxelles", "https://www.example.org/i"),
        ),
        (
            "Atelier, Porto : [inscription](https://x.example.org)",
            ("Atelier, Porto", "https://x.example.org"),
        ),
        (
            "Atelier, Porto, inscription : www.example.org/i",
            ("Atelier, Porto", "https://www.example.org/i"),
        ),
        ("Spring school, Paris", None),
        ("Inscription", None),
    ],
)
def test_registration(title: str, split: tuple[str, str | None] | None) -> None:
    assert sentences.split_registration(title) == split


def test_place_from_the_gazetteer_or_the_default_zone() -> None:
    name, place = sentences.split_place("Réunion du ComEx, Porto", "Europe/Paris")
    assert name == "Réunion du ComEx"
    assert place is not None
    assert (place.name, place.city, place.country, place.timezone) == (
        "Porto",
        "Porto",
        "PT",
        "Europe/Lisbon",
    )
    name, place = sentences.split_place("Atelier, Atlantis", "Europe/Brussels")
    assert place is not None
    assert (place.city, place.timezone) == (None, "Europe/Brussels")
    assert sentences.split_place("Sans lieu", "Europe/Paris") == ("Sans lieu", None)


def test_funding_call() -> None:
    text = "Erasmus + KA2 partenariats stratégiques, date limite 21 mars 2019. [Lien](#)"
    assert sentences.mentions_deadline(text)
    found = sentences.read_funding_call(text, reference=dt.date(2018, 12, 1))
    assert found == (
        FundingCall(
            title="Erasmus + KA2 partenariats stratégiques",
            deadline=dt.date(2019, 3, 21),
            programme="Erasmus+",
            link=Link(url="#", label="Lien"),
        ),
        True,
    )


def test_funding_call_with_more_to_say_and_without_a_year() -> None:
    text = "Appel Interreg, date limite : 2 avril. Un webinaire le présentera."
    found = sentences.read_funding_call(text, reference=dt.date(2019, 12, 1))
    assert found is not None
    call, complete = found
    assert (call.programme, call.deadline, complete) == ("Interreg", dt.date(2020, 4, 2), False)


@pytest.mark.parametrize(
    "text",
    [
        "Appel, date limite à préciser.",
        "date limite 2 avril 2020",
        "Appel, date limite 31 avril 2020",
    ],
)
def test_unreadable_funding_call(text: str) -> None:
    assert sentences.read_funding_call(text, reference=dt.date(2019, 12, 1)) is None


@pytest.mark.parametrize(
    ("text", "kind", "name", "role"),
    [
        (
            "Fabien Le Mao quitte ses fonctions de Directeur.",
            StaffChangeKind.DEPARTURE,
            "Fabien Le Mao",
            "Directeur",
        ),
        (
            "Jean Martin quittera ses fonctions de Chargé de mission le 30 septembre 2019.",
            StaffChangeKind.DEPARTURE,
            "Jean Martin",
            "Chargé de mission",
        ),
        (
            "Nathalie Ferrand rejoint la Cité des métiers de Nantes en tant que Directrice.",
            StaffChangeKind.ARRIVAL,
            "Nathalie Ferrand",
            "Directrice",
        ),
        (
            "Claire Vasseur a été nommée Directrice de la Cité des métiers de Genève.",
            StaffChangeKind.ARRIVAL,
            "Claire Vasseur",
            "Directrice",
        ),
        (
            "Ana Silva prend ses fonctions de Chargée de la communication.",
            StaffChangeKind.ARRIVAL,
            "Ana Silva",
            "Chargée de la communication",
        ),
    ],
)
def test_staff_changes(text: str, kind: StaffChangeKind, name: str, role: str) -> None:
    (change,), point = sentences.read_staff_changes(text, "Cité des métiers de Y")
    assert (change.kind, change.person.name, change.role, change.organisation) == (
        kind,
        name,
        role,
        "Cité des métiers de Y",
    )
    assert point is None


@pytest.mark.parametrize(
    "text",
    [
        "Le point de contact est Régine Roussel : regine.roussel@example.org",
        "L'intérim est assuré par Régine Roussel (regine.roussel@example.org).",
    ],
)
def test_contact_points(text: str) -> None:
    changes, point = sentences.read_staff_changes(text, "X")
    assert changes == []
    assert point == Person(name="Régine Roussel", email="regine.roussel@example.org")


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("<http://www.reseaucitesdesmetiers.com>", "http://www.reseaucitesdesmetiers.com"),
        ("www.example.org", "https://www.example.org"),
        ("voir www.example.org", None),
        ("<javascript:x>", None),
    ],
)
def test_web_url(text: str, url: str | None) -> None:
    assert sentences.web_url(text) == url

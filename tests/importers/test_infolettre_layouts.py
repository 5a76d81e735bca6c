"""Layouts the seed does not use: a date and its title on one line, numbered lists, and more."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import cdm_newsletter as cdm

DATA = Path(__file__).resolve().parents[1] / "data" / "infolettre" / "infolettre-2020-03.txt"


@pytest.fixture(scope="module")
def result() -> cdm.ImportResult:
    return cdm.load_with_diagnostics(DATA)


def test_issue_title_line(result: cdm.ImportResult) -> None:
    assert result.issue.title == "InfoLettre n°42 – mars 2020"


def test_agenda_layouts(result: cdm.ImportResult) -> None:
    events = [(e.title, e.when, e.place.name if e.place else None) for e in result.issue.agenda]
    assert events == [
        (
            "Comité exécutif",
            cdm.When(start=dt.date(2020, 3, 10), end=dt.date(2020, 3, 11)),
            "Lisbonne",
        ),
        (
            "Assemblée Permanente des Managers",
            cdm.When(start=dt.date(2020, 3, 24), part_of_day=cdm.PartOfDay.MORNING),
            "Bruxelles",
        ),
        (
            "Webinaire des conseillers",
            cdm.When(
                start=dt.datetime(2020, 4, 2, 10, 0),
                end=dt.datetime(2020, 4, 2, 12, 30),
                timezone="Europe/Paris",
            ),
            "en ligne",
        ),
        (
            "Salon européen de l'orientation",
            cdm.When(start=dt.date(2020, 4, 15), end=dt.date(2020, 4, 17)),
            "Milan",
        ),
    ]
    assert result.issue.agenda[3].registration == cdm.Link(
        url="https://www.example.org/salon", label="inscription"
    )
    assert [d.code for d in result.diagnostics if d.severity is not cdm.Severity.INFO] == []


def test_editorial_closing_and_two_line_signature(result: cdm.ImportResult) -> None:
    editorial = result.issue.editorial
    assert editorial is not None
    assert editorial.closing == "Bonne lecture,"
    assert editorial.signature == cdm.Person(name="Ana Silva", role="Présidente du Réseau")


def test_numbered_list_keeps_its_numbers(result: cdm.ImportResult) -> None:
    article = result.issue.sections[0].articles[0]
    (listing,) = [block for block in article.body.blocks if isinstance(block, cdm.BulletList)]
    assert [cdm.model.spans_to_plain(item) for item in listing.items] == [
        "1. des entretiens individuels ;",
        "2. des ateliers collectifs ;",
        "3. un espace numérique.",
    ]
    assert [(c.name, c.email) for c in article.contacts] == [
        ("Paul Martin", "paul.martin@example.org")
    ]


def test_contacts_on_the_lines_of_the_label(result: cdm.ImportResult) -> None:
    article = result.issue.sections[1].articles[0]
    assert [(c.name, c.email) for c in article.contacts] == [
        ("Maud Bois-Gallou", "mbg@example.org"),
        ("Luc Petit", "luc.petit@example.org"),
    ]

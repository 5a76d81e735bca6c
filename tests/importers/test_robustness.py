"""The text importer never fails with anything but a clear error, whatever it is given."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cdm_newsletter as cdm
from cdm_newsletter.testing import property_examples

OPTIONS = cdm.ImportOptions(issue_date=dt.date(2019, 3, 1))


def read(data: bytes) -> cdm.ImportResult | None:
    """Import ``data``; a CdmNewsletterError is an acceptable answer, anything else fails."""
    try:
        return cdm.loads_with_diagnostics(
            data, source="issue.txt", format="infolettre", options=OPTIONS
        )
    except cdm.CdmNewsletterError:
        return None


@given(st.text())
def test_random_text(text: str) -> None:
    read(text.encode("utf-8", "surrogatepass"))


@given(st.binary())
def test_random_bytes(data: bytes) -> None:
    read(data)


@given(
    st.lists(
        st.sampled_from(
            [
                "AGENDA",
                "Réunions internes",
                "Réunions externes",
                "7 novembre 2018",
                "28-30 janvier",
                "Comité, Paris la Villette",
                "Réunion, Bruxelles : *inscription*",
                "Cher(e)s membres,",
                "Sincères salutations,",
                "Raquel Castello-Branco",
                "NOUVELLES DES CDM",
                "UN TITRE EN CAPITALES",
                "Un paragraphe ordinaire.",
                "- un élément ;",
                "Contact :",
                "Ana SILVA",
                "ana@example.org",
                "FINANCEMENTS EUROPEENS",
                "Appel, date limite 26 février 2019. [Lien](#)",
                "ARRIVEES/ DEPARTS",
                "X Y quitte ses fonctions de Directeur.",
                "L'équipe rédactionnelle",
                "Ana Silva, Chargée",
                "<https://www.example.org>",
                "",
                "",
                "---",
                "date: 2019-03-01",
                "^{EME}",
                "*",
                "[x](",
            ]
        ),
        max_size=40,
    )
)
def test_shuffled_parts_of_an_issue(lines: list[str]) -> None:
    read("\n".join(lines).encode())


@pytest.fixture(scope="module")
def seed_lines(seed_file: Path) -> list[str]:
    """The lines of the seed source: the twin, or the real seed."""
    return seed_file.read_text(encoding="utf-8").split("\n")


@settings(max_examples=property_examples(60))
@given(
    st.randoms(use_true_random=False),
    st.sampled_from(["shuffle", "truncate", "delete", "duplicate"]),
)
def test_the_seed_mangled(seed_lines: list[str], rng: random.Random, how: str) -> None:
    lines = list(seed_lines)
    if how == "shuffle":
        rng.shuffle(lines)
    elif how == "truncate":
        lines = lines[: rng.randrange(len(lines))]
    elif how == "delete":
        lines = [line for line in lines if rng.random() > 0.2]
    else:
        lines = lines + lines
    result = read("\n".join(lines).encode())
    if how == "duplicate":
        assert result is not None
        ids = [event.id for event in result.issue.agenda] + [a.id for a in result.issue.articles()]
        assert len(ids) == len(set(ids))


def test_large_input_is_read(seed_file: Path) -> None:
    big = seed_file.read_bytes() * 40  # about 800 kB
    result = read(big)
    assert result is not None
    assert len(result.issue.agenda) >= 9 * 40


def test_long_line_and_many_lines() -> None:
    assert read(("mot " * 500_000).encode()) is not None
    assert read(b"ligne\n" * 50_000) is not None

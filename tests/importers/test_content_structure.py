"""The text importer reads structure by content: agenda layouts, headings by their form,
statuses, contacts and staff moves as other editors write them, and says what it lost."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from benchmarks.blind import BLIND, score_issue
from hypothesis import given
from hypothesis import strategies as st

import cdm_newsletter as cdm
from cdm_newsletter import EventStatus, SectionKind, StaffChangeKind


def read(text: str, name: str = "infolettre-2020-01.txt") -> cdm.ImportResult:
    data = textwrap.dedent(text).lstrip().encode()
    return cdm.loads_with_diagnostics(data, source=name)


def events(result: cdm.ImportResult) -> list[tuple[object, ...]]:
    return [
        (
            e.title,
            e.when.start if e.when else None,
            e.when.end if e.when else None,
            e.place.name if e.place else None,
            e.status,
        )
        for e in result.issue.agenda
    ]


D, T = dt.date, dt.datetime


def test_rows_with_a_header_in_any_column_order() -> None:
    result = read(
        """
        AGENDA (mis à jour le 4 janvier 2020)

        Lieu | Date | Événement
        Paris la Villette | lundi 16 décembre | Réunion du ComEx
        Porto | 12.03.2020 | Séminaire CDM21 (sous réserve)
        """
    )
    assert events(result) == [
        ("Réunion du ComEx", D(2019, 12, 16), None, "Paris la Villette", EventStatus.CONFIRMED),
        ("Séminaire CDM21", D(2020, 3, 12), None, "Porto", EventStatus.TENTATIVE),
    ]


def test_tab_separated_rows_and_times() -> None:
    result = read(
        "Calendrier\n\nÉvénement\tDate\tHoraire\tLieu\n"
        "Comité de labellisation\t16/01/2020\t14 h – 17 h 30\tBruxelles\n"
        "Réunion du Bureau\t20.01.2020\t\tLyon\n"
    )
    assert events(result) == [
        (
            "Comité de labellisation",
            T(2020, 1, 16, 14),
            T(2020, 1, 16, 17, 30),
            "Bruxelles",
            EventStatus.CONFIRMED,
        ),
        ("Réunion du Bureau", D(2020, 1, 20), None, "Lyon", EventStatus.CONFIRMED),
    ]


def test_one_line_entries_and_underlined_headings() -> None:
    result = read(
        """
        Prochains rendez-vous
        ---------------------

        • jeudi 16 janvier 2020, de 9 h 30 à 12 h 30 : Comité exécutif, Genève
        • 6 et 7 février 2020 : Séminaire des conseillers, Marseille (date à confirmer)
        • Journée de l'orientation – 23 janvier 2020, Bruxelles – inscription : https://example.org/i

        Les mots des Cités
        ------------------

        Un atelier pour les entretiens en ligne

        La Cité des métiers de Porto propose un atelier de deux heures pour préparer un entretien.
        """
    )
    assert events(result) == [
        (
            "Comité exécutif",
            T(2020, 1, 16, 9, 30),
            T(2020, 1, 16, 12, 30),
            "Genève",
            EventStatus.CONFIRMED,
        ),
        (
            "Séminaire des conseillers",
            D(2020, 2, 6),
            D(2020, 2, 7),
            "Marseille",
            EventStatus.TENTATIVE,
        ),
        ("Journée de l'orientation", D(2020, 1, 23), None, "Bruxelles", EventStatus.CONFIRMED),
    ]
    assert result.issue.agenda[2].registration == cdm.Link(
        url="https://example.org/i", label="inscription"
    )
    (section,) = result.issue.sections
    assert (section.title, section.kind) == ("Les mots des Cités", SectionKind.OTHER)
    assert [a.plain_title for a in section.articles] == ["Un atelier pour les entretiens en ligne"]


def test_statuses_postponed_moved_and_cancelled() -> None:
    result = read(
        """
        AGENDA

        2 avril 2020
        Spring School, Porto
        REPORTÉE à une date ultérieure

        REPORTÉ : 8-9 octobre 2020 (au lieu des 23-24 avril)
        Assemblée des managers, Bruxelles

        14 mai 2020 (initialement prévu le 2 avril)
        Comité de labellisation, Paris

        20 mai 2020
        Réunion du ComEx, Lyon – ANNULÉE

        LES CITES DES METIERS FACE AU CONFINEMENT

        Les équipes conseillent désormais par téléphone et en visioconférence.
        """,
        "infolettre-2020-03.txt",
    )
    agenda = result.issue.agenda
    assert [(e.title, e.status, e.rescheduled_from) for e in agenda] == [
        ("Spring School", EventStatus.POSTPONED, None),
        ("Assemblée des managers", EventStatus.CONFIRMED, D(2020, 4, 23)),
        ("Comité de labellisation", EventStatus.CONFIRMED, D(2020, 4, 2)),
        ("Réunion du ComEx", EventStatus.CANCELLED, None),
    ]
    assert [e.when.start if e.when else None for e in agenda] == [
        D(2020, 4, 2),
        D(2020, 10, 8),
        D(2020, 5, 14),
        D(2020, 5, 20),
    ]
    assert [s.title for s in result.issue.sections] == ["LES CITES DES METIERS FACE AU CONFINEMENT"]


def test_contacts_as_other_editors_write_them() -> None:
    result = read(
        """
        NOUVELLES DES CDM

        UN ATELIER A NEUCHATEL

        La Cité des métiers de Neuchâtel ouvre un atelier de rédaction de CV tous les mardis.

        Contact : Léa Berthoud – lea.berthoud (at) example.org

        UN FORUM A NANTES

        Le forum a réuni quarante employeurs et plus de six cents visiteurs cette année.

        Contact :
        Anne-Sophie Le Goff : anne-sophie.le-goff@example.org
        Tél. : 02 40 00 11 22

        UN SALON A LIEGE

        Le salon de l'alternance a accueilli trois cents jeunes et leurs familles.

        Pieter Claes : p.claes [at] cdm-liege (dot) example (dot) org
        """
    )
    contacts = [(c.name, c.email) for a in result.issue.articles() for c in a.contacts]
    assert contacts == [
        ("Léa Berthoud", "lea.berthoud@example.org"),
        ("Anne-Sophie Le Goff", "anne-sophie.le-goff@example.org"),
        ("Pieter Claes", "p.claes@cdm-liege.example.org"),
    ]
    forum = list(result.issue.articles())[1]
    assert forum.body.to_plain().endswith("Tél. : 02 40 00 11 22")  # kept, not a person


def test_staff_moves_and_the_people_who_do_not_move() -> None:
    result = read(
        """
        ARRIVEES / DEPARTS

        Nous souhaitons la bienvenue à Claire Dumoulin, nouvelle directrice de la Cité des métiers.

        Bernard Lhomme, conseiller à la Cité des métiers du Limousin, part à la retraite en juin.

        Caroline Vasseur a quitté ses fonctions fin juillet pour rejoindre la Région. L'intérim sera
        assuré par Samia Benali.

        Montserrat Puig i Soler a été nommée directrice à compter du 1er mai.
        """
    )
    moves = [(c.person.name, c.kind) for a in result.issue.articles() for c in a.staff_changes]
    assert moves == [
        ("Claire Dumoulin", StaffChangeKind.ARRIVAL),
        ("Bernard Lhomme", StaffChangeKind.DEPARTURE),
        ("Caroline Vasseur", StaffChangeKind.DEPARTURE),
        ("Montserrat Puig i Soler", StaffChangeKind.ARRIVAL),
    ]


def test_lint_reports_a_lost_event_and_an_empty_agenda() -> None:
    result = read(
        """
        AGENDA

        Date | Événement | Lieu
        16/01/2020 | Comité de labellisation | Bruxelles
        et aussi, sans date précise, la réunion du 3 février 2020 à Lyon

        CALENDRIER

        NOUVELLES DU RESEAU

        UN NOUVEAU SITE

        Le Réseau publie un nouveau site ce mois-ci, plus simple à parcourir.
        """
    )
    found = [(d.line, d.severity, d.code) for d in cdm.lint(result, "x.txt")]
    assert (5, cdm.Severity.ERROR, "lost-event") in found
    assert (7, cdm.Severity.ERROR, "empty-agenda") in found
    assert [e.title for e in result.issue.agenda] == ["Comité de labellisation"]


def test_build_sums_up_and_strict_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cdm_newsletter.cli import main

    source = tmp_path / "infolettre-2020-01.txt"
    source.write_text("AGENDA\n\nDate | Événement\nvers le 3 février 2020, à Lyon\n")
    assert main(["build", str(source), "-o", str(tmp_path / "site"), "-f", "json"]) == 0
    err = capsys.readouterr().err
    assert f"warning: 3 part(s) of 1 source(s) were not understood ({source})" in err
    assert main(["build", "--strict", str(source), "-o", str(tmp_path / "strict")]) == 1
    assert "nothing was built (--strict)" in capsys.readouterr().err
    assert not (tmp_path / "strict").exists()


@pytest.mark.parametrize("batch", sorted(p.name for p in BLIND.iterdir() if p.is_dir()), ids=str)
def test_blind_batches_stay_read(batch: str) -> None:
    """A regression guard on the blind corpus: the honest figure of each batch is the one
    scored before the fixes it led to (see benchmarks/blind.py and the issue notes); this
    only keeps later changes from losing what was won."""
    totals: dict[str, list[float]] = {}
    for path in sorted((BLIND / batch).glob("*.txt")):
        for kind, (won, possible) in score_issue(path).items():
            sums = totals.setdefault(kind, [0.0, 0.0])
            sums[0] += won
            sums[1] += possible
    shares = {kind: won / possible for kind, (won, possible) in totals.items() if possible}
    assert shares["agenda"] >= 0.95, shares
    assert min(shares.values()) >= 0.85, shares


TWIN = Path(__file__).resolve().parents[1] / "data" / "infolettre" / "seed-twin"


def test_coverage_accounts_for_every_line_of_text() -> None:
    path = TWIN / "infolettre-2018-12.txt"
    result = cdm.load_with_diagnostics(path)
    text_lines = {
        number for number, line in enumerate(path.read_text().split("\n"), start=1) if line.strip()
    }
    assert set(result.coverage) == text_lines
    assert None not in result.coverage.values()
    first_event = result.locations["$.agenda[0]"]
    assert result.coverage[first_event] == result.coverage[first_event + 2] == "$.agenda[0]"


def test_coverage_names_what_was_not_understood() -> None:
    result = read(
        """
        AGENDA

        Date | Événement | Lieu
        16/01/2020 | Comité de labellisation | Bruxelles
        et aussi la réunion du 3 février 2020 à Lyon
        """
    )
    assert result.coverage == {1: "$.agenda", 3: "$.agenda", 4: "$.agenda[0]", 5: None}


def test_lint_prints_the_coverage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cdm_newsletter.cli import main

    source = tmp_path / "infolettre-2020-01.txt"
    source.write_text("AGENDA\n\n16 janvier 2020 : Comité de labellisation, Bruxelles\n")
    assert main(["lint", "--coverage", str(source)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-2:] == [f"{source}:1: $.agenda", f"{source}:3: $.agenda[0]"]


LINES = st.sampled_from(
    [
        "",
        "AGENDA",
        "Prochains rendez-vous",
        "NOUVELLES DES CDM",
        "Un atelier pour les jeunes à Lyon",
        "jeudi 16 janvier 2020 : Comité, Paris",
        "Date | Événement | Lieu",
        "12/03/2020 | Séminaire | Porto",
        "REPORTÉ à une date ultérieure",
        "Contact : Léa Martin – lea.martin (at) example.org",
        "Tél. : 01 23 45 67 89",
        "La Cité des métiers a reçu 300 visiteurs en une journée de rencontres.",
        "- une liste ;",
        "ARRIVEES / DEPARTS",
        "Marie Durand quitte ses fonctions de directrice.",
        "L'équipe rédactionnelle",
        "Jean Dupont, Coordinateur",
        "=====",
    ]
)


@given(st.lists(LINES, max_size=40))
def test_coverage_has_every_line_of_text_and_only_those(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    result = cdm.loads_with_diagnostics(text.encode(), source="infolettre-2020-01.txt")
    with_words = {n for n, line in enumerate(lines, start=1) if any(c.isalnum() for c in line)}
    assert set(result.coverage) == with_words
    for path in result.coverage.values():
        assert path is None or path == "$" or path.startswith("$.")


def test_a_moved_event_stays_the_same_event_in_calendars() -> None:
    march = read(
        "AGENDA\n\n23-24 avril 2020 : Assemblée des managers, Bruxelles\n", "infolettre-2020-03.txt"
    )
    may = read(
        "AGENDA\n\nREPORTÉ : 8-9 octobre 2020 (au lieu des 23-24 avril) : Assemblée des managers,"
        " Bruxelles\n",
        "infolettre-2020-05.txt",
    )
    (entry,) = cdm.Archive([march.issue, may.issue]).agenda
    assert entry.identity == march.issue.agenda[0].id
    assert entry.event.when is not None
    assert (entry.event.when.first_day, entry.sequence) == (dt.date(2020, 10, 8), 1)


def test_two_blank_lines_tell_a_part_from_a_sub_heading() -> None:
    text = (
        "Prochains rendez-vous\n\n- 12 mai 2020 : Comité, Porto\n\n"
        "Chez nos partenaires\n\n- 14 mai 2020 : Forum, Lyon\n\n\n"
        "Vie du réseau\n\nUn atelier pour les jeunes\n\n"
        "La Cité des métiers a accueilli trois cents visiteurs en une seule journée.\n"
    )
    sub_heading = read(text, "infolettre-2020-05.txt")
    assert [s.title for s in sub_heading.issue.sections] == ["Vie du réseau"]
    assert [e.category for e in sub_heading.issue.agenda] == [
        cdm.EventCategory.OTHER,
        cdm.EventCategory.PARTNER,
    ]
    part = read(text.replace("\n\nChez nos", "\n\n\nChez nos"), "infolettre-2020-05.txt")
    assert [s.title for s in part.issue.sections] == ["Chez nos partenaires", "Vie du réseau"]


def test_a_masthead_names_the_issue_and_the_publisher() -> None:
    result = read(
        "InfoLettre – janvier 2023\n\nRéseau International des Cités des métiers\n\n\n"
        "Édito\n=====\n\nChers membres,\n\nBonne année à toutes et à tous.\n",
        "infolettre-2023-01.txt",
    )
    assert result.issue.title == "InfoLettre – janvier 2023"
    assert result.issue.sections == ()
    assert result.coverage[3] == "$.publisher.name"


def test_one_line_entries_without_blank_lines_are_events_each() -> None:
    result = read(
        "AGENDA\n\n03/12/2020 : Réunion du ComEx, Lisbonne\n10/12/2020 : Webinaire, en ligne\n"
        "et puis une ligne du 17 décembre qui n'est pas un rendez-vous\n",
        "infolettre-2020-11.txt",
    )
    assert [(e.title, e.place.name if e.place else None) for e in result.issue.agenda] == [
        ("Réunion du ComEx", "Lisbonne"),
        ("Webinaire", "en ligne"),
    ]
    assert "lost-event" in [d.code for d in result.diagnostics if d.line == 5]


def test_an_undated_row_that_says_why_is_no_error() -> None:
    result = read(
        "AGENDA\n\nDate | Événement | Lieu\n"
        "à définir | Séminaire des managers | Tunis\n"
        "12/03/2020 | Comité | Porto\n",
        "infolettre-2020-03.txt",
    )
    assert [e.date_text for e in result.issue.agenda] == ["à définir", None]
    assert not [d for d in result.diagnostics if d.severity is cdm.Severity.ERROR]


def test_the_organisation_of_a_move_told_in_the_sentence() -> None:
    result = read(
        "MOUVEMENTS\n\nNous souhaitons la bienvenue à Claire Fontaine, nouvelle directrice de"
        " la Cité des métiers de Nîmes.\n"
    )
    (change,) = [c for a in result.issue.articles() for c in a.staff_changes]
    assert (change.person.name, change.organisation) == (
        "Claire Fontaine",
        "Cité des métiers de Nîmes",
    )

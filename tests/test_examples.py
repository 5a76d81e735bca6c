"""The bundled example issues: valid, copied under examples/, and faithful to the seed's facts."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import cdm_newsletter as cdm
from cdm_newsletter import EventCategory, PartOfDay, SectionKind, StaffChangeKind
from tests.conftest import EXAMPLES


def test_examples_folder_holds_the_bundled_files() -> None:
    bundled = resources.files("cdm_newsletter") / "data"
    names = sorted(entry.name for entry in bundled.iterdir() if entry.name.endswith(".yaml"))
    assert names == ["infolettre-2018-12.yaml", "infolettre-2019-03.yaml"]
    for name in names:
        assert (EXAMPLES / name).read_bytes() == (bundled / name).read_bytes(), name


def test_december_2018_keeps_the_seed_facts() -> None:
    issue = cdm.load(EXAMPLES / "infolettre-2018-12.yaml")
    agenda = [
        (e.title, e.when.start, e.when.end, e.when.part_of_day, e.category) for e in issue.agenda
    ]
    internal, external = EventCategory.INTERNAL, EventCategory.EXTERNAL
    assert agenda == [
        ("Comité de labellisation", dt.date(2018, 11, 7), None, None, internal),
        ("Réunion du ComEx", dt.date(2018, 11, 7), None, None, internal),
        ("Réunion CDM21", dt.date(2018, 11, 8), None, None, internal),
        ("Assemblée Permanente des Managers", dt.date(2018, 11, 9), None, None, internal),
        ("Réunion du ComEx", dt.date(2018, 12, 6), None, None, internal),
        (
            "Assemblée Permanente des Managers",
            dt.date(2019, 1, 24),
            None,
            PartOfDay.MORNING,
            internal,
        ),
        (
            "Réunion finale du projet Erasmus+ COCADE",
            dt.date(2019, 1, 24),
            None,
            PartOfDay.AFTERNOON,
            external,
        ),
        (
            "Formation sur la veille numérique pour les professionnels de l'orientation"
            " dans le cadre du projet Erasmus+ DIMESCA",
            dt.date(2019, 1, 28),
            dt.date(2019, 1, 30),
            None,
            external,
        ),
        ("Spring school", dt.date(2019, 6, 19), dt.date(2019, 6, 21), None, external),
    ]
    kinds = [(section.kind, len(section.articles)) for section in issue.sections]
    assert kinds == [
        (SectionKind.MEMBER_NEWS, 5),
        (SectionKind.NETWORK_NEWS, 2),
        (SectionKind.FUNDING, 1),
        (SectionKind.STAFF_MOVES, 1),
        (SectionKind.CONTACT, 0),
    ]
    calls = [call.deadline for article in issue.articles() for call in article.funding_calls]
    assert calls == [dt.date(2019, 2, 26), dt.date(2019, 3, 21)]
    (change,) = [change for article in issue.articles() for change in article.staff_changes]
    assert change.kind is StaffChangeKind.DEPARTURE
    assert change.person.name == "Fabien Le Mao"
    assert change.contact_point is not None
    assert change.contact_point.name == "Régine Roussel"
    assert issue.editorial is not None
    assert issue.editorial.signature is not None
    assert issue.editorial.signature.name == "Raquel Castello-Branco"
    assert len(issue.editors) == 4


def test_examples_use_only_example_org_addresses() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for address in re.findall(r"[\w.+-]+@[\w.-]+", text):
            assert address.endswith("@example.org"), (path.name, address)
        for url in re.findall(r"https?://[^\s\"']+", text):
            assert re.match(r"https?://(www\.)?example\.org[/:]?", url), (path.name, url)


def test_later_example_has_a_private_contact_and_a_timed_event() -> None:
    issue = cdm.load(EXAMPLES / "infolettre-2019-03.yaml")
    people = [person for article in issue.articles() for person in article.contacts]
    assert any(not person.public for person in people)
    assert any(not event.when.all_day for event in issue.agenda)
    assert any(event.status is cdm.EventStatus.CANCELLED for event in issue.agenda)


def test_inspect_script_prints_the_agenda() -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "inspect_issue.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "InfoLettre — décembre 2018 (2018-12), 9 events"
    assert lines[1] == "  2018-11-07 [internal] Comité de labellisation, Paris la Villette"


def test_custom_exporter_script_builds_a_site(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(EXAMPLES / "custom_exporter.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    deadlines = (tmp_path / "deadlines.txt").read_text(encoding="utf-8").splitlines()
    assert [line[:10] for line in deadlines] == ["2019-02-26", "2019-03-21", "2019-10-01"]
    assert (tmp_path / "data" / "2018-12.json").is_file()


def test_calendar_sequence_shows_repeat_reschedule_cancellation() -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "calendar_sequence.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    after = result.stdout.split("after InfoLettre ")[1:]
    last = after[-1].splitlines()
    assert last[0] == "2019-06:"
    comite = "2019-04-20190516-comite-de-labellisation@example.org"
    assert f"  {comite}  SEQUENCE:1  2019-05-23 14:00:00+02:00  CONFIRMED" in last
    forum = "2019-04-20190605-forum-des-metiers-du-numerique@example.org"
    assert f"  {forum}  SEQUENCE:1  2019-06-05  CANCELLED" in last
    assert "  2019-04-20190619-spring-school@example.org  SEQUENCE:0  2019-06-19  CONFIRMED" in last
    assert sum("reunion-du-comex" in line for line in last) == 2  # a distinct later meeting
    assert len(last) == 6

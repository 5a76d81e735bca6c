"""The json exporter: data/<issue-id>.json, loadable again, private people left out."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import secrets
from collections.abc import Callable, Iterator
from typing import Any

from attrs import evolve
from hypothesis import given, settings

from cdm_newsletter import (
    Archive,
    Article,
    Artifact,
    Editorial,
    Exporter,
    ExportOptions,
    Issue,
    Person,
    Section,
    StaffChange,
    StaffChangeKind,
    get_exporter,
    loads,
    without_private_people,
)
from cdm_newsletter.exporters.json import JsonExporter
from cdm_newsletter.testing import property_examples
from cdm_newsletter.testing.strategies import issues

MakeIssue = Callable[..., Issue]

# Made at run time, so that no generated text can hold it by chance.
TOKEN = secrets.token_hex(8)

PRIVATE = Person(
    name=f"Secret{TOKEN}",
    email=f"secret{TOKEN}@private.example",
    role=f"role{TOKEN}",
    public=False,
)
PUBLIC = Person(name="Corinne MARETS", email="c.marets@example.org", role="chargée de mission")


def export(archive: Archive, options: ExportOptions | None = None) -> list[Artifact]:
    return list(JsonExporter().export(archive, options or ExportOptions()))


def only(archive: Archive, options: ExportOptions | None = None) -> bytes:
    [artifact] = export(archive, options)
    return artifact.data


def issue_with_private_people(make_issue: MakeIssue) -> Issue:
    change = StaffChange(
        organisation="CDM Paris",
        person=PUBLIC,
        kind=StaffChangeKind.DEPARTURE,
        contact_point=PRIVATE,
    )
    hidden_change = StaffChange(
        organisation="CDM Lisboa", person=PRIVATE, kind=StaffChangeKind.ARRIVAL
    )
    article = Article(
        id="2018-12-moves",
        title="Arrivées / départs",
        contacts=[PRIVATE, PUBLIC],
        staff_changes=[change, hidden_change],
    )
    return make_issue(
        sections=[Section(title="ARRIVÉES / DÉPARTS", articles=[article])],
        editors=[PRIVATE, PUBLIC],
        editorial=Editorial(signature=PRIVATE),
    )


def people_in(data: Any) -> Iterator[dict[str, Any]]:
    """Every mapping of the parsed data that has a 'public' key (a person)."""
    if isinstance(data, dict):
        if "public" in data:
            yield data
        for value in data.values():
            yield from people_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from people_in(value)


def mark_private_people(issue: Issue) -> Issue:
    """The issue with every private person's fields replaced by markers holding TOKEN."""
    numbers = itertools.count()

    def mark(person: Person) -> Person:
        if person.public:
            return person
        number = next(numbers)
        return evolve(
            person,
            name=f"Name{TOKEN}n{number}",
            email=f"mail{TOKEN}n{number}@private.example",
            role=f"Role{TOKEN}n{number}",
            organisation=f"Org{TOKEN}n{number}",
        )

    def mark_change(change: StaffChange) -> StaffChange:
        point = change.contact_point
        return evolve(
            change, person=mark(change.person), contact_point=None if point is None else mark(point)
        )

    def mark_article(article: Article) -> Article:
        return evolve(
            article,
            contacts=[mark(person) for person in article.contacts],
            staff_changes=[mark_change(change) for change in article.staff_changes],
        )

    editorial = issue.editorial
    if editorial is not None and editorial.signature is not None:
        editorial = evolve(editorial, signature=mark(editorial.signature))
    return evolve(
        issue,
        editors=[mark(person) for person in issue.editors],
        editorial=editorial,
        sections=[
            evolve(section, articles=[mark_article(article) for article in section.articles])
            for section in issue.sections
        ],
    )


# --- the exporter -----------------------------------------------------------------------


def test_it_is_the_registered_json_exporter() -> None:
    exporter = get_exporter("json")
    assert isinstance(exporter, JsonExporter)
    assert isinstance(exporter, Exporter)
    assert exporter.name == "json"
    assert exporter.media_type == "application/json"
    assert exporter.description


def test_one_file_per_issue_newest_first(make_issue: MakeIssue) -> None:
    archive = Archive(
        [
            make_issue(),
            make_issue(id="2019-03", date=dt.date(2019, 3, 1)),
            make_issue(id="2018-12-2"),
        ]
    )
    artifacts = export(archive)
    assert [artifact.path for artifact in artifacts] == [
        "data/2019-03.json",
        "data/2018-12-2.json",
        "data/2018-12.json",
    ]
    assert {artifact.media_type for artifact in artifacts} == {"application/json"}


def test_no_issue_no_file() -> None:
    assert export(Archive([])) == []


def test_output_is_indented_utf8_json_ending_in_a_newline(make_issue: MakeIssue) -> None:
    data = only(Archive([make_issue()]))
    assert data.startswith(b'{\n  "id": "2018-12",\n  "date": "2018-12-15",\n')
    assert data.endswith(b"}\n")
    assert "Numéri'DAY à Grandvilliers".encode() in data  # not \u-escaped
    assert json.loads(data)["title"] == "InfoLettre décembre 2018"


def test_output_loads_back_to_an_equal_issue(make_issue: MakeIssue) -> None:
    issue = issue_with_private_people(make_issue)
    data = only(Archive([issue]), ExportOptions(include_private=True))
    assert loads(data, source="data/2018-12.json") == issue


def test_same_archive_same_bytes(make_issue: MakeIssue) -> None:
    archive = Archive([issue_with_private_people(make_issue)])
    assert export(archive) == export(archive)


# --- privacy ----------------------------------------------------------------------------


def test_private_people_are_absent_by_default(make_issue: MakeIssue) -> None:
    issue = issue_with_private_people(make_issue)
    data = only(Archive([issue]))
    assert TOKEN not in data.decode("utf-8")
    parsed = json.loads(data)
    assert [person["name"] for person in people_in(parsed)] == [
        "Corinne MARETS",  # a contact
        "Corinne MARETS",  # the person of the staff change whose contact point is private
        "Corinne MARETS",  # an editor
    ]
    assert "editorial" not in parsed or "signature" not in parsed["editorial"]
    assert loads(data, source="data/2018-12.json") == without_private_people(issue)


def test_private_people_are_present_on_request(make_issue: MakeIssue) -> None:
    data = only(
        Archive([issue_with_private_people(make_issue)]), ExportOptions(include_private=True)
    )
    assert f"secret{TOKEN}@private.example".encode() in data
    assert any(person["public"] is False for person in people_in(json.loads(data)))


@settings(max_examples=property_examples(50))
@given(issues())
def test_any_issue_loads_back_equal_with_private_people(issue: Issue) -> None:
    data = only(Archive([issue]), ExportOptions(include_private=True))
    assert loads(data, source=f"data/{issue.id}.json") == issue


@settings(max_examples=property_examples(50))
@given(issues())
def test_no_private_person_reaches_the_output(issue: Issue) -> None:
    marked = mark_private_people(issue)
    data = only(Archive([marked]))
    assert TOKEN not in data.decode("utf-8")
    assert all(person["public"] is True for person in people_in(json.loads(data)))
    assert loads(data, source=f"data/{issue.id}.json") == without_private_people(marked)

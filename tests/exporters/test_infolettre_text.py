"""The InfoLettre text writer: generated issues written in every layout read back the same.

The writer shares the reader's idea of the format, so these properties complement the blind
corpus (tests/data/infolettre/blind/), they do not replace it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cdm_newsletter as cdm
from cdm_newsletter import (
    Article,
    Editorial,
    Event,
    EventCategory,
    EventStatus,
    FundingCall,
    Issue,
    Link,
    Paragraph,
    PartOfDay,
    Person,
    Place,
    Publisher,
    RichText,
    Section,
    SectionKind,
    StaffChange,
    StaffChangeKind,
    When,
)
from cdm_newsletter.exporters.infolettre import (
    LAYOUTS,
    InfoLettreTextExporter,
    TextLayout,
    write_infolettre,
)
from cdm_newsletter.importers.gazetteer import locate
from cdm_newsletter.model.identity import derive_article_id, derive_event_id

FIRST_NAMES = ("Léa", "Marc", "Inês", "Jordi", "Sofia", "Karim", "Anne-Sophie", "Pieter", "Giulia")
LAST_NAMES = ("Martin", "Lefèvre", "Carvalho", "Puig", "Benali", "Le Goff", "Claes", "Rossi")
EVENT_NAMES = ("Comité", "Réunion", "Séminaire", "Assemblée", "Forum", "Atelier", "Webinaire")
EVENT_TOPICS = (
    "de labellisation",
    "du ComEx",
    "des managers",
    "numérique",
    "« Orientation et emploi »",
    "du projet Erasmus+ COCADE",
)
PLACES = ("Paris la Villette", "Porto", "Bruxelles", "Genève", "Cité des métiers de Lyon")
NEWS_TITLES = (
    "La Cité des métiers de {} ouvre un espace numérique",
    "UN FORUM DE L'ALTERNANCE À {}",
    "{} : des ateliers pour les jeunes diplômés",
    "BILAN DE LA JOURNÉE PORTES OUVERTES DE {}",
)
CITIES = ("Lyon", "Porto", "Liège", "Genève", "Marseille", "Milan")
SENTENCES = (
    "La Cité des métiers a accueilli plus de trois cents visiteurs en une seule journée.",
    "Les conseillers ont proposé des entretiens individuels et des ateliers collectifs.",
    "Un nouveau programme sera lancé à la rentrée avec les partenaires du territoire.",
    "Les participants ont salué la qualité des échanges et la diversité des métiers.",
)
ROLES = ("Directrice", "chargé de mission Europe", "Coordinateur")

names = st.builds(
    lambda first, last: f"{first} {last}", st.sampled_from(FIRST_NAMES), st.sampled_from(LAST_NAMES)
)


def _email(name: str) -> str:
    slug = name.lower().replace(" ", ".").replace("è", "e").replace("ê", "e").replace("é", "e")
    return f"{slug}@example.org"


people = names.map(lambda name: Person(name=name, email=_email(name)))


@st.composite
def whens(draw: Any, issue_date: dt.date) -> When:
    first = issue_date + dt.timedelta(days=draw(st.integers(-40, 300)))
    shape = draw(st.sampled_from(["day", "span", "half", "timed", "start"]))
    if shape == "span":
        return When(start=first, end=first + dt.timedelta(days=draw(st.integers(1, 3))))
    if shape == "half":
        return When(start=first, part_of_day=draw(st.sampled_from(PartOfDay)))
    if shape in ("timed", "start"):
        start = dt.datetime.combine(
            first, dt.time(draw(st.integers(8, 16)), draw(st.sampled_from([0, 30])))
        )
        end = start + dt.timedelta(hours=draw(st.integers(1, 4))) if shape == "timed" else None
        zone = "Europe/Paris"
        return When(start=start, end=end, timezone=zone)
    return When(start=first)


@st.composite
def events(draw: Any, issue: str, issue_date: dt.date) -> Event:
    title = f"{draw(st.sampled_from(EVENT_NAMES))} {draw(st.sampled_from(EVENT_TOPICS))}"
    when = draw(whens(issue_date))
    place_name = draw(st.sampled_from((None, *PLACES)))
    city = locate(place_name) if place_name else None
    zone = city.timezone if city is not None else "Europe/Paris"
    if isinstance(when.start, dt.datetime):
        when = When(start=when.start, end=when.end, timezone=zone)
    place = (
        None
        if place_name is None
        else Place(
            name=place_name,
            city=city.name if city else None,
            country=city.country if city else None,
            timezone=zone,
        )
    )
    moved = draw(st.booleans())
    rescheduled = when.first_day - dt.timedelta(days=draw(st.integers(7, 60))) if moved else None
    status = draw(st.sampled_from(EventStatus))
    registration = draw(
        st.sampled_from(
            (
                None,
                Link(url="#", label="inscription"),
                Link(url="https://example.org/i/1", label="inscription"),
            )
        )
    )
    return Event(
        id=derive_event_id(issue, title, rescheduled or when.first_day),
        title=title,
        when=when,
        place=place,
        category=draw(st.sampled_from(EventCategory)),
        registration=registration,
        status=status,
        rescheduled_from=rescheduled,
    )


def _body(draw: Any) -> RichText:
    count = draw(st.integers(1, 2))
    return RichText(
        blocks=[Paragraph(spans=draw(st.sampled_from(SENTENCES))) for _ in range(count)]
    )


@st.composite
def issues(draw: Any) -> Issue:
    year, month = draw(st.integers(2019, 2026)), draw(st.integers(1, 12))
    issue_id, date = f"{year}-{month:02d}", dt.date(year, month, 15)
    agenda: list[Event] = []
    for event in draw(st.lists(events(issue_id, date), max_size=5)):
        if all(e.id != event.id for e in agenda):
            agenda.append(event)
    agenda.sort(key=lambda e: e.category.value)  # grouped by category, as the writer heads them
    sections = []
    if draw(st.booleans()):
        titles = draw(st.lists(st.sampled_from(NEWS_TITLES), min_size=1, max_size=3, unique=True))
        articles = [
            Article(
                id=derive_article_id(issue_id, title.format(city)),
                title=(title.format(city)),
                body=_body(draw),
                contacts=draw(st.lists(people, max_size=2, unique_by=lambda p: p.name)),
            )
            for title, city in zip(titles, CITIES, strict=False)
        ]
        sections.append(
            Section(title="NOUVELLES DES CDM", kind=SectionKind.MEMBER_NEWS, articles=articles)
        )
    if draw(st.booleans()):
        calls = [
            FundingCall(
                title="Erasmus+ KA2 – Partenariats de coopération",
                deadline=date + dt.timedelta(days=40),
            ),
            FundingCall(title="FSE+ – Innovation sociale", deadline=date + dt.timedelta(days=70)),
        ][: draw(st.integers(1, 2))]
        sections.append(
            Section(
                title="FINANCEMENTS EUROPÉENS",
                kind=SectionKind.FUNDING,
                articles=[
                    Article(
                        id=derive_article_id(issue_id, "FINANCEMENTS EUROPÉENS"),
                        title="FINANCEMENTS EUROPÉENS",
                        funding_calls=calls,
                    )
                ],
            )
        )
    if draw(st.booleans()):
        organisation = f"Cité des métiers de {draw(st.sampled_from(CITIES))}"
        movers = draw(st.lists(names, min_size=1, max_size=2, unique=True))
        changes = [
            StaffChange(
                organisation=organisation,
                person=Person(name=name),
                kind=draw(st.sampled_from(StaffChangeKind)),
                role=draw(st.sampled_from((None, *ROLES))),
            )
            for name in movers
        ]
        sections.append(
            Section(
                title="ARRIVÉES / DÉPARTS",
                kind=SectionKind.STAFF_MOVES,
                articles=[
                    Article(
                        id=derive_article_id(issue_id, organisation),
                        title=organisation,
                        staff_changes=changes,
                    )
                ],
            )
        )
    editorial = None
    if draw(st.booleans()):
        editorial = Editorial(
            salutation="Chers membres du Réseau,",
            body=_body(draw),
            closing="Bien cordialement,",
            signature=Person(name=draw(names), role="Présidente du Réseau"),
        )
    return Issue(
        id=issue_id,
        date=date,
        title=f"InfoLettre {issue_id}",
        publisher=Publisher(
            name="Réseau International des Cités des métiers",
            url="https://example.org/",
            email="infolettre@example.org",
        ),
        editorial=editorial,
        agenda=agenda,
        sections=sections,
        editors=draw(st.lists(names.map(lambda n: Person(name=n, role="Rédaction")), max_size=2)),
    )


def projection(issue: Issue) -> dict[str, object]:
    """What the text says of an issue, to compare an issue with the one read back."""
    return {
        "agenda": [
            (e.title, e.when, e.place, e.category, e.status, e.rescheduled_from, e.registration)
            for e in issue.agenda
        ],
        "sections": [
            (s.title, s.kind, [a.plain_title for a in s.articles]) for s in issue.sections
        ],
        "bodies": [
            a.body.to_plain()
            for a in issue.articles()
            if not a.funding_calls and not a.staff_changes
        ],
        "contacts": [[(c.name, c.email) for c in a.contacts] for a in issue.articles()],
        "calls": [[(c.title, c.deadline) for c in a.funding_calls] for a in issue.articles()],
        "staff": [
            [(c.organisation, c.person.name, c.kind) for c in a.staff_changes]
            for a in issue.articles()
        ],
        "editorial": issue.editorial,
        "editors": issue.editors,
        "header": (issue.id, issue.date, issue.title, issue.publisher),
    }


@given(issue=issues(), layout=st.sampled_from(LAYOUTS))
def test_generated_issues_read_back_the_same_in_every_layout(
    issue: Issue, layout: TextLayout
) -> None:
    text = write_infolettre(issue, layout)
    result = cdm.loads_with_diagnostics(text.encode(), source="issue.txt")
    assert projection(result.issue) == projection(issue), text
    assert not [d for d in result.diagnostics if d.code in cdm.NOT_UNDERSTOOD], text


def test_the_layouts_look_as_documented() -> None:
    event = Event(
        id="comite",
        title="Comité de labellisation",
        when=When(start=dt.date(2020, 3, 12)),
        place=Place(name="Porto"),
        status=EventStatus.TENTATIVE,
    )
    issue = Issue(
        id="2020-03",
        date=dt.date(2020, 3, 1),
        title="InfoLettre mars 2020",
        publisher=Publisher(name="Réseau"),
        agenda=[event],
    )
    rows = write_infolettre(issue, TextLayout(agenda="rows", headings="underlined"))
    assert rows.split("---\n", 2)[2] == (
        "\nAgenda\n======\n\nAutres rendez-vous\n\n"
        "Date | Événement | Lieu | Inscription\n"
        "12 mars 2020 | Comité de labellisation (sous réserve) | Porto | -\n"
    )
    one_line = write_infolettre(issue, TextLayout(agenda="one-line"))
    assert one_line.endswith("- 12 mars 2020 : Comité de labellisation (sous réserve), Porto\n")


def test_layouts_refuse_unknown_values() -> None:
    with pytest.raises(ValueError, match="'agenda' must be in"):
        TextLayout(agenda="columns")  # type: ignore[arg-type]


def test_the_exporter_writes_one_text_per_issue() -> None:
    archive = cdm.Archive(cdm.example_issues())
    artifacts = list(InfoLettreTextExporter().export(archive, cdm.ExportOptions()))
    assert [a.path for a in artifacts] == [f"text/{i.id}.txt" for i in archive.issues]
    for artifact, issue in zip(artifacts, archive.issues, strict=True):
        back = cdm.loads(artifact.data, source=artifact.path)
        assert back.id == issue.id
        assert [e.title for e in back.agenda] == [e.title for e in issue.agenda]

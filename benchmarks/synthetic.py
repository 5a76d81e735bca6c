"""A seeded synthetic archive of issues for benchmarks, with repeats and reschedules."""

from __future__ import annotations

import datetime as dt
import random

import cdm_newsletter as cdm
from cdm_newsletter.model import derive_event_id

PLACES = [
    cdm.Place(name="Paris la Villette", city="Paris", country="FR", timezone="Europe/Paris"),
    cdm.Place(name="Porto", city="Porto", country="PT", timezone="Europe/Lisbon"),
    cdm.Place(
        name="Cité des métiers de Bruxelles",
        city="Bruxelles",
        country="BE",
        timezone="Europe/Brussels",
    ),
    cdm.Place(name="Genève", city="Genève", country="CH", timezone="Europe/Zurich"),
    cdm.Place(name="Milan", city="Milan", country="IT", timezone="Europe/Rome"),
    cdm.Place(name="Marseille", city="Marseille", country="FR", timezone="Europe/Paris"),
]
TITLES = [
    "Comité de labellisation",
    "Réunion du ComEx",
    "Assemblée Permanente des Managers",
    "Formation sur la veille numérique pour les professionnels de l'orientation",
    "Spring school",
    "Réunion finale du projet Erasmus+",
    "Atelier sur l'accompagnement des publics",
    "Séminaire des conseillers en orientation",
]
CATEGORIES = list(cdm.EventCategory)
WORDS = [
    "orientation",
    "formation",
    "emploi",
    "métiers",
    "conseil",
    "accompagnement",
    "numérique",
    "projet",
    "partenaires",
    "réseau",
    "territoire",
    "jeunes",
    "apprentissage",
    "insertion",
    "compétences",
    "découverte",
    "atelier",
    "forum",
    "professionnels",
    "publics",
    "entreprises",
    "information",
    "mobilité",
    "parcours",
    "europe",
    "coopération",
    "innovation",
    "inclusion",
    "services",
    "ressources",
    "carrière",
    "alternance",
    "visiteurs",
    "journée",
]
SECTION_KINDS = [
    (cdm.SectionKind.MEMBER_NEWS, "NOUVELLES DES CDM"),
    (cdm.SectionKind.NETWORK_NEWS, "NOUVELLES DU RESEAU"),
    (cdm.SectionKind.FUNDING, "FINANCEMENTS EUROPEENS"),
]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _article(rng: random.Random, issue_id: str, index: int) -> cdm.Article:
    """An article of realistic French length: 3 to 6 paragraphs, sometimes a list, a contact."""
    paragraphs: list[cdm.Block] = [
        cdm.Paragraph(
            spans=" ".join(_sentence(rng, rng.randint(12, 25)) for _ in range(rng.randint(2, 4)))
        )
        for _ in range(rng.randint(3, 6))
    ]
    if rng.random() < 0.3:
        items = [_sentence(rng, rng.randint(5, 12)) for _ in range(rng.randint(3, 7))]
        paragraphs.insert(1, cdm.BulletList(items=items))
    paragraphs.append(
        cdm.Paragraph(
            spans=(
                cdm.Text(text="Plus d'informations : "),
                cdm.Link(
                    url=f"https://www.example.org/{issue_id}/{index}", label="la page du projet"
                ),
            )
        )
    )
    name = f"{rng.choice(['Ana', 'Luc', 'Maud', 'Karim', 'Sofia'])} {rng.choice(WORDS).upper()}"
    return cdm.Article(
        id=f"{issue_id}-article-{index}",
        title=_sentence(rng, rng.randint(6, 14)).rstrip(".").upper(),
        body=cdm.RichText(blocks=paragraphs),
        contacts=(cdm.Person(name=name, email=f"contact{index}@example.org"),),
    )


def _when(rng: random.Random, day: dt.date, place: cdm.Place) -> cdm.When:
    shape = rng.random()
    if shape < 0.5:
        return cdm.When(start=day)
    if shape < 0.7:
        return cdm.When(start=day, end=day + dt.timedelta(days=rng.randint(1, 3)))
    if shape < 0.85:
        return cdm.When(start=day, part_of_day=rng.choice(list(cdm.PartOfDay)))
    start = dt.datetime.combine(day, dt.time(rng.choice([9, 10, 14]), rng.choice([0, 30])))
    end = start + dt.timedelta(hours=rng.randint(1, 4))
    assert place.timezone is not None
    return cdm.When(start=start, end=end, timezone=place.timezone)


def make_issues(
    count: int, events_per_issue: int = 10, articles_per_issue: int = 0, seed: int = 2018
) -> list[cdm.Issue]:
    """``count`` monthly issues from January 2000, with their events and articles.

    About a fifth of each issue's events announce again, or move, an event of the
    issue before that is still to come, as real agendas do.
    """
    rng = random.Random(seed)
    publisher = cdm.Publisher(
        name="Réseau International des Cités des métiers", url="https://www.example.org/"
    )
    issues: list[cdm.Issue] = []
    previous: list[cdm.Event] = []
    for number in range(count):
        year, month = 2000 + number // 12, number % 12 + 1
        issue_id = f"{year:04d}-{month:02d}"
        issue_date = dt.date(year, month, 1)
        events: list[cdm.Event] = []
        taken: set[str] = set()
        upcoming = [
            event
            for event in previous
            if event.when is not None and event.when.first_day >= issue_date
        ]
        for index in range(events_per_issue):
            if index < min(len(upcoming), events_per_issue // 5):
                old = upcoming[index]
                when = old.when
                if (
                    rng.random() < 0.3
                    and when is not None
                    and when.timezone is None
                    and when.end is None
                ):
                    when = cdm.When(
                        start=when.first_day + dt.timedelta(days=7), part_of_day=when.part_of_day
                    )
                title, place, category = old.title, old.place, old.category
            else:
                title = f"{rng.choice(TITLES)} {rng.randint(1, 500)}"
                place = rng.choice(PLACES)
                category = rng.choice(CATEGORIES)
                when = _when(rng, issue_date + dt.timedelta(days=rng.randint(10, 120)), place)
            assert when is not None
            event_id = derive_event_id(issue_id, title, when.first_day)
            if event_id in taken:
                event_id += f"-{index}"
            taken.add(event_id)
            events.append(
                cdm.Event(id=event_id, title=title, when=when, place=place, category=category)
            )
        previous = events
        articles = [_article(rng, issue_id, index) for index in range(articles_per_issue)]
        sections = [
            cdm.Section(title=title, kind=kind, articles=articles[position::3])
            for position, (kind, title) in enumerate(SECTION_KINDS)
            if articles[position::3]
        ]
        issues.append(
            cdm.Issue(
                id=issue_id,
                date=issue_date,
                title=f"InfoLettre {issue_id}",
                publisher=publisher,
                agenda=events,
                sections=sections,
            )
        )
    return issues

"""Shared fixtures: small valid issues, the seed newsletter, a clean plugin registry."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import cdm_newsletter as cdm
from cdm_newsletter import (
    Article,
    Event,
    EventCategory,
    Issue,
    Person,
    Place,
    Publisher,
    RichText,
    Section,
    SectionKind,
    When,
    plugins,
)
from cdm_newsletter.model import derive_event_id

CHECKERS_REQUIRED = os.environ.get("CDM_REQUIRE_CHECKERS") == "1"
"""Set by .ci/run: a missing checker or system tool fails its test instead of skipping it."""


def missing_checker(reason: str) -> None:
    """Skip the calling test for want of a tool, or fail it when checkers are required."""
    if CHECKERS_REQUIRED:
        pytest.fail(f"{reason} (CDM_REQUIRE_CHECKERS=1)")
    pytest.skip(reason)


settings.register_profile(
    "default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SEED = Path(
    os.environ.get("CDM_SEED_PATH")
    or Path(__file__).resolve().parents[2] / "shared" / "seed" / "infolettre-2018-12.txt"
)
"""The real December 2018 issue, outside the repository; CDM_SEED_PATH=/nonexistent hides it."""
SEED_TWIN = (
    Path(__file__).resolve().parent / "data" / "infolettre" / "seed-twin" / "infolettre-2018-12.txt"
)
"""The seed's twin: its exact layout in other words, with invented people and addresses."""
SEED_SOURCES = ("twin", "seed")
"""The sources of the seed tests: the twin always, the real seed when it is there."""
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def seed_path(source: str) -> Path:
    """The file of a seed source; the real seed's test is skipped without it (a clean clone)."""
    if source == "twin":
        return SEED_TWIN
    if not SEED.is_file():
        pytest.skip(f"the seed newsletter is not at {SEED}")
    return SEED


@pytest.fixture(scope="module", params=SEED_SOURCES)
def seed_source(request: pytest.FixtureRequest) -> str:
    """Which seed source a test reads: each seed test runs on the twin and on the real seed."""
    return str(request.param)


@pytest.fixture(scope="module")
def seed_file(seed_source: str) -> Path:
    """The file of the seed source (see :func:`seed_path`)."""
    return seed_path(seed_source)


@pytest.fixture
def seed_text(seed_file: Path) -> str:
    """The December 2018 issue as exported to text: the twin, or the real seed."""
    return seed_file.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _fresh_plugin_registry() -> Iterator[None]:
    """Every test starts and ends with nothing discovered or registered."""
    plugins.reset()
    yield
    plugins.reset()


def build_issue(**overrides: Any) -> Issue:
    """A small valid December 2018 issue with one event and one article; fields can be replaced."""
    fields: dict[str, Any] = {
        "id": "2018-12",
        "date": dt.date(2018, 12, 15),
        "title": "InfoLettre décembre 2018",
        "publisher": Publisher(
            name="Réseau International des Cités des métiers",
            url="https://www.example.org/",
            email="contact@example.org",
        ),
        "agenda": (
            Event(
                id="2018-12-20190619-spring-school",
                title="Spring school",
                when=When(start=dt.date(2019, 6, 19), end=dt.date(2019, 6, 21)),
                place=Place(
                    name="Paris la Villette", city="Paris", country="FR", timezone="Europe/Paris"
                ),
                category=EventCategory.EXTERNAL,
            ),
        ),
        "sections": (
            Section(
                title="NOUVELLES DES CDM",
                kind=SectionKind.MEMBER_NEWS,
                articles=(
                    Article(
                        id="2018-12-numeri-day",
                        title="Numéri'DAY à Grandvilliers",
                        body=RichText.from_paragraphs("Une journée consacrée au numérique."),
                        contacts=(Person(name="Corinne MARETS", email="c.marets@example.org"),),
                    ),
                ),
            ),
        ),
    }
    fields.update(overrides)
    return Issue(**fields)


PARIS = Place(name="Paris la Villette", city="Paris", country="FR", timezone="Europe/Paris")


def meeting(
    issue_id: str, title: str, day: dt.date, place: Place | None = PARIS, **fields: object
) -> Event:
    """An event with the id the identity rule derives, as an importer would give it."""
    return Event(
        id=fields.pop("id", None) or derive_event_id(issue_id, title, day),  # type: ignore[arg-type]
        title=title,
        when=When(start=day),
        place=place,
        **fields,  # type: ignore[arg-type]
    )


def agenda_issue(issue_id: str, day: dt.date, *events: Event) -> Issue:
    """An issue of that id and date whose agenda is ``events`` and which has no article."""
    return build_issue(id=issue_id, date=day, agenda=events, sections=())


@pytest.fixture
def make_issue() -> Callable[..., Issue]:
    """The :func:`build_issue` factory, as a fixture."""
    return build_issue


PAYLOADS = (  # markup and injection in every text field: must come out inert
    '<script>alert("x")</script>',
    '" onerror="alert(1)',
    "javascript:alert(1)",
    "]]><b>x</b>",
)


def payload_issue() -> cdm.Issue:
    """An issue with hostile text in every text field."""
    text = " ".join(PAYLOADS)
    person = cdm.Person(name=text, email="x@example.org", role=text, organisation=text)
    body = cdm.RichText(
        blocks=(
            cdm.Paragraph(
                spans=(cdm.Text(text=text), cdm.Emphasis(text=text), cdm.Superscript(text=text))
            ),
            cdm.Paragraph(spans=(cdm.Link(url="https://www.example.org/?q=1&r=2", label=text),)),
            cdm.BulletList(items=(text,)),
        )
    )
    event = cdm.Event(
        id="e",
        title=text,
        when=cdm.When(start=dt.date(2018, 12, 20)),
        place=cdm.Place(name=text, city=text),
        registration=cdm.Link(url="https://www.example.org/i", label=text),
        description=text,
    )
    article = cdm.Article(
        id="a",
        title=(cdm.Text(text=text), cdm.Superscript(text=text)),
        body=body,
        contacts=(person,),
        links=(cdm.Link(url="https://www.example.org/l", label=text),),
        funding_calls=(cdm.FundingCall(title=text, deadline=dt.date(2019, 1, 1), programme=text),),
        staff_changes=(
            cdm.StaffChange(
                organisation=text, person=person, kind=cdm.StaffChangeKind.ARRIVAL, role=text
            ),
        ),
    )
    return build_issue(
        title=text,
        publisher=cdm.Publisher(name=text, url="https://www.example.org/", email="p@example.org"),
        editorial=cdm.Editorial(salutation=text, body=body, closing=text, signature=person),
        agenda=(event,),
        sections=(cdm.Section(title=text, intro=body, articles=(article,)),),
        editors=(person,),
    )


@contextlib.contextmanager
def raises_exactly(kind: type[BaseException], message: str) -> Iterator[None]:
    """Expect ``kind`` with exactly ``message``: a change of wording is then a visible decision."""
    with pytest.raises(kind) as caught:
        yield
    assert str(caught.value) == message


def site_files(folder: Path) -> list[Path]:
    """Every file of a built site (hidden ones too), sorted, but the build's own records."""
    return [
        path
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.relative_to(folder).as_posix().startswith(".cdm-newsletter/")
    ]


def site_snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a built site but the build's records, by relative POSIX path."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in site_files(folder)}

"""An issue of the newsletter and its parts: sections, articles, editorial, publisher."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from typing import Any

from attrs import Attribute, field, frozen

from ..errors import InvalidValue
from . import _checks
from .agenda import Event
from .notices import FundingCall, StaffChange
from .people import Person
from .text import Link, RichText, Spans, as_spans, spans_to_plain

__all__ = ["Article", "Editorial", "Issue", "Provenance", "Publisher", "Section", "SectionKind"]

_ISSUE_ID = re.compile(r"(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])(?:-(?P<number>[1-9]\d{0,2}))?")


@frozen(kw_only=True)
class Publisher:
    """Who publishes the newsletter: the network, its website and contact address."""

    name: str = field(validator=_checks.line)
    url: str | None = field(default=None, validator=_checks.optional_web_url)
    email: str | None = field(default=None, validator=_checks.optional_email)


@frozen(kw_only=True)
class Editorial:
    """The editorial letter: greeting, body, closing formula and signature."""

    salutation: str | None = field(default=None, validator=_checks.optional_line)
    body: RichText = RichText()
    closing: str | None = field(default=None, validator=_checks.optional_line)
    signature: Person | None = None


def _title_not_empty(_instance: object, attribute: Attribute[Any], value: Spans) -> None:
    if not spans_to_plain(value).strip():
        raise InvalidValue(attribute.name, "must not be empty")


@frozen(kw_only=True)
class Article:
    """A news article.

    ``id`` is stable across builds: explicit in the source, or derived by
    :func:`cdm_newsletter.model.identity.derive_article_id`. ``links`` holds
    links given apart from the body; :meth:`all_links` adds the body's own.
    """

    id: str = field(validator=_checks.identifier)
    title: Spans = field(converter=as_spans, validator=_title_not_empty)
    body: RichText = RichText()
    contacts: tuple[Person, ...] = field(default=(), converter=_checks.as_tuple)
    links: tuple[Link, ...] = field(default=(), converter=_checks.as_tuple)
    funding_calls: tuple[FundingCall, ...] = field(default=(), converter=_checks.as_tuple)
    staff_changes: tuple[StaffChange, ...] = field(default=(), converter=_checks.as_tuple)

    @property
    def plain_title(self) -> str:
        """The title as plain text."""
        return spans_to_plain(self.title)

    def all_links(self) -> Iterator[Link]:
        """Yield the links of the body, then the article's other links."""
        yield from self.body.links()
        yield from self.links


class SectionKind(enum.Enum):
    """What a section holds; recognised from its title by the importers."""

    MEMBER_NEWS = "member-news"
    """News from the member Cités des métiers ("Nouvelles des CDM")."""
    NETWORK_NEWS = "network-news"
    """News of the network itself ("Nouvelles du réseau")."""
    FUNDING = "funding"
    """Funding calls ("Financements européens")."""
    STAFF_MOVES = "staff-moves"
    """Arrivals and departures ("Arrivées / départs")."""
    CONTACT = "contact"
    """How to reach the editors ("Adresse de contact")."""
    PARTNER_AGENDA = "partner-agenda"
    """Events of partner organisations ("Agenda des partenaires")."""
    OTHER = "other"
    """Any other section."""


@frozen(kw_only=True)
class Section:
    """A titled section of an issue: an optional introduction, then articles."""

    title: str = field(validator=_checks.line)
    kind: SectionKind = SectionKind.OTHER
    intro: RichText = RichText()
    articles: tuple[Article, ...] = field(default=(), converter=_checks.as_tuple)


def _check_issue_id(_instance: Issue, attribute: Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or _ISSUE_ID.fullmatch(value) is None:
        raise InvalidValue(
            attribute.name, f"{value!r} is not an issue id such as '2018-12' or '2018-12-2'"
        )


def _check_issue_date(instance: Issue, attribute: Attribute[Any], value: dt.date) -> None:
    match = _ISSUE_ID.fullmatch(instance.id)
    if match is None:
        return  # reported on the id
    if (value.year, value.month) != (int(match["year"]), int(match["month"])):
        raise InvalidValue(
            attribute.name, f"{value.isoformat()} is not in the month of issue {instance.id}"
        )


def _check_unique_ids(instance: Issue, attribute: Attribute[Any], _value: object) -> None:
    first_use: dict[str, str] = {}
    for path, item_id in instance.item_ids():
        if item_id in first_use:
            raise InvalidValue(path, f"{item_id!r} is already the id of {first_use[item_id]}")
        first_use[item_id] = path.removesuffix(".id")


@frozen(kw_only=True)
class Provenance:
    """Where an issue's data comes from: the source's file name and the importer that read it.

    Either may be unknown (``None``), as in an archive document written without them.
    """

    source: str | None = field(default=None, validator=_checks.optional_line)
    importer: str | None = field(default=None, validator=_checks.optional_line)


@frozen(kw_only=True)
class Issue:
    """One issue of the newsletter.

    ``id`` is ``YYYY-MM``, or ``YYYY-MM-N`` when a month has several issues, and
    ``date`` falls in that month. Article and event ids are unique within the issue.
    """

    id: str = field(validator=_check_issue_id)
    date: dt.date = field(validator=_check_issue_date)
    title: str = field(validator=_checks.line)
    publisher: Publisher
    language: str = field(default="fr", validator=_checks.language_tag)
    editorial: Editorial | None = None
    agenda: tuple[Event, ...] = field(default=(), converter=_checks.as_tuple)
    sections: tuple[Section, ...] = field(
        default=(), converter=_checks.as_tuple, validator=_check_unique_ids
    )
    editors: tuple[Person, ...] = field(default=(), converter=_checks.as_tuple)
    url: str | None = field(default=None, validator=_checks.optional_web_url)
    provenance: Provenance | None = field(default=None, eq=False)
    """Where the data was read from; not part of what the issue says, so equality ignores it."""

    def articles(self) -> Iterator[Article]:
        """Yield every article, section by section."""
        for section in self.sections:
            yield from section.articles

    def item_ids(self) -> Iterator[tuple[str, str]]:
        """Yield ``(field path, id)`` for every event and article, in reading order."""
        for index, event in enumerate(self.agenda):
            yield f"agenda[{index}].id", event.id
        for s_index, section in enumerate(self.sections):
            for a_index, article in enumerate(section.articles):
                yield f"sections[{s_index}].articles[{a_index}].id", article.id

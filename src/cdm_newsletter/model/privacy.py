"""The privacy rule: private people never reach a published output."""

from __future__ import annotations

from attrs import evolve

from .issue import Article, Editorial, Issue
from .notices import StaffChange
from .people import Person

__all__ = ["without_private_people"]


def _public(people: tuple[Person, ...]) -> tuple[Person, ...]:
    return tuple(person for person in people if person.public)


def _public_staff_change(change: StaffChange) -> StaffChange:
    contact_point = change.contact_point
    if contact_point is not None and not contact_point.public:
        return evolve(change, contact_point=None)
    return change


def _public_article(article: Article) -> Article:
    return evolve(
        article,
        contacts=_public(article.contacts),
        staff_changes=tuple(
            _public_staff_change(change) for change in article.staff_changes if change.person.public
        ),
    )


def _public_editorial(editorial: Editorial) -> Editorial:
    signature = editorial.signature
    if signature is not None and not signature.public:
        return evolve(editorial, signature=None)
    return editorial


def without_private_people(issue: Issue) -> Issue:
    """Return ``issue`` without any person whose ``public`` flag is false.

    Private contacts and editors are left out; so is a private signature or
    contact point, and a staff change about a private person.
    """
    sections = tuple(
        evolve(section, articles=tuple(_public_article(article) for article in section.articles))
        for section in issue.sections
    )
    return evolve(
        issue,
        sections=sections,
        editors=_public(issue.editors),
        editorial=None if issue.editorial is None else _public_editorial(issue.editorial),
    )

"""The privacy rule: private people never reach a published output."""

from __future__ import annotations

from attrs import evolve

from .issue import Article, Editorial, Issue
from .notices import StaffChange
from .people import Person

__all__ = ["has_private_people", "published_issue", "without_private_people"]


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


def has_private_people(issue: Issue) -> bool:
    """Whether any person of ``issue`` (contact, editor, signature, staff change) is private."""
    people: list[Person] = list(issue.editors)
    if issue.editorial is not None and issue.editorial.signature is not None:
        people.append(issue.editorial.signature)
    for section in issue.sections:
        for article in section.articles:
            people += article.contacts
            for change in article.staff_changes:
                people.append(change.person)
                if change.contact_point is not None:
                    people.append(change.contact_point)
    return not all(person.public for person in people)


def published_issue(issue: Issue, include_private: bool = False) -> Issue:
    """``issue`` as it may be published: itself when it may, else without its private people."""
    if include_private or not has_private_people(issue):
        return issue
    return without_private_people(issue)

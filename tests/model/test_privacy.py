"""The privacy rule: private people never reach a published output."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from hypothesis import given

from cdm_newsletter import (
    Article,
    Editorial,
    Issue,
    Person,
    RichText,
    Section,
    StaffChange,
    StaffChangeKind,
    without_private_people,
)
from cdm_newsletter.testing.strategies import issues

MakeIssue = Callable[..., Issue]

PUBLIC = Person(name="Corinne MARETS", email="c.marets@example.org")
PRIVATE = Person(name="Jean Secret", email="j.secret@example.org", public=False)
PUBLIC_2 = Person(name="Régine Roussel", email="r.roussel@example.org")
PRIVATE_2 = Person(email="private@example.org", public=False)


def people_of(issue: Issue) -> Iterator[Person]:
    """Every person an issue mentions, wherever they sit."""
    yield from issue.editors
    if issue.editorial is not None and issue.editorial.signature is not None:
        yield issue.editorial.signature
    for article in issue.articles():
        yield from article.contacts
        for change in article.staff_changes:
            yield change.person
            if change.contact_point is not None:
                yield change.contact_point


def issue_with_people(make_issue: MakeIssue, **article_fields: object) -> Issue:
    article = Article(id="2018-12-moves", title="Arrivées / départs", **article_fields)  # type: ignore[arg-type]
    return make_issue(sections=[Section(title="ARRIVÉES / DÉPARTS", articles=[article])])


def only_article(issue: Issue) -> Article:
    [article] = issue.articles()
    return article


def test_private_contacts_are_left_out(make_issue: MakeIssue) -> None:
    issue = issue_with_people(make_issue, contacts=[PRIVATE, PUBLIC, PRIVATE_2, PUBLIC_2])
    assert only_article(without_private_people(issue)).contacts == (PUBLIC, PUBLIC_2)


def test_private_editors_are_left_out(make_issue: MakeIssue) -> None:
    issue = make_issue(editors=[PUBLIC, PRIVATE, PUBLIC_2])
    assert without_private_people(issue).editors == (PUBLIC, PUBLIC_2)


def test_private_signature_is_left_out_and_the_editorial_kept(make_issue: MakeIssue) -> None:
    editorial = Editorial(body=RichText.from_paragraphs("Bonjour"), signature=PRIVATE)
    result = without_private_people(make_issue(editorial=editorial))
    assert result.editorial == Editorial(body=RichText.from_paragraphs("Bonjour"))


def test_public_signature_is_kept(make_issue: MakeIssue) -> None:
    editorial = Editorial(signature=PUBLIC, closing="Bien à vous")
    assert without_private_people(make_issue(editorial=editorial)).editorial == editorial


def test_no_editorial_stays_none(make_issue: MakeIssue) -> None:
    assert without_private_people(make_issue(editorial=None)).editorial is None


def test_staff_change_about_a_private_person_is_left_out(make_issue: MakeIssue) -> None:
    leaving = StaffChange(organisation="CDM Paris", person=PRIVATE, kind=StaffChangeKind.DEPARTURE)
    arriving = StaffChange(organisation="CDM Lisboa", person=PUBLIC, kind=StaffChangeKind.ARRIVAL)
    issue = issue_with_people(make_issue, staff_changes=[leaving, arriving])
    assert only_article(without_private_people(issue)).staff_changes == (arriving,)


def test_private_contact_point_is_left_out_and_the_change_kept(make_issue: MakeIssue) -> None:
    change = StaffChange(
        organisation="CDM Paris",
        person=PUBLIC,
        kind=StaffChangeKind.DEPARTURE,
        role="directeur",
        contact_point=PRIVATE,
    )
    issue = issue_with_people(make_issue, staff_changes=[change])
    [kept] = only_article(without_private_people(issue)).staff_changes
    assert kept.contact_point is None
    assert (kept.person, kept.organisation, kept.role) == (PUBLIC, "CDM Paris", "directeur")


def test_public_contact_point_is_kept(make_issue: MakeIssue) -> None:
    change = StaffChange(
        organisation="CDM Paris",
        person=PUBLIC,
        kind=StaffChangeKind.DEPARTURE,
        contact_point=PUBLIC_2,
    )
    issue = issue_with_people(make_issue, staff_changes=[change])
    assert only_article(without_private_people(issue)).staff_changes == (change,)


def test_an_issue_of_public_people_is_unchanged(make_issue: MakeIssue) -> None:
    issue = make_issue(
        editors=[PUBLIC], editorial=Editorial(signature=PUBLIC_2), url="https://example.org/"
    )
    assert without_private_people(issue) == issue


def test_the_rest_of_the_issue_is_kept(make_issue: MakeIssue) -> None:
    issue = issue_with_people(make_issue, contacts=[PRIVATE], body=RichText.from_paragraphs("x"))
    result = without_private_people(issue)
    assert result.agenda == issue.agenda
    assert (result.id, result.date, result.title, result.publisher) == (
        issue.id,
        issue.date,
        issue.title,
        issue.publisher,
    )
    assert only_article(result).body == RichText.from_paragraphs("x")
    assert only_article(result).id == "2018-12-moves"


@given(issues())
def test_no_private_person_is_left_and_every_public_one_is_kept(issue: Issue) -> None:
    result = without_private_people(issue)
    assert all(person.public for person in people_of(result))
    assert result.editors == tuple(person for person in issue.editors if person.public)
    for before, after in zip(issue.articles(), result.articles(), strict=True):
        assert after.contacts == tuple(person for person in before.contacts if person.public)
        assert [change.person for change in after.staff_changes] == [
            change.person for change in before.staff_changes if change.person.public
        ]
        assert (after.id, after.body, after.links) == (before.id, before.body, before.links)
    assert without_private_people(result) == result

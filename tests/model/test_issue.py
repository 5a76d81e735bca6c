"""An issue and its parts: ids, dates, unique item ids, URLs, immutability."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import pytest

from cdm_newsletter import (
    Article,
    Editorial,
    Emphasis,
    Event,
    InvalidValue,
    Issue,
    Link,
    Paragraph,
    Person,
    Publisher,
    RichText,
    Section,
    SectionKind,
    Superscript,
    Text,
    When,
)

MakeIssue = Callable[..., Issue]


def article(article_id: str, title: str = "Titre") -> Article:
    return Article(id=article_id, title=title)


def event(event_id: str, title: str = "Réunion") -> Event:
    return Event(id=event_id, title=title, when=When(start=dt.date(2019, 1, 24)))


# --- issue id and date ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issue_id", "date"),
    [
        ("2018-12", dt.date(2018, 12, 1)),
        ("2018-12-2", dt.date(2018, 12, 31)),
        ("2019-01", dt.date(2019, 1, 15)),
        ("2019-03-10", dt.date(2019, 3, 3)),
        ("2019-03-999", dt.date(2019, 3, 3)),
    ],
)
def test_good_issue_ids(make_issue: MakeIssue, issue_id: str, date: dt.date) -> None:
    assert make_issue(id=issue_id, date=date).id == issue_id


@pytest.mark.parametrize(
    "issue_id",
    [
        "2018-13",
        "2018-00",
        "18-12",
        "2018-12-0",
        "2018-12-01",
        "2018-12-1000",
        "2018-1",
        "2018_12",
        "2018-12-",
        "2018-12-x",
        " 2018-12",
        "2018-12\n",
        "",
        "../2018-12",
    ],
)
def test_bad_issue_ids(make_issue: MakeIssue, issue_id: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        make_issue(id=issue_id)
    assert str(caught.value) == (
        f"id: {issue_id!r} is not an issue id such as '2018-12' or '2018-12-2'"
    )


def test_issue_id_must_be_a_string(make_issue: MakeIssue) -> None:
    with pytest.raises(InvalidValue) as caught:
        make_issue(id=201812)
    assert caught.value.field == "id"


@pytest.mark.parametrize(
    ("issue_id", "date"),
    [
        ("2018-12", dt.date(2019, 1, 1)),
        ("2018-12", dt.date(2018, 11, 30)),
        ("2018-12", dt.date(2017, 12, 15)),
        ("2018-12-2", dt.date(2018, 1, 12)),
    ],
)
def test_issue_date_must_fall_in_the_month_of_its_id(
    make_issue: MakeIssue, issue_id: str, date: dt.date
) -> None:
    with pytest.raises(InvalidValue) as caught:
        make_issue(id=issue_id, date=date)
    assert str(caught.value) == (
        f"date: {date.isoformat()} is not in the month of issue {issue_id}"
    )


# --- unique ids -------------------------------------------------------------------------


def test_duplicate_article_ids_name_the_duplicate(make_issue: MakeIssue) -> None:
    sections = [Section(title="S", articles=[article("same"), article("same", "Autre")])]
    with pytest.raises(InvalidValue) as caught:
        make_issue(agenda=[], sections=sections)
    assert caught.value.field == "sections[0].articles[1].id"
    assert str(caught.value) == (
        "sections[0].articles[1].id: 'same' is already the id of sections[0].articles[0]"
    )


def test_duplicate_ids_across_sections(make_issue: MakeIssue) -> None:
    sections = [
        Section(title="A", articles=[article("one"), article("two")]),
        Section(title="B", articles=[article("three"), article("two")]),
    ]
    with pytest.raises(InvalidValue) as caught:
        make_issue(agenda=[], sections=sections)
    assert str(caught.value) == (
        "sections[1].articles[1].id: 'two' is already the id of sections[0].articles[1]"
    )


def test_duplicate_ids_between_agenda_and_articles(make_issue: MakeIssue) -> None:
    sections = [Section(title="S", articles=[article("x"), article("apm")])]
    with pytest.raises(InvalidValue) as caught:
        make_issue(agenda=[event("apm")], sections=sections)
    assert str(caught.value) == ("sections[0].articles[1].id: 'apm' is already the id of agenda[0]")


def test_duplicate_event_ids(make_issue: MakeIssue) -> None:
    with pytest.raises(InvalidValue) as caught:
        make_issue(agenda=[event("a"), event("b"), event("a", "Autre")], sections=[])
    assert str(caught.value) == "agenda[2].id: 'a' is already the id of agenda[0]"


def test_item_ids_in_reading_order(make_issue: MakeIssue) -> None:
    issue = make_issue(
        agenda=[event("e1"), event("e2")],
        sections=[
            Section(title="A", articles=[article("a1")]),
            Section(title="B"),
            Section(title="C", articles=[article("a2"), article("a3")]),
        ],
    )
    assert list(issue.item_ids()) == [
        ("agenda[0].id", "e1"),
        ("agenda[1].id", "e2"),
        ("sections[0].articles[0].id", "a1"),
        ("sections[2].articles[0].id", "a2"),
        ("sections[2].articles[1].id", "a3"),
    ]
    assert [item.id for item in issue.articles()] == ["a1", "a2", "a3"]


# --- URLs, e-mail, language -------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/",
        "www.example.org",
        "/infolettre",
        "javascript:alert(1)",
        "mailto:contact@example.org",
        "https://",
        "#",
        "",
    ],
)
def test_issue_and_publisher_urls_are_http_only(make_issue: MakeIssue, url: str) -> None:
    message = f"url: {url!r} is not an absolute http(s) URL"
    with pytest.raises(InvalidValue) as caught:
        make_issue(url=url)
    assert str(caught.value) == message
    with pytest.raises(InvalidValue) as caught:
        Publisher(name="Réseau", url=url)
    assert str(caught.value) == message


@pytest.mark.parametrize("url", ["https://www.example.org/", "http://example.org/a?b=c#d"])
def test_issue_and_publisher_accept_web_urls(make_issue: MakeIssue, url: str) -> None:
    assert make_issue(url=url).url == url
    assert Publisher(name="Réseau", url=url).url == url


def test_publisher_email_is_checked() -> None:
    with pytest.raises(InvalidValue) as caught:
        Publisher(name="Réseau", email="x@")
    assert str(caught.value) == "email: 'x@' is not an e-mail address"


@pytest.mark.parametrize("language", ["fr", "pt", "fr-BE", "pt-BR", "gsw"])
def test_good_language_tags(make_issue: MakeIssue, language: str) -> None:
    assert make_issue(language=language).language == language


@pytest.mark.parametrize("language", ["FR", "French", "f", "fr_BE", "fr-", ""])
def test_bad_language_tags(make_issue: MakeIssue, language: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        make_issue(language=language)
    assert str(caught.value) == (
        f"language: {language!r} is not a language tag such as 'fr' or 'fr-BE'"
    )


def test_issue_title_must_not_be_empty(make_issue: MakeIssue) -> None:
    with pytest.raises(InvalidValue) as caught:
        make_issue(title="  ")
    assert str(caught.value) == "title: must not be empty"


# --- articles and sections --------------------------------------------------------------


def test_article_title_from_a_string() -> None:
    item = Article(id="a", title="Numéri'DAY")
    assert item.title == (Text(text="Numéri'DAY"),)
    assert item.plain_title == "Numéri'DAY"


def test_article_title_of_spans() -> None:
    item = Article(id="a", title=[Text(text="11"), Superscript(text="e"), Emphasis(text=" forum")])
    assert item.title == (Text(text="11"), Superscript(text="e"), Emphasis(text=" forum"))
    assert item.plain_title == "11e forum"


@pytest.mark.parametrize("title", [" ", [Text(text=" "), Emphasis(text="  ")], []])
def test_article_title_must_not_be_blank(title: object) -> None:
    with pytest.raises(InvalidValue) as caught:
        Article(id="a", title=title)  # type: ignore[arg-type]
    assert str(caught.value) == "title: must not be empty"


def test_article_refuses_bad_ids() -> None:
    with pytest.raises(InvalidValue) as caught:
        Article(id="../../etc/passwd", title="x")
    assert str(caught.value) == (
        "id: '../../etc/passwd' is not an id (lower-case letters, digits and inner hyphens,"
        " at most 120)"
    )


def test_article_all_links_gives_the_body_links_first() -> None:
    in_body = Link(url="https://body.example.org/")
    apart = Link(url="https://apart.example.org/")
    item = Article(
        id="a",
        title="x",
        body=RichText(blocks=[Paragraph(spans=[Text(text="voir "), in_body])]),
        links=[apart],
    )
    assert list(item.all_links()) == [in_body, apart]


def test_lists_become_tuples() -> None:
    contact = Person(name="A")
    link = Link(url="#")
    item = Article(id="a", title="x", contacts=[contact], links=[link])
    assert item.contacts == (contact,)
    assert item.links == (link,)
    assert item.funding_calls == ()
    section = Section(title="S", articles=[item])
    assert section.articles == (item,)
    issue = Issue(
        id="2018-12",
        date=dt.date(2018, 12, 1),
        title="T",
        publisher=Publisher(name="P"),
        agenda=[event("e")],
        sections=[section],
        editors=[contact],
    )
    assert isinstance(issue.agenda, tuple)
    assert issue.sections == (section,)
    assert issue.editors == (contact,)


def test_tuple_conversion_takes_any_iterable() -> None:
    people = (Person(name=name) for name in ["A", "B"])
    assert Article(id="a", title="x", contacts=people).contacts == (
        Person(name="A"),
        Person(name="B"),
    )


def test_section_defaults() -> None:
    section = Section(title="NOUVELLES DU RÉSEAU")
    assert section.kind is SectionKind.OTHER
    assert section.intro == RichText()
    assert section.articles == ()


def test_editorial_defaults() -> None:
    editorial = Editorial()
    assert editorial.body == RichText()
    assert editorial.signature is None


# --- immutability and construction -----------------------------------------------------


@pytest.mark.parametrize(
    ("attribute", "value"),
    [("id", "2019-01"), ("title", "Autre"), ("sections", ()), ("editors", ())],
)
def test_issue_is_frozen(make_issue: MakeIssue, attribute: str, value: object) -> None:
    issue = make_issue()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(issue, attribute, value)


def test_parts_are_frozen(make_issue: MakeIssue) -> None:
    issue = make_issue()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        issue.sections[0].title = "x"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        issue.sections[0].articles[0].id = "x"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        issue.publisher.name = "x"  # type: ignore[misc]


def test_slotted_instances_take_no_new_attributes(make_issue: MakeIssue) -> None:
    with pytest.raises((AttributeError, attrs.exceptions.FrozenInstanceError)):
        make_issue().extra = 1


@pytest.mark.parametrize(
    "build",
    [
        lambda: Issue("2018-12", dt.date(2018, 12, 1), "T", Publisher(name="P")),
        lambda: Publisher("P"),
        lambda: Section("S"),
        lambda: Article("a", "x"),
        lambda: Editorial(RichText()),
    ],
)
def test_construction_is_keyword_only(build: Callable[[], object]) -> None:
    with pytest.raises(TypeError):
        build()


def test_evolve_keeps_checking(make_issue: MakeIssue) -> None:
    issue = make_issue()
    with pytest.raises(InvalidValue) as caught:
        attrs.evolve(issue, date=dt.date(2019, 1, 1))
    assert caught.value.field == "date"

"""The JSON Feed exporter: the spec's fields, the RSS feed's ids and order, privacy, discovery."""

from __future__ import annotations

import ast
import datetime as dt
import importlib.metadata
import json
import re
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import cdm_newsletter_jsonfeed
import feedparser
import jsonschema
import pytest
from cdm_newsletter_jsonfeed import JSON_FEED_VERSION, JsonFeedExporter
from hypothesis import given, settings
from hypothesis import strategies as st

import cdm_newsletter as cdm
from cdm_newsletter.testing import property_examples

BASE = "https://www.example.org/infolettre"
SITE = BASE + "/"
OPTIONS = cdm.ExportOptions(base_url=BASE)
PRIVATE_NAME = "Julien Moreau"  # the private contact of the bundled 2019-03 example
PRIVATE_EMAIL = "j.moreau@example.org"
ATOM = "{http://www.w3.org/2005/Atom}"
SOURCE = Path(cdm_newsletter_jsonfeed.__file__)
RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})", re.IGNORECASE
)

_AUTHOR = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "url": {"type": "string", "minLength": 1},
        "avatar": {"type": "string", "minLength": 1},
    },
    "anyOf": [{"required": ["name"]}, {"required": ["url"]}, {"required": ["avatar"]}],
    "patternProperties": {"^_": {}},
    "additionalProperties": False,
}

JSON_FEED_1_1 = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "JSON Feed 1.1 (top level and items; https://www.jsonfeed.org/version/1.1/)",
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string"},
        "home_page_url": {"type": "string"},
        "feed_url": {"type": "string"},
        "description": {"type": "string"},
        "user_comment": {"type": "string"},
        "next_url": {"type": "string"},
        "icon": {"type": "string"},
        "favicon": {"type": "string"},
        "authors": {"type": "array", "items": {"$ref": "#/$defs/author"}},
        "author": {"$ref": "#/$defs/author"},  # 1.0, deprecated in 1.1
        "language": {"type": "string", "minLength": 1},
        "expired": {"type": "boolean"},
        "hubs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "url"],
                "properties": {"type": {"type": "string"}, "url": {"type": "string"}},
            },
        },
        "items": {"type": "array", "items": {"$ref": "#/$defs/item"}},
    },
    "patternProperties": {"^_": {}},
    "additionalProperties": False,
    "$defs": {
        "author": _AUTHOR,
        "item": {
            "type": "object",
            "required": ["id"],
            "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "url": {"type": "string"},
                "external_url": {"type": "string"},
                "title": {"type": "string"},
                "content_html": {"type": "string"},
                "content_text": {"type": "string"},
                "summary": {"type": "string"},
                "image": {"type": "string"},
                "banner_image": {"type": "string"},
                "date_published": {"type": "string"},
                "date_modified": {"type": "string"},
                "authors": {"type": "array", "items": {"$ref": "#/$defs/author"}},
                "author": {"$ref": "#/$defs/author"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "language": {"type": "string", "minLength": 1},
                "attachments": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["url", "mime_type"],
                        "properties": {
                            "url": {"type": "string"},
                            "mime_type": {"type": "string"},
                            "title": {"type": "string"},
                            "size_in_bytes": {"type": "integer"},
                            "duration_in_seconds": {"type": "number"},
                        },
                    },
                },
            },
            "patternProperties": {"^_": {}},
            "additionalProperties": False,
        },
    },
}


def export(archive: cdm.Archive, options: cdm.ExportOptions = OPTIONS) -> bytes:
    """The bytes of ``feed.json``, after checking that it is the only artifact."""
    artifacts = list(JsonFeedExporter().export(archive, options))
    assert [artifact.path for artifact in artifacts] == ["feed.json"]
    assert artifacts[0].media_type == "application/feed+json"
    return artifacts[0].data


def document(archive: cdm.Archive, options: cdm.ExportOptions = OPTIONS) -> dict[str, Any]:
    """``feed.json`` parsed, after validating it against the JSON Feed 1.1 schema."""
    data: dict[str, Any] = json.loads(export(archive, options).decode("utf-8"))
    jsonschema.validate(data, JSON_FEED_1_1, cls=jsonschema.Draft202012Validator)
    return data


def feed_file(name: str, archive: cdm.Archive, options: cdm.ExportOptions) -> bytes:
    """The main feed (``feed.<name>``) of a built-in feed exporter."""
    artifacts = cdm.get_exporter(name).export(archive, options)
    return next(a.data for a in artifacts if a.path == f"feed.{name}")


def expected_articles(archive: cdm.Archive) -> list[tuple[cdm.Issue, cdm.Section, cdm.Article]]:
    """Every article of the archive, newest issue first, in issue order within an issue."""
    return [
        (issue, section, article)
        for issue in archive.issues
        for section in issue.sections
        for article in section.articles
    ]


@pytest.fixture(scope="module")
def examples() -> cdm.Archive:
    """The bundled example issues."""
    return cdm.Archive(cdm.example_issues())


@pytest.fixture(scope="module")
def feed(examples: cdm.Archive) -> dict[str, Any]:
    """The feed of the examples, every article in it."""
    return document(examples, cdm.ExportOptions(base_url=BASE, feed_items=None))


def tiny_issue(*articles: cdm.Article, publisher: cdm.Publisher | None = None) -> cdm.Issue:
    """An issue of one section holding ``articles``."""
    return cdm.Issue(
        id="2020-01",
        date=dt.date(2020, 1, 15),
        title="InfoLettre de janvier",
        publisher=publisher or cdm.Publisher(name="Réseau de test"),
        sections=(cdm.Section(title="Nouvelles", articles=articles),),
    )


# The spec's fields and their types


def test_schema_is_valid_json_schema() -> None:
    """The test's own schema is a valid JSON Schema 2020-12 document."""
    jsonschema.Draft202012Validator.check_schema(JSON_FEED_1_1)


def test_top_level(feed: dict[str, Any], examples: cdm.Archive) -> None:
    """The feed's own fields: version, title, URLs, description, language, publisher."""
    newest = examples.issues[0]
    assert feed["version"] == JSON_FEED_VERSION == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == f"InfoLettre — {newest.publisher.name}"
    assert feed["home_page_url"] == SITE
    assert feed["feed_url"] == SITE + "feed.json"
    assert newest.publisher.name in feed["description"]
    assert feed["language"] == newest.language
    assert feed["authors"] == [{"name": newest.publisher.name, "url": newest.publisher.url}]
    assert isinstance(feed["items"], list)


def test_items_fields(feed: dict[str, Any], examples: cdm.Archive) -> None:
    """Every item's fields, against the article, section and issue it comes from."""
    articles = expected_articles(examples)
    assert len(feed["items"]) == len(articles) > 0
    for item, (issue, section, article) in zip(feed["items"], articles, strict=True):
        assert item["id"] == cdm.feed_guid(article, issue)
        assert item["url"] == f"{SITE}issues/{issue.id}/#{article.id}"
        assert item["title"] == " ".join(article.plain_title.split())
        assert "\n" not in item["title"]
        assert isinstance(item["content_html"], str)
        assert item["content_html"]
        assert isinstance(item["summary"], str)
        assert item["summary"]
        assert item["tags"] == [section.title]
        moment = dt.datetime.fromisoformat(item["date_published"])
        assert RFC3339.fullmatch(item["date_published"])
        assert moment == dt.datetime(
            issue.date.year, issue.date.month, issue.date.day, tzinfo=dt.UTC
        )
        assert moment.utcoffset() == dt.timedelta(0)


def test_urls_are_absolute(feed: dict[str, Any]) -> None:
    """Every URL of the feed is absolute, under the base URL."""
    urls = [feed["home_page_url"], feed["feed_url"], *(item["url"] for item in feed["items"])]
    assert all(url.startswith(SITE) for url in urls)


def test_default_base_url(examples: cdm.Archive) -> None:
    """Without a base URL, links point at the local preview."""
    data = document(examples, cdm.ExportOptions())
    assert data["home_page_url"] == cdm.DEFAULT_BASE_URL
    assert data["feed_url"] == cdm.DEFAULT_BASE_URL + "feed.json"
    assert all(item["url"].startswith(cdm.DEFAULT_BASE_URL) for item in data["items"])


def test_authors_of_items(feed: dict[str, Any], examples: cdm.Archive) -> None:
    """An item's authors are its public contacts, with a mailto: URL when they have one."""
    for item, (_, _, article) in zip(feed["items"], expected_articles(examples), strict=True):
        public = [person for person in article.contacts if person.public]
        expected = [
            {"name": p.display_name, "url": f"mailto:{p.email}"}
            if p.email is not None
            else {"name": p.display_name}
            for p in public
        ]
        assert item.get("authors", []) == expected


def test_bytes_are_the_json_dump(examples: cdm.Archive) -> None:
    """The bytes are ``json.dumps(..., ensure_ascii=False, indent=2)`` and a newline, UTF-8."""
    data = export(examples)
    text = data.decode("utf-8")
    assert text.endswith("}\n")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    assert "é".encode() in data  # not escaped as \u00e9
    assert b"\\u00e9" not in data


# Mirroring the RSS and Atom feeds


@pytest.mark.parametrize("limit", [None, 50, 7, 1])
def test_ids_are_the_rss_guids(examples: cdm.Archive, limit: int | None) -> None:
    """Item ids, links, titles and tags are the RSS feed's, in the same order."""
    options = cdm.ExportOptions(base_url=BASE, feed_items=limit)
    rss = feedparser.parse(feed_file("rss", examples, options))
    assert rss.bozo == 0, rss.get("bozo_exception")
    items = document(examples, options)["items"]
    assert [item["id"] for item in items] == [entry.id for entry in rss.entries]
    assert all(entry.guidislink is False for entry in rss.entries)
    assert [item["url"] for item in items] == [entry.link for entry in rss.entries]
    assert [item["title"] for item in items] == [entry.title for entry in rss.entries]
    assert [item["tags"] for item in items] == [
        [tag.term for tag in entry.tags] for entry in rss.entries
    ]


@pytest.mark.parametrize("include_private", [False, True])
def test_content_and_summary_are_the_atom_feeds(
    examples: cdm.Archive, include_private: bool
) -> None:
    """``content_html`` and ``summary`` are, character for character, the Atom feed's."""
    options = cdm.ExportOptions(base_url=BASE, feed_items=None, include_private=include_private)
    root = ET.fromstring(feed_file("atom", examples, options))
    entries = root.findall(f"{ATOM}entry")
    items = document(examples, options)["items"]
    assert [item["id"] for item in items] == [e.findtext(f"{ATOM}id") for e in entries]
    assert [item["content_html"] for item in items] == [
        e.findtext(f"{ATOM}content") for e in entries
    ]
    assert [item["summary"] for item in items] == [e.findtext(f"{ATOM}summary") for e in entries]


def test_content_is_the_feed_rendering(feed: dict[str, Any], examples: cdm.Archive) -> None:
    """``content_html`` is :func:`cdm_newsletter.article_html` of the published article."""
    published = cdm.Archive(cdm.without_private_people(issue) for issue in examples.issues)
    articles = expected_articles(published)
    for item, (_, _, article) in zip(feed["items"], articles, strict=True):
        assert item["content_html"] == cdm.article_html(article)


# Order and limit


def test_newest_issue_first(feed: dict[str, Any], examples: cdm.Archive) -> None:
    """Items come newest issue first, whatever order the issues were given in."""
    dates = [item["date_published"] for item in feed["items"]]
    assert dates == sorted(dates, reverse=True)
    reordered = cdm.Archive(reversed(cdm.example_issues()))
    options = cdm.ExportOptions(base_url=BASE, feed_items=None)
    assert document(reordered, options)["items"] == feed["items"]


def test_default_limit_is_the_options(examples: cdm.Archive) -> None:
    """The default options hold at most ``ExportOptions().feed_items`` items."""
    default = cdm.ExportOptions().feed_items
    assert default is not None
    items = document(examples)["items"]
    assert len(items) == min(default, len(expected_articles(examples)))


@settings(max_examples=property_examples(40), deadline=None)
@given(limit=st.none() | st.integers(min_value=1, max_value=40))
def test_limit_keeps_the_newest(limit: int | None) -> None:
    """``feed_items`` keeps the first items, newest first; ``None`` keeps all of them."""
    archive = cdm.Archive(cdm.example_issues())
    items = document(archive, cdm.ExportOptions(base_url=BASE, feed_items=limit))["items"]
    guids = [cdm.feed_guid(article, issue) for issue, _, article in expected_articles(archive)]
    assert [item["id"] for item in items] == guids[:limit]


def test_empty_archive() -> None:
    """An archive without issues gives a valid feed without items."""
    data = document(cdm.Archive([]))
    assert data["items"] == []
    assert data["language"] == "fr"
    assert data["authors"] == [{"name": "InfoLettre"}]


def test_title_only_article() -> None:
    """An article with a title alone still has content, and its title's spaces are folded."""
    article = cdm.Article(id="seul", title=" Un titre   aux\u00a0 espaces ")
    publisher = cdm.Publisher(name="Réseau de test", email="contact@example.org")
    data = document(cdm.Archive([tiny_issue(article, publisher=publisher)]))
    (item,) = data["items"]
    assert item["title"] == "Un titre aux espaces"
    assert item["content_html"] == ""
    assert item["content_text"] == item["title"]
    assert item["summary"] == article.plain_title  # as the RSS and Atom feeds say it
    assert "authors" not in item
    assert item["date_published"] == "2020-01-15T00:00:00+00:00"
    assert data["authors"] == [{"name": "Réseau de test", "url": "mailto:contact@example.org"}]


def test_list_summary() -> None:
    """A body that opens with a list is summarised as its items joined by "; "."""
    body = cdm.RichText(blocks=(cdm.BulletList(items=("un", "deux")), cdm.Paragraph(spans="x")))
    article = cdm.Article(id="liste", title="Liste", body=body)
    (item,) = document(cdm.Archive([tiny_issue(article)]))["items"]
    assert item["summary"] == "un; deux"


# Privacy


def test_private_people_are_left_out(examples: cdm.Archive) -> None:
    """By default, a private person's name and address appear nowhere."""
    assert any(
        not person.public
        for _, _, article in expected_articles(examples)
        for person in article.contacts
    ), "the examples should hold a private contact"
    data = export(examples, cdm.ExportOptions(base_url=BASE, feed_items=None))
    assert PRIVATE_NAME.encode() not in data
    assert PRIVATE_EMAIL.encode() not in data


def test_include_private(examples: cdm.Archive) -> None:
    """With ``include_private``, private people appear in the content, never as authors."""
    options = cdm.ExportOptions(base_url=BASE, feed_items=None, include_private=True)
    data = document(examples, options)
    assert any(PRIVATE_EMAIL in item["content_html"] for item in data["items"])
    for item in data["items"]:
        names = [author["name"] for author in item.get("authors", [])]
        assert PRIVATE_NAME not in names


def test_private_only_contact_gives_no_authors() -> None:
    """An article whose only contact is private has no authors, and no trace of them."""
    private = cdm.Person(name="Anne Secrète", email="anne@example.org", public=False)
    article = cdm.Article(
        id="prive",
        title="Privé",
        body=cdm.RichText.from_paragraphs("Du texte."),
        contacts=[private],
    )
    archive = cdm.Archive([tiny_issue(article)])
    data = export(archive)
    assert b"Anne" not in data
    assert b"anne@example.org" not in data
    (item,) = json.loads(data)["items"]
    assert "authors" not in item


# Determinism


def test_deterministic(examples: cdm.Archive) -> None:
    """The same archive and options give the same bytes, from fresh objects too."""
    first = export(examples)
    assert export(examples) == first
    assert export(cdm.Archive(cdm.example_issues())) == first
    assert export(cdm.Archive(reversed(cdm.example_issues()))) == first
    later = cdm.ExportOptions(base_url=BASE, build_time=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    assert export(examples, later) == first  # no date comes from the build


# Discovery and the public API


def test_discovered_through_the_entry_point() -> None:
    """After ``pip install``, the entry point finds the exporter by its name."""
    points = importlib.metadata.entry_points(group="cdm_newsletter.exporters", name="jsonfeed")
    (point,) = points
    assert point.value == "cdm_newsletter_jsonfeed:JsonFeedExporter"
    assert point.dist is not None
    assert (point.dist.name, point.dist.version) == ("cdm-newsletter-jsonfeed", "0.1.0")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        exporter = cdm.get_exporter("jsonfeed")
        names = cdm.exporter_names()
        infos = cdm.format_infos()
    assert not [w for w in caught if "jsonfeed" in str(w.message)]
    assert isinstance(exporter, JsonFeedExporter)
    assert isinstance(exporter, cdm.Exporter)
    assert exporter.name == "jsonfeed"
    assert "jsonfeed" in names
    (info,) = [i for i in infos if i.kind == "exporter" and i.name == "jsonfeed"]
    assert info.origin == "cdm-newsletter-jsonfeed 0.1.0"
    assert info.description == JsonFeedExporter.description


def test_build_writes_feed_json(examples: cdm.Archive, tmp_path: Path) -> None:
    """``cdm.build(..., formats=["jsonfeed"])`` writes the exporter's ``feed.json``."""
    cdm.build(examples, tmp_path, formats=["jsonfeed"], options=OPTIONS)
    assert (tmp_path / "feed.json").read_bytes() == export(examples)


def test_imports_only_the_public_api() -> None:
    """The plugin imports ``cdm_newsletter`` itself, and uses only names it exports."""
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                assert not alias.name.startswith("cdm_newsletter.")
        elif isinstance(node, ast.ImportFrom):
            assert node.module is None or not node.module.startswith("cdm_newsletter.")
            if node.module == "cdm_newsletter":
                assert {alias.name for alias in node.names} <= set(cdm.__all__)
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "cdm"
    }
    assert used
    assert used <= set(cdm.__all__), used - set(cdm.__all__)

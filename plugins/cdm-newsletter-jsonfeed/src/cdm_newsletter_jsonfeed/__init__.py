"""A JSON Feed 1.1 exporter for cdm_newsletter: the articles of the InfoLettre as ``feed.json``.

The feed says what the project's RSS and Atom feeds say (``cdm-newsletter build -f rss``),
in the same order and with the same identifiers, so that a reader may switch between them
without seeing an article twice:

* items are the articles, newest issue first and in the issue's own order within an
  issue, at most :attr:`cdm_newsletter.ExportOptions.feed_items`;
* an item's ``id`` is the RSS GUID (:func:`cdm_newsletter.feed_guid`), a ``tag:`` URI
  that does not change when the site moves;
* dates come from the issues (00:00 UTC on the issue's date), never from the clock;
* ``content_html`` is the feeds' own rendering (:func:`cdm_newsletter.article_html`);
* private people are left out unless ``options.include_private``, and an item's
  ``authors`` are its public contacts only.

See https://www.jsonfeed.org/version/1.1/ for the format.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import NotRequired, TypedDict

import cdm_newsletter as cdm

__all__ = ["JSON_FEED_VERSION", "JsonFeedExporter", "feed_document"]

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
"""The ``version`` of every feed this exporter writes."""

FEED_PATH = "feed.json"
"""Where the feed goes, relative to the site's root."""


class Author(TypedDict):
    """A JSON Feed author object: a name, and a URL when one is known."""

    name: str
    url: NotRequired[str]


class Item(TypedDict):
    """A JSON Feed item: one article."""

    id: str
    url: str
    title: str
    content_html: str
    content_text: NotRequired[str]
    summary: str
    date_published: str
    tags: list[str]
    authors: NotRequired[list[Author]]


class Feed(TypedDict):
    """A JSON Feed 1.1 document."""

    version: str
    title: str
    home_page_url: str
    feed_url: str
    description: str
    language: str
    authors: list[Author]
    items: list[Item]


def _one_line(text: str) -> str:
    """``text`` with every run of white space, line breaks included, as one space."""
    return " ".join(text.split())


def _rfc3339(day: dt.date) -> str:
    """Midnight UTC on ``day``, in RFC 3339 (``2018-12-01T00:00:00+00:00``)."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).isoformat()


def _person(person: cdm.Person) -> Author:
    """A contact as a JSON Feed author: the name, and a ``mailto:`` URL with the address."""
    author: Author = {"name": person.display_name}
    if person.email is not None:
        author["url"] = f"mailto:{person.email}"
    return author


def _publisher(publisher: cdm.Publisher) -> Author:
    """The publisher as a JSON Feed author: its website, else its e-mail address."""
    author: Author = {"name": publisher.name}
    if publisher.url is not None:
        author["url"] = publisher.url
    elif publisher.email is not None:
        author["url"] = f"mailto:{publisher.email}"
    return author


def _item(article: cdm.Article, section: cdm.Section, issue: cdm.Issue, site: str) -> Item:
    """One article as a JSON Feed item."""
    html = cdm.article_html(article)
    item: Item = {
        "id": cdm.feed_guid(article, issue),
        "url": f"{site}issues/{issue.id}/#{article.id}",
        "title": _one_line(article.plain_title),
        "content_html": html,
        "summary": cdm.article_summary(article),
        "date_published": _rfc3339(issue.date),
        "tags": [section.title],
    }
    if not html:  # an article with a title only: JSON Feed wants some content
        item["content_text"] = item["title"]
    authors = [_person(person) for person in article.contacts if person.public]
    if authors:
        item["authors"] = authors
    return item


def _items(archive: cdm.Archive, limit: int | None, site: str) -> list[Item]:
    """The articles, newest issue first and in issue order, at most ``limit`` of them."""
    items: list[Item] = []
    for issue in archive.issues:
        for section in issue.sections:
            for article in section.articles:
                if limit is not None and len(items) >= limit:
                    return items
                items.append(_item(article, section, issue, site))
    return items


def feed_document(archive: cdm.Archive, options: cdm.ExportOptions) -> Feed:
    """The JSON Feed 1.1 document of ``archive``, as data ready for :func:`json.dumps`.

    Args:
        archive: the issues, newest first.
        options: the base URL, the number of items, and whether private people may appear.

    Returns:
        The feed, whose items are the articles, newest issue first.
    """
    if not options.include_private:
        archive = cdm.Archive(cdm.without_private_people(issue) for issue in archive.issues)
    newest = archive.issues[0] if archive.issues else None
    network = newest.publisher.name if newest is not None else "InfoLettre"
    site = options.site_url
    return {
        "version": JSON_FEED_VERSION,
        "title": f"InfoLettre — {network}",
        "home_page_url": site,
        "feed_url": f"{site}{FEED_PATH}",
        "description": f"Les articles de l'InfoLettre du {network}.",
        "language": newest.language if newest is not None else "fr",
        "authors": [_publisher(newest.publisher) if newest is not None else {"name": network}],
        "items": _items(archive, options.feed_items, site),
    }


class JsonFeedExporter:
    """Writes a JSON Feed 1.1 of the articles: ``feed.json``."""

    name = "jsonfeed"
    description = "a JSON Feed 1.1 of the articles (feed.json)"
    media_type = "application/feed+json"

    def export(self, archive: cdm.Archive, options: cdm.ExportOptions) -> Iterator[cdm.Artifact]:
        """Yield ``feed.json``.

        Args:
            archive: the issues to publish.
            options: the build's options (base URL, feed length, privacy).

        Yields:
            The one artifact ``feed.json``, as UTF-8 JSON ending in a newline.
        """
        text = json.dumps(feed_document(archive, options), ensure_ascii=False, indent=2)
        yield cdm.Artifact(
            path=FEED_PATH, data=(text + "\n").encode("utf-8"), media_type=self.media_type
        )

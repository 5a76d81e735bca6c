"""The ``rss`` and ``atom`` exporters: feeds of the articles, built with feedgen.

Both write the same items, in the same order: newest issue first, and the
issue's own order within an issue, at most :attr:`ExportOptions.feed_items`.
``feed.rss`` / ``feed.atom`` hold every section; ``feeds/<kind>.rss`` /
``feeds/<kind>.atom`` one section kind each (always written, even empty, so
that subscriptions never break).

What keeps feed readers happy for years:

* an item's GUID (Atom id) is a ``tag:`` URI built from the article's stable id
  and its issue's publisher domain and date, so it does not change when the site
  moves (``isPermaLink="false"``);
* dates come from the issues, in RFC 822 with English names, never from the
  clock or the process locale;
* links are absolute, from the base URL (or :data:`DEFAULT_BASE_URL`);
* content is the article as escaped HTML, through the one rich-text renderer,
  with public contacts as ``mailto:`` links and private people left out.

feedgen's traps, and what is done about them: ``add_entry()`` prepends by default
(entries are appended); the RSS channel link is the last ``link()`` call (the
site link is set last); Atom entry links lose ``rel`` and ``type`` in feedgen
1.0.0 (lkiesow/python-feedgen#135: :class:`_Entry` puts them back); dates are
formatted by switching the process-wide locale (:func:`_rfc822` replaces that);
``updated``/``lastBuildDate`` default to now (always set from the data).
"""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Iterator, Sequence
from typing import Any

import feedgen.entry
import feedgen.feed
from attrs import frozen
from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from .._version import __version__
from ..archive import Archive
from ..fragments import article_html, article_summary
from ..model import Article, Issue, Section, SectionKind
from ..model.identity import publisher_domain
from ..model.privacy import without_private_people
from .base import Artifact, ExportOptions

__all__ = ["KIND_TITLES", "AtomExporter", "FeedItem", "RssExporter", "feed_items", "guid_of"]


def _rfc822(moment: dt.datetime) -> str:
    """RFC 822 date with English names, without touching the process locale."""
    return email.utils.format_datetime(moment)


# feedgen 1.0.0 formats dates by switching the process-wide locale to "C" and back,
# which is not thread-safe and can fail; the same format, computed without the locale:
feedgen.feed.formatRFC2822 = _rfc822
feedgen.entry.formatRFC2822 = _rfc822

KIND_TITLES = {
    SectionKind.MEMBER_NEWS: "Nouvelles des Cités des métiers",
    SectionKind.NETWORK_NEWS: "Nouvelles du Réseau",
    SectionKind.FUNDING: "Financements",
    SectionKind.STAFF_MOVES: "Arrivées et départs",
    SectionKind.CONTACT: "Contact",
    SectionKind.PARTNER_AGENDA: "Agenda des partenaires",
    SectionKind.OTHER: "Autres nouvelles",
}
"""The French name of each section kind, for per-kind feed titles."""

_ATOM_LINK_FIELDS = ("rel", "type", "hreflang", "title", "length")


class _Entry(FeedEntry):  # type: ignore[misc]
    """A feedgen entry whose Atom links keep ``rel`` and ``type`` (feedgen#135)."""

    def atom_entry(self, extensions: bool = True) -> Any:
        entry = super().atom_entry(extensions)
        elements = [element for element in entry if element.tag.rpartition("}")[2] == "link"]
        for element, data in zip(elements, self.link() or [], strict=False):
            for name in _ATOM_LINK_FIELDS:
                if data.get(name):
                    element.set(name, str(data[name]))
        return entry


@frozen(kw_only=True)
class FeedItem:
    """One article as feeds show it, with the issue and section it comes from."""

    article: Article
    section: Section
    issue: Issue


def feed_items(
    archive: Archive, limit: int | None, kind: SectionKind | None = None
) -> list[FeedItem]:
    """The articles of the archive, newest issue first, in issue order within an issue.

    Args:
        archive: the issues.
        limit: at most this many items; ``None`` for all.
        kind: only the sections of this kind; ``None`` for all sections.
    """
    items: list[FeedItem] = []
    for issue in archive.issues:
        for section in issue.sections:
            if kind is not None and section.kind is not kind:
                continue
            for article in section.articles:
                if limit is not None and len(items) >= limit:
                    return items
                items.append(FeedItem(article=article, section=section, issue=issue))
    return items


def guid_of(article: Article, issue: Issue) -> str:
    """An article's GUID: ``tag:<publisher domain>,<issue date>:article/<article id>``."""
    domain = publisher_domain(issue.publisher.name, issue.publisher.url)
    return f"tag:{domain},{issue.date.isoformat()}:article/{article.id}"


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _updated(archive: Archive, options: ExportOptions) -> dt.datetime:
    if archive.issues:
        return _moment(archive.issues[0].date)
    if options.build_time is not None:
        return options.build_time
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _feed(
    archive: Archive,
    items: Sequence[FeedItem],
    *,
    title: str,
    self_path: str,
    self_type: str,
    options: ExportOptions,
) -> FeedGenerator:
    site = options.site_url
    newest = archive.issues[0] if archive.issues else None
    network = newest.publisher.name if newest is not None else "InfoLettre"
    domain = publisher_domain(network, newest.publisher.url if newest is not None else None)
    oldest = archive.issues[-1].date if archive.issues else dt.date(1970, 1, 1)
    feed = FeedGenerator()
    feed.load_extension("dc")
    feed.id(f"tag:{domain},{oldest.isoformat()}:{self_path}")
    feed.title(title)
    feed.description(f"Les articles de l'InfoLettre du {network}.")
    feed.language(newest.language if newest is not None else "fr")
    feed.link(href=site + self_path, rel="self", type=self_type)
    feed.link(
        href=site, rel="alternate", type="text/html"
    )  # last: RSS takes it as the channel link
    feed.generator("cdm_newsletter", version=__version__)
    if newest is not None:  # Atom wants an author for entries that name none
        feed.author(name=network, email=newest.publisher.email, uri=newest.publisher.url)
    else:
        feed.author(name=network)
    updated = _updated(archive, options)
    feed.updated(updated)
    feed.lastBuildDate(updated)
    feed.pubDate(updated)
    for item in items:
        _add_entry(feed, item, site)
    return feed


def _add_entry(feed: FeedGenerator, item: FeedItem, site: str) -> None:
    article, issue = item.article, item.issue
    entry = feed.add_entry(feedEntry=_Entry(), order="append")
    entry.id(guid_of(article, issue))
    entry.guid(guid_of(article, issue), permalink=False)
    entry.title(" ".join(article.plain_title.split()))  # one line, as readers show it
    entry.link(href=f"{site}issues/{issue.id}/#{article.id}", rel="alternate", type="text/html")
    published = _moment(issue.date)
    entry.published(published)
    entry.updated(published)
    entry.pubDate(published)
    entry.description(article_summary(article))
    entry.summary(article_summary(article))
    entry.content(article_html(article), type="html")
    entry.category(term=item.section.title)
    people = [person for person in article.contacts if person.public]
    for person in people:
        if person.email is not None:
            entry.author(name=person.display_name, email=person.email)
        else:
            entry.author(name=person.display_name)
    if people:
        entry.dc.dc_creator([person.display_name for person in people])


def _published(archive: Archive, options: ExportOptions) -> Archive:
    """The archive as feeds may show it: private people out, unless options say otherwise."""
    if options.include_private:
        return archive
    return Archive(without_private_people(issue) for issue in archive.issues)


def _feeds(
    archive: Archive, options: ExportOptions, suffix: str
) -> Iterator[tuple[str, FeedGenerator]]:
    """Every feed of the site, with its path, for one format (``rss`` or ``atom``)."""
    archive = _published(archive, options)
    media = "application/rss+xml" if suffix == "rss" else "application/atom+xml"
    network = archive.issues[0].publisher.name if archive.issues else "InfoLettre"
    path = f"feed.{suffix}"
    items = feed_items(archive, options.feed_items)
    yield (
        path,
        _feed(
            archive,
            items,
            title=f"InfoLettre — {network}",
            self_path=path,
            self_type=media,
            options=options,
        ),
    )
    for kind, label in KIND_TITLES.items():
        path = f"feeds/{kind.value}.{suffix}"
        items = feed_items(archive, options.feed_items, kind)
        yield (
            path,
            _feed(
                archive,
                items,
                title=f"{label} — InfoLettre",
                self_path=path,
                self_type=media,
                options=options,
            ),
        )


class RssExporter:
    """Writes RSS 2.0 feeds of the articles: ``feed.rss`` and ``feeds/<kind>.rss``."""

    name = "rss"
    description = "RSS 2.0 feeds of the articles (feed.rss, feeds/<section kind>.rss)"
    media_type = "application/rss+xml"

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        """Yield ``feed.rss`` and one ``feeds/<kind>.rss`` per section kind."""
        for path, feed in _feeds(archive, options, "rss"):
            yield Artifact(path=path, data=feed.rss_str(pretty=True), media_type=self.media_type)


class AtomExporter:
    """Writes Atom 1.0 feeds of the articles: ``feed.atom`` and ``feeds/<kind>.atom``."""

    name = "atom"
    description = "Atom 1.0 feeds of the articles (feed.atom, feeds/<section kind>.atom)"
    media_type = "application/atom+xml"

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        """Yield ``feed.atom`` and one ``feeds/<kind>.atom`` per section kind."""
        for path, feed in _feeds(archive, options, "atom"):
            yield Artifact(path=path, data=feed.atom_str(pretty=True), media_type=self.media_type)

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
from ..archive import Archive, published_archive
from ..fragments import article_html, article_summary
from ..model import Article, Issue, Section, SectionKind
from ..model.identity import publisher_domain
from .base import Artifact, ExportOptions, Part, midnight_utc, run_parts

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


def _updated(archive: Archive, options: ExportOptions) -> dt.datetime:
    if archive.issues:
        return midnight_utc(archive.issues[0].date)
    if options.build_time is not None:
        return options.build_time
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _feed(
    archive: Archive,
    entries: Sequence[_Entries],
    *,
    title: str,
    stem: str,
    options: ExportOptions,
) -> FeedGenerator:
    """A feed of ``entries``, ready to serialise as RSS or Atom (see :func:`_serialise`)."""
    newest = archive.issues[0] if archive.issues else None
    network = newest.publisher.name if newest is not None else "InfoLettre"
    domain = publisher_domain(network, newest.publisher.url if newest is not None else None)
    oldest = archive.issues[-1].date if archive.issues else dt.date(1970, 1, 1)
    feed = FeedGenerator()
    feed.load_extension("dc")
    feed.id(f"tag:{domain},{oldest.isoformat()}:{stem}")
    feed.title(title)
    feed.description(f"Les articles de l'InfoLettre du {network}.")
    feed.language(newest.language if newest is not None else "fr")
    feed.generator("cdm_newsletter", version=__version__)
    if newest is not None:  # Atom wants an author for entries that name none
        feed.author(name=network, email=newest.publisher.email, uri=newest.publisher.url)
    else:
        feed.author(name=network)
    updated = _updated(archive, options)
    feed.updated(updated)
    feed.lastBuildDate(updated)
    feed.pubDate(updated)
    for entry in entries:
        _add_entry(feed, entry)
    return feed


@frozen
class _Entries:
    """What an article's feed entry says, computed once per build for all the feeds it is in."""

    guid: str
    title: str
    link: str
    published: dt.datetime
    summary: str
    html: str
    category: str
    authors: tuple[tuple[str, str | None], ...]


def _entry_of(item: FeedItem, site: str) -> _Entries:
    article, issue = item.article, item.issue
    people = [person for person in article.contacts if person.public]
    return _Entries(
        guid=guid_of(article, issue),
        title=" ".join(article.plain_title.split()),  # one line, as readers show it
        link=f"{site}issues/{issue.id}/#{article.id}",
        published=midnight_utc(issue.date),
        summary=article_summary(article),
        html=article_html(article),
        category=item.section.title,
        authors=tuple((person.display_name, person.email) for person in people),
    )


def _add_entry(feed: FeedGenerator, data: _Entries) -> None:
    entry = feed.add_entry(feedEntry=_Entry(), order="append")
    entry.id(data.guid)
    entry.guid(data.guid, permalink=False)
    entry.title(data.title)
    entry.link(href=data.link, rel="alternate", type="text/html")
    entry.published(data.published)
    entry.updated(data.published)
    entry.pubDate(data.published)
    entry.description(data.summary)
    entry.summary(data.summary)
    entry.content(data.html, type="html")
    entry.category(term=data.category)
    for name, address in data.authors:
        entry.author(name=name, email=address)
    if data.authors:
        entry.dc.dc_creator([name for name, _ in data.authors])


@frozen
class _Built:
    """A feed built once and serialised by both exporters: its path without suffix."""

    stem: str
    feed: FeedGenerator


# The feeds of the last (archive, options) built: the RSS and Atom exporters of one build
# share them, as feedgen serialises one feed in both formats. The objects themselves are
# kept, so that a new archive can never be mistaken for the last one.
_LAST_BUILT: list[tuple[Archive, ExportOptions, list[_Built]]] = []


def _built_feeds(archive: Archive, options: ExportOptions) -> list[_Built]:
    """Every feed of the site for this archive and these options, built once."""
    if _LAST_BUILT and _LAST_BUILT[0][0] is archive and _LAST_BUILT[0][1] == options:
        return _LAST_BUILT[0][2]
    published = published_archive(archive, options.include_private)
    network = published.issues[0].publisher.name if published.issues else "InfoLettre"
    site = options.site_url
    computed: dict[int, _Entries] = {}  # by id() of the article: each is rendered once

    def entries(kind: SectionKind | None) -> list[_Entries]:
        found = []
        for item in feed_items(published, options.feed_items, kind):
            key = id(item.article)
            if key not in computed:
                computed[key] = _entry_of(item, site)
            found.append(computed[key])
        return found

    feeds = [("feed", f"InfoLettre — {network}", entries(None))]
    for kind, label in KIND_TITLES.items():
        feeds.append((f"feeds/{kind.value}", f"{label} — InfoLettre", entries(kind)))
    built = [
        _Built(stem, _feed(published, found, title=title, stem=stem, options=options))
        for stem, title, found in feeds
    ]
    _LAST_BUILT[:] = [(archive, options, built)]
    return built


def _serialise(built: _Built, suffix: str, media_type: str, options: ExportOptions) -> bytes:
    """One feed as RSS (``suffix`` ``rss``) or Atom, with its own self link."""
    site = options.site_url
    links = [
        {"href": f"{site}{built.stem}.{suffix}", "rel": "self", "type": media_type},
        # last: RSS takes the last link as the channel link
        {"href": site, "rel": "alternate", "type": "text/html"},
    ]
    built.feed.link(links, replace=True)
    data = built.feed.rss_str(pretty=True) if suffix == "rss" else built.feed.atom_str(pretty=True)
    return bytes(data)


class _FeedExporter:
    """The shared part of the two feed exporters: they differ only in their format."""

    name: str
    description: str
    media_type: str

    def parts(self, archive: Archive, options: ExportOptions) -> Iterator[Part]:
        """One part: every feed, made from the whole archive (feeds are short)."""
        yield Part(
            key="feeds",
            make=_feeds,
            args=(archive, options.narrowed(*_OPTIONS_READ), self.name, self.media_type),
        )

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        """Yield ``feed.<name>`` and one ``feeds/<kind>.<name>`` per section kind."""
        return run_parts(self.parts(archive, options))


_OPTIONS_READ = ("base_url", "build_time", "include_private", "feed_items")


def _feeds(
    archive: Archive, options: ExportOptions, suffix: str, media_type: str
) -> Iterator[Artifact]:
    for built in _built_feeds(archive, options):
        data = _serialise(built, suffix, media_type, options)
        yield Artifact(path=f"{built.stem}.{suffix}", data=data, media_type=media_type)


class RssExporter(_FeedExporter):
    """Writes RSS 2.0 feeds of the articles: ``feed.rss`` and ``feeds/<kind>.rss``."""

    name = "rss"
    description = "RSS 2.0 feeds of the articles (feed.rss, feeds/<section kind>.rss)"
    media_type = "application/rss+xml"


class AtomExporter(_FeedExporter):
    """Writes Atom 1.0 feeds of the articles: ``feed.atom`` and ``feeds/<kind>.atom``."""

    name = "atom"
    description = "Atom 1.0 feeds of the articles (feed.atom, feeds/<section kind>.atom)"
    media_type = "application/atom+xml"

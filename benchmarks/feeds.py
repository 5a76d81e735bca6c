"""The feed exporters against feedgen alone, on the same items."""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

import cdm_newsletter as cdm
from cdm_newsletter.exporters.rss import AtomExporter, RssExporter
from cdm_newsletter.fragments import article_html, article_summary

Item = tuple[str, str, str, dt.datetime, str, str, str, str, str]


def _raw_feed(items: list[Item]) -> tuple[bytes, bytes]:
    feed = _feedgen_feed(items)
    return feed.rss_str(pretty=True), feed.atom_str(pretty=True)


def raw_feed(items: list[Item], suffix: str) -> bytes:
    """One feed of ``items`` as RSS (``suffix`` ``rss``) or Atom, with feedgen alone."""
    feed = _feedgen_feed(items)
    return bytes(feed.rss_str(pretty=True) if suffix == "rss" else feed.atom_str(pretty=True))


def _feedgen_feed(items: list[Item]) -> FeedGenerator:
    feed = FeedGenerator()
    feed.load_extension("dc")
    feed.id("tag:example.org,2000:feed")
    feed.title("InfoLettre")
    feed.description("Benchmark")
    feed.author(name="Réseau")
    feed.link(href="https://www.example.org/feed.atom", rel="self")
    feed.link(href="https://www.example.org/", rel="alternate")
    feed.language("fr")
    stamp = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    feed.updated(stamp)
    feed.lastBuildDate(stamp)
    for title, link, guid, day, summary, html, section, author, email in items:
        entry = feed.add_entry(order="append")
        entry.id(guid)
        entry.guid(guid, permalink=False)
        entry.title(title)
        entry.link(href=link, rel="alternate", type="text/html")
        entry.published(day)
        entry.updated(day)
        entry.pubDate(day)
        entry.description(summary)
        entry.summary(summary)
        entry.content(html, type="html")
        entry.category(term=section)
        entry.author(name=author, email=email)
        entry.dc.dc_creator([author])
    return feed


def raw_feedgen() -> list[bytes]:
    """The same feeds as the exporters (all articles, then one feed per section), with feedgen
    alone, from strings prepared beforehand by :func:`prepared`: feedgen's own building and
    serialising, the floor we are measured against.
    """
    out: list[bytes] = []
    sections = sorted({item[6] for item in PREPARED})
    for items in [PREPARED] + [[i for i in PREPARED if i[6] == title] for title in sections]:
        out.extend(_raw_feed(items))
    return out


PREPARED: list[tuple[str, str, str, dt.datetime, str, str, str, str, str]] = []


def prepared(archive: cdm.Archive, limit: int) -> None:
    """Prepare the strings of the first ``limit`` articles for :func:`raw_feedgen`."""
    PREPARED.clear()
    for issue in archive.issues:
        day = dt.datetime.combine(issue.date, dt.time(), dt.UTC)
        for section in issue.sections:
            for article in section.articles:
                if len(PREPARED) == limit:
                    return
                person = article.contacts[0]
                assert person.name is not None
                assert person.email is not None
                PREPARED.append(
                    (
                        article.plain_title,
                        f"https://www.example.org/issues/{issue.id}/#{article.id}",
                        f"tag:example.org,{issue.date}:article/{article.id}",
                        day,
                        article_summary(article),
                        article_html(article),
                        section.title,
                        person.name,
                        person.email,
                    )
                )


def ours(archive: cdm.Archive, limit: int) -> list[bytes]:
    """Every feed of the site, RSS and Atom, through the two exporters."""
    options = cdm.ExportOptions(base_url="https://www.example.org/", feed_items=limit)
    artifacts = [*RssExporter().export(archive, options), *AtomExporter().export(archive, options)]
    return [artifact.data for artifact in artifacts]

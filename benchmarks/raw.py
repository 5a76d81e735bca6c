"""The same content as each exporter, written with the raw libraries alone: the floor we are
measured against.

Each format has a ``prepare`` step, not timed, that takes plain strings and
values out of the model (what any program would have to hand the libraries),
and a ``write`` step, timed, that builds and serialises with the library
(cattrs + json, lxml, Jinja2 + css-inline + icalendar + textwrap, feedgen,
icalendar) and writes the files, with a plain ``open().write()``.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cattrs
import css_inline
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from jinja2 import Environment, PackageLoader
from lxml import etree

import cdm_newsletter as cdm
from cdm_newsletter.exporters.html import _issue_context, _upcoming
from cdm_newsletter.exporters.ical import _reference_day, _shown, _window_start
from cdm_newsletter.exporters.rss import KIND_TITLES, feed_items
from cdm_newsletter.fragments import article_html, article_summary

from .feeds import raw_feed
from .ical import raw_icalendar

SITE = "https://www.example.org/"


def _write(out: Path, path: str, data: bytes) -> None:
    target = out / path
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as stream:
        stream.write(data)


# --- json: cattrs unstructure + json.dumps --------------------------------------------------


def prepare_json(archive: cdm.Archive) -> list[cdm.Issue]:
    """Nothing to take out: cattrs reads the model itself."""
    return list(archive.issues)


def write_json(issues: list[cdm.Issue], out: Path) -> int:
    converter = cattrs.Converter()
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    for issue in issues:
        data = json.dumps(converter.unstructure(issue), ensure_ascii=False, indent=2)
        _write(out, f"data/{issue.id}.json", data.encode("utf-8"))
    return len(issues)


# --- xml: lxml build + serialise -------------------------------------------------------------

_Tree = tuple[str, dict[str, str], str | None, list[Any]]  # tag, attributes, text, children


def _leaf(tag: str, text: str | None, **attributes: str) -> _Tree:
    return (tag, attributes, text, [])


def _issue_tree(issue: cdm.Issue) -> _Tree:
    agenda = [
        (
            "event",
            {"id": event.id, "category": event.category.value},
            None,
            [
                _leaf("title", event.title),
                _leaf("when", None if event.when is None else str(event.when.start)),
                _leaf("place", None if event.place is None else event.place.name),
            ],
        )
        for event in issue.agenda
    ]
    sections = []
    for section in issue.sections:
        articles = []
        for article in section.articles:
            body = [_leaf("p", text) for text in article.body.to_plain().split("\n\n")]
            contacts = [
                _leaf("person", person.display_name, email=person.email or "")
                for person in article.contacts
            ]
            articles.append(
                (
                    "article",
                    {"id": article.id},
                    None,
                    [_leaf("title", article.plain_title), ("body", {}, None, body), *contacts],
                )
            )
        sections.append(("section", {"kind": section.kind.value}, None, articles))
    return (
        "issue",
        {"id": issue.id, "version": "1.0"},
        None,
        [
            _leaf("date", issue.date.isoformat()),
            _leaf("title", issue.title),
            _leaf("publisher", issue.publisher.name),
            ("agenda", {}, None, agenda),
            ("sections", {}, None, sections),
        ],
    )


def prepare_xml(archive: cdm.Archive) -> list[tuple[str, _Tree]]:
    """Each issue as nested (tag, attributes, text, children) tuples of plain strings."""
    return [(issue.id, _issue_tree(issue)) for issue in archive.issues]


def _element(parent: etree._Element | None, tree: _Tree) -> etree._Element:
    tag, attributes, text, children = tree
    element = etree.Element(tag, attributes) if parent is None else etree.SubElement(parent, tag)
    if parent is not None:
        for name, value in attributes.items():
            element.set(name, value)
    element.text = text
    for child in children:
        _element(element, child)
    return element


def write_xml(documents: list[tuple[str, _Tree]], out: Path) -> int:
    index = etree.Element("archive")
    for issue_id, tree in documents:
        data = etree.tostring(_element(None, tree), encoding="UTF-8", pretty_print=True)
        _write(out, f"archive/{issue_id}.xml", data)
        etree.SubElement(index, "issue-file", href=f"{issue_id}.xml")
    _write(out, "archive/index.xml", etree.tostring(index, encoding="UTF-8", pretty_print=True))
    return len(documents) + 1


# --- html: Jinja2 render + css-inline + icalendar per event + textwrap ----------------------


def prepare_html(archive: cdm.Archive) -> dict[str, Any]:
    """The templates' contexts, the events, and each issue's plain paragraphs."""
    events_ics = {
        entry.event.id: f"../../events/{entry.identity}.ics"
        for entry in archive.agenda
        if entry.event.when
    }
    issues = []
    for issue in archive.issues:
        network = issue.publisher.name
        context = _issue_context(issue, network, SITE, events_ics)
        paragraphs = [
            text for article in issue.articles() for text in article.body.to_plain().split("\n\n")
        ]
        issues.append((issue.id, context, paragraphs))
    index = {
        "root": "",
        "language": "fr",
        "network": archive.issues[0].publisher.name,
        "upcoming": _upcoming(archive.agenda, archive.issues[0].date, SITE),
        "issues": [
            {"title": i.title, "date": str(i.date), "page": f"issues/{i.id}/", "articles": 12}
            for i in archive.issues
        ],
        "subscriptions": [],
    }
    entries = [entry for entry in archive.agenda if entry.event.when and entry.event.place]
    return {"issues": issues, "index": index, "entries": entries}


def write_html(prepared: dict[str, Any], out: Path) -> int:
    env = Environment(loader=PackageLoader("cdm_newsletter", "templates"), autoescape=True)
    inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)
    files = 0
    for entry in prepared["entries"]:
        _write(out, f"events/{entry.identity}.ics", raw_icalendar([entry]))
        files += 1
    _write(
        out, "index.html", env.get_template("index.html.j2").render(**prepared["index"]).encode()
    )
    issue_page, email_page = env.get_template("issue.html.j2"), env.get_template("email.html.j2")
    for issue_id, context, paragraphs in prepared["issues"]:
        folder = f"issues/{issue_id}"
        _write(out, f"{folder}/index.html", issue_page.render(root="../../", **context).encode())
        _write(out, f"{folder}/email.html", inliner.inline(email_page.render(**context)).encode())
        text = "\n\n".join(textwrap.fill(paragraph, 72) for paragraph in paragraphs)
        _write(out, f"{folder}/email.txt", text.encode())
        files += 3
    return files + 1


# --- feeds: feedgen build + serialise ----------------------------------------------------------


def prepare_feeds(archive: cdm.Archive, limit: int | None) -> list[tuple[str, list[Any]]]:
    """The strings of each feed's items: the whole feed, then one per section kind."""
    feeds = []
    for stem, kind in [("feed", None), *((f"feeds/{k.value}", k) for k in KIND_TITLES)]:
        items = []
        for item in feed_items(archive, limit, kind):
            article, issue = item.article, item.issue
            person = article.contacts[0] if article.contacts else cdm.Person(name="Réseau")
            items.append(
                (
                    article.plain_title,
                    f"{SITE}issues/{issue.id}/#{article.id}",
                    f"tag:example.org,{issue.date}:article/{article.id}",
                    dt.datetime.combine(issue.date, dt.time(), dt.UTC),
                    article_summary(article),
                    article_html(article),
                    item.section.title,
                    person.display_name,
                    person.email or "reseau@example.org",
                )
            )
        feeds.append((stem, items))
    return feeds


def feed_writer(suffix: str) -> Callable[[list[tuple[str, list[Any]]], Path], int]:
    """Write every feed in one format (``rss`` or ``atom``)."""

    def write(feeds: list[tuple[str, list[Any]]], out: Path) -> int:
        for stem, items in feeds:
            _write(out, f"{stem}.{suffix}", raw_feed(items, suffix))
        return len(feeds)

    return write


# --- calendars: icalendar build + to_ical ------------------------------------------------------


def prepare_ical(archive: cdm.Archive) -> dict[str, Any]:
    """The events each calendar shows (in the window), and the deadlines."""
    options = cdm.ExportOptions()
    reference, start = _reference_day(archive, options), _window_start(archive, options)
    shown = [
        entry
        for entry in archive.agenda
        if _shown(entry, reference, start, options) and entry.event.place is not None
    ]
    calendars = {"agenda.ics": shown}
    for category in cdm.EventCategory:
        calendars[f"agenda-{category.value}.ics"] = [
            entry for entry in shown if entry.event.category is category
        ]
    deadlines = [e for e in archive.deadlines if start is None or e.call.deadline >= start]
    return {"calendars": calendars, "deadlines": deadlines}


def write_ical(prepared: dict[str, Any], out: Path) -> int:
    for path, entries in prepared["calendars"].items():
        _write(out, path, raw_icalendar(entries))
    calendar = Calendar()
    calendar.add("PRODID", "-//bench//")
    calendar.add("VERSION", "2.0")
    for entry in prepared["deadlines"]:
        component = CalendarEvent()
        component.add("UID", f"{entry.identity}@example.org")
        component.add("DTSTAMP", dt.datetime.combine(entry.changed_issue.date, dt.time(), dt.UTC))
        component.add("DTSTART", entry.call.deadline)
        component.add("DTEND", entry.call.deadline + dt.timedelta(days=1))
        component.add("SUMMARY", f"Date limite : {entry.call.title}")
        component.add("TRANSP", "TRANSPARENT")
        calendar.add_component(component)
    _write(out, "deadlines.ics", calendar.to_ical())
    return len(prepared["calendars"]) + 1


FORMATS: dict[str, tuple[Callable[[cdm.Archive], Any], Callable[[Any, Path], int]]] = {
    "json": (prepare_json, write_json),
    "xml": (prepare_xml, write_xml),
    "html": (prepare_html, write_html),
    "rss": (lambda archive: prepare_feeds(archive, 50), feed_writer("rss")),
    "atom": (lambda archive: prepare_feeds(archive, 50), feed_writer("atom")),
    "ical": (prepare_ical, write_ical),
}
"""For each format: its untimed preparation and its timed writing, with the raw libraries."""

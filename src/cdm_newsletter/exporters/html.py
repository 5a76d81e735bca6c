"""The ``html`` exporter: a web page per issue, an archive index, and an e-mail-ready variant.

It writes ``index.html`` (upcoming events, the issues newest first, subscribe
links), ``style.css``, and for each issue ``issues/<id>/index.html`` (agenda
table, editorial, sections; an anchor per article and event id, where feed
and calendar links land), ``issues/<id>/email.html`` (one file, a table at most
600 px wide, CSS inlined by css-inline, no script, nothing remote),
``issues/<id>/email.txt`` (the plain-text alternative) and one
``issues/<id>/events/<event-id>.ics`` per dated event ("add to my calendar").

Templates are Jinja2, shipped in the package, with autoescape on for every
template whatever its suffix; a folder given as ``ExportOptions.templates``
overrides any of them by name. Every text is escaped; the only markup that is
not comes from the one rich-text renderer, whose links are http(s) or mailto.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any

import css_inline
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    meta,
)
from markupsafe import Markup

from ..announcements import AgendaEntry
from ..archive import Archive, published_archive
from ..display import day_text, event_date_text, event_status_labels, place_text
from ..fragments import article_html, person_html
from ..model import Event, EventStatus, Issue, Person, Section
from ..model.text import spans_to_html, spans_to_plain
from ..plaintext import issue_text
from .base import Artifact, ExportOptions, Part, run_parts
from .ical import CATEGORY_NAMES, EVENT_OPTIONS, event_calendar

__all__ = ["HtmlExporter", "environment"]

_INLINER = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


@functools.lru_cache(maxsize=8)
def environment(templates: str | None = None, digest: str = "") -> Environment:
    """The Jinja2 environment: the user's folder first (if any), then the package's templates.

    Autoescape is on for every template, whatever its suffix (``select_autoescape()``
    would leave ``.j2`` files unescaped). ``digest`` names a state of the
    templates: an environment caches what it loaded, so a new state needs a new one
    (a template added to the user's folder would not otherwise replace the package's).
    """
    loaders: list[BaseLoader] = [PackageLoader("cdm_newsletter", "templates")]
    if templates is not None:
        loaders.insert(0, FileSystemLoader(templates))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def _stylesheet() -> bytes:
    return (resources.files("cdm_newsletter") / "templates" / "style.css").read_bytes()


def _webcal(url: str) -> str | None:
    return "webcal://" + url.removeprefix("https://") if url.startswith("https://") else None


def _anchor(section: Section, index: int) -> str:
    return f"section-{index + 1}-{section.kind.value}"


def _person(person: Person) -> Markup:
    return Markup(person_html(person))


def _agenda_row(event: Event, issue: Issue, page: str) -> dict[str, Any]:
    """An agenda line as every page shows it: date, title, place, status, link.

    ``statuses`` are the labels of :func:`~cdm_newsletter.display.event_status_labels`;
    ``cancelled`` stays for templates that show only that.
    """
    return {
        "date": event_date_text(event, issue.language),
        "title": event.title,
        "place": "" if event.place is None else place_text(event.place),
        "cancelled": event.status is EventStatus.CANCELLED,
        "statuses": event_status_labels(event),
        "page": page,
    }


def _issue_context(
    issue: Issue, network: str, site: str, events_ics: Mapping[str, str]
) -> dict[str, Any]:
    """What the issue page and its e-mail show, escaped where it must be."""
    agenda = []
    for event in issue.agenda:
        registration = event.registration
        agenda.append(
            _agenda_row(event, issue, f"{site}issues/{issue.id}/#{event.id}")
            | {
                "id": event.id,
                "registration": registration.url
                if registration and not registration.placeholder
                else None,
                "registration_pending": registration is not None and registration.placeholder,
                "description": event.description,
                # A postponed event has no date to add: its old one no longer holds.
                "ics": None if event.status is EventStatus.POSTPONED else events_ics.get(event.id),
            }
        )
    editorial = None
    if issue.editorial is not None:
        signature = issue.editorial.signature
        editorial = {
            "salutation": issue.editorial.salutation,
            "body": Markup(issue.editorial.body.to_html()),
            "closing": issue.editorial.closing,
            "signature": _person(signature) if signature is not None else None,
        }
    sections = []
    for index, section in enumerate(issue.sections):
        articles = [
            {
                "id": article.id,
                "title": Markup(spans_to_html(article.title)),
                "show_title": spans_to_plain(article.title) != section.title,
                "html": Markup(article_html(article)),
            }
            for article in section.articles
        ]
        sections.append(
            {
                "anchor": _anchor(section, index),
                "title": section.title,
                "intro": Markup(section.intro.to_html()),
                "articles": articles,
            }
        )
    contact = None
    if issue.publisher.email is not None:
        contact = Markup('<a href="mailto:{0}">{0}</a>').format(issue.publisher.email)
    return {
        "language": issue.language,
        "network": network,
        "issue": {
            "title": issue.title,
            "date_text": day_text(issue.date, issue.language),
            "web_page": f"{site}issues/{issue.id}/",
        },
        "agenda": agenda,
        "editorial": editorial,
        "sections": sections,
        "editors": [_person(person) for person in issue.editors],
        "contact": contact,
        "home": f"{site}index.html",
    }


def _subscriptions(site: str) -> list[dict[str, str | None]]:
    items: list[dict[str, str | None]] = [
        {"label": "les articles", "href": f"{site}feed.rss", "kind": "RSS", "webcal": None},
        {"label": "les articles", "href": f"{site}feed.atom", "kind": "Atom", "webcal": None},
        {
            "label": "tout l'agenda",
            "href": f"{site}agenda.ics",
            "kind": "iCalendar",
            "webcal": None,
        },
    ]
    for category, name in CATEGORY_NAMES.items():
        items.append(
            {
                "label": name.lower(),
                "href": f"{site}agenda-{category.value}.ics",
                "kind": "iCalendar",
                "webcal": None,
            }
        )
    items.append(
        {
            "label": "les dates limites des appels",
            "href": f"{site}deadlines.ics",
            "kind": "iCalendar",
            "webcal": None,
        }
    )
    for item in items:
        if item["kind"] == "iCalendar" and item["href"] is not None:
            item["webcal"] = _webcal(item["href"])
    return items


def _upcoming(
    entries: tuple[AgendaEntry, ...], reference: dt.date, site: str
) -> list[dict[str, Any]]:
    upcoming = []
    for entry in entries:
        when = entry.event.when
        if when is None or when.last_day < reference:
            continue
        upcoming.append(
            _agenda_row(entry.event, entry.issue, f"issues/{entry.issue.id}/#{entry.event.id}")
        )
    return upcoming


def template_digest(templates: str | None, name: str) -> str:
    """The SHA-256 hex digest of a template's source and of every template it uses, in turn."""
    env = environment(templates)
    assert env.loader is not None
    digest = hashlib.sha256()
    pending, seen = [name], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        source = env.loader.get_source(env, current)[0]
        digest.update(f"{current}\0{source}\0".encode("utf-8", "surrogatepass"))
        referenced = _referenced(env, source)
        if referenced is None:  # a name computed at render time: it may be any template
            referenced = tuple(env.list_templates())
        pending += sorted(referenced)
    return digest.hexdigest()


@functools.lru_cache(maxsize=64)
def _referenced(env: Environment, source: str) -> tuple[str, ...] | None:
    """The templates a template's source names, or ``None`` when one is named at render time."""
    names = list(meta.find_referenced_templates(env.parse(source)))
    return None if None in names else tuple(name for name in names if name is not None)


def _static(files: tuple[tuple[str, bytes], ...]) -> Iterator[Artifact]:
    for path, data in files:
        yield Artifact(path=path, data=data, media_type="text/css")


def _event_calendar(entry: AgendaEntry, path: str, options: ExportOptions) -> Iterator[Artifact]:
    yield Artifact(path=path, data=event_calendar(entry, options), media_type="text/calendar")


def _page(
    templates: str | None, name: str, path: str, context: Mapping[str, Any], digest: str
) -> Iterator[Artifact]:
    """A page rendered from a template; ``digest`` is the template's (:func:`template_digest`)."""
    page = environment(templates, digest).get_template(name).render(**context)
    yield Artifact(path=path, data=page.encode("utf-8"), media_type="text/html")


# What each part of an issue's HTML renders, and where it goes in the issue's folder.
_ISSUE_HTML = {"page": ("issue.html.j2", "index.html"), "email": ("email.html.j2", "email.html")}


def _issue_html(
    templates: str | None,
    kind: str,
    issue: Issue,
    network: str,
    site: str,
    events_ics: Mapping[str, str],
    digest: str,
) -> Iterator[Artifact]:
    """An issue's web page (``kind`` "page") or e-mail (``"email"``, its CSS inlined)."""
    name, file = _ISSUE_HTML[kind]
    context = _issue_context(issue, network, site, events_ics)
    html = environment(templates, digest).get_template(name).render(root="../../", **context)
    if kind == "email":
        html = _INLINER.inline(html)
    yield Artifact(
        path=f"issues/{issue.id}/{file}", data=html.encode("utf-8"), media_type="text/html"
    )


def _issue_text(issue: Issue, site: str) -> Iterator[Artifact]:
    folder = f"issues/{issue.id}"
    text = issue_text(issue, web_page=f"{site}{folder}/")
    yield Artifact(path=f"{folder}/email.txt", data=text.encode("utf-8"), media_type="text/plain")


class HtmlExporter:
    """Writes the web pages, the e-mail variant and its text alternative."""

    name = "html"
    description = "web pages: index.html, issues/<id>/index.html, email.html and email.txt"
    media_type = "text/html"

    def parts(self, archive: Archive, options: ExportOptions) -> Iterator[Part]:
        """Parts: the stylesheet, the index, each event's calendar, each issue's pages."""
        templates = options.templates
        site = options.site_url
        published = published_archive(archive, options.include_private)
        issues = published.issues
        network = issues[0].publisher.name if issues else "InfoLettre"
        language = issues[0].language if issues else "fr"
        reference = (
            options.build_time.date()
            if options.build_time is not None
            else (issues[0].date if issues else dt.date(1970, 1, 1))
        )
        yield Part(key="style", make=_static, args=((("style.css", _stylesheet()),),))
        index = {
            "root": "",
            "language": language,
            "network": network,
            "upcoming": _upcoming(archive.agenda, reference, site),
            "issues": [
                {
                    "title": issue.title,
                    "date": day_text(issue.date, issue.language),
                    "page": f"issues/{issue.id}/index.html",
                    "articles": sum(1 for _ in issue.articles()),
                }
                for issue in issues
            ],
            "subscriptions": _subscriptions(site),
        }
        yield Part(
            key="index",
            make=_page,
            args=(
                templates,
                "index.html.j2",
                "index.html",
                index,
                template_digest(templates, "index.html.j2"),
            ),
        )
        calendar_options = options.narrowed(*EVENT_OPTIONS)
        calendars: dict[tuple[str, str], str] = {}  # (issue id, event id): the event's .ics
        # Events name no person: the archive's own agenda serves, published or not.
        for entry in archive.agenda:
            if entry.event.when is None:
                continue
            path = f"events/{entry.identity}.ics"
            yield Part(key=path, make=_event_calendar, args=(entry, path, calendar_options))
            for announcement in entry.announcements:
                calendars[announcement] = path
        page_digest = template_digest(templates, "issue.html.j2")
        email_digest = template_digest(templates, "email.html.j2")
        for issue in issues:
            events_ics = {
                event.id: "../../" + calendars[issue.id, event.id]
                for event in issue.agenda
                if (issue.id, event.id) in calendars
            }
            for kind, digest in (("page", page_digest), ("email", email_digest)):
                yield Part(
                    key=f"issue/{issue.id}/{kind}",
                    make=_issue_html,
                    args=(templates, kind, issue, network, site, events_ics, digest),
                )
            yield Part(key=f"issue/{issue.id}/text", make=_issue_text, args=(issue, site))

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        """Yield the stylesheet, the index, and each event's calendar and issue's pages."""
        return run_parts(self.parts(archive, options))

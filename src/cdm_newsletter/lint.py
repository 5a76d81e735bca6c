"""Editorial checks of an imported issue: what the editors probably want to fix.

:func:`lint` adds to the importer's own diagnostics (lines not understood,
unreadable dates, weekdays that do not match) the checks that read the model:

* ``placeholder-link``: a link whose target was left as ``#`` or empty;
* ``registration-without-link``: an event mentions registration but gives no link;
* ``repeated-word``: the same word twice in a row ("mieux mieux");
* ``past-deadline`` / ``past-event``: already over at the issue's date;
* ``event-without-place``: an agenda entry that says nowhere where it happens;
* ``article-without-contact``: a news article with no one to contact (information only).

Each finding points at the source line of the part it is about, when the
importer recorded it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from .diagnostics import Diagnostic, Severity
from .importers.base import ImportResult
from .model import Issue, Link, RichText, SectionKind
from .model.text import BulletList, Spans, spans_to_plain

__all__ = ["lint"]

_REPEATED_WORD = re.compile(r"\b([^\W\d_]{2,})\s+(\1)\b", re.IGNORECASE)
_LEGITIMATE_REPEATS = frozenset({"nous", "vous"})  # "nous nous réunirons"
_NEWS = (SectionKind.MEMBER_NEWS, SectionKind.NETWORK_NEWS, SectionKind.OTHER)

_Finding = tuple[str, Severity, str, str]  # path, severity, code, message


def _lines_of(text: RichText, path: str) -> Iterator[tuple[str, Spans]]:
    for index, block in enumerate(text.blocks):
        for spans in block.items if isinstance(block, BulletList) else (block.spans,):
            yield f"{path}[{index}]", spans


def _texts(issue: Issue) -> Iterator[tuple[str, Spans]]:
    """Every line of rich text in the issue, with the path of its block."""
    if issue.editorial is not None:
        yield from _lines_of(issue.editorial.body, "$.editorial.body")
    for s_index, section in enumerate(issue.sections):
        yield from _lines_of(section.intro, f"$.sections[{s_index}].intro")
        for a_index, article in enumerate(section.articles):
            path = f"$.sections[{s_index}].articles[{a_index}]"
            yield f"{path}.title", article.title
            yield from _lines_of(article.body, f"{path}.body")


def _links(issue: Issue) -> Iterator[tuple[str, Link]]:
    for path, spans in _texts(issue):
        yield from ((path, span) for span in spans if isinstance(span, Link))
    for s_index, section in enumerate(issue.sections):
        for a_index, article in enumerate(section.articles):
            path = f"$.sections[{s_index}].articles[{a_index}]"
            yield from (
                (f"{path}.links[{index}]", link) for index, link in enumerate(article.links)
            )
            for c_index, call in enumerate(article.funding_calls):
                if call.link is not None:
                    yield f"{path}.funding_calls[{c_index}]", call.link


def _findings(issue: Issue) -> Iterator[_Finding]:
    for path, link in _links(issue):
        if link.placeholder:
            yield (
                path,
                Severity.WARNING,
                "placeholder-link",
                f"the link {link.text!r} has no target yet",
            )
    for path, spans in _texts(issue):
        for match in _REPEATED_WORD.finditer(spans_to_plain(spans)):
            if match[1].lower() not in _LEGITIMATE_REPEATS:
                yield path, Severity.WARNING, "repeated-word", f"repeated word: {match.group()!r}"
    for index, event in enumerate(issue.agenda):
        path = f"$.agenda[{index}]"
        if event.registration is not None and event.registration.placeholder:
            message = f"{event.title!r} mentions registration but gives no link"
            yield path, Severity.WARNING, "registration-without-link", message
        if event.place is None:
            yield (
                path,
                Severity.WARNING,
                "event-without-place",
                f"{event.title!r} says nowhere where it happens",
            )
        if event.when is not None and event.when.last_day < issue.date:
            day = event.when.last_day.isoformat()
            message = f"{event.title!r} ({day}) is already past at the issue date"
            yield path, Severity.WARNING, "past-event", message
    for s_index, section in enumerate(issue.sections):
        for a_index, article in enumerate(section.articles):
            path = f"$.sections[{s_index}].articles[{a_index}]"
            for c_index, call in enumerate(article.funding_calls):
                if call.deadline < issue.date:
                    day = call.deadline.isoformat()
                    message = f"the deadline of {call.title!r} ({day}) is already past"
                    yield (
                        f"{path}.funding_calls[{c_index}]",
                        Severity.WARNING,
                        "past-deadline",
                        message,
                    )
            if section.kind in _NEWS and not article.contacts:
                message = f"the article {article.plain_title!r} has no contact"
                yield path, Severity.INFO, "article-without-contact", message


def _line_of(path: str, locations: Mapping[str, int]) -> int | None:
    """The line of ``path``, or of its nearest ancestor that has one."""
    while path:
        if path in locations:
            return locations[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def lint(result: ImportResult, source: str) -> list[Diagnostic]:
    """Check an imported issue; return the importer's diagnostics and the lint's, by line.

    Args:
        result: what the importer returned.
        source: the source's name, for the diagnostics.
    """
    found = [
        Diagnostic(
            source=source,
            line=_line_of(path, result.locations),
            severity=severity,
            code=code,
            message=message,
        )
        for path, severity, code, message in _findings(result.issue)
    ]
    everything = [*result.diagnostics, *found]
    return sorted(everything, key=lambda d: (d.line is None, d.line or 0))

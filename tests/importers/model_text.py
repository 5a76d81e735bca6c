"""Every word an issue holds, for the tests that check that an import loses nothing."""

from __future__ import annotations

import re

import cdm_newsletter as cdm
from cdm_newsletter.model import spans_to_plain


def _people(people: tuple[cdm.Person, ...] | list[cdm.Person]) -> list[str]:
    return [" ".join(filter(None, (p.name, p.email, p.role, p.organisation))) for p in people]


def model_text(issue: cdm.Issue) -> str:
    """All the text of an issue: titles, bodies, people, events, calls and changes."""
    parts: list[str] = [
        issue.title,
        issue.publisher.name,
        issue.publisher.url or "",
        issue.publisher.email or "",
    ]
    for event in issue.agenda:
        parts += [event.title, event.date_text or "", event.description or ""]
        if event.place is not None:
            parts.append(event.place.name)
        if event.registration is not None:
            parts += [event.registration.text, event.registration.url]
    if issue.editorial is not None:
        editorial = issue.editorial
        parts += [editorial.salutation or "", editorial.body.to_plain(), editorial.closing or ""]
        parts += _people([editorial.signature] if editorial.signature else [])
    for section in issue.sections:
        parts += [section.title, section.intro.to_plain()]
        for article in section.articles:
            parts += [
                spans_to_plain(article.title),
                article.body.to_plain(),
                *_people(article.contacts),
            ]
            for call in article.funding_calls:
                parts += [call.title, "date limite", call.programme or ""]
                if call.link is not None:
                    parts.append(call.link.text)
            for change in article.staff_changes:
                parts += [change.organisation, change.role or "", *_people([change.person])]
                if change.contact_point is not None:
                    parts += _people([change.contact_point])
    parts += _people(issue.editors)
    return "\n".join(parts)


def model_words(issue: cdm.Issue) -> set[str]:
    """The lower-cased words of :func:`model_text`, and the labels read into structure."""
    words = set(re.findall(r"[^\W\d_]+", model_text(issue).lower()))
    # Structure words: "Contact :" labels, the agenda's own heading and sub-headings,
    # "L'équipe rédactionnelle", and month names of dates read into the model.
    return words | {
        "contact",
        "agenda",
        "réunions",
        "internes",
        "externes",
        "équipe",
        "rédactionnelle",
        "matin",
        "après",
        "midi",
        "novembre",
        "décembre",
        "janvier",
        "juin",
        "février",
        "mars",
    }

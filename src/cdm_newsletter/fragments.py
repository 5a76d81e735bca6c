"""An article as an HTML fragment or a plain summary: what feeds and pages show of it.

Built on the one rich-text renderer (:meth:`RichText.to_html`); what an
article has besides its body (links, funding calls, staff changes, contacts)
is rendered here, once, for every exporter. Every text is escaped; links are
the model's, so they are absolute http(s) or ``mailto:`` (placeholders become text).
"""

from __future__ import annotations

from html import escape

from .display import staff_change_text
from .french import format_day
from .model import Article, BulletList, Link, Person
from .model.text import spans_to_html, spans_to_plain

__all__ = ["article_html", "article_summary", "link_html", "person_html"]


def link_html(link: Link) -> str:
    """A link as ``<a href>``, or its text alone when it is a placeholder."""
    return spans_to_html((link,))


def person_html(person: Person) -> str:
    """A person's name (and role), as a ``mailto:`` link when there is an address."""
    name = escape(person.display_name)
    if person.email is not None:
        name = f'<a href="mailto:{escape(person.email)}">{name}</a>'
    if person.role is not None:
        name += f", {escape(person.role)}"
    if person.organisation is not None:
        name += f" ({escape(person.organisation)})"
    return name


def _staff_change_html(article: Article) -> list[str]:
    items = []
    for change in article.staff_changes:
        text = escape(staff_change_text(change))
        if change.role is not None:
            text += f" ({escape(change.role)})"
        if change.contact_point is not None:
            text += f". Point de contact : {person_html(change.contact_point)}"
        items.append(f"<li>{text}</li>")
    return items


def article_html(article: Article) -> str:
    """The whole article as HTML: body, other links, funding calls, staff changes, contacts.

    Private people must be taken out before (see
    :func:`cdm_newsletter.without_private_people`): this renders whoever is there.
    """
    parts = [article.body.to_html()] if article.body else []
    if article.links:
        parts.append(
            "<ul>" + "".join(f"<li>{link_html(link)}</li>" for link in article.links) + "</ul>"
        )
    if article.funding_calls:
        calls = []
        for call in article.funding_calls:
            text = f"{escape(call.title)}, date limite {escape(format_day(call.deadline))}"
            if call.link is not None:
                text += f" ({link_html(call.link)})"
            calls.append(f"<li>{text}</li>")
        parts.append("<ul>" + "".join(calls) + "</ul>")
    if article.staff_changes:
        parts.append("<ul>" + "".join(_staff_change_html(article)) + "</ul>")
    if article.contacts:
        label = "Contact" if len(article.contacts) == 1 else "Contacts"
        people = ", ".join(person_html(person) for person in article.contacts)
        parts.append(f"<p>{label} : {people}</p>")
    return "\n".join(parts)


def article_summary(article: Article) -> str:
    """A plain-text summary: the first paragraph (or list), else the title."""
    for block in article.body.blocks:
        if isinstance(block, BulletList):
            return "; ".join(spans_to_plain(item) for item in block.items)
        return spans_to_plain(block.spans)
    return article.plain_title

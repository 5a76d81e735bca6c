"""The typed core model: immutable, validated attrs classes.

Every class is frozen, slotted and keyword-only, and checks its values when it
is built: a bad value raises :class:`~cdm_newsletter.errors.InvalidValue`.
"""

from .agenda import Event, EventCategory, EventStatus, PartOfDay, Place, When
from .identity import derive_article_id, derive_event_id, slugify
from .issue import Article, Editorial, Issue, Provenance, Publisher, Section, SectionKind
from .notices import FundingCall, StaffChange, StaffChangeKind
from .people import Contact, Person
from .text import (
    Block,
    BulletList,
    Emphasis,
    Link,
    Paragraph,
    RichText,
    Span,
    Spans,
    Superscript,
    Text,
    spans_to_html,
    spans_to_plain,
)

__all__ = [
    "Article",
    "Block",
    "BulletList",
    "Contact",
    "Editorial",
    "Emphasis",
    "Event",
    "EventCategory",
    "EventStatus",
    "FundingCall",
    "Issue",
    "Link",
    "Paragraph",
    "PartOfDay",
    "Person",
    "Place",
    "Provenance",
    "Publisher",
    "RichText",
    "Section",
    "SectionKind",
    "Span",
    "Spans",
    "StaffChange",
    "StaffChangeKind",
    "Superscript",
    "Text",
    "When",
    "derive_article_id",
    "derive_event_id",
    "slugify",
    "spans_to_html",
    "spans_to_plain",
]

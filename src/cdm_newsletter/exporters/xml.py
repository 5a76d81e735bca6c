"""The ``xml`` exporter: the archive of record, one XML document per issue, with its schema.

It writes ``archive/<issue-id>.xml``, ``archive/index.xml`` (every issue, with its
file and SHA-256 checksum) and ``archive/cdm-newsletter-1.xsd`` (the schema, from
the package). Documents are canonical: the same issue always gives the same
bytes (UTF-8, two-space indentation in structure, mixed content untouched), and
:mod:`cdm_newsletter.importers.xml` reads them back to an equal issue.

The vocabulary (namespace :data:`NAMESPACE`, version :data:`VERSION`) is
described element by element in ``docs/xml-archive.md``. Versioning: a new
optional element or attribute is a minor version (1.1, 1.2...), which readers of
1.x accept; anything else is a new major version, with a new namespace. A
document says the oldest version that has everything it uses, so that readers
of that version validate it: ``1.0`` unless an event is postponed, tentative or
rescheduled (``1.1``).
"""

from __future__ import annotations

import hashlib
import io
import itertools
from collections.abc import Iterable, Iterator
from importlib import resources

from lxml import etree

from .._version import __version__
from ..archive import Archive
from ..model import (
    Article,
    BulletList,
    Editorial,
    Emphasis,
    Event,
    EventStatus,
    FundingCall,
    Issue,
    Link,
    Person,
    Place,
    RichText,
    Section,
    StaffChange,
    Superscript,
    Text,
    When,
)
from ..model.identity import publisher_domain
from ..model.text import Spans
from .base import Artifact, ExportOptions, Part, issue_parts, run_parts

__all__ = [
    "NAMESPACE",
    "SCHEMA_FILE",
    "SCHEMA_FILES",
    "VERSION",
    "XmlExporter",
    "article_xml_id",
    "event_xml_id",
    "issue_to_xml",
    "schema_bytes",
]

NAMESPACE = "urn:x-cdm-newsletter:archive:1"
"""The namespace of every element of the archive, for all 1.x versions."""
VERSION = "1.1"
"""The newest version of the vocabulary this code writes (the ``version`` attribute of the root)."""
_FIRST_VERSION = "1.0"
SCHEMA_FILE = "cdm-newsletter-1.xsd"
"""The schema's file name, in the package (``schema/``) and beside the documents."""
MEDIA_TYPE = "application/xml"

_XML = "{http://www.w3.org/XML/1998/namespace}"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_N = f"{{{NAMESPACE}}}"
_NSMAP = {None: NAMESPACE, "xsi": _XSI}
_INDENT = "  "


SCHEMA_FILES = (SCHEMA_FILE, "xml.xsd")
"""The schema and the one it imports (the ``xml:`` attributes), written beside the documents."""


def schema_bytes(name: str = SCHEMA_FILE) -> bytes:
    """A schema file of the archive, as shipped in the package (``schema/``)."""
    return (resources.files("cdm_newsletter") / "schema" / name).read_bytes()


def article_xml_id(article_id: str) -> str:
    """The ``xml:id`` of an article: its stable id, prefixed to be an XML name."""
    return f"a-{article_id}"


def event_xml_id(event_id: str) -> str:
    """The ``xml:id`` of an event: its stable id, prefixed to be an XML name."""
    return f"e-{event_id}"


def _element(
    parent: etree._Element, name: str, text: str | None = None, **attributes: str
) -> etree._Element:
    element = etree.SubElement(parent, _N + name, attributes)
    if text is not None:
        element.text = text
    return element


def _optional(parent: etree._Element, name: str, text: str | None) -> None:
    if text is not None:
        _element(parent, name, text)


def _spans(parent: etree._Element, spans: Spans) -> None:
    """Write inline spans as mixed content: text, ``em``, ``sup`` and ``a``."""
    last: etree._Element | None = None
    for span in spans:
        if isinstance(span, Text):
            if last is None:
                parent.text = (parent.text or "") + span.text
            else:
                last.tail = (last.tail or "") + span.text
            continue
        if isinstance(span, Link):
            last = _link(parent, span, "a")
        else:
            name = "em" if isinstance(span, Emphasis) else "sup"
            assert isinstance(span, (Emphasis, Superscript))
            last = _element(parent, name, span.text)


def _link(parent: etree._Element, link: Link, name: str) -> etree._Element:
    element = _element(parent, name, href=link.url)
    if link.label is not None:
        element.text = link.label
    return element


def _rich_text(parent: etree._Element, name: str, text: RichText) -> None:
    if not text:
        return
    container = _element(parent, name)
    for block in text.blocks:
        if isinstance(block, BulletList):
            listing = _element(container, "ul")
            for item in block.items:
                _spans(_element(listing, "li"), item)
        else:
            _spans(_element(container, "p"), block.spans)


def _person(parent: etree._Element, name: str, person: Person) -> None:
    element = _element(parent, name, public="true" if person.public else "false")
    _optional(element, "name", person.name)
    _optional(element, "email", person.email)
    _optional(element, "role", person.role)
    _optional(element, "organisation", person.organisation)


def _people(parent: etree._Element, name: str, people: Iterable[Person], item: str) -> None:
    people = list(people)
    if people:
        container = _element(parent, name)
        for person in people:
            _person(container, item, person)


def _when(parent: etree._Element, when: When) -> None:
    element = _element(parent, "when")
    _element(element, "start", when.start.isoformat())
    if when.end is not None:
        _element(element, "end", when.end.isoformat())
    _optional(element, "timezone", when.timezone)
    if when.part_of_day is not None:
        _element(element, "part-of-day", when.part_of_day.value)


def _place(parent: etree._Element, place: Place) -> None:
    element = _element(parent, "place")
    _element(element, "name", place.name)
    _optional(element, "city", place.city)
    _optional(element, "country", place.country)
    _optional(element, "timezone", place.timezone)


# 1.1: a status that 1.0 did not have is the nearest 1.0 status and a date-status.
_STATUS_1_0 = {
    EventStatus.POSTPONED: (EventStatus.CANCELLED, "postponed"),
    EventStatus.TENTATIVE: (EventStatus.CONFIRMED, "tentative"),
}


def _event(parent: etree._Element, event: Event) -> None:
    status, date_status = _STATUS_1_0.get(event.status, (event.status, None))
    element = _element(parent, "event", category=event.category.value, status=status.value)
    if date_status is not None:
        element.set("date-status", date_status)
    element.set(_XML + "id", event_xml_id(event.id))
    _element(element, "title", event.title)
    if event.when is not None:
        _when(element, event.when)
    if event.rescheduled_from is not None:
        _element(element, "rescheduled-from", event.rescheduled_from.isoformat())
    _optional(element, "date-text", event.date_text)
    if event.place is not None:
        _place(element, event.place)
    if event.registration is not None:
        _link(element, event.registration, "registration")
    _optional(element, "description", event.description)


def _funding_call(parent: etree._Element, call: FundingCall) -> None:
    element = _element(parent, "funding-call")
    _element(element, "title", call.title)
    _element(element, "deadline", call.deadline.isoformat())
    _optional(element, "programme", call.programme)
    if call.link is not None:
        _link(element, call.link, "link")


def _staff_change(parent: etree._Element, change: StaffChange) -> None:
    element = _element(parent, "staff-change", kind=change.kind.value)
    _element(element, "organisation", change.organisation)
    _person(element, "person", change.person)
    _optional(element, "role", change.role)
    if change.contact_point is not None:
        _person(element, "contact-point", change.contact_point)


def _article(parent: etree._Element, article: Article) -> None:
    element = _element(parent, "article")
    element.set(_XML + "id", article_xml_id(article.id))
    _spans(_element(element, "title"), article.title)
    _rich_text(element, "body", article.body)
    _people(element, "contacts", article.contacts, "contact")
    if article.links:
        links = _element(element, "links")
        for link in article.links:
            _link(links, link, "a")
    if article.funding_calls:
        calls = _element(element, "funding-calls")
        for call in article.funding_calls:
            _funding_call(calls, call)
    if article.staff_changes:
        changes = _element(element, "staff-changes")
        for change in article.staff_changes:
            _staff_change(changes, change)


def _section(parent: etree._Element, section: Section) -> None:
    element = _element(parent, "section", kind=section.kind.value)
    _element(element, "title", section.title)
    _rich_text(element, "intro", section.intro)
    for article in section.articles:
        _article(element, article)


def _editorial(parent: etree._Element, editorial: Editorial) -> None:
    element = _element(parent, "editorial")
    _optional(element, "salutation", editorial.salutation)
    _rich_text(element, "body", editorial.body)
    _optional(element, "closing", editorial.closing)
    if editorial.signature is not None:
        _person(element, "signature", editorial.signature)


def _meta(parent: etree._Element, issue: Issue) -> None:
    """NewsML-G2-like item metadata, all derived from the issue (so never read back)."""
    domain = publisher_domain(issue.publisher.name, issue.publisher.url)
    stamp = f"{issue.date.isoformat()}T00:00:00Z"
    meta = _element(parent, "meta")
    _element(meta, "guid", f"tag:{domain},{issue.date.isoformat()}:issue/{issue.id}")
    _element(meta, "version", "1")
    _element(meta, "first-created", stamp)
    _element(meta, "version-created", stamp)
    _element(meta, "pub-status", "usable")
    _element(meta, "rights", f"© {issue.date.year} {issue.publisher.name}")
    provenance = _element(meta, "provenance")
    if issue.provenance is not None:
        _optional(provenance, "source", issue.provenance.source)
        _optional(provenance, "importer", issue.provenance.importer)
    _element(provenance, "generator", "cdm_newsletter", version=__version__)


# Elements whose content is other elements only: the only ones the indentation touches.
_STRUCTURE = frozenset(
    _N + name
    for name in [
        "issue",
        "archive",
        "meta",
        "provenance",
        "publisher",
        "editorial",
        "agenda",
        "event",
        "when",
        "place",
        "sections",
        "section",
        "article",
        "body",
        "intro",
        "ul",
        "contacts",
        "contact",
        "links",
        "funding-calls",
        "funding-call",
        "staff-changes",
        "staff-change",
        "person",
        "contact-point",
        "signature",
        "editors",
        "editor",
    ]
)


def _indent(element: etree._Element, level: int = 0) -> None:
    """Indent structural elements by two spaces per level; mixed content is left exactly as is."""
    if element.tag not in _STRUCTURE or len(element) == 0:
        return
    inner = "\n" + _INDENT * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + _INDENT * level


def _serialise(root: etree._Element) -> bytes:
    _indent(root)
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def _needs_1_1(event: Event) -> bool:
    return event.status in _STATUS_1_0 or event.rescheduled_from is not None


def issue_to_xml(issue: Issue) -> bytes:
    """One issue as an archive document (a pure function: same issue, same bytes).

    Every field of the model is written, private people included: leave them out
    first with :func:`cdm_newsletter.without_private_people` where they must not be.
    """
    root = etree.Element(_N + "issue", nsmap=_NSMAP)  # type: ignore[arg-type]
    root.set("version", VERSION if any(map(_needs_1_1, issue.agenda)) else _FIRST_VERSION)
    root.set("id", issue.id)
    root.set(_XML + "id", f"issue-{issue.id}")
    root.set(_XML + "lang", issue.language)
    root.set(f"{{{_XSI}}}schemaLocation", f"{NAMESPACE} {SCHEMA_FILE}")
    _meta(root, issue)
    _element(root, "date", issue.date.isoformat())
    _element(root, "title", issue.title)
    publisher = _element(root, "publisher")
    _element(publisher, "name", issue.publisher.name)
    _optional(publisher, "url", issue.publisher.url)
    _optional(publisher, "email", issue.publisher.email)
    _optional(root, "url", issue.url)
    if issue.editorial is not None:
        _editorial(root, issue.editorial)
    if issue.agenda:
        agenda = _element(root, "agenda")
        for event in issue.agenda:
            _event(agenda, event)
    if issue.sections:
        sections = _element(root, "sections")
        for section in issue.sections:
            _section(sections, section)
    _people(root, "editors", issue.editors, "editor")
    return _serialise(root)


def index_to_xml(documents: Iterable[tuple[Issue, str, bytes]]) -> bytes:
    """The archive's index: each issue's id, date, title, file and the SHA-256 of its bytes."""
    return _index(
        (issue.id, issue.date.isoformat(), issue.title, path, hashlib.sha256(data).hexdigest())
        for issue, path, data in documents
    )


def _index(entries: Iterable[tuple[str, str, str, str, str]]) -> bytes:
    """The index from each issue's id, ISO date, title, file name and SHA-256 hex digest.

    It is streamed (``lxml.etree.xmlfile``): an archive of thousands of issues never has
    its whole index in memory as a tree.
    """
    attributes = {
        "version": _FIRST_VERSION,
        f"{{{_XSI}}}schemaLocation": f"{NAMESPACE} {SCHEMA_FILE}",
    }
    remaining = iter(entries)
    first = next(remaining, None)
    if first is None:  # an empty element, written as a tree writes it: <archive .../>
        return _serialise(etree.Element(_N + "archive", attributes, nsmap=_NSMAP))  # type: ignore[arg-type]
    buffer = io.BytesIO()
    buffer.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    with (
        etree.xmlfile(buffer, encoding="UTF-8") as stream,
        stream.element(_N + "archive", attributes, nsmap=_NSMAP),
    ):
        for issue_id, date, title, path, digest in itertools.chain([first], remaining):
            stream.write("\n" + _INDENT)
            entry = {"id": issue_id, "date": date, "href": path, "sha256": digest}
            with stream.element(_N + "issue-file", entry):
                stream.write(title)
        stream.write("\n")
    buffer.write(b"\n")
    return buffer.getvalue()


def _issue_document(issue: Issue) -> Iterator[Artifact]:
    yield Artifact(path=f"archive/{issue.id}.xml", data=issue_to_xml(issue), media_type=MEDIA_TYPE)


def _index_document(
    issues: tuple[tuple[str, str, str], ...], *, digests: tuple[str, ...] = ()
) -> Iterator[Artifact]:
    entries = (
        (issue_id, date, title, f"{issue_id}.xml", digest)
        for (issue_id, date, title), digest in zip(issues, digests, strict=True)
    )
    yield Artifact(path="archive/index.xml", data=_index(entries), media_type=MEDIA_TYPE)


def _schemas(files: tuple[tuple[str, bytes], ...]) -> Iterator[Artifact]:
    for name, data in files:
        yield Artifact(path=f"archive/{name}", data=data, media_type=MEDIA_TYPE)


class XmlExporter:
    """Writes the XML archive: one document per issue, an index with checksums, and the schema."""

    name = "xml"
    description = "the XML archive of record (archive/<issue-id>.xml, index.xml, the XSD)"
    media_type = MEDIA_TYPE

    def parts(self, archive: Archive, options: ExportOptions) -> Iterator[Part]:
        """Parts: each issue's document, the schema, and the index (from the documents' digests)."""
        yield from issue_parts(archive, options, _issue_document)
        yield Part(
            key="schema",
            make=_schemas,
            args=(tuple((name, schema_bytes(name)) for name in SCHEMA_FILES),),
        )
        yield Part(
            key="index",
            make=_index_document,
            args=(
                tuple((issue.id, issue.date.isoformat(), issue.title) for issue in archive.issues),
            ),
            needs=tuple(f"archive/{issue.id}.xml" for issue in archive.issues),
        )

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        """Yield each issue's document, the schema, then ``archive/index.xml``."""
        return run_parts(self.parts(archive, options))

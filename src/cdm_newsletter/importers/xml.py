"""The ``xml`` importer: the archive's documents back to issues, safely and without loss.

Parsing is safe: no entity is ever resolved, nothing is fetched, no DTD is
loaded, and huge trees are refused. A document with a DOCTYPE is refused
outright: even lxml's safe settings apply the attribute defaults of an internal
``<!ATTLIST>``, which would inject attributes (and entities are where XXE and
"billion laughs" attacks live). Documents of version 1.0 and 1.1 are validated
against the shipped schema, whose message and line are reported; documents of a
later 1.x are read without it, their unknown elements ignored.

The elements become plain data for the project's one converter, so an archive
document is checked exactly like a JSON or YAML source.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any, cast

from attrs import evolve
from lxml import etree

from ..convert import issue_from_data
from ..errors import InvalidSyntax
from ..model import Issue, Provenance
from .base import ImportOptions

__all__ = ["XmlImporter", "parse_safely", "read_archive_document"]

NAMESPACE = "urn:x-cdm-newsletter:archive:1"
_N = f"{{{NAMESPACE}}}"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_VERSION = re.compile(r"1\.(?P<minor>[0-9]+)")
_KNOWN_MINOR = 1
# 1.1: an event's date-status, and the status (of 1.0) it goes with.
_DATE_STATUSES = {"postponed": "cancelled", "tentative": "confirmed"}
_SNIFF = re.compile(rb"<(?:[\w-]+:)?issue\b[^>]*urn:x-cdm-newsletter:archive:1")

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
)


_POSITION_SUFFIX = re.compile(r", line \d+, column \d+$")
_TOO_DEEP = re.compile(r"Excessive depth in document: (\d+)")
# libxml2 names the line an element opened on after its name: "in tag guid line 4".
_OPENED_ON = re.compile(r"(\S) line (\d+)\b")


def _syntax_message(message: str) -> str:
    """libxml2's message without the position it repeats or advice about its own options."""
    deep = _TOO_DEEP.match(message)
    if deep is not None:
        return f"elements are nested deeper than {deep.group(1)} levels"
    return _OPENED_ON.sub(r"\1 (line \2)", _POSITION_SUFFIX.sub("", message))


def parse_safely(data: bytes, source: str) -> etree._Element:
    """Parse an XML document with everything dangerous off; a DOCTYPE is refused.

    Raises:
        InvalidSyntax: the document has a DOCTYPE, is not UTF-8, or is not well formed.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidSyntax(source, 1, 1, "the archive's documents are UTF-8, not UTF-16")
    if b"<!DOCTYPE" in data:
        line = data[: data.index(b"<!DOCTYPE")].count(b"\n") + 1
        raise InvalidSyntax(
            source, line, None, "a DOCTYPE is not allowed (entities and DTDs are refused)"
        )
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        column = error.position[1] if error.position else None
        raise InvalidSyntax(source, error.lineno, column, _syntax_message(error.msg)) from None
    if getattr(root.getroottree().docinfo, "doctype", None):  # defence in depth
        raise InvalidSyntax(source, None, None, "a DOCTYPE is not allowed")
    return root


@functools.cache
def _schema() -> etree.XMLSchema:
    """The shipped schema, loaded from the package's files (its import is local)."""
    with resources.as_file(resources.files("cdm_newsletter") / "schema") as folder:
        document = etree.parse(str(folder / "cdm-newsletter-1.xsd"), _PARSER)
        return etree.XMLSchema(document)


def _check_schema(root: etree._Element, source: str) -> None:
    schema = _schema()
    if not schema.validate(root):
        error = cast(Any, schema.error_log)[0]  # the first error (the stubs miss indexing)
        message = re.sub(r"\{urn:x-cdm-newsletter:archive:1\}", "", error.message)
        raise InvalidSyntax(
            source, error.line, error.column or None, f"does not follow the schema: {message}"
        )


def _line(element: etree._Element) -> int | None:
    line = getattr(element, "sourceline", None)
    return line if isinstance(line, int) else None


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return element.find(_N + name)


def _text(element: etree._Element | None) -> str | None:
    return None if element is None else (element.text or "")


def _put(data: dict[str, Any], key: str, element: etree._Element, name: str | None = None) -> None:
    """Set ``data[key]`` to the text of the child ``name`` (default: ``key``), when there is one."""
    child = _child(element, name or key)
    if child is not None:
        data[key] = child.text or ""


def _link(element: etree._Element) -> dict[str, Any]:
    link: dict[str, Any] = {"url": element.get("href", "")}
    if element.text is not None:
        link["label"] = element.text
    return link


def _spans(element: etree._Element) -> list[Any]:
    spans: list[Any] = []
    if element.text:
        spans.append(element.text)
    for child in element:
        name = etree.QName(child).localname
        if name == "a":
            spans.append(_link(child))
        elif name in ("em", "sup"):
            spans.append({name: child.text or ""})
        if child.tail:
            spans.append(child.tail)
    return spans


def _rich_text(element: etree._Element | None) -> list[Any]:
    blocks: list[Any] = []
    for child in element if element is not None else ():
        name = etree.QName(child).localname
        if name == "p":
            blocks.append({"paragraph": _spans(child)})
        elif name == "ul":
            blocks.append({"list": [_spans(item) for item in child.iterfind(_N + "li")]})
    return blocks


def _person(element: etree._Element) -> dict[str, Any]:
    person: dict[str, Any] = {"public": element.get("public") == "true"}
    for key in ("name", "email", "role", "organisation"):
        _put(person, key, element)
    return person


def _people(element: etree._Element | None) -> list[Any]:
    return (
        []
        if element is None
        else [_person(child) for child in element if isinstance(child.tag, str)]
    )


def _stripped_id(element: etree._Element, prefix: str) -> str:
    return (element.get(_XML_ID) or "").removeprefix(prefix)


def _event(element: etree._Element) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": _stripped_id(element, "e-"),
        "category": element.get("category"),
        "status": element.get("date-status") or element.get("status"),
    }
    _put(event, "title", element)
    when = _child(element, "when")
    if when is not None:
        event["when"] = {}
        for key, name in (
            ("start", "start"),
            ("end", "end"),
            ("timezone", "timezone"),
            ("part_of_day", "part-of-day"),
        ):
            _put(event["when"], key, when, name)
    _put(event, "rescheduled_from", element, "rescheduled-from")
    _put(event, "date_text", element, "date-text")
    place = _child(element, "place")
    if place is not None:
        event["place"] = {}
        for key in ("name", "city", "country", "timezone"):
            _put(event["place"], key, place)
    registration = _child(element, "registration")
    if registration is not None:
        event["registration"] = _link(registration)
    _put(event, "description", element)
    return event


def _article(element: etree._Element) -> dict[str, Any]:
    article: dict[str, Any] = {"id": _stripped_id(element, "a-")}
    title = _child(element, "title")
    article["title"] = _spans(title) if title is not None else []
    article["body"] = _rich_text(_child(element, "body"))
    article["contacts"] = _people(_child(element, "contacts"))
    links = _child(element, "links")
    article["links"] = [] if links is None else [_link(link) for link in links.iterfind(_N + "a")]
    calls = _child(element, "funding-calls")
    article["funding_calls"] = []
    for call in calls.iterfind(_N + "funding-call") if calls is not None else ():
        data: dict[str, Any] = {}
        for key in ("title", "deadline", "programme"):
            _put(data, key, call)
        link = _child(call, "link")
        if link is not None:
            data["link"] = _link(link)
        article["funding_calls"].append(data)
    changes = _child(element, "staff-changes")
    article["staff_changes"] = []
    for change in changes.iterfind(_N + "staff-change") if changes is not None else ():
        data = {"kind": change.get("kind")}
        _put(data, "organisation", change)
        person = _child(change, "person")
        if person is not None:
            data["person"] = _person(person)
        _put(data, "role", change)
        point = _child(change, "contact-point")
        if point is not None:
            data["contact_point"] = _person(point)
        article["staff_changes"].append(data)
    return article


def _issue_data(root: etree._Element) -> dict[str, Any]:
    data: dict[str, Any] = {"id": root.get("id"), "language": root.get(_XML_LANG)}
    _put(data, "date", root)
    _put(data, "title", root)
    publisher = _child(root, "publisher")
    if publisher is not None:
        data["publisher"] = {}
        for key in ("name", "url", "email"):
            _put(data["publisher"], key, publisher)
    _put(data, "url", root)
    editorial = _child(root, "editorial")
    if editorial is not None:
        data["editorial"] = {"body": _rich_text(_child(editorial, "body"))}
        _put(data["editorial"], "salutation", editorial)
        _put(data["editorial"], "closing", editorial)
        signature = _child(editorial, "signature")
        if signature is not None:
            data["editorial"]["signature"] = _person(signature)
    agenda = _child(root, "agenda")
    data["agenda"] = (
        [] if agenda is None else [_event(event) for event in agenda.iterfind(_N + "event")]
    )
    sections = _child(root, "sections")
    data["sections"] = []
    for section in sections.iterfind(_N + "section") if sections is not None else ():
        section_data: dict[str, Any] = {"kind": section.get("kind")}
        _put(section_data, "title", section)
        section_data["intro"] = _rich_text(_child(section, "intro"))
        section_data["articles"] = [
            _article(article) for article in section.iterfind(_N + "article")
        ]
        data["sections"].append(section_data)
    data["editors"] = _people(_child(root, "editors"))
    return data


def _provenance(root: etree._Element) -> Provenance:
    """The provenance the document records, which may be empty (and then stays empty)."""
    meta = _child(root, "meta")
    provenance = None if meta is None else _child(meta, "provenance")
    if provenance is None:
        return Provenance()
    source, importer = _text(_child(provenance, "source")), _text(_child(provenance, "importer"))
    return Provenance(source=source or None, importer=importer or None)


def _check_date_statuses(root: etree._Element, source: str) -> None:
    """Refuse an event whose date-status contradicts its status (which the schema cannot)."""
    for event in root.iterfind(f"{_N}agenda/{_N}event"):
        date_status, status = event.get("date-status"), event.get("status")
        expected = _DATE_STATUSES.get(date_status or "")
        if expected is not None and status != expected:
            raise InvalidSyntax(
                source,
                _line(event),
                None,
                f"an event with date-status {date_status!r} has status {expected!r},"
                f" not {status!r}",
            )


def read_archive_document(data: bytes, *, source: str) -> Issue:
    """Read one archive document (``archive/<issue-id>.xml``) into an issue.

    Raises:
        InvalidSyntax: the document is unsafe, not well formed, of another
            version or vocabulary, or does not follow the schema (with its line).
        InvalidData: the values break the model's rules (with their paths).
    """
    root = parse_safely(data, source)
    if root.tag == _N + "archive":
        raise InvalidSyntax(
            source,
            _line(root),
            None,
            "this is the archive's index; load the issue files it lists",
        )
    if root.tag != _N + "issue":
        raise InvalidSyntax(
            source, _line(root), None, f"expected an <issue> in the namespace {NAMESPACE}"
        )
    version = _VERSION.fullmatch(root.get("version", ""))
    if version is None:
        raise InvalidSyntax(
            source,
            _line(root),
            None,
            f"version {root.get('version')!r} is not 1.x; this reads 1.0 to 1.x",
        )
    if int(version["minor"]) <= _KNOWN_MINOR:
        _check_schema(root, source)
    _check_date_statuses(root, source)
    issue = issue_from_data(_issue_data(root), source=source)
    return evolve(issue, provenance=_provenance(root))


class XmlImporter:
    """Reads the documents of the XML archive (``archive/<issue-id>.xml``)."""

    name = "xml"
    description = "an issue of the XML archive (archive/<issue-id>.xml)"
    suffixes = (".xml",)

    def sniff(self, head: bytes) -> bool:
        """Whether ``head`` opens an archive document."""
        return _SNIFF.search(head) is not None

    def load(self, data: bytes, *, source: str, options: ImportOptions | None = None) -> Issue:
        """Read an archive document (see :func:`read_archive_document`)."""
        return read_archive_document(data, source=source)

"""Opening a ``.docx`` package, and saying in words why a file cannot be opened as one.

python-docx, and zipfile and lxml under it, fail on a broken file with many kinds of
error whose words are meant for programmers ("'lxml.etree._Element' object has no
attribute 'overrides'"). When it fails, the archive is examined again here to find the
part at fault and say what is wrong with it and what a Word document has instead.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Any

import cdm_newsletter as cdm
import docx
from docx.oxml.parser import parse_xml

__all__ = ["not_a_document", "open_document"]

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MIB = 1024 * 1024
_ENCRYPTED = 0x1  # a zip member's flag bit
_CONTENT_TYPES = "[Content_Types].xml"
_PACKAGE_RELATIONSHIPS = "_rels/.rels"
_NS_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_NS_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_NS_WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
# The root element each kind of part has: its name, its namespace, what the part is.
_CONTENT_TYPE_LIST = ("Types", _NS_CONTENT_TYPES, "a list of content types")
_RELATIONSHIP_LIST = ("Relationships", _NS_RELATIONSHIPS, "a list of relationships")
_WORD_BODY = ("document", _NS_WORD, "the text of a Word document")
_WORD_DOCUMENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
# What a package is, by a word of its main part's content type; most specific first.
_SAVE_AS_DOCX = "save it as a Word document (.docx)"
_PACKAGE_KINDS = (
    (
        "ms-word.document.macroenabled",
        f"it is a Word document with macros (.docm); {_SAVE_AS_DOCX}",
    ),
    ("wordprocessingml.template", f"it is a Word template (.dotx); {_SAVE_AS_DOCX}"),
    ("ms-word.template", f"it is a Word template with macros (.dotm); {_SAVE_AS_DOCX}"),
    ("spreadsheetml", "it is an Excel workbook, not a Word document"),
    ("ms-excel", "it is an Excel workbook, not a Word document"),
    ("presentationml", "it is a PowerPoint presentation, not a Word document"),
    ("ms-powerpoint", "it is a PowerPoint presentation, not a Word document"),
)
_DEPTH = re.compile(r"Excessive depth in document: (\d+),? use XML_PARSE_HUGE option")
# Words of python-docx's and zipfile's errors that name what is missing; should they change,
# the message only says less (the next finding, or the last resort, says what is wrong).
_CONTENT_TYPE_SAID = re.compile(r"content type is '([^']*)'")
_NO_ITEM_SAID = re.compile(r"There is no item named '(.*)' in the archive")
_NO_CONTENT_TYPE_SAID = re.compile(r"no content type for partname '/?(.*)' in")


def not_a_document(source: str, reason: str) -> cdm.InvalidSyntax:
    """The error for a file that is not a valid Word document, for ``reason``."""
    return cdm.InvalidSyntax(source, None, None, f"not a valid Word document (.docx): {reason}")


def open_document(data: bytes, source: str, max_unpacked_bytes: int) -> Any:
    """Open a Word document with python-docx.

    Args:
        data: the ``.docx`` file's bytes.
        source: its name, for error messages.
        max_unpacked_bytes: refuse a document whose parts unpack to more than this.

    Returns:
        The python-docx ``Document``.

    Raises:
        cdm_newsletter.InvalidSyntax: the bytes are not a valid ``.docx`` document.
    """
    if not data:
        raise not_a_document(source, "the file is empty")
    if data.startswith(_OLE_SIGNATURE):
        raise not_a_document(
            source,
            "it is an old Word file (.doc) or a password-protected document;"
            " save it as .docx, without a password",
        )
    if not data.startswith(b"PK"):
        raise not_a_document(source, "it is not a zip archive, as every .docx file is")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise not_a_document(
            source,
            "the zip archive is damaged: the list of its parts cannot be read"
            " (is the file truncated?)",
        ) from error
    if sum(member.file_size for member in members) > max_unpacked_bytes:
        raise not_a_document(
            source,
            f"its parts unpack to more than {_size(max_unpacked_bytes)},"
            " the most this importer accepts",
        )
    if _CONTENT_TYPES not in {member.filename for member in members}:
        raise not_a_document(
            source, f"the zip archive has no {_CONTENT_TYPES}, which every Word document has"
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except MemoryError:
        raise
    except Exception as error:  # python-docx, zipfile and lxml raise many kinds
        raise not_a_document(source, _why_unreadable(error, data)) from error
    wrong = _wrong_element(
        str(document.part.partname).lstrip("/"), document.element.tag, *_WORD_BODY
    )
    if wrong is not None:  # python-docx reads the main part's root element only when asked
        raise not_a_document(source, wrong)
    return document


def _size(count: int) -> str:
    """A number of bytes, exactly: ``256 MiB`` when whole mebibytes, else ``1,000 bytes``."""
    if count >= _MIB and count % _MIB == 0:
        return f"{count // _MIB:,} MiB"
    return "1 byte" if count == 1 else f"{count:,} bytes"


def _why_unreadable(error: Exception, data: bytes) -> str:
    """What is wrong with a zip archive python-docx failed to open with ``error``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return (
            _unreadable_part(archive)  # first: every other finding reads the parts
            or _not_well_formed(error, archive)
            or _not_a_word_package(error)
            or _missing(error, archive)
            or _wrong_root(archive)
            or _broken_relationship(archive)
            or "its parts are not those of a Word document"
        )


def _unreadable_part(archive: zipfile.ZipFile) -> str | None:
    """The first part of the archive that cannot be unpacked, and why."""
    for member in archive.infolist():
        if member.flag_bits & _ENCRYPTED:
            return f"{member.filename} is encrypted; save the document without a password"
        try:
            with archive.open(member) as part:
                while part.read(_MIB):
                    pass
        except NotImplementedError:  # zipfile: "That compression method is not supported"
            return f"{member.filename} is compressed in a way this importer cannot unpack"
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
            return f"the zip archive is damaged: {member.filename} cannot be unpacked"
    return None


def _not_well_formed(error: Exception, archive: zipfile.ZipFile) -> str | None:
    """Which part is not well-formed XML, where, and libxml2's reason, for an lxml error."""
    position = getattr(error, "position", None)
    if type(error).__name__ != "XMLSyntaxError" or position is None:
        return None
    line, column = position
    # lxml appends the position to libxml2's words; libxml2 sometimes names the line too.
    reason = str(getattr(error, "msg", "")).removesuffix(f", line {line}, column {column}")
    reason = reason.removesuffix(f" line {line}")
    part = _part_failing_as(error, archive)
    where = f"{part}, line {line}, column {column}" if part else f"line {line}, column {column}"
    depth = _DEPTH.fullmatch(reason)
    if depth is not None:
        return f"{where}: its content is nested too deeply (more than {depth[1]} levels)"
    if part is None:
        return f"a part is not well-formed XML, at {where} ({reason})"
    return f"{where}: not well-formed XML ({reason})"


def _part_failing_as(error: Exception, archive: zipfile.ZipFile) -> str | None:
    """The XML part of the archive whose parsing gives the same error as ``error``."""
    for name in archive.namelist():
        if not name.lower().endswith((".xml", ".rels")):
            continue
        try:
            parse_xml(archive.read(name))
        except Exception as again:
            if str(again) == str(error):
                return name
    return None


def _not_a_word_package(error: Exception) -> str | None:
    """What the package is, when its main part is not a Word document's."""
    said = _CONTENT_TYPE_SAID.search(str(error)) if isinstance(error, ValueError) else None
    if said is None:
        return None
    content_type = said[1]
    for word, reason in _PACKAGE_KINDS:
        if word in content_type.lower():
            return reason
    return f"its main part is of type {content_type!r}, expected {_WORD_DOCUMENT_TYPE!r}"


def _missing(error: Exception, archive: zipfile.ZipFile) -> str | None:
    """The part, relationship or content type the package lacks, for a ``KeyError``."""
    if not isinstance(error, KeyError) or not error.args:
        return None
    said = str(error.args[0])
    item = _NO_ITEM_SAID.search(said)
    if item is not None:
        return f"the zip archive has no {item[1]}, a part the document refers to"
    no_type = _NO_CONTENT_TYPE_SAID.search(said)
    if no_type is not None:
        return f"{_CONTENT_TYPES} gives no content type for {no_type[1]}"
    if _OFFICE_DOCUMENT in said:
        if _PACKAGE_RELATIONSHIPS not in archive.namelist():
            return (
                f"the zip archive has no {_PACKAGE_RELATIONSHIPS},"
                " which names the document's main part"
            )
        return (
            f"{_PACKAGE_RELATIONSHIPS} does not name the document's main part"
            " (it has no relationship of type officeDocument)"
        )
    return None


def _wrong_root(archive: zipfile.ZipFile) -> str | None:
    """The part whose root element is not the one python-docx expects, if any."""
    expected = [(_CONTENT_TYPES, *_CONTENT_TYPE_LIST)]
    expected += [
        (name, *_RELATIONSHIP_LIST) for name in archive.namelist() if name.endswith(".rels")
    ]
    main = _main_part(archive)
    if main is not None:
        expected.append((main, *_WORD_BODY))
    for name, local, namespace, what in expected:
        root = _root(archive, name)
        wrong = None if root is None else _wrong_element(name, root.tag, local, namespace, what)
        if wrong is not None:
            return wrong
    return None


def _wrong_element(name: str, tag: Any, local: str, namespace: str, what: str) -> str | None:
    """What is wrong with the root element ``tag`` of part ``name``, if it is not ``local``."""
    found = _element(tag)
    want = f'<{local} xmlns="{namespace}">'
    if found == want:
        return None
    return f"{name} is not {what}: its root element is {found}, expected {want}"


def _broken_relationship(archive: zipfile.ZipFile) -> str | None:
    """A relationship python-docx cannot follow: one that lacks an attribute, or leaves."""
    for name in archive.namelist():
        root = _root(archive, name) if name.endswith(".rels") else None
        if root is None:
            continue
        for relationship in root.iter(f"{{{_NS_RELATIONSHIPS}}}Relationship"):
            lacking = [key for key in ("Id", "Type", "Target") if not relationship.get(key)]
            if lacking:
                return f"{name} has a relationship with no {' and no '.join(lacking)} attribute"
            external = relationship.get("TargetMode") == "External"
            if external and relationship.get("Type") == _OFFICE_DOCUMENT:
                return f"{name} names as the document's main part an address outside the archive"
    return None


def _main_part(archive: zipfile.ZipFile) -> str | None:
    """The name of the part ``_rels/.rels`` names as the main document, if it can be read."""
    relationships = _root(archive, _PACKAGE_RELATIONSHIPS)
    if relationships is None:
        return None
    for relationship in relationships.iter(f"{{{_NS_RELATIONSHIPS}}}Relationship"):
        target = relationship.get("Target")
        if relationship.get("Type") == _OFFICE_DOCUMENT and target:
            return str(target).lstrip("/")
    return None


def _root(archive: zipfile.ZipFile, name: str) -> Any:
    """The root element of a part, or ``None`` when it is missing or not XML."""
    try:
        return parse_xml(archive.read(name))
    except Exception:
        return None


def _element(tag: Any) -> str:
    """An element's name as XML shows it: ``<Types>`` or ``<Types xmlns="...">``."""
    namespace, _, local = str(tag).rpartition("}")
    if not namespace:
        return f"<{local}> with no namespace"
    return f'<{local} xmlns="{namespace.lstrip("{")}">'

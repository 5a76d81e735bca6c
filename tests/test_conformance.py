"""Every built-in exporter passes the conformance kit offered to plugin authors."""

from __future__ import annotations

import io
import json
import urllib.parse
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import cdm_newsletter as cdm
from cdm_newsletter.testing import (
    ExporterConformance,
    ImporterConformance,
    maximal_issue,
    parses_in_its_format,
    private_marker,
)
from tests.artifact_checks import check_artifact

BUILT_IN = ["atom", "html", "ical", "infolettre", "json", "rss", "xml"]


class TestBuiltInExporters(ExporterConformance):
    @pytest.fixture(params=BUILT_IN)
    def exporter(self, request: pytest.FixtureRequest) -> cdm.Exporter:
        return cdm.get_exporter(request.param)

    def check_artifact(self, path: str, data: bytes) -> None:
        # Independent parsers: the shipped XSD, feedparser, vobject, html5lib in strict mode.
        check_artifact(path, data)


def test_the_maximal_issue_sets_every_field() -> None:
    issue = maximal_issue()
    data = cdm.issue_to_data(issue)
    for name in ("editorial", "agenda", "sections", "editors", "url"):
        assert name in data, name
    assert {section.kind for section in issue.sections} == set(cdm.SectionKind)
    assert max(ord(char) for char in issue.title) >= 0x100000  # the last plane


SEED_NAME = "infolettre-2018-12"


class TestBuiltInImporters(ImporterConformance):
    @pytest.fixture(params=["json", "yaml", "toml", "xml", "infolettre"])
    def importer(self, request: pytest.FixtureRequest) -> cdm.Importer:
        return cdm.get_importer(request.param)

    @pytest.fixture
    def sample(self, importer: cdm.Importer) -> tuple[bytes, str]:
        issue = cdm.example_issues()[0]
        if importer.name == "xml":
            data = next(
                a.data
                for a in cdm.get_exporter("xml").export(cdm.Archive([issue]), cdm.ExportOptions())
                if a.path == "archive/2018-12.xml"
            )
            return data, "2018-12.xml"
        if importer.name == "infolettre":
            return (
                "AGENDA\n\n7 novembre 2018\n\nComité de labellisation, Paris\n\n"
                "NOUVELLES DES CDM\n\nUN TITRE\n\nUn paragraphe.\n"
            ).encode(), f"{SEED_NAME}.txt"
        return cdm.dumps(issue, importer.name), f"{SEED_NAME}{importer.suffixes[0]}"


class TestInfoLettreOnTheSeed(ImporterConformance):
    """The kit's importer tests on a whole issue: the seed's twin, and the real seed if there."""

    @pytest.fixture
    def importer(self) -> cdm.Importer:
        return cdm.get_importer("infolettre")

    @pytest.fixture
    def sample(self, seed_file: Path) -> tuple[bytes, str]:
        return seed_file.read_bytes(), f"{SEED_NAME}.txt"


class LeakyExporter:
    """Writes the private person's name and e-mail in one artifact, encoded by ``encode``."""

    name = "leaky"
    description = "leaks"
    media_type = "text/plain"

    def __init__(self, path: str, encode: Callable[[str], bytes]) -> None:
        self.path = path
        self.encode = encode

    def export(self, archive: cdm.Archive, options: cdm.ExportOptions) -> Iterator[cdm.Artifact]:
        people = [
            person
            for issue in archive.issues
            for person in issue.editors
            if not person.public and person.email is not None
        ]
        text = "".join(f"{person.name} <{person.email}>\n" for person in people)
        yield cdm.Artifact(path=self.path, data=self.encode(text), media_type="text/plain")


def _zipped(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", text)
    return buffer.getvalue()


def _folded(text: str) -> bytes:
    data = f"BEGIN:VCALENDAR\r\nX-WHO:{text}\r\nEND:VCALENDAR\r\n".encode()
    return b"\r\n ".join(data[i : i + 9] for i in range(0, len(data), 9))


LEAKS = {
    "zip": ("leak.docx", _zipped),
    "character references": ("leak.html", lambda t: "".join(f"&#{ord(c)};" for c in t).encode()),
    "JSON escapes": ("leak.json", lambda t: json.dumps(t, ensure_ascii=True).encode()),
    "folded iCalendar": ("leak.ics", _folded),
    "percent-escapes": ("leak.txt", lambda t: urllib.parse.quote(t).encode()),
}


@pytest.mark.parametrize("leak", sorted(LEAKS))
def test_the_privacy_check_sees_through_encodings(leak: str) -> None:
    path, encode = LEAKS[leak]
    exporter = LeakyExporter(path, encode)
    data = next(iter(exporter.export(cdm.Archive([maximal_issue()]), cdm.ExportOptions()))).data
    assert private_marker()[0].encode() not in data  # the name is hidden from a byte search
    with pytest.raises(AssertionError, match=r"^leak\."):
        ExporterConformance().test_private_people_never_appear(exporter)
    with pytest.raises(AssertionError):  # and the property on random archives sees it too
        ExporterConformance().test_private_people_of_generated_archives_never_appear(exporter)


def test_the_default_check_reads_pages_that_declare_their_encoding() -> None:
    page = (
        b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        b"<head><title>t</title></head><body><p>\xc3\xa9</p></body></html>"
    )
    parses_in_its_format("page.html", page)
    with pytest.raises(UnicodeDecodeError):
        parses_in_its_format("page.html", page.replace(b"\xc3\xa9", b"\xe9"))

"""Every built-in exporter passes the conformance kit offered to plugin authors."""

from __future__ import annotations

import pytest

import cdm_newsletter as cdm
from cdm_newsletter.testing import ExporterConformance, ImporterConformance, maximal_issue
from tests.artifact_checks import check_artifact

BUILT_IN = ["atom", "html", "ical", "json", "rss", "xml"]


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

"""Every built-in exporter passes the conformance kit offered to plugin authors."""

from __future__ import annotations

import pytest

import cdm_newsletter as cdm
from cdm_newsletter.testing import ExporterConformance, maximal_issue

BUILT_IN = ["atom", "html", "ical", "json", "rss", "xml"]


class TestBuiltInExporters(ExporterConformance):
    @pytest.fixture(params=BUILT_IN)
    def exporter(self, request: pytest.FixtureRequest) -> cdm.Exporter:
        return cdm.get_exporter(request.param)


def test_the_maximal_issue_sets_every_field() -> None:
    issue = maximal_issue()
    data = cdm.issue_to_data(issue)
    for name in ("editorial", "agenda", "sections", "editors", "url"):
        assert name in data, name
    assert {section.kind for section in issue.sections} == set(cdm.SectionKind)
    assert max(ord(char) for char in issue.title) >= 0x100000  # the last plane

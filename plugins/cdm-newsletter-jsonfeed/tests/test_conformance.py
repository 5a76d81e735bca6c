"""The JSON Feed exporter passes the conformance kit every cdm_newsletter exporter runs."""

from __future__ import annotations

import pytest
from cdm_newsletter_jsonfeed import JsonFeedExporter

from cdm_newsletter.testing import ExporterConformance


class TestJsonFeedExporter(ExporterConformance):
    @pytest.fixture
    def exporter(self) -> JsonFeedExporter:
        return JsonFeedExporter()

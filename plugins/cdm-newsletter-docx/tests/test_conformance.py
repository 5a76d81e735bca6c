"""The Word importer passes the conformance kit every cdm_newsletter importer runs."""

from __future__ import annotations

import cdm_newsletter as cdm
import pytest
from cdm_newsletter.testing import ImporterConformance

from cdm_newsletter_docx import DocxImporter
from newsletter_writer import issue_paragraphs, write_docx


class TestDocxImporter(ImporterConformance):
    @pytest.fixture
    def importer(self) -> DocxImporter:
        return DocxImporter()

    @pytest.fixture
    def sample(self) -> tuple[bytes, str]:
        issue = cdm.example_issues()[0]
        return write_docx(issue_paragraphs(issue)), "infolettre-2018-12.docx"

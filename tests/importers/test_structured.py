"""The JSON, YAML and TOML importers: protocol, sniffing, and errors naming the source."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

import cdm_newsletter as cdm
from cdm_newsletter.importers.structured import JsonImporter, TomlImporter, YamlImporter
from cdm_newsletter.testing import property_examples
from cdm_newsletter.testing.strategies import issues
from tests.conftest import build_issue

IMPORTERS = [JsonImporter(), YamlImporter(), TomlImporter()]


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda importer: importer.name)
def test_fits_the_protocol(importer: cdm.Importer) -> None:
    assert isinstance(importer, cdm.Importer)
    assert importer.description
    assert all(suffix.startswith(".") for suffix in importer.suffixes)


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda importer: importer.name)
def test_reads_what_dumps_writes(importer: cdm.Importer) -> None:
    data = cdm.dumps(build_issue(), importer.name)
    assert importer.sniff(data[:4096])
    assert importer.load(data, source=f"x{importer.suffixes[0]}") == build_issue()


@settings(max_examples=property_examples(60), suppress_health_check=[HealthCheck.too_slow])
@given(issue=issues())
def test_any_issue_reads_back_equal_in_every_data_format(issue: cdm.Issue) -> None:
    for importer in IMPORTERS:
        data = cdm.dumps(issue, importer.name)
        assert importer.sniff(data[:4096]), importer.name
        back = importer.load(data, source=f"x{importer.suffixes[0]}")
        assert back == issue, importer.name
        assert cdm.dumps(back, importer.name) == data, importer.name


@pytest.mark.parametrize(
    ("importer", "head"),
    [
        (JsonImporter(), b"id: 1"),
        (YamlImporter(), b"[1, 2]"),
        (TomlImporter(), b"{"),
        (YamlImporter(), b"plain words"),
    ],
)
def test_sniff_refuses_other_content(importer: cdm.Importer, head: bytes) -> None:
    assert not importer.sniff(head)


def test_truncated_json_error() -> None:
    with pytest.raises(cdm.InvalidSyntax) as caught:
        JsonImporter().load(b'{"id": "2018-12",\n "date": ', source="issue.json")
    assert str(caught.value) == "issue.json: line 2, column 10: Expecting value"

"""Inputs the fuzzers (fuzz/) found crashing, each now a clear error or a clean import."""

from __future__ import annotations

from pathlib import Path

import pytest

import cdm_newsletter as cdm
from cdm_newsletter.exporters.xml import issue_to_xml
from tests.conftest import raises_exactly

CRASHES = Path(__file__).parent / "crashes"


@pytest.mark.parametrize("name", sorted(path.name for path in CRASHES.iterdir()))
def test_a_crash_found_by_fuzzing_is_now_handled(name: str) -> None:
    data = (CRASHES / name).read_bytes()
    try:
        issue = cdm.loads(data, source=name)
    except cdm.CdmNewsletterError:
        return
    exported = issue_to_xml(issue)
    assert issue_to_xml(cdm.loads(exported, source="again.xml")) == exported


def test_a_bracket_in_a_host_is_not_a_url() -> None:
    """The XML fuzzer's first find: 'https://ww].example.org/' passed the URL pattern, then
    broke the exporters (urlsplit: "Invalid IPv6 URL")."""
    for url in ("https://ww].example.org/reseau", "https://[x.example.org/", "http://a:99999/"):
        with pytest.raises(cdm.InvalidValue) as caught:
            cdm.Publisher(name="Réseau", url=url)
        assert str(caught.value) == f"url: {url!r} is not an absolute http(s) URL"
    crash = (CRASHES / "xml-bracket-in-host.xml").read_bytes()
    with raises_exactly(
        cdm.InvalidData,
        "issue.xml: $.publisher.url: 'https://ww].example.org/reseau'"
        " is not an absolute http(s) URL",
    ):
        cdm.loads(crash, source="issue.xml")

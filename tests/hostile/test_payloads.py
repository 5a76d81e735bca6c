"""Markup and line-injection payloads in every text field come out inert in every format, each
checked by its own parser; the ones that cannot be text at all are refused where they enter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import feedparser
import icalendar
import pytest
from lxml import etree

import cdm_newsletter as cdm
from tests.artifact_checks import assert_valid_site
from tests.conftest import payload_issue

INJECTION = "avant\nBEGIN:VEVENT\nUID:evil@example.org\nSUMMARY:injected\nEND:VEVENT\naprès"
FORMATS = ["json", "xml", "html", "rss", "atom", "ical"]


@pytest.fixture(scope="module")
def issue() -> cdm.Issue:
    issue = payload_issue()
    event = attrs.evolve(issue.agenda[0], description=INJECTION)
    return attrs.evolve(issue, agenda=(event,))


@pytest.fixture(scope="module")
def site(issue: cdm.Issue, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("payloads")
    options = cdm.ExportOptions(base_url="https://www.example.org/site/")
    cdm.build(cdm.Archive([issue]), folder, FORMATS, options)
    return folder


def test_every_file_parses_and_no_page_can_run_anything(site: Path) -> None:
    assert_valid_site(site)
    for path in site.rglob("*.html"):
        assert b"<script" not in path.read_bytes().lower(), path
        assert b"<b>x</b>" not in path.read_bytes(), path


def test_feeds_carry_the_payloads_as_text(site: Path) -> None:
    for path in [*site.rglob("*.rss"), *site.rglob("*.atom")]:
        tree = etree.fromstring(path.read_bytes())
        local_names = {etree.QName(element).localname for element in tree.iter(etree.Element)}
        assert not local_names & {"script", "b", "img", "iframe"}, path
        for entry in feedparser.parse(path.read_bytes()).entries:
            assert "<script>" in entry.title  # the title is text: it says "<script>"


def test_calendars_hold_no_injected_event(site: Path) -> None:
    for path in site.rglob("*.ics"):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        events = calendar.walk("VEVENT")
        assert all(str(event["UID"]) != "evil@example.org" for event in events), path
        assert all(str(event["SUMMARY"]) != "injected" for event in events), path
        assert len(events) <= 1, path  # one event in the issue, and each file holds it once
        lines = path.read_bytes().split(b"\r\n")
        assert lines.count(b"BEGIN:VEVENT") == len(events), path
    agenda = icalendar.Calendar.from_ical((site / "agenda.ics").read_bytes())
    (event,) = agenda.walk("VEVENT")
    assert INJECTION in str(event["DESCRIPTION"])  # kept, as text


def test_the_archive_and_the_data_give_the_issue_back(site: Path, issue: cdm.Issue) -> None:
    assert cdm.load(site / "archive" / f"{issue.id}.xml") == issue
    assert cdm.load(site / "data" / f"{issue.id}.json") == issue


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: cdm.Link(url="javascript:alert(1)"),
            "url: 'javascript:alert(1)' is not an absolute http(s) or mailto URL, "
            "nor a placeholder ('#' or '')",
        ),
        (
            lambda: cdm.Link(url="data:text/html,<script>alert(1)</script>"),
            "url: 'data:text/html,<script>alert(1)</script>' is not an absolute http(s) or "
            "mailto URL, nor a placeholder ('#' or '')",
        ),
        (
            lambda: cdm.Event(
                id="e", title="x\r\nBEGIN:VEVENT", when=cdm.When(start=dt.date(2019, 1, 1))
            ),
            "title: contains the control character U+000D at position 1",
        ),
        (
            lambda: cdm.Person(name="Ana\u2028BEGIN:VEVENT"),
            "name: contains the line separator U+2028 at position 3",
        ),
    ],
)
def test_what_cannot_be_text_is_refused_where_it_enters(make: object, message: str) -> None:
    with pytest.raises(cdm.InvalidValue) as caught:
        make()  # type: ignore[operator]
    assert str(caught.value) == message

"""Independent checks of a built site: every file parses in its own format, and nothing in a
page can run."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import icalendar
from lxml import etree
from lxml import html as lxml_html

import cdm_newsletter as cdm

SAFE_SCHEMES = ("http://", "https://", "mailto:", "webcal://")


def _page_is_inert(path: Path) -> None:
    page = lxml_html.fromstring(path.read_bytes())
    assert page.xpath("//script | //iframe | //object | //embed") == [], path
    for element in page.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (path, name)
            if name in ("href", "src"):
                assert ":" not in value.split("/")[0] or value.startswith(SAFE_SCHEMES), (
                    path,
                    value,
                )


def assert_valid_site(folder: Path) -> None:
    """Every artifact of ``folder`` parses in its format (schema-valid XML, feeds with no
    error, calendars, loadable JSON, inert HTML)."""
    schema = etree.XMLSchema(etree.parse(str(folder / "archive" / "cdm-newsletter-1.xsd")))
    files = [path for path in folder.rglob("*") if path.is_file()]
    assert files
    for path in files:
        relative = path.relative_to(folder).as_posix()
        if relative.startswith(".cdm-newsletter/"):
            continue
        data = path.read_bytes()
        if relative.startswith("data/"):
            json.loads(data)
            cdm.loads(data, source=path.name)
        elif relative.startswith("archive/") and relative.endswith(".xml"):
            assert schema.validate(etree.fromstring(data)), (relative, schema.error_log)
        elif relative.endswith((".rss", ".atom")):
            parsed = feedparser.parse(data)
            assert not parsed.bozo, (relative, parsed.get("bozo_exception"))
        elif relative.endswith(".ics"):
            calendar = icalendar.Calendar.from_ical(data)
            assert calendar.name == "VCALENDAR", relative
        elif relative.endswith(".html"):
            _page_is_inert(path)
        elif relative.endswith(".txt"):
            data.decode("utf-8")

"""Independent checks of exported files: each parses in its own format with a parser that is
not the one that wrote it, and nothing in a page can run.

One checker for every test that reads outputs back: the hostile suite's built sites and the
conformance properties' generated archives.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path

import feedparser
import html5lib
import icalendar
import vobject
from lxml import etree
from lxml import html as lxml_html

import cdm_newsletter as cdm

SAFE_SCHEMES = ("http://", "https://", "mailto:", "webcal://")
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@functools.cache
def _schema() -> etree.XMLSchema:
    with resources.as_file(resources.files("cdm_newsletter") / "schema") as folder:
        return etree.XMLSchema(etree.parse(str(folder / "cdm-newsletter-1.xsd")))


def _check_page(path: str, data: bytes) -> None:
    # html5lib in strict mode raises on any HTML5 parse error (duplicate attribute, stray end
    # tag, misnested element...), which lxml's lenient parser would repair silently.
    html5lib.HTMLParser(strict=True).parse(data)
    page = lxml_html.fromstring(data)
    assert page.xpath("//script | //iframe | //object | //embed") == [], path
    for element in page.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (path, name)
            if name in ("href", "src"):
                assert ":" not in value.split("/")[0] or value.startswith(SAFE_SCHEMES), (
                    path,
                    value,
                )


def _check_calendar(path: str, data: bytes) -> None:
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar.name == "VCALENDAR", path
    parsed = list(vobject.readComponents(data.decode("utf-8"), validate=True))
    assert len(parsed) == 1, path
    uids = [event.uid.value for event in parsed[0].contents.get("vevent", [])]
    assert len(uids) == len(set(uids)), (path, "a UID is used twice")
    assert len(uids) == len(calendar.walk("VEVENT")), path


def check_artifact(path: str, data: bytes) -> None:
    """Assert that ``data``, written at the site path ``path``, is valid in its format.

    Archive documents are schema-valid XML; data files load back as issues; feeds parse in
    feedparser without error; calendars parse in icalendar and vobject; pages parse in html5lib
    with no error and hold nothing that can run; text and CSS are UTF-8. A file of another kind
    fails, so that a new format gets its own check.
    """
    if path.startswith(".cdm-newsletter/"):
        return
    if path.startswith("data/") and path.endswith(".json"):
        json.loads(data)
        cdm.loads(data, source=Path(path).name)
    elif path.endswith(".json"):
        json.loads(data)
    elif path.startswith("archive/") and path.endswith(".xml"):
        document = etree.fromstring(data, _XML_PARSER)
        assert _schema().validate(document), (path, _schema().error_log)
    elif path.endswith(".xsd"):
        etree.fromstring(data, _XML_PARSER)
    elif path.endswith((".rss", ".atom")):
        etree.fromstring(data, _XML_PARSER)
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    elif path.endswith(".ics"):
        _check_calendar(path, data)
    elif path.endswith(".html"):
        _check_page(path, data)
    elif path.endswith((".txt", ".css")):
        data.decode("utf-8")
    else:
        raise AssertionError(f"{path}: no check for this kind of file")


def assert_valid_site(folder: Path) -> None:
    """Every file of the site built in ``folder`` passes :func:`check_artifact`."""
    files = [path for path in folder.rglob("*") if path.is_file()]
    assert files
    for path in files:
        check_artifact(path.relative_to(folder).as_posix(), path.read_bytes())

"""The HTML pages: structure, links, escaping; the Nu Html Checker; a real browser; golden files."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from lxml import html as lxml_html

import cdm_newsletter as cdm
from cdm_newsletter.exporters.html import HtmlExporter, environment
from tests.conftest import build_issue, missing_checker, payload_issue

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "html"
BASE = "https://www.example.org/infolettre"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def export(archive: cdm.Archive, options: cdm.ExportOptions | None = None) -> dict[str, bytes]:
    options = options or cdm.ExportOptions(base_url=BASE)
    return {artifact.path: artifact.data for artifact in HtmlExporter().export(archive, options)}


@pytest.fixture(scope="module")
def site(seed_file: Path) -> Path:
    """The seed source (the twin, or the real seed) and the March 2019 example, built."""
    issues = [cdm.load(seed_file), cdm.example_issues()[1]]
    folder = Path(tempfile.mkdtemp())
    cdm.build(cdm.Archive(issues), folder, options=cdm.ExportOptions(base_url=BASE))
    return folder


def test_pages(site: Path) -> None:
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    assert pages == [
        "index.html",
        "issues/2018-12/email.html",
        "issues/2018-12/index.html",
        "issues/2019-03/email.html",
        "issues/2019-03/index.html",
    ]
    assert (site / "style.css").is_file()
    assert (site / "issues/2018-12/email.txt").is_file()


def test_issue_page_structure(site: Path, seed_file: Path) -> None:
    page = lxml_html.parse(str(site / "issues/2018-12/index.html")).getroot()
    assert page.get("lang") == "fr"
    for landmark in ("header", "nav", "main", "footer"):
        assert page.find(f".//{landmark}") is not None, landmark
    levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4")]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))  # no level skipped
    issue = cdm.load(seed_file)
    ids = set(page.xpath("//@id"))
    assert {article.id for article in issue.articles()} <= ids  # feed links land here
    assert {event.id for event in issue.agenda} <= ids  # calendar links land here
    mails = page.xpath("//a[starts-with(@href, 'mailto:')]/@href")
    assert mails
    rows = page.xpath("//table[@class='agenda']//tbody/tr")
    assert len(rows) == len(issue.agenda)
    adds = page.xpath("//a[@class='add']/@href")
    assert len(adds) == len(issue.agenda)
    for href in adds:
        assert (site / "issues/2018-12" / href).resolve().is_file()


def test_dates_are_localised(site: Path) -> None:
    text = (site / "issues/2018-12/index.html").read_text(encoding="utf-8")
    assert "lundi 28 – mercredi 30 janvier 2019" in text
    assert "jeudi 24 janvier 2019, matin" in text
    assert "jeudi 24 janvier 2019, après-midi" in text


def test_index_page(site: Path) -> None:
    page = lxml_html.parse(str(site / "index.html")).getroot()
    issue_links = page.xpath("//ul[@class='issues']//a/@href")
    assert issue_links == ["issues/2019-03/index.html", "issues/2018-12/index.html"]
    hrefs = page.xpath("//ul[@class='subscribe']//a/@href")
    assert "webcal://www.example.org/infolettre/agenda.ics" in hrefs
    assert f"{BASE}/agenda.ics" in hrefs
    assert f"{BASE}/feed.rss" in hrefs
    assert f"{BASE}/deadlines.ics" in hrefs
    upcoming = page.xpath("//section[@aria-labelledby='a-venir']//tbody/tr")
    assert upcoming  # the newest issue's future events


def test_no_webcal_without_https() -> None:
    files = export(
        cdm.Archive(cdm.example_issues()),
        cdm.ExportOptions(base_url="http://intranet.example.org/"),
    )
    assert b"webcal://" not in files["index.html"]


def test_email_variant(site: Path) -> None:
    text = (site / "issues/2019-03/email.html").read_text(encoding="utf-8")
    page = lxml_html.fromstring(text)
    assert page.xpath("//script") == []
    assert page.xpath("//style") == []  # inlined
    assert page.xpath("//link[@rel='stylesheet']") == []
    assert "max-width: 600px" in text
    for src in page.xpath("//@src"):
        pytest.fail(f"remote or local resource {src}")
    for href in page.xpath("//a/@href"):
        assert href.startswith(("https://", "http://", "mailto:")), href
    plain = (site / "issues/2019-03/email.txt").read_text(encoding="utf-8")
    assert plain.startswith("Réseau International des Cités des métiers — InfoLettre — mars 2019\n")
    assert max(len(line) for line in plain.splitlines()) <= 100


def test_private_people_are_not_published() -> None:
    secret = cdm.Person(name="Secret AGENT", email="secret@example.org", public=False)
    article = cdm.Article(id="a", title="T", contacts=(secret,))
    issue = build_issue(sections=(cdm.Section(title="S", articles=(article,)),), editors=(secret,))
    for path, data in export(cdm.Archive([issue])).items():
        assert b"secret" not in data.lower(), path


def test_no_payload_survives_into_any_page() -> None:
    files = export(cdm.Archive([payload_issue()]))
    for path, data in files.items():
        if not path.endswith(".html"):
            continue
        page = lxml_html.fromstring(data)
        assert page.xpath("//script") == [], path
        assert page.xpath("//b") == [], path
        for element in page.iter():
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (path, name)
                if name in ("href", "src"):
                    assert not value.strip().lower().startswith(("javascript:", "data:")), (
                        path,
                        value,
                    )
        assert b"<script>" not in data


def test_templates_autoescape_whatever_the_suffix(tmp_path: Path) -> None:
    (tmp_path / "index.html.j2").write_text("<p>{{ network }}</p>", encoding="utf-8")
    environment.cache_clear()
    env = environment(str(tmp_path))
    assert (
        env.get_template("index.html.j2").render(network="<b>x</b>")
        == "<p>&lt;b&gt;x&lt;/b&gt;</p>"
    )
    options = cdm.ExportOptions(base_url=BASE, templates=str(tmp_path))
    files = export(cdm.Archive(cdm.example_issues()), options)
    assert files["index.html"] == "<p>Réseau International des Cités des métiers</p>".encode()
    assert b"<main" in files["issues/2018-12/index.html"]  # the others still come from the package


def test_golden_files() -> None:
    """The bundled example's pages, byte for byte; REGENERATE_GOLDEN=1 rewrites them on purpose."""
    files = export(cdm.Archive(cdm.example_issues()))
    for path in (
        "index.html",
        "issues/2018-12/index.html",
        "issues/2019-03/email.html",
        "issues/2019-03/email.txt",
    ):
        golden = GOLDEN / path
        if os.environ.get("REGENERATE_GOLDEN") == "1":
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(files[path])
        assert files[path] == golden.read_bytes(), path


def test_local_references_exist(site: Path) -> None:
    for page in site.rglob("*.html"):
        tree = lxml_html.parse(str(page)).getroot()
        for href in tree.xpath("//link/@href | //a/@href"):
            if re.match(r"^[a-z]+:", href) or href.startswith("#"):
                continue
            target = (page.parent / href.split("#")[0]).resolve()
            if href.startswith(("feed.", "agenda", "deadlines", "../../feed", "../../agenda")):
                continue  # written by the other exporters
            assert target.exists(), (page, href)


def test_nu_html_checker(site: Path) -> None:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        missing_checker(
            "the Nu Html Checker needs java and node_modules/vnu-jar (npm install vnu-jar)"
        )
    pages = [str(page) for page in sorted(site.rglob("*.html"))]
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "gnu", *pages],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout + result.stderr == ""


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--enable-logging=stderr",
    "--v=0",
]


@pytest.mark.parametrize(
    "page", ["index.html", "issues/2018-12/index.html", "issues/2019-03/email.html"]
)
def test_chromium_renders_the_page(site: Path, tmp_path: Path, page: str) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        missing_checker("Chromium is not installed (apt-get install chromium)")
    from PIL import Image

    shot = tmp_path / "page.png"
    result = subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1100,1400",
            (site / page).as_uri(),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert shot.is_file(), result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line]
    assert console == []
    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000) or []
    assert len(colours) > 50  # text, a masthead, rules: not a blank page
    width = image.size[0]
    assert image.getpixel((width // 2, 40)) != (255, 255, 255)  # the masthead is painted


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(foreground: str, background: str) -> float:
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_colours_meet_wcag_aa() -> None:
    css = (ROOT / "src" / "cdm_newsletter" / "templates" / "style.css").read_text(encoding="utf-8")
    variables = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6});", css))
    pairs = [
        ("ink", "paper"),
        ("ink", "wash"),
        ("accent", "paper"),
        ("accent-dark", "paper"),
        ("muted", "paper"),
        ("muted", "wash"),
    ]
    for foreground, background in pairs:
        assert _contrast(variables[foreground], variables[background]) >= 4.5, (
            foreground,
            background,
        )
    assert _contrast("#ffffff", variables["accent-dark"]) >= 4.5  # the masthead
    assert _contrast("#9b1c1c", variables["paper"]) >= 4.5  # "annulé"


def test_each_dated_event_has_a_file_to_import_with_the_subscribed_uid(site: Path) -> None:
    import icalendar
    import vobject

    subscribed = {
        str(event["UID"]): event["DTSTART"].to_ical()
        for event in icalendar.Calendar.from_ical((site / "agenda.ics").read_bytes()).walk("VEVENT")
    }
    files = sorted((site / "events").glob("*.ics"))
    assert len(files) >= 5
    matched = 0
    for path in files:
        data = path.read_bytes()
        calendar = icalendar.Calendar.from_ical(data)
        events = calendar.walk("VEVENT")
        assert len(events) == 1, path.name
        for name in ("NAME", "X-WR-CALNAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "SOURCE"):
            assert name not in calendar, (path.name, name)  # to import once, not to subscribe
        assert str(calendar["METHOD"]) == "PUBLISH"
        uid = str(events[0]["UID"])
        assert uid.startswith(path.stem + "@")
        if uid in subscribed:  # the subscribed calendars hold a window only
            assert events[0]["DTSTART"].to_ical() == subscribed[uid]
            matched += 1
        parsed = vobject.readOne(data.decode("utf-8"), validate=True)
        assert len(list(parsed.vevent_list)) == 1
    assert matched >= 1
    for page in (site / "issues").glob("*/index.html"):
        root = lxml_html.parse(str(page)).getroot()
        for href in root.xpath("//a[@class='add']/@href"):
            assert (page.parent / href).resolve().is_file(), href

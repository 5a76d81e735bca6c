"""RSS and Atom feeds, judged by feedparser, by direct checks of the specs, and by golden files."""

from __future__ import annotations

import locale
import os
import re
from pathlib import Path

import feedparser
import pytest
from hypothesis import given, settings
from lxml import etree

import cdm_newsletter as cdm
from cdm_newsletter.exporters.rss import AtomExporter, RssExporter, feed_items, guid_of
from cdm_newsletter.testing import property_examples
from cdm_newsletter.testing.strategies import issues
from tests.conftest import build_issue, raises_exactly

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
BASE = "https://www.example.org/infolettre"
OPTIONS = cdm.ExportOptions(base_url=BASE)
RFC822 = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}"
)
ATOM = "{http://www.w3.org/2005/Atom}"


def files(archive: cdm.Archive, options: cdm.ExportOptions = OPTIONS) -> dict[str, bytes]:
    artifacts = [*RssExporter().export(archive, options), *AtomExporter().export(archive, options)]
    return {artifact.path: artifact.data for artifact in artifacts}


def parsed(data: bytes) -> feedparser.FeedParserDict:
    feed = feedparser.parse(data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


@pytest.fixture(scope="module")
def seed_archive(seed_file: Path) -> cdm.Archive:
    """The seed source (the twin, or the real seed) as an archive."""
    return cdm.Archive([cdm.load(seed_file)])


@pytest.fixture(scope="module")
def examples() -> cdm.Archive:
    return cdm.Archive(cdm.example_issues())


def test_paths(examples: cdm.Archive) -> None:
    kinds = [kind.value for kind in cdm.SectionKind]
    expected = {"feed.rss", "feed.atom"} | {
        f"feeds/{k}.{s}" for k in kinds for s in ("rss", "atom")
    }
    assert set(files(examples)) == expected


def test_every_feed_parses_cleanly(examples: cdm.Archive) -> None:
    for path, data in files(examples).items():
        feed = parsed(data)
        assert feed.version == ("rss20" if path.endswith(".rss") else "atom10"), path


def test_items_match_the_model(examples: cdm.Archive) -> None:
    published = [cdm.without_private_people(issue) for issue in examples.issues]
    expected = [(article, issue) for issue in published for article in issue.articles()]
    for name in ("feed.rss", "feed.atom"):
        entries = parsed(files(examples)[name]).entries
        assert len(entries) == len(expected), name
        for entry, (article, issue) in zip(entries, expected, strict=True):
            assert entry.title == " ".join(article.plain_title.split())
            assert entry.link == f"{BASE}/issues/{issue.id}/#{article.id}"
            assert entry.id == guid_of(article, issue)
            assert entry.published_parsed[:3] == issue.date.timetuple()[:3]
            html = entry.content[0].value
            assert html == cdm.fragments.article_html(article)
            assert entry.summary == cdm.fragments.article_summary(article)
            assert entry.tags[0].term in {section.title for section in issue.sections}


def test_rss_and_atom_hold_the_same_items_in_the_same_order(examples: cdm.Archive) -> None:
    built = files(examples)
    for rss_path in [path for path in built if path.endswith(".rss")]:
        atom_path = rss_path.removesuffix(".rss") + ".atom"
        rss, atom = parsed(built[rss_path]).entries, parsed(built[atom_path]).entries
        assert [(e.id, e.title, e.link) for e in rss] == [(e.id, e.title, e.link) for e in atom], (
            rss_path
        )


def test_newest_issue_first_then_issue_order(examples: cdm.Archive) -> None:
    items = feed_items(examples, None)
    assert [item.issue.id for item in items] == sorted((i.issue.id for i in items), reverse=True)
    newest = examples.issues[0]
    assert [item.article.id for item in items if item.issue is newest] == [
        a.id for a in newest.articles()
    ]


def test_guids_do_not_move_with_the_site(examples: cdm.Archive) -> None:
    here = parsed(files(examples)["feed.atom"]).entries
    elsewhere = parsed(
        files(examples, cdm.ExportOptions(base_url="https://cdm.example.net/"))["feed.atom"]
    ).entries
    assert [e.id for e in here] == [e.id for e in elsewhere]
    assert [e.link for e in here] != [e.link for e in elsewhere]
    assert all(e.id.startswith("tag:example.org,") for e in here)
    rss = etree.fromstring(files(examples)["feed.rss"])
    assert {guid.get("isPermaLink") for guid in rss.iter("guid")} == {"false"}


def test_channel(examples: cdm.Archive) -> None:
    rss = etree.fromstring(files(examples)["feed.rss"])
    channel = rss.find("channel")
    assert channel is not None
    assert channel.findtext("link") == f"{BASE}/"
    assert channel.findtext("language") == "fr"
    assert channel.findtext("title")
    assert channel.findtext("description")
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link is not None
    assert (self_link.get("href"), self_link.get("rel")) == (f"{BASE}/feed.rss", "self")
    newest = examples.issues[0].date
    assert channel.findtext("lastBuildDate") == f"{newest:%a}, {newest:%d %b %Y} 00:00:00 +0000"
    assert channel.findtext("generator") == "cdm_newsletter"
    for date in [*rss.iter("pubDate"), *rss.iter("lastBuildDate")]:
        assert RFC822.fullmatch(date.text or ""), date.text


def test_atom_requirements(examples: cdm.Archive) -> None:
    feed = etree.fromstring(files(examples)["feed.atom"])
    for name in ("id", "title", "updated", "author"):
        assert feed.find(ATOM + name) is not None, name
    assert (
        feed.findtext(ATOM + "updated") == f"{examples.issues[0].date.isoformat()}T00:00:00+00:00"
    )
    for entry in feed.iter(ATOM + "entry"):
        for name in ("id", "title", "updated"):
            assert entry.findtext(ATOM + name), name
        content = entry.find(ATOM + "content")
        assert content is not None
        assert content.get("type") == "html"  # not feedgen's invalid 'CDATA'
        (link,) = entry.findall(ATOM + "link")
        assert (link.get("rel"), link.get("type")) == ("alternate", "text/html")  # feedgen#135


def test_authors_are_public_contacts_only() -> None:
    public = cdm.Person(name="Ana SILVA", email="ana@example.org")
    private = cdm.Person(name="Secret AGENT", email="secret@example.org", public=False)
    article = cdm.Article(id="a", title="Un article", contacts=(public, private))
    section = cdm.Section(title="NOUVELLES", kind=cdm.SectionKind.MEMBER_NEWS, articles=(article,))
    built = files(cdm.Archive([build_issue(sections=(section,))]))
    for data in built.values():
        assert b"secret" not in data.lower()
    entry = parsed(built["feed.atom"]).entries[0]
    assert entry.author_detail.name == "Ana SILVA"
    assert entry.author_detail.email == "ana@example.org"
    assert b"<dc:creator>Ana SILVA</dc:creator>" in built["feed.rss"]
    with_private = files(
        cdm.Archive([build_issue(sections=(section,))]), cdm.ExportOptions(include_private=True)
    )
    assert b"secret@example.org" in with_private["feed.rss"]


def test_text_that_looks_like_mojibake_is_kept_exactly() -> None:
    article = cdm.Article(id="a", title="Ã© Â¡")
    built = files(
        cdm.Archive([build_issue(sections=(cdm.Section(title="S", articles=(article,)),))])
    )
    rss = etree.fromstring(built["feed.rss"])
    assert rss.findtext("channel/item/title") == "Ã© Â¡"


def test_markup_in_text_is_escaped_and_unsafe_links_never_reach_a_feed() -> None:
    body = cdm.RichText(
        blocks=(
            cdm.Paragraph(spans=(cdm.Text(text='<script>alert("x")</script> & ]]> "quotes"'),)),
            cdm.Paragraph(spans=(cdm.Link(url="https://www.example.org/?a=1&b=2", label="lien"),)),
        )
    )
    article = cdm.Article(id="a", title="<b>Titre</b> & co", body=body)
    section = cdm.Section(title="NOUVELLES", articles=(article,))
    built = files(cdm.Archive([build_issue(sections=(section,))]))
    entry = parsed(built["feed.rss"]).entries[0]
    assert entry.title == "<b>Titre</b> & co"
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; ]]&gt; "quotes"' in entry.content[0].value
    assert 'href="https://www.example.org/?a=1&amp;b=2"' in entry.content[0].value
    for url in ("javascript:alert(1)", "data:text/html,<b>x</b>"):
        with raises_exactly(
            cdm.InvalidValue,
            f"url: {url!r} is not an absolute http(s) or mailto URL, nor a placeholder ('#' or '')",
        ):
            cdm.Link(url=url, label="x")


def test_the_locale_is_never_touched(
    examples: cdm.Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> str:
        raise AssertionError("setlocale was called")

    monkeypatch.setattr(locale, "setlocale", refuse)
    built = files(examples)
    assert b"Sat, 01 Dec 2018" in built["feed.rss"] or b"2018" in built["feed.rss"]
    for date in etree.fromstring(built["feed.rss"]).iter("pubDate"):
        assert RFC822.fullmatch(date.text or "")


def test_without_base_url_links_use_the_documented_default(examples: cdm.Archive) -> None:
    entries = parsed(files(examples, cdm.ExportOptions())["feed.rss"]).entries
    assert all(entry.link.startswith(cdm.DEFAULT_BASE_URL + "issues/") for entry in entries)


def test_feed_limit_keeps_the_newest(examples: cdm.Archive) -> None:
    built = files(examples, cdm.ExportOptions(base_url=BASE, feed_items=2))
    newest = list(examples.issues[0].articles())
    assert [e.id for e in parsed(built["feed.rss"]).entries] == [
        guid_of(a, examples.issues[0]) for a in newest[:2]
    ]


def test_per_kind_feeds(seed_archive: cdm.Archive) -> None:
    built = files(seed_archive)
    assert len(parsed(built["feeds/member-news.rss"]).entries) == 5
    assert len(parsed(built["feeds/network-news.atom"]).entries) == 2
    assert len(parsed(built["feeds/partner-agenda.rss"]).entries) == 0


def test_seed_titles_keep_superscripts_as_plain_text(
    seed_archive: cdm.Archive, seed_source: str
) -> None:
    expected = {
        "twin": [
            "11e SPEED RECRUITMENT A LA CITE DES METIERS DE PORTO : ENTREPRISES ET CANDIDATS"
            " FACE A FACE",
            "1re NUMERI'DAY : LA CITE DES METIERS DU GRAND BEAUVAISIS OUVRE LE NUMERIQUE A TOUS",
        ],
        "seed": [
            "11e EDITION DE SPEED RECRUITMENT A LA CITE DES METIERS DE PORTO",
            "1re EDITION DU NUMERI'DAY A LA CITE DES METIERS DU GRAND BEAUVAISIS",
        ],
    }[seed_source]
    titles = [entry.title for entry in parsed(files(seed_archive)["feed.atom"]).entries]
    assert titles[2:4] == expected
    assert all("<" not in title for title in titles)


def test_rebuilding_gives_the_same_bytes(examples: cdm.Archive) -> None:
    assert files(examples) == files(cdm.Archive(cdm.example_issues()))


def test_empty_archive_gives_valid_feeds() -> None:
    for path, data in files(cdm.Archive([])).items():
        assert parsed(data).entries == [], path


@pytest.mark.parametrize("name", ["feed.rss", "feed.atom"])
def test_golden_files(examples: cdm.Archive, name: str) -> None:
    """The bundled example's feeds, byte for byte; REGENERATE_GOLDEN=1 rewrites them on purpose."""
    data = files(examples)[name]
    golden = GOLDEN / name
    if os.environ.get("REGENERATE_GOLDEN") == "1":
        golden.write_bytes(data)
    assert data == golden.read_bytes()


@settings(max_examples=property_examples(40), deadline=None)
@given(issues())
def test_any_issue_gives_valid_feeds(issue: cdm.Issue) -> None:
    archive = cdm.Archive([issue])
    published = cdm.without_private_people(issue)
    expected = [" ".join(article.plain_title.split()) for article in published.articles()][:50]
    built = files(archive)
    for path, data in built.items():
        root = etree.fromstring(data)  # well-formed XML whatever the text
        feed = parsed(data)
        if path.startswith("feed."):
            assert len(feed.entries) == len(expected)
            # The exact text, read with lxml: feedparser "repairs" what looks like mojibake
            # ("Â¡" comes back as "¡"), which the model may well hold on purpose.
            titles = root.findall("channel/item/title") or root.findall(f"{ATOM}entry/{ATOM}title")
            assert [title.text for title in titles] == expected

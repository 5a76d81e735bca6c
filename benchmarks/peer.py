"""The same articles built by a peer, Pelican (an optional dependency: ``pip install pelican``)."""

from __future__ import annotations

import html
import logging
import tempfile
from pathlib import Path

import cdm_newsletter as cdm
from cdm_newsletter.fragments import article_html

from .measure import in_child
from .site import FORMATS
from .synthetic import make_issues

SAME = ("html", "rss", "atom")  # the outputs Pelican also makes: web pages and feeds


def _content(archive: cdm.Archive, folder: Path) -> int:
    """Write each article as a Pelican HTML source (title, date, category, author, body)."""
    folder.mkdir(parents=True)
    count = 0
    for issue in archive.issues:
        for section in issue.sections:
            for article in section.articles:
                author = article.contacts[0].display_name if article.contacts else "Réseau"
                page = (
                    "<html><head>"
                    f"<title>{html.escape(article.plain_title)}</title>"
                    f'<meta name="date" content="{issue.date.isoformat()}">'
                    f'<meta name="category" content="{html.escape(section.title)}">'
                    f'<meta name="authors" content="{html.escape(author)}">'
                    f'<meta name="slug" content="{article.id}">'
                    f"</head><body>{article_html(article)}</body></html>\n"
                )
                (folder / f"{article.id}.html").write_text(page, encoding="utf-8")
                count += 1
    return count


def _pelican(content: Path, output: Path) -> None:
    from pelican import Pelican
    from pelican.settings import read_settings

    logging.getLogger("pelican").setLevel(logging.ERROR)
    settings = read_settings(
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "SITEURL": "https://www.example.org",
            "TIMEZONE": "Europe/Paris",
            "DEFAULT_LANG": "fr",
            "LOAD_CONTENT_CACHE": False,
            "CACHE_CONTENT": False,
            "FEED_ALL_ATOM": "feeds/all.atom.xml",
            "FEED_ALL_RSS": "feeds/all.rss.xml",
            "RELATIVE_URLS": False,
        }
    )
    Pelican(settings).run()


def compare(issues: int) -> None:
    """Time Pelican and cdm_newsletter on the articles of ``issues`` synthetic issues."""
    try:
        import pelican  # noqa: F401 - optional
    except ImportError:
        print("\n--peer pelican: Pelican is not installed (pip install pelican)")
        return
    archive = cdm.Archive(make_issues(issues, 10, 12))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        articles = _content(archive, folder / "content")
        theirs = in_child(lambda: _pelican(folder / "content", folder / "pelican"))
        ours = in_child(
            lambda made: cdm.build(made, folder / "ours", list(FORMATS), cdm.ExportOptions()),
            setup=lambda: cdm.Archive(make_issues(issues, 10, 12)),
        )
        same = in_child(
            lambda made: cdm.build(made, folder / "same", list(SAME), cdm.ExportOptions()),
            setup=lambda: cdm.Archive(make_issues(issues, 10, 12)),
        )
    per_theirs = theirs.seconds / articles * 1e3
    print(f"\npeer: Pelican on the same {articles:,} articles ({issues:,} issues)")
    print(f"{'':<52} {'s':>8} {'ms/article':>11} {'peak MB':>8} {'Pelican ÷':>10}")
    for label, measured in (
        ("Pelican (article pages, lists, Atom and RSS feeds)", theirs),
        ("cdm_newsletter, every format", ours),
        ("cdm_newsletter, what Pelican makes (html, rss, atom)", same),
    ):
        per = measured.seconds / articles * 1e3
        print(
            f"{label:<52} {measured.seconds:>8.2f} {per:>11.2f} {measured.peak_mb:>8.0f}"
            f" {per_theirs / per:>10.1f}"
        )
    print("target: Pelican ÷ ours >= 10 per article")

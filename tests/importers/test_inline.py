"""Inline markup to spans: links of every form, emphasis, superscripts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdm_newsletter import Emphasis, Link, Superscript, Text
from cdm_newsletter.importers.inline import parse_inline, superscript_text
from cdm_newsletter.model import spans_to_plain
from cdm_newsletter.testing.strategies import line_characters


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("plain", (Text(text="plain"),)),
        (
            "voir [la page](https://www.example.org/p).",
            (
                Text(text="voir "),
                Link(url="https://www.example.org/p", label="la page"),
                Text(text="."),
            ),
        ),
        ("ce [lien](#).", (Text(text="ce "), Link(url="#", label="lien"), Text(text="."))),
        ("ce [lien]().", (Text(text="ce "), Link(url="", label="lien"), Text(text="."))),
        (
            "série : <https://goo.gl/MjBuE5>",
            (Text(text="série : "), Link(url="https://goo.gl/MjBuE5")),
        ),
        (
            "suivants :https://www.example.org/e/?a=1.",
            (Text(text="suivants :"), Link(url="https://www.example.org/e/?a=1"), Text(text=".")),
        ),
        ("www.example.org, et", (Link(url="https://www.example.org"), Text(text=", et"))),
        (
            "(https://x.example.org/a_(b))",
            (Text(text="("), Link(url="https://x.example.org/a_(b)"), Text(text=")")),
        ),
        (
            "écrire à ana@example.org.",
            (
                Text(text="écrire à "),
                Link(url="mailto:ana@example.org", label="ana@example.org"),
                Text(text="."),
            ),
        ),
        ("<ana@example.org>", (Link(url="mailto:ana@example.org", label="ana@example.org"),)),
        ("Bruxelles : *inscription*", (Text(text="Bruxelles : "), Emphasis(text="inscription"))),
        ("un **fort** mot", (Text(text="un "), Emphasis(text="fort"), Text(text=" mot"))),
        ("2 * 3 * 4", (Text(text="2 * 3 * 4"),)),
        ("la 11^{ème} édition", (Text(text="la 11"), Superscript(text="e"), Text(text=" édition"))),
        (
            "1^{ERE}",
            (Text(text="1"), Superscript(text="re")),
        ),
        ("x^{ }", (Text(text="x^{ }"),)),
    ],
)
def test_markup(text: str, spans: tuple[object, ...]) -> None:
    assert parse_inline(text) == (spans, [])


def test_a_link_the_model_refuses_stays_text() -> None:
    spans, problems = parse_inline("voir [ici](javascript:void) ou [là](data:x)")
    assert spans_to_plain(spans) == "voir [ici](javascript:void) ou [là](data:x)"
    assert all(not isinstance(span, Link) for span in spans)
    assert [problem.reason for problem in problems] == [
        "the link target 'javascript:void' is not an absolute http(s) or mailto URL",
        "the link target 'data:x' is not an absolute http(s) or mailto URL",
    ]


@pytest.mark.parametrize(
    ("raw", "short"), [("EME", "e"), ("ème", "e"), ("ERE", "re"), ("ER", "er"), ("TM", "TM")]
)
def test_ordinal_endings(raw: str, short: str) -> None:
    assert superscript_text(raw) == short


@given(st.text(line_characters, max_size=200))
def test_no_text_is_lost_or_invented(text: str) -> None:
    spans, _ = parse_inline(text)
    plain = "".join(
        span.label
        if isinstance(span, Link) and span.label is not None
        else (span.url.removeprefix("mailto:") if isinstance(span, Link) else span.text)
        for span in spans
    )
    letters = sorted(char for char in text if char.isalnum())
    kept = sorted(char for char in plain if char.isalnum())
    assert set(kept) <= set(letters) | set("httpsmailtoe")  # a "www." link gains https://
    for span in spans:
        if isinstance(span, Text):
            assert span.text

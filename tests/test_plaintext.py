"""The plain-text e-mail: filling paragraphs without breaking words or links."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

import cdm_newsletter as cdm
from cdm_newsletter.plaintext import issue_text, wrap
from tests.conftest import build_issue

WORDS = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Z", "C")), min_size=1, max_size=90),
    max_size=60,
)


@given(words=WORDS, indent=st.sampled_from(["", "* ", "- "]), width=st.integers(10, 100))
def test_wrap_keeps_every_word_whole_and_in_order(
    words: list[str], indent: str, width: int
) -> None:
    text = wrap(" \n ".join(words), indent, width)
    lines = text.split("\n")
    assert text.split() == ([indent.strip()] if indent.strip() else []) + words
    for number, line in enumerate(lines):
        if number > 0:
            assert line.startswith(" " * len(indent))
        else:
            assert line.startswith(indent) if words else line == indent.rstrip()
        if len(line) > width:  # only a word longer than a line may overflow, alone
            assert len(line.split()) == (2 if number == 0 and indent.strip() else 1)


@given(words=WORDS, width=st.integers(10, 100))
def test_wrap_fills_greedily(words: list[str], width: int) -> None:
    lines = wrap(" ".join(words), width=width).split("\n")
    for line, following in itertools.pairwise(lines):
        assert len(line) + 1 + len(following.split()[0]) > width


def test_wrap_examples() -> None:
    assert wrap("") == ""
    assert wrap("  ", "* ") == "*"
    assert wrap("la Cité des métiers du Val-de-Marne", width=30) == (
        "la Cité des métiers du\nVal-de-Marne"
    )
    url = "https://www.example.org/" + "a" * 80
    assert wrap(f"Lien : {url} ici", "* ", 40) == f"* Lien :\n  {url}\n  ici"


def test_issue_text_lines_fit_unless_a_single_word_is_longer() -> None:
    long_url = "https://www.example.org/" + "x" * 90
    article = cdm.Article(
        id="a",
        title="Un titre",
        body=cdm.RichText.from_paragraphs("mot " * 60 + long_url),
    )
    text = issue_text(build_issue(sections=(cdm.Section(title="S", articles=(article,)),)))
    for line in text.splitlines():
        assert len(line) <= 72 or len(line.split()) == 1, line
    assert long_url in text.split()

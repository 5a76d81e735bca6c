"""Stable ids: slugs, derived article and event ids, and suffixes for clashes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdm_newsletter import Article, Event, When
from cdm_newsletter.model.identity import (
    MAX_SLUG_LENGTH,
    derive_article_id,
    derive_event_id,
    slugify,
    unique_id,
)

issue_ids = st.from_regex(r"[0-9]{4}-(0[1-9]|1[0-2])(-[1-9][0-9]{0,2})?", fullmatch=True)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Numéri'DAY à Grandvilliers", "numeri-day-a-grandvilliers"),
        ("Réunion du ComEx", "reunion-du-comex"),
        ("L'œuvre d'Œdipe", "l-oeuvre-d-oedipe"),
        ("Ærø, Straße, łódź, Øresund, đak", "aero-strasse-lodz-oresund-dak"),
        ("SPRING SCHOOL 2019", "spring-school-2019"),
        ("  --Hello,   World!--  ", "hello-world"),
        ("11ᵉ forum", "11e-forum"),
        ("Ｆｕｌｌ ｗｉｄｔｈ", "full-width"),
        ("Erasmus+ COCADE", "erasmus-cocade"),
        ("a_b.c/d", "a-b-c-d"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["", "   ", "!!!", "—", "日本語", "\U0001f600"])
def test_slugify_gives_item_when_nothing_is_left(text: str) -> None:
    assert slugify(text) == "item"


@pytest.mark.parametrize(("text", "slug"), [("Łódź", "lodz"), ("Đakovo", "dakovo")])
def test_slugify_transliterates_capital_letters_with_a_stroke(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("l’été", "l-ete"),
        ("Formation de l’orientation", "formation-de-l-orientation"),
        ("Paris—Lisbonne", "paris-lisbonne"),
        ("Paris–Lisbonne", "paris-lisbonne"),
    ],
)
def test_slugify_turns_every_run_of_other_characters_into_a_hyphen(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_straight_apostrophe_separates_words() -> None:
    assert slugify("l'été") == "l-ete"


def test_slug_is_cut_at_a_word_boundary() -> None:
    title = "Formation sur la veille numérique pour les professionnels de l'orientation"
    slug = slugify(title)
    assert slug == "formation-sur-la-veille-numerique-pour-les"
    assert len(slug) <= MAX_SLUG_LENGTH


def test_slug_keeps_a_last_word_that_ends_exactly_at_the_limit() -> None:
    title = "a" * 46 + " b c"  # "aaa…a-b" is 48 characters
    assert slugify(title) == "a" * 46 + "-b"


def test_slug_drops_a_word_that_would_end_one_past_the_limit() -> None:
    title = "a" * 47 + " bc"  # "aaa…a-bc" would be 50 characters
    assert slugify(title) == "a" * 47


def test_slug_of_one_long_word_is_cut_inside_it() -> None:
    assert slugify("x" * 100) == "x" * 48


def test_max_length_can_be_chosen() -> None:
    assert slugify("one two three", max_length=8) == "one-two"
    assert slugify("one two three", max_length=7) == "one-two"
    assert slugify("one two three", max_length=6) == "one"


def test_max_slug_length_is_48() -> None:
    assert MAX_SLUG_LENGTH == 48


def test_derive_article_id() -> None:
    assert derive_article_id("2018-12", "Numéri'DAY à Grandvilliers") == (
        "2018-12-numeri-day-a-grandvilliers"
    )
    assert derive_article_id("2018-12-2", "???") == "2018-12-2-item"


def test_derive_event_id() -> None:
    assert derive_event_id("2018-12", "Spring school", dt.date(2019, 6, 19)) == (
        "2018-12-20190619-spring-school"
    )
    assert derive_event_id("2019-03-2", "Réunion", dt.datetime(2019, 4, 1, 9, 30)) == (
        "2019-03-2-20190401-reunion"
    )


def test_derived_ids_are_stable() -> None:
    assert derive_article_id("2018-12", "Titre") == derive_article_id("2018-12", "Titre")


def test_unique_id_keeps_a_free_candidate() -> None:
    assert unique_id("2018-12-x", set()) == "2018-12-x"
    assert unique_id("2018-12-x", {"2018-12-y"}) == "2018-12-x"


def test_unique_id_adds_the_first_free_suffix() -> None:
    assert unique_id("x", {"x"}) == "x-2"
    assert unique_id("x", {"x", "x-2"}) == "x-3"
    assert unique_id("x", {"x", "x-2", "x-3", "x-5"}) == "x-4"
    assert unique_id("x", ["x", "x-3"]) == "x-2"


def valid_id(item_id: str) -> bool:
    Event(id=item_id, title="t", when=When(start=dt.date(2019, 1, 1)))
    Article(id=item_id, title="t")
    return True


@given(issue_id=issue_ids, title=st.text(), start=st.dates())
def test_every_derived_id_is_a_valid_id(issue_id: str, title: str, start: dt.date) -> None:
    article_id = derive_article_id(issue_id, title)
    event_id = derive_event_id(issue_id, title, start)
    assert valid_id(article_id)
    assert valid_id(event_id)
    assert valid_id(unique_id(article_id, {article_id, f"{article_id}-2"}))


@given(title=st.text(), max_length=st.integers(4, 120))
def test_slug_property(title: str, max_length: int) -> None:
    slug = slugify(title, max_length)
    assert 0 < len(slug) <= max_length
    assert valid_id(f"2019-01-{slug}")  # a slug is a part of an id ("nul" alone is refused)
    assert slugify(slug, max_length) == slug

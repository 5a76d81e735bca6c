"""Rich text: span validation, links, and the plain-text and HTML renderings."""

from __future__ import annotations

import attrs
import pytest

from cdm_newsletter import (
    BulletList,
    Emphasis,
    InvalidValue,
    Link,
    Paragraph,
    RichText,
    Superscript,
    Text,
)
from cdm_newsletter.model import spans_to_html, spans_to_plain

SPAN_CLASSES = [Text, Emphasis, Superscript]

CONTROL_CODE_POINTS = [*range(0x00, 0x20), *range(0x7F, 0xA0)]


# --- span validation --------------------------------------------------------------------


@pytest.mark.parametrize("cls", SPAN_CLASSES)
@pytest.mark.parametrize("code_point", CONTROL_CODE_POINTS)
def test_span_refuses_control_characters(cls: type, code_point: int) -> None:
    with pytest.raises(InvalidValue) as caught:
        cls(text=f"a{chr(code_point)}b")
    assert caught.value.field == "text"
    assert str(caught.value) == (
        f"text: contains the control character U+{code_point:04X} at position 1"
    )


@pytest.mark.parametrize("cls", SPAN_CLASSES)
@pytest.mark.parametrize("code_point", [0xD800, 0xDBFF, 0xDC00, 0xDFFF])
def test_span_refuses_lone_surrogates(cls: type, code_point: int) -> None:
    with pytest.raises(InvalidValue) as caught:
        cls(text=f"ab{chr(code_point)}")
    assert str(caught.value) == f"text: contains a lone surrogate U+{code_point:04X} at position 2"


@pytest.mark.parametrize("cls", SPAN_CLASSES)
@pytest.mark.parametrize(
    ("code_point", "name"),
    [
        (0xFFFE, "the non-character"),
        (0xFFFF, "the non-character"),
        (0xFDD0, "the non-character"),
        (0x4FFFE, "the non-character"),
        (0x10FFFF, "the non-character"),
        (0x2028, "the line separator"),
        (0x2029, "the paragraph separator"),
    ],
)
def test_span_refuses_non_characters_and_separators(cls: type, code_point: int, name: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        cls(text=chr(code_point))
    assert caught.value.field == "text"
    assert str(caught.value) == f"text: contains {name} U+{code_point:04X} at position 0"


@pytest.mark.parametrize("cls", SPAN_CLASSES)
def test_span_refuses_empty_text(cls: type) -> None:
    with pytest.raises(InvalidValue) as caught:
        cls(text="")
    assert str(caught.value) == "text: must not be empty"


@pytest.mark.parametrize("cls", SPAN_CLASSES)
def test_span_refuses_a_non_string(cls: type) -> None:
    with pytest.raises(InvalidValue) as caught:
        cls(text=3)
    assert str(caught.value) == "text: expected a string, got int"


@pytest.mark.parametrize("cls", SPAN_CLASSES)
@pytest.mark.parametrize("text", [" ", "  ", "\u00a0", "é", "11", "l'œuvre", "\U0001f600"])
def test_span_accepts_spaces_and_any_printable_text(cls: type, text: str) -> None:
    assert cls(text=text).text == text


def test_spans_are_frozen_and_keyword_only() -> None:
    span = Text(text="a")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        span.text = "b"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Text("a")  # type: ignore[misc]


# --- links ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.org/",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG/path?q=1#frag",
        "https://example.org/a?b=1&c=%20",
        "mailto:contact@example.org",
        "mailto:contact@example.org?subject=Hello",
        "MAILTO:contact@example.org",
    ],
)
def test_link_accepts_web_and_mailto_urls(url: str) -> None:
    link = Link(url=url)
    assert link.url == url
    assert not link.placeholder


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "/relative/path",
        "relative.html",
        "www.example.org",
        "//example.org/x",
        "ftp://example.org/file",
        "https://",
        "https://exa mple.org",
        "mailto:",
        "mailto:not-an-address",
        " #",
        "##",
    ],
)
def test_link_refuses_other_urls(url: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        Link(url=url)
    assert str(caught.value) == (
        f"url: {url!r} is not an absolute http(s) or mailto URL, nor a placeholder ('#' or '')"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/\x00",
        "https://example.org/a\x7fb",
        "https://example.org/a\x85b",
        "https://example.org/a\u2028b",
        "https://example.org/a b",
        'https://example.org/"onmouseover="alert(1)',
        "https://example.org/<script>",
    ],
)
def test_link_refuses_characters_a_url_never_holds(url: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        Link(url=url)
    assert caught.value.field == "url"
    assert str(caught.value) == (
        f"url: {url!r} is not an absolute http(s) or mailto URL, nor a placeholder ('#' or '')"
    )


@pytest.mark.parametrize("url", ["#", ""])
def test_placeholder_links(url: str) -> None:
    link = Link(url=url)
    assert link.placeholder


def test_link_text_is_the_label_else_the_url() -> None:
    assert Link(url="https://example.org/", label="Site").text == "Site"
    assert Link(url="https://example.org/").text == "https://example.org/"


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("", "label: must not be empty"),
        ("   ", "label: must not be empty"),
        ("a\nb", "label: contains the control character U+000A at position 1"),
    ],
)
def test_link_label_is_one_line(label: str, message: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        Link(url="https://example.org/", label=label)
    assert str(caught.value) == message


# --- blocks -----------------------------------------------------------------------------


def test_paragraph_turns_a_string_into_one_text_span() -> None:
    assert Paragraph(spans="Bonjour").spans == (Text(text="Bonjour"),)


def test_paragraph_turns_a_list_into_a_tuple() -> None:
    spans = [Text(text="a"), Emphasis(text="b")]
    assert Paragraph(spans=spans).spans == tuple(spans)


def test_paragraph_refuses_no_spans() -> None:
    with pytest.raises(InvalidValue) as caught:
        Paragraph(spans=[])
    assert str(caught.value) == "spans: must not be empty"


def test_bullet_list_converts_items() -> None:
    bullets = BulletList(items=["one", [Text(text="two"), Link(url="#")]])
    assert bullets.items == ((Text(text="one"),), (Text(text="two"), Link(url="#")))


def test_bullet_list_refuses_no_items() -> None:
    with pytest.raises(InvalidValue) as caught:
        BulletList(items=[])
    assert str(caught.value) == "items: must not be empty"


def test_bullet_list_refuses_an_empty_item_and_names_it() -> None:
    with pytest.raises(InvalidValue) as caught:
        BulletList(items=["one", []])
    assert str(caught.value) == "items[1]: must not be empty"


def test_rich_text_is_false_when_empty() -> None:
    assert not RichText()
    assert RichText.from_paragraphs("a")
    assert RichText(blocks=[Paragraph(spans="a")]).blocks == (Paragraph(spans="a"),)


def test_from_paragraphs_makes_one_paragraph_per_string() -> None:
    text = RichText.from_paragraphs("one", "two")
    assert text.blocks == (Paragraph(spans="one"), Paragraph(spans="two"))


def test_links_in_reading_order() -> None:
    first = Link(url="https://one.example.org/")
    second = Link(url="#", label="second")
    third = Link(url="mailto:three@example.org")
    fourth = Link(url="https://four.example.org/")
    text = RichText(
        blocks=[
            Paragraph(spans=[Text(text="see "), first, Text(text=" and "), second]),
            BulletList(items=[[third], "nothing", [Emphasis(text="x"), fourth]]),
            Paragraph(spans="no link"),
        ]
    )
    assert list(text.links()) == [first, second, third, fourth]


def test_links_of_empty_text() -> None:
    assert list(RichText().links()) == []


# --- renderings -------------------------------------------------------------------------


def sample_text() -> RichText:
    return RichText(
        blocks=[
            Paragraph(
                spans=[
                    Text(text="Le 11"),
                    Superscript(text="e"),
                    Text(text=" forum, "),
                    Emphasis(text="inscription"),
                    Text(text=" : "),
                    Link(url="https://example.org/forum", label="le site"),
                    Text(text=" ou "),
                    Link(url="mailto:forum@example.org"),
                    Text(text=". "),
                    Link(url="#", label="programme"),
                ]
            ),
            BulletList(items=["Lisbonne", [Text(text="Paris "), Link(url="https://paris.fr/")]]),
        ]
    )


def test_to_plain() -> None:
    assert sample_text().to_plain() == (
        "Le 11e forum, inscription : le site (https://example.org/forum)"
        " ou mailto:forum@example.org. programme"
        "\n\n"
        "- Lisbonne\n"
        "- Paris https://paris.fr/"
    )


def test_to_html() -> None:
    assert sample_text().to_html() == (
        "<p>Le 11<sup>e</sup> forum, <em>inscription</em> : "
        '<a href="https://example.org/forum">le site</a> ou '
        '<a href="mailto:forum@example.org">mailto:forum@example.org</a>. programme</p>\n'
        '<ul><li>Lisbonne</li><li>Paris <a href="https://paris.fr/">https://paris.fr/</a></li></ul>'
    )


def test_empty_rich_text_renders_as_nothing() -> None:
    assert RichText().to_plain() == ""
    assert RichText().to_html() == ""


def test_paragraphs_are_separated_by_a_blank_line_in_plain_and_a_newline_in_html() -> None:
    text = RichText.from_paragraphs("one", "two", "three")
    assert text.to_plain() == "one\n\ntwo\n\nthree"
    assert text.to_html() == "<p>one</p>\n<p>two</p>\n<p>three</p>"


def test_html_escapes_text() -> None:
    spans = [
        Text(text='a < b & "c" > d'),
        Emphasis(text="<script>"),
        Superscript(text="&amp;"),
    ]
    assert spans_to_html(spans) == (
        'a &lt; b &amp; "c" &gt; d<em>&lt;script&gt;</em><sup>&amp;amp;</sup>'
    )
    assert spans_to_plain(spans) == 'a < b & "c" > d<script>&amp;'


def test_html_escapes_link_href_and_label() -> None:
    link = Link(url="https://example.org/?a=1&b=2&c='3'", label='<b>"R&D"</b>')
    assert spans_to_html([link]) == (
        '<a href="https://example.org/?a=1&amp;b=2&amp;c=&#x27;3&#x27;">'
        "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;</a>"
    )


def test_html_escapes_an_unlabelled_link_shown_as_its_url() -> None:
    link = Link(url="https://example.org/?q=a&r=b")
    assert spans_to_html([link]) == (
        '<a href="https://example.org/?q=a&amp;r=b">https://example.org/?q=a&amp;r=b</a>'
    )


@pytest.mark.parametrize(
    ("link", "html", "plain"),
    [
        (
            Link(url="#", label="S'inscrire <ici>"),
            "S&#x27;inscrire &lt;ici&gt;",
            "S'inscrire <ici>",
        ),
        (Link(url="", label="programme"), "programme", "programme"),
        (Link(url="#"), "#", "#"),
    ],
)
def test_placeholder_links_render_as_text(link: Link, html: str, plain: str) -> None:
    assert spans_to_html([link]) == html
    assert "<a" not in spans_to_html([link])
    assert spans_to_plain([link]) == plain


def test_unlabelled_link_shows_its_url_once_in_plain_text() -> None:
    assert spans_to_plain([Link(url="https://example.org/")]) == "https://example.org/"


def test_bullet_list_rendering() -> None:
    text = RichText(blocks=[BulletList(items=["a & b", [Emphasis(text="c")]])])
    assert text.to_plain() == "- a & b\n- c"
    assert text.to_html() == "<ul><li>a &amp; b</li><li><em>c</em></li></ul>"

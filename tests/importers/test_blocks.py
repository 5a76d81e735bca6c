"""Plain text to blocks: normalisation, list items, mended page breaks."""

from __future__ import annotations

import pytest

from cdm_newsletter import Severity
from cdm_newsletter.importers.blocks import Block, BlockKind, continues, text_to_blocks

P = BlockKind.PARAGRAPH


def shape(text: str) -> list[tuple[str, int, str]]:
    blocks, _ = text_to_blocks(text, "src")
    return [(block.kind.value, block.line, block.text) for block in blocks]


def test_blank_lines_separate_blocks_and_lines_are_joined() -> None:
    assert shape("Comité de labellisation,\nParis la\nVillette\n\n\nSuite.") == [
        ("paragraph", 1, "Comité de labellisation, Paris la Villette"),
        ("paragraph", 6, "Suite."),
    ]


def test_list_items_and_their_continuations() -> None:
    text = (
        "Les services :\n- l'information ;\n- des ateliers\nsur le numérique ;\n• un stand.\n\nFin."
    )
    assert shape(text) == [
        ("paragraph", 1, "Les services :"),
        ("item", 2, "l'information ;"),
        ("item", 3, "des ateliers sur le numérique ;"),
        ("item", 5, "un stand."),
        ("paragraph", 7, "Fin."),
    ]


def test_a_lone_dash_is_not_an_item() -> None:
    assert shape("-\n\n- \n\n-x") == [
        ("paragraph", 1, "-"),
        ("paragraph", 3, "-"),
        ("paragraph", 5, "-x"),
    ]


def test_item_broken_by_a_blank_line_continues() -> None:
    text = (
        "- un stand de la Chambre sur l'apprentissage en mettant en\n\navant les outils ;\n- suite"
    )
    first, second, third = text_to_blocks(text, "src")[0]
    assert continues(first, second)
    assert not continues(second, third)


@pytest.mark.parametrize(
    "text",
    [
        "Carolina FERREIRA\n\ncarolinaferreira@example.org",
        "Une phrase assez longue pour compter qui se termine.\n\nsuite en minuscules",
        "Une phrase assez longue pour compter et qui continue\n\nhttps://www.example.org",
        "Une phrase assez longue pour compter et qui continue\n\n- un élément",
    ],
)
def test_short_or_finished_blocks_do_not_continue(text: str) -> None:
    first, second = text_to_blocks(text, "src")[0]
    assert not continues(first, second)


def test_line_endings_spaces_and_invisible_characters() -> None:
    blocks, diagnostics = text_to_blocks("\ufeffA\tB\u00a0C\r\nD\rE\u2028F\x00G\x07\n\nH", "src")
    assert [block.lines for block in blocks] == [("A B C", "D", "E", "FG"), ("H",)]
    assert [(d.line, d.severity, d.code, d.message) for d in diagnostics] == [
        (
            4,
            Severity.WARNING,
            "control-character",
            "removed the invisible character(s) U+0000, U+0007",
        )
    ]


def test_non_characters_are_removed_like_controls() -> None:
    blocks, diagnostics = text_to_blocks("A\ufdd0B\U0004fffeC\U0010ffff", "src")
    assert blocks == [Block(kind=P, lines=("ABC",), line=1)]
    assert [d.message for d in diagnostics] == [
        "removed the invisible character(s) U+FDD0, U+4FFFE, U+10FFFF"
    ]


def test_first_line_offset() -> None:
    blocks, diagnostics = text_to_blocks("\nA\x01", "src", first_line=5)
    assert blocks == [Block(kind=P, lines=("A",), line=6, blank_lines_before=1)]
    assert diagnostics[0].line == 6


def test_blank_lines_before_each_block() -> None:
    blocks, _ = text_to_blocks("A\n\n\nB\n\nC\n- d\n", "src")
    assert [(b.text, b.blank_lines_before) for b in blocks] == [
        ("A", 0),
        ("B", 2),
        ("C", 1),
        ("d", 0),
    ]

"""Parsing and emitting JSON, YAML and TOML: positions in syntax errors, strictness, determinism."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdm_newsletter import InvalidSyntax
from cdm_newsletter.dataformats import (
    emit_json,
    emit_toml,
    emit_yaml,
    parse_json,
    parse_toml,
    parse_yaml,
)
from cdm_newsletter.testing.strategies import line_characters


def syntax_error(parse: object, data: bytes) -> InvalidSyntax:
    with pytest.raises(InvalidSyntax) as caught:
        parse(data, "src")  # type: ignore[operator]
    return caught.value


def test_truncated_json_names_line_and_column() -> None:
    error = syntax_error(parse_json, b'{"id": "2018-12",\n "title": ')
    assert (error.line, error.column) == (2, 11)
    assert str(error) == "src: line 2, column 11: Expecting value"


def test_json_duplicate_keys_are_refused() -> None:
    assert str(syntax_error(parse_json, b'{"a": 1, "a": 2}')) == "src: duplicate key 'a'"


@pytest.mark.parametrize(
    ("constant", "message"),
    [
        (b"NaN", "src: NaN is not allowed in JSON"),
        (b"Infinity", "src: Infinity is not allowed in JSON"),
        (b"-Infinity", "src: -Infinity is not allowed in JSON"),
    ],
)
def test_json_non_finite_numbers_are_refused(constant: bytes, message: str) -> None:
    assert str(syntax_error(parse_json, b'{"a": ' + constant + b"}")) == message


def test_json_deep_nesting_is_a_clear_error() -> None:
    assert str(syntax_error(parse_json, b"[" * 100_000 + b"]" * 100_000)) == "src: nested too deep"


def test_invalid_utf8_names_the_byte() -> None:
    error = syntax_error(parse_json, b'{"a":\n "caf\xe9"}')
    assert str(error) == "src: line 2, column 6: not valid UTF-8 (byte 0xE9)"


def test_byte_order_mark_is_accepted() -> None:
    assert parse_json(b'\xef\xbb\xbf{"a": 1}', "src") == {"a": 1}
    assert parse_yaml(b"\xef\xbb\xbfa: 1\n", "src") == {"a": 1}
    assert parse_toml(b"\xef\xbb\xbfa = 1\n", "src") == {"a": 1}


def test_yaml_syntax_error_position() -> None:
    error = syntax_error(parse_yaml, b"id: 2018-12\ntitle: [unclosed\n")
    assert error.line == 3
    # The reason is libyaml's wording, or pure-Python PyYAML's when built without libyaml.
    assert re.fullmatch(r"src: line 3, column 1: .+", str(error))


def test_yaml_dates_stay_strings() -> None:
    assert parse_yaml(b"date: 2018-12-15\nwhen: 2019-05-16 14:00:00\n", "src") == {
        "date": "2018-12-15",
        "when": "2019-05-16 14:00:00",
    }


def test_yaml_duplicate_keys_are_refused() -> None:
    error = syntax_error(parse_yaml, b"title: a\nid: b\ntitle: c\n")
    assert str(error) == "src: line 3, column 1: duplicate key 'title'"


def test_yaml_aliases_are_refused() -> None:
    bomb = b"a: &a [x, x]\nb: [*a, *a]\n"
    assert str(syntax_error(parse_yaml, bomb)) == (
        "src: line 1, column 4: this anchored value is used again through an alias (*name);"
        " aliases are not allowed"
    )


def test_yaml_anchor_without_alias_is_fine() -> None:
    assert parse_yaml(b"a: &a [x]\n", "src") == {"a": ["x"]}


def test_yaml_merge_keys_are_not_expanded() -> None:
    assert parse_yaml(b"a: {x: 1}\nb: {<<: {y: 2}}\n", "src") == {
        "a": {"x": 1},
        "b": {"<<": {"y": 2}},
    }


def test_yaml_python_tags_are_refused() -> None:
    error = syntax_error(parse_yaml, b"a: !!python/object/apply:os.system ['true']\n")
    assert str(error) == (
        "src: line 1, column 4: the tag !!python/object/apply:os.system is not allowed: "
        "a source holds plain data only (mappings, lists, strings, numbers, booleans)"
    )
    error = syntax_error(parse_yaml, b"a: !local x\n")
    assert str(error) == (
        "src: line 1, column 4: the tag !local is not allowed: "
        "a source holds plain data only (mappings, lists, strings, numbers, booleans)"
    )


def test_yaml_control_character_is_reported() -> None:
    error = syntax_error(parse_yaml, b"a: b\x07c\n")
    assert str(error) == "src: line 1, column 5: the character U+0007 is not allowed in YAML"


def test_toml_syntax_error_position() -> None:
    error = syntax_error(parse_toml, b'id = "2018-12"\ntitle =\n')
    assert (error.line, error.column) == (2, 8)
    assert str(error) == "src: line 2, column 8: Invalid value"


# The model's text never holds controls or line separators, which YAML normalises.
model_texts = st.text(line_characters)
plain_data = st.recursive(
    st.none() | st.booleans() | st.integers() | model_texts,
    lambda children: st.lists(children) | st.dictionaries(model_texts, children),
    max_leaves=20,
)


@given(plain_data)
def test_json_round_trip(data: object) -> None:
    assert parse_json(emit_json(data), "src") == data


@given(plain_data)
def test_yaml_round_trip(data: object) -> None:
    assert parse_yaml(emit_yaml(data), "src") == data


@given(st.dictionaries(st.text(), st.lists(st.text() | st.integers())))
def test_toml_round_trip(data: dict[str, object]) -> None:
    assert parse_toml(emit_toml(data), "src") == data


def test_emitters_keep_key_order_and_end_with_newline() -> None:
    data = {"z": 1, "a": [1, 2]}
    assert emit_json(data) == b'{\n  "z": 1,\n  "a": [\n    1,\n    2\n  ]\n}\n'
    assert emit_yaml(data) == b"z: 1\na:\n  - 1\n  - 2\n"
    assert emit_toml(data).startswith(b"z = 1\n")

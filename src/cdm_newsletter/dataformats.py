"""JSON, YAML and TOML documents to plain data and back.

Parsing is strict and safe: duplicate keys are errors, YAML builds no Python
objects, takes no aliases and reads dates as plain strings (the converter reads
them), and a syntax error names the source, line and column. Emitting is
deterministic: the same data always gives the same bytes, in UTF-8.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from typing import Any

import tomli_w
import yaml

from .errors import InvalidSyntax

__all__ = [
    "decode_utf8",
    "emit_json",
    "emit_toml",
    "emit_yaml",
    "parse_json",
    "parse_toml",
    "parse_yaml",
]

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def decode_utf8(data: bytes, source: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark), naming the first bad byte's place."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        reason = f"not valid UTF-8 (byte 0x{data[exc.start]:02X})"
        raise InvalidSyntax(source, line, column, reason) from None


# --- JSON ------------------------------------------------------------------------------


_TOO_MANY_DIGITS = re.compile(r"Exceeds the limit \((\d+) digits\) for integer string conversion")


def _value_error_message(exc: ValueError) -> str:
    """A ValueError of a parser, said for a user (Python's advice on its own limits left out)."""
    digits = _TOO_MANY_DIGITS.search(str(exc))
    if digits is not None:
        return f"a number has more than {int(digits.group(1)):,} digits"
    return str(exc)


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not allowed in JSON")


def parse_json(data: bytes, source: str) -> Any:
    """Parse a JSON document.

    Raises:
        InvalidSyntax: the document is not valid JSON, holds a duplicate key,
            ``NaN`` or ``Infinity``, or is nested too deep.
    """
    text = decode_utf8(data, source)

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise ValueError(f"duplicate key {key!r}")
            result[key] = value
        return result

    try:
        return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise InvalidSyntax(source, exc.lineno, exc.colno, exc.msg) from None
    except RecursionError:
        raise InvalidSyntax(source, None, None, "nested too deep") from None
    except ValueError as exc:
        raise InvalidSyntax(source, None, None, _value_error_message(exc)) from None


def emit_json(data: Any) -> bytes:
    """Write plain data as indented UTF-8 JSON, keys in their given order, ending in a newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- YAML ------------------------------------------------------------------------------


# libyaml's parser when PyYAML was built with it (ten times faster), else the pure-Python one.
_YamlBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_YamlBase):  # type: ignore[misc]
    """PyYAML's safe loader without aliases, duplicate keys, or implicit timestamps."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            # Only an alias (*name) reaches a node a second time: refused, as they
            # make the data a graph, and a few lines of them expand to billions of values.
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "this anchored value is used again through an alias (*name);"
                " aliases are not allowed",
                node.start_mark,
            )
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping, found {node.id}", node.start_mark
            )
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (list, dict)):
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value", key_node.start_mark
                )
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def _refuse_tag(loader: Any, node: Any) -> Any:
    tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
    raise yaml.constructor.ConstructorError(
        None,
        None,
        f"the tag {tag} is not allowed: a source holds plain data only (mappings, lists, "
        "strings, numbers, booleans)",
        node.start_mark,
    )


# Any tag the safe loader does not know (!!python/object..., !custom) is refused in words.
_StrictLoader.add_constructor(None, _refuse_tag)

# Dates stay strings: the converter reads them, the same way for every format. And "<<" is
# a plain key: merge keys only make sense with aliases.
_PLAIN_TAGS = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge")
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _PLAIN_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_yaml(data: bytes, source: str) -> Any:
    """Parse a YAML document (one document, safe tags only, no aliases).

    Raises:
        InvalidSyntax: the document is not valid YAML, or uses what is refused.
    """
    text = decode_utf8(data, source)
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "invalid YAML"
        if mark is None:
            raise InvalidSyntax(source, None, None, reason) from None
        raise InvalidSyntax(source, mark.line + 1, mark.column + 1, reason) from None
    except yaml.reader.ReaderError as exc:
        reason = (
            f"the character U+{exc.character:04X} is not allowed in YAML"
            if isinstance(exc.character, int)
            else str(exc)
        )
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        raise InvalidSyntax(source, line, column, reason) from None
    except yaml.YAMLError as exc:
        raise InvalidSyntax(source, None, None, str(exc)) from None
    except RecursionError:
        raise InvalidSyntax(source, None, None, "nested too deep") from None


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, indenting lists inside mappings as people write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def emit_yaml(data: Any) -> bytes:
    """Write plain data as block-style UTF-8 YAML, keys in their given order."""
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return text.encode("utf-8")


# --- TOML ------------------------------------------------------------------------------


def parse_toml(data: bytes, source: str) -> Any:
    """Parse a TOML document.

    Raises:
        InvalidSyntax: the document is not valid TOML.
    """
    text = decode_utf8(data, source)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line: int | None = getattr(exc, "lineno", None)
        column: int | None = getattr(exc, "colno", None)
        position = _TOML_POSITION.search(message)
        if position is not None:
            message = message[: position.start()]
            line, column = int(position.group(1)), int(position.group(2))
        raise InvalidSyntax(source, line, column, getattr(exc, "msg", message)) from None
    except RecursionError:
        raise InvalidSyntax(source, None, None, "nested too deep") from None
    except ValueError as exc:  # a number too long to convert
        raise InvalidSyntax(source, None, None, _value_error_message(exc)) from None


def emit_toml(data: Any) -> bytes:
    """Write plain data (a mapping at the top) as UTF-8 TOML."""
    return tomli_w.dumps(data).encode("utf-8")


EMITTERS: dict[str, Callable[[Any], bytes]] = {
    "json": emit_json,
    "yaml": emit_yaml,
    "toml": emit_toml,
}
"""The emitter of each data format, by name."""

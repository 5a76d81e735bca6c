"""Importers of issues written as structured data: JSON, YAML and TOML."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..convert import issue_from_data
from ..dataformats import parse_json, parse_toml, parse_yaml
from ..model import Issue
from .base import ImportOptions

__all__ = ["JsonImporter", "TomlImporter", "YamlImporter"]

_BOM = b"\xef\xbb\xbf"


class _StructuredImporter:
    """An importer that parses a data format, then converts the data to an issue."""

    name: str
    description: str
    suffixes: tuple[str, ...]
    _parse: Callable[[bytes, str], Any]
    _head: re.Pattern[bytes]

    def sniff(self, head: bytes) -> bool:
        """Tell whether ``head`` starts like a document of this format."""
        return self._head.match(head.removeprefix(_BOM)) is not None

    def load(self, data: bytes, *, source: str, options: ImportOptions | None = None) -> Issue:
        """Parse ``data`` and convert it to an issue (see :func:`issue_from_data`).

        The data says everything about the issue, so ``options`` is not used.
        """
        return issue_from_data(type(self)._parse(data, source), source=source)


class JsonImporter(_StructuredImporter):
    """An issue as a JSON object (the canonical data that the ``json`` exporter writes)."""

    name = "json"
    description = "an issue as JSON data (the canonical form of the model)"
    suffixes = (".json",)
    _parse = staticmethod(parse_json)
    _head = re.compile(rb"\s*\{")


class YamlImporter(_StructuredImporter):
    """An issue as a YAML mapping, the friendliest form to write by hand."""

    name = "yaml"
    description = "an issue as YAML data, written by hand"
    suffixes = (".yaml", ".yml")
    _parse = staticmethod(parse_yaml)
    _head = re.compile(rb"(?:\s*#[^\n]*\n)*\s*(?:---|%YAML|[A-Za-z_][\w-]*:[ \n])")


class TomlImporter(_StructuredImporter):
    """An issue as a TOML document."""

    name = "toml"
    description = "an issue as TOML data"
    suffixes = (".toml",)
    _parse = staticmethod(parse_toml)
    _head = re.compile(rb"(?:\s*#[^\n]*\n)*\s*(?:\[[\w.\"-]+\]|[A-Za-z_][\w-]*\s*=)")

"""Validators shared by the model classes (attrs validator signature).

Each raises :class:`~cdm_newsletter.errors.InvalidValue` naming the field, so a
converter can report the full path of the faulty value.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import attrs

from ..errors import InvalidValue

NONCHARACTERS = "".join(map(chr, range(0xFDD0, 0xFDF0))) + "".join(
    chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17)
)
"""The 66 Unicode non-characters, one after the other (none is special in a regex class).

They are for a program's internal use: HTML calls them a parse error, and no text holds them.
"""

# C0 and C1 controls, DEL, lone surrogates, the non-characters and the Unicode line and
# paragraph separators: none may sit in a field that holds one line.
_NOT_IN_A_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029{NONCHARACTERS}]")
# The same, except the line feed, for the few fields that hold several lines.
_NOT_IN_TEXT = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029{NONCHARACTERS}]")

_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
# Characters a URL never holds unencoded: space and controls, the characters RFC 3986
# excludes, and those that break the formats URLs end up in.
_NOT_IN_URL = '\x00-\x20\x7f-\x9f"<>\\\\^`{|}\u2028\u2029\ud800-\udfff' + NONCHARACTERS
_WEB_URL = re.compile(
    rf"https?://[^{_NOT_IN_URL}/?#@:\[\]]+(?::[0-9]{{1,5}})?(?:[/?#][^{_NOT_IN_URL}]*)?",
    re.IGNORECASE,
)
_IDENTIFIER = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?")
_DEVICE_NAME = re.compile(r"con|prn|aux|nul|com[0-9]|lpt[0-9]")
_COUNTRY = re.compile(r"[A-Z]{2}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")

PLACEHOLDER_URLS = ("", "#")
"""Link targets that stand for a link the editors have not filled in yet."""


_CHARACTER_NAMES = {"\u2028": "the line separator", "\u2029": "the paragraph separator"}


def _describe_bad_character(char: str) -> str:
    if "\ud800" <= char <= "\udfff":
        return f"a lone surrogate U+{ord(char):04X}"
    if char in NONCHARACTERS:
        return f"the non-character U+{ord(char):04X}"
    return f"{_CHARACTER_NAMES.get(char, 'the control character')} U+{ord(char):04X}"


def _check_characters(
    attribute: attrs.Attribute[Any], value: str, forbidden: re.Pattern[str]
) -> None:
    bad = forbidden.search(value)
    if bad is not None:
        reason = f"contains {_describe_bad_character(bad.group())} at position {bad.start()}"
        raise InvalidValue(attribute.name, reason)


def line(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Require one non-empty line of text, free of control characters."""
    if not isinstance(value, str):
        raise InvalidValue(attribute.name, f"expected a string, got {type(value).__name__}")
    if not value.strip():
        raise InvalidValue(attribute.name, "must not be empty")
    _check_characters(attribute, value, _NOT_IN_A_LINE)


def span_text(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Require a run of inline text: not empty (a lone space counts), no control characters."""
    if not isinstance(value, str):
        raise InvalidValue(attribute.name, f"expected a string, got {type(value).__name__}")
    if not value:
        raise InvalidValue(attribute.name, "must not be empty")
    _check_characters(attribute, value, _NOT_IN_A_LINE)


def optional_line(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """Require ``None`` or one non-empty line of text."""
    if value is not None:
        line(instance, attribute, value)


def optional_text(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """Require ``None`` or text of one or more lines, free of other control characters."""
    if value is None:
        return
    if not value.strip():
        raise InvalidValue(attribute.name, "must not be empty")
    _check_characters(attribute, value, _NOT_IN_TEXT)


def is_email(value: str) -> bool:
    """Tell whether ``value`` is a plausible e-mail address (``local@domain.tld``)."""
    return _EMAIL.fullmatch(value) is not None


def optional_email(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """Require ``None`` or an e-mail address."""
    if value is not None and not is_email(value):
        raise InvalidValue(attribute.name, f"{value!r} is not an e-mail address")


def is_web_url(value: str) -> bool:
    """Tell whether ``value`` is an absolute http or https URL."""
    if _WEB_URL.fullmatch(value) is None:
        return False
    try:  # what the pattern lets through, the URL parser every output uses must read too
        parts = urlsplit(value)
        return bool(parts.hostname) and (parts.port is None or parts.port < 65536)
    except ValueError:  # a bracket in the host ("Invalid IPv6 URL"), a port out of range
        return False


def optional_web_url(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """Require ``None`` or an absolute http(s) URL."""
    if value is not None and not is_web_url(value):
        raise InvalidValue(attribute.name, f"{value!r} is not an absolute http(s) URL")


def link_url(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Require an absolute http(s) URL, a ``mailto:`` URL, or a placeholder (``#`` or empty)."""
    if value in PLACEHOLDER_URLS or is_web_url(value):
        return
    if value[:7].lower() == "mailto:" and is_email(value[7:].split("?", 1)[0]):
        return
    raise InvalidValue(
        attribute.name,
        f"{value!r} is not an absolute http(s) or mailto URL, nor a placeholder ('#' or '')",
    )


def identifier(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Require a stable id: lower-case ASCII letters, digits and inner hyphens, 1 to 120 long."""
    if not isinstance(value, str) or _IDENTIFIER.fullmatch(value) is None:
        raise InvalidValue(
            attribute.name,
            f"{value!r} is not an id (lower-case letters, digits and inner hyphens, at most 120)",
        )
    if _DEVICE_NAME.fullmatch(value):
        raise InvalidValue(
            attribute.name,
            f"{value!r} is a name Windows reserves for a device, and ids name files: "
            "choose another id",
        )


def optional_timezone(
    _instance: object, attribute: attrs.Attribute[Any], value: str | None
) -> None:
    """Require ``None`` or the name of an IANA time zone known to this Python (``Europe/Paris``)."""
    if value is None:
        return
    if is_timezone(value):
        return
    raise InvalidValue(attribute.name, f"{value!r} is not an IANA time zone name")


def is_timezone(value: str) -> bool:
    """Tell whether ``value`` names an IANA time zone."""
    if not value or value.startswith(("/", ".")) or ".." in value or "\\" in value:
        return False
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def optional_country(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """Require ``None`` or an ISO 3166-1 alpha-2 country code in capitals (``FR``)."""
    if value is not None and _COUNTRY.fullmatch(value) is None:
        raise InvalidValue(
            attribute.name, f"{value!r} is not a two-letter country code such as 'FR'"
        )


def language_tag(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Require a BCP 47 language tag such as ``fr`` or ``fr-BE``."""
    if _LANGUAGE.fullmatch(value) is None:
        raise InvalidValue(
            attribute.name, f"{value!r} is not a language tag such as 'fr' or 'fr-BE'"
        )


def not_empty(
    _instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]
) -> None:
    """Require a collection with at least one item."""
    if not value:
        raise InvalidValue(attribute.name, "must not be empty")


def as_tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    """Converter: store any iterable given for a collection field as a tuple.

    Typed loosely on purpose: the attrs mypy plugin cannot carry a generic
    converter's item type, and the field's own annotation says what it holds.
    """
    return tuple(items)

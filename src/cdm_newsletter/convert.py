"""The one cattrs converter between the model and plain data (dicts, lists, strings).

Plain data is what JSON, YAML and TOML hold. The converter is strict: unknown
keys are errors and nothing is coerced silently (``None`` is not ``'None'``,
``3.9`` is not ``3``). Every failure is collected and reported as an
:class:`~cdm_newsletter.errors.InvalidData` that lists each faulty field path.

Rich text has a compact form that reads well when written by hand:

* a line of spans (a title, a paragraph, a list item) is a string when it is
  plain text, else a list whose items are strings (plain text), ``{em: ...}``,
  ``{sup: ...}`` or a link ``{url: ..., label: ...}``;
* rich text is a list of blocks; a block is a string or ``{paragraph: <spans>}``
  for a paragraph, or ``{list: [<spans>, ...]}`` for a bullet list.

Data written by :func:`issue_to_data` always carries explicit ids; data read by
:func:`issue_from_data` may leave them out, and they are then derived by the
rule of :mod:`cdm_newsletter.model.identity`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
from cattrs import Converter
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .errors import InvalidData, InvalidValue, Problem
from .model import Issue
from .model.identity import derive_article_id, derive_event_id, unique_id
from .model.text import (
    Block,
    BulletList,
    Emphasis,
    Link,
    Paragraph,
    RichText,
    Span,
    Spans,
    Superscript,
    Text,
    spans_to_plain,
)

__all__ = ["converter", "issue_from_data", "issue_to_data", "make_converter"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?")
_UNRESOLVED_ID = "unresolved"  # stands in for an id that cannot be derived from bad data


class WrongType(TypeError):
    """A value of the wrong kind was found where the schema expects another."""

    def __init__(self, expected: str, value: object) -> None:
        super().__init__(f"expected {expected}, got {_describe(value)}")


def _describe(value: object) -> str:
    """Describe a plain-data value in the words of JSON and YAML."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return repr(text)
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, (bytes, bytearray)):
        return "binary data"
    return f"a {type(value).__name__}"


# --- scalars ---------------------------------------------------------------------------


def _structure_str(value: object, _type: object) -> str:
    if type(value) is not str:
        raise WrongType("a string", value)
    return value


def _structure_bool(value: object, _type: object) -> bool:
    if type(value) is not bool:
        raise WrongType("true or false", value)
    return value


def _structure_int(value: object, _type: object) -> int:
    if type(value) is not int:
        raise WrongType("a whole number", value)
    return value


def _structure_date(value: object, _type: object) -> dt.date:
    if type(value) is dt.date:
        return value
    if not isinstance(value, str) or _DATE.fullmatch(value) is None:
        raise WrongType("a date as YYYY-MM-DD", value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None


def _structure_datetime(value: object, _type: object) -> dt.datetime:
    if type(value) is dt.datetime:
        return value
    if not isinstance(value, str) or _DATETIME.fullmatch(value) is None:
        raise WrongType("a local date and time as YYYY-MM-DDTHH:MM", value)
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date and time") from None


def _structure_date_or_datetime(value: object, type_: object) -> dt.date | None:
    if value is None and type(None) in _union_members(type_):
        return None
    if isinstance(value, dt.datetime) or (isinstance(value, str) and "T" in value):
        return _structure_datetime(value, dt.datetime)
    if isinstance(value, (dt.date, str)):
        return _structure_date(value, dt.date)
    raise WrongType("a date as YYYY-MM-DD or a date and time as YYYY-MM-DDTHH:MM", value)


def _unstructure_date(value: dt.date) -> str:
    if isinstance(value, dt.datetime) and not (value.second or value.microsecond):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def _is_date_union(type_: object) -> bool:
    return _union_members(type_) - {type(None)} == {dt.date, dt.datetime}


def _union_members(type_: object) -> set[object]:
    if typing.get_origin(type_) in (typing.Union, types.UnionType):
        return set(typing.get_args(type_))
    return set()


def _enum_hook_factory(enum_type: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    by_value = {member.value: member for member in enum_type}
    expected = "one of " + ", ".join(repr(value) for value in by_value)

    def structure_enum(value: object, _type: object) -> enum.Enum:
        if isinstance(value, str) and value in by_value:
            return by_value[value]
        raise WrongType(expected, value)

    return structure_enum


def _is_enum(type_: object) -> bool:
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


# --- collections -----------------------------------------------------------------------


def _structure_each(
    items: object, structure_item: Callable[[object], Any], item_type: object
) -> tuple[Any, ...]:
    """Structure every item of a list, collecting every failure with its index."""
    if not isinstance(items, (list, tuple)):
        raise WrongType("a list", items)
    results = []
    errors: list[Exception] = []
    for index, item in enumerate(items):
        try:
            results.append(structure_item(item))
        except Exception as exc:
            note = IterableValidationNote(f"Structuring item @ index {index}", index, item_type)
            exc.__notes__ = [*getattr(exc, "__notes__", []), note]
            errors.append(exc)
    if errors:
        raise IterableValidationError("While structuring a list", errors, tuple)
    return tuple(results)


def _structure_key(
    mapping: Mapping[str, object], key: str, structure_value: Callable[[object], Any]
) -> Any:
    """Structure one entry of a mapping, so that a failure's path names the key."""
    try:
        return structure_value(mapping[key])
    except Exception as exc:
        note = AttributeValidationNote(f"Structuring key {key}", key, object)
        exc.__notes__ = [*getattr(exc, "__notes__", []), note]
        raise ClassValidationError(f"While structuring {key}", [exc], dict) from None


def _is_homogeneous_tuple(type_: object) -> bool:
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


# --- rich text -------------------------------------------------------------------------

_SPAN_FORMS = "a string, {em: ...}, {sup: ...} or a link {url: ..., label: ...}"


def _only_key(value: Mapping[str, object], key: str) -> None:
    if set(value) != {key}:
        extra = sorted(str(name) for name in set(value) - {key})
        raise ValueError(f"unknown field(s) {', '.join(extra)} beside {key!r}")


class _RichTextHooks:
    """Structure and unstructure the compact form of rich text."""

    def __init__(self, converter: Converter) -> None:
        self._converter = converter

    def structure_span(self, value: object) -> Span:
        if isinstance(value, str):
            return Text(text=value)
        if isinstance(value, Mapping):
            if "em" in value:
                _only_key(value, "em")
                return Emphasis(text=_structure_key(value, "em", _as_str))
            if "sup" in value:
                _only_key(value, "sup")
                return Superscript(text=_structure_key(value, "sup", _as_str))
            if "url" in value:
                return self._converter.structure(value, Link)
        raise WrongType(_SPAN_FORMS, value)

    def structure_spans(self, value: object, _type: object = None) -> Spans:
        if isinstance(value, str):
            return (Text(text=value),)
        if not isinstance(value, (list, tuple)) or not value:
            raise WrongType(f"a string or a non-empty list of {_SPAN_FORMS}", value)
        return _structure_each(value, self.structure_span, Span)

    def structure_block(self, value: object) -> Block:
        if isinstance(value, str):
            return Paragraph(spans=self.structure_spans(value))
        if isinstance(value, Mapping):
            if "paragraph" in value:
                _only_key(value, "paragraph")
                return Paragraph(spans=_structure_key(value, "paragraph", self.structure_spans))
            if "list" in value:
                _only_key(value, "list")
                items = _structure_key(
                    value, "list", lambda items: _structure_each(items, self.structure_spans, Spans)
                )
                return BulletList(items=items)
        raise WrongType("a string, {paragraph: ...} or {list: [...]}", value)

    def structure_rich_text(self, value: object, _type: object = None) -> RichText:
        return RichText(blocks=_structure_each(value, self.structure_block, Block))

    @staticmethod
    def unstructure_span(span: Span) -> object:
        if isinstance(span, Text):
            return span.text
        if isinstance(span, Emphasis):
            return {"em": span.text}
        if isinstance(span, Superscript):
            return {"sup": span.text}
        link: dict[str, str] = {"url": span.url}
        if span.label is not None:
            link["label"] = span.label
        return link

    def unstructure_spans(self, spans: Spans) -> object:
        if len(spans) == 1 and isinstance(spans[0], Text):
            return spans[0].text
        return [self.unstructure_span(span) for span in spans]

    def unstructure_block(self, block: Block) -> object:
        if isinstance(block, BulletList):
            return {"list": [self.unstructure_spans(item) for item in block.items]}
        if len(block.spans) == 1 and isinstance(block.spans[0], Text):
            return block.spans[0].text
        return {"paragraph": self.unstructure_spans(block.spans)}

    def unstructure_rich_text(self, text: RichText) -> object:
        return [self.unstructure_block(block) for block in text.blocks]


def _as_str(value: object) -> str:
    return _structure_str(value, str)


# --- attrs classes ---------------------------------------------------------------------


def _omitted_when_empty(attribute: attrs.Attribute[Any]) -> bool:
    default = attribute.default
    return default is None or (isinstance(default, (tuple, RichText)) and not default)


def _make_attrs_hooks(converter: Converter) -> None:
    def structure_factory(cls: type) -> Callable[[object, object], Any]:
        generated: Callable[[Mapping[str, Any], Any], Any] = make_dict_structure_fn(
            cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
        )

        def structure_class(value: object, _type: object) -> Any:
            if not isinstance(value, Mapping):
                raise WrongType("a mapping", value)
            return generated(value, cls)

        return structure_class

    def unstructure_factory(cls: type) -> Callable[[Any], dict[str, Any]]:
        overrides: dict[str, Any] = {
            attribute.name: override(omit_if_default=True)
            for attribute in attrs.fields(cls)
            if _omitted_when_empty(attribute)
        }
        generated: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
            cls, converter, **overrides
        )
        order = [attribute.name for attribute in attrs.fields(cls)]

        def unstructure_class(instance: Any) -> dict[str, Any]:
            data = generated(instance)
            # cattrs puts the omissible fields last; keep the order of the model instead.
            return {name: data[name] for name in order if name in data}

        return unstructure_class

    converter.register_structure_hook_factory(attrs.has, structure_factory)
    converter.register_unstructure_hook_factory(attrs.has, unstructure_factory)


# --- ids -------------------------------------------------------------------------------


def _with_derived_ids(
    raw: Mapping[str, Any], structure_spans: Callable[[object], Spans]
) -> dict[str, Any]:
    """Return a copy of raw issue data in which every missing article and event id is derived.

    Only well-formed parts are touched: what cannot be read is left for the
    converter to report, and an id that cannot be derived from bad data gets a
    stand-in, so that the report names the bad data and not the missing id.
    """
    issue_id = raw.get("id")
    if not isinstance(issue_id, str):
        return dict(raw)
    data = dict(raw)
    agenda = _list_of_mappings(data.get("agenda"))
    sections = _list_of_mappings(data.get("sections"))
    articles_by_section = [_list_of_mappings(section.get("articles")) for section in sections]
    items = agenda + [article for articles in articles_by_section for article in articles]
    taken = {item["id"] for item in items if isinstance(item.get("id"), str)}

    def fill(item: dict[str, Any], derive: Callable[[dict[str, Any]], str]) -> None:
        if "id" in item:
            return
        try:
            candidate = derive(item)
        except Exception:
            candidate = _UNRESOLVED_ID
        item["id"] = unique_id(candidate, taken)
        taken.add(item["id"])

    def event_id(item: dict[str, Any]) -> str:
        when = item.get("when")
        start = None if when is None else _structure_date_or_datetime(when["start"], dt.date)
        return derive_event_id(issue_id, _as_str(item["title"]), start)

    def article_id(item: dict[str, Any]) -> str:
        return derive_article_id(issue_id, spans_to_plain(structure_spans(item["title"])))

    for event in agenda:
        fill(event, event_id)
    for article in (article for articles in articles_by_section for article in articles):
        fill(article, article_id)

    if isinstance(data.get("agenda"), list):
        data["agenda"] = _replace_mappings(data["agenda"], agenda)
    if isinstance(data.get("sections"), list):
        rebuilt = []
        mapping_index = 0
        for section in data["sections"]:
            if isinstance(section, Mapping):
                section = dict(section)
                if isinstance(section.get("articles"), list):
                    section["articles"] = _replace_mappings(
                        section["articles"], articles_by_section[mapping_index]
                    )
                mapping_index += 1
            rebuilt.append(section)
        data["sections"] = rebuilt
    return data


def _list_of_mappings(value: object) -> list[dict[str, Any]]:
    """Copies of the mappings in ``value`` when it is a list, else nothing."""
    if not isinstance(value, list):
        return []
    return [dict(item) for item in value if isinstance(item, Mapping)]


def _replace_mappings(original: Sequence[object], copies: list[dict[str, Any]]) -> list[object]:
    """``original`` with its mappings replaced, in order, by ``copies``."""
    replacements = iter(copies)
    return [next(replacements) if isinstance(item, Mapping) else item for item in original]


# --- the converter ---------------------------------------------------------------------


def make_converter() -> Converter:
    """Build the strict converter between the model and plain data.

    Returns:
        A new :class:`cattrs.Converter`; most code uses the shared :data:`converter`.
    """
    converter = Converter()
    _make_attrs_hooks(converter)
    rich_text = _RichTextHooks(converter)

    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_structure_hook(dt.datetime, _structure_datetime)
    converter.register_structure_hook_func(_is_date_union, _structure_date_or_datetime)
    converter.register_unstructure_hook(dt.date, _unstructure_date)
    converter.register_unstructure_hook(dt.datetime, _unstructure_date)
    converter.register_structure_hook_factory(_is_enum, _enum_hook_factory)

    def tuple_factory(type_: object) -> Callable[[object, object], tuple[Any, ...]]:
        item_type = typing.get_args(type_)[0]
        structure_item = converter.get_structure_hook(item_type)
        return lambda value, _type: _structure_each(
            value, lambda item: structure_item(item, item_type), item_type
        )

    # Registered before the rich-text hooks, which must win for ``Spans`` (a tuple too).
    converter.register_structure_hook_factory(_is_homogeneous_tuple, tuple_factory)

    converter.register_structure_hook_func(lambda t: t == Spans, rich_text.structure_spans)
    converter.register_unstructure_hook_func(lambda t: t == Spans, rich_text.unstructure_spans)
    converter.register_structure_hook(RichText, rich_text.structure_rich_text)
    converter.register_unstructure_hook(RichText, rich_text.unstructure_rich_text)

    issue_hook = converter.get_structure_hook(Issue)

    def structure_issue(value: object, _type: object) -> Issue:
        if isinstance(value, Mapping):
            value = _with_derived_ids(value, rich_text.structure_spans)
        return typing.cast(Issue, issue_hook(value, Issue))

    converter.register_structure_hook(Issue, structure_issue)
    return converter


converter = make_converter()
"""The converter every part of cdm_newsletter uses."""


# --- errors ----------------------------------------------------------------------------


def problems_of(exc: BaseException, path: str = "$") -> list[Problem]:
    """Flatten a structuring failure into one :class:`Problem` per faulty field path."""
    if isinstance(exc, BaseValidationError):
        problems = []
        for sub in exc.exceptions:
            problems.extend(problems_of(sub, _path_with_note(path, sub)))
        return problems
    if isinstance(exc, ForbiddenExtraKeysError):
        expected = (
            ", ".join(sorted(a.name for a in attrs.fields(exc.cl))) if attrs.has(exc.cl) else ""
        )
        return [
            Problem(f"{path}.{name}", f"unknown field; expected one of: {expected}")
            for name in sorted(exc.extra_fields, key=str)
        ]
    if isinstance(exc, InvalidValue):
        separator = "" if exc.field.startswith("[") else "."
        return [Problem(f"{path}{separator}{exc.field}", exc.reason)]
    if isinstance(exc, KeyError) and _note_of(exc) is not None:
        return [Problem(path, "required field missing")]
    return [Problem(path, str(exc) or type(exc).__name__)]


def _note_of(exc: BaseException) -> AttributeValidationNote | IterableValidationNote | None:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, (AttributeValidationNote, IterableValidationNote)):
            return note
    return None


def _path_with_note(path: str, exc: BaseException) -> str:
    note = _note_of(exc)
    if isinstance(note, AttributeValidationNote):
        return f"{path}.{note.name}"
    if isinstance(note, IterableValidationNote):
        return f"{path}[{note.index!r}]"
    return path


# --- the public conversions ------------------------------------------------------------


def issue_from_data(data: object, *, source: str) -> Issue:
    """Build an :class:`Issue` from plain data.

    Args:
        data: what a JSON, YAML or TOML document holds.
        source: the name of the source, used in error messages.

    Returns:
        The issue, with every missing article and event id derived.

    Raises:
        InvalidData: listing every problem, each with its field path.
    """
    try:
        return converter.structure(data, Issue)
    except (BaseValidationError, WrongType, ValueError, TypeError, KeyError) as exc:
        raise InvalidData(source, problems_of(exc)) from exc


@functools.cache
def _issue_unstructure_hook() -> Callable[[Issue], dict[str, Any]]:
    return typing.cast(Callable[[Issue], dict[str, Any]], converter.get_unstructure_hook(Issue))


def issue_to_data(issue: Issue) -> dict[str, Any]:
    """Turn an :class:`Issue` into plain data, with explicit ids and no empty fields."""
    return _issue_unstructure_hook()(issue)

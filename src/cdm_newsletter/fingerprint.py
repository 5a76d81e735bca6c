"""Fingerprints: short digests of the inputs of a part of a build, equal only for equal inputs.

A fingerprint is computed from values, never from object identities or the
order of a set, so that the same inputs give the same fingerprint in every
run and every process. Issues are digested once per :class:`Fingerprinter`
(most parts of a build share them); other model values by their ``repr``,
which attrs makes complete and stable.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from collections.abc import Callable, Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import attrs

from .model import Article, Editorial, Event, Issue, Paragraph, RichText, Section, Text

__all__ = ["Fingerprinter", "tree_digest"]

_PLAIN = (str, bytes, int, float, bool, type(None), dt.date, dt.time, dt.timedelta, enum.Enum)
# Exactly these types, not their subclasses (whose repr may say less): the quick path.
_PLAIN_TYPES = frozenset(
    (str, bytes, int, float, bool, type(None), dt.date, dt.datetime, dt.time, dt.timedelta)
)
_MODEL_PACKAGE = "cdm_newsletter.model"


class Fingerprinter:
    """Computes fingerprints, remembering each issue's digest for the life of the object."""

    def __init__(self) -> None:
        self._issues: dict[int, tuple[Issue, str]] = {}
        # Other attrs values (options, agenda entries), by id: parts share them. They must not
        # change while the fingerprinter lives, which is one build.
        self._objects: dict[int, tuple[Any, str]] = {}
        self._reprs: dict[int, tuple[Any, str]] = {}

    def issue(self, issue: Issue) -> str:
        """The SHA-256 hex digest of everything an issue holds (its provenance too)."""
        known = self._issues.get(id(issue))
        if known is not None and known[0] is issue:
            return known[1]
        out: list[str] = []
        _model_text(issue, out, self._repr)
        digest = hashlib.sha256("".join(out).encode("utf-8", "surrogatepass")).hexdigest()
        self._issues[id(issue)] = (issue, digest)  # the issue is kept: its id stays its own
        return digest

    def _repr(self, value: Any) -> str:
        """``repr(value)``, remembered for events: an issue's and the agenda's are the same."""
        if type(value) is not Event:
            return repr(value)
        known = self._reprs.get(id(value))
        if known is None or known[0] is not value:
            known = (value, repr(value))
            self._reprs[id(value)] = known  # the value is kept: its id stays its own
        return known[1]

    def of(self, *values: Any) -> str:
        """The SHA-256 hex digest of ``values``.

        Raises:
            TypeError: a value is of a kind whose fingerprint would not be stable
                (a set, an arbitrary object).
        """
        digest = hashlib.sha256()
        for value in values:
            self._feed(digest.update, value)
        return digest.hexdigest()

    def _feed(self, update: Callable[[bytes], object], value: Any) -> None:
        kind = type(value)
        if (
            kind in _PLAIN_TYPES
            or (kind in (tuple, list) and all(_plain(item) for item in value))
            or (
                kind is dict
                and all(
                    type(key) in _PLAIN_TYPES and type(item) in _PLAIN_TYPES
                    for key, item in value.items()
                )
            )
        ):
            # repr names the type of each plain value (1, '1', datetime.date(...)) and quotes
            # strings; the length keeps one value from running into the next.
            text = repr(value)
            update(f"{len(text)}:{text}".encode("utf-8", "surrogatepass"))
        elif isinstance(value, Issue):
            update(b"I" + self.issue(value).encode("ascii"))
        elif isinstance(value, _PLAIN):
            text = f"{kind.__qualname__}.{value!r}"
            update(f"{len(text)}:{text}".encode("utf-8", "surrogatepass"))
        elif isinstance(value, tuple | list):
            update(f"({len(value)}".encode())
            for item in value:
                self._feed(update, item)
            update(b")")
        elif isinstance(value, Mapping):
            update(f"{{{len(value)}".encode())
            for key, item in value.items():
                self._feed(update, key)
                self._feed(update, item)
            update(b"}")
        elif attrs.has(kind):
            if kind.__module__.startswith(_MODEL_PACKAGE):
                # Model values other than issues hold no issue: their repr is complete.
                text = self._repr(value)
                update(f"{len(text)}:{text}".encode("utf-8", "surrogatepass"))
                return
            known = self._objects.get(id(value))
            if known is None or known[0] is not value:
                digest = hashlib.sha256(f"<{kind.__module__}.{kind.__qualname__}".encode())
                for field in attrs.fields(kind):
                    self._feed(digest.update, getattr(value, field.name))
                known = (value, digest.hexdigest())
                self._objects[id(value)] = known  # the value is kept: its id stays its own
            update(b"A" + known[1].encode("ascii"))
        elif (
            callable(value)
            and hasattr(value, "__qualname__")
            and not hasattr(value, "__self__")
            and "<" not in value.__qualname__
        ):
            # A module-level function or class: its name says which code runs. A lambda, a
            # closure or a bound method carries state its name does not say.
            update(f"<fn {value.__module__}.{value.__qualname__}>".encode())
        elif callable(value):
            name = getattr(value, "__qualname__", kind.__qualname__)
            raise TypeError(
                f"cannot fingerprint the function {name!r}: only module-level functions can be "
                "(a lambda, a closure or a bound method carries state its name does not say)"
            )
        else:
            raise TypeError(
                f"cannot fingerprint a value of type {kind.__qualname__!r}: use tuples, "
                "mappings, attrs classes and plain values"
            )


def _plain(value: Any) -> bool:
    """Whether ``value`` is a plain value, or a tuple of plain values: repr says all of it."""
    kind = type(value)
    return kind in _PLAIN_TYPES or (
        kind is tuple and all(type(item) in _PLAIN_TYPES for item in value)
    )


def tree_digest(folder: Traversable | Path | None) -> str:
    """The SHA-256 hex digest of the names and bytes of every file under ``folder``.

    ``None``, or a folder that does not exist, gives the digest of nothing.
    """
    digest = hashlib.sha256()
    if folder is None or not folder.is_dir():
        return digest.hexdigest()
    pending: list[tuple[str, Traversable | Path]] = [("", folder)]
    files: list[tuple[str, Traversable | Path]] = []
    while pending:
        prefix, current = pending.pop()
        for entry in current.iterdir():
            if entry.is_dir():
                pending.append((f"{prefix}{entry.name}/", entry))
            elif entry.is_file():
                files.append((prefix + entry.name, entry))
    for name, entry in sorted(files, key=lambda item: item[0]):
        data = entry.read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
        digest.update(data)
    return digest.hexdigest()


# The model classes that hold rich text: walked field by field, so that the text, most of an
# issue, is digested by the quick path below rather than by its much slower repr.
_CONTAINERS = (Issue, Section, Article, Editorial)
_WALKED = (*_CONTAINERS, RichText)
_WALKED_OR_EVENT = (*_WALKED, Event)  # events one by one: their reprs are remembered
_FIELDS: dict[type, tuple[str, ...]] = {
    kind: tuple(field.name for field in attrs.fields(kind)) for kind in _CONTAINERS
}


def _model_text(value: Any, out: list[str], represent: Callable[[Any], str]) -> None:
    """Append to ``out`` strings that say everything ``value`` holds, unambiguously.

    Lengths precede the texts and reprs, so no two values give the same strings.
    """
    if isinstance(value, _CONTAINERS):
        out.append(f"<{type(value).__name__}")
        for name in _FIELDS[type(value)]:
            _model_text(getattr(value, name), out, represent)
        out.append(">")
    elif isinstance(value, RichText):
        out.append("<RichText")
        for block in value.blocks:
            if isinstance(block, Paragraph):
                out.append("P")
                for span in block.spans:
                    text = "t" + span.text if type(span) is Text else "r" + repr(span)
                    out.append(f"{len(text)}:{text}")
            else:
                text = repr(block)
                out.append(f"B{len(text)}:{text}")
        out.append(">")
    elif isinstance(value, tuple) and any(isinstance(item, _WALKED_OR_EVENT) for item in value):
        out.append(f"({len(value)}")
        for item in value:
            _model_text(item, out, represent)
        out.append(")")
    else:
        text = represent(value)
        out.append(f"r{len(text)}:{text}")

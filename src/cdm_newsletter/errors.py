"""The errors a user of cdm_newsletter can cause, under one base class.

Every error names where the problem is (a file, a line, a field path) and what
was expected. Each class also inherits the closest built-in exception, so that
``except ValueError`` keeps working for code that does not know this package.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "CdmNewsletterError",
    "ExportError",
    "InvalidData",
    "InvalidSyntax",
    "InvalidValue",
    "PluginError",
    "PluginWarning",
    "Problem",
    "SiteError",
    "UnknownFormat",
    "UnreadableSource",
]


class CdmNewsletterError(Exception):
    """The base of every error that bad input or bad use can cause."""


@attrs.frozen
class Problem:
    """One thing wrong in some data: where it is (a field path) and what is wrong."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class InvalidValue(CdmNewsletterError, ValueError):
    """A model object was given a value it refuses.

    Raised by the model's validators. ``field`` is the path of the faulty field
    relative to the object being built (``"email"``, ``"sections[1].articles[0].id"``).
    """

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class InvalidData(CdmNewsletterError, ValueError):
    """Data read from a source does not describe a valid model.

    The message lists every problem found, one per line, each as
    ``<source>: <field path>: <what is wrong>``.
    """

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__("\n".join(f"{source}: {problem}" for problem in self.problems))


class InvalidSyntax(CdmNewsletterError, ValueError):
    """A source is not well-formed in its own format (JSON, YAML, TOML, ...)."""

    def __init__(self, source: str, line: int | None, column: int | None, reason: str) -> None:
        self.source = source
        self.line = line
        self.column = column
        self.reason = reason
        where = source
        if line is not None:
            where += f": line {line}"
            if column is not None:
                where += f", column {column}"
        super().__init__(f"{where}: {reason}")


class UnreadableSource(CdmNewsletterError, OSError):
    """A source cannot be read: missing, a folder, too large, or of no known format."""


class UnknownFormat(CdmNewsletterError, LookupError):
    """No exporter or importer of that name (or for that file) is installed."""

    def __init__(self, message: str, *, name: str, known: Iterable[str]) -> None:
        super().__init__(message)
        self.name = name
        self.known = tuple(known)


class ExportError(CdmNewsletterError):
    """An exporter cannot serialise the archive it was given.

    Plugin exporters raise this error for anything their users can fix.
    """


class SiteError(CdmNewsletterError):
    """The site cannot be written: an unsafe artifact path, a clash, or a failed write."""


class PluginError(CdmNewsletterError):
    """A plugin that was asked for by name could not be loaded or does not fit its protocol."""


class PluginWarning(UserWarning):
    """A plugin could not be loaded, or does not fit its protocol, and was left out."""

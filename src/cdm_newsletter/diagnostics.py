"""Diagnostics: what an importer or the lint noticed in a source, with where and how serious."""

from __future__ import annotations

import enum

from attrs import frozen

__all__ = ["NOT_UNDERSTOOD", "Diagnostic", "Severity"]


class Severity(enum.Enum):
    """How serious a diagnostic is."""

    ERROR = "error"
    """The source is wrong: something could not be read, or is certainly a mistake."""
    WARNING = "warning"
    """Probably a mistake the editors should fix (a placeholder link, a past deadline)."""
    INFO = "info"
    """Worth knowing; nothing to fix."""


@frozen(kw_only=True)
class Diagnostic:
    """One finding about a source: its file, line (when known), severity, code and message.

    ``code`` is a short stable name for the kind of finding (``placeholder-link``),
    for tools that filter or count them.
    """

    source: str
    line: int | None
    severity: Severity
    code: str
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.severity.value}: {self.message}"


NOT_UNDERSTOOD = frozenset(
    {"not-understood", "unreadable-date", "lost-event", "empty-agenda", "swallowed-heading"}
)
"""The codes of diagnostics that say part of a source was not understood: what ``build``
sums up in one line, and what ``build --strict`` refuses."""

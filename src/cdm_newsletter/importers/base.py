"""The importer protocol, which built-in and plugin importers follow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from attrs import field, frozen

from ..diagnostics import Diagnostic
from ..model import Issue
from ..model._checks import optional_timezone

__all__ = ["ImportOptions", "ImportResult", "Importer"]


@frozen(kw_only=True)
class ImportOptions:
    """What an importer may be told besides the source's bytes."""

    issue_date: dt.date | None = None
    """The issue's date, when the source does not give it (``--issue-date``)."""
    default_timezone: str = field(default="Europe/Paris", validator=optional_timezone)
    """The IANA zone of places the gazetteer does not know."""


@frozen(kw_only=True)
class ImportResult:
    """An imported issue with what the importer noticed on the way.

    ``locations`` maps field paths of the issue (``$.sections[0].articles[1]``)
    to the source lines they come from, so that later checks (lint) can point at
    a line; a path not in it takes the line of its nearest listed parent.
    """

    issue: Issue
    diagnostics: tuple[Diagnostic, ...] = ()
    locations: Mapping[str, int] = field(factory=dict)
    coverage: Mapping[int, str | None] = field(factory=dict)
    """Every source line that holds text, and the field path of the part read from it
    (``$.agenda[2]``, ``$.sections[0].articles[1].contacts[0]``), or ``None`` for a line
    not understood; empty when the importer does not say (structured formats)."""


@runtime_checkable
class Importer(Protocol):
    """Reads one source format into an :class:`Issue`.

    Importers are pure: they never touch the disk; :func:`cdm_newsletter.load`
    reads the file and hands its bytes over. An importer that can say more than
    the issue (diagnostics, source lines) also offers ``read(data, *, source,
    options) -> ImportResult``; :func:`cdm_newsletter.load_with_diagnostics` uses it.
    """

    name: str
    """The format's name, the same as its entry point's (``yaml``)."""
    description: str
    """One line that says what the format is."""
    suffixes: tuple[str, ...]
    """The file suffixes the importer claims, lower case with the dot (``(".yaml", ".yml")``)."""

    def sniff(self, head: bytes) -> bool:
        """Tell whether a source starting with ``head`` (its first bytes) looks like this format."""
        ...

    def load(self, data: bytes, *, source: str, options: ImportOptions | None = None) -> Issue:
        """Read a whole source into an issue.

        Args:
            data: the source's bytes.
            source: its name (a file name), for error messages.
            options: what the caller knows beyond the source (the issue date...).

        Raises:
            CdmNewsletterError: the source is not valid; the message names
                ``source`` and where in it the problem is.
        """
        ...

"""The importer protocol, which built-in and plugin importers follow."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ..model import Issue

__all__ = ["Importer"]


@runtime_checkable
class Importer(Protocol):
    """Reads one source format into an :class:`Issue`.

    Importers are pure: they never touch the disk; :func:`cdm_newsletter.load`
    reads the file and hands its bytes over.
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

    def load(self, data: bytes, *, source: str) -> Issue:
        """Read a whole source into an issue.

        Args:
            data: the source's bytes.
            source: its name (a file name), for error messages.

        Raises:
            CdmNewsletterError: the source is not valid; the message names
                ``source`` and where in it the problem is.
        """
        ...

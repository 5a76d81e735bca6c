"""The ``json`` exporter: the canonical data of each issue, ``data/<issue-id>.json``."""

from __future__ import annotations

from collections.abc import Iterator

from ..archive import Archive
from ..convert import issue_to_data
from ..dataformats import emit_json
from ..model import Issue
from .base import Artifact, ExportOptions, Part, issue_parts, run_parts

__all__ = ["JsonExporter"]

MEDIA_TYPE = "application/json"


def _issue_json(issue: Issue) -> Iterator[Artifact]:
    yield Artifact(
        path=f"data/{issue.id}.json", data=emit_json(issue_to_data(issue)), media_type=MEDIA_TYPE
    )


class JsonExporter:
    """Writes each issue as JSON data that :func:`cdm_newsletter.load` reads back unchanged."""

    name = "json"
    description = "the canonical data of each issue, as JSON (data/<issue-id>.json)"
    media_type = MEDIA_TYPE

    def parts(self, archive: Archive, options: ExportOptions) -> Iterator[Part]:
        """One part per issue."""
        return issue_parts(archive, options, _issue_json)

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        """Yield ``data/<issue-id>.json`` for every issue of the archive."""
        return run_parts(self.parts(archive, options))

"""The ``json`` exporter: the canonical data of each issue, ``data/<issue-id>.json``."""

from __future__ import annotations

from collections.abc import Iterator

from ..archive import Archive
from ..convert import issue_to_data
from ..dataformats import emit_json
from ..model.privacy import without_private_people
from .base import Artifact, ExportOptions

__all__ = ["JsonExporter"]


class JsonExporter:
    """Writes each issue as JSON data that :func:`cdm_newsletter.load` reads back unchanged."""

    name = "json"
    description = "the canonical data of each issue, as JSON (data/<issue-id>.json)"
    media_type = "application/json"

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        """Yield ``data/<issue-id>.json`` for every issue of the archive."""
        for issue in archive.issues:
            published = issue if options.include_private else without_private_people(issue)
            yield Artifact(
                path=f"data/{issue.id}.json",
                data=emit_json(issue_to_data(published)),
                media_type=self.media_type,
            )

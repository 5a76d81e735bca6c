"""Exporters: each serialises an :class:`~cdm_newsletter.archive.Archive` to files."""

from .base import Artifact, Exporter, ExportOptions

__all__ = ["Artifact", "ExportOptions", "Exporter"]

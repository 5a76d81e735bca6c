"""Importers: each turns one source format into an :class:`~cdm_newsletter.model.Issue`."""

from .base import Importer

__all__ = ["Importer"]

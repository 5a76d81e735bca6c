"""Fake plugins that tests point fake entry points at (see tests/test_plugins.py).

``CREATED`` records every instance made, so that a test can tell whether discovery
loaded a plugin.
"""

from __future__ import annotations

from collections.abc import Iterator

from cdm_newsletter import Archive, Artifact, ExportError, ExportOptions, ImportOptions, Issue

CREATED: list[str] = []


class GoodExporter:
    """A well-formed exporter: one text file per issue."""

    name = "good"
    description = "one text file per issue"
    media_type = "text/plain"

    def __init__(self) -> None:
        CREATED.append(type(self).__name__)

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        for issue in archive.issues:
            yield Artifact(
                path=f"good/{issue.id}.txt",
                data=f"{issue.id}: {issue.title}\n".encode(),
                media_type=self.media_type,
            )


class OtherExporter(GoodExporter):
    """A second well-formed exporter."""

    name = "other"
    description = "another text file per issue"

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        for issue in archive.issues:
            yield Artifact(
                path=f"other/{issue.id}.txt", data=issue.id.encode(), media_type=self.media_type
            )


class NoExport:
    """Has every attribute but no export() method."""

    name = "noexport"
    description = "cannot export"
    media_type = "text/plain"


class Impostor(GoodExporter):
    """Calls itself 'impostor' whatever its entry point is called."""

    name = "impostor"


class NoDescription:
    """Lacks a description."""

    name = "nodescription"
    media_type = "text/plain"

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        return iter(())


class FailingFactory:
    """Raises when it is made."""

    name = "failing"
    description = "never made"
    media_type = "text/plain"

    def __init__(self) -> None:
        raise RuntimeError("the factory refuses to start")

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        return iter(())  # pragma: no cover


class RaisingExporter(GoodExporter):
    """Loads, but fails when it exports."""

    name = "raising"

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        raise ExportError("raising: cannot serialise this archive")


GOOD_INSTANCE = GoodExporter()
"""An entry point may also name a ready-made object instead of a factory."""
CREATED.clear()


class FakeImporter:
    """A well-formed importer of ``.fake`` files."""

    name = "fake"
    description = "fake issues"
    suffixes = (".fake",)

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"FAKE")

    def load(self, data: bytes, *, source: str, options: ImportOptions | None = None) -> Issue:
        raise NotImplementedError


class BadSuffixImporter(FakeImporter):
    """Claims suffixes without their dot."""

    name = "badsuffix"
    suffixes = ("fake",)  # type: ignore[assignment]

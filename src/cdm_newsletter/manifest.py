"""The build manifest: what the last build of a site read, ran and wrote.

It lives in the output folder (:data:`MANIFEST_PATH`) and records the generator
version, the options, the templates, the exporters and their versions, a
digest of every input issue, a fingerprint of every part of the export, and
each file written with its SHA-256, size and modification time. The next build
trusts a part only when its fingerprint is the same and each of its files is
still the one recorded (same size and modification time), so a file edited or
deleted by hand, or left half-way by an interrupted build, is made again.

It is not part of the published site; a manifest that cannot be read is
treated as absent (the next build is a full one).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from attrs import field, frozen

__all__ = ["MANIFEST_PATH", "FileRecord", "Manifest", "PartRecord", "read_manifest"]

MANIFEST_PATH = ".cdm-newsletter/manifest.json"
"""Where the manifest is kept, relative to the output folder."""
_VERSION = 2


@frozen(kw_only=True)
class FileRecord:
    """A file as the build left it: the digest of its bytes, its size and modification time."""

    sha256: str
    size: int
    mtime_ns: int

    def matches(self, stat: os.stat_result) -> bool:
        """Whether a file with this ``stat`` is still the one recorded."""
        return stat.st_size == self.size and stat.st_mtime_ns == self.mtime_ns


@frozen(kw_only=True)
class PartRecord:
    """A part of an export as the build made it: its fingerprint and the paths it wrote."""

    fingerprint: str
    paths: tuple[str, ...]


@frozen(kw_only=True)
class Manifest:
    """What one build read, ran and wrote."""

    generator: str
    state: str
    """One fingerprint of everything below but the files: equal states, equal sites."""
    setup: str = ""
    """One fingerprint of the generator, formats, options, templates and exporters."""
    sources: str | None = None
    """What the caller said the sources were (a digest of the files the issues came from)."""
    options: Mapping[str, str] = field(factory=dict)
    templates: str = ""
    exporters: Mapping[str, str] = field(factory=dict)
    """Each format run, and the distribution and version that provide it."""
    inputs: Mapping[str, str] = field(factory=dict)
    """Each issue's id and the digest of its content."""
    parts: Mapping[str, Mapping[str, PartRecord]] = field(factory=dict)
    """For each format, each part's key and record."""
    files: Mapping[str, FileRecord] = field(factory=dict)

    def to_json(self) -> bytes:
        """The manifest as JSON, keys sorted."""
        data: dict[str, Any] = {
            "manifest-version": _VERSION,
            "generator": self.generator,
            "state": self.state,
            "setup": self.setup,
            "sources": self.sources,
            "options": dict(self.options),
            "templates": self.templates,
            "exporters": dict(self.exporters),
            "inputs": dict(self.inputs),
            "parts": {
                name: {
                    key: {"fingerprint": record.fingerprint, "paths": list(record.paths)}
                    for key, record in parts.items()
                }
                for name, parts in self.parts.items()
            },
            # [sha256, size, mtime_ns]: lists, as a big site has tens of thousands of files
            "files": {
                path: [record.sha256, record.size, record.mtime_ns]
                for path, record in self.files.items()
            },
        }
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return (text + "\n").encode()


def _from_json(data: Any) -> Manifest:
    if data.get("manifest-version") != _VERSION:
        raise ValueError("another manifest version")
    return Manifest(
        generator=str(data["generator"]),
        state=str(data["state"]),
        setup=str(data["setup"]),
        sources=None if data["sources"] is None else str(data["sources"]),
        options={str(k): str(v) for k, v in data["options"].items()},
        templates=str(data["templates"]),
        exporters={str(k): str(v) for k, v in data["exporters"].items()},
        inputs={str(k): str(v) for k, v in data["inputs"].items()},
        parts={
            str(name): {
                str(key): PartRecord(
                    fingerprint=str(record["fingerprint"]),
                    paths=tuple(str(path) for path in record["paths"]),
                )
                for key, record in parts.items()
            }
            for name, parts in data["parts"].items()
        },
        files={
            str(path): FileRecord(sha256=str(sha256), size=int(size), mtime_ns=int(mtime_ns))
            for path, (sha256, size, mtime_ns) in data["files"].items()
        },
    )


def read_manifest(out_dir: Path) -> Manifest | None:
    """The manifest of the site in ``out_dir``, or ``None`` if there is none that can be read."""
    try:
        data = json.loads((out_dir / MANIFEST_PATH).read_bytes())
        return _from_json(data)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):  # any damage: no manifest
        return None

"""The exporter protocol, the artifacts exporters return, and the options they take."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import attrs
from attrs import Attribute, field, frozen

from ..errors import InvalidValue
from ..model._checks import optional_web_url
from ..model.privacy import published_issue

if TYPE_CHECKING:
    from ..archive import Archive

__all__ = [
    "DEFAULT_BASE_URL",
    "Artifact",
    "ExportOptions",
    "Exporter",
    "Part",
    "PartitionedExporter",
    "issue_parts",
    "midnight_utc",
    "run_parts",
    "unsafe_path_reason",
]

DEFAULT_BASE_URL = "http://localhost:8000/"
"""Where links point when no base URL is given: the local preview (``cdm-newsletter serve``)."""

# Names that Windows reserves for devices, with or without an extension.
_WINDOWS_DEVICE = re.compile(r"(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?", re.IGNORECASE)
_EPOCH = re.compile(r"[0-9]{1,12}")
_LAST_EPOCH = 253_402_300_799  # 9999-12-31T23:59:59Z, the last time a datetime holds
_FORBIDDEN_IN_PATH = re.compile(r'[\x00-\x1f\x7f\\:*?"<>|]')


@frozen(kw_only=True)
class Artifact:
    """One file an exporter produces: where it goes, its bytes, and its media type.

    ``path`` is relative to the output folder, in POSIX form (``feeds/news.rss``).
    """

    path: str
    data: bytes
    media_type: str


def unsafe_path_reason(path: str) -> str | None:
    """Say why an artifact path is unsafe to write below an output folder, or ``None`` if safe.

    A safe path is relative, in POSIX form, has no ``.`` or ``..`` part, no empty
    part, no character that some file system refuses (control characters,
    backslash, ``: * ? " < > |``), no part ending in a dot or space, and no Windows
    device name (``CON``, ``aux.txt``, ...).
    """
    if not isinstance(path, str) or not path:
        return "the path is empty"
    bad = _FORBIDDEN_IN_PATH.search(path)
    if bad is not None:
        return f"the path contains the character {bad.group()!r}"
    if path.startswith("/"):
        return "the path is absolute"
    parts = path.split("/")
    for part in parts:
        if part in ("", ".", ".."):
            return f"the path has a {part!r} part" if part else "the path has an empty part"
        if part.endswith((".", " ")):
            return f"the part {part!r} ends in a dot or a space"
        if _WINDOWS_DEVICE.fullmatch(part):
            return f"the part {part!r} is a name Windows reserves for a device"
    return None


def midnight_utc(day: dt.date) -> dt.datetime:
    """The start of ``day`` in UTC: the time the feeds and calendars give an issue's date."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _build_time_is_aware(_instance: object, _attribute: object, value: dt.datetime | None) -> None:
    if value is not None and value.utcoffset() is None:
        raise InvalidValue("build_time", "must carry a time zone (UTC)")


def _positive_count(_instance: object, attribute: Attribute[Any], value: int | None) -> None:
    if value is not None and value < 1:
        raise InvalidValue(attribute.name, "must be at least 1, or None for all")


def _positive(_instance: object, attribute: Attribute[Any], value: dt.timedelta) -> None:
    if value <= dt.timedelta(0):
        raise InvalidValue(attribute.name, "must be longer than zero")


def _not_negative(_instance: object, attribute: Attribute[Any], value: dt.timedelta) -> None:
    if value < dt.timedelta(0):
        raise InvalidValue(attribute.name, "must not be negative")


def _optional_not_negative(
    instance: object, attribute: Attribute[Any], value: dt.timedelta | None
) -> None:
    if value is not None:
        _not_negative(instance, attribute, value)


def _time_span(
    _instance: object, attribute: Attribute[Any], value: tuple[dt.time, dt.time]
) -> None:
    if len(value) != 2 or not value[0] < value[1]:
        raise InvalidValue(attribute.name, "must be (start, end) with the start before the end")


@frozen(kw_only=True)
class ExportOptions:
    """What every exporter is told besides the archive.

    ``build_time`` stands in for "now" wherever an output needs a time that the
    data does not give: it comes from ``SOURCE_DATE_EPOCH`` (see
    :meth:`from_environment`) and is never read from the clock, so that the same
    input always gives the same bytes.
    """

    base_url: str | None = field(default=None, validator=optional_web_url)
    """The absolute URL the site is published at; links in feeds and calendars start from it."""
    build_time: dt.datetime | None = field(default=None, validator=_build_time_is_aware)
    """The time to use where the data gives none, or ``None`` to use the newest issue's date."""
    include_private: bool = False
    """Whether private contacts may appear in the output (never for published sites)."""
    calendar_refresh: dt.timedelta = field(default=dt.timedelta(days=1), validator=_positive)
    """How often calendar applications should fetch the calendars again."""
    cancelled_kept_for: dt.timedelta = field(default=dt.timedelta(days=60), validator=_not_negative)
    """How long after its date a cancelled or postponed event stays in the calendars."""
    calendar_window: dt.timedelta | None = field(
        default=dt.timedelta(days=365), validator=_optional_not_negative
    )
    """How far before the newest issue's date the calendars reach; ``None`` for all of it."""
    morning: tuple[dt.time, dt.time] = field(
        default=(dt.time(9, 0), dt.time(12, 30)), validator=_time_span
    )
    """The hours of an event announced for the morning ("matin")."""
    afternoon: tuple[dt.time, dt.time] = field(
        default=(dt.time(14, 0), dt.time(17, 30)), validator=_time_span
    )
    """The hours of an event announced for the afternoon ("après-midi")."""
    feed_items: int | None = field(default=50, validator=_positive_count)
    """How many articles a feed holds, newest first; ``None`` for all of them."""
    templates: str | None = None
    """A folder of templates that override the HTML exporter's, by name."""

    @property
    def site_url(self) -> str:
        """The base URL, ending in ``/``; :data:`DEFAULT_BASE_URL` when none was given."""
        return (self.base_url or DEFAULT_BASE_URL).rstrip("/") + "/"

    def narrowed(self, *names: str) -> ExportOptions:
        """These options with every field but ``names`` at its default.

        A part of an export takes the options narrowed to the fields it reads, so
        that its fingerprint changes when, and only when, one of those changes.
        """
        defaults = ExportOptions()
        kept = {name: getattr(self, name) for name in names}
        unknown = set(kept) - set(attrs.fields_dict(ExportOptions))
        if unknown:
            raise ValueError(f"ExportOptions has no field {sorted(unknown)[0]!r}")
        return attrs.evolve(defaults, **kept)

    @classmethod
    def from_environment(
        cls, environ: Mapping[str, str] | None = None, *, base_url: str | None = None
    ) -> ExportOptions:
        """Options whose ``build_time`` comes from ``SOURCE_DATE_EPOCH``, if it is set.

        Raises:
            InvalidValue: ``SOURCE_DATE_EPOCH`` is not a whole number of seconds.
        """
        environ = os.environ if environ is None else environ
        epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
        build_time = None
        if epoch:
            if _EPOCH.fullmatch(epoch) is None or int(epoch) > _LAST_EPOCH:
                raise InvalidValue(
                    "SOURCE_DATE_EPOCH", f"{epoch!r} is not a whole number of seconds since 1970"
                )
            build_time = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        return cls(base_url=base_url, build_time=build_time)


@runtime_checkable
class Exporter(Protocol):
    """Serialises an archive into artifacts.

    Exporters are pure: the same archive and options give the same artifacts,
    byte for byte; they never read the clock, the locale or the disk.
    """

    name: str
    """The format's name, the same as its entry point's (``json``)."""
    description: str
    """One line that says what the exporter writes."""
    media_type: str
    """The media type of its main artifacts (``application/json``)."""

    def export(self, archive: Archive, options: ExportOptions) -> Iterable[Artifact]:
        """Serialise ``archive``.

        Raises:
            ExportError: the archive cannot be serialised in this format.
        """
        ...


@frozen(kw_only=True)
class Part:
    """A piece of an export that can be made on its own: ``make(*args)`` gives its artifacts.

    ``make`` must be a pure module-level function and ``args`` everything it
    reads: the site writer fingerprints the function's name and the arguments
    (with the exporter's version), skips a part whose fingerprint and files are
    unchanged since the last build, and may run parts in other processes.
    ``needs`` names artifacts of earlier parts (of any exporter) whose SHA-256
    hex digests ``make`` receives as the keyword ``digests``, in that order.
    """

    key: str
    """A name for the part, unique within its exporter (``issue/2018-12``)."""
    make: Callable[..., Iterable[Artifact]]
    args: tuple[Any, ...] = ()
    needs: tuple[str, ...] = ()

    def run(self, digests: Mapping[str, str] | None = None) -> list[Artifact]:
        """Make the part's artifacts; ``digests`` maps the paths in ``needs`` to their SHA-256."""
        if not self.needs:
            return list(self.make(*self.args))
        known = digests or {}
        missing = [path for path in self.needs if path not in known]
        if missing:
            raise ValueError(f"part {self.key!r} needs {missing[0]!r}, which no part made")
        return list(self.make(*self.args, digests=tuple(known[path] for path in self.needs)))


@runtime_checkable
class PartitionedExporter(Exporter, Protocol):
    """An exporter that can say how its output splits into :class:`Part` s.

    The site writer then rebuilds only the parts whose inputs changed, and can
    run them in parallel. ``export()`` must give the same artifacts as running
    every part in order (:func:`run_parts`).
    """

    def parts(self, archive: Archive, options: ExportOptions) -> Iterable[Part]:
        """The parts of the export of ``archive``, in the order their artifacts come."""
        ...


def issue_parts(
    archive: Archive, options: ExportOptions, make: Callable[..., Iterable[Artifact]]
) -> Iterator[Part]:
    """One part per issue, ``issue/<id>``: ``make`` of the issue as it may be published."""
    for issue in archive.issues:
        yield Part(
            key=f"issue/{issue.id}",
            make=make,
            args=(published_issue(issue, options.include_private),),
        )


def run_parts(parts: Iterable[Part]) -> Iterator[Artifact]:
    """Run parts in order and yield their artifacts, handing each its ``needs``' digests."""
    planned = list(parts)
    needed = {path for part in planned for path in part.needs}
    digests: dict[str, str] = {}
    for part in sorted(planned, key=lambda part: bool(part.needs)):  # stable: needers last
        for artifact in part.run(digests):
            if artifact.path in needed:
                digests[artifact.path] = hashlib.sha256(artifact.data).hexdigest()
            yield artifact

"""The registry of exporters and importers: entry points, discovered lazily, and run-time additions.

Built-in formats register through the same entry-point groups as third-party
plugins (see ``pyproject.toml``), so there is one mechanism. Nothing is
imported until a format is used or listed. A plugin that fails to load, or does
not fit its protocol, is left out with a :class:`~cdm_newsletter.errors.PluginWarning`
that names its entry point; the other formats keep working.
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Callable
from importlib import metadata
from typing import Generic, TypeVar, cast

from attrs import frozen

from .errors import PluginError, PluginWarning, UnknownFormat
from .exporters.base import Exporter
from .importers.base import Importer

__all__ = [
    "EXPORTERS_GROUP",
    "IMPORTERS_GROUP",
    "FormatInfo",
    "exporter_names",
    "exporter_origin",
    "exporters",
    "format_infos",
    "get_exporter",
    "get_importer",
    "importer_names",
    "importers",
    "register_exporter",
    "register_importer",
]

EXPORTERS_GROUP = "cdm_newsletter.exporters"
"""The entry-point group where exporters register."""
IMPORTERS_GROUP = "cdm_newsletter.importers"
"""The entry-point group where importers register."""

# Formats that exist as separate distributions, to tell "not installed" from "unknown".
_KNOWN_PLUGINS: dict[str, dict[str, str]] = {
    "exporter": {"jsonfeed": "cdm-newsletter-jsonfeed"},
    "importer": {"docx": "cdm-newsletter-docx"},
}

RUN_TIME_ORIGIN = "registered at run time"
"""The origin of formats added by :func:`register_exporter` or :func:`register_importer`."""

T = TypeVar("T")


@frozen(kw_only=True)
class FormatInfo:
    """What ``cdm-newsletter formats`` shows of one exporter or importer."""

    kind: str
    """``exporter`` or ``importer``."""
    name: str
    description: str
    origin: str
    """The distribution (name and version) that provides it, or :data:`RUN_TIME_ORIGIN`."""


def _misfit(
    candidate: object, name: str, attributes: tuple[str, ...], methods: tuple[str, ...]
) -> list[str]:
    """Say how ``candidate`` fails its protocol, or nothing when it fits."""
    problems = []
    for attribute in attributes:
        value = getattr(candidate, attribute, None)
        if attribute == "suffixes":
            if not isinstance(value, tuple) or not all(
                isinstance(suffix, str) and suffix.startswith(".") for suffix in value
            ):
                problems.append("'suffixes' is not a tuple of suffixes such as ('.yaml',)")
        elif not isinstance(value, str) or not value:
            problems.append(f"{attribute!r} is missing or not a string")
    for method in methods:
        if not callable(getattr(candidate, method, None)):
            problems.append(f"it has no {method}() method")
        elif method == "load" and not _takes_keyword(getattr(candidate, method), "options"):
            problems.append("its load() method takes no 'options' keyword")
    declared = getattr(candidate, "name", None)
    if isinstance(declared, str) and declared != name:
        problems.append(f"it calls itself {declared!r}")
    return problems


def _takes_keyword(function: Callable[..., object], name: str) -> bool:
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):  # a builtin without a signature: give it the benefit of doubt
        return True
    return any(
        parameter.name == name or parameter.kind is inspect.Parameter.VAR_KEYWORD
        for parameter in parameters
    )


class _Registry(Generic[T]):
    """The formats of one kind: entry points found on first use, plus run-time registrations."""

    def __init__(
        self, kind: str, group: str, attributes: tuple[str, ...], methods: tuple[str, ...]
    ) -> None:
        self.kind = kind
        self.group = group
        self._attributes = attributes
        self._methods = methods
        self._entry_points: dict[str, metadata.EntryPoint] | None = None
        self._loaded: dict[str, T] = {}
        self._registered: dict[str, T] = {}
        self._broken: dict[str, str] = {}

    def reset(self) -> None:
        """Forget everything found and registered; the next use discovers again."""
        self._entry_points = None
        self._loaded.clear()
        self._registered.clear()
        self._broken.clear()

    def _discovered(self) -> dict[str, metadata.EntryPoint]:
        if self._entry_points is None:
            found: dict[str, metadata.EntryPoint] = {}
            for entry_point in metadata.entry_points(group=self.group):
                if entry_point.name in found:
                    warnings.warn(
                        f"{self.kind} {entry_point.name!r} is declared twice "
                        f"({_describe(found[entry_point.name])} and {_describe(entry_point)}); "
                        "the first is used",
                        PluginWarning,
                        stacklevel=4,
                    )
                    continue
                found[entry_point.name] = entry_point
            self._entry_points = found
        return self._entry_points

    def names(self) -> list[str]:
        """The names of every format of this kind, sorted, without loading any."""
        return sorted(set(self._discovered()) | set(self._registered))

    def get(self, name: str) -> T:
        """The format called ``name``, loaded on first use.

        Raises:
            UnknownFormat: there is no such format; the message lists the known ones.
            PluginError: the plugin exists but cannot be loaded or does not fit.
        """
        if name in self._registered:
            return self._registered[name]
        if name in self._loaded:
            return self._loaded[name]
        entry_point = self._discovered().get(name)
        if entry_point is None:
            raise self._unknown(name)
        if name in self._broken:
            raise PluginError(self._broken[name])
        try:
            loaded = entry_point.load()
            candidate = loaded() if callable(loaded) else loaded
        except Exception as exc:
            message = (
                f"{self.kind} plugin {_describe(entry_point)} failed to load: "
                f"{type(exc).__name__}: {exc}"
            )
            self._broken[name] = message
            raise PluginError(message) from exc
        problems = _misfit(candidate, name, self._attributes, self._methods)
        if problems:
            message = (
                f"{self.kind} plugin {_describe(entry_point)} does not fit the protocol: "
                + "; ".join(problems)
            )
            self._broken[name] = message
            raise PluginError(message)
        self._loaded[name] = cast(T, candidate)
        return self._loaded[name]

    def all(self) -> list[T]:
        """Every format of this kind that loads, sorted by name; the others give a warning."""
        result = []
        for name in self.names():
            try:
                result.append(self.get(name))
            except PluginError as exc:
                warnings.warn(f"{exc}; it is left out", PluginWarning, stacklevel=3)
        return result

    def origin(self, name: str) -> str:
        """Where the format ``name`` comes from: its distribution, or the run time."""
        if name in self._registered:
            return RUN_TIME_ORIGIN
        entry_point = self._discovered()[name]
        dist = entry_point.dist
        return f"{dist.name} {dist.version}" if dist is not None else "unknown distribution"

    def register(self, candidate: T, *, replace: bool) -> None:
        """Add a format at run time (see :func:`register_exporter`)."""
        name = getattr(candidate, "name", None)
        if not isinstance(name, str) or not name:
            raise PluginError(f"an {self.kind} needs a 'name' string to be registered")
        problems = _misfit(candidate, name, self._attributes, self._methods)
        if problems:
            raise PluginError(
                f"{self.kind} {name!r} does not fit the protocol: " + "; ".join(problems)
            )
        if not replace and name in self.names():
            raise PluginError(
                f"an {self.kind} named {name!r} exists already; pass replace=True to replace it"
            )
        self._registered[name] = candidate

    def _unknown(self, name: str) -> UnknownFormat:
        known = self.names()
        message = f"no {self.kind} named {name!r}"
        distribution = _KNOWN_PLUGINS[self.kind].get(name)
        if distribution is not None:
            message += (
                f"; it comes with the plugin {distribution!r}, which is not installed "
                f"(pip install {distribution})"
            )
        message += f"; known: {', '.join(known) if known else 'none'}"
        return UnknownFormat(message, name=name, known=known)


def _describe(entry_point: metadata.EntryPoint) -> str:
    dist = f" from {entry_point.dist.name}" if entry_point.dist is not None else ""
    return f"'{entry_point.name} = {entry_point.value}'{dist}"


_exporters: _Registry[Exporter] = _Registry(
    "exporter", EXPORTERS_GROUP, ("name", "description", "media_type"), ("export",)
)
_importers: _Registry[Importer] = _Registry(
    "importer", IMPORTERS_GROUP, ("name", "description", "suffixes"), ("sniff", "load")
)


def exporter_names() -> list[str]:
    """The names of every installed or registered exporter, sorted, without importing any."""
    return _exporters.names()


def importer_names() -> list[str]:
    """The names of every installed or registered importer, sorted, without importing any."""
    return _importers.names()


def get_exporter(name: str) -> Exporter:
    """The exporter called ``name``.

    Raises:
        UnknownFormat: no exporter has that name; the message lists the known ones.
        PluginError: it exists but cannot be loaded or does not fit the protocol.
    """
    return _exporters.get(name)


def get_importer(name: str) -> Importer:
    """The importer called ``name``.

    Raises:
        UnknownFormat: no importer has that name; the message lists the known ones.
        PluginError: it exists but cannot be loaded or does not fit the protocol.
    """
    return _importers.get(name)


def exporter_origin(name: str) -> str:
    """Where the exporter ``name`` comes from: ``"<distribution> <version>"``, or the run time.

    An exporter registered at run time gives :data:`RUN_TIME_ORIGIN`.

    Raises:
        UnknownFormat: no exporter has that name.
    """
    get_exporter(name)
    return _exporters.origin(name)


def exporters() -> list[Exporter]:
    """Every exporter that loads, sorted by name; a broken plugin is left out with a warning."""
    return _exporters.all()


def importers() -> list[Importer]:
    """Every importer that loads, sorted by name; a broken plugin is left out with a warning."""
    return _importers.all()


def register_exporter(exporter: Exporter, *, replace: bool = False) -> None:
    """Add an exporter at run time, for tools that do not package a plugin.

    Raises:
        PluginError: it does not fit the protocol, or its name is taken and
            ``replace`` is false.
    """
    _exporters.register(exporter, replace=replace)


def register_importer(importer: Importer, *, replace: bool = False) -> None:
    """Add an importer at run time, for tools that do not package a plugin.

    Raises:
        PluginError: it does not fit the protocol, or its name is taken and
            ``replace`` is false.
    """
    _importers.register(importer, replace=replace)


def format_infos() -> list[FormatInfo]:
    """Describe every exporter and importer that loads: kind, name, description and origin."""
    infos = []
    registry: _Registry[Exporter] | _Registry[Importer]
    for registry in (_exporters, _importers):
        loaded: list[Exporter] | list[Importer] = registry.all()
        for item in loaded:
            infos.append(
                FormatInfo(
                    kind=registry.kind,
                    name=item.name,
                    description=item.description,
                    origin=registry.origin(item.name),
                )
            )
    return infos


def reset() -> None:
    """Forget every discovered and registered format (for tests)."""
    _exporters.reset()
    _importers.reset()

"""The plugin registry, tested without installing anything: entry points are faked."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from importlib import metadata
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from cdm_newsletter import (
    FormatInfo,
    PluginError,
    PluginWarning,
    UnknownFormat,
    exporter_names,
    exporters,
    format_infos,
    get_exporter,
    get_importer,
    importer_names,
    importers,
    plugins,
    register_exporter,
    register_importer,
)
from cdm_newsletter.plugins import EXPORTERS_GROUP, IMPORTERS_GROUP, RUN_TIME_ORIGIN
from tests import plugin_fixtures
from tests.conftest import raises_exactly
from tests.plugin_fixtures import (
    FakeImporter,
    GoodExporter,
    NoDescription,
    NoExport,
    OtherExporter,
)

FIXTURES = "tests.plugin_fixtures"
EXPLODING_MODULE = "cdm_test_exploding_plugin"

EntryPoints = Sequence[tuple[str, str]]


class FakeMetadata:
    """Stands in for ``importlib.metadata.entry_points`` and counts the calls."""

    def __init__(self, exporter_points: EntryPoints, importer_points: EntryPoints) -> None:
        self.points = {
            EXPORTERS_GROUP: [
                EntryPoint(name=name, value=value, group=EXPORTERS_GROUP)
                for name, value in exporter_points
            ],
            IMPORTERS_GROUP: [
                EntryPoint(name=name, value=value, group=IMPORTERS_GROUP)
                for name, value in importer_points
            ],
        }
        self.calls: list[str] = []

    def __call__(self, *, group: str) -> list[EntryPoint]:
        self.calls.append(group)
        return self.points.get(group, [])


@pytest.fixture(autouse=True)
def _no_instances_yet() -> Iterator[None]:
    plugin_fixtures.CREATED.clear()
    yield
    plugin_fixtures.CREATED.clear()


@pytest.fixture
def fake_points(monkeypatch: pytest.MonkeyPatch) -> FakeInstaller:
    return FakeInstaller(monkeypatch)


class FakeInstaller:
    """Installs fake entry points for one test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch

    def __call__(
        self, exporter_points: EntryPoints = (), importer_points: EntryPoints = ()
    ) -> FakeMetadata:
        fake = FakeMetadata(exporter_points, importer_points)
        self.monkeypatch.setattr(plugins.metadata, "entry_points", fake)
        return fake


GOOD = ("good", f"{FIXTURES}:GoodExporter")
OTHER = ("other", f"{FIXTURES}:OtherExporter")
NOEXPORT_LEFT_OUT = (
    f"exporter plugin 'noexport = {FIXTURES}:NoExport' does not fit the protocol: "
    "it has no export() method; it is left out"
)


@pytest.fixture
def exploding_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A module on sys.path whose import raises."""
    (tmp_path / f"{EXPLODING_MODULE}.py").write_text(
        'raise RuntimeError("boom on import")\n', encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield EXPLODING_MODULE
    sys.modules.pop(EXPLODING_MODULE, None)


# --- lazy discovery ---------------------------------------------------------------------


def test_names_are_listed_without_importing_anything(
    fake_points: FakeInstaller, exploding_module: str
) -> None:
    fake_points([GOOD, ("boom", f"{exploding_module}:Exporter"), OTHER])
    assert exporter_names() == ["boom", "good", "other"]
    assert exploding_module not in sys.modules
    assert plugin_fixtures.CREATED == []


def test_getting_one_format_loads_only_that_one(
    fake_points: FakeInstaller, exploding_module: str
) -> None:
    fake_points([("boom", f"{exploding_module}:Exporter"), GOOD, OTHER])
    exporter = get_exporter("good")
    assert isinstance(exporter, GoodExporter)
    assert plugin_fixtures.CREATED == ["GoodExporter"]
    assert exploding_module not in sys.modules


def test_a_format_is_loaded_once(fake_points: FakeInstaller) -> None:
    fake_points([GOOD])
    assert get_exporter("good") is get_exporter("good")
    assert plugin_fixtures.CREATED == ["GoodExporter"]


def test_entry_points_are_read_once_per_group(fake_points: FakeInstaller) -> None:
    fake = fake_points([GOOD], [("fake", f"{FIXTURES}:FakeImporter")])
    exporter_names()
    get_exporter("good")
    exporters()
    importer_names()
    importer_names()
    assert fake.calls == [EXPORTERS_GROUP, IMPORTERS_GROUP]


def test_nothing_is_read_before_first_use(fake_points: FakeInstaller) -> None:
    fake = fake_points([GOOD])
    assert fake.calls == []
    exporter_names()
    assert fake.calls == [EXPORTERS_GROUP]


def test_reset_discovers_again(fake_points: FakeInstaller) -> None:
    fake_points([GOOD])
    assert exporter_names() == ["good"]
    fake_points([OTHER])
    assert exporter_names() == ["good"]
    plugins.reset()
    assert exporter_names() == ["other"]


def test_entry_point_may_name_an_instance(fake_points: FakeInstaller) -> None:
    fake_points([("good", f"{FIXTURES}:GOOD_INSTANCE")])
    assert get_exporter("good") is plugin_fixtures.GOOD_INSTANCE


def test_exporters_are_sorted_by_name(fake_points: FakeInstaller) -> None:
    fake_points([OTHER, GOOD])
    assert [exporter.name for exporter in exporters()] == ["good", "other"]


def test_importers(fake_points: FakeInstaller) -> None:
    fake_points(importer_points=[("fake", f"{FIXTURES}:FakeImporter")])
    assert importer_names() == ["fake"]
    assert isinstance(get_importer("fake"), FakeImporter)
    assert [importer.name for importer in importers()] == ["fake"]


def test_a_name_declared_twice_warns_and_keeps_the_first(fake_points: FakeInstaller) -> None:
    fake_points([GOOD, ("good", f"{FIXTURES}:OtherExporter")])
    with pytest.warns(PluginWarning) as caught:
        assert exporter_names() == ["good"]
    assert [str(warning.message) for warning in caught] == [
        "exporter 'good' is declared twice ('good = tests.plugin_fixtures:GoodExporter' and "
        "'good = tests.plugin_fixtures:OtherExporter'); the first is used"
    ]
    assert isinstance(get_exporter("good"), GoodExporter)
    assert not isinstance(get_exporter("good"), OtherExporter)


# --- unknown names ----------------------------------------------------------------------


def test_unknown_exporter_lists_the_known_ones(fake_points: FakeInstaller) -> None:
    fake_points([OTHER, GOOD])
    with pytest.raises(UnknownFormat) as caught:
        get_exporter("rss2")
    assert str(caught.value) == "no exporter named 'rss2'; known: good, other"
    assert caught.value.name == "rss2"
    assert caught.value.known == ("good", "other")
    assert isinstance(caught.value, LookupError)


def test_unknown_exporter_includes_run_time_registrations(fake_points: FakeInstaller) -> None:
    fake_points([GOOD])
    register_exporter(OtherExporter())
    with pytest.raises(UnknownFormat) as caught:
        get_exporter("rss2")
    assert str(caught.value) == "no exporter named 'rss2'; known: good, other"


def test_unknown_exporter_when_there_is_none(fake_points: FakeInstaller) -> None:
    fake_points()
    with pytest.raises(UnknownFormat) as caught:
        get_exporter("json")
    assert str(caught.value) == "no exporter named 'json'; known: none"


def test_unknown_importer(fake_points: FakeInstaller) -> None:
    fake_points(importer_points=[("fake", f"{FIXTURES}:FakeImporter")])
    with pytest.raises(UnknownFormat) as caught:
        get_importer("csv")
    assert str(caught.value) == "no importer named 'csv'; known: fake"


def test_known_plugin_that_is_not_installed(fake_points: FakeInstaller) -> None:
    fake_points([GOOD])
    with pytest.raises(UnknownFormat) as caught:
        get_exporter("jsonfeed")
    assert str(caught.value) == (
        "no exporter named 'jsonfeed'; it comes with the plugin 'cdm-newsletter-jsonfeed', "
        "which is not installed (pip install cdm-newsletter-jsonfeed); known: good"
    )


def test_known_importer_plugin_that_is_not_installed(fake_points: FakeInstaller) -> None:
    fake_points()
    with raises_exactly(
        UnknownFormat,
        "no importer named 'docx'; it comes with the plugin 'cdm-newsletter-docx', "
        "which is not installed (pip install cdm-newsletter-docx); known: none",
    ):
        get_importer("docx")


# --- broken plugins ---------------------------------------------------------------------


def test_plugin_that_fails_to_import(fake_points: FakeInstaller, exploding_module: str) -> None:
    fake_points([("boom", f"{exploding_module}:Exporter"), GOOD])
    with pytest.raises(PluginError) as caught:
        get_exporter("boom")
    assert str(caught.value) == (
        f"exporter plugin 'boom = {exploding_module}:Exporter' failed to load: "
        "RuntimeError: boom on import"
    )
    assert isinstance(caught.value.__cause__, RuntimeError)


def test_plugin_of_a_missing_module(fake_points: FakeInstaller) -> None:
    fake_points([("gone", "cdm_no_such_module:Exporter")])
    with pytest.raises(PluginError) as caught:
        get_exporter("gone")
    assert str(caught.value) == (
        "exporter plugin 'gone = cdm_no_such_module:Exporter' failed to load: "
        "ModuleNotFoundError: No module named 'cdm_no_such_module'"
    )


def test_plugin_whose_factory_raises(fake_points: FakeInstaller) -> None:
    fake_points([("failing", f"{FIXTURES}:FailingFactory")])
    with pytest.raises(PluginError) as caught:
        get_exporter("failing")
    assert str(caught.value) == (
        "exporter plugin 'failing = tests.plugin_fixtures:FailingFactory' failed to load: "
        "RuntimeError: the factory refuses to start"
    )


def test_broken_plugin_keeps_failing_the_same_way(fake_points: FakeInstaller) -> None:
    fake_points([("gone", "cdm_no_such_module:Exporter")])
    with pytest.raises(PluginError) as first:
        get_exporter("gone")
    with pytest.raises(PluginError) as second:
        get_exporter("gone")
    assert str(first.value) == str(second.value)


@pytest.mark.parametrize(
    ("entry_point", "problem"),
    [
        (("noexport", f"{FIXTURES}:NoExport"), "it has no export() method"),
        (("wrongname", f"{FIXTURES}:Impostor"), "it calls itself 'impostor'"),
        (
            ("nodescription", f"{FIXTURES}:NoDescription"),
            "'description' is missing or not a string",
        ),
    ],
)
def test_plugin_that_does_not_fit_the_protocol(
    fake_points: FakeInstaller, entry_point: tuple[str, str], problem: str
) -> None:
    fake_points([entry_point])
    name, value = entry_point
    with pytest.raises(PluginError) as caught:
        get_exporter(name)
    assert str(caught.value) == (
        f"exporter plugin '{name} = {value}' does not fit the protocol: {problem}"
    )


def test_importer_with_bad_suffixes_does_not_fit(fake_points: FakeInstaller) -> None:
    fake_points(importer_points=[("badsuffix", f"{FIXTURES}:BadSuffixImporter")])
    with pytest.raises(PluginError) as caught:
        get_importer("badsuffix")
    assert str(caught.value) == (
        "importer plugin 'badsuffix = tests.plugin_fixtures:BadSuffixImporter' does not fit "
        "the protocol: 'suffixes' is not a tuple of suffixes such as ('.yaml',)"
    )


def test_exporters_leaves_out_broken_plugins_with_a_warning(
    fake_points: FakeInstaller, exploding_module: str
) -> None:
    fake_points(
        [
            GOOD,
            ("boom", f"{exploding_module}:Exporter"),
            ("noexport", f"{FIXTURES}:NoExport"),
            ("wrongname", f"{FIXTURES}:Impostor"),
            OTHER,
        ]
    )
    with pytest.warns(PluginWarning) as caught:
        loaded = exporters()
    assert [exporter.name for exporter in loaded] == ["good", "other"]
    assert sorted(str(warning.message) for warning in caught) == [
        f"exporter plugin 'boom = {exploding_module}:Exporter' failed to load: "
        "RuntimeError: boom on import; it is left out",
        "exporter plugin 'noexport = tests.plugin_fixtures:NoExport' does not fit the protocol: "
        "it has no export() method; it is left out",
        "exporter plugin 'wrongname = tests.plugin_fixtures:Impostor' does not fit the "
        "protocol: it calls itself 'impostor'; it is left out",
    ]
    assert all(warning.category is PluginWarning for warning in caught)


def test_broken_plugin_still_raises_after_exporters_left_it_out(
    fake_points: FakeInstaller,
) -> None:
    fake_points([GOOD, ("noexport", f"{FIXTURES}:NoExport")])
    with pytest.warns(PluginWarning) as caught:
        exporters()
    assert [str(warning.message) for warning in caught] == [NOEXPORT_LEFT_OUT]
    with raises_exactly(
        PluginError,
        f"exporter plugin 'noexport = {FIXTURES}:NoExport' does not fit the protocol: "
        "it has no export() method",
    ):
        get_exporter("noexport")
    assert isinstance(get_exporter("good"), GoodExporter)


def test_importers_leave_out_broken_plugins_with_a_warning(fake_points: FakeInstaller) -> None:
    fake_points(
        importer_points=[
            ("fake", f"{FIXTURES}:FakeImporter"),
            ("badsuffix", f"{FIXTURES}:BadSuffixImporter"),
        ]
    )
    with pytest.warns(PluginWarning) as caught:
        loaded = importers()
    assert [importer.name for importer in loaded] == ["fake"]
    assert [str(warning.message) for warning in caught] == [
        f"importer plugin 'badsuffix = {FIXTURES}:BadSuffixImporter' does not fit the protocol: "
        "'suffixes' is not a tuple of suffixes such as ('.yaml',); it is left out"
    ]


# --- registration at run time -----------------------------------------------------------


def test_register_exporter(fake_points: FakeInstaller) -> None:
    fake_points([GOOD])
    other = OtherExporter()
    register_exporter(other)
    assert exporter_names() == ["good", "other"]
    assert get_exporter("other") is other
    assert [exporter.name for exporter in exporters()] == ["good", "other"]


def test_register_importer(fake_points: FakeInstaller) -> None:
    fake_points()
    importer = FakeImporter()
    register_importer(importer)
    assert importer_names() == ["fake"]
    assert get_importer("fake") is importer


@pytest.mark.parametrize(
    ("candidate", "message"),
    [
        (NoExport(), "exporter 'noexport' does not fit the protocol: it has no export() method"),
        (
            NoDescription(),
            "exporter 'nodescription' does not fit the protocol: "
            "'description' is missing or not a string",
        ),
    ],
)
def test_register_exporter_checks_the_protocol(
    fake_points: FakeInstaller, candidate: object, message: str
) -> None:
    fake_points()
    with pytest.raises(PluginError) as caught:
        register_exporter(candidate)  # type: ignore[arg-type]
    assert str(caught.value) == message
    assert exporter_names() == []


def test_register_importer_checks_the_protocol(fake_points: FakeInstaller) -> None:
    fake_points()
    with pytest.raises(PluginError) as caught:
        register_importer(GoodExporter())  # type: ignore[arg-type]
    assert str(caught.value) == (
        "importer 'good' does not fit the protocol: "
        "'suffixes' is not a tuple of suffixes such as ('.yaml',); "
        "it has no sniff() method; it has no load() method"
    )


def test_register_needs_a_name(fake_points: FakeInstaller) -> None:
    fake_points()
    with raises_exactly(PluginError, "an exporter needs a 'name' string to be registered"):
        register_exporter(object())  # type: ignore[arg-type]


def test_name_clash_with_an_entry_point(fake_points: FakeInstaller) -> None:
    fake_points([GOOD])
    with raises_exactly(
        PluginError, "an exporter named 'good' exists already; pass replace=True to replace it"
    ):
        register_exporter(GoodExporter())
    assert plugin_fixtures.CREATED == ["GoodExporter"]  # only the one made above


def test_name_clash_with_a_registration(fake_points: FakeInstaller) -> None:
    fake_points()
    register_importer(FakeImporter())
    with raises_exactly(
        PluginError, "an importer named 'fake' exists already; pass replace=True to replace it"
    ):
        register_importer(FakeImporter())


def test_registration_messages_use_the_right_article(fake_points: FakeInstaller) -> None:
    fake_points([GOOD])
    with pytest.raises(PluginError) as clash:
        register_exporter(GoodExporter())
    assert str(clash.value) == (
        "an exporter named 'good' exists already; pass replace=True to replace it"
    )
    with pytest.raises(PluginError) as nameless:
        register_importer(object())  # type: ignore[arg-type]
    assert str(nameless.value) == "an importer needs a 'name' string to be registered"


def test_replace_an_entry_point(fake_points: FakeInstaller) -> None:
    fake_points([GOOD])
    replacement = GoodExporter()
    plugin_fixtures.CREATED.clear()
    register_exporter(replacement, replace=True)
    assert get_exporter("good") is replacement
    assert exporter_names() == ["good"]
    assert plugin_fixtures.CREATED == []  # the entry point was never loaded


def test_replace_a_loaded_entry_point(fake_points: FakeInstaller) -> None:
    fake_points([GOOD])
    original = get_exporter("good")
    replacement = GoodExporter()
    register_exporter(replacement, replace=True)
    assert get_exporter("good") is replacement
    assert get_exporter("good") is not original
    assert exporters() == [replacement]


def test_replace_a_broken_entry_point(fake_points: FakeInstaller) -> None:
    fake_points([("noexport", f"{FIXTURES}:NoExport")])
    fixed = NoExport()
    fixed.export = lambda archive, options: iter(())  # type: ignore[attr-defined]
    register_exporter(fixed, replace=True)  # type: ignore[arg-type]
    assert get_exporter("noexport") is fixed
    assert exporters() == [fixed]


def test_replace_a_registration(fake_points: FakeInstaller) -> None:
    fake_points()
    first, second = FakeImporter(), FakeImporter()
    register_importer(first)
    register_importer(second, replace=True)
    assert get_importer("fake") is second


def test_reset_forgets_registrations(fake_points: FakeInstaller) -> None:
    fake_points()
    register_exporter(OtherExporter())
    plugins.reset()
    assert exporter_names() == []


# --- format infos -----------------------------------------------------------------------


def test_format_infos_of_fake_and_registered_formats(fake_points: FakeInstaller) -> None:
    fake_points([GOOD], [("fake", f"{FIXTURES}:FakeImporter")])
    register_exporter(OtherExporter())
    assert format_infos() == [
        FormatInfo(
            kind="exporter",
            name="good",
            description="one text file per issue",
            origin="unknown distribution",
        ),
        FormatInfo(
            kind="exporter",
            name="other",
            description="another text file per issue",
            origin=RUN_TIME_ORIGIN,
        ),
        FormatInfo(
            kind="importer", name="fake", description="fake issues", origin="unknown distribution"
        ),
    ]
    assert RUN_TIME_ORIGIN == "registered at run time"


def test_format_infos_leave_out_broken_plugins(fake_points: FakeInstaller) -> None:
    fake_points([GOOD, ("noexport", f"{FIXTURES}:NoExport")])
    with pytest.warns(PluginWarning) as caught:
        infos = format_infos()
    assert [(info.kind, info.name) for info in infos] == [("exporter", "good")]
    assert [str(warning.message) for warning in caught] == [NOEXPORT_LEFT_OUT]


def test_built_in_formats_come_from_the_distribution() -> None:
    origin = f"cdm-newsletter {metadata.version('cdm-newsletter')}"
    infos = {(info.kind, info.name): info for info in format_infos()}
    for key in [
        ("exporter", "json"),
        ("importer", "json"),
        ("importer", "yaml"),
        ("importer", "toml"),
    ]:
        assert infos[key].origin == origin
        assert infos[key].description


def test_built_in_formats_are_found_through_real_entry_points() -> None:
    assert "json" in exporter_names()
    assert {"json", "toml", "yaml"} <= set(importer_names())
    assert get_exporter("json").media_type == "application/json"
    assert get_importer("yaml").suffixes == (".yaml", ".yml")


def test_a_built_in_registered_name_clashes() -> None:
    with raises_exactly(
        PluginError, "an exporter named 'json' exists already; pass replace=True to replace it"
    ):
        register_exporter(Renamed())


class Renamed(GoodExporter):
    name = "json"

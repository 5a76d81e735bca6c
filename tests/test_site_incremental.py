"""Incremental builds: the manifest, what a change remakes, parallel parts, and the proof that an
incremental site is byte-identical to a clean full build after any sequence of changes."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import traceback
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import cdm_newsletter.site as site_module
from cdm_newsletter import (
    Archive,
    Article,
    Artifact,
    ExportError,
    ExportOptions,
    FundingCall,
    InvalidValue,
    Issue,
    Person,
    RichText,
    Section,
    SectionKind,
    SiteError,
    build,
    register_exporter,
)
from cdm_newsletter.exporters.base import Part
from cdm_newsletter.manifest import MANIFEST_PATH, read_manifest
from cdm_newsletter.site import unchanged
from cdm_newsletter.testing import property_examples

from .conftest import PARIS, build_issue, meeting, raises_exactly, site_snapshot

FORMATS = ["json", "xml", "html", "rss", "atom", "ical"]
OPTIONS = ExportOptions()


def mtimes(folder: Path) -> dict[str, int]:
    """Every file's modification time in nanoseconds, the manifest's too."""
    return {
        path.relative_to(folder).as_posix(): path.stat().st_mtime_ns
        for path in folder.rglob("*")
        if path.is_file()
    }


def monthly_issue(number: int, *, private: bool = False, title: str | None = None) -> Issue:
    """Issue ``number`` of a small varied archive: events that come back and move, articles,
    a funding call every third issue, a private contact when asked."""
    year, month = 2019 + number // 12, number % 12 + 1
    issue_id = f"{year:04d}-{month:02d}"
    day = dt.date(year, month, 5)
    comex_day = dt.date(year, month, 20)
    events = [
        meeting(issue_id, "Réunion du ComEx", comex_day),
        meeting(issue_id, f"Atelier {number}", day + dt.timedelta(days=40), place=None),
    ]
    contacts = [Person(name=f"Ana {number}", email=f"ana{number}@example.org")]
    if private:
        contacts.append(Person(name="Privée", email="prive@example.org", public=False))
    article = Article(
        id=f"{issue_id}-nouvelles",
        title=f"Nouvelles du mois {number}",
        body=RichText.from_paragraphs(f"Le réseau a tenu sa réunion numéro {number}."),
        contacts=tuple(contacts),
        funding_calls=(
            (FundingCall(title="Erasmus+ KA2", deadline=dt.date(year, month, 28)),)
            if number % 3 == 0
            else ()
        ),
    )
    return build_issue(
        id=issue_id,
        date=day,
        title=title or f"InfoLettre {issue_id}",
        agenda=tuple(events),
        sections=(Section(title="NOUVELLES", kind=SectionKind.MEMBER_NEWS, articles=(article,)),),
    )


@pytest.fixture
def archive() -> Archive:
    return Archive([monthly_issue(number) for number in range(3)])


def test_the_manifest_records_inputs_options_exporters_parts_and_files(
    tmp_path: Path, archive: Archive
) -> None:
    build(archive, tmp_path, FORMATS, OPTIONS)
    data = json.loads((tmp_path / MANIFEST_PATH).read_bytes())
    assert data["generator"].startswith("cdm-newsletter ")
    assert set(data["inputs"]) == {"2019-01", "2019-02", "2019-03"}
    assert data["options"]["feed_items"] == "50"
    assert set(data["exporters"]) == set(FORMATS)
    assert all(origin.startswith("cdm-newsletter ") for origin in data["exporters"].values())
    assert len(data["templates"]) == 64
    assert "issue/2019-02/page" in data["parts"]["html"]
    assert data["parts"]["xml"]["index"]["paths"] == ["archive/index.xml"]
    assert set(data["files"]) == set(site_snapshot(tmp_path))
    manifest = read_manifest(tmp_path)
    assert manifest is not None
    record = manifest.files["data/2019-01.json"]
    assert record.size == (tmp_path / "data" / "2019-01.json").stat().st_size


def test_a_rebuild_with_nothing_changed_touches_nothing(tmp_path: Path, archive: Archive) -> None:
    build(archive, tmp_path, FORMATS, OPTIONS)
    before = mtimes(tmp_path)
    again = Archive([monthly_issue(number) for number in range(3)])  # equal, not the same objects
    report = build(again, tmp_path, FORMATS, OPTIONS)
    assert report.written == ()
    assert report.parts_made == 0
    assert report.parts_kept > 0
    assert mtimes(tmp_path) == before


def test_adding_an_issue_rewrites_only_what_it_changes(tmp_path: Path, archive: Archive) -> None:
    build(archive, tmp_path, FORMATS, OPTIONS)
    bigger = Archive([*archive.issues, monthly_issue(3)])
    report = build(bigger, tmp_path, FORMATS, OPTIONS)
    written = set(report.written)
    assert {
        "data/2019-04.json",
        "archive/2019-04.xml",
        "archive/index.xml",
        "issues/2019-04/index.html",
        "issues/2019-04/email.html",
        "issues/2019-04/email.txt",
        "index.html",
        "feed.rss",
        "feed.atom",
        "agenda.ics",
    } <= written
    untouched = [path for path in written if "2019-01" in path or "2019-02" in path]
    assert untouched == []
    assert site_snapshot(tmp_path) == _fresh(bigger, tmp_path / "fresh")


def _fresh(archive: Archive, folder: Path, options: ExportOptions = OPTIONS) -> dict[str, bytes]:
    build(archive, folder, FORMATS, options, full=True)
    return site_snapshot(folder)


def test_a_removed_issue_takes_its_files_with_it(tmp_path: Path, archive: Archive) -> None:
    build(archive, tmp_path, FORMATS, OPTIONS)
    smaller = Archive(archive.issues[1:])  # the newest, 2019-03, goes
    report = build(smaller, tmp_path, FORMATS, OPTIONS)
    assert "data/2019-03.json" in report.removed
    assert "issues/2019-03/index.html" in report.removed
    assert not (tmp_path / "issues" / "2019-03").exists()
    assert site_snapshot(tmp_path) == _fresh(smaller, tmp_path / "fresh")


def test_a_file_the_build_wrote_goes_even_edited_and_the_users_own_files_stay(
    tmp_path: Path, archive: Archive
) -> None:
    build(archive, tmp_path, ["json"], OPTIONS)
    (tmp_path / "data" / "2019-03.json").write_bytes(b"edited by hand")
    (tmp_path / "data" / "mine.txt").write_bytes(b"the user's own")
    (tmp_path / "CNAME").write_bytes(b"www.example.org")
    report = build(Archive(archive.issues[1:]), tmp_path, ["json"], OPTIONS)
    assert report.removed == ("data/2019-03.json",)
    assert not (tmp_path / "data" / "2019-03.json").exists()
    assert (tmp_path / "data" / "mine.txt").read_bytes() == b"the user's own"
    assert (tmp_path / "CNAME").read_bytes() == b"www.example.org"


@pytest.mark.parametrize("damage", ["delete", "edit", "truncate"])
def test_a_damaged_file_is_made_again(tmp_path: Path, archive: Archive, damage: str) -> None:
    build(archive, tmp_path, FORMATS, OPTIONS)
    expected = site_snapshot(tmp_path)
    target = tmp_path / "issues" / "2019-02" / "index.html"
    if damage == "delete":
        target.unlink()
    elif damage == "edit":
        target.write_bytes(target.read_bytes().replace(b"<main", b"<main data-x"))
    else:
        target.write_bytes(target.read_bytes()[:100])
    report = build(archive, tmp_path, FORMATS, OPTIONS)
    assert report.written == ("issues/2019-02/index.html",)
    assert report.parts_made == 1
    assert site_snapshot(tmp_path) == expected


def test_a_touched_file_is_compared_not_rewritten(tmp_path: Path, archive: Archive) -> None:
    build(archive, tmp_path, ["json"], OPTIONS)
    target = tmp_path / "data" / "2019-02.json"
    os.utime(target, (1_000_000_000, 1_000_000_000))
    report = build(archive, tmp_path, ["json"], OPTIONS)
    assert report.written == ()
    assert report.parts_made == 1
    assert target.stat().st_mtime == 1_000_000_000


def test_an_unreadable_manifest_means_a_full_build_that_rewrites_nothing(
    tmp_path: Path, archive: Archive
) -> None:
    build(archive, tmp_path, FORMATS, OPTIONS)
    before = site_snapshot(tmp_path)
    (tmp_path / MANIFEST_PATH).write_bytes(b"{not json")
    report = build(archive, tmp_path, FORMATS, OPTIONS)
    assert report.written == ()
    assert report.parts_kept == 0
    assert site_snapshot(tmp_path) == before
    assert read_manifest(tmp_path) is not None


def test_full_makes_every_part_and_writes_only_changed_bytes(
    tmp_path: Path, archive: Archive
) -> None:
    build(archive, tmp_path, FORMATS, OPTIONS)
    before = mtimes(tmp_path)
    report = build(archive, tmp_path, FORMATS, OPTIONS, full=True)
    assert report.parts_kept == 0
    assert report.written == ()
    assert mtimes(tmp_path) == before


# --- what a change invalidates ------------------------------------------------------------


def _parts(report_paths: tuple[str, ...]) -> set[str]:
    return set(report_paths)


def _built_with_templates(tmp_path: Path, archive: Archive) -> tuple[Path, ExportOptions]:
    """A site built with a (still empty) templates folder; the folder and the options."""
    templates = tmp_path / "templates"
    templates.mkdir()
    options = attrs.evolve(OPTIONS, templates=str(templates))
    build(archive, tmp_path / "site", FORMATS, options)
    return templates, options


def _package_template(name: str) -> str:
    return (resources.files("cdm_newsletter") / "templates" / name).read_text("utf-8")


def test_a_changed_template_remakes_the_pages_that_use_it_only(
    tmp_path: Path, archive: Archive
) -> None:
    templates, options = _built_with_templates(tmp_path, archive)
    email = _package_template("email.html.j2")
    (templates / "email.html.j2").write_text(email + "<!-- changed -->\n", encoding="utf-8")
    report = build(archive, tmp_path / "site", FORMATS, options)
    assert report.parts_made == 3
    assert sorted(report.written) == [f"issues/2019-0{n}/email.html" for n in (1, 2, 3)]


def test_a_changed_base_template_remakes_the_pages_that_extend_it(
    tmp_path: Path, archive: Archive
) -> None:
    templates, options = _built_with_templates(tmp_path, archive)
    base = _package_template("base.html.j2")
    (templates / "base.html.j2").write_text(base.replace("</footer>", "x</footer>"), "utf-8")
    report = build(archive, tmp_path / "site", FORMATS, options)
    assert report.parts_made == 4  # the index and the three issue pages; not the e-mails
    assert sorted(report.written) == [
        "index.html",
        *(f"issues/2019-0{n}/index.html" for n in (1, 2, 3)),
    ]


@pytest.mark.parametrize(
    ("change", "remade"),
    [
        ({"feed_items": 1}, {"rss": 1, "atom": 1}),
        ({"calendar_window": dt.timedelta(days=10)}, {"ical": 1}),
        ({"cancelled_kept_for": dt.timedelta(days=1)}, {"ical": 1}),
        ({"calendar_refresh": dt.timedelta(hours=6)}, {"ical": 1}),
        ({"morning": (dt.time(8), dt.time(12))}, {"ical": 1, "html": 6}),
        ({"include_private": True}, {"json": 1, "xml": 2, "html": 3, "rss": 1, "atom": 1}),
    ],
)
def test_a_changed_option_remakes_exactly_the_parts_that_read_it(
    tmp_path: Path, change: dict[str, object], remade: dict[str, int]
) -> None:
    issues = [monthly_issue(0), monthly_issue(1, private=True), monthly_issue(2)]
    archive = Archive(issues)
    build(archive, tmp_path, FORMATS, OPTIONS)
    before = read_manifest(tmp_path)
    assert before is not None
    options = attrs.evolve(OPTIONS, **change)
    build(archive, tmp_path, FORMATS, options)
    after = read_manifest(tmp_path)
    assert after is not None
    changed: dict[str, int] = {}
    for name, parts in after.parts.items():
        for key, record in parts.items():
            if before.parts[name][key].fingerprint != record.fingerprint:
                changed[name] = changed.get(name, 0) + 1
    assert changed == remade
    assert site_snapshot(tmp_path) == _fresh(archive, tmp_path.parent / "fresh", options)


def test_a_new_exporter_version_remakes_its_parts_only(
    tmp_path: Path, archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(archive, tmp_path, FORMATS, OPTIONS)
    real = site_module.exporter_origin
    monkeypatch.setattr(
        site_module,
        "exporter_origin",
        lambda name: "cdm-newsletter 99.0" if name == "xml" else real(name),
    )
    report = build(archive, tmp_path, FORMATS, OPTIONS)
    assert report.parts_made == 3 + 2  # a document per issue, the schema and the index
    manifest = read_manifest(tmp_path)
    assert manifest is not None
    assert manifest.exporters["xml"] == "cdm-newsletter 99.0"


def test_a_new_generator_version_remakes_everything(
    tmp_path: Path, archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build(archive, tmp_path, FORMATS, OPTIONS)
    # The exporters' own versions stay: a plugin's parts depend on the library's code too.
    monkeypatch.setattr(site_module, "GENERATOR", "cdm-newsletter 99.0")
    report = build(archive, tmp_path, FORMATS, OPTIONS)
    assert report.parts_kept == 0
    assert report.parts_made == first.parts_made


class RunTimeExporter:
    """An exporter registered at run time: no version to trust, so it always runs."""

    name = "runtime"
    description = "counts its runs"
    media_type = "text/plain"

    def __init__(self) -> None:
        self.runs = 0

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        self.runs += 1
        yield Artifact(path="runtime.txt", data=b"same", media_type=self.media_type)


def test_an_exporter_registered_at_run_time_always_runs(tmp_path: Path, archive: Archive) -> None:
    exporter = RunTimeExporter()
    register_exporter(exporter)
    build(archive, tmp_path, ["json", "runtime"], OPTIONS)
    report = build(archive, tmp_path, ["json", "runtime"], OPTIONS)
    assert exporter.runs == 2
    assert report.written == ()
    assert report.parts_kept == 3  # the json documents


def _broken_part(issue_id: str) -> Iterator[Artifact]:
    raise ZeroDivisionError(f"no page for {issue_id}")
    yield  # pragma: no cover


class BrokenPartsExporter:
    """Partitioned, and one of its parts fails with an error that is not ours."""

    name = "broken"
    description = "fails in a part"
    media_type = "text/plain"

    def parts(self, archive: Archive, options: ExportOptions) -> Iterator[Part]:
        for issue in archive.issues:
            yield Part(key=f"issue/{issue.id}", make=_broken_part, args=(issue.id,))

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        raise AssertionError("the site writer runs the parts")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_part_is_an_export_error_and_leaves_the_site(
    tmp_path: Path, archive: Archive, jobs: int
) -> None:
    build(archive, tmp_path, ["json"], OPTIONS)
    before = site_snapshot(tmp_path)
    manifest = (tmp_path / MANIFEST_PATH).read_bytes()
    register_exporter(BrokenPartsExporter())
    with pytest.raises(ExportError) as caught:
        build(Archive([monthly_issue(5)]), tmp_path, ["json", "broken"], OPTIONS, jobs=jobs)
    assert str(caught.value) == (
        "exporter 'broken' failed on 'issue/2019-06': ZeroDivisionError: no page for 2019-06"
    )
    assert site_snapshot(tmp_path) == before
    assert (tmp_path / MANIFEST_PATH).read_bytes() == manifest
    leftovers = list(tmp_path.rglob("*.tmp"))
    assert leftovers == []
    # Where the part failed stays known, from a worker process too (as the traceback's text).
    cause = "".join(traceback.format_exception(caught.value))
    assert 'raise ZeroDivisionError(f"no page for {issue_id}")' in cause
    assert "in _broken_part" in cause


def test_a_failing_build_removes_only_the_folders_it_made(tmp_path: Path, archive: Archive) -> None:
    (tmp_path / "issues").mkdir()  # the user's, empty: where the build puts issue pages
    register_exporter(BrokenPartsExporter())
    with pytest.raises(ExportError):
        build(archive, tmp_path, ["html", "broken"], OPTIONS)
    assert [path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*")] == ["issues"]


def _not_artifacts(issue_id: str) -> list[object]:
    return [lambda: issue_id]


class NotArtifactsExporter(BrokenPartsExporter):
    """Its parts return a function (which no process can pickle) instead of artifacts."""

    def parts(self, archive: Archive, options: ExportOptions) -> Iterator[Part]:
        for issue in archive.issues:
            yield Part(key=f"issue/{issue.id}", make=_not_artifacts, args=(issue.id,))


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_part_that_returns_no_artifacts_is_an_export_error(
    tmp_path: Path, archive: Archive, jobs: int
) -> None:
    register_exporter(NotArtifactsExporter())
    with raises_exactly(ExportError, "exporter 'broken' returned function, not an Artifact"):
        build(archive, tmp_path, ["json", "broken"], OPTIONS, jobs=jobs)
    assert list(tmp_path.iterdir()) == []


def test_parallel_builds_give_the_same_bytes(tmp_path: Path) -> None:
    archive = Archive([monthly_issue(number, private=number == 4) for number in range(8)])
    one = build(archive, tmp_path / "one", FORMATS, OPTIONS, jobs=1)
    two = build(archive, tmp_path / "two", FORMATS, OPTIONS, jobs=2)
    assert one.parts_made == two.parts_made
    assert site_snapshot(tmp_path / "one") == site_snapshot(tmp_path / "two")
    assert sorted(one.written) == sorted(two.written)


@pytest.mark.parametrize("jobs", [0, -1, True, 1.5])
def test_jobs_must_be_a_number_of_processes(tmp_path: Path, archive: Archive, jobs: object) -> None:
    with raises_exactly(InvalidValue, f"jobs: {jobs!r} is not a number of processes (1 or more)"):
        build(archive, tmp_path, ["json"], OPTIONS, jobs=jobs)  # type: ignore[arg-type]
    assert not tmp_path.joinpath(MANIFEST_PATH).exists()


def test_an_exporter_may_not_write_where_the_manifest_lives(
    tmp_path: Path, archive: Archive
) -> None:
    class Intruder(RunTimeExporter):
        name = "intruder"

        def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
            yield Artifact(path=MANIFEST_PATH, data=b"{}", media_type="application/json")

    register_exporter(Intruder())
    with raises_exactly(
        SiteError,
        "exporter 'intruder' returned the path '.cdm-newsletter/manifest.json', where the build "
        "keeps its manifest",
    ):
        build(archive, tmp_path, ["intruder"], OPTIONS)


# --- incremental == full, over random sequences of changes ---------------------------------


POOL = 6  # issues 0..5 of monthly_issue


class IncrementalBuilds(RuleBasedStateMachine):
    """Random changes to the issues, the options, the templates and the site's files; after
    each build, the incremental site must be the clean full build's, byte for byte."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="cdm-incremental-"))
        self.site = self.root / "site"
        self.templates = self.root / "templates"
        self.templates.mkdir()
        self.issues: dict[int, Issue] = {0: monthly_issue(0), 1: monthly_issue(1)}
        self.options = attrs.evolve(OPTIONS, templates=str(self.templates))
        self.built = False

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _archive(self) -> Archive:
        return Archive(self.issues.values())

    @rule(number=st.integers(0, POOL - 1), private=st.booleans())
    def add_or_replace_issue(self, number: int, private: bool) -> None:
        self.issues[number] = monthly_issue(number, private=private)

    @precondition(lambda self: len(self.issues) > 1)
    @rule(data=st.data())
    def remove_issue(self, data: st.DataObject) -> None:
        del self.issues[data.draw(st.sampled_from(sorted(self.issues)))]

    @rule(data=st.data(), title=st.sampled_from(["Numéro spécial", "InfoLettre d'été"]))
    def retitle_issue(self, data: st.DataObject, title: str) -> None:
        number = data.draw(st.sampled_from(sorted(self.issues)))
        self.issues[number] = attrs.evolve(self.issues[number], title=title)

    @rule(data=st.data(), days=st.integers(1, 30))
    def move_the_comex(self, data: st.DataObject, days: int) -> None:
        number = data.draw(st.sampled_from(sorted(self.issues)))
        issue = self.issues[number]
        comex = issue.agenda[0]
        assert comex.when is not None
        moved = meeting(
            issue.id,
            comex.title,
            comex.when.first_day + dt.timedelta(days=days),
            place=PARIS if days % 2 else None,
        )
        self.issues[number] = attrs.evolve(issue, agenda=(moved, *issue.agenda[1:]))

    @rule(
        feed_items=st.sampled_from([1, 2, 50, None]),
        window=st.sampled_from([None, dt.timedelta(days=20), dt.timedelta(days=365)]),
        base_url=st.sampled_from([None, "https://www.example.org/cdm/"]),
        morning=st.sampled_from([(dt.time(9), dt.time(12, 30)), (dt.time(8), dt.time(12))]),
        refresh=st.sampled_from([dt.timedelta(days=1), dt.timedelta(hours=12)]),
        include_private=st.booleans(),
    )
    def change_options(
        self,
        feed_items: int | None,
        window: dt.timedelta | None,
        base_url: str | None,
        morning: tuple[dt.time, dt.time],
        refresh: dt.timedelta,
        include_private: bool,
    ) -> None:
        self.options = attrs.evolve(
            self.options,
            feed_items=feed_items,
            calendar_window=window,
            base_url=base_url,
            morning=morning,
            calendar_refresh=refresh,
            include_private=include_private,
        )

    @rule(
        name=st.sampled_from(["email.html.j2", "base.html.j2", "index.html.j2"]),
        mark=st.text(alphabet="abc", min_size=1, max_size=3),
    )
    def change_template(self, name: str, mark: str) -> None:
        source = _package_template(name)
        (self.templates / name).write_text(source + f"{{# {mark} #}}<!-- {mark} -->\n", "utf-8")

    @rule(name=st.sampled_from(["email.html.j2", "base.html.j2", "index.html.j2"]))
    def restore_template(self, name: str) -> None:
        (self.templates / name).unlink(missing_ok=True)

    @precondition(lambda self: self.built)
    @rule(data=st.data(), how=st.sampled_from(["delete", "edit", "touch"]))
    def damage_a_file(self, data: st.DataObject, how: str) -> None:
        files = sorted(site_snapshot(self.site))
        target = self.site / data.draw(st.sampled_from(files))
        if how == "delete":
            target.unlink()
        elif how == "edit":
            target.write_bytes(target.read_bytes() + b" ")
        else:
            os.utime(target, (1_000_000_000, 1_000_000_000))

    @rule(jobs=st.sampled_from([1, 1, 2]))
    def build_incrementally(self, jobs: int) -> None:
        build(self._archive(), self.site, FORMATS, self.options, jobs=jobs)
        self.built = True
        fresh = self.root / "fresh"
        shutil.rmtree(fresh, ignore_errors=True)
        build(self._archive(), fresh, FORMATS, self.options)
        assert site_snapshot(self.site) == site_snapshot(fresh)

    @invariant()
    def no_temporary_file_is_left(self) -> None:
        assert not list(self.root.rglob("*.tmp"))


IncrementalBuilds.TestCase.settings = settings(
    max_examples=int(os.environ.get("CDM_STATEFUL_EXAMPLES", property_examples(8))),
    stateful_step_count=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestIncrementalBuilds = IncrementalBuilds.TestCase


def test_unchanged_tells_without_the_issues_that_there_is_nothing_to_do(
    tmp_path: Path, archive: Archive
) -> None:
    assert unchanged(tmp_path, "sources-1", FORMATS, OPTIONS) is None  # no build yet
    first = build(archive, tmp_path, FORMATS, OPTIONS, sources="sources-1")
    report = unchanged(tmp_path, "sources-1", FORMATS, OPTIONS)
    assert report is not None
    assert report.written == ()
    assert sorted(report.unchanged) == sorted(first.written)
    assert unchanged(tmp_path, "sources-2", FORMATS, OPTIONS) is None
    assert unchanged(tmp_path, "", FORMATS, OPTIONS) is None
    assert unchanged(tmp_path, "sources-1", ["json"], OPTIONS) is None
    assert unchanged(tmp_path, "sources-1", FORMATS, attrs.evolve(OPTIONS, feed_items=3)) is None
    (tmp_path / "index.html").write_bytes(b"damaged")
    assert unchanged(tmp_path, "sources-1", FORMATS, OPTIONS) is None
    build(archive, tmp_path, FORMATS, OPTIONS, sources="sources-1")
    assert unchanged(tmp_path, "sources-1", FORMATS, OPTIONS) is not None
    build(archive, tmp_path, FORMATS, OPTIONS, sources="sources-3")  # same issues, new digest
    assert unchanged(tmp_path, "sources-3", FORMATS, OPTIONS) is not None


# --- found by review: the edges of removing, committing and forking --------------------------


def test_building_some_formats_keeps_the_files_of_the_others(
    tmp_path: Path, archive: Archive
) -> None:
    build(archive, tmp_path, FORMATS, OPTIONS)
    before = site_snapshot(tmp_path)
    report = build(archive, tmp_path, ["rss"], OPTIONS)
    assert report.removed == ()
    assert site_snapshot(tmp_path) == before
    again = build(archive, tmp_path, FORMATS, OPTIONS)
    assert again.written == ()
    assert again.parts_made == 0  # the other formats' records were carried over


def _fail_the_third_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the third ``Path.replace`` of the process fail: a commit interrupted half-way."""
    calls = 0
    real = Path.replace

    def third_fails(self: Path, target: Path) -> Path:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise PermissionError(13, "Permission denied")
        return real(self, target)

    monkeypatch.setattr(Path, "replace", third_fails)


def test_an_interrupted_commit_leaves_no_file_the_next_build_does_not_know(
    tmp_path: Path, archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(archive, tmp_path, FORMATS, OPTIONS)
    _fail_the_third_replace(monkeypatch)
    bigger = Archive([*archive.issues, monthly_issue(3)])
    with raises_exactly(
        SiteError, f"{tmp_path / 'archive' / '2019-04.xml'}: cannot be written (Permission denied)"
    ):
        build(bigger, tmp_path, FORMATS, OPTIONS)
    monkeypatch.undo()
    assert (tmp_path / ".cdm-newsletter" / "pending.json").is_file()
    assert unchanged(tmp_path, "any", FORMATS, OPTIONS) is None
    build(archive, tmp_path, FORMATS, OPTIONS)  # without the new issue: its files must go
    assert site_snapshot(tmp_path) == _fresh(archive, tmp_path.parent / "fresh")
    assert not (tmp_path / ".cdm-newsletter" / "pending.json").exists()


def test_removing_orphans_never_follows_a_link_out_of_the_site(
    tmp_path: Path, archive: Archive
) -> None:
    site = tmp_path / "site"
    build(archive, site, ["html"], OPTIONS)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.html").write_bytes(b"the user's")
    shutil.rmtree(site / "issues" / "2019-03")
    (site / "issues" / "2019-03").symlink_to(mine, target_is_directory=True)
    build(Archive(archive.issues[1:]), site, ["html"], OPTIONS)
    assert (mine / "index.html").read_bytes() == b"the user's"


def test_a_manifest_naming_paths_outside_the_site_removes_nothing_there(
    tmp_path: Path, archive: Archive
) -> None:
    site = tmp_path / "site"
    build(archive, site, ["json"], OPTIONS)
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    data = json.loads((site / MANIFEST_PATH).read_bytes())
    data["parts"]["json"]["issue/evil"] = {"fingerprint": "", "paths": ["../victim.txt"]}
    data["files"]["../victim.txt"] = ["0" * 64, 7, 0]
    (site / MANIFEST_PATH).write_text(json.dumps(data))
    build(archive, site, ["json"], OPTIONS)
    assert victim.read_bytes() == b"keep me"


def _dies(issue_id: str) -> Iterator[Artifact]:
    os._exit(3)
    yield  # pragma: no cover


class DyingExporter(BrokenPartsExporter):
    name = "dying"

    def parts(self, archive: Archive, options: ExportOptions) -> Iterator[Part]:
        for issue in archive.issues:
            yield Part(key=f"issue/{issue.id}", make=_dies, args=(issue.id,))


def test_a_worker_that_dies_is_an_export_error_not_a_hang(tmp_path: Path, archive: Archive) -> None:
    register_exporter(DyingExporter())
    # Only the words in brackets are Python's (concurrent.futures), and may change with it.
    pattern = r"^a process of the build stopped unexpectedly \(.+\); nothing was written$"
    with pytest.raises(ExportError, match=pattern):
        build(archive, tmp_path, ["json", "dying"], OPTIONS, jobs=2)
    assert not (tmp_path / "data").exists()


def test_paths_an_interrupted_commit_left_wait_for_their_format_to_run(
    tmp_path: Path, archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(archive, tmp_path, FORMATS, OPTIONS)
    _fail_the_third_replace(monkeypatch)
    with pytest.raises(SiteError):
        build(Archive([*archive.issues, monthly_issue(3)]), tmp_path, FORMATS, OPTIONS)
    monkeypatch.undo()
    assert (tmp_path / "data" / "2019-04.json").is_file()  # put in place before the failure
    build(archive, tmp_path, ["rss"], OPTIONS)  # another format: the JSON path is kept in mind
    assert not (tmp_path / ".cdm-newsletter" / "pending.json").exists()
    assert (tmp_path / "data" / "2019-04.json").is_file()
    report = build(archive, tmp_path, FORMATS, OPTIONS)  # the JSON format runs: it goes
    assert "data/2019-04.json" in report.removed
    assert site_snapshot(tmp_path) == _fresh(archive, tmp_path.parent / "fresh")

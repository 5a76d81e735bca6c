"""Writing the site: atomic, incremental, deterministic, and safe about paths."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from cdm_newsletter import (
    Archive,
    Artifact,
    ExportError,
    ExportOptions,
    InvalidValue,
    Issue,
    SiteError,
    UnknownFormat,
    build,
    exporter_names,
    register_exporter,
)
from cdm_newsletter.exporters.base import unsafe_path_reason
from cdm_newsletter.site import BuildReport, collect_artifacts
from tests.conftest import raises_exactly, site_files, site_snapshot

MakeIssue = Callable[..., Issue]


class FakeExporter:
    """An exporter that returns the artifacts it is given (paths and bytes)."""

    description = "fixed artifacts"
    media_type = "text/plain"

    def __init__(self, name: str, files: dict[str, bytes]) -> None:
        self.name = name
        self.files = files
        self.seen: list[ExportOptions] = []

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        self.seen.append(options)
        for path, data in self.files.items():
            yield Artifact(path=path, data=data, media_type=self.media_type)


class FailingExporter:
    """An exporter that gives one artifact, then fails."""

    name = "failing"
    description = "fails half-way"
    media_type = "text/plain"

    def export(self, archive: Archive, options: ExportOptions) -> Iterator[Artifact]:
        yield Artifact(path="failing/first.txt", data=b"first", media_type=self.media_type)
        raise ExportError("failing: this archive cannot be exported")


def fake(name: str, files: dict[str, bytes]) -> FakeExporter:
    exporter = FakeExporter(name, files)
    register_exporter(exporter)
    return exporter


@pytest.fixture
def archive(make_issue: MakeIssue) -> Archive:
    return Archive(
        [make_issue(), make_issue(id="2019-03", date=dt.date(2019, 3, 1), title="Mars 2019")]
    )


OPTIONS = ExportOptions()


# --- writing ----------------------------------------------------------------------------


def test_build_with_the_json_exporter(tmp_path: Path, archive: Archive) -> None:
    out = tmp_path / "site"
    report = build(archive, out, formats=["json"], options=OPTIONS)
    assert report == BuildReport(
        formats=("json",),
        written=("data/2019-03.json", "data/2018-12.json"),
        unchanged=(),
        parts_made=2,
    )
    assert sorted(site_snapshot(out)) == ["data/2018-12.json", "data/2019-03.json"]
    assert (out / "data" / "2018-12.json").read_bytes().startswith(b'{\n  "id": "2018-12"')


def test_build_with_fake_exporters(tmp_path: Path, archive: Archive) -> None:
    fake("one", {"index.html": b"<html></html>\n", "feeds/news.rss": b"<rss/>"})
    fake("two", {"agenda.ics": b"BEGIN:VCALENDAR\r\n"})
    report = build(archive, tmp_path, formats=["one", "two"], options=OPTIONS)
    assert report.formats == ("one", "two")
    assert report.written == ("index.html", "feeds/news.rss", "agenda.ics")
    assert report.paths == ("agenda.ics", "feeds/news.rss", "index.html")
    assert site_snapshot(tmp_path) == {
        "index.html": b"<html></html>\n",
        "feeds/news.rss": b"<rss/>",
        "agenda.ics": b"BEGIN:VCALENDAR\r\n",
    }


def test_formats_given_twice_run_once(tmp_path: Path, archive: Archive) -> None:
    exporter = fake("one", {"a.txt": b"a"})
    report = build(archive, tmp_path, formats=["one", "one"], options=OPTIONS)
    assert report.formats == ("one",)
    assert len(exporter.seen) == 1


def test_no_formats_runs_every_exporter(tmp_path: Path, archive: Archive) -> None:
    fake("one", {"a.txt": b"a"})
    report = build(archive, tmp_path, options=OPTIONS)
    assert "json" in report.formats
    assert "one" in report.formats
    assert (tmp_path / "a.txt").read_bytes() == b"a"
    assert (tmp_path / "data" / "2018-12.json").is_file()


def test_unknown_format_writes_nothing(tmp_path: Path, archive: Archive) -> None:
    out = tmp_path / "site"
    known = ", ".join(exporter_names())
    with raises_exactly(UnknownFormat, f"no exporter named 'rss2'; known: {known}"):
        build(archive, out, formats=["json", "rss2"], options=OPTIONS)
    assert not out.exists()


def test_output_folder_is_created(tmp_path: Path, archive: Archive) -> None:
    out = tmp_path / "a" / "b" / "site"
    build(archive, str(out), formats=["json"], options=OPTIONS)
    assert (out / "data" / "2019-03.json").is_file()


def test_progress_messages(tmp_path: Path, archive: Archive) -> None:
    messages: list[str] = []
    build(archive, tmp_path, formats=["json"], options=OPTIONS, progress=messages.append)
    assert messages == [
        "exporting 2 issue(s) as json",
        "making 2 part(s), keeping 0",
        f"wrote 2 file(s), 0 unchanged, 0 removed, in {tmp_path}",
    ]


# --- incremental ------------------------------------------------------------------------


def test_second_build_writes_nothing_and_keeps_mtimes(tmp_path: Path, archive: Archive) -> None:
    fake("one", {"index.html": b"<p>x</p>"})
    first = build(archive, tmp_path, formats=["json", "one"], options=OPTIONS)
    old_time = 1_000_000_000
    for path in tmp_path.rglob("*"):
        if path.is_file():
            os.utime(path, (old_time, old_time))
    before = site_snapshot(tmp_path)
    second = build(archive, tmp_path, formats=["json", "one"], options=OPTIONS)
    assert second.written == ()
    assert second.unchanged == first.written
    assert site_snapshot(tmp_path) == before
    assert {path.stat().st_mtime for path in site_files(tmp_path)} == {old_time}


def test_only_changed_files_are_written(tmp_path: Path, archive: Archive) -> None:
    exporter = fake("one", {"a.txt": b"a", "b.txt": b"b"})
    build(archive, tmp_path, formats=["one"], options=OPTIONS)
    exporter.files = {"a.txt": b"a", "b.txt": b"B"}
    report = build(archive, tmp_path, formats=["one"], options=OPTIONS)
    assert report.written == ("b.txt",)
    assert report.unchanged == ("a.txt",)
    assert (tmp_path / "b.txt").read_bytes() == b"B"


def test_a_folder_in_the_way_is_a_site_error(tmp_path: Path, archive: Archive) -> None:
    fake("one", {"a.txt": b"a"})
    (tmp_path / "a.txt").mkdir()
    with raises_exactly(SiteError, f"{tmp_path / 'a.txt'}: cannot be written (Is a directory)"):
        build(archive, tmp_path, formats=["one"], options=OPTIONS)
    assert [path.name for path in tmp_path.iterdir()] == ["a.txt"]
    assert (tmp_path / "a.txt").is_dir()


def test_a_failed_write_names_the_file_not_the_temporary_file(
    tmp_path: Path, archive: Archive
) -> None:
    fake("one", {"a.txt": b"a"})
    (tmp_path / "a.txt").mkdir()
    with pytest.raises(SiteError) as caught:
        build(archive, tmp_path, formats=["one"], options=OPTIONS)
    assert str(caught.value).startswith(f"{tmp_path / 'a.txt'}: cannot be written (")


# --- atomic writes ----------------------------------------------------------------------


def test_no_temporary_file_is_left(tmp_path: Path, archive: Archive) -> None:
    fake("one", {"a/b/c.txt": b"c", "d.txt": b"d"})
    build(archive, tmp_path, formats=["json", "one"], options=OPTIONS)
    build(archive, tmp_path, formats=["json", "one"], options=OPTIONS)
    names = [path.name for path in site_files(tmp_path)]
    assert not [name for name in names if name.startswith(".") or name.endswith(".tmp")]


def test_a_failed_replace_keeps_the_old_file_and_leaves_no_temporary_file(
    tmp_path: Path, archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    exporter = fake("one", {"a.txt": b"old"})
    build(archive, tmp_path, formats=["one"], options=OPTIONS)
    exporter.files = {"a.txt": b"new"}

    def refuse(self: Path, target: Path) -> Path:
        raise PermissionError(13, "Permission denied", str(self), None, str(target))

    monkeypatch.setattr(Path, "replace", refuse)
    with raises_exactly(SiteError, f"{tmp_path / 'a.txt'}: cannot be written (Permission denied)"):
        build(archive, tmp_path, formats=["one"], options=OPTIONS)
    assert site_snapshot(tmp_path) == {"a.txt": b"old"}


def test_written_files_are_readable_by_everyone(tmp_path: Path, archive: Archive) -> None:
    fake("one", {"a.txt": b"a"})
    build(archive, tmp_path, formats=["one"], options=OPTIONS)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644


# --- unsafe paths -----------------------------------------------------------------------

UNSAFE_PATHS = [
    ("../x", "the path has a '..' part"),
    ("a/../../x", "the path has a '..' part"),
    ("/abs", "the path is absolute"),
    ("a//b", "the path has an empty part"),
    ("a/", "the path has an empty part"),
    ("a/./b", "the path has a '.' part"),
    ("CON", "the part 'CON' is a name Windows reserves for a device"),
    ("aux.txt", "the part 'aux.txt' is a name Windows reserves for a device"),
    ("a/lpt1.html", "the part 'lpt1.html' is a name Windows reserves for a device"),
    ("a\\b", "the path contains the character '\\\\'"),
    ("x:y", "the path contains the character ':'"),
    ("a?b", "the path contains the character '?'"),
    ("a\x00b", "the path contains the character '\\x00'"),
    ("a\nb", "the path contains the character '\\n'"),
    ("name.", "the part 'name.' ends in a dot or a space"),
    ("dir /x", "the part 'dir ' ends in a dot or a space"),
    ("", "the path is empty"),
]


@pytest.mark.parametrize(("path", "reason"), UNSAFE_PATHS)
def test_unsafe_path_reason(path: str, reason: str) -> None:
    assert unsafe_path_reason(path) == reason


@pytest.mark.parametrize(
    "path",
    ["index.html", "feeds/news.rss", "issues/2018-12/index.html", ".well-known/x", "a..b", "con-x"],
)
def test_safe_paths(path: str) -> None:
    assert unsafe_path_reason(path) is None


@pytest.mark.parametrize(("path", "reason"), UNSAFE_PATHS)
def test_unsafe_artifact_path_is_refused_before_anything_is_written(
    tmp_path: Path, archive: Archive, path: str, reason: str
) -> None:
    fake("one", {"first.txt": b"first"})
    fake("bad", {"second.txt": b"second", path: b"x"})
    out = tmp_path / "site"
    with pytest.raises(SiteError) as caught:
        build(archive, out, formats=["json", "one", "bad"], options=OPTIONS)
    assert str(caught.value) == f"exporter 'bad' returned the unsafe path {path!r}: {reason}"
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_case_insensitive_clash_between_exporters(tmp_path: Path, archive: Archive) -> None:
    fake("one", {"Index.html": b"1"})
    fake("two", {"index.HTML": b"2"})
    with pytest.raises(SiteError) as caught:
        build(archive, tmp_path / "site", formats=["one", "two"], options=OPTIONS)
    assert str(caught.value) == (
        "exporters 'one' and 'two' both write 'index.HTML' "
        "(paths that differ only in case clash on some file systems)"
    )
    assert not (tmp_path / "site").exists()


def test_exact_clash_with_the_json_exporter(tmp_path: Path, archive: Archive) -> None:
    fake("one", {"data/2018-12.json": b"{}"})
    with raises_exactly(SiteError, "exporters 'json' and 'one' both write 'data/2018-12.json'"):
        build(archive, tmp_path / "site", formats=["json", "one"], options=OPTIONS)


def test_file_and_folder_clash_is_refused_before_anything_is_written(
    tmp_path: Path, archive: Archive
) -> None:
    fake("one", {"feeds": b"a file"})
    fake("two", {"feeds/news.rss": b"<rss/>"})
    out = tmp_path / "site"
    with pytest.raises(SiteError):
        build(archive, out, formats=["one", "two"], options=OPTIONS)
    assert not out.exists() or site_snapshot(out) == {}


def test_exporter_returning_something_else_than_artifacts(tmp_path: Path, archive: Archive) -> None:
    class Wrong(FakeExporter):
        def export(self, archive: Archive, options: ExportOptions) -> Iterable[Artifact]:
            return ["not an artifact"]  # type: ignore[list-item]

    register_exporter(Wrong("wrong", {}))
    with pytest.raises(ExportError) as caught:
        build(archive, tmp_path / "site", formats=["wrong"], options=OPTIONS)
    assert str(caught.value) == "exporter 'wrong' returned str, not an Artifact"


def test_exporter_returning_text_instead_of_bytes(tmp_path: Path, archive: Archive) -> None:
    fake("text", {"a.txt": "é"})  # type: ignore[dict-item]
    with pytest.raises(ExportError) as caught:
        build(archive, tmp_path / "site", formats=["text"], options=OPTIONS)
    assert str(caught.value) == "exporter 'text' returned non-bytes data for 'a.txt'"


# --- failures leave the previous site ---------------------------------------------------


def test_failing_exporter_leaves_the_previous_site_byte_identical(
    tmp_path: Path, archive: Archive, make_issue: MakeIssue
) -> None:
    fake("one", {"index.html": b"v1"})
    register_exporter(FailingExporter())
    build(archive, tmp_path, formats=["json", "one"], options=OPTIONS)
    before = site_snapshot(tmp_path)
    changed = Archive([make_issue(title="Un autre titre")])
    with raises_exactly(ExportError, "failing: this archive cannot be exported"):
        build(changed, tmp_path, formats=["json", "one", "failing"], options=OPTIONS)
    assert site_snapshot(tmp_path) == before


def test_collect_artifacts_writes_nothing(archive: Archive, tmp_path: Path) -> None:
    exporter = FakeExporter("one", {"a.txt": b"a"})
    artifacts = collect_artifacts(archive, [exporter], OPTIONS)
    assert artifacts == [Artifact(path="a.txt", data=b"a", media_type="text/plain")]
    assert list(tmp_path.iterdir()) == []


# --- symbolic links ---------------------------------------------------------------------


def test_symlinked_folder_leading_outside_is_refused(tmp_path: Path, archive: Archive) -> None:
    out = tmp_path / "site"
    outside = tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (out / "data").symlink_to(outside, target_is_directory=True)
    with raises_exactly(
        SiteError,
        f"{out / 'data' / '2019-03.json'}: its folder leads outside {out} "
        "(through a symbolic link)",
    ):
        build(archive, out, formats=["json"], options=OPTIONS)
    assert list(outside.iterdir()) == []


def test_symlinked_parent_folder_leading_outside_is_refused(
    tmp_path: Path, archive: Archive
) -> None:
    out = tmp_path / "site"
    outside = tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (out / "a").symlink_to(outside, target_is_directory=True)
    fake("deep", {"a/b/c.txt": b"c"})
    with raises_exactly(
        SiteError,
        f"{out / 'a' / 'b' / 'c.txt'}: its folder leads outside {out} (through a symbolic link)",
    ):
        build(archive, out, formats=["deep"], options=OPTIONS)
    assert list(outside.iterdir()) == []


def test_symlinked_file_leading_outside_is_not_written_through(
    tmp_path: Path, archive: Archive
) -> None:
    out = tmp_path / "site"
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"secret")
    out.mkdir()
    (out / "a.txt").symlink_to(secret)
    fake("one", {"a.txt": b"public"})
    build(archive, out, formats=["one"], options=OPTIONS)
    assert secret.read_bytes() == b"secret"
    assert (out / "a.txt").read_bytes() == b"public"


def test_symlink_inside_the_output_folder_is_allowed(tmp_path: Path, archive: Archive) -> None:
    out = tmp_path / "site"
    (out / "real").mkdir(parents=True)
    (out / "data").symlink_to(out / "real", target_is_directory=True)
    build(archive, out, formats=["json"], options=OPTIONS)
    assert (out / "real" / "2018-12.json").is_file()


# --- determinism ------------------------------------------------------------------------


def test_two_builds_give_identical_bytes(tmp_path: Path, archive: Archive) -> None:
    fake("one", {"index.html": b"<p>x</p>"})
    build(archive, tmp_path / "a", formats=["json", "one"], options=OPTIONS)
    build(archive, tmp_path / "b", formats=["json", "one"], options=OPTIONS)
    first = site_snapshot(tmp_path / "a")
    assert first
    assert first == site_snapshot(tmp_path / "b")


# --- SOURCE_DATE_EPOCH ------------------------------------------------------------------


def test_source_date_epoch() -> None:
    options = ExportOptions.from_environment({"SOURCE_DATE_EPOCH": "1545000000"})
    assert options.build_time == dt.datetime(2018, 12, 16, 22, 40, tzinfo=dt.UTC)
    assert options.base_url is None
    assert not options.include_private


def test_source_date_epoch_with_spaces_and_zero() -> None:
    assert ExportOptions.from_environment({"SOURCE_DATE_EPOCH": " 0 "}).build_time == (
        dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    )


@pytest.mark.parametrize("environ", [{}, {"SOURCE_DATE_EPOCH": ""}, {"SOURCE_DATE_EPOCH": "  "}])
def test_no_source_date_epoch(environ: dict[str, str]) -> None:
    assert ExportOptions.from_environment(environ).build_time is None


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "1e9", "2018-12-16"])
def test_bad_source_date_epoch(value: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        ExportOptions.from_environment({"SOURCE_DATE_EPOCH": value})
    assert str(caught.value) == (
        f"SOURCE_DATE_EPOCH: {value!r} is not a whole number of seconds since 1970"
    )


@pytest.mark.parametrize("value", ["²", "99999999999999999999"])
def test_odd_source_date_epoch_is_an_invalid_value(value: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        ExportOptions.from_environment({"SOURCE_DATE_EPOCH": value})
    assert caught.value.field == "SOURCE_DATE_EPOCH"


def test_from_environment_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    options = ExportOptions.from_environment(base_url="https://example.org/")
    assert options.build_time == dt.datetime(1970, 1, 2, tzinfo=dt.UTC)
    assert options.base_url == "https://example.org/"


def test_build_takes_its_options_from_the_environment(
    tmp_path: Path, archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1545000000")
    exporter = fake("one", {"a.txt": b"a"})
    build(archive, tmp_path, formats=["one"])
    assert [options.build_time for options in exporter.seen] == [
        dt.datetime(2018, 12, 16, 22, 40, tzinfo=dt.UTC)
    ]


def test_build_with_a_bad_source_date_epoch_writes_nothing(
    tmp_path: Path, archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with raises_exactly(
        InvalidValue, "SOURCE_DATE_EPOCH: 'yesterday' is not a whole number of seconds since 1970"
    ):
        build(archive, tmp_path / "site", formats=["json"])
    assert not (tmp_path / "site").exists()


def test_options_refuse_a_naive_build_time_and_a_bad_base_url() -> None:
    with pytest.raises(InvalidValue) as caught:
        ExportOptions(build_time=dt.datetime(2019, 1, 1))
    assert str(caught.value) == "build_time: must carry a time zone (UTC)"
    with pytest.raises(InvalidValue) as caught:
        ExportOptions(base_url="example.org")
    assert str(caught.value) == "base_url: 'example.org' is not an absolute http(s) URL"

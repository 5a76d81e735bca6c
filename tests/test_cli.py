"""The cdm-newsletter command: what it writes, what it prints, and its exit statuses."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cdm_newsletter as cdm
from cdm_newsletter.cli import _progress_printer, main
from tests.conftest import build_issue, site_files, site_snapshot
from tests.test_site_incremental import BrokenPartsExporter

THREE_WRONG_FIELDS = """\
id: 2018-12
date: 2018-12-15
title: InfoLettre
publisher:
  name: Réseau
  url: www.example.org
agenda:
  - title: Spring school
    when: {start: 2019-06-21, end: 2019-06-19}
sections:
  - title: Nouvelles
    articles:
      - title: Numéri'DAY
        contacts:
          - {name: Corinne MARETS, email: "x@"}
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_build_without_source_writes_the_bundled_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "build")
    assert status == 0, err
    assert sorted(path.name for path in (tmp_path / "site" / "data").iterdir()) == [
        "2018-12.json",
        "2019-03.json",
    ]
    assert cdm.load(tmp_path / "site" / "data" / "2018-12.json") == cdm.example_issues()[0]
    written, formats = len(site_files(tmp_path / "site")), ", ".join(cdm.exporter_names())
    assert out == (
        f"built 2 issue(s) into site: {written} file(s) written, 0 unchanged ({formats})\n"
    )
    assert err == (  # not a terminal: no progress, only the warning about links
        "warning: no --base-url: links in feeds and pages point to http://localhost:8000/"
        " (the local preview)\n"
    )


def test_build_with_sources_formats_and_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "issue.yaml"
    cdm.dump(build_issue(), source)
    status, out, _ = run(capsys, "build", str(source), "-o", str(tmp_path / "out"), "-f", "json")
    assert status == 0
    assert (tmp_path / "out" / "data" / "2018-12.json").is_file()
    assert out == (
        f"built 1 issue(s) into {tmp_path / 'out'}: 1 file(s) written, 0 unchanged (json)\n"
    )


def test_three_wrong_fields_one_error_and_no_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "issue.yaml"
    source.write_text(THREE_WRONG_FIELDS, encoding="utf-8")
    status, out, err = run(capsys, "build", str(source), "-o", str(tmp_path / "site"))
    assert status == 1
    assert out == ""
    assert err.splitlines() == [
        f"error: {source}: $.publisher.url: 'www.example.org' is not an absolute http(s) URL",
        f"error: {source}: $.agenda[0].when.end: 2019-06-19 is before the start, 2019-06-21",
        f"error: {source}: $.sections[0].articles[0].contacts[0].email:"
        " 'x@' is not an e-mail address",
    ]
    assert not (tmp_path / "site").exists()


def test_truncated_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "issue.json"
    source.write_bytes(cdm.dumps(build_issue(), "json")[:200])
    status, _, err = run(capsys, "build", str(source), "-o", str(tmp_path / "site"))
    assert status == 1
    line, column = _position_of_end(source.read_text(encoding="utf-8"))
    assert err == f"error: {source}: line {line}, column {column}: Expecting ',' delimiter\n"
    assert not (tmp_path / "site").exists()


def _position_of_end(text: str) -> tuple[int, int]:
    lines = text.split("\n")
    return len(lines), len(lines[-1]) + 1


def test_unknown_format_lists_the_known_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "build", "-f", "rss2", "-o", str(tmp_path / "site"))
    assert status == 1
    assert err == f"error: no exporter named 'rss2'; known: {', '.join(cdm.exporter_names())}\n"
    assert "json" in cdm.exporter_names()
    assert not (tmp_path / "site").exists()


def test_formats_lists_each_format_with_its_origin(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "formats")
    assert status == 0
    lines = out.splitlines()
    exporters = lines[1 : lines.index("importers:")]
    (json_line,) = [line for line in exporters if line.split()[0] == "json"]
    assert json_line.endswith(f"[cdm-newsletter {cdm.__version__}]")
    assert "data/<issue-id>.json" in json_line
    importers = {line.split()[0] for line in lines[lines.index("importers:") + 1 :]}
    assert {"json", "yaml", "toml"} <= importers


def test_convert_follows_the_suffixes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "issue.yaml"
    cdm.dump(build_issue(), source)
    status, out, _ = run(capsys, "convert", str(source), str(tmp_path / "issue.toml"))
    assert status == 0
    assert out == f"wrote {tmp_path / 'issue.toml'}\n"
    assert cdm.load(tmp_path / "issue.toml") == build_issue()


def test_convert_to_an_unknown_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "issue.yaml"
    cdm.dump(build_issue(), source)
    status, _, err = run(capsys, "convert", str(source), str(tmp_path / "issue.pdf"))
    assert status == 1
    assert err == (
        f"error: {tmp_path / 'issue.pdf'}: cannot write the suffix '.pdf';"
        " known: .json, .toml, .yaml, .yml\n"
    )


def test_missing_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "build", str(tmp_path / "nope.yaml"))
    assert (status, err) == (1, f"error: {tmp_path / 'nope.yaml'}: no such file\n")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["build", "--nope"])
    assert caught.value.code == 2
    # argparse's wording, after its usage lines.
    assert capsys.readouterr().err.splitlines()[-1] == (
        "cdm-newsletter: error: unrecognized arguments: --nope"
    )


def test_feed_items_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    base = ["build", "-o", str(out), "-f", "rss", "--base-url", "https://e.org/"]
    assert run(capsys, *base, "--feed-items", "3")[0] == 0
    assert (out / "feed.rss").read_bytes().count(b"<item>") == 3
    assert run(capsys, *base, "--feed-items", "all")[0] == 0
    total = sum(len(list(issue.articles())) for issue in cdm.example_issues())
    assert (out / "feed.rss").read_bytes().count(b"<item>") == total
    status, _, err = run(capsys, *base, "--feed-items", "zero")
    assert (status, err) == (1, "error: --feed-items: 'zero' is not a number of items or 'all'\n")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"cdm-newsletter {cdm.__version__}\n"


def test_bad_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    status, _, err = run(
        capsys, "build", "-o", str(tmp_path / "site"), "--base-url", "https://e.org/"
    )
    assert status == 1
    assert (
        err == "error: SOURCE_DATE_EPOCH: 'yesterday' is not a whole number of seconds since 1970\n"
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal() -> None:
    assert _progress_printer(io.StringIO()) is None
    terminal = _Terminal()
    progress = _progress_printer(terminal)
    assert progress is not None
    progress("reading issue.yaml")
    assert terminal.getvalue() == "… reading issue.yaml\n"


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "cdm_newsletter"],
        [str(Path(sys.executable).with_name("cdm-newsletter"))],
    ],
    ids=["python -m", "console script"],
)
def test_entry_points_run(tmp_path: Path, command: list[str]) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1545000000"}
    result = subprocess.run(
        [*command, "build", "-o", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "data" / "2019-03.json").is_file()


def test_serve_command_previews_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[tuple[str, int]] = []

    def fake_serve(directory: str, *, port: int, announce: object) -> None:
        calls.append((directory, port))
        announce(f"serving {directory} at http://127.0.0.1:{port}/")  # type: ignore[operator]

    monkeypatch.setattr(cdm, "serve", fake_serve)
    assert main(["serve", str(tmp_path), "--port", "0"]) == 0
    assert main(["serve"]) == 0
    assert calls == [(str(tmp_path), 0), ("site", 8000)]
    assert capsys.readouterr().out.splitlines()[0] == (
        f"serving {tmp_path} at http://127.0.0.1:0/ (Ctrl-C to stop)"
    )


def test_serve_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path / "nope"), "--port", "0"]) == 1
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'nope'}: no such folder; build the site first, or name its folder\n"
    )


def test_formats_survives_a_broken_plugin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from importlib import metadata

    from cdm_newsletter import plugins

    real = metadata.entry_points

    def with_a_broken_one(*, group: str) -> list[metadata.EntryPoint]:
        found = list(real(group=group))
        if group == plugins.EXPORTERS_GROUP:
            found.append(
                metadata.EntryPoint(name="broken", value="no_such_module:Exporter", group=group)
            )
        return found

    monkeypatch.setattr(plugins.metadata, "entry_points", with_a_broken_one)
    status, out, err = run(capsys, "formats")
    assert status == 0
    assert err == (
        "warning: exporter plugin 'broken = no_such_module:Exporter' failed to load:"
        " ModuleNotFoundError: No module named 'no_such_module'; it is left out\n"
    )
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("  ")}
    assert {"json", "rss", "atom", "ical", "xml", "html"} <= listed
    assert "broken" not in listed


def test_calendar_window_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    base = ["build", "-o", str(out), "-f", "ical", "--base-url", "https://e.org/"]
    assert run(capsys, *base, "--calendar-window", "0")[0] == 0
    recent = (out / "agenda.ics").read_bytes().count(b"BEGIN:VEVENT")
    assert run(capsys, *base, "--calendar-window", "all")[0] == 0
    every = (out / "agenda.ics").read_bytes().count(b"BEGIN:VEVENT")
    assert recent < every
    status, _, err = run(capsys, *base, "--calendar-window", "a year")
    assert (status, err) == (
        1,
        "error: --calendar-window: 'a year' is not a number of days or 'all'\n",
    )


def test_build_again_writes_nothing_and_jobs_give_the_same_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "build", "-o", str(tmp_path / "one"))
    assert status == 0, err
    unchanged, formats = len(site_files(tmp_path / "one")), ", ".join(cdm.exporter_names())
    again = (
        f"built 2 issue(s) into {tmp_path / 'one'}:"
        f" 0 file(s) written, {unchanged} unchanged ({formats})\n"
    )
    status, out, _ = run(capsys, "build", "-o", str(tmp_path / "one"))
    assert (status, out) == (0, again)
    status, out, _ = run(capsys, "build", "-o", str(tmp_path / "one"), "--full")
    assert (status, out) == (0, again)
    status, _, err = run(capsys, "build", "-o", str(tmp_path / "two"), "--jobs", "2")
    assert status == 0, err
    status, _, err = run(capsys, "build", "-o", str(tmp_path / "auto"), "-j", "auto")
    assert status == 0, err
    assert (
        site_snapshot(tmp_path / "one")
        == site_snapshot(tmp_path / "two")
        == site_snapshot(tmp_path / "auto")
    )


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", "²", "١٢"])
def test_build_refuses_a_wrong_number_of_jobs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    status, out, err = run(capsys, "build", "-o", str(tmp_path / "site"), f"--jobs={value}")
    assert status == 1
    assert out == ""
    assert err == f"error: --jobs: {value!r} is not a number of processes or 'auto'\n"
    assert not (tmp_path / "site").exists()


def test_build_says_what_it_removed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    cdm.dump(build_issue(), first)
    cdm.dump(build_issue(id="2019-01", date=dt.date(2019, 1, 10)), second)
    out_dir = str(tmp_path / "out")
    run(capsys, "build", str(first), str(second), "-o", out_dir, "-f", "json")
    status, out, _ = run(capsys, "build", str(first), "-o", out_dir, "-f", "json")
    assert status == 0
    assert (
        out
        == f"built 1 issue(s) into {out_dir}: 0 file(s) written, 1 unchanged, 1 removed (json)\n"
    )


def test_a_build_with_the_same_sources_reads_none_of_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "issue.yaml"
    cdm.dump(build_issue(), source)
    out_dir = str(tmp_path / "site")
    reads: list[object] = []
    real = cdm.loads_with_diagnostics

    def counted(data: bytes, **kwargs: Any) -> cdm.ImportResult:
        reads.append(kwargs["source"])
        return real(data, **kwargs)

    monkeypatch.setattr(cdm, "loads_with_diagnostics", counted)

    def build(*extra: str) -> str:
        reads.clear()
        status, out, err = run(capsys, "build", str(source), "-o", out_dir, *extra)
        assert status == 0, err
        return out

    first = build()
    written = int(first.split(": ")[1].split(" ")[0])
    assert reads == [str(source)]
    assert build() == first.replace(
        f": {written} file(s) written, 0 unchanged", f": 0 file(s) written, {written} unchanged"
    )
    assert reads == []  # nothing changed: not even read
    (tmp_path / "site" / "feed.rss").unlink()  # the site damaged: read again, and repaired
    assert ": 1 file(s) written, " in build()
    assert reads == [str(source)]
    cdm.dump(build_issue(title="Un autre titre"), source)  # a source changed
    assert ": 0 file(s) written, " not in build()
    assert reads == [str(source)]
    build("--feed-items", "3")  # an option changed
    assert reads == [str(source)]
    build("--feed-items", "3")
    assert reads == []
    build("--full")
    assert reads == [str(source)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_traceback_shows_where_an_exporter_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    cdm.register_exporter(BrokenPartsExporter())
    arguments = ["build", "-o", str(tmp_path / "site"), "-f", "json,broken", "--jobs", jobs]
    arguments += ["--base-url", "https://www.example.org/"]
    error = "error: exporter 'broken' failed on 'issue/2019-03': ZeroDivisionError: no page for"
    assert main(arguments) == 1
    assert capsys.readouterr().err == f"{error} 2019-03\n"
    assert main([*arguments, "--traceback"]) == 1
    err = capsys.readouterr().err
    # The exporter's own line, from the worker process too (there as the traceback's text).
    assert 'raise ZeroDivisionError(f"no page for {issue_id}")' in err
    assert err.index("Traceback (most recent call last):") < err.index("in _broken_part")
    assert err.endswith(f"\n{error} 2019-03\n")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--feed-items", "²", "'²' is not a number of items or 'all'"),
        ("--calendar-window", "٣٠", "'٣٠' is not a number of days or 'all'"),
        ("--max-source-size", "²M", "'²M' is not a size such as 20M, 512K or 20971520"),
        ("--max-source-size", "0", "'0' is too small: 1 byte at least"),
    ],
)
def test_numbers_are_ascii_digits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    status, out, err = run(capsys, "build", "-o", str(tmp_path / "site"), option, value)
    assert (status, out, err) == (1, "", f"error: {option}: {message}\n")


@pytest.mark.parametrize("size", ["4K", "4k", "4KiB", "4 KiB", "4KB", "4096"])
def test_sizes_take_binary_units(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], size: str
) -> None:
    source = tmp_path / "2018-12.yaml"
    source.write_bytes(cdm.dumps(build_issue(), "yaml").ljust(4096, b"#"))
    assert main(["lint", str(source), "--max-source-size", size]) == 0
    source.write_bytes(source.read_bytes() + b"#")
    assert main(["lint", str(source), "--max-source-size", size]) == 1
    assert capsys.readouterr().err == (
        f"error: {source}: larger than the limit of 4,096 bytes; raise it to read the file"
        " (--max-source-size, or max_bytes in Python)\n"
    )


def test_one_file_named_twice_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("2018-12.yaml").write_bytes(cdm.dumps(build_issue(), "yaml"))
    spellings = ["2018-12.yaml", "./2018-12.yaml", str(tmp_path / "2018-12.yaml")]
    status, out, _ = run(capsys, "build", *spellings, "-o", "site", "-f", "json")
    assert (status, out) == (
        0,
        "built 1 issue(s) into site: 1 file(s) written, 0 unchanged (json)\n",
    )

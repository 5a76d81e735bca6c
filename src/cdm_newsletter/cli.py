"""The ``cdm-newsletter`` command: a thin shell over the public API.

Exit status: 0 on success, 1 on an error the user can fix (the message starts
with ``error:``), 2 on a usage error. Any other failure is a bug and shows its
traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import os
import re
import sys
import traceback
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

import attrs

import cdm_newsletter as cdm

from ._files import read_source
from .io import MAX_SOURCE_BYTES
from .site import unchanged

__all__ = ["main"]

DEFAULT_OUT_DIR = "site"


def _progress_printer(stream: TextIO) -> Callable[[str], None] | None:
    """A progress callback that prints to a terminal, or ``None`` when not on one."""
    if not stream.isatty():
        return None
    return lambda message: print(f"… {message}", file=stream, flush=True)


def _distinct(sources: Sequence[str]) -> list[str]:
    """The sources, each file once (``x.yaml`` and ``./x.yaml`` are one), as first spelled."""
    seen: set[object] = set()
    distinct = []
    for source in sources:
        try:
            stat = Path(source).stat()
            key: object = (stat.st_dev, stat.st_ino)
        except OSError:
            key = Path(source).resolve()  # missing: read_source says so
        if key not in seen:
            seen.add(key)
            distinct.append(source)
    return distinct


def _issues(
    contents: Mapping[str, bytes],
    args: argparse.Namespace,
    progress: Callable[[str], None] | None,
) -> list[cdm.Issue]:
    """Import every source, refusing a second source of an issue already read, by name."""
    issues = []
    read_from: dict[str, str] = {}
    not_understood: dict[str, int] = {}
    for source, data in contents.items():
        if progress is not None:
            progress(f"reading {source}")
        result = _read(source, data, args)
        issue = result.issue
        first = read_from.setdefault(issue.id, source)
        if first != source:
            problem = cdm.Problem("$.id", f"issue {issue.id!r} is also read from {first}")
            raise cdm.InvalidData(str(Path(source)), [problem])
        count = sum(1 for d in result.diagnostics if d.code in cdm.NOT_UNDERSTOOD)
        if count:
            not_understood[str(Path(source))] = count
        issues.append(issue)
    if not_understood:
        lines = sum(not_understood.values())
        summary = (
            f"{lines} part(s) of {len(not_understood)} source(s) were not understood"
            f" ({', '.join(not_understood)}); 'cdm-newsletter lint' shows where"
        )
        if args.strict:
            raise cdm.CdmNewsletterError(f"{summary}; nothing was built (--strict)")
        print(f"warning: {summary}", file=sys.stderr)
    return issues


def _format_names(values: Sequence[str] | None) -> list[str] | None:
    """Split ``-f json -f rss,atom`` into names, or ``None`` for "every exporter"."""
    if not values:
        return None
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


def _import_options(args: argparse.Namespace) -> cdm.ImportOptions:
    return cdm.ImportOptions(issue_date=args.issue_date, default_timezone=args.timezone)


def _read(source: str, data: bytes, args: argparse.Namespace) -> cdm.ImportResult:
    """Import one source's bytes and show what the importer noticed that needs fixing."""
    result = cdm.loads_with_diagnostics(
        data, source=str(Path(source)), options=_import_options(args)
    )
    for diagnostic in result.diagnostics:
        if diagnostic.severity is not cdm.Severity.INFO:
            print(diagnostic, file=sys.stderr)
    return result


def _sources_digest(sources: Mapping[str, bytes], args: argparse.Namespace) -> str:
    """A digest of what the issues are read from: the files, the import options, the importers.

    Equal digests mean equal issues, so a build can be skipped without reading them.
    """
    digest = hashlib.sha256(f"{cdm.__version__}\0{args.issue_date}\0{args.timezone}".encode())
    for info in cdm.format_infos():
        if info.kind == "importer":
            digest.update(f"\0{info.name} {info.origin}".encode())
    if not sources:
        digest.update(b"\0the bundled examples")
    for source, data in sources.items():
        digest.update(f"\0{source}\0".encode("utf-8", "surrogateescape"))
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def _warn_about_links(args: argparse.Namespace) -> None:
    if args.base_url is None:
        print(
            f"warning: no --base-url: links in feeds and pages point to {cdm.DEFAULT_BASE_URL}"
            " (the local preview)",
            file=sys.stderr,
        )


def _build(args: argparse.Namespace) -> int:
    progress = _progress_printer(sys.stderr)
    formats = _format_names(args.formats)
    for name in formats or ():  # fail on a wrong name before any work
        cdm.get_exporter(name)
    options = cdm.ExportOptions.from_environment(base_url=args.base_url)
    options = attrs.evolve(
        options,
        feed_items=_feed_items(args.feed_items),
        calendar_window=_calendar_window(args.calendar_window),
        templates=args.templates,
    )
    jobs = _jobs(args.jobs)
    # Each source is read once: what is hashed is what is imported.
    limit = _source_size(args.max_source_size)
    contents = {source: read_source(Path(source), limit) for source in _distinct(args.sources)}
    sources = _sources_digest(contents, args)
    check_sources = args.full or args.strict  # --strict reads every source to check it
    report = None if check_sources else unchanged(args.output, sources, formats, options)
    count = len(contents) if contents else len(cdm.example_issues())
    if report is not None:
        _warn_about_links(args)
        if progress is not None:
            progress(f"nothing changed since the last build of {args.output}")
    else:
        issues = _issues(contents, args, progress) if contents else cdm.example_issues()
        _warn_about_links(args)
        report = cdm.build(
            cdm.Archive(issues),
            args.output,
            formats,
            options,
            progress=progress,
            jobs=jobs,
            full=args.full,
            sources=sources,
        )
    print(
        f"built {count} issue(s) into {args.output}: {len(report.written)} file(s) written, "
        f"{len(report.unchanged)} unchanged"
        + (f", {len(report.removed)} removed" if report.removed else "")
        + f" ({', '.join(report.formats) or 'no format'})"
    )
    return 0


def _convert(args: argparse.Namespace) -> int:
    issue = cdm.load(
        args.source,
        format=args.source_format,
        options=_import_options(args),
        max_bytes=_source_size(args.max_source_size),
    )
    cdm.dump(issue, args.destination)
    print(f"wrote {args.destination}")
    return 0


def _lint(args: argparse.Namespace) -> int:
    failing = {cdm.Severity.ERROR, cdm.Severity.WARNING} if args.strict else {cdm.Severity.ERROR}
    status = 0
    for source in args.sources:
        result = cdm.load_with_diagnostics(
            source, options=_import_options(args), max_bytes=_source_size(args.max_source_size)
        )
        for diagnostic in cdm.lint(result, source):
            print(diagnostic)
            if diagnostic.severity in failing:
                status = 1
        if args.coverage:
            for line, path in sorted(result.coverage.items()):
                print(f"{source}:{line}: {path or 'not understood'}")
    return status


def _serve(args: argparse.Namespace) -> int:
    cdm.serve(
        args.directory,
        port=args.port,
        announce=lambda message: print(f"{message} (Ctrl-C to stop)", flush=True),
    )
    return 0


def _formats(_args: argparse.Namespace) -> int:
    infos = cdm.format_infos()
    width = max((len(info.name) for info in infos), default=0)
    for kind in ("exporter", "importer"):
        print(f"{kind}s:")
        for info in (info for info in infos if info.kind == kind):
            print(f"  {info.name:<{width}}  {info.description}  [{info.origin}]")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cdm-newsletter",
        description="Publish the Cités des métiers InfoLettre as feeds, calendars, XML and HTML.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {cdm.__version__}")
    # Every command takes --traceback, after its name as users type it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--traceback",
        action="store_true",
        help="on an error, print its traceback too (for authors of exporters and importers)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_command = functools.partial(commands.add_parser, parents=[common])

    build = add_command(
        "build", help="build the site from issues", description="Build the site from issues."
    )
    build.add_argument(
        "sources", nargs="*", metavar="SOURCE", help="issue files (default: the bundled example)"
    )
    build.add_argument(
        "-o",
        "--output",
        default=DEFAULT_OUT_DIR,
        metavar="DIR",
        help="output folder (default: site)",
    )
    build.add_argument(
        "-f",
        "--format",
        dest="formats",
        action="append",
        metavar="FORMAT",
        help="an exporter to run; repeat, or separate with commas (default: every exporter)",
    )
    build.add_argument("--base-url", metavar="URL", help="the URL the site is published at")
    build.add_argument(
        "--templates",
        metavar="DIR",
        help="a folder of templates that replace the HTML pages' templates of the same name",
    )
    build.add_argument(
        "--calendar-window",
        default="365",
        metavar="DAYS",
        help="how many days before the newest issue the calendars reach, or 'all' (default: 365)",
    )
    build.add_argument(
        "--feed-items",
        default="50",
        metavar="N",
        help="how many articles feeds hold, newest first, or 'all' (default: 50)",
    )
    build.add_argument(
        "-j",
        "--jobs",
        default="1",
        metavar="N",
        help="make the pages in N processes, or 'auto' for one per processor (default: 1)",
    )
    build.add_argument(
        "--full",
        action="store_true",
        help="make every part again, whatever the last build recorded (unchanged files stay)",
    )
    build.add_argument(
        "--strict",
        action="store_true",
        help="fail, building nothing, when part of a text source was not understood",
    )
    _add_import_options(build)
    build.set_defaults(run=_build)

    convert = add_command(
        "convert",
        help="convert an issue from one format to another",
        description="Convert an issue; the formats follow the suffixes (.json, .yaml, .toml).",
    )
    convert.add_argument("source", metavar="SRC", help="the issue to read")
    convert.add_argument("destination", metavar="DEST", help="the file to write")
    convert.add_argument(
        "--from", dest="source_format", metavar="FORMAT", help="the importer to read SRC with"
    )
    _add_import_options(convert)
    convert.set_defaults(run=_convert)

    lint = add_command(
        "lint",
        help="check issues for what the editors probably want to fix",
        description="Print what the import and the editorial checks find, one"
        " 'file:line: severity: message' per line. Exit 1 on errors (and warnings with --strict).",
    )
    lint.add_argument("sources", nargs="+", metavar="FILE", help="issue files")
    lint.add_argument("--strict", action="store_true", help="fail on warnings too")
    lint.add_argument(
        "--coverage",
        action="store_true",
        help="also print, for each line of text, the part of the issue read from it",
    )
    _add_import_options(lint)
    lint.set_defaults(run=_lint)

    serve = add_command(
        "serve",
        help="preview a built site on 127.0.0.1",
        description="Serve a built site on 127.0.0.1, with the media types, ETag and"
        " Last-Modified that calendar applications and feed readers expect.",
    )
    serve.add_argument(
        "directory",
        nargs="?",
        default=DEFAULT_OUT_DIR,
        metavar="DIR",
        help="the site (default: site)",
    )
    serve.add_argument(
        "--port",
        type=int,
        default=8000,
        help="the port (default 8000, where the links of a site built without --base-url point;"
        " 0 chooses a free one)",
    )
    serve.set_defaults(run=_serve)

    formats = add_command(
        "formats", help="list exporters and importers", description="List exporters and importers."
    )
    formats.set_defaults(run=_formats)
    return parser


def _feed_items(text: str) -> int | None:
    if text == "all":
        return None
    if not _DIGITS.fullmatch(text) or int(text) < 1:
        raise cdm.InvalidValue("--feed-items", f"{text!r} is not a number of items or 'all'")
    return int(text)


def _jobs(text: str) -> int:
    if text == "auto":
        return os.cpu_count() or 1
    if not _DIGITS.fullmatch(text) or int(text) < 1:
        raise cdm.InvalidValue("--jobs", f"{text!r} is not a number of processes or 'auto'")
    return int(text)


# ASCII digits only: str.isdigit() also takes "²" and "١٢", which int() refuses or reads.
_DIGITS = re.compile(r"[0-9]+")
_SIZE = re.compile(r"([0-9]+) ?(?:([KMG])(?:i?B)?)?", re.IGNORECASE)
_SIZE_UNITS = {None: 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def _source_size(text: str) -> int:
    """``--max-source-size``: bytes, or KiB, MiB, GiB with ``K``, ``M``, ``G`` (``MiB``, ``MB``)."""
    size = _SIZE.fullmatch(text.strip())
    if size is None:
        raise cdm.InvalidValue(
            "--max-source-size", f"{text!r} is not a size such as 20M, 512K or 20971520"
        )
    number, unit = size.groups()
    if int(number) < 1:
        raise cdm.InvalidValue("--max-source-size", f"{text!r} is too small: 1 byte at least")
    return int(number) * _SIZE_UNITS[unit.lower() if unit else None]


def _calendar_window(text: str) -> dt.timedelta | None:
    if text == "all":
        return None
    if not _DIGITS.fullmatch(text):
        raise cdm.InvalidValue("--calendar-window", f"{text!r} is not a number of days or 'all'")
    return dt.timedelta(days=int(text))


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from None


def _add_import_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--issue-date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the issue's date, when neither the source nor its file name gives it",
    )
    parser.add_argument(
        "--timezone",
        default="Europe/Paris",
        metavar="ZONE",
        help="the time zone of places the gazetteer does not know (default: Europe/Paris)",
    )
    parser.add_argument(
        "--max-source-size",
        default=f"{MAX_SOURCE_BYTES // 1024**2}M",
        metavar="SIZE",
        help="refuse a source larger than this: bytes, or with K, M, G (default: %(default)s)",
    )


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    print(f"warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    args = _parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    with warnings.catch_warnings():
        warnings.simplefilter("default", cdm.PluginWarning)
        warnings.showwarning = _show_warning
        try:
            return run(args)
        except cdm.CdmNewsletterError as exc:
            if args.traceback:
                traceback.print_exception(exc, file=sys.stderr)
            for line in str(exc).splitlines() or [type(exc).__name__]:
                print(f"error: {line}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            return 130

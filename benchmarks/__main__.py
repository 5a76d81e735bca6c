"""Time the library's main paths and print the figures.

Run from the project folder: ``python -m benchmarks`` (or ``python benchmarks/run.py``).
It prints the import figures (the seed newsletter, ``../shared/seed``, when it is
there), then the full build of a seeded synthetic archive of ``--issues`` issues
(default 1,000) format by format against the raw libraries, the incremental
and parallel builds, and the calendar and feed comparisons. ``--scaling`` adds
the cost per issue at 100, 1,000 and 5,000 issues; ``--peer pelican`` times
Pelican on the same articles.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import cdm_newsletter as cdm
from cdm_newsletter.exporters.infolettre import LAYOUTS, write_infolettre

from . import feeds, peer, site
from .ical import ours, raw_icalendar
from .synthetic import make_issues

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "infolettre-2018-12.txt"


def _timed(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """Run ``work`` ``repeat`` times; return the best and the median time in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def _cases() -> dict[str, tuple[Callable[[], object], int]]:
    """Each case's work and its size in bytes (0 when size does not apply)."""
    folder = resources.files("cdm_newsletter") / "data"
    sources = {e.name: e.read_bytes() for e in folder.iterdir() if e.name.endswith(".yaml")}
    issues = [cdm.loads(data, source=name) for name, data in sorted(sources.items())]
    archive = cdm.Archive(issues)
    cases: dict[str, tuple[Callable[[], object], int]] = {}
    for name, data in sorted(sources.items()):
        cases[f"load {name}"] = (lambda d=data, n=name: cdm.loads(d, source=n)), len(data)
    if SEED.is_file():
        seed = SEED.read_bytes()
        cases["import seed (infolettre text)"] = (
            (lambda: cdm.loads(seed, source=SEED.name)),
            len(seed),
        )
        for copies in (10, 250):
            big = seed * copies
            cases[f"import seed x{copies} ({len(big) / 1e6:.1f} MB)"] = (
                (lambda b=big: cdm.loads(b, source=SEED.name)),
                len(big),
            )
    # Text sources as other editors lay them out, written from synthetic issues: the
    # importer's speed on whole issues of every layout, not only on the seed.
    written = [
        (f"infolettre-{issue.id}.txt", write_infolettre(issue, LAYOUTS[i % len(LAYOUTS)]).encode())
        for i, issue in enumerate(make_issues(36, 12, 6))
    ]
    size = sum(len(data) for _, data in written)
    cases[f"import 36 written text issues ({size / 1e6:.1f} MB)"] = (
        (lambda: [cdm.loads(data, source=name) for name, data in written]),
        size,
    )
    for format_name in ("json", "yaml", "toml"):
        cases[f"dumps {format_name} (2 issues)"] = (
            (lambda f=format_name: [cdm.dumps(issue, f) for issue in issues]),
            0,
        )
    exporter = cdm.get_exporter("json")
    options = cdm.ExportOptions()
    cases["export json (2 issues)"] = (lambda: list(exporter.export(archive, options))), 0
    out = tempfile.mkdtemp()
    cases["build json site (2 issues, unchanged)"] = (
        (lambda: cdm.build(archive, out, ["json"], options)),
        0,
    )
    return cases


def _calendar_figures(repeat: int, events: int) -> None:
    """Our calendar of ``events`` events against icalendar alone, on the same events."""
    issues = make_issues(events // 8 + 50, 10)
    archive = cdm.Archive(issues)
    start = time.perf_counter()
    entries = list(archive.agenda)[:events]
    merged = time.perf_counter() - start
    raw_best, raw_median = _timed(repeat, lambda: raw_icalendar(entries))
    our_best, our_median = _timed(repeat, lambda: ours(entries))
    print(
        f"\ncalendar of {len(entries):,} events"
        f" (merging {len(issues):,} issues took {merged:.2f} s)"
    )
    print(f"{'':<44} {'best s':>10} {'median s':>10}")
    print(f"{'icalendar alone':<44} {raw_best:>10.2f} {raw_median:>10.2f}")
    print(f"{'cdm_newsletter agenda_calendar()':<44} {our_best:>10.2f} {our_median:>10.2f}")
    print(
        f"{'ratio (target <= 1.2)':<44} {our_best / raw_best:>10.2f}"
        f" {our_median / raw_median:>10.2f}"
    )


def _feed_figures(repeat: int, articles: int) -> None:
    """Our feeds of ``articles`` articles against feedgen alone, on the same items."""
    archive = cdm.Archive(make_issues(articles // 12 + 1, 0, 12))
    feeds.prepared(archive, articles)
    raw_best, raw_median = _timed(repeat, feeds.raw_feedgen)
    our_best, our_median = _timed(repeat, lambda: feeds.ours(archive, articles))
    print(
        f"\nfeeds (RSS and Atom, all articles and per section) of {len(feeds.PREPARED):,} articles"
    )
    print(f"{'':<44} {'best s':>10} {'median s':>10}")
    print(f"{'feedgen alone':<44} {raw_best:>10.2f} {raw_median:>10.2f}")
    print(f"{'cdm_newsletter rss + atom exporters':<44} {our_best:>10.2f} {our_median:>10.2f}")
    print(
        f"{'ratio (target <= 1.3)':<44} {our_best / raw_best:>10.2f}"
        f" {our_median / raw_median:>10.2f}"
    )


def _archive_figures(issues_count: int) -> None:
    """Export a synthetic archive as XML, then read every document back."""
    archive = cdm.Archive(make_issues(issues_count, 10, 12))
    exporter = cdm.get_exporter("xml")
    start = time.perf_counter()
    artifacts = list(exporter.export(archive, cdm.ExportOptions()))
    exported = time.perf_counter() - start
    documents = [a for a in artifacts if a.path.startswith("archive/") and a.path[8:9].isdigit()]
    start = time.perf_counter()
    for artifact in documents:
        cdm.loads(artifact.data, source=artifact.path)
    read = time.perf_counter() - start
    size = sum(len(a.data) for a in documents)
    count = len(documents)
    print(f"\nXML archive of {count:,} issues ({size / 1e6:.1f} MB; 10 events, 12 articles each)")
    for label, seconds in (
        ("export (documents, index, schema)", exported),
        ("re-import (parse, validate, convert)", read),
    ):
        print(f"{label:<44} {seconds:>10.2f} s {seconds / count * 1000:>8.2f} ms/issue")


def main(argv: list[str] | None = None) -> None:
    """Print the tables."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--issues", type=int, default=1_000, help="issues in the synthetic archive (default 1,000)"
    )
    parser.add_argument(
        "--jobs", type=int, default=2, help="processes for the parallel build (default 2)"
    )
    parser.add_argument("--repeat", type=int, default=20, help="runs per small figure (default 20)")
    parser.add_argument(
        "--events", type=int, default=10_000, help="events in the calendar comparison"
    )
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the feed one")
    parser.add_argument(
        "--scaling", action="store_true", help="also the cost per issue at 100, 1,000, 5,000"
    )
    parser.add_argument("--peer", choices=["pelican"], help="also time a peer on the articles")
    parser.add_argument(
        "--peer-issues", type=int, default=100, help="issues whose articles the peer builds"
    )
    parser.add_argument(
        "--only",
        choices=["imports", "build", "micro"],
        help="one part of the figures: imports, the site build, or the per-format comparisons",
    )
    args = parser.parse_args(argv)
    if args.only in (None, "imports"):
        print(f"{'case':<44} {'best ms':>10} {'median ms':>10} {'ms per 20 kB':>13}")
        for name, (work, size) in _cases().items():
            repeat = args.repeat if size < 1_000_000 else max(1, args.repeat // 10)
            best, median = _timed(repeat, work)
            per_unit = f"{best * 1000 / (size / 20_000):>13.2f}" if size else f"{'':>13}"
            print(f"{name:<44} {best * 1000:>10.2f} {median * 1000:>10.2f} {per_unit}")
    if args.only in (None, "build"):
        site.run(args.issues, args.jobs)
        if args.scaling:
            site.scaling_table((100, 1_000, 5_000))
        if args.peer == "pelican":
            peer.compare(args.peer_issues)
    if args.only in (None, "micro"):
        _calendar_figures(max(1, args.repeat // 6), args.events)
        _feed_figures(max(1, args.repeat // 4), args.articles)
        _archive_figures(args.issues)


if __name__ == "__main__":
    main()

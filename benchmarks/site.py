"""The full build, format by format, against the raw libraries; incremental and parallel builds."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import cdm_newsletter as cdm

from . import raw
from .measure import Measured, in_child
from .synthetic import make_issues

FORMATS = ("json", "xml", "html", "rss", "atom", "ical")
# What one item is, per format: an issue for the per-issue files, an entry or event for the rest.
ITEM_OF = {"json": "issue", "xml": "issue", "html": "issue", "rss": "entry", "atom": "entry"}
ITEM_OF["ical"] = "event"
_MARKERS = {"rss": b"<item>", "atom": b"<entry>", "ical": b"BEGIN:VEVENT"}


def _items(name: str, out: Path, issues: int) -> int:
    marker = _MARKERS.get(name)
    if marker is None:
        return issues
    suffix = {"rss": ".rss", "atom": ".atom", "ical": ".ics"}[name]
    return sum(
        path.read_bytes().count(marker)
        for path in out.rglob(f"*{suffix}")
        if not path.is_relative_to(out / "events")
    )


def _archive(count: int) -> cdm.Archive:
    """The synthetic archive, made in the measuring process itself: an archive inherited
    from the parent would cost the work copying its pages (copy on write)."""
    return cdm.Archive(make_issues(count, 10, 12))


def _ours(count: int, out: Path, formats: Sequence[str], jobs: int = 1) -> Measured:
    def work(archive: cdm.Archive) -> int:
        report = cdm.build(archive, out, list(formats), cdm.ExportOptions(), jobs=jobs)
        return len(report.written)

    return in_child(work, setup=lambda: _archive(count))


def _raw(count: int, out: Path, name: str) -> Measured:
    prepare, write = raw.FORMATS[name]
    return in_child(lambda prepared: write(prepared, out), setup=lambda: prepare(_archive(count)))


def full_build_table(issues: int, folder: Path) -> float:
    """Print the table of the full build, each format against the raw libraries; return the
    time of the whole build (every format in one run)."""
    archive = _archive(issues)
    print(
        f"\nfull build of {issues:,} synthetic issues ({len(_articles(archive)):,} articles,"
        f" {sum(len(issue.agenda) for issue in archive.issues):,} announcements of events),"
        " each format in a fresh process that makes the archive, untimed, then builds"
    )
    del archive
    header = (
        f"{'format':<8} {'ours s':>8} {'µs/item':>10} {'item':>6} {'files':>7} {'peak MB':>8}"
        f" {'raw s':>8} {'ours/raw':>9}"
    )
    print(header)
    raw_total = ours_total = 0.0
    for name in FORMATS:
        out = folder / f"ours-{name}"
        ours = _ours(issues, out, [name])
        items = _items(name, out, issues)
        raw_seconds = _raw(issues, folder / f"raw-{name}", name).seconds
        raw_total += raw_seconds
        ours_total += ours.seconds
        print(
            f"{name:<8} {ours.seconds:>8.2f} {ours.seconds / max(items, 1) * 1e6:>10.0f}"
            f" {ITEM_OF[name]:>6} {ours.result:>7,} {ours.peak_mb:>8.0f}"
            f" {raw_seconds:>8.2f} {ours.seconds / raw_seconds:>9.2f}"
        )
    whole = _ours(issues, folder / "ours-all", FORMATS)
    print(
        f"{'sum':<8} {ours_total:>8.2f} {'':>10} {'':>6} {'':>7} {'':>8}"
        f" {raw_total:>8.2f} {ours_total / raw_total:>9.2f}"
    )
    print(
        f"{'all':<8} {whole.seconds:>8.2f} {whole.seconds / issues * 1e6:>10.0f} {'issue':>6}"
        f" {whole.result:>7,} {whole.peak_mb:>8.0f} {raw_total:>8.2f}"
        f" {whole.seconds / raw_total:>9.2f}   (target <= 1.3, peak <= 400 MB at 1,000 issues)"
    )
    return whole.seconds


def _articles(archive: cdm.Archive) -> list[cdm.Article]:
    return [article for issue in archive.issues for article in issue.articles()]


def incremental_table(count: int, folder: Path, full_seconds: float) -> None:
    """Rebuild with nothing changed, then with one issue more, over the site of the full build."""
    out = folder / "ours-all"
    print(f"\nincremental builds over the {count:,}-issue site (new issue objects, fresh process)")
    print(f"{'case':<36} {'s':>8} {'of full':>8} {'written':>8} {'parts made':>11}  target")
    for label, issues, target in (
        ("nothing changed", count, "<= 5%"),
        ("one issue added", count + 1, "<= 10%"),
    ):
        measured = in_child(
            lambda archive: cdm.build(archive, out, list(FORMATS), cdm.ExportOptions()),
            setup=lambda issues=issues: _archive(issues),
        )
        report = measured.result
        print(
            f"{label:<36} {measured.seconds:>8.2f} {measured.seconds / full_seconds:>8.1%}"
            f" {len(report.written):>8,} {report.parts_made:>11,}  {target}"
        )


def parallel_table(count: int, folder: Path, jobs: int, full_seconds: float) -> None:
    """The full build in ``jobs`` processes, against one."""
    out = folder / f"ours-jobs-{jobs}"
    measured = _ours(count, out, FORMATS, jobs=jobs)
    same = _same_files(folder / "ours-all", out)
    print(
        f"\nfull build with --jobs {jobs}: {measured.seconds:.2f} s against {full_seconds:.2f} s"
        f" with one: speed-up {full_seconds / measured.seconds:.2f}x"
        f" (same bytes: {'yes' if same else 'NO'}; peak {measured.peak_mb:.0f} MB in the parent)"
    )


def _same_files(first: Path, second: Path) -> bool:
    def files(folder: Path) -> dict[str, bytes]:
        return {
            path.relative_to(folder).as_posix(): path.read_bytes()
            for path in folder.rglob("*")
            if path.is_file() and ".cdm-newsletter" not in path.parts
        }

    return files(first) == files(second)


def scaling_table(counts: Sequence[int]) -> None:
    """The whole build's cost per issue at several archive sizes (linear: within ±25%)."""
    print("\nscaling: the whole build (every format) per issue")
    print(f"{'issues':>8} {'s':>8} {'µs/issue':>10} {'peak MB':>8}")
    costs = []
    for count in counts:
        with tempfile.TemporaryDirectory() as folder:
            measured = _ours(count, Path(folder) / "site", FORMATS)
        cost = measured.seconds / count * 1e6
        costs.append(cost)
        print(f"{count:>8,} {measured.seconds:>8.2f} {cost:>10.0f} {measured.peak_mb:>8.0f}")
    middle = sum(costs) / len(costs)
    spread = max(abs(cost - middle) / middle for cost in costs)
    print(f"largest deviation from the mean: {spread:.0%} (target within ±25%)")


def run(count: int, jobs: int) -> None:
    """The full build table, then the parallel and incremental figures, for ``count`` issues."""
    folder = Path(tempfile.mkdtemp(prefix="cdm-bench-"))
    try:
        full_seconds = full_build_table(count, folder)
        if jobs > 1:
            parallel_table(count, folder, jobs, full_seconds)
        incremental_table(count, folder, full_seconds)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

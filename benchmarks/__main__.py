"""Time the library's main paths on the bundled example issues and print one table.

Run from the project folder: ``python -m benchmarks [--repeat N]``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from importlib import resources

import cdm_newsletter as cdm


def _best_of(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """Run ``work`` ``repeat`` times; return the best and the median time in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--repeat", type=int, default=50, help="runs per figure (default 50)")
    args = parser.parse_args()

    folder = resources.files("cdm_newsletter") / "data"
    sources = {
        entry.name: entry.read_bytes() for entry in folder.iterdir() if entry.name.endswith(".yaml")
    }
    issues = [cdm.loads(data, source=name) for name, data in sorted(sources.items())]
    archive = cdm.Archive(issues)
    cases: dict[str, Callable[[], object]] = {
        f"load {name}": (lambda data=data, name=name: cdm.loads(data, source=name))
        for name, data in sorted(sources.items())
    }
    for format_name in ("json", "yaml", "toml"):
        cases[f"dumps {format_name} (2 issues)"] = lambda f=format_name: [
            cdm.dumps(i, f) for i in issues
        ]
    exporter = cdm.get_exporter("json")
    options = cdm.ExportOptions()
    cases["export json (2 issues)"] = lambda: list(exporter.export(archive, options))
    with tempfile.TemporaryDirectory() as out:
        cases["build json site (2 issues, unchanged)"] = lambda: cdm.build(
            archive, out, ["json"], options
        )
        print(f"{'case':<42} {'best ms':>9} {'median ms':>10}")
        for name, work in cases.items():
            best, median = _best_of(args.repeat, work)
            print(f"{name:<42} {best * 1000:>9.3f} {median * 1000:>10.3f}")


if __name__ == "__main__":
    main()

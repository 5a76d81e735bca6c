"""Time the library's main paths and print one table of figures.

Run from the project folder: ``python -m benchmarks [--repeat N]``. The seed
newsletter (``../shared/seed``) is timed when it is there; otherwise the bundled
examples only.
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


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--repeat", type=int, default=20, help="runs per figure (default 20)")
    args = parser.parse_args()
    print(f"{'case':<44} {'best ms':>10} {'median ms':>10} {'ms per 20 kB':>13}")
    for name, (work, size) in _cases().items():
        repeat = args.repeat if size < 1_000_000 else max(1, args.repeat // 10)
        best, median = _timed(repeat, work)
        per_unit = f"{best * 1000 / (size / 20_000):>13.2f}" if size else f"{'':>13}"
        print(f"{name:<44} {best * 1000:>10.2f} {median * 1000:>10.2f} {per_unit}")


if __name__ == "__main__":
    main()

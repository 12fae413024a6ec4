"""Benchmark: import a 1,000,000-row long CSV (200 KPIs, daily dates) against the floor.

Run from the repository root: ``python tests/benchmarks/bench_import.py [--rows N]
[--repeat R]``. It writes a deterministic CSV in a temporary folder, then times

(a) the ``sqlite3`` shell's ``.import`` of that CSV into a bare table (the floor), and
(b) ``import_file`` into a fresh workspace with ``create_missing`` (creating 200 daily
    KPIs and writing every value, checks included),

and prints the best of R runs of each and the ratio (b / a). DESIGN.md asks for an import
close to the floor; issue 7's target is at most 2x. ``run.py`` measures the same figure (as
the median of its runs) with all the others.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kpi_desktop.services.importing.file_import import ImportOptions, import_file  # noqa: E402
from kpi_desktop.services.workspace.workspace import Workspace  # noqa: E402

KPIS = 200


def write_csv(path: Path, rows: int) -> None:
    """`rows` rows of date,kpi,value: KPI by KPI, each with consecutive daily dates."""
    days = rows // KPIS
    rng = random.Random(20240101)
    start = dt.date(2000, 1, 1)
    dates = [(start + dt.timedelta(days=i)).isoformat() for i in range(days)]
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("date,kpi,value\n")
        for k in range(KPIS):
            name = f"kpi_{k:03d}"
            fh.write("".join(f"{d},{name},{rng.randint(0, 10_000_000) / 100}\n" for d in dates))


def time_sqlite_shell(csv_path: Path, folder: Path) -> float | None:
    shell = shutil.which("sqlite3")
    if shell is None:
        return None
    db = folder / "floor.db"
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run([shell, str(db), ".mode csv", f".import {csv_path} t"], check=True)
    return time.perf_counter() - start


def time_import(csv_path: Path, folder: Path, run: int) -> tuple[float, int]:
    ws = Workspace.create(folder / f"bench-{run}.kpidb")
    try:
        start = time.perf_counter()
        result = import_file(ws, csv_path, ImportOptions(create_missing=True))
        elapsed = time.perf_counter() - start
    finally:
        ws.close()
    assert len(result.kpis_created) == KPIS, result.kpis_created
    return elapsed, result.inserted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path = folder / "long.csv"
        write_csv(csv_path, args.rows)
        size_mb = csv_path.stat().st_size / 1e6
        print(f"CSV: {args.rows:,} rows, {KPIS} KPIs, {size_mb:.1f} MB")
        floors = [
            t
            for t in (time_sqlite_shell(csv_path, folder) for _ in range(args.repeat))
            if t is not None
        ]
        ours = []
        for run in range(args.repeat):
            elapsed, inserted = time_import(csv_path, folder, run)
            assert inserted == args.rows // KPIS * KPIS, inserted
            ours.append(elapsed)
    print("import_file:     " + ", ".join(f"{t:.2f}" for t in ours) + f"  best {min(ours):.2f} s")
    if not floors:
        print("sqlite3 shell not found: no floor to compare with")
        return
    print(
        "sqlite3 .import: " + ", ".join(f"{t:.2f}" for t in floors) + f"  best {min(floors):.2f} s"
    )
    print(f"ratio (best import_file / best sqlite3 .import): {min(ours) / min(floors):.2f}x")


if __name__ == "__main__":
    main()

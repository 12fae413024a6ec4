"""The meeting deck of 50 KPIs with 5 years of monthly values each: time to a written .pptx.

    python tests/benchmarks/bench_deck.py [--runs 3]

Builds a workspace of 5 goals x 10 KPIs, each with 60 monthly values (a random walk with a
plan), then times ``build_deck`` (reading, 50 native charts, writing the file) ``--runs``
times after one warm-up, and prints the median and the worst next to the target (15 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_S = 15.0


def build(path: Path) -> None:
    from kpi_desktop.domain.periods import add_periods, last_complete_period
    from kpi_desktop.domain.types import Frequency
    from kpi_desktop.services.workspace.workspace import Workspace

    rng = random.Random(16)
    last = last_complete_period(dt.date.today(), Frequency.MONTHLY)
    months = [add_periods(last, Frequency.MONTHLY, i - 59) for i in range(60)]
    with Workspace.create(path, name="Fifty KPIs") as ws:
        for g in range(5):
            goal = ws.goals.add(f"Objective {g + 1}")
            for k in range(10):
                level = rng.uniform(50, 5000)
                kpi = ws.kpis.add(
                    goal.id,
                    f"KPI {g + 1}.{k + 1} of a longer name",
                    unit="EUR",
                    baseline_value=round(level, 1),
                    baseline_date=months[-13],
                    target_value=round(level * 1.2, 1),
                    target_date=dt.date(last.year + 1, 12, 31),
                )
                rows = []
                for month in months:
                    level *= 1 + rng.gauss(0.004, 0.03)
                    rows.append((month, round(level, 2), None))
                ws.measurements.upsert_many(kpi.id, rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    from kpi_desktop.reports.deck.slides import build_deck
    from kpi_desktop.services.workspace.workspace import Workspace

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fifty.kpidb"
        start = time.perf_counter()
        build(path)
        print(f"built the workspace in {time.perf_counter() - start:.1f} s")
        ws = Workspace.open(path)
        out = Path(folder) / "deck.pptx"
        build_deck(ws, out, dt.date.today())  # warm-up
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            made = build_deck(ws, out, dt.date.today())
            times.append(time.perf_counter() - start)
        ws.close()
        print(
            f"deck of {made.kpis} KPIs, {made.slides} slides, {out.stat().st_size // 1024} KiB: "
            f"median {statistics.median(times):.2f} s, worst {max(times):.2f} s over "
            f"{args.runs} runs (target {TARGET_S:.0f} s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

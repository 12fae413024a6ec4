"""Recomputing a calculated KPI over inputs with 1,000,000 daily values (target: 1 s).

    python tests/benchmarks/bench_calculated.py [--runs 5] [--values 1000000]

Builds (once per run of the script, in a temporary folder) a workspace with two daily
input KPIs of ``--values`` values each ("Revenue" and "Gross profit", 1 in 1,000 revenue
days zero) and a calculated KPI ``[Gross profit] / [Revenue] * 100``, then times:

- the full recompute (saving the formula: every period derived and written),
- a recompute after a change that leaves every value as it was (a formula edit that
  means the same: every period deleted and written again; only the 2nd and 3rd runs edit
  the formula, the 1st, 4th and later save the stored text and recompute nothing, so
  use ``--runs 3`` for this figure),
- one typed input value and its undo (the recompute then covers one period).

Prints the median and worst of ``--runs`` runs of each, next to the target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kpi_desktop.services.workspace.workspace import Workspace  # noqa: E402

TARGET_S = 1.0


def build(folder: Path, n: int) -> tuple[Workspace, int, int, int]:
    ws = Workspace.create(folder / "calc.kpidb")
    goal = ws.goals.add("Money")
    assert goal.id is not None
    revenue = ws.kpis.add(goal.id, "Revenue", unit="EUR", frequency="daily")
    profit = ws.kpis.add(goal.id, "Gross profit", unit="EUR", frequency="daily")
    assert revenue.id is not None and profit.id is not None
    first = dt.date(1000, 1, 1)  # a million days are 2,738 years (as in workload.py)
    days = [first + dt.timedelta(days=i) for i in range(n)]
    ws.measurements.write_many(
        [(revenue.id, d, 0.0 if i % 1000 == 7 else 1000.0 + i % 97) for i, d in enumerate(days)]
        + [(profit.id, d, 600.0 + i % 89) for i, d in enumerate(days)]
    )
    return ws, revenue.id, profit.id, goal.id


def timed(runs: int, job: object) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        job()  # type: ignore[operator]
        out.append(time.perf_counter() - start)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--values", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        ws, revenue, _profit, goal = build(Path(tmp), args.values)
        calc = ws.kpis.add(goal, "Gross margin", unit="%", frequency="daily")
        assert calc.id is not None
        formulas = iter(["[Gross profit] / [Revenue] * 100", "[Gross profit] * 100 / [Revenue]"])

        def full() -> None:  # from no values to every value
            ws.kpis.update(calc.id, calculation="")
            start = time.perf_counter()
            ws.kpis.update(calc.id, calculation="[Gross profit] / [Revenue] * 100")
            full_times.append(time.perf_counter() - start)

        full_times: list[float] = []
        for _ in range(args.runs):
            full()
        count = ws.measurements.count(calc.id)

        def same() -> None:
            ws.kpis.update(calc.id, calculation=next(formulas, "[Gross profit] / [Revenue] * 100"))

        unchanged = timed(args.runs, same)
        day = dt.date(2000, 1, 1)  # a day in the middle of the inputs, before today

        def one() -> None:
            change = ws.measurements.upsert(revenue, day, 1234.5)
            ws.measurements.restore(change)

        typed = timed(args.runs, one)
        ws.close()
    print(f"{args.values:,} daily values per input, {count:,} calculated values")
    for label, times in (
        ("full recompute (formula saved)", full_times),
        ("recompute, nothing changes", unchanged),
        ("one typed value + its undo", typed),
    ):
        print(
            f"{label:34s} median {statistics.median(times):.3f} s, worst {max(times):.3f} s"
            f" (target {TARGET_S:.1f} s)"
        )
    return 0 if statistics.median(full_times) < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())

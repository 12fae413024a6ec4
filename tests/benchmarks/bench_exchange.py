"""Benchmark of issue 20: the XLSX export, the rebuild from it, and adding KPIs to a goal.

Run from the repository root: ``python tests/benchmarks/bench_exchange.py [--only ...]``
(``--tree DIR`` runs another checkout's code, e.g. the main branch, for "before" figures).

xlsx      ``export_xlsx`` of the large benchmark workspace (2,000,000 values, 2,000 KPIs,
          see workload.py; built once and cached): target under 60 s
add       adding 1,000 KPIs (with 12 milestones each) to one goal through the KPI service:
          milliseconds per KPI for the first 100 and for the last 100 (the name check must
          not grow with the goal)
rebuild   ``kpi-desktop new WS --from FILE.xlsx`` of a workspace of 1,000 KPIs with 12
          milestones each: in process (``rebuild_workspace``) and as a command (process wall
          time, Python's start included): target under 1 s
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--only", default="xlsx,add,rebuild")
parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parents[2])
parser.add_argument("--repeat", type=int, default=3)
ARGS = parser.parse_args()
ROOT = ARGS.tree.resolve()
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(Path(__file__).resolve().parent))

from kpi_desktop.domain.types import Point  # noqa: E402
from kpi_desktop.services.workspace.workspace import Workspace  # noqa: E402

KPIS, MILESTONES = 1000, 12


def bench_xlsx(folder: Path) -> None:
    from workload import prepare

    from kpi_desktop.reports.data_export import export_xlsx

    large = prepare().large
    with Workspace.open(large, readonly=True) as ws:
        start = time.perf_counter()
        path = export_xlsx(ws, folder / "large.xlsx", dt.date(2026, 11, 30))
        took = time.perf_counter() - start
    print(f"xlsx: export of 2,000,000 values: {took:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")


def _build_goal(path: Path) -> list[float]:
    """A workspace with KPIS KPIs of MILESTONES milestones each in one goal; the time of
    each add in ms."""
    ws = Workspace.create(path)
    try:
        goal = ws.goals.add("Everything")
        times = []
        for k in range(KPIS):
            points = [Point(dt.date(2026, m, 1), 10.0 + k + m) for m in range(1, MILESTONES + 1)]
            start = time.perf_counter()
            ws.kpis.add_with_milestones(
                goal.id,
                f"KPI {k:04d}",
                points,
                unit="EUR",
                baseline_value=10.0,
                baseline_date=dt.date(2025, 12, 1),
                target_value=100.0 + k,
                target_date=dt.date(2026, 12, 31),
            )
            times.append((time.perf_counter() - start) * 1000)
        return times
    finally:
        ws.close()


def bench_add(folder: Path) -> Path:
    path = folder / "thousand.kpidb"
    times = _build_goal(path)
    first, last = sum(times[:100]) / 100, sum(times[-100:]) / 100
    print(f"add: one KPI with {MILESTONES} milestones: {first:.1f} ms each for the first 100, ")
    print(f"     {last:.1f} ms each for the last 100 of {KPIS} in one goal")
    return path


def bench_rebuild(folder: Path, source: Path | None) -> None:
    from kpi_desktop.reports.data_export import export_xlsx
    from kpi_desktop.services.exchange.rebuild import rebuild_workspace

    if source is None:
        source = folder / "thousand.kpidb"
        _build_goal(source)
    with Workspace.open(source, readonly=True) as ws:
        book = export_xlsx(ws, folder / "thousand.xlsx", dt.date(2026, 11, 30))
    inside, command = [], []
    for run in range(ARGS.repeat):
        target = folder / f"rebuilt-{run}.kpidb"
        start = time.perf_counter()
        rebuild_workspace(book, target)
        inside.append(time.perf_counter() - start)
        target = folder / f"cli-{run}.kpidb"
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kpi_desktop.cli", "new", str(target), "--from", str(book)],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        command.append(time.perf_counter() - start)
    print(
        f"rebuild: {KPIS} KPIs x {MILESTONES} milestones: best {min(inside):.2f} s in "
        f"process, {min(command):.2f} s as `kpi-desktop new --from` (of {ARGS.repeat})"
    )


def main() -> None:
    only = set(ARGS.only.split(","))
    print(f"code of {ROOT}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        built = None
        if "add" in only:
            built = bench_add(folder)
        if "rebuild" in only:
            bench_rebuild(folder, built)
        if "xlsx" in only:
            bench_xlsx(folder)


if __name__ == "__main__":
    main()

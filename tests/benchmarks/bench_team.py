"""The team workspace against the file (issue 18): open, status and a 1M-row import.

    KPI_TEST_POSTGRES_URL=postgresql://admin:pw@127.0.0.1:PORT/postgres \\
        python tests/benchmarks/bench_team.py [--runs 3] [--only open,status,import]

Uses run.py's large workspace (2,000 KPIs, 2,000,000 values; built once and cached by
workload.py), copied onto the server with `kpi-desktop copy` (its time is printed too), and
times, each as the median of ``--runs`` after one warm-up:

open    File > Open to a painted goal tree with rolled-up statuses (gui_probe.py, a fresh
        app process per run): the server database vs the same workspace as a file; target 2x
status  `kpi-desktop status` (process wall time): server vs file; target 2x
import  import_file of the 1,000,000-row long CSV (200 KPIs created) into a new server
        workspace (COPY) vs the sqlite3 shell's .import of the file; target 3x

The server should be local (127.0.0.1): the figures are about the app, not the network.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for entry in (str(ROOT), str(HERE)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

import bench_import  # noqa: E402
import run as bench_run  # noqa: E402
import workload  # noqa: E402

from kpi_desktop.services.importing.file_import import ImportOptions, import_file  # noqa: E402
from kpi_desktop.services.team.copying import copy  # noqa: E402
from kpi_desktop.services.workspace.workspace import Workspace  # noqa: E402
from kpi_desktop.store.location import WorkspaceLocation  # noqa: E402


def median_of(runs: int, measure: Callable[[], float]) -> tuple[float, list[float]]:
    measure()
    times = [measure() for _ in range(runs)]
    return statistics.median(times), times


def admin() -> WorkspaceLocation:
    url = os.environ.get("KPI_TEST_POSTGRES_URL")
    if not url:
        sys.exit("set KPI_TEST_POSTGRES_URL to a server's admin URL (see .ci/team-server)")
    location = WorkspaceLocation.parse(url)
    if location.password:
        os.environ["PGPASSWORD"] = location.password  # for the app processes started here
    return location


def drop(location: WorkspaceLocation) -> None:
    import psycopg

    url = location.with_database("postgres").engine_url().render_as_string(hide_password=False)
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{location.name}" WITH (FORCE)')


def row(name: str, ours: float, floor: float, target: float, detail: str) -> str:
    ratio = ours / floor
    verdict = "ok" if ratio <= target else "MISSED"
    cells = (
        name,
        f"{ours:.2f} s",
        f"{floor:.2f} s",
        f"{ratio:.2f}x",
        f"{target:g}x {verdict}",
        detail,
    )
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="open,status,import")
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    server = admin()
    work = workload.prepare()
    rows: list[str] = []
    team = server.with_database("kpi_bench_large")
    if wanted & {"open", "status"}:
        drop(team)
        start = time.perf_counter()
        summary = copy(work.large, team)
        print(
            f"copy of the large workspace to the server: {time.perf_counter() - start:.1f} s "
            f"({summary.total:,} rows)",
            flush=True,
        )
    env = dict(os.environ)
    display, platform_note = bench_run.start_display(env)
    try:
        if "open" in wanted:

            def opened(where: object) -> float:
                return bench_run.probe(env, "open", work.demo, where)["open_s"]

            file_s, file_runs = median_of(args.runs, lambda: opened(work.large))
            team_s, team_runs = median_of(args.runs, lambda: opened(team.display))
            rows.append(
                row(
                    "open to a painted tree + statuses",
                    team_s,
                    file_s,
                    2.0,
                    f"server {team_runs}, file {file_runs}, {platform_note}",
                )
            )
        if "status" in wanted:

            def status(where: object) -> float:
                cmd = [sys.executable, "-m", "kpi_desktop.cli", "status", str(where)]
                return bench_run.wall(cmd, env)

            file_s, file_runs = median_of(args.runs, lambda: status(work.large))
            team_s, team_runs = median_of(args.runs, lambda: status(team.display))
            rows.append(
                row(
                    "`kpi-desktop status`",
                    team_s,
                    file_s,
                    2.0,
                    f"server {team_runs}, file {file_runs}",
                )
            )
    finally:
        if display is not None:
            display.terminate()
    if "import" in wanted:
        with tempfile.TemporaryDirectory() as tmp:
            floors = [bench_import.time_sqlite_shell(work.csv, Path(tmp)) for _ in range(args.runs)]

            def imported() -> float:
                target = server.with_database("kpi_bench_import")
                drop(target)
                ws = Workspace.create(target)
                try:
                    start = time.perf_counter()
                    result = import_file(ws, work.csv, ImportOptions(create_missing=True))
                    elapsed = time.perf_counter() - start
                finally:
                    ws.close()
                assert result.inserted == 1_000_000 and len(result.kpis_created) == 200
                return elapsed

            team_s, team_runs = median_of(args.runs, imported)
            floor = statistics.median(t for t in floors if t is not None)
            rows.append(
                row(
                    "import 1,000,000 rows (COPY)",
                    team_s,
                    floor,
                    3.0,
                    f"server {[round(t, 2) for t in team_runs]}, sqlite3 .import "
                    f"{[round(t or 0, 2) for t in floors]}",
                )
            )
    print("\n| figure | server | floor (file / sqlite3) | ratio | target | runs |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))
    if wanted & {"open", "status"}:
        drop(team)


if __name__ == "__main__":
    main()

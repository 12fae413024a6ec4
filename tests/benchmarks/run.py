"""KPI Desktop at scale: every figure of issue 7 as a ratio to a floor measured in the same run.

    python tests/benchmarks/run.py [--runs 3] [--only launch,open,...] [--markdown FILE]

Builds (once; cached, see workload.py) a large workspace (100 objectives, 2,000 KPIs,
2,000,000 measurements, one KPI with 1,000,000 daily values) and a 1,000,000-row long CSV,
then times each figure and its floor ``--runs`` times (after one untimed warm-up run) and
prints the medians, their ratio and the target:

launch    launch to a visible main window (demo workspace) vs a bare PySide6 QMainWindow
open      File > Open of the large workspace to a painted goal tree with rolled-up statuses
          and an idle event loop, vs the same for the demo workspace (in a running app)
start     launch with the workspace to a populated goal tree, large vs demo (for reference)
chart     select the 1,000,000-value KPI to its painted chart vs a 1,000-value KPI of the same
          workspace (ChartPane.show_kpi), then pan frames (setXRange and repaint) of both
select    the same selections made in the goal tree (chart, values table and editor)
import    import_file of the 1,000,000-row CSV into a new workspace vs the sqlite3 shell's
          .import of the same file into a bare table
status    `kpi-desktop status` on the large workspace vs the demo (process wall time)
memory    peak RSS (VmHWM) of the app with the large workspace open vs the demo
views     showing the Scorecard tab, the Achievements tab and the review window, each to
          its painted page, large vs demo (no target: for reference)

GUI figures run under Xvfb when it is installed (else Qt's offscreen platform), each run in a
fresh process. Set KPI_BENCH_PROFILE=FILE to write a pyinstrument profile of the timed open.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for entry in (str(ROOT), str(HERE)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

import bench_launch  # noqa: E402
import workload  # noqa: E402

FIGURES = (
    "launch",
    "open",
    "start",
    "chart",
    "select",
    "import",
    "status",
    "memory",
    "views",
)
PROBE = HERE / "gui_probe.py"
SMOOTH_FRAME_S = 1 / 30  # a pan frame slower than this no longer looks smooth


@dataclass
class Row:
    figure: str
    ours: float | None
    floor: float | None
    unit: str  # "s", "ms" or "MB"
    target: float | None  # the largest ratio allowed; None: for reference only
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.floor:
            return None
        return self.ours / self.floor

    @property
    def verdict(self) -> str:
        if self.target is None or self.ratio is None:
            return ""
        return "ok" if self.ratio <= self.target else "MISSED"


# -- running things -----------------------------------------------------------------------------


def median_of(runs: int, measure: Callable[[], float]) -> float:
    measure()  # warm-up: file cache, daily backup, compiled bytecode
    return statistics.median(measure() for _ in range(runs))


def probe(env: dict[str, str], *args: object) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(PROBE), *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if out.returncode != 0:
        raise RuntimeError(f"gui_probe {args}: {out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, timeout=600)
    return time.perf_counter() - start


def start_display(env: dict[str, str]) -> tuple[subprocess.Popen[bytes] | None, str]:
    """Xvfb on a free display (it picks one and says which), else the offscreen platform."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        env["QT_QPA_PLATFORM"] = "offscreen"
        return None, "offscreen (no Xvfb)"
    read, write = os.pipe()
    proc = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as fh:
        display = fh.readline().strip()
    env.update(DISPLAY=f":{display}", QT_QPA_PLATFORM="xcb")
    return proc, f"Xvfb :{display} (xcb)"


# -- the figures --------------------------------------------------------------------------------


def fig_launch(ctx: Context) -> list[Row]:
    env = dict(ctx.gui_env, KPI_DESKTOP_DATA_DIR=str(ctx.tmp / "launch-data"))
    bare = median_of(ctx.runs, lambda: bench_launch.one_run(bench_launch.BARE, env)[0])
    visible: list[float] = []
    ready: list[float] = []

    def app() -> float:
        shown, populated = bench_launch.one_run(bench_launch.APP, env)
        visible.append(shown)
        ready.append(populated)
        return shown

    ours = median_of(ctx.runs, app)
    return [
        Row("launch to visible main window (demo)", ours, bare, "s", 1.5),
        Row("launch to populated goal tree (demo)", statistics.median(ready[1:]), bare, "s", None),
    ]


START_CODE = """
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kpi_desktop.ui.app import run_app

def poll():
    app = QApplication.instance()
    for w in (app.topLevelWidgets() if app else []):
        view = getattr(w, "view", None) if type(w).__name__ == "MainWindow" else None
        if view is not None and view.tree.model.rowCount() > 0:
            QTimer.singleShot(0, lambda: (print(time.time(), flush=True), os._exit(0)))
            return
    QTimer.singleShot(1, poll)

QTimer.singleShot(0, poll)
sys.exit(run_app([sys.argv[1]]))
"""


def fig_start(ctx: Context) -> list[Row]:
    """Launch straight into a workspace: wall time to a populated tree (idle loop)."""

    def run(path: Path) -> float:
        start = time.time()
        out = subprocess.run(
            [sys.executable, "-c", START_CODE, str(path)],
            env=ctx.gui_env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if out.returncode != 0:
            raise RuntimeError(out.stderr[-3000:])
        return float(out.stdout.strip().splitlines()[-1]) - start

    demo = median_of(ctx.runs, lambda: run(ctx.demo))
    large = median_of(ctx.runs, lambda: run(ctx.large))
    return [Row("launch into workspace to populated tree", large, demo, "s", None)]


def fig_open(ctx: Context) -> list[Row]:
    def run(path: Path) -> float:
        return probe(ctx.gui_env, "open", ctx.starter, path)["open_s"]

    demo = median_of(ctx.runs, lambda: run(ctx.demo))
    large = median_of(ctx.runs, lambda: run(ctx.large))
    return [Row("open workspace to painted tree + statuses", large, demo, "s", 2.0)]


def _select(ctx: Context, how: str) -> list[dict[str, float]]:
    w = ctx.work
    args = ("select", ctx.starter, ctx.large, how, w.other_kpi, w.small_kpi, w.big_kpi)
    probe(ctx.gui_env, *args)  # warm-up
    return [probe(ctx.gui_env, *args) for _ in range(ctx.runs)]


def fig_chart(ctx: Context) -> list[Row]:
    runs = _select(ctx, "chart")

    def med(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    frame = f"smooth: < {SMOOTH_FRAME_S * 1000:.0f} ms"
    rows = [Row("select 1M-value KPI to painted chart", med("big_s"), med("small_s"), "s", 3.0)]
    for view in ("all", "year"):
        big, small = med(f"pan_{view}_big_s"), med(f"pan_{view}_small_s")
        label = "whole range" if view == "all" else "1 year shown"
        note = f"{frame} ({'yes' if big < SMOOTH_FRAME_S else 'NO'})"
        rows.append(
            Row(f"pan frame, 1M vs 1k values ({label})", big * 1000, small * 1000, "ms", None, note)
        )
    return rows


def fig_select(ctx: Context) -> list[Row]:
    runs = _select(ctx, "tree")
    big = statistics.median(r["big_s"] for r in runs)
    small = statistics.median(r["small_s"] for r in runs)
    return [Row("select 1M-value KPI in the tree (+ table)", big, small, "s", None)]


def fig_import(ctx: Context) -> list[Row]:
    from kpi_desktop.services.importing.file_import import ImportOptions, import_file
    from kpi_desktop.services.workspace.workspace import Workspace

    shell = shutil.which("sqlite3")
    folder = ctx.tmp / "import"
    folder.mkdir(exist_ok=True)
    count = [0]

    def floor() -> float:
        db = folder / "floor.db"
        db.unlink(missing_ok=True)
        start = time.perf_counter()
        subprocess.run([shell, str(db), ".mode csv", f".import {ctx.work.csv} t"], check=True)
        return time.perf_counter() - start

    def ours() -> float:
        count[0] += 1
        path = folder / f"import-{count[0]}.kpidb"
        with Workspace.create(path) as ws:
            start = time.perf_counter()
            result = import_file(ws, ctx.work.csv, ImportOptions(create_missing=True))
            elapsed = time.perf_counter() - start
        assert result.inserted == workload.CSV_ROWS, result.inserted
        for leftover in folder.glob(f"{path.name}*"):
            leftover.unlink()
        return elapsed

    if shell is None:
        return [
            Row(
                "import 1M-row CSV",
                median_of(ctx.runs, ours),
                None,
                "s",
                2.0,
                "no sqlite3 shell: no floor",
            )
        ]
    floor_s = median_of(ctx.runs, floor)
    return [
        Row("import 1M-row CSV vs sqlite3 .import", median_of(ctx.runs, ours), floor_s, "s", 2.0)
    ]


def fig_status(ctx: Context) -> list[Row]:
    def run(path: Path) -> float:
        return wall([sys.executable, "-m", "kpi_desktop.cli", "status", str(path)], ctx.env)

    demo = median_of(ctx.runs, lambda: run(ctx.demo))
    large = median_of(ctx.runs, lambda: run(ctx.large))
    return [Row("kpi-desktop status", large, demo, "s", 2.0)]


def fig_memory(ctx: Context) -> list[Row]:
    def run(path: Path) -> float:
        return probe(ctx.gui_env, "memory", ctx.starter, path)["VmHWM"] / 1024

    demo = median_of(ctx.runs, lambda: run(ctx.demo))
    large = median_of(ctx.runs, lambda: run(ctx.large))
    return [Row("peak memory with workspace open", large, demo, "MB", 1.5)]


def fig_views(ctx: Context) -> list[Row]:
    """The other views over every KPI, large vs demo (no target in the issue: for reference,
    and so that none of them grows with the file again)."""
    runs: dict[Path, list[dict[str, float]]] = {}
    for path in (ctx.demo, ctx.large):
        probe(ctx.gui_env, "views", ctx.starter, path)  # warm-up
        runs[path] = [probe(ctx.gui_env, "views", ctx.starter, path) for _ in range(ctx.runs)]

    def med(path: Path, key: str) -> float:
        return statistics.median(r[key] for r in runs[path])

    return [
        Row(f"show the {what} (2,000 KPIs)", med(ctx.large, key), med(ctx.demo, key), "s", None)
        for what, key in (
            ("Scorecard tab", "scorecard_s"),
            ("Achievements tab", "achievements_s"),
            ("review window", "review_s"),
        )
    ]


@dataclass
class Context:
    runs: int
    tmp: Path
    env: dict[str, str]
    gui_env: dict[str, str]
    work: workload.Workload
    starter: Path
    demo: Path
    large: Path


# -- output -------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "unknown"
    with open("/proc/meminfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    import numpy
    import pyqtgraph
    import PySide6
    from PySide6.QtCore import qVersion

    return {
        "cores (nproc)": str(os.cpu_count()),
        "CPU": cpu,
        "RAM": ram,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Qt / PySide6": f"{qVersion()} / {PySide6.__version__}",
        "pyqtgraph": pyqtgraph.__version__,
        "numpy": numpy.__version__,
        "SQLite (Python's)": sqlite3.sqlite_version,
    }


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:.0f} {unit}" if unit in ("ms", "MB") and value >= 10 else f"{value:.2f} {unit}"


def table(rows: list[Row]) -> list[list[str]]:
    out = [["figure", "ours", "floor", "ratio", "target", "verdict"]]
    for r in rows:
        ratio = "-" if r.ratio is None else f"{r.ratio:.2f}x"
        target = "-" if r.target is None else f"<= {r.target:g}x"
        verdict = " ".join(p for p in (r.verdict, r.note) if p)
        out.append([r.figure, fmt(r.ours, r.unit), fmt(r.floor, r.unit), ratio, target, verdict])
    return out


def print_table(rows: list[Row]) -> None:
    cells = table(rows)
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    for n, row in enumerate(cells):
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))


def markdown(rows: list[Row], info: dict[str, str], runs: int, display: str) -> str:
    cells = table(rows)
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(cells[0])]
    lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
    lines += ["", f"Medians of {runs} runs (after one warm-up run each); GUI on {display}.", ""]
    lines += [f"- {key}: {value}" for key, value in info.items()]
    return "\n".join(lines) + "\n"


# -- main ---------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per figure (median)")
    parser.add_argument("--only", default=",".join(FIGURES), help="comma-separated figures")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    ns = parser.parse_args()
    chosen = [f.strip() for f in ns.only.split(",") if f.strip()]
    unknown = set(chosen) - set(FIGURES)
    if unknown:
        parser.error(f"unknown figures: {', '.join(sorted(unknown))}")
    if ns.runs < 3:
        print("note: fewer than 3 runs per figure", file=sys.stderr)

    work = workload.prepare()
    tmp = Path(tempfile.mkdtemp(prefix="kpi-bench-"))
    env = dict(os.environ, KPI_DESKTOP_DATA_DIR=str(tmp / "data"), PYTHONPATH=str(ROOT))
    gui_env = dict(env)
    xvfb, display = start_display(gui_env)
    try:
        # Copies, so that the app's WAL, lock and backups never touch the cache.
        for name, source in (("starter", work.demo), ("demo", work.demo), ("large", work.large)):
            shutil.copyfile(source, tmp / f"{name}.kpidb")
        ctx = Context(
            ns.runs,
            tmp,
            env,
            gui_env,
            work,
            tmp / "starter.kpidb",
            tmp / "demo.kpidb",
            tmp / "large.kpidb",
        )
        rows: list[Row] = []
        for name in FIGURES:
            if name in chosen:
                start = time.perf_counter()
                rows += globals()[f"fig_{name}"](ctx)
                print(f"[{name}: {time.perf_counter() - start:.0f} s]", file=sys.stderr)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    info = machine()
    print()
    print_table(rows)
    print()
    print(f"Medians of {ns.runs} runs after one warm-up run; GUI on {display}.")
    for key, value in info.items():
        print(f"{key}: {value}")
    if ns.markdown:
        ns.markdown.write_text(markdown(rows, info, ns.runs, display), encoding="utf-8")


if __name__ == "__main__":
    main()

"""A child process of run.py: starts the app (``run_app``, as a user would) on a small
starter workspace, then opens the workspace to measure as File > Open does, and reports
timings or memory as one JSON line on stdout.

    python gui_probe.py open STARTER WORKSPACE    seconds from open_workspace() to a painted,
                                                  populated goal tree and an idle event loop
    python gui_probe.py memory STARTER WORKSPACE  VmHWM and VmRSS (kB) once that is done
    python gui_probe.py views STARTER WORKSPACE   then seconds to show the Scorecard tab, the
                                                  Achievements tab, and the review window,
                                                  each to its painted page
    python gui_probe.py select STARTER WORKSPACE HOW WARM SMALL BIG
                                                  then seconds from selecting a KPI (HOW:
                                                  "tree", or "chart" for ChartPane.show_kpi) to
                                                  its painted chart; with "chart", pan frames
                                                  too (setXRange and the repaint)

The window is on screen and the app's modules are loaded before the clock starts (the
launch figure counts those). KPI_DESKTOP_DATA_DIR must point to a scratch folder (the app
keeps its settings and daily backups there). With KPI_BENCH_PROFILE=FILE, a pyinstrument
profile of the timed open is written to FILE.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kpi_desktop.ui import app as app_module
from kpi_desktop.ui.main_window import MainWindow


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def settle(app: QApplication, painted: PaintCounter, before: int, limit_s: float = 120) -> None:
    """Run the event loop until the watched widget has painted again and every zero-delay
    timer started so far has run (a timer started now fires after them)."""
    flag: list[bool] = []
    QTimer.singleShot(0, lambda: flag.append(True))
    deadline = time.monotonic() + limit_s
    while not (flag and painted.count > before):
        app.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("the window never painted")
    app.processEvents()


def settle_tree(app: QApplication, window: MainWindow) -> None:
    """Wait for the goal tree's next paint and the zero-delay timers started so far."""
    viewport = window.view.tree.view.viewport()
    counter = PaintCounter()
    viewport.installEventFilter(counter)
    viewport.update()
    settle(app, counter, 0)
    viewport.removeEventFilter(counter)


def status_kb() -> dict[str, int]:
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            out[key] = int(rest.split()[0])
    return out


def pan_frames(app: QApplication, window: MainWindow, frames: int = 12) -> list[float]:
    """Seconds per pan step: move the x range by 2% and wait for the repaint."""
    pane = window.view.chart
    vb = pane.plot_item.getViewBox()
    viewport = pane.chart_widget.viewport()
    counter = PaintCounter()
    viewport.installEventFilter(counter)
    (x0, x1), _ = vb.viewRange()
    step = (x1 - x0) * 0.02
    times = []
    for i in range(1, frames + 1):
        before = counter.count
        start = time.perf_counter()
        vb.setXRange(x0 + i * step, x1 + i * step, padding=0)
        settle(app, counter, before)
        times.append(time.perf_counter() - start)
    viewport.removeEventFilter(counter)
    return times


def select(app: QApplication, window: MainWindow, kpi_id: int, how: str) -> float:
    view = window.view
    viewport = view.chart.chart_widget.viewport()
    counter = PaintCounter()
    viewport.installEventFilter(counter)
    start = time.perf_counter()
    if how == "tree":
        assert view.tree.select("kpi", kpi_id)
    else:
        view.chart.show_kpi(kpi_id)
    settle(app, counter, 0)
    elapsed = time.perf_counter() - start
    viewport.removeEventFilter(counter)
    assert view.chart.kpi_id == kpi_id
    return elapsed


def deselect(app: QApplication, window: MainWindow) -> None:
    window.view.tree.view.clearSelection()
    window.view.chart.show_kpi(None)
    app.processEvents()


def painted_after(app: QApplication, widget: QWidget, action: Callable[[], object]) -> float:
    """Seconds from `action()` to `widget`'s next paint with the event loop idle."""
    counter = PaintCounter()
    widget.installEventFilter(counter)
    start = time.perf_counter()
    action()
    settle(app, counter, 0)
    elapsed = time.perf_counter() - start
    widget.removeEventFilter(counter)
    return elapsed


def views(app: QApplication, window: MainWindow) -> dict[str, float]:
    """Show the Scorecard and Achievements tabs, then open the review window."""
    centre = window.view.centre
    out = {}
    for name, index in (("scorecard", 1), ("achievements", 2)):
        out[f"{name}_s"] = painted_after(
            app, centre.widget(index), lambda i=index: centre.setCurrentIndex(i)
        )
    centre.setCurrentIndex(0)
    app.processEvents()
    start = time.perf_counter()
    dialog = window.start_review()
    assert dialog is not None
    counter = PaintCounter()
    dialog.installEventFilter(counter)
    settle(app, counter, 0)
    out["review_s"] = time.perf_counter() - start
    return out


def measure(window: MainWindow, argv: list[str], opened: float) -> None:
    """Everything after the open, then the JSON line and a hard exit."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    mode = argv[0]
    result: dict[str, object] = {}
    if mode == "open":
        result["open_s"] = opened
    elif mode == "memory":
        result.update(status_kb())
    elif mode == "views":
        result.update(views(app, window))
    elif mode == "select":
        how = argv[3]
        warm, small, big = (int(x) for x in argv[4:7])
        window.view.tree.select("kpi", warm)  # pays what any first chart pays
        app.processEvents()
        for name, kpi_id in (("small", small), ("big", big)):
            deselect(app, window)
            result[f"{name}_s"] = select(app, window, kpi_id, how)
            if how == "chart":
                window.view.chart.set_preset(None)
                app.processEvents()
                result[f"pan_all_{name}_s"] = statistics.median(pan_frames(app, window))
                window.view.chart.set_preset(12)
                app.processEvents()
                result[f"pan_year_{name}_s"] = statistics.median(pan_frames(app, window))
                window.view.chart.set_preset(None)
    else:
        raise SystemExit(f"unknown mode {mode}")
    print(json.dumps(result), flush=True)
    os._exit(0)  # no teardown: nothing is measured after this


def _profiler() -> object | None:
    """With KPI_BENCH_PROFILE set, a running pyinstrument profiler (pip install pyinstrument)."""
    if not os.environ.get("KPI_BENCH_PROFILE"):
        return None
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    return profiler


def _report(profiler: object | None) -> None:
    """Write the profile of the open to the file KPI_BENCH_PROFILE names."""
    if profiler is None:
        return
    profiler.stop()  # type: ignore[attr-defined]
    text = profiler.output_text(unicode=False, color=False)  # type: ignore[attr-defined]
    Path(os.environ["KPI_BENCH_PROFILE"]).write_text(text, encoding="utf-8")


def main() -> None:
    argv = sys.argv[1:]
    starter, target = Path(argv[1]), Path(argv[2])
    start_workspace = app_module.start_workspace

    def then_open(window: MainWindow, requested: Path | None) -> bool:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        try:
            assert start_workspace(window, requested), "the starter workspace did not open"
            settle_tree(app, window)
            profiler = _profiler()
            start = time.perf_counter()
            assert window.open_workspace(target), "the workspace did not open"
            settle_tree(app, window)
            opened = time.perf_counter() - start
            _report(profiler)
            assert window.view.tree.model.rowCount() > 0
            measure(window, argv, opened)
        except BaseException as exc:  # report, never hang the parent
            print(f"probe failed: {exc!r}", file=sys.stderr, flush=True)
            os._exit(3)
        return True

    app_module.start_workspace = then_open  # run_app opens its first workspace with it
    sys.exit(app_module.run_app([str(starter)]))


if __name__ == "__main__":
    main()

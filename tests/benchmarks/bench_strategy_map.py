"""Opening the strategy map of 100 objectives and 2,000 KPIs (target: 0.5 s).

    python tests/benchmarks/bench_strategy_map.py [--runs 5]

Opens the benchmark's large workspace (100 objectives with 2 sub-goals each, 2,000 KPIs,
2,000,000 values; see workload.py) in a Document, then times, ``--runs`` times after one
untimed warm-up: making the Strategy map tab (reading goals, every KPI's status and the
links, and laying the map out), showing it and the events that paint it. Also times the
read and the layout alone, and a PNG export. Runs under Qt's offscreen platform unless
QT_QPA_PLATFORM is set.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for entry in (str(ROOT), str(HERE)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import workload  # noqa: E402

TARGET_S = 0.5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    from kpi_desktop.reports.strategy_map.layout import lay_out
    from kpi_desktop.reports.strategy_map.painting import export_map
    from kpi_desktop.services.strategy_map.map_data import strategy_map
    from kpi_desktop.services.workspace.workspace import Workspace
    from kpi_desktop.ui.calculated.strategy_map_tab import StrategyMapTab
    from kpi_desktop.ui.document import Document
    from kpi_desktop.ui.prompts import ScriptedPrompts

    app = QApplication.instance() or QApplication([])
    data = workload.prepare()
    ws = Workspace.open(data.large, readonly=True)
    doc = Document(ws)
    times: list[float] = []
    reads: list[float] = []
    for run in range(args.runs + 1):
        doc._forget_plan()  # a fresh read each time, as on opening the tab
        start = time.perf_counter()
        tab = StrategyMapTab(doc, ScriptedPrompts())
        tab.resize(1280, 800)
        tab.show()
        app.processEvents()
        tab.canvas.repaint()
        took = time.perf_counter() - start
        start = time.perf_counter()
        layout = lay_out(strategy_map(ws, doc.as_of))
        read = time.perf_counter() - start
        if run:
            times.append(took)
            reads.append(read)
        n_goals, n_kpis = len(layout.goals), sum(len(g.goal.kpis) for g in layout.goals)
        tab.close()
        tab.deleteLater()
        app.processEvents()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        export_map(layout, Path(tmp) / "map.png")
        png = time.perf_counter() - start
    ws.close()
    print(f"{n_goals} goals (objectives and sub-goals), {n_kpis} KPIs on the map")
    print(
        f"open the tab, painted: median {statistics.median(times):.3f} s, "
        f"worst {max(times):.3f} s (target {TARGET_S:.1f} s)"
    )
    print(f"read + lay out alone: median {statistics.median(reads):.3f} s")
    print(f"PNG export: {png:.3f} s")
    return 0 if statistics.median(times) < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())

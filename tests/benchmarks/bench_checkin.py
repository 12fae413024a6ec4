"""Track > Check in with 2,000 KPIs due: from the menu command to a painted grid.

    python tests/benchmarks/bench_checkin.py [--runs 5]

Opens the benchmark's large workspace (2,000 KPIs, 2,000,000 values; see workload.py: its
values end in October 2026, so every KPI is due after that) in a Document, then times
``CheckinDialog(document)`` + ``show()`` + the events that paint it, ``--runs`` times after
one untimed warm-up, and prints the median and the worst next to the issue's target
(0.3 s). Also times the grid's read alone (``checkin_rows``) and a Save of a value for
every row with its undo. Runs under Qt's offscreen platform unless QT_QPA_PLATFORM is set.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for entry in (str(ROOT), str(HERE)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import workload  # noqa: E402

TARGET_S = 0.3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from kpi_desktop.services.tracking.checkin import checkin_rows
    from kpi_desktop.services.workspace.workspace import Workspace
    from kpi_desktop.ui.checkin.dialog import CheckinDialog
    from kpi_desktop.ui.document import Document
    from kpi_desktop.ui.prompts import ScriptedPrompts

    app = QApplication.instance() or QApplication([])
    data = workload.prepare()
    work = data.large.with_name("checkin-bench.kpidb")  # a copy: the save writes to it
    src = sqlite3.connect(data.large)
    dst = sqlite3.connect(work)
    src.backup(dst)
    src.close()
    dst.close()
    ws = Workspace.open(work)
    doc = Document(ws)
    rows = checkin_rows(ws, doc.as_of)
    print(f"{len(rows)} KPIs due on {doc.as_of.isoformat()}")

    def open_grid() -> float:
        start = time.perf_counter()
        dialog = CheckinDialog(doc, prompts=ScriptedPrompts())
        dialog.show()
        dialog.repaint()
        app.processEvents()
        elapsed = time.perf_counter() - start
        assert dialog.model is not None and dialog.model.rowCount() == len(rows)
        dialog.hide()
        dialog.deleteLater()
        app.processEvents()
        return elapsed

    def read_rows() -> float:
        start = time.perf_counter()
        checkin_rows(ws, doc.as_of)
        return time.perf_counter() - start

    for name, measure in (("open the grid", open_grid), ("read the rows", read_rows)):
        measure()  # warm-up: imports, caches, fonts
        times = [measure() for _ in range(args.runs)]
        print(
            f"{name}: median {statistics.median(times):.3f} s, worst {max(times):.3f} s "
            f"over {args.runs} runs (target for the grid: {TARGET_S} s)"
        )

    dialog = CheckinDialog(doc, prompts=ScriptedPrompts())
    model = dialog.model
    assert model is not None
    for r in range(model.rowCount()):
        model.setData(model.index(r, 4), str(100 + r))
    start = time.perf_counter()
    assert dialog.save()
    saved = time.perf_counter() - start
    start = time.perf_counter()
    doc.undo_stack.undo()
    undone = time.perf_counter() - start
    print(f"save {model.rowCount()} values: {saved:.3f} s; undo: {undone:.3f} s")
    doc.close()
    work.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

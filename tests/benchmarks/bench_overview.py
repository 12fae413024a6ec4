"""Opening on the overview at scale (issue 19): a 2,000-KPI workspace (six monthly values
each, all due) opened at 1280x800, then the overview's lists and the scorecard read again.

    .venv/bin/python tests/benchmarks/bench_overview.py
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="bench-overview-"))
    os.environ["KPI_DESKTOP_DATA_DIR"] = str(tmp)
    from PySide6.QtWidgets import QApplication

    from kpi_desktop.services.importing.file_import import ImportOptions, import_file
    from kpi_desktop.services.tracking.achievements import workspace_achievements
    from kpi_desktop.services.tracking.reminders import due_items
    from kpi_desktop.services.workspace.workspace import Workspace
    from kpi_desktop.ui.main_window import MainWindow
    from kpi_desktop.ui.prompts import ScriptedPrompts
    from kpi_desktop.ui.settings import AppSettings

    ws = Workspace.create(tmp / "big.kpidb")
    ws.goals.add("Sales")
    names = [f"KPI {k:04d}" for k in range(2000)]
    rows = [
        f"2025-{m:02d}-01,{n},{(k % 7) * m + 10}" for k, n in enumerate(names) for m in range(1, 7)
    ]
    (tmp / "values.csv").write_text("date,kpi,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    import_file(ws, tmp / "values.csv", ImportOptions(create_missing=True))
    ws.close()

    app = QApplication([])
    window = MainWindow(AppSettings(tmp / "settings.ini"), ScriptedPrompts())
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    started = time.perf_counter()
    window.open_workspace(tmp / "big.kpidb")
    app.processEvents()
    print(f"open, overview painted and filled: {time.perf_counter() - started:.2f} s")
    assert window.view is not None and window.document is not None
    doc = window.document
    for _ in range(3):
        started = time.perf_counter()
        window.view.overview.refresh()
        lists = time.perf_counter() - started
        started = time.perf_counter()
        due_items(doc.workspace, doc.as_of, doc.plan())
        due = time.perf_counter() - started
        started = time.perf_counter()
        workspace_achievements(
            doc.workspace, since=doc.as_of - dt.timedelta(days=92), as_of=doc.as_of
        )
        found = time.perf_counter() - started
        print(f"overview lists {lists:.3f} s (due {due:.3f} s, achievements {found:.3f} s)")
    window.close()


if __name__ == "__main__":
    main()

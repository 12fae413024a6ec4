"""`kpi-desktop --selftest`: prove an installed or built app works on this machine.

Opens the main window offscreen on a fresh demo workspace in a temporary folder, selects a
KPI so its chart paints, exports that chart to PNG, checks the image, and exits 0 (1 on any
failure, with the reason). Nothing outside the temporary folder is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from kpi_desktop.paths import DATA_DIR_ENV


def run_selftest() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kpi-selftest-") as tmp:
        os.environ[DATA_DIR_ENV] = str(Path(tmp) / "data")
        try:
            report = _check(Path(tmp))
        except Exception:  # noqa: BLE001 - a self-test reports every failure
            print("selftest FAILED:\n" + traceback.format_exc(), file=sys.stderr)
            return 1
    print(f"selftest ok: {report} ({time.perf_counter() - started:.1f} s)")
    return 0


def _check(tmp: Path) -> str:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from kpi_desktop.reports.chart import render_chart_png
    from kpi_desktop.services.tracking.chart_data import chart_data
    from kpi_desktop.ui.app import application_icon
    from kpi_desktop.ui.main_window import MainWindow
    from kpi_desktop.ui.prompts import ScriptedPrompts
    from kpi_desktop.ui.settings import AppSettings
    from kpi_desktop.ui.workspace.demo_file import ensure_demo_workspace

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setWindowIcon(application_icon())
    window = MainWindow(AppSettings(), ScriptedPrompts())
    if not window.open_workspace(ensure_demo_workspace()):
        raise RuntimeError("the demo workspace did not open")
    window.show()
    app.processEvents()
    assert window.document is not None and window.view is not None
    kpi = window.document.workspace.kpis.list()[0]
    assert kpi.id is not None
    window.view.tree.select("kpi", kpi.id)
    app.processEvents()
    if window.view.chart.data is None or not window.view.chart.data.has_values:
        raise RuntimeError("the chart pane shows no data")
    out = tmp / "selftest-chart.png"
    render_chart_png(
        chart_data(window.document.workspace, kpi.id, window.document.as_of), out, 800, 450
    )
    image = QImage(str(out))
    if image.isNull() or image.width() < 800:
        raise RuntimeError(f"the exported chart is not a valid image: {out}")
    window.close()
    return f'main window, chart of "{kpi.name}", PNG {image.width()}x{image.height()}'

"""`kpi-desktop --selftest`: prove an installed or built app works on this machine.

Opens the main window offscreen on a fresh demo workspace in a temporary folder, selects a
KPI so its chart paints, exports that chart to PNG, checks the image, and exits 0 (1 on any
failure, with the reason). Nothing outside the temporary folder is touched. With
`--language CODE` the app speaks that language and the self-test checks that the window
title and every menu are translated.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from kpi_desktop.paths import DATA_DIR_ENV

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow


def run_selftest(language: str | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kpi-selftest-") as tmp:
        os.environ[DATA_DIR_ENV] = str(Path(tmp) / "data")
        try:
            report = _check(Path(tmp), language)
        except Exception:  # noqa: BLE001 - a self-test reports every failure
            print("selftest FAILED:\n" + traceback.format_exc(), file=sys.stderr)
            return 1
    print(f"selftest ok: {report} ({time.perf_counter() - started:.1f} s)")
    return 0


def _check(tmp: Path, language: str | None = None) -> str:
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
    if language is not None:
        from kpi_desktop.ui.preferences.language import choose_language, install_translators

        language = choose_language(language, None)
        install_translators(app, language)
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
    spoken = _check_language(window, language) if language else ""
    window.close()
    return f'{spoken}main window, chart of "{kpi.name}", PNG {image.width()}x{image.height()}'


def _check_language(window: QMainWindow, language: str) -> str:
    """The window title and every menu title and item in `language` (not left in English)."""
    from PySide6.QtWidgets import QMenu

    from kpi_desktop.i18n.catalogue import DEFAULT, messages

    if language == DEFAULT:
        return ""
    table = messages(language)
    english = {source for (_context, source) in table}
    texts = [window.windowTitle().split(" — ")[-1]]
    for menu in window.menuBar().findChildren(QMenu):
        texts.append(menu.title())
        texts.extend(a.text() for a in menu.actions() if a.text() and not a.isSeparator())
    left = sorted({t for t in texts if t and t in english and table.get(("", t)) != t})
    if left:
        raise RuntimeError(f"not translated to {language}: " + "; ".join(left))
    return (
        f"{language}: {window.windowTitle()!r}, menus {window.menuBar().actions()[0].text()!r}…, "
    )

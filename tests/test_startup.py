"""What the app loads before its window is on screen: only what the first frame shows.

The launch target (issue 7: at most 1.5x a bare QMainWindow) is measured by
tests/benchmarks; this guards the reasons it holds, so a stray import cannot undo it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.settings import AppSettings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

FIRST_FRAME = """
import json, sys
from PySide6 import QtCore
from PySide6.QtWidgets import QApplication
from kpi_desktop.ui.app import parse_args, startup_path
from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.settings import AppSettings

app = QApplication([])
window = MainWindow(AppSettings())
window.show_opening(startup_path(window, parse_args([]).workspace))
window.show()
app.processEvents()
print(json.dumps({"modules": sorted(sys.modules), "qt_namespace": "Qt" in vars(QtCore)}))
"""

HEAVY = (
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "pyqtgraph",
    "numpy",
    "dataclasses",
    "importlib.resources",
    "kpi_desktop.services.workspace.workspace",
    "kpi_desktop.ui.help_viewer",
    "kpi_desktop.ui.prompts",
    "kpi_desktop.ui.workspace_view",
)


def test_the_first_frame_loads_no_heavy_layer(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KPI_DESKTOP_DATA_DIR=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert [m for m in HEAVY if m in seen["modules"]] == []
    # The first use of `Qt` builds 93 Python enums (~20 ms): not before the window shows.
    assert seen["qt_namespace"] is False


def test_help_pages_fill_the_help_menu_once_it_opens(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(AppSettings(), ScriptedPrompts())
    qtbot.addWidget(window)
    window.menus.help_menu.aboutToShow.emit()
    window.menus.help_menu.aboutToShow.emit()  # a second opening adds nothing
    titles = [action.text() for action in window.menus.help_menu.actions()]
    assert titles[:4] == [  # each with a mnemonic of its own (issue 19)
        "&How status works",
        "H&ow sizing works",
        "&Reminders, real change and achievements",
        "K&eeping your data safe and moving it",
    ]
    assert titles[4:] == ["", "&Keyboard shortcuts", "", "&About KPI Desktop"]
    window.menus.help_menu.actions()[1].trigger()
    assert window._help is not None and window._help.isVisible()
    assert window._help.index.currentItem().text() == "How sizing works"
    window._help.close()


def test_shortcuts_keep_every_platform_binding(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(AppSettings(), ScriptedPrompts())
    qtbot.addWidget(window)
    redo = {seq.toString() for seq in window.menus.redo_action.shortcuts()}
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= redo
    assert [seq.toString() for seq in window.menus.import_action.shortcuts()] == ["Ctrl+I"]


def test_closing_the_workspace_shows_the_welcome_page_again(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kpi_desktop.services.workspace.workspace import Workspace

    path = tmp_path / "plan.kpidb"
    Workspace.create(path).close()
    window = MainWindow(AppSettings(), ScriptedPrompts())
    qtbot.addWidget(window)
    window.show_opening(path)
    assert "Opening plan" in window.welcome.text()
    assert not window.menus.start_review_action.isEnabled()
    assert window.open_workspace(path)
    assert window.menus.start_review_action.isEnabled()
    window.close_workspace()
    assert "No workspace is open" in window.welcome.text()
    assert window.stack.currentIndex() == 0
    assert not window.menus.start_review_action.isEnabled()

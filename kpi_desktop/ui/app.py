"""Starting the GUI: the QApplication, the main window and the first workspace."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kpi_desktop.paths import APP_NAME, DATA_DIR_ENV

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from kpi_desktop.ui.main_window import MainWindow


def parse_args(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kpi-desktop", description=f"Open {APP_NAME}.")
    parser.add_argument("workspace", nargs="?", type=Path, help="a .kpidb workspace to open")
    parser.add_argument("--data-dir", type=Path, help="keep settings and the demo here")
    parser.add_argument(
        "--selftest",
        action="store_true",
        help="open the window offscreen, export a chart, exit 0 if all works",
    )
    return parser.parse_args(args)


def run_app(args: list[str]) -> int:
    ns = parse_args(args)
    if ns.selftest:
        from kpi_desktop.ui.selftest import run_selftest

        return run_selftest()
    if ns.data_dir:
        os.environ[DATA_DIR_ENV] = str(ns.data_dir)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kpi_desktop.ui.main_window import MainWindow
    from kpi_desktop.ui.settings import AppSettings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(application_icon())
    window = MainWindow(AppSettings())
    start_workspace(window, ns.workspace)
    window.show()
    QTimer.singleShot(0, window.raise_)
    return app.exec()


def application_icon() -> QIcon:
    """The app icon in every size shipped (resources/icons)."""
    from PySide6.QtGui import QIcon

    from kpi_desktop.paths import resource

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        icon.addFile(str(resource("icons", f"kpi-desktop-{size}.png")))
    return icon


def start_workspace(window: MainWindow, requested: Path | None) -> bool:
    """Open the requested file, else the last one, else the demo (made on first start).

    Problems are reported after the window shows, never with a dialog during start-up.
    """
    from kpi_desktop.ui.main_window import ensure_demo_workspace

    if requested is not None:
        path = requested
    else:
        last = window.settings.last_workspace()
        path = last if last is not None and last.exists() else ensure_demo_workspace()
    window.hold_errors()
    try:
        return window.open_workspace(path)
    finally:
        window.release_errors()

"""Starting the GUI: the QApplication, the main window and the first workspace."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kpi_desktop.paths import APP_NAME, DATA_DIR_ENV

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QWidget

    from kpi_desktop.ui.main_window import MainWindow
    from kpi_desktop.ui.settings import AppSettings


class StartOptions:
    """What the command line asked of the GUI. (A plain class: importing dataclasses and
    making one costs a few ms before the window shows.)"""

    __slots__ = ("data_dir", "language", "selftest", "workspace")

    def __init__(
        self,
        workspace: Path | None = None,
        data_dir: Path | None = None,
        selftest: bool = False,
        language: str | None = None,
    ) -> None:
        self.workspace = workspace
        self.data_dir = data_dir
        self.selftest = selftest
        self.language = language


def parse_args(args: list[str]) -> StartOptions:
    if not args:  # the usual start (from a menu or an icon): no parser to build
        return StartOptions()
    import argparse

    parser = argparse.ArgumentParser(prog="kpi-desktop", description=f"Open {APP_NAME}.")
    parser.add_argument("workspace", nargs="?", type=Path, help="a .kpidb workspace to open")
    parser.add_argument("--data-dir", type=Path, help="keep settings and the demo here")
    parser.add_argument(
        "--selftest",
        action="store_true",
        help="open the window offscreen, export a chart, exit 0 if all works",
    )
    parser.add_argument("--language", metavar="CODE", help="speak this language (en, de)")
    ns = parser.parse_args(args)
    return StartOptions(ns.workspace, ns.data_dir, ns.selftest, ns.language)


def run_app(args: list[str]) -> int:
    ns = parse_args(args)
    if ns.language and not known_language(ns.language):
        return 2
    if ns.selftest:
        from kpi_desktop.ui.selftest import run_selftest

        return run_selftest(ns.language)
    if ns.data_dir:
        os.environ[DATA_DIR_ENV] = str(ns.data_dir)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kpi_desktop.ui.main_window import MainWindow
    from kpi_desktop.ui.settings import AppSettings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    settings = AppSettings()
    start_translators(app, ns.language, settings)
    window = MainWindow(settings)
    preset_colour_scheme(app, window.settings)
    path = startup_path(window, ns.workspace)
    window.show_opening(path)
    window.show()
    paint_now(window)
    app.setWindowIcon(application_icon())  # the window manager picks it up when set
    QTimer.singleShot(0, lambda: apply_saved_colour_scheme(app, window.settings))
    # The window is on screen first; the workspace (and the layers it needs) loads next.
    QTimer.singleShot(0, lambda: start_workspace(window, path))
    collect_garbage_on_gui_thread(app)
    return app.exec()


def collect_garbage_on_gui_thread(app: QCoreApplication, interval_ms: int = 500) -> QTimer:
    """Python's cyclic garbage collector, run only on the GUI thread, from a timer.

    Left automatic, a collection runs in whichever thread allocates at the wrong moment: a
    team workspace's change listener, say, which then destroys Qt objects of the GUI thread
    while the GUI thread holds a Qt lock and waits for the GIL: a deadlock (seen). The timer
    collects each generation when its count passed the threshold, as the automatic collector
    would (pyqtgraph's GarbageCollector does the same).
    """
    from PySide6.QtCore import QTimer

    thresholds = gc.get_threshold()
    gc.disable()

    def collect() -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):  # the oldest due takes the younger with it
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return

    timer = QTimer(app)
    timer.setObjectName("gcOnGuiThread")
    timer.timeout.connect(collect)
    timer.start(interval_ms)
    return timer


def start_translators(app: QCoreApplication, requested: str | None, settings: AppSettings) -> str:
    """Speak the language asked for, else the one saved in Preferences, else the system's."""
    from kpi_desktop.ui.preferences.language import choose_language, install_translators

    code = choose_language(requested, settings)
    install_translators(app, code)
    return code


def known_language(requested: str) -> bool:
    """False (with the reason on stderr) when `--language` names one the app lacks."""
    from kpi_desktop.i18n.catalogue import LANGUAGES, supported

    if supported(requested):
        return True
    choices = ", ".join(LANGUAGES)
    print(
        f"kpi-desktop: error: unknown language {requested!r} (one of: {choices})", file=sys.stderr
    )
    return False


def apply_saved_colour_scheme(app: QApplication, settings: AppSettings) -> None:
    """Light, dark or the system's scheme, as chosen in View > Colour scheme (issue 19)."""
    from kpi_desktop.ui.appearance.scheme import apply_colour_scheme

    apply_colour_scheme(app, settings.colour_scheme())


def preset_colour_scheme(app: QApplication, settings: AppSettings) -> None:
    """Before the first frame: the dark palette if "dark" is chosen (cheap); the rest of
    the scheme (the system's, followed) comes with ``apply_saved_colour_scheme`` after it."""
    if settings.colour_scheme() == "dark":
        from kpi_desktop.ui.appearance.scheme import set_dark_palette_early

        set_dark_palette_early(app)


def application_icon() -> QIcon:
    """The app icon in every size shipped (resources/icons)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from kpi_desktop.paths import resource

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        # With its size given, a file is read when that size is first drawn, not now.
        icon.addFile(str(resource("icons", f"kpi-desktop-{size}.png")), QSize(size, size))
    return icon


def paint_now(window: QWidget, limit_s: float = 0.5) -> None:
    """Let the window system map and paint `window` before slow work blocks the loop."""
    import time

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + limit_s
    handle = window.windowHandle()
    while time.monotonic() < deadline and not (handle and handle.isExposed()):
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        handle = window.windowHandle()
    window.repaint()
    QApplication.processEvents()


def startup_path(window: MainWindow, requested: Path | None) -> Path:
    """The requested file, else the last one opened (a file, or a team workspace's server),
    else the demo workspace."""
    from kpi_desktop.paths import demo_workspace_path

    if requested is not None:
        return requested
    last = window.settings.last_workspace()
    server = last is not None and str(last).startswith(("postgresql:", "postgres:"))
    return last if last is not None and (server or last.exists()) else demo_workspace_path()


def start_workspace(window: MainWindow, requested: Path | None) -> bool:
    """Open the requested file, else the last one, else the demo (made on first start).

    Problems are reported after the window shows, never with a dialog during start-up.
    """
    # The layers a workspace needs, loaded now that the window is on screen. They live as
    # long as the app: keep them (and the window) out of the cycle collector's full passes,
    # which otherwise walk all of them again and again while a big workspace is read.
    import kpi_desktop.services.workspace.workspace  # noqa: F401
    import kpi_desktop.ui.workspace_view  # noqa: F401
    from kpi_desktop.paths import demo_workspace_path

    gc.freeze()
    path = startup_path(window, requested)
    window.hold_errors()
    try:
        if path == demo_workspace_path():
            return window.open_demo()
        return window.open_workspace(path)
    finally:
        window.release_errors()

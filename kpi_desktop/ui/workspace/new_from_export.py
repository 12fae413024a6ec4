"""File > New from export…: a new workspace rebuilt from a full XLSX export (the same
rebuild as ``kpi-desktop new WS --from FILE.xlsx``), then opened."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kpi_desktop.paths import WORKSPACE_FILE_FILTER, WORKSPACE_SUFFIX

if TYPE_CHECKING:
    from kpi_desktop.ui.main_window import MainWindow


def new_from_export(window: MainWindow) -> bool:
    """Ask for the export and the new workspace's name, rebuild it, open it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from kpi_desktop.services.errors import KpiDesktopError
    from kpi_desktop.services.exchange.rebuild import rebuild_workspace

    tr = window.tr
    source = window.prompts.open_file(
        tr("New workspace from an export"),
        str(Path.home()),
        tr("Excel workbooks (*.xlsx);;All files (*)"),
    )
    if not source:
        return False
    chosen = window.prompts.save_file(
        tr("Save the new workspace as"),
        str(Path(source).with_suffix(WORKSPACE_SUFFIX)),
        WORKSPACE_FILE_FILTER,
    )
    if not chosen:
        return False
    target = Path(chosen)
    if target.suffix != WORKSPACE_SUFFIX:
        target = target.with_name(target.name + WORKSPACE_SUFFIX)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = rebuild_workspace(source, target)
    except KpiDesktopError as exc:
        QGuiApplication.restoreOverrideCursor()
        window.prompts.error(tr("Cannot build the workspace"), exc.message)
        return False
    QGuiApplication.restoreOverrideCursor()
    if not window.open_workspace(target):
        return False
    window.statusBar().showMessage(
        tr("Built {0} from {1}: {2}").format(target.name, Path(source).name, result.summary()),
        10000,
    )
    return True

"""File > New from export…: a new workspace rebuilt from a full XLSX export (the same
rebuild as ``kpi-desktop new WS --from FILE.xlsx``), then opened."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from kpi_desktop.paths import WORKSPACE_FILE_FILTER, WORKSPACE_SUFFIX

if TYPE_CHECKING:
    from kpi_desktop.ui.main_window import MainWindow


def new_from_export(window: MainWindow) -> bool:
    """Ask for the export and the new workspace's name, rebuild it, open it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from kpi_desktop.services.errors import KpiDesktopError
    from kpi_desktop.services.exchange.rebuild import rebuild_workspace

    source = window.prompts.open_file(
        QCoreApplication.translate("NewFromExport", "New workspace from an export"),
        str(Path.home()),
        QCoreApplication.translate("NewFromExport", "Excel workbooks (*.xlsx);;All files (*)"),
    )
    if not source:
        return False
    chosen = window.prompts.save_file(
        QCoreApplication.translate("NewFromExport", "Save the new workspace as"),
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
        window.prompts.error(
            QCoreApplication.translate("NewFromExport", "Cannot build the workspace"), exc.message
        )
        return False
    QGuiApplication.restoreOverrideCursor()
    if not window.open_workspace(target):
        return False
    window.statusBar().showMessage(
        QCoreApplication.translate("NewFromExport", "Built {0} from {1}: {2}").format(
            target.name, Path(source).name, result.summary()
        ),
        10000,
    )
    return True

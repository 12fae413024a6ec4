"""File > Restore from backup: the automatic backups of a workspace, and restoring one.

The dialog lists the backups (newest first) with their date, size and number of KPIs.
"Restore" replaces the workspace with the chosen backup after moving the current file aside
(nothing is lost); "Restore as a copy…" writes the backup to a new file. Before replacing,
it emits `about_to_replace(path)`: the main window closes the workspace then. When the
dialog is accepted, `restored_path` is the file to open now.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.formatting import format_date_time
from kpi_desktop.paths import WORKSPACE_FILE_FILTER
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.workspace.backups import BackupInfo, list_backups, restore_backup
from kpi_desktop.ui.prompts import Prompts


def size_text(size: int) -> str:
    """1 536 -> '1.5 KB': sizes as a person reads them."""
    amount = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if amount < 1024 or unit == "GB":
            return f"{int(amount)} {unit}" if unit == "bytes" else f"{amount:.1f} {unit}"
        amount /= 1024
    return f"{size} bytes"  # pragma: no cover - the loop always returns


class RestoreBackupDialog(QDialog):
    about_to_replace = Signal(Path)  # close the workspace at this path now: it is replaced

    def __init__(self, path: Path | str, prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.prompts = prompts
        self.restored_path: Path | None = None  # the file to open once the dialog is accepted
        self.aside_path: Path | None = None  # where the replaced workspace was kept
        self.backups: list[BackupInfo] = []
        self.setWindowTitle(self.tr("Restore from backup"))
        self.resize(560, 380)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Size"), self.tr("KPIs")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.setToolTip(
            self.tr("Replace the workspace with this backup; the current file is kept beside it")
        )
        self.copy_button = QPushButton(self.tr("Restore as a &copy…"))
        self.copy_button.setToolTip(self.tr("Save this backup as a new workspace file"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.reload()

    # -- what the dialog shows -----------------------------------------------------------

    def reload(self) -> None:
        self.backups = list_backups(self.path)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            made = QTableWidgetItem(format_date_time(info.made_at))
            made.setToolTip(str(info.path))
            size = QTableWidgetItem(size_text(info.size))
            kpis = QTableWidgetItem(
                self.tr("unreadable") if info.kpi_count is None else str(info.kpi_count)
            )
            for item in (size, kpis):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, made)
            self.table.setItem(row, 1, size)
            self.table.setItem(row, 2, kpis)
        if self.backups:
            self.intro.setText(
                self.tr(
                    "KPI Desktop keeps a copy of <b>{0}</b> from each of the last days you "
                    "opened it. Choose one to go back to."
                ).format(self.path.name)
            )
            self.table.selectRow(0)
        else:
            self.intro.setText(
                self.tr(
                    "There are no backups of <b>{0}</b> yet. KPI Desktop makes one on each "
                    "day you open the workspace."
                ).format(self.path.name)
            )
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def select(self, row: int) -> None:
        self.table.selectRow(row)

    def _update_buttons(self) -> None:
        usable = (info := self.selected()) is not None and info.kpi_count is not None
        self.restore_button.setEnabled(usable)
        self.copy_button.setEnabled(usable)

    # -- restoring ------------------------------------------------------------------------

    def _on_restore_clicked(self) -> None:
        info = self.selected()
        if info is None:
            return
        when = format_date_time(info.made_at)
        if not self.prompts.confirm(
            self.tr("Restore from backup?"),
            self.tr(
                "Replace {0} with its backup of {1} ({2} KPIs)?\n\nThe workspace as it is "
                "now is kept beside it as a file named “{3}.before-restore-…”, so nothing "
                "is lost."
            ).format(self.path.name, when, info.kpi_count, self.path.stem),
            self.tr("Restore"),
        ):
            return
        self.about_to_replace.emit(self.path)
        try:
            self.aside_path = restore_backup(info, self.path)
        except KpiDesktopError as exc:
            self.prompts.error(self.tr("Cannot restore the backup"), exc.message)
            self.restored_path = self.path  # closed for the restore: open it again as it was
            self.accept()
            return
        self.restored_path = self.path
        kept = (
            self.tr("\n\nThe workspace as it was is kept as {0}.").format(self.aside_path.name)
            if self.aside_path
            else ""
        )
        self.prompts.info(
            self.tr("Backup restored"),
            self.tr("{0} is back as it was on {1}.").format(self.path.name, when) + kept,
        )
        self.accept()

    def _on_copy_clicked(self) -> None:
        info = self.selected()
        if info is None:
            return
        start = self.path.with_name(
            f"{self.path.stem} (backup {info.made_at:%Y-%m-%d}){self.path.suffix}"
        )
        chosen = self.prompts.save_file(
            self.tr("Save the backup as a new workspace"), str(start), WORKSPACE_FILE_FILTER
        )
        if not chosen:
            return
        dest = Path(chosen)
        if dest.suffix.lower() != ".kpidb":
            dest = dest.with_name(dest.name + ".kpidb")
        if dest.exists() and dest.resolve() == self.path.resolve():
            self._on_restore_clicked()  # "a copy" over the workspace itself is a restore
            return
        try:
            self.aside_path = restore_backup(info, dest)
        except KpiDesktopError as exc:
            self.prompts.error(self.tr("Cannot restore the backup"), exc.message)
            return
        self.restored_path = dest
        self.accept()

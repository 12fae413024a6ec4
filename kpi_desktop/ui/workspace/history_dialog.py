"""Edit > History…: who changed what, and when, for the workspace or one goal or KPI, with
a search box. The rows come from the change log (services.workspace.change_log)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.formatting import format_number
from kpi_desktop.services.workspace.change_log import Change, history, in_words
from kpi_desktop.ui.document import Document

SHOWN = 5000  # the newest changes listed (the CLI gives them all)
COLUMNS = (
    QT_TRANSLATE_NOOP("HistoryDialog", "When"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Who"),
    QT_TRANSLATE_NOOP("HistoryDialog", "What"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Change"),
)


class HistoryDialog(QDialog):
    def __init__(
        self,
        document: Document,
        subject: tuple[str, int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``subject``: ("kpi" or "goal", id, name) to show first; None: the workspace."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("History"))
        self._document = document
        self.scope = QComboBox()
        self.scope.addItem(self.tr("Every change in the workspace"), None)
        if subject is not None:
            kind, item_id, name = subject
            label = self.tr('The KPI "%1"') if kind == "kpi" else self.tr('The goal "%1"')
            self.scope.addItem(label.replace("%1", name), (kind, item_id))
            self.scope.setCurrentIndex(1)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the changes"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("&Show:")), 0)
        top.itemAt(0).widget().setBuddy(self.scope)  # type: ignore[union-attr]
        top.addWidget(self.scope, 1)
        top.addWidget(self.search, 1)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(buttons)
        box.addLayout(bottom)
        self.resize(900, 520)
        self._changes: list[Change] = []
        self.scope.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self._fill)
        for signal in (document.goals_changed, document.kpi_changed, document.measurements_changed):
            signal.connect(self.reload)
        self.reload()

    def reload(self, *_changed: object) -> None:
        scope = self.scope.currentData()
        kpi_id = scope[1] if scope and scope[0] == "kpi" else None
        goal_id = scope[1] if scope and scope[0] == "goal" else None
        self._changes = history(
            self._document.workspace, kpi_id=kpi_id, goal_id=goal_id, limit=SHOWN
        )
        self._fill()

    def rows_shown(self) -> list[tuple[str, ...]]:
        return [
            tuple(self.table.item(r, c).text() for c in range(len(COLUMNS)))
            for r in range(self.table.rowCount())
        ]

    def _fill(self) -> None:
        words = self.search.text().casefold().split()
        rows = [_cells(c) for c in self._changes]
        if words:
            rows = [r for r in rows if all(w in " ".join(r).casefold() for w in words)]
        self.table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        self.count_label.setText(
            self.tr("%1 of %2 changes")
            .replace("%1", format_number(len(rows)))
            .replace("%2", format_number(len(self._changes)))
            if words
            else self.tr("%1 changes").replace("%1", format_number(len(self._changes)))
        )


def _cells(change: Change) -> tuple[str, str, str, str]:
    return (change.at.replace("T", " "), change.who, *in_words(change))

"""The Actions tab's table: one row per action of the filtered list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from kpi_desktop.domain.formatting import format_date
from kpi_desktop.domain.types import Status
from kpi_desktop.services.review.action_list import ActionItem, ActionState
from kpi_desktop.ui.theme import STATUS_COLORS

AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS = (
    QT_TRANSLATE_NOOP("ActionsModel", "Action"),
    QT_TRANSLATE_NOOP("ActionsModel", "For"),
    QT_TRANSLATE_NOOP("ActionsModel", "Owner"),
    QT_TRANSLATE_NOOP("ActionsModel", "Due"),
    QT_TRANSLATE_NOOP("ActionsModel", "State"),
    QT_TRANSLATE_NOOP("ActionsModel", "From review"),
)
TITLE, ABOUT, OWNER, DUE, STATE, REVIEW = range(len(HEADERS))
_LATE = QColor(STATUS_COLORS[Status.OFF_TRACK]).darker(115)


def day_text(d: dt.date | None) -> str:
    """ "8 Nov 2026" ("" for None)."""
    return "" if d is None else format_date(d)


class ActionsModel(QAbstractTableModel):
    """Rows of :class:`ActionItem`, set whole with :meth:`set_items`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[ActionItem] = []
        self.today = dt.date.today()
        self._strike = QFont()
        self._strike.setStrikeOut(True)

    def set_items(self, items: list[ActionItem], today: dt.date) -> None:
        self.beginResetModel()
        self.items, self.today = items, today
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item, col = self.items[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, col)
        if role == Qt.ItemDataRole.ForegroundRole and item.state == ActionState.OVERDUE:
            return _LATE if col in (DUE, STATE) else None
        if role == Qt.ItemDataRole.FontRole and col == TITLE and item.done:
            return self._strike
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        return None

    def _text(self, item: ActionItem, col: int) -> str:
        if col == TITLE:
            return item.title
        if col == ABOUT:
            if item.kpi:
                return item.kpi
            return self.tr("Goal: {0}").format(item.goal) if item.goal else self.tr("—")
        if col == OWNER:
            return item.owner or self.tr("nobody yet")
        if col == DUE:
            return day_text(item.due_date) or self.tr("no date")
        if col == STATE:
            if item.state == ActionState.OVERDUE:
                days = item.days_overdue(self.today)
                return (
                    self.tr("Overdue, 1 day")
                    if days == 1
                    else self.tr("Overdue, {0} days").format(days)
                )
            if item.state == ActionState.DONE and item.done_date:
                return self.tr("Done {0}").format(day_text(item.done_date))
            return item.state.label
        if col == REVIEW:
            return item.review or ""
        return ""

    def item_at(self, row: int) -> ActionItem | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def row_of(self, action_id: int) -> int:
        return next((r for r, item in enumerate(self.items) if item.id == action_id), -1)

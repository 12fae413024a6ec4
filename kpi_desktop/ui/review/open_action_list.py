"""A list of open corrective actions, each with a box to tick when it is done.

The review shows it twice: every open action on the *Earlier actions* page, and on each
KPI's page the ones about that KPI (or its goal). Both follow one set of ticks, the
review's :attr:`~kpi_desktop.services.review.flow.ReviewInput.done`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from kpi_desktop.services.review.flow import OpenAction
from kpi_desktop.ui.review.labels import ERROR_COLOR, action_line


def one_line_per_row(widget: QListWidget) -> None:
    """Make ``widget`` a small list: long lines end in "…", no side scrolling."""
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    widget.setUniformItemSizes(True)


class OpenActionList(QListWidget):
    """Open actions to tick done; overdue ones in red. ``one_line`` writes each on one line
    (cut with "…", the whole text as tooltip) for a small list."""

    done_toggled = Signal(int, bool)  # action id, ticked

    def __init__(self, *, one_line: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._one_line = one_line
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        if one_line:
            one_line_per_row(self)
        else:
            self.setWordWrap(True)
            self.setSpacing(2)
        self.itemChanged.connect(
            lambda item: self.done_toggled.emit(
                int(item.data(Qt.ItemDataRole.UserRole)),
                item.checkState() == Qt.CheckState.Checked,
            )
        )

    def show_actions(self, actions: Sequence[OpenAction], on: dt.date, done: set[int]) -> None:
        """List ``actions`` as they stand on the date ``on``, those in ``done`` ticked."""
        self.blockSignals(True)
        self.clear()
        for action in actions:
            text = action_line(action, on)
            item = QListWidgetItem(text.replace("\n", " — ") if self._one_line else text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setData(Qt.ItemDataRole.UserRole, action.action_id)
            if self._one_line:
                item.setToolTip(item.text())
            if action.is_overdue(on):
                item.setForeground(QColor(ERROR_COLOR))
            self.addItem(item)
        self.blockSignals(False)
        self.sync(done)

    def sync(self, done: set[int]) -> None:
        """Tick the actions in ``done``, untick the others (without ``done_toggled``)."""
        self.blockSignals(True)
        for row in range(self.count()):
            item = self.item(row)
            on = int(item.data(Qt.ItemDataRole.UserRole)) in done
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.blockSignals(False)


__all__ = ["OpenActionList", "one_line_per_row"]

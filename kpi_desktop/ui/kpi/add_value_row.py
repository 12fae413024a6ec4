"""The one-line Add value form above the values table (Enter saves and moves on)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QDate,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from kpi_desktop.domain.types import Frequency


class AddValueRow(QFrame):
    """A one-line form above the table: period, value, note, Save. Enter saves and moves on
    to the next period; Escape closes it."""

    save_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addValueRow")
        self.setStyleSheet(
            "QFrame#addValueRow { background: palette(alternate-base); "
            "border: 1px solid palette(mid); border-radius: 4px; }"
        )
        self.date_edit = QDateEdit(self)
        self.date_edit.setToolTip(self.tr("The period of the new value"))
        self.period_hint = QLabel(self)
        self.period_hint.setObjectName("periodHint")
        self.value_edit = QLineEdit(self)
        self.value_edit.setPlaceholderText(self.tr("Value"))
        self.value_edit.setToolTip(
            self.tr("Written as you like: 1234.5, 1,234.5, 1.234,5, €1,200 or 12%")
        )
        self.value_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.value_edit.setMinimumWidth(120)
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(self.tr("Note (optional)"))
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setToolTip(self.tr("Save this value (Enter) and go to the next period"))
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Close (Esc)"))
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 4, 4)
        row.setSpacing(6)
        row.addWidget(QLabel(self.tr("New value for"), self))
        row.addWidget(self.date_edit)
        row.addWidget(self.period_hint)
        row.addWidget(self.value_edit, 1)
        row.addWidget(self.note_edit, 2)
        row.addWidget(self.save_button)
        row.addWidget(close)
        self.value_edit.returnPressed.connect(self.save_requested)
        self.note_edit.returnPressed.connect(self.save_requested)
        self.save_button.clicked.connect(self.save_requested)
        close.clicked.connect(self.close_form)
        escape = QAction(self.tr("Close the new value row"), self)  # (in Help > Keyboard shortcuts)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.close_form)
        self.addAction(escape)
        self.hide()

    def set_frequency(self, frequency: Frequency) -> None:
        self.date_edit.setDisplayFormat(
            {
                Frequency.DAILY: "yyyy-MM-dd",
                Frequency.WEEKLY: "yyyy-MM-dd",
                Frequency.MONTHLY: "MMM yyyy",
                Frequency.QUARTERLY: "MMM yyyy",
                Frequency.YEARLY: "yyyy",
            }[frequency]
        )
        self.date_edit.setCalendarPopup(frequency in (Frequency.DAILY, Frequency.WEEKLY))

    def date(self) -> dt.date:
        when = self.date_edit.date().toPython()
        assert isinstance(when, dt.date)
        return when

    def set_date(self, when: dt.date) -> None:
        self.date_edit.setDate(QDate(when.year, when.month, when.day))

    def close_form(self) -> None:
        self.hide()
        self.closed.emit()

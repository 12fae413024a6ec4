"""Revise target…: a new target for a KPI from a date on, with the reason; the old plan
stays in force on the dates before, so past statuses do not change (services.revisions)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.formatting import format_date, format_value, parse_typed
from kpi_desktop.domain.periods import period_start
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.planning.records import TargetRecord
from kpi_desktop.ui.commands import RevisePlan
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.widgets.field_messages import FieldMessage, WrappedLabel, hint_label


def date_edit(value: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    return edit


class ReviseTargetDialog(QDialog):
    """Asks for the new target, its date, from when it applies and why. OK pushes one
    undoable :class:`RevisePlan`; a refused revision keeps the dialog open with the reason."""

    def __init__(
        self, document: Document, kpi: TargetRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        assert kpi.id is not None
        self._doc, self._kpi_id = document, kpi.id
        self.setWindowTitle(self.tr("Revise target: %1").replace("%1", kpi.name))
        fmt = format_value
        old = (
            fmt(kpi.target_value, kpi.unit, kpi.decimals, kpi.unit_kind, kpi.currency_symbol)
            if kpi.target_value is not None
            else self.tr("none")
        )
        when = format_date(kpi.target_date) if kpi.target_date else "?"
        intro = WrappedLabel(
            self.tr(
                "The current plan (target %1 by %2) stays in force on the dates before the "
                "new one applies, so the statuses it gave do not change. The chart shows "
                "both plans."
            )
            .replace("%1", old)
            .replace("%2", when)
        )
        today = document.as_of
        self.target = QLineEdit("" if kpi.target_value is None else f"{kpi.target_value:g}")
        self.target_date = date_edit(kpi.target_date or today.replace(month=12, day=31))
        fiscal = document.fiscal
        self.in_force_from = date_edit(period_start(today, Frequency(kpi.frequency), fiscal=fiscal))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. the second shop opens in September"))
        self.reason.setMaxLength(500)
        self.message = FieldMessage()
        form = QFormLayout()
        form.addRow(self.tr("New &target:"), self.target)
        form.addRow(self.tr("Target &date:"), self.target_date)
        form.addRow(self.tr("Applies &from:"), self.in_force_from)
        form.addRow("", hint_label(self.tr("The first day the new target counts.")))
        form.addRow(self.tr("&Reason:"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Revise"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(form)
        box.addWidget(self.message)
        box.addWidget(buttons)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        try:
            value = parse_typed(self.target.text())
        except ValueError:
            self.message.set_message(self.tr("The new target must be a number"))
            self.target.setFocus()
            return
        command = RevisePlan(
            self._doc,
            self._kpi_id,
            self.in_force_from.date().toPython(),  # type: ignore[arg-type]
            reason=self.reason.text(),
            target_value=value,
            target_date=self.target_date.date().toPython(),
        )
        error = self._doc.push(command)
        if error is not None:
            self.message.set_message(error.message)
            return
        super().accept()

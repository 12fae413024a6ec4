"""File > Stale values…: the grace a value has after its period ends before its KPI is
marked stale (a setting of the workspace, so everybody who opens it sees the same)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from kpi_desktop.domain.due import MAX_GRACE_DAYS
from kpi_desktop.ui.widgets.form_fields import WrappedLabel, make_spin


class StaleGraceDialog(QDialog):
    def __init__(self, days: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stale values"))
        intro = WrappedLabel(
            self.tr(
                "A KPI is marked stale when its latest value is older than one period "
                "plus this grace: with 10 days, a monthly KPI whose latest value is "
                "October's is stale from 11 December."
            )
        )
        self.days = make_spin(0, MAX_GRACE_DAYS, suffix=self.tr(" days"))
        self.days.setValue(days)
        form = QFormLayout()
        form.addRow(QLabel(self.tr("&Grace after a period ends:")), self.days)
        form.labelForField(self.days).setBuddy(self.days)  # type: ignore[union-attr]
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(form)
        box.addWidget(buttons)
        self.setMinimumWidth(420)

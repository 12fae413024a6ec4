"""File > Stale values…: the grace a value has after its period ends before its KPI is
marked stale (a setting of the workspace, so everybody who opens it sees the same); and the
small dialog every such workspace setting is edited in."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from kpi_desktop.domain.due import MAX_GRACE_DAYS
from kpi_desktop.ui.widgets.form_fields import WrappedLabel, make_spin


class SettingDialog(QDialog):
    """One workspace setting: what it means, its field with a label, OK and Cancel."""

    def lay_out(
        self, title: str, intro: str, label: str, field: QWidget, below: QWidget | None = None
    ) -> None:
        self.setWindowTitle(title)
        form = QFormLayout()
        form.addRow(QLabel(label), field)
        form.labelForField(field).setBuddy(field)  # type: ignore[union-attr]
        if below is not None:
            form.addRow("", below)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(WrappedLabel(intro))
        box.addLayout(form)
        box.addWidget(buttons)
        self.setMinimumWidth(440)


class StaleGraceDialog(SettingDialog):
    def __init__(self, days: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days = make_spin(0, MAX_GRACE_DAYS, suffix=self.tr(" days"))
        self.days.setValue(days)
        self.lay_out(
            self.tr("Stale values"),
            self.tr(
                "A KPI is marked stale when its latest value is older than one period "
                "plus this grace: with 10 days, a monthly KPI whose latest value is "
                "October's is stale from 11 December."
            ),
            self.tr("&Grace after a period ends:"),
            self.days,
        )

"""What if: a calculated KPI's inputs, each with a slider and a field ("+5%", "-3%", or a
value), and at once the value, status and the date the target would be reached. Nothing
is stored; "Make it the target…" opens Revise target with the value found."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.formulas.what_if import Change, parse_change
from kpi_desktop.domain.periods import period_label
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.calculated.what_if import WhatIf, what_if
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.widgets.form_fields import WrappedLabel

_WORDS = {
    "on_track": "on track",
    "at_risk": "at risk",
    "off_track": "off track",
    "achieved": "achieved",
    "no_data": "no data",
}


class WhatIfPanel(QDialog):
    """Not modal: the owner plays with the inputs while the window stays usable."""

    def __init__(self, document: Document, kpi_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc, self._kpi_id = document, kpi_id
        self.kpi = document.workspace.kpis.get(kpi_id)
        self.setWindowTitle(self.tr("What if: %1").replace("%1", self.kpi.name))
        self.result: WhatIf = what_if(document.workspace, kpi_id, {}, document.as_of)
        freq = Frequency(self.kpi.frequency)
        intro = WrappedLabel(
            self.tr(
                "%1 is calculated as %2. Change its inputs for %3 and see what it gives; "
                "nothing is stored."
            )
            .replace("%1", self.kpi.name)
            .replace("%2", self.kpi.calculation)
            .replace("%3", period_label(self.result.period, freq))
        )
        grid = QGridLayout()
        self.fields: dict[str, QLineEdit] = {}
        self.sliders: dict[str, QSlider] = {}
        for row, item in enumerate(self.result.inputs):
            grid.addWidget(QLabel(item.name), row, 0)
            grid.addWidget(QLabel(format_value(item.value, item.unit, 2, "custom", "")), row, 1)
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(-50, 50)
            slider.setToolTip(self.tr("Change by a share of the stored value"))
            field = QLineEdit()
            field.setPlaceholderText(self.tr("+5%, -3% or a value"))
            field.setMaximumWidth(130)
            slider.valueChanged.connect(lambda v, f=field: f.setText(f"{v:+d}%" if v else ""))
            field.textChanged.connect(self.recalculate)
            grid.addWidget(slider, row, 2)
            grid.addWidget(field, row, 3)
            self.fields[item.name], self.sliders[item.name] = field, slider
        grid.setColumnStretch(2, 1)
        self.outcome = WrappedLabel()
        self.outcome.setObjectName("whatIfOutcome")
        self.outcome.setTextFormat(Qt.TextFormat.RichText)
        self.message = WrappedLabel()
        self.message.setStyleSheet("color: #B3261E;")
        self.target_button = QPushButton(self.tr("Make it the target…"))
        self.target_button.setToolTip(
            self.tr("Revise the target to the value found (one undoable step)")
        )
        self.target_button.clicked.connect(self.make_target)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.target_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.outcome)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.recalculate()

    def changes(self) -> dict[str, Change]:
        """The changes typed so far (ValueError naming the input with an unreadable one)."""
        out = {}
        for name, field in self.fields.items():
            if field.text().strip():
                try:
                    out[name] = parse_change(field.text())
                except ValueError as exc:
                    raise ValueError(f"{name}: {exc}") from None
        return out

    def recalculate(self) -> None:
        try:
            changes = self.changes()
            self.result = what_if(self._doc.workspace, self._kpi_id, changes, self._doc.as_of)
        except (ValueError, KpiDesktopError) as exc:
            self.message.setText(str(exc))
            return
        self.message.setText("")
        self.outcome.setText(self.outcome_text())
        self.target_button.setEnabled(self.result.what_if_value is not None)

    def outcome_text(self) -> str:
        r, k = self.result, self.kpi

        def fmt(v: float | None) -> str:
            return format_value(v, k.unit, k.decimals, k.unit_kind, k.currency_symbol)

        if r.what_if_value is None:
            return self.tr("These inputs give no value (a division by zero).")
        lines = [
            self.tr("Value: %1 → <b>%2</b>")
            .replace("%1", fmt(r.value))
            .replace("%2", fmt(r.what_if_value)),
            self.tr("Status: %1 → <b>%2</b>")
            .replace("%1", _WORDS[r.status.value])
            .replace("%2", _WORDS[r.what_if_status.value]),
        ]
        if r.target is not None:
            freq = Frequency(k.frequency)
            when = (
                self.tr("reached in %1 at the recent trend").replace(
                    "%1", period_label(r.reached_on, freq)
                )
                if r.reached_on
                else self.tr("not reached at the recent trend")
            )
            lines.append(self.tr("Target %1: %2").replace("%1", fmt(r.target)).replace("%2", when))
        return "<br>".join(lines)

    def make_target(self) -> QDialog | None:
        """Open Revise target… with the what-if value as the new target."""
        if self.result.what_if_value is None:
            return None
        from kpi_desktop.ui.kpi.revise_target_dialog import ReviseTargetDialog

        dialog = ReviseTargetDialog(self._doc, self._doc.workspace.kpis.get(self._kpi_id), self)
        dialog.target.setText(f"{self.result.what_if_value:.{max(self.kpi.decimals, 2)}f}")
        dialog.reason.setText(self.tr("What if: %1").replace("%1", self._changes_text()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _changes_text(self) -> str:
        return ", ".join(f"{i.name} {i.change}" for i in self.result.inputs if i.change)

"""The Quantify page's "calculated from other KPIs" option: a formula over the
workspace's KPIs and a live preview of the values it gives (nothing is stored)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit, QVBoxLayout, QWidget

from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.periods import period_label
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.calculated.reading import Preview, preview
from kpi_desktop.ui.widgets.form_fields import WrappedLabel

#: What the preview needs of the page: name, frequency, unit, unit kind, decimals, symbol.
Describe = Callable[[], dict[str, Any]]


class CalculatedBox(QWidget):
    """A check box, the formula and the last values it gives, under the Formula row."""

    changed = Signal()

    def __init__(self, workspace: Any, describe: Describe, kpi_id: int | None = None) -> None:
        super().__init__()
        self._ws = workspace
        self._describe = describe
        self._kpi_id = kpi_id
        self.last: Preview = Preview()
        self._refreshing = False
        self.enabled = QCheckBox(self.tr("Calculated from other KPIs"))
        self.enabled.setToolTip(
            self.tr("Its values are worked out from other KPIs for every period, never typed")
        )
        self.formula = QLineEdit()
        self.formula.setPlaceholderText(self.tr("e.g. [Gross profit] / [Monthly revenue] * 100"))
        self.formula.setToolTip(
            self.tr(
                "KPI names in square brackets; + - * / ( ), numbers, sum( ), avg( ), "
                "min( ), max( ) and prev([KPI]) for its value in the period before"
            )
        )
        self.preview_label = WrappedLabel()
        self.preview_label.setObjectName("calculationPreview")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.formula)
        layout.addWidget(self.preview_label)
        self._timer = QTimer(self)  # a preview reads the workspace: not on every key
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.enabled.toggled.connect(self._on_toggled)
        self.formula.textChanged.connect(self._timer.start)
        self._on_toggled(False)

    @property
    def calculation(self) -> str:
        return self.formula.text().strip() if self.enabled.isChecked() else ""

    def set_calculation(self, text: str) -> None:
        self.enabled.setChecked(bool(text))
        self.formula.setText(text)
        self.refresh()

    def problem(self, final: bool) -> str | None:
        """Why the formula cannot be saved (checked afresh when ``final``), or None."""
        if not self.enabled.isChecked() or self._ws is None:
            return None
        if final:
            self.refresh()
        return self.last.problem or None

    def _on_toggled(self, on: bool) -> None:
        self.formula.setVisible(on)
        self.preview_label.setVisible(on)
        self.refresh()

    def refresh(self) -> None:
        """Check the formula and show its last values (or what is wrong with it)."""
        self._timer.stop()
        if self._refreshing:
            return
        self._refreshing = True
        try:
            self._refresh()
        finally:
            self._refreshing = False

    def _refresh(self) -> None:
        if not self.enabled.isChecked() or self._ws is None:
            self.last = Preview()
            self.changed.emit()
            return
        text = self.formula.text().strip()
        f = self._describe()
        if not text:
            self.last = Preview(problem=self.tr("Write the formula, e.g. [Sales] / [Orders]."))
        else:
            self.last = preview(
                self._ws,
                text,
                name=str(f.get("name") or ""),
                frequency=str(f.get("frequency") or "monthly"),
                unit=str(f.get("unit") or ""),
                kpi_id=self._kpi_id,
            )
        self.preview_label.setText(self._preview_text(f))
        self.changed.emit()

    def _preview_text(self, f: dict[str, Any]) -> str:
        if self.last.problem:
            return self.last.problem
        if not self.last.values:
            return self.tr("From %1: no period has a value of every input yet.").replace(
                "%1", ", ".join(self.last.inputs)
            )
        freq = Frequency(str(f.get("frequency") or "monthly"))

        def shown(value: float) -> str:
            return format_value(
                value,
                str(f.get("unit") or ""),
                int(f.get("decimals") or 0),
                str(f.get("unit_kind") or "custom"),
                str(f.get("currency_symbol") or ""),
            )

        listed = ", ".join(f"{period_label(p, freq)} {shown(v)}" for p, v in self.last.values)
        text = self.tr("Last values: %1").replace("%1", listed)
        if self.last.gaps:
            day, why = self.last.gaps[-1]
            text += " · " + self.tr("no value for %1: %2").replace(
                "%1", period_label(day, freq)
            ).replace("%2", why)
        return text

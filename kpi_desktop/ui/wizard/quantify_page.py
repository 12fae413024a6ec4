"""Quantify: name, unit, direction, how a period's value is made, frequency, formula,
data source and owner, with a live sentence that reads the definition back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kpi_desktop.domain.formatting import format_number, parse_typed
from kpi_desktop.domain.types import Aggregation, Direction, Frequency, UnitKind
from kpi_desktop.services.naming import normalise
from kpi_desktop.ui.widgets.form_fields import (
    FieldMessage,
    WrappedLabel,
    make_combo,
    make_form,
    make_spin,
)
from kpi_desktop.ui.wizard.calculated_box import CalculatedBox
from kpi_desktop.ui.wizard.draft import DraftPage, KpiDraft

_FREQUENCY_WORDS = {
    "daily": QT_TRANSLATE_NOOP("QuantifyPage", "every day"),
    "weekly": QT_TRANSLATE_NOOP("QuantifyPage", "every week"),
    "monthly": QT_TRANSLATE_NOOP("QuantifyPage", "every month"),
    "quarterly": QT_TRANSLATE_NOOP("QuantifyPage", "every quarter"),
    "yearly": QT_TRANSLATE_NOOP("QuantifyPage", "every year"),
}
_DIRECTION_WORDS = {
    "increase": QT_TRANSLATE_NOOP("QuantifyPage", "higher is better"),
    "decrease": QT_TRANSLATE_NOOP("QuantifyPage", "lower is better"),
}


def _line(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    return edit


def describe(fields: dict[str, object]) -> str:
    """The definition read back in one sentence: "Monthly sales in EUR, higher is better,
    measured every month from the till report, owned by Sam."."""
    translate = QCoreApplication.translate
    name = str(fields.get("name") or "").strip() or translate("QuantifyPage", "This KPI")
    unit = str(fields.get("unit") or "").strip()
    parts = [
        translate("QuantifyPage", "{0} in {1}").format(name, unit)
        if unit
        else translate("QuantifyPage", "{0} (no unit yet)").format(name)
    ]
    direction = str(fields.get("direction") or "increase")
    if direction == "range":
        lo, hi = fields.get("range_low"), fields.get("range_high")
        if isinstance(lo, float) and isinstance(hi, float):
            between = translate("QuantifyPage", "best kept between {0} and {1}")
            parts.append(
                between.format(
                    format_number(lo, 6).rstrip("0").rstrip(",."),
                    format_number(hi, 6).rstrip("0").rstrip(",."),
                )
            )
        else:
            parts.append(translate("QuantifyPage", "best kept within a range"))
    else:
        parts.append(translate("QuantifyPage", _DIRECTION_WORDS.get(direction, direction)))
    every = translate("QuantifyPage", _FREQUENCY_WORDS.get(str(fields.get("frequency")), ""))
    measured = translate("QuantifyPage", "measured {0}").format(every).rstrip()
    source = str(fields.get("data_source") or "").strip()
    measured += (
        translate("QuantifyPage", " from {0}").format(_lower_first(source))
        if source
        else translate("QuantifyPage", " (source not given)")
    )
    parts.append(measured)
    owner = str(fields.get("owner") or "").strip()
    parts.append(
        translate("QuantifyPage", "owned by {0}").format(owner)
        if owner
        else translate("QuantifyPage", "no owner yet")
    )
    return ", ".join(parts) + "."


def _lower_first(text: str) -> str:
    """Fit a data source into the sentence: "Till (point of sale) report" -> "till (point
    of sale) report", but "Google Analytics" and "BLS release" stay as they are."""
    words = text.split()
    first = words[0]
    next_capital = len(words) > 1 and words[1][:1].isupper()
    if first[:1].isupper() and first[1:].islower() and not next_capital:
        return text[0].lower() + text[1:]
    return text


class QuantifyPage(DraftPage):
    def __init__(
        self,
        draft: KpiDraft,
        names_in_goal: Callable[[int | None], list[str]],
        currency: tuple[str, str],
        workspace: Any = None,
        kpi_id: int | None = None,
    ) -> None:
        super().__init__(draft)
        self._workspace, self._kpi_id = workspace, kpi_id
        self._names_in_goal = names_in_goal
        self._currency = currency
        self.setTitle(self.tr("Quantify: how exactly is it measured?"))
        self.setSubTitle(
            self.tr(
                "Say what is counted, in which unit, how often and from where, so that "
                "anyone would get the same number."
            )
        )
        self._build()

    def _build(self) -> None:
        self.name = _line(self.tr("e.g. Monthly sales"))
        self.description = _line(self.tr("What exactly is counted, and what is left out"))
        self.unit_kind = make_combo(
            [
                (UnitKind.CURRENCY.value, self.tr("Money")),
                (UnitKind.PERCENT.value, self.tr("Percentage")),
                (UnitKind.COUNT.value, self.tr("Count")),
                (UnitKind.DURATION.value, self.tr("Duration")),
                (UnitKind.RATIO.value, self.tr("Ratio")),
                (UnitKind.CUSTOM.value, self.tr("Other")),
            ]
        )
        self.unit = _line(self.tr("e.g. EUR, %, orders"))
        self.symbol = _line(self.tr("e.g. €"))
        self.symbol.setMaxLength(8)
        self.symbol.setMaximumWidth(70)
        self.symbol_label = QLabel(self.tr("Symbol:"))
        unit_row = QHBoxLayout()
        unit_row.setContentsMargins(0, 0, 0, 0)
        unit_row.addWidget(self.unit_kind, 2)
        unit_row.addWidget(self.unit, 2)
        unit_row.addWidget(self.symbol_label)
        unit_row.addWidget(self.symbol, 1)
        self.decimals = make_spin(0, 6)
        self.decimals.setMaximumWidth(90)
        self.direction = make_combo(
            [
                (Direction.INCREASE.value, self.tr("Higher is better")),
                (Direction.DECREASE.value, self.tr("Lower is better")),
                (Direction.RANGE.value, self.tr("Keep within a range")),
            ]
        )
        self.range_low = _line(self.tr("lowest good value"))
        self.range_high = _line(self.tr("highest good value"))
        self.range_widget = QWidget()
        range_row = QHBoxLayout(self.range_widget)
        range_row.setContentsMargins(0, 0, 0, 0)
        range_row.addWidget(QLabel(self.tr("from")))
        range_row.addWidget(self.range_low, 1)
        range_row.addWidget(QLabel(self.tr("to")))
        range_row.addWidget(self.range_high, 1)
        self.aggregation = make_combo(
            [
                (Aggregation.SUM.value, self.tr("Add up everything in the period")),
                (Aggregation.AVERAGE.value, self.tr("Average over the period")),
                (Aggregation.LAST.value, self.tr("Last value in the period")),
            ]
        )
        self.frequency = make_combo(
            [
                (Frequency.DAILY.value, self.tr("Every day")),
                (Frequency.WEEKLY.value, self.tr("Every week")),
                (Frequency.MONTHLY.value, self.tr("Every month")),
                (Frequency.QUARTERLY.value, self.tr("Every quarter")),
                (Frequency.YEARLY.value, self.tr("Every year")),
            ]
        )
        self.formula = _line(self.tr("e.g. orders ÷ visits × 100"))
        self.calculated = CalculatedBox(
            self._workspace, lambda: self.values(lenient=True), self._kpi_id
        )
        self.data_source = _line(self.tr("e.g. the till's monthly report"))
        self.owner = _line(self.tr("Who keeps it up to date and acts on it"))

        form = make_form()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("What is counted:"), self.description)
        form.addRow(self.tr("Unit:"), unit_row)
        form.addRow(self.tr("Decimals:"), self.decimals)
        form.addRow(self.tr("Good means:"), self.direction)
        form.addRow(self.tr("Good range:"), self.range_widget)
        form.addRow(self.tr("A period's value:"), self.aggregation)
        form.addRow(self.tr("Measured:"), self.frequency)
        form.addRow(self.tr("Formula:"), self.formula)
        form.addRow(self.tr("Values:"), self.calculated)
        form.addRow(self.tr("Data source:"), self.data_source)
        form.addRow(self.tr("Owner:"), self.owner)
        self._form = form

        self.sentence = WrappedLabel()
        self.sentence.setObjectName("definitionSentence")
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame_layout = QVBoxLayout(frame)
        frame_layout.setContentsMargins(8, 6, 8, 6)
        heading = QLabel(self.tr("In one sentence:"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        frame_layout.addWidget(heading)
        frame_layout.addWidget(self.sentence)
        self.message = FieldMessage()

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(frame)
        layout.addWidget(self.message)
        layout.addStretch(1)

        for edit in (
            self.name,
            self.description,
            self.unit,
            self.symbol,
            self.range_low,
            self.range_high,
            self.formula,
            self.data_source,
            self.owner,
        ):
            edit.textChanged.connect(self.changed)
        for combo in (self.direction, self.aggregation, self.frequency):
            combo.currentIndexChanged.connect(self.changed)
        self.unit_kind.currentIndexChanged.connect(self._on_unit_kind_changed)
        self.decimals.valueChanged.connect(self.changed)
        self.calculated.changed.connect(super().changed)
        self._update_visibility()

    # -- reacting ---------------------------------------------------------------------------

    def _on_unit_kind_changed(self) -> None:
        kind = self.unit_kind.currentData()
        if kind == UnitKind.CURRENCY.value:
            if not self.unit.text().strip():
                self.unit.setText(self._currency[0])
            if not self.symbol.text().strip():
                self.symbol.setText(self._currency[1])
        elif kind == UnitKind.PERCENT.value and not self.unit.text().strip():
            self.unit.setText("%")
        self.changed()

    def _update_visibility(self) -> None:
        money = self.unit_kind.currentData() == UnitKind.CURRENCY.value
        self.symbol.setVisible(money)
        self.symbol_label.setVisible(money)
        is_range = self.direction.currentData() == Direction.RANGE.value
        self._form.setRowVisible(self.range_widget, is_range)

    def changed(self) -> None:
        self._update_visibility()
        self.sentence.setText(describe(self.values(lenient=True)))
        super().changed()

    # -- values ------------------------------------------------------------------------------

    def _range_value(self, edit: QLineEdit) -> float | None:
        text = edit.text().strip()
        return parse_typed(text) if text else None

    def values(self, lenient: bool = False) -> dict[str, object]:
        """This page's KPI fields (``lenient``: unreadable numbers become None)."""
        out: dict[str, object] = {
            "name": " ".join(self.name.text().split()),
            "description": self.description.text().strip(),
            "unit_kind": self.unit_kind.currentData(),
            "unit": self.unit.text().strip(),
            "currency_symbol": self.symbol.text().strip()
            if self.unit_kind.currentData() == UnitKind.CURRENCY.value
            else "",
            "decimals": self.decimals.value(),
            "direction": self.direction.currentData(),
            "aggregation": self.aggregation.currentData(),
            "frequency": self.frequency.currentData(),
            "formula": self.formula.text().strip(),
            "calculation": self.calculated.calculation,
            "data_source": self.data_source.text().strip(),
            "owner": self.owner.text().strip(),
            "range_low": None,
            "range_high": None,
        }
        if out["direction"] == Direction.RANGE.value:
            for key, edit in (("range_low", self.range_low), ("range_high", self.range_high)):
                try:
                    out[key] = self._range_value(edit)
                except ValueError:
                    if not lenient:
                        raise
        return out

    # -- DraftPage ---------------------------------------------------------------------------

    def load(self) -> None:
        f = self.draft.fields
        self.name.setText(str(f.get("name") or ""))
        self.description.setText(str(f.get("description") or ""))
        self._select(self.unit_kind, f.get("unit_kind"))
        self.unit.setText(str(f.get("unit") or ""))
        self.symbol.setText(str(f.get("currency_symbol") or ""))
        self.decimals.setValue(int(f.get("decimals") or 0))
        self._select(self.direction, f.get("direction"))
        for key, edit in (("range_low", self.range_low), ("range_high", self.range_high)):
            value = f.get(key)
            edit.setText("" if value is None else f"{value:g}")
        self._select(self.aggregation, f.get("aggregation"))
        self._select(self.frequency, f.get("frequency"))
        self.formula.setText(str(f.get("formula") or ""))
        self.calculated.set_calculation(str(f.get("calculation") or ""))
        self.data_source.setText(str(f.get("data_source") or ""))
        self.owner.setText(str(f.get("owner") or ""))
        self.changed()

    @staticmethod
    def _select(combo: object, value: object) -> None:
        index = combo.findData(value)  # type: ignore[attr-defined]
        if index >= 0:
            combo.setCurrentIndex(index)  # type: ignore[attr-defined]

    def entered(self) -> None:
        self.changed()

    def save(self) -> None:
        self.draft.fields.update(self.values())

    def problem(self, final: bool) -> str | None:
        name = " ".join(self.name.text().split())
        if not name:
            return self.tr("Give the KPI a name.")
        taken = {normalise(n): n for n in self._names_in_goal(self.draft.goal_id)}
        if not self.draft.new_goal_title and normalise(name) in taken:
            return self.tr(
                'This objective already has a KPI called "%1": choose another name.'
            ).replace("%1", taken[normalise(name)])
        if self.direction.currentData() == Direction.RANGE.value:
            try:
                lo = self._range_value(self.range_low)
                hi = self._range_value(self.range_high)
            except ValueError:
                return self.tr("The range limits must be numbers, for example 40000 and 60000.")
            if lo is None or hi is None:
                return self.tr("Give the lowest and the highest good value of the range.")
            if not lo < hi:
                return self.tr("The lowest good value must be below the highest.")
        return self.calculated.problem(final)

    def show_problem(self, problem: str | None) -> None:
        self.message.set_message(problem or "")

"""Input widgets and form helpers the editors and wizards share: an optional date field,
a row of choice buttons, combo and spin boxes built from data, aligned form columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.ui.widgets.field_messages import hint_label


class OptionalDateField(QWidget):
    """A date that may be "not set": a check box turns it on, a calendar pops up to pick it.

    Unticked, the date box is disabled and reads "not set"; ticking it picks the last date
    shown (or today). `date_changed` is emitted for user changes only.
    """

    date_changed = Signal(object)  # dt.date | None

    _NOT_SET = QDate(1900, 1, 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox()
        self.check.setToolTip(self.tr("Tick to set a date, untick to clear it"))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMM yyyy")
        self.date_edit.setMinimumDate(self._NOT_SET)
        self.date_edit.setSpecialValueText(self.tr("not set"))
        self.date_edit.setKeyboardTracking(False)  # typed dates count once editing finishes
        self.date_edit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.date_edit.setMinimumWidth(self.date_edit.sizeHint().width() + 12)
        self._last = QDate.currentDate()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.date_edit)
        layout.addStretch(1)
        self.setFocusProxy(self.date_edit)
        self.check.toggled.connect(self._on_check_toggled)
        self.date_edit.dateChanged.connect(self._on_date_changed)
        self.set_date(None)

    def name_parts(self, label: str) -> None:
        """Name the tick box and the date for screen readers after the field's label."""
        self.setAccessibleName(label)
        self.date_edit.setAccessibleName(label)
        self.check.setAccessibleName(self.tr("{0} is set").format(label))

    def date(self) -> dt.date | None:
        if not self.check.isChecked() or self.date_edit.date() == self._NOT_SET:
            return None
        return self.date_edit.date().toPython()  # type: ignore[no-any-return]

    def set_date(self, value: dt.date | None) -> None:
        """Show `value` without emitting `date_changed`."""
        self.blockSignals(True)
        try:
            self._show(value)
        finally:
            self.blockSignals(False)

    def _show(self, value: dt.date | None) -> None:
        for widget in (self.check, self.date_edit):
            widget.blockSignals(True)
        try:
            self.check.setChecked(value is not None)
            self.date_edit.setEnabled(value is not None)
            if value is None:
                self.date_edit.setDate(self._NOT_SET)
            else:
                self._last = QDate(value.year, value.month, value.day)
                self.date_edit.setDate(self._last)
        finally:
            for widget in (self.check, self.date_edit):
                widget.blockSignals(False)

    def _on_check_toggled(self, checked: bool) -> None:
        if not checked and self.date_edit.date() != self._NOT_SET:
            self._last = self.date_edit.date()
        self._show(self._last.toPython() if checked else None)
        if checked:
            self.date_edit.setFocus()
        self.date_changed.emit(self.date())

    def _on_date_changed(self, value: QDate) -> None:
        if value == self._NOT_SET:  # stepped down to the "not set" sentinel
            self._show(None)
        self.date_changed.emit(self.date())


class ChoiceButtons(QWidget):
    """Radio buttons, each with a plain sentence under it that says what the choice means."""

    value_changed = Signal(object)

    def __init__(
        self, choices: Sequence[tuple[Any, str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._group = QButtonGroup(self)
        self._buttons: list[tuple[Any, QRadioButton]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        style = self.style()
        indent = style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + (
            style.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing)
        )
        for value, text, explanation in choices:
            button = QRadioButton(text)
            self._group.addButton(button)
            self._buttons.append((value, button))
            layout.addWidget(button)
            if explanation:
                sentence = hint_label(explanation)
                sentence.setContentsMargins(indent, 0, 0, 4)
                layout.addWidget(sentence)
        self._group.buttonToggled.connect(self._on_toggled)

    def button(self, value: Any) -> QRadioButton:
        for choice, button in self._buttons:
            if choice == value:
                return button
        raise KeyError(value)

    def value(self) -> Any:
        for choice, button in self._buttons:
            if button.isChecked():
                return choice
        return None

    def set_value(self, value: Any) -> None:
        self._group.blockSignals(True)
        try:
            for choice, button in self._buttons:
                button.setChecked(choice == value)
        finally:
            self._group.blockSignals(False)

    def _on_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self.value_changed.emit(self.value())


# -- bindings: one field each --------------------------------------------------------------


def make_combo(items: Sequence[tuple[Any, str]]) -> QComboBox:
    """A combo box with (stored value, words shown) items that can shrink to a narrow pane."""
    combo = QComboBox()
    for value, text in items:
        combo.addItem(text, value)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


def make_spin(
    minimum: float,
    maximum: float,
    *,
    decimals: int | None = None,
    step: float = 1.0,
    suffix: str = "",
) -> QSpinBox | QDoubleSpinBox:
    """A spin box for a form: whole numbers unless `decimals` is given."""
    spin: QSpinBox | QDoubleSpinBox
    if decimals is None:
        spin = QSpinBox()
        spin.setRange(int(minimum), int(maximum))
        spin.setSingleStep(int(step))
    else:
        spin = QDoubleSpinBox()
        spin.setDecimals(decimals)
        spin.setRange(minimum, maximum)
        spin.setSingleStep(step)
    spin.setSuffix(suffix)
    spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
    spin.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return spin


def align_label_columns(forms: Sequence[QFormLayout]) -> None:
    """Give the label column of several forms (one per group box) the same width, so their
    fields line up down the pane."""
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and item.widget() is not None:
                labels.append(item.widget())
    width = max((label.sizeHint().width() for label in labels), default=0)
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                item.widget().setAlignment(form.labelAlignment())
    for label in labels:
        label.setMinimumWidth(width)


def make_form() -> QFormLayout:
    """A form with trailing-aligned labels and fields that grow with the pane; in a pane
    too narrow for a label and its field side by side, the field goes under its label."""
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form

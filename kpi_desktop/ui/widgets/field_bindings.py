"""Bindings between a form's widget and the value it stands for: read, write, the signal
that says the user changed it, and how a value that is not a value is refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from kpi_desktop.domain.formatting import parse_typed
from kpi_desktop.ui.widgets.field_inputs import ChoiceButtons, OptionalDateField
from kpi_desktop.ui.widgets.field_messages import SAVE_DELAY_MS, FieldInputError, format_number

CommitCallback = Callable[["FieldBinding", bool], None]


class _FocusOutFilter(QObject):
    """Calls back when a widget loses focus (QPlainTextEdit has no editingFinished)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FocusOut:
            self._callback()
        return False


class FieldBinding:
    """One stored field and the widget that edits it.

    `state()` is what the widget shows (raw), `value()` what would be saved (or raises
    FieldInputError), `show(value)` displays a stored value without counting as an edit.
    The form remembers the stored value and the state it last put in the widget, so it knows
    whether the user has changed the field since.
    """

    def __init__(self, name: str, label: str, widget: QWidget) -> None:
        self.name = name
        self.label = label
        self.widget = widget
        self.synced_value: Any = None
        self.synced_state: Any = None
        self._commit: CommitCallback | None = None

    def connect(self, commit: CommitCallback) -> None:
        self._commit = commit

    def _emit_commit(self, finished: bool = True) -> None:
        if self._commit is not None:
            self._commit(self, finished)

    @property
    def border_widget(self) -> QWidget:
        """The widget that gets the red border."""
        return self.widget

    def state(self) -> Any:
        raise NotImplementedError

    def value(self) -> Any:
        return self.state()

    def show(self, value: Any) -> None:
        raise NotImplementedError

    def is_typing(self) -> bool:
        return False

    def stop_typing(self) -> None:
        pass

    def set_enabled(self, enabled: bool) -> None:
        self.widget.setEnabled(enabled)


class TextBinding(FieldBinding):
    """A QLineEdit or QPlainTextEdit: saves after a pause in typing and when editing ends."""

    def __init__(self, name: str, label: str, widget: QLineEdit | QPlainTextEdit) -> None:
        super().__init__(name, label, widget)
        self.edit = widget
        self._timer = QTimer(widget)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(lambda: self._emit_commit(False))
        widget.textChanged.connect(self._on_text_changed)
        if isinstance(widget, QLineEdit):
            widget.editingFinished.connect(self._on_editing_finished)
        else:
            widget.setTabChangesFocus(True)
            self._focus_filter = _FocusOutFilter(widget, self._on_editing_finished)

    def _on_text_changed(self, *_args: object) -> None:
        self._timer.start()

    def _on_editing_finished(self) -> None:
        self._timer.stop()
        self._emit_commit(True)

    def is_typing(self) -> bool:
        return self._timer.isActive()

    def stop_typing(self) -> None:
        self._timer.stop()

    def state(self) -> str:
        if isinstance(self.edit, QLineEdit):
            return self.edit.text()
        return self.edit.toPlainText()

    def format(self, value: Any) -> str:
        return "" if value is None else str(value)

    def show(self, value: Any) -> None:
        text = self.format(value)
        if text == self.state():
            return  # keeps the cursor where it is
        self.edit.blockSignals(True)
        try:
            if isinstance(self.edit, QLineEdit):
                self.edit.setText(text)
            else:
                self.edit.setPlainText(text)
        finally:
            self.edit.blockSignals(False)


class NumberBinding(TextBinding):
    """A number typed as people write it ("1,200", "12.5%", "€300"); blank means not set."""

    def __init__(self, name: str, label: str, widget: QLineEdit) -> None:
        super().__init__(name, label, widget)
        widget.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)

    def value(self) -> float | None:
        text = self.state().strip()
        if not text:
            return None
        try:
            return parse_typed(text)
        except ValueError:
            raise FieldInputError(
                f"{self.label} must be a number, like 1200 or 1,200.50 (got {text!r})"
            ) from None

    def format(self, value: Any) -> str:
        return format_number(value)


class ComboBinding(FieldBinding):
    """A QComboBox whose items carry the stored values as their data."""

    def __init__(self, name: str, label: str, widget: QComboBox) -> None:
        super().__init__(name, label, widget)
        self.combo = widget
        widget.currentIndexChanged.connect(lambda _index: self._emit_commit(True))

    def state(self) -> Any:
        return self.combo.itemData(self.combo.currentIndex())

    def show(self, value: Any) -> None:
        index = next((i for i in range(self.combo.count()) if self.combo.itemData(i) == value), -1)
        self.combo.blockSignals(True)
        try:
            self.combo.setCurrentIndex(index)
        finally:
            self.combo.blockSignals(False)


class SpinBinding(FieldBinding):
    """A spin box; `scale` converts the stored value to what is shown (0.1 -> 10 %)."""

    def __init__(
        self, name: str, label: str, widget: QSpinBox | QDoubleSpinBox, scale: float = 1.0
    ) -> None:
        super().__init__(name, label, widget)
        self.spin = widget
        self.scale = scale
        widget.setKeyboardTracking(False)  # typed numbers count once editing finishes
        widget.valueChanged.connect(lambda _value: self._emit_commit(True))

    def state(self) -> float:
        return self.spin.value()

    def value(self) -> Any:
        if isinstance(self.spin, QSpinBox):
            return int(self.spin.value())
        return round(self.spin.value() / self.scale, self.spin.decimals() + 6)

    def show(self, value: Any) -> None:
        self.spin.blockSignals(True)
        try:
            self.spin.setValue(0 if value is None else value * self.scale)
        finally:
            self.spin.blockSignals(False)


class CheckBinding(FieldBinding):
    def __init__(self, name: str, label: str, widget: QCheckBox) -> None:
        super().__init__(name, label, widget)
        self.check = widget
        widget.toggled.connect(lambda _checked: self._emit_commit(True))

    def state(self) -> bool:
        return self.check.isChecked()

    def show(self, value: Any) -> None:
        self.check.blockSignals(True)
        try:
            self.check.setChecked(bool(value))
        finally:
            self.check.blockSignals(False)


class ChoiceButtonsBinding(FieldBinding):
    def __init__(self, name: str, label: str, widget: ChoiceButtons) -> None:
        super().__init__(name, label, widget)
        self.buttons = widget
        widget.value_changed.connect(lambda _value: self._emit_commit(True))

    def state(self) -> Any:
        return self.buttons.value()

    def show(self, value: Any) -> None:
        self.buttons.set_value(value)


class DateBinding(FieldBinding):
    def __init__(self, name: str, label: str, widget: OptionalDateField) -> None:
        super().__init__(name, label, widget)
        self.field = widget
        widget.date_changed.connect(lambda _value: self._emit_commit(True))

    @property
    def border_widget(self) -> QWidget:
        return self.field.date_edit

    def state(self) -> dt.date | None:
        return self.field.date()

    def show(self, value: Any) -> None:
        self.field.set_date(value)

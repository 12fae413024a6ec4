"""What the goal and KPI editors share: fields that save while the user edits them, inline
messages for refused values, and an optional date field.

An editor builds its widgets, wraps each in a binding (`TextBinding`, `NumberBinding`,
`ComboBinding`, ...) and hands the bindings to an `AutoSaveForm` with two callbacks: `load()`
returns the stored values, `save(fields, label)` pushes an undo command and returns the
refusal, if any. The form then:

- saves a change at once: text after a short pause in typing (so typing in one field makes
  one undo step through the command's merge) and when editing finishes; everything else on
  change;
- shows a refused value's message under the field the service names, with a red border,
  and keeps what the user typed; a value that is not a number is caught before the service;
- keeps values the service refused as *pending* and sends them again with the next change,
  so an edit that needs two fields (a range needs low and high) goes through once both are
  there;
- reloads after an outside change (undo, the wizard) without touching a field the user is
  still editing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
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
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.values import parse_number
from kpi_desktop.services.errors import KpiDesktopError, ValidationError

SAVE_DELAY_MS = 400  # pause in typing after which a text field saves

# A word-wrapped QLabel asks for a wide minimum by default, which widens a narrow pane.
WRAPPED_LABEL_MIN_WIDTH = 80

ERROR_COLOR = "#B3261E"  # message text: a dark red that reads on white
ERROR_BORDER = "#D55E00"  # the off-track vermilion of the theme

# Set on an editor's top widget; a field is marked with the dynamic property "invalid".
# Combo and spin boxes are left out on purpose: a border rule makes Qt draw them without
# their arrows. Their message under them is enough.
INVALID_FIELD_STYLE = f"""
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QDateEdit[invalid="true"] {{
    border: 1px solid {ERROR_BORDER};
    border-radius: 2px;
    padding: 1px;
}}
QLabel#fieldMessage {{ color: {ERROR_COLOR}; }}
QLabel#fieldHint {{ color: palette(placeholder-text); }}
"""

SaveCallback = Callable[[dict[str, Any], str], KpiDesktopError | None]
LoadCallback = Callable[[], dict[str, Any] | None]


class FieldInputError(ValueError):
    """What the user typed is not a value at all (caught before asking the service)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Mark a field for the red border of INVALID_FIELD_STYLE (a dynamic property)."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def format_number(value: float | None) -> str:
    """A stored number as the user reads and retypes it: 1200.0 -> "1,200", 0.25 -> "0.25"."""
    if value is None:
        return ""
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    text = f"{value:,.10f}".rstrip("0").rstrip(".")
    return text if parse_number(text) == value else repr(float(value))


# -- small widgets -------------------------------------------------------------------------


class WrappedLabel(QLabel):
    """A word-wrapped label that fits a narrow pane: it may shrink to a small width, and its
    size hint is its height at the width it has (Qt's own hint is for a guessed width, which
    leaves gaps in a form)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._hint_height = -1

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(WRAPPED_LABEL_MIN_WIDTH, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        width = self.width() if self.width() > WRAPPED_LABEL_MIN_WIDTH else 240
        self._hint_height = self.heightForWidth(width)
        return QSize(WRAPPED_LABEL_MIN_WIDTH, self._hint_height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.heightForWidth(self.width()) != self._hint_height:
            self.updateGeometry()


class FieldMessage(WrappedLabel):
    """The inline message under a field: a warning sign and the reason, in red, wrapping."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("fieldMessage")
        self._message = ""

    def message(self) -> str:
        return self._message

    def set_message(self, message: str) -> None:
        self._message = message
        self.setText(f"\u26a0 {message}" if message else "")


def hint_label(text: str) -> WrappedLabel:
    """A small grey sentence under a field that says what it is for."""
    label = WrappedLabel(text)
    label.setObjectName("fieldHint")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label


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

CommitCallback = Callable[["FieldBinding", bool], None]


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
            return parse_number(text)
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


# -- the form ------------------------------------------------------------------------------


class AutoSaveForm(QObject):
    """The bindings of one editor: saves each change at once and shows refusals inline."""

    values_shown = Signal()  # the widgets were (re)filled or a value was saved

    def __init__(self, load: LoadCallback, save: SaveCallback, parent: QObject | None = None):
        super().__init__(parent)
        self._load = load
        self._save = save
        self._bindings: dict[str, FieldBinding] = {}
        self._messages: dict[str, FieldMessage] = {}
        self._rows: dict[str, tuple[QFormLayout, QWidget, QWidget | None]] = {}
        self.stored: dict[str, Any] = {}
        self._pending: dict[str, Any] = {}  # values the service refused, sent again next time
        self._local: dict[str, str] = {}  # client-side messages ("not a number")
        # refusals by the field whose edit caused them: cause -> (field shown at, message)
        self._refusals: dict[str, tuple[str, str]] = {}
        self._saving = False

    # building

    def add_row(
        self, form: QFormLayout, binding: FieldBinding, label: str | None = None, hint: str = ""
    ) -> FieldBinding:
        """Add `binding` to `form` as a labelled row, with its (hidden) message row under it
        and an optional hint sentence."""
        form.addRow(binding.label + ":" if label is None else label, binding.widget)
        message = FieldMessage()
        row = form.rowCount()
        form.setWidget(row, QFormLayout.ItemRole.FieldRole, message)
        form.setRowVisible(row, False)
        hint_widget = None
        if hint:
            hint_widget = hint_label(hint)
            form.setWidget(row + 1, QFormLayout.ItemRole.FieldRole, hint_widget)
        binding.connect(self._commit)
        self._bindings[binding.name] = binding
        self._messages[binding.name] = message
        self._rows[binding.name] = (form, binding.widget, hint_widget)
        return binding

    def names(self) -> list[str]:
        return list(self._bindings)

    def binding(self, name: str) -> FieldBinding:
        return self._bindings[name]

    def message(self, name: str) -> str:
        return self._messages[name].message()

    def set_row_visible(self, name: str, visible: bool) -> None:
        """Show or hide a field's row with its hint (its message row follows the message)."""
        form, widget, hint = self._rows[name]
        form.setRowVisible(widget, visible)
        if hint is not None:
            form.setRowVisible(hint, visible)
        self._messages[name].setProperty("rowAllowed", visible)
        self._render()

    @property
    def saving(self) -> bool:
        """True while this form's own save is running (its change signals can be ignored)."""
        return self._saving

    # loading

    def load(self) -> bool:
        """Fill every field from the store, dropping unsaved input. False if the object is gone."""
        for binding in self._bindings.values():
            binding.stop_typing()
        self._pending.clear()
        self._local.clear()
        self._refusals.clear()
        stored = self._load()
        if stored is None:
            self.stored = {}
            self._render()
            return False
        self.stored = stored
        for name, binding in self._bindings.items():
            self._show(binding, stored[name])
        self._render()
        self.values_shown.emit()
        return True

    def refresh(self) -> bool:
        """Show what changed in the store; fields the user is editing keep their input.
        False if the object is gone."""
        if self._saving:
            return True
        stored = self._load()
        if stored is None:
            return False
        self.stored = stored
        for name, binding in self._bindings.items():
            if self._is_dirty(binding):
                continue
            if stored[name] != binding.synced_value:
                self._show(binding, stored[name])
        self._render()
        self.values_shown.emit()
        return True

    def _show(self, binding: FieldBinding, value: Any) -> None:
        binding.show(value)
        binding.synced_value = value
        binding.synced_state = binding.state()

    def _is_dirty(self, binding: FieldBinding) -> bool:
        return (
            binding.is_typing()
            or binding.name in self._pending
            or binding.name in self._local
            or binding.state() != binding.synced_state
        )

    # saving

    def flush(self) -> None:
        """Save any field whose typing pause has not run out yet."""
        for binding in self._bindings.values():
            if binding.is_typing():
                self._commit(binding, False)

    def _commit(self, binding: FieldBinding, finished: bool) -> None:
        name = binding.name
        binding.stop_typing()
        unchanged = binding.state() == binding.synced_state
        if unchanged and name not in self._pending and name not in self._local:
            return
        try:
            value = binding.value()
        except FieldInputError as exc:
            self._pending.pop(name, None)
            self._refusals.pop(name, None)
            self._local[name] = exc.message
            self._render()
            return
        self._local.pop(name, None)
        if unchanged:  # back to the stored value: nothing to save for this field
            self._pending.pop(name, None)
            self._refusals.pop(name, None)
            if not self._pending:
                self._refusals.clear()
            self._render()
            return
        self._pending[name] = value
        error = self._push(dict(self._pending), binding)
        saved: list[str] = []
        if error is None:
            saved = list(self._pending)
            self._pending.clear()
            self._refusals.clear()
        else:
            if len(self._pending) > 1:  # maybe only the other waiting values are the trouble
                error = self._push({name: value}, binding)
            if error is None:
                saved = [name]
                del self._pending[name]
                self._refusals.pop(name, None)
            else:
                field = error.field if isinstance(error, ValidationError) else None
                shown_at = field if field in self._bindings else name
                self._refusals[name] = (shown_at, error.message)
        if saved:
            self._after_saved(saved, binding if finished else None)
        self._render()

    def _push(self, fields: dict[str, Any], binding: FieldBinding) -> KpiDesktopError | None:
        label = binding.label if list(fields) == [binding.name] else ""
        self._saving = True
        try:
            return self._save(fields, label)
        finally:
            self._saving = False

    def _after_saved(self, names: list[str], finished: FieldBinding | None) -> None:
        stored = self._load()
        if stored is None:
            return
        self.stored = stored
        for name in names:
            binding = self._bindings[name]
            binding.synced_value = stored[name]
            binding.synced_state = binding.state()
        if finished is not None and not finished.is_typing():
            self._show(finished, stored[finished.name])  # tidy what was typed: "1200" -> "1,200"
        self.refresh()

    # messages

    def _render(self) -> None:
        for name, binding in self._bindings.items():
            text = self._local.get(name, "")
            if not text:
                # the latest refusal shown at this field (dicts keep insertion order)
                at_field = [msg for field, msg in self._refusals.values() if field == name]
                text = at_field[-1] if at_field else ""
            message = self._messages[name]
            message.set_message(text)
            form = self._rows[name][0]
            allowed = message.property("rowAllowed") is not False
            row, _role = form.getWidgetPosition(message)
            form.setRowVisible(row, bool(text) and allowed)
            set_invalid(binding.border_widget, bool(text) or name in self._pending)
            binding.widget.setAccessibleDescription(text)


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
    """A form with trailing-aligned labels and fields that grow with the pane."""
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return form

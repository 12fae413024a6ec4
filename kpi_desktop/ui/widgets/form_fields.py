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

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QWidget,
)

from kpi_desktop.services.errors import KpiDesktopError, ValidationError
from kpi_desktop.services.workspace.edit_conflicts import StaleEdit
from kpi_desktop.ui.widgets.field_bindings import (
    CheckBinding,
    ChoiceButtonsBinding,
    ComboBinding,
    DateBinding,
    FieldBinding,
    NumberBinding,
    SpinBinding,
    TextBinding,
)
from kpi_desktop.ui.widgets.field_inputs import (
    ChoiceButtons,
    OptionalDateField,
    align_label_columns,
    make_combo,
    make_form,
    make_spin,
)
from kpi_desktop.ui.widgets.field_messages import (
    ERROR_BORDER,
    ERROR_COLOR,
    INVALID_FIELD_STYLE,
    SAVE_DELAY_MS,
    WRAPPED_LABEL_MIN_WIDTH,
    FieldInputError,
    FieldMessage,
    LoadCallback,
    SaveCallback,
    WrappedLabel,
    format_number,
    hint_label,
    set_invalid,
)

# The editors import everything from here; the parts live in the three modules above.
__all__ = [
    "AutoSaveForm",
    "CheckBinding",
    "ChoiceButtons",
    "ChoiceButtonsBinding",
    "ComboBinding",
    "DateBinding",
    "ERROR_BORDER",
    "ERROR_COLOR",
    "FieldBinding",
    "FieldInputError",
    "FieldMessage",
    "INVALID_FIELD_STYLE",
    "LoadCallback",
    "NumberBinding",
    "OptionalDateField",
    "SAVE_DELAY_MS",
    "SaveCallback",
    "SpinBinding",
    "TextBinding",
    "WRAPPED_LABEL_MIN_WIDTH",
    "WrappedLabel",
    "align_label_columns",
    "format_number",
    "hint_label",
    "make_combo",
    "make_form",
    "make_spin",
    "set_invalid",
]

# -- the form ------------------------------------------------------------------------------


class AutoSaveForm(QObject):
    """The bindings of one editor: saves each change at once and shows refusals inline."""

    values_shown = Signal()  # the widgets were (re)filled or a value was saved
    stale = Signal(object)  # a StaleEdit: someone else changed the item; the edit is pending

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
        if isinstance(binding.widget, OptionalDateField):
            binding.widget.name_parts(binding.label)
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
                self._refusals[name] = (shown_at, self._refusal_text(error))
                if isinstance(error, StaleEdit):
                    self.stale.emit(error)
        if saved:
            self._after_saved(saved, binding if finished else None)
        self._render()

    def keep_mine(self) -> KpiDesktopError | None:
        """After a conflict: save the values waiting over the other change (read again
        first, so the save is based on the version now stored)."""
        if not self._pending or not self.refresh():
            return None
        names = list(self._pending)
        error = self._push(dict(self._pending), self._bindings[names[0]])
        if error is None:
            self._pending.clear()
            self._refusals.clear()
            self._after_saved(names, None)
        else:
            self._refusals[names[0]] = (names[0], self._refusal_text(error))
            if isinstance(error, StaleEdit):
                self.stale.emit(error)
        self._render()
        return error

    def _refusal_text(self, error: KpiDesktopError) -> str:
        if isinstance(error, StaleEdit):  # the editor's conflict bar says who and what
            return self.tr("Not saved yet: changed elsewhere meanwhile (see above)")
        return error.message

    def set_read_only(self, read_only: bool) -> None:
        """Let every field be edited, or none (a viewer of a team workspace, a damaged file)."""
        for binding in self._bindings.values():
            binding.set_enabled(not read_only)

    def has_pending(self) -> bool:
        """True while a refused value waits to be sent again."""
        return bool(self._pending)

    def take_theirs(self) -> bool:
        """After a conflict: drop this edit and show what is stored now."""
        return self.load()

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

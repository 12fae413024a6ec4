"""Add a note… / Edit note…: what happened, on which date (or over which period), and
whether it is about this KPI or every KPI. Save pushes one undoable step; a refused note
keeps the dialog open with the reason."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.services.review.annotations import MAX_TEXT, Note
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.kpi.revise_target_dialog import date_edit
from kpi_desktop.ui.notes.commands import AddNote, EditNote
from kpi_desktop.ui.widgets.field_messages import FieldMessage, WrappedLabel


def _day(edit: QDate) -> dt.date:
    return dt.date(edit.year(), edit.month(), edit.day())


class NoteDialog(QDialog):
    """A new note on ``kpi_id`` at ``start`` (``note`` None), or ``note`` to edit."""

    def __init__(
        self,
        document: Document,
        kpi_id: int,
        kpi_name: str,
        start: dt.date,
        note: Note | None = None,
        *,
        intro: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._doc, self._kpi_id, self._note = document, kpi_id, note
        self.setWindowTitle(self.tr("Add a note") if note is None else self.tr("Edit note"))
        self.text = QLineEdit("" if note is None else note.text)
        self.text.setMaxLength(MAX_TEXT)
        self.text.setPlaceholderText(self.tr("e.g. new barista started, price rise, road works"))
        self.start = date_edit(note.start if note else start)
        self.until_box = QCheckBox(self.tr("Over a period, until"))
        self.until = date_edit(note.end if note and note.end else start)
        self.until_box.setChecked(bool(note and note.end))
        self.until.setEnabled(self.until_box.isChecked())
        self.until_box.toggled.connect(self.until.setEnabled)
        until_row = QHBoxLayout()
        until_row.addWidget(self.until_box)
        until_row.addWidget(self.until, 1)
        self.this_kpi = QRadioButton(self.tr("%1 only").replace("%1", kpi_name))
        self.every_kpi = QRadioButton(self.tr("Every KPI (the whole workspace)"))
        scope = QButtonGroup(self)
        scope.addButton(self.this_kpi)
        scope.addButton(self.every_kpi)
        (self.every_kpi if note and note.kpi_id is None else self.this_kpi).setChecked(True)
        about = QVBoxLayout()
        about.addWidget(self.this_kpi)
        about.addWidget(self.every_kpi)
        self.message = FieldMessage()
        form = QFormLayout()
        form.addRow(self.tr("&What happened:"), self.text)
        form.addRow(self.tr("&On:"), self.start)
        form.addRow("", until_row)
        form.addRow(self.tr("About:"), about)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        if intro:
            box.addWidget(WrappedLabel(intro))
        box.addLayout(form)
        box.addWidget(self.message)
        box.addWidget(buttons)
        self.setMinimumWidth(480)

    def accept(self) -> None:
        kpi_id = self._kpi_id if self.this_kpi.isChecked() else None
        start = _day(self.start.date())
        end = _day(self.until.date()) if self.until_box.isChecked() else None
        if self._note is None:
            command: AddNote | EditNote = AddNote(self._doc, kpi_id, start, self.text.text(), end)
        else:
            command = EditNote(
                self._doc,
                self._note.id,
                kpi_id=kpi_id,
                start_date=start,
                end_date=end,
                text=self.text.text(),
            )
        error = self._doc.push(command)
        if error is not None:
            self.message.set_message(error.message)
            self.text.setFocus()
            return
        super().accept()

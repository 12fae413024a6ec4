"""Undo steps for notes: add, edit, delete (each a change-log entry, its undo too)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kpi_desktop.services.review.annotations import Note
from kpi_desktop.ui.commands import EditCommand, translate
from kpi_desktop.ui.document import Document


class _NoteCommand(EditCommand):
    def announce(self) -> None:
        self.doc.notes_changed.emit()


class AddNote(_NoteCommand):
    """A new note; undo deletes it, redo puts the same note (same number) back."""

    def __init__(
        self,
        doc: Document,
        kpi_id: int | None,
        start: dt.date,
        text: str,
        end: dt.date | None = None,
    ) -> None:
        super().__init__(
            doc, translate("Undo", 'Add note "{0}"').format(" ".join(text.split())[:40])
        )
        self.kpi_id, self.start, self.text, self.end = kpi_id, start, text, end
        self.note: Note | None = None
        self._gone: Note | None = None

    def apply(self) -> None:
        notes = self.doc.workspace.annotations
        if self._gone is None:
            self.note = notes.add(self.kpi_id, self.start, self.text, self.end)
        else:
            self.note = notes.restore(self._gone)

    def revert(self) -> None:
        assert self.note is not None
        self._gone = self.doc.workspace.annotations.delete(self.note.id)


class EditNote(_NoteCommand):
    """Change a note's dates, text or KPI (None: the whole workspace)."""

    def __init__(self, doc: Document, note_id: int, **fields: Any) -> None:
        note = doc.workspace.annotations.get(note_id)
        super().__init__(doc, translate("Undo", 'Edit note "{0}"').format(note.text[:40]))
        self.note_id = note_id
        was = {"kpi_id": note.kpi_id, "start_date": note.start, "end_date": note.end}
        was["text"] = note.text
        self.fields = {k: v for k, v in fields.items() if was[k] != v}
        self.before = {k: was[k] for k in self.fields}

    def apply(self) -> None:
        self.doc.workspace.annotations.update(self.note_id, **self.fields)

    def revert(self) -> None:
        self.doc.workspace.annotations.update(self.note_id, **self.before)


class DeleteNote(_NoteCommand):
    """Delete a note; undo puts it back with its number."""

    def __init__(self, doc: Document, note_id: int) -> None:
        note = doc.workspace.annotations.get(note_id)
        super().__init__(doc, translate("Undo", 'Delete note "{0}"').format(note.text[:40]))
        self.note_id = note_id
        self._gone: Note | None = None

    def apply(self) -> None:
        self._gone = self.doc.workspace.annotations.delete(self.note_id)

    def revert(self) -> None:
        assert self._gone is not None
        self.doc.workspace.annotations.restore(self._gone)

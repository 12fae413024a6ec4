"""Annotations: dated notes that explain a KPI's numbers ("new barista started", "price
rise", "road works"), on one KPI or on the whole workspace, on a date or over a span.

The chart draws them, the meeting report and the deck list them beside the KPI, and a
lasting change of a KPI's level (a stretch) can be explained with one. Every add, edit and
delete is recorded in the change log by the write session's hook.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlmodel import col, or_, select

from kpi_desktop.domain.formatting import format_date
from kpi_desktop.services.errors import ConflictError, NotFound, ValidationError
from kpi_desktop.services.planning.kpis import get_kpi
from kpi_desktop.services.workspace.edit_conflicts import check_and_bump
from kpi_desktop.store.tables import Annotation, Kpi

if TYPE_CHECKING:
    from sqlmodel import Session

    from kpi_desktop.services.workspace.workspace import Workspace

#: The longest note: a line on a chart's tooltip and in the report, not an essay.
MAX_TEXT = 300
_EDITABLE = {"kpi_id", "start_date", "end_date", "text"}


@dataclass(frozen=True, slots=True)
class Note:
    """An annotation as the chart, the report and the deck show it."""

    id: int
    kpi_id: int | None  # None: on the whole workspace
    start: dt.date
    end: dt.date | None  # None: on one date
    text: str

    @property
    def last(self) -> dt.date:
        """The last day it covers."""
        return self.end or self.start

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.last

    def when(self) -> str:
        """ "3 Mar 2026" or "3 Mar – 16 Apr 2026"."""
        first = format_date(self.start)
        if self.end is None or self.end == self.start:
            return first
        if self.end.year == self.start.year:
            first = f"{self.start.day} {self.start:%b}"
        return f"{first} – {format_date(self.end)}"

    def line(self) -> str:
        """ "3 Mar 2026: Price rise" (the workspace's notes say so)."""
        scope = "" if self.kpi_id is not None else " (all KPIs)"
        return f"{self.when()}{scope}: {self.text}"


def numbered(notes: Sequence[Note]) -> list[str]:
    """ "1. 3 Mar 2026: Price rise", ...: the numbers the chart's pins carry."""
    return [f"{n}. {note.line()}" for n, note in enumerate(notes, 1)]


def as_note(row: Annotation) -> Note:
    assert row.id is not None
    return Note(row.id, row.kpi_id, row.start_date, row.end_date, row.text)


def clean_text(text: str) -> str:
    """The note's text on one line, or a clear message why not."""
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise ValidationError("text", "A note needs some text: what happened?")
    if len(cleaned) > MAX_TEXT:
        raise ValidationError(
            "text", f"A note holds at most {MAX_TEXT} characters (this one has {len(cleaned)})"
        )
    return cleaned


def _check_span(start: dt.date, end: dt.date | None) -> None:
    if end is not None and end < start:
        raise ValidationError(
            "end_date", f"The note ends ({end}) before it starts ({start}): swap the dates"
        )


def read_notes(
    s: Session, kpi_id: int | None, start: dt.date | None = None, end: dt.date | None = None
) -> list[Note]:
    """The notes of a KPI and the workspace's own (all of them with ``kpi_id`` None) that
    touch ``start``..``end`` (either open), oldest first."""
    query = select(Annotation).order_by(col(Annotation.start_date), col(Annotation.id))
    if kpi_id is not None:
        query = query.where(or_(col(Annotation.kpi_id) == kpi_id, col(Annotation.kpi_id).is_(None)))
    if end is not None:
        query = query.where(col(Annotation.start_date) <= end)
    if start is not None:
        query = query.where(
            or_(
                col(Annotation.end_date) >= start,
                (col(Annotation.end_date).is_(None)) & (col(Annotation.start_date) >= start),
            )
        )
    return [as_note(row) for row in s.exec(query).all()]


class AnnotationService:
    """Add, change, delete and read notes (``ws.annotations``)."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def list(
        self, kpi_id: int | None = None, start: dt.date | None = None, end: dt.date | None = None
    ) -> builtins.list[Note]:
        """A KPI's notes with the workspace's (every note without ``kpi_id``)."""
        with self._ws.reading() as s:
            return read_notes(s, kpi_id, start, end)

    def workspace_only(self) -> builtins.list[Note]:
        """The notes on the whole workspace."""
        return [n for n in self.list() if n.kpi_id is None]

    def get(self, note_id: int) -> Note:
        with self._ws.reading() as s:
            return as_note(self._row(s, note_id))

    def add(
        self, kpi_id: int | None, start: dt.date, text: str, end: dt.date | None = None
    ) -> Note:
        """A new note on ``kpi_id`` (None: on the whole workspace)."""
        text = clean_text(text)
        end = None if end == start else end
        _check_span(start, end)
        with self._ws.writing() as s:
            if kpi_id is not None:
                get_kpi(s, kpi_id)
            row = Annotation(kpi_id=kpi_id, start_date=start, end_date=end, text=text)
            s.add(row)
            s.flush()
            return as_note(row)

    def update(self, note_id: int, **fields: Any) -> Note:
        """Change a note's KPI (None: the workspace), dates or text."""
        unknown = set(fields) - _EDITABLE
        if unknown:
            raise ValueError(f"not editable here: {sorted(unknown)}")
        if "text" in fields:
            fields["text"] = clean_text(fields["text"])
        with self._ws.writing() as s:
            row = self._row(s, note_id)
            if fields.get("kpi_id") is not None:
                get_kpi(s, fields["kpi_id"])
            start = fields.get("start_date", row.start_date)
            end = fields.get("end_date", row.end_date)
            fields["end_date"] = None if end == start else end
            _check_span(start, fields["end_date"])
            check_and_bump(row, None, "note", row.text)
            for key, value in fields.items():
                setattr(row, key, value)
            s.add(row)
            s.flush()
            return as_note(row)

    def delete(self, note_id: int) -> Note:
        """Delete a note; returns it as it was (for :meth:`restore`)."""
        with self._ws.writing() as s:
            row = self._row(s, note_id)
            gone = as_note(row)
            s.delete(row)
            return gone

    def restore(self, note: Note) -> Note:
        """Put a deleted note back with its number."""
        with self._ws.writing() as s:
            if s.get(Annotation, note.id) is not None:
                raise ConflictError(f"note #{note.id} exists already")
            if note.kpi_id is not None and s.get(Kpi, note.kpi_id) is None:
                raise NotFound(f'the KPI of the note "{note.text}" no longer exists')
            row = Annotation(
                id=note.id,
                kpi_id=note.kpi_id,
                start_date=note.start,
                end_date=note.end,
                text=note.text,
            )
            s.add(row)
            s.flush()
            return as_note(row)

    @staticmethod
    def _row(s: Session, note_id: int) -> Annotation:
        row = s.get(Annotation, note_id)
        if row is None:
            raise NotFound(f"note #{note_id} no longer exists")
        return row

"""The check-in grid's model: one row per KPI due, the values and notes typed so far, and
the status each typed value gives at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from kpi_desktop.domain.pasting import read_pasted_column
from kpi_desktop.domain.types import Status
from kpi_desktop.services.tracking.checkin import CheckinRow, CheckinValue
from kpi_desktop.ui.kpi.typed_numbers import number_text, read_typed_number
from kpi_desktop.ui.theme import status_icon

AnyIndex = QModelIndex | QPersistentModelIndex

HEADERS = (
    QT_TRANSLATE_NOOP("CheckinModel", "KPI"),
    QT_TRANSLATE_NOOP("CheckinModel", "Period"),
    QT_TRANSLATE_NOOP("CheckinModel", "Last values"),
    QT_TRANSLATE_NOOP("CheckinModel", "Expected"),
    QT_TRANSLATE_NOOP("CheckinModel", "Value"),
    QT_TRANSLATE_NOOP("CheckinModel", "Status"),
    QT_TRANSLATE_NOOP("CheckinModel", "Note"),
)
KPI, PERIOD, RECENT, EXPECTED, VALUE, STATUS, NOTE = range(len(HEADERS))
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_BLANK = "Type a number, or leave the cell empty to skip this KPI for now."


class CheckinModel(QAbstractTableModel):
    """The rows of :func:`checkin_rows` with what the user typed. Nothing is written here:
    :meth:`typed` gives the values for one save."""

    problem = Signal(str)  # a typed or pasted value was refused; plain words, naming the row
    typed_changed = Signal()  # the count of typed values (or a note) changed

    def __init__(self, rows: list[CheckinRow], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self._values: dict[int, float] = {}  # row -> the value typed
        self._notes: dict[int, str] = {}  # row -> the note typed
        self._bold = QFont()
        self._bold.setBold(True)

    # -- reading --------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.tr(HEADERS[section])
        return str(section + 1)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() in (VALUE, NOTE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def value(self, row: int) -> float | None:
        """The value typed in ``row``, else the one stored for its period, else None."""
        typed = self._values.get(row)
        return typed if typed is not None else self.rows[row].stored

    def status(self, row: int) -> Status | None:
        """The status the row's value gives (None: no value typed or stored yet)."""
        value = self.value(row)
        return None if value is None else self.rows[row].status_of(value)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, col = index.row(), index.column()
        row = self.rows[r]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, row, col)
        if role == Qt.ItemDataRole.EditRole:
            if col == VALUE:
                value = self.value(r)
                return "" if value is None else number_text(value)
            if col == NOTE:
                return self._notes.get(r, "")
            return None
        if role == Qt.ItemDataRole.DecorationRole and col == STATUS:
            status = self.status(r)
            return None if status is None else status_icon(status)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (EXPECTED, VALUE):
            return int(_RIGHT)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.FontRole and col == VALUE and r in self._values:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and col == VALUE and r not in self._values:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.AccessibleTextRole and col == STATUS:
            return self._text(r, row, col)
        return None

    def _text(self, r: int, row: CheckinRow, col: int) -> str:
        if col == KPI:
            return row.kpi
        if col == PERIOD:
            return row.period_text
        if col == RECENT:
            return row.recent_text() or self.tr("no values yet")
        if col == EXPECTED:
            return row.format(row.expected) or "—"
        if col == VALUE:
            return row.format(self.value(r))
        if col == STATUS:
            status = self.status(r)
            return self.tr("Needs a value") if status is None else status.label
        if col == NOTE:
            return self._notes.get(r, "")
        return ""

    def _tooltip(self, row: CheckinRow, col: int) -> str | None:
        if col == KPI:
            owner = f" · {self.tr('owner')}: {row.owner}" if row.owner else ""
            return f"{row.goal}{owner}"
        if col == PERIOD:
            return row.missing_text() or None
        if col == RECENT:
            return "\n".join(t for t in (row.recent_text(short=False), row.missing_text()) if t)
        if col == VALUE and row.stored is not None:
            return self.tr("Stored already: {0}. Type a new value to correct it.").format(
                row.format(row.stored)
            )
        return None

    # -- editing --------------------------------------------------------------------------

    def setData(  # noqa: N802
        self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        r, col = index.row(), index.column()
        if col == NOTE:
            self._set_note(r, str(value or "").strip())
        elif col == VALUE:
            if isinstance(value, str) and not value.strip():
                self._set_value(r, None)
                return True
            number = read_typed_number(value, _BLANK)
            if isinstance(number, str):
                self.problem.emit(self._where(r) + number)
                return False
            self._set_value(r, number)
        else:
            return False
        return True

    def paste(self, first_row: int, text: str) -> int:
        """Fill the values (and notes, from a second column) from ``first_row`` down with a
        column copied from a spreadsheet; blank lines skip a row. All or nothing: a bad
        line or more lines than rows refuse the paste (see :attr:`problem`). Returns how
        many values went in."""
        column = read_pasted_column(text)
        problems = list(column.problems)
        room = len(self.rows) - first_row
        if len(column.values) > room:
            problems.append(
                self.tr("{0} lines were pasted but only {1} rows are left from row {2}").format(
                    len(column.values), room, first_row + 1
                )
            )
        if problems:
            self.problem.emit(self.tr("Nothing was pasted: ") + "; ".join(problems[:5]))
            return 0
        n = 0
        for i, (value, note) in enumerate(zip(column.values, column.notes, strict=True)):
            if value is not None:
                self._set_value(first_row + i, value, signal=False)
                n += 1
            if note is not None:
                self._set_note(first_row + i, note, signal=False)
        if column.values:
            last = first_row + len(column.values) - 1
            self.dataChanged.emit(self.index(first_row, VALUE), self.index(last, NOTE))
            self.typed_changed.emit()
        return n

    def _set_value(self, r: int, value: float | None, *, signal: bool = True) -> None:
        if value is None:
            self._values.pop(r, None)
        else:
            self._values[r] = value
        if signal:
            self.dataChanged.emit(self.index(r, VALUE), self.index(r, STATUS))
            self.typed_changed.emit()

    def _set_note(self, r: int, note: str, *, signal: bool = True) -> None:
        if note:
            self._notes[r] = note
        else:
            self._notes.pop(r, None)
        if signal:
            self.dataChanged.emit(self.index(r, NOTE), self.index(r, NOTE))
            self.typed_changed.emit()

    def _where(self, r: int) -> str:
        row = self.rows[r]
        return self.tr("Row {0}, {1} ({2}): ").format(r + 1, row.kpi, row.period_text)

    # -- what to save ---------------------------------------------------------------------

    def typed_count(self) -> int:
        return len(self._values)

    def notes_without_value(self) -> list[int]:
        """Rows with a note typed but no value typed or stored (a note needs a value)."""
        return [r for r in sorted(self._notes) if self.value(r) is None]

    def typed(self) -> list[CheckinValue]:
        """The values to store, in row order: every value typed, and the note typed for a
        value stored already."""
        out = []
        for r in sorted(set(self._values) | set(self._notes)):
            value = self.value(r)
            if value is None:
                continue
            row = self.rows[r]
            out.append(CheckinValue(row.kpi_id, row.period, value, self._notes.get(r)))
        return out

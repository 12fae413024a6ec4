"""The values of one KPI as a table: a thin Qt adapter over MeasurementService rows.

Rows are oldest first, like a spreadsheet that grows downwards: the newest value is the
last row, and "Add value" appends below it.

Columns: Period (the KPI's period label, e.g. "Oct 2024"; EditRole gives the ISO date of
the period's first day), Value (formatted with the KPI's decimals; EditRole gives the raw
number), Note, Source (read-only). The period of a row is fixed: it is chosen when a value
is added (or pasted); to move a value, delete it and add it again.

Writes never go to the services directly: setData pushes an undo command through the
Document, and the model reloads when the Document says the KPI's values changed. A value
that is not a number is refused and reported through the `problem` signal.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.periods import period_label
from kpi_desktop.domain.types import Frequency
from kpi_desktop.domain.values import parse_number
from kpi_desktop.services.errors import NotFound
from kpi_desktop.store.tables import Kpi
from kpi_desktop.ui.commands import SetNote, SetValues
from kpi_desktop.ui.document import Document

AnyIndex = QModelIndex | QPersistentModelIndex

PERIOD, VALUE, NOTE, SOURCE = range(4)
COLUMN_TITLES = ("Period", "Value", "Note", "Source")
COLUMN_TIPS = (
    "The period the value belongs to (a date is stored as its period's first day)",
    "The measured value; double-click or press Enter to change it",
    "A short note, e.g. what explains an unusual value",
    "Where the value came from: typed or pasted by hand, or the imported file",
)

# Named roles (for views, delegates and tests).
PeriodRole = Qt.ItemDataRole.UserRole + 1  # dt.date: the period's first day
ValueRole = Qt.ItemDataRole.UserRole + 2  # float
NoteRole = Qt.ItemDataRole.UserRole + 3  # str
SourceRole = Qt.ItemDataRole.UserRole + 4  # str ("manual" or a file name)

_ROLE_NAMES = {PeriodRole: b"period", ValueRole: b"value", NoteRole: b"note", SourceRole: b"source"}


class MeasurementRow(NamedTuple):
    period: dt.date
    value: float
    note: str
    source: str


def number_text(value: float) -> str:
    """A float as a user would type it: 1200.0 -> "1200", 0.125 -> "0.125"."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def source_label(source: str) -> str:
    return "By hand" if source == "manual" else source


class MeasurementsModel(QAbstractTableModel):
    """One row per stored value of the KPI set with `set_kpi`, oldest first."""

    problem = Signal(str)  # an edit was refused; plain words for an inline message

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._kpi_id: int | None = None
        self._kpi: Kpi | None = None
        self._rows: list[MeasurementRow] = []
        document.measurements_changed.connect(self._on_measurements_changed)
        document.kpi_changed.connect(self._on_kpi_changed)

    # -- what it shows ---------------------------------------------------------------------

    @property
    def kpi_id(self) -> int | None:
        return self._kpi_id

    @property
    def kpi(self) -> Kpi | None:
        return self._kpi

    @property
    def frequency(self) -> Frequency:
        return Frequency(self._kpi.frequency) if self._kpi else Frequency.MONTHLY

    def set_kpi(self, kpi_id: int | None) -> None:
        self.beginResetModel()
        self._kpi_id = kpi_id
        self._load_kpi()
        self._rows = self._fetch()
        self.endResetModel()

    def rows(self) -> list[MeasurementRow]:
        return list(self._rows)

    def row_at(self, row: int) -> MeasurementRow:
        return self._rows[row]

    def row_of(self, period: dt.date) -> int:
        """The row showing `period`, or -1."""
        i = bisect.bisect_left(self._rows, period, key=lambda r: r.period)
        return i if i < len(self._rows) and self._rows[i].period == period else -1

    def latest_period(self) -> dt.date | None:
        return self._rows[-1].period if self._rows else None

    # -- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMN_TITLES)

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802
        names = dict(super().roleNames())
        names.update({role: QByteArray(name) for role, name in _ROLE_NAMES.items()})
        return names

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows):
                return str(section + 1)
            return None
        if not 0 <= section < len(COLUMN_TITLES):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == VALUE and self._kpi is not None:
                unit = self._kpi.currency_symbol or self._kpi.unit
                return f"Value ({unit})" if unit else "Value"
            return COLUMN_TITLES[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMN_TIPS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (VALUE, NOTE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return (row.period.isoformat(), row.value, row.note, row.source)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == PERIOD:
                return f"Stored as {row.period.isoformat()}"
            if column == VALUE:
                return number_text(row.value)  # the exact number, whatever the decimals
            if column == NOTE and row.note:
                return row.note
            if column == SOURCE:
                return source_label(row.source)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == PeriodRole:
            return row.period
        if role == ValueRole:
            return row.value
        if role == NoteRole:
            return row.note
        if role == SourceRole:
            return row.source
        return None

    def setData(  # noqa: N802
        self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or self._kpi_id is None
            or not 0 <= index.row() < len(self._rows)
        ):
            return False
        row = self._rows[index.row()]
        if index.column() == VALUE:
            return self._set_value(row, value)
        if index.column() == NOTE:
            note = "" if value is None else str(value).strip()
            if note == row.note:
                return True
            return self._push(SetNote(self._doc, self._kpi_id, row.period, note))
        return False

    # -- edits -----------------------------------------------------------------------------

    def read_value(self, value: Any) -> float | str:
        """The number in `value` (text is read with the importer's rules), or the reason it
        is refused in plain words ("'12,x' is not a number")."""
        if isinstance(value, str):
            text = value.strip()
            if not text:
                return "Type a number. To remove a value, select its row and press Delete."
        else:
            text = str(value)
        try:
            return parse_number(text if isinstance(value, str) else value)
        except (ValueError, TypeError) as exc:
            reason = str(exc) if isinstance(exc, ValueError) and str(exc) else "is not a number"
            return f"'{text}' {reason}"

    def _set_value(self, row: MeasurementRow, value: Any) -> bool:
        assert self._kpi_id is not None
        number = self.read_value(value)
        if isinstance(number, str):
            self.problem.emit(number)
            return False
        if number == row.value:
            return True
        return self._push(SetValues(self._doc, self._kpi_id, [(row.period, number, None)]))

    def _push(self, command: Any) -> bool:
        error = self._doc.push(command)
        if error is not None:
            self.problem.emit(error.message)
            return False
        return True

    # -- reloading -------------------------------------------------------------------------

    def _load_kpi(self) -> None:
        self._kpi = None
        if self._kpi_id is not None:
            try:
                self._kpi = self._doc.workspace.kpis.get(self._kpi_id)
            except NotFound:
                self._kpi = None

    def _fetch(self) -> list[MeasurementRow]:
        if self._kpi is None or self._kpi_id is None:
            return []
        return [
            MeasurementRow(*row) for row in self._doc.workspace.measurements.rows(self._kpi_id)
        ]

    def _on_kpi_changed(self, kpi_id: int) -> None:
        if kpi_id == self._kpi_id:
            self.set_kpi(kpi_id)  # frequency, decimals or unit may have changed

    def _on_measurements_changed(self, kpi_id: int) -> None:
        if kpi_id != self._kpi_id:
            return
        self._merge(self._fetch())

    def _merge(self, new: list[MeasurementRow]) -> None:
        """Move from the shown rows to `new` with row removals, insertions and dataChanged,
        so the view keeps its selection and scroll position (both lists are period-sorted)."""
        keep = {r.period for r in new}
        i = len(self._rows)
        while i > 0:  # remove gone periods in contiguous blocks, from the bottom up
            i -= 1
            if self._rows[i].period in keep:
                continue
            last = i
            while i > 0 and self._rows[i - 1].period not in keep:
                i -= 1
            self.beginRemoveRows(QModelIndex(), i, last)
            del self._rows[i : last + 1]
            self.endRemoveRows()
        shown = {r.period for r in self._rows}
        j = 0
        while j < len(new):  # insert new periods in contiguous blocks, from the top down
            if new[j].period in shown:
                j += 1
                continue
            first = j
            while j < len(new) and new[j].period not in shown:
                j += 1
            at = bisect.bisect_left(self._rows, new[first].period, key=lambda r: r.period)
            self.beginInsertRows(QModelIndex(), at, at + j - first - 1)
            self._rows[at:at] = new[first:j]
            self.endInsertRows()
        pairs = zip(self._rows, new, strict=True)
        changed = [k for k, (old, now) in enumerate(pairs) if old != now]
        if changed:
            self._rows = new
            self.dataChanged.emit(
                self.index(changed[0], 0), self.index(changed[-1], self.columnCount() - 1)
            )

    # -- helpers ---------------------------------------------------------------------------

    def _display(self, row: MeasurementRow, column: int) -> str:
        if column == PERIOD:
            return period_label(row.period, self.frequency)
        if column == VALUE:
            decimals = self._kpi.decimals if self._kpi else 0
            return format_value(row.value, "", decimals)
        if column == NOTE:
            return row.note
        return source_label(row.source)

"""The values of one KPI as a table: a thin Qt adapter over MeasurementService rows.

Rows are oldest first, like a spreadsheet that grows downwards: the newest value is the
last row, and "Add value" appends below it.

Columns: Period (the KPI's period label, e.g. "Oct 2024"; EditRole gives the ISO date of
the period's first day), Value (formatted with the KPI's decimals; EditRole gives the raw
number), Note, Source (read-only). The period of a row is fixed: it is chosen when a value
is added (or pasted); to move a value, delete it and add it again.

Writes never go to the services directly: setData pushes an undo command through the
Document, and the model follows when the Document says the KPI's values changed. A value
that is not a number is refused and reported through the `problem` signal.

A KPI may hold a million values, so the model never reads them all: it counts them (the
row count), and reads the rows the view asks for in pages of PAGE_ROWS, keeping the last
CACHED_PAGES pages read. A page is read from the nearest row whose period it knows (either
end, or a page it holds), so scrolling reads only what comes into view. When an undo
command says which periods it added, removed or changed, the model removes, inserts and
updates just those rows (the view keeps its selection and scroll position); any other
change reads the count again and resets the rows.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.periods import period_label
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.errors import NotFound
from kpi_desktop.services.planning.records import KpiRecord
from kpi_desktop.services.tracking.measurements import MeasurementService, ValueChanges, ValueRow
from kpi_desktop.ui.commands import SetNote, SetValues
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.kpi.typed_numbers import number_text, read_typed_number
from kpi_desktop.ui.widgets.text_alignment import RIGHT_MIDDLE_ROLE

AnyIndex = QModelIndex | QPersistentModelIndex

PERIOD, VALUE, NOTE, SOURCE = range(4)
COLUMN_TITLES = (
    QT_TRANSLATE_NOOP("MeasurementsModel", "Period"),
    QT_TRANSLATE_NOOP("MeasurementsModel", "Value"),
    QT_TRANSLATE_NOOP("MeasurementsModel", "Note"),
    QT_TRANSLATE_NOOP("MeasurementsModel", "Source"),
)
COLUMN_TIPS = (
    QT_TRANSLATE_NOOP(
        "MeasurementsModel",
        "The period the value belongs to (a date is stored as its period's first day)",
    ),
    QT_TRANSLATE_NOOP(
        "MeasurementsModel", "The measured value; double-click or press Enter to change it"
    ),
    QT_TRANSLATE_NOOP("MeasurementsModel", "A short note, e.g. what explains an unusual value"),
    QT_TRANSLATE_NOOP(
        "MeasurementsModel",
        "Where the value came from: typed or pasted by hand, or the imported file",
    ),
)

# Named roles (for views, delegates and tests).
PeriodRole = Qt.ItemDataRole.UserRole + 1  # dt.date: the period's first day
ValueRole = Qt.ItemDataRole.UserRole + 2  # float
NoteRole = Qt.ItemDataRole.UserRole + 3  # str
SourceRole = Qt.ItemDataRole.UserRole + 4  # str ("manual" or a file name)

_ROLE_NAMES = {PeriodRole: b"period", ValueRole: b"value", NoteRole: b"note", SourceRole: b"source"}

#: Rows read at once when the view asks for a row the model does not hold.
PAGE_ROWS = 256
#: Pages kept (the least recently used goes first): memory stays bounded however far the
#: view scrolls.
CACHED_PAGES = 16
#: A change that adds or removes more rows than this resets the model instead of moving
#: rows one block at a time.
MAX_MOVED_ROWS = 2_000


class MeasurementRow(NamedTuple):
    period: dt.date
    value: float
    note: str
    source: str


def source_label(source: str) -> str:
    return {"manual": "By hand", "check-in": "Check-in", "calculated": "Calculated"}.get(
        source, source
    )


class MeasurementsModel(QAbstractTableModel):
    """One row per stored value of the KPI set with `set_kpi`, oldest first."""

    problem = Signal(str)  # an edit was refused; plain words for an inline message
    refreshed = Signal()  # the rows were read again or moved after a change (or a new KPI)

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._kpi_id: int | None = None
        self._kpi: KpiRecord | None = None
        self._count = 0
        self._first: dt.date | None = None  # the oldest period shown
        self._last: dt.date | None = None  # the newest period shown
        self._pages: OrderedDict[int, list[MeasurementRow]] = OrderedDict()
        self._moving = False  # rows are being removed and inserted: none is read meanwhile
        self._reread_due = False
        document.measurements_changed.connect(self._on_measurements_changed)
        document.kpi_changed.connect(self._on_kpi_changed)

    # -- what it shows ---------------------------------------------------------------------

    @property
    def kpi_id(self) -> int | None:
        return self._kpi_id

    @property
    def kpi(self) -> KpiRecord | None:
        return self._kpi

    @property
    def calculated(self) -> bool:
        """The KPI's values are derived from other KPIs: shown, never edited."""
        return bool(self._kpi and self._kpi.calculation)

    @property
    def frequency(self) -> Frequency:
        return Frequency(self._kpi.frequency) if self._kpi else Frequency.MONTHLY

    def set_kpi(self, kpi_id: int | None) -> None:
        self.beginResetModel()
        self._kpi_id = kpi_id
        self._load_kpi()
        self._read_outline()
        self.endResetModel()
        self.refreshed.emit()

    def rows(self) -> list[MeasurementRow]:
        """Every row, read from the workspace: a million values take a second; the view
        itself never needs this."""
        if self._kpi is None or self._kpi_id is None:
            return []
        return [MeasurementRow(*row) for row in self._service.rows(self._kpi_id)]

    def row_at(self, row: int) -> MeasurementRow:
        found = self._row(row)
        if found is None:
            raise IndexError(f"no row {row}")
        return found

    def row_of(self, period: dt.date) -> int:
        """The row showing `period`, or -1."""
        if self._moving or not self._count:
            return -1
        at = self._lower_bound(period)
        found = self._row(at) if at < self._count else None
        return at if found is not None and found.period == period else -1

    def latest_period(self) -> dt.date | None:
        return self._last

    def stored_count(self, periods: Iterable[dt.date]) -> int:
        """How many of `periods` (period starts) already hold a value."""
        if self._kpi is None or self._kpi_id is None:
            return 0
        return len(self._service.stored_periods(self._kpi_id, periods))

    def cached_rows(self) -> int:
        """How many rows the model holds in memory now (at most PAGE_ROWS * CACHED_PAGES)."""
        return sum(len(page) for page in self._pages.values())

    # -- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

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
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self._count:
                return str(section + 1)
            return None
        if not 0 <= section < len(COLUMN_TITLES):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == VALUE and self._kpi is not None:
                unit = self._kpi.currency_symbol or self._kpi.unit
                value = self.tr("Value")
                return f"{value} ({unit})" if unit else value
            return self.tr(COLUMN_TITLES[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr(COLUMN_TIPS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and section == VALUE:
            return RIGHT_MIDDLE_ROLE
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (VALUE, NOTE) and not (
            self.calculated or self._doc.workspace.readonly
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
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
            return RIGHT_MIDDLE_ROLE
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
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._kpi_id is None:
            return False
        row = self._row(index.row())
        if row is None:
            return False
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
        return read_typed_number(
            value, "Type a number. To remove a value, select its row and press Delete."
        )

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

    @property
    def _service(self) -> MeasurementService:
        return self._doc.workspace.measurements

    def _read_outline(self) -> None:
        """Count the values and find the oldest and newest period; drop the pages held."""
        self._pages.clear()
        self._count = self._count_stored()
        self._read_ends()

    def _count_stored(self) -> int:
        if self._kpi is None or self._kpi_id is None:
            return 0
        return self._service.count(self._kpi_id)

    def _read_ends(self) -> None:
        self._first = self._last = None
        if self._count and self._kpi_id is not None:
            self._first = self._service.rows_after(self._kpi_id, None, limit=1)[0][0]
            self._last = self._service.rows_before(self._kpi_id, None, limit=1)[0][0]

    def _on_kpi_changed(self, kpi_id: int) -> None:
        if kpi_id == self._kpi_id:
            self.set_kpi(kpi_id)  # frequency, decimals or unit may have changed

    def _on_measurements_changed(self, kpi_id: int) -> None:
        if kpi_id == self._kpi_id:
            self._follow(self._doc.value_changes(kpi_id))

    def _follow(self, changes: ValueChanges | None = None) -> None:
        """Show what is stored now: move the rows `changes` names, else read again."""
        self._reread_due = False
        if changes is None or not self._move_rows(changes):
            self._reread()
        self.refreshed.emit()

    def _reread(self) -> None:
        """Follow a change that is not known in detail: the same number of values is taken
        as values changed in place (the view keeps its selection), any other as new rows."""
        count = self._count_stored()
        if count and count == self._count:
            self._pages.clear()
            self._read_ends()
            last = self.index(count - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._read_outline()
        self.endResetModel()

    def _move_rows(self, changes: ValueChanges) -> bool:
        """Remove, insert and update the rows of the periods `changes` names, so the view
        keeps its selection and scroll position. False (nothing done) when the change is
        too large or does not match what is stored."""
        assert self._kpi_id is not None
        added, removed = changes.added, changes.removed
        if len(added) + len(removed) > MAX_MOVED_ROWS:
            return False
        if added or removed:
            stored = self._service.stored_periods(self._kpi_id, added + removed)
            if len(stored) != len(added) or any(p not in stored for p in added):
                return False  # the announced change is not what the workspace holds
        shown = self._count
        if added or removed:  # the pages held no longer say which row shows which period
            self._pages.clear()
            self._count = shown + len(added) - len(removed)
            self._read_ends()
        before: dict[dt.date, int] = {}  # period -> rows before it, once all is done
        anchor: tuple[dt.date, int] | None = None
        for period in sorted({*added, *removed, *changes.changed}):
            before[period] = self._lower_bound(period, anchor)
            anchor = (period, before[period])
        self._pages.clear()
        # A removed period's row, counted before anything moved: the rows before it now,
        # less the added rows before it, plus the removed rows before it.
        gone = [before[p] - bisect.bisect_left(added, p) + i for i, p in enumerate(removed)]
        self._count, self._moving = shown, True
        try:
            for first, last in reversed(_blocks(gone)):
                self.beginRemoveRows(QModelIndex(), first, last)
                self._count -= last - first + 1
                self.endRemoveRows()
            for first, last in _blocks([before[p] for p in added]):
                self.beginInsertRows(QModelIndex(), first, last)
                self._count += last - first + 1
                self.endInsertRows()
        finally:
            self._moving = False
        edited = [before[p] for p in changes.changed]
        if edited:
            last_column = self.columnCount() - 1
            self.dataChanged.emit(self.index(edited[0], 0), self.index(edited[-1], last_column))
        return True

    # -- reading rows in pages -------------------------------------------------------------

    def _row(self, row: int) -> MeasurementRow | None:
        if not 0 <= row < self._count:
            return None
        page = self._page(row // PAGE_ROWS)
        at = row % PAGE_ROWS
        return page[at] if page is not None and at < len(page) else None

    def _page(self, number: int) -> list[MeasurementRow] | None:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        if self._moving or self._kpi_id is None:
            return None
        start = number * PAGE_ROWS
        stop = min(start + PAGE_ROWS, self._count)
        page = [MeasurementRow(*row) for row in self._read_rows(start, stop)]
        if len(page) != stop - start:  # changed behind the Document's back: read it again
            if not self._reread_due:
                self._reread_due = True
                QTimer.singleShot(0, self, self._follow)
            return None
        self._pages[number] = page
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        return page

    def _read_rows(self, start: int, stop: int) -> list[ValueRow]:
        """Rows start..stop-1, read on from the nearest row whose period is known: either
        end of the table or a page held."""
        assert self._kpi_id is not None
        skip, period, forward = start, None, True  # from the top
        if self._count - stop < skip:
            skip, period, forward = self._count - stop, None, False  # up from the bottom
        for number, page in self._pages.items():
            top = number * PAGE_ROWS
            bottom = top + len(page) - 1
            if bottom < start and start - bottom - 1 < skip:
                skip, period, forward = start - bottom - 1, page[-1].period, True
            elif top >= stop and top - stop < skip:
                skip, period, forward = top - stop, page[0].period, False
        read = self._service.rows_after if forward else self._service.rows_before
        return read(self._kpi_id, period, limit=stop - start, skip=skip)

    def _lower_bound(self, period: dt.date, anchor: tuple[dt.date, int] | None = None) -> int:
        """How many rows show a period before `period`: its row, or where it would go.

        Counted from the known period nearest to it (either end, a page held, or
        `anchor`: a period and the number of rows before it), so a period near a known
        one costs a few index steps however many values the KPI has.
        """
        if self._first is None or self._last is None or period <= self._first:
            return 0
        if period > self._last:
            return self._count
        anchors = [(self._first, 0), (self._last, self._count - 1)]
        for number, page in self._pages.items():
            if page[0].period <= period <= page[-1].period:
                at = bisect.bisect_left(page, period, key=lambda r: r.period)
                return number * PAGE_ROWS + at
            anchors += [(page[0].period, number * PAGE_ROWS)]
            anchors += [(page[-1].period, number * PAGE_ROWS + len(page) - 1)]
        if anchor is not None:
            anchors.append(anchor)
        known, rows_before = min(anchors, key=lambda a: abs((a[0] - period).days))
        assert self._kpi_id is not None
        if known <= period:
            return rows_before + self._service.count(self._kpi_id, since=known, before=period)
        return rows_before - self._service.count(self._kpi_id, since=period, before=known)

    # -- helpers ---------------------------------------------------------------------------

    def _display(self, row: MeasurementRow, column: int) -> str:
        if column == PERIOD:
            return period_label(row.period, self.frequency, fiscal=self._doc.fiscal)
        if column == VALUE:
            decimals = self._kpi.decimals if self._kpi else 0
            return format_value(row.value, "", decimals)
        if column == NOTE:
            return row.note
        return source_label(row.source)


def _blocks(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs

"""Reading the dates and the numbers in the columns of an imported file.

What does not depend on the plan's other choices (the dates of a column read in one
order, a column of plain numbers) is kept in the table's facts: a second plan of the same
table (other options in the wizard) does not read those millions of cells again.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kpi_desktop.domain.magnitude import MAX_MAGNITUDE
from kpi_desktop.domain.values import (
    AmbiguousDate,
    DateOrder,
    detect_date_order,
    detect_decimal_mark,
    parse_date,
    parse_number,
)
from kpi_desktop.services.importing.cells import blank
from kpi_desktop.services.importing.problems import (
    AmbiguousDates,
    ImportFileError,
    ProblemCollector,
)
from kpi_desktop.services.importing.reading import ImportTable

BLANK_DATE = -1
BAD_DATE = -2
_BLANK_DATE_REASON = "is blank, but the row has values: which date are they for?"

#: Per column: the numbers (NaN where none), a mask of the cells to import and a mask of
#: the bad cells (each one a problem).
Numbers = tuple[np.ndarray, np.ndarray, np.ndarray]


@dataclass(frozen=True, slots=True)
class ColumnDates:
    """The dates of a column: `days` has each row's date ordinal (BLANK_DATE, BAD_DATE)."""

    days: np.ndarray
    order: DateOrder | None  # how slash dates were read (None: none needed it)
    reasons: dict[Any, str]  # why a bad cell is not a date

    def reason(self, cell: Any) -> str:
        return _BLANK_DATE_REASON if blank(cell) else self.reasons.get(cell, "is not a date")


def column_dates(
    table: ImportTable, path: Path, j: int, mode: str, order: DateOrder | None
) -> ColumnDates:
    """The dates of column j read as "dates" or "years" (`mode`), slash dates in `order`
    (None: detected). Raises AmbiguousDates, or ImportFileError when the order cannot be
    detected."""
    key = ("dates", j, mode, order)
    if key not in table.facts:
        try:
            table.facts[key] = _read_dates(table, path, j, mode, order)
        except ImportFileError as exc:
            table.facts[key] = exc
    found: ColumnDates | ImportFileError = table.facts[key]
    if isinstance(found, ImportFileError):
        raise found
    return found


def _read_dates(
    table: ImportTable, path: Path, j: int, mode: str, order: DateOrder | None
) -> ColumnDates:
    cells = table.columns[j]
    distinct = set(cells)
    if order is None:
        try:
            order = detect_date_order([c for c in distinct if isinstance(c, str)])
        except ValueError as exc:
            raise ImportFileError(
                path,
                f"column '{table.header[j]}': {exc}; fix the file, or choose day-first "
                "(dmy) or month-first (mdy) to have the others listed",
            ) from None
    reasons: dict[Any, str] = {}
    day_of: dict[Any, int] = {}
    ambiguous: set[Any] = set()
    for cell in distinct:
        if blank(cell):
            day_of[cell] = BLANK_DATE
            continue
        try:
            if mode == "years":
                year = parse_number(cell)
                if year != int(year) or not 1 <= year <= 9999:
                    raise ValueError("is not a year")
                day_of[cell] = dt.date(int(year), 1, 1).toordinal()
            else:
                day_of[cell] = parse_date(cell, order, excel_serial=True).toordinal()
        except AmbiguousDate:
            ambiguous.add(cell)
        except ValueError as exc:
            day_of[cell] = BAD_DATE
            reasons[cell] = str(exc)
    if ambiguous:
        rows = [i + table.first_row for i, c in enumerate(cells) if c in ambiguous]
        example = str(cells[rows[0] - table.first_row]).strip()
        raise AmbiguousDates(path, table.header[j], rows, example)
    days = np.fromiter(map(day_of.__getitem__, cells), dtype=np.int64, count=table.n)
    days.flags.writeable = False  # shared by the plans of this table
    return ColumnDates(days, order, reasons)


def column_numbers(
    table: ImportTable, columns: list[int], problems: ProblemCollector
) -> dict[int, Numbers]:
    """The numbers of the value columns; every bad cell is added to `problems`."""
    fast: dict[int, np.ndarray] = {}
    slow: list[int] = []
    for j in columns:
        numbers = _plain_numbers(table, j)
        if numbers is None:
            slow.append(j)
        else:
            fast[j] = numbers
    odd: set[str] = set()
    for j in slow:
        odd.update(c for c in set(table.columns[j]) if isinstance(c, str) and "," in c)
    decimal = detect_decimal_mark(odd) if odd else None
    out: dict[int, Numbers] = {}
    for j in columns:
        bad = np.zeros(table.n, dtype=bool)
        if j in fast:
            numbers = fast[j]
            present = np.ones(table.n, dtype=bool)
            if decimal == ",":
                numbers = numbers.copy()
                _reparse_dotted(table, j, numbers, present, bad, problems)
        else:
            numbers, present = _parsed_numbers(table, j, decimal, problems)
            bad |= ~present & ~np.fromiter(map(blank, table.columns[j]), dtype=bool, count=table.n)
        out[j] = (numbers, present, bad)
    return out


def _plain_numbers(table: ImportTable, j: int) -> np.ndarray | None:
    """All cells of column j as numbers, at C speed; None unless all are plain numbers."""
    key = ("plain numbers", j)
    if key not in table.facts:
        table.facts[key] = _read_plain_numbers(table, j)
    found: np.ndarray | None = table.facts[key]
    return found


def _read_plain_numbers(table: ImportTable, j: int) -> np.ndarray | None:
    cells = table.columns[j]
    try:
        numbers = np.fromiter(map(float, cells), dtype=np.float64, count=table.n)
    except (ValueError, TypeError):
        return None
    if not (np.abs(numbers) <= MAX_MAGNITUDE).all() or (
        table.typed and bool in set(map(type, cells))
    ):
        return None
    numbers.flags.writeable = False  # shared by the plans of this table
    return numbers


def _parsed_numbers(
    table: ImportTable, j: int, decimal: str | None, problems: ProblemCollector
) -> tuple[np.ndarray, np.ndarray]:
    cells = table.columns[j]
    numbers = [math.nan] * table.n
    present = [False] * table.n
    comma = decimal == ","
    for i, cell in enumerate(cells):
        try:  # the common cases at C speed, the rest by parse_number
            kind = type(cell)
            if kind is str:
                if comma:
                    if "." in cell:
                        raise ValueError(cell)
                    cell = cell.replace(",", ".")
                number = float(cell)
            elif kind is float or kind is int:
                number = float(cell)
            else:
                raise ValueError(cell)
            if not abs(number) <= MAX_MAGNITUDE:  # too large, infinite or NaN
                raise ValueError(cell)
        except ValueError:
            cell = cells[i]
            if blank(cell):
                continue
            try:
                number = parse_number(cell, decimal)
            except ValueError as exc:
                problems.add(i, j, str(exc))
                continue
        numbers[i] = number
        present[i] = True
    return np.array(numbers, dtype=np.float64), np.array(present, dtype=bool)


def _reparse_dotted(
    table: ImportTable,
    j: int,
    numbers: np.ndarray,
    present: np.ndarray,
    bad: np.ndarray,
    problems: ProblemCollector,
) -> None:
    """In a decimal-comma file "1.234" is 1234, not 1.234."""
    for i, cell in enumerate(table.columns[j]):
        if present[i] and isinstance(cell, str) and "." in cell:
            try:
                numbers[i] = parse_number(cell, ",")
            except ValueError as exc:
                present[i] = False
                bad[i] = True
                problems.add(i, j, str(exc))


def future_problems(
    problems: ProblemCollector, ridx: np.ndarray, period: np.ndarray, j: int
) -> None:
    """Problems for the rows (in date column j) whose value is for a period after today
    (``period``: day ordinals of each entry's period start)."""
    today = dt.date.today()
    rows = np.unique(ridx[period > today.toordinal()])
    reason = (
        f"is in a period after today ({today.isoformat()}): values can only be entered "
        "for periods that have begun"
    )
    for row in rows.tolist():
        problems.add(int(row), j, reason)


def date_problems(problems: ProblemCollector, rows: np.ndarray, dates: ColumnDates, j: int) -> None:
    """Problems for the rows (data indexes) that have values but no good date."""
    problems.add_rows(rows[dates.days[rows] < 0], j, dates.reason)

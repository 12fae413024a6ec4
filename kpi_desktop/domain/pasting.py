"""Reading rows pasted from a spreadsheet (``date<TAB>value[<TAB>note]``) with the
importer's date and number rules. Pure: used by the measurements table's Paste.

A header row is skipped, blank lines are skipped, day-first or month-first is decided over
all the pasted dates and the decimal mark over all the values, and every date is mapped to
its period. Every bad row is reported; callers write all rows or none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kpi_desktop.domain.periods import CALENDAR_YEAR, FiscalYear, period_label, period_start
from kpi_desktop.domain.types import Frequency
from kpi_desktop.domain.values import (
    AmbiguousDate,
    DateOrder,
    detect_date_order,
    detect_decimal_mark,
    parse_date,
    parse_number,
)


@dataclass
class PastedRows:
    """What a paste would write: (period start, value, note or None) rows, or the problems
    (one plain sentence per bad row) that stop it. `header` is the skipped header's row."""

    rows: list[tuple[dt.date, float, str | None]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    header: int | None = None


# "1.100" and "1,100" read as a decimal or as a thousand; they say nothing about the mark.
_AMBIGUOUS_GROUPED = re.compile(r"[^0-9.,]*[1-9][0-9]{0,2}[.,][0-9]{3}[^0-9.,]*")


def _decimal_mark(texts: list[str]) -> str | None:
    """detect_decimal_mark over the texts that say something: a lone "1.100" next to
    "1.234,5" must not outvote it (it is 1100 there, as "1,100" is next to "1,234.5")."""
    return detect_decimal_mark(t for t in texts if not _AMBIGUOUS_GROUPED.fullmatch(t.strip()))


def _cells(line: str) -> list[str]:
    cells = [c.strip() for c in line.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _is_date(text: str) -> bool:
    try:
        parse_date(text)
    except AmbiguousDate:
        return True
    except ValueError:
        return False
    return True


def _is_number(text: str) -> bool:
    try:
        parse_number(text)
    except ValueError:
        return False
    return True


def _read_dates(
    lines: list[tuple[int, list[str]]], order: DateOrder | None
) -> dict[int, dt.date | str]:
    """Row number -> date, or -> the reason the date cell is bad."""
    out: dict[int, dt.date | str] = {}
    for n, cells in lines:
        text = cells[0] if cells else ""
        if not text:
            out[n] = "the date is blank"
            continue
        try:
            out[n] = parse_date(text, order)
        except AmbiguousDate:
            out[n] = (
                f"'{text}' could be day-first or month-first; write it as year-month-day "
                "(2024-03-31) or paste it with dates that have a day above 12"
            )
        except ValueError as exc:
            out[n] = f"'{text}' {exc}"
    return out


def _choose_order(
    lines: list[tuple[int, list[str]]], frequency: Frequency, fiscal: FiscalYear
) -> DateOrder | None:
    """When no date says whether it is day-first, take the one reading under which the
    dates are all valid and fall in distinct periods (monthly "01/02/2024", "01/03/2024"
    are 1 Feb and 1 Mar, not 2 and 3 Jan); None if both or neither reading works."""
    orders: tuple[DateOrder, ...] = ("dmy", "mdy")
    fits: list[DateOrder] = []
    for order in orders:
        dates = _read_dates(lines, order)
        periods = [
            period_start(d, frequency, fiscal=fiscal)
            for d in dates.values()
            if isinstance(d, dt.date)
        ]
        if len(periods) == len(dates) and len(set(periods)) == len(periods):
            fits.append(order)
    return fits[0] if len(fits) == 1 else None


def read_pasted_rows(
    text: str, frequency: Frequency, fiscal: FiscalYear = CALENDAR_YEAR
) -> PastedRows:
    """Read spreadsheet rows ``date<TAB>value[<TAB>note]``; row numbers count every line of
    the pasted text (the header and blank lines too), as the user sees it selected. Dates
    map to their periods by ``fiscal`` (quarters and years)."""
    result = PastedRows()
    lines = [
        (n, _cells(line))
        for n, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1)
        if line.strip()
    ]
    if lines:
        n, first = lines[0]
        looks_like_data = bool(first) and (
            _is_date(first[0]) or (len(first) > 1 and _is_number(first[1]))
        )
        if not looks_like_data:
            result.header = n
            lines = lines[1:]
    for n, cells in lines:
        if len(cells) < 2:
            result.problems.append(
                f"row {n}: needs a date and a value in two columns (copy them from a "
                "spreadsheet, or separate them with a tab)"
            )
        elif len(cells) > 3:
            result.problems.append(
                f"row {n}: has {len(cells)} columns; paste a date, a value and an optional note"
            )
    if result.problems:
        return result
    try:
        order = detect_date_order(cells[0] for _, cells in lines)
    except ValueError as exc:
        result.problems.append(f"The pasted dates can't be read: {exc}")
        return result
    if order is None:
        order = _choose_order(lines, frequency, fiscal)
    dates = _read_dates(lines, order)
    decimal = _decimal_mark([cells[1] for _, cells in lines])
    seen: dict[dt.date, int] = {}
    for n, cells in lines:
        when = dates[n]
        if isinstance(when, str):
            result.problems.append(f"row {n}: {when}")
        try:
            value = parse_number(cells[1], decimal)
        except ValueError as exc:
            result.problems.append(f"row {n}: '{cells[1]}' {exc}")
            continue
        if not isinstance(when, dt.date):
            continue
        period = period_start(when, frequency, fiscal=fiscal)
        if period in seen:
            result.problems.append(
                f"row {n}: {period_label(period, frequency, fiscal=fiscal)} was already given "
                f"in row "
                f"{seen[period]} (a KPI has one value per period)"
            )
            continue
        seen[period] = n
        note = cells[2] if len(cells) > 2 and cells[2] else None
        result.rows.append((period, value, note))
    return result


@dataclass
class PastedColumn:
    """A pasted column of values, one per line from the top: ``values[i]`` is line i+1's
    number (None for a blank line, left as it is), or `problems` say which lines are bad."""

    values: list[float | None] = field(default_factory=list)
    notes: list[str | None] = field(default_factory=list)  # a second column, if pasted
    problems: list[str] = field(default_factory=list)


def read_pasted_column(text: str) -> PastedColumn:
    """Read a column of values copied from a spreadsheet (one value per line, an optional
    note after a tab), the decimal mark decided over all of them. A trailing line break (a
    spreadsheet adds one) is not a line."""
    result = PastedColumn()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and not lines[-1].strip():
        lines.pop()
    rows = [_cells(line) for line in lines]
    decimal = _decimal_mark([cells[0] for cells in rows if cells and cells[0]])
    for n, cells in enumerate(rows, 1):
        if len(cells) > 2:
            result.problems.append(f"line {n}: has {len(cells)} columns; paste a value and a note")
            continue
        value: float | None = None
        if cells and cells[0]:
            try:
                value = parse_number(cells[0], decimal)
            except ValueError as exc:
                result.problems.append(f"line {n}: '{cells[0]}' {exc}")
                continue
        result.values.append(value)
        result.notes.append(cells[1] if len(cells) > 1 and cells[1] else None)
    return result

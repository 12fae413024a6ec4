"""Sizing a KPI's target from its history: the `size` command and the wizard's Size page.

Both call these functions, so they show the same numbers (DESIGN.md, "Sizing"). The maths
lives in :mod:`kpi_desktop.domain.variation.sizing`; this module finds the history (stored values,
pasted text or a file) and shapes the result for JSON.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpi_desktop.domain.periods import (
    CALENDAR_YEAR,
    FiscalYear,
    add_periods,
    period_index,
    period_label,
    period_start,
)
from kpi_desktop.domain.types import Direction, Frequency, Point
from kpi_desktop.domain.values import (
    AmbiguousDate,
    DateOrder,
    detect_date_order,
    parse_date,
    parse_number,
)
from kpi_desktop.domain.variation.sizing import SizingResult, size_target
from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.planning.workspace_settings import fiscal_year
from kpi_desktop.store.tables import Kpi

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

__all__ = [
    "history_from_file",
    "kpi_history",
    "limit_lines",
    "parse_improvement",
    "parse_pasted_history",
    "size_history",
    "size_kpi",
    "sizing_json",
    "stretch_words",
]


def _find_kpi(ws: Workspace, kpi: str | int | Kpi) -> Kpi:
    if isinstance(kpi, Kpi):
        return kpi
    if isinstance(kpi, int):
        return ws.kpis.get(kpi)
    return ws.kpis.find(kpi)


def kpi_history(ws: Workspace, kpi: str | int | Kpi, as_of: dt.date | None = None) -> list[Point]:
    """The KPI's stored values on or before ``as_of`` (default today), in period order."""
    row = _find_kpi(ws, kpi)
    assert row.id is not None
    return ws.measurements.points(row.id, up_to=as_of or dt.date.today())


def size_kpi(
    ws: Workspace,
    kpi_name_or_id: str | int,
    target_date: dt.date,
    target: float | None = None,
    as_of: dt.date | None = None,
) -> SizingResult:
    """Size a target for a stored KPI from its values on or before ``as_of`` (default today).

    ``kpi_name_or_id`` is a name (matched case-insensitively; an unknown or ambiguous name
    raises UnknownName/AmbiguousName with the close matches) or a KPI id.
    """
    as_of = as_of or dt.date.today()
    kpi = _find_kpi(ws, kpi_name_or_id)
    return size_history(
        kpi_history(ws, kpi, as_of),
        Frequency(kpi.frequency),
        Direction(kpi.direction),
        target_date,
        target,
        as_of,
        fiscal=fiscal_year(ws),
    )


def size_history(
    points: Sequence[Point],
    frequency: Frequency | str,
    direction: Direction | str,
    target_date: dt.date,
    target: float | None = None,
    as_of: dt.date | None = None,
    *,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> SizingResult:
    """Size a target from any history (pasted values, a file, a KPI not saved yet).

    Dates are mapped to their periods first, as stored measurements are (quarters and
    years by ``fiscal``, the workspace's fiscal year).
    """
    freq = Frequency(frequency)
    mapped = [Point(period_start(p.period, freq, fiscal=fiscal), float(p.value)) for p in points]
    day = as_of or dt.date.today()
    return size_target(mapped, freq, Direction(direction), target_date, day, target, fiscal)


def limit_lines(
    result: SizingResult, frequency: Frequency | str, as_of: dt.date, last: dt.date
) -> tuple[tuple[Point, Point], tuple[Point, Point]] | None:
    """The lower and upper natural limits as lines over the window, from its first period
    to ``last`` (the latest value's): flat for a level, parallel to the line for a steady
    trend (they pass through ``lower_limit``/``upper_limit`` at the as-of period)."""
    low, high, start = result.lower_limit, result.upper_limit, result.stretch_start
    if low is None or high is None or start is None:
        return None
    freq = Frequency(frequency)
    slope = result.trend_per_period if result.stretch_kind == "trend" else 0.0
    now = period_index(as_of, freq)

    def at(level: float, d: dt.date) -> Point:
        return Point(d, level - (slope or 0.0) * (now - period_index(d, freq)))

    return (at(low, start), at(low, last)), (at(high, start), at(high, last))


def stretch_words(result: SizingResult, frequency: Frequency | str) -> str:
    """The window in plain words: "since Apr 2026, 8 values" (", a steady trend" when
    its limits run around a line); "" without values."""
    if result.stretch_start is None:
        return ""
    since = period_label(result.stretch_start, Frequency(frequency))
    values = "1 value" if result.n_values == 1 else f"{result.n_values} values"
    trend = ", a steady trend" if result.stretch_kind == "trend" else ""
    return f"since {since}, {values}{trend}"


def _number(x: float | None) -> float | None:
    return None if x is None else float(x)


def sizing_json(result: SizingResult) -> dict[str, Any]:
    """The `size --json` object: exactly the contract's keys (attainability and verdict
    only when the result was sized for a target)."""
    s = result.suggestions
    out: dict[str, Any] = {
        "baseline": _number(result.baseline),
        "mean": _number(result.mean),
        "lower_limit": _number(result.lower_limit),
        "upper_limit": _number(result.upper_limit),
        "trend_per_period": _number(result.trend_per_period),
        "forecast": _number(result.forecast),
        "suggestions": {
            "business_as_usual": None if s is None else s.business_as_usual,
            "stretch": None if s is None else s.stretch,
            "ambitious": None if s is None else s.ambitious,
        },
        "stretch": {
            "start": None if result.stretch_start is None else result.stretch_start.isoformat(),
            "count": result.n_values,
            "kind": result.stretch_kind,
        },
    }
    if result.target is not None:
        out["attainability"] = _number(result.attainability)
        out["verdict"] = result.verdict
    return out


# -- history typed or pasted by hand ---------------------------------------------------------

_SPLIT = re.compile(r"\s*[\t;]\s*")


def _split_line(line: str) -> tuple[str | None, str]:
    """(date text or None, value text) of one pasted line."""
    parts = [p for p in _SPLIT.split(line.strip()) if p != ""]
    if len(parts) >= 2:
        return parts[0], parts[-1]
    # "2024-01 1200" or "Jan 2024  1,200.50": the value is the last word
    head, _, tail = line.strip().rpartition(" ")
    if head.strip() and _is_date(head.strip()):
        return head.strip(), tail
    return None, line.strip()


def _is_date(text: str) -> bool:
    orders: tuple[DateOrder, ...] = ("dmy", "mdy")
    for order in orders:
        try:
            parse_date(text, order)
        except ValueError:
            continue
        return True
    return False


def parse_pasted_history(
    text: str,
    frequency: Frequency | str,
    as_of: dt.date,
    *,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> list[Point]:
    """Values pasted from a spreadsheet: one value per line, or date<TAB>value per line.

    Lines with dates are mapped to their periods (a month's date to its 1st). Lines of bare
    values are read as consecutive periods ending with the last complete period before
    ``as_of`` (for monthly values pasted in December 2024, the last one is November 2024).
    A first line that is neither (a column header) is skipped; blank lines are ignored.
    Raises ValidationError("history", ...) naming the line for anything else.
    """
    freq = Frequency(frequency)
    rows: list[tuple[int, str | None, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            rows.append((number, *_split_line(line)))
    if not rows:
        return []
    first_no, first_date, first_value = rows[0]
    try:
        parse_number(first_value)
    except ValueError:
        rows = rows[1:]  # a header such as "Month<TAB>Sales"
    dated = [r for r in rows if r[1] is not None]
    if dated and len(dated) != len(rows):
        bare = next(r for r in rows if r[1] is None)
        raise ValidationError(
            "history",
            f"Line {bare[0]} has a value but no date while other lines have dates: "
            "give every line a date, or none",
        )
    values: list[tuple[int, float]] = []
    for number, _date, cell in rows:
        try:
            values.append((number, parse_number(cell)))
        except ValueError as exc:
            raise ValidationError("history", f"Line {number}: {cell!r} {exc}") from None
    if not dated:
        last = add_periods(as_of, freq, -1, fiscal=fiscal)
        n = len(values)
        return [
            Point(add_periods(last, freq, k - n + 1, fiscal=fiscal), v)
            for k, (_, v) in enumerate(values)
        ]
    order = detect_date_order(r[1] for r in dated if r[1] is not None)
    seen: dict[dt.date, int] = {}
    points = []
    for (number, date_text, _), (_, value) in zip(rows, values, strict=True):
        assert date_text is not None
        try:
            when = parse_date(date_text, order)
        except AmbiguousDate:
            raise ValidationError(
                "history",
                f"Line {number}: {date_text!r} could be day-first or month-first; "
                "write it as YYYY-MM-DD",
            ) from None
        except ValueError as exc:
            raise ValidationError("history", f"Line {number}: {date_text!r} {exc}") from None
        period = period_start(when, freq, fiscal=fiscal)
        if period in seen:
            raise ValidationError(
                "history",
                f"Lines {seen[period]} and {number} fall in the same period "
                f"({period_label(period, freq, fiscal=fiscal)}): one value per period",
            )
        seen[period] = number
        points.append(Point(period, value))
    return sorted(points, key=lambda p: p.period)


_IMPROVEMENT = re.compile(r"^\s*([+\-−]?)\s*([0-9.,\s']+?)\s*(%?)\s*$")


def parse_improvement(text: str, baseline: float) -> float:
    """The target that an improvement typed by the user means: "+10 %" is the baseline
    plus 10 % of it, "-5%" 5 % less, "+500" 500 more. Raises ValidationError otherwise."""
    m = _IMPROVEMENT.match(text or "")
    if not m:
        raise ValidationError(
            "improvement", 'Write the improvement as a change, for example "+10 %" or "+500"'
        )
    sign, digits, percent = m.groups()
    try:
        amount = parse_number(digits)
    except ValueError:
        raise ValidationError(
            "improvement", f'{digits.strip()!r} is not a number (try "+10 %")'
        ) from None
    if sign in ("-", "−"):
        amount = -amount
    if percent:
        return baseline * (1.0 + amount / 100.0)
    return baseline + amount


# -- history from a spreadsheet file -----------------------------------------------------------


def history_from_file(ws: Workspace, path: Path | str, **options: Any) -> dict[str, list[Point]]:
    """The series in a CSV or XLSX file, by column (wide) or KPI name (long), read with the
    importer's rules (dates, numbers, bad rows). Nothing is written to the workspace.

    ``options`` go to :class:`~kpi_desktop.services.importing.file_import.ImportOptions`;
    ``create_missing`` is always on, so that every number column is read, also for a KPI
    that is not saved yet. Raises the importer's errors (ImportFileError, ImportFailed...).
    """
    from kpi_desktop.services.importing.file_import import ImportOptions, plan_import

    plan = plan_import(ws, Path(path), ImportOptions(**{**options, "create_missing": True}))
    out: dict[str, list[Point]] = {}
    for name, period, value, _row in plan.values:
        out.setdefault(name, []).append(Point(period, float(value)))
    return {name: sorted(pts, key=lambda p: p.period) for name, pts in out.items()}

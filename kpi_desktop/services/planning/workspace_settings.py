"""The workspace's settings, kept in the workspace file (table ``workspace_info``) so that
everybody who opens it sees the same: the grace for stale values and the fiscal year."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlmodel import Session

from kpi_desktop.domain.due import DEFAULT_GRACE_DAYS, MAX_GRACE_DAYS
from kpi_desktop.domain.periods import CALENDAR_YEAR, FiscalYear, period_start
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.errors import ConflictError, ValidationError
from kpi_desktop.services.workspace import change_log
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.raw import RawConnection

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

GRACE_KEY = "stale_grace_days"
FISCAL_KEY = "fiscal_year_start_month"

#: The frequencies whose periods follow the fiscal year.
FISCAL_FREQUENCIES = (Frequency.QUARTERLY, Frequency.YEARLY)


def _read(raw: RawConnection, key: str) -> str | None:
    row = raw.execute("SELECT value FROM workspace_info WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _write(s: Session, key: str, value: str) -> None:
    s.connection().execute(
        text(
            "INSERT INTO workspace_info(key, value) VALUES (:k, :v) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
        ),
        {"k": key, "v": value},
    )


def _read_int(raw: RawConnection, key: str, low: int, high: int, default: int) -> int:
    """An integer setting; the default when never set or not a number from low to high."""
    try:
        value = int(_read(raw, key) or default)
    except ValueError:
        return default
    return value if low <= value <= high else default


# -- the grace for stale values -------------------------------------------------------------


def read_grace_days(raw: RawConnection) -> int:
    """The grace in days from an open connection (the default when never set)."""
    return _read_int(raw, GRACE_KEY, 0, MAX_GRACE_DAYS, DEFAULT_GRACE_DAYS)


def grace_days(ws: Workspace) -> int:
    """The workspace's grace in days (see domain.staleness)."""
    with ws.reading() as s:
        return read_grace_days(sqlite_connection(s))


def set_grace_days(ws: Workspace, days: int) -> int:
    """Set how many days after a period's end its value may come before the KPI is stale."""
    if not 0 <= int(days) <= MAX_GRACE_DAYS:
        raise ValidationError(
            "stale_grace_days", f"The grace must be 0 to {MAX_GRACE_DAYS} days (got {days})"
        )
    with ws.writing() as s:
        before = read_grace_days(sqlite_connection(s))
        change_log.record(s, "setting", "stale grace (days)", old=str(before), new=str(int(days)))
        _write(s, GRACE_KEY, str(int(days)))
    return int(days)


# -- the fiscal year ------------------------------------------------------------------------


def read_fiscal_year(raw: RawConnection) -> FiscalYear:
    """The fiscal year from an open connection (the calendar year when never set)."""
    return FiscalYear(_read_int(raw, FISCAL_KEY, 1, 12, CALENDAR_YEAR.start_month))


def fiscal_year(ws: Workspace) -> FiscalYear:
    """The workspace's fiscal year (quarterly and yearly periods follow it)."""
    with ws.reading() as s:
        return read_fiscal_year(sqlite_connection(s))


def set_fiscal_year(ws: Workspace, start_month: int) -> FiscalYear:
    """Set the first month of the fiscal year (1 = January, the calendar year).

    Refused, with nothing written, while a quarterly or yearly KPI has a value or milestone
    on a day that would not start its period under the new setting (a yearly value for
    1 January when the year is to start in April): the message names those KPIs.
    """
    if type(start_month) is not int or not 1 <= start_month <= 12:
        raise ValidationError(
            "fiscal_year_start",
            f"The fiscal year starts in a month from 1 (January) to 12 (December), "
            f"not {start_month!r}",
        )
    new = FiscalYear(start_month)
    with ws.writing() as s:
        raw = sqlite_connection(s)
        before = read_fiscal_year(raw)
        if new == before:
            return new
        misplaced = misplaced_periods(raw, new)
        if misplaced:
            raise ConflictError(_refusal(new, misplaced))
        change_log.record(
            s,
            "setting",
            "fiscal year starts in",
            old=before.first_month_name,
            new=new.first_month_name,
        )
        _write(s, FISCAL_KEY, str(start_month))
    return new


def misplaced_periods(raw: RawConnection, fiscal: FiscalYear) -> dict[str, list[dt.date]]:
    """Each quarterly or yearly KPI (by name) whose stored values or milestones lie on days
    that do not start a period under ``fiscal``, with those days (oldest first)."""
    freqs = tuple(f.value for f in FISCAL_FREQUENCIES)
    marks = ", ".join("?" for _ in freqs)
    rows = raw.execute(
        f"SELECT k.name, k.frequency, m.period FROM measurement m JOIN kpi k ON k.id = m.kpi_id "
        f"WHERE k.frequency IN ({marks}) "
        f"UNION SELECT k.name, k.frequency, m.date FROM milestone m JOIN kpi k ON k.id = m.kpi_id "
        f"WHERE k.frequency IN ({marks}) "
        f"UNION SELECT k.name, k.frequency, m.date FROM plan_revision_milestone m "
        f"JOIN kpi k ON k.id = m.kpi_id WHERE k.frequency IN ({marks})",
        freqs * 3,
    ).fetchall()
    out: dict[str, list[dt.date]] = {}
    for name, freq, day in rows:
        d = dt.date.fromisoformat(str(day)[:10])
        if period_start(d, Frequency(freq), fiscal=fiscal) != d:
            out.setdefault(str(name), []).append(d)
    return {name: sorted(days) for name, days in sorted(out.items(), key=lambda r: r[0].lower())}


def _refusal(new: FiscalYear, misplaced: dict[str, list[dt.date]]) -> str:
    names = [f'"{n}"' for n in misplaced]
    if len(names) > 5:
        names = [*names[:5], f"{len(misplaced) - 5} more"]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    first = min(d for days in misplaced.values() for d in days)
    return (
        f"The fiscal year cannot start in {new.first_month_name}: {listed} "
        f"{'has' if len(misplaced) == 1 else 'have'} values or milestones on days that would "
        f"not start their quarter or year then (the first on {first.isoformat()}), so they "
        "would fall into other periods. Nothing was changed; delete or re-enter those values "
        "first."
    )

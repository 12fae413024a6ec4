"""The workspace's grace for stale values (a setting kept in the workspace file)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from sqlalchemy import text

from kpi_desktop.domain.due import DEFAULT_GRACE_DAYS, MAX_GRACE_DAYS
from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.workspace import change_log
from kpi_desktop.store.engine import sqlite_connection

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

GRACE_KEY = "stale_grace_days"


def read_grace_days(raw: sqlite3.Connection) -> int:
    """The grace in days from an open connection (the default when never set)."""
    row = raw.execute("SELECT value FROM workspace_info WHERE key = ?", (GRACE_KEY,)).fetchone()
    try:
        days = int(row[0]) if row else DEFAULT_GRACE_DAYS
    except (TypeError, ValueError):
        return DEFAULT_GRACE_DAYS
    return days if 0 <= days <= MAX_GRACE_DAYS else DEFAULT_GRACE_DAYS


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
        s.connection().execute(
            text("INSERT OR REPLACE INTO workspace_info(key, value) VALUES (:k, :v)"),
            {"k": GRACE_KEY, "v": str(int(days))},
        )
    return int(days)

"""Edits based on a stale view: two windows (or programs) on one workspace file.

Goals and KPIs carry a `version` that every edit of the row bumps. An editor remembers the
version it showed and passes it as `expected_version`; when the row changed meanwhile the
service refuses with :class:`StaleEdit` instead of silently overwriting the other edit.
Callers that pass no version (the CLI, undo, imports) keep last-writer-wins.
"""

from __future__ import annotations

from typing import Protocol

from kpi_desktop.services.errors import KpiDesktopError


class StaleEdit(KpiDesktopError):
    """The row was changed by someone else since the caller read it; nothing was saved."""

    def __init__(
        self, kind: str, name: str, expected: int, found: int, last_change: str = ""
    ) -> None:
        by = f" ({last_change})" if last_change else ""
        super().__init__(
            f'This {kind} ("{name}") was changed in another window or program{by} since it '
            "was shown here; your edit was not saved. Reload to see the change, then edit again."
        )
        self.last_change = last_change
        self.kind = kind
        self.name = name
        self.expected = expected
        self.found = found


class _Versioned(Protocol):
    version: int


def check_and_bump(row: _Versioned, expected: int | None, kind: str, name: str) -> None:
    """Refuse when `expected` is given and differs from the row's version; else bump it."""
    if expected is not None and row.version != expected:
        raise StaleEdit(kind, name, expected, row.version, _last_change(row, kind))
    row.version += 1


def _last_change(row: object, kind: str) -> str:
    """Who changed the row last and what, from the change log: "anna changed target_value
    at 12:01" (empty when the log does not say)."""
    from sqlalchemy.orm import object_session
    from sqlmodel import col, select

    from kpi_desktop.store.tables import ChangeLogEntry

    session = object_session(row)
    row_id = getattr(row, "id", None)
    column = {"KPI": col(ChangeLogEntry.kpi_id), "goal": col(ChangeLogEntry.goal_id)}.get(kind)
    if session is None or row_id is None or column is None:
        return ""
    last = session.execute(
        select(col(ChangeLogEntry.who), col(ChangeLogEntry.what), col(ChangeLogEntry.at))
        .where(column == row_id)
        .order_by(col(ChangeLogEntry.id).desc())
        .limit(1)
    ).first()
    if last is None:
        return ""
    who, what, at = last
    return f"{who or 'someone'} changed {what} at {str(at)[11:16]}"


class LostRace(StaleEdit):
    """Another client committed an edit of the same row while this one was saving (the
    row's version no longer matched at the UPDATE); nothing of this edit was saved."""

    def __init__(self, kind: str) -> None:
        KpiDesktopError.__init__(
            self,
            f"This {kind} was changed by another user or window while your edit was being "
            "saved; your edit was not saved. Reload to see their change, then edit again.",
        )
        self.kind = kind
        self.name = ""
        self.expected = -1
        self.found = -1


def lost_race(exc: Exception) -> LostRace:
    """The user's message for SQLAlchemy's StaleDataError ("... 'goal' ... expected to update
    1 row(s); 0 were matched")."""
    text = str(exc)
    for table, kind in (("kpi", "KPI"), ("goal", "goal"), ("annotation", "note")):
        if f"'{table}'" in text:
            return LostRace(kind)
    return LostRace("item")

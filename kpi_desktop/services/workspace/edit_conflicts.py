"""Edits based on a stale view: two windows (or programs, or users of a team workspace).

Goals and KPIs carry a `version` that every edit of the row bumps. An editor remembers the
version it showed and passes it as `expected_version`; when the row changed meanwhile the
service refuses with :class:`StaleEdit` instead of silently overwriting the other edit.
Callers that pass no version (the CLI, undo, imports) keep last-writer-wins. A race lost
inside the save itself (another client committed between this one's read and its UPDATE,
caught by SQLAlchemy's version check) is a :class:`LostRace`. Both say who changed what,
from the change log, so the editor can offer to keep this edit or take the other one.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from kpi_desktop.services.errors import KpiDesktopError


class LastChange(NamedTuple):
    """The change log's latest line about a row: who, which field ("name", "values"...), when
    (HH:MM)."""

    who: str
    what: str
    at: str

    def sentence(self) -> str:
        return f"{self.who or 'someone'} changed {self.what} at {self.at}"


class StaleEdit(KpiDesktopError):
    """The row was changed by someone else since the caller read it; nothing was saved."""

    def __init__(
        self, kind: str, name: str, expected: int, found: int, change: LastChange | None = None
    ) -> None:
        by = f" ({change.sentence()})" if change else ""
        super().__init__(
            f'This {kind} ("{name}") was changed in another window or program{by} since it '
            "was shown here; your edit was not saved. Reload to see the change, or save "
            "yours over it."
        )
        self.change = change
        self.last_change = change.sentence() if change else ""
        self.kind = kind
        self.name = name
        self.expected = expected
        self.found = found


class _Versioned(Protocol):
    version: int


def check_and_bump(row: _Versioned, expected: int | None, kind: str, name: str) -> None:
    """Refuse when `expected` is given and differs from the row's version; else bump it."""
    if expected is not None and row.version != expected:
        from sqlalchemy.orm import object_session

        change = last_change(object_session(row), kind, getattr(row, "id", None))
        raise StaleEdit(kind, name, expected, row.version, change)
    row.version += 1


def last_change(session: Session | None, kind: str, row_id: int | None) -> LastChange | None:
    """Who changed the goal or KPI `row_id` last and what, from the change log (None when
    the log does not say)."""
    from sqlmodel import col, select

    from kpi_desktop.store.tables import ChangeLogEntry

    column = {"KPI": col(ChangeLogEntry.kpi_id), "goal": col(ChangeLogEntry.goal_id)}.get(kind)
    if session is None or row_id is None or column is None:
        return None
    last = session.execute(
        select(col(ChangeLogEntry.who), col(ChangeLogEntry.what), col(ChangeLogEntry.at))
        .where(column == row_id)
        .order_by(col(ChangeLogEntry.id).desc())
        .limit(1)
    ).first()
    if last is None:
        return None
    who, what, at = last
    return LastChange(who, what, str(at)[11:16])


class LostRace(StaleEdit):
    """Another client committed an edit of the same row while this one was saving (the
    row's version no longer matched at the UPDATE); nothing of this edit was saved."""

    def __init__(self, kind: str, change: LastChange | None = None) -> None:
        by = f" ({change.sentence()})" if change else ""
        KpiDesktopError.__init__(
            self,
            f"This {kind} was changed by another user or window{by} while your edit was being "
            "saved; your edit was not saved. Reload to see their change, or save yours over it.",
        )
        self.change = change
        self.last_change = change.sentence() if change else ""
        self.kind = kind
        self.name = ""
        self.expected = -1
        self.found = -1


_KINDS = {"kpi": "KPI", "goal": "goal", "annotation": "note"}


_FLUSHED = "kpi_desktop.versioned_rows"


@event.listens_for(Session, "before_flush")
def _remember_versioned_rows(session: Session, _context: object, _instances: object) -> None:
    """Note the (table, id) of the versioned rows a flush is about to update: when the
    flush fails on their version the rollback has forgotten them."""
    from sqlalchemy import inspect

    rows = []
    for obj in session.dirty:
        table = getattr(type(obj), "__tablename__", "")
        identity = inspect(obj).identity
        if table in _KINDS and identity:
            rows.append((str(table), int(identity[0])))
    session.info[_FLUSHED] = rows


def flushed_versioned_rows(session: Session) -> list[tuple[str, int]]:
    """The versioned rows the session's last flush was updating."""
    return list(session.info.get(_FLUSHED, []))


def lost_race(exc: Exception, rows: list[tuple[str, int]], reader: Session | None) -> LostRace:
    """The user's message for SQLAlchemy's StaleDataError ("... 'goal' ... expected to update
    1 row(s); 0 were matched"): the row it names, and who changed it (read by `reader`, a
    fresh session, from the change log)."""
    text = str(exc)
    for table, kind in _KINDS.items():
        if f"'{table}'" in text:
            row_id = next((i for t, i in rows if t == table), None)
            try:
                return LostRace(kind, last_change(reader, kind, row_id))
            except DBAPIError:  # the log cannot be read now: say what is known
                return LostRace(kind)
    return LostRace("item")

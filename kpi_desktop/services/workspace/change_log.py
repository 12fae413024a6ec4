"""The change log: every change to the plan, written in the transaction of the change.

Edits made through the ORM (goals, KPIs, milestones, reviews, actions, values typed or
pasted) are recorded by one hook on the write sessions (:func:`watch`), field by field with
the value before and after; set-based writes (an import, restoring a deleted goal) record
one summary row each through :func:`record`. Who: the OS user name.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import getpass
import os
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from kpi_desktop.domain.formatting import format_date, format_number
from kpi_desktop.i18n.catalogue import QT_TRANSLATE_NOOP, translate
from kpi_desktop.store.tables import (
    Action,
    Annotation,
    ChangeLogEntry,
    Goal,
    Kpi,
    Measurement,
    Milestone,
    Review,
)

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

WATCH_KEY = "kpi_change_log"
_VALUES_KEY = "kpi_change_log_values"  # value changes of the transaction, written at commit
#: Values changed in one write and logged one by one; more make one summary row per KPI.
VALUES_LISTED = 5
_SUMMARIES = {
    "import",
    "values",
    "target revised",
    "target revision undone",
}  # rows that tell a count, not a value before and after
_SKIPPED = {"id", "version", "created_at", "updated_at"}
_KINDS: dict[type, str] = {
    Goal: "goal",
    Kpi: "kpi",
    Milestone: "milestone",
    Measurement: "value",
    Review: "review",
    Action: "action",
    Annotation: "note",
}


@dataclass(frozen=True, slots=True)
class Change:
    at: str
    who: str
    kind: str
    kpi_id: int | None
    goal_id: int | None
    name: str
    what: str
    old: str
    new: str

    def line(self) -> str:
        """One line for people: "2026-12-06 13:20 anna  KPI "Revenue": target 46000 → 48000"."""
        subject = f'{self.kind} "{self.name}"' if self.name else self.kind
        if self.what in ("added", "deleted", "restored"):
            return f"{self.at[:16].replace('T', ' ')}  {self.who}  {subject} {self.what}"
        if self.old and self.new:
            change = f"{self.old} → {self.new}"
        elif self.new:
            change = self.new if self.what in _SUMMARIES else f"{self.new} (new)"
        else:
            change = self.old if self.what in _SUMMARIES else f"{self.old} (removed)"
        return f"{self.at[:16].replace('T', ' ')}  {self.who}  {subject}: {self.what} {change}"

    def as_json(self) -> dict[str, object]:
        return {
            "at": self.at,
            "who": self.who,
            "kind": self.kind,
            "name": self.name,
            "what": self.what,
            "old": self.old,
            "new": self.new,
        }


#: Who is writing, when not the OS user: a team workspace's server role (see acting_as).
_ACTING_AS: contextvars.ContextVar[str] = contextvars.ContextVar("kpi_acting_as", default="")


@contextmanager
def acting_as(who: str | None) -> Iterator[None]:
    """Log the changes made inside as `who` (the server role); none given: the OS user."""
    token = _ACTING_AS.set(who or "")
    try:
        yield
    finally:
        _ACTING_AS.reset(token)


@lru_cache(maxsize=1)
def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password file
        return os.environ.get("USERNAME", "") or "unknown"


def watch(session: Session) -> None:
    """Record what this (write) session changes, in its own transaction."""
    session.info[WATCH_KEY] = True


@contextmanager
def unwatched(session: Session) -> Iterator[None]:
    """Leave the changes made (and flushed) inside out of the log: a write that records
    one summary row of its own instead (a plan revision keeps the milestones it replaces)."""
    was = session.info.get(WATCH_KEY, False)
    session.info[WATCH_KEY] = False
    try:
        yield
        session.flush()
    finally:
        session.info[WATCH_KEY] = was


def record(
    session: Session,
    kind: str,
    what: str,
    *,
    kpi_id: int | None = None,
    goal_id: int | None = None,
    name: str = "",
    old: str = "",
    new: str = "",
) -> None:
    """Record one change that the hook cannot see (a set-based write)."""
    session.connection().execute(
        insert(ChangeLogEntry),
        [_row(kind, what, kpi_id=kpi_id, goal_id=goal_id, name=name, old=old, new=new)],
    )


def history(
    ws: Workspace,
    *,
    kpi_id: int | None = None,
    goal_id: int | None = None,
    since: dt.date | None = None,
    limit: int | None = None,
) -> list[Change]:
    """The changes, newest first; of one KPI or goal, from a date on, when asked."""
    query = "SELECT at, who, kind, kpi_id, goal_id, name, what, old, new FROM change_log"
    where: list[str] = []
    params: list[object] = []
    if kpi_id is not None:
        where.append("kpi_id = ?")
        params.append(kpi_id)
    if goal_id is not None:
        where.append("goal_id = ?")
        params.append(goal_id)
    if since is not None:
        where.append("at >= ?")
        params.append(since.isoformat())
    if where:
        query += " WHERE " + " AND ".join(where)
    query += " ORDER BY at DESC, id DESC"
    if limit is not None:
        query += f" LIMIT {int(limit)}"
    from kpi_desktop.store.engine import sqlite_connection

    with ws.reading() as s:
        rows = sqlite_connection(s).execute(query, params).fetchall()
    return [Change(*row) for row in rows]


# -- the hook -------------------------------------------------------------------------------


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    if not session.info.get(WATCH_KEY):
        return
    rows: list[dict[str, Any]] = []
    values: dict[int, list[dict[str, Any]]] = session.info.setdefault(
        _VALUES_KEY, defaultdict(list)
    )
    for state, objects in (
        ("added", session.new),
        ("changed", session.dirty),
        ("deleted", session.deleted),
    ):
        for obj in objects:
            kind = _KINDS.get(type(obj))
            if kind is None:
                continue
            found = _changes_of(obj, kind, state)
            if kind == "value":
                values[obj.kpi_id].extend(found)
            else:
                rows.extend(found)
    if rows:
        session.connection().execute(insert(ChangeLogEntry), rows)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    """The values a transaction changed: one by one when few, else a summary per KPI."""
    if not session.info.get(WATCH_KEY):
        return
    session.flush()  # commit flushes after this event: see what it would flush now
    values = session.info.pop(_VALUES_KEY, None)
    if not values:
        return
    rows: list[dict[str, Any]] = []
    for kpi_id, changed in values.items():
        if len(changed) <= VALUES_LISTED:
            rows.extend(changed)
        else:
            name = changed[0]["name"]
            rows.append(
                _row("value", "values", kpi_id=kpi_id, name=name, new=f"{len(changed)} set")
            )
    session.connection().execute(insert(ChangeLogEntry), rows)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_VALUES_KEY, None)


def _changes_of(obj: Any, kind: str, state: str) -> list[dict[str, Any]]:
    where = _where(obj, kind)
    if state == "added" or state == "deleted":
        what = "added" if state == "added" else "deleted"
        if kind in ("value", "milestone"):  # the period, and the value that came or went
            new = _text(obj.value)
            return [
                _row(
                    kind,
                    str(obj.period if kind == "value" else obj.date),
                    **where,
                    old="" if state == "added" else new,
                    new=new if state == "added" else "",
                )
            ]
        return [_row(kind, what, **where)]
    out = []
    insp = inspect(obj)
    for attr in insp.mapper.column_attrs:
        if attr.key in _SKIPPED:
            continue
        hist = insp.attrs[attr.key].history
        if not hist.has_changes():
            continue
        before = hist.deleted[0] if hist.deleted else None
        after = hist.added[0] if hist.added else None
        if before == after:
            continue
        what = str(obj.period) if kind == "value" else attr.key
        if kind == "value" and attr.key != "value":
            what = f"{obj.period} {attr.key}"
        out.append(_row(kind, what, **where, old=_text(before), new=_text(after)))
    return out


def _where(obj: Any, kind: str) -> dict[str, Any]:
    if kind == "goal":
        return {"goal_id": obj.id, "name": obj.title or ""}
    if kind == "kpi":
        return {"kpi_id": obj.id, "goal_id": obj.goal_id, "name": obj.name or ""}
    if kind in ("value", "milestone"):
        return {"kpi_id": obj.kpi_id, "name": _kpi_name(inspect(obj).session, obj.kpi_id)}
    if kind == "action":
        return {"kpi_id": obj.kpi_id, "goal_id": obj.goal_id, "name": obj.title or ""}
    if kind == "note":
        return {"kpi_id": obj.kpi_id, "name": obj.text or ""}
    return {"name": obj.title or ""}


def _kpi_name(session: Session | None, kpi_id: int) -> str:
    """The KPI's name, from the session's own objects or one small read."""
    if session is None:
        return ""
    names: dict[int, str] = session.info.setdefault("kpi_change_log_names", {})
    if kpi_id not in names:
        kpi = session.get(Kpi, kpi_id)
        names[kpi_id] = "" if kpi is None else kpi.name
    return names[kpi_id]


def _row(kind: str, what: str, **fields: Any) -> dict[str, Any]:
    return {
        "at": dt.datetime.now().isoformat(timespec="seconds"),
        "who": _ACTING_AS.get() or current_user(),
        "kind": kind,
        "kpi_id": fields.get("kpi_id"),
        "goal_id": fields.get("goal_id"),
        "name": fields.get("name", ""),
        "what": what,
        "old": fields.get("old", ""),
        "new": fields.get("new", ""),
    }


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


# -- in words, for the History dialog (the CLI and its JSON keep the stored English) ------

#: What a row names (its kind, the field or event), as the History dialog shows it.
WORDS = (
    QT_TRANSLATE_NOOP("ChangeLog", "goal"),
    QT_TRANSLATE_NOOP("ChangeLog", "kpi"),
    QT_TRANSLATE_NOOP("ChangeLog", "milestone"),
    QT_TRANSLATE_NOOP("ChangeLog", "value"),
    QT_TRANSLATE_NOOP("ChangeLog", "review"),
    QT_TRANSLATE_NOOP("ChangeLog", "action"),
    QT_TRANSLATE_NOOP("ChangeLog", "note"),
    QT_TRANSLATE_NOOP("ChangeLog", "setting"),
    QT_TRANSLATE_NOOP("ChangeLog", "added"),
    QT_TRANSLATE_NOOP("ChangeLog", "deleted"),
    QT_TRANSLATE_NOOP("ChangeLog", "restored"),
    QT_TRANSLATE_NOOP("ChangeLog", "import"),
    QT_TRANSLATE_NOOP("ChangeLog", "values"),
    QT_TRANSLATE_NOOP("ChangeLog", "target revised"),
    QT_TRANSLATE_NOOP("ChangeLog", "target revision undone"),
    QT_TRANSLATE_NOOP("ChangeLog", "stale grace (days)"),
    QT_TRANSLATE_NOOP("ChangeLog", "fiscal year starts in"),
    QT_TRANSLATE_NOOP("ChangeLog", "drives"),
    QT_TRANSLATE_NOOP("ChangeLog", "title"),
    QT_TRANSLATE_NOOP("ChangeLog", "name"),
    QT_TRANSLATE_NOOP("ChangeLog", "description"),
    QT_TRANSLATE_NOOP("ChangeLog", "key question"),
    QT_TRANSLATE_NOOP("ChangeLog", "parent id"),
    QT_TRANSLATE_NOOP("ChangeLog", "goal id"),
    QT_TRANSLATE_NOOP("ChangeLog", "kpi id"),
    QT_TRANSLATE_NOOP("ChangeLog", "review id"),
    QT_TRANSLATE_NOOP("ChangeLog", "perspective"),
    QT_TRANSLATE_NOOP("ChangeLog", "owner"),
    QT_TRANSLATE_NOOP("ChangeLog", "due date"),
    QT_TRANSLATE_NOOP("ChangeLog", "position"),
    QT_TRANSLATE_NOOP("ChangeLog", "archived"),
    QT_TRANSLATE_NOOP("ChangeLog", "unit"),
    QT_TRANSLATE_NOOP("ChangeLog", "unit kind"),
    QT_TRANSLATE_NOOP("ChangeLog", "currency symbol"),
    QT_TRANSLATE_NOOP("ChangeLog", "decimals"),
    QT_TRANSLATE_NOOP("ChangeLog", "direction"),
    QT_TRANSLATE_NOOP("ChangeLog", "range low"),
    QT_TRANSLATE_NOOP("ChangeLog", "range high"),
    QT_TRANSLATE_NOOP("ChangeLog", "aggregation"),
    QT_TRANSLATE_NOOP("ChangeLog", "frequency"),
    QT_TRANSLATE_NOOP("ChangeLog", "baseline value"),
    QT_TRANSLATE_NOOP("ChangeLog", "baseline date"),
    QT_TRANSLATE_NOOP("ChangeLog", "target value"),
    QT_TRANSLATE_NOOP("ChangeLog", "target date"),
    QT_TRANSLATE_NOOP("ChangeLog", "tolerance"),
    QT_TRANSLATE_NOOP("ChangeLog", "data source"),
    QT_TRANSLATE_NOOP("ChangeLog", "formula"),
    QT_TRANSLATE_NOOP("ChangeLog", "calculation"),
    QT_TRANSLATE_NOOP("ChangeLog", "leading"),
    QT_TRANSLATE_NOOP("ChangeLog", "weight"),
    QT_TRANSLATE_NOOP("ChangeLog", "review date"),
    QT_TRANSLATE_NOOP("ChangeLog", "date"),
    QT_TRANSLATE_NOOP("ChangeLog", "notes"),
    QT_TRANSLATE_NOOP("ChangeLog", "done"),
    QT_TRANSLATE_NOOP("ChangeLog", "done date"),
    QT_TRANSLATE_NOOP("ChangeLog", "start date"),
    QT_TRANSLATE_NOOP("ChangeLog", "end date"),
    QT_TRANSLATE_NOOP("ChangeLog", "text"),
    QT_TRANSLATE_NOOP("ChangeLog", "source"),
)
_ISO_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+)?")
_NUMBER = re.compile(r"-?\d+(?:\.(\d+))?")
_COUNTS = {  # a summary row's counts, in words
    re.compile(r"(\d+) set"): QT_TRANSLATE_NOOP("ChangeLog", "{0} set"),
    re.compile(r"(\d+) deleted at once"): QT_TRANSLATE_NOOP("ChangeLog", "{0} deleted at once"),
    re.compile(r"(\d+) new, (\d+) replaced, (\d+) kept, (\d+) KPIs created"): QT_TRANSLATE_NOOP(
        "ChangeLog", "{0} new, {1} replaced, {2} kept, {3} KPIs created"
    ),
}


def in_words(change: Change) -> tuple[str, str]:
    """The History dialog's "What" and "Change" of a row, in the language in use:
    ("kpi Food waste: owner", "Aylin → Ben"), in German ("KPI Food waste: Verantwortlich", …)."""
    subject = f"{_word(change.kind)} {change.name}".strip()
    field = change.what.replace("_", " ")
    day = _ISO_DAY.match(field)
    if day:  # a value's or milestone's period, maybe with the field ("2026-11-01 note")
        rest = field[day.end() :].strip()
        field = " ".join((format_date(dt.date.fromisoformat(day.group(1))), _word(rest))).strip()
    else:
        field = _word(field)
    if change.old and change.new:
        done = f"{_value(change.old)} → {_value(change.new)}"
    elif change.new:
        done = _value(change.new)
    else:
        removed = translate("ChangeLog", "{0} (removed)")
        done = removed.format(_value(change.old)) if change.old else ""
    return f"{subject}: {field}", done


def _word(text: str) -> str:
    return translate("ChangeLog", text) if text else ""


def _value(text: str) -> str:
    """A stored value for people: dates and numbers in the language's style, yes/no, counts."""
    if text in ("True", "False"):
        return translate("ChangeLog", "yes") if text == "True" else translate("ChangeLog", "no")
    if (day := _ISO_DAY.fullmatch(text)) and len(text) == 10:
        return format_date(dt.date.fromisoformat(day.group(1)))
    if number := _NUMBER.fullmatch(text):
        return format_number(float(text), len(number.group(1) or ""))
    for pattern, sentence in _COUNTS.items():
        if counts := pattern.fullmatch(text):
            numbers = (format_number(int(n)) for n in counts.groups())
            return translate("ChangeLog", sentence).format(*numbers)
    return text

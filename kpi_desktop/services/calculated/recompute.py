"""Keeping a calculated KPI's values up to date, in the transaction of every change.

Any write that changes a KPI's values marks the periods it touched (the ORM writes by a
flush hook, set-based writes by :func:`mark`); before the transaction commits,
:func:`settle` recomputes the calculated KPIs that use a marked KPI, over the marked
periods only, chains in order. The values are stored as measurements with the source
``calculated``, so every reader (status, charts, exports, the deck) sees a plain KPI.

The recompute is one SQL statement per calculated KPI: the formula's tree (parsed by
domain/formulas) is written as an SQL expression over the inputs' rows joined by period
(IEEE doubles in the order written, as the domain's evaluator does: tests compare them);
a division by zero is NULL there, so that period gets no value.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from kpi_desktop.domain.formulas.evaluate import calculation_order, name_key
from kpi_desktop.domain.formulas.parser import Binary, Negate, Node, Number, Ref, parse, refs
from kpi_desktop.domain.magnitude import MAX_MAGNITUDE
from kpi_desktop.services.calculated.definitions import KpiRow, kpi_rows
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.tables import Measurement

SOURCE = "calculated"
_DIRTY_KEY = "kpi_calculated_dirty"
#: The period before, as an SQLite date modifier per frequency (periods are stored as
#: their first day, so a month, quarter or year back is again a period's first day).
_BACK = {
    "daily": "-1 day",
    "weekly": "-7 days",
    "monthly": "-1 month",
    "quarterly": "-3 months",
    "yearly": "-12 months",
}
_ALL = (None, None)


def mark(
    session: Session, kpi_id: int, first: dt.date | None = None, last: dt.date | None = None
) -> None:
    """The KPI's values changed between `first` and `last` (None, None: maybe all)."""
    dirty: dict[int, tuple[dt.date | None, dt.date | None]] = session.info.setdefault(
        _DIRTY_KEY, {}
    )
    if first is None or last is None:
        dirty[kpi_id] = _ALL
        return
    was = dirty.get(kpi_id)
    if was is None:
        dirty[kpi_id] = (first, last)
    elif was != _ALL:
        lo, hi = was
        assert lo is not None and hi is not None
        dirty[kpi_id] = (min(lo, first), max(hi, last))


def mark_many(session: Session, kpi_ids: Iterable[int]) -> None:
    for kpi_id in kpi_ids:
        mark(session, kpi_id)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    for objects in (session.new, session.dirty, session.deleted):
        for obj in objects:
            if isinstance(obj, Measurement):
                mark(session, obj.kpi_id, obj.period, obj.period)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_DIRTY_KEY, None)


@dataclass(frozen=True, slots=True)
class Calculation:
    """A calculated KPI's formula with its inputs resolved to KPI ids."""

    kpi: KpiRow
    tree: Node
    inputs: dict[str, int]  # name_key -> KPI id


def calculations(rows: list[KpiRow]) -> dict[int, Calculation]:
    """Every calculated KPI whose inputs all resolve (a formula is checked when saved)."""
    by_key: dict[str, list[int]] = {}
    for row in rows:
        by_key.setdefault(name_key(row.name), []).append(row.id)
    out: dict[int, Calculation] = {}
    for row in rows:
        if not row.calculation:
            continue
        try:
            tree = parse(row.calculation)
        except ValueError:
            continue
        keys = {name_key(r.name) for r in refs(tree)}
        if all(len(by_key.get(k, [])) == 1 for k in keys):
            out[row.id] = Calculation(row, tree, {k: by_key[k][0] for k in keys})
    return out


def settle(session: Session) -> None:
    """Recompute what the transaction's value changes affect (called before commit)."""
    session.flush()
    dirty = session.info.pop(_DIRTY_KEY, None)
    if not dirty:
        return
    raw = sqlite_connection(session)
    (count,) = raw.execute("SELECT count(*) FROM kpi WHERE calculation != ''").fetchone()
    if not count:
        return
    calcs = calculations(kpi_rows(session))
    graph = {str(c): [str(i) for i in calc.inputs.values()] for c, calc in calcs.items()}
    for key in calculation_order(graph):
        calc = calcs[int(key)]
        span = _span(calc, dirty)
        if span is None:
            continue
        recompute(raw, calc, *span)
        dirty[calc.kpi.id] = _ALL if span == _ALL else span


def _span(
    calc: Calculation, dirty: dict[int, tuple[dt.date | None, dt.date | None]]
) -> tuple[dt.date | None, dt.date | None] | None:
    """The periods of `calc` to recompute: those its marked inputs (or itself) touched; a
    change under prev([X]) also moves the next period."""
    spans = [dirty[i] for i in {calc.kpi.id, *calc.inputs.values()} if i in dirty]
    if not spans:
        return None
    if _ALL in spans:
        return _ALL
    lo = min(s[0] for s in spans if s[0] is not None)
    hi = max(s[1] for s in spans if s[1] is not None)
    if any(r.previous for r in refs(calc.tree)):
        hi = _forward(hi, calc.kpi.frequency)
    return lo, hi


def _forward(day: dt.date, frequency: str) -> dt.date:
    if frequency == "daily":
        return day + dt.timedelta(days=1)
    if frequency == "weekly":
        return day + dt.timedelta(days=7)
    months = {"monthly": 1, "quarterly": 3, "yearly": 12}[frequency]
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def select_sql(calc: Calculation, *, server: bool = False) -> tuple[str, list[object]]:
    """SELECT period, value over the periods where every input has a value (value NULL
    where the formula divides by zero); the caller adds a period range on ``a0.period``.
    On a PostgreSQL server (`server`) the period before is date arithmetic with an
    interval and min/max of several values are least/greatest."""
    direct = sorted({name_key(r.name) for r in refs(calc.tree) if not r.previous})
    lagged = sorted({name_key(r.name) for r in refs(calc.tree) if r.previous})
    alias = {k: f"a{i}" for i, k in enumerate(direct)}
    lag = {k: f"p{i}" for i, k in enumerate(lagged)}
    back = _BACK[calc.kpi.frequency]
    joins: list[str] = []
    params: list[object] = []
    for key in direct[1:]:
        a = alias[key]
        joins.append(f"JOIN measurement {a} ON {a}.kpi_id = ? AND {a}.period = a0.period")
        params.append(calc.inputs[key])
    for key in lagged:
        joins.append(
            f"JOIN measurement {lag[key]} ON {lag[key]}.kpi_id = ? "
            + (
                f"AND {lag[key]}.period = (a0.period + interval '{back}')::date"
                if server
                else f"AND {lag[key]}.period = date(a0.period, '{back}')"
            )
        )
        params.append(calc.inputs[key])
    expr = _sql(calc.tree, alias, lag, server)
    sql = (
        f"SELECT a0.period AS period, {expr} AS v FROM measurement a0 {' '.join(joins)} "
        "WHERE a0.kpi_id = ?"
    )
    params.append(calc.inputs[direct[0]])
    return sql, params


def _sql(node: Node, alias: dict[str, str], lag: dict[str, str], server: bool) -> str:
    def sql(n: Node) -> str:
        return _sql(n, alias, lag, server)

    if isinstance(node, Number):
        return repr(float(node.value))
    if isinstance(node, Ref):
        return f"{(lag if node.previous else alias)[name_key(node.name)]}.value"
    if isinstance(node, Negate):
        return f"(-{sql(node.operand)})"
    if isinstance(node, Binary):
        if node.op == "/":  # no value where it divides by zero (PostgreSQL would raise)
            return f"({sql(node.left)} / NULLIF({sql(node.right)}, 0))"
        return f"({sql(node.left)} {node.op} {sql(node.right)})"
    args = [sql(a) for a in node.args]
    if node.function in ("min", "max"):
        if len(args) == 1:
            return args[0]
        name = {"min": "least", "max": "greatest"}[node.function] if server else node.function
        return f"{name}({', '.join(args)})"
    total = args[0]
    for more in args[1:]:
        total = f"({total} + {more})"
    return total if node.function == "sum" else f"({total} / {float(len(args))!r})"


def _range(first: dt.date | None, last: dt.date | None, column: str) -> tuple[str, list[object]]:
    if first is None or last is None:
        return "", []
    return f" AND {column} BETWEEN ? AND ?", [first.isoformat(), last.isoformat()]


def recompute(
    raw: sqlite3.Connection, calc: Calculation, first: dt.date | None, last: dt.date | None
) -> None:
    """Store the formula's values of `calc` between `first` and `last` (None: all periods):
    the derived values there are deleted and written again, in two set-based statements
    (a million periods take about a second; one edited period a millisecond)."""
    select, params = select_sql(calc, server=not isinstance(raw, sqlite3.Connection))
    where, bounds = _range(first, last, "a0.period")
    gone, gone_bounds = _range(first, last, "period")
    raw.execute(f"DELETE FROM measurement WHERE kpi_id = ?{gone}", [calc.kpi.id, *gone_bounds])
    # abs(NULL) <= x is NULL, so no value where it divides by zero: the formula's
    # expression is evaluated twice per period (the filter, the value), not three times
    raw.execute(
        "INSERT INTO measurement(kpi_id, period, value, note, source) "
        f"SELECT ?, period, v, '', '{SOURCE}' FROM ({select}{where}) AS computed "
        f"WHERE abs(v) <= {MAX_MAGNITUDE!r}",
        [calc.kpi.id, *params, *bounds],
    )


def gaps(raw: sqlite3.Connection, calc: Calculation) -> list[tuple[dt.date, str]]:
    """The periods where every input has a value but the formula gives none, and why."""
    select, params = select_sql(calc, server=not isinstance(raw, sqlite3.Connection))
    rows = raw.execute(
        f"SELECT period, v FROM ({select}) AS computed "
        f"WHERE v IS NULL OR abs(v) > {MAX_MAGNITUDE!r} ORDER BY period",
        params,
    ).fetchall()
    return [
        (dt.date.fromisoformat(p), "division by zero" if v is None else "the result is too large")
        for p, v in rows
    ]

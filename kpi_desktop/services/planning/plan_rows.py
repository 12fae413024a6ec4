"""The plan of a whole workspace (goals, KPIs, milestones) as plain rows, for the passes
over every KPI: the goal tree's statuses, the due list, the status command.

A workspace can hold thousands of KPIs. Read through the ORM, each would cost an object and
slow attribute reads; these are tuples from one statement per table, with named fields, the
dates already dates. Edits never use them: they go through the services and the ORM.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, Protocol

from kpi_desktop.domain.due import DEFAULT_GRACE_DAYS
from kpi_desktop.domain.periods import CALENDAR_YEAR, FiscalYear
from kpi_desktop.domain.types import Point
from kpi_desktop.services.planning.workspace_settings import read_fiscal_year, read_grace_days
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.raw import RawConnection

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace


class GoalRow(NamedTuple):
    id: int
    title: str
    parent_id: int | None
    position: int
    archived: bool


class KpiRow(NamedTuple):
    """The KPI columns a status or a due check needs (not the long texts)."""

    id: int
    goal_id: int
    name: str
    owner: str
    frequency: str
    unit: str
    unit_kind: str
    currency_symbol: str
    decimals: int
    direction: str
    baseline_value: float | None
    baseline_date: dt.date | None
    target_value: float | None
    target_date: dt.date | None
    tolerance: float
    range_low: float | None
    range_high: float | None
    weight: float
    archived: bool
    calculation: str = ""  # a calculated KPI's formula: its values are never due


class MilestoneRow(NamedTuple):
    date: dt.date
    value: float


def _day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def read_goals(raw: RawConnection) -> dict[int, GoalRow]:
    """Every goal by id. `raw` is the sqlite3 connection of an open read transaction."""
    cursor = raw.execute(f"SELECT {', '.join(GoalRow._fields)} FROM goal")
    return {
        goal_id: GoalRow(goal_id, title, parent_id, position, bool(archived))
        for goal_id, title, parent_id, position, archived in cursor
    }


def read_kpis(raw: RawConnection, *, include_archived: bool = True) -> list[KpiRow]:
    """Every KPI (or every one not archived), ordered by goal, then position."""
    where = "" if include_archived else "WHERE NOT archived "
    cursor = raw.execute(
        f"SELECT {', '.join(KpiRow._fields)} FROM kpi {where}ORDER BY goal_id, position, id"
    )
    out = []
    make = KpiRow._make
    for row in cursor:
        values = list(row)  # the dates and the flag as Python wants them, then one tuple
        values[_BASELINE_DATE] = _day(values[_BASELINE_DATE])
        values[_TARGET_DATE] = _day(values[_TARGET_DATE])
        values[_ARCHIVED] = bool(values[_ARCHIVED])
        out.append(make(values))
    return out


_BASELINE_DATE, _TARGET_DATE, _ARCHIVED = (
    KpiRow._fields.index(name) for name in ("baseline_date", "target_date", "archived")
)


def read_milestones(raw: RawConnection) -> dict[int, list[MilestoneRow]]:
    """Each KPI's milestones by date (KPIs without any are left out)."""
    out: dict[int, list[MilestoneRow]] = defaultdict(list)
    fromiso = dt.date.fromisoformat
    for kpi_id, date, value in raw.execute(
        "SELECT kpi_id, date, value FROM milestone ORDER BY kpi_id, date"
    ):
        out[kpi_id].append(MilestoneRow(fromiso(date), value))
    return out


# The last n values of every KPI on or before a date, in one statement of index seeks:
# for each KPI (the outer loop: CROSS JOIN keeps that order), the subquery seeks the n-th
# latest period, then the (kpi, period) key is range-scanned from there to the date. A
# window function (row_number() over each KPI) reads every measurement instead: 60 times
# slower on 2,000,000 values.
_LATEST_SQL = """
SELECT m.kpi_id, m.period, m.value
FROM kpi AS k CROSS JOIN measurement AS m
WHERE {archived}m.kpi_id = k.id
  AND m.period <= :as_of
  AND m.period >= coalesce(
      (SELECT p.period FROM measurement AS p
       WHERE p.kpi_id = k.id AND p.period <= :as_of
       ORDER BY p.period DESC LIMIT 1 OFFSET :skip), '0001-01-01')
ORDER BY m.kpi_id, m.period
"""


def latest_values(
    raw: RawConnection,
    as_of: dt.date,
    n: int,
    *,
    include_archived: bool = True,
    only: Iterable[int] | None = None,
) -> dict[int, list[Point]]:
    """Each KPI's last `n` values on or before `as_of`, oldest first (KPIs without any are
    left out); with `only`, just those KPIs'. `raw` is the sqlite3 connection of an open
    read transaction."""
    archived = "" if include_archived else "NOT k.archived AND "
    params: dict[str, object] = {"as_of": as_of.isoformat(), "skip": n - 1}
    if only is not None:
        archived += "k.id IN (SELECT value FROM json_each(:only)) AND "
        params["only"] = json.dumps(sorted(only))
    sql = _LATEST_SQL.format(archived=archived)
    out: dict[int, list[Point]] = {}
    dates: dict[str, dt.date] = {}  # KPIs share their periods: parse each text once
    fromiso = dt.date.fromisoformat
    for kpi_id, period, value in raw.execute(sql, params):
        points = out.get(kpi_id)
        if points is None:
            points = out[kpi_id] = []
        day = dates.get(period)
        if day is None:
            day = dates[period] = fromiso(period)
        points.append(Point(day, value))
    return out


@dataclass(frozen=True)
class PlanRead:
    """One read of the whole plan with every KPI's latest value on or before ``as_of``:
    what the passes over every KPI after a workspace opens (the goal tree's statuses, the
    due list, what is news to celebrate) can share instead of each reading it again."""

    as_of: dt.date
    goals: dict[int, GoalRow]
    kpis: list[KpiRow]  # every KPI, archived too, by goal and position
    milestones: dict[int, list[MilestoneRow]]
    latest: dict[int, list[Point]]  # each KPI's latest value (KPIs without one left out)
    grace_days: int = DEFAULT_GRACE_DAYS  # before a value is stale (see domain.staleness)
    fiscal: FiscalYear = CALENDAR_YEAR  # quarters and years start by it


def read_plan(ws: Workspace, as_of: dt.date) -> PlanRead:
    """The plan and latest values in one read transaction."""
    from kpi_desktop.services.planning.revisions import plans_in_force  # (imports this)

    with ws.reading() as s:
        raw = sqlite_connection(s)
        kpis, milestones = plans_in_force(raw, read_kpis(raw), read_milestones(raw), as_of)
        return PlanRead(
            as_of,
            read_goals(raw),
            kpis,
            milestones,
            latest_values(raw, as_of, 1),
            read_grace_days(raw),
            read_fiscal_year(raw),
        )


class TreeGoal(Protocol):
    """What ordering goals as a tree needs of a goal (a row or a table object)."""

    @property
    def id(self) -> int | None: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def position(self) -> int: ...


def goal_order(goals: Iterable[TreeGoal]) -> dict[int | None, int]:
    """Depth-first tree order of goals (parents before children, by position)."""
    children: dict[int | None, list[TreeGoal]] = defaultdict(list)
    for g in goals:
        children[g.parent_id].append(g)
    order: dict[int | None, int] = {}

    def visit(parent: int | None) -> None:
        for g in sorted(children[parent], key=lambda g: (g.position, g.id or 0)):
            order[g.id] = len(order)
            visit(g.id)

    visit(None)
    return order


__all__ = [
    "GoalRow",
    "KpiRow",
    "MilestoneRow",
    "PlanRead",
    "TreeGoal",
    "goal_order",
    "latest_values",
    "read_plan",
    "read_goals",
    "read_kpis",
    "read_milestones",
]

"""The plan of a whole workspace (goals, KPIs, milestones) as plain rows, for the passes
over every KPI: the goal tree's statuses, the due list, the status command.

A workspace can hold thousands of KPIs. Read through the ORM, each would cost an object and
slow attribute reads; these are tuples from one statement per table, with named fields, the
dates already dates. Edits never use them: they go through the services and the ORM.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple, Protocol


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


class MilestoneRow(NamedTuple):
    date: dt.date
    value: float


def _day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def read_goals(raw: sqlite3.Connection) -> dict[int, GoalRow]:
    """Every goal by id. `raw` is the sqlite3 connection of an open read transaction."""
    cursor = raw.execute(f"SELECT {', '.join(GoalRow._fields)} FROM goal")
    return {
        goal_id: GoalRow(goal_id, title, parent_id, position, bool(archived))
        for goal_id, title, parent_id, position, archived in cursor
    }


def read_kpis(raw: sqlite3.Connection, *, include_archived: bool = True) -> list[KpiRow]:
    """Every KPI (or every one not archived), ordered by goal, then position."""
    where = "" if include_archived else "WHERE archived = 0 "
    cursor = raw.execute(
        f"SELECT {', '.join(KpiRow._fields)} FROM kpi {where}ORDER BY goal_id, position, id"
    )
    out = []
    for row in cursor:
        kpi = KpiRow._make(row)
        out.append(
            kpi._replace(
                baseline_date=_day(row[_BASELINE_DATE]),
                target_date=_day(row[_TARGET_DATE]),
                archived=bool(row[_ARCHIVED]),
            )
        )
    return out


_BASELINE_DATE, _TARGET_DATE, _ARCHIVED = (
    KpiRow._fields.index(name) for name in ("baseline_date", "target_date", "archived")
)


def read_milestones(raw: sqlite3.Connection) -> dict[int, list[MilestoneRow]]:
    """Each KPI's milestones by date (KPIs without any are left out)."""
    out: dict[int, list[MilestoneRow]] = defaultdict(list)
    fromiso = dt.date.fromisoformat
    for kpi_id, date, value in raw.execute(
        "SELECT kpi_id, date, value FROM milestone ORDER BY kpi_id, date"
    ):
        out[kpi_id].append(MilestoneRow(fromiso(date), value))
    return out


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
    "TreeGoal",
    "goal_order",
    "read_goals",
    "read_kpis",
    "read_milestones",
]

"""Status of every KPI at a date, and the roll-up of goals: what the tree, the scorecard,
`kpi-desktop status` and the report show. Cost grows with the number of KPIs only: each KPI
reads at most its last 60 values (what the one forecast cuts into stretches,
`domain.variation.behaviour.HISTORY`) through the (kpi, period) key, all KPIs in one
statement (see `latest_values`); `kpi_statuses` reads them only for the KPIs with a target
date (the others have no forecast) and the goal tree only the latest value of each."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kpi_desktop.domain.due import DEFAULT_GRACE_DAYS, is_stale
from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.periods import CALENDAR_YEAR, FiscalYear
from kpi_desktop.domain.rollup import Rollup, RollupItem, kpi_score, roll_up_items
from kpi_desktop.domain.status import status_at
from kpi_desktop.domain.types import Frequency, Point, Status
from kpi_desktop.domain.variation.behaviour import HISTORY as FORECAST_HISTORY
from kpi_desktop.domain.variation.behaviour import forecast_at
from kpi_desktop.services.planning.kpis import kpi_target
from kpi_desktop.services.planning.plan_rows import (
    GoalRow,
    KpiRow,
    MilestoneRow,
    PlanRead,
    TreeGoal,
    goal_order,
    latest_values,
    read_goals,
    read_kpis,
    read_milestones,
)
from kpi_desktop.services.planning.revisions import plans_in_force
from kpi_desktop.services.planning.workspace_settings import read_fiscal_year, read_grace_days
from kpi_desktop.store.engine import sqlite_connection

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace


@dataclass(frozen=True, slots=True)
class KpiStatus:
    """One KPI's verdict at a date with the numbers behind it."""

    kpi_id: int
    goal_id: int
    goal: str
    kpi: str
    unit: str
    decimals: int
    direction: str
    baseline: float | None
    target: float | None
    target_date: dt.date | None
    latest_value: float | None
    latest_date: dt.date | None
    expected: float | None
    progress: float | None
    status: Status
    forecast: float | None
    weight: float
    unit_kind: str = ""
    currency_symbol: str = ""
    range_low: float | None = None
    range_high: float | None = None
    archived: bool = False
    stale: bool = False  # the latest value is older than one period plus the grace

    def format(self, value: float | None) -> str:
        """`value` in this KPI's unit and decimals, for people."""
        return format_value(value, self.unit, self.decimals, self.unit_kind, self.currency_symbol)

    def target_text(self) -> str:
        """The target for people: a value, or the range to keep within."""
        if self.direction == "range" and self.range_low is not None:
            low = format_value(self.range_low, "", self.decimals)
            return f"{low}–{self.format(self.range_high)}"
        return self.format(self.target)

    def as_json(self) -> dict[str, object]:
        """The object `kpi-desktop status --json` prints (keys fixed by the contract)."""
        return {
            "goal": self.goal,
            "kpi": self.kpi,
            "unit": self.unit,
            "direction": self.direction,
            "baseline": self.baseline,
            "target": self.target,
            "target_date": _iso(self.target_date),
            "latest_value": self.latest_value,
            "latest_date": _iso(self.latest_date),
            "expected": self.expected,
            "progress": self.progress,
            "status": self.status.value,
            "forecast": self.forecast,
            "stale": self.stale,
        }


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def kpi_statuses(
    ws: Workspace, as_of: dt.date, *, include_archived: bool = False, forecast: bool = True
) -> list[KpiStatus]:
    """Every KPI's status at `as_of`, in tree order (goal position, KPI position).

    With ``forecast=False`` the forecast is left out (None) and only each KPI's latest
    value is read: what the goal tree needs.
    """
    rows = _read_and_judge(ws, as_of, include_archived, forecast, FORECAST_HISTORY, True)
    return [st for st, _ in rows]


def kpi_statuses_with_history(
    ws: Workspace,
    as_of: dt.date,
    history: int,
    *,
    include_archived: bool = False,
    forecast: bool = True,
) -> list[tuple[KpiStatus, list[Point]]]:
    """Every KPI's status at `as_of` with its last `history` values on or before `as_of`
    (oldest first), in tree order. The forecast, when asked for, reads the last
    FORECAST_HISTORY values, so `history` must be at least that then."""
    if history < 1 or (forecast and history < FORECAST_HISTORY):
        raise ValueError(f"history must be at least {FORECAST_HISTORY if forecast else 1}")
    return _read_and_judge(ws, as_of, include_archived, forecast, history, False)


def _read_and_judge(
    ws: Workspace,
    as_of: dt.date,
    include_archived: bool,
    forecast: bool,
    history: int,
    history_for_forecast_only: bool,
) -> list[tuple[KpiStatus, list[Point]]]:
    """Read the plan and the values, then each KPI's status. With
    ``history_for_forecast_only`` the last ``history`` values are read only for the KPIs
    that get a forecast (a target date), the latest value for the others."""
    with ws.reading() as s:
        raw = sqlite_connection(s)
        goals = read_goals(raw)
        kpis = read_kpis(raw, include_archived=include_archived)
        kpis, milestones = plans_in_force(raw, kpis, read_milestones(raw), as_of)
        if history_for_forecast_only:
            recent = latest_values(raw, as_of, 1, include_archived=include_archived)
            if forecast:
                deep = [k.id for k in kpis if k.target_date]
                recent |= latest_values(raw, as_of, history, only=deep)
        else:
            recent = latest_values(raw, as_of, history, include_archived=include_archived)
        grace = read_grace_days(raw)
        fiscal = read_fiscal_year(raw)
    return _statuses(goals, kpis, milestones, recent, as_of, forecast, grace, fiscal)


def kpi_statuses_of(plan: PlanRead) -> list[KpiStatus]:
    """Every KPI's status (archived ones too) from a plan already read, without forecast:
    what the goal tree shows. The same as ``kpi_statuses(..., include_archived=True,
    forecast=False)``."""
    rows = _statuses(
        plan.goals,
        plan.kpis,
        plan.milestones,
        plan.latest,
        plan.as_of,
        False,
        plan.grace_days,
        plan.fiscal,
    )
    return [st for st, _ in rows]


def _statuses(
    goals: dict[int, GoalRow],
    kpis: list[KpiRow],
    milestones: dict[int, list[MilestoneRow]],
    recent: dict[int, list[Point]],
    as_of: dt.date,
    forecast: bool,
    grace_days: int = DEFAULT_GRACE_DAYS,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> list[tuple[KpiStatus, list[Point]]]:
    out = []
    no_points: list[Point] = []
    no_milestones: list[MilestoneRow] = []
    for kpi in kpis:
        points = recent.get(kpi.id, no_points)
        goal_title = goals[kpi.goal_id].title
        plan = milestones.get(kpi.id, no_milestones)
        reading = _reading(kpi, goal_title, plan, points, as_of, forecast, grace_days, fiscal)
        out.append((reading, points))
    order = goal_order(goals.values())
    out.sort(key=lambda r: order.get(r[0].goal_id, len(order)))
    return out


def _reading(
    kpi: KpiRow,
    goal_title: str,
    milestones: list[MilestoneRow],
    points: list[Point],
    as_of: dt.date,
    with_forecast: bool,
    grace_days: int,
    fiscal: FiscalYear,
) -> KpiStatus:
    target = kpi_target(kpi, milestones)
    reading = status_at(target, points[-1:], as_of)
    forecast = (
        forecast_at(points, kpi.frequency, kpi.target_date, as_of, fiscal)
        if with_forecast and kpi.target_date
        else None
    )
    return KpiStatus(
        kpi_id=kpi.id,
        goal_id=kpi.goal_id,
        goal=goal_title,
        kpi=kpi.name,
        unit=kpi.unit,
        decimals=kpi.decimals,
        direction=kpi.direction,
        baseline=kpi.baseline_value,
        target=kpi.target_value,
        target_date=kpi.target_date,
        latest_value=reading.latest.value if reading.latest else None,
        latest_date=reading.latest.period if reading.latest else None,
        expected=reading.expected,
        progress=reading.progress,
        status=reading.status,
        forecast=forecast,
        weight=kpi.weight,
        unit_kind=kpi.unit_kind,
        currency_symbol=kpi.currency_symbol,
        range_low=kpi.range_low,
        range_high=kpi.range_high,
        archived=kpi.archived,
        stale=is_stale(
            reading.latest.period if reading.latest else None,
            Frequency(kpi.frequency),
            as_of,
            grace_days,
            fiscal,
        ),
    )


def goal_rollups(goals: Iterable[TreeGoal], statuses: list[KpiStatus]) -> dict[int, Rollup]:
    """Each goal's roll-up from its KPIs and sub-goals (weights of KPIs; sub-goals weigh 1)."""
    kids: dict[int | None, list[TreeGoal]] = defaultdict(list)
    for g in goals:
        kids[g.parent_id].append(g)
    by_goal: dict[int, list[KpiStatus]] = defaultdict(list)
    for st in statuses:
        by_goal[st.goal_id].append(st)
    result: dict[int, Rollup] = {}

    def visit(goal: TreeGoal) -> Rollup:
        assert goal.id is not None
        items = [RollupItem(st.status, kpi_score(st.status), st.weight) for st in by_goal[goal.id]]
        items += [visit(child).as_item() for child in kids[goal.id]]
        result[goal.id] = roll_up_items(items)
        return result[goal.id]

    for root in kids[None]:
        visit(root)
    return result


__all__ = [
    "KpiStatus",
    "Rollup",
    "Status",
    "goal_rollups",
    "kpi_statuses",
    "kpi_statuses_of",
    "kpi_statuses_with_history",
    "latest_values",
]

"""What the strategy map shows: one read of goals, KPI statuses, links and the inputs of
calculated KPIs (about O(goals + KPIs): 2,000 KPIs are read and judged in tens of ms)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kpi_desktop.domain.types import Perspective, Status
from kpi_desktop.services.calculated.definitions import kpi_rows
from kpi_desktop.services.calculated.recompute import calculations
from kpi_desktop.services.planning.plan_rows import PlanRead, read_plan
from kpi_desktop.services.strategy_map.links import Link, links
from kpi_desktop.services.tracking.status import goal_rollups, kpi_statuses_of
from kpi_desktop.store.engine import sqlite_connection

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

#: The bands, top to bottom as a balanced scorecard draws them (results above causes).
BANDS = (
    Perspective.FINANCIAL.value,
    Perspective.CUSTOMER.value,
    Perspective.INTERNAL_PROCESS.value,
    Perspective.LEARNING_AND_GROWTH.value,
    "",  # goals with no perspective, in a band of their own when there are any
)


@dataclass(frozen=True, slots=True)
class MapKpi:
    id: int
    name: str
    status: Status
    calculated: bool


@dataclass(frozen=True, slots=True)
class MapGoal:
    id: int
    title: str
    perspective: str  # its own, or its parent's; "" when none
    parent_id: int | None
    status: Status
    kpis: list[MapKpi]


@dataclass(frozen=True, slots=True)
class StrategyMap:
    as_of: dt.date
    bands: list[tuple[str, list[MapGoal]]]  # only bands with goals, in BANDS order
    links: list[Link]
    # (input's goal, calculated KPI's goal, calculated KPI's name) for inputs in other goals
    inputs: list[tuple[int, int, str]] = field(default_factory=list)

    def goal(self, goal_id: int) -> MapGoal | None:
        for _band, goals in self.bands:
            for g in goals:
                if g.id == goal_id:
                    return g
        return None


def strategy_map(ws: Workspace, as_of: dt.date, plan: PlanRead | None = None) -> StrategyMap:
    """The goals not archived, in their perspective's band (a sub-goal with none in its
    parent's), each with its rolled-up status and its KPIs' statuses."""
    if plan is None or plan.as_of != as_of:
        plan = read_plan(ws, as_of)
    with ws.reading() as s:
        perspective = dict(
            sqlite_connection(s).execute("SELECT id, coalesce(perspective, '') FROM goal")
        )
        calcs = calculations(kpi_rows(s))
    statuses = kpi_statuses_of(plan)
    rollups = goal_rollups(plan.goals.values(), [st for st in statuses if not st.archived])
    kpis_of: dict[int, list[MapKpi]] = {}
    for st in statuses:
        if not st.archived:
            kpis_of.setdefault(st.goal_id, []).append(
                MapKpi(st.kpi_id, st.kpi, st.status, st.kpi_id in calcs)
            )
    goals = plan.goals

    def shown(goal_id: int) -> bool:
        g = goals.get(goal_id)
        return g is not None and not g.archived and (g.parent_id is None or shown(g.parent_id))

    def band_of(goal_id: int) -> str:
        g = goals[goal_id]
        own = perspective.get(goal_id) or ""
        return own or (band_of(g.parent_id) if g.parent_id is not None else "")

    placed: dict[str, list[MapGoal]] = {b: [] for b in BANDS}
    order = sorted(goals.values(), key=lambda g: (g.parent_id is not None, g.position, g.id))
    for g in order:
        if not shown(g.id):
            continue
        band = band_of(g.id)
        rollup = rollups.get(g.id)
        placed[band if band in placed else ""].append(
            MapGoal(
                g.id,
                g.title,
                band,
                g.parent_id,
                rollup.status if rollup else Status.NO_DATA,
                kpis_of.get(g.id, []),
            )
        )
    visible = {g.id for gs in placed.values() for g in gs}
    goal_of_kpi = {k.id: k.goal_id for k in plan.kpis}
    arrows = sorted(
        {
            (goal_of_kpi[i], goal_of_kpi[c], calc.kpi.name)
            for c, calc in calcs.items()
            for i in calc.inputs.values()
            if goal_of_kpi.get(i) != goal_of_kpi.get(c)
            and goal_of_kpi.get(i) in visible
            and goal_of_kpi.get(c) in visible
        }
    )
    return StrategyMap(
        as_of,
        [(b, gs) for b, gs in placed.items() if gs],
        [ln for ln in links(ws) if ln.driver_goal_id in visible and ln.driven_goal_id in visible],
        arrows,
    )

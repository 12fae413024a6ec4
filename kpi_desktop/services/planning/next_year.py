"""Plan next year: this year's KPIs carried into the coming (fiscal) year as a new plan
revision each, with a target proposed by the sizing that the owner accepts or edits.

The KPIs keep their definitions, owners and history; each chosen KPI gets a revision in
force from the first day of next year: baseline its sizing baseline on that day, target
the accepted value by the year's last day, milestones spread over the year (following last
year's seasonal shape where this year's plan had milestones, else none: a straight line).
The plan in force this year is kept for this year's dates, so no status of this year
changes. Keep-within-a-range KPIs keep their range and are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.periods import FiscalYear
from kpi_desktop.domain.types import Direction, Frequency
from kpi_desktop.domain.variation.sizing import spread_milestones
from kpi_desktop.services.errors import KpiDesktopError, ValidationError
from kpi_desktop.services.planning.revisions import Revision, revise_plan, withdraw_revision
from kpi_desktop.services.planning.sizing import kpi_history, size_kpi
from kpi_desktop.services.planning.workspace_settings import fiscal_year

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace
    from kpi_desktop.store.tables import Goal, Kpi


@dataclass(frozen=True, slots=True)
class NextYearKpi:
    """One KPI of the proposal: this year's target and the one proposed for next year."""

    kpi_id: int
    goal: str
    name: str
    owner: str
    this_target: float | None
    baseline: float | None  # the sizing baseline: next year's starting point
    proposed: float | None  # the sizing's "stretch" target (None: too few values to size)
    why_none: str = ""
    this_text: str = ""  # this year's target and the baseline as the KPI shows values
    baseline_text: str = ""


@dataclass(frozen=True, slots=True)
class NextYearPlan:
    """The coming year (``start`` to ``end``, inclusive) and its KPIs."""

    start: dt.date
    end: dt.date
    name: str  # "2027" or "FY 2027/28"
    kpis: tuple[NextYearKpi, ...]


def coming_year(fiscal: FiscalYear, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the (fiscal) year after the one holding ``as_of``."""
    this = fiscal.start_of(as_of)
    start = this.replace(year=this.year + 1)
    return start, start.replace(year=start.year + 1) - dt.timedelta(days=1)


def propose_next_year(
    ws: Workspace, as_of: dt.date, goal_ids: Iterable[int] | None = None
) -> NextYearPlan:
    """Every KPI in force (of the goals ``goal_ids`` and their sub-goals, or all) with a
    proposed target for the coming year."""
    fiscal = fiscal_year(ws)
    start, end = coming_year(fiscal, as_of)
    goals = {g.id: g for g in ws.goals.list(include_archived=False)}
    chosen = set(goals) if goal_ids is None else _with_subgoals(set(goal_ids), goals)
    rows = []
    for kpi in ws.kpis.list(include_archived=False):
        if kpi.goal_id not in chosen or kpi.direction == Direction.RANGE or kpi.id is None:
            continue
        sized = size_kpi(ws, kpi.id, end, as_of=as_of)
        proposed = sized.suggestions.stretch if sized.suggestions else None
        why = "" if proposed is not None else "too few values to size: type a target"
        baseline = None if sized.baseline is None else round(sized.baseline, kpi.decimals)

        def shown(value: float | None, kpi: Kpi = kpi) -> str:
            return (
                ""
                if value is None
                else format_value(value, kpi.unit, kpi.decimals, kpi.unit_kind, kpi.currency_symbol)
            )

        rows.append(
            NextYearKpi(
                kpi.id,
                goals[kpi.goal_id].title,
                kpi.name,
                kpi.owner,
                kpi.target_value,
                baseline,
                None if proposed is None else round(proposed, kpi.decimals),
                why,
                shown(kpi.target_value),
                shown(baseline),
            )
        )
    return NextYearPlan(start, end, fiscal.name(start), tuple(rows))


def _with_subgoals(top: set[int], goals: Mapping[int | None, Goal]) -> set[int]:
    """The goals ``top`` and every goal below them."""
    out = set(top)
    grew = True
    while grew:
        below = {g.id for g in goals.values() if g.parent_id in out and g.id is not None}
        grew = not below <= out
        out |= below
    return out


def plan_next_year(
    ws: Workspace, plan: NextYearPlan, targets: Mapping[int, float]
) -> list[Revision]:
    """Give each KPI of ``targets`` (id -> accepted target) its plan for the coming year.
    All or nothing: a KPI that refuses its revision undoes the ones made before it."""
    if not targets:
        raise ValidationError("targets", "Choose at least one KPI to plan next year for")
    fiscal = fiscal_year(ws)
    rows = {k.kpi_id: k for k in plan.kpis}
    done: list[Revision] = []
    try:
        for kpi_id, target in targets.items():
            row = rows[kpi_id]
            kpi = ws.kpis.get(kpi_id)
            baseline = row.baseline if row.baseline is not None else kpi.baseline_value
            if baseline is None:
                raise ValidationError(
                    "baseline", f'"{row.name}" has no value or baseline to start next year from'
                )
            marks = None
            if ws.kpis.milestones(kpi_id):  # spread like this year's: by last year's shape
                marks = spread_milestones(
                    baseline,
                    float(target),
                    plan.start,
                    plan.end,
                    Frequency(kpi.frequency),
                    "seasonal",
                    kpi_history(ws, kpi_id, plan.start),
                    fiscal,
                )
            done.append(
                revise_plan(
                    ws,
                    kpi_id,
                    plan.start,
                    reason=f"Plan for {plan.name}",
                    milestones=marks,
                    baseline_value=baseline,
                    baseline_date=plan.start,
                    target_value=float(target),
                    target_date=plan.end,
                )
            )
    except KpiDesktopError:
        for revision in reversed(done):
            withdraw_revision(ws, revision)
        raise
    return done


__all__ = [
    "NextYearKpi",
    "NextYearPlan",
    "coming_year",
    "plan_next_year",
    "propose_next_year",
]

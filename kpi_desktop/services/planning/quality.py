"""The KPI quality check over a workspace: the `check` command and the wizard's Review page.

The rules are in :mod:`kpi_desktop.domain.smart`; this module gathers the facts they need
from the workspace: the KPI's fields, how many values it has, the sizing attainability of
its target on its own history, and whether its objective has a leading KPI.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from kpi_desktop.domain.smart import Finding, KpiFacts, check_kpi
from kpi_desktop.domain.types import Direction, Frequency, Point
from kpi_desktop.domain.variation.sizing import SizingResult
from kpi_desktop.services.planning.sizing import size_history
from kpi_desktop.store.tables import Goal, Kpi

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

__all__ = ["Finding", "check_draft", "check_workspace", "objective_of", "sizing_for_check"]


def objective_of(goals: Mapping[int, Goal], goal_id: int) -> Goal:
    """The top-level goal (objective) above ``goal_id``."""
    goal = goals[goal_id]
    seen = {goal_id}
    while goal.parent_id is not None and goal.parent_id in goals and goal.parent_id not in seen:
        seen.add(goal.parent_id)
        goal = goals[goal.parent_id]
    return goal


def _objectives_with_leading(goals: Mapping[int, Goal], kpis: Iterable[Kpi]) -> set[int]:
    out = set()
    for k in kpis:
        if k.leading and not k.archived and k.goal_id in goals:
            obj = objective_of(goals, k.goal_id).id
            assert obj is not None
            out.add(obj)
    return out


def sizing_for_check(
    points: list[Point],
    frequency: str,
    direction: str,
    target_value: float | None,
    target_date: dt.date | None,
    as_of: dt.date,
) -> SizingResult | None:
    """The sizing the A rule judges by: the history on or before ``as_of`` against the
    target at its date; None when there is nothing to judge (range KPI, no target, a
    target date already past)."""
    if (
        direction == Direction.RANGE.value
        or target_value is None
        or target_date is None
        or target_date < as_of
    ):
        return None
    return size_history(
        points, Frequency(frequency), Direction(direction), target_date, target_value, as_of
    )


def _facts(
    fields: Mapping[str, Any],
    *,
    objective: str,
    objective_has_leading: bool,
    n_values: int,
    sizing: SizingResult | None,
) -> KpiFacts:
    judged = sizing is not None and sizing.enough_history
    s = sizing.suggestions if sizing is not None else None
    return KpiFacts(
        name=str(fields.get("name") or ""),
        direction=str(fields.get("direction") or "increase"),
        unit=str(fields.get("unit") or ""),
        key_question=str(fields.get("key_question") or ""),
        description=str(fields.get("description") or ""),
        formula=str(fields.get("formula") or ""),
        data_source=str(fields.get("data_source") or ""),
        owner=str(fields.get("owner") or ""),
        target_value=fields.get("target_value"),
        target_date=fields.get("target_date"),
        baseline_date=fields.get("baseline_date"),
        review_date=fields.get("review_date"),
        leading=bool(fields.get("leading")),
        objective=objective,
        objective_has_leading=objective_has_leading,
        n_values=n_values,
        attainability=sizing.attainability if judged and sizing else None,
        verdict=sizing.verdict if judged and sizing else None,
        stretch=s.stretch if judged and s else None,
        business_as_usual=s.business_as_usual if judged and s else None,
    )


def check_workspace(
    ws: Workspace, kpi_name: str | None = None, as_of: dt.date | None = None
) -> list[Finding]:
    """Findings for every KPI that is not archived (or only the one named ``kpi_name``,
    matched case-insensitively; unknown names raise UnknownName with close matches), in
    tree order. ``as_of`` (default today) is the day the history ends and dates are judged.
    """
    as_of = as_of or dt.date.today()
    goals = {g.id: g for g in ws.goals.list() if g.id is not None}
    kpis = [k for k in ws.kpis.list() if not k.archived]
    if kpi_name is not None:
        wanted = ws.kpis.find(kpi_name)
        kpis = [k for k in kpis if k.id == wanted.id] or [wanted]
    with_leading = _objectives_with_leading(goals, ws.kpis.list())
    findings: list[Finding] = []
    for kpi in kpis:
        assert kpi.id is not None
        points = ws.measurements.points(kpi.id, up_to=as_of)
        objective = objective_of(goals, kpi.goal_id)
        sizing = sizing_for_check(
            points, kpi.frequency, kpi.direction, kpi.target_value, kpi.target_date, as_of
        )
        facts = _facts(
            kpi.model_dump(),
            objective=objective.title,
            objective_has_leading=objective.id in with_leading,
            n_values=len(points),
            sizing=sizing,
        )
        findings.extend(check_kpi(facts, as_of))
    return findings


def check_draft(
    ws: Workspace,
    goal_id: int | None,
    fields: Mapping[str, Any],
    history: list[Point],
    *,
    kpi_id: int | None = None,
    new_objective: str = "",
    as_of: dt.date | None = None,
) -> list[Finding]:
    """Findings for a KPI being written in the wizard (not saved yet, or being edited).

    ``fields`` are KPI fields as the wizard would save them; ``history`` the values the
    Size page sized the target with. The KPI goes under ``goal_id``, or (``goal_id`` None)
    under a new objective titled ``new_objective``. The objective counts this KPI's own
    leading flag instead of the stored one.
    """
    as_of = as_of or dt.date.today()
    if goal_id is None:
        objective_title, has_leading = new_objective, False
    else:
        goals = {g.id: g for g in ws.goals.list() if g.id is not None}
        others = [k for k in ws.kpis.list() if k.id != kpi_id]
        objective = objective_of(goals, goal_id)
        objective_title = objective.title
        has_leading = objective.id in _objectives_with_leading(goals, others)
    sizing = sizing_for_check(
        history,
        str(fields.get("frequency") or "monthly"),
        str(fields.get("direction") or "increase"),
        fields.get("target_value"),
        fields.get("target_date"),
        as_of,
    )
    facts = _facts(
        fields,
        objective=objective_title,
        objective_has_leading=has_leading or bool(fields.get("leading")),
        n_values=len(history),
        sizing=sizing,
    )
    return check_kpi(facts, as_of)

"""Status of every KPI at a date, and the roll-up of goals: what the tree, the scorecard,
`kpi-desktop status` and the report show. Cost grows with the number of KPIs only: each KPI
reads at most its last 12 values through the (kpi, period) key."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import col, select

from kpi_desktop.domain.forecast import FORECAST_WINDOW, forecast_at
from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.rollup import Rollup, RollupItem, kpi_score, roll_up_items
from kpi_desktop.domain.status import status_at
from kpi_desktop.domain.types import Point, Status
from kpi_desktop.services.kpis import kpi_target
from kpi_desktop.store.tables import Goal, Kpi, Milestone

if TYPE_CHECKING:
    from kpi_desktop.services.workspace import Workspace


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
        }


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def kpi_statuses(
    ws: Workspace, as_of: dt.date, *, include_archived: bool = False
) -> list[KpiStatus]:
    """Every KPI's status at `as_of`, in tree order (goal position, KPI position)."""
    with ws.reading() as s:
        goals = {g.id: g for g in s.exec(select(Goal))}
        query = select(Kpi).order_by(col(Kpi.goal_id), col(Kpi.position), col(Kpi.id))
        if not include_archived:
            query = query.where(Kpi.archived == False)  # noqa: E712
        kpis = list(s.exec(query))
        milestones: dict[int, list[Milestone]] = defaultdict(list)
        for m in s.exec(select(Milestone)):
            milestones[m.kpi_id].append(m)
        raw = s.connection().connection.driver_connection
        out = []
        for kpi in kpis:
            assert kpi.id is not None
            rows = raw.execute(
                "SELECT period, value FROM measurement WHERE kpi_id = ? AND period <= ? "
                "ORDER BY period DESC LIMIT ?",
                (kpi.id, as_of.isoformat(), FORECAST_WINDOW),
            ).fetchall()
            points = [Point(dt.date.fromisoformat(p), v) for p, v in reversed(rows)]
            out.append(_reading(kpi, goals[kpi.goal_id], milestones[kpi.id], points, as_of))
    order = _goal_order(list(goals.values()))
    out.sort(key=lambda r: order.get(r.goal_id, len(order)))
    return out


def _reading(
    kpi: Kpi, goal: Goal, milestones: list[Milestone], points: list[Point], as_of: dt.date
) -> KpiStatus:
    target = kpi_target(kpi, milestones)
    reading = status_at(target, points, as_of)
    forecast = forecast_at(points, kpi.target_date) if kpi.target_date else None
    assert kpi.id is not None
    return KpiStatus(
        kpi_id=kpi.id,
        goal_id=kpi.goal_id,
        goal=goal.title,
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
    )


def _goal_order(goals: list[Goal]) -> dict[int | None, int]:
    """Depth-first tree order of goals (parents before children, by position)."""
    children: dict[int | None, list[Goal]] = defaultdict(list)
    for g in goals:
        children[g.parent_id].append(g)
    order: dict[int | None, int] = {}

    def visit(parent: int | None) -> None:
        for g in sorted(children[parent], key=lambda g: (g.position, g.id or 0)):
            order[g.id] = len(order)
            visit(g.id)

    visit(None)
    return order


def goal_rollups(goals: list[Goal], statuses: list[KpiStatus]) -> dict[int, Rollup]:
    """Each goal's roll-up from its KPIs and sub-goals (weights of KPIs; sub-goals weigh 1)."""
    kids: dict[int | None, list[Goal]] = defaultdict(list)
    for g in goals:
        kids[g.parent_id].append(g)
    by_goal: dict[int, list[KpiStatus]] = defaultdict(list)
    for st in statuses:
        by_goal[st.goal_id].append(st)
    result: dict[int, Rollup] = {}

    def visit(goal: Goal) -> Rollup:
        assert goal.id is not None
        items = [RollupItem(st.status, kpi_score(st.status), st.weight) for st in by_goal[goal.id]]
        items += [visit(child).as_item() for child in kids[goal.id]]
        result[goal.id] = roll_up_items(items)
        return result[goal.id]

    for root in kids[None]:
        visit(root)
    return result


__all__ = ["KpiStatus", "Rollup", "Status", "goal_rollups", "kpi_statuses"]

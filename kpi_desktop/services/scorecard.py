"""The scorecard: every KPI as one row of what its tile shows (value, status, sparkline,
trend, owner, perspective). Cost grows with the number of KPIs only: each KPI reads at most
its last `SPARKLINE_LENGTH` values through the (kpi, period) key, in one statement with the
status (`kpi_statuses_with_history`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import select

from kpi_desktop.domain.forecast import FORECAST_WINDOW
from kpi_desktop.domain.trend import Trend, trend_is_good, trend_of
from kpi_desktop.domain.types import Status
from kpi_desktop.services.status import kpi_statuses_with_history
from kpi_desktop.store.tables import Goal, Kpi

if TYPE_CHECKING:
    from kpi_desktop.services.workspace import Workspace

#: How many of the latest values a tile's sparkline shows (and the trend is judged on).
SPARKLINE_LENGTH = 12


@dataclass(frozen=True, slots=True)
class ScorecardRow:
    """One KPI as the scorecard shows it."""

    kpi_id: int
    goal_id: int
    goal: str
    kpi: str
    owner: str  # "" when nobody owns the KPI
    perspective: str | None  # the goal's, or the nearest ancestor goal's; None if none
    unit: str
    unit_kind: str
    currency_symbol: str
    decimals: int
    direction: str
    frequency: str
    leading: bool
    baseline: float | None
    target: float | None
    target_date: dt.date | None
    range_low: float | None
    range_high: float | None
    latest_value: float | None
    latest_date: dt.date | None
    progress: float | None
    status: Status
    forecast: float | None
    sparkline: tuple[float, ...]  # up to the last 12 values, oldest first
    trend: Trend | None  # None with fewer than 3 values
    trend_good: bool | None  # None for a flat trend (or no trend)


def perspective_of(goal_id: int, goals: dict[int, Goal]) -> str | None:
    """The goal's perspective, else the nearest ancestor's (up to the top-level objective)."""
    seen: set[int] = set()
    current: int | None = goal_id
    while current is not None and current not in seen and current in goals:
        seen.add(current)
        goal = goals[current]
        if goal.perspective:
            return goal.perspective
        current = goal.parent_id
    return None


def scorecard_rows(ws: Workspace, as_of: dt.date) -> list[ScorecardRow]:
    """Every (unarchived) KPI's scorecard row at `as_of`, in tree order."""
    window = max(SPARKLINE_LENGTH, FORECAST_WINDOW)
    statuses = kpi_statuses_with_history(ws, as_of, window)
    with ws.reading() as s:
        goals = {g.id: g for g in s.exec(select(Goal)) if g.id is not None}
        kpis = {k.id: k for k in s.exec(select(Kpi).where(Kpi.archived == False))}  # noqa: E712
    out = []
    for st, points in statuses:
        kpi = kpis.get(st.kpi_id)
        if kpi is None:  # archived or deleted between the two reads
            continue
        values = tuple(float(p.value) for p in points[-SPARKLINE_LENGTH:])
        trend = trend_of(values)
        out.append(
            ScorecardRow(
                kpi_id=st.kpi_id,
                goal_id=st.goal_id,
                goal=st.goal,
                kpi=st.kpi,
                owner=kpi.owner,
                perspective=perspective_of(st.goal_id, goals),
                unit=st.unit,
                unit_kind=kpi.unit_kind,
                currency_symbol=kpi.currency_symbol,
                decimals=st.decimals,
                direction=st.direction,
                frequency=kpi.frequency,
                leading=kpi.leading,
                baseline=st.baseline,
                target=st.target,
                target_date=st.target_date,
                range_low=kpi.range_low,
                range_high=kpi.range_high,
                latest_value=st.latest_value,
                latest_date=st.latest_date,
                progress=st.progress,
                status=st.status,
                forecast=st.forecast,
                sparkline=values,
                trend=trend,
                trend_good=trend_is_good(
                    trend,
                    st.direction,
                    latest=st.latest_value,
                    range_low=kpi.range_low,
                    range_high=kpi.range_high,
                ),
            )
        )
    return out


__all__ = ["SPARKLINE_LENGTH", "ScorecardRow", "Trend", "perspective_of", "scorecard_rows"]

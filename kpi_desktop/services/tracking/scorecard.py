"""The scorecard: every KPI as one row of what its tile shows (value, status, sparkline,
trend, owner, perspective), the filters over those rows, and the "real change" tag.

Cost grows with the number of KPIs only, and is set-based: the statuses and each KPI's
last `HISTORY` values come from one statement (`kpi_statuses_with_history`), the owners,
frequencies and perspectives from one statement per table. What only a tile on screen
needs (sparkline, trend, forecast, the "real change" tag of the XmR rules) is worked out
per row on request, from the values the row already holds: a view pays for it only for
the tiles it paints, and never reads the workspace again for them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, Protocol

from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.periods import CALENDAR_YEAR, FiscalYear
from kpi_desktop.domain.types import STATUS_ORDER, Frequency, Point, Status
from kpi_desktop.domain.variation.behaviour import HISTORY as BEHAVIOUR_HISTORY
from kpi_desktop.domain.variation.behaviour import forecast_at
from kpi_desktop.domain.variation.signals import change_is_good, signal_report
from kpi_desktop.domain.variation.trend import Trend, trend_is_good, trend_of
from kpi_desktop.services.planning.workspace_settings import read_fiscal_year
from kpi_desktop.services.tracking.status import kpi_statuses_with_history
from kpi_desktop.store.engine import sqlite_connection

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

#: How many of the latest values a tile's sparkline shows (and the trend is judged on).
SPARKLINE_LENGTH = 12
#: How many of the latest values a row keeps: enough for the sparkline, and for the
#: stretches the forecast and the signals of real change are judged on (as the chart).
HISTORY = max(SPARKLINE_LENGTH, BEHAVIOUR_HISTORY)


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
    stale: bool = False  # the latest value is older than a period and the grace
    history: tuple[Point, ...] = field(default=(), repr=False)  # last HISTORY values, oldest first
    fiscal: FiscalYear = CALENDAR_YEAR  # the workspace's: quarters and years follow it

    # What only a tile on screen needs is worked out when asked for, not for every KPI.

    @property
    def sparkline(self) -> tuple[float, ...]:
        """Up to the last 12 values, oldest first."""
        return tuple(float(p.value) for p in self.history[-SPARKLINE_LENGTH:])

    @property
    def trend(self) -> Trend | None:
        """Up, down or flat over the sparkline's values; None with fewer than 3 values."""
        return trend_of(self.sparkline)

    @property
    def trend_good(self) -> bool | None:
        """Whether the trend is good news; None for a flat trend (or no trend)."""
        return trend_is_good(
            self.trend,
            self.direction,
            latest=self.latest_value,
            range_low=self.range_low,
            range_high=self.range_high,
        )

    @property
    def forecast(self) -> float | None:
        """The business-as-usual value at the target date (as `kpi-desktop status`)."""
        if self.target_date is None:
            return None
        return forecast_at(self.history, self.frequency, self.target_date, fiscal=self.fiscal)

    def format(self, value: float | None) -> str:
        """`value` in this KPI's unit and decimals, for people."""
        return format_value(value, self.unit, self.decimals, self.unit_kind, self.currency_symbol)


@dataclass(frozen=True, slots=True)
class RealChange:
    """Whether a KPI's latest values are a real change (not noise), and what it means."""

    explanation: str  # one line; "" when there is no real change
    good: bool | None  # good news, bad news, or neither (a range KPI, no change)

    def __bool__(self) -> bool:
        return bool(self.explanation)


def real_change_of(row: ScorecardRow, as_of: dt.date) -> RealChange:
    """The "real change" tag of a row: the XmR signals in its last values (the same
    verdict as `services.signals.workspace_signals`, from the values the row holds)."""
    try:
        frequency = Frequency(row.frequency)
    except ValueError:
        frequency = Frequency.MONTHLY
    report = signal_report(row.history, frequency, as_of, row.format)
    if not report.real_change:
        return RealChange("", None)
    return RealChange(report.explanation, change_is_good(report.side, row.direction))


@dataclass(frozen=True, slots=True)
class ScorecardFilter:
    """Which rows the scorecard shows. None in a field lets every row through."""

    status: Status | None = None
    owner: str | None = None  # "" for KPIs without an owner; matched case-insensitively
    perspective: str | None = None  # "" for KPIs without a perspective
    due: frozenset[int] | None = None  # the ids of the KPIs due for a value
    stale: bool | None = None  # True: only stale KPIs; False: only current ones

    @property
    def is_active(self) -> bool:
        return any(
            v is not None for v in (self.status, self.owner, self.perspective, self.due, self.stale)
        )

    def accepts(self, row: ScorecardRow) -> bool:
        if self.due is not None and row.kpi_id not in self.due:
            return False
        if self.stale is not None and row.stale != self.stale:
            return False
        if self.status is not None and row.status != self.status:
            return False
        if self.owner is not None and row.owner.casefold() != self.owner.casefold():
            return False
        return self.perspective is None or (row.perspective or "") == self.perspective

    def apply(self, rows: Iterable[ScorecardRow]) -> list[ScorecardRow]:
        if not self.is_active:
            return list(rows)
        return [r for r in rows if self.accepts(r)]


def count_by_status(rows: Iterable[ScorecardRow]) -> dict[Status, int]:
    """How many rows have each status, in `STATUS_ORDER` (statuses with none left out)."""
    counts = Counter(r.status for r in rows)
    return {s: counts[s] for s in STATUS_ORDER if counts[s]}


class GoalPerspective(Protocol):
    """What finding a goal's perspective needs of a goal (a row or a table object)."""

    @property
    def parent_id(self) -> int | None: ...
    @property
    def perspective(self) -> str | None: ...


def perspective_of(goal_id: int, goals: Mapping[int, GoalPerspective]) -> str | None:
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


class _GoalRow(NamedTuple):
    parent_id: int | None
    perspective: str | None


class _KpiExtras(NamedTuple):
    """The KPI columns the scorecard shows that a status does not carry."""

    owner: str
    frequency: str
    leading: bool


def _read_plan_extras(
    ws: Workspace,
) -> tuple[dict[int, _GoalRow], dict[int, _KpiExtras], FiscalYear]:
    with ws.reading() as s:
        raw = sqlite_connection(s)
        goals = {
            gid: _GoalRow(parent, perspective)
            for gid, parent, perspective in raw.execute(
                "SELECT id, parent_id, perspective FROM goal"
            )
        }
        kpis = {
            kid: _KpiExtras(owner or "", frequency, bool(leading))
            for kid, owner, frequency, leading in raw.execute(
                'SELECT id, owner, frequency, "leading" FROM kpi WHERE NOT archived'
            )
        }
        fiscal = read_fiscal_year(raw)
    return goals, kpis, fiscal


def scorecard_rows(ws: Workspace, as_of: dt.date) -> list[ScorecardRow]:
    """Every (unarchived) KPI's scorecard row at `as_of`, in tree order."""
    statuses = kpi_statuses_with_history(ws, as_of, HISTORY, forecast=False)
    goals, extras, fiscal = _read_plan_extras(ws)
    perspectives: dict[int, str | None] = {}
    out = []
    for st, points in statuses:
        kpi = extras.get(st.kpi_id)
        if kpi is None:  # archived or deleted between the two reads
            continue
        if st.goal_id not in perspectives:
            perspectives[st.goal_id] = perspective_of(st.goal_id, goals)
        out.append(
            ScorecardRow(
                kpi_id=st.kpi_id,
                goal_id=st.goal_id,
                goal=st.goal,
                kpi=st.kpi,
                owner=kpi.owner,
                perspective=perspectives[st.goal_id],
                unit=st.unit,
                unit_kind=st.unit_kind,
                currency_symbol=st.currency_symbol,
                decimals=st.decimals,
                direction=st.direction,
                frequency=kpi.frequency,
                leading=kpi.leading,
                baseline=st.baseline,
                target=st.target,
                target_date=st.target_date,
                range_low=st.range_low,
                range_high=st.range_high,
                latest_value=st.latest_value,
                latest_date=st.latest_date,
                progress=st.progress,
                status=st.status,
                stale=st.stale,
                history=tuple(points),
                fiscal=fiscal,
            )
        )
    return out


__all__ = [
    "HISTORY",
    "SPARKLINE_LENGTH",
    "STATUS_ORDER",
    "RealChange",
    "ScorecardFilter",
    "ScorecardRow",
    "Trend",
    "count_by_status",
    "perspective_of",
    "real_change_of",
    "scorecard_rows",
]

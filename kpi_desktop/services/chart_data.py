"""Everything a KPI chart shows, computed once for the chart pane and for every export.

No Qt here: :func:`chart_data` reads the workspace and applies the domain rules; the
renderer in ``kpi_desktop.reports.chart`` only draws what it is given.

Decisions:

* Dates are a numpy ``datetime64[D]`` array (calendar days, no time zone), values a
  ``float64`` array of the same length, in date order. Both arrays are read-only. The
  renderer turns dates into its x coordinates in one place (``reports.chart.date_to_x``).
* The arrays hold every stored value, also any dated after ``as_of``; the status, the
  forecast and the natural process limits use only the values on or before ``as_of``,
  as ``services.status`` does, so the chart and the scorecard never disagree.
* Values are read with one SQL query straight into numpy (no object per value): a KPI with
  a million daily values loads in about half a second. Only the last 24 values on or before
  ``as_of`` become :class:`Point` objects, for the status, the forecast and the limits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from sqlmodel import col, select

from kpi_desktop.domain.forecast import FORECAST_WINDOW, MIN_FORECAST_POINTS, linear_fit
from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.sizing import WINDOW as LIMITS_WINDOW
from kpi_desktop.domain.status import StatusReading, expected_at, status_at
from kpi_desktop.domain.types import Direction, Frequency, KpiTarget, Point, Status
from kpi_desktop.domain.xmr import ProcessLimits, natural_process_limits
from kpi_desktop.services.goals import get_goal
from kpi_desktop.services.kpis import get_kpi, kpi_target
from kpi_desktop.store.tables import Milestone

if TYPE_CHECKING:
    from kpi_desktop.services.workspace import Workspace

DatedValue = tuple[dt.date, float]

#: Days from 4713 BC (Julian day 0) to 1970-01-01, as SQLite's julianday() counts them.
_UNIX_EPOCH_JULIAN_DAY = 2440587.5

_VALUES_SQL = (
    "SELECT julianday(period) - ?, value FROM measurement WHERE kpi_id = ? ORDER BY period"
)


@dataclass(frozen=True, eq=False)
class ChartData:
    """What one KPI chart shows, at the date ``as_of``."""

    kpi_id: int
    kpi_name: str
    goal_title: str
    unit: str
    unit_kind: str
    currency_symbol: str
    decimals: int
    direction: Direction
    frequency: Frequency
    reading: StatusReading
    #: The actual values: dates (numpy datetime64[D]) and values (float64), in date order.
    dates: np.ndarray
    values: np.ndarray
    baseline: DatedValue | None
    target: DatedValue | None
    milestones: tuple[DatedValue, ...]
    #: The plan: baseline -> milestones -> target (empty without a complete plan).
    pace: tuple[DatedValue, ...]
    #: The trend of the last 12 values, from the last value's date to the target date.
    forecast: tuple[DatedValue, DatedValue] | None
    #: Mean and natural process limits of the last 24 values, and the dates they span.
    limits: ProcessLimits | None
    limits_window: tuple[dt.date, dt.date] | None
    #: (low, high) for a keep-within-a-range KPI.
    range_band: tuple[float, float] | None
    as_of: dt.date

    @property
    def status(self) -> Status:
        return self.reading.status

    @property
    def latest(self) -> Point | None:
        return self.reading.latest

    @property
    def progress(self) -> float | None:
        return self.reading.progress

    @property
    def has_values(self) -> bool:
        return len(self.values) > 0

    def format_value(self, value: float | None) -> str:
        """A value as people read it, in this KPI's unit and decimals."""
        return format_value(value, self.unit, self.decimals, self.unit_kind, self.currency_symbol)

    def date_at(self, index: int) -> dt.date:
        """The date of the ``index``-th actual value."""
        return dt.date.fromisoformat(str(self.dates[index]))


def chart_data(ws: Workspace, kpi_id: int, as_of: dt.date) -> ChartData:
    """Read a KPI, its goal, milestones and values in one snapshot and compute the chart."""
    with ws.reading() as s:
        kpi = get_kpi(s, kpi_id)
        goal = get_goal(s, kpi.goal_id)
        milestones = list(
            s.exec(
                select(Milestone).where(Milestone.kpi_id == kpi_id).order_by(col(Milestone.date))
            ).all()
        )
        raw = s.connection().connection.driver_connection
        dates, values = _load_values(raw, kpi_id)
        target = kpi_target(kpi, milestones)
        kpi_name, goal_title = kpi.name, goal.title
        unit, unit_kind, symbol = kpi.unit, kpi.unit_kind, kpi.currency_symbol
        decimals, frequency = kpi.decimals, Frequency(kpi.frequency)

    recent = _recent_points(dates, values, as_of, max(LIMITS_WINDOW, FORECAST_WINDOW))
    limit_points = recent[-LIMITS_WINDOW:]
    limits = natural_process_limits([p.value for p in limit_points])
    return ChartData(
        kpi_id=kpi_id,
        kpi_name=kpi_name,
        goal_title=goal_title,
        unit=unit,
        unit_kind=unit_kind,
        currency_symbol=symbol,
        decimals=decimals,
        direction=target.direction,
        frequency=frequency,
        reading=status_at(target, recent[-1:], as_of),
        dates=dates,
        values=values,
        baseline=_dated(target.baseline_date, target.baseline_value),
        target=_dated(target.target_date, target.target_value),
        milestones=tuple((m.period, m.value) for m in target.milestones),
        pace=pace_line(target),
        forecast=forecast_line(recent[-FORECAST_WINDOW:], target.target_date),
        limits=limits,
        limits_window=(
            (limit_points[0].period, limit_points[-1].period) if limits is not None else None
        ),
        range_band=_range_band(target),
        as_of=as_of,
    )


def pace_line(target: KpiTarget) -> tuple[DatedValue, ...]:
    """The corners of the expected line: baseline, the milestones inside the plan, target.

    Empty for range KPIs and incomplete plans. The values are the domain's ``expected_at``
    at each corner, so the line drawn is exactly the one the status is judged against.
    """
    if target.direction == Direction.RANGE:
        return ()
    start, end = target.baseline_date, target.target_date
    if start is None or end is None or end <= start:
        return ()
    inner = sorted({m.period for m in target.milestones if start < m.period < end})
    corners = []
    for d in (start, *inner, end):
        value = expected_at(target, d)
        if value is None:
            return ()
        corners.append((d, value))
    return tuple(corners)


def forecast_line(
    points: list[Point], target_date: dt.date | None
) -> tuple[DatedValue, DatedValue] | None:
    """The least-squares trend of ``points`` from the last one's date to ``target_date``.

    None with fewer than 3 points, without a target date, or when the target date is not
    after the last value (there is nothing left to forecast). Its end value equals the
    status forecast (``domain.forecast.forecast_at``) over the same points.
    """
    if target_date is None or len(points) < MIN_FORECAST_POINTS:
        return None
    last = points[-1].period
    if target_date <= last:
        return None
    line = linear_fit(points)
    if line is None:
        return None
    return (last, line.at(last)), (target_date, line.at(target_date))


def _load_values(raw: object, kpi_id: int) -> tuple[np.ndarray, np.ndarray]:
    """All of a KPI's values in date order, straight from the cursor into numpy."""
    cursor = raw.execute(_VALUES_SQL, (_UNIX_EPOCH_JULIAN_DAY, kpi_id))  # type: ignore[attr-defined]
    rows = np.fromiter(cursor, dtype=[("day", np.float64), ("value", np.float64)])
    dates = np.rint(rows["day"]).astype(np.int64).astype("datetime64[D]")
    values = np.ascontiguousarray(rows["value"])
    dates.setflags(write=False)
    values.setflags(write=False)
    return dates, values


def _recent_points(dates: np.ndarray, values: np.ndarray, as_of: dt.date, n: int) -> list[Point]:
    """The last ``n`` values on or before ``as_of`` as Points."""
    end = int(np.searchsorted(dates, np.datetime64(as_of, "D"), side="right"))
    start = max(0, end - n)
    return [
        Point(dt.date.fromisoformat(str(d)), float(v))
        for d, v in zip(dates[start:end], values[start:end], strict=True)
    ]


def _dated(when: dt.date | None, value: float | None) -> DatedValue | None:
    if when is None or value is None:
        return None
    return when, float(value)


def _range_band(target: KpiTarget) -> tuple[float, float] | None:
    if target.direction != Direction.RANGE:
        return None
    if target.range_low is None or target.range_high is None:
        return None
    low, high = sorted((float(target.range_low), float(target.range_high)))
    return low, high

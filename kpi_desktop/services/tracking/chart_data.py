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
* The natural process limits are drawn per **stretch** (``domain.variation.behaviour``): the
  last 60 values on or before ``as_of`` cut at each lasting shift, each stretch with its own
  central line and limits (sloped for a steady trend), drawn as steps. The forecast is the
  one forecast: the latest stretch's line, from the last value to the target date.
* Values are read with one SQL query straight into numpy (no object per value): a KPI with
  a million daily values loads in about half a second. Only the last 60 values on or before
  ``as_of`` become :class:`Point` objects, for the status, the forecast and the limits.
* A screen needs far fewer points than that. ``chart_data(..., complete=False)`` (the chart
  pane) reads a series of more than :data:`WINDOWED_ABOVE` values as a :class:`SeriesWindow`
  instead: the lowest and highest value of each of :data:`ENVELOPE_BUCKETS` stretches of
  time (one range query each, aggregated inside SQLite: a fifth of the time of reading the
  values), plus the values the status needs. The pane then reads the stretch it shows with
  :func:`series_window`, value by value once few enough are on screen. Its cost grows with
  what is on screen, not with the length of the series.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from sqlmodel import col, select

from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.periods import CALENDAR_YEAR, FiscalYear
from kpi_desktop.domain.status import StatusReading, status_at
from kpi_desktop.domain.types import Direction, Frequency, KpiTarget, Point, Status
from kpi_desktop.domain.variation.behaviour import HISTORY, Behaviour, behaviour
from kpi_desktop.domain.variation.xmr import ProcessLimits
from kpi_desktop.services.planning.goals import get_goal
from kpi_desktop.services.planning.kpis import get_kpi
from kpi_desktop.services.planning.revisions import plan_spans, read_prior_plans
from kpi_desktop.services.planning.workspace_settings import read_fiscal_year
from kpi_desktop.services.review.annotations import Note, read_notes
from kpi_desktop.services.tracking.chart_lines import (
    DatedValue,
    StretchBand,
    clipped,
    forecast_line,
    pace_line,
    span_of,
    stretch_bands,
)
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.raw import RawConnection
from kpi_desktop.store.tables import Milestone

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

#: Days from 4713 BC (Julian day 0) to 1970-01-01, as SQLite's julianday() counts them.
_UNIX_EPOCH_JULIAN_DAY = 2440587.5

_VALUES_SQL = (
    "SELECT julianday(period) - ?, value FROM measurement WHERE kpi_id = ? ORDER BY period"
)
_RANGE_SQL = (
    "SELECT julianday(period) - ?, value FROM measurement "
    "WHERE kpi_id = ? AND period >= ? AND period <= ? ORDER BY period"
)
_BUCKET_SQL = (
    "SELECT count(*), min(value), max(value) FROM measurement "
    "WHERE kpi_id = ? AND period >= ? AND period < ?"
)
_FIRST_FROM_SQL = (
    "SELECT period FROM measurement WHERE kpi_id = ? AND period >= ? ORDER BY period LIMIT 1"
)

#: A series with more values than this is read in windows by the chart pane (see
#: :func:`series_window`); a window with more values than this is read as an envelope.
WINDOWED_ABOVE = 50_000
#: The stretches of time an envelope has (about two per pixel of a wide chart).
ENVELOPE_BUCKETS = 2048


@dataclass(frozen=True, eq=False)
class SeriesWindow:
    """The stored values of a KPI from ``start`` to ``end`` as a chart draws them.

    With ``envelope`` False, ``dates`` and ``values`` are the stored values themselves.
    With ``envelope`` True there were too many: the window is cut into equal stretches of
    time and each stretch that holds values gives two points at its first value's date, its
    lowest value then its highest (what pyqtgraph's "peak" downsampling draws).
    """

    start: dt.date
    end: dt.date
    dates: np.ndarray  # datetime64[D], in date order
    values: np.ndarray  # float64
    envelope: bool
    count: int  # stored values from start to end

    def covers(self, start: dt.date, end: dt.date) -> bool:
        return self.start <= start and end <= self.end


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
    #: The one forecast: the latest stretch's line from the last value to the target date.
    forecast: tuple[DatedValue, DatedValue] | None
    #: The latest stretch's mean and limits (flat), and the dates of the values they come
    #: from; every stretch's band is in ``stretches``.
    limits: ProcessLimits | None
    limits_window: tuple[dt.date, dt.date] | None
    #: (low, high) for a keep-within-a-range KPI.
    range_band: tuple[float, float] | None
    as_of: dt.date
    #: Set when ``dates``/``values`` hold only part of the values (``complete=False`` on a
    #: long series): the whole series as a window, its extent and how many values it has.
    #: ``dates``/``values`` then hold the last values on or before ``as_of`` (what the
    #: status, the forecast, the limits and the signals read).
    series: SeriesWindow | None = None
    #: The KPI's other plans (before or after a target revision), each as its pace line
    #: over the dates it is in force; ``pace`` is then cut to the dates of its own plan.
    other_plans: tuple[tuple[DatedValue, ...], ...] = ()
    #: The natural-variation band, one part per stretch, oldest first.
    stretches: tuple[StretchBand, ...] = ()
    #: The stretches and the one forecast's line the bands come from.
    behaviour: Behaviour | None = None
    #: The values of the year before the last 12 months to ``as_of``, moved a year on so
    #: they lie under this year's (empty unless asked for with ``last_year=True``).
    last_year: tuple[DatedValue, ...] = ()
    #: The KPI's notes and the workspace's (annotations), oldest first.
    notes: tuple[Note, ...] = ()
    #: The workspace's fiscal year (quarters and years are named by it).
    fiscal: FiscalYear = CALENDAR_YEAR

    @property
    def trend_limits(self) -> bool:
        """Whether the latest stretch's limits run around a trend line."""
        return bool(self.stretches) and self.stretches[-1].kind == "trend"

    @property
    def complete(self) -> bool:
        """Whether ``dates`` and ``values`` hold every stored value."""
        return self.series is None

    @property
    def value_count(self) -> int:
        return len(self.values) if self.series is None else self.series.count

    @property
    def first_date(self) -> dt.date | None:
        if self.series is not None:
            return self.series.start
        return self.date_at(0) if len(self.dates) else None

    @property
    def last_date(self) -> dt.date | None:
        if self.series is not None:
            return self.series.end
        return self.date_at(len(self.dates) - 1) if len(self.dates) else None

    def highest_value(self) -> float | None:
        """The highest stored value (None without values)."""
        values = self.values if self.series is None else self.series.values
        return float(np.max(values)) if len(values) else None

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
        return self.value_count > 0

    def format_value(self, value: float | None) -> str:
        """A value as people read it, in this KPI's unit and decimals."""
        return format_value(value, self.unit, self.decimals, self.unit_kind, self.currency_symbol)

    def date_at(self, index: int) -> dt.date:
        """The date of the ``index``-th actual value."""
        return dt.date.fromisoformat(str(self.dates[index]))


def chart_data(
    ws: Workspace,
    kpi_id: int,
    as_of: dt.date,
    *,
    complete: bool = True,
    last_year: bool = False,
) -> ChartData:
    """Read a KPI, its goal, milestones and values in one snapshot and compute the chart.

    With ``complete`` False, a series of more than :data:`WINDOWED_ABOVE` values is read
    as an envelope of the whole (``ChartData.series``) plus its last values on or before
    ``as_of``; see :func:`series_window` for reading a stretch of it. With ``last_year``
    the chart also holds the same months of last year (:func:`last_year_values`).
    """
    series: SeriesWindow | None = None
    with ws.reading() as s:
        kpi = get_kpi(s, kpi_id)
        goal = get_goal(s, kpi.goal_id)
        milestones = list(
            s.exec(
                select(Milestone).where(Milestone.kpi_id == kpi_id).order_by(col(Milestone.date))
            ).all()
        )
        raw = sqlite_connection(s)
        extent = None if complete else _extent(raw, kpi_id)
        if extent is None:
            dates, values = _load_values(raw, kpi_id)
        else:
            window = _window(raw, kpi_id, *extent, WINDOWED_ABOVE, ENVELOPE_BUCKETS)
            if window.envelope:
                series = window
                dates, values = _load_tail(raw, kpi_id, as_of, HISTORY)
            else:  # few enough: every value, as with complete
                dates, values = window.dates, window.values
        spans = plan_spans(kpi, milestones, read_prior_plans(raw, kpi_id).get(kpi_id, []))
        notes = tuple(read_notes(s, kpi_id))
        kpi_name, goal_title = kpi.name, goal.title
        unit, unit_kind, symbol = kpi.unit, kpi.unit_kind, kpi.currency_symbol
        decimals, frequency = kpi.decimals, Frequency(kpi.frequency)
        fiscal = read_fiscal_year(raw)

    target = next(t for start, end, t in spans if end is None or as_of < end)
    recent = _recent_points(dates, values, as_of, HISTORY)
    now = behaviour(recent, frequency, as_of, fiscal=fiscal)
    latest = now.latest
    limits = None
    if latest is not None and len(latest.window) >= 2:
        limits = latest.stretch.limits
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
        pace=clipped(pace_line(target), *span_of(target, spans)),
        other_plans=tuple(
            line
            for start, end, plan in spans
            if plan is not target and (line := clipped(pace_line(plan), start, end))
        ),
        forecast=forecast_line(now, target.target_date),
        limits=limits,
        limits_window=(
            (latest.window[0].period, latest.window[-1].period)
            if limits is not None and latest is not None
            else None
        ),
        range_band=_range_band(target),
        as_of=as_of,
        series=series,
        stretches=stretch_bands(now),
        behaviour=now,
        last_year=last_year_values(dates, values, as_of) if last_year else (),
        notes=_notes_within(notes, dates, target, as_of),
        fiscal=fiscal,
    )


def _notes_within(
    notes: tuple[Note, ...], dates: np.ndarray, target: KpiTarget, as_of: dt.date
) -> tuple[Note, ...]:
    """The notes that touch the chart's dates: from its first value (or baseline) to the
    later of the as-of date and the target date."""
    days = [d for d in (target.baseline_date, target.target_date) if d is not None]
    if len(dates):
        days += [dt.date.fromisoformat(str(dates[0])), dt.date.fromisoformat(str(dates[-1]))]
    first = min(days, default=as_of)
    last = max([*days, as_of])
    return tuple(n for n in notes if n.last >= first and n.start <= last)


def last_year_values(
    dates: np.ndarray, values: np.ndarray, as_of: dt.date
) -> tuple[DatedValue, ...]:
    """The values dated in the year before the last 12 months to ``as_of`` (from two years
    before ``as_of``, excluded, to one year before, included), each moved on by a year."""
    end = _year_before(as_of)
    start = _year_before(end)
    day = np.datetime64
    lo = int(np.searchsorted(dates, day(start, "D"), side="right"))
    hi = int(np.searchsorted(dates, day(end, "D"), side="right"))
    return tuple(
        (_year_after(dt.date.fromisoformat(str(d))), float(v))
        for d, v in zip(dates[lo:hi], values[lo:hi], strict=True)
    )


def _year_before(d: dt.date) -> dt.date:
    return d.replace(year=d.year - 1, day=min(d.day, 28) if d.month == 2 else d.day)


def _year_after(d: dt.date) -> dt.date:
    return d.replace(year=d.year + 1, day=min(d.day, 28) if d.month == 2 else d.day)


def series_window(
    ws: Workspace,
    kpi_id: int,
    start: dt.date,
    end: dt.date,
    *,
    max_values: int = WINDOWED_ABOVE,
    buckets: int = ENVELOPE_BUCKETS,
) -> SeriesWindow:
    """The KPI's values from ``start`` to ``end`` (both included): the values themselves
    when there are at most ``max_values``, else their envelope in ``buckets`` stretches."""
    if end < start:
        raise ValueError("the window ends before it starts")
    with ws.reading() as s:
        raw = sqlite_connection(s)
        return _window(raw, kpi_id, start, end, max_values, buckets)


def nearest_value(ws: Workspace, kpi_id: int, when: dt.date) -> Point | None:
    """The stored value whose date is nearest to ``when`` (the earlier one on a tie)."""
    with ws.reading() as s:
        raw = sqlite_connection(s)
        day = when.isoformat()
        before = raw.execute(
            "SELECT period, value FROM measurement WHERE kpi_id = ? AND period <= ? "
            "ORDER BY period DESC LIMIT 1",
            (kpi_id, day),
        ).fetchone()
        after = raw.execute(
            "SELECT period, value FROM measurement WHERE kpi_id = ? AND period > ? "
            "ORDER BY period LIMIT 1",
            (kpi_id, day),
        ).fetchone()
    found = [Point(dt.date.fromisoformat(r[0]), float(r[1])) for r in (before, after) if r]
    if not found:
        return None
    return min(found, key=lambda p: (abs((p.period - when).days), p.period))


def _load_values(raw: RawConnection, kpi_id: int) -> tuple[np.ndarray, np.ndarray]:
    """All of a KPI's values in date order, straight from the cursor into numpy."""
    cursor = raw.execute(_VALUES_SQL, (_UNIX_EPOCH_JULIAN_DAY, kpi_id))
    return _arrays(cursor)


def _arrays(cursor: Iterable[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
    """(day since 1970, value) rows as read-only date and value arrays. The rows go into
    one flat float array at C speed (a structured array per row is 10% slower)."""
    flat = np.fromiter(itertools.chain.from_iterable(cursor), dtype=np.float64)
    dates = np.rint(flat[0::2]).astype(np.int64).astype("datetime64[D]")
    values = np.ascontiguousarray(flat[1::2])
    dates.setflags(write=False)
    values.setflags(write=False)
    return dates, values


def _extent(raw: RawConnection, kpi_id: int) -> tuple[dt.date, dt.date] | None:
    """The first and the last date with a value (two seeks on the key), or None."""
    first = raw.execute(
        "SELECT period FROM measurement WHERE kpi_id = ? ORDER BY period LIMIT 1", (kpi_id,)
    ).fetchone()
    if first is None:
        return None
    last = raw.execute(
        "SELECT period FROM measurement WHERE kpi_id = ? ORDER BY period DESC LIMIT 1",
        (kpi_id,),
    ).fetchone()
    return dt.date.fromisoformat(first[0]), dt.date.fromisoformat(last[0])


def _count_up_to(raw: RawConnection, kpi_id: int, start: dt.date, end: dt.date, cap: int) -> int:
    """How many values lie from ``start`` to ``end``, counting no further than ``cap``."""
    row = raw.execute(
        "SELECT count(*) FROM (SELECT 1 FROM measurement WHERE kpi_id = ? AND period >= ? "
        "AND period <= ? LIMIT ?) AS up_to",
        (kpi_id, start.isoformat(), end.isoformat(), cap),
    ).fetchone()
    return int(row[0])


def _window(
    raw: RawConnection,
    kpi_id: int,
    start: dt.date,
    end: dt.date,
    max_values: int,
    buckets: int,
) -> SeriesWindow:
    count = _count_up_to(raw, kpi_id, start, end, max_values + 1)
    if count <= max_values:
        cursor = raw.execute(
            _RANGE_SQL, (_UNIX_EPOCH_JULIAN_DAY, kpi_id, start.isoformat(), end.isoformat())
        )
        dates, values = _arrays(cursor)
        return SeriesWindow(start, end, dates, values, envelope=False, count=len(values))
    # One range query per stretch: SQLite aggregates on the key without handing a row to
    # Python (a GROUP BY computing a bucket per row is three times slower).
    first, days = start.toordinal(), end.toordinal() - start.toordinal() + 1
    edges = sorted({first + (days * i) // buckets for i in range(buckets + 1)})
    iso = [dt.date.fromordinal(e).isoformat() for e in edges]
    lows, highs, at = [], [], []
    total = 0
    execute = raw.execute
    for lo, hi in zip(iso, iso[1:], strict=False):
        n, low, high = execute(_BUCKET_SQL, (kpi_id, lo, hi)).fetchone()
        if n:
            total += n
            lows.append(low)
            highs.append(high)
            # drawn at its first value's date (a seek; min(period) in the scan costs more)
            at.append(execute(_FIRST_FROM_SQL, (kpi_id, lo)).fetchone()[0])
    dates = np.repeat(np.array(at, dtype="datetime64[D]"), 2)
    values = np.column_stack([lows, highs]).ravel().astype(np.float64)
    dates.setflags(write=False)
    values.setflags(write=False)
    return SeriesWindow(start, end, dates, values, envelope=True, count=total)


def _load_tail(
    raw: RawConnection, kpi_id: int, as_of: dt.date, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """The last ``n`` values on or before ``as_of``, in date order."""
    cursor = raw.execute(
        "SELECT julianday(period) - ?, value FROM (SELECT period, value FROM measurement "
        "WHERE kpi_id = ? AND period <= ? ORDER BY period DESC LIMIT ?) AS recent ORDER BY period",
        (_UNIX_EPOCH_JULIAN_DAY, kpi_id, as_of.isoformat(), n),
    )
    return _arrays(cursor)


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

"""A KPI's process behaviour at a date: its recent values cut into stretches, and the one
forecast of the app.

:func:`behaviour` reads the last :data:`HISTORY` values on or before the date, dated by
period, and cuts them into stretches (:mod:`.stretches`). The **latest stretch's window**
(its last min(n, 24) values) is what the status, the scorecard, the chart, the wizard,
``size`` and the reports read for "now":

* ``baseline``: the window's mean (level) or its line's value at the as-of period
  (trend), so it always lies within ``lower_limit``/``upper_limit`` (the limits at the
  as-of period);
* ``fit``: the least-squares line of the window over period indexes (needs 3 values);
* :meth:`Behaviour.forecast`: that line at a date's period: **the one forecast**
  (:func:`forecast_at` for callers that hold only the values).

Why a cap of :data:`HISTORY` values: where the stretches of a long series cut depends a
little on where the cut starts, but the latest stretch (what "now" reads) does not in
practice, and the status of 2,000 KPIs then reads 60 values each rather than all.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from kpi_desktop.domain.periods import CALENDAR_YEAR, FiscalYear, add_periods, period_index
from kpi_desktop.domain.types import Frequency, Point
from kpi_desktop.domain.variation.forecast import MIN_FORECAST_POINTS, LineFit, fit_line
from kpi_desktop.domain.variation.stretches import Stretch, StretchKind, split_stretches

#: How many of the latest values are cut into stretches.
HISTORY = 60


@dataclass(frozen=True, slots=True)
class DatedStretch:
    """A stretch with the dated values it holds."""

    stretch: Stretch
    points: tuple[Point, ...]  # its values, oldest first
    xs: tuple[float, ...]  # their period indexes
    frequency: Frequency
    recognised: dt.date | None  # the period of the value that completed the shift
    fiscal: FiscalYear = CALENDAR_YEAR  # the quarters and years its periods follow

    @property
    def first(self) -> dt.date:
        return self.points[0].period

    @property
    def last(self) -> dt.date:
        return self.points[-1].period

    @property
    def count(self) -> int:
        return len(self.points)

    @property
    def kind(self) -> StretchKind:
        return self.stretch.kind

    @property
    def mean(self) -> float:
        return self.stretch.limits.mean

    @property
    def window(self) -> tuple[Point, ...]:
        """The values its line and limits come from: its last min(n, 24)."""
        s = self.stretch
        return self.points[s.window_start - s.start :]

    def centre_on(self, d: dt.date) -> float:
        return self.stretch.centre(float(period_index(d, self.frequency, fiscal=self.fiscal)))

    def lower_on(self, d: dt.date) -> float:
        return self.stretch.lower(float(period_index(d, self.frequency, fiscal=self.fiscal)))

    def upper_on(self, d: dt.date) -> float:
        return self.stretch.upper(float(period_index(d, self.frequency, fiscal=self.fiscal)))

    def detrended(self) -> list[float]:
        """Its values with the trend taken out (see :meth:`Stretch.detrended`)."""
        return self.stretch.detrended([p.value for p in self.points], self.xs)


@dataclass(frozen=True, slots=True)
class Behaviour:
    """The stretches of a KPI's last values at ``as_of`` and what "now" reads from them."""

    frequency: Frequency
    as_of: dt.date | None
    stretches: tuple[DatedStretch, ...]
    fit: LineFit | None = field(default=None)  # of the latest window, over period indexes
    fiscal: FiscalYear = CALENDAR_YEAR  # the quarters and years its periods follow

    @property
    def latest(self) -> DatedStretch | None:
        return self.stretches[-1] if self.stretches else None

    @property
    def previous(self) -> DatedStretch | None:
        return self.stretches[-2] if len(self.stretches) > 1 else None

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(p for s in self.stretches for p in s.points)

    def _now(self) -> dt.date | None:
        latest = self.latest
        if latest is None:
            return None
        return self.as_of if self.as_of is not None else latest.last

    @property
    def baseline(self) -> float | None:
        """The window's mean, or its trend line at the as-of period."""
        latest, now = self.latest, self._now()
        if latest is None or now is None:
            return None
        return latest.centre_on(now) if latest.kind == "trend" else latest.mean

    @property
    def lower_limit(self) -> float | None:
        """The latest stretch's lower limit at the as-of period (None under 2 values)."""
        latest, now = self.latest, self._now()
        if latest is None or now is None or len(latest.window) < 2:
            return None
        return latest.lower_on(now)

    @property
    def upper_limit(self) -> float | None:
        """The latest stretch's upper limit at the as-of period (None under 2 values)."""
        latest, now = self.latest, self._now()
        if latest is None or now is None or len(latest.window) < 2:
            return None
        return latest.upper_on(now)

    def reaches(self, target: float, increase: bool) -> dt.date | None:
        """The first period from the latest value's on whose forecast reaches ``target``
        (at or above it when ``increase``, else at or below); None when the line is flat
        or heads the other way, or without a forecast."""
        latest = self.latest
        if self.fit is None or latest is None:
            return None
        slope = self.fit.slope
        now = period_index(latest.last, self.frequency, fiscal=self.fiscal)
        if (self.fit.at(float(now)) >= target) == increase:
            return latest.last
        if slope == 0.0 or (slope > 0) != increase:
            return None
        x = self.fit.x_mean + (target - self.fit.y_mean) / slope
        ahead = max(0, math.ceil(x - 1e-9) - now)
        if ahead > 1200:  # a hundred years of months: never, for a plan
            return None
        return add_periods(latest.last, self.frequency, ahead, fiscal=self.fiscal)

    def forecast(self, when: dt.date | None) -> float | None:
        """The one forecast: the latest window's least-squares line at ``when``'s period
        (None without a date or with fewer than 3 values in the window)."""
        if when is None or self.fit is None:
            return None
        return self.fit.at(float(period_index(when, self.frequency, fiscal=self.fiscal)))


def behaviour(
    points: Sequence[Point],
    frequency: Frequency | str,
    as_of: dt.date | None = None,
    history: int = HISTORY,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> Behaviour:
    """Cut the last ``history`` values on or before ``as_of`` (all dates when None) into
    stretches. ``points`` may be in any order and hold values after ``as_of``."""
    freq = Frequency(frequency)
    kept = sorted(
        (p for p in points if as_of is None or p.period <= as_of), key=lambda p: p.period
    )[-history:]
    xs = [float(period_index(p.period, freq, fiscal=fiscal)) for p in kept]
    cut = split_stretches([p.value for p in kept], xs)
    dated = tuple(
        DatedStretch(
            s,
            tuple(kept[s.start : s.end]),
            tuple(xs[s.start : s.end]),
            freq,
            None if s.recognised_at is None else kept[s.recognised_at].period,
            fiscal,
        )
        for s in cut
    )
    fit = None
    if dated:
        latest = dated[-1]
        w0 = latest.stretch.window_start - latest.stretch.start
        window = latest.points[w0:]
        if len(window) >= MIN_FORECAST_POINTS:
            fit = fit_line(latest.xs[w0:], [p.value for p in window])
    return Behaviour(freq, as_of, dated, fit, fiscal)


def forecast_at(
    points: Sequence[Point],
    frequency: Frequency | str,
    when: dt.date | None,
    as_of: dt.date | None = None,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> float | None:
    """The app's one forecast (see the module notes) of ``points`` at ``when``."""
    if when is None or len(points) < MIN_FORECAST_POINTS:
        return None
    return behaviour(points, frequency, as_of, fiscal=fiscal).forecast(when)


__all__ = ["HISTORY", "Behaviour", "DatedStretch", "behaviour", "forecast_at"]

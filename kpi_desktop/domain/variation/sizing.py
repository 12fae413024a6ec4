"""Size a target from the KPI's own history, and spread it into period milestones.

Definitions (DESIGN.md "Sizing"; the ``size`` command and the Size page share them):

* the values on or before ``as_of`` are cut into stretches at lasting shifts, and the
  **window** is the last min(n, 24) values of the latest stretch
  (:func:`kpi_desktop.domain.variation.behaviour.behaviour`); the result names it
  (``stretch_start``, ``stretch_count``, ``stretch_kind``);
* ``mean``: the window's mean; ``lower_limit``/``upper_limit``: mean -/+ 2.66 x mean
  moving range, or for a steady trend the same band around the window's line at the
  as-of period;
* ``baseline``: the mean (level) or the line's value at the as-of period (trend): always
  within the limits;
* ``trend_per_period``: least-squares slope over the window with x = period index (needs 3
  values);
* ``forecast``: that line at the target date's period: the app's one forecast, which
  the status and the chart use too;
* ``forecast_sd``: the fit's residual spread widened for the distance ahead,
  s * sqrt(1 + k * (1/n + (h - x_mean)^2 / Sxx)): the prediction-interval formula with a
  **streak factor** k = (1 + r) / (1 - r). Real monthly series move in streaks (a good month
  tends to follow a good month), so 24 values carry less evidence about the trend than 24
  independent ones and the plain formula is too sure of itself. r is the lag-1
  autocorrelation of the residuals plus its usual small-sample bias, (2 + 4 r1) / n,
  clipped to [0, 0.95]; values that zig-zag or look independent get k = 1 (the plain
  formula), streaky ones a wider spread. Back-tested on the 23 US employment series (a
  year ahead, every third month from 2009), this 80 % range held the value 41 % of the
  time with the window of the latest stretch (46 % with a fixed 24-value window before
  stretches; the plain formula 17 %): the windows are shorter, and a trend line cannot
  foresee a recession. A floor at the routine variation of the residuals did not help
  (41 %). On simulated independent noise it holds it about 80 % of the time;
* ``attainability``: P(value at the target date reaches the target) under a normal law
  centred on the forecast with that spread (P(value <= target) for a decreasing KPI).
  When the spread is zero it is 1 if the forecast reaches the target, else 0;
* suggestions, in the good direction: business as usual = the forecast; stretch = the
  target reached with a chance of 1 in 3 (forecast + 0.43 spreads); ambitious = reached
  with a chance of 1 in 10 (forecast + 1.28 spreads);
* verdict: ``too_easy`` when attainability >= 0.8, ``attainable`` when >= 0.2, else
  ``step_change``. So business as usual (0.5) and stretch (1/3) read "challenging but
  attainable" and ambitious (0.1) "needs a step change in how you work".

Range KPIs get the limits, trend and forecast but no suggestions, attainability or verdict.
Short history never raises: what cannot be computed is None, and ``enough_history`` is
False below 5 values.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from statistics import NormalDist
from typing import Literal

from kpi_desktop.domain.periods import (
    CALENDAR_YEAR,
    PERIODS_PER_YEAR,
    FiscalYear,
    add_periods,
    period_index,
)
from kpi_desktop.domain.types import Direction, Frequency, Point
from kpi_desktop.domain.variation.behaviour import behaviour
from kpi_desktop.domain.variation.forecast import LineFit, fit_line
from kpi_desktop.domain.variation.stretches import BASE, StretchKind
from kpi_desktop.i18n.catalogue import QT_TRANSLATE_NOOP

WINDOW = BASE
MIN_HISTORY = 5
MIN_TREND_VALUES = 3
TOO_EASY_AT = 0.8
ATTAINABLE_AT = 0.2
STRETCH_CHANCE = 1 / 3
AMBITIOUS_CHANCE = 0.1
#: Largest streak correlation the spread allows for (a factor of 39 on the trend's part).
MAX_STREAK = 0.95

Verdict = Literal["too_easy", "attainable", "step_change"]
VERDICT_TEXT: dict[str, str] = {
    "too_easy": QT_TRANSLATE_NOOP("Sizing", "too easy"),
    "attainable": QT_TRANSLATE_NOOP("Sizing", "challenging but attainable"),
    "step_change": QT_TRANSLATE_NOOP("Sizing", "needs a step change in how you work"),
}
#: Frequencies whose milestones can follow last year's seasonal shape.
SEASONAL_FREQUENCIES = (Frequency.MONTHLY, Frequency.QUARTERLY)

_NORMAL = NormalDist()


@dataclass(frozen=True, slots=True)
class Suggestions:
    """Three targets, from least to most demanding in the KPI's good direction."""

    business_as_usual: float
    stretch: float
    ambitious: float


def verdict_for(attainability: float | None) -> Verdict | None:
    """``too_easy`` (>= 0.8), ``attainable`` (>= 0.2), ``step_change`` (below), or None."""
    if attainability is None:
        return None
    if attainability >= TOO_EASY_AT:
        return "too_easy"
    if attainability >= ATTAINABLE_AT:
        return "attainable"
    return "step_change"


def _chance(direction: Direction, forecast: float, sd: float, target: float) -> float:
    if direction == Direction.DECREASE:
        if sd <= 0:
            return 1.0 if forecast <= target else 0.0
        return _NORMAL.cdf((target - forecast) / sd)
    if sd <= 0:
        return 1.0 if forecast >= target else 0.0
    return 1.0 - _NORMAL.cdf((target - forecast) / sd)


@dataclass(frozen=True, slots=True)
class SizingResult:
    """What the history says about a target; see the module notes for every definition."""

    direction: Direction
    baseline: float | None
    mean: float | None
    lower_limit: float | None
    upper_limit: float | None
    trend_per_period: float | None
    forecast: float | None
    forecast_sd: float | None
    suggestions: Suggestions | None
    target: float | None
    attainability: float | None
    verdict: Verdict | None
    enough_history: bool
    n_values: int  # in the window
    stretch_start: dt.date | None = None  # the window's first period
    stretch_kind: StretchKind | None = None  # "level" or "trend"
    stretch_since: dt.date | None = None  # where the latest stretch starts (before the window
    # when it holds more than 24 values)

    def attainability_for(self, target: float) -> float | None:
        """Chance of reaching ``target`` by the target date (None for range or no forecast)."""
        if self.direction == Direction.RANGE or self.forecast is None or self.forecast_sd is None:
            return None
        return _chance(self.direction, self.forecast, self.forecast_sd, target)

    @property
    def verdict_text(self) -> str | None:
        """The verdict in plain words, e.g. "challenging but attainable"."""
        return None if self.verdict is None else VERDICT_TEXT[self.verdict]


def streak_factor(residuals: Sequence[float]) -> float:
    """(1 + r) / (1 - r), r = lag-1 autocorrelation of ``residuals`` + (2 + 4 r) / n,
    clipped to [0, MAX_STREAK]; 1.0 for fewer than 3 residuals."""
    n = len(residuals)
    if n < MIN_TREND_VALUES:
        return 1.0
    sse = math.fsum(e * e for e in residuals)
    r1 = 0.0 if sse <= 0 else math.fsum(a * b for a, b in pairwise(residuals)) / sse
    r = min(max(r1 + (2.0 + 4.0 * r1) / n, 0.0), MAX_STREAK)
    return (1.0 + r) / (1.0 - r)


def forecast_spread(
    fit: LineFit, xs: Sequence[float], ys: Sequence[float], h: float
) -> float | None:
    """Spread of the value at period index ``h``: s * sqrt(1 + k (1/n + (h - x̄)² / Sxx))."""
    s = fit.residual_sd
    if s is None:
        return None
    k = streak_factor([y - fit.at(x) for x, y in zip(xs, ys, strict=True)])
    return s * math.sqrt(1.0 + k * (1.0 / fit.n + (h - fit.x_mean) ** 2 / fit.sxx))


def size_target(
    points: Sequence[Point],
    frequency: Frequency,
    direction: Direction,
    target_date: dt.date,
    as_of: dt.date,
    target: float | None = None,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> SizingResult:
    """Baseline, limits, trend, forecast, suggestions and attainability of ``target``
    (quarters and years are those of ``fiscal``)."""
    now = behaviour(points, frequency, as_of, fiscal=fiscal)
    latest = now.latest
    window = latest.window if latest is not None else ()
    values = [float(p.value) for p in window]
    n = len(values)
    fit = now.fit
    trend = forecast = forecast_sd = None
    if fit is not None and latest is not None:
        xs = list(latest.xs[len(latest.points) - n :])
        h = float(period_index(target_date, frequency, fiscal=fiscal))
        trend, forecast = fit.slope, now.forecast(target_date)
        assert forecast is not None
        forecast_sd = forecast_spread(fit, xs, values, h)

    suggestions = None
    if direction != Direction.RANGE and forecast is not None and forecast_sd is not None:
        good = -1.0 if direction == Direction.DECREASE else 1.0
        z_stretch = _NORMAL.inv_cdf(1 - STRETCH_CHANCE)
        z_ambitious = _NORMAL.inv_cdf(1 - AMBITIOUS_CHANCE)
        suggestions = Suggestions(
            business_as_usual=forecast,
            stretch=forecast + good * z_stretch * forecast_sd,
            ambitious=forecast + good * z_ambitious * forecast_sd,
        )
    result = SizingResult(
        direction=Direction(direction),
        baseline=now.baseline,
        mean=None if latest is None else latest.mean,
        lower_limit=now.lower_limit,
        upper_limit=now.upper_limit,
        trend_per_period=trend,
        forecast=forecast,
        forecast_sd=forecast_sd,
        suggestions=suggestions,
        target=target,
        attainability=None,
        verdict=None,
        enough_history=n >= MIN_HISTORY,
        n_values=n,
        stretch_start=window[0].period if window else None,
        stretch_kind=None if latest is None else latest.kind,
        stretch_since=None if latest is None else latest.first,
    )
    if target is None:
        return result
    chance = result.attainability_for(target)
    return replace(result, attainability=chance, verdict=verdict_for(chance))


# --- milestones -------------------------------------------------------------------------


def _season(d: dt.date, frequency: Frequency, fiscal: FiscalYear = CALENDAR_YEAR) -> int:
    """Slot of the period in its year: month 1..12, or quarter 1..4 of the fiscal year."""
    return d.month if frequency == Frequency.MONTHLY else fiscal.quarter(d)


_MIN_SHARE = 0.05  # below this share of its trend line, seasonality is read as amounts


@dataclass(frozen=True, slots=True)
class SeasonalShape:
    """Last year's deviation from its own trend line, per month (or quarter) of the year.

    ``relative`` True: deviations are shares of the line (value = line x (1 + d));
    False (when last year's values or line touch zero or below): amounts (value = line + d).
    Slots missing from last year have deviation 0.
    """

    deviations: dict[int, float]
    relative: bool

    def apply(self, level: float, slot: int) -> float:
        d = self.deviations.get(slot, 0.0)
        return level * (1.0 + d) if self.relative else level + d

    def deseasonalise(self, value: float, slot: int) -> float:
        d = self.deviations.get(slot, 0.0)
        return value / (1.0 + d) if self.relative else value - d


def seasonal_shape(
    history: Sequence[Point], frequency: Frequency, fiscal: FiscalYear = CALENDAR_YEAR
) -> SeasonalShape | None:
    """Shape of the last year of ``history`` (the periods within a year of the latest one).

    None for frequencies other than monthly or quarterly, or fewer than 3 values that year.
    """
    if frequency not in SEASONAL_FREQUENCIES or not history:
        return None
    per_year = PERIODS_PER_YEAR[frequency]
    last = max(period_index(p.period, frequency, fiscal=fiscal) for p in history)
    year = [
        p for p in history if period_index(p.period, frequency, fiscal=fiscal) > last - per_year
    ]
    if len(year) < MIN_TREND_VALUES:
        return None
    xs = [float(period_index(p.period, frequency, fiscal=fiscal)) for p in year]
    ys = [float(p.value) for p in year]
    fit = fit_line(xs, ys)
    if fit is None:
        return None
    line = [fit.at(x) for x in xs]
    # Shares of the line only when every value is a fair share of it: a month near zero
    # against a positive line would make "divide by (1 + deviation)" blow up.
    relative = all(v > 0 for v in line) and all(
        y > _MIN_SHARE * v for y, v in zip(ys, line, strict=True)
    )
    sums: dict[int, list[float]] = {}
    for p, y, v in zip(year, ys, line, strict=True):
        dev = (y - v) / v if relative else y - v
        sums.setdefault(_season(p.period, frequency, fiscal), []).append(dev)
    return SeasonalShape({k: math.fsum(d) / len(d) for k, d in sums.items()}, relative)


def spread_milestones(
    baseline: float,
    target: float,
    start: dt.date,
    target_date: dt.date,
    frequency: Frequency,
    shape: Literal["even", "seasonal"] = "even",
    history: Sequence[Point] | None = None,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> list[Point]:
    """One milestone per period, from the period after ``start`` to the target date's period.

    Quarters and years are those of ``fiscal`` (a yearly KPI's milestones fall on the
    first day of each fiscal year, a quarterly one's seasons are fiscal quarters).

    A milestone is dated like a measurement, by the first day of its period, and holds the
    value to reach in that period. The last one is exactly ``target``.

    * ``even``: equal steps from the baseline to the target.
    * ``seasonal``: an underlying level rises in equal steps from the baseline to the
      target month's de-seasonalised target, and each milestone is that level with last
      year's deviation for its month (see :func:`seasonal_shape`); so the milestones
      deviate from their level exactly as last year deviated from its trend. Falls back to
      ``even`` when there is no shape (no history, under 3 values in the last year, or a
      frequency other than monthly or quarterly).

    A target date in the same period as ``start`` gives the single final milestone; a
    target date before ``start`` is an error.
    """
    if shape not in ("even", "seasonal"):
        raise ValueError(f"unknown milestone shape: {shape!r}")
    k_total = period_index(target_date, frequency, fiscal=fiscal) - period_index(
        start, frequency, fiscal=fiscal
    )
    if k_total < 0:
        raise ValueError("the target date is before the start")
    last = Point(add_periods(target_date, frequency, 0, fiscal=fiscal), float(target))
    if k_total == 0:
        return [last]
    season = seasonal_shape(history or (), frequency, fiscal) if shape == "seasonal" else None
    end_level = float(target)
    if season is not None:
        end_level = season.deseasonalise(target, _season(last.period, frequency, fiscal))
    out = []
    for k in range(1, k_total):
        period = add_periods(start, frequency, k, fiscal=fiscal)
        level = baseline + (end_level - baseline) * k / k_total
        slot = _season(period, frequency, fiscal)
        value = level if season is None else season.apply(level, slot)
        out.append(Point(period, value))
    out.append(last)
    return out

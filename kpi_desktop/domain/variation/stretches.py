"""Stretches of an XmR chart: the series cut at each lasting shift, each with its own
central line and natural process limits (Wheeler; Stacey Barr's practice).

How a series is cut (DESIGN.md, "Sizing"):

* A stretch starts at the first value. Its central line comes from its first
  min(n, :data:`BASE`) values: their mean (a **level** stretch) or, when they follow a
  steady trend, their least-squares line (a **trend** stretch); its limits lie
  2.66 x mean moving range either side of that line.
* A new stretch starts at the first value of a run on one side of the central line that is
  either :data:`RUN_LENGTH` (8) values long, or :data:`SUSTAINED` (6) values long with at
  least :data:`SUSTAINED_BEYOND` (3) of its first 6 beyond the limit on that side (a
  sustained move beyond the limits). So a new stretch always has at least 6 values, and
  it is recognised at the value that completes its run (``recognised_at``).
* A stretch keeps at least :data:`MIN_STRETCH` values: the first stretch ignores runs that
  start sooner after the first value, and a later stretch cut shorter than that (a value
  or two between two shifts) is added to the stretch before it. Once a stretch's end is
  known, its line is worked out again from its own values, which may find an earlier
  shift inside it.
* A window is **steady trend** when it has at least :data:`MIN_TREND_VALUES` values, a
  least-squares line explains at least :data:`TREND_FIT` of their variation (R squared),
  and that line fits better than the best split into two flat levels (a step is a shift,
  not a trend).

What the chart shows and the signals are judged against is each stretch's **window**: its
last min(n, :data:`BASE`) values (the whole stretch up to 24 values, which is what
``size`` reads for the latest stretch), with the kind decided on that window.

Positions: ``xs`` are the values' period indexes (default 0, 1, 2, ...); trend lines are
fitted over them, so a missing month does not bend a line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise
from typing import Literal

from kpi_desktop.domain.variation.forecast import LineFit, fit_line
from kpi_desktop.domain.variation.xmr import RUN_LENGTH, XMR_SCALE, ProcessLimits

#: Values a stretch's central line and limits come from (then fixed until the next shift).
BASE = 24
#: A run on one side this long, with SUSTAINED_BEYOND of them beyond the limit, is a shift.
SUSTAINED = 6
SUSTAINED_BEYOND = 3
#: The fewest values a stretch keeps (see the module notes).
MIN_STRETCH = 3
#: A trend stretch needs this many values and a line explaining this share of the variation.
MIN_TREND_VALUES = 6
TREND_FIT = 0.6
#: Each level of the two-level split a trend must beat has at least this many values.
_STEP_SIDE = 3

StretchKind = Literal["level", "trend"]


@dataclass(frozen=True, slots=True)
class Stretch:
    """Values ``start`` to ``end`` (exclusive) of a series, between two lasting shifts.

    ``limits`` hold the window's mean, mean moving range and the flat limits around the
    mean; for a trend stretch the central line is ``limits.mean + slope * (x - x_mean)``
    and the limits run parallel to it (see :meth:`centre`, :meth:`lower`, :meth:`upper`).
    """

    start: int
    end: int
    window_start: int  # first value of the window the line and limits come from
    kind: StretchKind
    limits: ProcessLimits
    slope: float  # per unit of x (0 for a level stretch)
    x_mean: float
    r_squared: float | None  # of the trend line (None for a level stretch)
    recognised_at: int | None  # the value that completed the shift (None: the first stretch)
    rule: Literal["run", "beyond"] | None  # which shift started it (None: the first stretch)

    @property
    def count(self) -> int:
        return self.end - self.start

    @property
    def half_width(self) -> float:
        return XMR_SCALE * self.limits.mean_moving_range

    def centre(self, x: float) -> float:
        return self.limits.mean + self.slope * (x - self.x_mean)

    def lower(self, x: float) -> float:
        return self.centre(x) - self.half_width

    def upper(self, x: float) -> float:
        return self.centre(x) + self.half_width

    def detrended(self, values: Sequence[float], xs: Sequence[float]) -> list[float]:
        """The values with the line's slope taken out, so that flat limits around
        ``limits.mean`` judge them as the sloped limits judge the values."""
        if self.slope == 0.0:
            return [float(v) for v in values]
        return [float(v) - self.slope * (x - self.x_mean) for v, x in zip(values, xs, strict=True)]


@dataclass(frozen=True, slots=True)
class _Line:
    """A central line (mean, slope around x_mean) and the half width of its limits."""

    kind: StretchKind
    mean: float
    slope: float
    x_mean: float
    mmr: float
    r_squared: float | None

    def centre(self, x: float) -> float:
        return self.mean + self.slope * (x - self.x_mean)


def _mean(values: Sequence[float]) -> float:
    low = min(values)
    return low + math.fsum(v - low for v in values) / len(values)  # exact for constants


def _mmr(values: Sequence[float]) -> float:
    if len(values) < 2:
        return 0.0
    return math.fsum(abs(b - a) for a, b in pairwise(values)) / (len(values) - 1)


def _best_step_sse(values: Sequence[float]) -> float:
    """The smallest sum of squared deviations of two flat levels, split anywhere leaving
    at least _STEP_SIDE values on each side (inf when there is no such split)."""
    n = len(values)
    if n < 2 * _STEP_SIDE:
        return math.inf
    centre = _mean(values)
    shifted = [v - centre for v in values]
    s1 = [0.0, *accumulate(shifted)]
    s2 = [0.0, *accumulate(v * v for v in shifted)]
    best = math.inf
    for k in range(_STEP_SIDE, n - _STEP_SIDE + 1):
        left = s2[k] - s1[k] ** 2 / k
        right = (s2[n] - s2[k]) - (s1[n] - s1[k]) ** 2 / (n - k)
        best = min(best, left + right)
    return best


def steady_trend(values: Sequence[float], xs: Sequence[float]) -> LineFit | None:
    """The least-squares line of ``values`` over ``xs`` when it is a steady trend (see
    the module notes), else None."""
    if len(values) < MIN_TREND_VALUES:
        return None
    fit = fit_line(xs, values)
    if fit is None:
        return None
    centre = _mean(values)
    sst = math.fsum((v - centre) ** 2 for v in values)
    if sst <= 0.0 or 1.0 - fit.sse / sst < TREND_FIT:
        return None
    if fit.sse >= _best_step_sse(values):
        return None
    return fit


def _line(values: Sequence[float], xs: Sequence[float]) -> _Line:
    mmr = _mmr(values)
    fit = steady_trend(values, xs)
    if fit is not None:
        centre = _mean(values)
        sst = math.fsum((v - centre) ** 2 for v in values)
        return _Line("trend", fit.y_mean, fit.slope, fit.x_mean, mmr, 1.0 - fit.sse / sst)
    return _Line("level", _mean(values), 0.0, 0.0, mmr, None)


def _side(v: float, centre: float) -> int:
    return (v > centre) - (v < centre)


def _first_shift(
    values: Sequence[float],
    xs: Sequence[float],
    start: int,
    end: int,
    line: _Line,
    earliest: int,
) -> tuple[int, int, Literal["run", "beyond"]] | None:
    """(first value, completing value, rule) of the first shift starting ``earliest`` or
    more values after ``start`` and before ``end``, against ``line``; None without one."""
    half = XMR_SCALE * line.mmr
    sides = [_side(values[i], line.centre(xs[i])) for i in range(start, end)]
    i = 0
    n = len(sides)
    while i < n:
        side = sides[i]
        j = i + 1
        while j < n and side != 0 and sides[j] == side:
            j += 1
        if side != 0 and i >= earliest:
            length = j - i
            if length >= SUSTAINED:  # beyond the limits: recognised sooner than a run
                beyond = sum(
                    1
                    for k in range(start + i, start + i + SUSTAINED)
                    if side * (values[k] - line.centre(xs[k])) > half
                )
                if beyond >= SUSTAINED_BEYOND:
                    return start + i, start + i + SUSTAINED - 1, "beyond"
            if length >= RUN_LENGTH:
                return start + i, start + i + RUN_LENGTH - 1, "run"
        i = j
    return None


def _finish(
    values: Sequence[float],
    xs: Sequence[float],
    start: int,
    end: int,
    recognised: tuple[int, Literal["run", "beyond"]] | None,
) -> Stretch:
    w0 = max(start, end - BASE)
    line = _line(values[w0:end], xs[w0:end])
    half = XMR_SCALE * line.mmr
    mean = line.mean
    return Stretch(
        start=start,
        end=end,
        window_start=w0,
        kind=line.kind,
        limits=ProcessLimits(mean, line.mmr, mean - half, mean + half),
        slope=line.slope,
        x_mean=line.x_mean,
        r_squared=line.r_squared,
        recognised_at=None if recognised is None else recognised[0],
        rule=None if recognised is None else recognised[1],
    )


def split_stretches(values: Sequence[float], xs: Sequence[float] | None = None) -> list[Stretch]:
    """The stretches of ``values`` (in time order), oldest first; [] without values.

    Every value belongs to exactly one stretch; a single value makes a stretch whose
    limits are that value.
    """
    vals = [float(v) for v in values]
    pos = [float(x) for x in xs] if xs is not None else [float(i) for i in range(len(vals))]
    if len(pos) != len(vals):
        raise ValueError("values and xs must have the same length")
    out: list[Stretch] = []
    start, n = 0, len(vals)
    recognised: tuple[int, Literal["run", "beyond"]] | None = None
    while start < n:
        end = n
        found: tuple[int, Literal["run", "beyond"]] | None = None
        while True:
            base_end = min(start + BASE, end)
            line = _line(vals[start:base_end], pos[start:base_end])
            earliest = MIN_STRETCH if start == 0 else 1
            shift = _first_shift(vals, pos, start, end, line, earliest)
            if shift is None:
                break
            end, completes, rule = shift
            found = (completes, rule)
        if out and end - start < MIN_STRETCH:  # a value or two between two shifts
            before = out.pop()
            kept = None
            if before.recognised_at is not None and before.rule is not None:
                kept = (before.recognised_at, before.rule)
            out.append(_finish(vals, pos, before.start, end, kept))
        else:
            out.append(_finish(vals, pos, start, end, recognised))
        start, recognised = end, found
    return out


__all__ = [
    "BASE",
    "MIN_STRETCH",
    "MIN_TREND_VALUES",
    "SUSTAINED",
    "SUSTAINED_BEYOND",
    "TREND_FIT",
    "Stretch",
    "StretchKind",
    "split_stretches",
    "steady_trend",
]

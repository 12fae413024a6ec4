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
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import sub
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

_LONG_RUN = re.compile(rb"\x00{%d,}|\x02{%d,}" % (SUSTAINED, SUSTAINED))


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
    return low + math.fsum([v - low for v in values]) / len(values)  # exact for constants


def _mmr(values: Sequence[float]) -> float:
    if len(values) < 2:
        return 0.0
    return math.fsum(map(abs, map(sub, values[1:], values[:-1]))) / (len(values) - 1)


def _best_step_sse(values: Sequence[float]) -> float:
    """The smallest sum of squared deviations of two flat levels, split anywhere leaving
    at least _STEP_SIDE values on each side (inf when there is no such split)."""
    n = len(values)
    if n < 2 * _STEP_SIDE:
        return math.inf
    centre = _mean(values)
    shifted = [v - centre for v in values]
    total = sum(v * v for v in shifted)
    sums = list(accumulate(shifted))  # sums[k - 1]: the first k values
    whole = sums[-1]
    # Each level's squared deviations are its sum of squares less (its sum)^2 / its count;
    # the two sums of squares add up to the total.
    return total - max(
        sums[k - 1] ** 2 / k + (whole - sums[k - 1]) ** 2 / (n - k)
        for k in range(_STEP_SIDE, n - _STEP_SIDE + 1)
    )


def steady_trend(values: Sequence[float], xs: Sequence[float]) -> LineFit | None:
    """The least-squares line of ``values`` over ``xs`` when it is a steady trend (see
    the module notes), else None."""
    if len(values) < MIN_TREND_VALUES:
        return None
    fit = fit_line(xs, values)
    if fit is None or fit.r_squared < TREND_FIT or fit.sse >= _best_step_sse(values):
        return None
    return fit


def _line(values: Sequence[float], xs: Sequence[float]) -> _Line:
    mmr = _mmr(values)
    fit = steady_trend(values, xs)
    if fit is not None:
        return _Line("trend", fit.y_mean, fit.slope, fit.x_mean, mmr, fit.r_squared)
    return _Line("level", _mean(values), 0.0, 0.0, mmr, None)


class _Lines:
    """The central lines of one series' slices, each worked out once."""

    def __init__(self, values: Sequence[float], xs: Sequence[float]) -> None:
        self._values, self._xs = values, xs
        self._known: dict[tuple[int, int], _Line] = {}

    def of(self, lo: int, hi: int) -> _Line:
        line = self._known.get((lo, hi))
        if line is None:
            line = self._known[(lo, hi)] = _line(self._values[lo:hi], self._xs[lo:hi])
        return line


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
    mean, slope, x_mean = line.mean, line.slope, line.x_mean
    if slope == 0.0:  # one byte a value: 2 above the central line, 0 below, 1 on it
        marks = bytes([1 + (v > mean) - (v < mean) for v in values[start:end]])
    else:
        centres = (mean + slope * (x - x_mean) for x in xs[start:end])
        marks = bytes(
            [1 + (v > c) - (v < c) for v, c in zip(values[start:end], centres, strict=True)]
        )
    for run in _LONG_RUN.finditer(marks):  # each run of SUSTAINED or more on one side
        first, length, side = start + run.start(), run.end() - run.start(), marks[run.start()] - 1
        if first - start < earliest:
            continue
        beyond = sum(
            1
            for k in range(first, first + SUSTAINED)
            if side * (values[k] - line.centre(xs[k])) > half
        )
        if beyond >= SUSTAINED_BEYOND:  # beyond the limits: recognised sooner than a run
            return first, first + SUSTAINED - 1, "beyond"
        if length >= RUN_LENGTH:
            return first, first + RUN_LENGTH - 1, "run"
    return None


def _finish(
    lines: _Lines,
    start: int,
    end: int,
    recognised: tuple[int, Literal["run", "beyond"]] | None,
) -> Stretch:
    w0 = max(start, end - BASE)
    line = lines.of(w0, end)
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
    lines = _Lines(vals, pos)
    out: list[Stretch] = []
    start, n = 0, len(vals)
    recognised: tuple[int, Literal["run", "beyond"]] | None = None
    while start < n:
        end = n
        found: tuple[int, Literal["run", "beyond"]] | None = None
        earliest = MIN_STRETCH if start == 0 else 1
        base_end = -1
        while base_end != min(start + BASE, end):  # the same line finds no earlier shift
            base_end = min(start + BASE, end)
            shift = _first_shift(vals, pos, start, end, lines.of(start, base_end), earliest)
            if shift is None:
                break
            end, completes, rule = shift
            found = (completes, rule)
        if out and end - start < MIN_STRETCH:  # a value or two between two shifts
            before = out.pop()
            kept = None
            if before.recognised_at is not None and before.rule is not None:
                kept = (before.recognised_at, before.rule)
            out.append(_finish(lines, before.start, end, kept))
        else:
            out.append(_finish(lines, start, end, recognised))
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

"""Straight-line fits (ordinary least squares): what the one forecast
(:mod:`kpi_desktop.domain.variation.behaviour`), the trend stretches and the sizing spread
are built on. x is a period index wherever a KPI is concerned.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from operator import mul

#: Fewer measurements than this give no forecast.
MIN_FORECAST_POINTS = 3


@dataclass(frozen=True, slots=True)
class LineFit:
    """A least-squares line y = y_mean + slope * (x - x_mean), with what predictions need."""

    slope: float
    x_mean: float
    y_mean: float
    sxx: float  # sum of squared x deviations from x_mean (> 0)
    sse: float  # sum of squared residuals
    n: int
    sst: float = 0.0  # sum of squared y deviations from y_mean

    @property
    def r_squared(self) -> float:
        """The share of the variation of y the line explains (0 when y does not vary)."""
        return 0.0 if self.sst <= 0.0 else 1.0 - self.sse / self.sst

    def at(self, x: float) -> float:
        """The line's value at ``x``."""
        return self.y_mean + self.slope * (x - self.x_mean)

    @property
    def residual_sd(self) -> float | None:
        """Standard deviation of the residuals, sqrt(SSE / (n - 2)); None with n < 3."""
        if self.n < 3:
            return None
        return math.sqrt(self.sse / (self.n - 2))

    def prediction_sd(self, x: float) -> float | None:
        """Spread of a new value at ``x``: s * sqrt(1 + 1/n + (x - x_mean)^2 / Sxx).

        The textbook prediction-interval width: it grows the further ``x`` is from the
        data. None with fewer than 3 points.
        """
        s = self.residual_sd
        if s is None:
            return None
        return s * math.sqrt(1.0 + 1.0 / self.n + (x - self.x_mean) ** 2 / self.sxx)


def fit_line(xs: Sequence[float], ys: Sequence[float]) -> LineFit | None:
    """Least-squares line through (xs, ys); None with fewer than 2 points or a single x."""
    if len(xs) != len(ys):
        raise ValueError("xs and ys must have the same length")
    if len(xs) < 2:
        return None
    # Plain sums over centred values: the fits here are of a few dozen values (and the
    # stretches fit every slice they look at), where numpy's per-call overhead would be
    # most of the cost.
    n = len(xs)
    x_mean = math.fsum(xs) / n
    y_mean = math.fsum(ys) / n
    dx = [float(x) - x_mean for x in xs]
    dy = [float(y) - y_mean for y in ys]
    sxx = sum(map(mul, dx, dx))
    if sxx <= 0.0:
        return None
    sxy = sum(map(mul, dx, dy))
    syy = sum(map(mul, dy, dy))
    slope = sxy / sxx
    sse = max(0.0, syy - slope * sxy)  # the residuals' sum of squares
    return LineFit(slope, x_mean, y_mean, sxx, sse, n, syy)

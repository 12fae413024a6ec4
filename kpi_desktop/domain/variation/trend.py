"""Which way a KPI is heading: up, down or flat, and whether that is good for it.

The rule (the scorecard's arrow) looks at the last values in time order:

* fit the least-squares line through them (x = 0, 1, 2, ...), as a spreadsheet trend
  line does, and take how far that line moves over the window: ``slope * n``;
* compare it with the routine month-to-month variation, the **mean moving range**
  (the mean of |x_i - x_(i-1)|, as in an XmR chart);
* the trend is **flat** when the line moves by less than ``FLAT_SHARE`` of the mean
  moving range, else **up** or **down** by the sign of the slope.

So a KPI that wobbles a lot needs a clear climb before it counts as rising, and a very
steady KPI shows even a small, steady climb. With fewer than ``MIN_TREND_VALUES`` values
there is no trend.

Whether a trend is good depends on the KPI's direction: up is good where higher is
better, down where lower is better; for a keep-within-a-range KPI, moving towards the
middle of the range is good. A flat trend is neither good nor bad.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from kpi_desktop.domain.types import Direction
from kpi_desktop.domain.variation.forecast import fit_line
from kpi_desktop.domain.variation.xmr import natural_process_limits

#: Fewer values than this give no trend (as for the forecast and the sizing trend).
MIN_TREND_VALUES = 3
#: The line must move by at least this share of the mean moving range over the window.
FLAT_SHARE = 0.5


class Trend(StrEnum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"

    @property
    def arrow(self) -> str:
        return _ARROWS[self]


_ARROWS = {Trend.UP: "↑", Trend.DOWN: "↓", Trend.FLAT: "→"}


def trend_of(values: Sequence[float], flat_share: float = FLAT_SHARE) -> Trend | None:
    """Up, down or flat for ``values`` in time order (oldest first); None for too few."""
    if len(values) < MIN_TREND_VALUES:
        return None
    fit = fit_line(range(len(values)), values)
    limits = natural_process_limits(values)
    assert fit is not None and limits is not None
    movement, mmr = fit.slope * len(values), limits.mean_moving_range
    scale = max(abs(v) for v in values)
    # Rounding noise of a constant series is no trend.
    if abs(movement) <= 1e-12 * scale or abs(movement) < flat_share * mmr:
        return Trend.FLAT
    return Trend.UP if movement > 0 else Trend.DOWN


def trend_is_good(
    trend: Trend | None,
    direction: Direction | str,
    *,
    latest: float | None = None,
    range_low: float | None = None,
    range_high: float | None = None,
) -> bool | None:
    """True when ``trend`` moves the KPI the right way, False the wrong way, None neither.

    For a range KPI the right way is towards the middle of [range_low, range_high] from
    ``latest`` (from the very middle, any move is away from it); None when those are
    unknown.
    """
    if trend is None or trend == Trend.FLAT:
        return None
    up = trend == Trend.UP
    direction = Direction(direction)
    if direction == Direction.INCREASE:
        return up
    if direction == Direction.DECREASE:
        return not up
    if latest is None or range_low is None or range_high is None:
        return None
    middle = (range_low + range_high) / 2
    if latest == middle:
        return False  # leaving the middle either way
    return up == (latest < middle)


__all__ = [
    "FLAT_SHARE",
    "MIN_TREND_VALUES",
    "Trend",
    "trend_is_good",
    "trend_of",
]

"""How large a KPI value may be, and how early or late a date."""

from __future__ import annotations

import datetime as dt
import math

#: The largest magnitude a KPI value, target or milestone may have. Far beyond any business
#: figure, and far enough from the float limit (1.8e308) that sums, squares, means and
#: charts of many such values stay finite.
MAX_MAGNITUDE = 1e15


def check_magnitude(number: float) -> float:
    """``number`` if it is finite and within +/- MAX_MAGNITUDE; ValueError otherwise."""
    if not abs(number) <= MAX_MAGNITUDE:  # also false for NaN
        if not math.isfinite(number):
            raise ValueError("is not a finite number")
        raise ValueError("is too large: KPI values stay within +/- 1e15 (a million billion)")
    return number


#: The dates the app reads: far beyond any plan, and far enough from the calendar's ends
#: (year 1 and 9999) that periods, windows and charts around them stay valid dates.
EARLIEST_DATE = dt.date(1000, 1, 1)
LATEST_DATE = dt.date(2999, 12, 31)


def check_date_range(day: dt.date) -> dt.date:
    """``day`` if it lies between EARLIEST_DATE and LATEST_DATE; ValueError otherwise."""
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValueError(
            f"is outside the dates the app reads ({EARLIEST_DATE.year} to {LATEST_DATE.year})"
        )
    return day

"""Period maths: map dates to periods, step between periods, label and count them.

A period is named by its first day: a day by itself, a week by its Monday, a month by its
1st, a quarter by its first day (1 Jan, 1 Apr, 1 Jul, 1 Oct) and a year by 1 January.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from itertools import pairwise

from kpi_desktop.domain.types import Frequency

#: Average length of one period in days (Gregorian year of 365.2425 days).
AVERAGE_PERIOD_DAYS: dict[Frequency, float] = {
    Frequency.DAILY: 1.0,
    Frequency.WEEKLY: 7.0,
    Frequency.MONTHLY: 365.2425 / 12,
    Frequency.QUARTERLY: 365.2425 / 4,
    Frequency.YEARLY: 365.2425,
}

#: Number of periods in one year, for frequencies whose periods tile a calendar year.
PERIODS_PER_YEAR: dict[Frequency, int] = {
    Frequency.MONTHLY: 12,
    Frequency.QUARTERLY: 4,
    Frequency.YEARLY: 1,
}

_MONTHS_PER_PERIOD = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Median spacing (days) below which dates are read as that frequency; roughly the geometric
# midpoints between neighbouring period lengths (1, 7, 30.4, 91.3, 365.2 days).
_INFER_UPPER_BOUNDS = (
    (4.0, Frequency.DAILY),
    (19.0, Frequency.WEEKLY),
    (60.0, Frequency.MONTHLY),
    (200.0, Frequency.QUARTERLY),
)


#: A period of each frequency in words ("a month").
PERIOD_WORD: dict[Frequency, str] = {
    Frequency.DAILY: "day",
    Frequency.WEEKLY: "week",
    Frequency.MONTHLY: "month",
    Frequency.QUARTERLY: "quarter",
    Frequency.YEARLY: "year",
}


def period_start(d: dt.date, freq: Frequency) -> dt.date:
    """First day of the period that contains ``d``."""
    if freq == Frequency.DAILY:
        return d
    if freq == Frequency.WEEKLY:
        return d - dt.timedelta(days=d.weekday())
    months = _MONTHS_PER_PERIOD[Frequency(freq)]
    month = (d.month - 1) // months * months + 1
    return dt.date(d.year, month, 1)


def add_periods(d: dt.date, freq: Frequency, n: int) -> dt.date:
    """First day of the period ``n`` periods after the one containing ``d`` (n may be < 0)."""
    start = period_start(d, freq)
    if freq == Frequency.DAILY:
        return start + dt.timedelta(days=n)
    if freq == Frequency.WEEKLY:
        return start + dt.timedelta(weeks=n)
    total = start.year * 12 + start.month - 1 + n * _MONTHS_PER_PERIOD[Frequency(freq)]
    return dt.date(total // 12, total % 12 + 1, 1)


def next_period(d: dt.date, freq: Frequency) -> dt.date:
    """First day of the period after the one containing ``d``."""
    return add_periods(d, freq, 1)


def period_end(d: dt.date, freq: Frequency) -> dt.date:
    """Last day of the period that contains ``d``."""
    return add_periods(d, freq, 1) - dt.timedelta(days=1)


def period_index(d: dt.date, freq: Frequency) -> int:
    """Integer ordinal of the period containing ``d``; consecutive periods differ by 1."""
    if freq == Frequency.DAILY:
        return d.toordinal()
    if freq == Frequency.WEEKLY:
        return (d.toordinal() - 1) // 7  # date(1, 1, 1), ordinal 1, is a Monday
    if freq == Frequency.MONTHLY:
        return d.year * 12 + d.month - 1
    if freq == Frequency.QUARTERLY:
        return d.year * 4 + (d.month - 1) // 3
    if freq == Frequency.YEARLY:
        return d.year
    raise ValueError(f"unknown frequency: {freq!r}")


def period_from_index(i: int, freq: Frequency) -> dt.date:
    """First day of the period with index ``i`` (inverse of :func:`period_index`)."""
    if freq == Frequency.DAILY:
        return dt.date.fromordinal(i)
    if freq == Frequency.WEEKLY:
        return dt.date.fromordinal(i * 7 + 1)
    if freq == Frequency.MONTHLY:
        return dt.date(i // 12, i % 12 + 1, 1)
    if freq == Frequency.QUARTERLY:
        return dt.date(i // 4, i % 4 * 3 + 1, 1)
    if freq == Frequency.YEARLY:
        return dt.date(i, 1, 1)
    raise ValueError(f"unknown frequency: {freq!r}")


def periods_between(a: dt.date, b: dt.date, freq: Frequency) -> float:
    """Signed number of periods from ``a`` to ``b``: days / average period length."""
    return (b - a).days / AVERAGE_PERIOD_DAYS[Frequency(freq)]


def period_label(d: dt.date, freq: Frequency) -> str:
    """Short English label of the period containing ``d``, e.g. "Oct 2024" or "Q4 2024"."""
    start = period_start(d, freq)
    if freq == Frequency.DAILY:
        return start.isoformat()
    if freq == Frequency.WEEKLY:
        return f"Week of {start.isoformat()}"
    if freq == Frequency.MONTHLY:
        return f"{_MONTH_ABBR[start.month - 1]} {start.year}"
    if freq == Frequency.QUARTERLY:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return str(start.year)


def last_complete_period(today: dt.date, freq: Frequency) -> dt.date:
    """First day of the latest period that is over by ``today``.

    The period containing ``today`` is not over yet, even on its last day (the day itself
    is still running), so this is always the period before today's: 2024-11-15 monthly
    gives 2024-10-01, and daily gives yesterday.
    """
    return add_periods(today, freq, -1)


def infer_frequency(dates: Iterable[dt.date]) -> Frequency:
    """Guess a frequency from the median spacing of the distinct dates.

    Median gap under 4 days is daily, under 19 weekly, under 60 monthly, under 200
    quarterly, else yearly. With fewer than two distinct dates there is nothing to measure
    and the app's default, monthly, is returned.
    """
    distinct = sorted(set(dates))
    if len(distinct) < 2:
        return Frequency.MONTHLY
    gap = statistics.median((b - a).days for a, b in pairwise(distinct))
    for bound, freq in _INFER_UPPER_BOUNDS:
        if gap < bound:
            return freq
    return Frequency.YEARLY

"""Period maths: map dates to periods, step between periods, label and count them.

A period is named by its first day: a day by itself, a week by its Monday, a month by its
1st, a quarter by its first day and a year by its first day. Quarters and years follow the
workspace's fiscal year (:class:`FiscalYear`, by default the calendar year: quarters start
1 Jan, 1 Apr, 1 Jul, 1 Oct and a year 1 January). With an April fiscal year a year starts
1 April and is called "FY 2026/27"; its quarters start 1 Apr, 1 Jul, 1 Oct and 1 Jan.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from kpi_desktop.domain.formatting import ENGLISH, format_date, style
from kpi_desktop.domain.types import Frequency
from kpi_desktop.i18n.catalogue import DEFAULT, language, translate

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


@dataclass(frozen=True)
class FiscalYear:
    """When the business's year starts: the first month (1 = January, the calendar year).

    Yearly and quarterly periods follow it; months, weeks and days do not change.
    """

    start_month: int = 1

    def __post_init__(self) -> None:
        if not isinstance(self.start_month, int) or not 1 <= self.start_month <= 12:
            raise ValueError(f"a fiscal year starts in month 1 to 12, not {self.start_month!r}")

    @property
    def is_calendar(self) -> bool:
        """Whether the year is the calendar year (it starts in January)."""
        return self.start_month == 1

    @property
    def first_month_name(self) -> str:
        """The starting month in words ("April")."""
        return style().months[self.start_month - 1]

    def start_of(self, d: dt.date) -> dt.date:
        """First day of the fiscal year that contains ``d``."""
        return period_start(d, Frequency.YEARLY, fiscal=self)

    def name(self, d: dt.date) -> str:
        """Name of the fiscal year containing ``d``: "2026" for a calendar year, else
        "FY 2026/27" (the year it starts in, then the next year's last two digits)."""
        first = self.start_of(d).year
        if self.is_calendar:
            return str(first)
        return translate("Periods", "FY %1").replace("%1", f"{first}/{(first + 1) % 100:02d}")

    def quarter(self, d: dt.date) -> int:
        """Number (1-4) of the quarter of the fiscal year that contains ``d``."""
        return (d.month - self.start_month) % 12 // 3 + 1

    def describe(self) -> str:
        """The setting in words: "the calendar year" or "April to March"."""
        if self.is_calendar:
            return translate("Periods", "the calendar year")
        last = style().months[(self.start_month + 10) % 12]
        return (
            translate("Periods", "%1 to %2")
            .replace("%1", self.first_month_name)
            .replace("%2", last)
        )


#: The calendar year: the default fiscal year, today's behaviour everywhere.
CALENDAR_YEAR = FiscalYear(1)

#: English month names (the command line and stored texts; people read `style().months`).
MONTH_NAMES = ENGLISH.months


def _month_number(d: dt.date, fiscal: FiscalYear) -> int:
    """Months since year 0's fiscal start: the count a quarter or year is cut from."""
    return d.year * 12 + d.month - fiscal.start_month


def _month_date(number: int, fiscal: FiscalYear) -> dt.date:
    """Inverse of :func:`_month_number` (the 1st of that month)."""
    months = number + fiscal.start_month - 1
    return dt.date(months // 12, months % 12 + 1, 1)


def period_start(d: dt.date, freq: Frequency, *, fiscal: FiscalYear = CALENDAR_YEAR) -> dt.date:
    """First day of the period that contains ``d``."""
    if freq == Frequency.DAILY:
        return d
    if freq == Frequency.WEEKLY:
        return d - dt.timedelta(days=d.weekday())
    months = _MONTHS_PER_PERIOD[Frequency(freq)]
    return _month_date(_month_number(d, fiscal) // months * months, fiscal)


def add_periods(
    d: dt.date, freq: Frequency, n: int, *, fiscal: FiscalYear = CALENDAR_YEAR
) -> dt.date:
    """First day of the period ``n`` periods after the one containing ``d`` (n may be < 0)."""
    if freq == Frequency.DAILY:
        return d + dt.timedelta(days=n)
    if freq == Frequency.WEEKLY:
        return period_start(d, freq) + dt.timedelta(weeks=n)
    return period_from_index(period_index(d, freq, fiscal=fiscal) + n, freq, fiscal=fiscal)


def next_period(d: dt.date, freq: Frequency, *, fiscal: FiscalYear = CALENDAR_YEAR) -> dt.date:
    """First day of the period after the one containing ``d``."""
    return add_periods(d, freq, 1, fiscal=fiscal)


def period_end(d: dt.date, freq: Frequency, *, fiscal: FiscalYear = CALENDAR_YEAR) -> dt.date:
    """Last day of the period that contains ``d``."""
    return add_periods(d, freq, 1, fiscal=fiscal) - dt.timedelta(days=1)


def period_index(d: dt.date, freq: Frequency, *, fiscal: FiscalYear = CALENDAR_YEAR) -> int:
    """Integer ordinal of the period containing ``d``; consecutive periods differ by 1.

    A year's index is the year it starts in; with the calendar year a quarter's is
    ``year * 4 + quarter - 1``.
    """
    if freq == Frequency.DAILY:
        return d.toordinal()
    if freq == Frequency.WEEKLY:
        return (d.toordinal() - 1) // 7  # date(1, 1, 1), ordinal 1, is a Monday
    if freq in _MONTHS_PER_PERIOD:  # a month's index does not depend on the fiscal year
        year = CALENDAR_YEAR if freq == Frequency.MONTHLY else fiscal
        return _month_number(d, year) // _MONTHS_PER_PERIOD[Frequency(freq)]
    raise ValueError(f"unknown frequency: {freq!r}")


def period_from_index(i: int, freq: Frequency, *, fiscal: FiscalYear = CALENDAR_YEAR) -> dt.date:
    """First day of the period with index ``i`` (inverse of :func:`period_index`)."""
    if freq == Frequency.DAILY:
        return dt.date.fromordinal(i)
    if freq == Frequency.WEEKLY:
        return dt.date.fromordinal(i * 7 + 1)
    if freq in _MONTHS_PER_PERIOD:
        year = CALENDAR_YEAR if freq == Frequency.MONTHLY else fiscal
        return _month_date(i * _MONTHS_PER_PERIOD[Frequency(freq)], year)
    raise ValueError(f"unknown frequency: {freq!r}")


def periods_between(a: dt.date, b: dt.date, freq: Frequency) -> float:
    """Signed number of periods from ``a`` to ``b``: days / average period length."""
    return (b - a).days / AVERAGE_PERIOD_DAYS[Frequency(freq)]


def period_label(d: dt.date, freq: Frequency, *, fiscal: FiscalYear = CALENDAR_YEAR) -> str:
    """Short English label of the period containing ``d``, e.g. "Oct 2024", "Q4 2024",
    "2024"; with a fiscal year that does not start in January "Q1 FY 2026/27", "FY 2026/27"."""
    start = period_start(d, freq, fiscal=fiscal)
    day = start.isoformat() if language() == DEFAULT else format_date(start)
    if freq == Frequency.DAILY:
        return day
    if freq == Frequency.WEEKLY:
        return translate("Periods", "Week of %1").replace("%1", day)
    if freq == Frequency.MONTHLY:
        return f"{style().short_months[start.month - 1]} {start.year}"
    if freq == Frequency.QUARTERLY:
        return f"Q{fiscal.quarter(start)} {fiscal.name(start)}"
    return fiscal.name(start)


def last_complete_period(
    today: dt.date, freq: Frequency, *, fiscal: FiscalYear = CALENDAR_YEAR
) -> dt.date:
    """First day of the latest period that is over by ``today``.

    The period containing ``today`` is not over yet, even on its last day (the day itself
    is still running), so this is always the period before today's: 2024-11-15 monthly
    gives 2024-10-01, and daily gives yesterday.
    """
    return add_periods(today, freq, -1, fiscal=fiscal)


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

"""Which values are due: from a KPI's frequency and its latest period, at a date.

The rules:

* A value for a period is **due** once the period has ended: October's value is due from
  1 November, a week's value from the Monday after, yesterday's value from today. The
  period that contains the date is never due, even on its last day (as in
  :func:`~kpi_desktop.domain.periods.last_complete_period`).
* It becomes **overdue** when a grace time has passed since it became due:
  :data:`GRACE_DAYS` gives 1 day for daily KPIs, 2 days for weekly ones and 7 days for
  monthly, quarterly and yearly ones. October's value is due on 1 November and overdue
  from 8 November; Monday's daily value is due on Tuesday and overdue on Wednesday.
* The values missing are those of every period after the latest stored value up to the
  last complete period. Gaps *between* stored values are not reminders (the quality check
  is the place for those). A KPI with no value at all needs the last complete period's.
* A KPI is overdue when its oldest missing value is.
* A KPI is **stale** when its latest value is older than one period plus a grace (a
  setting of the workspace, :data:`DEFAULT_GRACE_DAYS` days unless changed): its status is
  an old one. A monthly KPI whose latest value is October's is stale, with 10 days, from
  11 December (November's value is then overdue by that grace).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from kpi_desktop.domain.formatting import style
from kpi_desktop.domain.periods import (
    CALENDAR_YEAR,
    FiscalYear,
    add_periods,
    last_complete_period,
    next_period,
    period_end,
    period_from_index,
    period_index,
    period_start,
)
from kpi_desktop.domain.types import Frequency
from kpi_desktop.i18n.catalogue import translate

#: Days after a period's end before its missing value counts as overdue.
GRACE_DAYS: dict[Frequency, int] = {
    Frequency.DAILY: 1,
    Frequency.WEEKLY: 2,
    Frequency.MONTHLY: 7,
    Frequency.QUARTERLY: 7,
    Frequency.YEARLY: 7,
}

#: At most this many missing periods are listed (the most recent ones); all are counted.
MAX_LISTED = 60

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def due_on(period: dt.date, freq: Frequency, fiscal: FiscalYear = CALENDAR_YEAR) -> dt.date:
    """The day the value of the period containing ``period`` becomes due (the day after it)."""
    return next_period(period, freq, fiscal=fiscal)


def deadline(period: dt.date, freq: Frequency, fiscal: FiscalYear = CALENDAR_YEAR) -> dt.date:
    """The last day of the grace time: the value is late from the day after."""
    return due_on(period, freq, fiscal) + dt.timedelta(days=GRACE_DAYS[Frequency(freq)] - 1)


def overdue_on(period: dt.date, freq: Frequency, fiscal: FiscalYear = CALENDAR_YEAR) -> dt.date:
    """The first day the value of the period containing ``period`` is overdue."""
    return deadline(period, freq, fiscal) + dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DueState:
    """What a KPI still needs at ``as_of``.

    ``n_missing`` counts the periods without a value, the last of them starting on
    ``last_missing`` (None when nothing is missing); ``missing`` lists their first days.
    """

    frequency: Frequency
    as_of: dt.date
    latest: dt.date | None
    last_missing: dt.date | None
    n_missing: int
    fiscal: FiscalYear = CALENDAR_YEAR

    @property
    def is_due(self) -> bool:
        return self.n_missing > 0

    @property
    def missing(self) -> tuple[dt.date, ...]:
        """The first days of the periods without a value, oldest first: at most
        :data:`MAX_LISTED`, the most recent ones. (Worked out when asked: a workspace of
        thousands of KPIs asks it of few.)"""
        if self.last_missing is None:
            return ()
        last_i = period_index(self.last_missing, self.frequency, fiscal=self.fiscal)
        shown = min(self.n_missing, MAX_LISTED)
        return tuple(
            period_from_index(i, self.frequency, fiscal=self.fiscal)
            for i in range(last_i - shown + 1, last_i + 1)
        )

    @property
    def oldest_missing(self) -> dt.date | None:
        if self.last_missing is None:
            return None
        return add_periods(
            self.last_missing, self.frequency, 1 - self.n_missing, fiscal=self.fiscal
        )

    @property
    def due_since(self) -> dt.date | None:
        """The day the oldest missing value became due."""
        oldest = self.oldest_missing
        return None if oldest is None else due_on(oldest, self.frequency, self.fiscal)

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0

    @property
    def days_overdue(self) -> int:
        """Days past the oldest missing value's deadline (0: not overdue), counted as for
        an action: one day late on the day after the deadline."""
        oldest = self.oldest_missing
        if oldest is None:
            return 0
        return max(0, (self.as_of - deadline(oldest, self.frequency, self.fiscal)).days)

    @property
    def message(self) -> str:
        """Plain words: "needs October's value", "2 values missing: Sep and Oct 2026"."""
        return due_message(self)


def due_state(
    freq: Frequency,
    latest: dt.date | None,
    as_of: dt.date,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> DueState:
    """The values a KPI of frequency ``freq`` whose latest value is for the period
    containing ``latest`` (None: no value yet) still needs at ``as_of``."""
    freq = Frequency(freq)
    last, last_i = _last_complete(as_of, freq, fiscal)
    # the first period without a value: the one after the latest, or the last complete one
    first_i = last_i if latest is None else period_index(latest, freq, fiscal=fiscal) + 1
    n = max(0, last_i - first_i + 1)
    return DueState(freq, as_of, latest, last if n else None, n, fiscal)


@lru_cache(maxsize=64)
def _last_complete(as_of: dt.date, freq: Frequency, fiscal: FiscalYear) -> tuple[dt.date, int]:
    """The last complete period at ``as_of`` and its index (the same for every KPI of a
    frequency: worked out once per check of a whole workspace)."""
    last = last_complete_period(as_of, freq, fiscal=fiscal)
    return last, period_index(last, freq, fiscal=fiscal)


# -- words ----------------------------------------------------------------------------------


def period_name(
    period: dt.date,
    freq: Frequency,
    *,
    with_year: bool = True,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> str:
    """Short name of a period: "Oct 2026", "Q3 2026", "2025", "week of 5 Oct 2026",
    "5 Oct 2026"; without the year when ``with_year`` is False (never for years). With a
    fiscal year not starting in January: "Q1 FY 2026/27", "FY 2026/27"."""
    freq = Frequency(freq)
    start = period_start(period, freq, fiscal=fiscal)
    if freq == Frequency.YEARLY:
        return fiscal.name(start)
    if freq == Frequency.QUARTERLY:
        return f"Q{fiscal.quarter(start)}{f' {fiscal.name(start)}' if with_year else ''}"
    year = f" {start.year}" if with_year else ""
    short = style()
    if freq == Frequency.MONTHLY:
        return f"{short.short_months[start.month - 1]}{year}"
    day = f"{start.day}{short.day_suffix} {short.short_months[start.month - 1]}{year}"
    return (
        translate("Periods", "week of %1").replace("%1", day) if freq == Frequency.WEEKLY else day
    )


def _one_value(period: dt.date, freq: Frequency, as_of: dt.date, fiscal: FiscalYear) -> str:
    if freq == Frequency.MONTHLY:  # the last complete month: its name is enough
        month = style().months[period.month - 1]
        return translate("Due", "%1's value").replace("%1", month)
    if freq == Frequency.DAILY and period == as_of - dt.timedelta(days=1):
        return translate("Due", "yesterday's value")
    if freq == Frequency.WEEKLY and due_on(period, freq) == period_start(as_of, freq):
        return translate("Due", "last week's value (%1)").replace("%1", period_name(period, freq))
    name = period_name(period, freq, fiscal=fiscal)
    return translate("Due", "the value for %1").replace("%1", name)


def _join(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return (
        translate("Due", "%1 and %2").replace("%1", ", ".join(names[:-1])).replace("%2", names[-1])
    )


def _same_year(a: dt.date, b: dt.date, freq: Frequency, fiscal: FiscalYear) -> bool:
    """Whether two periods' names share their year (a quarter's is its fiscal year)."""
    if freq in (Frequency.QUARTERLY, Frequency.YEARLY):
        return fiscal.start_of(a) == fiscal.start_of(b)
    return a.year == b.year


def periods_text(
    periods: tuple[dt.date, ...] | list[dt.date],
    freq: Frequency,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> str:
    """Consecutive periods in few words: "Sep and Oct 2026", "Dec 2025 and Jan 2026",
    "Q1 to Q4 2026".

    Up to three are listed; more are given as a range, first to last. The year is written
    once when all share it.
    """
    periods = list(periods)
    if len(periods) > 3:
        return span_text(periods[0], periods[-1], freq, fiscal)
    if not periods:
        return ""
    same_year = _same_year(periods[0], periods[-1], freq, fiscal)
    last = len(periods) - 1
    return _join(
        [
            period_name(p, freq, with_year=not same_year or i == last, fiscal=fiscal)
            for i, p in enumerate(periods)
        ]
    )


def span_text(
    first: dt.date, last: dt.date, freq: Frequency, fiscal: FiscalYear = CALENDAR_YEAR
) -> str:
    """A run of periods as a range: "Jun to Oct 2026", "Nov 2025 to Feb 2026"."""
    same_year = _same_year(first, last, freq, fiscal)
    start = period_name(first, freq, with_year=not same_year, fiscal=fiscal)
    end = period_name(last, freq, fiscal=fiscal)
    return translate("Due", "%1 to %2").replace("%1", start).replace("%2", end)


def due_message(state: DueState) -> str:
    """The reminder for one KPI; "" when nothing is due."""
    if not state.n_missing:
        return ""
    if state.n_missing == 1:
        one = _one_value(state.missing[-1], state.frequency, state.as_of, state.fiscal)
        return translate("Due", "needs %1").replace("%1", one)
    oldest = state.oldest_missing
    assert oldest is not None
    if state.n_missing <= 3:
        span = periods_text(state.missing, state.frequency, state.fiscal)
    else:
        span = span_text(oldest, state.missing[-1], state.frequency, state.fiscal)
    missing = translate("Due", "%1 values missing: %2")
    return missing.replace("%1", str(state.n_missing)).replace("%2", span)


__all__ = [
    "GRACE_DAYS",
    "MAX_LISTED",
    "DueState",
    "deadline",
    "due_message",
    "due_on",
    "due_state",
    "overdue_on",
    "period_name",
    "periods_text",
    "span_text",
]


# -- stale values ---------------------------------------------------------------------------

DEFAULT_GRACE_DAYS = 10
MAX_GRACE_DAYS = 366


def stale_from(
    latest_period: dt.date,
    freq: Frequency,
    grace_days: int,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> dt.date:
    """The first day on which a KPI whose latest value is for ``latest_period`` is stale."""
    following = next_period(latest_period, freq, fiscal=fiscal)
    return period_end(following, freq, fiscal=fiscal) + dt.timedelta(days=grace_days + 1)


def is_stale(
    latest_period: dt.date | None,
    freq: Frequency,
    as_of: dt.date,
    grace_days: int,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> bool:
    """Whether the latest value (None: no value yet, which is not stale) is stale at as_of."""
    if latest_period is None:
        return False
    return as_of >= stale_from(latest_period, freq, grace_days, fiscal)

"""Stale values: a KPI whose latest value is older than one period plus a grace.

A value for a period is expected once the period has ended; the owner has `grace_days`
more to enter it. So a monthly KPI whose latest value is October's is stale from
November's end plus the grace (with 10 days: from 11 December), and shows its old status
as what it is: old.
"""

from __future__ import annotations

import datetime as dt

from kpi_desktop.domain.periods import next_period, period_end
from kpi_desktop.domain.types import Frequency

DEFAULT_GRACE_DAYS = 10
MAX_GRACE_DAYS = 366


def stale_from(latest_period: dt.date, freq: Frequency, grace_days: int) -> dt.date:
    """The first day on which a KPI whose latest value is for ``latest_period`` is stale."""
    following = next_period(latest_period, freq)
    return period_end(following, freq) + dt.timedelta(days=grace_days + 1)


def is_stale(
    latest_period: dt.date | None, freq: Frequency, as_of: dt.date, grace_days: int
) -> bool:
    """Whether the latest value (None: no value yet, which is not stale) is stale at as_of."""
    if latest_period is None:
        return False
    return as_of >= stale_from(latest_period, freq, grace_days)

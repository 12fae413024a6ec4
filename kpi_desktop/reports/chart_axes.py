"""The chart's axes: dates as x coordinates, and value labels that read like a report.

Dates become x coordinates in one place, :func:`date_to_x`: pyqtgraph's ``DateAxisItem``
reads x as a Unix timestamp shown in *local* time, so a date is placed at its local
midnight (float64 seconds). :class:`ValueAxisItem` labels the value axis.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Sequence
from operator import attrgetter

import numpy as np
import pyqtgraph as pg

from kpi_desktop.domain.formatting import format_number

_SECONDS_PER_DAY = 86400
#: Local-time offsets are sampled this many days apart; every time-zone change (daylight
#: saving, law changes) lasts longer than this, so none slips between two samples.
_OFFSET_SAMPLE_DAYS = 14


# -- dates ----------------------------------------------------------------------------------


def date_to_x(d: dt.date | np.datetime64 | Sequence[dt.date] | np.ndarray) -> float | np.ndarray:
    """The x coordinate of a date: the Unix timestamp of its local midnight (float64).

    A single date gives a float; an array or sequence of dates (``datetime64[D]`` or
    ``datetime.date``) gives a float64 array. Vectorised: numpy work per date, plus one
    local-time look-up per two weeks of the span the dates cover (and a few per change of
    the clock), so a million dates take milliseconds, not seconds.
    """
    if isinstance(d, dt.date | np.datetime64):
        return float(_local_midnights(np.array([d], dtype="datetime64[D]"))[0])
    return _local_midnights(np.asarray(d, dtype="datetime64[D]"))


def x_to_date(x: float) -> dt.date:
    """The local calendar date at x (the inverse of :func:`date_to_x` for midnights)."""
    return dt.datetime.fromtimestamp(x).date()


def _local_midnights(days: np.ndarray) -> np.ndarray:
    day_numbers = days.astype(np.int64)
    utc = day_numbers.astype(np.float64) * _SECONDS_PER_DAY
    if day_numbers.size == 0:
        return utc
    first, last = int(day_numbers.min()), int(day_numbers.max())
    if day_numbers.size * _OFFSET_SAMPLE_DAYS < last - first:
        # Few dates over a long span (an envelope): ask for each date's offset directly.
        unique, where = np.unique(day_numbers, return_inverse=True)
        exact = np.array([_offset_at(int(d)) for d in unique], dtype=np.float64)
        return utc - exact[where.ravel()]
    change_days, offsets = _offset_steps(first, last)
    step = np.searchsorted(change_days, day_numbers, side="right") - 1
    return utc - offsets[step]


def _offset_at(day: int) -> float:
    """Seconds east of UTC of local midnight on a day (days since 1970-01-01)."""
    d = dt.date(1970, 1, 1) + dt.timedelta(days=day)
    try:
        local = time.mktime((d.year, d.month, d.day, 0, 0, 0, 0, 0, -1))
    except (OverflowError, OSError, ValueError):  # e.g. Windows before 1970
        return float(-time.timezone)
    return day * _SECONDS_PER_DAY - local


def _offset_steps(first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
    """The days on which the local offset changes (from ``first``) and the offsets then."""
    key = (first, last, time.timezone, time.altzone, time.daylight, time.tzname)
    found = _STEPS_CACHE.get(key)
    if found is None:
        try:
            found = _offset_steps_fast(first, last)
        except (OverflowError, OSError, ValueError):  # e.g. Windows before 1970
            found = _offset_steps_exact(first, last)
        if len(_STEPS_CACHE) >= 32:
            _STEPS_CACHE.clear()
        _STEPS_CACHE[key] = found
    return found


_STEPS_CACHE: dict[tuple[object, ...], tuple[np.ndarray, np.ndarray]] = {}
#: Local midnight of a day lies between these instants (UTC+14 to UTC-12), in seconds from
#: that day's UTC midnight.
_EARLIEST_MIDNIGHT, _LATEST_MIDNIGHT = -14 * 3600, 12 * 3600


def _offset_steps_fast(first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
    """As :func:`_offset_steps_exact`, with one C-level ``localtime`` per sample to find the
    stretches where the offset may change, and exact local midnights only around those.

    A sample instant u_i (``_EARLIEST_MIDNIGHT`` after sample day i) is never later than
    day i's local midnight, which is before u_(i+1). A change between the local midnights
    of sample days i-1 and i therefore happens after u_(i-1) and before u_(i+1): the UTC
    offsets at u_(i-1), u_i and u_(i+1) differ somewhere, and the stretches around such a
    difference are checked (and bisected) with exact local midnights. Changes are more than
    ``_OFFSET_SAMPLE_DAYS`` apart, so two never cancel out between neighbouring samples.
    """
    samples = np.arange(first, last, _OFFSET_SAMPLE_DAYS, dtype=np.int64)
    samples = np.append(samples, last)
    instants = (samples * _SECONDS_PER_DAY + _EARLIEST_MIDNIGHT).tolist()
    utc_offsets = np.fromiter(
        map(attrgetter("tm_gmtoff"), map(time.localtime, instants)),
        dtype=np.float64,
        count=len(instants),
    )
    flagged = np.flatnonzero(np.diff(utc_offsets) != 0)  # between sample k and k+1
    exact: dict[int, float] = {}

    def offset(i: int) -> float:
        if i not in exact:
            exact[i] = _offset_at(int(samples[i]))
        return exact[i]

    stretches = sorted({j for k in flagged.tolist() for j in (k - 1, k, k + 1)})
    change_days = [first]
    offsets = [_offset_at(first)]
    for j in stretches:
        if j < 0 or j + 1 >= len(samples):
            continue
        before, after = offset(j), offset(j + 1)
        if before == after:
            continue
        lo, hi = int(samples[j]), int(samples[j + 1])  # the change is in (lo, hi]
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if _offset_at(mid) == before:
                lo = mid
            else:
                hi = mid
        change_days.append(hi)
        offsets.append(after)
    return np.array(change_days, dtype=np.int64), np.array(offsets, dtype=np.float64)


def _offset_steps_exact(first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
    """The days on which the local offset changes (from ``first``) and the offsets then,
    from exact local midnights every ``_OFFSET_SAMPLE_DAYS`` days."""
    samples = list(range(first, last, _OFFSET_SAMPLE_DAYS)) + [last]
    change_days = [first]
    offsets = [_offset_at(first)]
    previous_day, previous = first, offsets[0]
    for day in samples[1:]:
        offset = _offset_at(day)
        if offset != previous:  # the change is in (previous_day, day]: bisect for it
            lo, hi = previous_day, day
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if _offset_at(mid) == previous:
                    lo = mid
                else:
                    hi = mid
            change_days.append(hi)
            offsets.append(offset)
        previous_day, previous = day, offset
    return np.array(change_days, dtype=np.int64), np.array(offsets, dtype=np.float64)


class ValueAxisItem(pg.AxisItem):
    """A value axis that reads like a business report: 12,500 rather than 1.25e4."""

    def __init__(self, orientation: str = "left", **kwargs: object) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)
        # Room for "15,000"-wide labels before the first paint measures them (pyqtgraph
        # starts at 30 px, so the first frame drew the axis title over the numbers).
        self.textWidth = 48

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        if spacing <= 0 or not math.isfinite(spacing):
            return [format_number(v, 6).rstrip("0").rstrip(",.") for v in values]
        decimals = max(0, -math.floor(math.log10(spacing * scale)))
        texts = [format_number(v * scale, decimals) for v in values]
        return [t[1:] if t.startswith("-") and not t.strip("-0.,") else t for t in texts]

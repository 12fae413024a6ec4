"""The periods of imported values: the frequency of KPIs to create (from the spacing of
their dates), each value's period start, and two values of one KPI in one period."""

from __future__ import annotations

import datetime as dt

import numpy as np

from kpi_desktop.domain.periods import (
    CALENDAR_YEAR,
    FiscalYear,
    infer_frequency,
    period_label,
    period_start,
)
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.importing.problems import ProblemCollector
from kpi_desktop.services.importing.reading import ImportTable

SHIFT = 22  # bits of a date ordinal (9999-12-31 is 3,652,059 < 2**22) in a (KPI, day) key
DAY_MASK = (1 << SHIFT) - 1


def fill_frequencies(freqs: list[Frequency | None], kidx: np.ndarray, day: np.ndarray) -> None:
    """Infer the frequency of each KPI to create (None in `freqs`) from the spacing of its
    dates; `kidx` and `day` are the entries' KPI index and date ordinal."""
    new = [k for k, f in enumerate(freqs) if f is None]
    if not new:
        return
    is_new = np.zeros(len(freqs), dtype=bool)
    is_new[new] = True
    mask = is_new[kidx]
    keys = distinct((kidx[mask] << SHIFT) | day[mask])
    owners = keys >> SHIFT
    starts = np.searchsorted(owners, new, side="left")
    ends = np.searchsorted(owners, new, side="right")
    for k, a, b in zip(new, starts.tolist(), ends.tolist(), strict=True):
        freqs[k] = _infer_frequency(keys[a:b] & DAY_MASK)


def period_starts(
    freqs: list[Frequency | None],
    kidx: np.ndarray,
    day: np.ndarray,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> np.ndarray:
    """The ordinal of the first day of each entry's period, by its KPI's frequency (a
    quarter or year by the workspace's fiscal year)."""
    codes = np.array(
        [list(Frequency).index(f or Frequency.MONTHLY) for f in freqs] or [0], dtype=np.int64
    )
    entry_freq = codes[kidx]
    period = day.copy()
    for code, freq in enumerate(Frequency):
        if freq == Frequency.DAILY:
            continue
        sel = entry_freq == code
        if not sel.any():
            continue
        days = day[sel]
        low, high = int(days.min()), int(days.max())
        if high - low < 100_000:  # a table of every day in the span: no sorting
            table = np.array(
                [
                    period_start(dt.date.fromordinal(d), freq, fiscal=fiscal).toordinal()
                    for d in range(low, high + 1)
                ],
                dtype=np.int64,
            )
            period[sel] = table[days - low]
        else:
            uniq, inverse = np.unique(days, return_inverse=True)
            starts = np.array(
                [
                    period_start(dt.date.fromordinal(d), freq, fiscal=fiscal).toordinal()
                    for d in uniq.tolist()
                ],
                dtype=np.int64,
            )
            period[sel] = starts[inverse]
    return period


def check_duplicates(
    table: ImportTable,
    problems: ProblemCollector,
    kpis: tuple[list[str], list[Frequency | None]],
    entries: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> np.ndarray | None:
    """Two values of one KPI in one period are a problem (added to `problems`). `kpis` are
    the names and frequencies by KPI index; `entries` the entries' KPI index, period,
    data row and column. Returns the (KPI, period) order of the entries (None when they
    are in that order already)."""
    names, freqs = kpis
    kidx, period, ridx, cols = entries
    keys = (kidx << SHIFT) | period
    if len(keys) < 2 or bool((keys[1:] > keys[:-1]).all()):
        return None
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    same = np.flatnonzero(sorted_keys[1:] == sorted_keys[:-1])
    first_of: dict[int, int] = {}
    for pos in same.tolist():
        first = first_of.setdefault(int(sorted_keys[pos]), int(order[pos]))
        later = int(order[pos + 1])
        k = int(kidx[later])
        when = period_label(
            dt.date.fromordinal(int(period[later])), freqs[k] or Frequency.MONTHLY, fiscal=fiscal
        )
        problems.add(
            int(ridx[later]),
            int(cols[later]),
            f"is a second value for {names[k]} in {when} (row "
            f"{int(ridx[first]) + table.first_row} has one already)",
        )
    return order


def distinct(keys: np.ndarray) -> np.ndarray:
    """The sorted distinct values of an int array (faster than np.unique on sorted input)."""
    if len(keys) > 1 and not bool((keys[1:] > keys[:-1]).all()):
        keys = np.sort(keys)
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
    return keys


def _infer_frequency(days: np.ndarray) -> Frequency:
    """infer_frequency over distinct sorted day ordinals, without making a date per day.

    infer_frequency reads the median gap between distinct dates; two or three dates with
    the same median gap (the middle gap, or the two middle gaps) give the same answer.
    """
    if len(days) < 2:
        return infer_frequency(dt.date.fromordinal(int(d)) for d in days.tolist())
    gaps = np.sort(np.diff(days))
    middle = len(gaps) // 2
    picked = [int(gaps[middle])] if len(gaps) % 2 else [int(gaps[middle - 1]), int(gaps[middle])]
    first = dt.date.fromordinal(int(days[0]))
    dates = [first]
    for gap in picked:
        dates.append(dates[-1] + dt.timedelta(days=gap))
    return infer_frequency(dates)

"""Period maths: hand-checked calendar cases and properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_desktop.domain.periods import (
    add_periods,
    infer_frequency,
    last_complete_period,
    next_period,
    period_end,
    period_from_index,
    period_index,
    period_label,
    period_start,
    periods_between,
)
from kpi_desktop.domain.types import Frequency

D = dt.date
F = Frequency
dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31))
freqs = st.sampled_from(list(Frequency))


@pytest.mark.parametrize(
    ("d", "freq", "expected"),
    [
        (D(2024, 10, 9), F.DAILY, D(2024, 10, 9)),
        # 2024-10-09 is a Wednesday; its Monday is the 7th.
        (D(2024, 10, 9), F.WEEKLY, D(2024, 10, 7)),
        (D(2024, 10, 7), F.WEEKLY, D(2024, 10, 7)),
        # 2024-10-13 is a Sunday: still the week of Monday the 7th.
        (D(2024, 10, 13), F.WEEKLY, D(2024, 10, 7)),
        # A week can start in the previous year: 2025-01-01 is a Wednesday.
        (D(2025, 1, 1), F.WEEKLY, D(2024, 12, 30)),
        (D(2024, 2, 29), F.MONTHLY, D(2024, 2, 1)),
        (D(2024, 11, 15), F.QUARTERLY, D(2024, 10, 1)),
        (D(2024, 3, 31), F.QUARTERLY, D(2024, 1, 1)),
        (D(2024, 4, 1), F.QUARTERLY, D(2024, 4, 1)),
        (D(2024, 9, 30), F.QUARTERLY, D(2024, 7, 1)),
        (D(2024, 12, 31), F.YEARLY, D(2024, 1, 1)),
    ],
)
def test_period_start(d: dt.date, freq: Frequency, expected: dt.date) -> None:
    assert period_start(d, freq) == expected


def test_period_start_accepts_plain_strings() -> None:
    assert period_start(D(2024, 5, 17), "monthly") == D(2024, 5, 1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("d", "freq", "n", "expected"),
    [
        (D(2024, 2, 28), F.DAILY, 2, D(2024, 3, 1)),  # leap day in between
        (D(2024, 10, 9), F.WEEKLY, 1, D(2024, 10, 14)),
        (D(2024, 10, 9), F.WEEKLY, -1, D(2024, 9, 30)),
        (D(2024, 1, 31), F.MONTHLY, 1, D(2024, 2, 1)),  # aligned: no "Feb 31"
        (D(2024, 11, 15), F.MONTHLY, 2, D(2025, 1, 1)),
        (D(2024, 1, 15), F.MONTHLY, -1, D(2023, 12, 1)),
        (D(2024, 1, 15), F.MONTHLY, -13, D(2022, 12, 1)),
        (D(2024, 11, 15), F.QUARTERLY, 1, D(2025, 1, 1)),
        (D(2024, 2, 15), F.QUARTERLY, -1, D(2023, 10, 1)),
        (D(2024, 6, 30), F.YEARLY, 3, D(2027, 1, 1)),
        (D(2024, 6, 30), F.MONTHLY, 0, D(2024, 6, 1)),
    ],
)
def test_add_periods(d: dt.date, freq: Frequency, n: int, expected: dt.date) -> None:
    assert add_periods(d, freq, n) == expected


def test_next_period_and_period_end() -> None:
    assert next_period(D(2024, 12, 20), F.MONTHLY) == D(2025, 1, 1)
    assert period_end(D(2024, 2, 10), F.MONTHLY) == D(2024, 2, 29)
    assert period_end(D(2024, 10, 9), F.WEEKLY) == D(2024, 10, 13)  # Sunday
    assert period_end(D(2024, 5, 1), F.QUARTERLY) == D(2024, 6, 30)
    assert period_end(D(2024, 5, 1), F.YEARLY) == D(2024, 12, 31)
    assert period_end(D(2024, 5, 1), F.DAILY) == D(2024, 5, 1)


def test_period_index_hand_values() -> None:
    # month: 2024 * 12 + (10 - 1) = 24297; quarter: 2024 * 4 + 3 = 8099
    assert period_index(D(2024, 10, 15), F.MONTHLY) == 24297
    assert period_index(D(2024, 10, 15), F.QUARTERLY) == 8099
    assert period_index(D(2024, 10, 15), F.YEARLY) == 2024
    assert period_index(D(2024, 10, 15), F.DAILY) == D(2024, 10, 15).toordinal()
    # Sunday 13 Oct and Monday 7 Oct share a week; Monday 14 Oct is the next one.
    week = period_index(D(2024, 10, 7), F.WEEKLY)
    assert period_index(D(2024, 10, 13), F.WEEKLY) == week
    assert period_index(D(2024, 10, 14), F.WEEKLY) == week + 1
    assert period_index(D(2025, 1, 1), F.MONTHLY) - period_index(D(2024, 12, 31), F.MONTHLY) == 1


def test_periods_between() -> None:
    assert periods_between(D(2024, 1, 1), D(2024, 1, 15), F.WEEKLY) == pytest.approx(2.0)
    assert periods_between(D(2024, 1, 1), D(2024, 1, 11), F.DAILY) == 10.0
    # 366 days of 2024 / 365.2425 days per year
    assert periods_between(D(2024, 1, 1), D(2025, 1, 1), F.YEARLY) == pytest.approx(1.0021, 1e-4)
    # 366 / (365.2425 / 12) = 12.0249 months
    assert periods_between(D(2024, 1, 1), D(2025, 1, 1), F.MONTHLY) == pytest.approx(12.0249, 1e-4)
    assert periods_between(D(2025, 1, 1), D(2024, 1, 1), F.QUARTERLY) < 0


@pytest.mark.parametrize(
    ("freq", "label"),
    [
        (F.DAILY, "2024-10-09"),
        (F.WEEKLY, "Week of 2024-10-07"),
        (F.MONTHLY, "Oct 2024"),
        (F.QUARTERLY, "Q4 2024"),
        (F.YEARLY, "2024"),
    ],
)
def test_period_label(freq: Frequency, label: str) -> None:
    assert period_label(D(2024, 10, 9), freq) == label


def test_period_label_first_quarter_and_january() -> None:
    assert period_label(D(2025, 1, 31), F.MONTHLY) == "Jan 2025"
    assert period_label(D(2025, 3, 31), F.QUARTERLY) == "Q1 2025"


@pytest.mark.parametrize(
    ("today", "freq", "expected"),
    [
        (D(2024, 11, 15), F.MONTHLY, D(2024, 10, 1)),
        (D(2024, 11, 30), F.MONTHLY, D(2024, 10, 1)),  # November is not over on the 30th
        (D(2024, 12, 1), F.MONTHLY, D(2024, 11, 1)),
        (D(2024, 11, 15), F.DAILY, D(2024, 11, 14)),
        (D(2024, 10, 9), F.WEEKLY, D(2024, 9, 30)),
        (D(2024, 11, 15), F.QUARTERLY, D(2024, 7, 1)),
        (D(2025, 1, 1), F.QUARTERLY, D(2024, 10, 1)),
        (D(2024, 11, 15), F.YEARLY, D(2023, 1, 1)),
    ],
)
def test_last_complete_period(today: dt.date, freq: Frequency, expected: dt.date) -> None:
    assert last_complete_period(today, freq) == expected


def _series(start: dt.date, freq: Frequency, n: int) -> list[dt.date]:
    return [add_periods(start, freq, k) for k in range(n)]


@pytest.mark.parametrize("freq", list(Frequency))
def test_infer_frequency_of_regular_series(freq: Frequency) -> None:
    assert infer_frequency(_series(D(2020, 1, 1), freq, 10)) == freq


def test_infer_frequency_edge_cases() -> None:
    # Business days: Mon-Fri then a 3-day weekend gap; the median gap is 1 day.
    weekdays = [D(2024, 1, 1) + dt.timedelta(days=i) for i in range(28)]
    business = [d for d in weekdays if d.weekday() < 5]
    assert infer_frequency(business) == F.DAILY
    # Unsorted with duplicates: distinct sorted dates are monthly.
    months = _series(D(2023, 1, 1), F.MONTHLY, 6)
    assert infer_frequency(list(reversed(months)) + months) == F.MONTHLY
    # Monthly with a missing month: the median is still about 30 days.
    assert infer_frequency(months[:2] + months[3:]) == F.MONTHLY
    # Nothing to measure: the app's default.
    assert infer_frequency([]) == F.MONTHLY
    assert infer_frequency([D(2024, 1, 1), D(2024, 1, 1)]) == F.MONTHLY


@given(dates, freqs)
def test_period_start_idempotent_and_not_after(d: dt.date, freq: Frequency) -> None:
    s = period_start(d, freq)
    assert s <= d
    assert period_start(s, freq) == s
    assert period_end(d, freq) >= d
    assert period_start(period_end(d, freq), freq) == s


@given(dates, freqs, st.integers(-200, 200))
def test_add_periods_round_trips(d: dt.date, freq: Frequency, n: int) -> None:
    there = add_periods(period_start(d, freq), freq, n)
    assert period_start(there, freq) == there
    assert add_periods(there, freq, -n) == period_start(d, freq)
    assert period_index(there, freq) - period_index(d, freq) == n


@given(dates, freqs)
def test_period_index_inverse_and_consecutive(d: dt.date, freq: Frequency) -> None:
    i = period_index(d, freq)
    assert period_from_index(i, freq) == period_start(d, freq)
    assert period_index(next_period(d, freq), freq) == i + 1


@given(dates, freqs)
def test_last_complete_period_is_over(today: dt.date, freq: Frequency) -> None:
    done = last_complete_period(today, freq)
    assert period_end(done, freq) < today
    assert next_period(done, freq) == period_start(today, freq)

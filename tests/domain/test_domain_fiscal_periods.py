"""Period maths under a fiscal year (issue 21, item 4): quarters and years start in the
workspace's first month; every start month keeps the rules the calendar year has."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_desktop.domain.due import period_name, periods_text
from kpi_desktop.domain.periods import (
    CALENDAR_YEAR,
    FiscalYear,
    add_periods,
    period_end,
    period_from_index,
    period_index,
    period_label,
    period_start,
)
from kpi_desktop.domain.types import Frequency

D = dt.date
APRIL = FiscalYear(4)
ALL = list(Frequency)
dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31))
fiscal_years = st.integers(1, 12).map(FiscalYear)
frequencies = st.sampled_from(ALL)


@given(dates, frequencies, fiscal_years)
def test_a_period_start_is_its_own_start(d: dt.date, freq: Frequency, fy: FiscalYear) -> None:
    start = period_start(d, freq, fiscal=fy)
    assert start <= d <= period_end(d, freq, fiscal=fy)
    assert period_start(start, freq, fiscal=fy) == start


@given(dates, frequencies, fiscal_years)
def test_every_date_lies_in_exactly_one_period(d: dt.date, freq: Frequency, fy: FiscalYear) -> None:
    start = period_start(d, freq, fiscal=fy)
    before = add_periods(start, freq, -1, fiscal=fy)
    after = add_periods(start, freq, 1, fiscal=fy)
    # the neighbours end just before this period and start just after it: no gap, no overlap
    assert period_end(before, freq, fiscal=fy) == start - dt.timedelta(days=1)
    assert after == period_end(d, freq, fiscal=fy) + dt.timedelta(days=1)


@given(dates, frequencies, fiscal_years, st.integers(-400, 400))
def test_add_periods_and_period_index_agree(
    d: dt.date, freq: Frequency, fy: FiscalYear, n: int
) -> None:
    moved = add_periods(d, freq, n, fiscal=fy)
    assert period_index(moved, freq, fiscal=fy) == period_index(d, freq, fiscal=fy) + n
    i = period_index(d, freq, fiscal=fy)
    assert period_from_index(i, freq, fiscal=fy) == period_start(d, freq, fiscal=fy)


@given(dates, frequencies)
def test_january_is_the_calendar_year(d: dt.date, freq: Frequency) -> None:
    assert period_start(d, freq, fiscal=FiscalYear(1)) == period_start(d, freq)
    assert period_index(d, freq, fiscal=CALENDAR_YEAR) == period_index(d, freq)
    assert period_label(d, freq, fiscal=FiscalYear(1)) == period_label(d, freq)


@given(dates, fiscal_years)
def test_a_fiscal_year_starts_on_the_first_of_its_month(d: dt.date, fy: FiscalYear) -> None:
    start = period_start(d, Frequency.YEARLY, fiscal=fy)
    assert (start.month, start.day) == (fy.start_month, 1)
    q = period_start(d, Frequency.QUARTERLY, fiscal=fy)
    assert (q.month - fy.start_month) % 3 == 0 and q.day == 1
    assert fy.start_of(q) == start and 1 <= fy.quarter(q) <= 4


def test_an_april_year_through_its_quarters() -> None:
    # a date in February 2027 is in Q4 of FY 2026/27, which starts on 1 January 2027
    feb = D(2027, 2, 10)
    assert period_start(feb, Frequency.QUARTERLY, fiscal=APRIL) == D(2027, 1, 1)
    assert period_label(feb, Frequency.QUARTERLY, fiscal=APRIL) == "Q4 FY 2026/27"
    assert period_start(feb, Frequency.YEARLY, fiscal=APRIL) == D(2026, 4, 1)
    assert period_label(feb, Frequency.YEARLY, fiscal=APRIL) == "FY 2026/27"
    starts = [add_periods(D(2026, 4, 1), Frequency.QUARTERLY, k, fiscal=APRIL) for k in range(4)]
    assert starts == [D(2026, 4, 1), D(2026, 7, 1), D(2026, 10, 1), D(2027, 1, 1)]
    names = [period_label(s, Frequency.QUARTERLY, fiscal=APRIL) for s in starts]
    assert names == ["Q1 FY 2026/27", "Q2 FY 2026/27", "Q3 FY 2026/27", "Q4 FY 2026/27"]
    # a yearly value typed for 15 June 2026 is for the year that starts on 1 April 2026
    assert period_start(D(2026, 6, 15), Frequency.YEARLY, fiscal=APRIL) == D(2026, 4, 1)
    assert period_end(D(2026, 6, 15), Frequency.YEARLY, fiscal=APRIL) == D(2027, 3, 31)
    assert add_periods(D(2026, 4, 1), Frequency.YEARLY, 1, fiscal=APRIL) == D(2027, 4, 1)


def test_other_start_months_shift_the_quarters() -> None:
    february = FiscalYear(2)
    starts = [add_periods(D(2026, 2, 1), Frequency.QUARTERLY, k, fiscal=february) for k in range(4)]
    assert [s.month for s in starts] == [2, 5, 8, 11]
    assert period_start(D(2027, 1, 31), Frequency.QUARTERLY, fiscal=february) == D(2026, 11, 1)
    assert period_label(D(2099, 7, 1), Frequency.YEARLY, fiscal=FiscalYear(7)) == "FY 2099/00"


def test_calendar_names_stay_as_they_were() -> None:
    assert period_label(D(2026, 5, 5), Frequency.YEARLY) == "2026"
    assert period_label(D(2026, 5, 5), Frequency.QUARTERLY) == "Q2 2026"
    assert period_name(D(2026, 5, 5), Frequency.QUARTERLY, with_year=False) == "Q2"


def test_words_for_fiscal_periods() -> None:
    q = Frequency.QUARTERLY
    assert period_name(D(2027, 1, 1), q, fiscal=APRIL) == "Q4 FY 2026/27"
    assert period_name(D(2026, 4, 1), Frequency.YEARLY, fiscal=APRIL) == "FY 2026/27"
    # Q3 and Q4 of one fiscal year share its name even across New Year
    text = periods_text([D(2026, 10, 1), D(2027, 1, 1)], q, APRIL)
    assert text == "Q3 and Q4 FY 2026/27"
    assert APRIL.describe() == "April to March" and CALENDAR_YEAR.describe() == "the calendar year"


@pytest.mark.parametrize("bad", [0, 13, -1])
def test_a_fiscal_year_starts_in_a_real_month(bad: int) -> None:
    with pytest.raises(ValueError, match="month 1 to 12"):
        FiscalYear(bad)

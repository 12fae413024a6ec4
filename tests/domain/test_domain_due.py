"""Which values are due, per frequency: the day a value becomes due, the grace before it is
overdue, the missing periods and the words of the reminder."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_desktop.domain.due import (
    GRACE_DAYS,
    MAX_LISTED,
    deadline,
    due_on,
    due_state,
    overdue_on,
    period_name,
    periods_text,
)
from kpi_desktop.domain.periods import (
    last_complete_period,
    next_period,
    period_index,
    period_start,
)
from kpi_desktop.domain.types import Frequency

D = dt.date
F = Frequency


# -- when a value becomes due and overdue, per frequency ------------------------------------


@pytest.mark.parametrize(
    ("freq", "period", "due", "last_grace_day", "overdue"),
    [
        # a day's value: due the next day, overdue the day after
        (F.DAILY, D(2026, 11, 2), D(2026, 11, 3), D(2026, 11, 3), D(2026, 11, 4)),
        # a week (Mon 26 Oct - Sun 1 Nov): due Monday, overdue Wednesday
        (F.WEEKLY, D(2026, 10, 26), D(2026, 11, 2), D(2026, 11, 3), D(2026, 11, 4)),
        # October: due 1 November, overdue from 8 November
        (F.MONTHLY, D(2026, 10, 1), D(2026, 11, 1), D(2026, 11, 7), D(2026, 11, 8)),
        # Q3: due 1 October, overdue from 8 October
        (F.QUARTERLY, D(2026, 7, 1), D(2026, 10, 1), D(2026, 10, 7), D(2026, 10, 8)),
        # 2025: due 1 January 2026, overdue from 8 January
        (F.YEARLY, D(2025, 1, 1), D(2026, 1, 1), D(2026, 1, 7), D(2026, 1, 8)),
    ],
)
def test_due_and_overdue_days_per_frequency(
    freq: Frequency, period: dt.date, due: dt.date, last_grace_day: dt.date, overdue: dt.date
) -> None:
    assert due_on(period, freq) == due
    assert deadline(period, freq) == last_grace_day
    assert overdue_on(period, freq) == overdue
    assert (overdue - due).days == GRACE_DAYS[freq]
    before = period - dt.timedelta(days=1)  # the latest value is the period before
    # the day before it is due: nothing
    assert not due_state(freq, before, due - dt.timedelta(days=1)).is_due
    # due, not yet overdue, through the last day of grace
    for day in (due, last_grace_day):
        state = due_state(freq, before, day)
        assert state.is_due and state.missing == (period,) and not state.overdue
        assert state.days_overdue == 0
    # overdue from the next day, by one day, then two
    assert due_state(freq, before, overdue).days_overdue == 1
    assert due_state(freq, before, overdue + dt.timedelta(days=1)).days_overdue == 2
    assert due_state(freq, before, overdue).overdue


def test_grace_days_are_documented_values() -> None:
    assert GRACE_DAYS == {F.DAILY: 1, F.WEEKLY: 2, F.MONTHLY: 7, F.QUARTERLY: 7, F.YEARLY: 7}


def test_the_running_period_is_never_due_even_on_its_last_day() -> None:
    # 31 October: October is not over, September's value is in: nothing due
    assert not due_state(F.MONTHLY, D(2026, 9, 1), D(2026, 10, 31)).is_due
    # a value for the running month (entered early) leaves nothing due either
    assert not due_state(F.MONTHLY, D(2026, 11, 1), D(2026, 11, 20)).is_due
    # nor does a value dated after the date asked about
    assert not due_state(F.MONTHLY, D(2027, 3, 1), D(2026, 11, 20)).is_due


def test_any_date_in_the_latest_period_counts_as_that_period() -> None:
    a = due_state(F.MONTHLY, D(2026, 9, 1), D(2026, 11, 15))
    b = due_state(F.MONTHLY, D(2026, 9, 23), D(2026, 11, 15))
    assert a == due_state(F.MONTHLY, D(2026, 9, 1), D(2026, 11, 15))
    assert a.missing == b.missing == (D(2026, 10, 1),)


def test_several_missing_values_oldest_decides_overdue() -> None:
    state = due_state(F.MONTHLY, D(2026, 8, 1), D(2026, 11, 3))
    assert state.missing == (D(2026, 9, 1), D(2026, 10, 1))
    assert state.n_missing == 2
    assert state.oldest_missing == D(2026, 9, 1)
    assert state.due_since == D(2026, 10, 1)
    # September's deadline was 7 October: 27 days late on 3 November
    assert state.days_overdue == 27


def test_no_value_at_all_needs_the_last_complete_period() -> None:
    state = due_state(F.QUARTERLY, None, D(2026, 11, 3))
    assert state.missing == (D(2026, 7, 1),)
    assert state.message == "needs the value for Q3 2026"
    assert state.overdue  # Q3 was due on 1 October


def test_a_long_gap_is_counted_fully_but_listed_from_the_latest() -> None:
    state = due_state(F.DAILY, D(2026, 1, 1), D(2026, 11, 3))
    assert state.n_missing == (D(2026, 11, 2) - D(2026, 1, 1)).days
    assert len(state.missing) == MAX_LISTED
    assert state.missing[-1] == D(2026, 11, 2)
    assert state.oldest_missing == D(2026, 1, 2)
    assert state.message == "305 values missing: 2 Jan to 2 Nov 2026"


# -- words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("freq", "latest", "as_of", "message"),
    [
        (F.MONTHLY, D(2026, 9, 1), D(2026, 11, 15), "needs October's value"),
        (F.MONTHLY, D(2025, 11, 1), D(2026, 1, 3), "needs December's value"),
        (F.MONTHLY, D(2026, 8, 1), D(2026, 11, 3), "2 values missing: Sep and Oct 2026"),
        (
            F.MONTHLY,
            D(2025, 10, 1),
            D(2026, 2, 3),
            "3 values missing: Nov 2025, Dec 2025 and Jan 2026",
        ),
        (F.MONTHLY, D(2025, 11, 1), D(2026, 2, 3), "2 values missing: Dec 2025 and Jan 2026"),
        (F.MONTHLY, D(2026, 5, 1), D(2026, 11, 3), "5 values missing: Jun to Oct 2026"),
        (F.MONTHLY, D(2025, 10, 1), D(2026, 4, 3), "5 values missing: Nov 2025 to Mar 2026"),
        (F.DAILY, D(2026, 11, 1), D(2026, 11, 3), "needs yesterday's value"),
        (
            F.DAILY,
            D(2026, 10, 30),
            D(2026, 11, 3),
            "3 values missing: 31 Oct, 1 Nov and 2 Nov 2026",
        ),
        (
            F.WEEKLY,
            D(2026, 10, 19),
            D(2026, 11, 3),
            "needs last week's value (week of 26 Oct 2026)",
        ),
        (
            F.WEEKLY,
            D(2026, 10, 12),
            D(2026, 11, 3),
            "2 values missing: week of 19 Oct and week of 26 Oct 2026",
        ),
        (F.QUARTERLY, D(2026, 4, 1), D(2026, 11, 3), "needs the value for Q3 2026"),
        (F.QUARTERLY, D(2025, 10, 1), D(2026, 11, 3), "3 values missing: Q1, Q2 and Q3 2026"),
        (F.YEARLY, D(2024, 1, 1), D(2026, 1, 3), "needs the value for 2025"),
        (F.YEARLY, D(2022, 1, 1), D(2026, 1, 3), "3 values missing: 2023, 2024 and 2025"),
        (F.MONTHLY, D(2026, 10, 1), D(2026, 11, 3), ""),
    ],
)
def test_messages(freq: Frequency, latest: dt.date, as_of: dt.date, message: str) -> None:
    assert due_state(freq, latest, as_of).message == message


def test_period_names_and_runs() -> None:
    assert period_name(D(2026, 10, 17), F.MONTHLY) == "Oct 2026"
    assert period_name(D(2026, 10, 17), F.MONTHLY, with_year=False) == "Oct"
    assert period_name(D(2026, 8, 17), F.QUARTERLY) == "Q3 2026"
    assert period_name(D(2026, 8, 17), F.YEARLY, with_year=False) == "2026"  # years keep it
    assert period_name(D(2026, 10, 29), F.WEEKLY) == "week of 26 Oct 2026"
    assert period_name(D(2026, 10, 29), F.DAILY) == "29 Oct 2026"
    assert periods_text([], F.MONTHLY) == ""
    assert periods_text([D(2026, 10, 1)], F.MONTHLY) == "Oct 2026"
    months = [D(2026, m, 1) for m in range(1, 13)]
    assert periods_text(months, F.MONTHLY) == "Jan to Dec 2026"


# -- properties -----------------------------------------------------------------------------

dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))
freqs = st.sampled_from(list(Frequency))


@given(freqs, st.one_of(st.none(), dates), dates)
def test_missing_periods_are_the_ones_after_the_latest_up_to_the_last_complete(
    freq: Frequency, latest: dt.date | None, as_of: dt.date
) -> None:
    state = due_state(freq, latest, as_of)
    last = last_complete_period(as_of, freq)
    assert state.is_due == (state.n_missing > 0) == bool(state.message)
    assert len(state.missing) == min(state.n_missing, MAX_LISTED)
    if not state.is_due:
        assert latest is not None and period_start(latest, freq) >= last
        return
    assert state.missing[-1] == last
    for a, b in zip(state.missing, state.missing[1:], strict=False):
        assert next_period(a, freq) == b  # consecutive
    for p in state.missing:
        assert period_start(p, freq) == p
        assert due_on(p, freq) <= as_of  # every missing period has ended
    oldest = state.oldest_missing
    assert oldest is not None
    if latest is None:
        assert state.n_missing == 1
    else:
        assert oldest == next_period(latest, freq)
        assert state.n_missing == period_index(last, freq) - period_index(latest, freq)
    assert state.overdue == (as_of > deadline(oldest, freq))
    assert state.days_overdue == max(0, (as_of - deadline(oldest, freq)).days)


@given(freqs, dates, dates)
def test_nothing_gets_less_due_as_time_passes(
    freq: Frequency, latest: dt.date, as_of: dt.date
) -> None:
    today = due_state(freq, latest, as_of)
    tomorrow = due_state(freq, latest, as_of + dt.timedelta(days=1))
    assert tomorrow.n_missing >= today.n_missing
    assert tomorrow.days_overdue >= today.days_overdue


@given(freqs, dates, dates)
def test_entering_the_missing_values_clears_the_reminder(
    freq: Frequency, latest: dt.date, as_of: dt.date
) -> None:
    state = due_state(freq, latest, as_of)
    if state.is_due:
        assert not due_state(freq, state.missing[-1], as_of).is_due

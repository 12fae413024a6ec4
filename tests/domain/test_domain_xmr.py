"""XmR limits and the three signal rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_desktop.domain.variation.xmr import (
    ProcessLimits,
    SignalRule,
    detect_signals,
    natural_process_limits,
)

# Centre 10, limits 7.34 .. 12.66; "near a limit" zones: above 11.33, below 8.67.
LIMITS = ProcessLimits(mean=10.0, mean_moving_range=1.0, lower=7.34, upper=12.66)


def rules(values: list[float]) -> list[tuple[int, SignalRule]]:
    return [(s.index, s.rule) for s in detect_signals(values, LIMITS)]


def test_limits_by_hand() -> None:
    # mean (1 + 3 + 2 + 4) / 4 = 2.5; moving ranges 2, 1, 2 -> 5/3; 2.66 x 5/3 = 4.4333
    lim = natural_process_limits([1, 3, 2, 4])
    assert lim is not None
    assert lim.mean == pytest.approx(2.5)
    assert lim.mean_moving_range == pytest.approx(5 / 3)
    assert lim.lower == pytest.approx(2.5 - 4.43333, abs=1e-5)
    assert lim.upper == pytest.approx(2.5 + 4.43333, abs=1e-5)
    assert lim.sigma == pytest.approx(5 / 3 / 1.128)


def test_limits_need_two_values() -> None:
    assert natural_process_limits([]) is None
    assert natural_process_limits([5.0]) is None
    lim = natural_process_limits([5.0, 5.0])
    assert lim == ProcessLimits(5.0, 0.0, 5.0, 5.0)


def test_outside_limits() -> None:
    assert rules([10, 13, 10, 7]) == [
        (1, SignalRule.OUTSIDE_LIMITS),
        (3, SignalRule.OUTSIDE_LIMITS),
    ]
    signals = detect_signals([10, 13, 10, 7], LIMITS)
    assert "Above the upper limit (12.66)" in signals[0].explanation
    assert "Below the lower limit (7.34)" in signals[1].explanation
    assert rules([12.66, 7.34]) == []  # on a limit is not outside


def test_run_of_eight() -> None:
    # three below, then nine at 11 (above the mean, not near the limit): the 8th of the run
    # is index 10, and the run goes on at index 11.
    values = [9.0] * 3 + [11.0] * 9
    assert rules(values) == [(10, SignalRule.LONG_RUN), (11, SignalRule.LONG_RUN)]
    signals = detect_signals(values, LIMITS)
    assert signals[0].explanation.startswith("8 values in a row above the average")
    assert signals[1].explanation.startswith("9 values in a row above")
    assert rules([9.0] * 8)[0] == (7, SignalRule.LONG_RUN)
    assert "below" in detect_signals([9.0] * 8, LIMITS)[0].explanation


def test_run_broken_by_a_value_on_the_mean_or_other_side() -> None:
    assert rules([11.0] * 7 + [10.0] + [11.0] * 7) == []
    assert rules([11.0] * 7 + [9.0] + [11.0] * 7) == []


def test_three_of_four_near_a_limit() -> None:
    # 12 is above the 11.33 zone line: windows ending at 4 hold 12, 12, 10, 12.
    assert rules([10, 12, 12, 10, 12]) == [(4, SignalRule.NEAR_LIMIT)]
    # the first three values form a window of their own
    assert rules([12, 12, 12]) == [(2, SignalRule.NEAR_LIMIT)]
    assert rules([8, 8, 10, 8]) == [(3, SignalRule.NEAR_LIMIT)]
    # alternate sides never make 3 of 4 on one side
    assert rules([12, 8, 12, 8, 12]) == []
    # a value that is not itself near the limit is not marked
    assert rules([12, 12, 12, 10])[-1] == (2, SignalRule.NEAR_LIMIT)
    text = detect_signals([12, 12, 12], LIMITS)[0].explanation
    assert text == "3 of the last 4 values close to the upper limit: a real, moderate shift."


def test_signals_are_ordered_by_index_then_rule() -> None:
    # index 7 is outside, completes a run of 8 above and is near the upper limit
    values = [11.0] * 5 + [12.0, 12.0, 13.0]
    got = rules(values)
    assert got == sorted(got, key=lambda s: (s[0], list(SignalRule).index(s[1])))
    assert got[-3:] == [
        (7, SignalRule.OUTSIDE_LIMITS),
        (7, SignalRule.LONG_RUN),
        (7, SignalRule.NEAR_LIMIT),
    ]


finite = st.floats(-1e6, 1e6, allow_nan=False)


@given(st.lists(finite, min_size=2, max_size=40))
def test_limits_bracket_the_mean(values: list[float]) -> None:
    lim = natural_process_limits(values)
    assert lim is not None
    assert lim.lower <= lim.mean <= lim.upper
    assert lim.upper - lim.mean == pytest.approx(2.66 * lim.mean_moving_range)


@given(st.lists(finite, min_size=2, max_size=40), st.floats(-1e3, 1e3))
def test_shifting_values_shifts_limits(values: list[float], c: float) -> None:
    a = natural_process_limits(values)
    b = natural_process_limits([v + c for v in values])
    assert a is not None and b is not None
    assert b.mean == pytest.approx(a.mean + c, abs=1e-6)
    assert b.upper == pytest.approx(a.upper + c, abs=1e-4)


@given(finite, st.integers(2, 30))
def test_constant_values_give_no_signal(v: float, n: int) -> None:
    values = [v] * n
    lim = natural_process_limits(values)
    assert lim is not None
    assert detect_signals(values, lim) == []


@given(st.lists(finite, min_size=2, max_size=40))
def test_every_signal_explains_itself_in_one_line(values: list[float]) -> None:
    lim = natural_process_limits(values)
    assert lim is not None
    for s in detect_signals(values, lim):
        assert 0 <= s.index < len(values)
        assert s.explanation and "\n" not in s.explanation
        if s.rule == SignalRule.OUTSIDE_LIMITS:
            assert not lim.lower <= values[s.index] <= lim.upper

"""Signals of real change, dated and explained: the three XmR rules on hand-made series and
on real US employment data (2006-2015)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_desktop.domain.types import Direction, Frequency, Point
from kpi_desktop.domain.variation.signals import (
    MIN_VALUES,
    RECENT,
    WINDOW,
    change_is_good,
    signal_report,
)
from kpi_desktop.domain.variation.xmr import SignalRule, detect_signals, natural_process_limits

D = dt.date
M = Frequency.MONTHLY


def months(values: list[float]) -> list[Point]:
    """Monthly values from January 2024."""
    out, y, m = [], 2024, 1
    for v in values:
        out.append(Point(D(y, m, 1), float(v)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# Routine variation around 10: moving ranges of 1, so limits 10 -/+ 2.66 (about 7.3..12.7)
ROUTINE = [10, 11, 10, 9, 10, 11, 10, 9, 10, 11, 10, 9]


def rules(report) -> list[tuple[dt.date, SignalRule]]:  # type: ignore[no-untyped-def]
    return [(s.period, s.rule) for s in report.signals]


def test_no_signal_in_routine_variation() -> None:
    report = signal_report(months(ROUTINE), M)
    assert report.signals == ()
    assert not report.real_change and report.explanation == "" and report.side == 0
    assert report.limits is not None and report.window == (D(2024, 1, 1), D(2024, 12, 1))


def test_rule_1_a_value_outside_the_limits() -> None:
    report = signal_report(months([*ROUTINE, 16]), M)
    assert rules(report) == [(D(2025, 1, 1), SignalRule.OUTSIDE_LIMITS)]
    assert report.real_change and report.side == 1
    assert report.explanation.startswith("Jan 2025 (16) is above the usual range (up to ")
    assert report.explanation.endswith("): too high to be chance.")
    low = signal_report(months([*ROUTINE, 3]), M, fmt=lambda v: f"{v:.1f} min")
    assert low.side == -1
    assert low.explanation.startswith("Jan 2025 (3.0 min) is below the usual range (down to ")


def test_rule_2_a_run_of_eight_on_one_side_is_a_new_level() -> None:
    values = [10, 11, 9, 10, 9, 11, 10, 12, 11, 12, 11, 12, 11, 12, 11]
    report = signal_report(months(values), M)
    # the run above the average starts at Aug 2024 and is 8 long at Mar 2025: from then on
    # it is a stretch of its own, so its values are not flagged, and the shift is news
    assert rules(report) == []
    assert report.new_shift is not None and report.new_shift.period == D(2025, 3, 1)
    assert report.real_change and report.side == 1
    assert report.explanation == (
        "A new level since Aug 2024 (8 values): about 11.5, up from 10: a lasting change, "
        "not noise."
    )
    # a month later the shift is known: no real change any more
    assert not signal_report(months([*values, 11.5]), M).real_change


def test_rule_3_three_of_four_near_a_limit() -> None:
    # two years of routine variation, then 3 of the last 4 values close to the lower limit
    # (limits about 7.1..12.4 around 9.7; "close" is below 8.4), none outside it
    values = [*ROUTINE, *ROUTINE, 8, 9.5, 8, 8]
    report = signal_report(months(values), M)
    assert rules(report) == [(D(2026, 4, 1), SignalRule.NEAR_LIMIT)]
    assert report.explanation == (
        "3 of the 4 values up to Apr 2026 are close to the lower limit: a real, moderate fall."
    )
    assert report.side == -1


def test_one_signal_per_value_the_strongest_rule() -> None:
    # The last value is both outside the limits and the 8th of a run: shown once, as outside
    values = [10, 11, 10, 9, 10, 11, 10, 9, 10, 11, 10, 11, 11, 11, 11, 11, 11, 11, 19]
    lim = natural_process_limits(values)
    assert lim is not None
    raw = {(s.index, s.rule) for s in detect_signals(values, lim)}
    report = signal_report(months(values), M)
    by_period = {s.period: s.rule for s in report.signals}
    assert len(by_period) == len(report.signals) == len({i for i, _ in raw})
    assert by_period[months(values)[-1].period] == SignalRule.OUTSIDE_LIMITS


def test_limits_are_the_latest_24_values_of_the_stretch() -> None:
    old_spike = [100] + ROUTINE * 3  # 37 values back, in the same stretch
    report = signal_report(months(old_spike), M)
    assert report.window is not None
    assert report.window[0] == months(old_spike)[-WINDOW].period
    # the spike is judged against limits of the last 24 values: flagged, but long ago
    assert [s.period for s in report.signals] == [D(2024, 1, 1)]
    assert not report.real_change
    # values after the as-of date are left out
    later = months([*ROUTINE, 50])
    assert signal_report(later, M, as_of=D(2024, 12, 31)).signals == ()


def test_too_few_values_give_no_signals() -> None:
    few = months([10, 10, 10, 10, 30][: MIN_VALUES - 1])
    assert signal_report(few, M).signals == ()
    assert signal_report([], M).limits is None


def test_real_change_only_in_the_latest_values() -> None:
    values = [*ROUTINE, 16, *[10, 11, 10]]  # the spike is 4 values back
    report = signal_report(months(values), M)
    assert report.signals and not report.real_change
    assert len(report.recent) == RECENT


@pytest.mark.parametrize(
    ("side", "direction", "good"),
    [
        (1, Direction.INCREASE, True),
        (-1, Direction.INCREASE, False),
        (1, Direction.DECREASE, False),
        (-1, Direction.DECREASE, True),
        (1, Direction.RANGE, None),
        (0, Direction.INCREASE, None),
    ],
)
def test_whether_a_change_is_good_news(side: int, direction: Direction, good: bool | None) -> None:
    assert change_is_good(side, direction) is good


@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), max_size=40))
def test_signals_are_the_xmr_rules_within_each_stretch(values: list[float]) -> None:
    points = months(values)
    report = signal_report(points, M)
    if len(values) < MIN_VALUES:
        assert report.signals == ()
        return
    assert report.behaviour is not None
    expected = []
    for stretch in report.behaviour.stretches:
        if stretch.count < 2:
            continue
        flagged = {s.index for s in detect_signals(stretch.detrended(), stretch.stretch.limits)}
        expected += [stretch.points[i].period for i in sorted(flagged)]
    assert [s.period for s in report.signals] == expected
    assert all(s.explanation for s in report.signals)


# -- real data ------------------------------------------------------------------------------


def column(path: Path, name: str) -> list[Point]:
    with path.open(newline="", encoding="utf-8") as f:
        return [Point(D.fromisoformat(r["month"]), float(r[name])) for r in csv.DictReader(f)]


def test_real_monthly_job_changes_in_2015_are_noise(employment_csv: Path) -> None:
    """Jobs added per month, 2014-2015: up and down by 100k, but no signal: don't react."""
    change = column(employment_csv, "nonfarm_change")
    report = signal_report(change, M, as_of=D(2015, 12, 31))
    assert report.signals == ()
    assert not report.real_change


def test_real_recession_is_a_real_change(employment_csv: Path) -> None:
    """The 2008-09 recession: job changes start a falling trend in mid-2007 and fall faster
    still near its end; hospitality jobs fall below the level they held since late 2007."""
    change = column(employment_csv, "nonfarm_change")
    report = signal_report(change, M, as_of=D(2009, 3, 31))
    assert report.behaviour is not None and report.behaviour.latest is not None
    latest_stretch = report.behaviour.latest
    assert latest_stretch.kind == "trend" and latest_stretch.stretch.slope < 0
    assert latest_stretch.first == D(2007, 6, 1)
    assert report.real_change and report.side == -1
    assert report.explanation == (
        "3 of the 4 values up to Jan 2009 are close to the lower limit: a real, moderate fall."
    )
    kinds = {s.rule for s in report.signals}
    assert kinds == {SignalRule.OUTSIDE_LIMITS, SignalRule.NEAR_LIMIT}

    leisure = column(employment_csv, "leisure_and_hospitality")
    jobs = signal_report(leisure, M, as_of=D(2008, 8, 31))
    assert jobs.real_change and jobs.side == -1
    assert change_is_good(jobs.side, Direction.INCREASE) is False
    assert jobs.explanation.startswith("Aug 2008 (13,431) is below the usual range")

"""The status contract of DESIGN.md, case by case, plus properties."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kpi_desktop.domain.status import (
    StatusReading,
    expected_at,
    latest_on_or_before,
    progress,
    status_at,
)
from kpi_desktop.domain.types import Direction, KpiTarget, Point, Status

D = dt.date
START = D(2024, 1, 1)
END = D(2024, 4, 10)  # 31 + 29 + 31 + 9 = 100 days after START
MID = D(2024, 2, 20)  # 31 + 19 = 50 days after START

# Increasing plan 100 -> 200 over 100 days: +1 a day; on MID expected = 150.
UP = KpiTarget(Direction.INCREASE, 100.0, START, 200.0, END)
# Decreasing plan 200 -> 100 over the same days: -1 a day; on MID expected = 150.
DOWN = KpiTarget(Direction.DECREASE, 200.0, START, 100.0, END)
# Keep within 40..60; tolerance 10 % of the width 20 = 2.
RANGE = KpiTarget(Direction.RANGE, None, None, None, None, range_low=40.0, range_high=60.0)


def reading(target: KpiTarget, v: float, d: dt.date = MID) -> StatusReading:
    return status_at(target, [Point(D(2024, 2, 1), v)], d)


# --- expected -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (D(2023, 6, 1), 100.0),  # before the baseline date: clipped to the baseline
        (START, 100.0),
        (D(2024, 1, 11), 110.0),  # 10 days: 100 + 10
        (MID, 150.0),  # 50 days: 100 + 50
        (END, 200.0),
        (D(2025, 1, 1), 200.0),  # after the target date: clipped to the target
    ],
)
def test_expected_linear(d: dt.date, expected: float) -> None:
    assert expected_at(UP, d) == pytest.approx(expected)


def test_expected_decreasing_plan() -> None:
    assert expected_at(DOWN, MID) == pytest.approx(150.0)  # 200 - 50


def test_expected_follows_milestones() -> None:
    # 0 on Jan 1, milestone 50 on Jan 11 (10 days), target 60 on Jan 31 (20 days later).
    target = KpiTarget(
        Direction.INCREASE,
        0.0,
        D(2024, 1, 1),
        60.0,
        D(2024, 1, 31),
        milestones=(
            Point(D(2024, 1, 11), 50.0),
            Point(D(2023, 12, 1), 999.0),  # before the baseline: ignored
            Point(D(2024, 1, 31), 999.0),  # on the target date: the target wins
            Point(D(2024, 2, 15), 999.0),  # after the target: ignored
        ),
    )
    assert expected_at(target, D(2024, 1, 6)) == pytest.approx(25.0)  # 5/10 of 0 -> 50
    assert expected_at(target, D(2024, 1, 11)) == pytest.approx(50.0)
    assert expected_at(target, D(2024, 1, 21)) == pytest.approx(55.0)  # 10/20 of 50 -> 60
    assert expected_at(target, D(2024, 1, 31)) == pytest.approx(60.0)
    assert expected_at(target, D(2024, 3, 1)) == pytest.approx(60.0)


def test_expected_unsorted_duplicate_milestones_last_wins() -> None:
    target = dataclasses.replace(
        UP, milestones=(Point(MID, 120.0), Point(D(2024, 1, 11), 105.0), Point(MID, 130.0))
    )
    assert expected_at(target, MID) == pytest.approx(130.0)
    # between Jan 11 (105) and MID (130): 20 of 40 days -> 117.5
    assert expected_at(target, D(2024, 1, 31)) == pytest.approx(117.5)


def test_expected_missing_plan_or_range_is_none() -> None:
    assert expected_at(dataclasses.replace(UP, baseline_value=None), MID) is None
    assert expected_at(dataclasses.replace(UP, baseline_date=None), MID) is None
    assert expected_at(dataclasses.replace(UP, target_value=None), MID) is None
    assert expected_at(dataclasses.replace(UP, target_date=None), MID) is None
    assert expected_at(RANGE, MID) is None


def test_expected_target_date_not_after_baseline_is_the_target() -> None:
    same_day = dataclasses.replace(UP, target_date=START)
    assert expected_at(same_day, D(2023, 1, 1)) == 200.0
    backwards = dataclasses.replace(UP, target_date=D(2023, 1, 1))
    assert expected_at(backwards, MID) == 200.0


# --- progress -----------------------------------------------------------------------------


def test_progress() -> None:
    assert progress(UP, 150.0) == pytest.approx(0.5)  # (150 - 100) / (200 - 100)
    assert progress(UP, 90.0) == pytest.approx(-0.1)
    assert progress(DOWN, 150.0) == pytest.approx(0.5)  # (150 - 200) / (100 - 200)
    assert progress(DOWN, 220.0) == pytest.approx(-0.2)
    assert progress(dataclasses.replace(UP, target_value=100.0), 150.0) is None  # T == b
    assert progress(dataclasses.replace(UP, baseline_value=None), 150.0) is None
    assert progress(RANGE, 50.0) is None


# --- status: increase / decrease ----------------------------------------------------------


@pytest.mark.parametrize(
    ("v", "status", "gap"),
    [
        (150.0, Status.ON_TRACK, 0.0),  # on the line
        (170.0, Status.ON_TRACK, 0.2),  # ahead
        (141.0, Status.ON_TRACK, -0.09),  # (141 - 150) / 100
        (140.0, Status.ON_TRACK, -0.10),  # exactly -tol: still on track
        (139.0, Status.AT_RISK, -0.11),
        (130.0, Status.AT_RISK, -0.20),  # exactly -2 tol: still at risk
        (129.0, Status.OFF_TRACK, -0.21),
        (90.0, Status.OFF_TRACK, -0.60),  # below the baseline
        (200.0, Status.ACHIEVED, 0.5),  # reached the target early
        (250.0, Status.ACHIEVED, 1.0),
    ],
)
def test_status_increase(v: float, status: Status, gap: float) -> None:
    r = reading(UP, v)
    assert r.status == status
    assert r.gap == pytest.approx(gap)
    assert r.expected == pytest.approx(150.0)
    assert r.progress == pytest.approx((v - 100.0) / 100.0)
    assert r.latest == Point(D(2024, 2, 1), v)


@pytest.mark.parametrize(
    ("v", "status", "gap"),
    [
        (150.0, Status.ON_TRACK, 0.0),
        (140.0, Status.ON_TRACK, 0.10),  # lower is better: positive gap
        (160.0, Status.ON_TRACK, -0.10),  # -(160 - 150) / 100
        (161.0, Status.AT_RISK, -0.11),
        (170.0, Status.AT_RISK, -0.20),
        (171.0, Status.OFF_TRACK, -0.21),
        (100.0, Status.ACHIEVED, 0.5),
        (80.0, Status.ACHIEVED, 0.7),
    ],
)
def test_status_decrease(v: float, status: Status, gap: float) -> None:
    r = reading(DOWN, v)
    assert r.status == status
    assert r.gap == pytest.approx(gap)


def test_custom_tolerance() -> None:
    loose = dataclasses.replace(UP, tolerance=0.25)
    assert reading(loose, 126.0).status == Status.ON_TRACK  # gap -0.24
    assert reading(loose, 110.0).status == Status.AT_RISK  # gap -0.40 >= -0.50
    assert reading(loose, 99.0).status == Status.OFF_TRACK  # gap -0.51
    strict = dataclasses.replace(UP, tolerance=0.0)
    assert reading(strict, 150.0).status == Status.ON_TRACK
    assert reading(strict, 149.0).status == Status.OFF_TRACK


def test_expected_is_taken_at_the_asked_date_not_at_the_latest_period() -> None:
    # Only a January value (period Jan 1) but asked on MID: compared with 150, not 100.
    r = status_at(UP, [Point(D(2024, 1, 1), 140.0)], MID)
    assert r.expected == pytest.approx(150.0)
    assert r.status == Status.ON_TRACK  # gap -0.10


def test_target_equal_to_baseline() -> None:
    flat_up = dataclasses.replace(UP, target_value=100.0)
    r = reading(flat_up, 100.0)
    assert (r.status, r.progress, r.gap) == (Status.ACHIEVED, None, None)
    assert reading(flat_up, 101.0).status == Status.ACHIEVED
    assert reading(flat_up, 99.0).status == Status.OFF_TRACK
    flat_down = dataclasses.replace(DOWN, target_value=200.0)
    assert reading(flat_down, 199.0).status == Status.ACHIEVED
    assert reading(flat_down, 201.0).status == Status.OFF_TRACK


def test_no_measurement_is_no_data_but_keeps_expected() -> None:
    r = status_at(UP, [], MID)
    assert (r.status, r.latest, r.progress, r.gap) == (Status.NO_DATA, None, None, None)
    assert r.expected == pytest.approx(150.0)
    # a measurement only after the date does not count
    r = status_at(UP, [Point(D(2024, 3, 1), 300.0)], MID)
    assert r.status == Status.NO_DATA
    assert r.latest is None


@pytest.mark.parametrize(
    "change",
    [
        {"baseline_value": None},
        {"baseline_date": None},
        {"target_value": None},
        {"target_date": None},
    ],
)
def test_incomplete_plan_is_no_data(change: dict[str, Any]) -> None:
    r = reading(dataclasses.replace(UP, **change), 150.0)
    assert r == StatusReading(Status.NO_DATA, Point(D(2024, 2, 1), 150.0), None, None, None)


def test_latest_measurement_is_the_last_period_on_or_before_the_date() -> None:
    points = [
        Point(D(2024, 2, 1), 150.0),
        Point(D(2024, 1, 1), 90.0),
        Point(D(2024, 3, 1), 10.0),  # after MID: ignored
    ]
    assert latest_on_or_before(points, MID) == Point(D(2024, 2, 1), 150.0)
    assert status_at(UP, points, MID).status == Status.ON_TRACK
    # on the day itself counts
    assert latest_on_or_before(points, D(2024, 3, 1)) == Point(D(2024, 3, 1), 10.0)
    # two values for one period: the later in the sequence wins
    twins = [Point(START, 1.0), Point(START, 2.0)]
    assert latest_on_or_before(twins, MID) == Point(START, 2.0)
    assert latest_on_or_before([], MID) is None


# --- status: range ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("v", "status", "gap"),
    [
        (50.0, Status.ON_TRACK, 0.0),
        (40.0, Status.ON_TRACK, 0.0),  # the limits are inside
        (60.0, Status.ON_TRACK, 0.0),
        (61.0, Status.AT_RISK, -0.05),  # 1 outside of a 20 wide range
        (62.0, Status.AT_RISK, -0.10),  # exactly tol x width outside
        (62.5, Status.OFF_TRACK, -0.125),
        (38.0, Status.AT_RISK, -0.10),
        (37.0, Status.OFF_TRACK, -0.15),
    ],
)
def test_status_range(v: float, status: Status, gap: float) -> None:
    r = reading(RANGE, v)
    assert r.status == status
    assert r.gap == pytest.approx(gap)
    assert (r.expected, r.progress) == (None, None)


def test_range_edge_cases() -> None:
    swapped = dataclasses.replace(RANGE, range_low=60.0, range_high=40.0)
    assert reading(swapped, 50.0).status == Status.ON_TRACK
    point = dataclasses.replace(RANGE, range_low=5.0, range_high=5.0)
    assert reading(point, 5.0).status == Status.ON_TRACK
    r = reading(point, 5.1)
    assert (r.status, r.gap) == (Status.OFF_TRACK, None)
    assert reading(dataclasses.replace(RANGE, range_high=None), 50.0).status == Status.NO_DATA
    assert status_at(RANGE, [], MID).status == Status.NO_DATA


def test_range_is_never_achieved() -> None:
    assert {reading(RANGE, float(v)).status for v in range(0, 100)} == {
        Status.ON_TRACK,
        Status.AT_RISK,
        Status.OFF_TRACK,
    }


# --- properties ---------------------------------------------------------------------------

values = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
days = st.integers(-400, 800)
tolerances = st.floats(0.0, 0.5)


@st.composite
def plans(draw: st.DrawFn, direction: Direction) -> KpiTarget:
    b, t = draw(values), draw(values)
    span = draw(st.integers(-30, 700))
    n_milestones = draw(st.integers(0, 3))
    milestones = tuple(
        Point(START + dt.timedelta(days=draw(st.integers(-50, 750))), draw(values))
        for _ in range(n_milestones)
    )
    return KpiTarget(
        direction,
        b,
        START,
        t,
        START + dt.timedelta(days=span),
        tolerance=draw(tolerances),
        milestones=milestones,
    )


@given(plans(Direction.INCREASE), days, values, values)
def test_raising_the_value_never_worsens_an_increasing_kpi(
    plan: KpiTarget, day: int, v1: float, v2: float
) -> None:
    low, high = sorted((v1, v2))
    d = START + dt.timedelta(days=day)
    worse = status_at(plan, [Point(START, low)], d).status
    better = status_at(plan, [Point(START, high)], d).status
    assert better.severity <= worse.severity


@given(plans(Direction.DECREASE), days, values, values)
def test_lowering_the_value_never_worsens_a_decreasing_kpi(
    plan: KpiTarget, day: int, v1: float, v2: float
) -> None:
    low, high = sorted((v1, v2))
    d = START + dt.timedelta(days=day)
    better = status_at(plan, [Point(START, low)], d).status
    worse = status_at(plan, [Point(START, high)], d).status
    assert better.severity <= worse.severity


@given(st.sampled_from([Direction.INCREASE, Direction.DECREASE]), values, values, days, days)
def test_expected_stays_between_baseline_and_target(
    direction: Direction, b: float, t: float, span: int, day: int
) -> None:
    plan = KpiTarget(direction, b, START, t, START + dt.timedelta(days=span))
    e = expected_at(plan, START + dt.timedelta(days=day))
    assert e is not None
    assert min(b, t) <= e <= max(b, t)


@given(plans(Direction.INCREASE), days)
def test_expected_with_milestones_stays_within_the_knots(plan: KpiTarget, day: int) -> None:
    e = expected_at(plan, START + dt.timedelta(days=day))
    assert plan.baseline_value is not None and plan.target_value is not None
    knots = [plan.baseline_value, plan.target_value, *(m.value for m in plan.milestones)]
    assert e is not None
    assert min(knots) - 1e-6 <= e <= max(knots) + 1e-6


@given(
    st.floats(-1e3, 1e3),
    st.floats(0.0, 1e3),
    tolerances,
    st.floats(0.0, 1e3),
    st.floats(0.0, 1e3),
    st.booleans(),
)
def test_moving_away_from_a_range_never_improves(
    lo: float, width: float, tol: float, d1: float, d2: float, above: bool
) -> None:
    assume(width > 0)
    target = KpiTarget(
        Direction.RANGE, None, None, None, None, tol, range_low=lo, range_high=lo + width
    )
    near, far = sorted((d1, d2))
    edge = lo + width if above else lo
    sign = 1.0 if above else -1.0
    s_near = reading(target, edge + sign * near).status
    s_far = reading(target, edge + sign * far).status
    assert s_near.severity <= s_far.severity
    assert s_near != Status.ACHIEVED

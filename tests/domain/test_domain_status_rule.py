"""StatusRule: one plan's status rule worked out once, for judging long series of values.

It must say exactly what ``status_at`` says, and its ``OnTrackTest`` (the numbers a database
query judges many values with) must mean what its description says, down to the last bit
of floating point.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from kpi_desktop.domain.status import OnTrackTest, StatusRule, expected_at, status_at
from kpi_desktop.domain.types import Direction, KpiTarget, Point, Status

D = dt.date
GOOD = (Status.ON_TRACK, Status.ACHIEVED)

days = st.dates(min_value=D(2023, 1, 1), max_value=D(2027, 12, 31))
amounts = st.sampled_from([0.0, 1.0, 10.0, 99.5, 100.0, 150.0, 200.0, 1e-9]) | st.floats(
    min_value=-500, max_value=500, allow_nan=False
)


@st.composite
def plans(draw: st.DrawFn) -> KpiTarget:
    direction = draw(st.sampled_from(list(Direction)))
    tolerance = draw(st.sampled_from([0.1, 0.05, 0.25, 1e-6]))
    if direction == Direction.RANGE:
        low, high = sorted(draw(st.lists(amounts, min_size=2, max_size=2, unique=True)))
        bounds = draw(st.sampled_from([(low, high), (None, high), (low, None)]))
        return KpiTarget(direction, None, None, None, None, tolerance, *bounds)
    milestones = tuple(
        Point(d, v)
        for d, v in draw(st.dictionaries(days, amounts, max_size=4)).items()  # distinct dates
    )
    return KpiTarget(
        direction,
        draw(amounts | st.none()),
        draw(days),
        draw(amounts),
        draw(days | st.none()),
        tolerance,
        milestones=milestones,
    )


def passes(test: OnTrackTest, value: float, day: dt.date) -> bool:
    """``OnTrackTest`` read as its description says (what the SQL does)."""
    if test.direction == Direction.RANGE:
        return test.low <= value <= test.high
    higher = test.direction == Direction.INCREASE
    if (value >= test.target) if higher else (value <= test.target):
        return True
    if test.span == 0:
        return False
    xs = [x for x, _ in test.knots]
    ys = [y for _, y in test.knots]
    x = day.toordinal()
    if len(xs) == 1 or x <= xs[0]:
        expected = ys[0]
    elif x >= xs[-1]:
        expected = ys[-1]
    else:
        i = next(i for i in range(1, len(xs)) if x < xs[i])
        x0, y0, x1, y1 = xs[i - 1], ys[i - 1], xs[i], ys[i]
        expected = y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    gap = (value - expected) / test.span
    return (gap if higher else -gap) >= test.floor


@st.composite
def judged_values(draw: st.DrawFn, plan: KpiTarget) -> tuple[float, dt.date]:
    """A date and a value, often right at the edge of on track at that date."""
    day = draw(days)
    value = draw(amounts)
    expected = expected_at(plan, day)
    if expected is not None and plan.baseline_value is not None and draw(st.booleans()):
        span = abs(float(plan.target_value or 0.0) - plan.baseline_value)
        sign = 1.0 if plan.direction == Direction.INCREASE else -1.0
        share = draw(st.sampled_from([1.0, 1.0 + 1e-8, 1.0 - 1e-8, 2.0, 0.0]))
        value = expected - sign * plan.tolerance * span * share
    return value, day


@given(st.data())
def test_the_rule_says_what_status_at_says(data: st.DataObject) -> None:
    plan = data.draw(plans())
    rule = StatusRule(plan)
    for _ in range(5):
        value, day = data.draw(judged_values(plan))
        latest = Point(day - dt.timedelta(days=3), value)
        assert rule.reading(latest, day) == status_at(plan, [latest], day)
        assert rule.status(latest, day) == status_at(plan, [latest], day).status
        assert rule.expected(day) == expected_at(plan, day)


@given(st.data())
def test_the_on_track_test_means_what_it_says(data: st.DataObject) -> None:
    plan = data.draw(plans())
    rule = StatusRule(plan)
    test = rule.on_track_test()
    for _ in range(5):
        value, day = data.draw(judged_values(plan))
        good = rule.status(Point(day, value), day) in GOOD
        if test is None:
            assert not good  # an incomplete plan: nothing is on track
        else:
            assert passes(test, value, day) == good


def test_an_on_track_test_per_kind_of_plan() -> None:
    up = KpiTarget(Direction.INCREASE, 100.0, D(2025, 1, 1), 200.0, D(2026, 1, 1))
    test = StatusRule(up).on_track_test()
    assert test is not None
    assert test.knots == ((D(2025, 1, 1).toordinal(), 100.0), (D(2026, 1, 1).toordinal(), 200.0))
    assert (test.target, test.span) == (200.0, 100.0) and -0.1 > test.floor > -0.1001
    flat = KpiTarget(Direction.DECREASE, 5.0, D(2025, 1, 1), 4.0, D(2024, 1, 1))
    assert StatusRule(flat).on_track_test().knots == ((0, 4.0),)  # type: ignore[union-attr]
    band = KpiTarget(Direction.RANGE, None, None, None, None, range_low=4.0, range_high=2.0)
    assert StatusRule(band).on_track_test() == OnTrackTest(Direction.RANGE, low=2.0, high=4.0)
    assert StatusRule(KpiTarget(Direction.INCREASE, 1.0, None, 2.0, None)).on_track_test() is None

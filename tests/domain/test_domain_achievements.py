"""Achievements derived from values and the plan: targets, milestones, streaks, best values."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from kpi_desktop.domain.achievements import (
    MIN_STREAK,
    Achievement,
    AchievementKind,
    Streak,
    achievements_since,
    assemble,
    best_achievement,
    best_value,
    counted_milestones,
    describe_streaks,
    kpi_achievements,
    milestone_achievement,
    milestones_hit,
    new_achievements,
    news_from,
    on_track_flags,
    plan_start,
    reaches,
    streak_achievements,
    streak_runs,
    streaks,
    target_achievement,
    target_reached,
)
from kpi_desktop.domain.types import Direction, Frequency, KpiTarget, Point

D = dt.date
M = Frequency.MONTHLY
K = AchievementKind


def months(first: dt.date, values: list[float]) -> list[Point]:
    out, y, m = [], first.year, first.month
    for v in values:
        out.append(Point(D(y, m, 1), v))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# From 100 on 1 Jan 2025 to 200 on 1 Jan 2026, milestones 125 (Apr), 150 (Jul), 175 (Oct).
PLAN = KpiTarget(
    Direction.INCREASE,
    100.0,
    D(2025, 1, 1),
    200.0,
    D(2026, 1, 1),
    milestones=(
        Point(D(2025, 4, 1), 125.0),
        Point(D(2025, 7, 1), 150.0),
        Point(D(2025, 10, 1), 175.0),
    ),
)


def fmt(v: float) -> str:
    return f"€{v:,.0f}"


def test_target_reached_is_the_first_period_at_or_over_the_target() -> None:
    points = months(D(2025, 1, 1), [100, 120, 150, 170, 199, 200, 230, 190])
    got = target_reached("Revenue", PLAN, points, M, fmt)
    assert got == Achievement(
        K.TARGET, "Revenue", D(2025, 6, 1), "Target reached: €200 in Jun 2025 (target €200)", 200
    )
    assert target_reached("Revenue", PLAN, points[:5], M, fmt) is None


def test_target_values_before_the_plan_do_not_count() -> None:
    history = [Point(D(2024, 6, 1), 250.0)]  # a peak before the baseline date
    assert target_reached("R", PLAN, history, M) is None
    later = [*history, Point(D(2025, 3, 1), 201.0)]
    reached = target_reached("R", PLAN, later, M)
    assert reached is not None and reached.date == D(2025, 3, 1)


def test_target_reached_downwards_and_not_for_ranges() -> None:
    wait = KpiTarget(Direction.DECREASE, 6.5, D(2025, 1, 1), 4.5, D(2026, 1, 1))
    points = months(D(2025, 1, 1), [6.4, 5.0, 4.6, 4.5, 4.9])
    reached = target_reached("Wait", wait, points, M)
    assert reached is not None and reached.date == D(2025, 4, 1)
    band = KpiTarget(Direction.RANGE, None, None, None, None, range_low=2.0, range_high=4.0)
    assert target_reached("Waste", band, points, M) is None
    assert milestones_hit("Waste", band, points, M) == []
    assert best_value("Waste", band, points, M) is None


def test_milestones_are_judged_on_their_own_period() -> None:
    # Apr 130 >= 125 hit; Jul 149 < 150 missed (Aug's 160 does not count); Oct 180 hit
    values = [100, 110, 120, 130, 135, 140, 149, 160, 170, 180]
    got = milestones_hit("Revenue", PLAN, months(D(2025, 1, 1), values), M, fmt)
    assert [(a.date, a.text) for a in got] == [
        (D(2025, 4, 1), "Milestone hit: €130 in Apr 2025 (milestone €125)"),
        (D(2025, 10, 1), "Milestone hit: €180 in Oct 2025 (milestone €175)"),
    ]
    # a milestone whose period has no value is not hit (yet)
    assert milestones_hit("R", PLAN, months(D(2025, 1, 1), [100, 200]), M) == []


def test_milestones_of_a_quarterly_kpi_use_the_quarter_containing_them() -> None:
    plan = KpiTarget(
        Direction.INCREASE,
        10.0,
        D(2025, 1, 1),
        50.0,
        D(2026, 12, 31),
        milestones=(Point(D(2025, 8, 15), 20.0),),
    )
    points = [Point(D(2025, 7, 1), 21.0)]  # Q3 2025
    got = milestones_hit("Q", plan, points, Frequency.QUARTERLY)
    assert len(got) == 1 and "Q3 2025" in got[0].text


def test_milestones_outside_the_plan_are_ignored() -> None:
    plan = KpiTarget(
        Direction.INCREASE,
        100.0,
        D(2025, 1, 1),
        200.0,
        D(2025, 12, 1),
        milestones=(Point(D(2025, 1, 1), 90.0), Point(D(2025, 12, 1), 10.0)),
    )
    assert milestones_hit("R", plan, months(D(2025, 1, 1), [300] * 12), M) == []


def test_streaks_judged_when_each_value_became_due() -> None:
    # Expected on the day after each month: Feb 1 -> 108.5, Mar 1 -> 116.2 ...
    # on track means value >= expected - 10 (10% of the 100 to cover)
    values = [105, 100, 120, 128, 136, 144, 60, 170, 180, 190]
    flags = [good for _, good in on_track_flags(PLAN, months(D(2025, 1, 1), values), M)]
    assert flags == [True, False, True, True, True, True, False, True, True, True]
    found = streaks(PLAN, months(D(2025, 1, 1), values), M)
    assert found.longest == Streak(D(2025, 3, 1), D(2025, 6, 1), 4)
    assert found.current == Streak(D(2025, 8, 1), D(2025, 10, 1), 3)


def test_a_missing_period_breaks_a_streak() -> None:
    points = [p for p in months(D(2025, 1, 1), [230] * 8) if p.period != D(2025, 4, 1)]
    found = streaks(PLAN, points, M)
    assert found.longest == Streak(D(2025, 5, 1), D(2025, 8, 1), 4)
    assert found.current == found.longest


def test_streak_achievements_longest_and_current() -> None:
    values = [105, 100, 120, 128, 136, 144, 60, 170, 180, 190]
    got = streak_achievements("Revenue", PLAN, months(D(2025, 1, 1), values), M)
    assert [(a.date, a.text) for a in got] == [
        (D(2025, 6, 1), "Longest streak: on track 4 months in a row (Mar to Jun 2025)"),
        (D(2025, 10, 1), "On track 3 months in a row and counting (Aug to Oct 2025)"),
    ]
    record = streak_achievements("Revenue", PLAN, months(D(2025, 1, 1), [150] * 5), M)
    assert [a.text for a in record] == [
        "On track 5 months in a row and counting (Jan to May 2025): a record"
    ]
    short = months(D(2025, 1, 1), [150] * (MIN_STREAK - 1))
    assert streak_achievements("Revenue", PLAN, short, M) == []


def test_streaks_count_from_the_baseline_date() -> None:
    before = months(D(2024, 1, 1), [100] * 12)  # on track against the flat baseline: ignored
    found = streaks(PLAN, [*before, *months(D(2025, 1, 1), [150, 150])], M)
    assert found.longest == Streak(D(2025, 1, 1), D(2025, 2, 1), 2)


def test_range_kpis_have_streaks_inside_the_range() -> None:
    band = KpiTarget(Direction.RANGE, None, None, None, None, range_low=2.0, range_high=4.0)
    points = months(D(2025, 1, 1), [3.0, 3.5, 5.0, 3.1, 2.5, 3.9])
    found = streaks(band, points, M)
    assert found.longest == Streak(D(2025, 4, 1), D(2025, 6, 1), 3)


def test_best_value_in_the_good_direction_first_on_a_tie() -> None:
    points = months(D(2025, 1, 1), [100, 140, 120, 140])
    best = best_value("Revenue", PLAN, points, M, fmt)
    assert best == Achievement(
        K.BEST, "Revenue", D(2025, 2, 1), "Best month yet: €140 in Feb 2025", 140
    )
    wait = KpiTarget(Direction.DECREASE, 6.5, D(2025, 1, 1), 4.5, D(2026, 1, 1))
    low = best_value("Wait", wait, months(D(2025, 1, 1), [6.0, 5.1, 5.5]), M)
    assert low is not None and low.value == 5.1
    assert best_value("Revenue", PLAN, points[:2], M) is None  # too few values to brag


def test_kpi_achievements_and_kinds() -> None:
    values = [100, 120, 150, 170, 199, 200, 230, 190, 185, 210]
    points = months(D(2025, 1, 1), values)
    everything = kpi_achievements("Revenue", PLAN, points, M, fmt)
    assert [a.date for a in everything] == sorted(a.date for a in everything)
    assert {a.kind for a in everything} == set(AchievementKind)
    only = kpi_achievements("Revenue", PLAN, points, M, fmt, kinds=(K.TARGET, K.MILESTONE))
    assert {a.kind for a in only} == {K.TARGET, K.MILESTONE}
    assert kpi_achievements("Revenue", PLAN, [], M) == []


def test_achievements_since_and_new_ones() -> None:
    a = Achievement(K.MILESTONE, "A", D(2025, 4, 1), "m")
    b = Achievement(K.TARGET, "B", D(2025, 6, 1), "t")
    c = Achievement(K.BEST, "B", D(2025, 6, 1), "b")
    assert achievements_since([a, c, b]) == [b, c, a]  # newest first, then by kind
    assert achievements_since([a, b, c], D(2025, 5, 1)) == [b, c]
    assert achievements_since([a, b, c], D(2025, 7, 1)) == []
    assert new_achievements([a], [a, b]) == [b]
    # the same achievement with new words (a value corrected) is not new
    assert new_achievements([b], [Achievement(K.TARGET, "B", D(2025, 6, 1), "other")]) == []


# -- properties -----------------------------------------------------------------------------

values = st.lists(st.floats(min_value=0, max_value=400, allow_nan=False), max_size=30)


@given(values)
def test_longest_streak_is_the_longest_run_of_on_track_flags(vals: list[float]) -> None:
    points = months(D(2025, 1, 1), vals)
    flags = [good for _, good in on_track_flags(PLAN, points, M)]
    best = run = 0
    for good in flags:
        run = run + 1 if good else 0
        best = max(best, run)
    found = streaks(PLAN, points, M)
    assert (found.longest.length if found.longest else 0) == best
    assert (found.current.length if found.current else 0) == run
    if found.current is not None:
        assert found.current.last == points[-1].period


@given(values)
def test_target_reached_is_the_first_value_at_target(vals: list[float]) -> None:
    points = months(D(2025, 1, 1), vals)
    got = target_reached("R", PLAN, points, M)
    first = next((p for p in points if p.value >= 200), None)
    assert (got.date if got else None) == (first.period if first else None)
    # later values never take the achievement away
    more = [*points, *months(D(2027, 1, 1), [0.0, 1.0])]
    again = target_reached("R", PLAN, more, M)
    assert (again.date if again else None) == (got.date if got else None)


@given(values)
def test_best_value_is_the_maximum(vals: list[float]) -> None:
    points = months(D(2025, 1, 1), vals)
    best = best_value("R", PLAN, points, M)
    if len(points) < 3:
        assert best is None
    else:
        assert best is not None and best.value == max(vals)
        assert all(p.value < best.value for p in points if p.period < best.date)


# -- the pieces a database reader builds achievements from ----------------------------------

flag_rows = st.text(alphabet="01", max_size=60)


@given(flag_rows, st.integers(min_value=-5, max_value=5))
def test_runs_of_a_row_without_gaps_found_with_strings_as_with_indices(
    flags: str, first: int
) -> None:
    indices = list(range(first, first + len(flags)))
    assert streak_runs(flags) == streak_runs(flags, indices)


def test_runs_break_at_a_missing_period() -> None:
    # positions 0-2 at indices 10-12, then index 14 (13 missing), 15, 16
    assert streak_runs("111111", [10, 11, 12, 14, 15, 16]) == ((0, 3), (3, 3))
    assert streak_runs("110111", [1, 2, 3, 4, 5, 6]) == ((3, 3), (3, 3))
    assert streak_runs("1101", [1, 2, 3, 4]) == ((0, 2), (3, 1))
    assert streak_runs("1110", None) == ((0, 3), None)
    assert streak_runs("", None) == (None, None)
    assert streak_runs("000", None) == (None, None)
    # two values filed in one period (a frequency changed later): the second starts anew
    assert streak_runs("111", [7, 7, 8]) == ((1, 2), (1, 2))


def test_the_builders_say_what_the_rules_say() -> None:
    values = [100, 120, 150, 170, 199, 200, 230, 190, 185, 210]
    points = months(D(2025, 1, 1), values)
    found = kpi_achievements("Revenue", PLAN, points, M, fmt)
    first = next(p for p in points if p.value >= 200)
    assert target_achievement("Revenue", PLAN, first, M, fmt) in found
    assert best_achievement("Revenue", points[6], M, fmt) in found
    hit = milestone_achievement("Revenue", points[9], PLAN.milestones[2], M, fmt)
    assert hit.text == "Milestone hit: €210 in Oct 2025 (milestone €175)"
    assert describe_streaks("Revenue", streaks(PLAN, points, M), M) == [
        a for a in found if a.kind == K.STREAK
    ]
    assert assemble(None, [], [], None) == []
    assert counted_milestones(PLAN) == list(PLAN.milestones)
    assert plan_start(PLAN, Frequency.QUARTERLY) == D(2025, 1, 1)
    assert reaches(5.0, 5.0, Direction.DECREASE) and not reaches(5.1, 5.0, Direction.DECREASE)


def test_news_are_the_latest_three_complete_periods() -> None:
    assert news_from(D(2026, 11, 15), M) == D(2026, 8, 1)
    assert news_from(D(2026, 11, 15), Frequency.DAILY) == D(2026, 11, 12)
    assert news_from(D(2026, 11, 15), Frequency.QUARTERLY) == D(2026, 1, 1)

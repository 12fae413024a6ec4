"""Goal roll-up: worst-of badge and weighted score."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_desktop.domain.rollup import Rollup, RollupItem, kpi_score, roll_up, roll_up_items
from kpi_desktop.domain.types import Status

S = Status


def test_kpi_scores() -> None:
    assert [kpi_score(s) for s in S] == [100.0, 100.0, 50.0, 0.0, None]


def test_worst_of_and_weighted_score_by_hand() -> None:
    # (2 x 100 + 1 x 50 + 1 x 0) / 4 = 62.5; worst is off track
    assert roll_up([(S.ON_TRACK, 2), (S.AT_RISK, 1), (S.OFF_TRACK, 1)]) == Rollup(S.OFF_TRACK, 62.5)
    # (1 x 100 + 3 x 50) / 4 = 62.5
    assert roll_up([(S.ACHIEVED, 1), (S.AT_RISK, 3)]) == Rollup(S.AT_RISK, 62.5)
    assert roll_up([(S.ACHIEVED, 1), (S.ACHIEVED, 2)]) == Rollup(S.ACHIEVED, 100.0)
    assert roll_up([(S.ACHIEVED, 1), (S.ON_TRACK, 2)]) == Rollup(S.ON_TRACK, 100.0)


def test_no_data_children() -> None:
    assert roll_up([]) == Rollup(S.NO_DATA, None)
    assert roll_up([(S.NO_DATA, 1), (S.NO_DATA, 3)]) == Rollup(S.NO_DATA, None)
    # no-data children neither set the badge nor count in the score
    assert roll_up([(S.ON_TRACK, 1), (S.NO_DATA, 5)]) == Rollup(S.ON_TRACK, 100.0)
    assert roll_up([(S.AT_RISK, 1), (S.NO_DATA, 5)]) == Rollup(S.AT_RISK, 50.0)


def test_zero_weight_counts_for_the_badge_only() -> None:
    assert roll_up([(S.ON_TRACK, 1), (S.OFF_TRACK, 0)]) == Rollup(S.OFF_TRACK, 100.0)
    assert roll_up([(S.OFF_TRACK, 0)]) == Rollup(S.OFF_TRACK, None)
    assert roll_up([(S.ON_TRACK, 1), (S.OFF_TRACK, -2)]).score == 100.0


def test_sub_goals_nest() -> None:
    # sub-goal: on track (1) + off track (1) -> off track, 50
    sub = roll_up([(S.ON_TRACK, 1), (S.OFF_TRACK, 1)])
    assert sub == Rollup(S.OFF_TRACK, 50.0)
    # parent: its KPI at risk (weight 1, score 50) + the sub-goal (weight 3, score 50)
    parent = roll_up_items([RollupItem(S.AT_RISK, 50.0, 1), sub.as_item(3)])
    assert parent == Rollup(S.OFF_TRACK, 50.0)
    # an empty sub-goal has no data and does not change the parent
    empty = roll_up([])
    assert roll_up_items([RollupItem(S.ON_TRACK, 100.0), empty.as_item()]) == Rollup(
        S.ON_TRACK, 100.0
    )
    # a sub-goal's score is its own weighted mean, not re-derived from its badge
    assert roll_up_items([RollupItem(S.AT_RISK, 80.0, 1), RollupItem(S.ON_TRACK, 100.0, 1)]) == (
        Rollup(S.AT_RISK, 90.0)
    )


statuses = st.sampled_from(list(Status))
children = st.lists(st.tuples(statuses, st.floats(0, 10)), max_size=12)


@given(children)
def test_badge_is_the_worst_judged_child(kids: list[tuple[Status, float]]) -> None:
    r = roll_up(kids)
    judged = [s for s, _ in kids if s != S.NO_DATA]
    if not judged:
        assert r.status == S.NO_DATA
    else:
        assert r.status in judged
        assert all(s.severity <= r.status.severity for s in judged)


@given(children)
def test_score_is_a_weighted_mean_in_range(kids: list[tuple[Status, float]]) -> None:
    r = roll_up(kids)
    scored = [(sc, w) for s, w in kids if (sc := kpi_score(s)) is not None and w > 0]
    if not scored:
        assert r.score is None
        return
    assert r.score is not None
    assert min(s for s, _ in scored) - 1e-9 <= r.score <= max(s for s, _ in scored) + 1e-9


@given(children, statuses, st.floats(0, 10))
def test_adding_a_worse_child_never_improves_the_badge(
    kids: list[tuple[Status, float]], extra: Status, weight: float
) -> None:
    before = roll_up(kids).status
    after = roll_up([*kids, (extra, weight)]).status
    if before != S.NO_DATA and extra != S.NO_DATA:
        assert after.severity >= before.severity


@pytest.mark.parametrize("status", list(Status))
def test_single_child_passes_through(status: Status) -> None:
    assert roll_up([(status, 1.0)]) == Rollup(status, kpi_score(status))

"""Target sizing and milestone spreading: hand-checked cases and properties."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi_desktop.domain.periods import add_periods
from kpi_desktop.domain.types import Direction, Frequency, Point
from kpi_desktop.domain.variation.sizing import (
    SizingResult,
    Suggestions,
    seasonal_shape,
    size_target,
    spread_milestones,
    verdict_for,
)

D = dt.date
M = Frequency.MONTHLY
UP, DOWN, RANGE = Direction.INCREASE, Direction.DECREASE, Direction.RANGE

# Jan..Jun 2024: 10 12 11 13 12 14
HAND = [Point(D(2024, m, 1), v) for m, v in zip(range(1, 7), [10, 12, 11, 13, 12, 14], strict=True)]
AS_OF = D(2024, 6, 30)
TARGET_DATE = D(2024, 12, 15)  # December: period index 5 months after June
# By hand:
#   mean 72 / 6 = 12; moving ranges 2 1 2 1 2 -> 1.6, so limits are 2.66 x 1.6 = 4.256 wide
#   x 0..5 (x_mean 2.5, Sxx 17.5), Sxy = 5 + 0 + 0.5 + 0.5 + 0 + 5 = 11 -> slope 11/17.5 = 0.628571
#   forecast at x = 11: 12 + 0.628571 x 8.5 = 17.342857
#   residuals -0.428571 0.942857 -0.685714 0.685714 -0.942857 0.428571: SSE 3.085714,
#   s = sqrt(3.085714 / 4) = 0.878310; widened at x = 11: s x sqrt(1 + 1/6 + 8.5^2/17.5)
#   = 0.878310 x 2.301138 = 2.021113
#   a steady trend: R^2 = 1 - 3.085714 / 10 = 0.69 >= 0.6, and the line beats the best split
#   into two levels (10 12 11 | 13 12 14: SSE 2 + 2 = 4); so the limits run around the line:
#   baseline = its value in June (x = 5): 12 + 0.628571 x 2.5 = 13.571429, limits
#   13.571429 -/+ 4.256 = 9.315429, 17.827429
FORECAST = 17.342857
SD = 2.021113


def hand(direction: Direction = UP, target: float | None = None) -> SizingResult:
    return size_target(HAND, M, direction, TARGET_DATE, AS_OF, target)


def test_sizing_by_hand() -> None:
    r = hand()
    assert r.n_values == 6 and r.enough_history
    assert r.mean == pytest.approx(12.0)
    assert (r.stretch_kind, r.stretch_start) == ("trend", D(2024, 1, 1))
    assert r.baseline == pytest.approx(13.571429, abs=1e-6)
    assert r.lower_limit == pytest.approx(9.315429, abs=1e-6)
    assert r.upper_limit == pytest.approx(17.827429, abs=1e-6)
    assert r.trend_per_period == pytest.approx(0.628571, abs=1e-6)
    assert r.forecast == pytest.approx(FORECAST, abs=1e-6)
    assert r.forecast_sd == pytest.approx(SD, abs=1e-6)
    assert (r.target, r.attainability, r.verdict, r.verdict_text) == (None, None, None, None)
    # stretch = forecast + 0.430727 sd; ambitious = forecast + 1.281552 sd
    assert r.suggestions == Suggestions(
        pytest.approx(FORECAST, abs=1e-6),  # type: ignore[arg-type]
        pytest.approx(FORECAST + 0.430727 * SD, abs=1e-5),  # type: ignore[arg-type]
        pytest.approx(FORECAST + 1.281552 * SD, abs=1e-5),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("target", "chance", "verdict", "text"),
    [
        # z = (15 - 17.342857) / 2.021113 = -1.159188 -> P(Z >= z) = 0.8768
        (15.0, 0.8768, "too_easy", "too easy"),
        # z = 0.657143 / 2.021113 = 0.325139 -> 0.3725
        (18.0, 0.3725, "attainable", "challenging but attainable"),
        # z = 2.657143 / 2.021113 = 1.314694 -> 0.0943
        (20.0, 0.0943, "step_change", "needs a step change in how you work"),
    ],
)
def test_attainability_by_hand(target: float, chance: float, verdict: str, text: str) -> None:
    r = hand(target=target)
    assert r.attainability == pytest.approx(chance, abs=1e-4)
    assert (r.target, r.verdict, r.verdict_text) == (target, verdict, text)


def test_decreasing_kpi_mirrors() -> None:
    r = hand(DOWN, target=15.0)
    # P(value <= 15) = Phi(-1.159188) = 0.1232
    assert r.attainability == pytest.approx(0.1232, abs=1e-4)
    assert r.verdict == "step_change"
    assert r.suggestions is not None
    assert r.suggestions.stretch == pytest.approx(FORECAST - 0.430727 * SD, abs=1e-5)
    assert r.suggestions.ambitious < r.suggestions.stretch < r.suggestions.business_as_usual


def test_range_kpi_has_no_suggestions() -> None:
    r = hand(RANGE, target=15.0)
    assert r.forecast == pytest.approx(FORECAST, abs=1e-6)
    assert r.lower_limit == pytest.approx(9.315429, abs=1e-6)
    assert (r.suggestions, r.attainability, r.verdict) == (None, None, None)
    assert r.attainability_for(15.0) is None


def test_verdict_thresholds() -> None:
    assert verdict_for(None) is None
    assert verdict_for(1.0) == verdict_for(0.8) == "too_easy"
    assert verdict_for(0.7999) == verdict_for(0.2) == "attainable"
    assert verdict_for(0.1999) == verdict_for(0.0) == "step_change"


def test_suggestions_have_the_documented_chances() -> None:
    r = hand()
    assert r.suggestions is not None
    assert r.attainability_for(r.suggestions.business_as_usual) == pytest.approx(0.5)
    assert r.attainability_for(r.suggestions.stretch) == pytest.approx(1 / 3)
    assert r.attainability_for(r.suggestions.ambitious) == pytest.approx(0.1)
    assert verdict_for(r.attainability_for(r.suggestions.stretch)) == "attainable"
    assert verdict_for(r.attainability_for(r.suggestions.ambitious)) == "step_change"


def test_sizing_reads_the_latest_stretch_only() -> None:
    months = [add_periods(D(2023, 1, 1), M, k) for k in range(14)]
    # six at 10 then eight at 20: the eight 20s are a run of 8 above the mean of 15.7,
    # so a new stretch starts at the first 20 and everything reads from it
    shifted = [Point(d, 10.0 if k < 6 else 20.0) for k, d in enumerate(months)]
    r = size_target(shifted, M, UP, D(2024, 6, 1), D(2024, 12, 31))
    assert r.mean == r.baseline == r.lower_limit == r.upper_limit == pytest.approx(20.0)
    assert (r.stretch_start, r.n_values, r.stretch_kind) == (months[6], 8, "level")
    # seven 20s: not a run of 8, but six in a row far beyond the upper limit of the
    # whole (15.4 + 2.66 x 0.83): a sustained move, a new stretch of seven values
    r = size_target(shifted[:13], M, UP, D(2024, 6, 1), D(2024, 12, 31))
    assert (r.stretch_start, r.n_values, r.baseline) == (months[6], 7, 20.0)
    # five 20s: not yet a shift, the mean of all eleven values
    r = size_target(shifted[:11], M, UP, D(2024, 6, 1), D(2024, 12, 31))
    assert (r.stretch_start, r.n_values) == (months[0], 11)
    assert r.baseline == r.mean == pytest.approx(160 / 11)


def test_window_is_the_last_24_values_on_or_before_as_of() -> None:
    points = [Point(add_periods(D(2020, 1, 1), M, k), float(k)) for k in range(40)]
    # as of 2022-06-30: values 0..29 are on or before it; the window is 6..29, mean 17.5
    r = size_target(points, M, UP, D(2023, 1, 1), D(2022, 6, 30))
    assert r.n_values == 24
    assert r.mean == pytest.approx(17.5)
    assert r.trend_per_period == pytest.approx(1.0)
    # forecast at Jan 2023 = value 36 on this exact line
    assert r.forecast == pytest.approx(36.0)
    assert r.forecast_sd == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize(
    ("n", "limits", "trend", "enough"),
    [
        (0, False, False, False),
        (1, False, False, False),
        (2, True, False, False),
        (3, True, True, False),
        (4, True, True, False),
        (5, True, True, True),
    ],
)
def test_short_history_never_raises(n: int, limits: bool, trend: bool, enough: bool) -> None:
    r = size_target(HAND[:n], M, UP, TARGET_DATE, AS_OF, target=15.0)
    assert r.n_values == n
    assert r.enough_history is enough
    assert (r.mean is not None, r.baseline is not None) == (n >= 1, n >= 1)
    assert (r.lower_limit is not None, r.upper_limit is not None) == (limits, limits)
    assert (r.trend_per_period is not None, r.forecast is not None) == (trend, trend)
    assert (r.suggestions is not None, r.attainability is not None) == (trend, trend)
    assert (r.verdict is not None) == trend


def test_flat_history_has_no_spread() -> None:
    flat = [dataclasses.replace(p, value=5.0) for p in HAND]
    r = size_target(flat, M, UP, TARGET_DATE, AS_OF, target=5.0)
    assert (r.forecast, r.forecast_sd, r.attainability) == (5.0, 0.0, 1.0)
    assert r.suggestions == Suggestions(5.0, 5.0, 5.0)
    assert r.attainability_for(5.1) == 0.0
    down = size_target(flat, M, DOWN, TARGET_DATE, AS_OF, target=5.0)
    assert down.attainability == 1.0 and down.attainability_for(4.9) == 0.0


# --- milestones ---------------------------------------------------------------------------


def test_even_milestones_by_hand() -> None:
    # Jan 15 start, July 31 target: Feb..Jul, 6 steps of (160 - 100) / 6 = 10
    ms = spread_milestones(100.0, 160.0, D(2024, 1, 15), D(2024, 7, 31), M)
    assert [m.period for m in ms] == [D(2024, m, 1) for m in range(2, 8)]
    assert [m.value for m in ms] == pytest.approx([110, 120, 130, 140, 150, 160])
    assert ms[-1].value == 160.0


def test_even_milestones_quarterly_and_decreasing() -> None:
    ms = spread_milestones(50.0, 20.0, D(2024, 2, 1), D(2024, 12, 31), Frequency.QUARTERLY)
    assert ms == [
        Point(D(2024, 4, 1), 40.0),
        Point(D(2024, 7, 1), 30.0),
        Point(D(2024, 10, 1), 20.0),
    ]


def test_milestone_edge_cases() -> None:
    assert spread_milestones(1.0, 2.0, D(2024, 7, 3), D(2024, 7, 20), M) == [
        Point(D(2024, 7, 1), 2.0)
    ]
    with pytest.raises(ValueError, match="before the start"):
        spread_milestones(1.0, 2.0, D(2024, 7, 3), D(2024, 6, 20), M)
    with pytest.raises(ValueError, match="shape"):
        spread_milestones(1.0, 2.0, D(2024, 1, 1), D(2024, 6, 1), M, shape="wavy")  # type: ignore[arg-type]


def _history(pattern: dict[int, float], level: float) -> list[Point]:
    return [Point(D(2023, m, 1), level + pattern.get(m, 0.0)) for m in range(1, 13)]


# Jan and Dec 10 above, Jun and Jul 10 below a flat 100: the least-squares line is flat
# (the pattern is symmetric), so the shares are Jan/Dec +0.1, Jun/Jul -0.1, others 0.
PATTERN = {1: 10.0, 12: 10.0, 6: -10.0, 7: -10.0}


def test_seasonal_shape_by_hand() -> None:
    shape = seasonal_shape(_history(PATTERN, 100.0), M)
    assert shape is not None and shape.relative
    assert shape.deviations == pytest.approx({m: PATTERN.get(m, 0.0) / 100 for m in range(1, 13)})


def test_seasonal_milestones_by_hand() -> None:
    # Target 132 in December, a +10 % month: the underlying level must reach 132 / 1.1 = 120.
    # Level k = 100 + 20 k / 12; Jan: 101.667 x 1.1 = 111.833; Mar: 105; Jun: 110 x 0.9 = 99;
    # Jul: 111.667 x 0.9 = 100.5; Dec: 132.
    ms = spread_milestones(
        100.0, 132.0, D(2023, 12, 1), D(2024, 12, 1), M, "seasonal", _history(PATTERN, 100.0)
    )
    by_month = {m.period.month: m.value for m in ms}
    assert len(ms) == 12 and ms[0].period == D(2024, 1, 1)
    assert by_month[1] == pytest.approx(111.8333, abs=1e-4)
    assert by_month[3] == pytest.approx(105.0)
    assert by_month[6] == pytest.approx(99.0)
    assert by_month[7] == pytest.approx(100.5)
    assert by_month[12] == 132.0


def test_seasonal_milestones_with_amounts_when_values_touch_zero() -> None:
    # Around a flat 0 the shape is in amounts: Jan/Dec +10, Jun/Jul -10. Target 25 in
    # December: the level reaches 25 - 10 = 15; level k = 15 k / 12.
    # Jan: 1.25 + 10 = 11.25; Jun: 7.5 - 10 = -2.5; Dec: 25.
    history = _history(PATTERN, 0.0)
    shape = seasonal_shape(history, M)
    assert shape is not None and not shape.relative
    ms = spread_milestones(0.0, 25.0, D(2023, 12, 1), D(2024, 12, 1), M, "seasonal", history)
    by_month = {m.period.month: m.value for m in ms}
    assert by_month[1] == pytest.approx(11.25)
    assert by_month[6] == pytest.approx(-2.5)
    assert by_month[12] == 25.0


def test_seasonal_falls_back_to_even() -> None:
    even = spread_milestones(100.0, 160.0, D(2024, 1, 15), D(2024, 7, 31), M)
    short = _history(PATTERN, 100.0)[:2]  # under 3 values in the last year
    for history in (None, [], short):
        got = spread_milestones(
            100.0, 160.0, D(2024, 1, 15), D(2024, 7, 31), M, "seasonal", history
        )
        assert got == even
    weekly = spread_milestones(
        1.0, 9.0, D(2024, 1, 1), D(2024, 2, 26), Frequency.WEEKLY, "seasonal", _history({}, 5.0)
    )
    assert weekly == spread_milestones(1.0, 9.0, D(2024, 1, 1), D(2024, 2, 26), Frequency.WEEKLY)
    assert seasonal_shape(_history(PATTERN, 100.0), Frequency.DAILY) is None


def test_seasonal_shape_uses_only_the_last_year() -> None:
    old = [Point(D(2021, m, 1), 1000.0 * m) for m in range(1, 13)]  # wild, two years back
    shape = seasonal_shape(old + _history(PATTERN, 100.0), M)
    assert shape is not None
    assert shape.deviations[1] == pytest.approx(0.1)
    # a missing month in last year has no deviation
    partial = [p for p in _history(PATTERN, 100.0) if p.period.month != 3]
    shape = seasonal_shape(partial, M)
    assert shape is not None and 3 not in shape.deviations
    assert shape.apply(50.0, 3) == 50.0


# --- properties ---------------------------------------------------------------------------

histories = st.lists(st.floats(-1e4, 1e4, allow_nan=False), min_size=0, max_size=30)


def _points(values: list[float]) -> list[Point]:
    return [Point(add_periods(D(2022, 1, 1), M, k), v) for k, v in enumerate(values)]


@settings(max_examples=60)
@given(histories, st.floats(-2e4, 2e4), st.floats(-2e4, 2e4))
def test_attainability_never_rises_as_an_increasing_target_rises(
    values: list[float], t1: float, t2: float
) -> None:
    low, high = sorted((t1, t2))
    r = size_target(_points(values), M, UP, D(2025, 6, 1), D(2030, 1, 1))
    a_low, a_high = r.attainability_for(low), r.attainability_for(high)
    if r.forecast is None:
        assert a_low is None and a_high is None
        return
    assert a_low is not None and a_high is not None
    assert 0.0 <= a_high <= a_low <= 1.0
    down = size_target(_points(values), M, DOWN, D(2025, 6, 1), D(2030, 1, 1))
    d_low, d_high = down.attainability_for(low), down.attainability_for(high)
    assert d_low is not None and d_high is not None
    assert d_low <= d_high


@settings(max_examples=60)
@given(histories, st.sampled_from([UP, DOWN]))
def test_suggestions_are_ordered_in_the_good_direction(
    values: list[float], direction: Direction
) -> None:
    r = size_target(_points(values), M, direction, D(2025, 6, 1), D(2030, 1, 1))
    if r.suggestions is None:
        assert r.n_values < 3
        return
    s = r.suggestions
    ordered = [s.business_as_usual, s.stretch, s.ambitious]
    assert ordered == sorted(ordered, reverse=direction == DOWN)
    assert s.business_as_usual == r.forecast


@given(
    st.floats(-1e4, 1e4),
    st.floats(-1e4, 1e4),
    st.sampled_from(list(Frequency)),
    st.integers(0, 40),
    st.sampled_from(["even", "seasonal"]),
    histories,
)
def test_milestones_end_exactly_at_the_target(
    b: float, t: float, freq: Frequency, k: int, shape: str, values: list[float]
) -> None:
    start = D(2024, 3, 15)
    target_date = add_periods(start, freq, k)
    ms = spread_milestones(b, t, start, target_date, freq, shape, _points(values))  # type: ignore[arg-type]
    assert ms[-1] == Point(target_date, t)
    assert len(ms) == max(k, 1)
    if k > 0:
        assert [m.period for m in ms] == [add_periods(start, freq, i) for i in range(1, k + 1)]
    assert all(math.isfinite(m.value) for m in ms)


@settings(max_examples=50)
@given(
    st.permutations([0.80 + 0.04 * i for i in range(12)]),
    st.floats(50, 1000),
    st.floats(-2, 2),
    st.floats(10, 1000),
    st.floats(10, 1000),
)
def test_seasonal_milestones_keep_last_years_shape(
    factors: list[float], level: float, slope: float, b: float, t: float
) -> None:
    history = [Point(D(2023, m, 1), (level + slope * m) * factors[m - 1]) for m in range(1, 13)]
    # Independently: last year's shares above/below its own least-squares line.
    x = np.arange(1, 13, dtype=float)
    y = np.array([p.value for p in history])
    line = np.polyval(np.polyfit(x, y, 1), x)
    share = {m: y[m - 1] / line[m - 1] - 1 for m in range(1, 13)}
    ms = spread_milestones(b, t, D(2023, 12, 1), D(2024, 12, 1), M, "seasonal", history)
    end_level = t / (1 + share[12])
    got = {}
    for k, m in enumerate(ms, start=1):
        level_k = b + (end_level - b) * k / 12
        got[m.period.month] = m.value / level_k - 1
    assert got == pytest.approx(share, abs=1e-6)
    # same ranking of months (pairs closer than rounding noise do not count)
    for m1 in share:
        for m2 in share:
            if share[m1] < share[m2] - 1e-6:
                assert got[m1] < got[m2]
    assert ms[-1].value == t


# --- the streak factor: a wider spread for values that move in streaks ---------------------


def test_streak_factor_by_hand() -> None:
    from kpi_desktop.domain.variation.sizing import streak_factor

    # residuals 1 1 -1 -1 1 1 -1 -1 (n = 8): lag-1 sum 1 - 1 + 1 - 1 + 1 - 1 + 1 = 1, SSE 8
    # r1 = 0.125; r = 0.125 + (2 + 0.5) / 8 = 0.4375; k = 1.4375 / 0.5625 = 2.5556
    assert streak_factor([1, 1, -1, -1, 1, 1, -1, -1]) == pytest.approx(1.4375 / 0.5625)
    # zig-zag: r1 negative -> clipped to 0 -> the plain formula
    assert streak_factor([1, -1, 1, -1, 1, -1]) == 1.0
    # too few residuals, or none at all
    assert streak_factor([1.0, 2.0]) == 1.0
    assert streak_factor([0.0, 0.0, 0.0, 0.0]) == pytest.approx((1 + 0.5) / (1 - 0.5))
    # one long streak is capped at 0.95 (a factor of 39)
    assert streak_factor([float(i) for i in range(-10, 11)]) == pytest.approx(1.95 / 0.05)


def test_streaky_history_gets_a_wider_spread_than_the_plain_formula() -> None:
    from kpi_desktop.domain.variation.forecast import fit_line

    # a slow wave around a rising line: residuals in long streaks
    values = [100 + 2 * k + 5 * math.sin(k / 3) for k in range(24)]
    r = size_target(_points(values), M, UP, D(2024, 12, 1), D(2030, 1, 1))
    fit = fit_line([float(k) for k in range(24)], values)
    assert fit is not None and r.forecast_sd is not None
    h = 23 + 12  # December 2024 is 12 months after the last value (December 2023)
    plain = fit.prediction_sd(h)
    assert plain is not None
    assert r.forecast_sd > 2 * plain


@settings(max_examples=60)
@given(histories)
def test_the_spread_is_never_narrower_than_the_plain_formula(values: list[float]) -> None:
    from kpi_desktop.domain.periods import period_index
    from kpi_desktop.domain.variation.forecast import fit_line

    r = size_target(_points(values), M, UP, D(2025, 6, 1), D(2030, 1, 1))
    if r.forecast_sd is None:
        return
    window = _points(values)[-r.n_values :]  # the latest stretch's window
    xs = [float(period_index(p.period, M)) for p in window]
    fit = fit_line(xs, [p.value for p in window])
    assert fit is not None
    plain = fit.prediction_sd(float(period_index(D(2025, 6, 1), M)))
    assert plain is not None
    assert r.forecast_sd >= plain * (1 - 1e-9)


def test_seasonal_milestones_survive_a_month_near_zero() -> None:
    """Found by hypothesis: a last-year value of ~0 against a positive trend line divided by
    zero when the shape was read as shares of the line."""
    import datetime as dt

    from kpi_desktop.domain.types import Frequency, Point
    from kpi_desktop.domain.variation.sizing import spread_milestones

    history = [
        Point(dt.date(2024, m, 1), v)
        for m, v in zip((1, 2, 3, 4), (1.0, 1.0, 1.0, 2e-262), strict=True)
    ]
    out = spread_milestones(
        0.0, 0.0, dt.date(2024, 4, 1), dt.date(2024, 6, 1), Frequency.MONTHLY, "seasonal", history
    )
    assert out[-1].value == 0.0

"""Stretches of an XmR chart: a series cut at each lasting shift, each with its own
central line and limits; trend stretches; and the invariants every cut keeps."""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_desktop.domain.periods import add_periods
from kpi_desktop.domain.types import Frequency, Point
from kpi_desktop.domain.variation.behaviour import behaviour, forecast_at
from kpi_desktop.domain.variation.signals import signal_report
from kpi_desktop.domain.variation.stretches import BASE, split_stretches, steady_trend
from kpi_desktop.domain.variation.xmr import XMR_SCALE, SignalRule

M = Frequency.MONTHLY
JAN_2023 = dt.date(2023, 1, 1)


def noise(n: int, sd: float, seed: int) -> list[float]:
    rng = random.Random(seed)
    return [rng.gauss(0.0, sd) for _ in range(n)]


def months(values: list[float]) -> list[Point]:
    return [Point(add_periods(JAN_2023, M, k), v) for k, v in enumerate(values)]


def test_a_step_gives_two_stretches_with_their_own_levels() -> None:
    values = [100 + e for e in noise(24, 3, 1)] + [130 + e for e in noise(16, 3, 2)]
    cut = split_stretches(values)
    assert [(s.start, s.end, s.kind) for s in cut] == [(0, 24, "level"), (24, 40, "level")]
    assert cut[1].limits.mean == pytest.approx(130, abs=2)
    assert cut[0].limits.mean == pytest.approx(100, abs=2)
    # ten sigmas up: recognised at the 6th value beyond the first stretch's upper limit
    assert (cut[1].recognised_at, cut[1].rule) == (29, "beyond")
    # every value of the new level is beyond the old limits; against its own stretch only
    # a rare one is a surprise, and the shift itself is no longer flagged as a run
    assert all(v > cut[0].limits.upper for v in values[24:])
    report = signal_report(months(values), M)
    new = [s for s in report.signals if s.period >= months(values)[24].period]
    assert len(new) <= 2 and all(s.rule != SignalRule.LONG_RUN for s in new)
    # a smaller step (one sigma) needs the run of 8
    small = [100 + e for e in noise(24, 3, 1)] + [104 + e for e in noise(16, 1, 2)]
    cut = split_stretches(small)
    assert [(s.start, s.rule) for s in cut] == [(0, None), (24, "run")]
    assert cut[1].recognised_at == 31
    assert report.behaviour is not None and report.behaviour.latest is not None
    assert report.behaviour.latest.first == add_periods(JAN_2023, M, 24)


def test_a_sustained_jump_beyond_the_limits_starts_a_stretch_after_six_values() -> None:
    values = [100 + e for e in noise(20, 2, 3)] + [160 + e for e in noise(6, 2, 4)]
    cut = split_stretches(values)
    got = [(s.start, s.rule, s.recognised_at) for s in cut]
    assert got == [(0, None, None), (20, "beyond", 25)]
    # five values are not enough yet: they are surprises of the old stretch
    early = split_stretches(values[:25])
    assert len(early) == 1
    report = signal_report(months(values[:25]), M)
    assert report.real_change and report.side == 1
    assert "above the usual range" in report.explanation
    # at the sixth the new level is recognised: a real change, named as a new level
    report = signal_report(months(values), M)
    assert report.real_change and report.new_shift is not None
    assert report.explanation.startswith("A new level since Sep 2024 (6 values): about ")


def test_a_trending_series_gets_trend_adjusted_limits() -> None:
    values = [50 + 2.0 * k + e for k, e in enumerate(noise(36, 1.5, 5))]
    cut = split_stretches(values)
    assert len(cut) == 1
    (s,) = cut
    assert s.kind == "trend" and s.slope == pytest.approx(2.0, abs=0.1)
    assert s.r_squared is not None and s.r_squared > 0.95
    # the limits run parallel to the line, 2.66 mean moving ranges either side of it
    for x in (0.0, 35.0):
        assert s.upper(x) - s.centre(x) == pytest.approx(XMR_SCALE * s.limits.mean_moving_range)
    assert s.centre(35.0) == pytest.approx(120, abs=3)
    assert signal_report(months(values), M).signals == ()
    # a flat band would have flagged most of it
    assert steady_trend(values[:BASE], [float(k) for k in range(BASE)]) is not None


def test_a_step_is_not_read_as_a_trend() -> None:
    values = [100 + e for e in noise(10, 2, 6)] + [130 + e for e in noise(14, 2, 7)]
    assert steady_trend(values, [float(k) for k in range(24)]) is None
    cut = split_stretches(values)
    assert [s.start for s in cut] == [0, 10] and {s.kind for s in cut} == {"level"}


def test_a_stable_noisy_series_stays_one_stretch_and_flags_nothing() -> None:
    values = [200 + e for e in noise(30, 10, 8)]
    cut = split_stretches(values)
    assert len(cut) == 1 and cut[0].kind == "level"
    report = signal_report(months(values), M)
    assert report.signals == () and not report.real_change


def test_a_trend_that_flattens_ends_its_stretch() -> None:
    rising = [50 + 2.0 * k + e for k, e in enumerate(noise(24, 1, 9))]
    flat = [98 + e for e in noise(14, 1, 10)]
    cut = split_stretches(rising + flat)
    assert cut[0].kind == "trend" and cut[-1].kind == "level"
    assert cut[-1].start >= 24 and cut[-1].limits.mean == pytest.approx(98, abs=1.5)


def test_the_one_forecast_is_the_latest_windows_line() -> None:
    values = [100 + e for e in noise(24, 3, 1)] + [130 + 0.5 * k for k in range(16)]
    points = months(values)
    now = behaviour(points, M)
    assert now.latest is not None and now.latest.first == points[24].period
    # the latest stretch rises by 0.5 a month exactly: its line, 12 months after its end
    when = add_periods(points[-1].period, M, 12)
    assert forecast_at(points, M, when) == pytest.approx(130 + 0.5 * 27)
    assert forecast_at(points[:2], M, when) is None
    assert forecast_at(points, M, None) is None


# -- invariants -----------------------------------------------------------------------------

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(st.lists(finite, max_size=80))
def test_stretches_cover_the_series_in_order(values: list[float]) -> None:
    cut = split_stretches(values)
    assert [i for s in cut for i in range(s.start, s.end)] == list(range(len(values)))
    for s in cut:
        assert s.start <= s.window_start < s.end
        assert s.end - s.window_start == min(BASE, s.count)
        assert s.limits.lower <= s.limits.mean <= s.limits.upper
    for after in cut[1:]:
        # a new stretch always has at least 6 values and is recognised inside itself
        assert after.count >= 6 and after.recognised_at is not None
        assert after.start <= after.recognised_at < after.end
    assert all(s.recognised_at is None for s in cut[:1])


@given(st.lists(finite, min_size=1, max_size=60), finite, st.floats(0.01, 100))
def test_cuts_do_not_depend_on_the_units(values: list[float], shift: float, scale: float) -> None:
    base = split_stretches(values)
    moved = split_stretches([v * scale + shift for v in values])
    if any(s.kind == "trend" for s in base):  # rounding may tip a borderline fit
        return
    assert [(s.start, s.end) for s in base] == [(s.start, s.end) for s in moved]
    for a, b in zip(base, moved, strict=True):
        assert b.limits.mean == pytest.approx(a.limits.mean * scale + shift, rel=1e-6, abs=1e-3)


@given(st.lists(finite, min_size=1, max_size=60))
def test_the_baseline_lies_within_the_limits(values: list[float]) -> None:
    now = behaviour(months(values), M)
    assert now.baseline is not None
    if now.lower_limit is None or now.upper_limit is None:
        assert len(values) == 1 or now.latest is not None and len(now.latest.window) < 2
        return
    slack = 1e-9 * max(1.0, *(abs(v) for v in values))
    assert now.lower_limit - slack <= now.baseline <= now.upper_limit + slack


@given(st.floats(-1e6, 1e6), st.integers(1, 60))
def test_a_constant_series_is_one_quiet_stretch(value: float, n: int) -> None:
    cut = split_stretches([value] * n)
    assert len(cut) == 1 and cut[0].limits.mean == value
    assert signal_report(months([value] * n), M).signals == ()
    assert math.isfinite(cut[0].limits.upper)

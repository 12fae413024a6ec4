"""Least-squares lines and the one forecast."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_desktop.domain.periods import add_periods
from kpi_desktop.domain.types import Frequency, Point
from kpi_desktop.domain.variation.behaviour import forecast_at
from kpi_desktop.domain.variation.forecast import fit_line

D = dt.date
D0 = D(2024, 1, 1)
M = Frequency.MONTHLY


def test_fit_line_by_hand() -> None:
    # x 0..3, y 1 3 2 5: x_mean 1.5, y_mean 2.75, Sxy 5.5, Sxx 5 -> slope 1.1, y(0) = 1.1
    fit = fit_line([0, 1, 2, 3], [1, 3, 2, 5])
    assert fit is not None
    assert fit.slope == pytest.approx(1.1)
    assert fit.at(0) == pytest.approx(1.1)
    assert (fit.x_mean, fit.y_mean, fit.sxx, fit.n) == (1.5, 2.75, 5.0, 4)
    # residuals -0.1, 0.8, -1.3, 0.6: SSE 2.7, s = sqrt(2.7 / 2)
    assert fit.sse == pytest.approx(2.7)
    s = math.sqrt(1.35)
    assert fit.residual_sd == pytest.approx(s)
    assert fit.prediction_sd(1.5) == pytest.approx(s * math.sqrt(1.25))  # 1 + 1/4
    assert fit.prediction_sd(4.0) == pytest.approx(s * math.sqrt(2.5))  # + 2.5^2 / 5


def test_fit_line_degenerate() -> None:
    assert fit_line([], []) is None
    assert fit_line([1.0], [2.0]) is None
    assert fit_line([3.0, 3.0, 3.0], [1.0, 2.0, 3.0]) is None  # one x: no slope
    two = fit_line([0.0, 2.0], [1.0, 5.0])
    assert two is not None and two.slope == 2.0
    assert two.residual_sd is None and two.prediction_sd(1.0) is None
    with pytest.raises(ValueError):
        fit_line([1.0, 2.0], [1.0])


def test_forecast_at_by_hand() -> None:
    # monthly, +10 a month: 10 in Jan, 20 in Feb, 30 in Mar (any order) -> 60 in June
    points = [Point(D(2024, 3, 1), 30.0), Point(D0, 10.0), Point(D(2024, 2, 1), 20.0)]
    assert forecast_at(points, M, D(2024, 6, 30)) == pytest.approx(60.0)
    # the period counts, not the day: mid-June is June
    assert forecast_at(points, M, D(2024, 6, 1)) == pytest.approx(60.0)


def test_forecast_needs_three_points() -> None:
    points = [Point(D0, 1.0), Point(D(2024, 2, 1), 2.0)]
    assert forecast_at(points, M, D(2024, 12, 1)) is None
    assert forecast_at([], M, D(2024, 12, 1)) is None
    assert forecast_at([*points, Point(D(2024, 3, 1), 3.0)], M, None) is None


def test_forecast_reads_the_latest_stretch_only() -> None:
    # two years near 1000, then a jump to a new level rising 5 a month: the old level is
    # another stretch and does not drag the line
    old = [Point(add_periods(D0, M, k), 1000.0 + (-3.0) ** (k % 2)) for k in range(24)]
    new = [Point(add_periods(D0, M, 24 + k), 2000.0 + 5.0 * k) for k in range(10)]
    got = forecast_at(old + new, M, add_periods(D0, M, 24 + 21))
    assert got == pytest.approx(2000.0 + 5.0 * 21)
    # as of the end of the old level, the new values are left out
    as_of = add_periods(D0, M, 23)
    assert forecast_at(old + new, M, as_of, as_of) == pytest.approx(1000.0, abs=3.0)


@given(
    st.floats(-1e3, 1e3),
    st.floats(-1e5, 1e5),
    st.lists(st.integers(0, 200), min_size=3, max_size=30, unique=True),
    st.integers(-100, 400),
)
def test_forecast_of_an_exact_line_is_exact(
    slope: float, intercept: float, offsets: list[int], ahead: int
) -> None:
    points = [Point(add_periods(D0, M, o), intercept + slope * o) for o in offsets]
    when = add_periods(D0, M, ahead)
    truth = intercept + slope * ahead
    got = forecast_at(points, M, when)
    assert got == pytest.approx(truth, rel=1e-7, abs=1e-5)

"""Least-squares lines and the status forecast."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_desktop.domain.types import Point
from kpi_desktop.domain.variation.forecast import Line, fit_line, forecast_at, linear_fit

D = dt.date
D0 = D(2024, 1, 1)


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


def test_linear_fit_by_hand() -> None:
    # days -2, -1, 0 from the anchor (latest date); y 1, 3, 2 -> slope 0.5/day, y(0) = 2.5
    points = [Point(D0, 1.0), Point(D(2024, 1, 2), 3.0), Point(D(2024, 1, 3), 2.0)]
    line = linear_fit(points)
    assert line == Line(pytest.approx(0.5), D(2024, 1, 3), pytest.approx(2.5))  # type: ignore[arg-type]
    assert line is not None
    assert line.at(D(2024, 1, 5)) == pytest.approx(3.5)
    assert linear_fit(points[:1]) is None
    assert linear_fit([Point(D0, 1.0), Point(D0, 2.0)]) is None


def test_forecast_at_by_hand() -> None:
    # +1 every 10 days: 10 on Jan 1, 20 on Jan 11, 30 on Jan 21 -> 40 on Jan 31
    points = [Point(D(2024, 1, 21), 30.0), Point(D0, 10.0), Point(D(2024, 1, 11), 20.0)]
    assert forecast_at(points, D(2024, 1, 31)) == pytest.approx(40.0)


def test_forecast_needs_three_points() -> None:
    points = [Point(D0, 1.0), Point(D(2024, 2, 1), 2.0)]
    assert forecast_at(points, D(2024, 12, 1)) is None
    assert forecast_at([], D(2024, 12, 1)) is None
    same_day = [Point(D0, 1.0), Point(D0, 2.0), Point(D0, 3.0)]
    assert forecast_at(same_day, D(2024, 12, 1)) is None


def test_forecast_uses_the_last_twelve_points() -> None:
    # 3 wild old values, then 12 months exactly on y = 2 x days: the old ones are ignored.
    old = [Point(D(2020, m, 1), 1e6) for m in (1, 2, 3)]
    recent = [Point(D(2023, m, 1), 2.0 * (D(2023, m, 1) - D0).days) for m in range(1, 13)]
    assert forecast_at(old + recent, D0) == pytest.approx(0.0, abs=1e-6)
    assert forecast_at(old + recent, D0, window=100) != pytest.approx(0.0, abs=1.0)
    assert forecast_at(recent, D0, window=2) is None  # window below three points


@given(
    st.floats(-1e3, 1e3),
    st.floats(-1e5, 1e5),
    st.lists(st.integers(0, 5000), min_size=3, max_size=30, unique=True),
    st.integers(-1000, 8000),
)
def test_forecast_of_an_exact_line_is_exact(
    slope: float, intercept: float, offsets: list[int], ahead: int
) -> None:
    points = [Point(D0 + dt.timedelta(days=o), intercept + slope * o) for o in offsets]
    when = D0 + dt.timedelta(days=ahead)
    truth = intercept + slope * ahead
    got = forecast_at(points, when, window=len(points))
    assert got == pytest.approx(truth, rel=1e-7, abs=1e-5)

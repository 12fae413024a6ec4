"""The domain rules on a real monthly series: US retail and leisure jobs, 2006-2015.

The data lives in the shared folder beside the repository (``../shared/data``), in this
working tree and in CI's clone alike; the tests skip when it is not there.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from kpi_desktop.domain.periods import infer_frequency
from kpi_desktop.domain.status import status_at
from kpi_desktop.domain.types import Direction, Frequency, KpiTarget, Point, Status
from kpi_desktop.domain.variation.behaviour import forecast_at
from kpi_desktop.domain.variation.sizing import size_target, spread_milestones
from kpi_desktop.domain.variation.xmr import SignalRule, detect_signals, natural_process_limits

D = dt.date
REPO = Path(__file__).resolve().parents[2]
CSV_PATH = (REPO / ".." / "shared" / "data" / "us-employment.csv").resolve()


def _column(name: str) -> list[Point]:
    if not CSV_PATH.is_file():
        pytest.skip(f"shared test data not found at {CSV_PATH} (expected beside the repo)")
    with CSV_PATH.open(newline="", encoding="utf-8") as f:
        return [Point(D.fromisoformat(row["month"]), float(row[name])) for row in csv.DictReader(f)]


@pytest.fixture(scope="module")
def retail() -> list[Point]:
    return _column("retail_trade")


@pytest.fixture(scope="module")
def leisure() -> list[Point]:
    return _column("leisure_and_hospitality")


def test_the_series_reads_as_monthly(retail: list[Point]) -> None:
    assert len(retail) == 120
    assert infer_frequency(p.period for p in retail) == Frequency.MONTHLY


def test_sizing_a_2015_target_from_2014(retail: list[Point]) -> None:
    r = size_target(retail, Frequency.MONTHLY, Direction.INCREASE, D(2015, 12, 1), D(2014, 12, 31))
    # retail jobs climbed faster from February 2014 (8 values above the line before it by
    # September): the latest stretch, a steady trend of 11 values
    window = [p for p in retail if D(2014, 2, 1) <= p.period <= D(2014, 12, 1)]
    assert (r.stretch_start, r.n_values, r.stretch_kind) == (D(2014, 2, 1), 11, "trend")
    assert r.enough_history
    assert r.mean == pytest.approx(sum(p.value for p in window) / 11)
    # the baseline is the line in December 2014, inside limits drawn around the line
    assert r.lower_limit is not None and r.upper_limit is not None and r.baseline is not None
    assert r.lower_limit < r.baseline < r.upper_limit
    assert r.baseline == pytest.approx(window[-1].value, abs=20)
    # end points: (15495.5 - 15229.9) / 10 = 26.6 jobs (thousands) a month; the fit agrees
    assert r.trend_per_period == pytest.approx(26.6, abs=2.0)
    # what happened: Dec 2015 was 15677.8; that steeper climb did not last, the forecast
    # from it is 1 % too high
    assert r.forecast == pytest.approx(15677.8, rel=0.011)
    s = r.suggestions
    assert s is not None
    assert s.business_as_usual < s.stretch < s.ambitious
    assert r.attainability_for(s.stretch) == pytest.approx(1 / 3)
    # last year's level is easy; twice the usual yearly growth needs a step change
    easy = size_target(
        retail, Frequency.MONTHLY, Direction.INCREASE, D(2015, 12, 1), D(2014, 12, 31), 15495.5
    )
    assert easy.verdict == "too_easy"
    hard = size_target(
        retail, Frequency.MONTHLY, Direction.INCREASE, D(2015, 12, 1), D(2014, 12, 31), 16100.0
    )
    assert hard.verdict == "step_change"


def test_the_trend_shows_as_a_real_signal(retail: list[Point]) -> None:
    values = [p.value for p in retail if D(2013, 1, 1) <= p.period <= D(2014, 12, 1)]
    limits = natural_process_limits(values)
    assert limits is not None
    rules = {s.rule for s in detect_signals(values, limits)}
    assert SignalRule.LONG_RUN in rules


def test_status_and_forecast_through_2015(retail: list[Point]) -> None:
    # Plan: from Dec 2014 (15495.5) to 15800 by the end of 2015.
    plan = KpiTarget(Direction.INCREASE, 15495.5, D(2014, 12, 1), 15800.0, D(2015, 12, 31))
    r = status_at(plan, retail, D(2015, 7, 1))
    assert r.latest == Point(D(2015, 7, 1), 15635.6)
    # 212 of 395 days: expected 15495.5 + 304.5 x 212 / 395 = 15658.93; gap -0.077
    assert r.expected == pytest.approx(15658.93, abs=0.01)
    assert r.gap == pytest.approx(-0.0766, abs=1e-3)
    assert r.status == Status.ON_TRACK
    assert status_at(plan, retail, D(2016, 1, 1)).status == Status.OFF_TRACK  # 15677.8
    forecast = forecast_at(retail, Frequency.MONTHLY, D(2015, 12, 1), D(2015, 7, 1))
    assert forecast == pytest.approx(15677.8, rel=0.005)


def test_seasonal_milestones_on_real_data(leisure: list[Point]) -> None:
    history = [p for p in leisure if p.period <= D(2014, 12, 1)]
    ms = spread_milestones(
        14890.0, 15500.0, D(2014, 12, 1), D(2015, 12, 1), Frequency.MONTHLY, "seasonal", history
    )
    assert len(ms) == 12
    assert ms[-1] == Point(D(2015, 12, 1), 15500.0)
    # a seasonally adjusted series: the milestones stay within 1 % of the even ones
    even = spread_milestones(14890.0, 15500.0, D(2014, 12, 1), D(2015, 12, 1), Frequency.MONTHLY)
    for got, plain in zip(ms, even, strict=True):
        assert got.value == pytest.approx(plain.value, rel=0.01)

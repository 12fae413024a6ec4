"""The worked examples of resources/help/how-status-works.md, recomputed by the code.

If a rule changes, these fail until the page says the same again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kpi_desktop.domain.rollup import roll_up
from kpi_desktop.domain.status import status_at
from kpi_desktop.domain.types import Direction, KpiTarget, Point, Status

D = dt.date
PAGE = Path(__file__).resolve().parents[2] / "resources" / "help" / "how-status-works.md"

# Monthly sales: 20,000 on 1 Jan 2024 -> 27,300 by 31 Dec 2024, tolerance 10 %.
SALES = KpiTarget(Direction.INCREASE, 20_000.0, D(2024, 1, 1), 27_300.0, D(2024, 12, 31))
# Complaints: 100 on 1 Jan 2024 -> 27 by 31 Dec 2024.
COMPLAINTS = KpiTarget(Direction.DECREASE, 100.0, D(2024, 1, 1), 27.0, D(2024, 12, 31))
# Cash between 40,000 and 60,000.
CASH = KpiTarget(Direction.RANGE, None, None, None, None, range_low=40_000.0, range_high=60_000.0)
CHECK_DAY = D(2024, 6, 1)
MAY = D(2024, 5, 1)


def page() -> str:
    return " ".join(PAGE.read_text(encoding="utf-8").split())  # ignore line wrapping


def test_the_page_states_these_numbers() -> None:
    text = page()
    for phrase in [
        "365 days",
        "20 a day",
        "152 days",
        "**23,040**",
        "**22,500**",
        "**34.2%**",
        "**−7.4%**",
        "**−14.2%**",
        "**−27.9%**",
        "**69.6**",
        "**2,000**",
        "**62.5**",
        "10% unless you change it",
    ]:
        assert phrase in text, phrase


def test_sales_example() -> None:
    assert (SALES.target_date - SALES.baseline_date).days == 365  # type: ignore[operator]
    assert (CHECK_DAY - D(2024, 1, 1)).days == 152
    r = status_at(SALES, [Point(D(2024, 4, 1), 21_000.0), Point(MAY, 22_500.0)], CHECK_DAY)
    assert r.latest == Point(MAY, 22_500.0)
    assert r.expected == pytest.approx(23_040.0)
    assert round(r.progress * 100, 1) == 34.2  # type: ignore[operator]
    assert round(r.gap * 100, 1) == -7.4  # type: ignore[operator]
    assert r.status == Status.ON_TRACK


@pytest.mark.parametrize(
    ("may", "gap_percent", "status"),
    [
        (22_000.0, -14.2, Status.AT_RISK),
        (21_000.0, -27.9, Status.OFF_TRACK),
        (27_300.0, None, Status.ACHIEVED),
        (28_000.0, None, Status.ACHIEVED),
    ],
)
def test_sales_alternatives(may: float, gap_percent: float | None, status: Status) -> None:
    r = status_at(SALES, [Point(MAY, may)], CHECK_DAY)
    assert r.status == status
    if gap_percent is not None:
        assert round(r.gap * 100, 1) == gap_percent  # type: ignore[operator]


def test_complaints_example() -> None:
    r = status_at(COMPLAINTS, [Point(MAY, 75.0)], CHECK_DAY)
    assert r.expected == pytest.approx(69.6)
    assert round(r.gap * 100, 1) == -7.4  # type: ignore[operator]
    assert r.status == Status.ON_TRACK


@pytest.mark.parametrize(
    ("cash", "status"),
    [
        (58_000.0, Status.ON_TRACK),
        (61_500.0, Status.AT_RISK),
        (39_000.0, Status.AT_RISK),
        (63_000.0, Status.OFF_TRACK),
    ],
)
def test_cash_range_example(cash: float, status: Status) -> None:
    assert status_at(CASH, [Point(MAY, cash)], CHECK_DAY).status == status


def test_rollup_example() -> None:
    r = roll_up([(Status.ON_TRACK, 2), (Status.AT_RISK, 1), (Status.OFF_TRACK, 1)])
    assert r.status == Status.OFF_TRACK
    assert r.score == 62.5


def test_no_data_cases_on_the_page() -> None:
    assert status_at(SALES, [], CHECK_DAY).status == Status.NO_DATA
    assert status_at(SALES, [Point(D(2024, 7, 1), 1.0)], CHECK_DAY).status == Status.NO_DATA
    no_target = KpiTarget(Direction.INCREASE, 20_000.0, D(2024, 1, 1), None, None)
    assert status_at(no_target, [Point(MAY, 1.0)], CHECK_DAY).status == Status.NO_DATA

"""services/planning/sizing.py: sizing a stored KPI, history typed, pasted or read from a file, the
JSON of `size --json`, and the worked example of resources/help/how-sizing-works.md."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from kpi_desktop.domain.types import Direction, Frequency, Point
from kpi_desktop.domain.variation.behaviour import behaviour
from kpi_desktop.domain.variation.sizing import size_target, spread_milestones, streak_factor
from kpi_desktop.services.errors import UnknownName, ValidationError
from kpi_desktop.services.planning.sizing import (
    history_from_file,
    kpi_history,
    parse_improvement,
    parse_pasted_history,
    size_history,
    size_kpi,
    sizing_json,
)
from kpi_desktop.services.workspace.workspace import Workspace

D = dt.date
M = Frequency.MONTHLY
PAGE = Path(__file__).resolve().parents[1] / "resources" / "help" / "how-sizing-works.md"
AS_OF = D(2013, 12, 31)
TARGET_DATE = D(2014, 12, 1)


def employment(path: Path, column: str) -> list[Point]:
    with path.open(newline="", encoding="utf-8") as f:
        return [Point(D.fromisoformat(r["month"]), float(r[column])) for r in csv.DictReader(f)]


@pytest.fixture
def leisure(employment_csv: Path) -> list[Point]:
    return employment(employment_csv, "leisure_and_hospitality")


@pytest.fixture
def ws_leisure(workspace: Workspace, leisure: list[Point]) -> Workspace:
    goal = workspace.goals.add("Grow the business")
    assert goal.id is not None
    kpi = workspace.kpis.add(goal.id, "Leisure jobs", unit="thousand jobs")
    assert kpi.id is not None
    workspace.measurements.upsert_many(kpi.id, [(p.period, p.value, None) for p in leisure])
    return workspace


# -- size_kpi and size_history ---------------------------------------------------------------


def test_size_kpi_uses_the_values_on_or_before_as_of(
    ws_leisure: Workspace, leisure: list[Point]
) -> None:
    by_name = size_kpi(ws_leisure, "LEISURE jobs", TARGET_DATE, 15000.0, AS_OF)
    kpi = ws_leisure.kpis.find("Leisure jobs")
    assert kpi.id is not None
    by_id = size_kpi(ws_leisure, kpi.id, TARGET_DATE, 15000.0, AS_OF)
    direct = size_target(leisure, M, Direction.INCREASE, TARGET_DATE, AS_OF, 15000.0)
    assert by_name == by_id == direct
    assert (by_name.n_values, by_name.stretch_start) == (13, D(2012, 12, 1))
    assert len(kpi_history(ws_leisure, kpi.id, AS_OF)) == 96  # Jan 2006 .. Dec 2013


def test_size_kpi_unknown_name_lists_close_matches(ws_leisure: Workspace) -> None:
    with pytest.raises(UnknownName, match="Leisure jobs"):
        size_kpi(ws_leisure, "Leisure job", TARGET_DATE)


def test_size_history_maps_dates_to_periods(leisure: list[Point]) -> None:
    mid_month = [Point(p.period.replace(day=15), p.value) for p in leisure]
    assert size_history(mid_month, "monthly", "increase", TARGET_DATE, None, AS_OF) == (
        size_target(leisure, M, Direction.INCREASE, TARGET_DATE, AS_OF)
    )


def test_sizing_json_has_exactly_the_contract_keys(leisure: list[Point]) -> None:
    plain = sizing_json(size_history(leisure, M, "increase", TARGET_DATE, None, AS_OF))
    assert list(plain) == [
        "baseline",
        "mean",
        "lower_limit",
        "upper_limit",
        "trend_per_period",
        "forecast",
        "suggestions",
        "stretch",
    ]
    assert list(plain["suggestions"]) == ["business_as_usual", "stretch", "ambitious"]
    assert list(plain["stretch"]) == ["start", "count", "kind"]
    judged = sizing_json(size_history(leisure, M, "increase", TARGET_DATE, 14950.0, AS_OF))
    assert list(judged)[-2:] == ["attainability", "verdict"]
    assert 0 <= judged["attainability"] <= 1
    assert judged["verdict"] == "attainable"
    empty = sizing_json(size_history([], M, "increase", TARGET_DATE, 5.0, AS_OF))
    assert empty["baseline"] is None and empty["suggestions"]["stretch"] is None
    assert empty["attainability"] is None and empty["verdict"] is None


# -- pasted history ----------------------------------------------------------------------------


def test_bare_values_end_with_the_last_complete_period() -> None:
    points = parse_pasted_history("10\n12,5\n\n1 300\n", M, D(2024, 3, 15))
    assert points == [
        Point(D(2023, 12, 1), 10.0),
        Point(D(2024, 1, 1), 12.5),
        Point(D(2024, 2, 1), 1300.0),
    ]


def test_dated_lines_from_a_spreadsheet() -> None:
    text = "Month\tSales\n2024-01-31\t1,200\n2024-02-15\t1,350.50\n2024-03-01\t€1,400\n"
    assert parse_pasted_history(text, M, D(2024, 6, 1)) == [
        Point(D(2024, 1, 1), 1200.0),
        Point(D(2024, 2, 1), 1350.5),
        Point(D(2024, 3, 1), 1400.0),
    ]
    # semicolons and spaces work too, and slash dates are read day-first when they must be
    spaced = parse_pasted_history("Jan 2024  5\n31/03/2024;7\n", M, D(2024, 6, 1))
    assert spaced == [Point(D(2024, 1, 1), 5.0), Point(D(2024, 3, 1), 7.0)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-01-01\t5\n7\n", "Line 2 has a value but no date"),
        ("5\nabc\n", "Line 2: 'abc' is not a number"),
        ("2024-01-01\t5\n2024-01-20\t6\n", "Lines 1 and 2 fall in the same period (Jan 2024)"),
        ("03/04/2024\t5\n", "could be day-first or month-first"),
    ],
)
def test_pasted_history_problems_name_the_line(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)) as err:
        parse_pasted_history(text, M, D(2024, 6, 1))
    assert err.value.field == "history"


def test_nothing_pasted_is_no_history() -> None:
    assert parse_pasted_history(" \n\n", M, D(2024, 6, 1)) == []


@pytest.mark.parametrize(
    ("text", "target"),
    [("+10 %", 110.0), ("+10%", 110.0), ("-5 %", 95.0), ("+500", 600.0), ("25", 125.0)],
)
def test_improvement_typed_by_the_user(text: str, target: float) -> None:
    assert parse_improvement(text, 100.0) == pytest.approx(target)


@pytest.mark.parametrize("text", ["", "ten percent", "+", "x10"])
def test_improvement_that_is_not_a_change(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_improvement(text, 100.0)


def test_history_from_a_file_writes_nothing(
    workspace: Workspace, employment_csv: Path, leisure: list[Point]
) -> None:
    series = history_from_file(workspace, employment_csv)
    assert len(series) == 23 and series["leisure_and_hospitality"] == leisure
    assert workspace.goals.list() == [] and workspace.kpis.list() == []


# -- the worked example of the help page -------------------------------------------------------


def _page() -> str:
    return " ".join(PAGE.read_text(encoding="utf-8").split())


def test_the_help_page_numbers_are_what_the_code_computes(leisure: list[Point]) -> None:
    """Recompute every number of the worked example; the page must state each one."""
    now = behaviour(leisure, M, AS_OF)
    latest, before = now.latest, now.previous
    assert latest is not None and before is not None
    assert (latest.first, latest.recognised, latest.stretch.rule) == (
        D(2012, 12, 1),
        D(2013, 7, 1),
        "run",
    )
    # the run of 8: Dec 2012 .. Jul 2013 all above the line of the stretch before
    run = [p for p in latest.points if p.period <= D(2013, 7, 1)]
    assert len(run) == 8 and all(p.value > before.centre_on(p.period) for p in run)
    window = list(latest.window)
    values = [p.value for p in window]
    assert len(window) == 13 and (values[0], values[-1]) == (13978.0, 14454.0)
    limits = latest.stretch.limits
    assert latest.kind == "trend" and latest.stretch.r_squared is not None
    r = size_target(leisure, M, Direction.INCREASE, TARGET_DATE, AS_OF)
    assert r.suggestions is not None and r.forecast_sd is not None
    trend = r.trend_per_period
    assert trend is not None and r.forecast is not None and r.baseline is not None
    assert r.lower_limit is not None and r.upper_limit is not None
    from kpi_desktop.domain.variation.forecast import fit_line

    fit = fit_line([float(k) for k in range(13)], values)
    assert fit is not None and fit.residual_sd is not None
    k = streak_factor([v - fit.at(x) for x, v in enumerate(values)])
    chances = {t: r.attainability_for(t) for t in (14900.0, 14950.0, 15000.0)}
    milestones = spread_milestones(r.baseline, 14950.0, D(2013, 12, 1), TARGET_DATE, M)
    step = (14950.0 - r.baseline) / 12
    december_2014 = next(p.value for p in leisure if p.period == TARGET_DATE)

    stated = {
        "**13 values**": 13,
        "13,978": values[0],
        "14,454": values[-1],
        "**14,234**": limits.mean,
        "99 %": latest.stretch.r_squared * 100,
        "**39.7**": limits.mean_moving_range,
        "**105.5**": 2.66 * limits.mean_moving_range,
        "**14,472**": r.baseline,
        "14,366": r.lower_limit,
        "14,577": r.upper_limit,
        "**+39.6 a month**": trend,
        "**14,947**": r.forecast,
        "**12.2**": fit.residual_sd,
        "**1.89**": k,
        "**25.8**": r.forecast_sd,
        "**14,958**": r.suggestions.stretch,
        "**14,980**": r.suggestions.ambitious,
        "**39.9**": step,
        "**14,511**": milestones[0].value,
        "**14,551**": milestones[1].value,
        "**14,890**": december_2014,
        "57 below": r.forecast - december_2014,
    }
    text = _page()
    for phrase, value in stated.items():
        assert phrase in text, phrase
        number = float(phrase.strip("*").split()[0].replace(",", "").replace("+", ""))
        decimals = len(number.__repr__().split(".")[1]) if "." in phrase else 0
        assert round(value, decimals) == pytest.approx(number), phrase
    assert r.attainability_for(r.suggestions.business_as_usual) == pytest.approx(0.5)
    assert round(chances[14900.0] * 100) == 96 and "a **96 %** chance, **too easy**" in text
    assert round(chances[14950.0] * 100) == 45
    assert "a **45 %** chance, **challenging but attainable**" in text
    assert round(chances[15000.0] * 100) == 2
    assert "a **2 %** chance, it **needs a step change in how you work**" in text
    assert milestones[-1] == Point(TARGET_DATE, 14950.0) and len(milestones) == 12
    seasonal = spread_milestones(
        r.baseline, 14950.0, D(2013, 12, 1), TARGET_DATE, M, "seasonal", window
    )
    for got, even in zip(seasonal, milestones, strict=True):  # "almost the same"
        assert got.value == pytest.approx(even.value, rel=0.003)

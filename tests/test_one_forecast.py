"""One forecast: the status, the scorecard, the chart, the report, `size` (and so the
wizard's Size page, which calls the same function) give the same number for every KPI
of the demo; and `size --json` keeps its baseline inside its limits on every demo KPI and
every series of the US employment data."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from team_server import cafe_on

from kpi_desktop.domain.types import Point
from kpi_desktop.services.planning.sizing import size_history, size_kpi, sizing_json
from kpi_desktop.services.review.report_data import gather_report
from kpi_desktop.services.tracking.chart_data import chart_data
from kpi_desktop.services.tracking.scorecard import scorecard_rows
from kpi_desktop.services.tracking.status import kpi_statuses
from kpi_desktop.services.workspace.workspace import Workspace
from tests.cli_run import run

D = dt.date


@pytest.fixture
def cafe(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Path | str]:
    """The demo for the command line, on a file or on the server (tests/team_server.py)."""
    yield from cafe_on(request, tmp_path, engine)


def test_every_view_gives_the_same_forecast_on_the_demo(demo: Workspace) -> None:
    today = dt.date.today()
    statuses = {st.kpi_id: st for st in kpi_statuses(demo, today)}
    rows = {r.kpi_id: r for r in scorecard_rows(demo, today)}
    report = {st.kpi_id: st for st in gather_report(demo, today).statuses}
    with_forecast = 0
    for kpi_id, st in statuses.items():
        chart = chart_data(demo, kpi_id, today)
        assert rows[kpi_id].forecast == st.forecast, st.kpi
        assert report[kpi_id].forecast == st.forecast, st.kpi
        if st.target_date is None:
            assert st.forecast is None
            continue
        sized = size_kpi(demo, kpi_id, st.target_date, as_of=today)
        assert sized.forecast == pytest.approx(st.forecast), st.kpi
        assert chart.forecast is not None
        assert chart.forecast[1] == (st.target_date, pytest.approx(st.forecast)), st.kpi
        with_forecast += 1
    assert with_forecast == 10  # all but the keep-within-a-range KPI (calculated ones too)


def test_size_json_names_its_stretch_and_keeps_the_baseline_inside_on_the_demo(
    cafe: Path | str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(cafe, readonly=True) as ws:
        names = [k.name for k in ws.kpis.list()]
    assert len(names) == 11  # 9 measured, 2 calculated: sized alike
    for name in names:
        code, out, err = run(capsys, "size", cafe, "--kpi", name, "--target-date", "2030-12-01",
                             "--json")  # fmt: skip
        assert code == 0, err
        data = json.loads(out)
        stretch = data["stretch"]
        assert set(stretch) == {"start", "count", "kind"} and stretch["kind"] in ("level", "trend")
        assert 6 <= stretch["count"] <= 24 and D.fromisoformat(stretch["start"]) < dt.date.today()
        assert data["lower_limit"] <= data["baseline"] <= data["upper_limit"], name


def test_the_baseline_lies_inside_the_limits_on_every_employment_series(
    employment_csv: Path,
) -> None:
    with employment_csv.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    columns = [c for c in rows[0] if c != "month"]
    assert len(columns) >= 20
    checked = 0
    for column in columns:
        points = [Point(D.fromisoformat(r["month"]), float(r[column])) for r in rows if r[column]]
        for as_of in (D(2009, 6, 30), D(2012, 12, 31), D(2015, 12, 31)):
            data = sizing_json(
                size_history(points, "monthly", "increase", D(2016, 12, 1), None, as_of)
            )
            assert data["lower_limit"] <= data["baseline"] <= data["upper_limit"], (column, as_of)
            checked += 1
    # the case the issue names: leisure and hospitality at the end of 2015
    leisure = [
        Point(D.fromisoformat(r["month"]), float(r["leisure_and_hospitality"])) for r in rows
    ]
    data = sizing_json(
        size_history(leisure, "monthly", "increase", D(2016, 12, 1), None, D(2015, 12, 31))
    )
    assert data["lower_limit"] <= data["baseline"] <= data["upper_limit"]
    # its latest stretch, a steady climb since Dec 2012, holds 37 values: the window is its
    # last 24 (before: 15,175 above limits of 14,815-15,029, across the climb)
    assert data["stretch"] == {"start": "2014-01-01", "count": 24, "kind": "trend"}
    assert checked == 3 * len(columns)

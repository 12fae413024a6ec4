"""Long series in the chart: the pane reads an envelope of the whole and the values of the
stretch it shows (services.chart_data.series_window), never every value; dates become x
coordinates quickly however long the span."""

from __future__ import annotations

import datetime as dt
import os
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi_desktop.domain.variation.behaviour import HISTORY
from kpi_desktop.reports import chart_axes as chart_module
from kpi_desktop.reports.chart import date_to_x, find_item, x_to_date
from kpi_desktop.services.tracking import chart_data as chart_data_module
from kpi_desktop.services.tracking.chart_data import chart_data, nearest_value, series_window
from kpi_desktop.services.tracking.signals import chart_signals
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.kpi.chart_pane import ChartPane

D = dt.date
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def series(workspace: Workspace) -> tuple[int, list[dt.date], list[float]]:
    """A daily KPI with 3,000 values over 12 years (gaps included) and a plan."""
    goal = workspace.goals.add("Sensors")
    kpi = workspace.kpis.add(
        goal.id,
        "Readings",
        frequency="daily",
        baseline_value=100.0,
        baseline_date=D(2020, 1, 1),
        target_value=300.0,
        target_date=D(2027, 1, 1),
    )
    rng = np.random.default_rng(7)
    offsets = np.sort(rng.choice(12 * 365, size=3000, replace=False))
    days = [D(2014, 1, 1) + dt.timedelta(days=int(o)) for o in offsets]
    values = [round(float(v), 2) for v in 100 + np.cumsum(rng.normal(0, 3, 3000))]
    workspace.measurements.write_many(list(zip([kpi.id] * 3000, days, values, strict=True)))
    return kpi.id, days, values


def test_a_window_reads_the_values_or_their_envelope(
    workspace: Workspace, series: tuple[int, list[dt.date], list[float]]
) -> None:
    kpi_id, days, values = series
    start, end = D(2016, 3, 1), D(2019, 7, 31)
    inside = [(d, v) for d, v in zip(days, values, strict=True) if start <= d <= end]

    raw = series_window(workspace, kpi_id, start, end, max_values=len(inside))
    assert not raw.envelope and raw.count == len(inside)
    assert raw.dates.astype(object).tolist() == [d for d, _ in inside]
    assert raw.values.tolist() == [v for _, v in inside]
    assert raw.covers(D(2017, 1, 1), end) and not raw.covers(D(2016, 2, 1), end)

    env = series_window(workspace, kpi_id, start, end, max_values=len(inside) - 1, buckets=40)
    assert env.envelope and env.count == len(inside) and len(env.values) <= 2 * 40
    # each pair: the first date of a stretch, then its lowest and highest value
    span = (end - start).days + 1
    edges = sorted({start + dt.timedelta(days=span * i // 40) for i in range(41)})
    pairs = iter(zip(env.dates.astype(object).tolist(), env.values.tolist(), strict=True))
    for lo, hi in zip(edges, edges[1:], strict=False):
        stretch = [(d, v) for d, v in inside if lo <= d < hi]
        if not stretch:
            continue
        (d1, low), (d2, high) = next(pairs), next(pairs)
        assert d1 == d2 == stretch[0][0]
        assert (low, high) == (min(v for _, v in stretch), max(v for _, v in stretch))
    assert next(pairs, None) is None


def test_chart_data_for_the_pane_reads_a_long_series_in_part(
    workspace: Workspace,
    series: tuple[int, list[dt.date], list[float]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kpi_id, days, values = series
    as_of = D(2024, 6, 30)
    full = chart_data(workspace, kpi_id, as_of)
    assert full.complete and full.value_count == 3000
    assert chart_data(workspace, kpi_id, as_of, complete=False).complete  # under the threshold

    monkeypatch.setattr(chart_data_module, "WINDOWED_ABOVE", 1000)
    part = chart_data(workspace, kpi_id, as_of, complete=False)
    assert not part.complete and part.series is not None and part.series.envelope
    assert part.value_count == 3000 and part.has_values
    assert (part.first_date, part.last_date) == (days[0], days[-1])
    assert part.highest_value() == max(values) == full.highest_value()
    # what the header, the plan lines, the limits and the signals read is the same
    for name in ("reading", "forecast", "limits", "limits_window", "pace", "target"):
        assert getattr(part, name) == getattr(full, name), name
    assert chart_signals(part) == chart_signals(full)
    assert len(part.values) == HISTORY and part.dates[-1] <= np.datetime64(as_of)


def test_nearest_value(
    workspace: Workspace, series: tuple[int, list[dt.date], list[float]]
) -> None:
    kpi_id, days, values = series
    by_day = dict(zip(days, values, strict=True))
    for when in (D(2010, 1, 1), days[0], D(2018, 5, 17), D(2030, 1, 1)):
        near = nearest_value(workspace, kpi_id, when)
        assert near is not None
        best = min(days, key=lambda d: (abs((d - when).days), d))
        assert (near.period, near.value) == (best, by_day[best])


def test_the_pane_shows_an_envelope_then_the_values_of_what_it_shows(
    qtbot,  # type: ignore[no-untyped-def]
    workspace: Workspace,
    series: tuple[int, list[dt.date], list[float]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kpi_id, days, values = series
    monkeypatch.setattr(chart_data_module, "WINDOWED_ABOVE", 1000)
    reads: list[tuple[dt.date, dt.date]] = []
    real = chart_data_module.series_window

    def counted(*args: object, **kwargs: object) -> chart_data_module.SeriesWindow:
        window = real(*args, **kwargs)  # type: ignore[arg-type]
        reads.append((window.start, window.end))
        return window

    monkeypatch.setattr("kpi_desktop.ui.kpi.chart_pane.series_window", counted)
    doc = Document(workspace)
    doc.set_as_of(D(2024, 6, 30))
    pane = ChartPane(doc)
    qtbot.addWidget(pane)
    pane.resize(900, 500)
    pane.show()
    pane.show_kpi(kpi_id)
    actual = find_item(pane.plot_item, "Actual")
    assert actual is not None and actual.opts["symbol"] is None
    assert len(actual.yData) < 2 * chart_data_module.ENVELOPE_BUCKETS + 1
    assert float(np.max(actual.yData)) == max(values)

    pane.set_preset(6)  # about 150 values on screen: read value by value
    qtbot.waitUntil(lambda: bool(reads))
    start, end = reads[-1]
    shown = [(d, v) for d, v in zip(days, values, strict=True) if start <= d <= end]
    assert actual.yData.tolist() == [v for _, v in shown]
    assert actual.opts["symbol"] == "o"  # few enough for markers
    n = len(reads)
    vb = pane.plot_item.getViewBox()
    (x0, x1), _ = vb.viewRange()
    vb.setXRange(x0 - (x1 - x0) * 0.1, x1 - (x1 - x0) * 0.1, padding=0)  # a small pan
    qtbot.wait(20)
    assert len(reads) == n  # still inside what was read: nothing read again

    pane.hover_at(date_to_x(shown[3][0]))
    assert f"<b>{shown[3][1]:,.0f}" in pane.readout.text() or str(shown[3][1]) in (
        pane.readout.text().replace(",", "")
    )
    pane.set_preset(None)  # everything again: an envelope, read anew
    qtbot.waitUntil(lambda: len(actual.yData) != len(shown))
    pane.hover_at(date_to_x(days[100]))  # an envelope: the nearest stored value is looked up
    assert pane.readout.text()


def test_dates_far_apart_get_the_same_x_as_one_by_one() -> None:
    spread = np.array(
        ["1000-01-01", "1500-06-30", "1970-01-01", "2024-03-31", "3737-12-31"],
        dtype="datetime64[D]",
    )
    xs = date_to_x(spread)
    assert xs.tolist() == [float(date_to_x(d)) for d in spread]
    assert [x_to_date(x) for x in xs[1:4]] == spread[1:4].astype(object).tolist()


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset (Unix)")
@settings(max_examples=30)
@given(
    zone=st.sampled_from(
        [
            "UTC",
            "Europe/Berlin",
            "America/Sao_Paulo",
            "Australia/Lord_Howe",
            "Africa/Casablanca",
            "Asia/Kolkata",
            "Pacific/Apia",
            "America/St_Johns",
            "Antarctica/Troll",
        ]
    ),
    first=st.integers(-200_000, 200_000),
    length=st.integers(0, 60_000),
)
def test_offset_steps_found_quickly_match_the_exact_walk(
    zone: str, first: int, length: int
) -> None:
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        fast = chart_module._offset_steps_fast(first, first + length)
        exact = chart_module._offset_steps_exact(first, first + length)
        assert fast[0].tolist() == exact[0].tolist()
        assert fast[1].tolist() == exact[1].tolist()
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()

"""The chart: what it shows (services.chart_data), how it draws (reports.chart) and the pane
that shows it in the main window (ui.chart_pane), on hand-made and real data."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import time
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from kpi_desktop.domain.periods import period_label
from kpi_desktop.domain.types import Point, Status
from kpi_desktop.domain.variation.behaviour import forecast_at
from kpi_desktop.domain.variation.xmr import natural_process_limits
from kpi_desktop.reports.chart import (
    date_to_x,
    draw_chart,
    find_item,
    make_chart_widget,
    render_chart_png,
    x_to_date,
)
from kpi_desktop.services.tracking.chart_data import chart_data
from kpi_desktop.services.tracking.status import kpi_statuses
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.kpi.chart_pane import ChartPane, months_before

D = dt.date
DAY = 86400.0

# Showing a top-level widget on the offscreen platform warns that it cannot pass size hints.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def months(first: dt.date, count: int) -> list[dt.date]:
    out, y, m = [], first.year, first.month
    for _ in range(count):
        out.append(dt.date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def on_a_line(d: dt.date) -> float:
    """A value exactly on a straight line over months: 1,000 in Jan 2022, +15 a month."""
    return 1000.0 + 15.0 * ((d.year - 2022) * 12 + d.month - 1)


@pytest.fixture
def straight_kpi(workspace: Workspace) -> int:
    """30 monthly values on a straight line (Jan 2022 - Jun 2024), a plan with a milestone,
    and one value after the as-of date used by the tests (1 Jul 2024)."""
    goal = workspace.goals.add("Grow revenue")
    kpi = workspace.kpis.add_with_milestones(
        goal.id,
        "Revenue",
        [Point(D(2024, 9, 1), 1500.0)],
        unit="EUR",
        unit_kind="currency",
        currency_symbol="€",
        baseline_value=1000.0,
        baseline_date=D(2024, 1, 1),
        target_value=1800.0,
        target_date=D(2024, 12, 1),
    )
    dates = months(D(2022, 1, 1), 31)  # the last, Jul 2024, lies after the as-of date
    workspace.measurements.write_many([(kpi.id, d, on_a_line(d)) for d in dates])
    return kpi.id


AS_OF = D(2024, 6, 30)


# -- chart data -----------------------------------------------------------------------------


def test_chart_data_of_a_hand_made_kpi(workspace: Workspace, straight_kpi: int) -> None:
    data = chart_data(workspace, straight_kpi, AS_OF)
    assert (data.kpi_name, data.goal_title, data.unit, data.currency_symbol) == (
        "Revenue",
        "Grow revenue",
        "EUR",
        "€",
    )
    # every stored value, in date order, as datetime64[D] and float64, read-only
    assert data.dates.dtype == np.dtype("datetime64[D]") and data.values.dtype == np.float64
    assert len(data.dates) == 31
    assert data.date_at(0) == D(2022, 1, 1) and data.date_at(30) == D(2024, 7, 1)
    assert data.values[-1] == on_a_line(D(2024, 7, 1))
    with pytest.raises(ValueError):
        data.values[0] = 0.0

    # the status is judged on the values up to the as-of date, like the status service
    assert data.latest == Point(D(2024, 6, 1), on_a_line(D(2024, 6, 1)))
    service = next(s for s in kpi_statuses(workspace, AS_OF) if s.kpi_id == straight_kpi)
    assert (data.status, data.progress) == (service.status, service.progress)
    assert data.reading.expected == pytest.approx(service.expected)

    assert data.baseline == (D(2024, 1, 1), 1000.0)
    assert data.target == (D(2024, 12, 1), 1800.0)
    assert data.milestones == ((D(2024, 9, 1), 1500.0),)
    # the pace line runs baseline -> milestone -> target and ends at the target
    assert data.pace == ((D(2024, 1, 1), 1000.0), (D(2024, 9, 1), 1500.0), (D(2024, 12, 1), 1800.0))
    assert data.pace[-1] == data.target

    # the forecast of values on a straight line is that line, exactly
    assert data.forecast is not None
    (start, start_value), (end, end_value) = data.forecast
    assert (start, end) == (D(2024, 6, 1), D(2024, 12, 1))
    assert start_value == pytest.approx(on_a_line(start))
    assert end_value == pytest.approx(on_a_line(end))
    assert end_value == pytest.approx(service.forecast)

    # one stretch, a steady trend: limits around its line, from the last 24 values on or
    # before the as-of date
    window = [on_a_line(d) for d in months(D(2022, 7, 1), 24)]
    expected = natural_process_limits(window)
    assert data.limits == expected
    assert data.limits_window == (D(2022, 7, 1), D(2024, 6, 1))
    assert data.trend_limits and len(data.stretches) == 1
    (band,) = data.stretches
    assert (band.first, band.end, band.count) == (D(2022, 1, 1), D(2024, 6, 1), 30)
    assert band.centre == pytest.approx((on_a_line(band.first), on_a_line(band.end)))
    assert band.upper[1] - band.centre[1] == pytest.approx(2.66 * 15.0)
    assert data.range_band is None
    assert data.as_of == AS_OF
    assert data.format_value(1234.6) == "€1,235"


def test_chart_data_of_a_range_kpi_and_of_a_kpi_with_few_values(workspace: Workspace) -> None:
    goal = workspace.goals.add("Operations")
    band = workspace.kpis.add(
        goal.id, "Stock days", direction="range", range_low=10, range_high=20, unit="days"
    )
    few = workspace.kpis.add(goal.id, "Leads", unit="leads")  # no plan at all
    workspace.measurements.write_many(
        [(band.id, D(2024, 1, 1), 12.0), (band.id, D(2024, 2, 1), 25.0)]
        + [(few.id, D(2024, 1, 1), 5.0), (few.id, D(2024, 2, 1), 7.0)]
    )
    data = chart_data(workspace, band.id, D(2024, 3, 1))
    assert data.range_band == (10.0, 20.0)
    assert data.status == Status.OFF_TRACK
    assert (data.pace, data.baseline, data.target, data.forecast) == ((), None, None, None)
    assert data.limits is not None and data.limits.mean == pytest.approx(18.5)

    data = chart_data(workspace, few.id, D(2024, 3, 1))
    assert data.status == Status.NO_DATA and data.latest == Point(D(2024, 2, 1), 7.0)
    assert data.forecast is None and data.range_band is None

    empty = workspace.kpis.add(goal.id, "Nothing yet")
    data = chart_data(workspace, empty.id, D(2024, 3, 1))
    assert not data.has_values and data.limits is None and data.limits_window is None


def test_forecast_line_ends_at_the_status_forecast_on_real_data(
    workspace: Workspace, employment_csv: Path
) -> None:
    kpi_id = employment_kpi(workspace, employment_csv)
    data = chart_data(workspace, kpi_id, D(2015, 12, 31))
    points = [Point(data.date_at(i), float(v)) for i, v in enumerate(data.values)]
    assert data.forecast is not None
    assert data.forecast[1][1] == pytest.approx(forecast_at(points, data.frequency, D(2016, 12, 1)))


# -- dates on the x axis --------------------------------------------------------------------


def test_date_to_x_is_local_midnight() -> None:
    days = [D(1969, 12, 31), D(1970, 1, 1), D(2024, 3, 31), D(2024, 10, 27), D(2024, 12, 31)]
    expected = [dt.datetime(d.year, d.month, d.day).timestamp() for d in days]
    assert [date_to_x(d) for d in days] == expected
    assert date_to_x(np.array(days, dtype="datetime64[D]")).tolist() == expected
    assert date_to_x(days).dtype == np.float64
    assert [x_to_date(x) for x in expected] == days


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset (Unix)")
@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/Sao_Paulo", "Australia/Sydney"])
def test_date_to_x_follows_daylight_saving(zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        days = np.arange(np.datetime64("2015-01-01"), np.datetime64("2019-01-01"))
        xs = date_to_x(days)
        expected = [dt.datetime(d.year, d.month, d.day).timestamp() for d in days.astype(object)]
        assert xs.tolist() == expected
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


# -- drawing --------------------------------------------------------------------------------


def drawn_names(plot: pg.PlotItem) -> list[str]:
    return sorted(i.name() for i in plot.listDataItems() if i.name())


def legend_names(plot: pg.PlotItem) -> list[str]:
    return [label.text for _sample, label in plot.legend.items]


def items_of(plot: pg.PlotItem, kind: type) -> list[object]:
    return [i for i in plot.items if isinstance(i, kind)]


def test_draw_chart_puts_every_part_in_the_plot(
    qtbot, workspace: Workspace, straight_kpi: int
) -> None:
    widget = make_chart_widget()
    qtbot.addWidget(widget)
    data = chart_data(workspace, straight_kpi, AS_OF)
    for _ in range(2):  # drawing again replaces, never piles up
        draw_chart(widget.plot, data)
        assert drawn_names(widget.plot) == sorted(
            ["Actual", "Plan", "Target", "Baseline", "Milestones", "Forecast", "Trend line"]
        )
        assert legend_names(widget.plot) == [
            "Actual",
            "Plan",
            "Target",
            "Baseline",
            "Milestones",
            "Forecast",
            "Trend line",  # the values climb steadily: limits around the line
            "Normal variation",
        ]
        assert len(items_of(widget.plot, pg.FillBetweenItem)) == 1
        assert len(items_of(widget.plot, pg.InfiniteLine)) == 1  # the target line
        assert not items_of(widget.plot, pg.LinearRegionItem)

    actual = find_item(widget.plot, "Actual")
    assert actual is not None
    assert actual.xData.tolist() == date_to_x(data.dates).tolist()
    assert actual.opts["symbol"] == "o"  # 31 values: markers on
    assert isinstance(widget.plot.getAxis("bottom"), pg.DateAxisItem)
    assert widget.plot.getAxis("left").labelText == "EUR"
    assert widget.plot.getAxis("left").tickStrings([12500.0, 15000.0], 1.0, 2500.0) == [
        "12,500",
        "15,000",
    ]
    target_line = items_of(widget.plot, pg.InfiniteLine)[0]
    assert target_line.value() == 1800.0 and target_line.pen.style() == Qt.PenStyle.DashLine

    # many values: no markers; a range KPI: the keep-within band
    many = np.arange(np.datetime64("2020-01-01"), np.datetime64("2021-09-01"))
    band = dataclasses.replace(
        data, dates=many, values=np.ones(len(many)), range_band=(0.5, 1.5), target=None
    )
    draw_chart(widget.plot, band, legend=False)
    assert find_item(widget.plot, "Actual").opts["symbol"] is None
    assert len(items_of(widget.plot, pg.LinearRegionItem)) == 1
    assert not items_of(widget.plot, pg.InfiniteLine)
    assert not widget.plot.legend.isVisible()


def test_draw_chart_adds_a_legend_to_a_bare_plot(qtbot, workspace: Workspace, straight_kpi: int):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    plot = widget.getPlotItem()
    draw_chart(plot, chart_data(workspace, straight_kpi, AS_OF), title=True)
    assert plot.legend is not None and "Actual" in legend_names(plot)
    assert isinstance(plot.getAxis("bottom"), pg.DateAxisItem)
    assert "Revenue" in plot.titleLabel.text
    assert widget.backgroundBrush().color() == QColor("#FFFFFF")  # not pyqtgraph's black


def light_and_dark_shares(image: QImage) -> tuple[float, float]:
    light = dark = total = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            lightness = QColor(image.pixel(x, y)).lightness()
            light += lightness > 230
            dark += lightness < 110
            total += 1
    return light / total, dark / total


def test_render_chart_png_is_a_crisp_light_image(
    qtbot, workspace: Workspace, straight_kpi: int, tmp_path: Path
) -> None:
    data = chart_data(workspace, straight_kpi, AS_OF)
    path = render_chart_png(data, tmp_path / "chart.png", 640, 360)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1280, 720)
    light, dark = light_and_dark_shares(image)
    assert light > 0.8, "the background must be white, not pyqtgraph's black"
    assert dark > 0.002, "the title, the axes and the line must be drawn"
    # the actual line passes through the plot: some pixels of its colour
    actual = QColor("#1F4E79")
    assert any(
        QColor(image.pixel(x, y)) == actual for y in range(150, 700, 2) for x in range(200, 1100, 2)
    )


# -- the pane --------------------------------------------------------------------------------


def employment_kpi(ws: Workspace, csv_path: Path) -> int:
    with csv_path.open(newline="", encoding="utf-8") as fh:
        rows = [
            (D.fromisoformat(r["month"]), float(r["leisure_and_hospitality"]))
            for r in csv.DictReader(fh)
        ]
    goal = ws.goals.add("Grow hospitality jobs")
    kpi = ws.kpis.add(
        goal.id,
        "Leisure and hospitality jobs",
        unit="thousand jobs",
        baseline_value=13500.0,
        baseline_date=D(2014, 1, 1),
        target_value=16000.0,
        target_date=D(2016, 12, 1),
    )
    ws.measurements.write_many([(kpi.id, d, v) for d, v in rows])
    return kpi.id


@pytest.fixture
def pane(qtbot, workspace: Workspace) -> ChartPane:
    document = Document(workspace)
    document.set_as_of(D(2015, 12, 31))
    widget = ChartPane(document)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def x_span_days(pane: ChartPane) -> float:
    (x0, x1), _ = pane.plot_item.getViewBox().viewRange()
    return (x1 - x0) / DAY


def test_pane_shows_real_data_with_header_presets_and_readout(
    qtbot, pane: ChartPane, workspace: Workspace, employment_csv: Path
) -> None:
    assert "Select a KPI" in pane.empty_label.text() and not pane.header.isVisible()
    kpi_id = employment_kpi(workspace, employment_csv)
    pane.show_kpi(kpi_id)
    data = pane.data
    assert data is not None and len(data.values) == 120
    header = pane.header_text()
    assert "Leisure and hospitality jobs" in header
    assert data.format_value(data.latest.value) in header  # e.g. "15,408 thousand jobs"
    assert "thousand jobs" in header
    assert data.status.label in header
    assert "of the way to target" in header and "31 Dec 2015" in header
    assert pane.badge_icon.pixmap() is not None and not pane.badge_icon.pixmap().isNull()
    assert pane.stack.currentWidget() is pane.chart_page
    assert pane.preset_buttons["All"].isChecked()

    span_all = x_span_days(pane)
    assert span_all > 10 * 365  # 2006 to the target date, end of 2016
    qtbot.mouseClick(pane.preset_buttons["1 year"], Qt.MouseButton.LeftButton)
    assert pane.preset_buttons["1 year"].isChecked() and not pane.preset_buttons["All"].isChecked()
    assert 365 <= x_span_days(pane) < 400
    (x0, x1), _ = pane.plot_item.getViewBox().viewRange()
    assert x0 < date_to_x(D(2014, 12, 1)) < x1 < date_to_x(D(2016, 1, 1))
    qtbot.mouseClick(pane.preset_buttons["6 months"], Qt.MouseButton.LeftButton)
    assert 180 <= x_span_days(pane) < 200
    qtbot.mouseClick(pane.preset_buttons["All"], Qt.MouseButton.LeftButton)
    assert x_span_days(pane) == pytest.approx(span_all)

    # the readout names the nearest actual value
    pane.hover_at(date_to_x(D(2015, 3, 3)))
    assert pane.readout.text() == f"Mar 2015: <b>{data.format_value(data.values[110])}</b>"
    # ... also when the mouse moves over the chart (rate-limited through a SignalProxy)
    view = pane.chart_widget
    vb = pane.plot_item.getViewBox()
    pane.readout.clear()
    for when, value in ((D(2010, 6, 1), data.values[53]), (D(2010, 7, 1), data.values[54])):
        scene_pos = vb.mapViewToScene(pg.Point(date_to_x(when), value))
        qtbot.mouseMove(view.viewport(), view.mapFromScene(scene_pos))
    qtbot.waitUntil(
        lambda: pane.readout.text().startswith(period_label(D(2010, 7, 1), data.frequency))
    )

    # keeps the preset and follows the document's edits
    pane.set_preset(12)
    workspace.measurements.upsert(kpi_id, D(2016, 1, 1), 15500.0)
    pane.document.set_as_of(D(2016, 1, 31))
    pane.document.measurements_changed.emit(kpi_id)
    assert "15,500 thousand jobs" in pane.header_text()
    assert pane.preset_buttons["1 year"].isChecked() and 365 <= x_span_days(pane) < 400

    workspace.kpis.update(kpi_id, name="Hospitality jobs")
    pane.document.kpi_changed.emit(kpi_id)
    assert pane.header_text().startswith("Hospitality jobs")
    workspace.kpis.delete(kpi_id)
    pane.document.goals_changed.emit()
    assert pane.kpi_id is None and pane.stack.currentWidget() is pane.empty_label


def test_pane_empty_states(pane: ChartPane, workspace: Workspace) -> None:
    goal = workspace.goals.add("New")
    kpi = workspace.kpis.add(goal.id, "Referrals", unit="referrals")
    pane.show_kpi(kpi.id)
    assert pane.empty_label.text() == "No values yet: add one in the table below"
    assert pane.stack.currentWidget() is pane.empty_label
    assert "Referrals" in pane.header_text() and "No data" in pane.header_text()
    pane.show_kpi(None)
    assert pane.empty_label.text() == "Select a KPI in the tree to see its chart"


def test_months_before() -> None:
    assert months_before(D(2024, 3, 31), 1) == D(2024, 2, 29)
    assert months_before(D(2024, 1, 15), 6) == D(2023, 7, 15)
    assert months_before(D(2024, 12, 1), 12) == D(2023, 12, 1)


def test_a_million_daily_values_draw_in_the_pane(pane: ChartPane, workspace: Workspace) -> None:
    goal = workspace.goals.add("Sensors")
    kpi = workspace.kpis.add(goal.id, "Readings", frequency="daily", unit="units")
    n = 1_000_000
    start = D(2000, 1, 1)
    one_day = dt.timedelta(days=1)
    dates = [start]
    for _ in range(n - 1):
        dates.append(dates[-1] + one_day)
    workspace.measurements.write_many([(kpi.id, d, float(i % 1000)) for i, d in enumerate(dates)])

    began = time.perf_counter()
    data = chart_data(workspace, kpi.id, dates[-1])
    loaded = time.perf_counter()
    pane.show_kpi(kpi.id)
    pane.grab()  # paints once
    drawn = time.perf_counter()
    print(  # noqa: T201
        f"\n1M points: chart_data {loaded - began:.2f} s, pane load + draw + paint "
        f"{drawn - loaded:.2f} s"
    )
    assert len(data.values) == n and pane.data is not None and pane.data.value_count == n
    actual = find_item(pane.plot_item, "Actual")
    assert actual.opts["symbol"] is None
    assert actual.opts["autoDownsample"] and actual.opts["clipToView"]
    pane.set_preset(6)
    assert 180 <= x_span_days(pane) < 200

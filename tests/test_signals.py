"""Signals of real change in the app: the service, red rings on the chart with a one-line
explanation in the pane's header, and the "Real change" tag on scorecard tiles."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QStyleOptionViewItem

from kpi_desktop.domain.types import Status
from kpi_desktop.domain.variation.xmr import SignalRule
from kpi_desktop.reports.chart import draw_chart, make_chart_widget
from kpi_desktop.reports.chart_signals import draw_signals, find_signals
from kpi_desktop.services.tracking.chart_data import chart_data
from kpi_desktop.services.tracking.signals import chart_signals, kpi_signals, workspace_signals
from kpi_desktop.services.workspace.demo import build_demo
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.kpi.chart_pane import ChartPane
from kpi_desktop.ui.scorecard.tile_layout import TileLayout
from kpi_desktop.ui.scorecard.view import ScorecardView
from kpi_desktop.ui.theme import status_ink

D = dt.date
TODAY = D(2026, 11, 15)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def jobs(workspace: Workspace, employment_csv: Path) -> int:
    """US hospitality jobs 2006-2015 (thousands), as a monthly KPI."""
    goal = workspace.goals.add("Jobs")
    kpi = workspace.kpis.add(
        goal.id,
        "Hospitality jobs",
        unit="thousand jobs",
        baseline_value=13000.0,
        baseline_date=D(2009, 1, 1),
        target_value=14500.0,
        target_date=D(2012, 12, 1),
    )
    with employment_csv.open(newline="", encoding="utf-8") as f:
        rows = [
            (kpi.id, D.fromisoformat(r["month"]), float(r["leisure_and_hospitality"]))
            for r in csv.DictReader(f)
        ]
    workspace.measurements.write_many(rows)
    assert kpi.id is not None
    return kpi.id


def test_service_reads_the_window_and_formats_in_the_unit(workspace: Workspace, jobs: int) -> None:
    report = kpi_signals(workspace, jobs, D(2008, 12, 31))
    # the level held since Sep 2007 (its limits from those 16 values) is left behind
    assert report.window == (D(2007, 9, 1), D(2008, 12, 1))
    assert report.real_change and report.side == -1
    assert report.explanation == (
        "Dec 2008 (13,256 thousand jobs) is below the usual range (down to 13,390 thousand "
        "jobs): too low to be chance."
    )
    # the chart's signals are the same, from what the chart already read
    data = chart_data(workspace, jobs, D(2008, 12, 31))
    assert chart_signals(data) == report
    assert workspace_signals(workspace, D(2008, 12, 31)) == {jobs: report}
    # a month later the fall has lasted: a new stretch, a falling trend, named as such
    report = kpi_signals(workspace, jobs, D(2009, 1, 31))
    assert report.explanation.startswith(
        "A new trend since Aug 2008 (6 values): falling about 42 thousand jobs a month, after "
        "a steady level near 13,510 thousand jobs"
    )


def test_rings_on_the_chart(qtbot, workspace: Workspace, jobs: int) -> None:
    widget = make_chart_widget()
    qtbot.addWidget(widget)
    data = chart_data(workspace, jobs, D(2008, 12, 31))
    draw_chart(widget.plot, data)
    report = chart_signals(data)
    rings = draw_signals(widget.plot, data, report)
    assert rings is not None and find_signals(widget.plot) is rings
    assert len(rings.points()) == len(report.signals) > 8
    assert rings.name() is None  # not in the legend
    legend_names = [label.text for _sample, label in widget.plot.legend.items]
    assert all("ignal" not in name for name in legend_names)
    tips = [rings.opts["tip"](x=0, y=0, data=p.data()) for p in rings.points()]
    assert tips == [s.explanation for s in report.signals]
    # drawing again replaces the rings; nothing to ring draws nothing
    again = draw_signals(widget.plot, data, report.signals)
    assert find_signals(widget.plot) is again
    assert sum(1 for i in widget.plot.items if i is rings) == 0
    assert draw_signals(widget.plot, data, []) is None and find_signals(widget.plot) is None


def test_chart_pane_shows_the_explanation_under_the_title(
    qtbot, workspace: Workspace, jobs: int
) -> None:
    doc = Document(workspace)
    doc.set_as_of(D(2008, 12, 31))
    pane = ChartPane(doc)
    qtbot.addWidget(pane)
    pane.resize(900, 500)
    pane.show()
    pane.show_kpi(jobs)
    assert pane.signal_label.isVisible()
    assert pane.signal_label.text().startswith("◯ Real change: Dec 2008 (13,256 thousand jobs)")
    assert find_signals(pane.plot_item) is not None
    assert pane.header_text().startswith("Hospitality jobs")  # the header API is unchanged
    # in 2015 job changes per month show no signal: no line, no rings
    goal = workspace.goals.list()[0]
    change = workspace.kpis.add(goal.id, "Jobs added", unit="thousand jobs")
    values = [210, 260, 190, 230, 280, 220, 250, 180, 240, 270, 200, 230, 260, 190, 220]
    months = [D(2014, 10 + i, 1) if i < 3 else D(2015, i - 2, 1) for i in range(15)]
    workspace.measurements.write_many(list(zip([change.id] * 15, months, values, strict=True)))
    doc.set_as_of(D(2015, 12, 31))
    pane.show_kpi(change.id)
    assert not pane.signal_label.isVisible()
    assert find_signals(pane.plot_item) is None


@pytest.fixture
def demo_doc(tmp_path: Path) -> Document:
    ws = Workspace.create(tmp_path / "demo.kpidb")
    build_demo(ws, TODAY)
    doc = Document(ws)
    doc.set_as_of(TODAY)
    yield doc
    doc.close()


def test_scorecard_tags_real_change(qtbot, demo_doc: Document) -> None:
    view = ScorecardView(demo_doc)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    reports = workspace_signals(demo_doc.workspace, TODAY)
    for tile in view.tiles():
        report = reports[tile.kpi_id]
        assert tile.real_change == report.explanation
        assert bool(tile.real_change) == report.real_change
    tagged = {t.name: t for t in view.tiles() if t.real_change}
    assert "Average wait at the counter" not in tagged  # noisy, but no signal lately
    # reviews jumped in April and the new level was recognised in September: known now,
    # so its values are judged against the new level and none is a surprise
    assert "New online reviews" not in tagged
    assert set(tagged) == {
        "Monthly revenue",  # 3 of the last 4 near the upper limit
        "Average web-shop basket",  # likewise
        "Web-shop orders",  # a new level, recognised with October's value
        "Web-shop sales",  # orders x basket: both up lately
    }
    reviews = tagged["Web-shop orders"]
    assert reviews.real_change == (
        "A new level since Mar 2026 (8 values): about 213 orders, up from 184 orders: "
        "a lasting change, not noise."
    )
    assert reviews.real_change_good is True
    # The tag is painted in green (good news), and its tooltip explains it.
    grid, model = view.grid, view.model
    index = model.index(model.row_of(reviews.kpi_id), 0)
    option = QStyleOptionViewItem()
    grid.initViewItemOption(option)
    option.rect = grid.visualRect(index)
    tag = TileLayout.of(QRectF(option.rect), grid.tile_delegate.fonts(grid.font()), reviews).tag
    image = grid.viewport().grab().toImage()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(int(tag.left()), int(tag.right()))
        for y in range(int(tag.top()), int(tag.bottom()))
    }
    # (the green of text: 4.5:1 against the tile, WCAG AA; issue 19)
    assert status_ink(Status.ON_TRACK, grid.palette()).name() in colours
    assert grid.tile_delegate.tooltip_at(tag.center(), option, index) == reviews.real_change
    orders = reports[tagged["Web-shop orders"].kpi_id]
    assert orders.latest_recent is not None and orders.new_shift is orders.latest_recent
    assert orders.latest_recent.rule == SignalRule.LONG_RUN

"""Last year alongside: the chart overlays the same months of last year when asked (the
chart pane's "Last year" toggle), and the chart exports of the pane follow the toggle."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from kpi_desktop.reports.chart import draw_chart, find_item, make_chart_widget
from kpi_desktop.services.tracking.chart_data import chart_data, last_year_values
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.exports.chart_dialog import ExportChartDialog
from kpi_desktop.ui.kpi.chart_pane import ChartPane
from kpi_desktop.ui.prompts import ScriptedPrompts

D = dt.date

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_last_year_is_the_year_before_the_last_twelve_months_moved_on() -> None:
    days = [D(2024, m, 1) for m in range(1, 13)] + [D(2025, m, 1) for m in range(1, 13)]
    dates = np.array(days, dtype="datetime64[D]")
    values = np.arange(24, dtype=np.float64)
    got = last_year_values(dates, values, D(2025, 10, 15))
    # from 15 Oct 2023 (excluded) to 15 Oct 2024: Jan..Oct 2024, drawn in 2025
    assert got == tuple((D(2025, m, 1), float(m - 1)) for m in range(1, 11))
    # a leap day moves to 28 February
    leap = np.array([D(2024, 2, 29)], dtype="datetime64[D]")
    assert last_year_values(leap, np.array([7.0]), D(2025, 3, 1)) == ((D(2025, 2, 28), 7.0),)
    assert last_year_values(dates[:0], values[:0], D(2025, 10, 15)) == ()


def test_the_chart_draws_last_year_only_when_asked(qtbot, demo: Workspace) -> None:
    kpi = demo.kpis.find("Monthly revenue")
    today = dt.date.today()
    plain = chart_data(demo, kpi.id, today)
    assert plain.last_year == ()
    data = chart_data(demo, kpi.id, today, last_year=True)
    stored = {p.period: p.value for p in demo.measurements.points(kpi.id)}
    assert len(data.last_year) >= 11
    for day, value in data.last_year:  # each is the stored value of a year before
        assert stored[day.replace(year=day.year - 1)] == value
    widget = make_chart_widget()
    qtbot.addWidget(widget)
    draw_chart(widget.plot, data)
    item = find_item(widget.plot, "Same months last year")
    assert item is not None and len(item.getData()[1]) == len(data.last_year)
    draw_chart(widget.plot, plain)
    assert find_item(widget.plot, "Same months last year") is None


def test_the_toggle_reaches_the_pane_and_its_exports(qtbot, demo: Workspace) -> None:
    doc = Document(demo)
    doc.set_as_of(dt.date.today())
    pane = ChartPane(doc)
    qtbot.addWidget(pane)
    pane.resize(900, 500)
    pane.show()
    kpi = demo.kpis.find("Monthly revenue")
    pane.show_kpi(kpi.id)
    assert find_item(pane.plot_item, "Same months last year") is None
    pane.last_year_button.click()
    assert doc.show_last_year and pane.data is not None and pane.data.last_year
    assert find_item(pane.plot_item, "Same months last year") is not None
    dialog = ExportChartDialog(doc, kpi.id, ScriptedPrompts())
    qtbot.addWidget(dialog)
    assert dialog.data.last_year == pane.data.last_year
    pane.last_year_button.click()
    assert not doc.show_last_year and find_item(pane.plot_item, "Same months last year") is None

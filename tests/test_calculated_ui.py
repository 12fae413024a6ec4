"""Calculated KPIs in the window: the wizard's "calculated from other KPIs" option with its
live preview, and a values table that shows derived values without letting them be typed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from kpi_desktop.services.workspace.demo import build_demo
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui import commands
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.kpi.measurements_model import VALUE
from kpi_desktop.ui.kpi.measurements_table import MeasurementsTable
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.wizard import NewKpiWizard
from kpi_desktop.ui.wizard.wizard import QUANTIFY

TODAY = dt.date(2026, 11, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def demo_doc(tmp_path: Path) -> Document:
    ws = Workspace.create(tmp_path / "demo.kpidb")
    build_demo(ws, TODAY)
    doc = Document(ws)
    doc.set_as_of(TODAY)
    yield doc
    doc.close()


def test_the_quantify_page_offers_a_formula_with_a_live_preview(qtbot, demo_doc: Document) -> None:  # type: ignore[no-untyped-def]
    ws = demo_doc.workspace
    w = NewKpiWizard(demo_doc, prompts=ScriptedPrompts(), open_help=lambda: None)
    qtbot.addWidget(w)
    w.show()
    w.align_page.select_goal(ws.goals.find("Grow the web shop").id)
    qtbot.mouseClick(w.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert w.currentId() == QUANTIFY
    q = w.quantify_page
    q.name.setText("Sales per order")
    q.unit_kind.setCurrentIndex(q.unit_kind.findData("currency"))
    q.decimals.setValue(2)
    box = q.calculated
    assert not box.formula.isVisible()
    box.enabled.setChecked(True)
    assert box.formula.isVisible()
    box.formula.setText("[web-shop sales] / [Web-shop orders]")
    box.refresh()
    sales = ws.measurements.points(ws.kpis.find("Web-shop sales").id)
    orders = ws.measurements.points(ws.kpis.find("Web-shop orders").id)
    last = f"€{sales[-1].value / orders[-1].value:,.2f}"
    assert box.preview_label.text().startswith("Last values: ")
    assert box.preview_label.text().endswith(f"Oct 2026 {last}")
    assert w.button(QWizard.WizardButton.NextButton).isEnabled()
    q.save()
    assert w.draft.fields["calculation"] == "[web-shop sales] / [Web-shop orders]"

    box.formula.setText("[Web-shop sales] + [Web-shop orders]")
    box.refresh()
    assert box.preview_label.text().startswith("Unit clash: the formula adds [Web-shop sales]")
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()
    assert q.problem(final=True) == box.preview_label.text()
    box.formula.setText("[Web-shop salez] / 2")
    box.refresh()
    assert "Unknown KPI [Web-shop salez]" in box.preview_label.text()
    box.enabled.setChecked(False)
    assert q.problem(final=True) is None and q.values()["calculation"] == ""
    w.grab().save("/tmp/17-wizard-quantify.png")


def test_a_calculated_kpi_is_shown_not_typed_and_follows_an_input_undo(
    qtbot, demo_doc: Document
) -> None:  # type: ignore[no-untyped-def]
    ws = demo_doc.workspace
    margin, profit = ws.kpis.find("Gross margin"), ws.kpis.find("Gross profit")
    table = MeasurementsTable(demo_doc)
    qtbot.addWidget(table)
    table.resize(700, 400)
    table.show()
    table.show_kpi(margin.id)
    model = table.model
    assert model.rowCount() == 24
    index = model.index(model.rowCount() - 1, VALUE)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not table.add_action.isEnabled() and not table.paste_action.isEnabled()
    assert "calculated: [Gross profit] / [Monthly revenue] * 100" in table._count.text()
    assert model.index(0, model.columnCount() - 1).data() == "Calculated"
    table.grab().save("/tmp/17-values-table.png")

    last = ws.measurements.points(margin.id)[-1]
    revenue = ws.kpis.find("Monthly revenue")
    rev = ws.measurements.points(revenue.id)[-1].value
    demo_doc.push(commands.SetValues(demo_doc, profit.id, [(last.period, rev * 0.7, None)]))
    assert ws.measurements.points(margin.id)[-1].value == pytest.approx(70.0)
    demo_doc.undo_stack.undo()
    assert ws.measurements.points(margin.id)[-1].value == pytest.approx(last.value)
    demo_doc.push(commands.SetValues(demo_doc, revenue.id, [(last.period, 0.0, None)]))
    assert ws.measurements.points(margin.id)[-1].period < last.period
    assert f"no value for {last.period:%b %Y}: division by zero" in table._count.text()


def test_what_if_panel_shows_the_result_at_once_and_stores_nothing(
    qtbot, demo_doc: Document
) -> None:  # type: ignore[no-untyped-def]
    from kpi_desktop.ui.kpi.kpi_editor import KpiEditor

    ws = demo_doc.workspace
    basket = ws.kpis.find("Average web-shop basket")
    editor = KpiEditor(demo_doc)
    qtbot.addWidget(editor)
    editor.show()
    editor.show_kpi(basket.id)
    assert editor._what_if_button.isVisible()
    panel = editor.what_if()
    assert panel is not None
    qtbot.addWidget(panel)
    stored = [p.value for p in ws.measurements.points(basket.id)]
    sales, orders = (i.value for i in panel.result.inputs)
    panel.sliders["Web-shop sales"].setValue(10)
    assert panel.fields["Web-shop sales"].text() == "+10%"
    panel.fields["Web-shop orders"].setText("250")
    assert panel.result.what_if_value == pytest.approx(sales * 1.1 / 250)
    assert "Value: €" in panel.outcome.text() and "Status: at risk" in panel.outcome.text()
    assert "Target €32.00" in panel.outcome.text()
    panel.resize(640, 320)
    panel.grab().save("/tmp/17-what-if.png")
    panel.fields["Web-shop orders"].setText("many")
    assert panel.message.text().startswith("Web-shop orders: 'many'")
    panel.fields["Web-shop orders"].setText("")
    assert [p.value for p in ws.measurements.points(basket.id)] == stored  # nothing stored
    dialog = panel.make_target()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert float(dialog.target.text()) == pytest.approx(sales * 1.1 / orders, abs=0.01)
    assert dialog.reason.text() == "What if: Web-shop sales +10%"
    dialog.accept()
    assert ws.kpis.get(basket.id).target_value == pytest.approx(sales * 1.1 / orders, abs=0.01)
    demo_doc.undo_stack.undo()
    assert ws.kpis.get(basket.id).target_value == 32.0

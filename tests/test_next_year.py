"""Plan next year (issue 21, item 5): this year's KPIs carried into the coming (fiscal)
year as a plan revision each, targets proposed by the sizing, this year's statuses kept."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from kpi_desktop.domain.periods import FiscalYear
from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.planning.next_year import coming_year, plan_next_year, propose_next_year
from kpi_desktop.services.planning.revisions import plan_history
from kpi_desktop.services.planning.workspace_settings import set_fiscal_year
from kpi_desktop.services.tracking.status import kpi_statuses
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.goals.plan_next_year import KPI, TARGET, PlanNextYearDialog
from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.settings import AppSettings

TODAY = dt.date.today()


def test_the_coming_year_follows_the_fiscal_year() -> None:
    assert coming_year(FiscalYear(1), dt.date(2026, 12, 7)) == (
        dt.date(2027, 1, 1),
        dt.date(2027, 12, 31),
    )
    assert coming_year(FiscalYear(4), dt.date(2027, 2, 10)) == (
        dt.date(2027, 4, 1),
        dt.date(2028, 3, 31),
    )


def test_next_year_is_planned_and_this_years_statuses_do_not_change(demo: Workspace) -> None:
    before = {s.kpi: (s.status, s.expected) for s in kpi_statuses(demo, TODAY)}
    plan = propose_next_year(demo, TODAY)
    assert plan.start == dt.date(TODAY.year + 1, 1, 1) and plan.name == str(TODAY.year + 1)
    names = [k.name for k in plan.kpis]
    assert "Food waste" not in names  # a keep-within-a-range KPI keeps its range
    revenue = next(k for k in plan.kpis if k.name == "Monthly revenue")
    assert revenue.proposed is not None and revenue.baseline is not None
    assert revenue.proposed > revenue.baseline  # the sizing's stretch, in the good direction
    targets = {k.kpi_id: k.proposed for k in plan.kpis if k.proposed is not None}
    targets[revenue.kpi_id] = 50000.0  # the owner edits one
    made = plan_next_year(demo, plan, targets)
    assert len(made) == len(targets)
    after = {s.kpi: (s.status, s.expected) for s in kpi_statuses(demo, TODAY)}
    assert after == before
    kpi = demo.kpis.get(revenue.kpi_id)
    assert (kpi.target_value, kpi.target_date) == (50000.0, plan.end)
    assert kpi.baseline_date == plan.start
    history = plan_history(demo, revenue.kpi_id)
    assert history[-1].start == plan.start
    # next year's statuses follow the new plan: the expected value starts at the baseline
    first_day = next(s for s in kpi_statuses(demo, plan.start) if s.kpi == "Monthly revenue")
    assert first_day.expected == pytest.approx(revenue.baseline)


def test_an_april_year_and_all_or_nothing(demo: Workspace) -> None:
    set_fiscal_year(demo, 4)
    plan = propose_next_year(demo, dt.date(2027, 2, 10))
    assert (plan.start, plan.end, plan.name) == (
        dt.date(2027, 4, 1),
        dt.date(2028, 3, 31),
        "FY 2027/28",
    )
    with pytest.raises(ValidationError):
        plan_next_year(demo, plan, {})
    ids = [k.kpi_id for k in plan.kpis]
    bad = {ids[0]: 100.0, ids[1]: float("nan")}  # the second refuses: the first is undone
    with pytest.raises(ValidationError):
        plan_next_year(demo, plan, bad)
    assert plan_history(demo, ids[0])[-1].start != plan.start


def test_plan_next_year_from_the_window_in_one_undo_step(qtbot, cafe, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(AppSettings(tmp_path / "settings.ini"), ScriptedPrompts())
    qtbot.addWidget(window)
    assert window.open_workspace(cafe)
    assert window.menus.next_year_action.isEnabled()
    dialog = window.plan_next_year()
    assert isinstance(dialog, PlanNextYearDialog) and dialog.isVisible()
    table = dialog.table
    names = [table.item(r, KPI).text() for r in range(table.rowCount())]
    revenue = names.index("Monthly revenue")
    assert table.item(revenue, KPI).checkState() == Qt.CheckState.Checked
    assert table.item(revenue, TARGET).text() != ""
    table.item(revenue, TARGET).setText("lots")
    dialog.plan_button.click()  # refused in place, nothing written
    assert dialog.isVisible() and 'must be a number (got "lots")' in dialog.message.message()
    table.item(revenue, TARGET).setText("52,000")
    for row in range(table.rowCount()):  # only revenue and the next one
        if row not in (revenue, revenue + 1):
            table.item(row, KPI).setCheckState(Qt.CheckState.Unchecked)
    dialog.plan_button.click()
    assert not dialog.isVisible()
    doc = window.document
    assert doc is not None
    kpi = doc.workspace.kpis.find("Monthly revenue")
    assert kpi.target_value == 52000.0 and kpi.target_date == dialog.plan.end
    other = doc.workspace.kpis.find(names[revenue + 1])
    assert other.target_date == dialog.plan.end
    assert doc.undo_stack.undoText().startswith(f"Plan {dialog.plan.name} (2 KPIs)")
    doc.undo_stack.undo()
    assert doc.workspace.kpis.find("Monthly revenue").target_value == 46000.0
    window.close_workspace()


def test_a_goals_kpis_only(demo: Workspace) -> None:
    regulars = demo.goals.find("Delight our regulars")
    plan = propose_next_year(demo, TODAY, [regulars.id])
    assert {k.goal for k in plan.kpis} == {"Delight our regulars"}
    assert len(plan.kpis) == 3

"""Fiscal years (issue 21, item 4): a workspace setting (the first month of the year) that
entry, pasting, import, reminders, sizing's milestones, the report and the GUI follow; a
change that would move stored values into other periods is refused."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from team_server import cafe_on

from kpi_desktop.cli import main
from kpi_desktop.domain.pasting import read_pasted_rows
from kpi_desktop.domain.periods import FiscalYear
from kpi_desktop.domain.types import Frequency, Point
from kpi_desktop.domain.variation.sizing import spread_milestones
from kpi_desktop.services.errors import ConflictError, ValidationError
from kpi_desktop.services.importing.file_import import import_file
from kpi_desktop.services.planning.workspace_settings import fiscal_year, set_fiscal_year
from kpi_desktop.services.tracking.reminders import due_kpis
from kpi_desktop.services.workspace.change_log import history
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.settings import AppSettings
from kpi_desktop.ui.workspace import fiscal_dialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
D = dt.date
APRIL = FiscalYear(4)


@pytest.fixture
def cafe(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Path | str]:
    """The demo for the command line, on a file or on the server (tests/team_server.py)."""
    yield from cafe_on(request, tmp_path, engine)


def _kpi(ws: Workspace, name: str, freq: str) -> int:
    goals = ws.goals.list()
    goal = goals[0] if goals else ws.goals.add("Grow")
    kpi = ws.kpis.add(goal.id, name, frequency=freq)
    assert kpi.id is not None
    return kpi.id


def test_the_setting_defaults_to_the_calendar_year_and_is_kept(workspace: Workspace) -> None:
    assert fiscal_year(workspace) == FiscalYear(1)
    assert set_fiscal_year(workspace, 4) == APRIL
    assert fiscal_year(workspace) == APRIL
    path = workspace.path
    workspace.close()
    with Workspace.open(path) as ws:
        assert fiscal_year(ws) == APRIL


@pytest.mark.parametrize("bad", [0, 13, "4", 4.0, True])
def test_only_a_month_1_to_12_is_accepted(workspace: Workspace, bad: object) -> None:
    with pytest.raises(ValidationError, match="1 \\(January\\) to 12 \\(December\\)"):
        set_fiscal_year(workspace, bad)  # type: ignore[arg-type]
    assert fiscal_year(workspace) == FiscalYear(1)


def test_a_change_is_in_the_change_log(workspace: Workspace) -> None:
    set_fiscal_year(workspace, 7)
    rows = [e for e in history(workspace) if e.what == "fiscal year starts in"]
    assert [(r.old, r.new) for r in rows] == [("January", "July")]


def test_values_typed_follow_an_april_year(workspace: Workspace) -> None:
    set_fiscal_year(workspace, 4)
    yearly, quarterly = _kpi(workspace, "Revenue", "yearly"), _kpi(workspace, "Orders", "quarterly")
    change = workspace.measurements.upsert(yearly, D(2026, 6, 15), 120.0)
    assert change.period == D(2026, 4, 1)  # FY 2026/27
    assert workspace.measurements.upsert(quarterly, D(2026, 2, 10), 5.0).period == D(2026, 1, 1)
    with pytest.raises(ValidationError, match="Q4 FY 2025/26"):  # two dates, one quarter
        workspace.measurements.upsert_many(
            quarterly, [(D(2026, 1, 5), 1.0, None), (D(2026, 3, 30), 2.0, None)]
        )
    pasted = read_pasted_rows("2025-05-01\t10\n2025-12-31\t11\n", Frequency.YEARLY, APRIL)
    assert pasted.problems == ["row 2: FY 2025/26 was already given in row 1 (a KPI has one "
                               "value per period)"]  # fmt: skip


def test_the_cli_names_the_fiscal_period(
    cafe: Path | str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(cafe) as ws:
        _kpi(ws, "Annual revenue", "yearly")
        set_fiscal_year(ws, 4)
    capsys.readouterr()
    argv = ["add-value", str(cafe), "--kpi", "annual revenue", "--period", "2026-06-15", "9"]
    assert main(argv) == 0
    assert "in FY 2026/27" in capsys.readouterr().out


def test_import_of_yearly_values_under_an_april_year(workspace: Workspace, tmp_path: Path) -> None:
    set_fiscal_year(workspace, 4)
    kpi = _kpi(workspace, "Revenue", "yearly")
    csv = tmp_path / "years.csv"
    csv.write_text("Date,Revenue\n2023-06-30,100\n2024-03-31,101\n2025-02-01,110\n")
    with pytest.raises(Exception, match="second value for Revenue in FY 2023/24"):
        import_file(workspace, csv)  # June 2023 and March 2024 are one fiscal year
    csv.write_text("Date,Revenue\n2023-06-30,100\n2024-12-31,110\n2026-03-31,120\n")
    import_file(workspace, csv)
    stored = workspace.measurements.points(kpi)
    assert [p.period for p in stored] == [D(2023, 4, 1), D(2024, 4, 1), D(2025, 4, 1)]


def test_an_import_planned_before_a_change_is_not_written(
    workspace: Workspace, tmp_path: Path
) -> None:  # noqa: E501
    from kpi_desktop.services.importing.file_import import apply_import, plan_import

    _kpi(workspace, "Revenue", "yearly")
    csv = tmp_path / "years.csv"
    csv.write_text("Date,Revenue\n2023-06-30,100\n")
    plan = plan_import(workspace, csv)
    set_fiscal_year(workspace, 4)
    with pytest.raises(Exception, match="fiscal year was changed"):
        apply_import(workspace, plan)
    assert workspace.measurements.count(workspace.kpis.find("Revenue").id) == 0


def test_a_change_that_would_move_values_is_refused(workspace: Workspace) -> None:
    yearly, quarterly = _kpi(workspace, "Revenue", "yearly"), _kpi(workspace, "Orders", "quarterly")
    monthly = _kpi(workspace, "Visitors", "monthly")
    workspace.measurements.upsert(yearly, D(2025, 3, 1), 1.0)  # stored for 1 Jan 2025
    workspace.measurements.upsert(quarterly, D(2025, 5, 1), 1.0)  # stored for 1 Apr 2025
    workspace.measurements.upsert(monthly, D(2025, 5, 9), 1.0)
    with pytest.raises(ConflictError, match='"Revenue" has values') as refused:
        set_fiscal_year(workspace, 4)
    assert "Orders" not in str(refused.value)  # April quarters start on the same days
    assert "Visitors" not in str(refused.value)
    assert fiscal_year(workspace) == FiscalYear(1)
    with pytest.raises(ConflictError, match='"Orders" and "Revenue" have'):
        set_fiscal_year(workspace, 2)  # February quarters start in Feb, May, Aug, Nov
    workspace.measurements.delete(yearly, D(2025, 1, 1))
    assert set_fiscal_year(workspace, 4) == APRIL  # nothing is left on a wrong day
    assert [p.period for p in workspace.measurements.points(quarterly)] == [D(2025, 4, 1)]


def test_milestones_on_old_period_starts_refuse_a_change_too(workspace: Workspace) -> None:
    goal = workspace.goals.add("Grow")
    workspace.kpis.add_with_milestones(
        goal.id, "Revenue", [Point(D(2027, 1, 1), 5.0)], frequency="yearly"
    )
    with pytest.raises(ConflictError, match="Revenue"):
        set_fiscal_year(workspace, 7)


def test_milestones_spread_over_fiscal_years_and_quarters() -> None:
    years = spread_milestones(
        100, 130, D(2026, 4, 1), D(2029, 3, 31), Frequency.YEARLY, fiscal=APRIL
    )
    assert [m.period for m in years] == [D(2027, 4, 1), D(2028, 4, 1)]
    assert [round(m.value) for m in years] == [115, 130]
    feb = FiscalYear(2)
    quarters = spread_milestones(
        0, 4, D(2026, 2, 1), D(2027, 1, 31), Frequency.QUARTERLY, fiscal=feb
    )
    assert [m.period for m in quarters] == [D(2026, 5, 1), D(2026, 8, 1), D(2026, 11, 1)]


def test_reminders_name_the_fiscal_period(workspace: Workspace) -> None:
    set_fiscal_year(workspace, 4)
    kpi = _kpi(workspace, "Revenue", "yearly")
    workspace.measurements.upsert(kpi, D(2024, 4, 1), 1.0)
    (due,) = due_kpis(workspace, D(2026, 5, 1))
    assert due.state.missing == (D(2025, 4, 1),)
    assert due.message == "needs the value for FY 2025/26"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing")
def test_the_report_names_fiscal_periods(workspace: Workspace, tmp_path: Path) -> None:
    set_fiscal_year(workspace, 4)
    goal = workspace.goals.add("Grow")
    kpi = workspace.kpis.add(
        goal.id,
        "Revenue",
        frequency="yearly",
        baseline_value=100.0,
        baseline_date=D(2022, 4, 1),
        target_value=200.0,
        target_date=D(2027, 3, 31),
    )
    orders = workspace.kpis.add(goal.id, "Orders", frequency="quarterly")
    for year, value in ((2022, 100), (2023, 120), (2024, 130), (2025, 150)):
        workspace.measurements.upsert(kpi.id, D(year, 6, 1), float(value))
    workspace.measurements.upsert(orders.id, D(2026, 2, 10), 7.0)
    path = workspace.path
    workspace.close()
    pdf = tmp_path / "report.pdf"
    assert main(["report", str(path), "-o", str(pdf), "--as-of", "2026-05-01"]) == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    text = " ".join(text.split())
    assert "Fiscal year April to March: FY 2026/27 runs from 1 April 2026 to 31 March 2027" in text
    assert "FY 2025/26" in text  # Revenue's latest value
    assert "Q4 FY 2025/26" in text  # Orders' value of February 2026
    assert "Results to FY 2025/26" in text or "Results to Q4 FY 2025/26" in text


def test_edit_fiscal_year_applies_at_once_and_is_one_undo_step(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, monkeypatch
) -> None:
    kpi = _kpi(workspace, "Revenue", "yearly")
    path = workspace.path
    workspace.close()
    window = MainWindow(AppSettings(), ScriptedPrompts())
    qtbot.addWidget(window)
    assert window.open_workspace(path)
    assert window.menus.fiscal_action.isEnabled()
    touched: list[int] = []
    window.document.kpi_changed.connect(touched.append)

    def choose_april(dialog: QDialog) -> int:
        assert dialog.month.currentText() == "January"
        dialog.month.setCurrentIndex(3)
        assert "April to March" in dialog.meaning.text()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(fiscal_dialog.FiscalYearDialog, "exec", choose_april)
    assert window.edit_fiscal_year()
    doc = window.document
    assert fiscal_year(doc.workspace) == APRIL and doc.fiscal == APRIL
    assert doc.undo_stack.undoText() == "Fiscal year starts in April"
    assert kpi in touched  # the yearly KPI's values and chart are read anew
    doc.undo_stack.undo()
    assert fiscal_year(doc.workspace) == FiscalYear(1) and doc.fiscal == FiscalYear(1)
    doc.undo_stack.redo()
    assert doc.fiscal == APRIL
    window.close_workspace()


def test_a_refused_change_is_shown_and_not_stacked(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, monkeypatch
) -> None:
    kpi = _kpi(workspace, "Revenue", "yearly")
    workspace.measurements.upsert(kpi, D(2025, 1, 1), 1.0)
    path = workspace.path
    workspace.close()
    prompts = ScriptedPrompts()
    window = MainWindow(AppSettings(), prompts)
    qtbot.addWidget(window)
    assert window.open_workspace(path)
    shown: list[str] = []
    monkeypatch.setattr(window, "_error", lambda title, message: shown.append(message))

    def choose_july(dialog: QDialog) -> int:
        dialog.month.setCurrentIndex(6)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(fiscal_dialog.FiscalYearDialog, "exec", choose_july)
    assert not window.edit_fiscal_year()
    assert len(shown) == 1 and "Revenue" in shown[0] and "July" in shown[0]
    assert window.document.undo_stack.count() == 0
    assert fiscal_year(window.document.workspace) == FiscalYear(1)
    window.close_workspace()


def test_achievements_name_fiscal_years(workspace: Workspace) -> None:
    from kpi_desktop.services.tracking.achievements import workspace_achievements

    set_fiscal_year(workspace, 4)
    goal = workspace.goals.add("Grow")
    kpi = workspace.kpis.add(goal.id, "Revenue", frequency="yearly")
    for k in range(6):
        workspace.measurements.upsert(kpi.id, D(2019 + k, 9, 1), 100.0 + k)
    texts = [a.achievement.text for a in workspace_achievements(workspace)]
    assert "Best year yet: 105 in FY 2024/25" in texts

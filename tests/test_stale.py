"""Stale values (issue 21, item 3): a KPI whose latest value is older than one period plus
a grace is marked stale in status --json, the tree, the tiles, the scorecard filter and
the report; the grace is a workspace setting, undoable."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from kpi_desktop.cli import main
from kpi_desktop.domain.due import is_stale, stale_from
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.planning.workspace_settings import grace_days, set_grace_days
from kpi_desktop.services.tracking.status import kpi_statuses
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui import commands
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.goals.goal_tree_model import GoalTreeModel
from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.scorecard.view import ScorecardView
from kpi_desktop.ui.settings import AppSettings
from kpi_desktop.ui.workspace import stale_dialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
D = dt.date
FRESH, OLD = D(2026, 12, 6), D(2027, 2, 1)  # the demo's values end with November 2026


@pytest.mark.parametrize(
    ("latest", "freq", "grace", "first_stale"),
    [
        (D(2026, 10, 1), Frequency.MONTHLY, 10, D(2026, 12, 11)),
        (D(2026, 10, 1), Frequency.MONTHLY, 0, D(2026, 12, 1)),
        (D(2026, 12, 1), Frequency.DAILY, 2, D(2026, 12, 5)),
        (D(2026, 11, 30), Frequency.WEEKLY, 3, D(2026, 12, 17)),
        (D(2026, 7, 1), Frequency.QUARTERLY, 10, D(2027, 1, 11)),
        (D(2025, 1, 1), Frequency.YEARLY, 30, D(2027, 1, 31)),
    ],
)
def test_stale_from_one_period_plus_the_grace(
    latest: dt.date, freq: Frequency, grace: int, first_stale: dt.date
) -> None:
    assert stale_from(latest, freq, grace) == first_stale
    assert not is_stale(latest, freq, first_stale - dt.timedelta(days=1), grace)
    assert is_stale(latest, freq, first_stale, grace)


def test_no_value_is_not_stale() -> None:
    assert not is_stale(None, Frequency.MONTHLY, D(2030, 1, 1), 0)


def test_status_json_says_stale_at_a_chosen_as_of(demo: Workspace, capsys) -> None:  # type: ignore[no-untyped-def]
    path = demo.path
    demo.close()
    for as_of, expected in ((FRESH, False), (OLD, True)):
        assert main(["status", str(path), "--as-of", as_of.isoformat(), "--json"]) == 0
        rows = json.loads(capsys.readouterr().out)
        assert {r["stale"] for r in rows} == {expected}
    assert main(["status", str(path), "--as-of", OLD.isoformat()]) == 0
    text = capsys.readouterr().out
    assert "At risk (stale)" in text and "11 stale" in text


def test_the_grace_is_a_workspace_setting(demo: Workspace) -> None:
    assert grace_days(demo) == 10
    as_of = D(2027, 1, 5)  # November's successor ended 31 Dec: stale from 11 Jan
    assert not any(s.stale for s in kpi_statuses(demo, as_of))
    set_grace_days(demo, 3)
    assert all(s.stale for s in kpi_statuses(demo, as_of))
    with pytest.raises(ValidationError, match="0 to 366"):
        set_grace_days(demo, -1)
    assert grace_days(demo) == 3


def test_tree_and_tiles_mark_stale_kpis_and_the_filter_keeps_them(qtbot, demo: Workspace) -> None:  # type: ignore[no-untyped-def]
    doc = Document(demo)
    doc.set_as_of(OLD)
    model = GoalTreeModel(doc)
    model.reload()
    labels, goals = [], []
    stack = [model.index(g, 0) for g in range(model.rowCount())]
    while stack:
        index = stack.pop()
        stack += [model.index(r, 0, index) for r in range(model.rowCount(index))]
        label = index.siblingAtColumn(1).data()
        (labels if index.data(GoalTreeModel.KindRole) == "kpi" else goals).append(label)
    assert len(labels) == 11 and all(label.endswith("(stale)") for label in labels)
    assert not any("stale" in label for label in goals)  # a goal's roll-up is not a value
    view = ScorecardView(doc)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    assert "11 stale" in view.summary_label.text()
    view.set_stale_filter(True)
    assert view.model.rowCount() == 11
    doc.set_as_of(FRESH)
    view.refresh()
    assert view.model.rowCount() == 0  # nothing stale today
    assert "No KPI matches" in view.empty_label.text()
    view.clear_filters()
    assert view.model.rowCount() == 11 and not view.stale_check.isChecked()
    doc.close()


def test_edit_stale_values_is_one_undo_step(qtbot, demo: Workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = demo.path
    demo.close()
    window = MainWindow(AppSettings(), ScriptedPrompts())
    qtbot.addWidget(window)
    assert window.open_workspace(path)
    assert window.menus.stale_action.isEnabled()

    def accept(dialog: QDialog) -> int:
        dialog.days.setValue(25)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(stale_dialog.StaleGraceDialog, "exec", accept)
    assert window.edit_stale_grace()
    ws = window.document.workspace
    assert grace_days(ws) == 25
    assert window.document.undo_stack.undoText() == "Stale after 25 days' grace"
    window.document.undo_stack.undo()
    assert grace_days(ws) == 10
    assert isinstance(commands.SetStaleGrace(window.document, 5), commands.EditCommand)
    window.close_workspace()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing")
def test_the_report_marks_stale_kpis(demo: Workspace, tmp_path: Path) -> None:
    path = demo.path
    demo.close()
    pdf = tmp_path / "report.pdf"
    assert main(["report", str(path), "-o", str(pdf), "--as-of", OLD.isoformat()]) == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert text.count("stale") >= 9

"""The change log (issue 21, item 2): every kind of edit leaves a row (what, before and
after, when, who) written in the edit's own transaction; `kpi-desktop history`; the
History dialog."""

from __future__ import annotations

import datetime as dt
import inspect
import json
import sqlite3
from pathlib import Path

import pytest

from kpi_desktop.cli import main
from kpi_desktop.domain.types import Point
from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.workspace import change_log
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui import commands
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.importing.command import ImportValues
from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.review.dialog import SaveReview
from kpi_desktop.ui.settings import AppSettings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
D = dt.date


def count(ws: Workspace) -> int:
    return len(change_log.history(ws))


def newest(ws: Workspace) -> change_log.Change:
    return change_log.history(ws, limit=1)[0]


def test_every_undo_command_is_logged_and_so_is_its_undo(qtbot, demo: Workspace) -> None:  # type: ignore[no-untyped-def]
    doc = Document(demo)
    goal = demo.goals.find("Grow profitable revenue")
    waste = demo.kpis.find("Food waste")
    kpi = demo.kpis.find("Monthly revenue")
    other = demo.goals.find("Delight our regulars")
    # EditKpiWithMilestones revises the plan from this month; a revision must come later
    next_month = (dt.date.today().replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    made = {
        commands.AddGoal: lambda: commands.AddGoal(doc, "Open a second cafe"),
        commands.EditGoal: lambda: commands.EditGoal(doc, goal.id, owner="Ben"),
        commands.MoveGoal: lambda: commands.MoveGoal(doc, other.id, goal.id),
        commands.DeleteGoal: lambda: commands.DeleteGoal(doc, other.id, other.title),
        commands.AddKpi: lambda: commands.AddKpi(doc, goal.id, "Catering orders", unit="orders"),
        commands.EditKpi: lambda: commands.EditKpi(doc, kpi.id, target_value=48000.0),
        commands.EditKpiWithMilestones: lambda: commands.EditKpiWithMilestones(
            doc, kpi.id, [Point(D(2027, 6, 1), 44000.0)], target_value=47000.0
        ),
        commands.MoveKpi: lambda: commands.MoveKpi(doc, kpi.id, goal.id, 0),
        commands.SetValues: lambda: commands.SetValues(doc, kpi.id, [(D(2026, 11, 1), 1.0, None)]),
        commands.SetNote: lambda: commands.SetNote(doc, kpi.id, D(2026, 11, 1), "price rise"),
        commands.DeleteValues: lambda: commands.DeleteValues(doc, kpi.id, [D(2026, 10, 1)]),
        commands.RevisePlan: lambda: commands.RevisePlan(
            doc, kpi.id, next_month, reason="second shop", target_value=52000.0
        ),
        # (not Monthly revenue: an input of Gross margin cannot be deleted)
        commands.DeleteKpi: lambda: commands.DeleteKpi(doc, waste.id, waste.name),
        commands.SetStaleGrace: lambda: commands.SetStaleGrace(doc, 20),
        commands.SetFiscalYear: lambda: commands.SetFiscalYear(doc, 7),
    }
    edit_commands = {
        c
        for c in vars(commands).values()
        if inspect.isclass(c)
        and issubclass(c, commands.EditCommand)
        and not c.__name__.startswith("_")
    } - {commands.EditCommand}
    assert edit_commands == set(made)  # a new command needs a line here
    for kind, make in made.items():
        before = count(demo)
        command = make()
        assert doc.push(command) is None, kind.__name__
        assert count(demo) > before, f"{kind.__name__} left no trace"
        after = count(demo)
        doc.undo_stack.undo()
        assert count(demo) > after, f"undo of {kind.__name__} left no trace"
        doc.undo_stack.redo()
    who = {c.who for c in change_log.history(demo)}
    assert who == {change_log.current_user()}
    doc.close()


def test_a_field_edit_keeps_the_value_before_and_after(demo: Workspace) -> None:
    kpi = demo.kpis.find("Monthly revenue")
    demo.kpis.update(kpi.id, target_value=48000.0)
    change = newest(demo)
    assert (change.kind, change.name, change.what) == ("kpi", "Monthly revenue", "target_value")
    assert (change.old, change.new) == ("46000", "48000")
    assert dt.datetime.fromisoformat(change.at) <= dt.datetime.now()


def test_a_refused_edit_leaves_no_row(demo: Workspace) -> None:
    kpi = demo.kpis.find("Monthly revenue")
    before = count(demo)
    with pytest.raises(ValidationError):
        demo.measurements.upsert(kpi.id, D(2099, 1, 1), 1.0)  # rolled back: no log either
    assert count(demo) == before


def test_an_import_is_one_row_not_one_per_value(demo: Workspace, tmp_path: Path) -> None:
    csv = tmp_path / "values.csv"
    rows = [f"2020-{m:02d}-01,{1000 + m}" for m in range(1, 13)]
    csv.write_text("date,Monthly revenue\n" + "\n".join(rows) + "\n")
    before = count(demo)
    path = demo.path
    demo.close()
    assert main(["import", str(path), str(csv)]) == 0
    with Workspace.open(path) as ws:
        assert count(ws) == before + 1
        change = newest(ws)
    assert (change.what, change.name) == ("import", "values.csv")
    assert change.new.startswith("12 new")
    # many values typed or pasted at once: one summary row for the KPI
    with Workspace.open(path) as ws:
        kpi = ws.kpis.find("Web-shop orders")
        ws.measurements.upsert_many(kpi.id, [(D(2023, m, 1), float(m), None) for m in range(1, 13)])
        assert (newest(ws).what, newest(ws).new) == ("values", "12 set")


@pytest.mark.file_only  # reads the SQLite file itself
def test_the_log_survives_closing_and_the_cli_filters_it(demo: Workspace, capsys) -> None:  # type: ignore[no-untyped-def]
    kpi = demo.kpis.find("Gross margin")
    demo.kpis.update(kpi.id, owner="Ben")
    path = demo.path
    demo.close()
    assert main(["history", str(path), "--kpi", "gross margin", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0] == {
        **rows[0],
        "kind": "kpi",
        "name": "Gross margin",
        "what": "owner",
        "old": "Maria",
        "new": "Ben",
    }
    assert {r["name"] for r in rows if r["kind"] != "action"} == {"Gross margin"}  # and its actions
    assert main(["history", str(path), "--since", "2999-01-01"]) == 0
    assert "No changes recorded since 2999-01-01" in capsys.readouterr().out
    assert main(["history", str(path), "--kpi", "nothing like it"]) == 1
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM change_log").fetchone()[0] > 10


def test_edit_history_shows_the_selected_kpi_first_and_searches(qtbot, demo: Workspace) -> None:  # type: ignore[no-untyped-def]
    kpi = demo.kpis.find("Food waste")
    demo.kpis.update(kpi.id, owner="Ben")
    path = demo.path
    demo.close()
    window = MainWindow(AppSettings(), ScriptedPrompts())
    qtbot.addWidget(window)
    assert window.open_workspace(path)
    assert window.view.tree.select("kpi", kpi.id)
    dialog = window.show_history()
    assert dialog is not None and dialog.isVisible()
    assert dialog.scope.currentText() == 'The KPI "Food waste"'
    rows = dialog.rows_shown()
    assert rows and all("Food waste" in r[2] for r in rows)
    assert rows[0][2:] == ("kpi Food waste: owner", "Aylin → Ben")  # fields in words
    dialog.scope.setCurrentIndex(0)
    assert len(dialog.rows_shown()) > len(rows)
    dialog.search.setText("ben aylin")
    assert dialog.rows_shown() == [rows[0]]
    assert "1 of" in dialog.count_label.text()
    window.close_workspace()
    assert not dialog.isVisible() if dialog is not None else True


def test_review_and_import_commands_are_logged_too() -> None:
    # both live beside their windows; they write through services the hook watches
    assert issubclass(SaveReview, commands.EditCommand)
    assert issubclass(ImportValues, commands.EditCommand)


def test_the_history_dialog_speaks_german(qtbot, demo: Workspace) -> None:  # type: ignore[no-untyped-def]
    from translation_probe import speaking

    kpi = demo.kpis.find("Food waste")
    demo.kpis.update(kpi.id, owner="Ben")
    demo.kpis.update(kpi.id, target_value=1.5)
    demo.measurements.upsert(kpi.id, D(2026, 11, 1), 1234.5)
    path = demo.path
    demo.close()
    with speaking("de") as probe:
        window = MainWindow(AppSettings(), ScriptedPrompts())
        qtbot.addWidget(window)
        assert window.open_workspace(path)
        assert window.view.tree.select("kpi", kpi.id)
        dialog = window.show_history()
        assert dialog is not None
        assert dialog.scope.currentText() == "Die KPI „Food waste“"
        rows = [r[2:] for r in dialog.rows_shown()]
        assert rows[0] == ("Wert Food waste: 1. Nov. 2026 Quelle", "demo → manual")
        assert rows[1] == ("Wert Food waste: 1. Nov. 2026", "2,7 → 1.234,5")
        assert rows[2:4] == [
            ("KPI Food waste: Zielwert", "1,5"),
            ("KPI Food waste: Verantwortlich", "Aylin → Ben"),
        ]
        window.close_workspace()
    assert not probe.missing, sorted(probe.missing)
    with Workspace.open(path) as ws:  # the CLI's lines stay English
        lines = [c.line() for c in change_log.history(ws, limit=2)]
        assert lines[1].endswith('value "Food waste": 2026-11-01 2.7 → 1234.5'), lines


def test_summary_rows_in_german_words() -> None:
    from kpi_desktop.i18n.catalogue import DEFAULT, set_language

    imported = change_log.Change(
        "2026-12-07T10:00:00", "anna", "value", None, None, "sales.csv", "import",
        "", "1200 new, 3 replaced, 0 kept, 2 KPIs created",
    )  # fmt: skip
    removed = change_log.Change(
        "2026-12-07T10:00:00", "anna", "action", None, None, "Call supplier", "done", "True", ""
    )
    assert change_log.in_words(imported)[1] == "1,200 new, 3 replaced, 0 kept, 2 KPIs created"
    set_language("de")
    try:
        assert change_log.in_words(imported) == (
            "Wert sales.csv: Import",
            "1.200 neu, 3 ersetzt, 0 behalten, 2 KPIs angelegt",
        )
        assert change_log.in_words(removed) == ("Aktion Call supplier: erledigt", "ja (entfernt)")
    finally:
        set_language(DEFAULT)

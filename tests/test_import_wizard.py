"""The "Import data" wizard, page by page, with real data (US employment, a wide monthly
file) and small files made for each case. No test opens a modal dialog."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard

from kpi_desktop.services.importing import file_import as importing
from kpi_desktop.services.importing.file_import import RowProblem
from kpi_desktop.services.tracking.measurements import OnConflict
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.importing.wizard import (
    FILE,
    MAPPING,
    PREVIEW,
    RESULT,
    ImportValues,
    ImportWizard,
    column_names,
)
from kpi_desktop.ui.prompts import ScriptedPrompts

D = dt.date
NEXT = QWizard.WizardButton.NextButton
BACK = QWizard.WizardButton.BackButton
IMPORT = QWizard.WizardButton.CommitButton
FINISH = QWizard.WizardButton.FinishButton
CANCEL = QWizard.WizardButton.CancelButton


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any modal dialog is a bug here: fail instead of hanging."""

    def refuse(*_: object, **__: object) -> int:
        raise AssertionError("a modal dialog was opened")

    monkeypatch.setattr(QDialog, "exec", refuse)


@pytest.fixture
def doc(workspace: Workspace) -> Document:
    document = Document(workspace)
    yield document
    document.close()


@pytest.fixture
def sales(doc: Document) -> Document:
    """A goal "Sales" with a monthly KPI "Revenue" and a weekly KPI "Visits"."""
    ws = doc.workspace
    goal = ws.goals.add("Sales")
    assert goal.id is not None
    ws.kpis.add(goal.id, "Revenue", unit="EUR", frequency="monthly")
    ws.kpis.add(goal.id, "Visits", unit="visits", frequency="weekly")
    return doc


def make(qtbot, doc: Document, path: Path | None = None, files: list[str] | None = None):  # type: ignore[no-untyped-def]
    prompts = ScriptedPrompts(files=files)
    wizard = ImportWizard(doc, prompts=prompts, path=path)
    wizard.prompts = prompts  # for the test to look at
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def click(qtbot, wizard: ImportWizard, which: QWizard.WizardButton) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def enabled(wizard: ImportWizard, which: QWizard.WizardButton = NEXT) -> bool:
    button = wizard.button(which)
    return button.isVisible() and button.isEnabled()


def to_preview(qtbot, wizard: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    assert wizard.currentId() == FILE
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == MAPPING
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == PREVIEW


def counts(ws: Workspace) -> tuple[int, int, int]:
    """(goals, KPIs, measurements) in the workspace file."""
    conn = sqlite3.connect(ws.path)
    try:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("goal", "kpi", "measurement")
        )
    finally:
        conn.close()


def stored(ws: Workspace, kpi: str) -> dict[dt.date, float]:
    kpi_id = ws.kpis.find(kpi).id
    assert kpi_id is not None
    return {m.period: m.value for m in ws.measurements.list(kpi_id)}


def write(tmp_path: Path, text: str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def revenue_csv(tmp_path: Path, values: dict[int, str], name: str = "revenue.csv") -> Path:
    lines = ["date,Revenue"] + [f"2024-{m:02d}-15,{v}" for m, v in sorted(values.items())]
    return write(tmp_path, "\n".join(lines) + "\n", name)


# -- the whole walk with the real file --------------------------------------------------------


def test_import_the_employment_file_creating_its_kpis(
    qtbot,
    doc: Document,  # type: ignore[no-untyped-def]
    employment_csv: Path,
) -> None:
    ws = doc.workspace
    w = make(qtbot, doc, files=[str(employment_csv)])
    imported: list[object] = []
    w.imported.connect(imported.append)

    # File: nothing chosen yet, then Browse… (through the prompts, never a real dialog)
    assert w.currentId() == FILE and not enabled(w)
    click(qtbot, w, NEXT)
    assert w.currentId() == FILE  # a click does not get past an empty path either
    qtbot.mouseClick(w.file_page.browse, Qt.MouseButton.LeftButton)
    assert w.prompts.asked[0][0] == "open_file"
    assert w.file_page.path.text() == str(employment_csv)
    assert not w.file_page.form.isRowVisible(w.file_page.sheet)  # a CSV has no sheets
    assert enabled(w)
    click(qtbot, w, NEXT)

    # Mapping: detected as wide with the date in "month"; no KPI matches yet
    m = w.mapping_page
    assert w.currentId() == MAPPING
    assert m.layout_choice.value() == "wide"
    assert m.combos["date"].currentText() == "month"
    assert not m.columns_form.isRowVisible(m.combos["kpi"])
    assert not m.date_box.isVisibleTo(m)  # ISO dates are not ambiguous
    assert not enabled(w)
    assert m.message.message() == (
        "No column is named after a KPI of this workspace. Tick \"Create KPIs that don't exist "
        'yet" to make 23 new KPIs (nonfarm, private, goods_producing, …), or name the columns '
        "after your KPIs."
    )
    m.create_missing.setChecked(True)
    assert enabled(w) and m.message.message() == ""
    assert m.goal.currentText() == "Imported"
    assert m.found.text() == "Found 2,760 values for 23 KPIs in 120 rows. 23 KPIs will be created."
    click(qtbot, w, NEXT)

    # Preview: the first 20 values, what will be created, no conflicts; Import, not Next
    p = w.preview_page
    assert w.currentId() == PREVIEW
    assert counts(ws) == (0, 0, 0)  # nothing written yet
    assert p.rows_model.rowCount() == 20
    assert [p.rows_model.text(0, c) for c in range(4)] == ["2", "Jan 2006", "nonfarm", "135,450"]
    assert [p.rows_model.text(11, c) for c in range(4)] == [
        "2",
        "Jan 2006",
        "wholesale_trade",
        "5,840.4",
    ]
    assert p.rows_view.isColumnHidden(4)  # "Stored now" only matters with conflicts
    assert p.summary.text().startswith(
        "2,760 values for 23 KPIs, from 120 rows of us-employment.csv. The first 20 are shown."
    )
    assert 'KPIs to create under "Imported": nonfarm (monthly), private (monthly)' in (
        p.summary.text()
    )
    assert not p.conflict_box.isVisibleTo(p) and not p.problems_view.isVisibleTo(p)
    assert not w.button(NEXT).isVisible() and enabled(w, IMPORT)
    assert w.button(IMPORT).text() == "&Import"
    click(qtbot, w, IMPORT)

    # Result: the counts; the values are in the workspace file
    assert w.currentId() == RESULT
    assert w.result_page.counts.text().splitlines() == [
        "From us-employment.csv, for 23 KPIs:",
        "• 2,760 new values",
        "• 0 stored values replaced",
        "• 0 stored values kept (the file's value was left out)",
    ]
    assert w.result_page.created.text().startswith('23 KPIs created under "Imported": nonfarm, ')
    assert not w.button(BACK).isEnabled() or not w.button(BACK).isVisible()
    assert not w.button(CANCEL).isVisible()
    assert counts(ws) == (1, 23, 2760)
    for kpi in ws.kpis.list():
        assert len(ws.measurements.list(kpi.id)) == 120  # type: ignore[arg-type]
    assert stored(ws, "nonfarm")[D(2006, 1, 1)] == 135450
    assert stored(ws, "wholesale_trade")[D(2006, 2, 1)] == 5854.8
    assert stored(ws, "utilities")[D(2015, 12, 1)] == 556.5
    assert imported == [w.import_result]
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.undoText() == 'Import "us-employment.csv"'
    click(qtbot, w, FINISH)
    assert not w.isVisible()


def test_undo_removes_the_import_and_redo_puts_it_back(
    qtbot,
    doc: Document,  # type: ignore[no-untyped-def]
    employment_csv: Path,
) -> None:
    ws = doc.workspace
    w = make(qtbot, doc, employment_csv)
    click(qtbot, w, NEXT)
    w.mapping_page.create_missing.setChecked(True)
    click(qtbot, w, NEXT)
    click(qtbot, w, IMPORT)
    ids = sorted(k.id for k in ws.kpis.list())  # type: ignore[type-var]
    nonfarm = stored(ws, "nonfarm")
    changed: list[int] = []
    doc.measurements_changed.connect(changed.append)
    with qtbot.waitSignal(doc.goals_changed):
        doc.undo_stack.undo()
    assert counts(ws) == (0, 0, 0)  # the KPIs, their values and the new goal are gone
    assert changed == []  # the created KPIs are gone: nobody is told about their values
    with qtbot.waitSignal(doc.goals_changed):
        doc.undo_stack.redo()
    assert counts(ws) == (1, 23, 2760)
    assert sorted(k.id for k in ws.kpis.list()) == ids  # type: ignore[type-var]
    assert [k.name for k in ws.kpis.list()][:3] == ["nonfarm", "private", "goods_producing"]
    assert stored(ws, "nonfarm") == nonfarm
    assert sorted(changed) == ids
    doc.undo_stack.undo()
    doc.undo_stack.redo()
    assert counts(ws) == (1, 23, 2760)


def test_undo_into_an_existing_goal_keeps_the_goal_and_other_kpis(
    qtbot,
    sales: Document,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    ws = sales.workspace
    ws.measurements.upsert(ws.kpis.find("Revenue").id, D(2024, 1, 1), 5.0)  # type: ignore[arg-type]
    path = write(
        tmp_path, "month,Revenue,Footfall,Covers\n2024-01-01,10,100,7\n2024-02-01,20,200,8\n"
    )
    w = make(qtbot, sales, path)
    click(qtbot, w, NEXT)
    m = w.mapping_page
    assert m.message.message() == ""  # Revenue matches; the others are skipped for now
    m.create_missing.setChecked(True)
    m.goal.setCurrentText("Sales")
    click(qtbot, w, NEXT)
    p = w.preview_page
    assert p.conflict_box.isVisibleTo(p)
    p.conflict_choice.button(OnConflict.REPLACE).click()
    click(qtbot, w, IMPORT)
    assert w.currentId() == RESULT
    sales_id = ws.goals.find("Sales").id
    assert [k.name for k in ws.kpis.list(goal_id=sales_id)] == [
        "Revenue",
        "Visits",
        "Footfall",
        "Covers",
    ]
    assert stored(ws, "Revenue") == {D(2024, 1, 1): 10.0, D(2024, 2, 1): 20.0}
    sales.undo_stack.undo()
    assert [k.name for k in ws.kpis.list(goal_id=sales_id)] == ["Revenue", "Visits"]
    assert stored(ws, "Revenue") == {D(2024, 1, 1): 5.0}
    assert counts(ws) == (1, 2, 1)
    sales.undo_stack.redo()
    assert [k.name for k in ws.kpis.list(goal_id=sales_id)] == [
        "Revenue",
        "Visits",
        "Footfall",
        "Covers",
    ]
    assert stored(ws, "Revenue") == {D(2024, 1, 1): 10.0, D(2024, 2, 1): 20.0}
    assert stored(ws, "Covers") == {D(2024, 1, 1): 7.0, D(2024, 2, 1): 8.0}


# -- all or nothing ---------------------------------------------------------------------------


def test_bad_rows_are_all_listed_and_nothing_is_written(
    qtbot,
    sales: Document,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    ws = sales.workspace
    path = revenue_csv(tmp_path, {m: str(m * 10) for m in range(1, 13)} | {6: '"12,x"', 9: "n/a"})
    before = counts(ws)
    w = make(qtbot, sales, path)
    click(qtbot, w, NEXT)
    m = w.mapping_page
    assert enabled(w)  # the Preview page is where the bad rows are shown
    assert "2 bad rows" in m.message.message()
    click(qtbot, w, NEXT)
    p = w.preview_page
    assert w.currentId() == PREVIEW
    assert p.problems_view.isVisibleTo(p) and not p.rows_view.isVisibleTo(p)
    assert p.problems_model.rowCount() == 2
    assert [p.problems_model.text(0, c) for c in range(4)] == [
        "7",
        "Revenue",
        "12,x",
        "is not a number",
    ]
    assert [p.problems_model.text(1, c) for c in range(3)] == ["10", "Revenue", "n/a"]
    assert p.problems_label.text().startswith("\u26a0 2 bad rows")
    assert "Nothing can be imported from revenue.csv" in p.summary.text()
    assert not enabled(w, IMPORT)
    assert "Fix the bad rows" in p.message.message()
    click(qtbot, w, IMPORT)
    assert w.currentId() == PREVIEW
    assert counts(ws) == before and sales.undo_stack.count() == 0

    # Fix the file, go Back, read it again: now it imports
    revenue_csv(tmp_path, {m: str(m * 10) for m in range(1, 13)})
    click(qtbot, w, BACK)
    click(qtbot, w, NEXT)
    assert p.problems_model.rowCount() == 0 and p.rows_view.isVisibleTo(p)
    assert enabled(w, IMPORT)


def test_unknown_kpis_in_a_long_file_point_to_create(
    qtbot,
    sales: Document,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path, "date,kpi,value\n2024-01-01,Revenue,1\n2024-01-01,Profit,2\n2024-02-01,Profit,3\n"
    )
    w = make(qtbot, sales, path)
    click(qtbot, w, NEXT)
    assert enabled(w)
    assert w.mapping_page.message.message() == (
        "2 rows name KPIs that don't exist yet (Profit). Tick \"Create KPIs that don't exist "
        'yet" to make them, or see every row on the next page.'
    )
    click(qtbot, w, NEXT)
    p = w.preview_page
    assert p.problems_model.rowCount() == 2
    assert 'tick "Create KPIs that don\'t exist yet"' in p.problems_label.text()
    click(qtbot, w, BACK)
    w.mapping_page.create_missing.setChecked(True)
    click(qtbot, w, NEXT)
    assert p.problems_model.rowCount() == 0 and enabled(w, IMPORT)
    click(qtbot, w, IMPORT)
    assert stored(sales.workspace, "Profit") == {D(2024, 1, 1): 2.0, D(2024, 2, 1): 3.0}


def test_unknown_columns_of_month_first_dates_point_to_create(
    qtbot, doc: Document, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The look at what creating KPIs would make reads the dates as detected (12/31 is
    month first), not day first."""
    path = write(tmp_path, "date,Profit,Cost\n12/31/2024,1,2\n01/31/2025,3,4\n")
    w = make(qtbot, doc, path)
    click(qtbot, w, NEXT)
    assert w.mapping_page.message.message().startswith(
        "No column is named after a KPI of this workspace. Tick \"Create KPIs that don't "
        'exist yet" to make 2 new KPIs (Profit, Cost)'
    )
    w.mapping_page.create_missing.setChecked(True)
    assert w.mapping_page.found.text() == (
        "Found 4 values for 2 KPIs in 2 rows. 2 KPIs will be created."
    )


# -- values already stored --------------------------------------------------------------------


@pytest.mark.parametrize("choice", [OnConflict.KEEP, OnConflict.REPLACE])
def test_reimport_asks_to_replace_or_keep(
    qtbot,
    sales: Document,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    choice: OnConflict,
) -> None:
    ws = sales.workspace
    first = revenue_csv(tmp_path, {1: "10", 2: "20"}, "first.csv")
    w = make(qtbot, sales, first)
    to_preview(qtbot, w)
    assert not w.preview_page.conflict_box.isVisibleTo(w.preview_page)
    click(qtbot, w, IMPORT)
    assert stored(ws, "Revenue") == {D(2024, 1, 1): 10.0, D(2024, 2, 1): 20.0}

    again = revenue_csv(tmp_path, {1: "10", 2: "22", 3: "33"}, "again.csv")
    w = make(qtbot, sales, again)
    to_preview(qtbot, w)
    p = w.preview_page
    assert p.conflict_box.isVisibleTo(p)
    assert p.conflict_text.text() == (
        "2 values of the file are for periods that already have one (Revenue Jan 2024, "
        "Revenue Feb 2024). 1 is the same as stored. What should happen to them?"
    )
    assert not p.rows_view.isColumnHidden(4)
    assert [p.rows_model.text(1, c) for c in range(5)] == ["3", "Feb 2024", "Revenue", "22", "20"]
    assert p.rows_model.text(2, 4) == ""  # March has no value yet
    assert not enabled(w, IMPORT)  # the choice is explicit
    assert p.message.message() == "Choose whether to replace or keep the values already stored."
    p.conflict_choice.button(choice).click()
    assert enabled(w, IMPORT) and p.message.message() == ""
    click(qtbot, w, IMPORT)
    lines = w.result_page.counts.text().splitlines()
    if choice == OnConflict.KEEP:
        assert stored(ws, "Revenue") == {
            D(2024, 1, 1): 10.0,
            D(2024, 2, 1): 20.0,
            D(2024, 3, 1): 33.0,
        }
        assert lines[1:] == [
            "• 1 new value",
            "• 0 stored values replaced",
            "• 2 stored values kept (the file's value was left out)",
        ]
    else:
        assert stored(ws, "Revenue") == {
            D(2024, 1, 1): 10.0,
            D(2024, 2, 1): 22.0,
            D(2024, 3, 1): 33.0,
        }
        assert lines[1:3] == ["• 1 new value", "• 2 stored values replaced"]
    # Undo takes back this import only: the first one's values return
    sales.undo_stack.undo()
    assert stored(ws, "Revenue") == {D(2024, 1, 1): 10.0, D(2024, 2, 1): 20.0}
    row = ws.measurements.list(ws.kpis.find("Revenue").id)[0]  # type: ignore[arg-type]
    assert row.source == "first.csv"
    sales.undo_stack.redo()
    assert stored(ws, "Revenue")[D(2024, 3, 1)] == 33.0


def test_values_stored_after_the_preview_are_caught_at_import(
    qtbot,
    sales: Document,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    ws = sales.workspace
    w = make(qtbot, sales, revenue_csv(tmp_path, {1: "10", 2: "20"}))
    to_preview(qtbot, w)
    assert enabled(w, IMPORT)
    ws.measurements.upsert(ws.kpis.find("Revenue").id, D(2024, 2, 1), 99.0)  # type: ignore[arg-type]
    click(qtbot, w, IMPORT)
    p = w.preview_page
    assert w.currentId() == PREVIEW
    assert "already stored for the same period (Revenue Feb 2024)" in p.message.message()
    assert p.conflict_box.isVisibleTo(p) and not enabled(w, IMPORT)
    assert stored(ws, "Revenue") == {D(2024, 2, 1): 99.0}
    p.conflict_choice.button(OnConflict.KEEP).click()
    click(qtbot, w, IMPORT)
    assert stored(ws, "Revenue") == {D(2024, 1, 1): 10.0, D(2024, 2, 1): 99.0}


def test_a_refused_import_shows_on_the_page(qtbot, sales: Document, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = sales.workspace
    w = make(qtbot, sales, revenue_csv(tmp_path, {1: "10"}))
    to_preview(qtbot, w)
    ws.kpis.delete(ws.kpis.find("Revenue").id)  # type: ignore[arg-type]
    click(qtbot, w, IMPORT)
    assert w.currentId() == PREVIEW
    assert 'KPI "Revenue" was deleted after the file was read' in w.preview_page.message.message()
    assert sales.undo_stack.count() == 0


# -- mapping ----------------------------------------------------------------------------------


def test_long_layout_columns_are_prefilled_and_changeable(
    qtbot,
    sales: Document,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "day,series,actual,budget,comment\n"
        '2024-01-31,Revenue,"1,200.50",1000,x\n'
        "2024-02-29,revenue,1300,1100,\n"
        "2024-03-31,Revenue,1400,1200,\n",
    )
    w = make(qtbot, sales, path)
    click(qtbot, w, NEXT)
    m = w.mapping_page
    assert m.layout_choice.value() == "long"
    assert [m.combos[k].currentText() for k in ("date", "kpi", "value")] == [
        "day",
        "series",
        "actual",
    ]
    assert m.columns_form.isRowVisible(m.combos["kpi"])
    assert [m.combos["value"].itemText(i) for i in range(m.combos["value"].count())] == [
        "day",
        "series",
        "actual",
        "budget",
        "comment",
    ]
    m.combos["value"].setCurrentIndex(m.combos["value"].findText("budget"))
    assert m.found.text() == "Found 3 values for 1 KPI in 3 rows."
    click(qtbot, w, NEXT)
    p = w.preview_page
    assert [p.rows_model.text(r, 3) for r in range(3)] == ["1,000", "1,100", "1,200"]
    assert "Skipped columns (no KPI of that name): actual, comment" in p.summary.text()
    click(qtbot, w, IMPORT)
    assert stored(sales.workspace, "Revenue") == {
        D(2024, 1, 1): 1000.0,
        D(2024, 2, 1): 1100.0,
        D(2024, 3, 1): 1200.0,
    }

    # the same column twice is refused on the page
    w = make(qtbot, sales, path)
    click(qtbot, w, NEXT)
    w.mapping_page.combos["value"].setCurrentIndex(0)
    assert not enabled(w)
    assert "must be three different columns" in w.mapping_page.message.message()


def test_layout_can_be_changed_to_long(qtbot, doc: Document, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Names that never repeat look like a wide file's text column: choose long by hand."""
    path = write(tmp_path, "date,name,amount\n2024-01-01,Alpha,1\n2024-02-01,Beta,2\n")
    w = make(qtbot, doc, path)
    click(qtbot, w, NEXT)
    m = w.mapping_page
    m.create_missing.setChecked(True)
    assert m.layout_choice.value() == "wide"
    assert m.found.text() == "Found 2 values for 1 KPI in 2 rows. 1 KPI will be created."
    m.layout_choice.button("long").click()
    assert [m.combos[k].currentText() for k in ("date", "kpi", "value")] == [
        "date",
        "name",
        "amount",
    ]
    assert m.found.text() == "Found 2 values for 2 KPIs in 2 rows. 2 KPIs will be created."
    click(qtbot, w, NEXT)
    click(qtbot, w, IMPORT)
    assert stored(doc.workspace, "Alpha") == {D(2024, 1, 1): 1.0}
    assert stored(doc.workspace, "Beta") == {D(2024, 2, 1): 2.0}


@pytest.mark.parametrize(("order", "months"), [("dmy", [2, 4, 6]), ("mdy", [1, 3, 5])])
def test_ambiguous_dates_ask_day_or_month_first(
    qtbot,
    sales: Document,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    order: str,
    months: list[int],
) -> None:
    path = write(tmp_path, "date,Revenue\n01/02/2024,1\n03/04/2024,2\n05/06/2024,3\n")
    w = make(qtbot, sales, path)
    click(qtbot, w, NEXT)
    m = w.mapping_page
    assert m.date_box.isVisibleTo(m)
    assert m.date_order.value() is None and not enabled(w)
    assert m.layout_choice.value() == "wide" and m.combos["date"].currentText() == "date"
    assert m.message.message() == (
        "The dates in column 'date' can be read day first or month first (rows 2, 3, 4). "
        "Choose how to read them."
    )
    click(qtbot, w, NEXT)
    assert w.currentId() == MAPPING
    m.date_order.button(order).click()
    assert enabled(w) and m.message.message() == ""
    assert m.date_box.isVisibleTo(m)  # the choice stays in sight
    click(qtbot, w, NEXT)
    word = "day first" if order == "dmy" else "month first"
    assert f"Dates like 03/04/2024 were read {word}." in w.preview_page.summary.text()
    click(qtbot, w, IMPORT)
    assert sorted(stored(sales.workspace, "Revenue")) == [D(2024, m_, 1) for m_ in months]


def test_create_needs_a_goal_name(qtbot, doc: Document, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, doc, write(tmp_path, "date,Sales\n2024-01-01,1\n"))
    click(qtbot, w, NEXT)
    m = w.mapping_page
    assert not m.goal.isEnabled()
    m.create_missing.setChecked(True)
    assert m.goal.isEnabled() and enabled(w)
    m.goal.setCurrentText("  ")
    assert not enabled(w) and m.message.message() == "Type the goal that new KPIs go under."
    m.goal.setCurrentText("Shop")
    click(qtbot, w, NEXT)
    assert 'KPIs to create under "Shop": Sales (monthly)' in w.preview_page.summary.text()
    click(qtbot, w, IMPORT)
    assert doc.workspace.kpis.find("Sales").goal_id == doc.workspace.goals.find("Shop").id


# -- files ------------------------------------------------------------------------------------


def test_file_page_checks_the_path_and_lists_sheets(
    qtbot,
    sales: Document,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Note", "Who"])
    book.active.append(["Figures are in thousands", "Sam"])
    data = book.create_sheet("Figures")
    data.append(["Month", "Revenue"])
    data.append([dt.datetime(2024, 1, 1), 1200])
    data.append([dt.datetime(2024, 2, 1), 1300])
    path = tmp_path / "figures.xlsx"
    book.save(path)
    w = make(qtbot, sales)
    f = w.file_page
    f.path.setText(str(tmp_path / "missing.csv"))
    assert not enabled(w)
    f.path.setText(str(path))
    assert f.form.isRowVisible(f.sheet)
    assert f.columns_info.text() == "2 columns: Note, Who"
    assert [f.sheet.itemText(i) for i in range(f.sheet.count())] == ["Notes", "Figures"]
    assert enabled(w)
    click(qtbot, w, NEXT)  # the first sheet has no dates
    assert "no date column found" in w.mapping_page.message.message().lower()
    assert not enabled(w)
    click(qtbot, w, BACK)
    f.sheet.setCurrentText("Figures")
    assert f.columns_info.text() == "2 columns: Month, Revenue"
    click(qtbot, w, NEXT)
    assert w.mapping_page.file_label.text() == "Reading figures.xlsx, sheet 'Figures': 2 columns."
    assert w.mapping_page.combos["date"].currentText() == "Month"
    click(qtbot, w, NEXT)
    click(qtbot, w, IMPORT)
    assert stored(sales.workspace, "Revenue") == {D(2024, 1, 1): 1200.0, D(2024, 2, 1): 1300.0}


def test_unreadable_files_are_refused_on_the_file_page(
    qtbot,
    doc: Document,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a workbook")
    w = make(qtbot, doc, fake)
    assert "not a valid Excel workbook" in w.file_page.message.message()
    click(qtbot, w, NEXT)
    assert w.currentId() == FILE
    empty = write(tmp_path, "\n\n")
    w.file_page.path.setText(str(empty))
    click(qtbot, w, NEXT)
    assert w.currentId() == FILE
    assert w.file_page.message.message() == "The file has no data (every cell is blank)."


def test_cancel_writes_nothing(qtbot, doc: Document, employment_csv: Path) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, doc, employment_csv)
    click(qtbot, w, NEXT)
    w.mapping_page.create_missing.setChecked(True)
    click(qtbot, w, NEXT)
    assert enabled(w, IMPORT)
    click(qtbot, w, CANCEL)
    assert not w.isVisible()
    assert counts(doc.workspace) == (0, 0, 0)
    assert doc.undo_stack.count() == 0


def test_column_names_read_like_the_importer(tmp_path: Path) -> None:
    semicolons = write(tmp_path, "\ufeffDatum;Umsatz;;Kosten\n01.01.2024;1,5;;2\n", "de.csv")
    assert column_names(semicolons) == ["Datum", "Umsatz", "C", "Kosten"]
    tabs = write(tmp_path, "date\tvalue\n2024-01-01\t1\n", "t.tsv")
    assert column_names(tabs) == ["date", "value"]


def test_import_command_is_one_undo_step_without_the_wizard(
    sales: Document,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    from kpi_desktop.services.importing.file_import import ImportOptions, plan_import

    ws = sales.workspace
    plan = plan_import(ws, revenue_csv(tmp_path, {1: "1", 2: "2"}), ImportOptions())
    command = ImportValues(sales, plan)
    assert sales.push(command) is None
    assert command.result is not None and command.result.inserted == 2
    conflicting = ImportValues(sales, plan)  # ERROR: the values are there now
    error = sales.push(conflicting)
    assert error is not None and "already stored" in error.message
    assert sales.undo_stack.count() == 1
    sales.undo_stack.undo()
    assert stored(ws, "Revenue") == {}


# -- a big file: read once, every bad row listed ------------------------------------------------


def long_text(names: list[str], days: int) -> str:
    """A long file: each KPI with `days` daily values from 2020-01-01."""
    dates = [(D(2020, 1, 1) + dt.timedelta(days=i)).isoformat() for i in range(days)]
    rows = (f"{d},{name},{i}\n" for name in names for i, d in enumerate(dates))
    return "date,kpi,value\n" + "".join(rows)


def test_the_wizard_reads_the_file_once_whatever_the_choices(
    qtbot,  # type: ignore[no-untyped-def]
    doc: Document,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads: list[Path] = []
    plans: list[object] = []
    read_table, plan = importing.read_table, importing.Planner.plan

    def counted_read(path: Path, sheet: str | None = None) -> importing.ImportTable:
        reads.append(path)
        return read_table(path, sheet)

    def counted_plan(self: importing.Planner) -> importing.ImportPlan:
        plans.append(self.options)
        return plan(self)

    monkeypatch.setattr(importing, "read_table", counted_read)
    monkeypatch.setattr(importing.Planner, "plan", counted_plan)
    csv = write(tmp_path, long_text(["a", "b", "c"], 100), "long.csv")
    w = make(qtbot, doc, csv)
    click(qtbot, w, NEXT)
    m = w.mapping_page
    assert w.currentId() == MAPPING and len(reads) == 1
    assert len(plans) == 2  # the plan (unknown KPIs) and the look as if creating them
    assert "300 rows name KPIs that don't exist yet (a, b, c)" in m.message.message()

    for create in (True, False, True):  # both plans are remembered
        m.create_missing.setChecked(create)
    assert len(plans) == 2
    assert m.found.text() == "Found 300 values for 3 KPIs in 300 rows. 3 KPIs will be created."
    m.layout_choice.button("wide").click()  # other plans of the same cells
    m.layout_choice.button("long").click()
    planned = len(plans)
    assert planned > 2 and len(reads) == 1
    click(qtbot, w, NEXT)
    assert w.currentId() == PREVIEW
    click(qtbot, w, BACK)
    click(qtbot, w, NEXT)
    assert w.currentId() == PREVIEW and len(reads) == 1 and len(plans) == planned

    write(tmp_path, long_text(["a", "b", "c", "d"], 100), "long.csv")  # changed: read again
    click(qtbot, w, BACK)
    click(qtbot, w, NEXT)
    assert len(reads) == 2
    assert w.preview_page.summary.text().startswith("400 values for 4 KPIs, from 400 rows")


def test_a_hundred_thousand_bad_rows_are_listed_at_once(
    qtbot,  # type: ignore[no-untyped-def]
    doc: Document,
    tmp_path: Path,
) -> None:
    csv = write(tmp_path, long_text([f"k{k}" for k in range(100)], 1000), "unknown.csv")
    w = make(qtbot, doc, csv)
    click(qtbot, w, NEXT)
    click(qtbot, w, NEXT)
    p = w.preview_page
    assert w.currentId() == PREVIEW and p.problems_view.isVisibleTo(p)
    assert p.problems_label.text().startswith("\u26a0 100,000 bad rows")
    model = p.problems_model
    assert model.rowCount() == 100_000
    assert [model.text(0, c) for c in range(4)] == [
        "2",
        "kpi",
        "k0",
        "is not a KPI of this workspace",
    ]
    assert model.problems[-1] == RowProblem(100_001, "kpi", "k99", "is not a KPI of this workspace")
    widest = p.problems_view.fontMetrics().horizontalAdvance("100001")
    assert p.problems_view.columnWidth(0) > widest  # the last row number is not cut

"""The check-in (issue 14, item 1): one grid of every KPI due, with its last values, the
value the plan expects and the status a typed value gives; Tab/Enter move down; a pasted
column fills it; one Save writes all in one transaction and one undo step."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from team_server import demo_on

from kpi_desktop.cli import main
from kpi_desktop.domain.pasting import read_pasted_column
from kpi_desktop.domain.periods import add_periods, last_complete_period
from kpi_desktop.domain.types import Frequency, Status
from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.tracking.checkin import CheckinValue, checkin_rows, save_checkin
from kpi_desktop.services.tracking.status import kpi_statuses
from kpi_desktop.services.workspace import change_log
from kpi_desktop.services.workspace.demo import build_demo
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store.raw import raw_connection
from kpi_desktop.ui.checkin.dialog import CheckinDialog, checkin_dates
from kpi_desktop.ui.checkin.model import NOTE, STATUS, VALUE
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.settings import AppSettings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
TODAY = dt.date.today()
LAST = last_complete_period(TODAY, Frequency.MONTHLY)  # the month every demo KPI needs
BUILT_ON = add_periods(TODAY, Frequency.MONTHLY, -1)  # the demo as seen a month ago


@pytest.fixture
def due_demo(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Workspace:
    """The demo built a month ago: every KPI needs last month's value today (on a file, or
    on the server: tests/team_server.py)."""
    yield from demo_on(request, tmp_path, engine, BUILT_ON, "cafe.kpidb")


@pytest.fixture
def doc(due_demo: Workspace) -> Document:
    document = Document(due_demo)
    yield document
    document.undo_stack.clear()
    document.presence and document.presence.release()


def stored(ws: Workspace, name: str) -> dict[dt.date, float]:
    kpi = ws.kpis.find(name)
    return {p.period: p.value for p in ws.measurements.points(kpi.id)}


def dialog(qtbot, doc: Document, prompts: ScriptedPrompts | None = None) -> CheckinDialog:  # type: ignore[no-untyped-def]
    d = CheckinDialog(doc, prompts=prompts or ScriptedPrompts())
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


# -- the rows -----------------------------------------------------------------------------


def test_every_kpi_due_has_a_row_for_last_month_with_its_numbers(due_demo: Workspace) -> None:
    rows = checkin_rows(due_demo, TODAY)
    names = [k.name for k in due_demo.kpis.list() if not k.calculation]
    # the demo's 9 measured KPIs, all monthly (its 2 calculated ones are never due)
    assert sorted(r.kpi for r in rows) == sorted(names)
    assert len(rows) == 9
    revenue = next(r for r in rows if r.kpi == "Monthly revenue")
    assert revenue.period == LAST and revenue.stored is None
    history = stored(due_demo, "Monthly revenue")
    last_three = sorted(history)[-3:]
    assert [p.period for p in revenue.recent] == last_three
    assert [p.value for p in revenue.recent] == [history[d] for d in last_three]
    assert revenue.recent_text().startswith(f"{last_three[0]:%b} €")
    # the status a typed value gives is the one the KPI has once it is stored
    assert revenue.expected is not None
    for value in (revenue.expected * 1.2, revenue.expected * 0.95, revenue.expected * 0.6):
        shown = revenue.status_of(value)
        due_demo.measurements.upsert(revenue.kpi_id, LAST, value)
        st = next(s for s in kpi_statuses(due_demo, TODAY) if s.kpi == "Monthly revenue")
        assert st.status == shown
        assert st.expected == pytest.approx(revenue.expected)
    assert {revenue.status_of(revenue.expected * f) for f in (1.2, 0.6)} >= {Status.OFF_TRACK}


def test_entered_kpis_come_back_only_when_asked_and_archived_never(due_demo: Workspace) -> None:
    revenue = due_demo.kpis.find("Monthly revenue")
    orders = due_demo.kpis.find("Web-shop orders")
    due_demo.measurements.upsert(revenue.id, LAST, 45000.0)
    due_demo.kpis.update(orders.id, archived=True)
    due = [r.kpi for r in checkin_rows(due_demo, TODAY)]
    assert "Monthly revenue" not in due and "Web-shop orders" not in due and len(due) == 7
    every = checkin_rows(due_demo, TODAY, entered=True)
    again = next(r for r in every if r.kpi == "Monthly revenue")
    assert again.stored == 45000.0 and len(every) == 8


def test_earlier_gaps_are_named_and_quarterly_kpis_ask_for_their_quarter(
    workspace: Workspace,
) -> None:
    goal = workspace.goals.add("Grow")
    monthly = workspace.kpis.add(goal.id, "Sales", frequency="monthly", unit="EUR")
    quarterly = workspace.kpis.add(goal.id, "Audits", frequency="quarterly")
    workspace.measurements.upsert(monthly.id, add_periods(LAST, Frequency.MONTHLY, -3), 10.0)
    rows = {r.kpi: r for r in checkin_rows(workspace, TODAY)}
    assert rows["Sales"].period == LAST
    assert len(rows["Sales"].also_missing) == 2
    assert rows["Sales"].missing_text().startswith("Also missing: ")
    assert rows["Audits"].period == last_complete_period(TODAY, Frequency.QUARTERLY)
    assert rows["Audits"].recent == () and rows["Audits"].expected is None
    assert rows["Audits"].status_of(3.0) == Status.NO_DATA  # no plan: no verdict
    assert quarterly.id == rows["Audits"].kpi_id


def test_save_is_all_or_nothing(due_demo: Workspace) -> None:
    rows = checkin_rows(due_demo, TODAY)
    before = {r.kpi: stored(due_demo, r.kpi) for r in rows}
    values = [CheckinValue(r.kpi_id, r.period, 100.0 + i) for i, r in enumerate(rows)]
    values[5] = values[5]._replace(value=1e16)  # out of range: refused
    with pytest.raises(ValidationError):
        save_checkin(due_demo, values)
    assert {r.kpi: stored(due_demo, r.kpi) for r in rows} == before
    values[5] = values[5]._replace(value=7.0)
    changes = save_checkin(due_demo, values)
    assert len(changes) == 9
    assert all(stored(due_demo, r.kpi)[LAST] == 100.0 + i or i == 5 for i, r in enumerate(rows))
    with due_demo.reading() as s:
        sources = [
            tuple(row)
            for row in raw_connection(s).execute(
                "SELECT DISTINCT source FROM measurement WHERE period = ? ORDER BY source",
                (LAST.isoformat(),),
            )
        ]
    # the typed values, and the two calculated KPIs derived from them in the same commit
    assert sources == [("calculated",), ("check-in",)]


def test_a_pasted_column_reads_decimal_marks_blanks_and_notes() -> None:
    column = read_pasted_column("1.234,5\n\n12,5\tprice rise\n")
    assert column.values == [1234.5, None, 12.5]
    assert column.notes == [None, None, "price rise"]
    bad = read_pasted_column("12\nabc\n1\t2\t3")
    assert bad.problems == [
        "line 2: 'abc' is not a number",
        "line 3: has 3 columns; paste a value and a note",
    ]


def test_the_dates_offered_are_today_and_month_ends() -> None:
    dates = checkin_dates(dt.date(2026, 12, 7))
    assert dates[0] == ("7 Dec 2026 (today)", dt.date(2026, 12, 7))
    assert dates[1] == ("End of Nov 2026", dt.date(2026, 12, 1))
    assert dates[2] == ("End of Oct 2026", dt.date(2026, 11, 1))
    assert checkin_dates(dt.date(2026, 12, 1))[1] == ("End of Oct 2026", dt.date(2026, 11, 1))


# -- the grid -----------------------------------------------------------------------------


def test_type_down_the_column_see_the_status_save_and_undo_in_one_step(
    qtbot, doc: Document
) -> None:  # type: ignore[no-untyped-def]
    ws = doc.workspace
    d = dialog(qtbot, doc)
    model = d.model
    assert model is not None and model.rowCount() == 9
    assert d.summary.text() == "0 of 9 values typed"
    assert not d.save_button.isEnabled()
    first = model.rows[0]
    assert model.index(0, STATUS).data() == "Needs a value"
    view = d.view
    assert view.currentIndex() == model.index(0, VALUE)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter edits the value of the current row
    assert view.state() == QAbstractItemView.State.EditingState
    editor = view.indexWidget(view.currentIndex())
    assert isinstance(editor, QLineEdit)
    high = first.expected * 1.3
    qtbot.keyClicks(editor, f"{high:.0f}")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # stores the cell and edits the next row
    assert view.currentIndex() == model.index(1, VALUE)
    assert view.state() == QAbstractItemView.State.EditingState
    assert model.index(0, STATUS).data() == first.status_of(round(high)).label
    editor = view.indexWidget(view.currentIndex())
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "12,x")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # a bad value keeps its editor and says why
    assert view.currentIndex() == model.index(1, VALUE)
    assert "Row 2" in d.message.text() and "'12,x' is not a number" in d.message.text()
    editor.setText("61,5")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # Tab moves down too
    assert view.currentIndex() == model.index(2, VALUE)
    qtbot.keyClick(view.indexWidget(view.currentIndex()), Qt.Key.Key_Escape)
    assert model.value(1) == 61.5
    assert d.summary.text() == "2 of 9 values typed"
    assert stored(ws, first.kpi).get(LAST) is None  # nothing is written before Save
    history_rows = len(change_log.history(ws))

    assert d.save()
    assert not d.isVisible()
    assert stored(ws, first.kpi)[LAST] == round(high)
    assert stored(ws, model.rows[1].kpi)[LAST] == 61.5
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.undoText() == "Check in 2 values"
    assert len(change_log.history(ws)) == history_rows + 2  # a line per value
    doc.undo_stack.undo()
    assert LAST not in stored(ws, first.kpi) and LAST not in stored(ws, model.rows[1].kpi)
    doc.undo_stack.redo()
    assert stored(ws, first.kpi)[LAST] == round(high)


def test_paste_a_column_from_the_current_row_down(qtbot, doc: Document) -> None:  # type: ignore[no-untyped-def]
    d = dialog(qtbot, doc)
    model = d.model
    assert model is not None
    d.view.setCurrentIndex(model.index(2, VALUE))
    QApplication.clipboard().setText("41\n\n0,5\tgood weather\n")
    d.view.setFocus()
    qtbot.keyClick(d.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [model.value(r) for r in range(2, 6)] == [41.0, None, 0.5, None]
    assert model.index(4, NOTE).data() == "good weather"
    assert d.summary.text() == "2 of 9 values typed"
    QApplication.clipboard().setText("\n".join(["1"] * 9))  # more lines than rows left
    qtbot.keyClick(d.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert d.message.text().startswith("Nothing was pasted: 9 lines were pasted")
    assert model.value(3) is None  # all or nothing
    d.view.setCurrentIndex(model.index(2, VALUE))
    qtbot.keyClick(d.view, Qt.Key.Key_Delete)
    assert model.value(2) is None
    assert d.save()
    ws = doc.workspace
    assert stored(ws, model.rows[4].kpi)[LAST] == 0.5
    raw = sqlite3.connect(ws.path)
    note = raw.execute(
        "SELECT note FROM measurement WHERE kpi_id = ? AND period = ?",
        (model.rows[4].kpi_id, LAST.isoformat()),
    ).fetchone()
    raw.close()
    assert note == ("good weather",)


def test_cancel_with_typed_values_asks_first(qtbot, doc: Document) -> None:  # type: ignore[no-untyped-def]
    prompts = ScriptedPrompts(confirm=False)
    d = dialog(qtbot, doc, prompts)
    assert d.model is not None
    d.model.setData(d.model.index(0, VALUE), "5")
    d.reject()
    assert d.isVisible() and prompts.asked[-1][0] == "confirm"
    d.when.setCurrentIndex(1)  # another date would drop what was typed: refused too
    assert d.when.currentIndex() == 0 and d.model.value(0) == 5.0
    prompts.answer = True
    d.reject()
    assert not d.isVisible()
    assert LAST not in stored(doc.workspace, d.model.rows[0].kpi)


def test_a_refused_save_keeps_the_grid_and_writes_nothing(qtbot, doc: Document) -> None:  # type: ignore[no-untyped-def]
    d = dialog(qtbot, doc)
    model = d.model
    assert model is not None
    model.setData(model.index(0, VALUE), "7")
    model.setData(model.index(1, NOTE), "no value yet")
    assert not d.save()
    assert "A note needs a value" in d.message.text()
    model.setData(model.index(1, NOTE), "")
    model.setData(model.index(1, VALUE), "999999999999999999")  # too large: refused
    assert "Row 2" in d.message.text()
    assert model.value(1) is None
    assert d.save()


def test_ctrl_k_opens_it_and_the_reminders_bar_points_to_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "cafe.kpidb"
    with Workspace.create(path) as ws:
        build_demo(ws, BUILT_ON)
    window = MainWindow(AppSettings(tmp_path / "settings.ini"), ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    assert window.open_workspace(path)
    assert window.menus.check_in_action.shortcut().toString() == "Ctrl+K"
    bar = window.view.reminders
    assert bar.checkin_button.isVisible()
    bar.checkin_button.click()
    opened = window.findChildren(CheckinDialog)
    assert opened and opened[-1].isVisible() and opened[-1].model.rowCount() == 9
    opened[-1].model.setData(opened[-1].model.index(0, VALUE), "1")
    assert opened[-1].save()
    assert window.statusBar().currentMessage() == "1 value checked in"
    window.menus.check_in_action.trigger()
    assert window.findChildren(CheckinDialog)[-1].model.rowCount() == 8
    window.close_workspace()


def test_cli_due_points_to_the_check_in(due_demo: Workspace, capsys) -> None:  # type: ignore[no-untyped-def]
    where = str(due_demo.location)
    due_demo.close()
    assert main(["due", where, "--as-of", TODAY.isoformat()]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Type them all at once in the app: Track > Check in (Ctrl+K)."
    )


def test_a_read_only_workspace_refuses_the_save_and_keeps_the_grid(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "cafe.kpidb"
    with Workspace.create(path) as ws:
        build_demo(ws, BUILT_ON)
    ws = Workspace.open(path, readonly=True)
    document = Document(ws)
    d = dialog(qtbot, document)
    assert d.model is not None
    d.model.setData(d.model.index(0, VALUE), "7")
    assert not d.save()
    assert d.message.text().startswith("Nothing was saved: "), d.message.text()
    assert d.isVisible() and d.model.value(0) == 7.0
    document.close()
    with Workspace.open(path, readonly=True) as again:
        assert LAST not in stored(again, d.model.rows[0].kpi)

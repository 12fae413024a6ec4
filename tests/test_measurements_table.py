"""The measurements table and its model, on a real temporary workspace."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QLineEdit

from kpi_desktop.domain.pasting import read_pasted_rows
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.kpi.measurements_model import (
    NOTE,
    PERIOD,
    SOURCE,
    VALUE,
    MeasurementsModel,
    PeriodRole,
    ValueRole,
)
from kpi_desktop.ui.kpi.measurements_table import MeasurementsTable

D = dt.date

SHEET_DAY_FIRST = (
    "Month\tRevenue\tNote\n"
    "31/01/2024\t1.234,5\tslow start\n"
    "29/02/2024\t1.100\n"
    "31/03/2024\t1.310,25\n"
    "30/04/2024\t980\n"
    "31/05/2024\t1.402,75\tspring sale\n"
    "30/06/2024\t1.500\n"
    "31/07/2024\t1.250,5\n"
    "\n"
    "31/08/2024\t1.190\n"
    "30/09/2024\t1.333,3\n"
    "31/10/2024\t1.420\n"
    "30/11/2024\t1.610,1\n"
    "31/12/2024\t2.005\n"
)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

EXPECTED_DAY_FIRST = [
    1234.5, 1100, 1310.25, 980, 1402.75, 1500, 1250.5, 1190, 1333.3, 1420, 1610.1, 2005,
]  # fmt: skip


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
    document.undo_stack.clear()


@pytest.fixture
def kpi_id(workspace: Workspace) -> int:
    goal = workspace.goals.add("Grow revenue")
    kpi = workspace.kpis.add(goal.id, "Revenue", unit="EUR", decimals=1, frequency="monthly")
    return kpi.id


FIRST_SEEDED = D(2023, 1, 1)


def _seed(ws: Workspace, kpi_id: int, n: int, start: dt.date = FIRST_SEEDED) -> None:
    rows = []
    for i in range(n):
        month = start.month - 1 + i
        rows.append((D(start.year + month // 12, month % 12 + 1, 1), 1000.0 + 37.5 * i, None))
    ws.measurements.upsert_many(kpi_id, rows)


def _stored(ws: Workspace, kpi_id: int) -> dict[dt.date, float]:
    return {m.period: m.value for m in ws.measurements.list(kpi_id)}


@pytest.fixture
def table(qtbot, doc: Document, kpi_id: int) -> MeasurementsTable:
    widget = MeasurementsTable(doc)
    qtbot.addWidget(widget)
    widget.resize(800, 300)
    widget.show_kpi(kpi_id)
    return widget


def _show(qtbot, widget: MeasurementsTable) -> None:
    """Shown and active, so keyboard shortcuts reach it as they would a user's."""
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    widget.view.setFocus()


# -- the model ------------------------------------------------------------------------------


def test_model_passes_qt_model_tester(qtmodeltester, doc: Document, kpi_id: int) -> None:
    _seed(doc.workspace, kpi_id, 6)
    model = MeasurementsModel(doc)
    model.set_kpi(kpi_id)
    qtmodeltester.check(model)
    # and stays consistent through edits, inserts and removals announced by the document
    assert model.setData(model.index(2, VALUE), "2.500,5")
    doc.workspace.measurements.upsert(kpi_id, D(2025, 5, 1), 1.0)
    doc.measurements_changed.emit(kpi_id)
    doc.undo_stack.undo()
    model.set_kpi(None)
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_model_follows_inserts_removals_and_changes(
    qtmodeltester, doc: Document, kpi_id: int
) -> None:
    ws = doc.workspace
    model = MeasurementsModel(doc)
    model.set_kpi(kpi_id)
    qtmodeltester.check(model)
    months = [D(2024, m, 1) for m in range(1, 13)]
    steps = [
        ([0, 1, 2, 5, 6, 9], []),  # inserts into an empty model, in blocks
        ([3, 4, 11], [0, 6]),  # inserts between and after, removals at the top and middle
        ([0], [1, 2, 3, 4, 5]),  # a block removed, one put back at the top
        ([1, 2, 3, 4, 5, 6, 7, 8, 10], [0, 9, 11]),
    ]
    for step, (add, remove) in enumerate(steps):
        ws.measurements.upsert_many(kpi_id, [(months[i], float(step * 100 + i), None) for i in add])
        if remove:
            ws.measurements.delete_many(kpi_id, [months[i] for i in remove])
        doc.measurements_changed.emit(kpi_id)
        stored = [(m.period, m.value) for m in ws.measurements.list(kpi_id)]
        assert [(r.period, r.value) for r in model.rows()] == stored


def test_model_shows_periods_oldest_first_with_kpi_format(doc: Document, kpi_id: int) -> None:
    doc.workspace.measurements.upsert_many(
        kpi_id, [(D(2024, 10, 17), 1234.56, "late invoice"), (D(2024, 9, 3), 7.0, None)]
    )
    model = MeasurementsModel(doc)
    model.set_kpi(kpi_id)
    assert model.rowCount() == 2 and model.columnCount() == 4
    assert [model.index(r, PERIOD).data() for r in range(2)] == ["Sep 2024", "Oct 2024"]
    assert model.index(1, PERIOD).data(Qt.ItemDataRole.EditRole) == "2024-10-01"
    assert model.index(1, PERIOD).data(PeriodRole) == D(2024, 10, 1)
    assert model.index(1, VALUE).data() == "1,234.6"  # one decimal, as the KPI says
    assert model.index(1, VALUE).data(Qt.ItemDataRole.EditRole) == 1234.56
    assert model.index(1, VALUE).data(ValueRole) == 1234.56
    assert model.index(1, NOTE).data() == "late invoice"
    assert model.index(1, SOURCE).data() == "By hand"
    assert model.headerData(VALUE, Qt.Orientation.Horizontal) == "Value (EUR)"
    assert not model.flags(model.index(0, PERIOD)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, SOURCE)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, VALUE)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, NOTE)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, PERIOD), "2024-01-01")


def test_edit_value_is_stored_and_undo_restores_it(doc: Document, kpi_id: int) -> None:
    _seed(doc.workspace, kpi_id, 3)
    model = MeasurementsModel(doc)
    model.set_kpi(kpi_id)
    old = _stored(doc.workspace, kpi_id)[D(2023, 2, 1)]
    assert model.setData(model.index(1, VALUE), "1.234,5")
    assert _stored(doc.workspace, kpi_id)[D(2023, 2, 1)] == 1234.5
    assert model.index(1, VALUE).data() == "1,234.5"
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert _stored(doc.workspace, kpi_id)[D(2023, 2, 1)] == old
    assert model.index(1, VALUE).data(ValueRole) == old  # the model followed the undo


def test_edit_note_is_one_undo_step(doc: Document, kpi_id: int) -> None:
    _seed(doc.workspace, kpi_id, 2)
    model = MeasurementsModel(doc)
    model.set_kpi(kpi_id)
    assert model.setData(model.index(0, NOTE), "  promo month ")
    assert doc.workspace.measurements.list(kpi_id)[0].note == "promo month"
    doc.undo_stack.undo()
    assert doc.workspace.measurements.list(kpi_id)[0].note == ""


def test_bad_value_is_refused_with_a_message(qtbot, doc: Document, kpi_id: int) -> None:
    _seed(doc.workspace, kpi_id, 2)
    model = MeasurementsModel(doc)
    model.set_kpi(kpi_id)
    before = _stored(doc.workspace, kpi_id)
    with qtbot.waitSignal(model.problem, timeout=1000) as blocker:
        assert not model.setData(model.index(0, VALUE), "12,x")
    assert blocker.args == ["'12,x' is not a number"]
    with qtbot.waitSignal(model.problem, timeout=1000):
        assert not model.setData(model.index(0, VALUE), "   ")
    assert _stored(doc.workspace, kpi_id) == before
    assert doc.undo_stack.count() == 0


def test_model_follows_kpi_and_ignores_other_kpis(doc: Document, kpi_id: int) -> None:
    ws = doc.workspace
    other = ws.kpis.add(ws.goals.list()[0].id, "Costs").id
    model = MeasurementsModel(doc)
    model.set_kpi(kpi_id)
    ws.measurements.upsert(other, D(2024, 1, 1), 5.0)
    doc.measurements_changed.emit(other)
    assert model.rowCount() == 0
    ws.measurements.upsert(kpi_id, D(2024, 1, 1), 5.0)
    ws.kpis.update(kpi_id, frequency="quarterly")
    doc.kpi_changed.emit(kpi_id)
    assert model.index(0, PERIOD).data() == "Q1 2024"


# -- the table: editing, deleting -------------------------------------------------------------


def test_editor_commits_through_the_model(qtbot, table: MeasurementsTable, kpi_id: int) -> None:
    ws = table.model._doc.workspace
    _seed(ws, kpi_id, 3)
    table.model._doc.measurements_changed.emit(kpi_id)
    _show(qtbot, table)
    index = table.model.index(2, PERIOD)
    table.view.setCurrentIndex(index)
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_Return)  # Enter edits the row's value
    assert table.view.state() == QAbstractItemView.State.EditingState
    editor = table.view.indexWidget(table.model.index(2, VALUE)) or QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert editor.text() == "1075"
    editor.setText("12,x")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert table.message_text() == "'12,x' is not a number"
    assert table.message_kind() == "warning"
    assert table.view.state() == QAbstractItemView.State.EditingState  # the text is kept
    assert editor.text() == "12,x"
    assert _stored(ws, kpi_id)[D(2023, 3, 1)] == 1075.0
    editor.setText("2,5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _stored(ws, kpi_id)[D(2023, 3, 1)] == 2.5, timeout=2000)
    assert table.message_text() == ""  # the problem was put right
    assert table.model.index(2, VALUE).data() == "2.5"


def test_delete_two_selected_rows_and_undo(qtbot, table: MeasurementsTable, kpi_id: int) -> None:
    doc = table.model._doc
    _seed(doc.workspace, kpi_id, 5)
    doc.measurements_changed.emit(kpi_id)
    assert table.model.rowCount() == 5
    assert not table.delete_action.isEnabled()
    table.view.selectRow(1)
    table.view.selectionModel().select(
        table.model.index(3, 0),
        table.view.selectionModel().SelectionFlag.Select
        | table.view.selectionModel().SelectionFlag.Rows,
    )
    assert table.delete_action.isEnabled()
    _show(qtbot, table)
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_Delete)  # the Delete key, as a user would
    assert sorted(_stored(doc.workspace, kpi_id)) == [D(2023, 1, 1), D(2023, 3, 1), D(2023, 5, 1)]
    assert table.model.rowCount() == 3
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert len(_stored(doc.workspace, kpi_id)) == 5
    assert table.model.rowCount() == 5


def test_add_value_form_saves_and_moves_to_next_period(
    qtbot, table: MeasurementsTable, kpi_id: int
) -> None:
    doc = table.model._doc
    doc.set_as_of(D(2024, 3, 15))
    _show(qtbot, table)
    table.add_action.trigger()  # no values yet: the current period
    assert table.add_row.isVisible()
    assert table.add_row.date() == D(2024, 3, 1)
    qtbot.keyClicks(table.add_row.value_edit, "1.5k")
    qtbot.keyClick(table.add_row.value_edit, Qt.Key.Key_Return)
    assert "'1.5k' is not a number" in table.message_text()
    assert _stored(doc.workspace, kpi_id) == {}
    table.add_row.value_edit.setText("1,500")
    qtbot.keyClick(table.add_row.value_edit, Qt.Key.Key_Return)
    table.add_row.value_edit.setText("1700")
    table.add_row.note_edit.setText("new client")
    qtbot.keyClick(table.add_row.note_edit, Qt.Key.Key_Return)
    assert _stored(doc.workspace, kpi_id) == {D(2024, 3, 1): 1500.0, D(2024, 4, 1): 1700.0}
    assert doc.workspace.measurements.list(kpi_id)[1].note == "new client"
    assert table.add_row.date() == D(2024, 5, 1)
    assert table.message_text() == ""
    assert doc.undo_stack.count() == 2  # one step per value
    table.add_row.set_date(D(2024, 4, 20))  # a stored period: the button says so
    assert table.add_row.save_button.text() == "Replace"
    qtbot.keyClick(table.add_row.value_edit, Qt.Key.Key_Escape)
    assert not table.add_row.isVisible()
    table.add_action.trigger()  # after the latest value
    assert table.add_row.date() == D(2024, 5, 1)


# -- paste ----------------------------------------------------------------------------------


def test_paste_twelve_spreadsheet_rows_is_one_undo_step(
    table: MeasurementsTable, kpi_id: int
) -> None:
    doc = table.model._doc
    assert table.paste_text(SHEET_DAY_FIRST) == 12
    stored = _stored(doc.workspace, kpi_id)
    assert sorted(stored) == [D(2024, m, 1) for m in range(1, 13)]  # period starts
    assert [stored[D(2024, m, 1)] for m in range(1, 13)] == EXPECTED_DAY_FIRST
    notes = {m.period: m.note for m in doc.workspace.measurements.list(kpi_id)}
    assert notes[D(2024, 1, 1)] == "slow start" and notes[D(2024, 2, 1)] == ""
    assert table.model.rowCount() == 12
    assert len(table.view.selectionModel().selectedRows()) == 12  # the pasted rows
    assert table.message_kind() == "info" and "Pasted 12 values" in table.message_text()
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert _stored(doc.workspace, kpi_id) == {}
    assert table.model.rowCount() == 0
    doc.undo_stack.redo()
    assert len(_stored(doc.workspace, kpi_id)) == 12


def test_paste_point_decimals_month_first_with_crlf(table: MeasurementsTable, kpi_id: int) -> None:
    text = "Date\tValue\r\n01/15/2024\t1,234.50\r\n02/15/2024\t987.25\r\n03/31/2024\t12,000\r\n"
    assert table.paste_text(text) == 3
    assert _stored(table.model._doc.workspace, kpi_id) == {
        D(2024, 1, 1): 1234.5,
        D(2024, 2, 1): 987.25,
        D(2024, 3, 1): 12000.0,
    }


def test_paste_replaces_stored_values_and_undo_puts_them_back(
    table: MeasurementsTable, kpi_id: int
) -> None:
    doc = table.model._doc
    _seed(doc.workspace, kpi_id, 2, start=D(2024, 1, 1))
    doc.measurements_changed.emit(kpi_id)
    before = _stored(doc.workspace, kpi_id)
    assert table.paste_text("2024-01-31\t5\n2024-03-01\t6\n") == 2
    assert "replacing 1 stored value" in table.message_text()
    assert _stored(doc.workspace, kpi_id)[D(2024, 1, 1)] == 5.0
    doc.undo_stack.undo()
    assert _stored(doc.workspace, kpi_id) == before


def test_paste_with_bad_rows_writes_nothing_and_names_them(
    table: MeasurementsTable, kpi_id: int
) -> None:
    doc = table.model._doc
    text = SHEET_DAY_FIRST.replace("31/03/2024\t1.310,25", "31/03/2024\tabc").replace(
        "30/06/2024", "31/06/2024"
    )
    assert table.paste_text(text) == 0
    assert _stored(doc.workspace, kpi_id) == {}
    assert doc.undo_stack.count() == 0
    message = table.message_text()
    assert table.message_kind() == "warning"
    assert "Nothing was pasted" in message
    assert "row 4: 'abc' is not a number" in message  # counted as the user sees the block
    assert "row 7: '31/06/2024' is not a real date" in message


def test_paste_two_rows_in_one_period_is_a_problem(table: MeasurementsTable, kpi_id: int) -> None:
    assert table.paste_text("2024-01-05\t1\n2024-02-01\t2\n2024-01-20\t3\n") == 0
    assert "row 3: Jan 2024 was already given in row 1" in table.message_text()
    assert _stored(table.model._doc.workspace, kpi_id) == {}


def test_paste_through_the_clipboard(qtbot, table: MeasurementsTable, kpi_id: int) -> None:
    QGuiApplication.clipboard().setText("2024-01-31\t10\n2024-02-29\t20\n")
    table.paste_action.trigger()
    assert _stored(table.model._doc.workspace, kpi_id) == {D(2024, 1, 1): 10.0, D(2024, 2, 1): 20.0}
    QGuiApplication.clipboard().setText("2024-03-31\t30\n")
    _show(qtbot, table)
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # Ctrl+V
    assert _stored(table.model._doc.workspace, kpi_id)[D(2024, 3, 1)] == 30.0
    assert table.model._doc.undo_stack.count() == 2


def test_copy_selected_rows_round_trips(table: MeasurementsTable, kpi_id: int) -> None:
    table.paste_text("2024-01-31\t10.25\tok\n2024-02-29\t20\n")
    table.view.selectAll()
    table.copy_action.trigger()
    assert QGuiApplication.clipboard().text() == "2024-01-01\t10.25\tok\n2024-02-01\t20\n"


def test_paste_without_a_kpi_or_rows_says_so(qtbot, doc: Document) -> None:
    widget = MeasurementsTable(doc)
    qtbot.addWidget(widget)
    assert not widget.paste_action.isEnabled()
    assert widget.paste_text("2024-01-01\t1") == 0
    assert "Choose a KPI" in widget.message_text()


# -- reading pasted rows --------------------------------------------------------------------


def test_read_pasted_rows_first_of_month_dates_are_day_first_for_monthly() -> None:
    text = "".join(f"01/{m:02d}/2024\t{m}\n" for m in range(1, 13))
    read = read_pasted_rows(text, Frequency.MONTHLY)
    assert not read.problems
    assert [p for p, _, _ in read.rows] == [D(2024, m, 1) for m in range(1, 13)]


def test_read_pasted_rows_reports_ambiguous_and_malformed_rows() -> None:
    read = read_pasted_rows("03/04/2024\t1\n04/03/2024\t2\n", Frequency.DAILY)
    assert not read.rows and len(read.problems) == 2
    assert read.problems[0].startswith("row 1: '03/04/2024' could be day-first or month-first")
    read = read_pasted_rows("2024-01-01\n2024-02-01\t1\t2\t3\t4\n", Frequency.MONTHLY)
    assert read.problems[0].startswith("row 1: needs a date and a value")
    assert read.problems[1].startswith("row 2: has 5 columns")
    read = read_pasted_rows("31/01/2024\t1\n01/31/2024\t2\n", Frequency.MONTHLY)
    assert read.problems == [
        "The pasted dates can't be read: the dates mix day-first (31/01/2024) and "
        "month-first (01/31/2024) forms"
    ]
    read = read_pasted_rows("Month\tValue\n\n", Frequency.MONTHLY)
    assert read.header == 1 and not read.rows and not read.problems
    read = read_pasted_rows("2024-01-01\t\t\n", Frequency.MONTHLY)
    assert read.problems == ["row 1: needs a date and a value in two columns (copy them from "
                             "a spreadsheet, or separate them with a tab)"]  # fmt: skip


def test_empty_index_is_harmless(doc: Document, kpi_id: int) -> None:
    model = MeasurementsModel(doc)
    model.set_kpi(kpi_id)
    assert model.data(QModelIndex()) is None
    assert not model.setData(QModelIndex(), "1")

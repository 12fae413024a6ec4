"""The KPI and goal editors, driven as a user would: every field shown, changes saved at once
(typing merges into one undo step), refused values explained next to the field."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QPoint, Qt

from kpi_desktop.services.planning.kpis import KPI_FIELDS
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.commands import DeleteKpi, EditKpi
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.goals.goal_editor import GOAL_FIELDS, GoalEditor
from kpi_desktop.ui.kpi.kpi_editor import KpiEditor
from kpi_desktop.ui.widgets.form_fields import FieldMessage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

FILLED = dict(
    key_question="Are we selling more online?",
    description="Net revenue of the web shop after returns.",
    owner="Anna",
    unit="EUR",
    unit_kind="currency",
    currency_symbol="€",
    decimals=2,
    direction="increase",
    aggregation="average",
    frequency="quarterly",
    baseline_value=42000.0,
    baseline_date=dt.date(2024, 1, 1),
    target_value=60000.5,
    target_date=dt.date(2024, 12, 1),
    tolerance=0.15,
    data_source="Shop report",
    formula="gross sales - returns",
    leading=True,
    weight=2.5,
    archived=False,
    review_date=dt.date(2024, 6, 30),
)


@pytest.fixture
def doc(workspace: Workspace) -> Document:
    document = Document(workspace)
    yield document
    document.undo_stack.clear()


@pytest.fixture
def kpi_id(workspace: Workspace) -> int:
    goal = workspace.goals.add("Grow the web shop")
    return workspace.kpis.add(goal.id, "Revenue", **FILLED).id


@pytest.fixture
def editor(qtbot, doc: Document, kpi_id: int) -> KpiEditor:
    widget = KpiEditor(doc)
    qtbot.addWidget(widget)
    widget.resize(420, 900)
    widget.show_kpi(kpi_id)
    return widget


def stored(doc: Document, kpi_id: int, name: str):
    return getattr(doc.workspace.kpis.get(kpi_id), name)


def type_and_finish(qtbot, widget, text: str) -> None:
    """Replace a line edit's text by typing, then press Return (editing finished)."""
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


# -- every field -----------------------------------------------------------------------------


def test_every_kpi_field_has_a_widget_showing_the_stored_value(editor, doc, kpi_id):
    assert set(editor.field_names()) == set(KPI_FIELDS)
    kpi = doc.workspace.kpis.get(kpi_id)
    for name in KPI_FIELDS:
        assert editor.field_widget(name) is not None
        assert editor.field_value(name) == pytest.approx(getattr(kpi, name)), name
        assert editor.field_message(name) == ""
    # what the user reads
    assert editor.field_widget("name").text() == "Revenue"
    assert editor.field_widget("baseline_value").text() == "42,000"
    assert editor.field_widget("target_value").text() == "60,000.5"
    assert editor.field_widget("tolerance").value() == pytest.approx(15.0)  # a percentage
    assert editor.field_widget("direction").currentText() == "Higher is better"
    assert editor.field_widget("leading").button(True).isChecked()
    assert editor.field_widget("target_date").date() == dt.date(2024, 12, 1)
    assert editor.field_widget("description").toPlainText() == FILLED["description"]


def test_unset_dates_and_numbers_read_not_set(qtbot, doc, workspace):
    goal = workspace.goals.add("G")
    bare = workspace.kpis.add(goal.id, "Bare")
    editor = KpiEditor(doc)
    qtbot.addWidget(editor)
    editor.show_kpi(bare.id)
    date_field = editor.field_widget("target_date")
    assert date_field.date() is None
    assert not date_field.check.isChecked()
    assert date_field.date_edit.text() == "not set"
    assert editor.field_widget("baseline_value").text() == ""
    # ticking the box sets a date and saves it
    date_field.check.setChecked(True)
    assert stored(doc, bare.id, "target_date") == dt.date.today()
    date_field.check.setChecked(False)
    assert stored(doc, bare.id, "target_date") is None


# -- saving and undo -----------------------------------------------------------------------


def test_name_is_saved_when_editing_finishes(qtbot, editor, doc, kpi_id):
    type_and_finish(qtbot, editor.field_widget("name"), "Online revenue")
    assert stored(doc, kpi_id, "name") == "Online revenue"
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.undoText() == "Edit name"


def test_name_is_saved_after_a_pause_in_typing(qtbot, editor, doc, kpi_id):
    qtbot.keyClicks(editor.field_widget("name"), " online")
    assert stored(doc, kpi_id, "name") == "Revenue"  # not yet: still typing
    qtbot.waitUntil(lambda: stored(doc, kpi_id, "name") == "Revenue online", timeout=3000)


def test_typing_in_one_field_is_one_undo_step(qtbot, editor, doc, kpi_id):
    name = editor.field_widget("name")
    qtbot.keyClicks(name, " on")
    qtbot.waitUntil(lambda: stored(doc, kpi_id, "name") == "Revenue on", timeout=3000)
    qtbot.keyClicks(name, "line")
    qtbot.waitUntil(lambda: stored(doc, kpi_id, "name") == "Revenue online", timeout=3000)
    qtbot.keyClick(name, Qt.Key.Key_Return)  # nothing new to save
    assert doc.undo_stack.count() == 1

    doc.undo_stack.undo()
    assert stored(doc, kpi_id, "name") == "Revenue"
    assert name.text() == "Revenue"
    doc.undo_stack.redo()
    assert name.text() == "Revenue online"


def test_combos_spins_and_checks_save_on_change(editor, doc, kpi_id):
    editor.field_widget("frequency").setCurrentIndex(0)  # Daily
    editor.field_widget("decimals").setValue(1)
    editor.field_widget("weight").setValue(3.0)
    editor.field_widget("tolerance").setValue(12.5)
    editor.field_widget("leading").button(False).setChecked(True)
    editor.field_widget("archived").setChecked(True)
    kpi = doc.workspace.kpis.get(kpi_id)
    assert (kpi.frequency, kpi.decimals, kpi.weight, kpi.leading, kpi.archived) == (
        "daily",
        1,
        3.0,
        False,
        True,
    )
    assert kpi.tolerance == pytest.approx(0.125)
    assert doc.undo_stack.count() == 6


def test_numbers_are_read_as_people_write_them(qtbot, editor, doc, kpi_id):
    type_and_finish(qtbot, editor.field_widget("target_value"), "61,500")
    assert stored(doc, kpi_id, "target_value") == 61500.0
    assert editor.field_widget("target_value").text() == "61,500"
    type_and_finish(qtbot, editor.field_widget("baseline_value"), "")
    assert stored(doc, kpi_id, "baseline_value") is None


def test_showing_the_same_kpi_again_keeps_what_is_being_typed(qtbot, editor, doc, kpi_id):
    qtbot.keyClicks(editor.field_widget("name"), " typed")
    editor.show_kpi(kpi_id)  # e.g. the tree re-selects it after a refresh
    assert editor.field_widget("name").text() == "Revenue typed"
    qtbot.waitUntil(lambda: stored(doc, kpi_id, "name") == "Revenue typed", timeout=3000)


def test_switching_kpis_saves_what_was_being_typed(qtbot, editor, doc, kpi_id, workspace):
    other = workspace.kpis.add(workspace.goals.list()[0].id, "Orders")
    qtbot.keyClicks(editor.field_widget("owner"), " and Bob")
    editor.show_kpi(other.id)
    assert stored(doc, kpi_id, "owner") == "Anna and Bob"
    assert editor.field_widget("owner").text() == ""
    assert editor.field_widget("name").text() == "Orders"


def test_an_outside_change_shows_without_clobbering_the_field_being_typed(
    qtbot, editor, doc, kpi_id
):
    name = editor.field_widget("name")
    qtbot.keyClicks(name, " typed")  # the pause has not run out yet
    assert doc.push(EditKpi(doc, kpi_id, owner="Bob")) is None  # e.g. the wizard
    assert editor.field_widget("owner").text() == "Bob"
    assert name.text() == "Revenue typed"
    qtbot.waitUntil(lambda: stored(doc, kpi_id, "name") == "Revenue typed", timeout=3000)


# -- refused values ------------------------------------------------------------------------


def test_an_empty_name_is_refused_next_to_the_field(qtbot, editor, doc, kpi_id):
    name = editor.field_widget("name")
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_Delete)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert editor.field_message("name") == "A KPI needs a name"
    assert name.property("invalid") is True
    editor.show()  # the message sits right under the field, aligned with it
    message = next(m for m in editor.findChildren(FieldMessage) if m.message())
    qtbot.waitUntil(lambda: message.isVisible())
    field_box = name.geometry().translated(name.parentWidget().mapTo(editor, QPoint(0, 0)))
    message_box = message.geometry().translated(message.parentWidget().mapTo(editor, QPoint(0, 0)))
    assert message_box.left() == field_box.left()
    assert 0 <= message_box.top() - field_box.bottom() <= 12
    assert name.text() == ""  # the user's text stays
    assert stored(doc, kpi_id, "name") == "Revenue"
    assert doc.undo_stack.count() == 0

    qtbot.keyClicks(name, "Sales")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert stored(doc, kpi_id, "name") == "Sales"
    assert editor.field_message("name") == ""
    assert name.property("invalid") is False


def test_a_refused_edit_does_not_spoil_the_undo_step_before_it(qtbot, editor, doc, kpi_id):
    name = editor.field_widget("name")
    type_and_finish(qtbot, name, "Sales")
    type_and_finish(qtbot, name, "")  # refused
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert stored(doc, kpi_id, "name") == "Revenue"
    errors: list[str] = []
    doc.error_raised.connect(errors.append)
    doc.undo_stack.redo()
    assert stored(doc, kpi_id, "name") == "Sales"
    assert errors == []


def test_an_invalid_tolerance_is_refused_next_to_the_field(editor, doc, kpi_id):
    tolerance = editor.field_widget("tolerance")
    tolerance.setValue(0)
    assert "Tolerance must be more than 0" in editor.field_message("tolerance")
    assert tolerance.value() == 0
    assert stored(doc, kpi_id, "tolerance") == pytest.approx(0.15)
    tolerance.setValue(20)
    assert editor.field_message("tolerance") == ""
    assert stored(doc, kpi_id, "tolerance") == pytest.approx(0.20)


def test_a_target_date_before_the_baseline_date_is_refused(editor, doc, kpi_id):
    target_date = editor.field_widget("target_date")
    target_date.date_edit.setDate(QDate(2023, 6, 1))
    assert editor.field_message("target_date") == "The target date must be after the baseline date"
    assert target_date.date() == dt.date(2023, 6, 1)  # the user's choice stays
    assert target_date.date_edit.property("invalid") is True
    assert stored(doc, kpi_id, "target_date") == dt.date(2024, 12, 1)
    # moving the baseline earlier lets the waiting target date through, in one step
    editor.field_widget("baseline_date").date_edit.setDate(QDate(2023, 1, 1))
    kpi = doc.workspace.kpis.get(kpi_id)
    assert (kpi.baseline_date, kpi.target_date) == (dt.date(2023, 1, 1), dt.date(2023, 6, 1))
    assert editor.field_message("target_date") == ""
    assert doc.undo_stack.count() == 1


def test_a_value_that_is_not_a_number_never_reaches_the_service(qtbot, editor, doc, kpi_id):
    pushed: list[object] = []
    real_push = doc.push
    doc.push = lambda command: pushed.append(command) or real_push(command)  # type: ignore[method-assign]
    type_and_finish(qtbot, editor.field_widget("target_value"), "lots")
    assert editor.field_message("target_value").startswith("Target value must be a number")
    assert pushed == []
    assert editor.field_widget("target_value").text() == "lots"
    assert stored(doc, kpi_id, "target_value") == 60000.5


def test_a_target_on_the_wrong_side_is_explained(qtbot, editor, doc, kpi_id):
    type_and_finish(qtbot, editor.field_widget("target_value"), "1,200")
    assert "above the baseline" in editor.field_message("target_value")
    assert stored(doc, kpi_id, "target_value") == 60000.5


# -- fields that depend on others ----------------------------------------------------------


def test_keep_within_a_range_enables_the_limits_and_needs_low_below_high(
    qtbot, editor, doc, kpi_id
):
    low, high = editor.field_widget("range_low"), editor.field_widget("range_high")
    assert not low.isEnabled() and not high.isEnabled()
    assert not low.isVisibleTo(editor)

    direction = editor.field_widget("direction")
    direction.setCurrentIndex(direction.findData("range"))
    assert low.isEnabled() and high.isEnabled()
    assert low.isVisibleTo(editor) and high.isVisibleTo(editor)
    assert "needs both a low and a high limit" in editor.field_message("range_low")
    assert stored(doc, kpi_id, "direction") == "increase"  # not saved without limits

    type_and_finish(qtbot, low, "10")
    type_and_finish(qtbot, high, "5")
    assert editor.field_message("range_high") == "Range high must be above range low"
    assert stored(doc, kpi_id, "direction") == "increase"

    type_and_finish(qtbot, high, "20")
    kpi = doc.workspace.kpis.get(kpi_id)
    assert (kpi.direction, kpi.range_low, kpi.range_high) == ("range", 10.0, 20.0)
    assert all(editor.field_message(n) == "" for n in editor.field_names())

    doc.undo_stack.undo()  # the step that made it a range
    assert stored(doc, kpi_id, "direction") == "increase"
    assert direction.currentData() == "increase"
    assert not low.isEnabled()


def test_each_waiting_refusal_keeps_its_own_message(editor, doc, kpi_id):
    editor.field_widget("tolerance").setValue(0)
    direction = editor.field_widget("direction")
    direction.setCurrentIndex(direction.findData("range"))
    assert "Tolerance must be more than 0" in editor.field_message("tolerance")
    assert "needs both a low and a high limit" in editor.field_message("range_low")
    direction.setCurrentIndex(direction.findData("increase"))  # changed my mind
    assert editor.field_message("range_low") == ""
    assert "Tolerance must be more than 0" in editor.field_message("tolerance")
    assert not editor.field_widget("range_low").isVisibleTo(editor)
    assert doc.undo_stack.count() == 0
    assert stored(doc, kpi_id, "tolerance") == pytest.approx(0.15)


def test_currency_symbol_is_only_for_money(editor):
    symbol = editor.field_widget("currency_symbol")
    assert symbol.isEnabled()
    unit_kind = editor.field_widget("unit_kind")
    unit_kind.setCurrentIndex(unit_kind.findData("count"))
    assert not symbol.isEnabled()


# -- header and life cycle -----------------------------------------------------------------


def test_the_wizard_button_asks_for_the_wizard(qtbot, editor, kpi_id):
    with qtbot.waitSignal(editor.wizard_requested) as signal:
        editor._wizard_button.click()
    assert signal.args == [kpi_id]


def test_a_deleted_kpi_leaves_an_empty_editor(editor, doc, kpi_id):
    doc.push(DeleteKpi(doc, kpi_id, "Revenue"))
    assert not editor._wizard_button.isEnabled()
    assert "no longer exists" in editor._empty.text()
    doc.undo_stack.undo()  # back again
    assert editor._wizard_button.isEnabled()
    assert editor.field_widget("name").text() == "Revenue"


# -- goal editor ---------------------------------------------------------------------------


@pytest.fixture
def goal_editor(qtbot, doc, workspace) -> tuple[GoalEditor, int]:
    goal = workspace.goals.add("Grow the web shop", owner="Anna", due_date=dt.date(2025, 12, 31))
    widget = GoalEditor(doc)
    qtbot.addWidget(widget)
    widget.show_goal(goal.id)
    return widget, goal.id


def test_goal_editor_shows_every_field(goal_editor, doc):
    editor, goal_id = goal_editor
    goal = doc.workspace.goals.get(goal_id)
    for name in GOAL_FIELDS:
        assert editor.field_value(name) == getattr(goal, name), name
    assert editor.field_widget("perspective").currentText() == "None"
    editor.set_summary("At risk · score 72%")
    assert editor.summary() == "At risk · score 72%"


def test_goal_editor_saves_title_and_perspective_with_undo(qtbot, goal_editor, doc):
    editor, goal_id = goal_editor
    title = editor.field_widget("title")
    qtbot.keyClicks(title, " online")
    qtbot.waitUntil(
        lambda: doc.workspace.goals.get(goal_id).title == "Grow the web shop online",
        timeout=3000,
    )
    perspective = editor.field_widget("perspective")
    perspective.setCurrentIndex(perspective.findData("customer"))
    assert doc.workspace.goals.get(goal_id).perspective == "customer"
    assert doc.undo_stack.count() == 2

    doc.undo_stack.undo()
    assert doc.workspace.goals.get(goal_id).perspective is None
    assert perspective.currentText() == "None"
    doc.undo_stack.undo()
    assert doc.workspace.goals.get(goal_id).title == "Grow the web shop"
    assert title.text() == "Grow the web shop"


def test_goal_editor_refuses_an_empty_title_in_place(qtbot, goal_editor, doc):
    editor, goal_id = goal_editor
    type_and_finish(qtbot, editor.field_widget("title"), "")
    assert editor.field_message("title") == "A goal needs a title"
    assert doc.workspace.goals.get(goal_id).title == "Grow the web shop"
    editor.field_widget("due_date").check.setChecked(False)  # another field still saves
    assert doc.workspace.goals.get(goal_id).due_date is None
    assert editor.field_message("title") == "A goal needs a title"


# -- someone else changed it meanwhile (another window, program or team member) ----------


@pytest.fixture
def shown(qtbot, doc: Document, workspace: Workspace) -> tuple[KpiEditor, int]:
    goal = workspace.goals.add("Grow the web shop")
    kpi_id = workspace.kpis.add(goal.id, "Revenue", unit="EUR", owner="Anna").id
    editor = KpiEditor(doc)
    qtbot.addWidget(editor)
    editor.resize(460, 900)
    editor.show()
    editor.show_kpi(kpi_id)
    return editor, kpi_id


def _someone_else_sets_the_owner(workspace: Workspace, kpi_id: int) -> None:
    with Workspace.open(workspace.location) as other:  # another program on the same workspace
        other.kpis.update(kpi_id, owner="Ben")


def _type_name(qtbot, editor: KpiEditor, text: str) -> None:
    field = editor.field_widget("name")
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_a_stale_edit_names_who_changed_what_and_saves_nothing(qtbot, shown, workspace) -> None:
    editor, kpi_id = shown
    _someone_else_sets_the_owner(workspace, kpi_id)
    _type_name(qtbot, editor, "Turnover")
    bar = editor.conflict_bar
    assert bar.isVisible()
    assert " changed Owner at " in bar.text() and "not saved yet" in bar.text()
    assert workspace.kpis.get(kpi_id).name == "Revenue"
    qtbot.waitUntil(lambda: editor.field_widget("owner").text() == "Ben")  # theirs shown
    assert editor.field_widget("name").text() == "Turnover"  # what the user typed is kept
    editor.grab().save("/tmp/18-conflict-bar.png")


def test_keep_mine_saves_the_edit_over_the_other_change(qtbot, shown, workspace) -> None:
    editor, kpi_id = shown
    _someone_else_sets_the_owner(workspace, kpi_id)
    _type_name(qtbot, editor, "Turnover")
    qtbot.waitUntil(lambda: editor.field_widget("owner").text() == "Ben")
    qtbot.mouseClick(editor.conflict_bar._keep, Qt.MouseButton.LeftButton)
    stored = workspace.kpis.get(kpi_id)
    assert (stored.name, stored.owner) == ("Turnover", "Ben")  # only the user's field
    assert not editor.conflict_bar.isVisible()
    assert editor.field_message("name") == ""


def test_take_theirs_drops_the_edit_and_shows_the_stored_values(qtbot, shown, workspace) -> None:
    editor, kpi_id = shown
    _someone_else_sets_the_owner(workspace, kpi_id)
    _type_name(qtbot, editor, "Turnover")
    qtbot.mouseClick(editor.conflict_bar._take, Qt.MouseButton.LeftButton)
    assert editor.field_widget("name").text() == "Revenue"
    assert editor.field_widget("owner").text() == "Ben"
    assert workspace.kpis.get(kpi_id).name == "Revenue"
    assert not editor.conflict_bar.isVisible()
    _type_name(qtbot, editor, "Turnover")  # the next edit goes through
    assert workspace.kpis.get(kpi_id).name == "Turnover"


def test_the_goal_editor_offers_the_same(qtbot, doc, workspace) -> None:
    goal_id = workspace.goals.add("Grow").id
    editor = GoalEditor(doc)
    qtbot.addWidget(editor)
    editor.show()
    editor.show_goal(goal_id)
    with Workspace.open(workspace.location) as other:
        other.goals.update(goal_id, owner="Ben")
    field = editor.field_widget("title")
    field.selectAll()
    qtbot.keyClicks(field, "Grow online")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert " changed Owner at " in editor.conflict_bar.text()
    qtbot.mouseClick(editor.conflict_bar._keep, Qt.MouseButton.LeftButton)
    stored = workspace.goals.get(goal_id)
    assert (stored.title, stored.owner) == ("Grow online", "Ben")

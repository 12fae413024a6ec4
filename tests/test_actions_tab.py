"""The Actions tab (issue 14, item 3, GUI): every action with KPI or goal, owner, due date,
state and review; filters by owner, state and KPI; add, edit, delete, re-open and mark done,
each undoable; overdue ones in the reminders bar lead here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kpi_desktop.services.review.action_list import (
    ActionState,
    action_items,
    action_state,
    matching,
    owners,
)
from kpi_desktop.services.workspace import change_log
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.actions.commands import AddAction, DeleteAction, EditAction, SetActionDone
from kpi_desktop.ui.actions.model import STATE
from kpi_desktop.ui.actions.panel import ActionsPanel
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.settings import AppSettings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
TODAY = dt.date.today()
MILK = "Renegotiate milk and bean prices with our suppliers"  # the demo's overdue action


@pytest.fixture
def doc(demo: Workspace) -> Document:
    document = Document(demo)
    yield document
    document.undo_stack.clear()


@pytest.fixture
def panel(qtbot, doc: Document) -> ActionsPanel:  # type: ignore[no-untyped-def]
    widget = ActionsPanel(doc, ScriptedPrompts())
    qtbot.addWidget(widget)
    widget.show()
    widget.set_filter(state="All")
    return widget


def titles(panel: ActionsPanel) -> list[str]:
    QApplication.processEvents()  # an undo from outside reaches the tab on the next turn
    return [item.title for item in panel.shown()]


def stored(ws: Workspace) -> dict[str, object]:
    return {a.title: a for a in ws.reviews.actions()}


def test_states_filters_and_owners(demo: Workspace) -> None:
    assert action_state(False, TODAY - dt.timedelta(days=1), TODAY) == ActionState.OVERDUE
    assert action_state(False, TODAY, TODAY) == ActionState.OPEN  # due today is not late
    assert action_state(True, TODAY - dt.timedelta(days=9), TODAY) == ActionState.DONE
    items = action_items(demo, TODAY)
    assert {i.state for i in items} == set(ActionState)
    assert owners(items) == ["Jonas", "Maria"]
    assert [i.title for i in matching(items, owner="maria")] == [MILK]
    late = matching(items, states=[ActionState.OVERDUE])
    assert [i.title for i in late] == [MILK] and late[0].kpi == "Gross margin"
    assert late[0].review and late[0].days_overdue(TODAY) > 0
    margin = demo.kpis.find("Gross margin")
    assert [i.title for i in matching(items, kpi_id=margin.id)] == [MILK]


def test_the_tab_lists_every_action_and_filters_it(panel: ActionsPanel) -> None:
    assert len(panel.shown()) == 3
    assert panel.count_label.text() == "3 of 3 actions shown · 1 overdue"
    row = titles(panel).index(MILK)
    assert panel.model.index(row, STATE).data().startswith("Overdue, ")
    panel.set_filter(state="Open and overdue")
    assert len(panel.shown()) == 2 and all(not i.done for i in panel.shown())
    panel.set_filter(owner="Maria", state="All")
    assert titles(panel) == [MILK]
    panel.set_filter(owner=None, state="Overdue")
    assert titles(panel) == [MILK]
    panel.set_filter(state="Done")
    assert len(panel.shown()) == 1 and panel.shown()[0].done
    panel.set_filter(owner="Maria", state="Done")
    assert panel.shown() == [] and panel.empty.isVisible()
    assert panel.empty.text() == "No action matches these filters."


def test_add_edit_done_reopen_delete_each_undoable(panel: ActionsPanel, doc: Document) -> None:
    ws = doc.workspace
    revenue = ws.kpis.find("Monthly revenue")
    dialog = panel.new_action()
    dialog.title.setText("   ")
    dialog.accept()
    assert "needs a title" in dialog.message.message() and dialog.isVisible()
    dialog.title.setText("Call the bank about the overdraft")
    dialog.owner.setCurrentText("Ben")
    dialog.due.setDate(dialog.due.date().addDays(3))
    dialog.about.setCurrentIndex(dialog.about.findText("    Monthly revenue"))
    dialog.accept()
    assert not dialog.isVisible()
    added = stored(ws)["Call the bank about the overdraft"]
    assert (added.owner, added.kpi_id) == ("Ben", revenue.id)
    assert added.due_date == TODAY + dt.timedelta(days=17)
    assert "Call the bank about the overdraft" in titles(panel)
    assert "Ben" in [panel.owner.itemText(i) for i in range(panel.owner.count())]
    doc.undo_stack.undo()
    assert "Call the bank about the overdraft" not in stored(ws)
    doc.undo_stack.redo()
    assert stored(ws)["Call the bank about the overdraft"].id == added.id  # same number

    assert panel.select(added.id)
    dialog = panel.edit_selected()
    assert dialog is not None
    dialog.owner.setCurrentText("Maria")
    dialog.has_due.setChecked(False)
    dialog.accept()
    edited = stored(ws)["Call the bank about the overdraft"]
    assert (edited.owner, edited.due_date) == ("Maria", None)
    doc.undo_stack.undo()
    assert stored(ws)["Call the bank about the overdraft"].owner == "Ben"
    doc.undo_stack.redo()

    assert panel.select(added.id) and panel.done_button.isEnabled()
    assert panel.set_done(True)
    assert stored(ws)["Call the bank about the overdraft"].done_date == TODAY
    assert panel.reopen_button.isEnabled() and not panel.done_button.isEnabled()
    assert panel.set_done(False)
    assert not stored(ws)["Call the bank about the overdraft"].done
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert not stored(ws)["Call the bank about the overdraft"].done

    milk = stored(ws)[MILK]
    assert panel.select(milk.id)
    assert panel.delete_selected()
    assert MILK not in stored(ws) and MILK not in titles(panel)
    doc.undo_stack.undo()  # back with its number, KPI, review and state
    back = stored(ws)[MILK]
    assert (back.id, back.kpi_id, back.review_id, back.due_date, back.done) == (
        milk.id,
        milk.kpi_id,
        milk.review_id,
        milk.due_date,
        milk.done,
    )
    assert MILK in titles(panel)


def test_delete_asks_first(qtbot, doc: Document) -> None:  # type: ignore[no-untyped-def]
    prompts = ScriptedPrompts(confirm=False)
    panel = ActionsPanel(doc, prompts)
    qtbot.addWidget(panel)
    panel.set_filter(state="All")
    assert panel.select(panel.shown()[0].id)
    assert not panel.delete_selected()
    assert prompts.asked[-1][:2] == ("confirm", "Delete action")
    assert len(doc.workspace.reviews.actions()) == 3


def test_every_action_command_is_logged_with_its_undo(doc: Document) -> None:
    ws = doc.workspace
    milk = stored(ws)[MILK]
    made = [
        lambda: AddAction(doc, "Ask the landlord about the terrace", owner="Ben"),
        lambda: EditAction(doc, milk.id, owner="Jonas"),
        lambda: SetActionDone(doc, milk.id, True),
        lambda: DeleteAction(doc, milk.id),
    ]
    for make in made:
        before = len(change_log.history(ws))
        command = make()
        assert doc.push(command) is None
        assert len(change_log.history(ws)) > before, command.text()
        after = len(change_log.history(ws))
        doc.undo_stack.undo()
        assert len(change_log.history(ws)) > after, f"undo of {command.text()}"
        doc.undo_stack.redo()


def test_the_reminders_bar_leads_to_the_overdue_actions(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kpi_desktop.services.workspace.demo import build_demo

    path = tmp_path / "cafe.kpidb"
    with Workspace.create(path) as ws:
        build_demo(ws)
    window = MainWindow(AppSettings(tmp_path / "settings.ini"), ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    assert window.open_workspace(path)
    view = window.view
    bar = view.reminders
    assert bar.actions_button.isVisible()
    bar.actions_button.click()
    panel = view.actions_panel
    assert view.centre.currentWidget() is view._actions_page
    assert titles(panel) == [MILK]
    view.centre.setCurrentIndex(0)
    window.menus.actions_action.trigger()
    assert view.centre.currentWidget() is view._actions_page
    assert panel.select(panel.shown()[0].id) and panel.set_done(True)
    qtbot.waitUntil(lambda: not bar.actions_button.isVisible(), timeout=2000)
    window.close_workspace()


def test_a_hidden_tab_reads_the_actions_again_only_when_shown(qtbot, doc: Document) -> None:  # type: ignore[no-untyped-def]
    panel = ActionsPanel(doc, ScriptedPrompts())
    qtbot.addWidget(panel)
    panel.set_filter(state="All")
    assert not panel.isVisible() and len(panel.model.items) == 3
    doc.push(AddAction(doc, "Fix the terrace awning"))
    QApplication.processEvents()
    assert len(panel.model.items) == 3  # hidden: only noted
    panel.show()
    assert "Fix the terrace awning" in titles(panel)

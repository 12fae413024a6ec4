"""The goal tree: model checked by qtmodeltester, edits through undo commands."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt

from kpi_desktop.domain.types import Status
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui import commands
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.goals.goal_tree import GoalTreePane
from kpi_desktop.ui.goals.goal_tree_model import GoalTreeModel
from kpi_desktop.ui.prompts import ScriptedPrompts

D = dt.date


@pytest.fixture
def doc(workspace: Workspace, qtbot) -> Document:  # type: ignore[no-untyped-def]
    grow = workspace.goals.add("Grow")
    care = workspace.goals.add("Care")
    workspace.goals.add("Web shop", parent_id=grow.id)
    for goal, name, value in ((grow, "Revenue", 150), (care, "Complaints", 9)):
        kpi = workspace.kpis.add(
            goal.id,
            name,
            unit="EUR",
            baseline_value=100,
            baseline_date=D(2024, 1, 1),
            target_value=200,
            target_date=D(2024, 12, 1),
        )
        workspace.measurements.upsert(kpi.id, D(2024, 6, 1), value)
    document = Document(workspace)
    document.set_as_of(D(2024, 6, 15))
    return document


def _titles(model: GoalTreeModel, parent: QModelIndex = QModelIndex()) -> list[object]:
    out: list[object] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        kids = _titles(model, index)
        out.append((index.data(), kids) if kids else index.data())
    return out


def test_model_passes_qtmodeltester(doc: Document, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = GoalTreeModel(doc)
    qtmodeltester.check(model)
    assert _titles(model) == [("Grow", ["Web shop", "Revenue"]), ("Care", ["Complaints"])]


def test_status_badges_roll_up_with_words(doc: Document) -> None:
    model = GoalTreeModel(doc)
    grow = model.index_of("goal", doc.workspace.goals.find("Grow").id, 1)
    care = model.index_of("goal", doc.workspace.goals.find("Care").id, 1)
    # Revenue 150 on 2024-06 vs expected ~146: on track; complaints 9 of 200: off track.
    assert grow.data() == Status.ON_TRACK.label
    assert care.data() == Status.OFF_TRACK.label
    assert grow.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "Off track" in care.data(Qt.ItemDataRole.ToolTipRole)


def test_rename_in_place_and_undo(doc: Document) -> None:
    model = GoalTreeModel(doc)
    doc.goals_changed.connect(model.reload)
    index = model.index_of("kpi", doc.workspace.kpis.find("Revenue").id)
    assert model.setData(index, "Turnover")
    assert doc.workspace.kpis.find("turnover").name == "Turnover"
    doc.undo_stack.undo()
    assert doc.workspace.kpis.find("revenue").name == "Revenue"
    assert "Revenue" in str(_titles(model))


def test_rename_to_an_empty_title_is_refused(doc: Document) -> None:
    model = GoalTreeModel(doc)
    messages: list[str] = []
    doc.error_raised.connect(messages.append)
    index = model.index_of("goal", doc.workspace.goals.find("Grow").id)
    assert not model.setData(index, "   ")
    assert messages == ["A goal needs a title"]
    assert doc.undo_stack.count() == 0


def test_drag_a_kpi_to_another_goal_and_undo(doc: Document) -> None:
    model = GoalTreeModel(doc)
    doc.goals_changed.connect(model.reload)
    revenue = doc.workspace.kpis.find("Revenue")
    care = doc.workspace.goals.find("Care")
    data = model.mimeData([model.index_of("kpi", revenue.id)])
    target = model.index_of("goal", care.id)
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    assert doc.workspace.kpis.get(revenue.id).goal_id == care.id
    assert _titles(model) == [("Grow", ["Web shop"]), ("Care", ["Complaints", "Revenue"])]
    doc.undo_stack.undo()
    assert doc.workspace.kpis.get(revenue.id).goal_id == doc.workspace.goals.find("Grow").id


def test_dropping_a_goal_into_its_own_subgoal_is_refused(doc: Document) -> None:
    model = GoalTreeModel(doc)
    messages: list[str] = []
    doc.error_raised.connect(messages.append)
    grow = doc.workspace.goals.find("Grow")
    web = doc.workspace.goals.find("Web shop")
    data = model.mimeData([model.index_of("goal", grow.id)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of("goal", web.id))
    assert "under itself" in messages[0]
    assert doc.workspace.goals.get(grow.id).parent_id is None
    # A KPI cannot be dropped at the top level, only into a goal.
    kpi_data = model.mimeData([model.index_of("kpi", doc.workspace.kpis.find("Revenue").id)])
    assert not model.canDropMimeData(kpi_data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())


def test_pane_adds_filters_and_deletes_with_confirmation(doc: Document, qtbot) -> None:  # type: ignore[no-untyped-def]
    prompts = ScriptedPrompts(confirm=False)
    pane = GoalTreePane(doc, prompts)
    qtbot.addWidget(pane)
    selections: list[tuple[str, int]] = []
    pane.selection_changed.connect(lambda kind, i: selections.append((kind, i)))
    goal_id = pane.add_goal()
    assert goal_id is not None and pane.selected() == ("goal", goal_id)
    assert doc.workspace.goals.get(goal_id).title == "New objective"
    kpi_id = pane.add_kpi()
    assert kpi_id is not None and doc.workspace.kpis.get(kpi_id).goal_id == goal_id
    assert selections[-1] == ("kpi", kpi_id)
    pane.filter_box.setText("complain")
    assert pane.proxy.rowCount() == 1  # only "Care" with its matching KPI
    pane.filter_box.clear()
    pane.select("goal", goal_id)
    assert not pane.delete_selected()  # the user said Cancel
    assert prompts.asked[-1][0] == "confirm" and "1 KPI" in prompts.asked[-1][2]
    prompts.answer = True
    assert pane.delete_selected()
    assert goal_id not in {g.id for g in doc.workspace.goals.list()}
    doc.undo_stack.undo()
    assert doc.workspace.kpis.get(kpi_id).goal_id == goal_id


def test_add_goal_undo_redo_keeps_the_same_id(doc: Document) -> None:
    cmd = commands.AddGoal(doc, "Hire well")
    assert doc.push(cmd) is None
    goal_id = cmd.goal_id
    doc.undo_stack.undo()
    assert goal_id not in {g.id for g in doc.workspace.goals.list()}
    doc.undo_stack.redo()
    assert doc.workspace.goals.get(goal_id).title == "Hire well"

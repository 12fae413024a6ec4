"""Overview first (issue 19, item 1): a workspace opens on the scorecard beside what is due
and the latest achievements; choosing a KPI anywhere opens its chart; the tab, the
selection and the editor panel come back when the workspace is opened again.

Every window here keeps its settings in the test's own folder, never the user's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.settings import AppSettings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def open_window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    windows: list[MainWindow] = []

    def make(path: Path, size: tuple[int, int] = (1280, 800)) -> MainWindow:
        window = MainWindow(AppSettings(tmp_path / "settings.ini"), ScriptedPrompts())
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        assert window.open_workspace(path)
        QApplication.processEvents()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close_workspace()


def test_a_workspace_opens_on_the_overview(open_window, cafe: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(cafe)
    view = window.view
    assert view.centre.currentWidget() is view.overview
    assert view.centre.tabText(0) == "Overv&iew"
    assert view.overview.isVisible() and view.scorecard.isVisible()
    assert len(view.scorecard.tiles()) == 11
    due = view.overview.due_texts()
    assert any("Renegotiate milk and bean prices" in text for text in due)  # the demo's
    latest = view.overview.achievement_texts()
    assert 0 < len(latest) <= 8 and all(": " in text for text in latest)
    # the empty "select a KPI" panes are not what an owner sees first
    assert not view.chart.isVisible() and not view.table.isVisible()


def test_choosing_a_kpi_anywhere_opens_its_chart(open_window, cafe: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(cafe)
    view = window.view
    ws = window.document.workspace
    # an achievement in the list
    items = view.overview.achievements_list
    first = items.item(0)
    kpi_id = first.data(Qt.ItemDataRole.UserRole + 1)
    qtbot.mouseClick(
        items.viewport(), Qt.MouseButton.LeftButton, pos=items.visualItemRect(first).center()
    )
    assert view.tree.selected() == ("kpi", kpi_id)
    assert view.centre.currentWidget() is view.chart_split
    assert ws.kpis.get(kpi_id).name in view.chart.header_text()
    # a tile, by keyboard
    view.centre.setCurrentWidget(view.overview)
    grid = view.scorecard.grid
    grid.setFocus()
    grid.setCurrentIndex(view.scorecard.model.index(3, 0))
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert view.tree.selected() == ("kpi", view.scorecard.tiles()[3].kpi_id)
    assert view.centre.currentWidget() is view.chart_split
    # the tree, while the overview shows
    view.centre.setCurrentWidget(view.overview)
    food = ws.kpis.find("Food waste")
    view.tree.select("kpi", food.id)
    assert view.centre.currentWidget() is view.chart_split
    assert "Food waste" in view.chart.header_text()
    # a goal leaves the overview where it is
    view.centre.setCurrentWidget(view.overview)
    view.tree.select("goal", food.goal_id)
    assert view.centre.currentWidget() is view.overview
    # an overdue action opens the Actions tab
    due = view.overview.due_list
    action = next(due.item(i) for i in range(due.count()) if "Renegotiate" in due.item(i).text())
    qtbot.mouseClick(
        due.viewport(), Qt.MouseButton.LeftButton, pos=due.visualItemRect(action).center()
    )
    assert view.centre.currentWidget() is view._actions_page


def test_the_last_tab_selection_and_editor_panel_come_back(
    open_window, cafe: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.kpidb"
    shutil.copy(cafe, other)
    window = open_window(cafe)
    view = window.view
    goal = window.document.workspace.goals.find("Delight our regulars")
    view.tree.select("goal", goal.id)
    view.show_actions()
    window.menus.view_menu.editor_action.trigger()  # hide the editor panel
    assert not view.editor_shown()
    window.close()  # saves what each workspace showed

    again = open_window(cafe)
    assert again.view.tree.selected() == ("goal", goal.id)
    assert again.view.centre.currentWidget() is again.view._actions_page
    assert not again.view.editor_shown()
    assert not again.menus.view_menu.editor_action.isChecked()
    # another workspace keeps its own: the overview, nothing selected
    assert again.open_workspace(other)
    assert again.view.centre.currentWidget() is again.view.overview
    assert again.view.tree.selected() == ("", 0)
    assert again.view.editor_shown()
    settings = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "tab=actions" in settings and f"id={goal.id}" in settings


def test_a_kpi_deleted_since_leaves_nothing_selected(open_window, cafe: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(cafe)
    kpi = window.document.workspace.kpis.find("Food waste")
    window.view.tree.select("kpi", kpi.id)
    window.close_workspace()
    from kpi_desktop.services.workspace.workspace import Workspace

    with Workspace.open(cafe) as ws:
        ws.kpis.delete(kpi.id)
    assert window.open_workspace(cafe)
    assert window.view.tree.selected() == ("", 0)
    assert window.view.centre.currentWidget() is window.view.chart_split  # the last tab


def test_a_narrow_window_opens_with_the_editor_panel_hidden(open_window, cafe: Path) -> None:  # type: ignore[no-untyped-def]
    narrow = open_window(cafe, (1024, 640))
    assert not narrow.view.editor_shown()
    assert not narrow.menus.view_menu.editor_action.isChecked()

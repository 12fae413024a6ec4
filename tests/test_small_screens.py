"""Small screens (issue 19, item 2): at 1024x640 and 1280x800 nothing is cut off, on every
tab, with the editor panel shown or hidden; the panel toggles with F9; the chart header's
goal and name end in "…" with the whole text in a tooltip."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QToolBar

from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.settings import AppSettings
from tests.layout_check import clipped_widgets, needed_width

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SIZES = [(1024, 640), (1280, 800)]


@pytest.fixture
def window(qtbot, tmp_path: Path, cafe: Path):  # type: ignore[no-untyped-def]
    made = MainWindow(AppSettings(tmp_path / "settings.ini"), ScriptedPrompts())
    qtbot.addWidget(made)
    made.show()
    assert made.open_workspace(cafe)
    yield made
    made.close_workspace()


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("editor", [True, False], ids=["editor", "no-editor"])
def test_nothing_is_cut_off(window: MainWindow, size: tuple[int, int], editor: bool) -> None:
    window.resize(*size)
    view = window.view
    view.set_editor_shown(editor)
    ws = window.document.workspace
    screens, looked_at = [], 0
    for kind, item_id in (
        ("kpi", ws.kpis.find("Monthly revenue").id),
        ("goal", ws.goals.find("Grow profitable revenue").id),
    ):
        view.tree.select(kind, item_id)
        for index in range(view.centre.count()):
            view.centre.setCurrentIndex(index)
            _settle()
            checked = [
                w
                for w in [*window.findChildren(QLabel), *window.findChildren(QLineEdit)]
                if w.isVisible()
            ]
            looked_at += len(checked)
            problems = clipped_widgets(window)
            screens.append((kind, view.centre.tabText(index), problems))
    assert [s for s in screens if s[2]] == []
    assert len(screens) == 12 and looked_at > 60  # it looked at filled windows


def test_the_check_finds_a_cut_label(window: MainWindow) -> None:
    """The check itself: a label squeezed below its text is reported."""
    window.resize(1024, 640)
    label = window.view.chart.progress_label
    window.view.tree.select("kpi", window.document.workspace.kpis.find("Gross margin").id)
    _settle()
    assert label.isVisible() and label.text()
    label.setFixedWidth(needed_width(label) - 10)
    _settle()
    assert any("of the way to target" in p for p in clipped_widgets(window))


def test_the_editor_panel_toggles_with_f9(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    view = window.view
    action = window.menus.view_menu.editor_action
    assert [s.toString() for s in action.shortcuts()] == ["F9"]
    assert view.editor_shown() and action.isChecked()
    centre_before = view.centre.width()
    view.tree.view.setFocus()
    qtbot.keyClick(view.tree.view, Qt.Key.Key_F9)
    _settle()
    assert not view.editor_shown() and not action.isChecked()
    assert view.centre.width() > centre_before  # the centre takes the panel's room
    qtbot.keyClick(view.tree.view, Qt.Key.Key_F9)
    _settle()
    assert view.editor_shown() and action.isChecked()
    toolbar = window.findChild(QToolBar, "main-toolbar")
    assert action in toolbar.actions()  # the toggle is on the toolbar too


def test_the_chart_header_elides_with_a_tooltip(window: MainWindow) -> None:
    ws = window.document.workspace
    goal = ws.goals.find("Grow profitable revenue")
    long_title = "Grow profitable revenue in the cafe, the web shop and the new catering arm"
    ws.goals.update(goal.id, title=long_title)
    window.document.goals_changed.emit()
    window.resize(1024, 640)
    window.view.set_editor_shown(True)
    window.view.tree.select("kpi", ws.kpis.find("Monthly revenue").id)
    _settle()
    goal_label = window.view.chart.goal_label
    assert goal_label.text() == f"Goal: {long_title}"
    assert goal_label.is_elided() and goal_label.shown_text().endswith("…")
    assert long_title in goal_label.toolTip()
    # it ends before the date, never under it
    as_of = window.view.chart.as_of_label
    assert goal_label.geometry().right() < as_of.geometry().left()
    window.resize(1280, 800)
    window.view.set_editor_shown(False)
    _settle()
    assert goal_label.width() > 300


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_chart_and_its_legend_show_whole(window: MainWindow, size: tuple[int, int]) -> None:
    from tests.layout_check import shown_rect

    window.resize(*size)
    window.view.set_editor_shown(False)
    window.view.tree.select("kpi", window.document.workspace.kpis.find("Monthly revenue").id)
    _settle()
    chart = window.view.chart.chart_widget
    assert shown_rect(chart, window).size() == chart.size()  # no part cut by the pane
    legend = window.view.chart.plot_item.legend.sceneBoundingRect()
    assert legend.bottom() <= chart.height() and legend.right() <= chart.width()

"""Keyboard and accessibility (issue 19, item 5): menu mnemonics, Help > Keyboard shortcuts
listing every shortcut, a focus order that follows the layout, and names a screen reader
reads for every stop of it and for the custom-painted widgets (tiles, badges, the chart)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.settings import AppSettings
from kpi_desktop.ui.workspace.keyboard import mnemonic, plain, with_mnemonic

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, tmp_path: Path, cafe: Path):  # type: ignore[no-untyped-def]
    made = MainWindow(AppSettings(tmp_path / "settings.ini"), ScriptedPrompts())
    qtbot.addWidget(made)
    made.resize(1280, 800)
    made.show()
    assert made.open_workspace(cafe)
    made.menus.help_menu.aboutToShow.emit()  # the help pages join the menu
    made.menus.recent_menu.aboutToShow.emit()
    QApplication.processEvents()
    yield made
    made.close_workspace()


def _menus(window: MainWindow) -> list[tuple[str, QMenu]]:
    out, stack = [], [(plain(a.text()), a.menu()) for a in window.menuBar().actions()]
    while stack:
        name, menu = stack.pop()
        out.append((name, menu))
        stack += [(plain(a.text()), a.menu()) for a in menu.actions() if a.menu() is not None]
    return out


def test_every_menu_and_menu_item_has_its_own_mnemonic(window: MainWindow) -> None:
    top = [a.text() for a in window.menuBar().actions()]
    assert [plain(t) for t in top] == ["File", "Edit", "View", "KPI", "Track", "Review", "Help"]
    letters = [mnemonic(t) for t in top]
    assert "" not in letters and len(set(letters)) == len(letters)
    for name, menu in _menus(window):
        items = [a for a in menu.actions() if not a.isSeparator() and a.isEnabled() or a.menu()]
        items = [a for a in items if a.text() != "(none yet)"]
        keys = [mnemonic(a.text()) for a in items]
        assert "" not in keys, (name, [a.text() for a in items])
        assert len(set(keys)) == len(keys), (name, [a.text() for a in items])
    # the tabs' mnemonics do not take a menu's letter
    tabs = window.view.centre
    tab_keys = {mnemonic(tabs.tabText(i)) for i in range(tabs.count())}
    assert "" not in tab_keys and not tab_keys & set(letters)


def test_mnemonics_are_found_for_names_made_at_run_time() -> None:
    taken = {"h", "k"}
    assert with_mnemonic("How sizing works", taken) == "H&ow sizing works"
    assert with_mnemonic("Save a &Copy", taken) == "Save a &Copy" and "c" in taken
    assert plain("Fish && &Chips") == "Fish & Chips"


def test_keyboard_shortcuts_lists_every_shortcut(window: MainWindow) -> None:
    dialog = window.menus.show_shortcuts()
    assert dialog.isVisible() and not dialog.isModal()
    rows = dialog.rows()
    listed = {(what, keys) for _where, what, keys in rows}
    actions = [a for a in window.findChildren(QAction) if a.shortcuts() and not a.menu()]
    assert len(actions) > 20
    from kpi_desktop.ui.workspace.keyboard import keys_text

    missing = [(plain(a.text()), keys_text(a)) for a in actions]
    missing = [pair for pair in missing if pair not in listed]
    assert missing == []
    where = {what: place for place, what, _keys in rows}
    assert where["Editor panel"] == "View" and ("Editor panel", "F9") in listed
    assert where["Rename"] == "Goal tree" and ("Rename", "F2") in listed
    assert ("Keyboard shortcuts", "Ctrl+/") in listed
    # the window's own shortcuts are not given twice
    menu_keys = [
        keys_text(a)
        for _name, menu in _menus(window)
        for a in menu.actions()
        if a.shortcuts() and not a.menu()
    ]
    assert len(set(menu_keys)) == len(menu_keys)


def _pane(widget: QWidget, window: MainWindow) -> int:
    view = window.view
    for rank, pane in enumerate((view.reminders, view.tree, view.centre, view.editors)):
        if pane is widget or pane.isAncestorOf(widget):
            return rank
    return -1


def _name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name) if iface is not None else ""


@pytest.mark.parametrize("tab", ["overview", "chart"])
def test_tab_walks_the_panes_in_layout_order_and_every_stop_has_a_name(
    window: MainWindow, tab: str
) -> None:
    view = window.view
    view.tree.select("kpi", window.document.workspace.kpis.find("Monthly revenue").id)
    view.centre.setCurrentWidget(view.overview if tab == "overview" else view.chart_split)
    QApplication.processEvents()
    start = view.reminders.actions_button
    start.setFocus()
    QApplication.processEvents()
    stops: list[QWidget] = []
    for _ in range(200):
        focused = QApplication.focusWidget()
        if stops and focused is stops[0]:
            break
        stops.append(focused)
        window.focusNextChild()
        QApplication.processEvents()
    assert stops[0] is start and len(stops) > 15
    panes = [_pane(w, window) for w in stops]
    assert -1 not in panes
    assert panes == sorted(panes)  # the bar, the tree, the centre, the editor: as laid out
    assert set(panes) == {0, 1, 2, 3}
    unnamed = [type(w).__name__ for w in stops if not _name(w).strip()]
    assert unnamed == []
    # down the editor, the fields come top to bottom
    ys = [w.mapTo(window, QPoint(0, 0)).y() for w in stops if _pane(w, window) == 3]
    assert len(ys) > 10 and ys[1:] == sorted(ys[1:])  # (the first: the wizard button, top)


def test_custom_painted_widgets_have_names(window: MainWindow) -> None:
    view = window.view
    grid = QAccessible.queryAccessibleInterface(view.scorecard.grid)
    assert grid.text(QAccessible.Text.Name) == "KPI tiles"
    tiles = [grid.child(i).text(QAccessible.Text.Name) for i in range(grid.childCount())]
    assert len(tiles) == 11
    revenue = next(t for t in tiles if t.startswith("Monthly revenue"))
    assert "€41,343" in revenue and "On track" in revenue and "Progress" in revenue
    view.tree.select("kpi", window.document.workspace.kpis.find("Monthly revenue").id)
    QApplication.processEvents()
    chart = view.chart
    assert _name(chart.chart_widget) == "Chart of Monthly revenue"
    description = QAccessible.queryAccessibleInterface(chart.chart_widget).text(
        QAccessible.Text.Description
    )
    assert "Monthly revenue rose to €41,343" in description
    assert _name(chart.badge_icon) == "Status: On track"
    assert _name(view.reminders.icon_label) == "Reminder"
    for lst in (view.overview.due_list, view.overview.achievements_list):
        assert _name(lst) in ("Due and overdue", "Latest achievements")


def test_the_tree_s_buttons_have_keys_of_their_own(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    ws = window.document.workspace
    before = len(ws.goals.list())
    tree = window.view.tree
    tree.select("goal", ws.goals.find("Run a tight kitchen").id)
    tree.view.setFocus()
    qtbot.keyClick(
        tree.view,
        Qt.Key.Key_G,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(ws.goals.list()) == before + 1
    kpis = len(ws.kpis.list())
    tree.view.setFocus()
    qtbot.keyClick(
        tree.view,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(ws.kpis.list()) == kpis + 1
    rows = {(where, what) for where, what, _k in window.menus.show_shortcuts().rows()}
    assert {("Goal tree", "Add goal"), ("Goal tree", "Add KPI")} <= rows

"""The main window end to end: first start on the demo, opening files that cannot be
opened, recent files across restarts, selection wiring, undo from the Edit menu."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kpi_desktop.paths import demo_workspace_path
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.app import start_workspace
from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.settings import AppSettings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def make_window(qtbot):  # type: ignore[no-untyped-def]
    windows: list[MainWindow] = []

    def make(prompts: ScriptedPrompts | None = None) -> MainWindow:
        window = MainWindow(AppSettings(), prompts or ScriptedPrompts())
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close_workspace()


def test_first_start_opens_the_demo(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert start_workspace(window, None)
    window.show()
    qtbot.waitExposed(window)
    assert demo_workspace_path().exists()
    assert window.windowTitle().startswith("Demo - Corner Cafe")
    tree = window.view.tree
    assert tree.model.rowCount() == 3
    kpi = window.document.workspace.kpis.find("Monthly revenue")
    assert tree.select("kpi", kpi.id)
    assert "Monthly revenue" in window.view.chart.header_text()
    assert window.view.table.model.rowCount() == 24
    assert window.view.editors.currentWidget() is window.view.kpi_editor


def test_a_corrupt_file_gives_a_message_and_the_app_stays_usable(
    make_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    prompts = ScriptedPrompts()
    window = make_window(prompts)
    good = tmp_path / "good.kpidb"
    Workspace.create(good).close()
    assert window.open_workspace(good)
    bad = tmp_path / "bad.kpidb"
    bad.write_bytes(os.urandom(3000))
    before = bad.read_bytes()
    assert not window.open_workspace(bad)
    assert prompts.asked[-1][0] == "error"
    assert "not a KPI Desktop workspace" in prompts.asked[-1][2]
    assert bad.read_bytes() == before
    assert window.document is not None and window.document.workspace.path == good
    assert window.windowTitle().startswith("good")


def test_start_up_problems_wait_for_the_window(make_window, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    prompts = ScriptedPrompts()
    window = make_window(prompts)
    assert not start_workspace(window, tmp_path / "gone.kpidb")
    assert prompts.asked == []  # nothing during start-up ...
    qtbot.waitUntil(lambda: len(prompts.asked) == 1)  # ... then, from the event loop
    assert "no such workspace file" in prompts.asked[0][2]


def test_recent_files_survive_a_restart(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plan.kpidb"
    Workspace.create(path).close()
    first = make_window()
    assert first.open_workspace(path)
    first.close()
    second = make_window()
    assert path.resolve() in second.settings.recent_files()
    second.menus._fill_recent_menu()
    assert [a.text() for a in second.menus.recent_menu.actions()] == ["&1 plan.kpidb"]
    assert start_workspace(second, None)  # the last workspace, not the demo
    assert second.document.workspace.path == path


def test_new_and_save_a_copy(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    prompts = ScriptedPrompts(files=[str(tmp_path / "fresh"), str(tmp_path / "copy.kpidb")])
    window = make_window(prompts)
    assert window.new_workspace()
    assert (tmp_path / "fresh.kpidb").exists()
    window.view.tree.add_goal()
    assert window.save_copy()
    with Workspace.open(tmp_path / "copy.kpidb") as copy:
        assert [g.title for g in copy.goals.list()] == ["New objective"]


def test_undo_and_redo_from_the_edit_menu(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "u.kpidb"
    Workspace.create(path).close()
    window = make_window()
    window.open_workspace(path)
    assert not window.menus.undo_action.isEnabled()
    window.view.tree.add_goal()
    assert window.menus.undo_action.isEnabled()
    assert "Add goal" in window.menus.undo_action.text()
    window.menus.undo_action.trigger()
    assert window.document.workspace.goals.list() == []
    window.menus.redo_action.trigger()
    assert [g.title for g in window.document.workspace.goals.list()] == ["New objective"]


def test_scorecard_click_selects_the_kpi_in_the_tree(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.open_demo()
    view = window.view
    view.centre.setCurrentWidget(view.overview)  # the scorecard is on the overview
    view.scorecard.refresh()
    QApplication.processEvents()
    tile = view.scorecard.tiles()[2]
    view.scorecard.kpi_selected.emit(tile.kpi_id)
    assert view.tree.selected() == ("kpi", tile.kpi_id)
    assert view.centre.currentWidget() is view.chart_split


def test_help_pages_open_without_blocking(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    viewer = window.show_help("status")
    assert not viewer.isModal()
    assert "on track" in viewer.current_text().lower()
    window.show_about()
    assert window.prompts.asked[-1][0] == "info" and "0.1.0" in window.prompts.asked[-1][2]


def test_new_kpi_wizard_opens_for_the_selected_goal_and_finish_selects_the_kpi(
    make_window,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    window = make_window()
    assert window.open_demo()
    goal = window.document.workspace.goals.find("Run a tight kitchen")
    window.view.tree.select("goal", goal.id)
    wizard = window.open_wizard()
    assert wizard is not None
    qtbot.waitExposed(wizard)
    assert wizard.currentId() != -1
    wizard.reject()
    assert len(window.document.workspace.kpis.list(goal_id=goal.id)) == 2  # Cancel wrote nothing


def test_review_reminders_and_achievements_are_wired(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.open_demo()
    view = window.view
    assert "1 action is overdue" in view.reminders.text()  # the demo has one overdue action
    due = frozenset({window.document.workspace.kpis.find("Monthly revenue").id})
    view.reminders.filter_requested.emit(due)
    kpis_shown = []
    stack = [view.tree.proxy.index(r, 0) for r in range(view.tree.proxy.rowCount())]
    while stack:
        index = stack.pop()
        node = view.tree.model.node(view.tree.proxy.mapToSource(index))
        if node.kind == "kpi":
            kpis_shown.append(node.title)
        stack += [
            view.tree.proxy.index(r, 0, index) for r in range(view.tree.proxy.rowCount(index))
        ]
    assert kpis_shown == ["Monthly revenue"]
    view.reminders.filter_requested.emit(None)
    dialog = window.start_review()
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    dialog.close()
    window.menus.review_history_action.trigger()
    assert view.centre.currentWidget() is view.reviews
    assert [view.centre.tabText(i) for i in range(view.centre.count())] == [
        "Overv&iew",
        "&Chart",
        "Achieve&ments",
        "Actio&ns",
        "Revie&ws",
        "Strate&gy map",
    ]


def test_a_second_copy_is_warned_and_opens_read_only(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    path = tmp_path / "shared.kpidb"
    Workspace.create(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom kpi_desktop.services.workspace.presence import claim\n"
            f"p = claim({str(path)!r})\nprint('held' if p else 'no', flush=True)\ntime.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        prompts = ScriptedPrompts(confirm=True)
        window = make_window(prompts)
        assert window.open_workspace(path)
        assert prompts.asked[0][0] == "confirm" and "has this workspace open" in prompts.asked[0][2]
        assert window.document.workspace.readonly
        assert "[read-only]" in window.windowTitle()
        prompts.answer = False
        window.close_workspace()
        assert not window.open_workspace(path)  # the user said no: nothing opened
    finally:
        holder.kill()
        holder.wait()


def test_opening_makes_the_daily_backup(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kpi_desktop.services.workspace.backups import list_backups

    path = tmp_path / "daily.kpidb"
    with Workspace.create(path) as ws:
        ws.goals.add("Grow")
    window = make_window()
    assert window.open_workspace(path)
    backups = list_backups(path)
    assert len(backups) == 1
    window.close_workspace()
    assert window.open_workspace(path)
    assert len(list_backups(path)) == 1  # one a day


def test_export_menu_items_follow_the_selection(make_window, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication

    window = make_window()
    assert window.open_demo()
    assert not window.menus.export_chart_action.isEnabled()
    kpi = window.document.workspace.kpis.find("Gross margin")
    window.view.tree.select("kpi", kpi.id)
    assert (
        window.menus.export_chart_action.isEnabled() and window.menus.copy_chart_action.isEnabled()
    )
    window.menus.copy_chart_action.trigger()
    assert not QGuiApplication.clipboard().image().isNull()
    dialog = window.export_chart()
    assert dialog is not None and dialog.isVisible()
    dialog.close()
    assert window.menus.export_report_action.isEnabled()


def test_import_data_opens_the_wizard(make_window, employment_csv: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(ScriptedPrompts(files=[str(employment_csv)]))
    assert window.open_demo()
    assert window.menus.import_action.isEnabled()
    wizard = window.import_data()
    assert wizard is not None and wizard.isVisible()
    qtbot.waitExposed(wizard)
    assert wizard.currentId() != -1
    wizard.reject()


def test_closing_the_workspace_asks_a_review_with_typed_input_first(
    make_window,  # type: ignore[no-untyped-def]
    qtbot,
) -> None:
    prompts = ScriptedPrompts(confirm=False)  # "keep my comment"
    window = make_window(prompts)
    window.show()
    assert window.open_demo()
    review = window.start_review()
    assert review is not None
    kpi_id = window.document.workspace.kpis.find("Gross margin").id
    review.state.set_comment(kpi_id, "Prices up")  # typed on the KPI's page
    # File > Close and Quit keep the workspace (and the review) open
    assert window.close_workspace() is False
    assert window.document is not None and review.isVisible()
    assert not window.close() and window.isVisible()
    assert [kind for kind, _, _ in prompts.asked] == ["confirm", "confirm"]
    assert "Prices up" not in prompts.asked[0][2] and "1 comment" in prompts.asked[0][2]
    # Opening another workspace asks too
    assert window.open_demo() is False and review.isVisible()
    # Discarding closes both
    prompts.answer = True
    assert window.close_workspace() is True
    assert window.document is None
    assert not review.isVisible()
    qtbot.waitUntil(lambda: window._document_windows == [])  # deleted, and forgotten

"""The window on a team workspace: File > Connect, the recent servers, a viewer's window,
and other users' changes showing within a second (a real server; see team_server.py)."""

from __future__ import annotations

import datetime as dt
import os

import pytest
import team_server
from PySide6.QtCore import Qt

from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store.location import WorkspaceLocation
from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.settings import AppSettings
from kpi_desktop.ui.workspace.team import ConnectDialog, connect_team_workspace, recent_label
from tests.cli_run import run

pytestmark = [
    pytest.mark.team,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
SHOTS = os.environ.get("KPI_SHOTS")  # a folder: save what the tests show, to look at


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    win = MainWindow(AppSettings(), ScriptedPrompts())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    yield win
    win.close_workspace()


def _shoot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, name))


def _filled(location: WorkspaceLocation) -> tuple[int, int]:
    with Workspace.create(location, name="Corner Cafe") as ws:
        goal = ws.goals.add("Grow the cafe")
        kpi = ws.kpis.add(goal.id, "Monthly revenue", unit="EUR")
        ws.measurements.upsert(kpi.id, dt.date(2024, 1, 1), 1000)
    return goal.id, kpi.id


def test_connect_asks_for_the_password_keeps_the_address_and_remembers_the_server(
    window, team_database, monkeypatch, qtbot
) -> None:  # type: ignore[no-untyped-def]
    _filled(team_database)
    password = team_database.password
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", os.devnull)
    seen: list[tuple[str, str]] = []

    def ask(dialog: ConnectDialog) -> bool:
        seen.append((dialog.url.text(), dialog.message.text()))
        if len(seen) == 1:
            dialog.url.setText(team_database.display)  # no password: the server asks
        elif len(seen) == 2:
            dialog.password.setText("wrong")
        else:
            _shoot(dialog, "18-connect-dialog.png")
            dialog.password.setText(password)
        return True

    assert connect_team_workspace(window, ask=ask)
    assert [url for url, _ in seen] == ["", team_database.display, team_database.display]
    assert "password" in seen[1][1] and "refused the password" in seen[2][1]
    assert window.document is not None
    assert window.windowTitle().startswith(f"{team_database.name} on {team_database.server}")
    recent = [str(p) for p in window.settings.recent_files()]
    assert recent and WorkspaceLocation.parse(recent[0]).display == team_database.display
    assert password not in window.settings.path.read_text(encoding="utf-8")
    assert recent_label(recent[0]) == f"{team_database.name} on {team_database.server} (team)"
    window.close_workspace()
    # Open Recent: the password typed earlier is kept in memory for this run only
    assert connect_team_workspace(window, WorkspaceLocation.parse(recent[0]), ask=lambda d: False)
    assert window.document is not None


def test_a_viewer_sees_why_nothing_can_be_edited(window, team_database, capsys, qtbot) -> None:  # type: ignore[no-untyped-def]
    goal_id, kpi_id = _filled(team_database)
    user = f"viewer_{team_database.name}"[:60]
    assert (
        run(capsys, "team", "grant", team_database.display, "--user", user, "--role", "viewer")[0]
        == 0
    )
    team_server.admin_sql(f"ALTER ROLE \"{user}\" PASSWORD 'pw-{user}'")
    viewer = WorkspaceLocation(url=team_database.url.set(username=user), password=f"pw-{user}")
    assert connect_team_workspace(window, viewer, ask=lambda d: False)
    window.show()
    qtbot.waitExposed(window)
    doc = window.document
    assert doc is not None and doc.workspace.readonly
    badge = doc.team.badge
    assert badge is not None and badge.text().startswith("Read-only: you are a viewer")
    assert not window.menus.new_kpi_action.isEnabled()
    assert not window.view.tree.add_goal_action.isEnabled()
    assert "viewer" in badge.toolTip() and "ask its owner" in badge.toolTip()
    assert "[read-only]" in window.windowTitle()
    assert not window.menus.fiscal_action.isEnabled()
    view = window.view
    view.kpi_editor.show_kpi(kpi_id)
    assert not view.kpi_editor.field_widget("name").isEnabled()
    view.goal_editor.show_goal(goal_id)
    assert not view.goal_editor.field_widget("title").isEnabled()
    assert not view.reminders.checkin_button.isEnabled()
    view.table.show_kpi(kpi_id)
    value_cell = view.table.model.index(0, 1)
    assert (
        value_cell.isValid() and not view.table.model.flags(value_cell) & Qt.ItemFlag.ItemIsEditable
    )
    _shoot(window, "18-viewer-window.png")


def test_another_users_value_shows_within_a_second(window, team_database, qtbot) -> None:  # type: ignore[no-untyped-def]
    goal_id, kpi_id = _filled(team_database)
    assert connect_team_workspace(window, team_database, ask=lambda d: False)
    window.show()
    qtbot.waitExposed(window)
    doc = window.document
    assert doc is not None and doc.team is not None and doc.team.listener.wait_ready()
    heard: list[int] = []
    doc.measurements_changed.connect(heard.append)
    tree_changes: list[bool] = []
    doc.goals_changed.connect(lambda: tree_changes.append(True))
    with Workspace.open(team_database) as other:
        other.measurements.upsert(kpi_id, dt.date(2024, 2, 1), 1200)
        qtbot.waitUntil(lambda: kpi_id in heard, timeout=1000)
        other.kpis.add(goal_id, "Covers per day", unit="")
        qtbot.waitUntil(lambda: bool(tree_changes), timeout=1000)
    assert doc.plan().latest[kpi_id][-1].value == 1200
    names = {k.name for k in doc.plan().kpis}
    assert names == {"Monthly revenue", "Covers per day"}
    model = window.view.tree.model
    goal_row = model.index(0, 0)
    qtbot.waitUntil(lambda: model.rowCount(goal_row) == 2, timeout=1000)  # the painted tree
    shown = {model.index(r, 0, goal_row).data() for r in range(model.rowCount(goal_row))}
    assert shown == names
    # this window's own edits are not announced twice
    heard.clear()
    doc.workspace.measurements.upsert(kpi_id, dt.date(2024, 3, 1), 1300)
    qtbot.wait(600)
    assert heard == []
    _shoot(window, "18-team-window.png")


def test_a_server_gone_during_an_edit_keeps_it_and_reconnect_saves_it(
    window, team_database, qtbot
) -> None:  # type: ignore[no-untyped-def]
    _goal_id, kpi_id = _filled(team_database)
    control = team_server.server_control()
    assert connect_team_workspace(window, team_database, ask=lambda d: False)
    window.show()
    qtbot.waitExposed(window)
    doc = window.document
    assert doc is not None and doc.team is not None
    editor = window.view.kpi_editor
    editor.show_kpi(kpi_id)
    bar = doc.team.reconnect_bar
    assert bar is not None and not bar.isVisible()
    field = editor.field_widget("name")
    control("halt")
    try:
        field.selectAll()
        qtbot.keyClicks(field, "Revenue")
        qtbot.keyClick(field, Qt.Key.Key_Return)
        assert bar.isVisible() and team_database.server in bar.text()
        assert field.text() == "Revenue"  # what was typed stays
        assert not bar.reconnect()  # still down: said again, nothing lost
        assert bar.isVisible()
        _shoot(window, "18-reconnect-bar.png")
    finally:
        control("resume")
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    with Workspace.open(team_database) as other:
        assert other.kpis.get(kpi_id).name == "Revenue"
    assert editor.field_message("name") == ""


def test_a_server_that_does_not_answer_stays_in_open_recent(window, team_database) -> None:  # type: ignore[no-untyped-def]
    _filled(team_database)
    control = team_server.server_control()
    assert connect_team_workspace(window, team_database, ask=lambda d: False)
    window.close_workspace()
    control("halt")
    try:
        assert not window.open_workspace(team_database.display)
    finally:
        control("resume")
    shown = [WorkspaceLocation.parse(str(p)).display for p in window.settings.recent_files()]
    assert team_database.display in shown  # down for now, back later

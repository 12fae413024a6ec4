"""The app makes no network connection: owners work offline, and their numbers stay put.

The command line and the main window run with Python's sockets replaced by a trap that
records any attempt; the source is also checked for imports of networking modules.
"""

from __future__ import annotations

import ast
import json
import socket
from pathlib import Path

import pytest

import kpi_desktop
from kpi_desktop import cli
from kpi_desktop.services.workspace.backups import make_daily_backup
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.app import start_workspace
from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.settings import AppSettings
from kpi_desktop.ui.workspace.restore_dialog import RestoreBackupDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TRAPPED = (
    "socket",
    "socketpair",
    "create_connection",
    "create_server",
    "getaddrinfo",
    "gethostbyname",
    "gethostbyname_ex",
    "gethostbyaddr",
    "fromfd",
)
# Networking modules the app must not import (the standard library's and Qt's).
NETWORK_MODULES = (
    "urllib.request",
    "http.client",
    "http.server",
    "ftplib",
    "smtplib",
    "imaplib",
    "poplib",
    "xmlrpc",
    "socketserver",
    "ssl",
    "asyncio",
    "requests",
    "httpx",
    "aiohttp",
    "websocket",
    "PySide6.QtNetwork",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
)
# The one module that may import `socket`, for the host name in its lock file (no I/O).
SOCKET_ALLOWED = {"kpi_desktop/services/workspace/presence.py"}


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def trap(name: str):  # type: ignore[no-untyped-def]
        def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
            attempts.append(f"socket.{name}{args}")
            raise OSError(f"no network in KPI Desktop: socket.{name} was called")

        return refuse

    for name in TRAPPED:
        monkeypatch.setattr(socket, name, trap(name))
    return attempts


def test_the_command_line_makes_no_connection(
    no_network: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cafe.kpidb"
    data = tmp_path / "values.csv"
    data.write_text("date,Footfall\n2025-01-01,120\n2025-02-01,130\n", encoding="utf-8")
    runs = [
        ["new", str(path), "--demo"],
        ["add-goal", str(path), "Offline goal"],
        [
            "add-kpi",
            str(path),
            "--goal",
            "Offline goal",
            "--name",
            "Footfall",
            "--unit",
            "guests",
            "--baseline",
            "100@2025-01-01",
            "--target",
            "150@2025-12-31",
        ],
        ["import", str(path), str(data)],
        ["status", str(path), "--json"],
        ["size", str(path), "--kpi", "Monthly revenue", "--target-date", "2026-12-31"],
        ["check", str(path), "--json"],
    ]
    out = {}
    for args in runs:
        assert cli.main(args) == 0, capsys.readouterr().err
        out[args[0]] = capsys.readouterr().out
    assert any(s["kpi"] == "Footfall" for s in json.loads(out["status"]))
    assert no_network == []


def test_the_main_window_makes_no_connection(no_network: list[str], qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(AppSettings(), ScriptedPrompts())
    qtbot.addWidget(window)
    try:
        assert start_workspace(window, None)  # the demo, made on first start
        window.show()
        qtbot.waitExposed(window)
        ws: Workspace = window.document.workspace
        kpi = ws.kpis.find("Monthly revenue")
        assert window.view.tree.select("kpi", kpi.id)
        qtbot.wait(50)
        make_daily_backup(ws)
        dialog = RestoreBackupDialog(ws.path, ScriptedPrompts())
        qtbot.addWidget(dialog)
        assert dialog.table.rowCount() == 1
        window.save_copy  # noqa: B018 (the menu action exists; copying is tested elsewhere)
    finally:
        window.close_workspace()
    assert no_network == []


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_module_of_the_app_imports_networking() -> None:
    package = Path(kpi_desktop.__file__).resolve().parent
    offenders = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package.parent).as_posix()
        for name in _imports(path):
            if any(name == m or name.startswith(m + ".") for m in NETWORK_MODULES):
                offenders.append(f"{rel}: {name}")
            if name == "socket" and rel not in SOCKET_ALLOWED:
                offenders.append(f"{rel}: socket")
    assert offenders == []

"""Item 5: the app starts without a data folder and says what it cannot do; item 3 in the
app: a workspace found damaged by the day's backup is no longer written to."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kpi_desktop.services.errors import WorkspaceCorrupt
from kpi_desktop.services.workspace.backups import list_backups
from kpi_desktop.ui.app import start_workspace
from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.settings import AppSettings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    prompts = ScriptedPrompts()
    win = MainWindow(AppSettings(), prompts)
    qtbot.addWidget(win)
    yield win
    win.close_workspace()


def test_the_app_starts_without_a_data_folder_and_says_so(
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder's parent should be")
    monkeypatch.setenv("KPI_DESKTOP_DATA_DIR", str(blocker / "data"))
    assert not start_workspace(window, None)
    window.show()
    qtbot.waitExposed(window)
    prompts = window.prompts
    assert isinstance(prompts, ScriptedPrompts)
    qtbot.waitUntil(lambda: len(prompts.asked) == 1)
    kind, _title, text = prompts.asked[0]
    assert kind == "error" and "data folder" in text and "KPI_DESKTOP_DATA_DIR" in text
    # the app goes on: a workspace elsewhere opens, and says it has no backup
    from kpi_desktop.services.workspace.workspace import Workspace

    path = tmp_path / "plan.kpidb"
    Workspace.create(path).close()
    assert window.open_workspace(path)
    assert "No backup today" in window.statusBar().currentMessage()


def test_a_workspace_found_damaged_opens_read_only(window: MainWindow, base: Path) -> None:
    data = bytearray(base.read_bytes())
    data[8192 : 8192 + 4096] = random.Random(22).randbytes(4096)
    base.write_bytes(bytes(data))
    if not window.open_workspace(base):
        pytest.skip("this damage already stops the open")
    prompts = window.prompts
    assert isinstance(prompts, ScriptedPrompts)
    assert prompts.asked[-1][0] == "error" and "damaged" in prompts.asked[-1][2]
    assert list_backups(base) == []
    ws = window.document.workspace
    with pytest.raises(WorkspaceCorrupt, match="damaged"), ws.writing():  # said, not just
        pass  # "read-only"
    # no page changed (opening switched the header's journal mode to WAL, bytes 18-19)
    assert base.read_bytes()[100:] == bytes(data)[100:]

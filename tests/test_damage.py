"""A damaged workspace file is caught: a page of the values table or of an index of a real
workspace is overwritten, and opening, writing, backups, the CLI and the GUI must notice."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from kpi_desktop.services.errors import WorkspaceCorrupt
from kpi_desktop.services.workspace import backups, integrity
from kpi_desktop.services.workspace.backups import (
    backup_folder,
    list_backups,
    make_daily_backup,
    newest_intact_backup,
)
from kpi_desktop.services.workspace.integrity import IntegrityCheck, checkable
from kpi_desktop.services.workspace.workspace import Workspace, backup_file
from kpi_desktop.ui.prompts import ScriptedPrompts
from tests.cli_run import run
from tests.test_main_window import make_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

VALUES, INDEX = "measurement", "ix_kpi_goal_id"


def damage_page(path: Path, table: str) -> int:
    """Overwrite 200 bytes in the last page that SQLite's dbstat gives for ``table`` (a
    leaf of the values table, or an index): cell pointers now point past the page."""
    conn = sqlite3.connect(path)
    try:
        pages = [p for (p,) in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    page = max(pages)
    with path.open("r+b") as fh:
        fh.seek((page - 1) * size + 8)  # past the page header: the cell pointer array
        fh.write(b"\xff" * 200)
    return page


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(params=[VALUES, INDEX])
def damaged(request: pytest.FixtureRequest, cafe: Path) -> Path:
    """The demo workspace with one damaged page (of the values or of an index)."""
    damage_page(cafe, request.param)
    return cafe


def test_the_check_finds_each_damage_and_passes_a_sound_file(cafe: Path, tmp_path: Path) -> None:
    sound = tmp_path / "sound.kpidb"
    shutil.copy(cafe, sound)
    assert IntegrityCheck(sound).problem() is None
    for table in (VALUES, INDEX):
        bad = tmp_path / f"{table}.kpidb"
        shutil.copy(cafe, bad)
        damage_page(bad, table)
        now = IntegrityCheck(bad, background=False)
        assert now.done() and "page" in (now.problem() or "")
        later = IntegrityCheck(bad, background=True)  # the thread of a big file
        assert "page" in (later.problem(timeout=10) or "")
    assert checkable(sound) and not checkable("postgresql://me@host/kpis")
    assert not checkable(tmp_path / "missing.kpidb")


def test_a_damaged_workspace_opens_but_refuses_the_first_write(damaged: Path) -> None:
    before = _digest(damaged)
    ws = Workspace.open(damaged)
    try:
        assert "page" in (ws.damage(wait=True) or "")
        with pytest.raises(WorkspaceCorrupt, match="damaged"):
            ws.goals.add("Anything")
        assert ws.readonly
        with pytest.raises(WorkspaceCorrupt, match="damaged"):  # still said, not "read-only"
            ws.goals.add("Again")
    finally:
        ws.close()
    assert _digest(damaged) == before


def test_a_check_in_its_thread_is_waited_for_before_writing(
    cafe: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(integrity, "BACKGROUND_BYTES", 0)  # every file counts as big
    damage_page(cafe, VALUES)
    ws = Workspace.open(cafe)
    try:
        assert ws.integrity is not None and ws.integrity._thread is not None
        with pytest.raises(WorkspaceCorrupt):
            ws.goals.add("Anything")
    finally:
        ws.close()


def test_closing_stops_a_check_still_running(cafe: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(integrity, "BACKGROUND_BYTES", 0)
    ws = Workspace.open(cafe)
    ws.close()  # waits for (or interrupts) the thread: nothing left holding the file
    assert ws.integrity is not None and ws.integrity.done()
    assert not Path(f"{cafe}-wal").exists()


@pytest.mark.parametrize(
    "command",
    [
        ("status",),
        ("check",),
        ("due",),
        ("history",),
        ("add-value", "--kpi", "Monthly revenue", "--period", "2026-01-01", "5"),
        ("add-goal", "New goal"),
        ("backup",),
    ],
)
def test_cli_commands_fail_with_one_line_on_a_damaged_file(
    damaged: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    before = _digest(damaged)
    code, _out, err = run(capsys, command[0], damaged, *command[1:])
    assert code == 1
    assert len(err.strip().splitlines()) == 1, err
    assert "damaged" in err and "Traceback" not in err
    assert _digest(damaged) == before


def test_no_backup_of_a_damaged_workspace_and_the_good_ones_stay(cafe: Path) -> None:
    with Workspace.open(cafe) as ws:
        good = make_daily_backup(ws, now=dt.datetime(2026, 3, 1, 9))
    assert good is not None
    damage_page(cafe, VALUES)
    for day in range(2, 12):  # ten more days of opening the damaged file
        with Workspace.open(cafe) as ws, pytest.raises(WorkspaceCorrupt):
            make_daily_backup(ws, now=dt.datetime(2026, 3, day, 9))
    assert [b.path for b in list_backups(cafe)] == [good]
    newest = newest_intact_backup(cafe)
    assert newest is not None and newest.path == good


def _fake_backup(folder: Path, when: dt.datetime, source: Path) -> Path:
    dest = folder / f"backup-{when:%Y-%m-%d-%H%M%S}.kpidb"
    shutil.copy(source, dest)
    return dest


def test_pruning_keeps_the_newest_intact_backup_whatever_its_age(
    cafe: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.kpidb"
    shutil.copy(cafe, broken)
    damage_page(broken, VALUES)
    folder = backup_folder(cafe)
    folder.mkdir(parents=True)
    start = dt.datetime(2026, 2, 1, 8, 0, 0)
    intact = [_fake_backup(folder, start + dt.timedelta(days=d), cafe) for d in range(3)]
    damaged_ones = [
        _fake_backup(folder, start + dt.timedelta(days=d, hours=h), broken)
        for d in range(3, 12)
        for h in (0, 5)
    ]
    backups._prune(folder, keep=7)
    left = {p.name for p in folder.glob("backup-*.kpidb")}
    # the later backup of each of the 7 newest days (all damaged), and the newest intact one
    later_of_each = {damaged_ones[(d - 3) * 2 + 1].name for d in range(5, 12)}
    assert left == later_of_each | {intact[-1].name}
    assert newest_intact_backup(cafe).path == intact[-1]  # type: ignore[union-attr]


def test_pruning_intact_backups_keeps_the_newest_per_day(cafe: Path) -> None:
    folder = backup_folder(cafe)
    folder.mkdir(parents=True)
    made = [
        _fake_backup(folder, dt.datetime(2026, 1, 1 + d, h), cafe)
        for d in range(10)
        for h in (8, 17)
    ]
    backups._prune(folder, keep=3)
    left = sorted(p.name for p in folder.glob("backup-*.kpidb"))
    assert left == sorted(made[d * 2 + 1].name for d in (7, 8, 9))


# -- the app --------------------------------------------------------------------------------


window = make_window  # the main window test's fixture, under a shorter name


def test_the_app_opens_a_damaged_file_read_only_and_restores_the_newest_intact_backup(
    window, cafe: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    folder = backup_folder(cafe)
    folder.mkdir(parents=True)
    backup_file(cafe, folder / "backup-2026-03-01-090000.kpidb")
    damage_page(cafe, VALUES)
    damaged_bytes = _digest(cafe)
    prompts = ScriptedPrompts(confirm=True)
    w = window(prompts)
    assert w.open_workspace(cafe)
    kind, title, text = prompts.asked[0]
    assert (kind, title) == ("confirm", "The workspace is damaged")
    assert "broken page" in text and "Sun 01 Mar 2026" in text
    assert w.document is not None and not w.document.workspace.readonly
    assert w.document.workspace.damage(wait=True) is None  # the restored file is sound
    aside = list(tmp_path.glob("cafe.before-restore-*.kpidb"))
    assert len(aside) == 1 and _digest(aside[0]) == damaged_bytes
    assert w.document.workspace.kpis.find("Monthly revenue").name == "Monthly revenue"


def test_declining_the_restore_leaves_it_read_only_and_untouched(window, cafe: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    damage_page(cafe, "ix_change_log_at")  # an index the views never read
    before = _digest(cafe)
    prompts = ScriptedPrompts(confirm=False)
    w = window(prompts)
    assert w.open_workspace(cafe)
    assert w.document.workspace.readonly
    assert "damaged, read-only" in w.windowTitle()
    assert not w.menus.fiscal_action.isEnabled()
    kind, _title, text = prompts.asked[-1]
    assert kind == "error" and "no intact backup" in text  # none was ever made
    w.close_workspace()
    assert _digest(cafe) == before
    assert list_backups(cafe) == []


def test_a_file_too_damaged_to_show_is_closed_with_a_message(window, cafe: Path) -> None:  # type: ignore[no-untyped-def]
    damage_page(cafe, VALUES)
    before = _digest(cafe)
    prompts = ScriptedPrompts(confirm=False)
    w = window(prompts)
    assert not w.open_workspace(cafe)
    assert w.document is None
    kind, title, text = prompts.asked[-1]
    assert (kind, title) == ("error", "The workspace is damaged")
    assert "cannot be shown" in text and "no intact backup" in text
    assert _digest(cafe) == before


def test_a_big_file_is_checked_in_the_background_and_then_made_read_only(
    window, cafe: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(integrity, "BACKGROUND_BYTES", 0)
    damage_page(cafe, "ix_change_log_at")
    prompts = ScriptedPrompts(confirm=False)
    w = window(prompts)
    assert w.open_workspace(cafe)
    qtbot.waitUntil(lambda: w.document.workspace.readonly, timeout=5000)
    assert any("damaged" in title for _k, title, _t in prompts.asked)
    assert list_backups(cafe) == []  # the day's backup waited for the check, then was not made

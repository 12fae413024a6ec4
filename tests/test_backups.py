"""Automatic daily backups, the list of them, restoring one, and the Restore dialog."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kpi_desktop.paths import ensure_user_data_dir, user_data_dir
from kpi_desktop.services.workspace import backups
from kpi_desktop.services.workspace.backups import (
    BackupError,
    backup_folder,
    list_backups,
    make_daily_backup,
    restore_backup,
)
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.workspace.restore_dialog import RestoreBackupDialog, size_text

DAY = dt.datetime(2026, 3, 10, 9, 30)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _titles(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT title FROM goal ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def plan(tmp_path: Path) -> Workspace:
    ws = Workspace.create(tmp_path / "Plan 2026.kpidb")
    goal = ws.goals.add("Grow")
    ws.kpis.add(goal.id, "Revenue")
    ws.kpis.add(goal.id, "Orders")
    yield ws
    ws.close()


# -- making backups ---------------------------------------------------------------------


def test_the_first_open_of_a_day_makes_a_consistent_backup(plan: Workspace) -> None:
    made = make_daily_backup(plan, now=DAY)
    assert made is not None
    assert made.parent == backup_folder(plan.path)
    assert made.parent.parent == user_data_dir() / "backups"
    assert made.parent.name.startswith("Plan 2026-")
    assert made.name == "backup-2026-03-10-093000.kpidb"
    assert (made.parent / "workspace.txt").read_text().strip().endswith("Plan 2026.kpidb")
    with Workspace.open(made, readonly=True) as copy:  # a workspace in its own right
        assert [k.name for k in copy.kpis.list()] == ["Revenue", "Orders"]
    assert not Path(f"{made}-wal").exists()
    assert make_daily_backup(plan, now=DAY.replace(hour=17)) is None  # once a day
    assert len(list_backups(plan.path)) == 1


def test_backups_keep_one_per_day_for_the_last_seven_days_used(plan: Workspace) -> None:
    days = [DAY + dt.timedelta(days=n) for n in (0, 1, 2, 4, 8, 9, 10, 11, 20, 30)]
    for n, when in enumerate(days):
        plan.goals.add(f"Day {n}")
        assert make_daily_backup(plan, now=when) is not None
    kept = list_backups(plan.path)
    assert [b.made_at for b in kept] == sorted(days[-7:], reverse=True)
    assert _titles(kept[0].path)[-1] == "Day 9"  # each holds the data of its day
    assert _titles(kept[-1].path)[-1] == "Day 3"
    for keep in (3, 1):
        make_daily_backup(plan, now=DAY + dt.timedelta(days=30, hours=1), keep=keep)
        assert len(list_backups(plan.path)) == keep
    with pytest.raises(ValueError):
        make_daily_backup(plan, keep=0)


def test_several_backups_of_one_day_are_thinned_to_the_newest(plan: Workspace) -> None:
    folder = backup_folder(plan.path)
    make_daily_backup(plan, now=DAY)
    extra = folder / "backup-2026-03-10-180000.kpidb"
    plan.save_copy(extra)  # e.g. copied in by hand
    make_daily_backup(plan, now=DAY + dt.timedelta(days=1))
    assert [b.path.name for b in list_backups(plan.path)] == [
        "backup-2026-03-11-093000.kpidb",
        "backup-2026-03-10-180000.kpidb",
    ]


def test_workspaces_with_one_name_in_two_folders_keep_apart(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        with Workspace.create(tmp_path / folder / "plan.kpidb") as ws:
            ws.goals.add(f"From {folder}")
            make_daily_backup(ws, now=DAY)
    a, b = (list_backups(tmp_path / f / "plan.kpidb") for f in ("a", "b"))
    assert backup_folder(tmp_path / "a" / "plan.kpidb") != backup_folder(tmp_path / "b/plan.kpidb")
    assert (_titles(a[0].path), _titles(b[0].path)) == (["From a"], ["From b"])


def test_list_backups_gives_date_size_and_kpis_and_marks_damaged_ones(plan: Workspace) -> None:
    assert list_backups(plan.path) == []
    make_daily_backup(plan, now=DAY)
    (backup_folder(plan.path) / "backup-2026-03-11-080000.kpidb").write_bytes(b"garbage" * 99)
    (backup_folder(plan.path) / "notes.kpidb").write_bytes(b"not a backup name")
    newest, oldest = list_backups(plan.path)
    assert (newest.made_at, newest.size, newest.kpi_count) == (
        dt.datetime(2026, 3, 11, 8),
        693,
        None,
    )
    assert (oldest.kpi_count, oldest.day) == (2, DAY.date())
    assert oldest.size == oldest.path.stat().st_size > 0


def test_a_backup_that_cannot_be_written_is_a_clear_error(plan: Workspace) -> None:
    (ensure_user_data_dir() / "backups").write_text("a file where the folder should be")
    with pytest.raises(BackupError, match="could not be made.*your workspace is fine"):
        make_daily_backup(plan, now=DAY)


# -- restoring --------------------------------------------------------------------------


def test_restore_to_a_new_file_copies_the_backup(plan: Workspace, tmp_path: Path) -> None:
    backup = make_daily_backup(plan, now=DAY)
    plan.goals.add("After the backup")
    dest = tmp_path / "restored.kpidb"
    assert restore_backup(list_backups(plan.path)[0], dest) is None
    assert _titles(dest) == ["Grow"]
    assert _titles(plan.path) == ["Grow", "After the backup"]
    assert backup is not None and backup.exists()  # the backup stays


def test_restore_over_the_workspace_keeps_the_current_file_aside(
    plan: Workspace, tmp_path: Path
) -> None:
    make_daily_backup(plan, now=DAY)
    plan.goals.add("After the backup")
    path = plan.path
    plan.close()
    aside = restore_backup(list_backups(path)[0], path)
    assert aside is not None
    assert aside.parent == path.parent
    assert aside.name.startswith("Plan 2026.before-restore-") and aside.suffix == ".kpidb"
    assert _titles(path) == ["Grow"]
    assert _titles(aside) == ["Grow", "After the backup"]  # nothing lost
    with Workspace.open(path) as ws:  # the restored file opens and works
        ws.goals.add("Carry on")
    again = restore_backup(list_backups(path)[0], path)  # twice in a second: a new name
    assert again is not None and again != aside and _titles(again)[-1] == "Carry on"


def test_restore_refuses_while_the_workspace_is_open(plan: Workspace) -> None:
    make_daily_backup(plan, now=DAY)
    plan.goals.add("Unsaved? No: saved, and kept")
    with plan.reading() as s:  # a connection is open, as in a window showing it
        s.connection()
        before = _titles(plan.path)
        with pytest.raises(BackupError, match="still open"):
            restore_backup(list_backups(plan.path)[0], plan.path)
    assert _titles(plan.path) == before
    assert list(plan.path.parent.glob("*before-restore*")) == []


def test_restore_refuses_while_another_copy_has_it_open(plan: Workspace) -> None:
    make_daily_backup(plan, now=DAY)
    path = plan.path
    plan.close()
    script = textwrap.dedent("""
        import sys
        from kpi_desktop.services.workspace import presence as p
        claim = p.claim(sys.argv[1])
        print("claimed", flush=True)
        sys.stdin.readline()
    """)
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "claimed"
        before = _digest(path)
        with pytest.raises(BackupError, match="another copy of KPI Desktop.*close it there"):
            restore_backup(list_backups(path)[0], path)
        assert _digest(path) == before
    finally:
        proc.communicate("\n", timeout=30)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "cannot be restored: the file is empty"),
        (b"x" * 500, "cannot be restored: this is not a KPI Desktop workspace"),
    ],
)
def test_restore_refuses_a_file_that_is_no_workspace(
    plan: Workspace, tmp_path: Path, content: bytes, words: str
) -> None:
    bad = tmp_path / "backup-2026-03-10-093000.kpidb"
    bad.write_bytes(content)
    plan.close()
    before = _digest(plan.path)
    with pytest.raises(BackupError, match=words):
        restore_backup(bad, plan.path)
    assert _digest(plan.path) == before


def test_restore_refuses_a_damaged_backup(plan: Workspace, tmp_path: Path) -> None:
    made = make_daily_backup(plan, now=DAY)
    assert made is not None
    data = bytearray(made.read_bytes())
    page = 4096
    data[page * 2 : page * 3] = b"\xff" * page  # ruin one page, keep the header
    made.write_bytes(bytes(data))
    plan.close()
    before = _digest(plan.path)
    with pytest.raises(BackupError, match="damaged|cannot be restored"):
        restore_backup(made, plan.path)
    assert _digest(plan.path) == before


def test_restore_onto_a_file_that_is_not_a_workspace_moves_it_aside(
    plan: Workspace, tmp_path: Path
) -> None:
    make_daily_backup(plan, now=DAY)
    notes = tmp_path / "notes.kpidb"
    notes.write_text("my notes")
    aside = restore_backup(list_backups(plan.path)[0], notes)
    assert aside is not None and aside.read_text() == "my notes"
    assert _titles(notes) == ["Grow"]


def test_restore_onto_the_backup_itself_is_refused(plan: Workspace) -> None:
    made = make_daily_backup(plan, now=DAY)
    with pytest.raises(BackupError, match="the backup itself"):
        restore_backup(made, made)  # type: ignore[arg-type]


# -- the dialog -------------------------------------------------------------------------


def test_size_text() -> None:
    assert [size_text(n) for n in (0, 999, 1536, 5 * 1024**2, 3 * 1024**3)] == [
        "0 bytes",
        "999 bytes",
        "1.5 KB",
        "5.0 MB",
        "3.0 GB",
    ]


def test_the_dialog_lists_backups_newest_first(qtbot, plan: Workspace) -> None:  # type: ignore[no-untyped-def]
    make_daily_backup(plan, now=DAY)
    plan.kpis.add(plan.goals.list()[0].id, "Third")
    make_daily_backup(plan, now=DAY + dt.timedelta(days=1))
    dialog = RestoreBackupDialog(plan.path, ScriptedPrompts())
    qtbot.addWidget(dialog)
    rows = [
        [dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())
    ]
    assert [r[0] for r in rows] == ["Wed 11 Mar 2026, 09:30", "Tue 10 Mar 2026, 09:30"]
    assert [r[2] for r in rows] == ["3", "2"]
    assert all(r[1].endswith("KB") for r in rows)
    assert dialog.selected() == dialog.backups[0]
    assert dialog.restore_button.isEnabled() and dialog.copy_button.isEnabled()
    assert "Plan 2026.kpidb" in dialog.intro.text()


def test_the_dialog_without_backups_says_so(qtbot, plan: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = RestoreBackupDialog(plan.path, ScriptedPrompts())
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    assert "no backups" in dialog.intro.text()
    assert not dialog.restore_button.isEnabled()
    assert not dialog.copy_button.isEnabled()


def test_the_dialog_restores_after_the_workspace_is_closed(qtbot, plan: Workspace) -> None:  # type: ignore[no-untyped-def]
    make_daily_backup(plan, now=DAY)
    plan.goals.add("After the backup")
    prompts = ScriptedPrompts(confirm=True)
    dialog = RestoreBackupDialog(plan.path, prompts)
    qtbot.addWidget(dialog)
    closed: list[Path] = []
    dialog.about_to_replace.connect(lambda p: (closed.append(p), plan.close()))
    with qtbot.waitSignal(dialog.accepted):
        dialog.restore_button.click()
    assert closed == [plan.path]
    assert dialog.restored_path == plan.path
    assert dialog.aside_path is not None and _titles(dialog.aside_path)[-1] == "After the backup"
    assert _titles(plan.path) == ["Grow"]
    kinds = [kind for kind, _title, _text in prompts.asked]
    assert kinds == ["confirm", "info"]
    assert dialog.aside_path.name in prompts.asked[1][2]


def test_the_dialog_asks_first_and_changes_nothing_when_told_no(qtbot, plan: Workspace) -> None:  # type: ignore[no-untyped-def]
    make_daily_backup(plan, now=DAY)
    plan.goals.add("Keep me")
    dialog = RestoreBackupDialog(plan.path, ScriptedPrompts(confirm=False))
    qtbot.addWidget(dialog)
    closed: list[Path] = []
    dialog.about_to_replace.connect(closed.append)
    dialog.restore_button.click()
    assert closed == [] and dialog.restored_path is None and dialog.result() == 0
    assert _titles(plan.path) == ["Grow", "Keep me"]


def test_the_dialog_reports_a_failed_restore_and_reopens_the_current_file(
    qtbot,
    plan: Workspace,  # type: ignore[no-untyped-def]
) -> None:
    make_daily_backup(plan, now=DAY)
    prompts = ScriptedPrompts(confirm=True)
    dialog = RestoreBackupDialog(plan.path, prompts)
    qtbot.addWidget(dialog)
    with plan.reading() as s:  # the main window "forgot" to close it
        s.connection()
        dialog.restore_button.click()
    assert prompts.asked[-1][0] == "error" and "still open" in prompts.asked[-1][2]
    assert dialog.restored_path == plan.path  # open it again, unchanged


def test_the_dialog_restores_as_a_copy(qtbot, plan: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_daily_backup(plan, now=DAY)
    plan.goals.add("Current")
    prompts = ScriptedPrompts(files=[str(tmp_path / "old state")])
    dialog = RestoreBackupDialog(plan.path, prompts)
    qtbot.addWidget(dialog)
    closed: list[Path] = []
    dialog.about_to_replace.connect(closed.append)
    with qtbot.waitSignal(dialog.accepted):
        dialog.copy_button.click()
    assert closed == []  # the open workspace is not touched
    assert dialog.restored_path == tmp_path / "old state.kpidb"
    assert _titles(dialog.restored_path) == ["Grow"]
    assert _titles(plan.path) == ["Grow", "Current"]
    assert prompts.asked[0][0] == "save_file"


def test_backups_module_keeps_seven_days_by_default() -> None:
    assert backups.KEEP_DAYS == 7

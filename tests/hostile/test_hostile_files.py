"""Items 3, 4, 8, 10, 11: damaged files, read-only folders, pipes and huge files, backups
from the command line, and the schema-version table."""

from __future__ import annotations

import os
import random
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import DatabaseError

from kpi_desktop.services.errors import WorkspaceCorrupt
from kpi_desktop.services.workspace.backups import backup_folder, list_backups
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store import engine as engine_module
from kpi_desktop.store import migrate


def damage(path: Path, offset: int = 8192, size: int = 4096) -> bytes:
    data = bytearray(path.read_bytes())
    noise = random.Random(22).randbytes(size)
    data[offset : offset + size] = noise
    path.write_bytes(bytes(data))
    return bytes(data)


def journal_mode_in_header(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:20]
    return header[18], header[19]  # 1, 1: rollback journal; 2, 2: WAL


def test_nothing_is_written_into_a_damaged_file(cli, base: Path) -> None:
    damaged = damage(base)
    code, _out, err = cli("add-goal", base, "More goals")
    assert code == 1 and "damaged" in err and "nothing was written" in err
    assert base.read_bytes() == damaged
    for command in (("status", base), ("check", base), ("due", base), ("status", base, "--json")):
        code, _out, err = cli(*command)  # read what can be read, or say it is damaged
        assert code in (0, 1)
        assert code == 0 or "damaged" in err


def test_a_damaged_file_does_not_push_out_the_good_backups(cli, base: Path) -> None:
    assert cli("backup", base)[0] == 0
    good = list_backups(base)
    damage(base)
    code, _out, err = cli("backup", base)
    assert code == 1 and "damaged" in err
    assert list_backups(base) == good
    assert [b.kpi_count for b in good] == [11]  # 9 measured KPIs and 2 calculated


def test_every_command_that_writes_makes_the_days_backup(cli, base: Path) -> None:
    assert list_backups(base) == []
    assert cli("status", base)[0] == 0  # reading makes none
    assert list_backups(base) == []
    assert cli("add-goal", base, "Open a second cafe")[0] == 0
    (first,) = list_backups(base)
    assert first.kpi_count == 11
    assert cli("add-goal", base, "Hire a baker")[0] == 0
    assert len(list_backups(base)) == 1  # one a day
    code, out, _ = cli("backup", base)  # now, with the baker
    assert code == 0 and str(backup_folder(base)) in out
    (newest,) = list_backups(base)  # the newest of each day is kept
    titles = sqlite3.connect(newest.path).execute("SELECT title FROM goal").fetchall()
    assert ("Hire a baker",) in titles


def test_a_writer_leaves_the_file_without_a_write_ahead_log(cli, base: Path) -> None:
    assert cli("add-goal", base, "Open a second cafe")[0] == 0
    assert journal_mode_in_header(base) == (1, 1)
    assert not base.with_name(base.name + "-wal").exists()


def test_a_workspace_in_a_read_only_folder_can_be_read(
    cli, base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Workspace.open(base) as ws:  # leave it in WAL mode, as an older version did
        with ws.writing() as s:
            s.connection().exec_driver_sql("PRAGMA journal_mode=WAL")
        ws.readonly = True  # so that close leaves WAL mode on
    sqlite3.connect(base).execute("PRAGMA journal_mode=WAL").fetchall()
    assert journal_mode_in_header(base) == (2, 2)
    folder = base.parent
    if os.geteuid() != 0:
        folder.chmod(0o555)
    else:  # root writes anywhere: the folder is read-only as far as the app can tell
        real_access = os.access
        monkeypatch.setattr(
            engine_module.os,
            "access",
            lambda p, mode: (
                False if Path(p) == folder and mode == os.W_OK else real_access(p, mode)
            ),
        )
    try:
        code, out, err = cli("status", base)
        assert code == 0, err
        assert "Monthly revenue" in out
        assert cli("export", base, "-o", base.parent.parent / f"{base.parent.name}.csv")[0] == 0
    finally:
        folder.chmod(0o755)


def test_a_pipe_named_like_a_workspace_is_refused_at_once(cli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.kpidb"
    os.mkfifo(fifo)
    started = time.monotonic()
    for command in (("status", fifo), ("add-goal", fifo, "x"), ("backup", fifo)):
        code, _out, err = cli(*command)
        assert code == 1 and "not a regular file" in err
    assert time.monotonic() - started < 10


def test_a_two_line_file_of_millions_of_columns_is_refused_quickly(
    cli, base: Path, tmp_path: Path
) -> None:
    wide = tmp_path / "wide.csv"
    with wide.open("w") as fh:
        fh.write("date," + "1," * 5_000_000 + "\n2026-01-01,1\n")
    started = time.monotonic()
    code, _out, err = cli("import", base, wide)
    assert code == 1 and "MB long" in err and "line 1" in err
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31"])
def test_as_of_dates_out_of_the_calendar_are_bad_usage(
    cli, base: Path, tmp_path: Path, as_of: str
) -> None:
    code, _out, err = cli("report", base, "-o", tmp_path / "r.pdf", "--as-of", as_of)
    assert code == 2 and "outside the dates" in err
    assert not (tmp_path / "r.pdf").exists()


def test_an_empty_schema_version_is_damage_not_a_newer_version(cli, base: Path) -> None:
    conn = sqlite3.connect(base)
    conn.execute("DELETE FROM alembic_version")
    conn.commit()
    conn.close()
    code, _out, err = cli("status", base)
    assert code == 1 and "damaged" in err and "newer version" not in err


def test_a_failed_upgrade_leaves_no_backup_copy_behind(
    base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = sqlite3.connect(base)
    conn.execute("UPDATE alembic_version SET version_num = ?", (migrate.script_revisions()[0],))
    conn.commit()
    conn.close()

    def broken(_conn: object, revision: str = "head") -> None:
        raise DatabaseError("ALTER TABLE", {}, sqlite3.DatabaseError("disk image is malformed"))

    monkeypatch.setattr(migrate, "upgrade", broken)
    for _attempt in range(3):
        with pytest.raises(WorkspaceCorrupt):
            Workspace.open(base)
    assert [p.name for p in base.parent.iterdir() if "before-upgrade" in p.name] == []

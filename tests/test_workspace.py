"""Workspace files: creating, opening, refusing bad files without touching them, migrating."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from kpi_desktop.services.errors import (
    NotAWorkspace,
    WorkspaceCorrupt,
    WorkspaceExists,
    WorkspaceLocked,
    WorkspaceNotFound,
    WorkspaceReadOnly,
    WorkspaceTooNew,
)
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store import migrate
from kpi_desktop.store.engine import APPLICATION_ID


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_create_makes_a_single_file_with_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "plan.kpidb"
    with Workspace.create(path) as ws:
        assert ws.info()["name"] == "plan"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "plan.kpidb"
    ]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
        migrate.head_revision()
    )
    # closed by its last user, the file is self-contained again (no write-ahead log)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_migrations_build_exactly_the_tables_of_the_model(tmp_path: Path) -> None:
    path = tmp_path / "m.kpidb"
    Workspace.create(path).close()
    ws = Workspace.open(path)
    with ws._engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    ws.close()
    assert diff == []


def test_every_connection_enforces_foreign_keys_and_wal(workspace: Workspace) -> None:
    with workspace.reading() as s:
        raw = s.connection().connection.driver_connection
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert raw.execute("PRAGMA synchronous").fetchone()[0] in (1, 2)  # NORMAL or FULL


def test_create_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "keep.kpidb"
    path.write_text("my notes")
    with pytest.raises(WorkspaceExists, match="not overwritten"):
        Workspace.create(path)
    assert path.read_text() == "my notes"


def test_a_missing_file_is_never_created_by_open(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceNotFound):
        Workspace.open(tmp_path / "nope.kpidb")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (os.urandom(4096), NotAWorkspace, "not a KPI Desktop workspace"),
        (b"", NotAWorkspace, "empty"),
        (b"month,value\n2024-01,3\n", NotAWorkspace, "not a KPI Desktop workspace"),
    ],
)
def test_files_that_are_not_workspaces_are_refused_untouched(
    tmp_path: Path, content: bytes, error: type[Exception], words: str
) -> None:
    path = tmp_path / "x.kpidb"
    path.write_bytes(content)
    before = _digest(path)
    with pytest.raises(error, match=words):
        Workspace.open(path)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.kpidb"]


def test_another_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(NotAWorkspace, match="not made by KPI Desktop"):
        Workspace.open(path)
    assert _digest(path) == before


def _workspace_file(tmp_path: Path) -> Path:
    path = tmp_path / "w.kpidb"
    with Workspace.create(path) as ws:
        ws.goals.add("Grow")
    conn = sqlite3.connect(path)  # fold the WAL back so the file stands alone
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    return path


def test_a_corrupt_workspace_is_refused_untouched(tmp_path: Path) -> None:
    path = _workspace_file(tmp_path)
    data = bytearray(path.read_bytes())
    data[100:] = os.urandom(len(data) - 100)  # keep the header, ruin every page
    path.write_bytes(bytes(data))
    before = _digest(path)
    with pytest.raises((WorkspaceCorrupt, NotAWorkspace)):
        Workspace.open(path)
    assert _digest(path) == before


def test_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = _workspace_file(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(WorkspaceTooNew, match="newer version of KPI Desktop"):
        Workspace.open(path)
    assert _digest(path) == before


def test_a_locked_workspace_gives_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workspace_file(tmp_path)
    monkeypatch.setattr(sqlite3, "connect", _fast_connect(sqlite3.connect))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(WorkspaceLocked, match="locked"):
            Workspace.open(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def _fast_connect(real):  # type: ignore[no-untyped-def]
    def connect(*args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["timeout"] = 0.1
        return real(*args, **kwargs)

    return connect


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_a_read_only_file_opens_read_only_only(tmp_path: Path) -> None:
    path = _workspace_file(tmp_path)
    path.chmod(0o444)
    with pytest.raises(WorkspaceReadOnly):
        Workspace.open(path)
    with Workspace.open(path, readonly=True) as ws:
        assert [g.title for g in ws.goals.list()] == ["Grow"]


def test_read_only_workspaces_refuse_writes(tmp_path: Path) -> None:
    path = _workspace_file(tmp_path)
    with Workspace.open(path, readonly=True) as ws:
        with pytest.raises(WorkspaceReadOnly):
            ws.goals.add("More")
        assert [g.title for g in ws.goals.list()] == ["Grow"]


def test_an_older_schema_is_upgraded_after_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulate a workspace one revision behind: opening backs it up, then upgrades it."""
    path = _workspace_file(tmp_path)
    calls: list[str] = []
    monkeypatch.setattr(migrate, "head_revision", lambda: "0002_future")
    monkeypatch.setattr(migrate, "upgrade", lambda conn, revision="head": calls.append(revision))
    with Workspace.open(path) as ws:
        assert [g.title for g in ws.goals.list()] == ["Grow"]
    assert calls == ["head"]
    backups = [p for p in tmp_path.iterdir() if ".before-upgrade-" in p.name]
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT title FROM goal").fetchall() == [("Grow",)]


def test_save_a_copy_is_a_consistent_standalone_file(workspace: Workspace, tmp_path: Path) -> None:
    workspace.goals.add("Grow")
    dest = workspace.save_copy(tmp_path / "copy.kpidb")
    with Workspace.open(dest) as copy:
        assert [g.title for g in copy.goals.list()] == ["Grow"]


def test_create_ignores_a_stale_wal_left_by_a_deleted_file(tmp_path: Path) -> None:
    path = tmp_path / "again.kpidb"
    with Workspace.create(path) as ws:
        ws.goals.add("Old plan")
        keep = path.with_name(path.name + "-wal").read_bytes()  # the open WAL holds the goal
    path.unlink()
    path.with_name(path.name + "-wal").write_bytes(keep)
    with Workspace.create(path) as fresh:
        assert fresh.goals.list() == []


def test_old_mac_line_endings_import(workspace: Workspace, tmp_path: Path) -> None:
    from kpi_desktop.services.importing.file_import import ImportOptions, import_file

    goal = workspace.goals.add("G")
    workspace.kpis.add(goal.id, "Sales")
    csv_file = tmp_path / "mac.csv"
    csv_file.write_bytes(b"month,Sales\r2024-01,10\r2024-02,12\r")
    result = import_file(workspace, csv_file, ImportOptions())
    assert result.inserted == 2

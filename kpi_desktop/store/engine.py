"""The SQLAlchemy engine of one workspace file, with the pragmas every connection needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

BUSY_TIMEOUT_MS = 5000
# "KPID" in ASCII: marks a SQLite file as a KPI Desktop workspace (PRAGMA application_id).
APPLICATION_ID = 0x4B504944
# Execution option that marks a connection as a writer (see make_engine's begin hook).
WRITE_OPTION = "kpi_write"


def _set_pragmas(dbapi_conn: sqlite3.Connection, readonly: bool) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    if not readonly:
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(path: Path, *, readonly: bool = False) -> Engine:
    """An engine on `path`. Read-only engines open the file with SQLite's mode=ro."""
    mode = "ro" if readonly else "rw"
    uri = f"file:{path.resolve().as_posix()}?mode={mode}"
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        poolclass=NullPool if readonly else None,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself so a use case is one real transaction.
        dbapi_conn.isolation_level = None
        _set_pragmas(dbapi_conn, readonly)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front (BEGIN IMMEDIATE) so that busy_timeout applies
        # and a read-then-write transaction never fails on a stale snapshot.
        writing = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing and not readonly else "BEGIN")

    return engine

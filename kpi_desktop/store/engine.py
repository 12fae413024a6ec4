"""The SQLAlchemy engine of one workspace: a file with the pragmas every connection needs, or
a PostgreSQL server with connect and statement timeouts (see `make_server_engine`)."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from kpi_desktop.store.location import WorkspaceLocation

BUSY_TIMEOUT_MS = 5000
# SQLite waits up to BUSY_TIMEOUT_MS for the write lock, but some "busy" answers skip that
# wait (another connection recovering the WAL, or a lock held longer than the timeout, as
# by a big import in another window). Taking the write lock is retried with a growing pause
# until this many seconds have passed since the first try; then the busy error stands.
WRITE_RETRY_SECONDS = 10.0
_FIRST_PAUSE, _MAX_PAUSE = 0.02, 0.5
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
# "KPID" in ASCII: marks a SQLite file as a KPI Desktop workspace (PRAGMA application_id).
APPLICATION_ID = 0x4B504944
# Execution option that marks a connection as a writer (see make_engine's begin hook).
WRITE_OPTION = "kpi_write"
# Execution option of a writer whose every reference was checked set-based beforehand (a
# big import checks its KPI ids once): SQLite then skips the per-row foreign-key lookups.
REFERENCES_CHECKED_OPTION = "kpi_references_checked"


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
    if readonly and _in_read_only_folder(path):
        # A WAL file needs a writable -shm beside it, which a read-only folder cannot hold;
        # with no -wal there, no one can be writing it, and SQLite may read it as it is.
        uri += "&immutable=1"
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
        options = conn.get_execution_options()
        writing = options.get(WRITE_OPTION, False)
        # foreign_keys can only change between transactions: set it as this one needs
        checks = not (writing and options.get(REFERENCES_CHECKED_OPTION, False))
        record = conn.connection.info
        if record.get("foreign_keys", True) != checks:
            conn.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if checks else 'OFF'}")
            record["foreign_keys"] = checks
        if writing and not readonly:
            _begin_immediate(conn)
        else:
            conn.exec_driver_sql("BEGIN")

    event.listen(engine, "before_cursor_execute", _strip_nul_parameters, retval=True)
    return engine


def _without_nul(value: Any) -> Any:
    """`value` with no NUL character in any text of it (a tuple, list or dict of values)."""
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, tuple | list):
        return type(value)(_without_nul(v) for v in value)
    if isinstance(value, dict):
        return {k: _without_nul(v) for k, v in value.items()}
    return value


def _strip_nul_parameters(
    _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool
) -> tuple[str, Any]:
    # PostgreSQL cannot keep a NUL in text (and a NUL is never meant in a name or a note):
    # a file drops them too, so the same input is stored the same on both engines.
    return statement, _without_nul(parameters)


def _nul_free_text(adapters: Any) -> None:
    """Make psycopg drop NUL characters from text parameters (see _strip_nul_parameters),
    on every path to the server: SQLAlchemy's statements, the raw adapter, COPY."""
    from psycopg.types.string import StrBinaryDumper, StrDumperUnknown

    class _Text(StrDumperUnknown):
        def dump(self, obj: str) -> Any:
            return super().dump(obj.replace("\x00", "") if "\x00" in obj else obj)

    class _BinaryText(StrBinaryDumper):
        def dump(self, obj: str) -> Any:
            return super().dump(obj.replace("\x00", "") if "\x00" in obj else obj)

    adapters.register_dumper(str, _BinaryText)
    adapters.register_dumper(str, _Text)


def _in_read_only_folder(path: Path) -> bool:
    folder = path.resolve().parent
    wal = folder / (path.name + "-wal")
    return not os.access(folder, os.W_OK) and not wal.exists()


def is_busy(exc: BaseException) -> bool:
    """Whether `exc` (SQLAlchemy's or sqlite3's) says the database is busy or locked."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)
    text = str(orig).lower()
    return "database is locked" in text or "database is busy" in text


def _begin_immediate(conn: Any) -> None:
    """BEGIN IMMEDIATE, retried with backoff while the database stays busy (bounded).

    Only the BEGIN is retried: nothing of the transaction has run yet, so trying again is
    always safe. Once the write lock is held, the transaction cannot be made busy again.
    """
    deadline = time.monotonic() + WRITE_RETRY_SECONDS
    pause = _FIRST_PAUSE
    while True:
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as exc:
            if not is_busy(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, _MAX_PAUSE)


def sqlite_connection(session: Session) -> Any:
    """The session's own DB-API connection, inside its transaction: for set-based reads and
    writes (executemany, LIMIT queries per KPI) where building ORM objects would cost.
    sqlite3's on a file; on a server, store.raw's adapter that takes the same SQL."""
    from kpi_desktop.store.raw import raw_connection

    return raw_connection(session)


#: Seconds a client waits for a server to answer a connection, and for one statement.
CONNECT_TIMEOUT_S = 5
STATEMENT_TIMEOUT_MS = 120_000
LOCK_TIMEOUT_MS = 15_000


def make_server_engine(location: WorkspaceLocation, *, readonly: bool = False) -> Engine:
    """An engine on a PostgreSQL database (psycopg 3). The password comes from the location
    (typed in), else from libpq's usual places (PGPASSWORD, ~/.pgpass). Connect and
    statement timeouts keep the app from hanging on a vanished server; a connection found
    dead on checkout is replaced (pre-ping), so a restarted server costs one failed use case.
    """
    options = (
        f"-c statement_timeout={STATEMENT_TIMEOUT_MS} -c lock_timeout={LOCK_TIMEOUT_MS} "
        "-c TimeZone=UTC"  # timestamps are UTC wall time, as the file keeps them
    )
    if readonly:
        options += " -c default_transaction_read_only=on"
    engine = create_engine(
        location.engine_url(),
        pool_pre_ping=True,
        pool_size=2,
        max_overflow=4,
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S,
            "options": options,
            "application_name": "KPI Desktop",
        },
    )
    pids: set[int] = set()
    engine.kpi_backend_pids = pids  # type: ignore[attr-defined]

    @event.listens_for(engine, "connect")
    def _remember_pid(dbapi_conn: Any, _record: Any) -> None:
        # The server process of each connection: change notices it sends are this app's own.
        pids.add(int(dbapi_conn.info.backend_pid))
        _nul_free_text(dbapi_conn.adapters)

    return engine

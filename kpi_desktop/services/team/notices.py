"""Change notices of a team workspace: LISTEN/NOTIFY, so other windows refresh at once.

Every table of the workspace has a statement trigger that sends, on the channel
``kpi_workspace``, the name of the table a transaction changed (ids, never rows: a notice
carries at most 8,000 bytes). PostgreSQL delivers notices only after the sender commits,
so a window never sees half an edit. `ChangeListener` listens on a dedicated autocommit
connection in a thread and calls back with the set of tables that changed; notices sent
while it was disconnected are lost, so after a reconnect it reports every table changed
(the caller reloads what it shows).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from sqlalchemy import Connection, text

from kpi_desktop.store.location import WorkspaceLocation

CHANNEL = "kpi_workspace"
#: Every table changed: what a listener reports after it lost notices (a reconnect).
EVERYTHING = frozenset({"*"})

_FUNCTION = f"""
CREATE OR REPLACE FUNCTION kpi_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || ' ' || pg_backend_pid());
  RETURN NULL;
END
$$
"""


def install(conn: Connection) -> None:
    """The trigger on every table of the workspace (new tables of later migrations too)."""
    conn.execute(text(_FUNCTION))
    for (table,) in conn.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    ).all():
        if table == "alembic_version":
            continue
        q = conn.dialect.identifier_preparer.quote(table)
        conn.execute(text(f"DROP TRIGGER IF EXISTS kpi_notify ON {q}"))
        conn.execute(
            text(
                f"CREATE TRIGGER kpi_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {q} "
                "FOR EACH STATEMENT EXECUTE FUNCTION kpi_notify_change()"
            )
        )


class ChangeListener:
    """Calls `on_change(tables)` in its own thread when another connection commits a
    change (its own session's changes are reported too: the caller may skip them by
    comparing `own_pids`). Stop with `close()`."""

    def __init__(
        self,
        location: WorkspaceLocation,
        on_change: Callable[[frozenset[str]], None],
        *,
        batch_seconds: float = 0.15,
    ) -> None:
        self._location = location
        self._on_change = on_change
        self._batch = batch_seconds
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._conn: object = None
        self._thread = threading.Thread(target=self._run, name="kpi-team-notices", daemon=True)
        self._thread.start()

    def wait_ready(self, timeout: float = 5.0) -> bool:
        return self._ready.wait(timeout)

    def _connect(self):  # type: ignore[no-untyped-def]
        import psycopg

        from kpi_desktop.store.engine import CONNECT_TIMEOUT_S

        url = self._location.engine_url().set(drivername="postgresql")
        conn = psycopg.connect(
            url.render_as_string(hide_password=False),
            autocommit=True,
            connect_timeout=CONNECT_TIMEOUT_S,
            application_name="KPI Desktop notices",
        )
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def _run(self) -> None:
        import psycopg

        lost = False
        while not self._stop.is_set():
            try:
                conn = self._connect()
            except psycopg.Error:
                lost = True
                self._stop.wait(1.0)
                continue
            self._conn = conn
            self._ready.set()
            if lost:  # notices sent while disconnected are gone: reload everything
                self._on_change(EVERYTHING)
                lost = False
            try:
                while not self._stop.is_set():
                    changed = {
                        n.payload.split(" ")[0] for n in conn.notifies(timeout=0.5, stop_after=1)
                    }
                    if not changed:
                        continue
                    # a burst (an import's statements) arrives as one report
                    changed |= {n.payload.split(" ")[0] for n in conn.notifies(timeout=self._batch)}
                    self._on_change(frozenset(changed))
            except psycopg.Error:
                lost = True
            finally:
                with contextlib.suppress(psycopg.Error):
                    conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=3)

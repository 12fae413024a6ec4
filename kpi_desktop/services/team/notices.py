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
import weakref
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from kpi_desktop.store.location import WorkspaceLocation

CHANNEL = "kpi_workspace"
#: Every table changed: what a listener reports after it lost notices (a reconnect).
EVERYTHING = frozenset({"*"})
MAX_IDS = 200

_FUNCTION = f"""
CREATE OR REPLACE FUNCTION kpi_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || ' ' || pg_backend_pid());
  RETURN NULL;
END
$$
"""
#: Values name their KPIs (at most MAX_IDS; more: "measurement" alone, every KPI reloads).
_VALUES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION kpi_notify_values() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids text;
BEGIN
  SELECT CASE WHEN count(*) <= {MAX_IDS} THEN string_agg(kpi_id::text, ',') END INTO ids
    FROM (SELECT DISTINCT kpi_id FROM changed LIMIT {MAX_IDS} + 1) AS k;
  PERFORM pg_notify('{CHANNEL}', 'measurement ' || pg_backend_pid() || coalesce(' ' || ids, ''));
  RETURN NULL;
END
$$
"""


def install(conn: Connection) -> None:
    """The trigger on every table of the workspace (new tables of later migrations too)."""
    conn.execute(text(_FUNCTION))
    conn.execute(text(_VALUES_FUNCTION))
    for (table,) in conn.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    ).all():
        if table == "alembic_version":
            continue
        q = conn.dialect.identifier_preparer.quote(table)
        for name in ("kpi_notify", "kpi_notify_insert", "kpi_notify_update", "kpi_notify_delete"):
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {q}"))
        if table == "measurement":  # statement triggers that see the rows: KPI ids
            for event, rows in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
                conn.execute(
                    text(
                        f"CREATE TRIGGER kpi_notify_{event.lower()} AFTER {event} ON {q} "
                        f"REFERENCING {rows} TABLE AS changed FOR EACH STATEMENT "
                        "EXECUTE FUNCTION kpi_notify_values()"
                    )
                )
            continue
        conn.execute(
            text(
                f"CREATE TRIGGER kpi_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {q} "
                "FOR EACH STATEMENT EXECUTE FUNCTION kpi_notify_change()"
            )
        )


@dataclass(frozen=True)
class Changes:
    """What clients committed: the tables, and the KPIs whose values changed (when a
    notice named them; `values_of_all` when one did not)."""

    tables: frozenset[str]
    kpi_ids: frozenset[int]
    everything: bool = False

    @property
    def values_of_all(self) -> bool:
        return self.everything or ("measurement" in self.tables and not self.kpi_ids)

    @classmethod
    def of(cls, payloads: list[str], skip_pids: Collection[int] = ()) -> Changes:
        """From notices "TABLE PID [ID,ID...]", less those sent by `skip_pids`."""
        tables: set[str] = set()
        ids: set[int] = set()
        bare = False
        for payload in payloads:
            table, _, rest = payload.partition(" ")
            pid, _, rest = rest.partition(" ")
            if pid.isdigit() and int(pid) in skip_pids:
                continue
            tables.add(table)
            if table == "measurement":
                if rest:
                    ids.update(int(i) for i in rest.split(",") if i)
                else:
                    bare = True
        return cls(frozenset(tables), frozenset() if bare else frozenset(ids))


#: Every listener whose thread runs: a window that was never closed (a test's) leaves one
#: behind, and a thread that lives on may run Python's garbage collector over Qt objects
#: of the GUI thread (a deadlock seen in the tests); see `close_all`.
_LIVE: weakref.WeakSet[ChangeListener] = weakref.WeakSet()


def close_all() -> None:
    """Stop every listener still running (the tests call it after each test)."""
    for listener in list(_LIVE):
        listener.close()


class ChangeListener:
    """Calls `on_change(changes)` in its own thread when a connection commits a change
    (this app's own too: reloading what it just wrote is harmless). Stop with `close()`."""

    def __init__(
        self,
        location: WorkspaceLocation,
        on_change: Callable[[Changes], None],
        *,
        batch_seconds: float = 0.15,
        skip_pids: Collection[int] = (),
    ) -> None:
        #: Server processes whose changes are not reported (this window's own connections).
        self.skip_pids = skip_pids
        self._location = location
        self._on_change = on_change
        self._batch = batch_seconds
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._conn: object = None
        self._thread = threading.Thread(target=self._run, name="kpi-team-notices", daemon=True)
        _LIVE.add(self)
        self._thread.start()

    def wait_ready(self, timeout: float = 5.0) -> bool:
        return self._ready.wait(timeout)

    def _connect(self) -> Any:
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
                self._on_change(Changes(EVERYTHING, frozenset(), everything=True))
                lost = False
            try:
                while not self._stop.is_set():
                    first = [n.payload for n in conn.notifies(timeout=0.5, stop_after=1)]
                    if not first:
                        continue
                    # a burst (an import's statements) arrives as one report
                    more = [n.payload for n in conn.notifies(timeout=self._batch)]
                    changes = Changes.of(first + more, self.skip_pids)
                    if changes.tables:
                        self._on_change(changes)
            except psycopg.Error:
                lost = True
            finally:
                with contextlib.suppress(psycopg.Error):
                    conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=3)
        _LIVE.discard(self)

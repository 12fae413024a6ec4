"""Creating and opening a workspace on a PostgreSQL server, and what its errors mean.

A server workspace is one database. `create_schema` runs the same Alembic history as a file
(inside one transaction: PostgreSQL's DDL is transactional, so a failed creation leaves
nothing), installs the SQL functions the services' queries use (store.raw) and the team's
roles (roles.py). `open_engine` checks that the database holds a workspace this version
can read, and upgrades an older schema inside one transaction, under an advisory lock so
two clients never migrate at once; only a role allowed to change the schema may do that.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from kpi_desktop import __version__
from kpi_desktop.services.errors import (
    KpiDesktopError,
    NotAWorkspace,
    WorkspaceError,
    WorkspaceExists,
    WorkspaceNotFound,
    WorkspaceReadOnly,
    WorkspaceTooNew,
)
from kpi_desktop.store import migrate
from kpi_desktop.store.engine import make_server_engine
from kpi_desktop.store.location import WorkspaceLocation
from kpi_desktop.store.raw import POSTGRES_FUNCTIONS

#: pg_advisory_xact_lock key of schema upgrades ("KPIM"); imports lock per KPI (locks.py).
MIGRATION_LOCK = 0x4B50494D


class ServerError(WorkspaceError):
    """Something about a server workspace; the message names the server."""

    def __init__(self, location: WorkspaceLocation, reason: str) -> None:
        KpiDesktopError.__init__(self, f"{location.display}: {reason}")
        self.path = location.stand_in_path
        self.reason = reason
        self.location = location


class ServerUnreachable(ServerError):
    """No answer (refused, unknown host, timed out): retrying later may help."""


class ServerPasswordNeeded(ServerError):
    """The server wants a password that was not given or was wrong: ask for one."""


class ServerConnectionLost(ServerError):
    """The connection broke mid-way (a restart, a network drop): nothing was saved."""


class ServerReadOnly(ServerError, WorkspaceReadOnly):
    """The server refused a write: the user's role may only read."""


class ServerNotFound(ServerError, WorkspaceNotFound):
    """The database named in the URL does not exist."""


def translate(location: WorkspaceLocation, exc: BaseException) -> WorkspaceError:
    """A one-line, user-facing error for a psycopg / SQLAlchemy error of `location`."""
    orig = getattr(exc, "orig", None) or exc
    state = getattr(orig, "sqlstate", None) or ""
    msg = " ".join(str(orig).split())
    low = msg.lower()
    who = location.url.username if location.url is not None else None
    if state in ("42501", "25006") or "permission denied" in low or "read-only transaction" in low:
        return ServerReadOnly(
            location,
            "the server refused the change: your role in this workspace does not allow it "
            "(viewers read; editors also enter values, reviews and actions; owners also "
            "change goals and KPIs); nothing was saved: ask an owner of the workspace for "
            "a role that may",
        )
    if "password authentication failed" in low:
        return ServerPasswordNeeded(
            location, f"the server refused the password of user {who or '?'}; type it again"
        )
    if "no password supplied" in low or "password is required" in low:
        return ServerPasswordNeeded(
            location,
            "the server asks for a password: type it, or keep it in PGPASSWORD or ~/.pgpass",
        )
    if state == "3D000" or ("database" in low and "does not exist" in low):
        return ServerNotFound(
            location,
            f"the server has no database named {location.name}; check the URL, "
            "or create it with `kpi-desktop new URL`",
        )
    if state == "57014" or "statement timeout" in low:
        return ServerError(
            location,
            "the server did not finish in time (statement timeout); nothing was saved, "
            "try again when it is less busy",
        )
    if state == "55P03" or "lock timeout" in low:
        return ServerError(
            location,
            "another user holds what this change needs (an import running?); nothing was "
            "saved, try again in a moment",
        )
    if (
        state.startswith("08")
        or state in ("57P01", "57P02", "57P03")
        or "server closed the connection" in low
        or "terminating connection" in low
        or "consuming input failed" in low
        or "connection is closed" in low
        or "the connection is lost" in low
        or "ssl syscall" in low
        or "server conn crashed" in low
    ):
        if "connection refused" in low or "could not translate host" in low or "timeout" in low:
            return ServerUnreachable(
                location,
                f"the server {location.server} does not answer ({_short(msg)}); check that "
                "it runs and that the address is right, then reconnect",
            )
        return ServerConnectionLost(
            location,
            "the connection to the server was lost (restarted or network down); nothing of "
            "the last change was saved: reconnect and try again",
        )
    if "connection refused" in low or "could not translate host" in low or "timeout expired" in low:
        return ServerUnreachable(
            location,
            f"the server {location.server} does not answer ({_short(msg)}); check that it runs "
            "and that the address is right, then reconnect",
        )
    return ServerError(location, f"the server refused the request ({_short(msg)})")


def _short(msg: str) -> str:
    """The server's own words, cut to one short clause."""
    first = msg.split(" DETAIL:")[0].split(" HINT:")[0]
    if "failed: " in first:
        first = first.rsplit("failed: ", 1)[1]
    return first[:160]


def connect(location: WorkspaceLocation, *, readonly: bool = False) -> Engine:
    """An engine on the server, tried once, so a wrong URL or password fails here."""
    engine = make_server_engine(location, readonly=readonly)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DBAPIError as exc:
        engine.dispose()
        raise translate(location, exc) from exc
    return engine


def revision_of(conn: Connection, location: WorkspaceLocation) -> str | None:
    """The schema revision of the database; None when it holds no tables at all."""
    tables = {
        r[0]
        for r in conn.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        )
    }
    if "alembic_version" not in tables:
        if tables:
            raise NotAWorkspace(
                location.stand_in_path,
                f"{location.display} holds other tables, not a KPI Desktop workspace",
            )
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    if row is None:
        raise NotAWorkspace(location.stand_in_path, "the workspace has no schema version")
    return str(row[0])


def _create_database(location: WorkspaceLocation) -> None:
    """CREATE DATABASE from the server's maintenance database (needs CREATEDB)."""
    admin = make_server_engine(location.with_database("postgres")).execution_options(
        isolation_level="AUTOCOMMIT"
    )
    try:
        with admin.connect() as conn:
            name = conn.dialect.identifier_preparer.quote(location.name)
            conn.execute(text(f"CREATE DATABASE {name}"))
    except DBAPIError as exc:
        raise ServerError(
            location,
            f"the database {location.name} does not exist and could not be created "
            f"({_short(str(exc.orig))}); ask the server's administrator to create it",
        ) from exc
    finally:
        admin.dispose()


def create_schema(location: WorkspaceLocation, name: str) -> None:
    """Make the workspace's tables in the (empty, or missing and creatable) database."""
    try:
        engine = connect(location)
    except ServerNotFound:
        _create_database(location)
        engine = connect(location)
    try:
        with engine.begin() as conn:
            if revision_of(conn, location) is not None:
                raise WorkspaceExists(location.stand_in_path)
            migrate.upgrade(conn)
            finish_schema(conn)
            now = dt.datetime.now().isoformat(timespec="seconds")
            conn.execute(
                text("INSERT INTO workspace_info(key, value) VALUES (:k, :v)"),
                [
                    {"k": "name", "v": name},
                    {"k": "created", "v": now},
                    {"k": "created_by", "v": f"KPI Desktop {__version__}"},
                ],
            )
    except DBAPIError as exc:
        raise translate(location, exc) from exc
    finally:
        engine.dispose()


def finish_schema(conn: Connection) -> None:
    """What a server needs beyond the migrations: the SQL functions, the roles' grants."""
    from kpi_desktop.services.team import bulk, notices, roles

    conn.connection.driver_connection.execute(POSTGRES_FUNCTIONS)  # type: ignore[union-attr]
    bulk.install_set_based_key(conn)
    notices.install(conn)
    roles.install(conn)


def open_engine(location: WorkspaceLocation, *, readonly: bool) -> Engine:
    """Connect and check the workspace; upgrade an older schema in one transaction."""
    engine = connect(location, readonly=readonly)
    try:
        with engine.connect() as conn:
            revision = revision_of(conn, location)
            conn.rollback()
        if revision is None:
            raise NotAWorkspace(
                location.stand_in_path,
                f"{location.display} is an empty database: make a workspace in it with "
                "`kpi-desktop new URL` or File > New",
            )
        if revision not in migrate.known_revisions():
            raise WorkspaceTooNew(
                location.stand_in_path,
                f"this workspace was saved by a newer version of KPI Desktop (schema "
                f"{revision}); this version knows schemas up to {migrate.head_revision()}. "
                "Update KPI Desktop; nothing was changed",
            )
        if revision != migrate.head_revision():
            if readonly:
                raise WorkspaceReadOnly(
                    location.stand_in_path,
                    "this workspace needs an upgrade; its owner must open it for writing first",
                )
            upgrade(engine, location)
    except DBAPIError as exc:
        engine.dispose()
        raise translate(location, exc) from exc
    except Exception:
        engine.dispose()
        raise
    return engine


def upgrade(engine: Engine, location: WorkspaceLocation) -> None:
    """Migrate to this version's schema: one transaction, one client at a time."""
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        if revision_of(conn, location) == migrate.head_revision():
            return  # another client upgraded it while this one waited
        try:
            migrate.upgrade(conn)
            finish_schema(conn)
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", "") == "42501":
                raise ServerReadOnly(
                    location,
                    "this workspace needs an upgrade to this version's schema, which only "
                    "its owner may do; ask them to open it once",
                ) from exc
            raise

"""The PostgreSQL server of the team tests (started by .ci/run; KPI_TEST_POSTGRES_URL).

Every service-level test that takes the `workspace` or `demo` fixture (and no Qt) runs
twice: on a file and, marked `team`, on a fresh database of the server, cloned from a
template made once per session with this version's migrations (so a new migration is
picked up with no change here). Without a reachable server the team half skips, saying why.
A module's own workspace (the demo as seen on a fixed day, say) runs on both engines the
same way when its fixture asks for `engine` and is made by :func:`built_workspace`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kpi_desktop.store.location import WorkspaceLocation

URL_VARIABLE = "KPI_TEST_POSTGRES_URL"
#: Modules about the file itself (its bytes, locks, backups, two processes on one file).
FILE_ONLY_MODULES = {
    "test_workspace.py",
    "test_two_copies.py",
    "test_crash_safety.py",
    "test_upgrades.py",
    "test_backups.py",
    "test_packaging.py",
    "test_bulk_writes.py",
}
_counter = itertools.count()
_unreachable: str | None = None


def admin_location() -> WorkspaceLocation:
    """The server's admin URL, or a skip saying why there is none."""
    global _unreachable
    url = os.environ.get(URL_VARIABLE)
    if not url:
        pytest.skip(f"no PostgreSQL server for the team tests ({URL_VARIABLE} is not set)")
    if _unreachable is None:
        import psycopg

        try:
            psycopg.connect(url, connect_timeout=3).close()
            _unreachable = ""
        except psycopg.Error as exc:
            _unreachable = " ".join(str(exc).split())[:200]
    if _unreachable:
        pytest.skip(f"the team tests' PostgreSQL server does not answer: {_unreachable}")
    location = WorkspaceLocation.parse(url)
    if location.password:  # the CLI, run on a workspace's URL, finds it where libpq looks
        os.environ["PGPASSWORD"] = location.password
    return location


def admin_sql(sql: str, database: str = "postgres") -> None:
    import psycopg

    location = admin_location().with_database(database)
    url = location.engine_url().render_as_string(hide_password=False)
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(sql)


def new_database_name(tag: str = "t") -> str:
    return f"kpi_{tag}_{os.getpid()}_{next(_counter)}"


@pytest.fixture(scope="session")
def team_templates() -> Iterator[dict[str, str]]:
    """Template databases: an empty workspace and the demo, made once per session."""
    from kpi_desktop.services.workspace.demo import DEMO_NAME, build_demo
    from kpi_desktop.services.workspace.workspace import Workspace

    admin = admin_location()
    names = {"empty": new_database_name("tmpl"), "demo": new_database_name("tmpl")}
    with Workspace.create(admin.with_database(names["empty"]), name="test"):
        pass
    with Workspace.create(admin.with_database(names["demo"]), name=DEMO_NAME) as ws:
        build_demo(ws)
    yield names
    for name in names.values():
        admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def team_database(request: pytest.FixtureRequest) -> Iterator[WorkspaceLocation]:
    """A new, empty database on the server (no workspace in it), dropped after the test."""
    admin = admin_location()
    name = new_database_name()
    admin_sql(f'CREATE DATABASE "{name}"')
    yield admin.with_database(name)
    admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def built_workspace(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    engine: str,
    key: str,
    build: Callable[..., object],
    file_name: str = "test.kpidb",
    name: str | None = None,
) -> Iterator:  # type: ignore[type-arg]
    """A workspace filled by `build(ws)`, open for one test (a fixture `yield from`s it):
    a new file `file_name` in the test's folder, or, on the "team" engine, a database cloned
    from the template `key`, built once per session the same way. Both are named `name`
    (by default the file's stem, as a new file is)."""
    from kpi_desktop.services.workspace.workspace import Workspace

    name = name or Path(file_name).stem
    if engine != "team":
        ws = Workspace.create(tmp_path / file_name, name=name)
        try:
            build(ws)
            yield ws
        finally:
            ws.close()
        return
    templates = request.getfixturevalue("team_templates")
    if key not in templates:
        template = new_database_name("tmpl")
        templates[key] = template  # dropped with the others at the end of the session
        with Workspace.create(admin_location().with_database(template), name=name) as made:
            build(made)
    location, database = clone(templates[key])
    ws = Workspace.open(location)
    try:
        yield ws
    finally:
        ws.close()
        drop(database)


def demo_on(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    engine: str,
    today: dt.date,
    file_name: str = "demo.kpidb",
) -> Iterator:  # type: ignore[type-arg]
    """The Corner Cafe demo as seen on `today` (build_demo's own name: the file's stem)."""
    from kpi_desktop.services.workspace.demo import build_demo

    def build(ws) -> None:  # type: ignore[no-untyped-def]
        build_demo(ws, today)

    yield from built_workspace(request, tmp_path, engine, f"demo-{today}", build, file_name)


def cafe_on(request: pytest.FixtureRequest, tmp_path: Path, engine: str) -> Iterator[Path | str]:
    """Where the demo is for the command line, as `kpi-desktop new ... --demo` makes it: the
    file cafe.kpidb, or a server database's URL (its password where libpq looks)."""
    from kpi_desktop.services.workspace.demo import DEMO_NAME, build_demo

    made = built_workspace(request, tmp_path, engine, "demo", build_demo, "cafe.kpidb", DEMO_NAME)
    ws = next(made)
    where: Path | str = ws.path if engine != "team" else str(ws.location)
    ws.close()  # the command line opens it itself
    yield where
    made.close()


@contextlib.contextmanager
def reading_raw(where: Path | str) -> Iterator:  # type: ignore[type-arg]
    """The raw connection (store/raw.py) of the workspace at `where`, a file or a server,
    to read what a command wrote in SQLite's words."""
    from kpi_desktop.services.workspace.workspace import Workspace
    from kpi_desktop.store.raw import raw_connection

    with Workspace.open(where) as ws, ws.reading() as session:
        yield raw_connection(session)


def fingerprint(where: Path | str) -> str:
    """What a workspace holds, to tell that a command wrote nothing: the file's pages past
    its header (which counts the opens), or the rows of every table on a server."""
    import hashlib

    if isinstance(where, Path):
        return hashlib.sha256(where.read_bytes()[100:]).hexdigest()
    location = WorkspaceLocation.parse(where).with_password(admin_location().password)
    with _client(location) as conn:
        tables = [
            t
            for (t,) in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' ORDER BY table_name"
            )
        ]
        rows = [
            (
                table,
                conn.execute(
                    f"SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM \"{table}\" AS t"
                ).fetchone(),
            )
            for table in tables
        ]
    return repr(rows)


def clone(template: str) -> tuple[WorkspaceLocation, str]:
    name = new_database_name()
    admin_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return admin_location().with_database(name), name


def drop(name: str) -> None:
    admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wants_both_engines(metafunc: pytest.Metafunc) -> bool:
    names = set(metafunc.fixturenames)  # `engine` is asked for by every engine-aware fixture
    if "engine" not in names or "qtbot" in names:
        return False
    if Path(str(metafunc.definition.fspath)).name in FILE_ONLY_MODULES:
        return False
    return metafunc.definition.get_closest_marker("file_only") is None


class _Held:
    """A lock another client holds (an open transaction) until close()."""

    def __init__(self, conn) -> None:  # type: ignore[no-untyped-def]
        self._conn = conn

    def close(self) -> None:
        import contextlib

        import psycopg

        with contextlib.suppress(psycopg.Error):
            self._conn.close()


def _client(location: WorkspaceLocation):  # type: ignore[no-untyped-def]
    import psycopg

    url = location.engine_url().render_as_string(hide_password=False)
    return psycopg.connect(url.replace("+psycopg", ""))


def hold_import_lock(location: WorkspaceLocation, kpi_id: int) -> _Held:
    """Another client's import of the KPI, holding its advisory lock."""
    from kpi_desktop.services.team.bulk import IMPORT_LOCK_NAMESPACE

    conn = _client(location)
    conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", (IMPORT_LOCK_NAMESPACE, kpi_id))
    return _Held(conn)


def hold_row_lock(location: WorkspaceLocation, table: str, kpi_id: int) -> _Held:
    """Another client's transaction that has locked the KPI's rows of `table`."""
    conn = _client(location)
    conn.execute(f"SELECT 1 FROM {table} WHERE kpi_id = %s FOR UPDATE", (kpi_id,))
    return _Held(conn)


def server_control():  # type: ignore[no-untyped-def]
    """A function that halts or resumes the test server (skips when it is not ours)."""
    import subprocess

    admin_location()
    folder = os.environ.get("KPI_TEST_POSTGRES_DIR")
    script = Path(__file__).resolve().parents[1] / ".ci" / "team-server"
    if not folder or not script.exists():
        pytest.skip("the test server cannot be stopped from here (KPI_TEST_POSTGRES_DIR unset)")

    def control(action: str) -> None:
        if action == "halt":  # the test cluster commits asynchronously: keep what was committed
            admin_sql("CHECKPOINT")
        subprocess.run([str(script), action, folder], check=True, timeout=90)

    return control

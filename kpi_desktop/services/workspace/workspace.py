"""A workspace is one SQLite file or a database on a PostgreSQL server (services/team):
create, open (checking and migrating it), close, copy."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from kpi_desktop import __version__
from kpi_desktop.services.calculated.recompute import settle as settle_calculations
from kpi_desktop.services.errors import (
    NotAWorkspace,
    WorkspaceCorrupt,
    WorkspaceError,
    WorkspaceExists,
    WorkspaceLocked,
    WorkspaceNotFound,
    WorkspaceReadOnly,
    WorkspaceTooNew,
)
from kpi_desktop.services.planning.goals import GoalService
from kpi_desktop.services.planning.kpis import KpiService
from kpi_desktop.services.review.annotations import AnnotationService
from kpi_desktop.services.review.reviews import ReviewService
from kpi_desktop.services.tracking.measurements import MeasurementService
from kpi_desktop.services.workspace import change_log
from kpi_desktop.services.workspace.edit_conflicts import flushed_versioned_rows, lost_race
from kpi_desktop.services.workspace.integrity import IntegrityCheck, checkable, quick_check
from kpi_desktop.store import migrate
from kpi_desktop.store.engine import (
    APPLICATION_ID,
    REFERENCES_CHECKED_OPTION,
    WRITE_OPTION,
    make_engine,
)
from kpi_desktop.store.location import WorkspaceLocation

SUFFIX = ".kpidb"
_SQLITE_HEADER = b"SQLite format 3\x00"
_APPLICATION_ID_OFFSET = 68  # where SQLite keeps PRAGMA application_id in the file header


class Workspace:
    """An open workspace. Use `Workspace.create()` or `Workspace.open()`.

    `location` says where it is; `path` is the file (for a server, a stand-in name that
    no file has, for code that names outputs after the workspace)."""

    def __init__(self, where: Path | WorkspaceLocation, engine: Engine, *, readonly: bool) -> None:
        self.location = WorkspaceLocation.parse(where)
        self.path = self.location.stand_in_path
        # In a team workspace: the user's role (viewer, editor, owner; None for a file or
        # the server's administrator), and why the app refuses edits, if it does.
        self.role: str | None = None
        self.read_only_reason = ""
        if self.location.is_server:
            from kpi_desktop.services.team.roles import describe_role

            self.role, self.read_only_reason = describe_role(engine)
            readonly = readonly or bool(self.read_only_reason)
        self.readonly = readonly
        self._engine = engine
        self._writer = engine.execution_options(**{WRITE_OPTION: True})
        self._checked_writer = self._writer.execution_options(**{REFERENCES_CHECKED_OPTION: True})
        self.goals = GoalService(self)
        self.kpis = KpiService(self)
        self.measurements = MeasurementService(self)
        self.reviews = ReviewService(self)
        self.annotations = AnnotationService(self)
        #: The check of the file's pages started when it opened (None: not checked here,
        #: e.g. a workspace on a server); the first write waits for its answer.
        self.integrity: IntegrityCheck | None = None

    # -- life cycle ---------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str | WorkspaceLocation, *, name: str | None = None) -> Workspace:
        """Make a new, empty workspace at `path` (never overwriting a file, nor a server
        database that holds tables) and open it."""
        location = WorkspaceLocation.parse(path)
        if location.url is not None:
            from kpi_desktop.services.team import server

            server.create_schema(location, name or location.name)
            return cls.open(location)
        assert location.path is not None
        path = location.path
        if path.exists():
            raise WorkspaceExists(path)
        if not path.parent.is_dir():
            raise WorkspaceError(path, f"the folder {path.parent} does not exist")
        partial = path.with_name(f".{path.name}.creating")
        partial.unlink(missing_ok=True)
        try:
            _create_schema(partial, name or path.stem)
            if path.exists():  # created by someone else meanwhile: keep theirs
                raise WorkspaceExists(path)
            # A -wal or -shm left beside a deleted file would be replayed into the new one.
            for suffix in ("-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            os.replace(partial, path)
        except PermissionError as exc:
            raise WorkspaceReadOnly(path, "the folder is read-only; choose another") from exc
        except OSError as exc:  # a full disk, a vanished drive
            raise WorkspaceError(
                path, f"the workspace could not be written ({exc.strerror or exc})"
            ) from exc
        except sqlite3.Error as exc:
            raise _translate_sqlite(path, exc) from exc
        finally:
            partial.unlink(missing_ok=True)
        return cls.open(path)

    @classmethod
    def open(
        cls,
        path: Path | str | WorkspaceLocation,
        *,
        readonly: bool = False,
        check_integrity: bool = False,
        watch: bool = True,
    ) -> Workspace:
        """Open an existing workspace, upgrading an older schema after a backup copy.

        Refuses, with the file left untouched: a missing file, a file that is not a
        workspace, a corrupt one, one written by a newer version, a locked one. With
        ``check_integrity`` every page of the file is checked first (SQLite's quick_check,
        about 0.3 s for two million values), so nothing is written into a damaged file.
        Otherwise (with ``watch``) the check starts as the file opens, in a thread for a big
        file (see ``integrity``), and the first write waits for its answer: a damaged file
        turns read-only then (WorkspaceCorrupt), before anything is written into it. A
        damage found at once (a small file, or one that needs an upgrade) opens read-only.
        """
        location = WorkspaceLocation.parse(path)
        if location.url is not None:
            from kpi_desktop.services.team import server

            return cls(location, server.open_engine(location, readonly=readonly), readonly=readonly)
        assert location.path is not None
        path = location.path
        revision = _inspect(path)
        if check_integrity and not readonly:
            problem = integrity_problem(path)
            if problem is not None:
                raise WorkspaceCorrupt(path, damaged_message(problem))
        check = None
        if watch and not check_integrity and checkable(path):
            upgrading = revision != migrate.head_revision()
            check = IntegrityCheck(path, background=False if upgrading else None)
            problem = check.problem() if check.done() else None
            if problem is not None and upgrading:  # no upgrade written into a damaged file
                raise WorkspaceCorrupt(path, damaged_message(problem))
            readonly = readonly or problem is not None  # not even the journal mode changes
        if not readonly and not _writable(path):
            raise WorkspaceReadOnly(
                path, "the file or its folder is read-only; open it read-only or copy it"
            )
        upgrade_copy = None
        if revision != migrate.head_revision():
            if readonly:
                raise WorkspaceReadOnly(
                    path, "this workspace needs an upgrade; open it for writing first"
                )
            upgrade_copy = _backup_path(path, revision)
            backup_file(path, upgrade_copy)
        engine = make_engine(path, readonly=readonly)
        try:
            if upgrade_copy is not None:
                with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
                    migrate.upgrade(conn)
            with engine.connect() as conn:  # sets WAL and proves the file is readable
                conn.execute(text("SELECT count(*) FROM goal"))
        except DBAPIError as exc:
            engine.dispose()
            if upgrade_copy is not None:  # the upgrade rolled back: the file is as it was
                upgrade_copy.unlink(missing_ok=True)
            if isinstance(exc, OperationalError):
                raise _translate(path, exc) from exc
            raise WorkspaceCorrupt(path, f"the file is damaged ({exc.orig})") from exc
        except Exception:
            engine.dispose()
            if upgrade_copy is not None:
                upgrade_copy.unlink(missing_ok=True)
            raise
        ws = cls(path, engine, readonly=readonly)
        ws.integrity = check
        return ws

    def damage(self, *, wait: bool = False) -> str | None:
        """What the check of the file's pages found (None: intact, or not known yet unless
        ``wait``)."""
        check = self.integrity
        if check is None or not (wait or check.done()):
            return None
        return check.problem()

    def _refuse_writes_if_damaged(self) -> None:
        problem = self.damage(wait=True)
        if problem is not None:
            self.readonly = True
            raise WorkspaceCorrupt(self.path, damaged_message(problem))

    @property
    def own_server_processes(self) -> set[int]:
        """The server processes of this workspace's connections (a team workspace)."""
        pids = getattr(self._engine, "kpi_backend_pids", None)
        return pids if isinstance(pids, set) else set()

    def close(self) -> None:
        """Close; a writer leaves the file self-contained (no write-ahead log beside it) when
        no one else has it open, so it can be copied, mailed or read in a read-only folder."""
        if self.integrity is not None:
            self.integrity.cancel()
        self._engine.dispose()
        if not self.readonly and not self.location.is_server:
            leave_rollback_journal(self.path)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- sessions -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A read transaction (a consistent snapshot)."""
        with self._translated(), Session(self._engine, expire_on_commit=False) as session:
            yield session

    @contextlib.contextmanager
    def writing(
        self, *, client_check: bool = True, references_checked: bool = False
    ) -> Iterator[Session]:
        """One write transaction: committed on success, rolled back on any exception.

        ``references_checked``: the caller checks every reference it writes itself, set
        based (an import of a million values checks its KPI ids once), so the database
        skips its per-row foreign-key checks in this transaction (deletes cascade no more:
        use it only for inserts and updates of checked rows; a file workspace only).
        ``client_check=False`` skips the app's own read-only refusal, for tests that show
        the server refuses too."""
        if self.readonly and client_check:
            problem = self.damage()
            if problem is not None:
                raise WorkspaceCorrupt(self.path, damaged_message(problem))
            raise WorkspaceReadOnly(
                self.path, self.read_only_reason or "the workspace is open read-only"
            )
        self._refuse_writes_if_damaged()
        who = self.location.url.username if self.location.url is not None else None
        with (
            self._translated(),
            change_log.acting_as(who),
            Session(
                self._checked_writer if references_checked else self._writer,
                expire_on_commit=False,
            ) as session,
            session.begin(),
        ):
            change_log.watch(session)
            try:
                yield session
                settle_calculations(session)  # derived values follow their inputs, same commit
                session.flush()
            except StaleDataError as exc:  # which rows lost, known only before the rollback
                exc.versioned_rows = flushed_versioned_rows(session)  # type: ignore[attr-defined]
                raise

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except StaleDataError as exc:  # another client's edit of the row won the race
            with Session(self._engine) as reader:
                rows = getattr(exc, "versioned_rows", [])
                raise lost_race(exc, rows, reader) from exc
        except DBAPIError as exc:  # OperationalError, and DatabaseError of a damaged file
            if self.location.is_server:
                from kpi_desktop.services.team import server

                raise server.translate(self.location, exc) from exc
            raise _translate(self.path, exc) from exc
        except sqlite3.Error as exc:  # from services using the raw connection
            raise _translate_sqlite(self.path, exc) from exc
        except Exception as exc:
            if self.location.is_server and type(exc).__module__.startswith("psycopg"):
                from kpi_desktop.services.team import server  # psycopg's own, from raw SQL

                raise server.translate(self.location, exc) from exc
            raise

    def save_copy(self, dest: Path | str) -> Path:
        """Save a consistent copy of the workspace (SQLite backup API) to `dest`."""
        dest = Path(dest)
        if self.location.is_server:
            from kpi_desktop.services.team.copying import copy_workspace

            copy_workspace(self, dest)
            return dest
        if dest.resolve() == self.path.resolve():
            raise WorkspaceExists(dest)
        backup_file(self.path, dest)
        return dest

    def info(self) -> dict[str, str]:
        with self.reading() as s:
            rows = s.connection().execute(text("SELECT key, value FROM workspace_info"))
            return {k: v for k, v in rows}


def backup_file(source: Path, dest: Path) -> None:
    """Copy a SQLite file consistently (even while it is in use) with the backup API."""
    partial = dest.with_name(f".{dest.name}.partial")
    src = sqlite3.connect(f"file:{source.resolve().as_posix()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        os.replace(partial, dest)
    finally:
        src.close()
        partial.unlink(missing_ok=True)


def leave_rollback_journal(path: Path) -> bool:
    """Switch the file from WAL back to a rollback journal if no one else has it open."""
    try:
        conn = sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=rw", uri=True, timeout=0)
        try:
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False  # someone else has it open (or it is gone): it stays in WAL mode
    return bool(mode) and str(mode[0]).lower() == "delete"


def integrity_problem(path: Path | str) -> str | None:
    """SQLite's first complaint about the pages of the file at ``path``; None when sound."""
    try:
        return quick_check(path)
    except sqlite3.OperationalError as exc:  # locked or busy
        raise WorkspaceLocked(Path(path)) from exc


def damaged_message(problem: str) -> str:
    return (
        f"the file is damaged ({problem}); nothing was written to it. Restore a backup "
        "(File > Restore from backup in the app) or open it read-only to copy what is left"
    )


def schema_revision(path: Path | str) -> str:
    """Check, without writing anything, that `path` is a workspace this version can open
    (WorkspaceError subclasses otherwise); return its schema revision."""
    return str(_inspect(Path(path)))


def _backup_path(path: Path, revision: str | None) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.name}.before-upgrade-{revision}-{stamp}.bak")


def _create_schema(path: Path, name: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute("PRAGMA foreign_keys=ON")
    finally:
        conn.close()
    engine = make_engine(path)
    try:
        with engine.execution_options(**{WRITE_OPTION: True}).begin() as migration:
            migrate.upgrade(migration)
            now = dt.datetime.now().isoformat(timespec="seconds")
            migration.execute(
                text("INSERT INTO workspace_info(key, value) VALUES (:k, :v)"),
                [
                    {"k": "name", "v": name},
                    {"k": "created", "v": now},
                    {"k": "created_by", "v": f"KPI Desktop {__version__}"},
                ],
            )
    finally:
        engine.dispose()
    conn = sqlite3.connect(path)  # leave one self-contained file behind (no -wal beside it)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()


def _inspect(path: Path) -> str | None:
    """Check, without writing anything, that `path` is a workspace; return its schema revision."""
    if not path.exists():
        raise WorkspaceNotFound(path)
    if path.is_dir():
        raise NotAWorkspace(path, "this is a folder, not a workspace file")
    if not path.is_file():  # opening a pipe would wait for a writer forever
        raise NotAWorkspace(path, "this is not a regular file (a pipe or a device)")
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except PermissionError as exc:
        raise WorkspaceReadOnly(path, "you do not have permission to read this file") from exc
    if not header:
        raise NotAWorkspace(path, "the file is empty, not a KPI Desktop workspace")
    if not header.startswith(_SQLITE_HEADER) or len(header) < 100:
        raise NotAWorkspace(path, "this is not a KPI Desktop workspace (not a database file)")
    app_id = int.from_bytes(header[_APPLICATION_ID_OFFSET : _APPLICATION_ID_OFFSET + 4], "big")
    if app_id != APPLICATION_ID:
        raise NotAWorkspace(path, "this database was not made by KPI Desktop")
    try:
        conn = sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=ro", uri=True, timeout=5)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables:
                raise WorkspaceCorrupt(path, "the workspace has no schema version; it is damaged")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        raise _translate_sqlite(path, exc) from exc
    except sqlite3.DatabaseError as exc:
        raise WorkspaceCorrupt(path, f"the file is damaged ({exc})") from exc
    if row is None:
        raise WorkspaceCorrupt(path, "the workspace's schema version is missing; it is damaged")
    revision = row[0]
    if revision not in migrate.known_revisions():
        raise WorkspaceTooNew(
            path,
            f"this workspace was saved by a newer version of KPI Desktop (schema {revision}); "
            f"this version knows schemas up to {migrate.head_revision()}. "
            "Update KPI Desktop; the file was not changed",
        )
    return str(revision)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _translate_sqlite(path: Path, exc: sqlite3.Error) -> WorkspaceError:
    text_ = str(exc).lower()
    if "locked" in text_ or "busy" in text_:
        return WorkspaceLocked(path)
    if "readonly" in text_ or "read-only" in text_:
        return WorkspaceReadOnly(path, "the workspace cannot be written here (read-only)")
    if "unable to open" in text_:
        return WorkspaceError(path, "the file cannot be opened (check its permissions)")
    if "disk is full" in text_:
        return WorkspaceError(
            path,
            "the disk is full, so the last change was not saved; free some space and try again",
        )
    if "disk i/o error" in text_:
        return WorkspaceError(
            path,
            "the disk could not be read or written (I/O error), so the last change was "
            "not saved; check the drive and try again",
        )
    return WorkspaceCorrupt(path, f"the file is damaged ({exc})")


def _translate(path: Path, exc: DBAPIError) -> WorkspaceError:
    orig = exc.orig if isinstance(exc.orig, sqlite3.Error) else sqlite3.Error(str(exc))
    return _translate_sqlite(path, orig)

"""Rolling automatic backups of each workspace, and restoring one without losing anything.

Each workspace has a folder of its own in the user data folder,
``backups/<workspace name>-<hash of its full path>/``, holding at most one backup per day
(``backup-YYYY-MM-DD-HHMMSS.kpidb``, made with SQLite's backup API, so consistent even
while the workspace is in use) for the last `keep` days on which it was opened (7 by
default). :func:`make_daily_backup` is called when a workspace is opened.

:func:`restore_backup` copies a backup to a new file, or replaces a workspace with it after
moving the current file aside to ``<name>.before-restore-<stamp>.kpidb``: the current data
is never lost.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kpi_desktop.paths import user_data_dir
from kpi_desktop.services.errors import KpiDesktopError, WorkspaceCorrupt, WorkspaceError
from kpi_desktop.services.workspace import presence as workspace_presence

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

KEEP_DAYS = 7
_NAME = re.compile(r"^backup-(\d{4}-\d{2}-\d{2})-(\d{6})\.kpidb$")
_UNSAFE = re.compile(r"[^\w .-]+")


class BackupError(KpiDesktopError):
    """A backup could not be made, read or restored; says why and what to do."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    made_at: dt.datetime
    size: int  # bytes
    kpi_count: int | None  # None: the backup cannot be read

    @property
    def day(self) -> dt.date:
        return self.made_at.date()


def backup_folder(workspace_path: Path | str) -> Path:
    """Where the backups of the workspace at `workspace_path` live (not created here)."""
    full = Path(workspace_path).expanduser().resolve()
    name = _UNSAFE.sub("_", full.stem).strip(" .")[:60] or "workspace"
    digest = hashlib.sha256(str(full).encode("utf-8")).hexdigest()[:10]
    return user_data_dir() / "backups" / f"{name}-{digest}"


def make_daily_backup(
    ws: Workspace, *, now: dt.datetime | None = None, keep: int = KEEP_DAYS
) -> Path | None:
    """Back up `ws` unless it already has a backup made today; drop backups beyond `keep`
    days. Returns the new backup, or None when today's was made already.

    Raises BackupError when the backup cannot be written (disk full, no permission), and
    WorkspaceCorrupt when the workspace is damaged (no backup of it replaces a good one).
    """
    if ws.location.is_server:  # a team workspace is backed up by its server's administrator
        return None
    return make_backup(ws, now=now, keep=keep, once_a_day=True)


def make_backup(
    ws: Workspace,
    *,
    now: dt.datetime | None = None,
    keep: int = KEEP_DAYS,
    once_a_day: bool = False,
) -> Path | None:
    """Back up `ws` now (`kpi-desktop backup`); the newest backup of each of the last `keep`
    days is kept. The copy is checked page by page before it counts: a damaged workspace
    raises WorkspaceCorrupt and leaves the earlier backups as they were."""
    from kpi_desktop.services.workspace.workspace import (
        backup_file,
        damaged_message,
        integrity_problem,
    )

    if keep < 1:
        raise ValueError("keep at least one day of backups")
    known = ws.damage(wait=True)  # the check begun when it opened: no copy of a damaged file
    if known is not None:
        raise WorkspaceCorrupt(Path(ws.path), damaged_message(known))
    now = now or dt.datetime.now()
    folder = backup_folder(ws.path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        note = folder / "workspace.txt"  # which file these are backups of, for people
        if not note.exists():
            note.write_text(f"Backups of {Path(ws.path).resolve()}\n", encoding="utf-8")
        if once_a_day and any(b.day == now.date() for b in _backups_in(folder)):
            _prune(folder, keep)
            return None
        dest = folder / f"backup-{now:%Y-%m-%d-%H%M%S}.kpidb"
        checked = folder / f".{dest.name}.checking"
        try:
            backup_file(Path(ws.path), checked)
            problem = integrity_problem(checked)
            if problem is not None:  # the good copies stay as they are
                raise WorkspaceCorrupt(Path(ws.path), damaged_message(problem))
            os.replace(checked, dest)
        finally:
            checked.unlink(missing_ok=True)
        _prune(folder, keep)
    except (OSError, sqlite3.Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise BackupError(
            f"the backup of {ws.path} could not be made in {folder} ({reason}); "
            "your workspace is fine, but has no new backup"
        ) from exc
    return dest


def list_backups(workspace_path: Path | str) -> list[BackupInfo]:
    """The backups of the workspace at `workspace_path`, newest first."""
    folder = backup_folder(workspace_path)
    if not folder.is_dir():
        return []
    infos = [
        BackupInfo(b.path, b.made_at, _size(b.path), _kpi_count(b.path))
        for b in _backups_in(folder)
    ]
    return sorted(infos, key=lambda b: b.made_at, reverse=True)


def newest_intact_backup(workspace_path: Path | str) -> BackupInfo | None:
    """The newest backup of the workspace whose every page is sound (None: there is none)."""
    for info in list_backups(workspace_path):
        if info.kpi_count is not None and _intact(info.path):
            return info
    return None


def restore_backup(backup: BackupInfo | Path | str, target: Path | str) -> Path | None:
    """Put the backup at `target`. A file already at `target` is first moved aside to
    ``<name>.before-restore-<stamp>.kpidb`` (returned); None when there was none.

    Refuses (BackupError), changing nothing, when the backup is not a readable workspace
    or `target` is open in this or another program.
    """
    from kpi_desktop.services.workspace.workspace import backup_file, schema_revision

    source = Path(backup.path if isinstance(backup, BackupInfo) else backup)
    target = Path(target)
    if target.exists() and target.resolve() == source.resolve():
        raise BackupError("choose another file to restore to: this is the backup itself")
    try:
        schema_revision(source)
    except WorkspaceError as exc:
        raise BackupError(f"this backup cannot be restored: {exc.reason}") from exc
    if not _intact(source):
        raise BackupError(f"the backup {source.name} is damaged and cannot be restored")
    if not target.parent.is_dir():
        raise BackupError(f"the folder {target.parent} does not exist")
    if not target.exists():
        try:
            backup_file(source, target)
        except (OSError, sqlite3.Error) as exc:
            raise BackupError(f"the backup could not be copied to {target} ({exc})") from exc
        return None

    who = workspace_presence.other_user(target)
    if who is not None:
        raise BackupError(f"{who} has {target.name} open; close it there, then restore")
    if _is_sqlite(target):
        _make_standalone(target)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = target.with_name(f"{target.stem}.before-restore-{stamp}{target.suffix}")
    n = 1
    while aside.exists():
        n += 1
        aside = target.with_name(f"{target.stem}.before-restore-{stamp}-{n}{target.suffix}")
    incoming = target.with_name(f".{target.name}.restoring")
    try:
        backup_file(source, incoming)  # the slow part, done before the current file moves
        os.replace(target, aside)
        try:
            os.replace(incoming, target)
        except OSError:
            os.replace(aside, target)  # put the current file back where it was
            raise
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(
            f"the backup could not be restored to {target} ({exc}); the workspace is unchanged"
        ) from exc
    finally:
        incoming.unlink(missing_ok=True)
    return aside


# -- helpers -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Dated:
    path: Path
    made_at: dt.datetime

    @property
    def day(self) -> dt.date:
        return self.made_at.date()


def _backups_in(folder: Path) -> list[_Dated]:
    """The backups in `folder`, dated by their names."""
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        try:
            made_at = dt.datetime.strptime(f"{match[1]} {match[2]}", "%Y-%m-%d %H%M%S")
        except ValueError:
            continue
        found.append(_Dated(path, made_at))
    return found


def _prune(folder: Path, keep: int) -> None:
    """Keep the newest backup of each of the `keep` most recent days, and the newest intact
    backup whatever its age (the kept ones may all be damaged); delete the rest."""
    newest_per_day: dict[dt.date, _Dated] = {}
    backups = sorted(_backups_in(folder), key=lambda b: b.made_at, reverse=True)
    for b in backups:
        newest_per_day.setdefault(b.day, b)
    kept_days = sorted(newest_per_day, reverse=True)[:keep]
    kept = {newest_per_day[d].path for d in kept_days}
    if any(b.path not in kept for b in backups):  # about to delete: keep the last good one
        intact = next((b for b in backups if _intact(b.path)), None)
        if intact is not None:
            kept.add(intact.path)
    for b in backups:
        if b.path not in kept:
            with contextlib.suppress(OSError):
                b.path.unlink()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=ro", uri=True, timeout=2)


def _kpi_count(path: Path) -> int | None:
    try:
        conn = _connect_ro(path)
        try:
            return int(conn.execute("SELECT count(*) FROM kpi").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def _intact(path: Path) -> bool:
    try:
        conn = _connect_ro(path)
        try:
            return conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _make_standalone(target: Path) -> None:
    """Fold the write-ahead log into `target` so the file alone holds all its data, which
    also proves that no connection (in this or another program) has it open."""
    try:
        conn = sqlite3.connect(target, timeout=1, isolation_level=None)
        try:
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupError(
            f"{target.name} is still open (here or in another program); close it, then "
            f"restore ({exc})"
        ) from exc
    if str(mode).lower() != "delete" or Path(f"{target}-wal").exists():
        raise BackupError(f"{target.name} is still open; close it, then restore")
    Path(f"{target}-shm").unlink(missing_ok=True)

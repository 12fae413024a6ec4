"""Is a workspace file intact? SQLite's ``PRAGMA quick_check`` over every page, run when a
workspace opens: at once for a small file, in a thread for a big one (about 0.3 s for two
million values), always finished before the first write (see ``Workspace.writing``).

Only a SQLite file has pages to check: a workspace on a database server has no check here
(the server keeps its own pages), so callers ask :func:`checkable` first.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

#: Files above this size are checked in a thread; smaller ones at once (a few ms).
BACKGROUND_BYTES = 16 * 1024 * 1024


def checkable(target: object) -> bool:
    """Whether ``target`` (a path or a URL) is a workspace file whose pages can be checked."""
    if not isinstance(target, Path | str):
        return False
    text = str(target)
    return "://" not in text and Path(text).is_file()


def quick_check(path: Path | str, *, on_connect: object = None) -> str | None:
    """SQLite's first complaint about the pages of the file at ``path``; None when sound.

    A file that is locked raises ``sqlite3.OperationalError`` (the caller decides); any
    other error is itself the complaint. ``on_connect(conn)`` sees the connection first
    (so that a waiting caller can interrupt it).
    """
    uri = f"file:{Path(path).resolve().as_posix()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=5, check_same_thread=False)
        try:
            if callable(on_connect):
                on_connect(conn)
            row = conn.execute("PRAGMA quick_check(1)").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text or "interrupted" in text:
            raise
        return str(exc)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    text_ = str(row[0]) if row else "no answer"
    if text_ == "ok":
        return None
    return " ".join(text_.replace("*** in database main ***", "").split())


class IntegrityCheck:
    """One quick_check of a workspace file, started when it opens.

    ``done()`` says whether the answer is in; ``problem()`` waits for it: SQLite's first
    complaint, or None when the file is intact (or could not be checked because another
    program holds a lock: the check is then skipped, never reported as damage).
    """

    def __init__(self, path: Path | str, *, background: bool | None = None) -> None:
        self.path = Path(path)
        if background is None:
            try:
                background = self.path.stat().st_size > BACKGROUND_BYTES
            except OSError:
                background = False
        self._problem: str | None = None
        self._finished = threading.Event()
        self._conn: sqlite3.Connection | None = None
        self._cancelled = False
        self._thread: threading.Thread | None = None
        if background:
            self._thread = threading.Thread(target=self._run, name="quick_check", daemon=True)
            self._thread.start()
        else:
            self._run()

    def _keep(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def _run(self) -> None:
        try:
            self._problem = quick_check(self.path, on_connect=self._keep)
        except sqlite3.Error:  # locked by another program, or cancelled: no verdict
            self._problem = None
        finally:
            self._conn = None
            if self._cancelled:
                self._problem = None
            self._finished.set()

    def done(self) -> bool:
        return self._finished.is_set()

    def problem(self, timeout: float | None = None) -> str | None:
        """SQLite's complaint (None: intact), waiting up to ``timeout`` s (None: for good)."""
        self._finished.wait(timeout)
        return self._problem

    def cancel(self) -> None:
        """Stop a check still running (the workspace closes) and wait for its thread."""
        if self._finished.is_set():
            return
        self._cancelled = True
        conn = self._conn
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.interrupt()
        if self._thread is not None:
            self._thread.join()

"""Who else has a workspace open: a small lock file beside it, `<file>.kpidb.lock`.

A copy of KPI Desktop that opens a workspace for writing calls :func:`claim` and keeps the
returned :class:`Presence` until it closes the workspace. The file says who (user, host,
process) and since when. The claimant also holds an OS lock on the file (``flock`` on
Linux and macOS, ``msvcrt.locking`` on Windows): the OS drops it when the process ends,
however it ends, so a file left behind by a crash is known to be stale. Where the OS lock
is not available, a file is stale when its process is gone (same host only).

SQLite itself keeps two copies from corrupting the file; this is only so that a second
window can warn the user and offer to open the workspace read-only
(:func:`other_user`). Nothing here ever raises for a missing or unwritable folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kpi_desktop import __version__

# Imported once, here: a claim released at interpreter shutdown (from __del__) can import
# nothing any more, and must not take Linux for Windows then.
try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".lock"
_WINDOWS_LOCK_OFFSET = 1 << 30  # msvcrt locks a byte range: one far past the text


def lock_path(path: Path | str) -> Path:
    path = Path(path)
    return path.with_name(path.name + LOCK_SUFFIX)


@dataclass(frozen=True, slots=True)
class Holder:
    """The copy of KPI Desktop that has a workspace open."""

    pid: int
    host: str
    user: str
    since: dt.datetime | None
    app: str

    def describe(self) -> str:
        when = f", since {self.since:%d %b %Y %H:%M}" if self.since else ""
        who = f"{self.user} on {self.host}" if self.user else self.host
        return f"another copy of {self.app} ({who}, process {self.pid}{when})"

    @property
    def is_this_process(self) -> bool:
        return self.pid == os.getpid() and self.host == _host()


class Presence:
    """This process's claim on a workspace; `release()` (or closing) gives it up."""

    def __init__(self, path: Path, handle: IO[bytes]) -> None:
        self.path = path
        self.lock_file = lock_path(path)
        self._handle: IO[bytes] | None = handle

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        with contextlib.suppress(OSError):
            if _same_file(handle, self.lock_file):
                self.lock_file.unlink()
        with contextlib.suppress(OSError):
            _unlock(handle)
        with contextlib.suppress(OSError):
            handle.close()

    def __enter__(self) -> Presence:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def __del__(self) -> None:  # a forgotten claim must not outlive its object
        self.release()


def claim(path: Path | str) -> Presence | None:
    """Announce that this process has `path` open for writing.

    Returns None, claiming nothing, when another live copy holds the workspace or the lock
    file cannot be written (read-only folder): opening the workspace goes on regardless.
    """
    path = Path(path)
    target = lock_path(path)
    for _attempt in range(3):
        try:
            handle = open(target, "a+b")  # noqa: SIM115 (kept open while the claim lasts)
        except OSError:
            return None
        try:
            locked = _lock(handle, exclusive=True)
            if locked is False or (locked is None and holder(path) is not None):
                handle.close()  # a live copy holds it (told by the OS lock or its pid)
                return None
            if not _same_file(handle, target):  # released and removed meanwhile: again
                _unlock(handle)
                handle.close()
                continue
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps(_record()).encode("utf-8"))
            handle.flush()
            return Presence(path, handle)
        except OSError:
            with contextlib.suppress(OSError):
                handle.close()
            return None
    return None


def holder(path: Path | str) -> Holder | None:
    """The other live copy of KPI Desktop that has `path` open, if any (never this one)."""
    target = lock_path(path)
    try:
        handle = open(target, "rb")  # noqa: SIM115
    except OSError:
        return None
    with handle:
        try:
            free = _lock(handle, exclusive=False)
        except OSError:
            free = None
        if free:
            _unlock(handle)
            return None  # nobody holds it: left behind by a crash
        try:
            handle.seek(0)
            found: Holder | None = _holder_from(json.loads(handle.read(4096).decode("utf-8")))
        except (OSError, ValueError, TypeError, KeyError):  # being written, or damaged
            found = Holder(0, "unknown host", "", None, "KPI Desktop") if free is False else None
    if found is None or found.is_this_process:
        return None
    if free is None and found.host == _host() and not _pid_alive(found.pid):
        return None  # no OS lock to ask: on this host the process id tells
    return found


def other_user(path: Path | str) -> str | None:
    """A sentence part naming the other copy that has `path` open, or None.

    For the GUI's question: f"{who} has this workspace open. Open it read-only?"
    """
    found = holder(path)
    return None if found is None else found.describe()


# -- the record and the OS lock ------------------------------------------------------------


def _host() -> str:
    return socket.gethostname()


def _record() -> dict[str, Any]:
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):
        user = ""
    return {
        "pid": os.getpid(),
        "host": _host(),
        "user": user,
        "since": dt.datetime.now().isoformat(timespec="seconds"),
        "app": f"KPI Desktop {__version__}",
    }


def _holder_from(record: dict[str, Any]) -> Holder:
    since = record.get("since")
    return Holder(
        pid=int(record["pid"]),
        host=str(record.get("host", "")),
        user=str(record.get("user", "")),
        since=dt.datetime.fromisoformat(since) if isinstance(since, str) else None,
        app=str(record.get("app") or "KPI Desktop"),
    )


def _same_file(handle: IO[bytes], target: Path) -> bool:
    try:
        mine, now = os.fstat(handle.fileno()), os.stat(target)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino)


def _lock(handle: IO[bytes], *, exclusive: bool) -> bool | None:
    """Try to lock without waiting: True got it, False someone holds it, None unsupported."""
    if fcntl is None:
        return _lock_windows(handle)
    mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
    try:
        fcntl.flock(handle.fileno(), mode)
    except BlockingIOError:
        return False
    except OSError:  # e.g. a file system without locks
        return None
    return True


def _unlock(handle: IO[bytes]) -> None:
    if fcntl is None:
        _unlock_windows(handle)
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _lock_windows(handle: IO[bytes]) -> bool | None:  # pragma: no cover - Windows only
    try:
        import msvcrt
    except ImportError:
        return None
    try:
        handle.seek(_WINDOWS_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    except PermissionError:
        return False
    except OSError:
        return False
    finally:
        handle.seek(0)
    return True


def _unlock_windows(handle: IO[bytes]) -> None:  # pragma: no cover - Windows only
    import msvcrt

    handle.seek(_WINDOWS_LOCK_OFFSET)
    try:
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
    finally:
        handle.seek(0)


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows only; os.kill would end the process
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

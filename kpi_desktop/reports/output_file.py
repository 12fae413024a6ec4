"""Where an export is written: refused when it would overwrite a workspace, written under a
temporary name beside the target and moved into place when complete.

A target is refused when it is (or links to) a workspace: any ``.kpidb``, any existing SQLite
database whatever its name (``cp ws.kpidb ws.pdf; report ws.pdf -o ws.pdf`` must not turn
the data into a PDF), or the file of a workspace given as ``protect`` (compared by identity,
so a hard link or a symbolic link is caught too). Something that is not a regular file (a
folder, a FIFO, a device) is refused as well.

The temporary file is ``.NAME.PID-XXXXXXXX.partialSUFFIX``: one left behind by a process that
was killed is removed by the next export to the same name (its process is gone); one of
another running export is left alone.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

from kpi_desktop.services.errors import KpiDesktopError

WORKSPACE_SUFFIX = ".kpidb"
_SQLITE_HEADER = b"SQLite format 3\x00"
#: A temporary file in the old name scheme (no process id) is removed once this old.
STALE_PARTIAL_SECONDS = 3600


class ExportError(KpiDesktopError):
    """An export could not be written (bad file name, missing folder, no permission)."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


def check_output(path: Path | str, protect: Iterable[Path | str] = ()) -> Path:
    """Refuse an output ``path`` that would destroy a workspace or is no file (ExportError)."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(path, f"the folder {folder} does not exist")
    if path.suffix.lower() == WORKSPACE_SUFFIX or path.resolve().suffix.lower() == WORKSPACE_SUFFIX:
        raise ExportError(path, "this is a workspace file name; choose another name")
    for kept in protect:
        if _same_file(path, Path(kept)):
            raise ExportError(path, "this is the workspace itself; choose another file name")
    try:
        info = path.stat()
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise ExportError(path, f"the file cannot be checked ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise ExportError(path, "this is a folder; give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise ExportError(path, "this is not a regular file (a pipe or a device)")
    if _is_database(path):
        raise ExportError(path, "this file is a database (perhaps a workspace); not overwritten")
    return path


@contextlib.contextmanager
def atomic_output(path: Path | str, protect: Iterable[Path | str] = ()) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` to write to; on success it replaces ``path``.

    The target is checked first (:func:`check_output`). On any error the temporary file is
    removed and ``path`` is left as it was. Problems of the place (a missing folder, no
    permission, a folder named like the file) become an :class:`ExportError` that says what
    and where.
    """
    path = check_output(path, protect)
    folder = path.parent
    remove_stale_partials(path)
    partial = folder / f".{path.stem}.{os.getpid()}-{uuid.uuid4().hex[:8]}.partial{path.suffix}"
    try:
        yield partial
        if not partial.exists():
            raise ExportError(path, "nothing was written")
        check_output(path, protect)  # the target may have changed while writing
        os.replace(partial, path)
    except PermissionError as exc:
        raise ExportError(path, "you do not have permission to write here") from exc
    except OSError as exc:
        raise ExportError(path, f"the file could not be written ({exc.strerror or exc})") from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def remove_stale_partials(path: Path) -> list[Path]:
    """Remove temporary files of earlier exports to ``path`` whose process is gone."""
    prefix, suffix = f".{path.stem}.", f".partial{path.suffix}"
    removed = []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return removed
    for name in names:
        if not (name.startswith(prefix) and name.endswith(suffix)):
            continue
        tag = name[len(prefix) : len(name) - len(suffix)]
        candidate = path.parent / name
        if _is_stale(candidate, tag):
            with contextlib.suppress(OSError):
                candidate.unlink()
                removed.append(candidate)
    return removed


def _is_stale(candidate: Path, tag: str) -> bool:
    pid_text, sep, rest = tag.partition("-")
    if sep and pid_text.isdigit() and len(rest) == 8:
        return not _process_alive(int(pid_text))
    if len(tag) == 8 and not sep:  # the old scheme: no process id, judged by its age
        try:
            return time.time() - candidate.stat().st_mtime > STALE_PARTIAL_SECONDS
        except OSError:
            return False
    return False


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: alive
    return True


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _is_database(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False

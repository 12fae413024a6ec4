"""No library traceback reaches the terminal: every subcommand that writes a file, run
against a missing folder, a read-only folder and a full disk, prints one line and exits 1.

Tests may run as root, whom permission bits do not stop, so a read-only folder and a full
disk are simulated where Python or SQLite writes: files opened for writing, created,
renamed or made in the folder raise the error the operating system would raise (EACCES,
ENOSPC), ``os.access`` says the folder is not writable, and a full disk makes SQLite's
writes fail as SQLite does ("database or disk is full").
"""

from __future__ import annotations

import builtins
import errno
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import team_server

from kpi_desktop.cli import main
from kpi_desktop.paths import user_data_dir
from kpi_desktop.store import engine as store_engine
from kpi_desktop.store.location import WorkspaceLocation
from tests.cli_run import run

KPI = "Monthly revenue"


class _RefusesWrites:
    """Statements that write fail as SQLite fails them on a full disk."""

    def execute(self, sql, *args):  # type: ignore[no-untyped-def]
        _refuse_write(sql)
        return super().execute(sql, *args)  # type: ignore[misc]

    def executemany(self, sql, *args):  # type: ignore[no-untyped-def]
        _refuse_write(sql)
        return super().executemany(sql, *args)  # type: ignore[misc]


class _FullDiskCursor(_RefusesWrites, sqlite3.Cursor):
    pass


class _FullDiskConnection(_RefusesWrites, sqlite3.Connection):
    """A connection on a full disk: SQLite refuses every write as it would then."""

    def cursor(self, factory=None):  # type: ignore[no-untyped-def, override]
        return super().cursor(_FullDiskCursor)


def _refuse_write(sql: str) -> None:
    if sql.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE", "COMMIT"):
        raise sqlite3.OperationalError("database or disk is full")


def trap_folder(monkeypatch: pytest.MonkeyPatch, folder: Path, code: int) -> None:
    """Make writing into ``folder`` fail with OSError ``code`` (EACCES or ENOSPC)."""
    folder = folder.resolve()

    def inside(path: object) -> bool:
        try:
            return Path(os.fsdecode(path)).resolve().is_relative_to(folder)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False

    def fail(path: object) -> None:
        error = PermissionError if code == errno.EACCES else OSError
        raise error(code, os.strerror(code), os.fsdecode(path))  # type: ignore[arg-type]

    real_open, real_os_open = builtins.open, os.open
    real_replace, real_mkdir, real_access = os.replace, os.mkdir, os.access

    def open_(file, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(file, str | bytes | os.PathLike) and set(mode) & set("wax+") and inside(file):
            fail(file)
        return real_open(file, mode, *args, **kwargs)

    def os_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and inside(path):
            fail(path)
        return real_os_open(path, flags, *args, **kwargs)

    def replace(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
        if inside(dst):
            fail(dst)
        return real_replace(src, dst, *args, **kwargs)

    def mkdir(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if inside(path):
            fail(path)
        return real_mkdir(path, *args, **kwargs)

    def access(path, mode, *args, **kwargs):  # type: ignore[no-untyped-def]
        if mode & os.W_OK and code == errno.EACCES and inside(path):
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "mkdir", mkdir)
    monkeypatch.setattr(os, "access", access)


def full_disk_for_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["factory"] = _FullDiskConnection
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(store_engine.sqlite3, "connect", connect)


#: name -> (arguments after the subcommand; WS is the workspace, OUT a file in the folder)
OUTPUTS = {
    "export-xlsx": ("export", "WS", "-o", "OUT.xlsx"),
    "export-csv": ("export", "WS", "-o", "OUT.csv"),
    "export-chart-png": ("export-chart", "WS", "--kpi", KPI, "-o", "OUT.png"),
    "export-chart-svg": ("export-chart", "WS", "--kpi", KPI, "-o", "OUT.svg"),
    "export-chart-pdf": ("export-chart", "WS", "--kpi", KPI, "-o", "OUT.pdf"),
    "report": ("report", "WS", "-o", "OUT.pdf"),
    "deck": ("deck", "WS", "-o", "OUT.pptx"),
}
WORKSPACE_WRITES = {
    "add-goal": ("add-goal", "WS", "Grow more"),
    "add-kpi": (
        "add-kpi",
        "WS",
        "--goal",
        "Grow profitable revenue",
        "--name",
        "Tips",
        "--unit",
        "EUR",
        "--baseline",
        "1@2026-01-01",
        "--target",
        "2@2027-12-31",
    ),  # fmt: skip
    "add-value": ("add-value", "WS", "--kpi", KPI, "--period", "2026-01-01", "5"),
    "edit-kpi": ("edit-kpi", "WS", "--kpi", KPI, "--owner", "Ann"),
    "delete-kpi": ("delete-kpi", "WS", "--kpi", "Food waste"),  # no formula uses it
    "revise-target": (
        "revise-target",
        "WS",
        "--kpi",
        KPI,
        "--target",
        "999999@2027-12-31",
        "--from",
        "2026-06-01",
    ),  # fmt: skip
    "import": ("import", "WS", "CSV", "--create-missing"),
    "action": ("action", "WS", "add", "Call the supplier"),
    "new-from": ("new", "NEW", "--from", "XLSX"),
}
NEW_FILES = {
    "new": ("new", "NEW"),
    "new-demo": ("new", "NEW", "--demo"),
}
ALL = {**OUTPUTS, **WORKSPACE_WRITES, **NEW_FILES, "backup": ("backup", "WS")}


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo workspace, a CSV of values and a full export of the demo, made once."""
    folder = tmp_path_factory.mktemp("sources")
    cafe = folder / "cafe.kpidb"
    assert main(["new", str(cafe), "--demo"]) == 0
    csv = folder / "values.csv"
    csv.write_text("Date,KPI,Value\n2026-01-01,Walk-ins,12\n", encoding="utf-8")
    xlsx = folder / "cafe.xlsx"
    assert main(["export", str(cafe), "-o", str(xlsx)]) == 0
    return {"WS": cafe, "CSV": csv, "XLSX": xlsx}


def _arguments(case: str, ws: Path, sources: dict[str, Path], folder: Path) -> list[str]:
    names = {"WS": str(ws), "CSV": str(sources["CSV"]), "XLSX": str(sources["XLSX"])}
    names["NEW"] = str(folder / "new.kpidb")
    out = []
    for arg in ALL[case]:
        if arg.startswith("OUT."):
            out.append(str(folder / f"out{arg[3:]}"))
        else:
            out.append(names.get(arg, arg))
    return out


def _workspace_copy(sources: dict[str, Path], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    ws = folder / "cafe.kpidb"
    shutil.copy(sources["WS"], ws)
    return ws


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _one_line(code: int, out: str, err: str, case: str) -> str:
    assert code == 1, (case, code, out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, (case, err)
    assert "Traceback" not in err and "Error:" not in lines[0].split(": error: ", 1)[0]
    assert lines[0].startswith(f"kpi-desktop {ALL[case][0]}: error: ")
    return lines[0]


@pytest.mark.parametrize("case", sorted(ALL))
def test_a_missing_folder(
    case: str, sources: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no such folder"
    # An export's workspace is there and its file goes nowhere; any other command's
    # workspace (or the new one) is in a folder that does not exist.
    here = tmp_path / "here"
    ws = _workspace_copy(sources, here) if case in OUTPUTS else missing / "cafe.kpidb"
    line = _one_line(*run(capsys, *_arguments(case, ws, sources, missing)), case)
    assert "does not exist" in line or "no such" in line
    assert not missing.exists()


@pytest.mark.parametrize("case", sorted(ALL))
@pytest.mark.parametrize("code", [errno.EACCES, errno.ENOSPC], ids=["read-only", "disk-full"])
def test_a_read_only_folder_and_a_full_disk(
    case: str,
    code: int,
    sources: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "target"
    ws = _workspace_copy(sources, folder)
    before = _dump(ws)
    trapped = user_data_dir() if case == "backup" else folder
    if case in WORKSPACE_WRITES and case != "new-from" and code == errno.ENOSPC:
        full_disk_for_sqlite(monkeypatch)  # the workspace's own writes fail
    else:
        trap_folder(monkeypatch, trapped, code)
    args = _arguments(case, ws, sources, folder)
    line = _one_line(*run(capsys, *args), case)
    monkeypatch.undo()
    expected = {
        errno.EACCES: ("read-only", "permission", "Permission denied"),
        errno.ENOSPC: ("disk is full", "No space left"),
    }[code]
    assert any(word in line for word in expected), line
    if case not in NEW_FILES and case != "new-from":
        assert _dump(ws) == before  # nothing half-written into the workspace
    leftovers = sorted(p.name for p in folder.iterdir() if p.name != "cafe.kpidb")
    assert leftovers == [], leftovers


# -- the same on a team workspace: a server down, a wrong password, no such database, a viewer

#: The subcommands that write, on a URL (NEW: a database not yet made; FILE: the demo file).
SERVER_WRITES = {
    **{case: args for case, args in ALL.items() if case != "backup"},  # backup: refused at once
    "copy-in": ("copy", "WS_FILE", "NEW"),
    "team-grant": ("team", "grant", "WS", "--user", "kpi_clean_errors_reader", "--role", "viewer"),
}
#: What a one-line server error tells the user to do next.
NEXT_STEPS = ("check", "type it", "reconnect", "try again", "ask", "create it")


@pytest.fixture(scope="module")
def team_demo(
    sources: dict[str, Path], team_templates: dict[str, str]
) -> Iterator[dict[str, object]]:
    """A demo workspace on the server for this module, with a viewer login on it."""
    location, database = team_server.clone(team_templates["demo"])
    viewer = f"viewer_{database}"[:60]
    assert main(["team", "grant", location.display, "--user", viewer, "--role", "viewer"]) == 0
    team_server.admin_sql(f"ALTER ROLE \"{viewer}\" PASSWORD 'secret-{viewer}'")
    yield {"location": location, "viewer": viewer}
    team_server.drop(database)
    team_server.admin_sql(f'DROP ROLE IF EXISTS "{viewer}"')


def _server_url(location: WorkspaceLocation, *, user: str | None = None, password: str = "") -> str:
    url = location.url.set(username=user or location.url.username, password=password or None)
    return url.render_as_string(hide_password=False).replace("+psycopg", "")


def _server_arguments(
    case: str, ws: str, new: str, sources: dict[str, Path], folder: Path
) -> list[str]:
    names = {"WS": ws, "NEW": new, "WS_FILE": str(sources["WS"])}
    names |= {"CSV": str(sources["CSV"]), "XLSX": str(sources["XLSX"])}
    return [
        str(folder / f"out{arg[3:]}") if arg.startswith("OUT.") else names.get(arg, arg)
        for arg in SERVER_WRITES[case]
    ]


def _server_line(code: int, out: str, err: str, case: str, server: str) -> str:
    assert code == 1, (case, code, out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, (case, err)
    assert lines[0].startswith(f"kpi-desktop {SERVER_WRITES[case][0]}: error: "), lines[0]
    assert "Traceback" not in err and "psycopg" not in err, lines[0]
    assert server in lines[0], (case, lines[0])  # names the server
    assert "postgresql:/" not in lines[0].replace("postgresql://", ""), lines[0]  # its URL
    assert any(step in lines[0] for step in NEXT_STEPS), (case, lines[0])  # says what to do
    return lines[0]


def _fails_cleanly(
    capsys: pytest.CaptureFixture[str],
    sources: dict[str, Path],
    folder: Path,
    case: str,
    ws: str,
    new: WorkspaceLocation,
) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    args = _server_arguments(case, ws, _server_url(new), sources, folder)
    line = _server_line(*run(capsys, *args), case, new.server)
    assert list(folder.iterdir()) == [], (case, list(folder.iterdir()))  # no half output
    return line


FAULTS = ["server down", "wrong password", "no such database", "viewer"]


@pytest.mark.team
@pytest.mark.parametrize("fault", FAULTS)
def test_a_server_fault_is_one_line_naming_the_server(
    fault: str,
    team_demo: dict[str, object],
    sources: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every writing subcommand on a URL: exit 1, one line naming the server and what to
    do, no output file, nothing changed on the server."""
    location = team_demo["location"]
    assert isinstance(location, WorkspaceLocation)
    missing = location.with_database(team_server.new_database_name("missing"))
    before = team_server.fingerprint(location.display)
    cases = sorted(SERVER_WRITES)
    new = missing
    if fault == "server down":  # a closed port on this machine refuses at once
        closed = WorkspaceLocation.parse(f"postgresql://kpi_admin@127.0.0.1:1/{location.name}")
        ws, new = _server_url(closed), closed.with_database(missing.name)
        expect = "does not answer"
    elif fault == "wrong password":
        ws = _server_url(location, password="not-it")
        new = WorkspaceLocation.parse(_server_url(missing, password="not-it"))
        expect = "refused the password"
    elif fault == "no such database":  # (new and copy make a missing database: not a fault)
        ws = _server_url(missing)
        cases = [c for c in cases if c not in NEW_FILES and c not in ("new-from", "copy-in")]
        expect = "has no database named"
    else:
        viewer = str(team_demo["viewer"])
        ws = _server_url(location, user=viewer, password=f"secret-{viewer}")
        new = WorkspaceLocation.parse(
            _server_url(missing, user=viewer, password=f"secret-{viewer}")
        )
        cases = [c for c in cases if c not in OUTPUTS]  # a viewer may read: exports work
        expect = ""
    for case in cases:
        line = _fails_cleanly(capsys, sources, tmp_path / case, case, ws, new)
        assert expect in line, (case, line)
        assert "not-it" not in line  # a password is never shown
    assert team_server.fingerprint(location.display) == before
    with pytest.raises(psycopg.OperationalError, match="does not exist"):
        team_server.fingerprint(missing.display)  # nor was the new database left made


@pytest.mark.team
def test_a_halted_server_is_one_line_for_every_writing_subcommand(
    team_demo: dict[str, object],
    sources: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The test server itself stopped (once for all subcommands): the same one line."""
    location = team_demo["location"]
    assert isinstance(location, WorkspaceLocation)
    control = team_server.server_control()
    before = team_server.fingerprint(location.display)
    new = location.with_database(team_server.new_database_name("missing"))
    control("halt")
    try:
        for case in sorted(SERVER_WRITES):
            line = _fails_cleanly(capsys, sources, tmp_path / case, case, location.display, new)
            assert "does not answer" in line and "reconnect" in line, (case, line)
    finally:
        control("resume")
    assert team_server.fingerprint(location.display) == before

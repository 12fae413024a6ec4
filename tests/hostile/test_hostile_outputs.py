"""Item 1: an output that is the workspace is refused, by identity; item 9: leftovers of a
killed export are removed by the next one."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from team_server import fingerprint

from kpi_desktop.reports.output_file import remove_stale_partials


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("command", "suffix"), [("report", ".pdf"), ("export", ".xlsx"), ("export", ".csv")]
)
def test_the_workspace_is_never_its_own_output(cli, base: Path, command: str, suffix: str) -> None:
    ws = base.with_suffix(suffix)
    shutil.copyfile(base, ws)
    before = digest(ws)
    code, _out, err = cli(command, ws, "-o", ws)
    assert code == 1
    assert "the workspace itself" in err
    assert digest(ws) == before


def test_links_to_the_workspace_are_refused(cli, base: Path, tmp_path: Path) -> None:
    before = digest(base)
    symlink = tmp_path / "values.csv"
    symlink.symlink_to(base)
    hardlink = tmp_path / "report.pdf"
    os.link(base, hardlink)
    assert cli("export", base, "-o", symlink)[0] == 1
    assert cli("report", base, "-o", hardlink)[0] == 1
    assert digest(base) == before


def test_any_database_or_kpidb_is_refused_as_output(
    cli, where: Path | str, _demo_file: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.xlsx"
    shutil.copyfile(_demo_file, other)  # another workspace, renamed
    before = fingerprint(where)
    code, _out, err = cli("export", where, "-o", other)
    assert code == 1 and "database" in err
    code, _out, err = cli("export", where, "-o", tmp_path / "new.kpidb")
    assert code == 1 and "workspace file name" in err
    assert not (tmp_path / "new.kpidb").exists()
    assert fingerprint(where) == before


@pytest.mark.parametrize(
    ("command", "name"), [("report", "r.pdf"), ("export", "x.xlsx"), ("deck", "d.pptx")]
)
def test_a_file_beside_a_server_workspace_is_a_fine_output(
    cli, where: Path | str, tmp_path: Path, command: str, name: str
) -> None:
    """A URL is never a file the output could overwrite: the output is written as asked."""
    out = tmp_path / name
    code, _out, err = cli(command, where, "-o", out)
    assert code == 0, err
    assert out.stat().st_size > 1000
    assert [p.name for p in tmp_path.iterdir() if ".partial" in p.name] == []


def test_a_pipe_as_output_is_refused_at_once(cli, where: Path | str, tmp_path: Path) -> None:
    fifo = tmp_path / "chart.png"
    os.mkfifo(fifo)
    started = time.monotonic()
    code, _out, err = cli("export-chart", where, "--kpi", "Monthly revenue", "-o", fifo)
    assert code == 1 and "not a regular file" in err
    assert time.monotonic() - started < 10


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_a_killed_export_are_removed_by_the_next(
    cli, where: Path | str, tmp_path: Path
) -> None:
    out = tmp_path / "values.csv"
    dead = tmp_path / f".values.{_dead_pid()}-0123abcd.partial.csv"
    alive = tmp_path / f".values.{os.getppid()}-89abcdef.partial.csv"  # a running process
    for leftover in (dead, alive):
        leftover.write_text("half a file")
    assert cli("export", where, "-o", out)[0] == 0
    assert not dead.exists()
    assert alive.exists()  # another export may still be writing it
    assert out.read_text(encoding="utf-8-sig").startswith("Date,KPI,Value")
    assert [p.name for p in tmp_path.iterdir() if ".partial" in p.name] == [alive.name]


def test_a_killed_report_leaves_a_partial_the_next_run_removes(
    where: Path | str, tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kpi_desktop.cli", "report", str(where), "-o", str(out)], env=env
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(".partial" in p.name for p in tmp_path.iterdir()):
        if proc.poll() is not None:
            break
        time.sleep(0.005)
    proc.kill()
    proc.wait()
    left = [p for p in tmp_path.iterdir() if ".partial" in p.name]
    if not left:
        pytest.skip("the report finished before it could be killed")
    assert remove_stale_partials(out) == left
    assert not any(".partial" in p.name for p in tmp_path.iterdir())

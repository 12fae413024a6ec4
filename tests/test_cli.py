"""The command-line contract of DESIGN.md, driven in-process with real workspaces."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from team_server import cafe_on

from kpi_desktop.cli import main
from kpi_desktop.services.workspace.workspace import Workspace

STATUS_KEYS = {
    "goal",
    "kpi",
    "unit",
    "direction",
    "baseline",
    "target",
    "target_date",
    "latest_value",
    "latest_date",
    "expected",
    "progress",
    "status",
    "forecast",
    "stale",
}


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str, request: pytest.FixtureRequest
) -> Iterator[Path | str]:
    """`new --demo` on a file; on the server, the demo it makes (tests/team_server.py)."""
    if engine == "team":
        yield from cafe_on(request, tmp_path, engine)
        return
    path = tmp_path / "x.kpidb"
    code, out, _ = run(capsys, "new", path, "--demo")
    assert code == 0 and "Created" in out
    yield path


def test_new_demo_and_status_table(demo: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status", demo)
    assert code == 0, err
    assert "Monthly revenue" in out and "Status as of" in out
    for word in ("On track", "At risk", "Off track", "Achieved"):
        assert word in out
    lines = out.splitlines()
    header = next(ln for ln in lines if ln.startswith("Goal"))
    assert "Progress" in header and "Forecast" in header


def test_status_json_has_the_contract_keys(
    demo: Path | str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "status", demo, "--json", "--as-of", dt.date.today().isoformat())
    assert code == 0
    rows = json.loads(out)
    assert 8 <= len(rows) <= 11
    for row in rows:
        assert set(row) == STATUS_KEYS
        assert row["status"] in {"on_track", "at_risk", "off_track", "achieved", "no_data"}
        assert row["target_date"] is None or dt.date.fromisoformat(row["target_date"])
        for key in ("baseline", "target", "latest_value", "expected", "progress", "forecast"):
            assert row[key] is None or isinstance(row[key], int | float)


def test_status_as_of_an_early_date_has_no_data(
    demo: Path | str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "status", demo, "--json", "--as-of", "2001-01-01")
    assert code == 0
    assert {r["status"] for r in json.loads(out)} == {"no_data"}


def test_add_goal_and_kpi_then_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str, request: pytest.FixtureRequest
) -> None:
    """In a new file, or (`new URL`) in an empty database on the server."""
    ws: Path | str = tmp_path / "mine.kpidb"
    if engine == "team":
        ws = str(request.getfixturevalue("team_database"))
    assert run(capsys, "new", ws)[0] == 0
    assert run(capsys, "add-goal", ws, "Grow revenue")[0] == 0
    assert run(capsys, "add-goal", ws, "Web shop", "--parent", "grow REVENUE")[0] == 0
    code, out, err = run(
        capsys,
        "add-kpi",
        ws,
        "--goal",
        "web shop",
        "--name",
        "Orders",
        "--unit",
        "orders",
        "--baseline",
        "100@2024-01-01",
        "--target",
        "160@2024-12-01",
    )
    assert code == 0, err
    code, out, err = run(
        capsys,
        "add-kpi",
        ws,
        "--goal",
        "Grow revenue",
        "--name",
        "Waste",
        "--unit",
        "%",
        "--direction",
        "range",
        "--low",
        "2",
        "--high",
        "4",
        "--frequency",
        "weekly",
        "--baseline",
        "3@2024-01-01",
        "--target",
        "3@2024-12-01",
        "--tolerance",
        "0.2",
    )
    assert code == 0, err
    with Workspace.open(ws) as w:
        orders = w.kpis.find("orders")
        assert (orders.baseline_value, orders.target_value) == (100.0, 160.0)
        assert orders.target_date == dt.date(2024, 12, 1)
        waste = w.kpis.find("waste")
        assert (waste.direction, waste.range_low, waste.range_high, waste.frequency) == (
            "range",
            2.0,
            4.0,
            "weekly",
        )
        assert waste.tolerance == 0.2
        assert waste.unit_kind == "percent"
        w.measurements.upsert(orders.id, dt.date(2024, 6, 1), 130)
    code, out, _ = run(capsys, "status", ws, "--json", "--as-of", "2024-06-15")
    rows = {r["kpi"]: r for r in json.loads(out)}
    assert rows["Orders"]["latest_value"] == 130
    assert rows["Orders"]["goal"] == "Web shop"
    assert rows["Waste"]["status"] == "no_data"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["add-goal", "{ws}", "Child", "--parent", "Nope"], 'no goal named "Nope"'),
        (
            [
                "add-kpi",
                "{ws}",
                "--goal",
                "Grow revenu",
                "--name",
                "X",
                "--unit",
                "EUR",
                "--baseline",
                "1@2024-01-01",
                "--target",
                "2@2025-01-01",
            ],
            "did you mean",
        ),
        (
            [
                "add-kpi",
                "{ws}",
                "--goal",
                "Grow revenue",
                "--name",
                "X",
                "--unit",
                "EUR",
                "--baseline",
                "1@2024-01-01",
                "--target",
                "2@2023-01-01",
            ],
            "after the baseline date",
        ),
        (
            [
                "add-kpi",
                "{ws}",
                "--goal",
                "Grow revenue",
                "--name",
                "X",
                "--unit",
                "EUR",
                "--direction",
                "range",
                "--low",
                "5",
                "--high",
                "1",
                "--baseline",
                "1@2024-01-01",
                "--target",
                "2@2025-01-01",
            ],
            "above range low",
        ),
        (["status", "{missing}"], "no such workspace file"),
        (["new", "{ws}"], "already exists"),
    ],
)
def test_user_errors_exit_1_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    ws = tmp_path / "w.kpidb"
    run(capsys, "new", ws)
    run(capsys, "add-goal", ws, "Grow revenue")
    argv = [a.format(ws=ws, missing=tmp_path / "missing.kpidb") for a in args]
    code, out, err = run(capsys, *argv)
    assert code == 1
    assert words in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert not (tmp_path / "missing.kpidb").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["add-kpi", "x.kpidb", "--goal", "G"],
        [
            "add-kpi",
            "x.kpidb",
            "--goal",
            "G",
            "--name",
            "N",
            "--unit",
            "u",
            "--baseline",
            "12",
            "--target",
            "2@2025-01-01",
        ],
        ["status", "x.kpidb", "--as-of", "yesterday-ish"],
        ["frobnicate", "x.kpidb"],
        [
            "add-kpi",
            "x.kpidb",
            "--goal",
            "G",
            "--name",
            "N",
            "--unit",
            "u",
            "--tolerance",
            "0",
            "--baseline",
            "1@2024-01-01",
            "--target",
            "2@2025-01-01",
        ],
    ],
)
def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 2


def test_random_bytes_as_a_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.kpidb"
    junk.write_bytes(os.urandom(10_000))
    before = hashlib.sha256(junk.read_bytes()).hexdigest()
    code, _, err = run(capsys, "status", junk)
    assert code == 1
    assert "not a KPI Desktop workspace" in err
    assert hashlib.sha256(junk.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.kpidb"]


def test_version_and_the_installed_entry_point(tmp_path: Path) -> None:
    """The real `kpi-desktop` console script runs the contract end to end."""
    script = Path(sys.executable).with_name("kpi-desktop")
    if not script.exists():
        pytest.skip("the package is not installed as a script in this environment")
    out = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "kpi-desktop" in out.stdout
    ws = tmp_path / "s.kpidb"
    made = subprocess.run(
        [script, "new", ws, "--demo"], capture_output=True, text=True, timeout=120
    )
    assert made.returncode == 0, made.stderr
    status = subprocess.run(
        [script, "status", ws, "--json"], capture_output=True, text=True, timeout=120
    )
    assert status.returncode == 0, status.stderr
    assert {r["kpi"] for r in json.loads(status.stdout)} >= {"Monthly revenue"}

"""add-value, edit-kpi, delete-kpi and add-kpi's --owner --source --formula --leading
(issue 14, item 7): the same checks as the app; bad input is exit 1 (or 2 for bad usage),
one line, nothing written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_run import run
from team_server import cafe_on, fingerprint

from kpi_desktop.services.workspace.backups import list_backups
from kpi_desktop.services.workspace.workspace import Workspace


@pytest.fixture
def cafe(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Path | str]:
    """The demo for the command line, on a file or on the server (tests/team_server.py)."""
    yield from cafe_on(request, tmp_path, engine)


def test_add_value_stores_and_replaces(cafe: Path | str, capsys) -> None:  # type: ignore[no-untyped-def]
    this_month = dt.date.today().replace(day=1)
    code, out, _ = run(
        capsys,
        "add-value",
        cafe,
        "--kpi",
        "monthly revenue",
        "--period",
        this_month,
        "41000",
        "--note",
        "Christmas market",
    )
    assert code == 0 and "Stored 41000" in out
    code, out, _ = run(
        capsys, "add-value", cafe, "--kpi", "Monthly revenue", "--period", this_month, "41500"
    )
    assert code == 0 and "(was 41000)" in out
    with Workspace.open(cafe) as ws:
        kpi = ws.kpis.find("Monthly revenue")
        (row,) = ws.measurements.list(kpi.id, start=this_month)
    assert (row.value, row.note, row.source) == (41500.0, "Christmas market", "manual")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--kpi", "Nothing", "--period", "2026-11-01", "5"], 1, 'no KPI named "Nothing"'),
        (["--kpi", "Monthly revenue", "--period", "2099-01-01", "5"], 1, "has not begun"),
        (["--kpi", "Monthly revenue", "--period", "2026-02-30", "5"], 2, "is not a date"),
        (["--kpi", "Monthly revenue", "--period", "2026-11-01", "lots"], 2, "is not a number"),
        (["--kpi", "Monthly revenue", "--period", "2026-11-01", "1e300"], 2, "too large"),
    ],
)
def test_add_value_refuses_bad_input_and_writes_nothing(
    cafe: Path | str,
    capsys,
    args: list[str],
    code: int,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    before = fingerprint(cafe)
    got, _out, err = run(capsys, "add-value", cafe, *args)
    assert got == code and message in err
    assert len([ln for ln in err.splitlines() if "error:" in ln]) == 1
    assert fingerprint(cafe) == before


def test_add_kpi_takes_owner_source_formula_and_leading(cafe: Path | str, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = run(
        capsys,
        "add-kpi",
        cafe,
        "--goal",
        "Delight our regulars",
        "--name",
        "Catering orders",
        "--unit",
        "orders",
        "--baseline",
        "0@2026-01-01",
        "--target",
        "40@2027-12-31",
        "--owner",
        "Ana",
        "--source",
        "order book",
        "--formula",
        "orders delivered",
        "--leading",
    )
    assert code == 0, err
    with Workspace.open(cafe) as ws:
        kpi = ws.kpis.find("Catering orders")
    assert (kpi.owner, kpi.data_source, kpi.formula, kpi.leading) == (
        "Ana",
        "order book",
        "orders delivered",
        True,
    )


def test_edit_kpi_changes_only_what_is_given(cafe: Path | str, capsys) -> None:  # type: ignore[no-untyped-def]
    with Workspace.open(cafe) as ws:
        before = ws.kpis.find("Gross margin")
    code, out, err = run(
        capsys,
        "edit-kpi",
        cafe,
        "--kpi",
        "gross margin",
        "--target",
        "70@2027-12-31",
        "--owner",
        "Ben",
        "--no-leading",
        "--goal",
        "Run a tight kitchen",
    )
    assert code == 0 and 'Changed KPI "Gross margin"' in out, err
    with Workspace.open(cafe) as ws:
        after = ws.kpis.find("Gross margin")
        goal = ws.goals.find("Run a tight kitchen")
    assert (after.target_value, after.target_date, after.owner) == (
        70.0,
        dt.date(2027, 12, 31),
        "Ben",
    )
    assert after.goal_id == goal.id and not after.leading
    assert (after.unit, after.frequency, after.baseline_value) == (
        before.unit,
        before.frequency,
        before.baseline_value,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "nothing to change"),
        (["--name", "Monthly revenue"], "already has a KPI"),
        (["--target", "10@2027-12-31"], "target"),
        (["--goal", "No such goal"], 'no goal named "No such goal"'),
    ],
)
def test_edit_kpi_refuses_bad_input(
    cafe: Path | str, capsys, args: list[str], message: str
) -> None:  # type: ignore[no-untyped-def]
    before = fingerprint(cafe)
    code, _out, err = run(capsys, "edit-kpi", cafe, "--kpi", "Gross margin", *args)
    assert code == 1 and message in err, err
    assert fingerprint(cafe) == before


@pytest.mark.file_only  # the backup is a copy of the file
def test_delete_kpi_deletes_after_a_backup(cafe: Path | str, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "delete-kpi", cafe, "--kpi", "food waste")
    assert code == 0 and "with its 24 value(s)" in out
    with Workspace.open(cafe) as ws:
        assert "Food waste" not in {k.name for k in ws.kpis.list()}
    newest = list_backups(cafe)[0]
    assert newest.kpi_count == 11  # the backup made just before still has it
    assert run(capsys, "delete-kpi", cafe, "--kpi", "food waste")[0] == 1

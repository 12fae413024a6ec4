"""Reading a file once and planning it for many choices (FileImport), bad cells listed
without an object each (RowProblems), and the values a plan would meet (stored_values)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import numpy as np
import pytest

from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.importing import file_import as importing
from kpi_desktop.services.importing.file_import import (
    FileImport,
    ImportFailed,
    ImportOptions,
    plan_import,
    stored_values,
)
from kpi_desktop.services.importing.problems import ProblemCollector, RowProblem, RowProblems
from kpi_desktop.services.workspace.workspace import Workspace

D = dt.date


def write(path: Path, rows: list[str]) -> Path:
    path.write_text("date,kpi,value\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files read by the importer, in order."""
    seen: list[Path] = []
    read_table = importing.read_table

    def counted(path: Path, sheet: str | None = None) -> importing.ImportTable:
        seen.append(path)
        return read_table(path, sheet)

    monkeypatch.setattr(importing, "read_table", counted)
    return seen


def test_a_file_is_read_once_and_each_plan_is_remembered(
    workspace: Workspace, tmp_path: Path, reads: list[Path]
) -> None:
    csv = write(tmp_path / "f.csv", ["2024-01-31,Sales,1", "2024-02-29,Sales,2"])
    source = FileImport(workspace, csv)
    with pytest.raises(ImportFailed) as unknown:
        source.plan(ImportOptions())
    assert unknown.value.unknown_kpi_rows == 2
    create = source.plan(ImportOptions(create_missing=True))
    assert source.plan(ImportOptions(create_missing=True)) is create
    with pytest.raises(ImportFailed) as again:  # the error is remembered too
        source.plan(ImportOptions())
    assert again.value is unknown.value
    assert source.plan(ImportOptions(create_missing=True, goal="Shop")) is not create
    assert reads == [csv]
    with pytest.raises(ValidationError):  # options are checked as plan_import does
        source.plan(ImportOptions(create_missing=True, goal=" "))

    goal = workspace.goals.add("G")
    workspace.kpis.add(goal.id, "Sales", unit="")  # the workspace's KPIs changed: plan again
    matched = source.plan(ImportOptions())
    assert matched.kpis_matched == ["Sales"] and reads == [csv]

    write(csv, ["2024-01-31,Sales,1"])  # the file changed (size): read it again
    os.utime(csv, ns=(1, 1))
    assert source.plan(ImportOptions()).value_count == 1
    assert reads == [csv, csv]


def test_plans_of_one_table_match_plans_of_the_file(workspace: Workspace, tmp_path: Path) -> None:
    """What one plan found out about the columns (kept in the table) changes no other."""
    csv = write(
        tmp_path / "f.csv",
        ["03/04/2024,A,1", "05/06/2024,A,2,5", "13/06/2024,B,x", "01/07/2024,A,3"],
    )
    source = FileImport(workspace, csv)
    for options in (
        ImportOptions(create_missing=True, date_order="dmy"),
        ImportOptions(create_missing=True, date_order="mdy"),
        ImportOptions(create_missing=True),
        ImportOptions(date_order="dmy"),
    ):
        expected: object
        try:
            expected = [str(p) for p in plan_import(workspace, csv, options).values]
        except ImportFailed as exc:
            expected = [str(p) for p in exc.problems]
        try:
            got: object = [str(p) for p in source.plan(options).values]
        except ImportFailed as exc:
            got = [str(p) for p in exc.problems]
        assert got == expected


def test_row_problems_are_in_sheet_order_and_made_when_looked_at() -> None:
    header = ["date", "kpi", "value"]
    columns = [["d0", "d1", "d2", "d3"], ["k0", "k1", "k2", "k3"], ["v0", "v1", "v2", "v3"]]
    collector = ProblemCollector(header, columns, first_row=2)
    asked: list[str] = []

    def why(cell: str) -> str:
        asked.append(cell)
        return f"bad {cell}"

    collector.add_rows(np.array([1, 3]), 2, why)
    collector.add(3, 0, "no date")
    collector.add(0, 1, "no KPI")
    collector.add_rows(np.array([], dtype=np.int64), 1, why)
    assert len(collector) == 4 and asked == []
    problems = collector.problems()
    assert isinstance(problems, RowProblems) and len(problems) == 4
    assert problems == [
        RowProblem(2, "kpi", "k0", "no KPI"),
        RowProblem(3, "value", "v1", "bad v1"),
        RowProblem(5, "date", "d3", "no date"),
        RowProblem(5, "value", "v3", "bad v3"),
    ]
    assert problems[-1] == RowProblem(5, "value", "v3", "bad v3")
    assert problems[1:3] == [problems[1], problems[2]]
    assert problems != [problems[0]]
    with pytest.raises(IndexError):
        problems[4]
    assert "of 4" in repr(problems)


def test_a_failed_plan_says_how_many_rows_name_unknown_kpis(
    workspace: Workspace, tmp_path: Path
) -> None:
    csv = write(tmp_path / "f.csv", ["2024-01-31,A,1", "2024-02-29,,2", "2024-03-31,B,x"])
    with pytest.raises(ImportFailed) as caught:
        plan_import(workspace, csv, ImportOptions(layout="long"))
    failed = caught.value
    assert [p.reason.split(" (")[0] for p in failed.problems] == [
        "is not a KPI of this workspace",
        "is blank, but the row has a value: which KPI is it for?",
        "is not a KPI of this workspace",
        "is not a number",
    ]
    assert failed.unknown_kpi_rows == 2


def test_stored_values_are_those_the_plan_meets(workspace: Workspace, tmp_path: Path) -> None:
    goal = workspace.goals.add("G")
    sales = workspace.kpis.add(goal.id, "Sales", unit="", frequency="monthly").id
    workspace.measurements.upsert(sales, D(2024, 1, 1), 10, note="n", source="old.csv")
    workspace.measurements.upsert(sales, D(2024, 2, 1), 20)
    workspace.measurements.upsert(sales, D(2024, 5, 1), 50)  # in the plan's span, not in it
    csv = write(
        tmp_path / "f.csv", ["2024-01-31,Sales,1", "2024-03-31,Sales,3", "2024-06-30,New,6"]
    )
    plan = plan_import(workspace, csv, ImportOptions(create_missing=True))
    assert stored_values(workspace, plan) == {(sales, D(2024, 1, 1)): (10.0, "old.csv")}

"""Snapshots (services/planning/snapshots.py): a goal or a KPI deleted with many values comes back
exactly as it was: the same ids, positions, values, notes, sources and milestones; and so
do the undo steps that use them (deleting a KPI or a goal, importing 100,000 values)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from array import array
from pathlib import Path

import pytest

from kpi_desktop.domain.types import Point
from kpi_desktop.services.importing.file_import import ImportOptions, plan_import
from kpi_desktop.services.planning import snapshots
from kpi_desktop.services.tracking.measurements import OnConflict
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.commands import DeleteGoal, DeleteKpi
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.importing.wizard import ImportValues

D = dt.date
TABLES = {
    "goal": "id",
    "kpi": "id",
    "measurement": "kpi_id, period",
    "milestone": "id",
}
DAYS = 20_000  # values of the big KPI
START = D(2020, 1, 1)
KPIS, FILE_DAYS = 100, 1000  # the imported file: 100,000 values


def dump(ws: Workspace) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables a snapshot holds, as SQLite stores them."""
    conn = sqlite3.connect(ws.path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY {keys}").fetchall()
            for table, keys in TABLES.items()
        }
    finally:
        conn.close()


@pytest.fixture
def tree(workspace: Workspace) -> dict[str, int]:
    """First, Middle (> Sub), Last; Middle holds a daily KPI with DAYS values (two sources,
    some notes) and milestones, Sub a monthly KPI; Last a KPI that stays."""
    ws = workspace
    ids = {g: ws.goals.add(g).id for g in ("First", "Middle", "Last")}
    ids["Sub"] = ws.goals.add("Sub", parent_id=ids["Middle"]).id
    daily = ws.kpis.add(ids["Middle"], "Orders", unit="orders", frequency="daily").id
    other = ws.kpis.add(ids["Middle"], "Refunds", unit="EUR", frequency="daily").id
    monthly = ws.kpis.add(ids["Sub"], "Margin", unit="%", frequency="monthly").id
    stays = ws.kpis.add(ids["Last"], "Visits", unit="visits", frequency="daily").id
    start = D(2000, 1, 1)
    days = [start + dt.timedelta(days=i) for i in range(DAYS)]
    ws.measurements.write_many(
        [(daily, d, i * 0.1) for i, d in enumerate(days[::2])], source="a.csv"
    )
    ws.measurements.write_many(
        [(daily, d, -i / 3) for i, d in enumerate(days[1::2])], source="b.csv"
    )
    ws.measurements.write_many([(other, d, 1e300) for d in days[:50]], source="c.csv")
    ws.measurements.write_many([(stays, d, 7.0) for d in days[:10]])
    ws.measurements.upsert(daily, D(2000, 1, 5), 123.456, note="till broke")
    ws.measurements.upsert(monthly, D(2024, 2, 17), 0.25, note="promo")
    ws.kpis.set_milestones(daily, [Point(D(2030, 1, 1), 5.0), Point(D(2031, 1, 1), 6.0)])
    return {**ids, "Orders": daily, "Refunds": other, "Margin": monthly, "Visits": stays}


@pytest.mark.file_only  # reads the SQLite file itself
def test_a_goal_with_many_values_comes_back_exactly(workspace: Workspace, tree) -> None:  # type: ignore[no-untyped-def]
    before = dump(workspace)
    snap = snapshots.capture_goal(workspace, tree["Middle"])
    assert [g["title"] for g in snap.goals] == ["Middle", "Sub"]
    assert len(snap.measurements) == DAYS + 50 + 1 and len(snap.milestones) == 2
    values = snap.measurements.columns[snap.measurements.names.index("value")]
    assert isinstance(values, array)  # 8 bytes a value, not a float object each
    workspace.goals.delete(tree["Middle"])
    after_delete = dump(workspace)
    assert len(after_delete["measurement"]) == 10 and after_delete["milestone"] == []
    assert [g.title for g in workspace.goals.list()] == ["First", "Last"]

    snapshots.restore(workspace, snap)
    assert dump(workspace) == before


@pytest.mark.file_only  # reads the SQLite file itself
def test_a_kpi_with_many_values_comes_back_exactly_in_place(workspace: Workspace, tree) -> None:  # type: ignore[no-untyped-def]
    before = dump(workspace)
    snap = snapshots.capture_kpi(workspace, tree["Orders"])
    assert len(snap.measurements) == DAYS and snap.goals == []
    workspace.kpis.delete(tree["Orders"])
    assert [k.name for k in workspace.kpis.list(goal_id=tree["Middle"])] == ["Refunds"]
    snapshots.restore(workspace, snap)
    assert dump(workspace) == before
    orders = workspace.measurements.rows(tree["Orders"])
    assert orders[4] == (D(2000, 1, 5), 123.456, "till broke", "manual")
    assert orders[2] == (D(2000, 1, 3), 0.1, "", "a.csv")


def test_a_snapshot_of_a_kpi_without_values_restores_nothing_else(workspace: Workspace) -> None:
    goal = workspace.goals.add("G")
    kpi = workspace.kpis.add(goal.id, "Empty", unit="")
    snap = snapshots.capture_kpi(workspace, kpi.id)
    assert len(snap.measurements) == 0 and len(snap.milestones) == 0
    workspace.kpis.delete(kpi.id)
    snapshots.restore(workspace, snap)
    assert [(k.id, k.name) for k in workspace.kpis.list()] == [(kpi.id, "Empty")]


@pytest.mark.file_only  # reads the SQLite file itself
def test_stored_rows_put_back_what_sqlite_holds_even_in_a_damaged_file(
    workspace: Workspace,
) -> None:
    """A value column holding text (a file edited by hand) is kept as it is, not packed."""
    goal = workspace.goals.add("G")
    kpi = workspace.kpis.add(goal.id, "K", unit="")
    workspace.measurements.upsert(kpi.id, D(2024, 1, 1), 5)
    conn = sqlite3.connect(workspace.path)
    with conn:
        conn.execute(
            "INSERT INTO measurement(kpi_id, period, value, note, source) "
            "VALUES (?, '2024-02-01', 'n/a', '', 'hand')",
            (kpi.id,),
        )
    conn.close()
    before = dump(workspace)
    snap = snapshots.capture_kpi(workspace, kpi.id)
    assert list(snap.measurements.columns[snap.measurements.names.index("value")]) == [5.0, "n/a"]
    workspace.kpis.delete(kpi.id)
    snapshots.restore(workspace, snap)
    assert dump(workspace) == before


# -- the undo steps that keep snapshots ---------------------------------------------------------


@pytest.fixture
def doc(qtbot, workspace: Workspace) -> Document:  # type: ignore[no-untyped-def]
    document = Document(workspace)
    yield document
    document.close()


def long_csv(path: Path, names: list[str], days: int) -> Path:
    """date,kpi,value: KPI by KPI, `days` daily values each (value = KPI number + day/8)."""
    dates = [(START + dt.timedelta(days=i)).isoformat() for i in range(days)]
    with path.open("w", encoding="utf-8") as fh:
        fh.write("date,kpi,value\n")
        for k, name in enumerate(names):
            fh.write("".join(f"{d},{name},{k + i / 8}\n" for i, d in enumerate(dates)))
    return path


def test_undo_and_redo_of_a_big_import_restore_the_exact_contents(
    doc: Document, tmp_path: Path
) -> None:
    """100 KPIs x 1,000 days: "Revenue" exists (some of its days stored, with notes and
    another source, are replaced; the rest are added); 99 KPIs are created."""
    ws = doc.workspace
    sales = ws.goals.add("Sales")
    ws.goals.add("Costs")
    revenue = ws.kpis.add(sales.id, "Revenue", unit="EUR", frequency="daily").id
    ws.measurements.write_many(
        [(revenue, START + dt.timedelta(days=i), -1.0) for i in range(0, FILE_DAYS + 50, 5)],
        source="old.csv",
    )
    ws.measurements.upsert(revenue, START, -2.0, note="opening day", source="manual")
    before = dump(ws)
    names = ["Revenue"] + [f"kpi_{k:03d}" for k in range(1, KPIS)]
    csv = long_csv(tmp_path / "big.csv", names, FILE_DAYS)
    plan = plan_import(ws, csv, ImportOptions(create_missing=True))
    command = ImportValues(doc, plan, OnConflict.REPLACE)
    assert doc.push(command) is None
    assert command.result is not None
    assert (command.result.inserted, command.result.replaced) == (KPIS * FILE_DAYS - 200, 200)
    after = dump(ws)
    assert len(after["measurement"]) == KPIS * FILE_DAYS + 10  # 10 stored days after the file's
    assert len(after["kpi"]) == KPIS and [g[1] for g in after["goal"]] == [
        "Sales",
        "Costs",
        "Imported",
    ]
    assert ws.measurements.rows(revenue)[0] == (START, 0.0, "opening day", "big.csv")
    last = ws.kpis.find("kpi_099")
    assert last.position == KPIS - 2 and last.frequency == "daily"
    assert ws.measurements.rows(last.id)[-1] == (
        START + dt.timedelta(days=FILE_DAYS - 1),
        99 + 999 / 8,
        "",
        "big.csv",
    )

    for _ in range(2):
        doc.undo_stack.undo()
        assert dump(ws) == before
        doc.undo_stack.redo()
        assert dump(ws) == after


def test_undo_of_deleting_a_kpi_or_goal_with_many_values_restores_them_all(doc: Document) -> None:
    ws = doc.workspace
    goal = ws.goals.add("G")
    first = ws.kpis.add(goal.id, "First", unit="", frequency="daily").id
    big = ws.kpis.add(goal.id, "Big", unit="", frequency="daily").id
    ws.kpis.add(goal.id, "Last", unit="", frequency="daily")
    days = [START + dt.timedelta(days=i) for i in range(30_000)]
    ws.measurements.write_many([(big, d, i / 7) for i, d in enumerate(days)], source="x.csv")
    ws.measurements.write_many([(first, d, 1.0) for d in days[:3]])
    ws.measurements.upsert(big, days[5], 1.5, note="checked")
    before = dump(ws)

    for command in (DeleteKpi(doc, big, "Big"), DeleteGoal(doc, goal.id, "G")):
        assert doc.push(command) is None
        assert len(dump(ws)["measurement"]) < 10
        doc.undo_stack.undo()
        assert dump(ws) == before

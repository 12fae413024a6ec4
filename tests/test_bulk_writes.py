"""Bulk writes put many rows in each INSERT (services.measurements.insert_many): every row
arrives, in every conflict mode, whatever the number of rows per statement; imports and
write_many keep their checks."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi_desktop.services.errors import ConflictError
from kpi_desktop.services.importing.file_import import ImportOptions, import_file
from kpi_desktop.services.tracking.measurements import OnConflict, insert_many
from kpi_desktop.services.workspace.workspace import Workspace

D = dt.date


@settings(max_examples=40)
@given(n=st.integers(0, 700), per=st.integers(1, 250))
def test_insert_many_writes_every_row_in_order(n: int, per: int) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT, c REAL, d TEXT)")
    rows = [(i, f"b{i}", i / 3) for i in range(n)]
    insert_many(
        db,
        "INSERT INTO t(a, b, c, d) VALUES ",
        "(?, ?, ?, 'x')",
        [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]],
        rows_per_statement=per,
    )
    assert db.execute("SELECT a, b, c FROM t ORDER BY a").fetchall() == rows
    assert db.execute("SELECT count(*) FROM t WHERE d = 'x'").fetchone() == (n,)


def test_insert_many_checks_its_arguments() -> None:
    db = sqlite3.connect(":memory:")
    with pytest.raises(ValueError):
        insert_many(db, "INSERT INTO t VALUES ", "(?, ?)", [[1]])
    with pytest.raises(ValueError):
        insert_many(db, "INSERT INTO t VALUES ", "(?, ?)", [[1, 2], [1]])


def test_insert_many_keeps_constraints_and_conflict_clauses() -> None:
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v REAL NOT NULL)")
    db.executemany("INSERT INTO t VALUES (?, ?)", [(i, 0.0) for i in range(0, 600, 2)])
    head, row = "INSERT INTO t(k, v) VALUES ", "(?, ?)"
    keys = list(range(600))
    upsert = " ON CONFLICT(k) DO UPDATE SET v = excluded.v"
    insert_many(db, head, row, [keys, [1.0] * 600], upsert, rows_per_statement=64)
    assert db.execute("SELECT count(*), sum(v) FROM t").fetchone() == (600, 600.0)
    insert_many(db, head, row, [keys + [600], [2.0] * 601], " ON CONFLICT(k) DO NOTHING")
    assert db.execute("SELECT count(*), sum(v) FROM t").fetchone() == (601, 602.0)
    with pytest.raises(sqlite3.IntegrityError):
        insert_many(db, head, row, [[700, 701, 5], [1.0, 1.0, 1.0]])


def daily(start: dt.date, n: int) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range(n)]


def test_write_many_across_statements_and_conflicts(workspace: Workspace) -> None:
    goal = workspace.goals.add("G")
    a = workspace.kpis.add(goal.id, "A", frequency="daily")
    b = workspace.kpis.add(goal.id, "B", frequency="daily")
    days = daily(D(2020, 1, 1), 450)
    rows = [(k.id, d, float(i)) for k in (a, b) for i, d in enumerate(days)]
    assert workspace.measurements.write_many(rows).inserted == 900
    with pytest.raises(ConflictError):
        workspace.measurements.write_many(rows[:3])
    more = [(a.id, d, -1.0) for d in daily(D(2021, 1, 1), 300)]  # 84 stored, 216 new
    kept = workspace.measurements.write_many(more, on_conflict=OnConflict.KEEP)
    assert (kept.inserted, kept.kept) == (216, 84)
    replaced = workspace.measurements.write_many(more, on_conflict=OnConflict.REPLACE)
    assert (replaced.inserted, replaced.replaced) == (0, 300)
    stored = workspace.measurements.points(a.id)
    assert len(stored) == 666
    assert [p.value for p in stored[:366]] == [float(i) for i in range(366)]
    assert all(p.value == -1.0 for p in stored[366:])
    assert len(workspace.measurements.points(b.id)) == 450


def test_an_import_across_statements_in_every_mode(workspace: Workspace, tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    lines = ["date,kpi,value"] + [f"{d},Sales,{i}" for i, d in enumerate(daily(D(2020, 1, 1), 500))]
    first.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_file(workspace, first, ImportOptions(create_missing=True))
    assert result.inserted == 500 and result.kpis_created == ["Sales"]
    second = tmp_path / "second.csv"
    lines = ["date,kpi,value"] + [f"{d},Sales,-1" for d in daily(D(2021, 3, 1), 450)]
    second.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConflictError):
        import_file(workspace, second)
    kept = import_file(workspace, second, on_conflict=OnConflict.KEEP)  # 75 stored
    assert (kept.inserted, kept.kept) == (375, 75)
    replaced = import_file(workspace, second, on_conflict=OnConflict.REPLACE)
    assert (replaced.inserted, replaced.replaced) == (0, 450)
    kpi = workspace.kpis.find("Sales")
    values = workspace.measurements.list(kpi.id)
    assert len(values) == 875
    assert [m.value for m in values[:425]] == [float(i) for i in range(425)]
    assert {m.value for m in values[425:]} == {-1.0}
    assert {m.source for m in values[425:]} == {"second.csv"}


def test_rows_are_what_list_gives(workspace: Workspace) -> None:
    goal = workspace.goals.add("G")
    kpi = workspace.kpis.add(goal.id, "A", frequency="daily")
    workspace.measurements.write_many(
        [(kpi.id, d, i * 1.5) for i, d in enumerate(daily(D(2020, 1, 1), 30))]
    )
    workspace.measurements.set_note(kpi.id, D(2020, 1, 3), "a note")
    workspace.measurements.upsert(kpi.id, D(2020, 2, 15), 7)
    listed = workspace.measurements.list(kpi.id)
    assert workspace.measurements.rows(kpi.id) == [
        (m.period, m.value, m.note, m.source) for m in listed
    ]
    assert workspace.measurements.rows(kpi.id + 1) == []

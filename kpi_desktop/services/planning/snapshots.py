"""Snapshots of a goal subtree or a KPI with everything under it, and putting them back
with the same ids. Undo of a delete (and redo of an add) restores exactly what was there.

Goals and KPIs (a few rows) are kept as dicts of their fields. Values and milestones (a
KPI may have millions) are kept as :class:`StoredRows`: columns of plain values, read by
one SELECT per table and put back by multi-row INSERTs, with no ORM object per row (a goal
with 1,000,000 values is snapshot in about a second and put back in about as long).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Float, Table, update
from sqlmodel import Session, SQLModel, col, select

from kpi_desktop.services.calculated.recompute import mark_many
from kpi_desktop.services.gc_pause import no_cycle_collection
from kpi_desktop.services.planning.goals import get_goal
from kpi_desktop.services.planning.kpis import get_kpi
from kpi_desktop.services.tracking.measurements import insert_many
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.raw import RawConnection
from kpi_desktop.store.tables import Goal, Kpi

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

#: The KPIs of a goal and of every goal below it (one parameter: the goal's id).
_KPIS_UNDER_GOAL = (
    "SELECT id FROM kpi WHERE goal_id IN ("
    "WITH RECURSIVE tree(id) AS (SELECT CAST(? AS INTEGER) UNION ALL "
    "SELECT goal.id FROM goal JOIN tree ON goal.parent_id = tree.id) "
    "SELECT id FROM tree)"
)
_ONE_KPI = "?"
#: A goal and every goal below it (one parameter: the goal's id).
_GOALS_UNDER_GOAL = (
    "WITH RECURSIVE tree(id) AS (SELECT CAST(? AS INTEGER) UNION ALL "
    "SELECT goal.id FROM goal JOIN tree ON goal.parent_id = tree.id) SELECT id FROM tree"
)
#: Rows of other tables that point at a KPI or goal and lose the link when it is deleted
#: (ON DELETE SET NULL): (table, column, what it points at).
_LINKS = (
    ("action", "kpi_id", "kpi"),
    ("review_entry", "kpi_id", "kpi"),
    ("action", "goal_id", "goal"),
)
_ROWS_PER_FETCH = 100_000
#: The oldest SQLite builds allow 999 parameters per statement.
_MAX_PARAMETERS = 999


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


@dataclass(frozen=True, slots=True)
class StoredRows:
    """Rows of one table as columns (one sequence per column, in ``names`` order), each
    value as SQLite gave it (dates stay ISO text), so that writing them back stores the
    very same values. A repeated value (a KPI id, a period, a source) is kept once and
    shared, and numbers are packed in arrays: a million values take some 40 MB."""

    table: str
    names: tuple[str, ...]
    columns: tuple[Sequence[Any], ...]

    @classmethod
    def none(cls, table: str) -> StoredRows:
        names = tuple(c.name for c in _table(table).columns)
        return cls(table, names, tuple([] for _ in names))

    @classmethod
    def read(cls, raw: RawConnection, table: str, kpis_sql: str, kpi_param: int) -> StoredRows:
        """The rows of `table` whose KPI is one of those `kpis_sql` selects (one SELECT)."""
        columns = _table(table).columns
        names = tuple(c.name for c in columns)
        keys = ", ".join(c.name for c in _table(table).primary_key.columns)
        cursor = raw.execute(
            f"SELECT {', '.join(names)} FROM {table} WHERE kpi_id IN ({kpis_sql}) ORDER BY {keys}",
            (kpi_param,),
        )
        numbers = [isinstance(c.type, Float) for c in columns]
        out: list[list[Any]] = [[] for _ in names]
        shared: list[dict[Any, Any]] = [{} for _ in names]
        with no_cycle_collection():
            while chunk := cursor.fetchmany(_ROWS_PER_FETCH):
                for j, part in enumerate(zip(*chunk, strict=True)):
                    if numbers[j]:
                        out[j].extend(part)
                    else:  # one object for each distinct value, however often it comes
                        out[j].extend(map(shared[j].setdefault, part, part))
        return cls(
            table, names, tuple(_packed(c) if n else c for c, n in zip(out, numbers, strict=True))
        )

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def write(self, raw: RawConnection) -> None:
        """Insert the rows again, many rows per statement."""
        if not len(self):
            return
        width = len(self.names)
        insert_many(
            raw,
            f"INSERT INTO {self.table}({', '.join(self.names)}) VALUES ",
            "(" + ", ".join("?" * width) + ")",
            [list(c) for c in self.columns],  # arrays as lists, as insert_many wants
            rows_per_statement=_MAX_PARAMETERS // width,
        )


def _packed(numbers: list[Any]) -> Sequence[Any]:
    """Numbers as an array of doubles (8 bytes each; a REAL column holds doubles, so these
    are the very values); a column holding anything else (NULL, or text in a damaged
    file) stays a list."""
    try:
        return array("d", numbers)
    except TypeError:
        return numbers


@dataclass(frozen=True)
class Snapshot:
    """Goals and KPIs as dicts of their fields, parents before children (insertion order);
    their values and milestones as columns."""

    goals: list[dict[str, Any]] = field(default_factory=list)
    kpis: list[dict[str, Any]] = field(default_factory=list)
    measurements: StoredRows = field(default_factory=lambda: StoredRows.none("measurement"))
    milestones: StoredRows = field(default_factory=lambda: StoredRows.none("milestone"))
    revisions: StoredRows = field(default_factory=lambda: StoredRows.none("plan_revision"))
    revision_milestones: StoredRows = field(
        default_factory=lambda: StoredRows.none("plan_revision_milestone")
    )
    annotations: StoredRows = field(default_factory=lambda: StoredRows.none("annotation"))
    # (table, column, row id, target id): the links of actions and review entries
    links: list[tuple[str, str, int, int]] = field(default_factory=list)
    # the strategy map's "drives" links from or to a goal of the snapshot (deleted with it)
    goal_links: list[tuple[Any, ...]] = field(default_factory=list)


def _dump(rows: Sequence[SQLModel]) -> list[dict[str, Any]]:
    return [row.model_dump() for row in rows]


def _snapshot(
    s: Session, goals: list[Goal], kpi_ids: list[int], kpis_sql: str, param: int
) -> Snapshot:
    kpis = list(s.exec(select(Kpi).where(col(Kpi.id).in_(kpi_ids)))) if kpi_ids else []
    raw = sqlite_connection(s)
    return Snapshot(
        _dump(goals),
        _dump(kpis),
        StoredRows.read(raw, "measurement", kpis_sql, param),
        StoredRows.read(raw, "milestone", kpis_sql, param),
        StoredRows.read(raw, "plan_revision", kpis_sql, param),
        StoredRows.read(raw, "plan_revision_milestone", kpis_sql, param),
        StoredRows.read(raw, "annotation", kpis_sql, param),
        _links(raw, kpis_sql, _GOALS_UNDER_GOAL if goals else None, param),
        raw.execute(
            f"SELECT {_GOAL_LINK_COLUMNS} FROM goal_link WHERE driver_goal_id IN "
            f"({_GOALS_UNDER_GOAL}) OR driven_goal_id IN ({_GOALS_UNDER_GOAL})",
            (param, param),
        ).fetchall()
        if goals
        else [],
    )


_GOAL_LINK_COLUMNS = "id, driver_goal_id, driven_goal_id, created_at, version"


def _links(
    raw: RawConnection, kpis_sql: str, goals_sql: str | None, param: int
) -> list[tuple[str, str, int, int]]:
    """The actions and review entries that point into the snapshot (a deletion unlinks
    them; putting the snapshot back links them again)."""
    found = []
    for table, column, kind in _LINKS:
        inner = kpis_sql if kind == "kpi" else goals_sql
        if inner is None:
            continue
        rows = raw.execute(
            f"SELECT id, {column} FROM {table} WHERE {column} IN ({inner})", (param,)
        ).fetchall()
        found += [(table, column, int(row_id), int(target)) for row_id, target in rows]
    return found


def capture_goal(ws: Workspace, goal_id: int) -> Snapshot:
    with ws.reading() as s:
        order = [get_goal(s, goal_id)]
        i = 0
        while i < len(order):
            order += list(s.exec(select(Goal).where(Goal.parent_id == order[i].id)))
            i += 1
        in_tree = col(Kpi.goal_id).in_([g.id for g in order])
        kpi_ids = [k for k in s.exec(select(Kpi.id).where(in_tree)) if k is not None]
        return _snapshot(s, order, kpi_ids, _KPIS_UNDER_GOAL, goal_id)


def capture_kpi(ws: Workspace, kpi_id: int) -> Snapshot:
    with ws.reading() as s:
        get_kpi(s, kpi_id)
        return _snapshot(s, [], [kpi_id], _ONE_KPI, kpi_id)


def restore(ws: Workspace, snap: Snapshot) -> None:
    """Insert the snapshot's rows back, with their ids, in one transaction."""
    with ws.writing() as s:
        if snap.goals:  # the subtree's top goal takes its old place among its siblings
            top = snap.goals[0]
            s.execute(
                update(Goal)
                .where(Goal.parent_id == top["parent_id"], col(Goal.position) >= top["position"])
                .values(position=Goal.position + 1)
            )
        elif snap.kpis:
            kpi = snap.kpis[0]
            s.execute(
                update(Kpi)
                .where(Kpi.goal_id == kpi["goal_id"], col(Kpi.position) >= kpi["position"])
                .values(position=Kpi.position + 1)
            )
        for table, rows in ((Goal, snap.goals), (Kpi, snap.kpis)):
            for row in rows:
                s.add(table.model_validate(row))
            s.flush()
        raw = sqlite_connection(s)
        snap.measurements.write(raw)
        snap.milestones.write(raw)
        snap.revisions.write(raw)  # before their milestones (a foreign key)
        snap.revision_milestones.write(raw)
        snap.annotations.write(raw)
        raw.executemany(  # a link whose other goal was deleted meanwhile stays gone
            f"INSERT OR IGNORE INTO goal_link({_GOAL_LINK_COLUMNS}) SELECT ?, ?, ?, ?, ? "
            "WHERE EXISTS (SELECT 1 FROM goal WHERE id = ?) "
            "AND EXISTS (SELECT 1 FROM goal WHERE id = ?)",
            [(*row, row[1], row[2]) for row in snap.goal_links],
        )
        mark_many(s, [row["id"] for row in snap.kpis])  # calculated KPIs follow at commit
        for link_table, column, row_id, target in snap.links:  # only rows still unlinked
            raw.execute(
                f"UPDATE {link_table} SET {column} = ? WHERE id = ? AND {column} IS NULL",
                (target, row_id),
            )

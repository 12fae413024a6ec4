"""`kpi-desktop copy SOURCE DEST`: a whole workspace from a file to a server or back.

Every table of the schema is copied row for row with its ids (goals, KPIs, values,
milestones, revisions, reviews, actions, notes, the change log, the settings), in the
order of its foreign keys, so any table a later migration adds is copied too. The copy
is one transaction on a server and a new file put in place at the end, so a destination
is either the whole copy or as it was. A destination that holds a workspace with data is
refused unless `replace`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, func, insert, select, text
from sqlmodel import SQLModel

from kpi_desktop.services.errors import KpiDesktopError, NotAWorkspace, WorkspaceExists
from kpi_desktop.store import tables as _tables  # noqa: F401  (registers every table)
from kpi_desktop.store.location import WorkspaceLocation

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

_BATCH = 20_000
#: Tables the destination's own schema fills (its schema version).
_NOT_COPIED = {"alembic_version"}


@dataclass(frozen=True)
class CopySummary:
    rows: dict[str, int]  # table -> rows copied

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def copy_tables() -> list[Table]:
    """The tables a copy carries, parents before children."""
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in _NOT_COPIED]


def copy(
    source: str | Path | WorkspaceLocation,
    dest: str | Path | WorkspaceLocation,
    *,
    replace: bool = False,
) -> CopySummary:
    """Copy the workspace at `source` to `dest` (a file or a server database)."""
    from kpi_desktop.services.workspace.workspace import Workspace

    src_loc, dst_loc = WorkspaceLocation.parse(source), WorkspaceLocation.parse(dest)
    if src_loc.display == dst_loc.display:
        raise KpiDesktopError(f"{src_loc}: the source and the destination are the same")
    with Workspace.open(src_loc) as src:
        if dst_loc.is_server:
            return _to_server(src, dst_loc, replace)
        assert dst_loc.path is not None
        return _to_file(src, dst_loc.path, replace)


def copy_workspace(src: Workspace, dest: Path) -> CopySummary:
    """Save a copy of an open workspace as a new file (File > Save a Copy of a server)."""
    return _to_file(src, dest, replace=False)


def _to_file(src: Workspace, dest: Path, replace: bool) -> CopySummary:
    from kpi_desktop.services.workspace.workspace import Workspace

    if dest.exists() and not replace:
        raise WorkspaceExists(dest)
    partial = dest.with_name(f".{dest.name}.copying")
    partial.unlink(missing_ok=True)
    try:
        out = Workspace.create(partial, name=src.info().get("name"))
        with out, src.reading() as rs, out.writing() as ws:
            summary = _copy_rows(rs.connection(), ws.connection())
        for suffix in ("-wal", "-shm"):
            dest.with_name(dest.name + suffix).unlink(missing_ok=True)
        os.replace(partial, dest)
    finally:
        partial.unlink(missing_ok=True)
    return summary


def _to_server(src: Workspace, dest: WorkspaceLocation, replace: bool) -> CopySummary:
    from kpi_desktop.services.team import server
    from kpi_desktop.services.workspace.workspace import Workspace

    try:
        out = Workspace.open(dest)
    except (server.ServerNotFound, NotAWorkspace) as exc:
        if isinstance(exc, NotAWorkspace) and "other tables" in str(exc):
            raise
        out = Workspace.create(dest, name=src.info().get("name"))
    with out, src.reading() as rs, out.writing() as ws:
        conn = ws.connection()
        held = _rows_held(conn)
        if held and not replace:
            raise KpiDesktopError(
                f"{dest}: the destination already holds a workspace ({held} rows); "
                "nothing was copied. Add --replace to overwrite it"
            )
        summary = _copy_rows(rs.connection(), conn)
    return summary


def _rows_held(conn: Connection) -> int:
    """Rows of the destination beyond what a new workspace has (its settings)."""
    held = 0
    for table in copy_tables():
        if table.name != "workspace_info":
            held += int(conn.execute(select(func.count()).select_from(table)).scalar_one())
    return held


def _copy_rows(src: Connection, dst: Connection) -> CopySummary:
    """Empty the destination's tables, then fill them from the source's, in one go."""
    tables = copy_tables()
    postgres = dst.dialect.name == "postgresql"
    for table in reversed(tables):
        dst.execute(table.delete())
    counts: dict[str, int] = {}
    for table in tables:
        n = 0
        for batch in _batches(src, table):
            if postgres:
                _copy_in(dst, table, batch)
            else:
                dst.execute(insert(table), [dict(row._mapping) for row in batch])
            n += len(batch)
        counts[table.name] = n
    if postgres:
        _reset_sequences(dst, tables)
    return CopySummary(counts)


def _batches(src: Connection, table: Table) -> Iterator[list[Any]]:
    order = list(table.primary_key.columns) or list(table.columns)
    result = src.execution_options(yield_per=_BATCH).execute(select(table).order_by(*order))
    for part in result.partitions():
        yield list(part)


def _copy_in(dst: Connection, table: Table, rows: list[Any]) -> None:
    """COPY rows into a server table (psycopg turns each Python value into its type)."""
    raw = dst.connection.driver_connection
    names = [c.name for c in table.columns]
    quote = dst.dialect.identifier_preparer.quote
    cols = ", ".join(quote(n) for n in names)
    with raw.cursor().copy(f"COPY {quote(table.name)} ({cols}) FROM STDIN") as cp:  # type: ignore[union-attr]
        for row in rows:
            cp.write_row(tuple(row))


def _reset_sequences(dst: Connection, tables: list[Table]) -> None:
    """Point each id sequence past the ids copied, so new rows get new ids."""
    for table in tables:
        for column in table.primary_key.columns:
            if not column.autoincrement or len(table.primary_key.columns) != 1:
                continue
            seq = dst.execute(
                text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name}
            ).scalar()
            if seq:
                dst.execute(
                    text(
                        f"SELECT setval(:s, coalesce((SELECT max({column.name}) FROM "
                        f"{dst.dialect.identifier_preparer.quote(table.name)}), 0) + 1, false)"
                    ),
                    {"s": seq},
                )

"""Which tables and columns a full export holds, read from the SQLModel metadata.

Every table of the workspace travels, in foreign-key order (a table after those it points
to), with every column a user sees: all but the row version (``version``, for edits made
meanwhile elsewhere), which a rebuilt workspace starts afresh. A table's integer ``id`` is
written as it is and renumbered on rebuild; every column that points to another table's id
is renumbered with it: the foreign keys, and the loose references of the change log
(a column named ``<table>_id`` without a foreign key, e.g. ``change_log.kpi_id``, kept when
the KPI it names is deleted: an id that no longer exists becomes empty).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlmodel import SQLModel

from kpi_desktop.store import tables as _tables  # noqa: F401 - fills SQLModel.metadata

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

#: Columns that never travel: the row version starts at 1 in a rebuilt workspace.
INTERNAL_COLUMNS = frozenset({"version"})
#: The values: their own sheets (see data_export), by KPI name; the table's sheet holds
#: only the values of KPIs whose name is not unique (a name cannot tell them apart).
MEASUREMENT_TABLE = "measurement"


@dataclass(frozen=True)
class TableSpec:
    """One table as it travels: its columns (in order), its own id and its references."""

    name: str
    table: sa.Table
    columns: tuple[str, ...]
    kinds: dict[str, str]  # column -> bool, int, float, date, datetime or text
    nullable: frozenset[str]
    id_column: str | None  # the integer key renumbered on rebuild (None: none)
    references: dict[str, str] = field(default_factory=dict)  # column -> table it points to
    loose: frozenset[str] = frozenset()  # references without a foreign key

    @property
    def self_reference(self) -> str | None:
        """The column that points to this same table (a goal's parent), if any."""
        return next((c for c, t in self.references.items() if t == self.name), None)


def _kind(column: sa.Column[Any]) -> str:
    kind = column.type
    if isinstance(kind, sa.TypeDecorator):  # e.g. SQLModel's UTC times: by what it stores
        kind = kind.impl_instance
    if isinstance(kind, sa.Boolean):
        return "bool"
    if isinstance(kind, sa.Integer):
        return "int"
    if isinstance(kind, sa.Float | sa.Numeric):
        return "float"
    if isinstance(kind, sa.DateTime):
        return "datetime"
    if isinstance(kind, sa.Date):
        return "date"
    return "text"


@functools.cache
def exchange_tables() -> tuple[TableSpec, ...]:
    """Every table of the workspace, in foreign-key order."""
    tables = SQLModel.metadata.sorted_tables
    with_ids = {t.name for t in tables if _integer_id(t) is not None}
    specs = []
    for table in tables:
        columns = [c for c in table.columns if c.name not in INTERNAL_COLUMNS]
        references = {}
        loose = set()
        for column in columns:
            targets = [fk.column.table.name for fk in column.foreign_keys]
            if targets:
                references[column.name] = targets[0]
            elif column.name.endswith("_id") and column.name[:-3] in with_ids:
                references[column.name] = column.name[:-3]
                loose.add(column.name)
        specs.append(
            TableSpec(
                name=table.name,
                table=table,
                columns=tuple(c.name for c in columns),
                kinds={c.name: _kind(c) for c in columns},
                nullable=frozenset(c.name for c in columns if c.nullable),
                id_column=_integer_id(table),
                references=references,
                loose=frozenset(loose),
            )
        )
    return tuple(_after_their_targets(specs))


def _after_their_targets(specs: list[TableSpec]) -> list[TableSpec]:
    """The tables ordered so that each comes after every table it references (loose
    references too), keeping the metadata's order otherwise."""
    placed: list[TableSpec] = []
    waiting = list(specs)
    while waiting:
        names = {p.name for p in placed}
        ready = next(
            (s for s in waiting if all(t in names or t == s.name for t in s.references.values())),
            waiting[0],  # a cycle (none today): keep the metadata's order
        )
        placed.append(ready)
        waiting.remove(ready)
    return placed


def spec_of(name: str) -> TableSpec:
    return next(s for s in exchange_tables() if s.name == name)


def _integer_id(table: sa.Table) -> str | None:
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and isinstance(keys[0].type, sa.Integer) and not keys[0].foreign_keys:
        return keys[0].name
    return None


def table_rows(ws: Workspace, spec: TableSpec, where: Any = None) -> Iterator[tuple[Any, ...]]:
    """The rows of one table, its columns in ``spec.columns`` order, by primary key."""
    table = spec.table
    query = sa.select(*(table.c[c] for c in spec.columns)).order_by(*table.primary_key.columns)
    if where is not None:
        query = query.where(where)
    with ws.reading() as s:
        yield from s.connection().execute(query)


def canonical_dump(ws: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    """Every table with every column a user sees, ids replaced by their rank in the table
    (and references by the rank of the row they point to): two workspaces with the same
    content give the same dump whatever ids their rows got. What a round trip keeps."""
    ranks: dict[str, dict[int, int]] = {}
    for spec in exchange_tables():
        if spec.id_column is not None:
            with ws.reading() as s:
                ids = s.connection().execute(
                    sa.select(spec.table.c[spec.id_column]).order_by(spec.table.c[spec.id_column])
                )
                ranks[spec.name] = {row[0]: n for n, row in enumerate(ids)}
    dump = {}
    for spec in exchange_tables():
        rows = []
        for row in table_rows(ws, spec):
            values = dict(zip(spec.columns, row, strict=True))
            if spec.id_column is not None:
                values[spec.id_column] = ranks[spec.name][values[spec.id_column]]
            for column, target in spec.references.items():
                if values[column] is not None:
                    values[column] = ranks[target].get(values[column])
            rows.append(tuple(_plain(values[c]) for c in spec.columns))
        dump[spec.name] = sorted(rows, key=repr)
    return dump


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value

"""Rebuilding a new workspace from a full export (``kpi-desktop new WS --from FILE.xlsx``,
File > New from export...): every table sheet (see tables.py) in foreign-key order, ids
renumbered, the values from the Measurements sheets by KPI name.

All or nothing: the workspace is built under a temporary name beside the target, in one
transaction, and moved into place when complete. A cell that does not fit its column, a
reference to a row that is not in the workbook, or a row that breaks a rule of the schema
is a user error naming the sheet, row and column; nothing is left behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from kpi_desktop.services.errors import KpiDesktopError, WorkspaceError, WorkspaceExists
from kpi_desktop.services.exchange.tables import MEASUREMENT_TABLE, TableSpec, exchange_tables
from kpi_desktop.services.naming import normalise

#: The first sheet of values and the way its continuations are named (see data_export).
MEASUREMENT_SHEET = "Measurements"
#: Excel's day 0 (dates are days since 1899-12-30 in its 1900 date system).
_EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()
#: Rows of a table without ids written per statement (the values are streamed).
_CHUNK = 20_000


class RebuildError(KpiDesktopError):
    """The workbook cannot be rebuilt into a workspace; says which sheet, row and column."""


@dataclass(frozen=True)
class RebuildResult:
    path: Path
    rows: dict[str, int]  # table -> rows written

    def summary(self) -> str:
        shown = (
            ("goal", "goal", "goals"),
            ("kpi", "KPI", "KPIs"),
            ("measurement", "value", "values"),
            ("milestone", "milestone", "milestones"),
            ("review", "review", "reviews"),
            ("action", "action", "actions"),
        )
        return ", ".join(
            f"{self.rows.get(t, 0):,} {one if self.rows.get(t, 0) == 1 else many}"
            for t, one, many in shown
        )


def rebuild_workspace(source: Path | str, target: Path | str) -> RebuildResult:
    """Make the workspace ``target`` (which must not exist) from the full export ``source``."""
    from kpi_desktop.services.workspace.workspace import Workspace

    source, target = Path(source), Path(target)
    if not source.is_file():
        raise RebuildError(f"{source}: no such file")
    if target.exists():
        raise WorkspaceExists(target)
    if not target.parent.is_dir():
        raise WorkspaceError(target, f"the folder {target.parent} does not exist")
    book = _Workbook(source)
    partial = target.with_name(f".{target.name}.rebuilding")
    _remove(partial)
    try:
        with book:
            ws = Workspace.create(partial, name=target.stem)
            try:
                with ws.writing() as s:
                    rows = _write_tables(s.connection(), book)
            finally:
                ws.close()
        if target.exists():  # made by someone else meanwhile: keep theirs
            raise WorkspaceExists(target)
        try:
            os.replace(partial, target)
        except OSError as exc:
            raise WorkspaceError(
                target, f"the workspace could not be written ({exc.strerror or exc})"
            ) from exc
    finally:
        _remove(partial)
    return RebuildResult(target, rows)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink(missing_ok=True)


class _Workbook:
    """The export's sheets, read row by row (see sheet_reader)."""

    def __init__(self, path: Path) -> None:
        from kpi_desktop.services.exchange.sheet_reader import SheetError, XlsxSheets

        self.path = path
        try:
            self.book = XlsxSheets(path)
        except SheetError as exc:
            raise RebuildError(f"{path}: {exc}") from exc
        self.titles = self.book.titles
        missing = [t for t in ("goal", "kpi") if t not in self.titles]
        if missing:
            raise RebuildError(
                f"{path.name} is not a full export of a workspace (it has no sheet "
                f'"{missing[0]}"); import its values into a workspace with '
                "`kpi-desktop import` instead"
            )

    def __enter__(self) -> _Workbook:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.book.close()

    def rows(self, title: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """(row number, {header: value}) of each row of a sheet with a value in it."""
        if title not in self.titles:
            return
        lines = self.book.rows(title)
        header = [str(h).strip() if h is not None else "" for h in next(lines, [])]
        for number, line in enumerate(lines, start=2):
            if any(v is not None and v != "" for v in line):
                yield number, dict(zip(header, line, strict=False))

    def value_sheets(self) -> list[str]:
        return [t for t in self.titles if t == MEASUREMENT_SHEET or _continues_values(t)]


def _continues_values(title: str) -> bool:
    return title.startswith(f"{MEASUREMENT_SHEET} (") and title.endswith(")")


# -- writing ---------------------------------------------------------------------------------


def _write_tables(conn: sa.Connection, book: _Workbook) -> dict[str, int]:
    new_ids: dict[str, dict[int, int]] = {}
    names: dict[str, int | None] = {}  # KPI name (compared as names are) -> old id
    written: dict[str, int] = {}
    for spec in exchange_tables():
        rows: Iterator[tuple[int, dict[str, Any]]] = (
            _parsed(spec, number, cells) for number, cells in book.rows(spec.name)
        )
        if spec.name == MEASUREMENT_TABLE:  # streamed: there may be millions
            rows = itertools.chain(rows, _values_by_name(book, names))
        try:
            if spec.id_column is None:
                written[spec.name] = _insert_all(
                    conn, spec, rows, new_ids, replace=spec.name != MEASUREMENT_TABLE
                )
                continue
            listed = [(n, _renumbered(spec, n, row, new_ids)) for n, row in rows]
            if spec.name == "kpi":
                for _n, row in listed:
                    key = normalise(str(row.get("name") or ""))
                    names[key] = row.get("id") if key not in names else None  # None: shared
            new_ids[spec.name] = _insert_with_ids(conn, spec, listed)
            written[spec.name] = len(listed)
        except IntegrityError as exc:
            reason = str(getattr(exc, "orig", exc))
            raise RebuildError(
                f'{book.path.name}, sheet "{spec.name}": a row breaks a rule of the '
                f"workspace ({reason}); nothing was made"
            ) from exc
    return written


def _insert_all(
    conn: sa.Connection,
    spec: TableSpec,
    rows: Iterator[tuple[int, dict[str, Any]]],
    new_ids: dict[str, dict[int, int]],
    *,
    replace: bool,
) -> int:
    """Insert the rows of a table without ids of its own, a chunk at a time; with
    ``replace`` its rows in the new workspace (the facts it starts with, such as its name)
    give way to the exported ones. Returns how many were written."""
    count = 0
    while chunk := list(itertools.islice(rows, _CHUNK)):
        if replace and count == 0:
            conn.execute(sa.delete(spec.table))
        plain = [_renumbered(spec, n, row, new_ids) for n, row in chunk]
        for columns, group in _by_columns(plain):
            conn.execute(sa.insert(spec.table), [{c: r[c] for c in columns} for r in group])
        count += len(chunk)
    return count


def _parsed(spec: TableSpec, number: int, cells: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    row = {}
    for column in spec.columns:
        if column not in cells:
            continue  # an export of an older schema: the column's default stands
        row[column] = _convert(spec, number, column, cells[column])
    return number, row


_KIND_WORDS = {
    "bool": "TRUE or FALSE",
    "int": "a whole number",
    "float": "a number",
    "date": "a date",
    "datetime": "a date and time",
}


def _convert(spec: TableSpec, number: int, column: str, value: Any) -> Any:
    kind = spec.kinds[column]
    if value is None or value == "":
        if kind == "text" and column not in spec.nullable:
            return ""
        return None
    try:
        return _CONVERT[kind](value)
    except (TypeError, ValueError, OverflowError):
        raise RebuildError(
            f'sheet "{spec.name}", row {number}, column {column}: {value!r} is not '
            f"{_KIND_WORDS.get(kind, 'text')}"
        ) from None


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool | int | float):
        return bool(value)
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise ValueError(value)


def _to_int(value: Any) -> int:
    number = float(value)
    if not number.is_integer():
        raise ValueError(value)
    return int(number)


def _to_float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(value)
    return float(value)


def _to_date(value: Any) -> dt.date:
    if isinstance(value, float | int) and not isinstance(value, bool):  # an Excel date
        return dt.date.fromordinal(int(value) + _EXCEL_EPOCH)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])


def _to_datetime(value: Any) -> dt.datetime:
    """A time as the export writes it (UTC, ISO text) or as a spreadsheet keeps it."""
    if isinstance(value, float | int) and not isinstance(value, bool):  # an Excel time
        when = dt.datetime.combine(_to_date(value), dt.time()) + dt.timedelta(days=float(value) % 1)
    elif isinstance(value, dt.datetime):
        when = value
    elif isinstance(value, dt.date):
        when = dt.datetime.combine(value, dt.time())
    else:
        when = dt.datetime.fromisoformat(str(value).strip())
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def _to_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number typed into a text column
    return str(value)


_CONVERT: dict[str, Callable[[Any], Any]] = {
    "bool": _to_bool,
    "int": _to_int,
    "float": _to_float,
    "date": _to_date,
    "datetime": _to_datetime,
    "text": _to_text,
}


def _values_by_name(
    book: _Workbook, names: dict[str, int | None]
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The Measurements sheets' values as rows of the measurement table (old KPI ids); a
    KPI whose name is shared has its values in the measurement sheet instead."""
    for title in book.value_sheets():
        for number, cells in book.rows(title):
            name = cells.get("KPI")
            key = normalise(str(name or ""))
            if key not in names:
                raise RebuildError(
                    f'sheet "{title}", row {number}: the KPI "{name}" is not in the sheet "kpi"'
                )
            kpi_id = names[key]
            if kpi_id is None:
                continue
            where = f'sheet "{title}", row {number}'
            try:
                period = _to_date(cells.get("Date"))
                value = _to_float(cells.get("Value"))
            except (TypeError, ValueError):
                raise RebuildError(f"{where}: the date or the value is not readable") from None
            note, source = cells.get("Note"), cells.get("Source")
            yield (
                number,
                {
                    "kpi_id": kpi_id,
                    "period": period,
                    "value": value,
                    "note": "" if note is None else _to_text(note),
                    "source": "" if source is None else _to_text(source),
                },
            )


def _renumbered(
    spec: TableSpec, number: int, row: dict[str, Any], new_ids: dict[str, dict[int, int]]
) -> dict[str, Any]:
    """The row with its references to other tables' rows given their new ids."""
    for column, target in spec.references.items():
        old = row.get(column)
        if old is None or target == spec.name:
            continue  # a goal's parent: given when the parent is written (see below)
        new = new_ids.get(target, {}).get(old)
        if new is None and column not in spec.loose:
            raise RebuildError(
                f'sheet "{spec.name}", row {number}, column {column}: there is no row '
                f'{old} in the sheet "{target}"'
            )
        row[column] = new
    return row


def _insert_with_ids(
    conn: sa.Connection, spec: TableSpec, rows: list[tuple[int, dict[str, Any]]]
) -> dict[int, int]:
    """Insert rows that get new ids, in the order of their old ids (so the new ids keep
    that order); old id -> new id. A row pointing to a row of the same table (a goal's
    parent) gets that pointer once every row of the table is in."""
    assert spec.id_column is not None
    key, parent = spec.id_column, spec.self_reference
    olds: list[int] = []
    parents: list[tuple[int, int, int]] = []  # (row number, old id, old parent id)
    values = []
    for number, row in rows:
        old = row.pop(key, None)
        if old is None:
            raise RebuildError(f'sheet "{spec.name}", row {number}: the {key} is empty')
        olds.append(old)
        if parent is not None and row.get(parent) is not None:
            parents.append((number, old, row[parent]))
            row[parent] = None
        values.append(row)
    mapping = dict(zip(olds, _insert_returning(conn, spec, values), strict=True))
    if len(mapping) < len(olds):
        raise RebuildError(f'sheet "{spec.name}": an {key} is there twice')
    if parents:
        assert parent is not None
        updates = []
        for number, old, old_parent in parents:
            if old_parent not in mapping:
                raise RebuildError(
                    f'sheet "{spec.name}", row {number}, column {parent}: there is no row '
                    f"{old_parent} in this sheet"
                )
            updates.append({"row_id": mapping[old], "parent_id": mapping[old_parent]})
        table = spec.table
        conn.execute(
            sa.update(table)
            .where(table.c[key] == sa.bindparam("row_id"))
            .values({parent: sa.bindparam("parent_id")}),
            updates,
        )
    return mapping


def _insert_returning(
    conn: sa.Connection, spec: TableSpec, rows: list[dict[str, Any]]
) -> list[int]:
    """Insert rows (runs with the same columns in one statement each, defaults for the
    columns a row lacks) and return their new ids in the rows' order.

    The workspace is new and this one transaction its only writer, so the rows get
    increasing ids in the order they are inserted (SQLite takes the largest id plus one, a
    PostgreSQL sequence counts up): the ids above the largest before are theirs, in order.
    One executemany and one SELECT cost far less than an INSERT ... RETURNING per row."""
    assert spec.id_column is not None
    table = spec.table
    key = table.c[spec.id_column]
    before = conn.execute(sa.select(sa.func.max(key))).scalar() or 0
    for columns, group in _by_columns(rows):
        conn.execute(sa.insert(table), [{c: r[c] for c in columns} for r in group])
    ids = list(conn.execute(sa.select(key).where(key > before).order_by(key)).scalars())
    if len(ids) != len(rows):  # someone else wrote meanwhile: cannot tell which is which
        raise RebuildError(f'the rows of the sheet "{spec.name}" could not be numbered')
    return ids


def _by_columns(rows: list[dict[str, Any]]) -> Iterator[tuple[tuple[str, ...], list[Any]]]:
    """Runs of consecutive rows with the same columns (one statement each), in order."""
    run: list[Any] = []
    columns: tuple[str, ...] = ()
    for row in rows:
        these = tuple(row)
        if run and these != columns:
            yield columns, run
            run = []
        columns = these
        run.append(row)
    if run:
        yield columns, run

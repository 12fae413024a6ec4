"""Writing an import plan: its new KPIs and all its values in one transaction, set-based
(one INSERT ... RETURNING for the KPIs, multi-row INSERTs for the values)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import insert
from sqlmodel import Session, col, select

from kpi_desktop.domain.periods import period_label
from kpi_desktop.services.calculated.recompute import mark as mark_values
from kpi_desktop.services.errors import (
    AmbiguousName,
    ConflictError,
    KpiDesktopError,
    NotFound,
    WorkspaceError,
)
from kpi_desktop.services.importing.periods import SHIFT
from kpi_desktop.services.importing.plan import ImportPlan, ImportResult
from kpi_desktop.services.naming import normalise
from kpi_desktop.services.planning.kpis import KPI_FIELDS, clean_kpi_fields
from kpi_desktop.services.planning.workspace_settings import read_fiscal_year
from kpi_desktop.services.team import bulk
from kpi_desktop.services.tracking.measurements import OnConflict, insert_many
from kpi_desktop.services.workspace import change_log
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.raw import PostgresRaw
from kpi_desktop.store.tables import Goal, Kpi

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace


def apply_import(
    ws: Workspace, plan: ImportPlan, on_conflict: OnConflict = OnConflict.ERROR
) -> ImportResult:
    """Write a plan: create its missing KPIs and store its values in one transaction.

    Values meeting a stored value of the same KPI and period follow `on_conflict`: ERROR
    (ConflictError, nothing written), REPLACE or KEEP.
    """
    on_conflict = OnConflict(on_conflict)
    if Path(plan.workspace).resolve() != Path(ws.path).resolve():
        raise KpiDesktopError("this import was prepared for another workspace; read the file again")
    e = plan.entries
    # every KPI id is checked (or made) once in _resolve_ids: no per-value key lookups
    with ws.writing(references_checked=True) as s:
        if read_fiscal_year(sqlite_connection(s)) != plan.fiscal:
            raise KpiDesktopError(
                "the fiscal year was changed since this import was prepared; read the file again"
            )
        ids = _resolve_ids(s, plan)
        created = [name for name, kid in zip(e.kpi_names, e.kpi_ids, strict=True) if kid is None]
        summary = _write_values(s, plan, np.array(ids, dtype=np.int64), on_conflict)
        if len(e.period):
            first = dt.date.fromordinal(int(e.period.min()))
            last = dt.date.fromordinal(int(e.period.max()))
            for kpi_id in set(ids):
                mark_values(s, kpi_id, first, last)  # the calculated KPIs follow at commit
        change_log.record(  # one row for the whole import, not one per value
            s,
            "value",
            "import",
            name=Path(plan.path).name,
            new=f"{summary[0]} new, {summary[1]} replaced, {summary[2]} kept, "
            f"{len(created)} KPIs created",
        )
    return ImportResult(
        inserted=summary[0],
        replaced=summary[1],
        kept=summary[2],
        kpis_created=created,
        skipped_columns=list(plan.skipped_columns),
        kpis=list(e.kpi_names),
    )


class _IsoDates(dict[int, str]):
    """Date ordinal -> ISO text, made on first use."""

    def __missing__(self, day: int) -> str:
        text = self[day] = dt.date.fromordinal(day).isoformat()
        return text


def _resolve_ids(s: Session, plan: ImportPlan) -> list[int]:
    """The KPI id of each kidx: check the matched ones still exist, create the new ones."""
    e = plan.entries
    matched = [kid for kid in e.kpi_ids if kid is not None]
    existing: set[int | None] = set()
    for chunk in _chunks(matched, 500):
        existing.update(s.exec(select(Kpi.id).where(col(Kpi.id).in_(chunk))).all())
    for name, kid in zip(e.kpi_names, e.kpi_ids, strict=True):
        if kid is not None and kid not in existing:
            raise NotFound(f'KPI "{name}" was deleted after the file was read; read it again')
    new = [k for k, kid in enumerate(e.kpi_ids) if kid is None]
    created: dict[int, int] = {}
    if new:
        goal = _goal_for_import(s, plan.goal)
        assert goal.id is not None
        siblings = s.exec(select(Kpi.name, Kpi.position).where(Kpi.goal_id == goal.id)).all()
        taken = {normalise(name) for name, _ in siblings}
        position = max((p for _, p in siblings), default=-1) + 1
        rows: list[dict[str, Any]] = []
        for k in new:
            name = e.kpi_names[k]
            if normalise(name) in taken:
                raise ConflictError(
                    f'A KPI called "{name}" was added after the file was read; read it again'
                )
            fields = clean_kpi_fields(
                {**KPI_FIELDS, "name": name, "unit": "", "frequency": e.kpi_freqs[k].value}
            )
            kpi = Kpi(goal_id=goal.id, position=position, **fields)  # the table's defaults
            rows.append(kpi.model_dump(exclude={"id"}))
            position += 1
        # One INSERT ... RETURNING for all of them, not an ORM flush of each (200 KPIs:
        # 25 ms instead of 120 ms).
        table = Kpi.__table__  # type: ignore[attr-defined]
        inserted = s.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
        )
        created = dict(zip(new, inserted.scalars(), strict=True))
    return [created[k] if kid is None else kid for k, kid in enumerate(e.kpi_ids)]


def _goal_for_import(s: Session, title: str) -> Goal:
    goals = s.exec(select(Goal)).all()
    hits = [g for g in goals if normalise(g.title) == normalise(title)]
    if len(hits) > 1:
        raise AmbiguousName("goal", title, [g.title for g in hits])
    if hits:
        return hits[0]
    position = max((g.position for g in goals if g.parent_id is None), default=-1) + 1
    goal = Goal(title=title, parent_id=None, position=position)
    s.add(goal)
    s.flush()
    return goal


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _write_values(
    s: Session, plan: ImportPlan, ids: np.ndarray, on_conflict: OnConflict
) -> tuple[int, int, int]:
    """Insert the plan's values (sorted by KPI id and period, set-based) and return
    (inserted, replaced, kept). Same rules and messages as MeasurementService.write_many."""
    e = plan.entries
    n = len(e.value)
    if n == 0:
        return 0, 0, 0
    kid = ids[e.kidx]
    period = e.period
    value = e.value
    if len(ids) > 1 and not bool((ids[1:] > ids[:-1]).all()):
        order: np.ndarray | None = np.argsort((kid << SHIFT) | period, kind="stable")
    else:
        order = e.order  # ids grow with kidx: the plan's (kidx, period) order is id order
    if order is not None:
        kid, period, value = kid[order], period[order], value[order]
    keys = (kid << SHIFT) | period
    raw = sqlite_connection(s)
    if isinstance(raw, PostgresRaw):  # a team workspace: one import per KPI at a time
        bulk.lock_kpis(raw, ids.tolist())
    clash = _stored_keys(raw, plan, ids, period)
    is_clash = np.isin(keys, clash) if len(clash) else np.zeros(n, dtype=bool)
    n_clash = int(is_clash.sum())
    if n_clash and on_conflict == OnConflict.ERROR:
        where = np.flatnonzero(is_clash)[:5].tolist()
        kidx_of_id = {int(i): k for k, i in enumerate(ids.tolist())}
        labels = []
        for i in where:
            k = kidx_of_id[int(kid[i])]
            when = period_label(
                dt.date.fromordinal(int(period[i])), e.kpi_freqs[k], fiscal=plan.fiscal
            )
            labels.append(f"{e.kpi_names[k]} {when}")
        shown = "; ".join(labels)
        more = f" and {n_clash - 5} more" if n_clash > 5 else ""
        raise ConflictError(
            f"{n_clash} value(s) are already stored for the same period "
            f"({shown}{more}). Nothing was written. Choose to replace or keep them."
        )
    if on_conflict == OnConflict.REPLACE:
        tail = (
            " ON CONFLICT(kpi_id, period) DO UPDATE SET value=excluded.value, "
            "source=excluded.source"
        )
    elif on_conflict == OnConflict.KEEP:
        tail = " ON CONFLICT(kpi_id, period) DO NOTHING"
    else:
        tail = ""
    if isinstance(raw, PostgresRaw):
        bulk.copy_values(
            raw, kid.tolist(), period.tolist(), value.tolist(), plan.path.name, on_conflict, n_clash
        )
        return (
            (n - n_clash, 0, n_clash)
            if on_conflict == OnConflict.KEEP
            else (n - n_clash, n_clash, 0)
        )
    source = "'" + plan.path.name.replace("'", "''") + "'"  # an SQL literal: binding it
    # a million times costs a tenth of a second
    try:
        insert_many(  # 200 rows per statement: twice as fast as one executemany row each
            raw,
            "INSERT INTO measurement(kpi_id, period, value, note, source) VALUES ",
            f"(?, ?, ?, '', {source})",
            [kid.tolist(), list(map(_IsoDates().__getitem__, period.tolist())), value.tolist()],
            tail,
        )
    except sqlite3.OperationalError as exc:  # disk full, I/O error: nothing was written
        raise WorkspaceError(plan.workspace, f"the values could not be written ({exc})") from exc
    if on_conflict == OnConflict.KEEP:
        return n - n_clash, 0, n_clash
    return n - n_clash, n_clash, 0


def _stored_keys(raw: Any, plan: ImportPlan, ids: np.ndarray, period: np.ndarray) -> np.ndarray:
    """(KPI id, day) keys of the values already stored for the plan's matched KPIs within
    the plan's dates (new KPIs have none)."""
    matched = {int(kid) for kid, was in zip(ids.tolist(), plan.entries.kpi_ids, strict=True) if was}
    rows = _stored_rows(raw, matched, period, "kpi_id, period")
    return np.fromiter(
        ((kid << SHIFT) | dt.date.fromisoformat(p).toordinal() for kid, p in rows), dtype=np.int64
    )


def stored_values(ws: Workspace, plan: ImportPlan) -> dict[tuple[int, dt.date], tuple[float, str]]:
    """The (value, source) stored now for each (KPI id, period start) the plan would write
    to (read only): what the preview shows beside the file's values, and what undoing a
    replacing import puts back."""
    e = plan.entries
    matched = np.array([-1 if kid is None else kid for kid in e.kpi_ids] or [-1], dtype=np.int64)
    entry_ids = matched[e.kidx]
    mine = entry_ids >= 0
    wanted = set(((entry_ids[mine] << SHIFT) | e.period[mine]).tolist())
    found: dict[tuple[int, dt.date], tuple[float, str]] = {}
    if not wanted:
        return found
    with ws.reading() as s:
        ids = {kid for kid in e.kpi_ids if kid is not None}
        rows = _stored_rows(
            sqlite_connection(s), ids, e.period[mine], "kpi_id, period, value, source"
        )
        for kid, text, value, source in rows:
            day = dt.date.fromisoformat(text)
            if (kid << SHIFT) | day.toordinal() in wanted:
                found[(kid, day)] = (value, source)
    return found


def _stored_rows(raw: Any, kpi_ids: set[int], period: np.ndarray, columns: str) -> Iterator[Any]:
    """`columns` of the values stored for these KPIs between the first and the last of the
    period ordinals `period`."""
    if not kpi_ids or not len(period):
        return
    low = dt.date.fromordinal(int(period.min())).isoformat()
    high = dt.date.fromordinal(int(period.max())).isoformat()
    for chunk in _chunks(sorted(kpi_ids), 500):
        marks = ",".join("?" * len(chunk))
        yield from raw.execute(
            f"SELECT {columns} FROM measurement WHERE kpi_id IN ({marks}) "
            "AND period BETWEEN ? AND ?",
            (*chunk, low, high),
        )

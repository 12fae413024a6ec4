"""Snapshots of a goal subtree or a KPI with everything under it, and putting them back
with the same ids. Undo of a delete (and redo of an add) restores exactly what was there."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import update
from sqlmodel import Session, SQLModel, col, select

from kpi_desktop.services.goals import get_goal
from kpi_desktop.services.kpis import get_kpi
from kpi_desktop.store.tables import Goal, Kpi, Measurement, Milestone

if TYPE_CHECKING:
    from kpi_desktop.services.workspace import Workspace


@dataclass(frozen=True)
class Snapshot:
    """Rows as plain dicts, parents before children (insertion order)."""

    goals: list[dict[str, Any]] = field(default_factory=list)
    kpis: list[dict[str, Any]] = field(default_factory=list)
    measurements: list[dict[str, Any]] = field(default_factory=list)
    milestones: list[dict[str, Any]] = field(default_factory=list)


def _dump(rows: Sequence[SQLModel]) -> list[dict[str, Any]]:
    return [row.model_dump() for row in rows]


def _kpi_rows(s: Session, kpi_ids: list[int]) -> tuple[list[Any], list[Any], list[Any]]:
    kpis = list(s.exec(select(Kpi).where(col(Kpi.id).in_(kpi_ids))))
    values = list(s.exec(select(Measurement).where(col(Measurement.kpi_id).in_(kpi_ids))))
    stones = list(s.exec(select(Milestone).where(col(Milestone.kpi_id).in_(kpi_ids))))
    return kpis, values, stones


def capture_goal(ws: Workspace, goal_id: int) -> Snapshot:
    with ws.reading() as s:
        order = [get_goal(s, goal_id)]
        i = 0
        while i < len(order):
            order += list(s.exec(select(Goal).where(Goal.parent_id == order[i].id)))
            i += 1
        kpi_ids = list(s.exec(select(Kpi.id).where(col(Kpi.goal_id).in_([g.id for g in order]))))
        kpis, values, stones = _kpi_rows(s, [k for k in kpi_ids if k is not None])
        return Snapshot(_dump(order), _dump(kpis), _dump(values), _dump(stones))


def capture_kpi(ws: Workspace, kpi_id: int) -> Snapshot:
    with ws.reading() as s:
        get_kpi(s, kpi_id)
        kpis, values, stones = _kpi_rows(s, [kpi_id])
        return Snapshot([], _dump(kpis), _dump(values), _dump(stones))


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
        raw = s.connection()
        if snap.measurements:
            raw.execute(Measurement.__table__.insert(), snap.measurements)  # type: ignore[attr-defined]
        if snap.milestones:
            raw.execute(Milestone.__table__.insert(), snap.milestones)  # type: ignore[attr-defined]

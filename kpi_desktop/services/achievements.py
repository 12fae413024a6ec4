"""Achievements of one KPI or the whole workspace, derived from the stored values.

The rules are in ``domain.achievements``. Values after ``as_of`` are left out, as for the
status. Each KPI reads at most its last :data:`HISTORY` values (a monthly KPI's 400
years; a daily KPI's 13 years), so a KPI with a million values stays quick to check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import col, select

from kpi_desktop.domain.achievements import (
    Achievement,
    AchievementKind,
    achievements_since,
    kpi_achievements,
)
from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.types import Frequency, Point
from kpi_desktop.services.kpis import get_kpi, kpi_target
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.tables import Kpi, Milestone

if TYPE_CHECKING:
    from sqlmodel import Session

    from kpi_desktop.services.workspace import Workspace

#: How many of a KPI's latest values are looked at.
HISTORY = 5000

ALL_KINDS: tuple[str, ...] = tuple(AchievementKind)


@dataclass(frozen=True, slots=True)
class KpiAchievement:
    """An achievement with the id of its KPI (for selecting it in the tree)."""

    kpi_id: int
    achievement: Achievement

    @property
    def kind(self) -> str:
        return self.achievement.kind

    @property
    def date(self) -> dt.date:
        return self.achievement.date

    @property
    def text(self) -> str:
        return self.achievement.text

    @property
    def kpi(self) -> str:
        return self.achievement.kpi


def _for_kpi(
    s: Session, kpi: Kpi, as_of: dt.date | None, kinds: Collection[str]
) -> list[Achievement]:
    assert kpi.id is not None
    milestones = list(s.exec(select(Milestone).where(Milestone.kpi_id == kpi.id)))
    raw = sqlite_connection(s)
    rows = raw.execute(
        "SELECT period, value FROM measurement WHERE kpi_id = ? AND period <= ? "
        "ORDER BY period DESC LIMIT ?",
        (kpi.id, (as_of or dt.date.max).isoformat(), HISTORY),
    ).fetchall()
    points = [Point(dt.date.fromisoformat(p), float(v)) for p, v in reversed(rows)]

    def fmt(value: float) -> str:
        return format_value(value, kpi.unit, kpi.decimals, kpi.unit_kind, kpi.currency_symbol)

    return kpi_achievements(
        kpi.name, kpi_target(kpi, milestones), points, Frequency(kpi.frequency), fmt, kinds
    )


def kpi_achievements_of(
    ws: Workspace,
    kpi_id: int,
    as_of: dt.date | None = None,
    kinds: Collection[str] = ALL_KINDS,
) -> list[Achievement]:
    """One KPI's achievements (of ``kinds``) from its values on or before ``as_of``,
    oldest first."""
    with ws.reading() as s:
        return _for_kpi(s, get_kpi(s, kpi_id), as_of, kinds)


def workspace_achievements(
    ws: Workspace,
    since: dt.date | None = None,
    as_of: dt.date | None = None,
    kinds: Collection[str] = ALL_KINDS,
) -> list[KpiAchievement]:
    """Every unarchived KPI's achievements dated on or after ``since``, newest first."""
    out: list[KpiAchievement] = []
    with ws.reading() as s:
        kpis = list(
            s.exec(
                select(Kpi)
                .where(Kpi.archived == False)  # noqa: E712
                .order_by(col(Kpi.goal_id), col(Kpi.position), col(Kpi.id))
            )
        )
        for kpi in kpis:
            assert kpi.id is not None
            out += [KpiAchievement(kpi.id, a) for a in _for_kpi(s, kpi, as_of, kinds)]
    by_achievement = {id(k.achievement): k for k in out}
    ordered = achievements_since([k.achievement for k in out], since)
    return [by_achievement[id(a)] for a in ordered]


__all__ = [
    "ALL_KINDS",
    "HISTORY",
    "KpiAchievement",
    "kpi_achievements_of",
    "workspace_achievements",
]

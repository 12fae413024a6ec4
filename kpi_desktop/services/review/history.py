"""Past reviews: the history list and a saved review as it read on the day.

:func:`review_history` lists every review with its KPIs counted by status;
:func:`review_snapshot` reads one back, its entries worst first and the actions it decided.
What is shown is what was saved (entries are copies), not today's numbers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import col, select

from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.types import Status
from kpi_desktop.services.errors import NotFound
from kpi_desktop.services.review.flow import STATUS_ORDER, count_statuses, counts_text
from kpi_desktop.store.tables import Action, Goal, Kpi, Review, ReviewEntry

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    """One past review as the history lists it."""

    review_id: int
    date: dt.date
    title: str
    notes: str
    counts: dict[Status, int]
    n_actions: int

    @property
    def counts_text(self) -> str:
        return counts_text(self.counts)


@dataclass(frozen=True, slots=True)
class EntrySnapshot:
    """A KPI as a past review saw it, with the numbers written as they read then."""

    kpi_id: int | None
    kpi: str
    status: Status
    latest_value: float | None
    latest_date: dt.date | None
    expected: float | None
    progress: float | None
    comment: str
    latest_text: str
    expected_text: str


@dataclass(frozen=True, slots=True)
class ActionRow:
    action_id: int
    title: str
    owner: str
    due_date: dt.date | None
    done: bool
    done_date: dt.date | None
    about: str  # "KPI: Gross margin", "Goal: Delight our regulars" or ""


@dataclass(frozen=True, slots=True)
class ReviewSnapshot:
    """A saved review as it was: entries worst first, and the actions it decided."""

    review_id: int
    date: dt.date
    title: str
    notes: str
    entries: tuple[EntrySnapshot, ...]
    actions: tuple[ActionRow, ...]

    def counts(self) -> dict[Status, int]:
        return count_statuses(e.status for e in self.entries)


def review_history(ws: Workspace) -> list[ReviewSummary]:
    """Every review, the latest first, with its KPIs counted by status."""
    with ws.reading() as s:
        reviews = list(
            s.exec(select(Review).order_by(col(Review.date).desc(), col(Review.id).desc()))
        )
        statuses: dict[int, list[str]] = {}
        for review_id, status in s.exec(select(ReviewEntry.review_id, ReviewEntry.status)):
            statuses.setdefault(review_id, []).append(status)
        actions = Counter(r for r in s.exec(select(Action.review_id)).all() if r is not None)
    return [
        ReviewSummary(
            review_id=r.id or 0,
            date=r.date,
            title=r.title,
            notes=r.notes,
            counts=count_statuses(_known(statuses.get(r.id or 0, []))),
            n_actions=actions.get(r.id or 0, 0),
        )
        for r in reviews
    ]


def _known(statuses: Sequence[str]) -> list[Status]:
    out = []
    for s in statuses:
        try:
            out.append(Status(s))
        except ValueError:
            out.append(Status.NO_DATA)
    return out


def review_snapshot(ws: Workspace, review_id: int) -> ReviewSnapshot:
    """A saved review as it read on the day: its entries (worst first) and actions."""
    with ws.reading() as s:
        review = s.get(Review, review_id)
        if review is None:
            raise NotFound(f"review #{review_id} no longer exists")
        entries = list(
            s.exec(
                select(ReviewEntry)
                .where(ReviewEntry.review_id == review_id)
                .order_by(col(ReviewEntry.id))
            )
        )
        actions = list(
            s.exec(select(Action).where(Action.review_id == review_id).order_by(col(Action.id)))
        )
        kpis = {k.id: k for k in s.exec(select(Kpi))}
        goals = dict(s.exec(select(Goal.id, Goal.title)).all())

    def fmt(kpi_id: int | None, value: float | None) -> str:
        kpi = kpis.get(kpi_id)
        if kpi is None:
            return format_value(value, "", 2)
        return format_value(value, kpi.unit, kpi.decimals, kpi.unit_kind, kpi.currency_symbol)

    snaps = [
        EntrySnapshot(
            kpi_id=e.kpi_id,
            kpi=e.kpi_name,
            status=_known([e.status])[0],
            latest_value=e.latest_value,
            latest_date=e.latest_date,
            expected=e.expected,
            progress=e.progress,
            comment=e.comment,
            latest_text=fmt(e.kpi_id, e.latest_value),
            expected_text=fmt(e.kpi_id, e.expected),
        )
        for e in entries
    ]
    snaps.sort(key=lambda e: STATUS_ORDER.index(e.status))
    rows = []
    for a in actions:
        if a.kpi_id is not None and a.kpi_id in kpis:
            about = f"KPI: {kpis[a.kpi_id].name}"
        elif a.goal_id is not None and a.goal_id in goals:
            about = f"Goal: {goals[a.goal_id]}"
        else:
            about = ""
        rows.append(ActionRow(a.id or 0, a.title, a.owner, a.due_date, a.done, a.done_date, about))
    return ReviewSnapshot(
        review.id or 0, review.date, review.title, review.notes, tuple(snaps), tuple(rows)
    )


__all__ = [
    "ActionRow",
    "EntrySnapshot",
    "ReviewSnapshot",
    "ReviewSummary",
    "review_history",
    "review_snapshot",
]

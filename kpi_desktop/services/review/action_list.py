"""Every corrective action with what it is about and where it came from: what the Actions
tab and ``kpi-desktop actions`` list, and the filters they offer.

An action is **open** until it is marked done, and **overdue** from the day after its due
date while it is open (as the reminders say, see ``tracking.reminders``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from kpi_desktop.i18n.catalogue import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace


class ActionState(StrEnum):
    OPEN = "open"
    OVERDUE = "overdue"
    DONE = "done"

    @property
    def label(self) -> str:
        labels = {
            "open": QT_TRANSLATE_NOOP("ActionState", "Open"),
            "overdue": QT_TRANSLATE_NOOP("ActionState", "Overdue"),
            "done": QT_TRANSLATE_NOOP("ActionState", "Done"),
        }
        return translate("ActionState", labels[self.value])


def action_state(done: bool, due_date: dt.date | None, today: dt.date) -> ActionState:
    if done:
        return ActionState.DONE
    if due_date is not None and due_date < today:
        return ActionState.OVERDUE
    return ActionState.OPEN


@dataclass(frozen=True, slots=True)
class ActionItem:
    """One action as the list shows it."""

    id: int
    title: str
    owner: str
    due_date: dt.date | None
    done_date: dt.date | None
    state: ActionState
    kpi_id: int | None
    kpi: str | None
    goal_id: int | None
    goal: str | None
    review_id: int | None
    review: str | None

    @property
    def done(self) -> bool:
        return self.state == ActionState.DONE

    @property
    def about(self) -> str:
        """What it is for: the KPI, else the goal ("" for the whole workspace)."""
        return self.kpi or self.goal or ""

    def days_overdue(self, today: dt.date) -> int:
        if self.state != ActionState.OVERDUE or self.due_date is None:
            return 0
        return (today - self.due_date).days

    def as_json(self) -> dict[str, object]:
        """The object ``kpi-desktop actions --json`` prints (keys fixed by the contract)."""
        return {
            "id": self.id,
            "title": self.title,
            "owner": self.owner,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "state": self.state.value,
            "done_date": self.done_date.isoformat() if self.done_date else None,
            "kpi": self.kpi,
            "goal": self.goal,
            "review": self.review,
        }


def action_items(ws: Workspace, today: dt.date, *, open_only: bool = False) -> list[ActionItem]:
    """Every action (or every one not done), by due date then number, the undated first."""
    actions = ws.reviews.actions(open_only=open_only)
    kpis = {k.id: k.name for k in ws.kpis.list()}
    goals = {g.id: g.title for g in ws.goals.list()}
    reviews = {r.id: r.title for r in ws.reviews.list()}
    out = []
    for a in actions:
        assert a.id is not None
        out.append(
            ActionItem(
                id=a.id,
                title=a.title,
                owner=a.owner,
                due_date=a.due_date,
                done_date=a.done_date,
                state=action_state(a.done, a.due_date, today),
                kpi_id=a.kpi_id,
                kpi=kpis.get(a.kpi_id) if a.kpi_id is not None else None,
                goal_id=a.goal_id,
                goal=goals.get(a.goal_id) if a.goal_id is not None else None,
                review_id=a.review_id,
                review=reviews.get(a.review_id) if a.review_id is not None else None,
            )
        )
    return out


def matching(
    items: Iterable[ActionItem],
    *,
    owner: str | None = None,
    states: Sequence[ActionState] | None = None,
    kpi_id: int | None = None,
) -> list[ActionItem]:
    """The items of that owner (any case; "" for nobody), in one of those states, about
    that KPI; None leaves a filter out."""
    wanted = None if owner is None else owner.strip().casefold()
    return [
        item
        for item in items
        if (wanted is None or item.owner.casefold() == wanted)
        and (states is None or item.state in states)
        and (kpi_id is None or item.kpi_id == kpi_id)
    ]


def owners(items: Iterable[ActionItem]) -> list[str]:
    """The owners named, once each (first spelling), in alphabetical order."""
    seen: dict[str, str] = {}
    for item in items:
        if item.owner:
            seen.setdefault(item.owner.casefold(), item.owner)
    return sorted(seen.values(), key=str.casefold)


__all__ = ["ActionItem", "ActionState", "action_items", "action_state", "matching", "owners"]

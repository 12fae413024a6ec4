"""Reminders: which KPIs need a value and which corrective actions are overdue, at a date.

What `kpi-desktop due`, the reminders bar and the due filter of the tree and scorecard
show. The rules for values are in ``domain.due``; an action is overdue the day after its
due date while it is not done. Cost grows with the number of KPIs only: each KPI reads its
latest period on or before the date through the (kpi, period) key.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import col, select

from kpi_desktop.domain.due import DueState, due_state
from kpi_desktop.domain.types import Frequency
from kpi_desktop.i18n.catalogue import translate
from kpi_desktop.services.planning.plan_rows import PlanRead, goal_order, read_plan
from kpi_desktop.store.tables import Action, Goal, Kpi

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace


@dataclass(frozen=True, slots=True)
class DueKpi:
    """A KPI that needs one or more values."""

    kpi_id: int
    goal_id: int
    kpi: str
    goal: str
    owner: str
    frequency: Frequency
    state: DueState

    @property
    def last_period(self) -> dt.date | None:
        return self.state.latest

    @property
    def due_periods(self) -> tuple[dt.date, ...]:
        return self.state.missing

    @property
    def overdue(self) -> bool:
        return self.state.overdue

    @property
    def days_overdue(self) -> int:
        return self.state.days_overdue

    @property
    def message(self) -> str:
        return self.state.message

    def line(self) -> str:
        """One line for people: "Gross margin (Grow profitable revenue): needs October's
        value, 8 days overdue"."""
        late = ""
        if self.overdue:
            late = f", {_days(self.days_overdue)} overdue"
        return f"{self.kpi} ({self.goal}): {self.message}{late}"

    def as_json(self) -> dict[str, object]:
        return {
            "kpi": self.kpi,
            "goal": self.goal,
            "owner": self.owner,
            "frequency": self.frequency.value,
            "last_period": _iso(self.last_period),
            "due_periods": [p.isoformat() for p in self.due_periods],
            "missing": self.state.n_missing,
            "overdue": self.overdue,
            "days_overdue": self.days_overdue,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class OverdueAction:
    """An open corrective action past its due date."""

    action_id: int
    title: str
    owner: str
    due_date: dt.date
    days_overdue: int
    kpi_id: int | None
    kpi: str | None
    goal_id: int | None
    goal: str | None

    def line(self) -> str:
        """ "Renegotiate milk prices (Maria), due 2026-11-08, 7 days overdue; KPI: Gross margin"."""
        who = f" ({self.owner})" if self.owner else ""
        about = f"; KPI: {self.kpi}" if self.kpi else (f"; goal: {self.goal}" if self.goal else "")
        return (
            f"{self.title}{who}, due {self.due_date.isoformat()}, "
            f"{_days(self.days_overdue)} overdue{about}"
        )

    def as_json(self) -> dict[str, object]:
        return {
            "action": self.title,
            "owner": self.owner,
            "due_date": self.due_date.isoformat(),
            "days_overdue": self.days_overdue,
            "kpi": self.kpi,
            "goal": self.goal,
        }


@dataclass(frozen=True, slots=True)
class DueReport:
    """Everything due at ``as_of``: KPIs needing values, overdue actions."""

    as_of: dt.date
    kpis: tuple[DueKpi, ...]
    actions: tuple[OverdueAction, ...]

    @property
    def is_empty(self) -> bool:
        return not self.kpis and not self.actions

    @property
    def kpi_ids(self) -> frozenset[int]:
        return frozenset(k.kpi_id for k in self.kpis)

    @property
    def summary(self) -> str:
        """ "3 KPIs need October's value; 1 action is overdue" ("" when nothing is due)."""
        parts = []
        if self.kpis:
            parts.append(_kpis_summary(self.kpis))
        if self.actions:
            n = len(self.actions)
            parts.append(
                translate("Due", "1 action is overdue")
                if n == 1
                else translate("Due", "%1 actions are overdue").replace("%1", str(n))
            )
        return "; ".join(parts)

    def as_json(self) -> dict[str, object]:
        return {
            "as_of": self.as_of.isoformat(),
            "summary": self.summary,
            "kpis": [k.as_json() for k in self.kpis],
            "actions": [a.as_json() for a in self.actions],
        }


def _days(n: int) -> str:
    return (
        translate("Due", "1 day") if n == 1 else translate("Due", "%1 days").replace("%1", str(n))
    )


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def _kpis_summary(kpis: tuple[DueKpi, ...]) -> str:
    n = len(kpis)
    single = [k.message for k in kpis if k.state.n_missing == 1]
    if len(single) == n and len(set(single)) == 1:
        # "needs October's value" -> "October's value"
        what = single[0].removeprefix(translate("Due", "needs %1").split("%1")[0])
        return (
            translate("Due", "1 KPI needs %1")
            if n == 1
            else translate("Due", "%2 KPIs need %1").replace("%2", str(n))
        ).replace("%1", what)
    late = sum(k.overdue for k in kpis)
    counts = Counter(k.state.n_missing for k in kpis)
    values = sum(n_missing * c for n_missing, c in counts.items())
    tail = translate("Due", " (%1 overdue)").replace("%1", str(late)) if late else ""
    text = (
        translate("Due", "1 KPI needs values: %1 missing%2")
        if n == 1
        else translate("Due", "%3 KPIs need values: %1 missing%2").replace("%3", str(n))
    )
    return text.replace("%1", str(values)).replace("%2", tail)


def due_kpis(ws: Workspace, as_of: dt.date, plan: PlanRead | None = None) -> list[DueKpi]:
    """Every unarchived KPI that needs a value at ``as_of``, in tree order (from ``plan``
    when it was read already for that date)."""
    if plan is None or plan.as_of != as_of:
        plan = read_plan(ws, as_of)
    goals = plan.goals
    out = []
    for kpi in plan.kpis:
        goal = goals.get(kpi.goal_id)
        if kpi.archived or goal is None or goal.archived or kpi.calculation:
            continue  # (a calculated KPI's values follow its inputs': never typed)
        found = plan.latest.get(kpi.id)
        freq = Frequency(kpi.frequency)
        state = due_state(freq, found[-1].period if found else None, as_of, plan.fiscal)
        if state.is_due:
            out.append(DueKpi(kpi.id, kpi.goal_id, kpi.name, goal.title, kpi.owner, freq, state))
    order = goal_order(goals.values())
    out.sort(key=lambda k: order.get(k.goal_id, len(order)))
    return out


def overdue_actions(ws: Workspace, as_of: dt.date) -> list[OverdueAction]:
    """Open actions whose due date is before ``as_of``, the most overdue first."""
    with ws.reading() as s:
        actions = list(
            s.exec(
                select(Action)
                .where(Action.done == False)  # noqa: E712
                .where(col(Action.due_date).is_not(None))
                .where(col(Action.due_date) < as_of)
                .order_by(col(Action.due_date), col(Action.id))
            )
        )
        kpi_ids = {a.kpi_id for a in actions if a.kpi_id is not None}
        goal_ids = {a.goal_id for a in actions if a.goal_id is not None}
        kpi_names = dict(s.exec(select(Kpi.id, Kpi.name).where(col(Kpi.id).in_(kpi_ids))).all())
        goal_names = dict(
            s.exec(select(Goal.id, Goal.title).where(col(Goal.id).in_(goal_ids))).all()
        )
    out = []
    for a in actions:
        assert a.id is not None and a.due_date is not None
        out.append(
            OverdueAction(
                action_id=a.id,
                title=a.title,
                owner=a.owner,
                due_date=a.due_date,
                days_overdue=(as_of - a.due_date).days,
                kpi_id=a.kpi_id,
                kpi=kpi_names.get(a.kpi_id) if a.kpi_id is not None else None,
                goal_id=a.goal_id,
                goal=goal_names.get(a.goal_id) if a.goal_id is not None else None,
            )
        )
    return out


def due_items(ws: Workspace, as_of: dt.date, plan: PlanRead | None = None) -> DueReport:
    """The KPIs that need values and the overdue actions at ``as_of``."""
    kpis = due_kpis(ws, as_of, plan)
    return DueReport(as_of, tuple(kpis), tuple(overdue_actions(ws, as_of)))


__all__ = ["DueKpi", "DueReport", "OverdueAction", "due_items", "due_kpis", "overdue_actions"]

"""The check-in: one list of every KPI due at a date, each with the period its value is
for, its last values, the value the plan expects and what a new value would make of its
status; and one write of all the values typed for them.

What Track > Check in shows and saves. A KPI is due as ``kpi-desktop due`` says (see
``domain.due``); its row is for the last complete period of its frequency at the date, so a
monthly KPI checked in on 7 December is asked for November and a quarterly one for Q3. The
status of a typed value is the status the KPI would have at the date with that value stored
(the plan in force then, see ``planning.revisions``). Cost grows with the number of KPIs
only: one statement per table, each KPI's last few values through the (kpi, period) key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from kpi_desktop.domain.due import due_state, period_name, periods_text
from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.periods import (
    CALENDAR_YEAR,
    FiscalYear,
    last_complete_period,
    period_label,
)
from kpi_desktop.domain.status import StatusRule
from kpi_desktop.domain.types import Frequency, Point, Status
from kpi_desktop.services.planning.kpis import kpi_target
from kpi_desktop.services.planning.plan_rows import (
    goal_order,
    latest_values,
    read_goals,
    read_kpis,
    read_milestones,
)
from kpi_desktop.services.planning.revisions import plans_in_force
from kpi_desktop.services.planning.workspace_settings import read_fiscal_year
from kpi_desktop.store.engine import sqlite_connection

if TYPE_CHECKING:
    from kpi_desktop.services.tracking.measurements import MeasurementChange
    from kpi_desktop.services.workspace.workspace import Workspace

#: How many earlier values a row shows next to the one to type.
RECENT = 3


@dataclass(frozen=True, slots=True)
class CheckinRow:
    """One KPI of the check-in: the period its value is for and what the value would mean."""

    kpi_id: int
    goal_id: int
    goal: str
    kpi: str
    owner: str
    unit: str
    decimals: int
    unit_kind: str
    currency_symbol: str
    frequency: Frequency
    period: dt.date  # the first day of the period the value is for
    as_of: dt.date  # the date the status is judged at
    recent: tuple[Point, ...]  # the last values before the period, oldest first
    stored: float | None  # the value stored for the period already (None: it is due)
    also_missing: tuple[dt.date, ...]  # earlier periods without a value since the latest
    rule: StatusRule = field(compare=False, repr=False)
    expected: float | None = None  # where the plan in force says the value should be
    fiscal: FiscalYear = CALENDAR_YEAR  # the workspace's: names quarters and years

    @property
    def period_text(self) -> str:
        return period_label(self.period, self.frequency, fiscal=self.fiscal)

    def format(self, value: float | None) -> str:
        """``value`` in this KPI's unit and decimals, for people ("" for None)."""
        if value is None:
            return ""
        return format_value(value, self.unit, self.decimals, self.unit_kind, self.currency_symbol)

    def status_of(self, value: float | None) -> Status:
        """The KPI's status at the check-in date once ``value`` is stored for the period
        (no value: the status its latest stored value gives, or no data)."""
        if value is None:
            return Status.NO_DATA
        return self.rule.status(Point(self.period, value), self.as_of)

    def recent_text(self, *, short: bool = True) -> str:
        """The last values with their periods: "Sep €41,200 · Oct €43,100" (``short``:
        the year left out but for yearly KPIs, and no unit words after the numbers)."""
        if not short:
            return " · ".join(
                f"{period_label(p.period, self.frequency, fiscal=self.fiscal)}: "
                f"{self.format(p.value)}"
                for p in self.recent
            )
        unit = self.unit if self.unit_kind == "currency" or self.unit in ("%", "€", "$") else ""
        return " · ".join(
            f"{period_name(p.period, self.frequency, with_year=False, fiscal=self.fiscal)} "
            f"{format_value(p.value, unit, self.decimals, self.unit_kind, self.currency_symbol)}"
            for p in self.recent
        )

    def missing_text(self) -> str:
        """ "Also missing: Aug and Sep 2026" for the earlier gaps ("" when there are none)."""
        if not self.also_missing:
            return ""
        return f"Also missing: {periods_text(self.also_missing, self.frequency, self.fiscal)}"


class CheckinValue(NamedTuple):
    """A value typed in the check-in, for the period of its row."""

    kpi_id: int
    period: dt.date
    value: float
    note: str | None = None  # None keeps a stored note


def checkin_rows(ws: Workspace, as_of: dt.date, *, entered: bool = False) -> list[CheckinRow]:
    """A row for every KPI (not archived, of a goal not archived) due at ``as_of``, in tree
    order; with ``entered`` also the KPIs whose value for the period is in already (the row
    then carries it as ``stored``), so that a value can be corrected."""
    with ws.reading() as s:
        raw = sqlite_connection(s)
        goals = read_goals(raw)
        kpis = read_kpis(raw, include_archived=False)
        kpis, milestones = plans_in_force(raw, kpis, read_milestones(raw), as_of)
        recent = latest_values(raw, as_of, RECENT + 1, include_archived=False)
        fiscal = read_fiscal_year(raw)
    periods = {f: last_complete_period(as_of, f, fiscal=fiscal) for f in Frequency}
    order = goal_order(goals.values())
    out = []
    for kpi in kpis:
        goal = goals.get(kpi.goal_id)
        if goal is None or goal.archived or kpi.calculation:
            continue  # (a calculated KPI's values are derived, not checked in)
        freq = Frequency(kpi.frequency)
        period = periods[freq]
        points = recent.get(kpi.id, [])
        state = due_state(freq, points[-1].period if points else None, as_of, fiscal)
        stored = next((p.value for p in points if p.period == period), None)
        if not state.is_due and not (entered and stored is not None):
            continue
        target = kpi_target(kpi, milestones.get(kpi.id, ()))
        rule = StatusRule(target)
        out.append(
            CheckinRow(
                kpi_id=kpi.id,
                goal_id=kpi.goal_id,
                goal=goal.title,
                kpi=kpi.name,
                owner=kpi.owner,
                unit=kpi.unit,
                decimals=kpi.decimals,
                unit_kind=kpi.unit_kind,
                currency_symbol=kpi.currency_symbol,
                frequency=freq,
                period=period,
                as_of=as_of,
                recent=tuple(p for p in points if p.period < period)[-RECENT:],
                stored=stored,
                also_missing=state.missing[:-1] if state.last_missing == period else (),
                rule=rule,
                expected=rule.expected(as_of),
                fiscal=fiscal,
            )
        )
    out.sort(key=lambda r: order.get(r.goal_id, len(order)))  # stable: KPIs keep their order
    return out


def save_checkin(ws: Workspace, values: Sequence[CheckinValue]) -> list[MeasurementChange]:
    """Store every typed value in one transaction (all or none): the same checks as a value
    typed in a KPI's table. Returns what changed, for undo."""
    return ws.measurements.upsert_rows(
        [(v.kpi_id, v.period, v.value, v.note) for v in values], source="check-in"
    )


__all__ = ["RECENT", "CheckinRow", "CheckinValue", "checkin_rows", "save_checkin"]

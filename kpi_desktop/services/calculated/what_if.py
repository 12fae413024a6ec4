"""What-if on a calculated KPI: its inputs changed for the latest period, and what that
gives (value, status, when the target would be reached). Nothing is stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kpi_desktop.domain.formulas.evaluate import evaluate_latest, name_key
from kpi_desktop.domain.formulas.parser import parse
from kpi_desktop.domain.formulas.what_if import Change, parse_change, reach_period
from kpi_desktop.domain.periods import add_periods
from kpi_desktop.domain.status import status_at
from kpi_desktop.domain.types import Direction, Frequency, Point, Status
from kpi_desktop.domain.variation.forecast import fit_line
from kpi_desktop.services.calculated.definitions import kpi_rows, resolve
from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.naming import match_name
from kpi_desktop.services.planning.kpis import kpi_target

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

#: How many of the latest values give the recent trend.
TREND_VALUES = 12


@dataclass(frozen=True, slots=True)
class InputChange:
    name: str
    unit: str
    value: float  # stored for the period
    what_if: float  # as changed
    change: str  # "+5%", "31" or "" when unchanged


@dataclass(frozen=True, slots=True)
class WhatIf:
    kpi: str
    unit: str
    period: dt.date
    inputs: list[InputChange]
    value: float
    what_if_value: float | None  # None: the changed inputs give no value (division by 0)
    status: Status
    what_if_status: Status
    target: float | None
    target_date: dt.date | None
    reached_on: dt.date | None  # at the recent trend, from the changed value

    def as_json(self) -> dict[str, object]:
        return {
            "kpi": self.kpi,
            "period": self.period.isoformat(),
            "inputs": [
                {"name": i.name, "value": i.value, "what_if": i.what_if, "change": i.change}
                for i in self.inputs
            ],
            "value": self.value,
            "what_if_value": self.what_if_value,
            "status": self.status.value,
            "what_if_status": self.what_if_status.value,
            "target": self.target,
            "target_date": None if self.target_date is None else self.target_date.isoformat(),
            "reached_on": None if self.reached_on is None else self.reached_on.isoformat(),
        }


def read_changes(settings: list[str]) -> dict[str, Change]:
    """``NAME=CHANGE`` texts (the CLI's --set) by input name."""
    out: dict[str, Change] = {}
    for text in settings:
        name, sep, change = text.partition("=")
        if not sep or not name.strip():
            raise ValidationError(
                "set", f'--set "{text}": write it as NAME=+5%, NAME=-3% or NAME=31'
            )
        try:
            out[name.strip()] = parse_change(change)
        except ValueError as exc:
            raise ValidationError("set", f'--set "{text}": {exc}') from None
    return out


def what_if(
    ws: Workspace, kpi_id: int, changes: Mapping[str, Change], as_of: dt.date | None = None
) -> WhatIf:
    """The calculated KPI's latest period (on or before `as_of`) with its inputs changed."""
    as_of = as_of or dt.date.today()
    kpi = ws.kpis.get(kpi_id)
    if not kpi.calculation:
        raise ValidationError(
            "kpi", f'"{kpi.name}" is not calculated from other KPIs: what-if needs a formula'
        )
    with ws.reading() as s:
        inputs = list(resolve(kpi.calculation, kpi_rows(s)).values())
    freq = Frequency(kpi.frequency)
    history = ws.measurements.points(kpi_id, up_to=as_of)
    if not history:
        raise ValidationError("kpi", f'"{kpi.name}" has no calculated value yet to start from')
    period = history[-1].period
    before = add_periods(period, freq, -1)
    chosen: dict[str, Change] = {}
    for name, change in changes.items():
        row = match_name("input of " + kpi.name, name, inputs, lambda r: r.name)
        chosen[name_key(row.name)] = change
    current: dict[str, float] = {}
    previous: dict[str, float] = {}
    out_inputs = []
    for row in inputs:
        points = {p.period: p.value for p in ws.measurements.points(row.id, up_to=period, last=2)}
        if period in points:
            current[name_key(row.name)] = points[period]
        if before in points:
            previous[name_key(row.name)] = points[before]
    changed = dict(current)
    for row in inputs:
        key = name_key(row.name)
        picked = chosen.get(key)
        if key in current and picked is not None:
            changed[key] = picked.applied(current[key])
        if key in current:
            out_inputs.append(
                InputChange(
                    row.name, row.unit, current[key], changed[key], picked.text() if picked else ""
                )
            )
    tree = parse(kpi.calculation)
    new_value = evaluate_latest(tree, changed, previous)
    plan = kpi_target(kpi, ws.kpis.milestones(kpi_id))
    now = status_at(plan, history, as_of).status
    if new_value is None:
        return WhatIf(kpi.name, kpi.unit, period, out_inputs, history[-1].value, None, now,
                      Status.NO_DATA, kpi.target_value, kpi.target_date, None)  # fmt: skip
    moved = [*history[:-1], Point(period, new_value)]
    then = status_at(plan, moved, as_of).status
    recent = moved[-TREND_VALUES:]
    line = fit_line(list(range(len(recent))), [p.value for p in recent])
    reached = None
    if kpi.direction != Direction.RANGE.value:
        reached = reach_period(
            period,
            new_value,
            None if line is None else line.slope,
            kpi.target_value,
            kpi.direction == Direction.INCREASE.value,
            lambda d, n: add_periods(d, freq, n),
        )
    return WhatIf(
        kpi.name, kpi.unit, period, out_inputs, history[-1].value, new_value, now, then,
        kpi.target_value, kpi.target_date, reached,
    )  # fmt: skip

"""What the app shows about a calculated KPI: why a period has no value, and a preview of
a formula's last values before it is saved (the wizard's Quantify page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kpi_desktop.domain.formulas.evaluate import evaluate
from kpi_desktop.domain.formulas.parser import parse
from kpi_desktop.domain.periods import add_periods
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.calculated.definitions import check_calculation, kpi_rows, resolve
from kpi_desktop.services.calculated.recompute import calculations, gaps
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.store.engine import sqlite_connection

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

#: How many of the inputs' latest periods a preview (or what-if) reads.
RECENT = 36


@dataclass(frozen=True, slots=True)
class Preview:
    """A formula's last values, or the message saying why it cannot be saved."""

    values: list[tuple[dt.date, float]] = field(default_factory=list)
    gaps: list[tuple[dt.date, str]] = field(default_factory=list)
    problem: str = ""
    inputs: list[str] = field(default_factory=list)  # the input KPIs' names as stored


def gaps_of(ws: Workspace, kpi_id: int) -> list[tuple[dt.date, str]]:
    """The periods where every input of the calculated KPI has a value but it has none,
    and why (a division by zero): the values table says so under its rows."""
    with ws.reading() as s:
        calc = calculations(kpi_rows(s)).get(kpi_id)
        return [] if calc is None else gaps(sqlite_connection(s), calc)


def recent_inputs(
    ws: Workspace, names: list[str], last: int = RECENT
) -> dict[str, dict[dt.date, float]]:
    """The latest `last` values of each named KPI, by name_key."""
    with ws.reading() as s:
        found = resolve(" + ".join(f"[{n}]" for n in names), kpi_rows(s)) if names else {}
        raw = sqlite_connection(s)
        out: dict[str, dict[dt.date, float]] = {}
        for key, row in found.items():
            cursor = raw.execute(
                "SELECT period, value FROM measurement WHERE kpi_id = ? "
                "ORDER BY period DESC LIMIT ?",
                (row.id, last),
            )
            out[key] = {dt.date.fromisoformat(p): v for p, v in cursor}
        return out


def preview(
    ws: Workspace,
    text: str,
    *,
    name: str,
    frequency: str,
    unit: str,
    kpi_id: int | None = None,
    last: int = 6,
) -> Preview:
    """Check `text` as the formula of the KPI `name` and compute its last `last` values
    from the inputs' stored values (nothing is written)."""
    try:
        with ws.reading() as s:
            stored = check_calculation(s, kpi_id, name or "this KPI", text, frequency, unit)
            inputs = [r.name for r in resolve(stored, kpi_rows(s)).values()]
    except KpiDesktopError as exc:
        return Preview(problem=str(exc))
    tree = parse(stored)
    freq = Frequency(frequency)
    series = recent_inputs(ws, inputs, RECENT + 1)
    result = evaluate(tree, series, lambda p: add_periods(p, freq, -1))
    values = sorted(result.values.items())[-last:]
    since = values[0][0] if values else dt.date.min
    return Preview(
        values=values,
        gaps=sorted((p, why) for p, why in result.gaps.items() if p >= since),
        inputs=inputs,
    )


def calculated_from(ws: Workspace, kpi_id: int) -> list[int]:
    """The calculated KPIs whose values follow this KPI's, at any depth (a chain)."""
    with ws.reading() as s:
        (n,) = (
            sqlite_connection(s)
            .execute("SELECT count(*) FROM kpi WHERE calculation != ''")
            .fetchone()
        )
        if not n:
            return []
        calcs = calculations(kpi_rows(s))
    found: list[int] = []
    frontier = {kpi_id}
    while frontier:
        nxt = {
            c
            for c, calc in calcs.items()
            if frontier & set(calc.inputs.values()) and c not in found
        }
        found += sorted(nxt)
        frontier = nxt
    return found

"""Checking a calculated KPI's formula when it is saved, and keeping formulas right when
their inputs are renamed or deleted.

Inputs are referred to by name (``[Revenue]``) so that a formula reads as the owner wrote
it and survives an export; renaming an input rewrites every formula that names it in the
rename's transaction, and an input cannot be deleted while a calculated KPI uses it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kpi_desktop.domain.formulas.evaluate import UnitClash, find_cycle, name_key, unit_of
from kpi_desktop.domain.formulas.parser import FormulaError, Node, names, parse, rename
from kpi_desktop.services.errors import ValidationError
from kpi_desktop.store.engine import sqlite_connection


@dataclass(frozen=True, slots=True)
class KpiRow:
    id: int
    name: str
    unit: str
    frequency: str
    calculation: str
    goal: str


def kpi_rows(s: Session) -> list[KpiRow]:
    """Every KPI's name, unit, frequency and formula (one query, no ORM objects)."""
    cursor = sqlite_connection(s).execute(
        "SELECT kpi.id, kpi.name, kpi.unit, kpi.frequency, kpi.calculation, goal.title "
        "FROM kpi JOIN goal ON goal.id = kpi.goal_id ORDER BY kpi.id"
    )
    return [KpiRow(*row) for row in cursor]


def parsed(text: str) -> Node:
    try:
        return parse(text)
    except FormulaError as exc:
        raise ValidationError("calculation", f"Formula: {exc.message}") from None


def resolve(text: str, rows: Iterable[KpiRow], *, field: str = "calculation") -> dict[str, KpiRow]:
    """The KPI each [name] of the formula names (by name_key); ValidationError naming an
    unknown or ambiguous name."""
    by_key: dict[str, list[KpiRow]] = {}
    for row in rows:
        by_key.setdefault(name_key(row.name), []).append(row)
    out: dict[str, KpiRow] = {}
    for name in names(parsed(text)):
        hits = by_key.get(name_key(name), [])
        if not hits:
            import difflib

            close = difflib.get_close_matches(name_key(name), list(by_key), n=3, cutoff=0.6)
            hint = (
                " (did you mean " + ", ".join(f"[{by_key[k][0].name}]" for k in close) + "?)"
                if close
                else ""
            )
            raise ValidationError(field, f"Unknown KPI [{name}] in the formula{hint}")
        if len(hits) > 1:
            goals = ", ".join(f'"{h.goal}"' for h in hits)
            raise ValidationError(
                field,
                f"Two KPIs are called [{name}] (in goals {goals}): rename one so the "
                "formula knows which it means",
            )
        out[name_key(name)] = hits[0]
    return out


def check_calculation(
    s: Session, kpi_id: int | None, name: str, text: str, frequency: str, unit: str
) -> str:
    """The formula as stored (input names spelt as the KPIs are), after checking that it
    reads, names known KPIs, makes no cycle, adds no values of different units and uses
    inputs of the KPI's own frequency. ValidationError names the problem."""
    rows = [r for r in kpi_rows(s) if r.id != kpi_id]
    me = KpiRow(kpi_id or -1, name, unit, frequency, text, "")
    tree = parsed(text)
    if any(name_key(n) == name_key(name) for n in names(tree)):
        raise ValidationError("calculation", f"Cycle: [{name}] cannot be calculated from itself")
    found = resolve(text, [*rows, me])
    for row in found.values():
        if row.frequency != frequency:
            raise ValidationError(
                "calculation",
                f"[{row.name}] is {row.frequency}, but [{name}] is {frequency}: the inputs of "
                "a calculated KPI must have its frequency",
            )
    graph = {name_key(r.name): _input_keys(r.calculation) for r in rows if r.calculation}
    graph[name_key(name)] = list(found)
    cycle = find_cycle(name_key(name), graph)
    if cycle is not None:
        spelt = {name_key(r.name): r.name for r in [*rows, me]}
        path = ", which uses ".join(f"[{spelt.get(k, k)}]" for k in cycle)
        raise ValidationError("calculation", f"Cycle: {path}")
    try:
        unit_of(tree, {key: row.unit for key, row in found.items()})
    except UnitClash as exc:
        raise ValidationError("calculation", str(exc)) from None
    stored = text.strip()
    for key, row in found.items():
        stored = rename(stored, _is(key), row.name)
    return stored


def _is(key: str) -> Callable[[str], bool]:
    return lambda name: name_key(name) == key


def _input_keys(text: str) -> list[str]:
    try:
        return [name_key(n) for n in names(parse(text))]
    except FormulaError:
        return []


def dependents(s: Session, kpi_ids: Iterable[int]) -> list[KpiRow]:
    """The calculated KPIs (other than these) whose formula names one of these KPIs."""
    rows = kpi_rows(s)
    wanted = set(kpi_ids)
    keys = {name_key(r.name) for r in rows if r.id in wanted}
    return [
        r
        for r in rows
        if r.calculation and r.id not in wanted and keys & set(_input_keys(r.calculation))
    ]


def refuse_deleting_inputs(s: Session, kpi_ids: Iterable[int], what: str) -> None:
    """Deleting an input of a calculated KPI that stays would leave its formula broken."""
    users = dependents(s, kpi_ids)
    if users:
        listed = ", ".join(f"[{r.name}]" for r in users)
        raise ValidationError(
            "calculation",
            f"{what} cannot be deleted: the calculated KPI {listed} uses it; change "
            "or delete that formula first",
        )


def rewrite_on_rename(s: Session, old: str, new: str) -> None:
    """Every formula naming [old] names [new] (in the rename's transaction)."""
    if name_key(old) == name_key(new) and old == new:
        return
    raw = sqlite_connection(s)
    for kpi_id, text in raw.execute(
        "SELECT id, calculation FROM kpi WHERE calculation != ''"
    ).fetchall():
        if name_key(old) in _input_keys(text):
            raw.execute(
                "UPDATE kpi SET calculation = ?, version = version + 1 WHERE id = ?",
                (rename(text, lambda n: name_key(n) == name_key(old), new), kpi_id),
            )


def recheck_all(s: Session) -> None:
    """Every calculated KPI's formula still holds (after a KPI was added, renamed, moved or
    had its unit or frequency changed); ValidationError naming the first that broke."""
    for row in kpi_rows(s):
        if row.calculation:
            try:
                check_calculation(s, row.id, row.name, row.calculation, row.frequency, row.unit)
            except ValidationError as exc:
                raise ValidationError(
                    exc.field, f"This would break the calculated KPI [{row.name}]: {exc}"
                ) from None

"""Evaluating a calculated KPI: per period, where every input has a value; its units and
the order of a chain of calculated KPIs.

Arithmetic is IEEE double, in the order the formula is written (``sum(a, b, c)`` is
``(a + b) + c``, ``avg`` that sum divided by the count), so the store's bulk recompute in
SQL gives the very same numbers. A division by zero, or a result beyond +/- MAX_MAGNITUDE,
gives no value for that period and a reason.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from kpi_desktop.domain.formulas.parser import Binary, Negate, Node, Number, Ref, refs
from kpi_desktop.domain.magnitude import MAX_MAGNITUDE

#: Look a KPI name up: the key its values are kept under (names match case-insensitively).
Key = Callable[[str], str]


def name_key(name: str) -> str:
    return " ".join(name.casefold().split())


class NoValue(Exception):
    """The formula has no value in one period; the reason says why."""


@dataclass(frozen=True, slots=True)
class Evaluated:
    values: dict[dt.date, float] = field(default_factory=dict)
    gaps: dict[dt.date, str] = field(default_factory=dict)  # period -> why it has no value


def value_at(node: Node, current: Mapping[str, float], previous: Mapping[str, float]) -> float:
    """The formula's value given the inputs' values (by name_key) in this period and the
    one before; NoValue when an input is missing or the result is not a number."""
    if isinstance(node, Number):
        return node.value
    if isinstance(node, Ref):
        where = previous if node.previous else current
        got = where.get(name_key(node.name))
        if got is None:
            when = "the period before" if node.previous else "this period"
            raise NoValue(f"[{node.name}] has no value for {when}")
        return got
    if isinstance(node, Negate):
        return -value_at(node.operand, current, previous)
    if isinstance(node, Binary):
        a = value_at(node.left, current, previous)
        b = value_at(node.right, current, previous)
        if node.op == "+":
            return a + b
        if node.op == "-":
            return a - b
        if node.op == "*":
            return a * b
        if b == 0:
            raise NoValue("division by zero")
        return a / b
    args = [value_at(arg, current, previous) for arg in node.args]
    if node.function == "min":
        return min(args)
    if node.function == "max":
        return max(args)
    total = args[0]
    for more in args[1:]:
        total = total + more
    return total if node.function == "sum" else total / len(args)


def checked(number: float) -> float:
    if not abs(number) <= MAX_MAGNITUDE:
        raise NoValue("the result is too large (beyond +/- 1e15)")
    return number


def evaluate(
    node: Node,
    series: Mapping[str, Mapping[dt.date, float]],
    previous_period: Callable[[dt.date], dt.date],
) -> Evaluated:
    """The formula per period: over the periods where every input named outside prev()
    has a value (`series` by name_key); prev([X]) looks X up at `previous_period(p)`."""
    direct = sorted({name_key(r.name) for r in refs(node) if not r.previous})
    lagged = sorted({name_key(r.name) for r in refs(node) if r.previous})
    if any(key not in series for key in direct):
        return Evaluated()
    first = series[direct[0]]
    periods = sorted(p for p in first if all(p in series[key] for key in direct[1:]))
    out = Evaluated()
    for period in periods:
        current = {key: series[key][period] for key in direct}
        before = previous_period(period)
        past = {key: series[key][before] for key in lagged if before in series.get(key, {})}
        if len(past) < len(lagged):
            continue  # no value for the period before: like a missing input, no reason
        try:
            out.values[period] = checked(value_at(node, current, past))
        except NoValue as why:
            out.gaps[period] = str(why)
        except OverflowError:
            out.gaps[period] = "the result is too large (beyond +/- 1e15)"
    return out


def evaluate_latest(
    node: Node, current: Mapping[str, float], previous: Mapping[str, float]
) -> float | None:
    """One period's value, or None (what-if: the inputs as the owner set them)."""
    try:
        value = checked(value_at(node, current, previous))
    except (NoValue, OverflowError):
        return None
    return value if math.isfinite(value) else None


# -- units -------------------------------------------------------------------------------

#: A unit as base units with powers: EUR/orders is {"eur": 1, "orders": -1}; a plain
#: number is {}. None: not known (a KPI with no unit), which matches anything.
Unit = dict[str, int] | None


class UnitClash(ValueError):
    pass


def unit_of(node: Node, units: Mapping[str, str]) -> Unit:
    """The unit of the formula given each input's unit text (by name_key); UnitClash when
    it adds, subtracts or compares values of different units (EUR + orders)."""
    if isinstance(node, Number):
        return None  # a number takes the unit of what it is added to
    if isinstance(node, Ref):
        text = units.get(name_key(node.name), "").strip()
        return {text: 1} if text else None
    if isinstance(node, Negate):
        return unit_of(node.operand, units)
    if isinstance(node, Binary):
        a, b = unit_of(node.left, units), unit_of(node.right, units)
        if node.op in ("+", "-"):
            return _same(a, b, node.op, node.left, node.right)
        if a is None or b is None:
            return a if b is None else (b if node.op == "*" else _power(b, -1))
        sign = 1 if node.op == "*" else -1
        out = dict(a)
        for base, power in b.items():
            out[base] = out.get(base, 0) + sign * power
        return {k: v for k, v in out.items() if v}
    unit: Unit = None
    for arg, node_arg in zip((unit_of(arg, units) for arg in node.args), node.args, strict=True):
        unit = _same(unit, arg, node.function, node.args[0], node_arg)
    return unit


def _power(unit: dict[str, int], n: int) -> dict[str, int]:
    return {k: v * n for k, v in unit.items()}


def _same(a: Unit, b: Unit, how: str, left: Node, right: Node) -> Unit:
    if a is None:
        return b
    if b is None or a == b:
        return a
    verb = {"+": "adds", "-": "subtracts", "sum": "sums", "avg": "averages"}.get(how, "compares")
    raise UnitClash(
        f"Unit clash: the formula {verb} {describe(left)} ({unit_text(a)}) and "
        f"{describe(right)} ({unit_text(b)}); only values of one unit add up"
    )


def unit_text(unit: Unit) -> str:
    if not unit:
        return "a plain number"
    top = [k if v == 1 else f"{k}^{v}" for k, v in sorted(unit.items()) if v > 0]
    bottom = [k if v == -1 else f"{k}^{-v}" for k, v in sorted(unit.items()) if v < 0]
    text = "·".join(top) or "1"
    return text + ("/" + "·".join(bottom) if bottom else "")


def describe(node: Node) -> str:
    names = [r.name for r in refs(node)]
    if not names:
        return "a number"
    return "[" + "], [".join(dict.fromkeys(names)) + "]"


# -- chains ------------------------------------------------------------------------------


def find_cycle(start: str, inputs: Mapping[str, list[str]]) -> list[str] | None:
    """A path start -> ... -> start through `inputs` (a calculated KPI's input names), or
    None when following inputs never comes back to `start`."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        here, path = stack.pop()
        for nxt in inputs.get(here, []):
            if nxt == start:
                return [*path, nxt]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def calculation_order(inputs: Mapping[str, list[str]]) -> list[str]:
    """The calculated KPIs (keys of `inputs`) so that each comes after the calculated
    KPIs it uses (inputs are acyclic: saving refuses a cycle)."""
    order: list[str] = []
    done: set[str] = set()

    def visit(key: str, depth: int) -> None:
        if key in done or depth > len(inputs):
            return
        for nxt in inputs.get(key, []):
            if nxt in inputs:
                visit(nxt, depth + 1)
        done.add(key)
        order.append(key)

    for key in inputs:
        visit(key, 0)
    return order

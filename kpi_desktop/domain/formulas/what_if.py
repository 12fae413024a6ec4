"""What-if over a calculated KPI's inputs: reading a change ("+5%", "-3%", "31"), and when
the target would be reached from a changed latest value at the recent trend."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from kpi_desktop.domain.values import parse_number


@dataclass(frozen=True, slots=True)
class Change:
    """A change of one input: by a share (``relative``: 0.05 is +5%) or to a value."""

    amount: float
    relative: bool

    def applied(self, value: float) -> float:
        return value * (1.0 + self.amount) if self.relative else self.amount

    def text(self) -> str:
        if self.relative:
            return f"{self.amount * 100:+g}%"
        return f"{self.amount:g}"


def parse_change(text: str) -> Change:
    """``+5%`` / ``-3 %`` (a share of the current value) or a value (``31``, ``€31``,
    ``1,250``); ValueError with a reason otherwise."""
    raw = text.strip()
    if not raw:
        raise ValueError("a change needs a value: +5%, -3% or a number")
    if raw.endswith("%"):
        body = raw[:-1].strip()
        try:
            share = float(body.replace(",", "."))
        except ValueError:
            raise ValueError(f"{raw!r} is not a percentage such as +5% or -3%") from None
        if not math.isfinite(share) or share <= -100:
            raise ValueError(f"{raw!r}: a value can fall by less than 100%")
        return Change(share / 100.0, relative=True)
    try:
        return Change(parse_number(raw), relative=False)
    except ValueError as exc:
        raise ValueError(f"{raw!r} {exc}") from None


def reach_period(
    latest: dt.date,
    value: float,
    slope: float | None,
    target: float | None,
    higher_is_better: bool,
    next_period: Callable[[dt.date, int], dt.date],
    limit: int = 600,
) -> dt.date | None:
    """The first period (from `latest` on) in which `value`, moving by `slope` per period,
    reaches `target`; None when it never does at that trend (or within `limit` periods)."""
    if target is None:
        return None
    reached = value >= target if higher_is_better else value <= target
    if reached:
        return latest
    if slope is None or slope == 0 or (slope > 0) != higher_is_better:
        return None
    steps = math.ceil((target - value) / slope - 1e-9)
    if steps > limit:
        return None
    return next_period(latest, max(steps, 1))

"""XmR (process behaviour) chart: natural process limits and the signals of real change.

The limits are mean -/+ 2.66 x mean moving range. Three rules tell a real change from
routine variation:

1. a value outside the limits;
2. a run of 8 or more values in a row on the same side of the mean (a value exactly on the
   mean belongs to neither side and ends the run);
3. 3 of 4 values in a row (or of the first 3) on the same side, each closer to that side's
   limit than to the mean.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

#: Scaling constant of XmR limits (3 / d2, d2 = 1.128 for moving ranges of 2).
XMR_SCALE = 2.66
#: d2 for moving ranges of two values: mean moving range / D2 estimates sigma.
D2 = 1.128
#: Length of a run on one side of the mean that signals a shift.
RUN_LENGTH = 8


@dataclass(frozen=True, slots=True)
class ProcessLimits:
    """Centre line and natural process limits of an XmR chart."""

    mean: float
    mean_moving_range: float
    lower: float
    upper: float

    @property
    def sigma(self) -> float:
        """Routine variation of one value, estimated as mean moving range / 1.128."""
        return self.mean_moving_range / D2


class SignalRule(StrEnum):
    OUTSIDE_LIMITS = "outside_limits"
    LONG_RUN = "long_run"
    NEAR_LIMIT = "near_limit"


@dataclass(frozen=True, slots=True)
class Signal:
    """A value that shows a real change, the rule it broke and why, in plain words."""

    index: int
    rule: SignalRule
    explanation: str


def natural_process_limits(values: Sequence[float]) -> ProcessLimits | None:
    """Mean, mean moving range and limits mean -/+ 2.66 x MR-bar; None for < 2 values."""
    if len(values) < 2:
        return None
    vals = [float(v) for v in values]
    low = min(vals)
    mean = low + math.fsum(v - low for v in vals) / len(vals)  # exact for constant values
    mmr = math.fsum(abs(b - a) for a, b in pairwise(vals)) / (len(vals) - 1)
    return ProcessLimits(mean, mmr, mean - XMR_SCALE * mmr, mean + XMR_SCALE * mmr)


def _side(v: float, mean: float) -> int:
    return (v > mean) - (v < mean)


def _fmt(x: float) -> str:
    return f"{x:,.2f}" if abs(x) >= 1 else f"{x:.3g}"


def _outside(values: Sequence[float], limits: ProcessLimits) -> list[Signal]:
    out = []
    for i, v in enumerate(values):
        if v > limits.upper:
            why = f"Above the upper limit ({_fmt(limits.upper)}): too high to be routine."
        elif v < limits.lower:
            why = f"Below the lower limit ({_fmt(limits.lower)}): too low to be routine."
        else:
            continue
        out.append(Signal(i, SignalRule.OUTSIDE_LIMITS, why))
    return out


def _long_runs(values: Sequence[float], limits: ProcessLimits) -> list[Signal]:
    out = []
    side, length = 0, 0
    for i, v in enumerate(values):
        s = _side(v, limits.mean)
        length = length + 1 if s == side and s != 0 else (1 if s != 0 else 0)
        side = s
        if length >= RUN_LENGTH:
            where = "above" if side > 0 else "below"
            why = f"{length} values in a row {where} the average: a lasting shift, not noise."
            out.append(Signal(i, SignalRule.LONG_RUN, why))
    return out


def _zone(x: float, limits: ProcessLimits) -> int:
    """+1 / -1 when ``x`` is closer to the upper / lower limit than to the mean, else 0."""
    if x > limits.mean and x > (limits.mean + limits.upper) / 2:
        return 1
    if x < limits.mean and x < (limits.mean + limits.lower) / 2:
        return -1
    return 0


def _near_limits(values: Sequence[float], limits: ProcessLimits) -> list[Signal]:
    out = []
    for i in range(2, len(values)):
        zone = _zone(values[i], limits)
        if zone == 0:
            continue
        window = values[max(0, i - 3) : i + 1]
        if sum(1 for x in window if _zone(x, limits) == zone) >= 3:
            where = "upper" if zone > 0 else "lower"
            why = f"3 of the last 4 values close to the {where} limit: a real, moderate shift."
            out.append(Signal(i, SignalRule.NEAR_LIMIT, why))
    return out


def detect_signals(values: Sequence[float], limits: ProcessLimits) -> list[Signal]:
    """Every value that breaks one of the three rules, ordered by index then rule.

    Run rule: the value that completes the 8th in a row is marked, and each following
    value while the run lasts. Near-limit rule: a value is marked when it is itself near
    the limit and completes 3 such values among the last 4 (or the first 3).
    """
    found = _outside(values, limits) + _long_runs(values, limits) + _near_limits(values, limits)
    order = list(SignalRule)
    return sorted(found, key=lambda s: (s.index, order.index(s.rule)))

"""Signals of real change in a KPI's recent values, dated and explained in one line.

The rules are :func:`kpi_desktop.domain.variation.xmr.detect_signals` (a value outside the natural
process limits; 8 in a row on one side of the average; 3 of 4 closer to a limit than to
the average). This module applies them the way the chart and the scorecard show them:

* the window is the last min(n, :data:`WINDOW`) values on or before the date, and the
  limits are computed from that same window (as the chart draws them);
* with fewer than :data:`MIN_VALUES` values there are no signals: limits from a handful of
  values are too loose or too tight to tell anything;
* a KPI shows **real change** when one of its last :data:`RECENT` values is a signal; the
  one-line explanation is about the latest such value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kpi_desktop.domain.periods import period_label
from kpi_desktop.domain.types import Direction, Frequency, Point
from kpi_desktop.domain.variation.sizing import WINDOW as SIZING_WINDOW
from kpi_desktop.domain.variation.xmr import (
    RUN_LENGTH,
    ProcessLimits,
    SignalRule,
    detect_signals,
    natural_process_limits,
)

#: The window of values the limits and signals are computed on (as for sizing and charts).
WINDOW = SIZING_WINDOW
#: Fewer values than this give no signals.
MIN_VALUES = 6
#: A KPI shows "real change" when one of its last RECENT values is a signal.
RECENT = 3

Formatter = Callable[[float], str]

#: Priority of the rules when one value breaks several: the strongest evidence first.
_RULE_ORDER = (SignalRule.OUTSIDE_LIMITS, SignalRule.LONG_RUN, SignalRule.NEAR_LIMIT)


def _plain(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"


def _side(v: float, mean: float) -> int:
    return (v > mean) - (v < mean)


@dataclass(frozen=True, slots=True)
class DatedSignal:
    """A value that signals real change: its period, value, rule and a one-line reason."""

    period: dt.date
    value: float
    rule: SignalRule
    explanation: str
    side: int = 0  # +1: the change is upwards (above the average), -1: downwards


@dataclass(frozen=True, slots=True)
class SignalReport:
    """The signals in a KPI's window of recent values."""

    limits: ProcessLimits | None
    window: tuple[dt.date, dt.date] | None
    signals: tuple[DatedSignal, ...]  # one per signalling value (its strongest rule), by date
    recent: tuple[dt.date, ...]  # the periods of the last RECENT values of the window

    @property
    def real_change(self) -> bool:
        """Whether one of the last RECENT values is a signal."""
        return self.latest_recent is not None

    @property
    def latest_recent(self) -> DatedSignal | None:
        recent = set(self.recent)
        hits = [s for s in self.signals if s.period in recent]
        return hits[-1] if hits else None

    @property
    def side(self) -> int:
        """+1 when the recent real change is upwards, -1 downwards, 0 without one."""
        latest = self.latest_recent
        return 0 if latest is None else latest.side

    @property
    def explanation(self) -> str:
        """One line for the chart header and the scorecard tag ("" without real change)."""
        latest = self.latest_recent
        return "" if latest is None else latest.explanation


def _explain(
    rule: SignalRule,
    index: int,
    values: Sequence[float],
    periods: Sequence[dt.date],
    limits: ProcessLimits,
    freq: Frequency,
    fmt: Formatter,
) -> str:
    when = period_label(periods[index], freq)
    v = values[index]
    if rule == SignalRule.OUTSIDE_LIMITS:
        if v > limits.upper:
            return (
                f"{when} ({fmt(v)}) is above the usual range (up to {fmt(limits.upper)}): "
                "too high to be chance."
            )
        return (
            f"{when} ({fmt(v)}) is below the usual range (down to {fmt(limits.lower)}): "
            "too low to be chance."
        )
    if rule == SignalRule.LONG_RUN:
        side = _side(v, limits.mean)
        start = index
        while start > 0 and _side(values[start - 1], limits.mean) == side:
            start -= 1
        n = index - start + 1
        where = "above" if side > 0 else "below"
        return (
            f"{n} values in a row {where} the average ({fmt(limits.mean)}) since "
            f"{period_label(periods[start], freq)}: a lasting shift, not noise."
        )
    where = "upper" if v > limits.mean else "lower"
    return (
        f"3 of the 4 values up to {when} are close to the {where} limit: a real, moderate "
        f"{'rise' if where == 'upper' else 'fall'}."
    )


def change_is_good(side: int, direction: Direction | str) -> bool | None:
    """Whether a change upwards (+1) or downwards (-1) is good news for a KPI of
    ``direction``; None for no change and for keep-within-a-range KPIs."""
    if side == 0 or Direction(direction) == Direction.RANGE:
        return None
    return (side > 0) == (Direction(direction) == Direction.INCREASE)


def signal_report(
    points: Sequence[Point],
    freq: Frequency,
    as_of: dt.date | None = None,
    fmt: Formatter = _plain,
    window: int = WINDOW,
) -> SignalReport:
    """The signals among the last min(n, ``window``) values on or before ``as_of``.

    ``points`` may hold more (older or later) values; only the window is used.
    """
    kept = sorted(
        (p for p in points if as_of is None or p.period <= as_of), key=lambda p: p.period
    )[-window:]
    periods = [p.period for p in kept]
    values = [float(p.value) for p in kept]
    limits = natural_process_limits(values)
    span = (periods[0], periods[-1]) if limits is not None else None
    recent = tuple(periods[-RECENT:])
    if limits is None or len(values) < MIN_VALUES:
        return SignalReport(limits, span, (), recent)
    strongest: dict[int, SignalRule] = {}
    for s in detect_signals(values, limits):
        known = strongest.get(s.index)
        if known is None or _RULE_ORDER.index(s.rule) < _RULE_ORDER.index(known):
            strongest[s.index] = s.rule
    signals = tuple(
        DatedSignal(
            periods[i],
            values[i],
            rule,
            _explain(rule, i, values, periods, limits, Frequency(freq), fmt),
            _side(values[i], limits.mean),
        )
        for i, rule in sorted(strongest.items())
    )
    return SignalReport(limits, span, signals, recent)


__all__ = [
    "MIN_VALUES",
    "change_is_good",
    "RECENT",
    "RUN_LENGTH",
    "WINDOW",
    "DatedSignal",
    "SignalReport",
    "signal_report",
]

"""Signals of real change in a KPI's recent values, dated and explained in one line.

The values on or before the date are cut into stretches at lasting shifts
(:mod:`.behaviour`, :mod:`.stretches`), and each value is judged against the stretch it falls
in, by the rules of :func:`kpi_desktop.domain.variation.xmr.detect_signals` (a value outside
the natural process limits; 8 in a row on one side of the central line; 3 of 4 closer to a
limit than to the central line). A trend stretch's values are judged against its sloped
limits. So once a shift has been recognised (a new stretch), the values of the new level
are no longer flagged: only new surprises are.

* with fewer than :data:`MIN_VALUES` values there are no signals: limits from a handful of
  values are too loose or too tight to tell anything;
* a KPI shows **real change** when one of its last :data:`RECENT` values is a signal, or
  when its latest value completed a new lasting shift (a stretch recognised just now: the
  month after, the shift is known and its level is the new normal); the one-line
  explanation is about the latest of these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kpi_desktop.domain.formatting import format_number
from kpi_desktop.domain.periods import PERIOD_WORD, period_label
from kpi_desktop.domain.types import Direction, Frequency, Point
from kpi_desktop.domain.variation.behaviour import Behaviour, DatedStretch, behaviour
from kpi_desktop.domain.variation.stretches import BASE
from kpi_desktop.domain.variation.xmr import (
    RUN_LENGTH,
    ProcessLimits,
    SignalRule,
    detect_signals,
)
from kpi_desktop.i18n.catalogue import translate

#: The window of values a stretch's limits come from (as for sizing and charts).
WINDOW = BASE
#: Fewer values than this give no signals.
MIN_VALUES = 6
#: A KPI shows "real change" when one of its last RECENT values is a signal.
RECENT = 3

Formatter = Callable[[float], str]

#: Priority of the rules when one value breaks several: the strongest evidence first.
_RULE_ORDER = (SignalRule.OUTSIDE_LIMITS, SignalRule.LONG_RUN, SignalRule.NEAR_LIMIT)


def _plain(value: float) -> str:
    return format_number(value, 2).rstrip("0").rstrip(",.") if value % 1 else format_number(value)


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
    """The signals in a KPI's recent values, each judged against its own stretch."""

    limits: ProcessLimits | None  # the latest stretch's (flat around its mean)
    window: tuple[dt.date, dt.date] | None  # the values the latest limits come from
    signals: tuple[DatedSignal, ...]  # one per signalling value (its strongest rule), by date
    recent: tuple[dt.date, ...]  # the periods of the last RECENT values
    behaviour: Behaviour | None = None
    new_shift: DatedSignal | None = None  # a shift completed by the latest value

    @property
    def real_change(self) -> bool:
        """Whether one of the last RECENT values is a signal, or the latest completed a
        shift."""
        return self.latest_recent is not None

    @property
    def latest_recent(self) -> DatedSignal | None:
        recent = set(self.recent)
        hits = [s for s in self.signals if s.period in recent]
        if self.new_shift is not None:
            hits.append(self.new_shift)
        return max(hits, key=lambda s: s.period) if hits else None

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
    stretch: DatedStretch,
    values: Sequence[float],
    fmt: Formatter,
) -> str:
    point = stretch.points[index]
    when = period_label(point.period, stretch.frequency)
    v = point.value
    if rule == SignalRule.OUTSIDE_LIMITS:
        if v > stretch.upper_on(point.period):
            return translate(
                "Signals", "{0} ({1}) is above the usual range (up to {2}): too high to be chance."
            ).format(when, fmt(v), fmt(stretch.upper_on(point.period)))
        return translate(
            "Signals", "{0} ({1}) is below the usual range (down to {2}): too low to be chance."
        ).format(when, fmt(v), fmt(stretch.lower_on(point.period)))
    mean = stretch.mean
    if rule == SignalRule.LONG_RUN:
        side = _side(values[index], mean)
        start = index
        while start > 0 and _side(values[start - 1], mean) == side:
            start -= 1
        n = index - start + 1
        line = (
            translate("Signals", "the trend line")
            if stretch.kind == "trend"
            else translate("Signals", "the average ({0})").format(fmt(mean))
        )
        run = (
            translate(
                "Signals", "{0} values in a row above {1} since {2}: a lasting shift, not noise."
            )
            if side > 0
            else translate(
                "Signals", "{0} values in a row below {1} since {2}: a lasting shift, not noise."
            )
        )
        return run.format(n, line, period_label(stretch.points[start].period, stretch.frequency))
    near = (
        translate(
            "Signals",
            "3 of the 4 values up to {0} are close to the upper limit: a real, moderate rise.",
        )
        if values[index] > mean
        else translate(
            "Signals",
            "3 of the 4 values up to {0} are close to the lower limit: a real, moderate fall.",
        )
    )
    return near.format(when)


def _moving(slope: float) -> str:
    return translate("Signals", "rising") if slope > 0 else translate("Signals", "falling")


def _shift_signal(before: DatedStretch, after: DatedStretch, fmt: Formatter) -> DatedSignal | None:
    """The shift that started ``after``, dated by the value that completed it."""
    if after.recognised is None:
        return None
    since = period_label(after.first, after.frequency)
    was = before.centre_on(after.first)
    now = after.centre_on(after.first) if after.kind == "trend" else after.mean
    side = _side(now, was)
    if after.kind == "trend":
        per = PERIOD_WORD.get(after.frequency, "period")
        slope = after.stretch.slope
        if before.kind == "trend":
            prior = before.stretch.slope
            was_text = translate("Signals", "after {0} about {1} a {2}").format(
                _moving(prior), fmt(abs(prior)), translate("Commentary", per)
            )
        else:
            was_text = translate("Signals", "after a steady level near {0}").format(
                fmt(before.mean)
            )
        text = translate(
            "Signals",
            "A new trend since {0} ({1} values): {2} about {3} a {4}, {5}: a lasting change, "
            "not noise.",
        ).format(
            since,
            after.count,
            _moving(slope),
            fmt(abs(slope)),
            translate("Commentary", per),
            was_text,
        )
        side = (slope > before.stretch.slope) - (slope < before.stretch.slope)
    else:
        level = (
            translate(
                "Signals",
                "A new level since {0} ({1} values): about {2}, up from {3}: a lasting change, "
                "not noise.",
            )
            if side > 0
            else translate(
                "Signals",
                "A new level since {0} ({1} values): about {2}, down from {3}: a lasting "
                "change, not noise.",
            )
        )
        text = level.format(since, after.count, fmt(now), fmt(was))
    point = next(p for p in after.points if p.period == after.recognised)
    rule = SignalRule.LONG_RUN if after.stretch.rule == "run" else SignalRule.OUTSIDE_LIMITS
    return DatedSignal(point.period, point.value, rule, text, side)


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
) -> SignalReport:
    """The signals among the last values on or before ``as_of``, each judged against its
    stretch. ``points`` may hold more (older or later) values."""
    now = behaviour(points, freq, as_of)
    latest = now.latest
    if latest is None:
        return SignalReport(None, None, (), (), now)
    periods = [p.period for p in now.points]
    recent = tuple(periods[-RECENT:])
    span = (latest.window[0].period, latest.window[-1].period)
    limits = latest.stretch.limits if len(latest.window) >= 2 else None
    if limits is None or len(periods) < MIN_VALUES:
        return SignalReport(limits, span if limits else None, (), recent, now)
    signals: list[DatedSignal] = []
    for stretch in now.stretches:
        if stretch.count < 2:
            continue
        values = stretch.detrended()
        strongest: dict[int, SignalRule] = {}
        for s in detect_signals(values, stretch.stretch.limits):
            known = strongest.get(s.index)
            if known is None or _RULE_ORDER.index(s.rule) < _RULE_ORDER.index(known):
                strongest[s.index] = s.rule
        signals += [
            DatedSignal(
                stretch.points[i].period,
                stretch.points[i].value,
                rule,
                _explain(rule, i, stretch, values, fmt),
                _side(values[i], stretch.mean),
            )
            for i, rule in sorted(strongest.items())
        ]
    shift = None
    previous = now.previous
    if previous is not None and latest.recognised == periods[-1]:
        shift = _shift_signal(previous, latest, fmt)
    return SignalReport(limits, span, tuple(signals), recent, now, shift)


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

"""Status of a KPI at a date: the contract of DESIGN.md ("Status, the contract").

Also documented for owners in ``resources/help/how-status-works.md``; the two must agree.

Decisions beyond the contract:

* An incomplete plan (increase/decrease without baseline value and date and target value
  and date, or a range KPI without both bounds) cannot be judged: status is ``NO_DATA``,
  with ``latest`` filled in but ``expected``, ``progress`` and ``gap`` None.
* When the target date is on or before the baseline date, the whole target is due at once:
  expected is the target value at every date.
* When the target equals the baseline (``T == b``) there is no distance to cover: the KPI is
  achieved if the value is on the good side of (or at) the target, else off track; progress
  and gap are None.
* Milestones dated on or outside the baseline and target dates are ignored (the baseline
  and the target win); two milestones on one date: the later in the sequence wins.
* Comparisons with the thresholds allow a rounding slack of 1e-9, so a gap of exactly
  -10 % computed in floating point is "on track" as the help page promises.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from kpi_desktop.domain.types import Direction, KpiTarget, Point, Status

_SLACK = 1e-9


@dataclass(frozen=True, slots=True)
class StatusReading:
    """The verdict at a date and the numbers behind it (gap > 0 is good)."""

    status: Status
    latest: Point | None
    expected: float | None
    progress: float | None
    gap: float | None


@dataclass(frozen=True, slots=True)
class _Plan:
    baseline: float
    baseline_date: dt.date
    target: float
    target_date: dt.date


def _plan(target: KpiTarget) -> _Plan | None:
    if target.direction == Direction.RANGE:
        return None
    b, tb = target.baseline_value, target.baseline_date
    t, tt = target.target_value, target.target_date
    if b is None or tb is None or t is None or tt is None:
        return None
    return _Plan(float(b), tb, float(t), tt)


def _knots(plan: _Plan, milestones: Sequence[Point]) -> list[tuple[int, float]]:
    inner: dict[int, float] = {}
    for m in sorted(milestones, key=lambda p: p.period):  # stable: later duplicates win
        if plan.baseline_date < m.period < plan.target_date:
            inner[m.period.toordinal()] = float(m.value)
    return [
        (plan.baseline_date.toordinal(), plan.baseline),
        *inner.items(),
        (plan.target_date.toordinal(), plan.target),
    ]


@dataclass(frozen=True, slots=True)
class OnTrackTest:
    """When one value counts as on track (or achieved) on a date, in plain numbers, so that
    many values can be judged at once elsewhere (a database query) exactly as
    :meth:`StatusRule.status` judges them one by one.

    A range KPI's value must lie in [low, high]. Any other KPI's value must reach
    ``target`` (at or above it when increasing, at or below it when decreasing), or have a
    gap of at least ``floor``: gap = (value - expected) / span, negated when decreasing,
    where expected is the line through ``knots`` (date ordinal, value) at the date, flat
    before the first knot and after the last. With a span of 0 only reaching counts.
    """

    direction: Direction
    low: float = 0.0
    high: float = 0.0
    target: float = 0.0
    knots: tuple[tuple[int, float], ...] = ()
    span: float = 0.0
    floor: float = 0.0


class StatusRule:
    """One plan's status rule, worked out once: judging many values against the same plan
    (a streak over years of daily values) costs a bisection each, not a fresh plan.

    ``expected_at`` and ``status_at`` are this rule applied once, so the two always agree.
    """

    __slots__ = ("_flat", "_plan", "_tol", "_xs", "_ys", "target")

    def __init__(self, target: KpiTarget) -> None:
        self.target = target
        self._tol = max(float(target.tolerance), 0.0)
        self._plan = _plan(target)
        self._flat: float | None = None  # the expected value at every date, if it is flat
        self._xs: list[int] = []
        self._ys: list[float] = []
        if self._plan is not None:
            if self._plan.target_date <= self._plan.baseline_date:
                self._flat = self._plan.target
            else:
                knots = _knots(self._plan, target.milestones)
                self._xs = [x for x, _ in knots]
                self._ys = [y for _, y in knots]

    def expected(self, d: dt.date) -> float | None:
        """Where the plan says the value should be on date ``d`` (see :func:`expected_at`)."""
        if self._plan is None:
            return None
        if self._flat is not None:
            return self._flat
        xs, ys = self._xs, self._ys
        x = d.toordinal()
        if x <= xs[0]:
            return ys[0]
        if x >= xs[-1]:
            return ys[-1]
        i = bisect.bisect_right(xs, x)  # xs[i-1] <= x < xs[i]
        x0, y0, x1, y1 = xs[i - 1], ys[i - 1], xs[i], ys[i]
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0)

    def on_track_test(self) -> OnTrackTest | None:
        """The numbers behind "on track or achieved" (None when no value can be: an
        incomplete plan)."""
        target = self.target
        if target.direction == Direction.RANGE:
            if target.range_low is None or target.range_high is None:
                return None
            lo, hi = sorted((float(target.range_low), float(target.range_high)))
            return OnTrackTest(Direction.RANGE, low=lo, high=hi)
        plan = self._plan
        if plan is None:
            return None
        flat = self._flat
        knots = ((0, flat),) if flat is not None else tuple(zip(self._xs, self._ys, strict=True))
        return OnTrackTest(
            Direction(target.direction),
            target=plan.target,
            knots=knots,
            span=abs(plan.target - plan.baseline),
            floor=-self._tol - _SLACK,
        )

    def status(self, latest: Point, d: dt.date) -> Status:
        """Only the status of :meth:`reading`: what judging a long series needs."""
        if self.target.direction == Direction.RANGE:
            return _range_reading(self.target, latest, self._tol).status
        expected = self.expected(d)
        if expected is None:
            return Status.NO_DATA
        return self._verdict(latest.value, expected)[0]

    def reading(self, latest: Point | None, d: dt.date) -> StatusReading:
        """The verdict on date ``d`` when ``latest`` is the latest value then (see
        :func:`status_at`)."""
        expected = self.expected(d)
        if latest is None:
            return StatusReading(Status.NO_DATA, None, expected, None, None)
        if self.target.direction == Direction.RANGE:
            return _range_reading(self.target, latest, self._tol)
        if expected is None:
            return StatusReading(Status.NO_DATA, latest, None, None, None)
        status, gap = self._verdict(latest.value, expected)
        return StatusReading(status, latest, expected, progress(self.target, latest.value), gap)

    def _verdict(self, v: float, expected: float) -> tuple[Status, float | None]:
        """Status and gap of value ``v`` against ``expected`` (a complete plan)."""
        plan = self._plan
        assert plan is not None
        b, t = plan.baseline, plan.target
        increasing = self.target.direction == Direction.INCREASE
        gap: float | None = None
        if t != b:
            gap = (v - expected) / abs(t - b)
            if not increasing:
                gap = -gap
        if v >= t if increasing else v <= t:
            return Status.ACHIEVED, gap
        if gap is None:
            return Status.OFF_TRACK, gap  # T == b and not reached: on the wrong side
        return _grade(gap, self._tol), gap


def expected_at(target: KpiTarget, d: dt.date) -> float | None:
    """Where the plan says the value should be on date ``d``.

    Linear from (baseline date, baseline) to (target date, target), through the milestones
    when there are any, and flat outside those dates. None for range KPIs and incomplete
    plans; the target value at every date when the target date is not after the baseline
    date.
    """
    return StatusRule(target).expected(d)


def progress(target: KpiTarget, v: float) -> float | None:
    """Share of the way from baseline to target: (v - b) / (T - b).

    None for range KPIs, incomplete baseline/target values, or T == b.
    """
    if target.direction == Direction.RANGE:
        return None
    b, t = target.baseline_value, target.target_value
    if b is None or t is None or t == b:
        return None
    return (v - b) / (t - b)


def latest_on_or_before(points: Sequence[Point], d: dt.date) -> Point | None:
    """The measurement with the latest period on or before ``d`` (ties: the later one)."""
    latest: Point | None = None
    for p in points:
        if p.period <= d and (latest is None or p.period >= latest.period):
            latest = p
    return latest


def status_at(target: KpiTarget, points: Sequence[Point], d: dt.date) -> StatusReading:
    """Status of a KPI on date ``d`` from its plan and its measurements.

    ``NO_DATA`` when there is no measurement on or before ``d`` (``expected`` is still
    given when the plan has one), or when the plan is incomplete (see the module notes).
    """
    return StatusRule(target).reading(latest_on_or_before(points, d), d)


def _grade(gap: float, tol: float) -> Status:
    if gap >= -tol - _SLACK:
        return Status.ON_TRACK
    if gap >= -2.0 * tol - _SLACK:
        return Status.AT_RISK
    return Status.OFF_TRACK


def _range_reading(target: KpiTarget, latest: Point, tol: float) -> StatusReading:
    """Keep within [lo, hi]: gap is minus the distance outside, as a share of hi - lo."""
    if target.range_low is None or target.range_high is None:
        return StatusReading(Status.NO_DATA, latest, None, None, None)
    lo, hi = sorted((float(target.range_low), float(target.range_high)))
    v = latest.value
    outside = max(lo - v, v - hi, 0.0)
    width = hi - lo
    if outside == 0.0:
        return StatusReading(Status.ON_TRACK, latest, None, None, 0.0)
    if width == 0.0:
        return StatusReading(Status.OFF_TRACK, latest, None, None, None)
    gap = -outside / width
    status = Status.AT_RISK if gap >= -tol - _SLACK else Status.OFF_TRACK
    return StatusReading(status, latest, None, None, gap)

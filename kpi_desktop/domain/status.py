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


def expected_at(target: KpiTarget, d: dt.date) -> float | None:
    """Where the plan says the value should be on date ``d``.

    Linear from (baseline date, baseline) to (target date, target), through the milestones
    when there are any, and flat outside those dates. None for range KPIs and incomplete
    plans; the target value at every date when the target date is not after the baseline
    date.
    """
    plan = _plan(target)
    if plan is None:
        return None
    if plan.target_date <= plan.baseline_date:
        return plan.target
    knots = _knots(plan, target.milestones)
    x = d.toordinal()
    if x <= knots[0][0]:
        return knots[0][1]
    if x >= knots[-1][0]:
        return knots[-1][1]
    i = bisect.bisect_right([k[0] for k in knots], x)  # knots[i-1].x <= x < knots[i].x
    (x0, y0), (x1, y1) = knots[i - 1], knots[i]
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)


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
    latest = latest_on_or_before(points, d)
    expected = expected_at(target, d)
    if latest is None:
        return StatusReading(Status.NO_DATA, None, expected, None, None)
    tol = max(float(target.tolerance), 0.0)
    if target.direction == Direction.RANGE:
        return _range_reading(target, latest, tol)
    plan = _plan(target)
    if plan is None or expected is None:
        return StatusReading(Status.NO_DATA, latest, None, None, None)

    v, b, t = latest.value, plan.baseline, plan.target
    increasing = target.direction == Direction.INCREASE
    reached = v >= t if increasing else v <= t
    prog = progress(target, v)
    gap: float | None = None
    if t != b:
        gap = (v - expected) / abs(t - b)
        if not increasing:
            gap = -gap

    if reached:
        status = Status.ACHIEVED
    elif gap is None:
        status = Status.OFF_TRACK  # T == b and not reached: on the wrong side
    else:
        status = _grade(gap, tol)
    return StatusReading(status, latest, expected, prog, gap)


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

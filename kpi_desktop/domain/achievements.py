"""Achievements derived from a KPI's data: targets and milestones hit, streaks, best values.

Nothing here is typed in by the user; every achievement is computed from the values and
the plan, so it appears, and disappears, with the data. The rules:

* **Target reached**: the first period, on or after the baseline date, whose value reached
  the target (at or above it when higher is better, at or below it when lower is better).
  Dated on that period. Keep-within-a-range KPIs have no target to reach.
* **Milestone hit**: each milestone strictly between the baseline and the target date (the
  ones the status uses) whose own period's value reached it. The period is the one of the
  KPI's frequency that contains the milestone's date: a 1 April milestone of a monthly KPI
  is judged on April's value.
* **Streak**: periods in a row, from the baseline date on (the plan's life; every period
  for a range KPI), whose value was on track (or achieved) when it was judged, with
  ``status_at`` on the day its value became due (the day after the period), using only
  that value as the latest. A period without a value breaks the streak. The longest
  streak, and the current one (ending at the latest value) when it differs, are listed
  from :data:`MIN_STREAK` periods on.
* **Best value**: the best value ever in the good direction (the first one, on a tie),
  once a KPI has :data:`MIN_VALUES_FOR_BEST` values. Range KPIs have none.

An :class:`Achievement` is dated on the first day of the period it is about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from kpi_desktop.domain.due import span_text
from kpi_desktop.domain.periods import next_period, period_index, period_label, period_start
from kpi_desktop.domain.status import status_at
from kpi_desktop.domain.types import Direction, Frequency, KpiTarget, Point, Status

#: A streak is worth listing from this many on-track periods in a row.
MIN_STREAK = 3
#: The best value is worth listing once there are this many values.
MIN_VALUES_FOR_BEST = 3

_PERIOD_WORDS = {
    Frequency.DAILY: "day",
    Frequency.WEEKLY: "week",
    Frequency.MONTHLY: "month",
    Frequency.QUARTERLY: "quarter",
    Frequency.YEARLY: "year",
}
_GOOD = (Status.ON_TRACK, Status.ACHIEVED)


class AchievementKind(StrEnum):
    TARGET = "target"
    MILESTONE = "milestone"
    STREAK = "streak"
    BEST = "best"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    AchievementKind.TARGET: "Target reached",
    AchievementKind.MILESTONE: "Milestone hit",
    AchievementKind.STREAK: "On-track streak",
    AchievementKind.BEST: "Best value",
}

#: The kinds a newly entered value is celebrated for.
CELEBRATED: frozenset[AchievementKind] = frozenset(
    {AchievementKind.TARGET, AchievementKind.MILESTONE}
)


@dataclass(frozen=True, slots=True)
class Achievement:
    """One thing a KPI achieved: kind, KPI name, the date it happened and a plain sentence.

    ``date`` is the first day of the period the achievement is about; ``value`` the value
    that made it (None for a streak).
    """

    kind: str
    kpi: str
    date: dt.date
    text: str
    value: float | None = None


@dataclass(frozen=True, slots=True)
class Streak:
    """On-track periods in a row: the first and last period and how many."""

    first: dt.date
    last: dt.date
    length: int


@dataclass(frozen=True, slots=True)
class Streaks:
    longest: Streak | None
    current: Streak | None  # the streak that ends at the latest value, if any


Formatter = Callable[[float], str]


def _plain(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"


def _reached(value: float, goal: float, direction: Direction) -> bool:
    return value >= goal if direction == Direction.INCREASE else value <= goal


def _sorted(points: Iterable[Point]) -> list[Point]:
    return sorted(points, key=lambda p: p.period)


def _in_plan(points: list[Point], target: KpiTarget, freq: Frequency) -> list[Point]:
    """The values from the baseline date's period on."""
    if target.baseline_date is None:
        return points
    start = period_start(target.baseline_date, freq)
    return [p for p in points if p.period >= start]


def target_reached(
    name: str,
    target: KpiTarget,
    points: Sequence[Point],
    freq: Frequency,
    fmt: Formatter = _plain,
) -> Achievement | None:
    """The first period (on or after the baseline date) whose value reached the target."""
    if target.direction == Direction.RANGE or target.target_value is None:
        return None
    goal = float(target.target_value)
    for p in _in_plan(_sorted(points), target, freq):
        if _reached(p.value, goal, target.direction):
            when = period_label(p.period, freq)
            return Achievement(
                AchievementKind.TARGET,
                name,
                p.period,
                f"Target reached: {fmt(p.value)} in {when} (target {fmt(goal)})",
                p.value,
            )
    return None


def milestones_hit(
    name: str,
    target: KpiTarget,
    points: Sequence[Point],
    freq: Frequency,
    fmt: Formatter = _plain,
) -> list[Achievement]:
    """Each milestone (between the baseline and target dates) its period's value reached."""
    if target.direction == Direction.RANGE:
        return []
    by_period = {period_start(p.period, freq): p for p in points}
    out = []
    for m in sorted(target.milestones, key=lambda m: m.period):
        if target.baseline_date is not None and m.period <= target.baseline_date:
            continue
        if target.target_date is not None and m.period >= target.target_date:
            continue
        p = by_period.get(period_start(m.period, freq))
        if p is None or not _reached(p.value, m.value, target.direction):
            continue
        when = period_label(p.period, freq)
        out.append(
            Achievement(
                AchievementKind.MILESTONE,
                name,
                p.period,
                f"Milestone hit: {fmt(p.value)} in {when} (milestone {fmt(m.value)})",
                p.value,
            )
        )
    return out


def on_track_flags(
    target: KpiTarget, points: Sequence[Point], freq: Frequency
) -> list[tuple[Point, bool]]:
    """Each value from the baseline date's period on, and whether it was on track (or
    achieved) on the day its value became due."""
    out = []
    for p in _in_plan(_sorted(points), target, freq):
        judged = next_period(p.period, freq)
        out.append((p, status_at(target, [p], judged).status in _GOOD))
    return out


def streaks(target: KpiTarget, points: Sequence[Point], freq: Frequency) -> Streaks:
    """The longest run of on-track periods in a row, and the run that ends at the latest
    value (a period without a value breaks a run)."""
    longest: Streak | None = None
    run: Streak | None = None
    prev: int | None = None
    for p, good in on_track_flags(target, points, freq):
        i = period_index(p.period, freq)
        if not good:
            run = None
        elif run is not None and prev is not None and i == prev + 1:
            run = Streak(run.first, p.period, run.length + 1)
        else:
            run = Streak(p.period, p.period, 1)
        prev = i
        if run is not None and (longest is None or run.length > longest.length):
            longest = run
    return Streaks(longest, run)


def _streak_text(streak: Streak, freq: Frequency, *, longest: bool, current: bool) -> str:
    word = _PERIOD_WORDS[Frequency(freq)]
    span = span_text(streak.first, streak.last, freq)
    if current and longest:
        return f"On track {streak.length} {word}s in a row and counting ({span}): a record"
    if current:
        return f"On track {streak.length} {word}s in a row and counting ({span})"
    return f"Longest streak: on track {streak.length} {word}s in a row ({span})"


def streak_achievements(
    name: str, target: KpiTarget, points: Sequence[Point], freq: Frequency
) -> list[Achievement]:
    """The longest streak and the current one (when different), from MIN_STREAK periods."""
    found = streaks(target, points, freq)
    out = []
    longest, current = found.longest, found.current
    if longest is not None and longest.length >= MIN_STREAK:
        is_current = current == longest
        text = _streak_text(longest, freq, longest=True, current=is_current)
        out.append(Achievement(AchievementKind.STREAK, name, longest.last, text))
    if current is not None and current != longest and current.length >= MIN_STREAK:
        text = _streak_text(current, freq, longest=False, current=True)
        out.append(Achievement(AchievementKind.STREAK, name, current.last, text))
    return out


def best_value(
    name: str,
    target: KpiTarget,
    points: Sequence[Point],
    freq: Frequency,
    fmt: Formatter = _plain,
) -> Achievement | None:
    """The best value ever in the good direction (the earliest, on a tie)."""
    if target.direction == Direction.RANGE or len(points) < MIN_VALUES_FOR_BEST:
        return None
    best: Point | None = None
    for p in _sorted(points):
        if best is None or (
            p.value > best.value if target.direction == Direction.INCREASE else p.value < best.value
        ):
            best = p
    assert best is not None
    word = _PERIOD_WORDS[Frequency(freq)]
    return Achievement(
        AchievementKind.BEST,
        name,
        best.period,
        f"Best {word} yet: {fmt(best.value)} in {period_label(best.period, freq)}",
        best.value,
    )


def kpi_achievements(
    name: str,
    target: KpiTarget,
    points: Sequence[Point],
    freq: Frequency,
    fmt: Formatter = _plain,
    kinds: Collection[str] = tuple(AchievementKind),
) -> list[Achievement]:
    """Every achievement of one KPI (of the ``kinds`` asked for), oldest first."""
    freq = Frequency(freq)
    out: list[Achievement] = []
    if AchievementKind.TARGET in kinds:
        reached = target_reached(name, target, points, freq, fmt)
        out += [reached] if reached else []
    if AchievementKind.MILESTONE in kinds:
        out += milestones_hit(name, target, points, freq, fmt)
    if AchievementKind.STREAK in kinds:
        out += streak_achievements(name, target, points, freq)
    if AchievementKind.BEST in kinds:
        best = best_value(name, target, points, freq, fmt)
        out += [best] if best else []
    return sorted(out, key=lambda a: a.date)


def achievements_since(
    achievements: Iterable[Achievement], since: dt.date | None = None
) -> list[Achievement]:
    """The achievements dated on or after ``since`` (all for None), newest first."""
    kept = [a for a in achievements if since is None or a.date >= since]
    order = list(AchievementKind)
    return sorted(
        kept,
        key=lambda a: (
            -a.date.toordinal(),
            order.index(AchievementKind(a.kind)) if a.kind in order else len(order),
            a.kpi,
        ),
    )


def new_achievements(
    before: Iterable[Achievement], after: Iterable[Achievement]
) -> list[Achievement]:
    """What ``after`` has that ``before`` had not (by kind, KPI and date), oldest first."""
    seen = {(a.kind, a.kpi, a.date) for a in before}
    return sorted((a for a in after if (a.kind, a.kpi, a.date) not in seen), key=lambda a: a.date)


__all__ = [
    "CELEBRATED",
    "MIN_STREAK",
    "MIN_VALUES_FOR_BEST",
    "Achievement",
    "AchievementKind",
    "Streak",
    "Streaks",
    "achievements_since",
    "best_value",
    "kpi_achievements",
    "milestones_hit",
    "new_achievements",
    "on_track_flags",
    "streak_achievements",
    "streaks",
    "target_reached",
]

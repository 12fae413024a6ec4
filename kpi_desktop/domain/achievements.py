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

The functions below apply the rules to a KPI's values in memory. A reader of a database can
find the same facts with queries (the first value reaching the target, the value of a
milestone's period, the best value, the on-track flags of a run of values) and build the
achievements from them with the same functions (:func:`target_achievement`,
:func:`milestone_achievement`, :func:`best_achievement`, :func:`streak_runs`,
:func:`describe_streaks`, :func:`assemble`), so the words and dates cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from kpi_desktop.domain.due import span_text
from kpi_desktop.domain.periods import (
    CALENDAR_YEAR,
    FiscalYear,
    add_periods,
    last_complete_period,
    next_period,
    period_index,
    period_label,
    period_start,
)
from kpi_desktop.domain.status import StatusRule
from kpi_desktop.domain.types import Direction, Frequency, KpiTarget, Point, Status
from kpi_desktop.i18n.catalogue import QT_TRANSLATE_NOOP, translate

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
        return translate("Achievement", _KIND_LABELS[self])


_KIND_LABELS = {
    AchievementKind.TARGET: QT_TRANSLATE_NOOP("Achievement", "Target reached"),
    AchievementKind.MILESTONE: QT_TRANSLATE_NOOP("Achievement", "Milestone hit"),
    AchievementKind.STREAK: QT_TRANSLATE_NOOP("Achievement", "On-track streak"),
    AchievementKind.BEST: QT_TRANSLATE_NOOP("Achievement", "Best value"),
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


def higher_is_better(direction: Direction) -> bool:
    """Whether a KPI of ``direction`` reaches a goal from below (else from above)."""
    return direction == Direction.INCREASE


def reaches(value: float, goal: float, direction: Direction) -> bool:
    """Whether ``value`` reached ``goal``: at or above it when higher is better, at or below
    it otherwise."""
    return value >= goal if higher_is_better(direction) else value <= goal


def _sorted(points: Iterable[Point]) -> list[Point]:
    return sorted(points, key=lambda p: p.period)


def plan_start(
    target: KpiTarget, freq: Frequency, fiscal: FiscalYear = CALENDAR_YEAR
) -> dt.date | None:
    """The first period a target or a streak counts from: the baseline date's (None: every
    period counts)."""
    if target.baseline_date is None:
        return None
    return period_start(target.baseline_date, freq, fiscal=fiscal)


def _in_plan(points: list[Point], target: KpiTarget, freq: Frequency) -> list[Point]:
    """The values from the baseline date's period on."""
    start = plan_start(target, freq)
    return points if start is None else [p for p in points if p.period >= start]


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
        if reaches(p.value, goal, target.direction):
            return target_achievement(name, target, p, freq, fmt)
    return None


def target_achievement(
    name: str,
    target: KpiTarget,
    p: Point,
    freq: Frequency,
    fmt: Formatter = _plain,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> Achievement:
    """The achievement of value ``p`` reaching the target (the first to, in the plan)."""
    goal = float(target.target_value or 0.0)
    when = period_label(p.period, freq, fiscal=fiscal)
    return Achievement(
        AchievementKind.TARGET,
        name,
        p.period,
        f"Target reached: {fmt(p.value)} in {when} (target {fmt(goal)})",
        p.value,
    )


def counted_milestones(target: KpiTarget) -> list[Point]:
    """The milestones that can be hit, by date: those strictly between the baseline date
    and the target date (none for a range KPI)."""
    if target.direction == Direction.RANGE:
        return []
    return [
        m
        for m in sorted(target.milestones, key=lambda m: m.period)
        if (target.baseline_date is None or m.period > target.baseline_date)
        and (target.target_date is None or m.period < target.target_date)
    ]


def milestones_hit(
    name: str,
    target: KpiTarget,
    points: Sequence[Point],
    freq: Frequency,
    fmt: Formatter = _plain,
) -> list[Achievement]:
    """Each milestone (between the baseline and target dates) its period's value reached."""
    by_period = {period_start(p.period, freq): p for p in points}
    out = []
    for m in counted_milestones(target):
        p = by_period.get(period_start(m.period, freq))
        if p is not None and reaches(p.value, m.value, target.direction):
            out.append(milestone_achievement(name, p, m, freq, fmt))
    return out


def milestone_achievement(
    name: str,
    p: Point,
    milestone: Point,
    freq: Frequency,
    fmt: Formatter = _plain,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> Achievement:
    """The achievement of value ``p`` (of the milestone's period) reaching ``milestone``."""
    when = period_label(p.period, freq, fiscal=fiscal)
    return Achievement(
        AchievementKind.MILESTONE,
        name,
        p.period,
        f"Milestone hit: {fmt(p.value)} in {when} (milestone {fmt(milestone.value)})",
        p.value,
    )


def on_track_flags(
    target: KpiTarget, points: Sequence[Point], freq: Frequency
) -> list[tuple[Point, bool]]:
    """Each value from the baseline date's period on, and whether it was on track (or
    achieved) on the day its value became due."""
    rule = StatusRule(target)
    return [
        (p, rule.status(p, next_period(p.period, freq)) in _GOOD)
        for p in _in_plan(_sorted(points), target, freq)
    ]


def streaks(target: KpiTarget, points: Sequence[Point], freq: Frequency) -> Streaks:
    """The longest run of on-track periods in a row, and the run that ends at the latest
    value (a period without a value breaks a run)."""
    flagged = on_track_flags(target, points, freq)
    flags = "".join("1" if good else "0" for _, good in flagged)
    indices = [period_index(p.period, freq) for p, _ in flagged]
    longest, current = streak_runs(flags, indices)

    def streak(run: Run | None) -> Streak | None:
        if run is None:
            return None
        start, length = run
        return Streak(flagged[start][0].period, flagged[start + length - 1][0].period, length)

    return Streaks(streak(longest), streak(current))


#: A run of on-track values: the position of its first value and how many.
Run = tuple[int, int]


def streak_runs(flags: str, indices: Sequence[int] | None = None) -> tuple[Run | None, Run | None]:
    """The longest run (the earliest, on a tie) and the run at the end, in a row of values
    flagged ``"1"`` (on track) or ``"0"``, oldest first, as (first position, length).

    ``indices`` are the values' period indices (see ``period_index``): a run breaks where
    one does not follow the one before. None says every one does (no period is missing),
    and the runs are found with string operations, so a long history stays quick.
    """
    if not flags:
        return None, None
    if indices is None:
        size = max(map(len, flags.split("0")))
        longest = (flags.find("1" * size), size) if size else None
        tail = len(flags) - len(flags.rstrip("1"))
        return longest, (len(flags) - tail, tail) if tail else None
    best: Run | None = None
    run: Run | None = None
    prev: int | None = None
    for pos, (flag, i) in enumerate(zip(flags, indices, strict=True)):
        if flag != "1":
            run = None
        elif run is not None and prev is not None and i == prev + 1:
            run = (run[0], run[1] + 1)
        else:
            run = (pos, 1)
        prev = i
        if run is not None and (best is None or run[1] > best[1]):
            best = run
    return best, run


def _streak_text(
    streak: Streak, freq: Frequency, fiscal: FiscalYear, *, longest: bool, current: bool
) -> str:
    word = _PERIOD_WORDS[Frequency(freq)]
    span = span_text(streak.first, streak.last, freq, fiscal)
    if current and longest:
        return f"On track {streak.length} {word}s in a row and counting ({span}): a record"
    if current:
        return f"On track {streak.length} {word}s in a row and counting ({span})"
    return f"Longest streak: on track {streak.length} {word}s in a row ({span})"


def streak_achievements(
    name: str, target: KpiTarget, points: Sequence[Point], freq: Frequency
) -> list[Achievement]:
    """The longest streak and the current one (when different), from MIN_STREAK periods."""
    return describe_streaks(name, streaks(target, points, freq), freq)


def describe_streaks(
    name: str, found: Streaks, freq: Frequency, fiscal: FiscalYear = CALENDAR_YEAR
) -> list[Achievement]:
    """The achievements of the longest and current streaks (when different), from
    MIN_STREAK periods."""
    out = []
    longest, current = found.longest, found.current
    if longest is not None and longest.length >= MIN_STREAK:
        is_current = current == longest
        text = _streak_text(longest, freq, fiscal, longest=True, current=is_current)
        out.append(Achievement(AchievementKind.STREAK, name, longest.last, text))
    if current is not None and current != longest and current.length >= MIN_STREAK:
        text = _streak_text(current, freq, fiscal, longest=False, current=True)
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
    higher = higher_is_better(target.direction)
    best: Point | None = None
    for p in _sorted(points):
        if best is None or (p.value > best.value if higher else p.value < best.value):
            best = p
    assert best is not None
    return best_achievement(name, best, freq, fmt)


def best_achievement(
    name: str,
    p: Point,
    freq: Frequency,
    fmt: Formatter = _plain,
    fiscal: FiscalYear = CALENDAR_YEAR,
) -> Achievement:
    """The achievement of ``p`` being the best value yet."""
    word = _PERIOD_WORDS[Frequency(freq)]
    return Achievement(
        AchievementKind.BEST,
        name,
        p.period,
        f"Best {word} yet: {fmt(p.value)} in {period_label(p.period, freq, fiscal=fiscal)}",
        p.value,
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
    k = AchievementKind
    return assemble(
        target_reached(name, target, points, freq, fmt) if k.TARGET in kinds else None,
        milestones_hit(name, target, points, freq, fmt) if k.MILESTONE in kinds else [],
        streak_achievements(name, target, points, freq) if k.STREAK in kinds else [],
        best_value(name, target, points, freq, fmt) if k.BEST in kinds else None,
    )


def assemble(
    reached: Achievement | None,
    milestones: Iterable[Achievement],
    streak_list: Iterable[Achievement],
    best: Achievement | None,
) -> list[Achievement]:
    """One KPI's achievements, oldest first (on one date: target, milestones, streaks, best)."""
    out = [reached] if reached else []
    out += milestones
    out += streak_list
    out += [best] if best else []
    return sorted(out, key=lambda a: a.date)


def achievements_since(
    achievements: Iterable[Achievement], since: dt.date | None = None
) -> list[Achievement]:
    """The achievements dated on or after ``since`` (all for None), newest first."""
    kept = [a for a in achievements if since is None or a.date >= since]
    return sorted(kept, key=newest_first)


_KIND_ORDER: dict[str, int] = {kind: i for i, kind in enumerate(AchievementKind)}


def newest_first(a: Achievement) -> tuple[int, int, str]:
    """Sort key of a list of achievements: newest first, then by kind, then by KPI."""
    return (-a.date.toordinal(), _KIND_ORDER.get(a.kind, len(_KIND_ORDER)), a.kpi)


def new_achievements(
    before: Iterable[Achievement], after: Iterable[Achievement]
) -> list[Achievement]:
    """What ``after`` has that ``before`` had not (by kind, KPI and date), oldest first."""
    seen = {(a.kind, a.kpi, a.date) for a in before}
    return sorted((a for a in after if (a.kind, a.kpi, a.date) not in seen), key=lambda a: a.date)


def news_from(as_of: dt.date, freq: Frequency) -> dt.date:
    """The first period whose achievements are still news on ``as_of``: one of the latest
    three complete periods. A value entered for an older period makes no celebration."""
    return add_periods(last_complete_period(as_of, freq), freq, -2)


__all__ = [
    "CELEBRATED",
    "MIN_STREAK",
    "MIN_VALUES_FOR_BEST",
    "Achievement",
    "AchievementKind",
    "Run",
    "Streak",
    "Streaks",
    "achievements_since",
    "assemble",
    "best_achievement",
    "best_value",
    "higher_is_better",
    "counted_milestones",
    "describe_streaks",
    "kpi_achievements",
    "milestone_achievement",
    "milestones_hit",
    "new_achievements",
    "news_from",
    "newest_first",
    "on_track_flags",
    "plan_start",
    "reaches",
    "streak_achievements",
    "streak_runs",
    "streaks",
    "target_achievement",
    "target_reached",
]

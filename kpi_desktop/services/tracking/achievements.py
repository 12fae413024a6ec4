"""Achievements of one KPI or the whole workspace, derived from the stored values.

The rules are in ``domain.achievements``. Values after ``as_of`` are left out, as for the
status, and each KPI's achievements come from its last :data:`HISTORY` values (a monthly
KPI's 400 years, a daily KPI's 13).

No value is loaded into Python one by one: each fact a rule needs is one query over the
(kpi_id, period) key of the measurement table (WITHOUT ROWID), so the achievements of
2,000 KPIs and 2,000,000 values take a fraction of a second, and remembering every KPI's
targets and milestones reached (what the celebration compares with) a tenth of that:

* target reached: the first value reaching the target from the baseline's period on, a
  range scan that stops at that value;
* milestone hit: the value of each milestone's period, one key look-up each;
* best value: the top value of the window, sorted inside SQLite;
* streaks: each value's on-track flag, computed inside SQLite with the plan's numbers
  (``OnTrackTest``, the same floating-point operations as ``StatusRule``) and returned as
  one string per KPI ("1101..."), whose runs are found with string operations
  (``streak_runs``).

The words and dates come from the domain's functions. The tests check the results against
the domain rules applied to the same values in memory (``kpi_achievements`` over the last
HISTORY values), on random plans and series, the demo and real data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from kpi_desktop.domain.achievements import (
    MIN_VALUES_FOR_BEST,
    Achievement,
    AchievementKind,
    Run,
    Streak,
    Streaks,
    assemble,
    best_achievement,
    counted_milestones,
    describe_streaks,
    higher_is_better,
    milestone_achievement,
    newest_first,
    news_from,
    plan_start,
    reaches,
    streak_runs,
    target_achievement,
)
from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.periods import next_period, period_from_index, period_index, period_start
from kpi_desktop.domain.status import OnTrackTest, StatusRule
from kpi_desktop.domain.types import Direction, Frequency, Point
from kpi_desktop.services.planning.kpis import get_kpi, kpi_target
from kpi_desktop.services.planning.plan_rows import (
    KpiRow,
    MilestoneRow,
    PlanRead,
    read_kpis,
    read_milestones,
)
from kpi_desktop.services.planning.workspace_settings import read_fiscal_year
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.raw import RawConnection

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

#: How many of a KPI's latest values are looked at.
HISTORY = 5000

ALL_KINDS: tuple[str, ...] = tuple(AchievementKind)


@dataclass(frozen=True, slots=True)
class KpiAchievement:
    """An achievement with the id of its KPI (for selecting it in the tree)."""

    kpi_id: int
    achievement: Achievement

    @property
    def kind(self) -> str:
        return self.achievement.kind

    @property
    def date(self) -> dt.date:
        return self.achievement.date

    @property
    def text(self) -> str:
        return self.achievement.text

    @property
    def kpi(self) -> str:
        return self.achievement.kpi


def kpi_achievements_of(
    ws: Workspace,
    kpi_id: int,
    as_of: dt.date | None = None,
    kinds: Collection[str] = ALL_KINDS,
) -> list[Achievement]:
    """One KPI's achievements (of ``kinds``) from its values on or before ``as_of``,
    oldest first."""
    with ws.reading() as s:
        kpi = get_kpi(s, kpi_id)
        row = KpiRow._make(getattr(kpi, field) for field in KpiRow._fields)
        raw = sqlite_connection(s)
        milestones = [
            MilestoneRow(dt.date.fromisoformat(d), v)
            for d, v in raw.execute(
                "SELECT date, value FROM milestone WHERE kpi_id = ? ORDER BY date", (kpi_id,)
            )
        ]
        return _achievements(_Reader(raw, as_of), row, milestones, frozenset(kinds))


def workspace_achievements(
    ws: Workspace,
    since: dt.date | None = None,
    as_of: dt.date | None = None,
    kinds: Collection[str] = ALL_KINDS,
    *,
    include_archived: bool = False,
) -> list[KpiAchievement]:
    """Every KPI's achievements dated on or after ``since``, newest first (archived KPIs'
    only with ``include_archived``)."""
    wanted = frozenset(kinds)
    out: list[KpiAchievement] = []
    with ws.reading() as s:
        raw = sqlite_connection(s)
        milestones = read_milestones(raw)
        reader = _Reader(raw, as_of)
        for kpi in read_kpis(raw, include_archived=include_archived):
            out += [
                KpiAchievement(kpi.id, a)
                for a in _achievements(reader, kpi, milestones.get(kpi.id, []), wanted)
                if since is None or a.date >= since
            ]
    out.sort(key=lambda k: newest_first(k.achievement))
    return out


def achievements_in_the_news(
    ws: Workspace, as_of: dt.date, plan: PlanRead | None = None
) -> dict[int, list[Achievement]]:
    """Each KPI's targets and milestones reached that are still news on ``as_of`` (dated
    from ``news_from(as_of, frequency)`` on), archived KPIs too; KPIs without any are left
    out. What a celebration of newly entered values compares with: only those can be news.

    A target reached is news only if a value of those periods reaches it: one statement
    finds those KPIs. A milestone hit is news only if the milestone is in those periods
    (and not after ``as_of``).
    Only these targets and milestones are worked out (as ``kpi_achievements_of`` does), so
    it costs a few index look-ups per KPI, whatever the number of values.
    """
    news = {freq: news_from(as_of, freq) for freq in Frequency}
    out: dict[int, list[Achievement]] = {}
    with ws.reading() as s:
        raw = sqlite_connection(s)
        if plan is None or plan.as_of != as_of:
            kpis, milestones = read_kpis(raw, include_archived=True), read_milestones(raw)
        else:  # already read (`plan`): the KPIs and milestones as they are now
            kpis, milestones = plan.kpis, plan.milestones
        reaching = {
            kpi_id
            for (kpi_id,) in raw.execute(
                _REACHING_SINCE_SQL,
                {"until": as_of.isoformat(), **{f.value: d.isoformat() for f, d in news.items()}},
            )
        }
        reader = _Reader(raw, as_of)
        for kpi in kpis:
            freq = Frequency(kpi.frequency)
            since = news[freq]
            lately = [
                m
                for m in milestones.get(kpi.id, ())
                if since <= period_start(m.date, freq) <= as_of
            ]
            kinds = {AchievementKind.TARGET} if kpi.id in reaching else set()
            kinds |= {AchievementKind.MILESTONE} if lately else set()
            if kinds:
                found = _achievements(reader, kpi, lately, frozenset(kinds))
                if recent := [a for a in found if a.date >= since]:
                    out[kpi.id] = recent
    return out


def _achievements(
    reader: _Reader, kpi: KpiRow, milestones: list[MilestoneRow], kinds: frozenset[str]
) -> list[Achievement]:
    """One KPI's achievements of ``kinds``, oldest first: the domain's rules, applied to
    the facts found by queries."""
    target = kpi_target(kpi, milestones)
    freq = Frequency(kpi.frequency)

    def fmt(value: float) -> str:
        return format_value(value, kpi.unit, kpi.decimals, kpi.unit_kind, kpi.currency_symbol)

    ranged = target.direction == Direction.RANGE
    higher = higher_is_better(target.direction)
    goal = target.target_value
    wants_target = AchievementKind.TARGET in kinds and not ranged and goal is not None
    wants_best = AchievementKind.BEST in kinds and not ranged
    milestones_counted = counted_milestones(target) if AchievementKind.MILESTONE in kinds else []
    test = StatusRule(target).on_track_test() if AchievementKind.STREAK in kinds else None
    if not (wants_target or wants_best or milestones_counted or test):
        return []
    window = reader.window_start(kpi.id)
    fiscal = reader.fiscal
    start = plan_start(target, freq, fiscal)
    in_plan = max(window, start.isoformat()) if start else window

    reached = None
    if wants_target and goal is not None:
        first = reader.first_reaching(kpi.id, in_plan, float(goal), higher)
        reached = target_achievement(kpi.name, target, first, freq, fmt, fiscal) if first else None
    hits = []
    for m in milestones_counted:
        p = reader.last_in_period(kpi.id, window, m.period, freq)
        if p is not None and reaches(p.value, m.value, target.direction):
            hits.append(milestone_achievement(kpi.name, p, m, freq, fmt, fiscal))
    found = reader.streaks(kpi.id, in_plan, test, freq)
    streak_list = describe_streaks(kpi.name, found, freq, fiscal)
    best = None
    if wants_best:
        top = reader.best(kpi.id, window, higher)
        best = best_achievement(kpi.name, top, freq, fmt, fiscal) if top else None
    return assemble(reached, hits, streak_list, best)


# -- the queries ----------------------------------------------------------------------------

_RANGE = "FROM measurement WHERE kpi_id = :kpi AND period >= :start AND period <= :until"
# The first period of a KPI's last HISTORY values: found by stepping back through the key,
# unless the KPI's first and last values are too close in time for it to have more.
_LAST_N_SQL = (
    "SELECT period FROM measurement WHERE kpi_id = :kpi AND period <= :until "
    "ORDER BY period DESC LIMIT 1 OFFSET :skip"
)
_WINDOW_SQL = f"""
SELECT CASE
  WHEN julianday((SELECT max(period) FROM measurement WHERE kpi_id = :kpi AND period <= :until))
     - julianday((SELECT min(period) FROM measurement WHERE kpi_id = :kpi)) <= :skip
  THEN '0001-01-01' ELSE coalesce(({_LAST_N_SQL}), '0001-01-01') END
"""
_FIRST_REACHING_SQL = {
    True: f"SELECT period, value {_RANGE} AND value >= :goal ORDER BY period LIMIT 1",
    False: f"SELECT period, value {_RANGE} AND value <= :goal ORDER BY period LIMIT 1",
}
_LAST_IN_PERIOD_SQL = (
    f"SELECT period, value {_RANGE} AND period < :end ORDER BY period DESC LIMIT 1"
)
_COUNT_SQL = f"SELECT count(*) FROM (SELECT 1 {_RANGE} LIMIT :most) AS recent"
_BEST_SQL = {  # with how many values there are, up to :most
    higher: f"SELECT period, value, ({_COUNT_SQL}) {_RANGE} ORDER BY {order}, period LIMIT 1"
    for higher, order in ((True, "value DESC"), (False, "value"))
}

# The KPIs with a value reaching their target from the first period that is still news
# (by frequency: :daily, :weekly...) to :until. Each date compared with a parameter of its
# own, not with a CASE of them: PostgreSQL types a CASE of text parameters as text, which
# it does not compare with a date.
_SINCE = " OR ".join(f"k.frequency = '{f.value}' AND m.period >= :{f.value}" for f in Frequency)
_REACHING_SINCE_SQL = f"""
SELECT k.id FROM kpi AS k
WHERE k.target_value IS NOT NULL AND k.direction IN ('increase', 'decrease')
  AND EXISTS (
    SELECT 1 FROM measurement AS m
    WHERE m.kpi_id = k.id AND m.period <= :until
      AND ({_SINCE})
      AND CASE WHEN k.direction = 'increase' THEN m.value >= k.target_value
               ELSE m.value <= k.target_value END)
"""

# SQL of each frequency, matching the domain's period maths (the tests check it): the
# Julian day of the day a stored period's value is judged (``next_period``: the next
# period's first day), ``date.toordinal``, ``period_index``, and whether a stored period is
# a period's first day (as the app stores them; a KPI's frequency changed later may leave
# others).
_JUDGED_DAY = {
    Frequency.DAILY: "julianday(period, '+1 day')",
    Frequency.WEEKLY: "julianday(period, '+1 day', 'weekday 1')",
    Frequency.MONTHLY: "julianday(period, 'start of month', '+1 month')",
    Frequency.QUARTERLY: (
        "julianday(period, 'start of month', "
        "'+' || (3 - (CAST(substr(period, 6, 2) AS INTEGER) - 1) % 3) || ' months')"
    ),
    Frequency.YEARLY: "julianday(period, 'start of year', '+1 year')",
}
_JULIAN_DAY_OF_ORDINAL_0 = 1721424.5  # julianday('0001-01-01') - 1
_ORDINAL = f"CAST(julianday(period) - {_JULIAN_DAY_OF_ORDINAL_0} AS INTEGER)"
_YEAR, _MONTH = "CAST(substr(period, 1, 4) AS INTEGER)", "CAST(substr(period, 6, 2) AS INTEGER)"
_PERIOD_INDEX = {
    Frequency.DAILY: _ORDINAL,
    Frequency.WEEKLY: f"({_ORDINAL} - 1) / 7",
    Frequency.MONTHLY: f"{_YEAR} * 12 + {_MONTH} - 1",
    Frequency.QUARTERLY: f"{_YEAR} * 4 + ({_MONTH} - 1) / 3",
    Frequency.YEARLY: _YEAR,
}
_IS_PERIOD_START: dict[Frequency, str | None] = {
    Frequency.DAILY: None,  # every day is
    Frequency.WEEKLY: f"({_ORDINAL} - 1) % 7 = 0",
    Frequency.MONTHLY: "substr(period, 9, 2) = '01'",
    Frequency.QUARTERLY: "substr(period, 6, 5) IN ('01-01', '04-01', '07-01', '10-01')",
    Frequency.YEARLY: "substr(period, 6, 5) = '01-01'",
}


def on_track_sql(test: OnTrackTest, freq: Frequency) -> tuple[str, dict[str, object]]:
    """A condition on a measurement row that holds when its value was on track (or
    achieved) on the day it became due, exactly as ``StatusRule.status`` judges it, with
    its named parameters (``:t0``, ``:t1``...). The arithmetic is the domain's, operation by
    operation, in the same IEEE doubles. The text depends only on the plan's shape, so
    SQLite prepares it once for many KPIs."""
    values: list[object]
    if test.direction == Direction.RANGE:
        sql, values = _named("(value >= ? AND value <= ?)"), [test.low, test.high]
    elif test.span == 0:  # only reaching the target counts
        sql, values = _reached_sql(higher_is_better(test.direction)), [test.target]
    else:
        sql = _on_track_sql(higher_is_better(test.direction), len(test.knots), freq)
        values = [test.target, *_line_values(test.knots, freq), test.span, test.floor]
    return sql, {f"t{i}": value for i, value in enumerate(values)}


@cache
def _named(sql: str) -> str:
    """``sql`` with its ``?`` placeholders named ``:t0``, ``:t1``... in order."""
    head, *rest = sql.split("?")
    return head + "".join(f":t{i}{part}" for i, part in enumerate(rest))


@cache
def _reached_sql(higher: bool) -> str:
    return _named(f"(value {'>=' if higher else '<='} ?)")


@cache
def _on_track_sql(higher: bool, knots: int, freq: Frequency) -> str:
    """Reached (parameter: the target) or a gap of at least the floor; the parameters
    follow in order: the line's (``_line_values``), the span, the floor."""
    gap = f"(value - ({_line_sql(knots, freq)})) / ?"
    return _named(f"(value {'>=' if higher else '<='} ? OR {gap if higher else f'-({gap})'} >= ?)")


def _line_sql(knots: int, freq: Frequency) -> str:
    """``StatusRule.expected`` on the day a row's value was judged, for a line of ``knots``
    knots. The piece of the line is chosen by comparing the stored period itself, as that
    day is on or before day x exactly when the period is before the one holding day x
    (``_line_values`` gives those periods); only a sloped piece works out the day."""
    if knots == 1:
        return "?"
    day = f"({_JUDGED_DAY[freq]} - {_JULIAN_DAY_OF_ORDINAL_0})"
    sql = ["CASE WHEN period < ? THEN ? WHEN period >= ? THEN ?"]
    sql += [f"WHEN period < ? THEN ? + (? - ?) * ({day} - ?) / (? - ?)"] * (knots - 1)
    return " ".join([*sql, "END"])


def _line_values(knots: tuple[tuple[int, float], ...], freq: Frequency) -> list[object]:
    """The parameters of ``_line_sql`` for the line through ``knots``."""
    if len(knots) == 1:
        return [knots[0][1]]

    (x_first, y_first), (x_last, y_last) = knots[0], knots[-1]
    first, last = _judged_by(x_first, freq), _judged_by(x_last - 1, freq)
    values: list[object] = [first, y_first, last, y_last]
    for (x0, y0), (x1, y1) in pairwise(knots):
        values += [_judged_by(x1 - 1, freq), y0, y1, y0, x0, x1, x0]
    return values


@lru_cache(maxsize=4096)
def _judged_by(x: int, freq: Frequency) -> str:
    """The first period whose values are judged after day ``x`` (a date ordinal): rows
    before it are judged on or before that day."""
    return period_start(dt.date.fromordinal(x), freq).isoformat()


@cache
def _streak_sql(condition: str, freq: Frequency) -> tuple[str, str]:
    """The statements of a KPI's on-track flags from period :start on, one character per
    value in period order ("1" on track, "0" not): with the first and last periods, and
    "x" for a value not filed under its period's first day; and with every value's period
    index and period."""
    flag = f"WHEN {condition} THEN '1' ELSE '0' END"
    is_start = _IS_PERIOD_START[freq]
    marked = f"CASE {flag}" if is_start is None else f"CASE WHEN NOT ({is_start}) THEN 'x' {flag}"
    return (
        f"SELECT group_concat({marked}, ''), "
        f"(SELECT min(period) {_RANGE}), (SELECT max(period) {_RANGE}) {_RANGE}",
        f"SELECT group_concat(CASE {flag}, ''), group_concat({_PERIOD_INDEX[freq]}), "
        f"group_concat(period) {_RANGE}",
    )


class _Reader:
    """The queries of one read transaction, values on or before ``as_of``. Periods are
    compared as ISO text (how they are stored), "" before every period."""

    def __init__(self, raw: RawConnection, as_of: dt.date | None) -> None:
        self.raw = raw
        self.until = (as_of or dt.date.max).isoformat()
        self.fiscal = read_fiscal_year(raw)  # names quarters and years

    def _one(self, sql: str, kpi_id: int, start: str = "", **params: object) -> Any:
        return self.raw.execute(
            sql, {"kpi": kpi_id, "start": start, "until": self.until, **params}
        ).fetchone()

    def window_start(self, kpi_id: int) -> str:
        """The first period of the KPI's last HISTORY values ("" for all of them)."""
        (start,) = self._one(_WINDOW_SQL, kpi_id, skip=HISTORY - 1)
        return str(start)

    def first_reaching(self, kpi_id: int, start: str, goal: float, higher: bool) -> Point | None:
        """The first value from period ``start`` on reaching ``goal``."""
        return _point(self._one(_FIRST_REACHING_SQL[higher], kpi_id, start, goal=goal))

    def last_in_period(
        self, kpi_id: int, start: str, day: dt.date, freq: Frequency
    ) -> Point | None:
        """The (latest) value of the period holding ``day``, if from period ``start`` on."""
        first = max(start, period_start(day, freq).isoformat())
        end = next_period(day, freq).isoformat()
        return _point(self._one(_LAST_IN_PERIOD_SQL, kpi_id, first, end=end))

    def best(self, kpi_id: int, start: str, higher: bool) -> Point | None:
        """The best value from period ``start`` on (the earliest, on a tie), if there are
        MIN_VALUES_FOR_BEST values."""
        row = self._one(_BEST_SQL[higher], kpi_id, start, most=MIN_VALUES_FOR_BEST)
        return None if row is None or row[2] < MIN_VALUES_FOR_BEST else _point(row[:2])

    def streaks(
        self, kpi_id: int, start: str, test: OnTrackTest | None, freq: Frequency
    ) -> Streaks:
        """The KPI's streaks from period ``start`` on, judged by ``test`` (None: nothing is
        on track, an incomplete plan): ``domain.achievements.streaks``.

        The flags come in the order of the (kpi_id, period) key SQLite reads the rows in.
        """
        if test is None:
            return Streaks(None, None)
        condition, params = on_track_sql(test, freq)
        marked_sql, flags_sql = _streak_sql(condition, freq)
        flags, first, last = self._one(marked_sql, kpi_id, start, **params)
        if not flags:
            return Streaks(None, None)
        low = period_index(dt.date.fromisoformat(first), freq)
        high = period_index(dt.date.fromisoformat(last), freq)
        if "x" not in flags and high - low + 1 == len(flags):
            # every value is filed under its period's first day, and no period is missing
            longest, current = streak_runs(flags)

            def day(pos: int) -> dt.date:
                return period_from_index(low + pos, freq)
        else:  # runs break where a period is missing (or filed twice)
            flags, indices, periods = self._one(flags_sql, kpi_id, start, **params)
            longest, current = streak_runs(flags, [int(i) for i in indices.split(",")])
            stored = periods.split(",")

            def day(pos: int) -> dt.date:
                return dt.date.fromisoformat(stored[pos])

        def streak(run: Run | None) -> Streak | None:
            return None if run is None else Streak(day(run[0]), day(run[0] + run[1] - 1), run[1])

        return Streaks(streak(longest), streak(current))


def _point(row: tuple[str, float] | None) -> Point | None:
    return None if row is None else Point(dt.date.fromisoformat(row[0]), float(row[1]))


__all__ = [
    "ALL_KINDS",
    "HISTORY",
    "KpiAchievement",
    "achievements_in_the_news",
    "kpi_achievements_of",
    "on_track_sql",
    "workspace_achievements",
]

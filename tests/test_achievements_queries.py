"""The achievements found with queries (services.achievements) are exactly those the domain
rules give for the same values in memory, the way the app worked them out before: each
KPI's last HISTORY values read into Python and handed to ``kpi_achievements``.

Random plans and series (every frequency and direction, gaps, values filed under other days
than their period's first, values right at the edge of on track, short windows) are stored
in a workspace and both ways compared; so are the demo and a real data set.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from team_server import built_workspace, demo_on

from kpi_desktop.domain.achievements import (
    CELEBRATED,
    Achievement,
    achievements_since,
    kpi_achievements,
    news_from,
    on_track_flags,
)
from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.periods import add_periods, next_period, period_index, period_start
from kpi_desktop.domain.status import StatusRule, expected_at
from kpi_desktop.domain.types import Direction, Frequency, KpiTarget, Point
from kpi_desktop.services.planning.kpis import kpi_target
from kpi_desktop.services.planning.plan_rows import read_kpis, read_milestones
from kpi_desktop.services.tracking import achievements as service
from kpi_desktop.services.tracking.achievements import (
    achievements_in_the_news,
    kpi_achievements_of,
    workspace_achievements,
)
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store.engine import sqlite_connection

D = dt.date
TODAY = D(2026, 11, 15)


# -- the reference: the domain rules over the values in memory ------------------------------


def reference(ws: Workspace, as_of: dt.date | None, history: int) -> list[tuple[int, Achievement]]:
    """Every unarchived KPI's achievements, newest first, worked out as the app did before:
    the last ``history`` values on or before ``as_of`` read, the domain rules applied."""
    found: list[tuple[int, Achievement]] = []
    with ws.reading() as s:
        raw = sqlite_connection(s)
        milestones = read_milestones(raw)
        for kpi in read_kpis(raw, include_archived=False):
            rows = raw.execute(
                "SELECT period, value FROM measurement WHERE kpi_id = ? AND period <= ? "
                "ORDER BY period DESC LIMIT ?",
                (kpi.id, (as_of or dt.date.max).isoformat(), history),
            ).fetchall()
            points = [Point(dt.date.fromisoformat(p), float(v)) for p, v in reversed(rows)]

            def fmt(value: float, kpi=kpi) -> str:  # type: ignore[no-untyped-def]
                return format_value(
                    value, kpi.unit, kpi.decimals, kpi.unit_kind, kpi.currency_symbol
                )

            target = kpi_target(kpi, milestones.get(kpi.id, []))
            freq = Frequency(kpi.frequency)
            found += [(kpi.id, a) for a in kpi_achievements(kpi.name, target, points, freq, fmt)]
    by_id = {id(a): kpi_id for kpi_id, a in found}
    return [(by_id[id(a)], a) for a in achievements_since([a for _, a in found])]


def queried(ws: Workspace, as_of: dt.date | None) -> list[tuple[int, Achievement]]:
    return [(k.kpi_id, k.achievement) for k in workspace_achievements(ws, as_of=as_of)]


def news(ws: Workspace, as_of: dt.date) -> dict[int, list[Achievement]]:
    """Every KPI's targets and milestones reached, dated in the periods still news."""
    out = {}
    for kpi_id in ws.kpis.ids():
        since = news_from(as_of, Frequency(ws.kpis.get(kpi_id).frequency))
        found = kpi_achievements_of(ws, kpi_id, as_of, CELEBRATED)
        if recent := [a for a in found if a.date >= since]:
            out[kpi_id] = recent
    return out


# -- random plans and series ------------------------------------------------------------------

amounts = st.sampled_from([0.0, 50.0, 100.0, 150.0, 200.0]) | st.floats(
    min_value=-50, max_value=300, allow_nan=False, allow_infinity=False
).map(lambda v: round(v, 3))
days = st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 31))


@st.composite
def kpi_cases(draw: st.DrawFn) -> Case:
    """KPI fields, milestones, stored values (period, value) and an as-of date (often just
    after one of the last values, so that what they achieved is news)."""
    freq = draw(st.sampled_from(list(Frequency)))
    direction = draw(st.sampled_from(list(Direction)))
    # Values filed under the first days of this frequency's periods: the KPI's own, or
    # another one when its frequency was changed after the values were entered.
    filed = draw(st.sampled_from([freq, freq, freq, *Frequency]))
    at = period_start(draw(days), filed)
    periods = []
    for step in draw(st.lists(st.sampled_from([1] * 8 + [2, 3]), max_size=40)):
        periods.append(at)
        at = add_periods(at, filed, step)
    near = st.sampled_from(periods) if periods else days  # dates among the values'
    fields: dict[str, object] = {
        "frequency": freq.value,
        "direction": direction.value,
        "tolerance": draw(st.sampled_from([0.1, 0.05, 0.3])),
        "unit": draw(st.sampled_from(["", "€", "orders"])),
    }
    milestones: dict[dt.date, float] = {}
    if direction == Direction.RANGE:
        low, high = sorted(draw(st.lists(amounts, min_size=2, max_size=2, unique=True)))
        fields |= {"range_low": low, "range_high": high}
        if draw(st.booleans()):
            fields["baseline_date"] = draw(near | days)
    else:
        fields |= {
            "baseline_value": draw(amounts),
            "baseline_date": (baseline := draw(near | days)),
            "target_value": draw(amounts),
            "target_date": baseline + dt.timedelta(days=draw(st.integers(-30, 900))),
        }
        for _ in range(draw(st.integers(0, 4))):
            day = draw(near) + dt.timedelta(days=draw(st.sampled_from([0, 0, 3, 20])))
            milestones[day] = draw(amounts)
    plan = kpi_target_of(fields, [Point(d, v) for d, v in milestones.items()])
    values = []
    for p in periods:
        value = draw(amounts | st.sampled_from(list(milestones.values()) or [100.0]))
        expected = expected_at(plan, next_period(p, freq)) if plan else None
        if expected is not None and draw(st.integers(0, 3)):  # on the plan's line...
            span = abs(float(plan.target_value or 0.0) - float(plan.baseline_value or 0.0))
            sign = 1.0 if direction == Direction.INCREASE else -1.0
            # ... at the edge of on track, just behind it, ahead of the line
            behind = draw(st.sampled_from([1.0, 1.0, 1.0 + 1e-7, 0.0, -1.0]))
            value = expected - sign * plan.tolerance * span * behind
        values.append(Point(p, value))
    lately = [next_period(p, freq) + dt.timedelta(days=d) for p in periods[-4:] for d in (0, 1)]
    as_of = draw(st.none() | days | st.sampled_from(lately or [TODAY]))
    return fields, [Point(d, v) for d, v in milestones.items()], values, as_of


Case = tuple[dict[str, object], list[Point], list[Point], dt.date | None]


def kpi_target_of(fields: dict[str, object], milestones: list[Point]) -> KpiTarget | None:
    """The plan of a KPI that is not a range KPI."""
    if fields["direction"] == Direction.RANGE.value:
        return None
    return KpiTarget(
        Direction(str(fields["direction"])),
        float(fields["baseline_value"]),  # type: ignore[arg-type]
        fields["baseline_date"],  # type: ignore[arg-type]
        float(fields["target_value"]),  # type: ignore[arg-type]
        fields["target_date"],  # type: ignore[arg-type]
        float(fields["tolerance"]),  # type: ignore[arg-type]
        milestones=tuple(sorted(milestones, key=lambda m: m.period)),
    )


def _one_goal(ws: Workspace) -> None:
    ws.goals.add("Random plans")


@pytest.fixture(scope="module", params=["file", pytest.param("team", marks=pytest.mark.team)])
def scratch(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workspace]:
    """One workspace for every example, on a file and on the server."""
    folder = tmp_path_factory.mktemp("queries")
    yield from built_workspace(
        request, folder, request.param, "scratch", _one_goal, "scratch.kpidb"
    )


def store(
    ws: Workspace, fields: dict[str, object], milestones: list[Point], values: list[Point]
) -> int:
    """A new KPI with these fields, milestones and values (inserted in a shuffled order),
    the only one. The plan is written as it is, past the editor's checks (a target on the
    wrong side of the baseline, or due at once): the rules handle those too."""
    goal = ws.goals.list()[0]
    plan = ("direction", "baseline_value", "baseline_date", "target_value", "target_date")
    plan += ("range_low", "range_high")
    plain = {k: v for k, v in fields.items() if k not in plan}
    with ws.writing() as s:
        raw = sqlite_connection(s)
        for table in ("measurement", "milestone", "kpi"):
            raw.execute(f"DELETE FROM {table}")
    kpi = ws.kpis.add_with_milestones(goal.id, f"KPI {len(values)}", milestones, **plain)
    assert kpi.id is not None
    written = [fields.get(k) for k in plan]
    with ws.writing() as s:
        sqlite_connection(s).execute(
            f"UPDATE kpi SET {', '.join(f'{k} = ?' for k in plan)} WHERE id = ?",
            [v.isoformat() if isinstance(v, dt.date) else v for v in written] + [kpi.id],
        )
    rows = [(kpi.id, p.period.isoformat(), p.value, "", "") for p in values]
    random.Random(len(rows)).shuffle(rows)
    with ws.writing() as s:
        sqlite_connection(s).executemany(
            "INSERT INTO measurement (kpi_id, period, value, note, source) VALUES (?, ?, ?, ?, ?)",
            rows,
        )
    return kpi.id


@settings(max_examples=100)
@given(case=kpi_cases(), history=st.sampled_from([4, 12, 5000]))
def test_queries_find_what_the_rules_find(scratch: Workspace, case: Case, history: int) -> None:
    fields, milestones, values, as_of = case
    kpi_id = store(scratch, fields, milestones, values)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(service, "HISTORY", history)
        expected = reference(scratch, as_of, history)
        assert queried(scratch, as_of) == expected
        assert kpi_achievements_of(scratch, kpi_id, as_of) == sorted(
            (a for _, a in expected), key=lambda a: a.date
        )
        assert achievements_in_the_news(scratch, as_of or TODAY) == news(scratch, as_of or TODAY)


def test_a_long_history_is_read_through_its_last_values(workspace: Workspace) -> None:
    """20,000 daily values: the achievements of the last HISTORY, as before."""
    goal = workspace.goals.add("G")
    kpi = workspace.kpis.add(
        goal.id,
        "Sensor",
        frequency="daily",
        baseline_value=100.0,
        baseline_date=D(2025, 1, 1),
        target_value=130.0,
        target_date=D(2026, 6, 1),
    )
    rng = random.Random(7)
    start = D(1972, 1, 1)
    rows = [
        (
            kpi.id,
            (start + dt.timedelta(days=i)).isoformat(),
            100 + rng.random() * 40 - i * 1e-4,
            "",
            "",
        )
        for i in range(20_000)
    ]
    with workspace.writing() as s:
        sqlite_connection(s).executemany("INSERT INTO measurement VALUES (?, ?, ?, ?, ?)", rows)
    for as_of in (TODAY, None, D(2000, 1, 1)):
        assert queried(workspace, as_of) == reference(workspace, as_of, service.HISTORY)


def test_the_period_sql_matches_the_period_maths(scratch: Workspace) -> None:
    """The fragments over the stored periods of the workspace, on a file and on a server."""
    rng = random.Random(3)
    dates = {D(1000, 1, 1), D(2024, 2, 29), D(9998, 12, 31)}
    dates |= {
        D.fromordinal(rng.randint(D(1000, 1, 1).toordinal(), D(9998, 1, 1).toordinal()))
        for _ in range(300)
    }
    kpi_id = store(scratch, {"direction": "increase"}, [], [Point(d, 1.0) for d in dates])
    for freq in Frequency:
        starts = service._IS_PERIOD_START[freq] or "1 = 1"
        sql = (
            f"SELECT period, {service._JUDGED_DAY[freq]} - {service._JULIAN_DAY_OF_ORDINAL_0}, "
            f"{service._PERIOD_INDEX[freq]}, CASE WHEN {starts} THEN 1 ELSE 0 END "
            "FROM measurement WHERE kpi_id = ?"
        )
        with scratch.reading() as s:
            rows = sqlite_connection(s).execute(sql, (kpi_id,)).fetchall()
        assert len(rows) == len(dates)
        for period, judged, index, is_start in rows:
            d = D.fromisoformat(period)
            assert judged == next_period(d, freq).toordinal(), (freq, d)
            assert index == period_index(d, freq), (freq, d)
            assert bool(is_start) == (period_start(d, freq) == d), (freq, d)


@pytest.mark.file_only  # reads the SQLite file itself
def test_a_kpi_costs_the_same_few_queries_whatever_its_history(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    goal = workspace.goals.add("G")
    plan = {
        "frequency": "daily",
        "baseline_value": 0.0,
        "baseline_date": D(2020, 1, 1),
        "target_value": 100.0,
        "target_date": D(2030, 1, 1),
    }
    short = workspace.kpis.add_with_milestones(
        goal.id, "Short", [Point(D(2025, 1, 1), 50.0)], **plan
    )
    long = workspace.kpis.add_with_milestones(goal.id, "Long", [Point(D(2025, 1, 1), 50.0)], **plan)
    with workspace.writing() as s:
        raw = sqlite_connection(s)
        for kpi, n in ((short, 10), (long, 30_000)):
            raw.executemany(
                "INSERT INTO measurement VALUES (?, ?, ?, '', '')",
                [
                    (kpi.id, (D(2026, 1, 1) - dt.timedelta(days=i)).isoformat(), i % 97)
                    for i in range(n)
                ],
            )
    statements: list[str] = []
    real = service.sqlite_connection

    def traced(session):  # type: ignore[no-untyped-def]
        raw = real(session)
        raw.set_trace_callback(statements.append)
        return raw

    monkeypatch.setattr(service, "sqlite_connection", traced)
    counts = []
    for kpi in (short, long):
        statements.clear()
        kpi_achievements_of(workspace, kpi.id, TODAY)
        counts.append(len([s for s in statements if "measurement" in s]))
    assert counts[0] == counts[1] <= 6


# -- the demo and real data -------------------------------------------------------------------


@pytest.fixture
def demo(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Workspace]:
    yield from demo_on(request, tmp_path, engine, TODAY)


def test_the_demo_as_before(demo: Workspace) -> None:
    ws = demo
    for as_of in (TODAY, D(2026, 6, 30), None):
        found = queried(ws, as_of)
        assert found == reference(ws, as_of, service.HISTORY)
        assert achievements_in_the_news(ws, as_of or TODAY) == news(ws, as_of or TODAY)
    assert achievements_in_the_news(ws, TODAY)  # the demo has recent milestones
    assert len(queried(ws, TODAY)) > 20


def plan_employment(ws: Workspace, csv_path: Path) -> None:
    """The US employment series (monthly, 2006-2015), one KPI per sector, each given a
    plan: up or down from a baseline to a target (some with milestones), a range, or none."""
    with csv_path.open(newline="") as f:
        table = list(csv.DictReader(f))
    goal = ws.goals.add("Employment")
    for i, sector in enumerate(c for c in table[0] if c != "month"):
        kpi = ws.kpis.add(goal.id, sector, frequency="monthly")
        assert kpi.id is not None
        series = [(D.fromisoformat(row["month"]), float(row[sector])) for row in table]
        with ws.writing() as s:
            sqlite_connection(s).executemany(
                "INSERT INTO measurement VALUES (?, ?, ?, '', 'us-employment.csv')",
                [(kpi.id, d.isoformat(), v) for d, v in series],
            )
        values = [v for _, v in series]
        kind = i % 6
        if kind == 5:
            continue  # as imported: no plan (best values only)
        if kind == 4:
            mean, spread = statistics.mean(values), statistics.pstdev(values) or 1.0
            ws.kpis.update(
                kpi.id, direction="range", range_low=mean - spread, range_high=mean + spread
            )
            continue
        start = (D(2006, 1, 1), D(2009, 6, 1), D(2011, 1, 1), D(2007, 3, 1))[kind]
        end = (D(2016, 12, 1), D(2012, 12, 1), D(2015, 6, 1), D(2010, 1, 1))[kind]
        base = next(v for d, v in series if d >= start)
        aim = base * (0.97 if kind == 1 else 1.04)
        milestones = []
        if kind in (0, 2):
            for j in (1, 2, 3):
                day = start + (end - start) * j / 4
                milestones.append(Point(D(day.year, day.month, 1), base + (aim - base) * j / 4))
        ws.kpis.update_with_milestones(
            kpi.id,
            milestones,
            direction="decrease" if kind == 1 else "increase",
            baseline_value=base,
            baseline_date=start,
            target_value=aim,
            target_date=end,
        )


@pytest.fixture
def employment(
    tmp_path: Path, engine: str, request: pytest.FixtureRequest, employment_csv: Path
) -> Iterator[Workspace]:
    def build(ws: Workspace) -> None:
        plan_employment(ws, employment_csv)

    yield from built_workspace(request, tmp_path, engine, "employment", build, "employment.kpidb")


def test_real_data_as_before(employment: Workspace) -> None:
    ws = employment
    for as_of in (None, D(2016, 3, 1), D(2012, 7, 1), D(2008, 1, 1)):
        found = queried(ws, as_of)
        assert found == reference(ws, as_of, service.HISTORY)
        assert achievements_in_the_news(ws, as_of or TODAY) == news(ws, as_of or TODAY)
    kinds = {a.kind for _, a in queried(ws, None)}
    assert kinds == {"target", "milestone", "streak", "best"}


# -- the on-track condition, row by row ------------------------------------------------------


def sql_flags(ws: Workspace, target: KpiTarget, freq: Frequency, points: list[Point]) -> list[bool]:
    """The service's on-track condition applied by the workspace's engine to each of
    ``points``, stored as a KPI's values."""
    test = StatusRule(target).on_track_test()
    if test is None:
        return [False] * len(points)
    condition, params = service.on_track_sql(test, freq)
    kpi_id = store(ws, {"direction": "increase"}, [], points)
    sql = (
        f"SELECT CASE WHEN {condition} THEN 1 ELSE 0 END FROM measurement "
        "WHERE kpi_id = :kpi ORDER BY period"
    )
    with ws.reading() as s:
        rows = sqlite_connection(s).execute(sql, {**params, "kpi": kpi_id}).fetchall()
    return [bool(flag) for (flag,) in rows]


@st.composite
def dense_series(draw: st.DrawFn) -> tuple[KpiTarget, Frequency, list[Point]]:
    """A plan and a value for every period from before its baseline to after its target,
    most of them right at the edge of on track (or a hair off it)."""
    freq = draw(st.sampled_from(list(Frequency)))
    direction = draw(st.sampled_from([Direction.INCREASE, Direction.DECREASE]))
    baseline_date = draw(days)
    target_date = baseline_date + dt.timedelta(days=draw(st.integers(-10, 800)))
    milestones = draw(
        st.dictionaries(st.dates(baseline_date, baseline_date + dt.timedelta(days=800)), amounts)
    )
    target = KpiTarget(
        direction,
        draw(amounts),
        baseline_date,
        draw(amounts),
        target_date,
        draw(st.sampled_from([0.1, 0.05, 0.3])),
        milestones=tuple(Point(d, v) for d, v in sorted(milestones.items())),
    )
    span = abs(float(target.target_value or 0) - float(target.baseline_value or 0))
    sign = 1.0 if direction == Direction.INCREASE else -1.0
    points = []
    at = add_periods(baseline_date, freq, -3)
    while at <= max(target_date, baseline_date) + dt.timedelta(days=120) and len(points) < 400:
        expected = expected_at(target, next_period(at, freq))
        assert expected is not None
        behind = draw(st.sampled_from([1.0, 1.0 + 1e-9, 1.0 - 1e-9, 0.0, 3.0]))
        points.append(Point(at, expected - sign * target.tolerance * span * behind))
        at = next_period(at, freq)
    return target, freq, points


@settings(max_examples=40)
@given(dense_series())
def test_the_on_track_condition_flags_each_row_as_the_rules_do(
    scratch: Workspace, case: tuple[KpiTarget, Frequency, list[Point]]
) -> None:
    target, freq, points = case
    flagged = on_track_flags(target, points, freq)  # the values from the baseline's period on
    assert flagged
    assert sql_flags(scratch, target, freq, [p for p, _ in flagged]) == [
        good for _, good in flagged
    ]


def test_the_edge_of_on_track_to_the_last_bit(scratch: Workspace) -> None:
    """A gap of exactly -tolerance (less the rounding slack) is on track; one step of a
    float less is not: in SQL, on both engines, as in Python."""
    for tolerance in (0.1, 0.05, 0.3, 0.123):
        target = KpiTarget(
            Direction.INCREASE, 0.0, D(2025, 1, 1), 1.0, D(2025, 6, 1), tolerance
        )  # after the target date, expected is the target: gap = value - 1.0, exact near 1
        test = StatusRule(target).on_track_test()
        assert test is not None
        edge = 1.0 + test.floor
        while edge - 1.0 < test.floor:
            edge = math.nextafter(edge, 2.0)
        below = math.nextafter(edge, 0.0)
        points = [Point(D(2025, 7, 1), edge), Point(D(2025, 8, 1), below)]
        rules = [good for _, good in on_track_flags(target, points, Frequency.MONTHLY)]
        assert rules == [edge - 1.0 == test.floor or edge - 1.0 > test.floor, False]
        assert sql_flags(scratch, target, Frequency.MONTHLY, points) == rules


def test_values_filed_under_other_days_after_a_change_of_frequency(workspace: Workspace) -> None:
    """A weekly KPI with a value on each month's first Monday, made monthly later: one
    value a month, most of them not on the 1st."""
    goal = workspace.goals.add("G")
    kpi = workspace.kpis.add(
        goal.id,
        "Visits",
        frequency="monthly",
        direction="range",
        range_low=10.0,
        range_high=20.0,
    )
    firsts = [add_periods(D(2025, 1, 1), Frequency.MONTHLY, m) for m in range(14)]
    mondays = [d + dt.timedelta(days=-d.weekday() % 7) for d in firsts]
    assert any(d.day != 1 for d in mondays)
    rows = [(kpi.id, d.isoformat(), 15.0, "", "") for d in mondays]
    with workspace.writing() as s:
        sqlite_connection(s).executemany("INSERT INTO measurement VALUES (?, ?, ?, ?, ?)", rows)
    found = queried(workspace, None)
    assert found == reference(workspace, None, service.HISTORY)
    assert {a.date for _, a in found} <= set(mondays)  # dated on the days the values are filed

"""The set-based status read (one statement for every KPI's latest values) gives exactly what
the former per-KPI read gave, on the demo and on random workspaces; the goal tree's cheaper
read (no forecast, one value per KPI) agrees with it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import col, select
from team_server import built_workspace, demo_on

from kpi_desktop.domain.due import DEFAULT_GRACE_DAYS, is_stale
from kpi_desktop.domain.status import status_at
from kpi_desktop.domain.types import Frequency, Point
from kpi_desktop.domain.variation.behaviour import HISTORY, forecast_at
from kpi_desktop.services.planning.kpis import kpi_target
from kpi_desktop.services.tracking.scorecard import SPARKLINE_LENGTH, scorecard_rows
from kpi_desktop.services.tracking.status import (
    KpiStatus,
    kpi_statuses,
    kpi_statuses_with_history,
    latest_values,
)
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.tables import Goal, Kpi, Milestone

D = dt.date
AS_OF = D(2026, 11, 15)


def per_kpi_statuses(ws: Workspace, as_of: dt.date, include_archived: bool) -> list[KpiStatus]:
    """The former implementation: ORM rows, one LIMIT 12 query per KPI."""
    with ws.reading() as s:
        goals = {g.id: g for g in s.exec(select(Goal))}
        query = select(Kpi).order_by(col(Kpi.goal_id), col(Kpi.position), col(Kpi.id))
        if not include_archived:
            query = query.where(Kpi.archived == False)  # noqa: E712
        kpis = list(s.exec(query))
        milestones: dict[int, list[Milestone]] = defaultdict(list)
        for m in s.exec(select(Milestone)):
            milestones[m.kpi_id].append(m)
        raw = sqlite_connection(s)
        out = []
        for kpi in kpis:
            rows = raw.execute(
                "SELECT period, value FROM measurement WHERE kpi_id = ? AND period <= ? "
                "ORDER BY period DESC LIMIT ?",
                (kpi.id, as_of.isoformat(), HISTORY),
            ).fetchall()
            points = [Point(dt.date.fromisoformat(p), v) for p, v in reversed(rows)]
            target = kpi_target(kpi, milestones[kpi.id])
            reading = status_at(target, points, as_of)
            out.append(
                KpiStatus(
                    kpi_id=kpi.id,
                    goal_id=kpi.goal_id,
                    goal=goals[kpi.goal_id].title,
                    kpi=kpi.name,
                    unit=kpi.unit,
                    decimals=kpi.decimals,
                    direction=kpi.direction,
                    baseline=kpi.baseline_value,
                    target=kpi.target_value,
                    target_date=kpi.target_date,
                    latest_value=reading.latest.value if reading.latest else None,
                    latest_date=reading.latest.period if reading.latest else None,
                    expected=reading.expected,
                    progress=reading.progress,
                    status=reading.status,
                    forecast=forecast_at(points, kpi.frequency, kpi.target_date, as_of),
                    weight=kpi.weight,
                    unit_kind=kpi.unit_kind,
                    currency_symbol=kpi.currency_symbol,
                    range_low=kpi.range_low,
                    range_high=kpi.range_high,
                    archived=kpi.archived,
                    stale=is_stale(
                        reading.latest.period if reading.latest else None,
                        Frequency(kpi.frequency),
                        as_of,
                        DEFAULT_GRACE_DAYS,
                    ),
                )
            )
    order: dict[int | None, int] = {}

    def visit(parent: int | None) -> None:
        for g in sorted(
            (g for g in goals.values() if g.parent_id == parent), key=lambda g: (g.position, g.id)
        ):
            order[g.id] = len(order)
            visit(g.id)

    visit(None)
    out.sort(key=lambda r: order.get(r.goal_id, len(order)))
    return out


def check_agrees(ws: Workspace, as_of: dt.date) -> None:
    for include_archived in (False, True):
        expected = per_kpi_statuses(ws, as_of, include_archived)
        got = kpi_statuses(ws, as_of, include_archived=include_archived)
        assert got == expected
        lean = kpi_statuses(ws, as_of, include_archived=include_archived, forecast=False)
        assert lean == [dataclasses.replace(st, forecast=None) for st in expected]


@pytest.fixture
def demo(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Workspace]:
    """The demo as seen on AS_OF, on a file or on the server (tests/team_server.py)."""
    yield from demo_on(request, tmp_path, engine, AS_OF)


def test_the_demo_reads_the_same(demo: Workspace) -> None:
    for as_of in (AS_OF, D(2025, 12, 31), D(2020, 1, 1), D(2030, 1, 1)):
        check_agrees(demo, as_of)


values_st = st.lists(
    st.tuples(st.integers(0, 400), st.floats(-1e6, 1e6, allow_nan=False)), max_size=30
)
kpi_st = st.fixed_dictionaries(
    {
        "goal": st.integers(0, 2),
        "direction": st.sampled_from(["increase", "decrease", "range"]),
        "archived": st.booleans(),
        "values": values_st,
        "milestone": st.booleans(),
    }
)


def _empty(ws: Workspace) -> None:
    """A new workspace as it is made."""


@pytest.fixture(scope="module", params=["file", pytest.param("team", marks=pytest.mark.team)])
def blank(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workspace]:
    """One workspace for every example (emptied by each), on a file and on the server."""
    folder = tmp_path_factory.mktemp("ws")
    yield from built_workspace(request, folder, request.param, "empty", _empty, "random.kpidb")


@settings(max_examples=25)
@given(kpis=st.lists(kpi_st, max_size=8), as_of_day=st.integers(-5, 420))
def test_random_workspaces_read_the_same(
    blank: Workspace, kpis: list[dict], as_of_day: int
) -> None:
    start = D(2025, 1, 1)
    with blank.writing() as s:
        raw = sqlite_connection(s)
        for table in ("measurement", "milestone", "kpi", "goal"):
            raw.execute(f"DELETE FROM {table}")
    ws = blank
    parent = ws.goals.add("Objective")
    goals = [parent.id, ws.goals.add("Sub", parent_id=parent.id).id, ws.goals.add("Two").id]
    rows = []
    for n, spec in enumerate(kpis):
        fields: dict[str, object] = {"direction": spec["direction"], "frequency": "daily"}
        if spec["direction"] == "range":
            fields.update(range_low=-10.0, range_high=10.0)
        else:
            sign = 1 if spec["direction"] == "increase" else -1
            fields.update(
                baseline_value=0.0,
                baseline_date=start,
                target_value=sign * 100.0,
                target_date=D(2026, 1, 1),
            )
        milestones = (
            [Point(D(2025, 6, 1), 40.0 if spec["direction"] == "increase" else -40.0)]
            if spec["milestone"] and spec["direction"] != "range"
            else []
        )
        kpi = ws.kpis.add_with_milestones(goals[spec["goal"]], f"K{n}", milestones, **fields)
        if spec["archived"]:
            ws.kpis.update(kpi.id, archived=True)
        days = {d: v for d, v in spec["values"]}  # one value per day
        rows += [(kpi.id, start + dt.timedelta(days=d), v) for d, v in days.items()]
    if rows:
        ws.measurements.write_many(rows)
    check_agrees(ws, start + dt.timedelta(days=as_of_day))


def test_latest_values_are_the_last_n_on_or_before_the_date(workspace: Workspace) -> None:
    goal = workspace.goals.add("G")
    a = workspace.kpis.add(goal.id, "A", frequency="daily")
    b = workspace.kpis.add(goal.id, "B", frequency="daily")
    workspace.kpis.add(goal.id, "Empty", frequency="daily")
    days = [D(2024, 1, 1) + dt.timedelta(days=i) for i in range(30)]
    workspace.measurements.write_many([(a.id, d, float(i)) for i, d in enumerate(days)])
    workspace.measurements.write_many([(b.id, days[3], 7.0)])
    with workspace.reading() as s:
        raw = sqlite_connection(s)
        got = latest_values(raw, days[20], 5)
        assert got == {
            a.id: [Point(d, float(i)) for i, d in enumerate(days)][16:21],
            b.id: [Point(days[3], 7.0)],
        }
        assert latest_values(raw, days[20], 1)[a.id] == [Point(days[20], 20.0)]
        assert latest_values(raw, D(2023, 1, 1), 12) == {}


def test_history_gives_the_sparkline_values(workspace: Workspace) -> None:
    goal = workspace.goals.add("G")
    kpi = workspace.kpis.add(goal.id, "A", frequency="monthly")
    months = [D(2024, m, 1) for m in range(1, 13)] + [D(2025, m, 1) for m in range(1, 6)]
    workspace.measurements.write_many([(kpi.id, d, float(i)) for i, d in enumerate(months)])
    [(status, points)] = kpi_statuses_with_history(
        workspace, D(2025, 3, 15), SPARKLINE_LENGTH, forecast=False
    )
    assert [p.value for p in points] == [float(i) for i in range(3, 15)]
    assert status.latest_value == 14.0
    [row] = scorecard_rows(workspace, D(2025, 3, 15))
    assert row.sparkline == tuple(p.value for p in points)
    with pytest.raises(ValueError):
        kpi_statuses_with_history(workspace, D(2025, 3, 15), 12)  # the forecast needs 60

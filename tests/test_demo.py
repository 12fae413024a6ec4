"""The demo workspace (Corner Cafe): its shape, its story at `today`, and its determinism."""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
from pathlib import Path

import pytest
from team_server import built_workspace

from kpi_desktop.domain.periods import last_complete_period
from kpi_desktop.domain.status import status_at
from kpi_desktop.domain.types import Direction, Frequency, Status
from kpi_desktop.services.planning.kpis import kpi_target
from kpi_desktop.services.workspace.demo import DEMO_NAME, build_demo
from kpi_desktop.services.workspace.workspace import Workspace

TODAYS = (dt.date(2026, 11, 27), dt.date(2025, 3, 10))


def _build(folder: Path, today: dt.date | None) -> Workspace:
    folder.mkdir(parents=True, exist_ok=True)
    ws = Workspace.create(folder / "demo.kpidb", name=DEMO_NAME)
    build_demo(ws, today)
    return ws


def _contents(ws: Workspace) -> dict[str, object]:
    """Everything the demo writes, without ids and timestamps."""
    kpis = ws.kpis.list()
    reviews = ws.reviews.list()
    return {
        "goals": [(g.title, g.perspective, g.owner, g.due_date) for g in ws.goals.list()],
        "kpis": [
            {k: v for k, v in kpi.model_dump().items() if k not in ("created_at", "updated_at")}
            for kpi in kpis
        ],
        "values": {k.name: ws.measurements.points(k.id) for k in kpis},
        "milestones": {k.name: [(m.date, m.value) for m in ws.kpis.milestones(k.id)] for k in kpis},
        "reviews": [(r.date, r.title, r.notes) for r in reviews],
        "entries": [
            (e.kpi_name, e.status, e.latest_value, e.latest_date, e.expected, e.comment)
            for r in reviews
            for e in ws.reviews.entries(r.id)
        ],
        "actions": [
            (a.title, a.owner, a.due_date, a.done, a.done_date) for a in ws.reviews.actions()
        ],
    }


def _statuses(ws: Workspace, today: dt.date) -> dict[str, Status]:
    return {
        k.name: status_at(
            kpi_target(k, ws.kpis.milestones(k.id)), ws.measurements.points(k.id), today
        ).status
        for k in ws.kpis.list()
    }


_ON_BOTH = [
    pytest.param((today, engine), id=f"{today}-{engine}", marks=marks)
    for today in TODAYS
    for engine, marks in (("file", ()), ("team", pytest.mark.team))
]


def _on(request: pytest.FixtureRequest, folder: Path, engine: str, today: dt.date):  # type: ignore[no-untyped-def]
    """The demo of `today` on a file in `folder` or on the server (tests/team_server.py)."""
    return built_workspace(
        request, folder, engine, f"demo-{today}", lambda ws: build_demo(ws, today), "demo.kpidb"
    )


@pytest.fixture(scope="module", params=_ON_BOTH)
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    today, engine = request.param
    with contextlib.closing(_on(request, tmp_path_factory.mktemp("demo"), engine, today)) as made:
        yield next(made), today


def test_same_today_gives_the_same_workspace(tmp_path: Path) -> None:
    one, two = _build(tmp_path / "a", TODAYS[0]), _build(tmp_path / "b", TODAYS[0])
    try:
        a, b = _contents(one), _contents(two)
        assert sum(len(v) for v in a["values"].values()) > 150  # type: ignore[attr-defined]
        assert a == b
    finally:
        one.close()
        two.close()


@pytest.mark.team
def test_the_demo_on_a_server_is_the_demo_on_a_file(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    with (
        contextlib.closing(_on(request, tmp_path, "file", TODAYS[1])) as on_file,
        contextlib.closing(_on(request, tmp_path, "team", TODAYS[1])) as on_server,
    ):
        assert _contents(next(on_server)) == _contents(next(on_file))


def test_objectives_kpis_and_two_years_of_values(demo) -> None:  # type: ignore[no-untyped-def]
    ws, today = demo
    goals = ws.goals.list()
    objectives = [g for g in goals if g.parent_id is None]
    assert len(objectives) == 3
    assert {g.perspective for g in objectives} == {"financial", "customer", "internal process"}
    kpis = ws.kpis.list()
    assert 8 <= len(kpis) <= 11  # two of them inputs of the two calculated KPIs
    assert {k.goal_id for k in kpis} == {g.id for g in goals}  # every goal has KPIs
    last = last_complete_period(today, Frequency.MONTHLY)
    for kpi in kpis:
        points = ws.measurements.points(kpi.id)
        assert len(points) == 24, kpi.name
        assert points[-1].period == last, kpi.name
        assert len({p.value for p in points}) > 6, f"{kpi.name} looks flat"
    assert sum(k.direction == Direction.RANGE.value for k in kpis) == 1
    assert {k.direction for k in kpis} == {"increase", "decrease", "range"}
    assert {"currency", "percent", "count", "duration", "ratio"} <= {k.unit_kind for k in kpis}
    assert any(k.leading for k in kpis) and not all(k.leading for k in kpis)
    assert sum(bool(ws.kpis.milestones(k.id)) for k in kpis) >= 3
    assert all(k.currency_symbol == "€" for k in kpis if k.unit_kind == "currency")
    for kpi in kpis:
        if kpi.direction != Direction.RANGE.value:
            assert kpi.baseline_date < today < kpi.target_date
            assert 330 < (today - kpi.baseline_date).days < 430  # about a year ago


def test_gross_margin_and_basket_are_calculated_from_their_inputs(demo) -> None:  # type: ignore[no-untyped-def]
    ws, _today = demo
    by_name = {k.name: k for k in ws.kpis.list()}
    assert by_name["Gross margin"].calculation == "[Gross profit] / [Monthly revenue] * 100"
    assert by_name["Average web-shop basket"].calculation == "[Web-shop sales] / [Web-shop orders]"
    assert sum(bool(k.calculation) for k in by_name.values()) == 2

    def values(name: str) -> dict[dt.date, float]:
        return {p.period: p.value for p in ws.measurements.points(by_name[name].id)}

    profit, revenue = values("Gross profit"), values("Monthly revenue")
    margin = values("Gross margin")
    assert margin == {d: profit[d] / revenue[d] * 100 for d in revenue}
    sales, orders = values("Web-shop sales"), values("Web-shop orders")
    assert values("Average web-shop basket") == {d: sales[d] / orders[d] for d in orders}
    assert all(55 < v < 70 for v in margin.values())  # a cafe's margin, in per cent
    rows = ws.measurements.rows(by_name["Gross margin"].id)
    assert {source for *_, source in rows} == {"calculated"}


def test_statuses_at_today_tell_the_story(demo) -> None:  # type: ignore[no-untyped-def]
    ws, today = demo
    counts = collections.Counter(_statuses(ws, today).values())
    assert counts[Status.ON_TRACK] >= 3
    assert counts[Status.AT_RISK] >= 1
    assert counts[Status.OFF_TRACK] >= 1
    assert counts[Status.ACHIEVED] == 1
    assert counts[Status.NO_DATA] == 0


def test_past_review_with_snapshot_comments_and_actions(demo) -> None:  # type: ignore[no-untyped-def]
    ws, today = demo
    (review,) = ws.reviews.list()
    assert 20 <= (today - review.date).days <= 40
    assert review.notes
    entries = ws.reviews.entries(review.id)
    kpis = ws.kpis.list()
    assert [e.kpi_id for e in entries] == [k.id for k in kpis]
    assert sum(bool(e.comment) for e in entries) == 2
    at_review = _statuses_at(ws, review.date)
    assert {e.kpi_name: e.status for e in entries} == at_review
    assert all(e.latest_date is not None and e.latest_date < review.date for e in entries)

    actions = ws.reviews.actions()
    assert len(actions) == 3
    assert all(a.review_id == review.id for a in actions)
    done = [a for a in actions if a.done]
    still_open = [a for a in actions if not a.done]
    assert len(done) == 1 and done[0].done_date <= today
    assert len(still_open) == 2
    assert all(a.owner and a.due_date for a in still_open)
    assert sum(a.due_date < today for a in still_open) == 1  # one overdue


def _statuses_at(ws: Workspace, day: dt.date) -> dict[str, str]:
    """Statuses as they were at a past review: only periods complete by that day count."""
    known_by = last_complete_period(day, Frequency.MONTHLY)
    return {
        k.name: status_at(
            kpi_target(k, ws.kpis.milestones(k.id)),
            ws.measurements.points(k.id, up_to=known_by),
            day,
        ).status.value
        for k in ws.kpis.list()
    }


def test_one_kpi_is_left_incomplete_for_the_quality_check(demo) -> None:  # type: ignore[no-untyped-def]
    ws, _ = demo
    incomplete = [k.name for k in ws.kpis.list() if not (k.owner and k.data_source)]
    assert incomplete == ["Average web-shop basket"]


def test_the_demo_follows_today(tmp_path: Path) -> None:
    one, two = _build(tmp_path / "a", TODAYS[0]), _build(tmp_path / "b", TODAYS[1])
    try:
        a, b = _contents(one), _contents(two)
        assert a["values"] != b["values"]
        assert one.reviews.list()[0].date.year == 2026
        assert two.reviews.list()[0].date == dt.date(2025, 2, 10)
    finally:
        one.close()
        two.close()


def test_default_today_is_the_real_today(workspace: Workspace) -> None:
    build_demo(workspace)
    kpi = workspace.kpis.list()[0]
    last = workspace.measurements.points(kpi.id)[-1].period
    assert last == last_complete_period(dt.date.today(), Frequency.MONTHLY)


def test_refuses_a_workspace_that_is_not_empty(workspace: Workspace) -> None:
    workspace.goals.add("Something of mine")
    with pytest.raises(ValueError, match="empty"):
        build_demo(workspace, TODAYS[0])
    assert len(workspace.goals.list()) == 1

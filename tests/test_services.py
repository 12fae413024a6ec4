"""Use cases over a real temporary workspace: goals, KPIs, values, reviews, statuses."""

from __future__ import annotations

import datetime as dt

import pytest

from kpi_desktop.domain.types import Point, Status
from kpi_desktop.services.errors import (
    AmbiguousName,
    ConflictError,
    NotFound,
    UnknownName,
    ValidationError,
)
from kpi_desktop.services.tracking.measurements import OnConflict
from kpi_desktop.services.tracking.status import goal_rollups, kpi_statuses
from kpi_desktop.services.workspace.workspace import Workspace

D = dt.date


def _kpi(ws: Workspace, goal_id: int, name: str = "Revenue", **fields: object):  # type: ignore[no-untyped-def]
    defaults: dict[str, object] = dict(
        unit="EUR",
        baseline_value=100.0,
        baseline_date=D(2024, 1, 1),
        target_value=200.0,
        target_date=D(2024, 11, 1),
    )
    defaults.update(fields)
    return ws.kpis.add(goal_id, name, **defaults)


# -- goals ----------------------------------------------------------------------------------


def test_goal_tree_add_rename_reorder_and_archive(workspace: Workspace) -> None:
    grow = workspace.goals.add("  Grow   revenue ")
    assert grow.title == "Grow revenue"
    care = workspace.goals.add("Delight customers", perspective="Customer")
    sub = workspace.goals.add("Web shop", parent_id=grow.id)
    assert [g.position for g in (grow, care, sub)] == [0, 1, 0]
    workspace.goals.rename(care.id, "Delight regulars")
    workspace.goals.move(care.id, None, position=0)
    roots = [g for g in workspace.goals.list() if g.parent_id is None]
    assert [(g.title, g.position) for g in sorted(roots, key=lambda g: g.position)] == [
        ("Delight regulars", 0),
        ("Grow revenue", 1),
    ]
    workspace.goals.archive(sub.id)
    assert workspace.goals.get(sub.id).archived
    assert sub.id not in {g.id for g in workspace.goals.list(include_archived=False)}


def test_goal_validation_and_cycles(workspace: Workspace) -> None:
    with pytest.raises(ValidationError, match="needs a title"):
        workspace.goals.add("   ")
    with pytest.raises(ValidationError, match="Perspective must be one of"):
        workspace.goals.add("X", perspective="vibes")
    top = workspace.goals.add("Top")
    mid = workspace.goals.add("Mid", parent_id=top.id)
    low = workspace.goals.add("Low", parent_id=mid.id)
    with pytest.raises(ValidationError, match="under itself"):
        workspace.goals.move(top.id, low.id)
    with pytest.raises(ValidationError, match="under itself"):
        workspace.goals.move(top.id, top.id)
    assert workspace.goals.get(top.id).parent_id is None
    workspace.goals.move(low.id, top.id)
    assert workspace.goals.get(low.id).parent_id == top.id


def test_deleting_a_goal_removes_its_subtree_kpis_and_values(workspace: Workspace) -> None:
    top = workspace.goals.add("Top")
    sub = workspace.goals.add("Sub", parent_id=top.id)
    kpi = _kpi(workspace, sub.id)
    workspace.measurements.upsert(kpi.id, D(2024, 2, 1), 120)
    workspace.goals.delete(top.id)
    assert workspace.goals.list() == []
    with workspace.reading() as s:
        raw = s.connection().connection.driver_connection
        assert raw.execute("SELECT count(*) FROM kpi").fetchone()[0] == 0
        assert raw.execute("SELECT count(*) FROM measurement").fetchone()[0] == 0


def test_find_goal_by_name_is_case_insensitive_and_suggests(workspace: Workspace) -> None:
    workspace.goals.add("Grow revenue")
    workspace.goals.add("Grow margin")
    assert workspace.goals.find("GROW  REVENUE").title == "Grow revenue"
    with pytest.raises(UnknownName, match="did you mean") as err:
        workspace.goals.find("grow revenu")
    assert "Grow revenue" in err.value.close


def test_ambiguous_kpi_names_across_goals_are_reported(workspace: Workspace) -> None:
    a, b = workspace.goals.add("A"), workspace.goals.add("B")
    _kpi(workspace, a.id, "Orders")
    _kpi(workspace, b.id, "orders")
    with pytest.raises(AmbiguousName, match="ambiguous"):
        workspace.kpis.find("ORDERS")


# -- KPIs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"name": " "}, "name", "needs a name"),
        ({"target_date": D(2023, 1, 1)}, "target_date", "after the baseline date"),
        ({"tolerance": 0}, "tolerance", "more than 0"),
        ({"tolerance": -0.2}, "tolerance", "more than 0"),
        ({"direction": "range", "range_low": 5, "range_high": 2}, "range_high", "above range low"),
        ({"direction": "range"}, "range_low", "both a low and a high"),
        ({"direction": "sideways"}, "direction", "must be one of"),
        ({"frequency": "hourly"}, "frequency", "must be one of"),
        ({"baseline_value": "lots"}, "baseline_value", "must be a number"),
        ({"target_value": 50.0}, "target_value", "above the baseline"),
        ({"decimals": 9}, "decimals", "between 0 and 6"),
        ({"weight": -1}, "weight", "zero or more"),
    ],
)
def test_kpi_validation_names_the_field(
    workspace: Workspace, fields: dict[str, object], field: str, words: str
) -> None:
    goal = workspace.goals.add("G")
    fields = dict(fields)  # the parameters are shared by both engines' runs
    name = str(fields.pop("name", "Revenue"))
    with pytest.raises(ValidationError, match=words) as err:
        _kpi(workspace, goal.id, name, **fields)
    assert err.value.field == field
    assert workspace.kpis.list() == []


def test_kpi_names_are_unique_within_a_goal(workspace: Workspace) -> None:
    g1, g2 = workspace.goals.add("G1"), workspace.goals.add("G2")
    first = _kpi(workspace, g1.id, "Revenue")
    with pytest.raises(ValidationError, match="already has a KPI"):
        _kpi(workspace, g1.id, "revenue")
    other = _kpi(workspace, g2.id, "Revenue")  # fine in another goal
    with pytest.raises(ValidationError, match="already has a KPI"):
        workspace.kpis.move(other.id, g1.id)
    workspace.kpis.update(first.id, name="Revenue")  # renaming to itself is fine


def test_kpi_edit_and_move_keep_positions_tidy(workspace: Workspace) -> None:
    g1, g2 = workspace.goals.add("G1"), workspace.goals.add("G2")
    a, b, c = (_kpi(workspace, g1.id, n) for n in ("A", "B", "C"))
    workspace.kpis.update(a.id, owner="Sam", data_source="till export")
    assert workspace.kpis.get(a.id).owner == "Sam"
    workspace.kpis.move(a.id, g2.id)
    assert [(k.name, k.position) for k in workspace.kpis.list(goal_id=g1.id)] == [
        ("B", 0),
        ("C", 1),
    ]
    workspace.kpis.move(c.id, g1.id, position=0)
    assert [k.name for k in workspace.kpis.list(goal_id=g1.id)] == ["C", "B"]
    assert workspace.kpis.get(a.id).goal_id == g2.id
    assert b.id is not None


def test_milestones_are_replaced_as_a_set(workspace: Workspace) -> None:
    kpi = _kpi(workspace, workspace.goals.add("G").id)
    workspace.kpis.set_milestones(kpi.id, [Point(D(2024, 4, 1), 130), Point(D(2024, 7, 1), 160)])
    workspace.kpis.set_milestones(kpi.id, [Point(D(2024, 6, 1), 150)])
    assert [(m.date, m.value) for m in workspace.kpis.milestones(kpi.id)] == [(D(2024, 6, 1), 150)]
    with pytest.raises(ValidationError, match="same date"):
        workspace.kpis.set_milestones(kpi.id, [Point(D(2024, 6, 1), 1), Point(D(2024, 6, 1), 2)])
    assert len(workspace.kpis.milestones(kpi.id)) == 1


# -- measurements ---------------------------------------------------------------------------


def test_values_map_to_their_period_and_one_per_period(workspace: Workspace) -> None:
    goal = workspace.goals.add("G")
    monthly = _kpi(workspace, goal.id, "Monthly")
    weekly = _kpi(workspace, goal.id, "Weekly", frequency="weekly")
    workspace.measurements.upsert(monthly.id, D(2024, 3, 17), 120)
    change = workspace.measurements.upsert(monthly.id, D(2024, 3, 2), 125, note="corrected")
    assert change.before is not None and change.before.value == 120
    assert workspace.measurements.points(monthly.id) == [Point(D(2024, 3, 1), 125.0)]
    workspace.measurements.upsert(weekly.id, D(2024, 3, 14), 7)  # a Thursday
    assert workspace.measurements.points(weekly.id) == [Point(D(2024, 3, 11), 7.0)]
    with pytest.raises(ValidationError, match="finite"):
        workspace.measurements.upsert(monthly.id, D(2024, 4, 1), float("nan"))


def test_restore_undoes_upsert_and_delete(workspace: Workspace) -> None:
    kpi = _kpi(workspace, workspace.goals.add("G").id)
    first = workspace.measurements.upsert(kpi.id, D(2024, 3, 1), 120, note="till")
    second = workspace.measurements.upsert(kpi.id, D(2024, 3, 1), 130)
    workspace.measurements.restore(second)
    rows = workspace.measurements.list(kpi.id)
    assert [(r.value, r.note) for r in rows] == [(120.0, "till")]
    gone = workspace.measurements.delete(kpi.id, D(2024, 3, 1))
    assert workspace.measurements.list(kpi.id) == []
    workspace.measurements.restore(gone)
    assert [r.value for r in workspace.measurements.list(kpi.id)] == [120.0]
    workspace.measurements.restore(first)
    assert workspace.measurements.list(kpi.id) == []
    with pytest.raises(NotFound):
        workspace.measurements.delete(kpi.id, D(2024, 3, 1))


def test_write_many_conflicts(workspace: Workspace) -> None:
    kpi = _kpi(workspace, workspace.goals.add("G").id)
    rows = [(kpi.id, D(2024, m, 1), float(m)) for m in range(1, 7)]
    assert workspace.measurements.write_many(rows).inserted == 6
    again = [(kpi.id, D(2024, m, 1), 10.0 * m) for m in range(5, 9)]
    with pytest.raises(ConflictError, match="Nothing was written"):
        workspace.measurements.write_many(again)
    assert len(workspace.measurements.list(kpi.id)) == 6
    kept = workspace.measurements.write_many(again, on_conflict=OnConflict.KEEP)
    assert (kept.inserted, kept.kept) == (2, 2)
    assert [p.value for p in workspace.measurements.points(kpi.id)][4:] == [5.0, 6.0, 70.0, 80.0]
    replaced = workspace.measurements.write_many(again, on_conflict=OnConflict.REPLACE)
    assert (replaced.inserted, replaced.replaced) == (0, 4)
    assert [p.value for p in workspace.measurements.points(kpi.id)][4:] == [50.0, 60.0, 70.0, 80.0]


def test_foreign_keys_are_enforced(workspace: Workspace) -> None:
    from kpi_desktop.store.raw import raw_connection

    with workspace.writing() as s:
        raw = raw_connection(s)  # the engine's own error, on a file and on a server
        with pytest.raises(Exception, match="(?i)foreign key"):
            raw.execute("INSERT INTO measurement VALUES (999, '2024-01-01', 1, '', 'x')")


# -- reviews and actions --------------------------------------------------------------------


def test_reviews_and_actions(workspace: Workspace) -> None:
    from kpi_desktop.services.review.reviews import EntryInput

    kpi = _kpi(workspace, workspace.goals.add("G").id)
    review = workspace.reviews.record(
        D(2024, 6, 30),
        "June review",
        "Slow month",
        [EntryInput(kpi.id, kpi.name, "at_risk", 140.0, D(2024, 6, 1), 155.0, 0.4, "Push web")],
    )
    action = workspace.reviews.add_action(
        "Run a June promo", owner="Sam", due_date=D(2024, 7, 15), kpi_id=kpi.id, review_id=review.id
    )
    assert [e.comment for e in workspace.reviews.entries(review.id)] == ["Push web"]
    assert [a.title for a in workspace.reviews.actions(open_only=True)] == ["Run a June promo"]
    workspace.reviews.set_action_done(action.id, when=D(2024, 7, 10))
    assert workspace.reviews.actions(open_only=True) == []
    with pytest.raises(ValidationError):
        workspace.reviews.add_action("  ")
    with pytest.raises(NotFound):
        workspace.reviews.add_action("x", kpi_id=12345)


# -- statuses -------------------------------------------------------------------------------


def test_statuses_and_rollup(workspace: Workspace) -> None:
    grow = workspace.goals.add("Grow")
    sub = workspace.goals.add("Web", parent_id=grow.id)
    good = _kpi(workspace, grow.id, "Good")
    bad = _kpi(workspace, sub.id, "Bad")
    empty = _kpi(workspace, sub.id, "Empty")
    for m, (g, b) in enumerate([(110, 101), (120, 101), (130, 102), (140, 102)], start=2):
        workspace.measurements.upsert(good.id, D(2024, m, 1), g)
        workspace.measurements.upsert(bad.id, D(2024, m, 1), b)
    rows = {r.kpi: r for r in kpi_statuses(workspace, D(2024, 5, 1))}
    # expected on 2024-05-01: 100 + 100 * 121/305 = 139.67; good has 140
    assert rows["Good"].status is Status.ON_TRACK
    assert rows["Good"].expected == pytest.approx(100 + 100 * 121 / 305)
    assert rows["Good"].progress == pytest.approx(0.40)
    assert rows["Good"].forecast is not None
    assert rows["Bad"].status is Status.OFF_TRACK
    assert rows["Empty"].status is Status.NO_DATA
    assert empty.id is not None
    rollups = goal_rollups(workspace.goals.list(), list(rows.values()))
    assert rollups[sub.id].status is Status.OFF_TRACK
    assert rollups[grow.id].status is Status.OFF_TRACK
    assert rollups[grow.id].score == pytest.approx(50.0)  # Good 100, sub-goal 0


# -- snapshots (undo of deletes) ------------------------------------------------------------


def test_a_deleted_goal_comes_back_whole_and_in_place(workspace: Workspace) -> None:
    from kpi_desktop.services.planning import snapshots

    first = workspace.goals.add("First")
    middle = workspace.goals.add("Middle")
    last = workspace.goals.add("Last")
    sub = workspace.goals.add("Sub", parent_id=middle.id)
    kpi = _kpi(workspace, sub.id)
    workspace.measurements.upsert(kpi.id, D(2024, 2, 1), 120, note="till")
    workspace.kpis.set_milestones(kpi.id, [Point(D(2024, 6, 1), 150)])
    snap = snapshots.capture_goal(workspace, middle.id)
    workspace.goals.delete(middle.id)
    assert {g.title: g.position for g in workspace.goals.list()} == {"First": 0, "Last": 1}
    snapshots.restore(workspace, snap)
    goals = {g.title: (g.id, g.parent_id, g.position) for g in workspace.goals.list()}
    assert goals == {
        "First": (first.id, None, 0),
        "Middle": (middle.id, None, 1),
        "Last": (last.id, None, 2),
        "Sub": (sub.id, middle.id, 0),
    }
    assert [(m.value, m.note) for m in workspace.measurements.list(kpi.id)] == [(120.0, "till")]
    assert [m.value for m in workspace.kpis.milestones(kpi.id)] == [150.0]


def test_a_deleted_kpi_comes_back_in_place(workspace: Workspace) -> None:
    from kpi_desktop.services.planning import snapshots

    goal = workspace.goals.add("G")
    a, b, c = (_kpi(workspace, goal.id, n) for n in ("A", "B", "C"))
    workspace.measurements.upsert(b.id, D(2024, 2, 1), 120)
    snap = snapshots.capture_kpi(workspace, b.id)
    workspace.kpis.delete(b.id)
    snapshots.restore(workspace, snap)
    assert [(k.name, k.position) for k in workspace.kpis.list()] == [("A", 0), ("B", 1), ("C", 2)]
    assert len(workspace.measurements.list(b.id)) == 1
    assert a.id and c.id

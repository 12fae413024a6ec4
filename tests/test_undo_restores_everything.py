"""Undo restores everything a delete took (issue 14, item 6): a full dump of every table
before a goal's (or a KPI's) deletion equals the dump after its undo, links of actions and
review entries included. Only the change log differs: it records the delete and the undo."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from kpi_desktop.domain.types import Point
from kpi_desktop.services.planning.revisions import revise_plan
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui import commands
from kpi_desktop.ui.document import Document


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT IN ('change_log', 'alembic_version') AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


@pytest.mark.parametrize("what", ["goal", "kpi"])
def test_undo_of_a_delete_gives_back_the_same_workspace(
    qtbot,
    demo: Workspace,
    what: str,  # type: ignore[no-untyped-def]
) -> None:
    doc = Document(demo)
    with sqlite3.connect(demo.path) as conn:  # a KPI that actions and a review point at
        (kpi_id,) = conn.execute(
            "SELECT kpi_id FROM action WHERE kpi_id IN (SELECT kpi_id FROM review_entry) "
            "ORDER BY id LIMIT 1"
        ).fetchone()
    kpi = demo.kpis.get(kpi_id)
    goal = demo.goals.get(kpi.goal_id)
    while goal.parent_id is not None:  # its objective: sub-goals and all
        goal = demo.goals.get(goal.parent_id)
    with sqlite3.connect(demo.path) as conn:
        linked = conn.execute(
            "SELECT (SELECT count(*) FROM action WHERE kpi_id = ? OR goal_id = ?), "
            "(SELECT count(*) FROM review_entry WHERE kpi_id = ?)",
            (kpi.id, goal.id, kpi.id),
        ).fetchone()
    assert linked[0] > 0 and linked[1] > 0
    # two target revisions, each keeping the plan (and milestones) it replaced
    assert kpi.target_value is not None
    bolder = 1.1 if kpi.direction == "increase" else 0.9
    first, second = kpi.target_value * bolder, kpi.target_value * bolder * bolder
    revise_plan(demo, kpi.id, dt.date(2026, 7, 1), reason="new machine", target_value=first)
    mark = [Point(dt.date(2027, 6, 1), (first + second) / 2)]
    revise_plan(demo, kpi.id, dt.date(2026, 10, 1), milestones=mark, target_value=second)
    before = dump(demo.path)
    assert len(before["plan_revision"]) == 2 and before["plan_revision_milestone"]
    command = (
        commands.DeleteGoal(doc, goal.id, goal.title)
        if what == "goal"
        else commands.DeleteKpi(doc, kpi.id, kpi.name)
    )
    assert doc.push(command) is None
    assert dump(demo.path) != before
    doc.undo_stack.undo()
    assert dump(demo.path) == before
    doc.undo_stack.redo()
    doc.undo_stack.undo()
    assert dump(demo.path) == before
    doc.close()

"""Annotations (issue 21, item 1): dated notes on a KPI or on the whole workspace, kept,
checked, logged and put back with everything else."""

from __future__ import annotations

import datetime as dt

import pytest

from kpi_desktop.services.errors import NotFound, ValidationError
from kpi_desktop.services.planning.snapshots import capture_kpi, restore
from kpi_desktop.services.workspace import change_log
from kpi_desktop.services.workspace.workspace import Workspace

MAR = dt.date(2026, 3, 3)


def _kpi(ws: Workspace, name: str = "Revenue") -> int:
    goal = ws.goals.add("Grow")
    kpi = ws.kpis.add(goal.id, name)
    assert kpi.id is not None
    return kpi.id


def test_a_note_is_kept_with_its_kpi_and_dates(workspace: Workspace) -> None:
    kpi = _kpi(workspace)
    note = workspace.annotations.add(kpi, MAR, "  Price   rise ")
    span = workspace.annotations.add(None, dt.date(2026, 5, 4), "Road works", dt.date(2026, 6, 12))
    assert note.text == "Price rise" and note.end is None
    assert [n.text for n in workspace.annotations.list(kpi)] == ["Price rise", "Road works"]
    assert workspace.annotations.workspace_only() == [span]
    assert span.when() == "4 May – 12 Jun 2026" and span.line().endswith("(all KPIs): Road works")
    # a window sees what touches it: a span that began before it, not a note after it
    inside = workspace.annotations.list(kpi, dt.date(2026, 6, 1), dt.date(2026, 12, 31))
    assert [n.text for n in inside] == ["Road works"]


def test_bad_notes_are_refused_with_the_reason(workspace: Workspace) -> None:
    kpi = _kpi(workspace)
    with pytest.raises(ValidationError, match="needs some text"):
        workspace.annotations.add(kpi, MAR, "   ")
    with pytest.raises(ValidationError, match="at most 300 characters"):
        workspace.annotations.add(kpi, MAR, "x" * 301)
    with pytest.raises(ValidationError, match="ends .* before it starts"):
        workspace.annotations.add(kpi, MAR, "Backwards", MAR - dt.timedelta(days=1))
    with pytest.raises(NotFound):
        workspace.annotations.add(kpi + 99, MAR, "Nowhere")
    assert workspace.annotations.list() == []


def test_edit_delete_and_restore(workspace: Workspace) -> None:
    kpi = _kpi(workspace)
    note = workspace.annotations.add(kpi, MAR, "Price rise")
    moved = workspace.annotations.update(note.id, start_date=dt.date(2026, 3, 10), text="New menu")
    assert (moved.start, moved.text) == (dt.date(2026, 3, 10), "New menu")
    gone = workspace.annotations.delete(note.id)
    assert workspace.annotations.list() == []
    assert workspace.annotations.restore(gone) == moved
    with pytest.raises(NotFound):
        workspace.annotations.update(note.id + 1, text="?")


def test_every_change_is_in_the_change_log(workspace: Workspace) -> None:
    kpi = _kpi(workspace)
    note = workspace.annotations.add(kpi, MAR, "Price rise")
    workspace.annotations.update(note.id, text="Price rise of 5%")
    workspace.annotations.delete(note.id)
    rows = [
        (c.kind, c.what, c.old, c.new)
        for c in change_log.history(workspace, kpi_id=kpi)
        if c.kind == "note"
    ]
    assert rows == [
        ("note", "deleted", "", ""),
        ("note", "text", "Price rise", "Price rise of 5%"),
        ("note", "added", "", ""),
    ]


def test_deleting_a_kpi_takes_its_notes_and_undo_brings_them_back(workspace: Workspace) -> None:
    kpi = _kpi(workspace)
    workspace.annotations.add(kpi, MAR, "Price rise")
    everyone = workspace.annotations.add(None, MAR, "Easter")
    snap = capture_kpi(workspace, kpi)
    workspace.kpis.delete(kpi)
    assert workspace.annotations.list() == [everyone]
    restore(workspace, snap)
    assert [n.text for n in workspace.annotations.list(kpi)] == ["Price rise", "Easter"]

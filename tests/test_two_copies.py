"""Two copies of the app on one workspace: no lost update, stale edits reported, busy
databases retried, and a second window told who else has the file open."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import event

from kpi_desktop.domain.types import Point
from kpi_desktop.services.errors import KpiDesktopError, WorkspaceError, WorkspaceLocked
from kpi_desktop.services.workspace import presence
from kpi_desktop.services.workspace.edit_conflicts import StaleEdit
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store import engine as engine_module

WRITER = Path(__file__).with_name("concurrent_writer.py")


# -- two processes, one file ------------------------------------------------------------


def test_two_processes_editing_at_once_lose_no_update(tmp_path: Path) -> None:
    path = tmp_path / "shared.kpidb"
    with Workspace.create(path) as ws:
        goal = ws.goals.add("Shared")
        own = [ws.kpis.add(goal.id, f"Copy {i}", frequency="daily").id for i in (1, 2)]
        counter = ws.kpis.add(goal.id, "Counter").id
        ws.measurements.upsert(counter, dt.date(2024, 1, 1), 0.0)
        weighted = ws.kpis.add(goal.id, "Weighted", weight=1.0).id
    go = tmp_path / "go"
    values, increments, weight_increments = 200, 100, 50
    procs = []
    for kpi_id in own:
        cfg = {
            "go": str(go),
            "own_kpi": kpi_id,
            "counter_kpi": counter,
            "weight_kpi": weighted,
            "values": values,
            "increments": increments,
            "weight_increments": weight_increments,
        }
        procs.append(
            subprocess.Popen(
                [sys.executable, str(WRITER), str(path), json.dumps(cfg)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for proc in procs:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
    go.touch()  # both start together
    reports = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        reports.append(json.loads(out))
    with Workspace.open(path) as ws:
        for kpi_id in own:
            assert len(ws.measurements.points(kpi_id)) == values
        assert ws.measurements.points(counter)[0].value == 2 * increments
        assert ws.kpis.get(weighted).weight == 1.0 + 2 * weight_increments
    caught = sum(r["stale_edits_caught"] for r in reports)
    print(
        f"\ntwo copies: {2 * (values + increments + weight_increments)} edits, "
        f"{caught} stale edits caught and redone, {[r['seconds'] for r in reports]} s"
    )


# -- stale edits ------------------------------------------------------------------------


@pytest.fixture
def two_windows(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "w.kpidb"
    Workspace.create(path).close()
    first, second = Workspace.open(path), Workspace.open(path)
    yield first, second
    first.close()
    second.close()


def test_a_kpi_edit_based_on_a_stale_version_is_refused(two_windows) -> None:  # type: ignore[no-untyped-def]
    a, b = two_windows
    goal = a.goals.add("Grow")
    kpi = a.kpis.add(goal.id, "Revenue", target_value=100.0)
    shown = a.kpis.get(kpi.id)  # window A shows the KPI
    b.kpis.update(kpi.id, target_value=120.0)  # window B changes it
    with pytest.raises(StaleEdit, match="changed in another window") as caught:
        a.kpis.update(kpi.id, expected_version=shown.version, target_value=110.0)
    assert isinstance(caught.value, KpiDesktopError)
    assert "Revenue" in caught.value.message and "Reload" in caught.value.message
    assert a.kpis.get(kpi.id).target_value == 120.0  # B's edit stands
    fresh = a.kpis.get(kpi.id)  # after reloading, A's edit goes through
    saved = a.kpis.update(kpi.id, expected_version=fresh.version, target_value=110.0)
    assert saved.version == fresh.version + 1
    assert b.kpis.get(kpi.id).target_value == 110.0


def test_every_kind_of_kpi_edit_bumps_the_version_and_checks_it(two_windows) -> None:  # type: ignore[no-untyped-def]
    a, b = two_windows
    g1, g2 = a.goals.add("One"), a.goals.add("Two")
    kpi = a.kpis.add(g1.id, "Orders")
    versions = [a.kpis.get(kpi.id).version]
    b.kpis.set_milestones(kpi.id, [Point(dt.date(2025, 1, 1), 5.0)])
    versions.append(a.kpis.get(kpi.id).version)
    b.kpis.move(kpi.id, g2.id)
    versions.append(a.kpis.get(kpi.id).version)
    b.kpis.update_with_milestones(kpi.id, [], owner="Tom")
    versions.append(a.kpis.get(kpi.id).version)
    assert versions == sorted(set(versions))  # strictly rising
    old = versions[0]
    milestones_before = a.kpis.milestones(kpi.id)
    with pytest.raises(StaleEdit):
        a.kpis.update_with_milestones(
            kpi.id, [Point(dt.date(2026, 1, 1), 9.0)], expected_version=old, owner="Ann"
        )
    with pytest.raises(StaleEdit):
        a.kpis.set_milestones(kpi.id, [], expected_version=old)
    with pytest.raises(StaleEdit):
        a.kpis.move(kpi.id, g1.id, expected_version=old)
    after = a.kpis.get(kpi.id)
    assert (after.owner, after.goal_id) == ("Tom", g2.id)
    assert a.kpis.milestones(kpi.id) == milestones_before


def test_a_goal_edit_based_on_a_stale_version_is_refused(two_windows) -> None:  # type: ignore[no-untyped-def]
    a, b = two_windows
    goal = a.goals.add("Grow")
    other = a.goals.add("Other")
    shown = a.goals.get(goal.id)
    b.goals.rename(goal.id, "Grow revenue")
    with pytest.raises(StaleEdit, match='goal \\("Grow revenue"\\) was changed'):
        a.goals.update(goal.id, expected_version=shown.version, owner="Maria")
    with pytest.raises(StaleEdit):
        a.goals.rename(goal.id, "Grow profit", expected_version=shown.version)
    with pytest.raises(StaleEdit):
        a.goals.move(goal.id, other.id, expected_version=shown.version)
    now = a.goals.get(goal.id)
    assert (now.title, now.owner, now.parent_id) == ("Grow revenue", "", None)
    a.goals.update(goal.id, expected_version=now.version, owner="Maria")
    assert b.goals.get(goal.id).owner == "Maria"


def test_without_an_expected_version_edits_work_as_before(workspace: Workspace) -> None:
    goal = workspace.goals.add("Grow")
    kpi = workspace.kpis.add(goal.id, "Revenue")
    assert (goal.version, kpi.version) == (1, 1)
    workspace.kpis.update(kpi.id, owner="A")
    workspace.kpis.update(kpi.id, owner="B")
    workspace.goals.update(goal.id, owner="C")
    assert workspace.kpis.get(kpi.id).version == 3
    assert workspace.goals.get(goal.id).version == 2


def test_moving_siblings_does_not_make_a_shown_kpi_stale(workspace: Workspace) -> None:
    goal = workspace.goals.add("Grow")
    first = workspace.kpis.add(goal.id, "First")
    second = workspace.kpis.add(goal.id, "Second")
    shown = workspace.kpis.get(second.id)
    workspace.kpis.delete(first.id)  # Second moves up a place: not an edit of Second
    workspace.kpis.update(second.id, expected_version=shown.version, owner="Ann")


# -- a busy database --------------------------------------------------------------------


def _hold_write_lock(path: Path, release: threading.Event, held: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("BEGIN IMMEDIATE")
        held.set()
        release.wait(10)
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_a_write_waits_out_a_lock_held_longer_than_the_busy_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 20)
    path = tmp_path / "busy.kpidb"
    Workspace.create(path).close()
    release, held = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, release, held))
    with Workspace.open(path) as ws:
        holder.start()
        held.wait(5)
        threading.Timer(0.5, release.set).start()  # 25 times the busy timeout
        started = time.monotonic()
        ws.goals.add("Written after the wait")
        waited = time.monotonic() - started
        holder.join()
        assert [g.title for g in ws.goals.list()] == ["Written after the wait"]
    assert waited >= 0.4


def test_a_lock_held_too_long_gives_a_clear_error_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 20)
    monkeypatch.setattr(engine_module, "WRITE_RETRY_SECONDS", 0.3)
    path = tmp_path / "busy.kpidb"
    Workspace.create(path).close()
    release, held = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, release, held))
    with Workspace.open(path) as ws:
        holder.start()
        held.wait(5)
        started = time.monotonic()
        try:
            with pytest.raises(WorkspaceLocked, match="locked by another program"):
                ws.goals.add("Never written")
        finally:
            release.set()
            holder.join()
        assert time.monotonic() - started < 3
        assert ws.goals.list() == []
        ws.goals.add("Fine once the lock is gone")


def test_a_full_disk_is_a_clear_error_from_every_kind_of_write(workspace: Workspace) -> None:
    goal = workspace.goals.add("Grow")
    kpi = workspace.kpis.add(goal.id, "Daily", frequency="daily")
    with workspace.reading() as s:
        pages = s.connection().exec_driver_sql("PRAGMA page_count").scalar()
    workspace._engine.dispose()  # new connections, each capped at today's size

    @event.listens_for(workspace._engine, "connect")
    def _cap(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    rows = [(kpi.id, dt.date(2000, 1, 1) + dt.timedelta(days=i), float(i)) for i in range(20000)]
    with pytest.raises(WorkspaceError, match="disk is full"):
        workspace.measurements.write_many(rows)  # raw sqlite3 inside the service
    with pytest.raises(WorkspaceError, match="disk is full"):
        workspace.measurements.upsert_many(kpi.id, [(d, v, "x" * 2000) for _k, d, v in rows[:2000]])
    assert workspace.measurements.points(kpi.id) == []


# -- a second window is told who else has the file open ----------------------------------


PRESENCE_SCRIPT = textwrap.dedent(
    """
    import sys
    from kpi_desktop.services.workspace import presence as p
    if sys.argv[1] == "ask":
        print(p.other_user(sys.argv[2]))
    else:
        claim = p.claim(sys.argv[2])
        print("claimed" if claim else "not claimed", flush=True)
        sys.stdin.readline()
        if claim:
            claim.release()
    """
)


def _ask_from_another_process(path: Path) -> str:
    out = subprocess.run(
        [sys.executable, "-c", PRESENCE_SCRIPT, "ask", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return out.stdout.strip()


def _claim_in_another_process(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", PRESENCE_SCRIPT, "claim", str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "claimed"
    return proc


def test_a_claim_is_seen_by_another_process_and_gone_after_release(workspace: Workspace) -> None:
    path = workspace.path
    claim = presence.claim(path)
    assert claim is not None and claim.held
    record = json.loads(presence.lock_path(path).read_text())
    assert record["pid"] == os.getpid()
    assert presence.other_user(path) is None  # this process is not "another" user
    seen = _ask_from_another_process(path)
    assert seen.startswith("another copy of KPI Desktop") and f"process {os.getpid()}" in seen
    claim.release()
    assert not presence.lock_path(path).exists()
    assert _ask_from_another_process(path) == "None"


def test_a_live_copy_elsewhere_is_named_and_keeps_its_claim(workspace: Workspace) -> None:
    proc = _claim_in_another_process(workspace.path)
    try:
        who = presence.other_user(workspace.path)
        assert who is not None and f"process {proc.pid}" in who
        assert presence.claim(workspace.path) is None  # theirs, not ours to take
    finally:
        proc.communicate("\n", timeout=30)
    assert presence.other_user(workspace.path) is None
    mine = presence.claim(workspace.path)
    assert mine is not None
    mine.release()


def test_a_claim_left_by_a_killed_copy_is_stale(workspace: Workspace) -> None:
    proc = _claim_in_another_process(workspace.path)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.close()
    proc.stdout.close()
    assert presence.lock_path(workspace.path).exists()  # left behind...
    assert presence.other_user(workspace.path) is None  # ...but nobody holds it
    claim = presence.claim(workspace.path)  # and the next copy takes it over
    assert claim is not None
    assert json.loads(presence.lock_path(workspace.path).read_text())["pid"] == os.getpid()
    claim.release()


def test_without_os_locks_the_process_id_decides(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(presence, "_lock", lambda _handle, exclusive: None)
    lock = presence.lock_path(workspace.path)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    record = {
        "pid": int(gone.stdout),
        "host": presence._host(),
        "user": "ann",
        "since": "2026-01-02T03:04:05",
        "app": "KPI Desktop 0.1.0",
    }
    lock.write_text(json.dumps(record))
    assert presence.other_user(workspace.path) is None  # that process has ended
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        lock.write_text(json.dumps({**record, "pid": sleeper.pid}))
        who = presence.other_user(workspace.path)
        assert who == (
            f"another copy of KPI Desktop 0.1.0 (ann on {presence._host()}, "
            f"process {sleeper.pid}, since 02 Jan 2026 03:04)"
        )
        assert presence.claim(workspace.path) is None  # a live pid is not overwritten
    finally:
        sleeper.kill()
        sleeper.wait()
    lock.write_text(json.dumps({**record, "host": "elsewhere"}))  # cannot check: believed
    assert "ann on elsewhere" in (presence.other_user(workspace.path) or "")
    lock.write_text(json.dumps(record))  # a dead pid on this host: taken over
    mine = presence.claim(workspace.path)
    assert mine is not None
    assert json.loads(lock.read_text())["pid"] == os.getpid()
    mine.release()


def test_claiming_never_fails_where_no_lock_file_can_be_made(tmp_path: Path) -> None:
    assert presence.claim(tmp_path / "no such folder" / "w.kpidb") is None
    assert presence.other_user(tmp_path / "no such folder" / "w.kpidb") is None


def test_a_damaged_lock_file_held_by_a_live_copy_still_warns(workspace: Workspace) -> None:
    proc = _claim_in_another_process(workspace.path)
    try:
        presence.lock_path(workspace.path).write_text("{not json")
        assert presence.other_user(workspace.path) == (
            "another copy of KPI Desktop (unknown host, process 0)"
        )
    finally:
        proc.communicate("\n", timeout=30)


def test_a_second_window_warned_of_the_first_can_open_read_only(tmp_path: Path) -> None:
    """The flow the main window follows: ask other_user(), then open read-only."""
    path = tmp_path / "shared.kpidb"
    Workspace.create(path).close()
    first_window = _claim_in_another_process(path)  # the first copy announces itself
    try:
        with Workspace.open(path) as writer:  # and edits (here: from this process)
            writer.goals.add("Written by the first window")
            assert presence.other_user(path) is not None
            with Workspace.open(path, readonly=True) as second:
                assert [g.title for g in second.goals.list()] == ["Written by the first window"]
                writer.goals.add("And another")
                assert len(second.goals.list()) == 2  # sees the first window's new edits
                with pytest.raises(WorkspaceError, match="read-only"):
                    second.goals.add("Refused")
    finally:
        first_window.communicate("\n", timeout=30)

"""Crash safety: a process killed with SIGKILL at any moment loses at most its edit in flight.

A child process (tests/crash_child.py) makes random edits through the services and logs
each one before it starts and after it commits. The test kills it at random moments, again
and again on the same workspace, and after every kill checks that the file is intact, that
every edit the child reported as committed is there, that the one edit in flight landed
whole or not at all, and that nothing else changed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kpi_desktop.services.workspace.workspace import Workspace

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL") or not hasattr(os, "fork"), reason="needs SIGKILL and fork"
)

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = 100
SEED_KPIS = 4


@dataclass
class Model:
    """What the workspace must hold: replayed from the child's logs."""

    goals: dict[str, str | None] = field(default_factory=dict)  # title -> parent title
    kpis: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (goal, owner)
    values: dict[tuple[str, str], float] = field(default_factory=dict)

    def state(self) -> tuple[Any, ...]:
        return self.goals, self.kpis, self.values

    def apply(self, e: dict[str, Any]) -> None:
        op = e["op"]
        if op == "add_goal":
            self.goals[e["title"]] = e["parent"]
        elif op == "add_kpi":
            self.kpis[e["name"]] = (e["goal"], "")
        elif op == "update_kpi":
            self.kpis[e["kpi"]] = (self.kpis[e["kpi"]][0], e["owner"])
        elif op == "upsert":
            self.values[(e["kpi"], e["period"])] = e["value"]
        elif op in ("upsert_many", "import"):
            for period, value in e["rows"]:
                self.values[(e["kpi"], period)] = value
        elif op == "write_many":
            for kpi, period, value in e["rows"]:
                self.values[(kpi, period)] = value
        elif op == "delete_value":
            del self.values[(e["kpi"], e["period"])]
        elif op == "delete_kpi":
            self._drop_kpis({e["kpi"]})
        elif op == "delete_goal":
            gone = {e["title"]}
            while True:  # the subtree goes with it
                more = {t for t, p in self.goals.items() if p in gone} - gone
                if not more:
                    break
                gone |= more
            for title in gone:
                del self.goals[title]
            self._drop_kpis({k for k, (g, _o) in self.kpis.items() if g in gone})
        else:  # pragma: no cover
            raise AssertionError(f"unknown edit {op}")

    def _drop_kpis(self, names: set[str]) -> None:
        for name in names:
            del self.kpis[name]
        self.values = {key: v for key, v in self.values.items() if key[0] not in names}


def read_state(path: Path) -> tuple[Any, ...]:
    conn = sqlite3.connect(path, timeout=10)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        goals = dict(
            conn.execute(
                "SELECT g.title, p.title FROM goal g LEFT JOIN goal p ON p.id = g.parent_id"
            ).fetchall()
        )
        kpis = {
            name: (goal, owner)
            for name, goal, owner in conn.execute(
                "SELECT k.name, g.title, k.owner FROM kpi k JOIN goal g ON g.id = k.goal_id"
            )
        }
        values = {
            (name, period): value
            for name, period, value in conn.execute(
                "SELECT k.name, m.period, m.value FROM measurement m JOIN kpi k ON k.id = m.kpi_id"
            )
        }
    finally:
        conn.close()
    return goals, kpis, values


def landed(e: dict[str, Any], state: tuple[Any, ...]) -> bool:
    """Whether the edit `e` is in `state`; fails when only part of it is."""
    goals, kpis, values = state
    op = e["op"]
    if op == "add_goal":
        return e["title"] in goals
    if op == "add_kpi":
        return e["name"] in kpis
    if op == "update_kpi":
        return e["kpi"] in kpis and kpis[e["kpi"]][1] == e["owner"]
    if op == "upsert":
        return values.get((e["kpi"], e["period"])) == e["value"]
    if op == "delete_value":
        return (e["kpi"], e["period"]) not in values
    if op == "delete_kpi":
        return e["kpi"] not in kpis
    if op == "delete_goal":
        return e["title"] not in goals
    if op in ("upsert_many", "import"):
        rows = [(e["kpi"], p, v) for p, v in e["rows"]]
    else:
        rows = [tuple(r) for r in e["rows"]]
    hits = [values.get((k, p)) == v for k, p, v in rows]
    assert all(hits) or not any(hits), f"edit landed in part: {e}"
    return all(hits)


def complete_lines(log: Path) -> list[str]:
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    return text[: text.rfind("\n") + 1].splitlines()  # a line cut by the kill is ignored


class ChildServer:
    """tests/crash_child.py: forks children that have imported the app already."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            # One thread only (no BLAS pool), so that forking it is safe.
            env={
                **os.environ,
                "PYTHONDONTWRITEBYTECODE": "1",
                "OPENBLAS_NUM_THREADS": "1",
                "OMP_NUM_THREADS": "1",
                "MKL_NUM_THREADS": "1",
            },
        )
        assert self._read() == "ready"

    def _read(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, "the child server ended"
        return line.strip()

    def start(self, path: Path, seed: int, log: Path) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(["run", str(path), seed, str(log)]) + "\n")
        self.proc.stdin.flush()
        tag, pid = self._read().split()
        assert tag == "pid"
        return int(pid)

    def ended(self, pid: int) -> int:
        """The wait status of the child `pid`, once it has ended."""
        tag, who, status = self._read().split()
        assert (tag, int(who)) == ("exited", pid)
        return int(status)

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def test_sigkill_at_random_moments_loses_no_committed_edit(tmp_path: Path) -> None:
    path = tmp_path / "crash.kpidb"
    model = Model(goals={"Root": None})
    with Workspace.create(path) as ws:
        root = ws.goals.add("Root")
        for i in range(SEED_KPIS):
            ws.kpis.add(root.id, f"Seed {i}", unit="x")
            model.kpis[f"Seed {i}"] = ("Root", "")
    rng = random.Random(8)
    stats = {
        "kills": 0,
        "committed": 0,
        "in_flight_landed": 0,
        "in_flight_lost": 0,
        "killed_before_first_edit": 0,
    }
    server = ChildServer()
    try:
        for run in range(1, KILLS + 1):
            log = tmp_path / f"child-{run}.log"
            pid = server.start(path, run, log)
            time.sleep(rng.uniform(0.005, 0.25))
            os.kill(pid, signal.SIGKILL)
            status = server.ended(pid)
            lines = complete_lines(log)
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, lines[-3:]
            stats["kills"] += 1

            begun: dict[str, dict[str, Any]] = {}
            done: list[str] = []
            for line in lines:
                tag, _, rest = line.partition(" ")
                if tag == "B":
                    n, _, edit = rest.partition(" ")
                    begun[n] = json.loads(edit)
                elif tag == "C":
                    done.append(rest)
                elif tag in ("E", "X"):
                    raise AssertionError(f"the child failed: {line}")
            for n in done:
                model.apply(begun[n])
            stats["committed"] += len(done)
            pending = [n for n in begun if n not in done]
            assert len(pending) <= 1
            state = read_state(path)
            if not begun:
                stats["killed_before_first_edit"] += 1
            if pending:
                edit = begun[pending[0]]
                if landed(edit, state):
                    model.apply(edit)
                    stats["in_flight_landed"] += 1
                else:
                    stats["in_flight_lost"] += 1
            assert state == model.state(), f"after kill {run}: the workspace differs"
    finally:
        server.close()
    with Workspace.open(path) as ws:  # and the app opens it as usual
        assert len(ws.kpis.list()) == len(model.kpis)
    print(f"\ncrash safety: {json.dumps(stats)}; values now {len(model.values)}")
    assert stats["kills"] >= 50
    # The kills hit a busy writer, not an idle one (loose bounds: the machine may be loaded).
    assert stats["committed"] >= 3 * KILLS
    assert stats["in_flight_landed"] + stats["in_flight_lost"] >= KILLS // 4

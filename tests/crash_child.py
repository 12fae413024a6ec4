"""Child processes of tests/test_crash_safety.py (not a test module: pytest does not collect
it).

    python tests/crash_child.py

starts a small server that imports the app once, says "ready" and then reads commands, one
JSON list a line, on stdin: ["run", WORKSPACE, SEED, LOG] forks a child process, answers
"pid <pid>", waits for that child to end (the test kills it with SIGKILL) and answers
"exited <pid> <wait status>". Forking a process that has already imported the app lets the
test kill 60 children in seconds instead of paying half a second of imports for each. The
server opens no database; each child opens the workspace itself.

A child opens the workspace and makes random edits through the services, forever, until it
is killed. For each edit it writes to LOG, flushing after each line:

    B <n> <edit as JSON>    before the edit starts
    C <n>                   after the service call returned (the edit is committed)
    E <n> <message>         the service refused the edit (not expected: the parent fails)

The edits are described by names (unique per run), not ids, so the parent can replay them.
Every value written is unique (derived from SEED and n), so the parent can tell whether an
edit in flight at the kill landed, and whether it landed whole.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.importing.file_import import ImportOptions, import_file
from kpi_desktop.services.tracking.measurements import OnConflict
from kpi_desktop.services.workspace.workspace import Workspace

PERIODS = [dt.date(2023 + m // 12, m % 12 + 1, 1) for m in range(24)]


class Child:
    def __init__(self, ws: Workspace, seed: int, log: Any, scratch: Path) -> None:
        self.ws, self.seed, self.log, self.scratch = ws, seed, log, scratch
        self.rng = random.Random(seed)
        self.n = 0
        self.goals = {g.title: g.id for g in ws.goals.list()}
        self.parents = {g.title: g.parent_id for g in ws.goals.list()}
        self.kpis = {k.name: k.id for k in ws.kpis.list()}
        self.kpi_goal = {k.name: k.goal_id for k in ws.kpis.list()}
        with ws.reading() as s:
            raw = s.connection().connection.driver_connection
            rows = raw.execute(
                "SELECT k.name, m.period FROM measurement m JOIN kpi k ON k.id = m.kpi_id"
            ).fetchall()
        self.values = {(name, period) for name, period in rows}

    # -- the log -------------------------------------------------------------------------

    def say(self, line: str) -> None:
        self.log.write(line + "\n")
        self.log.flush()

    def value(self, j: int = 0) -> float:
        """A value no other edit of any run writes."""
        return float(self.seed * 10_000_000 + self.n * 1000 + j) + 0.25

    # -- edits ---------------------------------------------------------------------------

    def step(self) -> None:
        self.n += 1
        kinds = ["upsert"] * 30 + ["upsert_many"] * 10 + ["write_many"] * 10
        kinds += ["delete_value"] * 8 + ["update_kpi"] * 8 + ["add_kpi"] * 6
        kinds += ["add_goal"] * 3 + ["import"] * 3 + ["delete_kpi"] * 1 + ["delete_goal"] * 1
        kind = self.rng.choice(kinds)
        if not self.kpis and kind not in ("add_goal", "add_kpi"):
            kind = "add_kpi"
        if not self.goals:
            kind = "add_goal"
        edit = getattr(self, f"plan_{kind}")()
        if edit is None:
            return
        self.say(f"B {self.n} {json.dumps(edit)}")
        try:
            getattr(self, f"do_{kind}")(edit)
        except KpiDesktopError as exc:
            self.say(f"E {self.n} {exc.message!r}")
            raise
        self.say(f"C {self.n}")

    def plan_add_goal(self) -> dict[str, Any]:
        parent = self.rng.choice([None, *self.goals]) if self.goals else None
        return {"op": "add_goal", "title": f"G{self.seed}-{self.n}", "parent": parent}

    def do_add_goal(self, e: dict[str, Any]) -> None:
        parent = None if e["parent"] is None else self.goals[e["parent"]]
        goal = self.ws.goals.add(e["title"], parent_id=parent)
        self.goals[e["title"]] = goal.id
        self.parents[e["title"]] = parent

    def plan_add_kpi(self) -> dict[str, Any]:
        return {
            "op": "add_kpi",
            "name": f"K{self.seed}-{self.n}",
            "goal": self.rng.choice(sorted(self.goals)),
        }

    def do_add_kpi(self, e: dict[str, Any]) -> None:
        kpi = self.ws.kpis.add(self.goals[e["goal"]], e["name"], unit="x")
        self.kpis[e["name"]] = kpi.id
        self.kpi_goal[e["name"]] = self.goals[e["goal"]]

    def _kpi(self) -> str:
        return self.rng.choice(sorted(self.kpis))

    def _periods(self, k: int) -> list[dt.date]:
        return sorted(self.rng.sample(PERIODS, k))

    def plan_upsert(self) -> dict[str, Any]:
        return {
            "op": "upsert",
            "kpi": self._kpi(),
            "period": self.rng.choice(PERIODS).isoformat(),
            "value": self.value(),
        }

    def do_upsert(self, e: dict[str, Any]) -> None:
        period = dt.date.fromisoformat(e["period"])
        self.ws.measurements.upsert(self.kpis[e["kpi"]], period, e["value"])
        self.values.add((e["kpi"], e["period"]))

    def plan_upsert_many(self) -> dict[str, Any]:
        periods = self._periods(self.rng.randint(2, 12))
        return {
            "op": "upsert_many",
            "kpi": self._kpi(),
            "rows": [[p.isoformat(), self.value(j)] for j, p in enumerate(periods)],
        }

    def do_upsert_many(self, e: dict[str, Any]) -> None:
        rows = [(dt.date.fromisoformat(p), v, None) for p, v in e["rows"]]
        self.ws.measurements.upsert_many(self.kpis[e["kpi"]], rows)
        self.values.update((e["kpi"], p) for p, _ in e["rows"])

    def plan_write_many(self) -> dict[str, Any]:
        names = self.rng.sample(sorted(self.kpis), min(len(self.kpis), 3))
        rows = []
        for name in names:
            for p in self._periods(self.rng.randint(1, 10)):
                rows.append([name, p.isoformat(), self.value(len(rows))])
        return {"op": "write_many", "rows": rows}

    def do_write_many(self, e: dict[str, Any]) -> None:
        rows = [(self.kpis[k], dt.date.fromisoformat(p), v) for k, p, v in e["rows"]]
        self.ws.measurements.write_many(rows, on_conflict=OnConflict.REPLACE)
        self.values.update((k, p) for k, p, _ in e["rows"])

    def plan_import(self) -> dict[str, Any]:
        periods = self._periods(self.rng.randint(1, 12))
        return {
            "op": "import",
            "kpi": self._kpi(),
            "rows": [[p.isoformat(), self.value(j)] for j, p in enumerate(periods)],
        }

    def do_import(self, e: dict[str, Any]) -> None:
        path = self.scratch / f"import-{self.seed}.csv"
        lines = ["date," + e["kpi"], *(f"{p},{v!r}" for p, v in e["rows"])]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        import_file(self.ws, path, ImportOptions(layout="wide"), OnConflict.REPLACE)
        self.values.update((e["kpi"], p) for p, _ in e["rows"])

    def plan_delete_value(self) -> dict[str, Any] | None:
        if not self.values:
            return None
        kpi, period = self.rng.choice(sorted(self.values))
        return {"op": "delete_value", "kpi": kpi, "period": period}

    def do_delete_value(self, e: dict[str, Any]) -> None:
        self.ws.measurements.delete(self.kpis[e["kpi"]], dt.date.fromisoformat(e["period"]))
        self.values.discard((e["kpi"], e["period"]))

    def plan_update_kpi(self) -> dict[str, Any]:
        return {"op": "update_kpi", "kpi": self._kpi(), "owner": f"owner {self.seed}-{self.n}"}

    def do_update_kpi(self, e: dict[str, Any]) -> None:
        self.ws.kpis.update(self.kpis[e["kpi"]], owner=e["owner"])

    def plan_delete_kpi(self) -> dict[str, Any] | None:
        if len(self.kpis) < 4:
            return None
        return {"op": "delete_kpi", "kpi": self._kpi()}

    def do_delete_kpi(self, e: dict[str, Any]) -> None:
        self.ws.kpis.delete(self.kpis[e["kpi"]])
        self._forget_kpis({e["kpi"]})

    def plan_delete_goal(self) -> dict[str, Any] | None:
        has_children = set(self.parents.values())
        leaves = [t for t, gid in self.goals.items() if gid not in has_children and t != "Root"]
        if len(self.goals) < 4 or not leaves:
            return None
        return {"op": "delete_goal", "title": self.rng.choice(sorted(leaves))}

    def do_delete_goal(self, e: dict[str, Any]) -> None:
        goal_id = self.goals.pop(e["title"])
        self.ws.goals.delete(goal_id)
        self.parents.pop(e["title"], None)
        self._forget_kpis({k for k, g in self.kpi_goal.items() if g == goal_id})

    def _forget_kpis(self, names: set[str]) -> None:
        for name in names:
            self.kpis.pop(name, None)
            self.kpi_goal.pop(name, None)
        self.values = {(k, p) for k, p in self.values if k not in names}


def run(path: Path, seed: int, log_path: Path) -> None:
    """The child: edit `path` until killed."""
    with log_path.open("w", encoding="utf-8") as log:
        try:
            ws = Workspace.open(path)
            log.write("open\n")
            log.flush()
            child = Child(ws, seed, log, log_path.parent)
            pause = random.Random(-seed)
            while True:
                child.step()
                if pause.random() < 0.2:
                    time.sleep(pause.random() * 0.003)
        except BaseException:
            log.write("X " + json.dumps(traceback.format_exc()) + "\n")
            log.flush()
            raise


def main() -> int:
    print("ready", flush=True)
    for line in sys.stdin:
        command, path, seed, log = json.loads(line)
        assert command == "run"
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:  # the child never returns into this loop
            try:
                run(Path(path), int(seed), Path(log))
            finally:
                os._exit(1)
        print(f"pid {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"exited {pid} {status}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

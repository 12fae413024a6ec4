"""Child process of tests/test_two_copies.py (not a test module: pytest does not collect it).

    python tests/concurrent_writer.py WORKSPACE CONFIG_JSON

One of two copies of the app editing one workspace at once. CONFIG_JSON names the KPI this
copy fills (`own_kpi`), the shared KPIs it increments (`counter_kpi`, `weight_kpi`), how
many of each edit to make, and a `go` file to wait for (so both start together). It prints
"ready", then, when done, one JSON line of what it did.

The three kinds of edit, interleaved:
- a value of its own KPI, one transaction each (`upsert`);
- +1 on a shared counter, read and written in one write transaction (BEGIN IMMEDIATE);
- +1 on a shared KPI's weight the way an editor window does it: read the KPI (one
  transaction), then write weight + 1 passing the version it read (another transaction);
  a StaleEdit (the other copy wrote in between) is counted and the edit is made again on
  the fresh value, as a user would after "reload".
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

from kpi_desktop.services.workspace.edit_conflicts import StaleEdit
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store.tables import Measurement

COUNTER_PERIOD = dt.date(2024, 1, 1)


def main() -> int:
    path = Path(sys.argv[1])
    cfg = json.loads(sys.argv[2])
    go = Path(cfg["go"])
    print("ready", flush=True)
    deadline = time.monotonic() + 60
    while not go.exists():
        if time.monotonic() > deadline:
            return 2
        time.sleep(0.001)
    stale = 0
    started = time.monotonic()
    with Workspace.open(path) as ws:
        for i in range(cfg["values"]):
            day = dt.date(2000, 1, 1) + dt.timedelta(days=i)
            ws.measurements.upsert(cfg["own_kpi"], day, float(i))
            if i < cfg["increments"]:
                with ws.writing() as s:
                    row = s.get(Measurement, (cfg["counter_kpi"], COUNTER_PERIOD))
                    assert row is not None
                    row.value += 1
                    s.add(row)
            if i < cfg["weight_increments"]:
                while True:
                    kpi = ws.kpis.get(cfg["weight_kpi"])
                    try:
                        ws.kpis.update(
                            cfg["weight_kpi"], weight=kpi.weight + 1, expected_version=kpi.version
                        )
                        break
                    except StaleEdit:
                        stale += 1
    print(json.dumps({"stale_edits_caught": stale, "seconds": time.monotonic() - started}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

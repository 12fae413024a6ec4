"""One client of the two-client test: read a KPI, wait for the go, rename it, report.

    python team_client.py URL KPI_ID NAME READY_FILE GO_FILE

Prints "saved NAME" or "conflict: MESSAGE". Both clients read the KPI (version 1) in
their own transaction before either saves, so one of them must lose the race.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kpi_desktop.services.workspace.edit_conflicts import StaleEdit
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.store.tables import Kpi


def main() -> None:
    url, kpi_id, name, ready, go = sys.argv[1:6]
    with Workspace.open(url) as ws:
        try:
            with ws.writing() as s:
                kpi = s.get(Kpi, int(kpi_id))
                assert kpi is not None
                Path(ready).touch()
                while not Path(go).exists():
                    time.sleep(0.02)
                kpi.name = name
                kpi.version += 1
                s.add(kpi)
        except StaleEdit as exc:
            print(f"conflict: {exc}")
            return
    print(f"saved {name}")


if __name__ == "__main__":
    main()

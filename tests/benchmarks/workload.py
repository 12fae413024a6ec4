"""The benchmark's data, built deterministically and cached: a large workspace, the demo
workspace and a 1,000,000-row long CSV.

The large workspace: 100 objectives, each with 2 sub-goals of 10 KPIs (2,000 KPIs), and
2,000,000 measurements. KPI "Sensor readings" has 1,000,000 daily values (1000-01-01
onwards: a million days is 2,738 years), KPI "Footfall" has 1,000 daily values, and each of
the other 1,998 KPIs has 500 values (daily, weekly or monthly in turn, ending in 2026).
Every fourth KPI has quarterly milestones; directions mix increase, decrease and range, so
that the statuses are a mix too.

Everything is set-based: the goals and KPIs go in through the ORM in one transaction (with
the services' field checks), the values with one ``executemany`` over numpy-made columns.
The files are kept in a cache folder keyed by :data:`DATA_VERSION` and the schema revision
(``KPI_BENCH_CACHE`` overrides the folder), so a second run starts at once.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: Bump when the data below changes: the cache is keyed by it.
DATA_VERSION = 1

OBJECTIVES = 100
SUBGOALS_PER_OBJECTIVE = 2
KPIS_PER_SUBGOAL = 10
BIG_VALUES = 1_000_000
SMALL_VALUES = 1_000
OTHER_VALUES = 500
BIG_NAME = "Sensor readings"
SMALL_NAME = "Footfall"
BIG_START = dt.date(1000, 1, 1)
END = dt.date(2026, 10, 31)  # the others' values end in the period holding this day
CSV_ROWS = 1_000_000
CSV_KPIS = 200
_PERSPECTIVES = ("financial", "customer", "internal process", "learning and growth")


@dataclass(frozen=True)
class Workload:
    large: Path  # the large workspace
    demo: Path  # the demo workspace (as the app makes it on first start)
    csv: Path  # the 1,000,000-row long CSV
    big_kpi: int  # id of the KPI with 1,000,000 values
    small_kpi: int  # id of the KPI with 1,000 values
    other_kpi: int  # id of a KPI with 500 values (to warm up the chart pane)


def cache_dir() -> Path:
    from kpi_desktop.store.migrate import head_revision

    base = os.environ.get("KPI_BENCH_CACHE") or Path(tempfile.gettempdir()) / "kpi-desktop-bench"
    folder = Path(base) / f"v{DATA_VERSION}-schema{head_revision()}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def prepare(log: bool = True) -> Workload:
    """Build (or find in the cache) the workspaces and the CSV."""
    folder = cache_dir()
    large = folder / "large.kpidb"
    demo = folder / f"demo-{dt.date.today().isoformat()}.kpidb"  # the demo is dated today
    csv_path = folder / "long.csv"
    for path, build, what in (
        (large, build_large, "large workspace"),
        (demo, build_demo_workspace, "demo workspace"),
        (csv_path, write_csv, "1M-row CSV"),
    ):
        if not path.exists():
            start = time.perf_counter()
            partial = path.with_name("building-" + path.name)
            partial.unlink(missing_ok=True)
            build(partial)
            partial.rename(path)
            if log:
                print(f"built the {what} in {time.perf_counter() - start:.1f} s: {path}")
    ids = _kpi_ids(large)
    return Workload(large, demo, csv_path, ids[BIG_NAME], ids[SMALL_NAME], ids["KPI 0002"])


def _kpi_ids(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT name, id FROM kpi WHERE name IN (?, ?, ?)", (BIG_NAME, SMALL_NAME, "KPI 0002")
        ).fetchall()
    finally:
        conn.close()
    return dict(rows)


# -- the large workspace ----------------------------------------------------------------------


def _days(start: dt.date, n: int, step_days: int = 1) -> np.ndarray:
    return np.datetime64(start, "D") + np.arange(n, dtype=np.int64) * step_days


def _month_starts(last: dt.date, n: int) -> np.ndarray:
    months = np.datetime64(last.replace(day=1), "M") - np.arange(n - 1, -1, -1)
    return months.astype("datetime64[D]")


def _series(kind: str, n: int) -> tuple[np.ndarray, str]:
    """Dates (datetime64[D], ascending) of n values of a KPI of this frequency, ending at END."""
    if kind == "daily":
        return _days(END - dt.timedelta(days=n - 1), n), "daily"
    if kind == "weekly":
        last_monday = END - dt.timedelta(days=END.weekday())
        return _days(last_monday - dt.timedelta(weeks=n - 1), n, 7), "weekly"
    return _month_starts(END, n), "monthly"


def _walk(rng: np.random.Generator, n: int, start: float, drift: float) -> np.ndarray:
    steps = rng.normal(drift, abs(start) * 0.01 + 1.0, n)
    return np.round(start + np.cumsum(steps), 2)


def build_large(path: Path) -> None:
    """The large workspace at ``path`` (see the module docstring)."""
    from kpi_desktop.services.planning.kpis import KPI_FIELDS, clean_kpi_fields
    from kpi_desktop.services.workspace.workspace import Workspace
    from kpi_desktop.store.tables import Goal, Kpi, Milestone

    rng = np.random.default_rng(20240607)
    target_date = dt.date(2027, 12, 31)
    columns: list[tuple[int, np.ndarray, np.ndarray]] = []  # (kpi id, dates, values)
    with Workspace.create(path, name="Benchmark retailer") as ws, ws.writing() as s:
        number = 0
        for o in range(OBJECTIVES):
            objective = Goal(
                title=f"Objective {o + 1:03d}",
                perspective=_PERSPECTIVES[o % 4],
                position=o,
                owner=f"Owner {o % 17}",
            )
            s.add(objective)
            s.flush()
            for g in range(SUBGOALS_PER_OBJECTIVE):
                goal = Goal(
                    title=f"Sub-goal {o + 1:03d}.{g + 1}", parent_id=objective.id, position=g
                )
                s.add(goal)
                s.flush()
                for k in range(KPIS_PER_SUBGOAL):
                    if number == 0:
                        name, n, kind = BIG_NAME, BIG_VALUES, "big"
                    elif number == 1:
                        name, n, kind = SMALL_NAME, SMALL_VALUES, "daily"
                    else:
                        name, n = f"KPI {number:04d}", OTHER_VALUES
                        kind = ("daily", "weekly", "monthly")[number % 3]
                    if kind == "big":
                        dates, freq = _days(BIG_START, n), "daily"
                    else:
                        dates, freq = _series(kind, n)
                    start_value = float(rng.uniform(100, 10_000))
                    drift = start_value * float(rng.uniform(-0.002, 0.004))
                    values = _walk(rng, n, start_value, drift)
                    direction = ("increase", "increase", "decrease", "range")[number % 4]
                    cut = int(np.searchsorted(dates, np.datetime64(END, "D"), side="right"))
                    last = float(values[cut - 1])  # the big KPI goes on after END
                    fields = {
                        **KPI_FIELDS,
                        "name": name,
                        "unit": "units",
                        "frequency": freq,
                        "direction": direction,
                        "owner": f"Owner {number % 23}",
                        "weight": 1.0 + (number % 3),
                    }
                    if direction == "range":
                        half = (abs(last) + 1.0) * (0.02 + (number % 7) * 0.03)
                        fields["range_low"] = round(last - half + number % 5 * half / 5, 2)
                        fields["range_high"] = round(last + half, 2)
                    else:
                        base_idx = max(0, cut - 120)
                        sign = 1 if direction == "increase" else -1
                        base = float(values[base_idx])
                        step = (abs(base) + 1.0) * (0.05 + (number % 10) * 0.03)
                        fields.update(
                            baseline_value=base,
                            baseline_date=dt.date.fromisoformat(str(dates[base_idx])),
                            target_value=round(base + sign * step, 2),
                            target_date=target_date,
                        )
                    kpi = Kpi(goal_id=goal.id, position=k, **clean_kpi_fields(fields))
                    s.add(kpi)
                    s.flush()
                    assert kpi.id is not None
                    if number % 4 == 1 and fields["target_value"] is not None:
                        b, t = fields["baseline_value"], fields["target_value"]
                        for q, when in enumerate(
                            (dt.date(2027, 3, 31), dt.date(2027, 6, 30), dt.date(2027, 9, 30))
                        ):
                            s.add(
                                Milestone(
                                    kpi_id=kpi.id,
                                    date=when,
                                    value=round(b + (t - b) * (q + 2) / 5, 2),
                                )
                            )
                    columns.append((kpi.id, dates, values))
                    number += 1
        raw = s.connection().connection.driver_connection
        for kpi_id, dates, values in columns:  # KPIs were made in id order: rows go in sorted
            periods = np.datetime_as_string(dates, unit="D").tolist()
            raw.executemany(
                "INSERT INTO measurement(kpi_id, period, value, note, source) "
                "VALUES (?, ?, ?, '', 'benchmark')",
                zip([kpi_id] * len(periods), periods, values.tolist(), strict=True),
            )
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file in the cache
    finally:
        conn.close()


def build_demo_workspace(path: Path) -> None:
    """The demo workspace, as the app makes it on first start."""
    from kpi_desktop.services.workspace.demo import DEMO_NAME, build_demo
    from kpi_desktop.services.workspace.workspace import Workspace

    with Workspace.create(path, name=DEMO_NAME) as ws:
        build_demo(ws)


# -- the long CSV ---------------------------------------------------------------------------


def write_csv(path: Path, rows: int = CSV_ROWS) -> None:
    """``rows`` rows of date,kpi,value: 200 KPIs, each with consecutive daily dates."""
    days = rows // CSV_KPIS
    rng = random.Random(20240101)
    start = dt.date(2000, 1, 1)
    dates = [(start + dt.timedelta(days=i)).isoformat() for i in range(days)]
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("date,kpi,value\n")
        for k in range(CSV_KPIS):
            name = f"kpi_{k:03d}"
            fh.write("".join(f"{d},{name},{rng.randint(0, 10_000_000) / 100}\n" for d in dates))


if __name__ == "__main__":
    print(prepare())

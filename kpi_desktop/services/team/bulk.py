"""Set-based writes on a server: COPY for imports, and the per-KPI advisory locks.

An import on a server takes a transaction-scoped advisory lock per KPI it writes (in id
order, so two imports never deadlock): a second import of the same KPIs waits until the
first commits, then sees its values, so two imports never interleave. Values go in with
COPY (a tenth of the cost of INSERT statements), straight into the table when nothing can
clash, else through a temporary table and one INSERT ... ON CONFLICT.
"""

from __future__ import annotations

from collections.abc import Sequence

from kpi_desktop.services.tracking.measurements import OnConflict
from kpi_desktop.store.raw import PostgresRaw

#: The first key of the (namespace, KPI id) advisory locks imports take ("KPII").
IMPORT_LOCK_NAMESPACE = 0x4B504949


def lock_kpis(raw: PostgresRaw, kpi_ids: Sequence[int]) -> None:
    """Wait for, then hold until commit, the import lock of each KPI (in id order)."""
    ids = sorted({int(k) for k in kpi_ids})
    if ids:
        raw.psycopg.execute(
            "SELECT count(pg_advisory_xact_lock(%s, k)) FROM "
            "(SELECT unnest(%s::int[]) AS k ORDER BY 1) AS ks",
            (IMPORT_LOCK_NAMESPACE, ids),
        )


def copy_values(
    raw: PostgresRaw,
    kpi_ids: Sequence[int],
    periods: Sequence[str],
    values: Sequence[float],
    source: str,
    on_conflict: OnConflict,
    clashes: int,
) -> None:
    """Write (kpi_id, ISO period, value) rows with `source` by COPY, in the transaction."""
    conn = raw.psycopg
    columns = "(kpi_id, period, value, note, source)"
    target = "measurement"
    if clashes:
        conn.execute(
            "CREATE TEMP TABLE kpi_import (LIKE measurement INCLUDING DEFAULTS) ON COMMIT DROP"
        )
        target = "kpi_import"
    tail = "\t\t" + _copy_text(source) + "\n"
    with conn.cursor().copy(f"COPY {target} {columns} FROM STDIN") as copy:
        for start in range(0, len(kpi_ids), _ROWS_PER_BLOCK):
            end = start + _ROWS_PER_BLOCK
            block = zip(kpi_ids[start:end], periods[start:end], values[start:end], strict=True)
            copy.write("".join([f"{k}\t{p}\t{v!r}{tail}" for k, p, v in block]))
    if clashes:
        if on_conflict == OnConflict.REPLACE:
            tail = "DO UPDATE SET value = excluded.value, source = excluded.source"
        else:
            tail = "DO NOTHING"
        conn.execute(
            f"INSERT INTO measurement {columns} SELECT kpi_id, period, value, note, source "
            f"FROM kpi_import ON CONFLICT (kpi_id, period) {tail}"
        )


_ROWS_PER_BLOCK = 50_000


def _copy_text(value: str) -> str:
    """`value` as a field of COPY's text format."""
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )

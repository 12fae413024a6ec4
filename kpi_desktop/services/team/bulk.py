"""Set-based writes on a server: COPY for imports, and the per-KPI advisory locks.

An import on a server takes a transaction-scoped advisory lock per KPI it writes (in id
order, so two imports never deadlock): a second import of the same KPIs waits until the
first commits, then sees its values, so two imports never interleave. Values go in with
COPY (a tenth of the cost of INSERT statements), straight into the table when nothing can
clash, else through a temporary table and one INSERT ... ON CONFLICT.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Connection, text

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
    periods: Sequence[int],
    values: Sequence[float],
    source: str,
    on_conflict: OnConflict,
    clashes: int,
) -> None:
    """Write (kpi_id, period as a date ordinal, value) rows with `source` by COPY (binary:
    no text to build or parse), in the transaction."""
    conn = raw.psycopg
    columns = "(kpi_id, period, value, note, source)"
    target = "measurement"
    if clashes:
        conn.execute(
            "CREATE TEMP TABLE kpi_import (LIKE measurement INCLUDING DEFAULTS) ON COMMIT DROP"
        )
        target = "kpi_import"
    days: dict[int, dt.date] = {}
    with conn.cursor().copy(f"COPY {target} {columns} FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(["int4", "date", "float8", "text", "text"])
        for k, p, v in zip(kpi_ids, periods, values, strict=True):
            day = days.get(p)
            if day is None:
                day = days[p] = dt.date.fromordinal(p)
            copy.write_row((k, day, v, "", source))
    if clashes:
        if on_conflict == OnConflict.REPLACE:
            tail = "DO UPDATE SET value = excluded.value, source = excluded.source"
        else:
            tail = "DO NOTHING"
        conn.execute(
            f"INSERT INTO measurement {columns} SELECT kpi_id, period, value, note, source "
            f"FROM kpi_import ON CONFLICT (kpi_id, period) {tail}"
        )


# The foreign key of a value on its KPI, checked per statement instead of per row: PostgreSQL
# checks a FOREIGN KEY with one trigger call per row (3.5 s of a million-row import here),
# so on a server the constraint is replaced by statement triggers that do the same set-based
# (one anti-join over the rows the statement wrote; FOR KEY SHARE on the KPIs, as the
# constraint's own check does, so a KPI cannot be deleted under a running import), and a
# KPI's delete removes its values (ON DELETE CASCADE) in one statement. The check runs
# with its creator's rights (an editor may not lock KPI rows, as the constraint's check may).
SET_BASED_KEY = """
CREATE OR REPLACE FUNCTION kpi_check_measurement_kpi() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE missing integer;
BEGIN
  PERFORM 1 FROM kpi WHERE id IN (SELECT DISTINCT kpi_id FROM changed) FOR KEY SHARE;
  SELECT c.kpi_id INTO missing FROM (SELECT DISTINCT kpi_id FROM changed) AS c
    LEFT JOIN kpi AS k ON k.id = c.kpi_id WHERE k.id IS NULL LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
      MESSAGE = 'insert or update on table "measurement" violates foreign key constraint '
                '"measurement_kpi_id_fkey"',
      DETAIL = format('Key (kpi_id)=(%s) is not present in table "kpi".', missing);
  END IF;
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION kpi_delete_measurements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM measurement WHERE kpi_id IN (SELECT id FROM gone);
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS kpi_key_insert ON measurement;
DROP TRIGGER IF EXISTS kpi_key_update ON measurement;
DROP TRIGGER IF EXISTS kpi_values_cascade ON kpi;
CREATE TRIGGER kpi_key_insert AFTER INSERT ON measurement REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_check_measurement_kpi();
CREATE TRIGGER kpi_key_update AFTER UPDATE ON measurement REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_check_measurement_kpi();
CREATE TRIGGER kpi_values_cascade AFTER DELETE ON kpi REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_delete_measurements();
"""


def install_set_based_key(conn: Connection) -> None:
    """Replace measurement's foreign key on kpi by SET_BASED_KEY's triggers (idempotent)."""
    keys = conn.execute(
        text(
            "SELECT conname FROM pg_constraint WHERE contype = 'f' "
            "AND conrelid = 'measurement'::regclass AND confrelid = 'kpi'::regclass"
        )
    ).scalars()
    for name in list(keys):
        conn.execute(text(f'ALTER TABLE measurement DROP CONSTRAINT "{name}"'))
    conn.connection.driver_connection.execute(SET_BASED_KEY)  # type: ignore[union-attr]

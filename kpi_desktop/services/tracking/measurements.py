"""Use cases for measured values: one value per KPI and period."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlmodel import col, select

from kpi_desktop.domain.magnitude import check_magnitude
from kpi_desktop.domain.periods import FiscalYear, period_label, period_start
from kpi_desktop.domain.types import Frequency, Point
from kpi_desktop.services.calculated.recompute import mark_many
from kpi_desktop.services.errors import ConflictError, NotFound, ValidationError
from kpi_desktop.services.planning.kpis import get_kpi
from kpi_desktop.services.planning.workspace_settings import read_fiscal_year
from kpi_desktop.services.workspace import change_log
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.raw import RawConnection
from kpi_desktop.store.tables import Kpi, Measurement

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace


class OnConflict(StrEnum):
    ERROR = "error"  # refuse the whole write if any period already has a value
    REPLACE = "replace"  # new values win
    KEEP = "keep"  # stored values win


@dataclass(frozen=True, slots=True)
class WriteSummary:
    inserted: int
    replaced: int
    kept: int


@dataclass(frozen=True, slots=True)
class MeasurementChange:
    """What an upsert or delete replaced: enough for an undo step to put it back."""

    kpi_id: int
    period: dt.date
    before: Measurement | None
    after: Measurement | None


#: A stored value as a plain tuple: (period start, value, note, source).
ValueRow = tuple[dt.date, float, str, str]

#: Keys per "IN (...)" query: under the 999 parameters the oldest SQLite builds allow.
_KEYS_PER_QUERY = 500


@dataclass(frozen=True, slots=True)
class ValueChanges:
    """The periods of one KPI that one edit touched (each tuple sorted): values `added`
    where there was none, values `removed`, and values `changed` in place (value, note or
    source). A table showing the values moves its rows with this instead of rereading."""

    kpi_id: int
    added: tuple[dt.date, ...] = ()
    removed: tuple[dt.date, ...] = ()
    changed: tuple[dt.date, ...] = ()

    @classmethod
    def of(
        cls, kpi_id: int, changes: Iterable[MeasurementChange], *, undone: bool = False
    ) -> ValueChanges:
        """What applying `changes` did (or, `undone`, what putting them back did)."""
        added: builtins.list[dt.date] = []
        removed: builtins.list[dt.date] = []
        changed: builtins.list[dt.date] = []
        for change in changes:
            was, now = change.before is not None, change.after is not None
            if undone:
                was, now = now, was
            if was and now:
                changed.append(change.period)
            elif now:
                added.append(change.period)
            elif was:
                removed.append(change.period)
        return cls(kpi_id, tuple(sorted(added)), tuple(sorted(removed)), tuple(sorted(changed)))


def _copy(row: Measurement) -> Measurement:
    """A detached copy (the session's own row keeps changing)."""
    return Measurement.model_validate(row.model_dump())


def _check_value(value: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError("value", f"The value must be a number (got {value!r})") from None
    try:
        return check_magnitude(number)
    except ValueError as exc:
        raise ValidationError("value", f"The value {exc}") from None


def _check_period(
    seen: dict[tuple[int, dt.date], dt.date],
    kpi_id: int,
    when: dt.date,
    period: dt.date,
    freq: Frequency,
    today: dt.date,
    fiscal: FiscalYear,
) -> None:
    """Refuse a second row of a KPI in one period, and a period that has not begun."""
    label = period_label(period, freq, fiscal=fiscal)
    first = seen.get((kpi_id, period))
    if first is not None:
        raise ValidationError(
            "period",
            f"{first.isoformat()} and {when.isoformat()} fall in the same period "
            f"({label}): a KPI has one value per period",
        )
    if period > today:
        raise ValidationError(
            "period",
            f"{label} has not begun yet (today is {today.isoformat()}): "
            "values can only be entered for periods that have begun",
        )
    seen[(kpi_id, period)] = when


def refuse_calculated(kpi: Kpi) -> None:
    """A calculated KPI's values are derived: typing, pasting or importing one is refused."""
    if kpi.calculation:
        raise ValidationError(
            "value",
            f"[{kpi.name}] is calculated from other KPIs ({kpi.calculation}): its values "
            "are derived, enter the values of its inputs instead",
        )


class MeasurementService:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def list(
        self, kpi_id: int, *, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[Measurement]:
        with self._ws.reading() as s:
            query = select(Measurement).where(Measurement.kpi_id == kpi_id)
            if start is not None:
                query = query.where(Measurement.period >= start)
            if end is not None:
                query = query.where(Measurement.period <= end)
            return list(s.exec(query.order_by(col(Measurement.period))).all())

    def rows(self, kpi_id: int) -> builtins.list[ValueRow]:
        """All the KPI's (period, value, note, source) in date order, as plain tuples: what
        ``list`` gives without an ORM object per value (a million values: ten times faster,
        still a second; to show a long history, read pages with rows_after/rows_before).
        """
        with self._ws.reading() as s:
            cursor = sqlite_connection(s).execute(
                "SELECT period, value, note, source FROM measurement WHERE kpi_id = ? "
                "ORDER BY period",
                (kpi_id,),
            )
            day = dt.date.fromisoformat
            return [(day(p), v, n, src) for p, v, n, src in cursor]

    # -- reading a long history in pages (the values table) --------------------------------
    # The measurement table is WITHOUT ROWID with the key (kpi_id, period): each read below
    # is a range scan of that key, costing what it returns (and skips), not the KPI's size.

    def count(
        self, kpi_id: int, *, since: dt.date | None = None, before: dt.date | None = None
    ) -> int:
        """How many values the KPI has; only those with ``since <= period < before`` when
        given (a million values take about 35 ms to count; a narrow range, microseconds)."""
        sql = "SELECT COUNT(*) FROM measurement WHERE kpi_id = ?"
        params: builtins.list[object] = [kpi_id]
        if since is not None:
            sql += " AND period >= ?"
            params.append(since.isoformat())
        if before is not None:
            sql += " AND period < ?"
            params.append(before.isoformat())
        with self._ws.reading() as s:
            (n,) = sqlite_connection(s).execute(sql, params).fetchone()
            return int(n)

    def rows_after(
        self, kpi_id: int, after: dt.date | None, *, limit: int, skip: int = 0
    ) -> builtins.list[ValueRow]:
        """Up to `limit` rows in date order: the rows after period `after` (after nothing:
        from the first), less the first `skip` of them."""
        return self._rows_page(kpi_id, after, limit=limit, skip=skip, newest_first=False)

    def rows_before(
        self, kpi_id: int, before: dt.date | None, *, limit: int, skip: int = 0
    ) -> builtins.list[ValueRow]:
        """Up to `limit` rows in date order that end `skip` rows before period `before`
        (before nothing: at the newest value)."""
        rows = self._rows_page(kpi_id, before, limit=limit, skip=skip, newest_first=True)
        rows.reverse()
        return rows

    def _rows_page(
        self, kpi_id: int, bound: dt.date | None, *, limit: int, skip: int, newest_first: bool
    ) -> builtins.list[ValueRow]:
        sql = "SELECT period, value, note, source FROM measurement WHERE kpi_id = ?"
        params: builtins.list[object] = [kpi_id]
        if bound is not None:
            sql += " AND period < ?" if newest_first else " AND period > ?"
            params.append(bound.isoformat())
        sql += " ORDER BY period DESC" if newest_first else " ORDER BY period"
        sql += " LIMIT ? OFFSET ?"
        params += [max(limit, 0), max(skip, 0)]
        with self._ws.reading() as s:
            cursor = sqlite_connection(s).execute(sql, params)
            day = dt.date.fromisoformat
            return [(day(p), v, n, src) for p, v, n, src in cursor]

    def stored_periods(self, kpi_id: int, periods: Iterable[dt.date]) -> set[dt.date]:
        """Which of `periods` (period starts) hold a value of the KPI: one key look-up each."""
        wanted = sorted({p.isoformat() for p in periods})
        found: set[dt.date] = set()
        with self._ws.reading() as s:
            raw = sqlite_connection(s)
            for i in range(0, len(wanted), _KEYS_PER_QUERY):
                chunk = wanted[i : i + _KEYS_PER_QUERY]
                cursor = raw.execute(
                    "SELECT period FROM measurement WHERE kpi_id = ? AND period IN "
                    f"({','.join('?' * len(chunk))})",
                    [kpi_id, *chunk],
                )
                found.update(dt.date.fromisoformat(p) for (p,) in cursor)
        return found

    def points(
        self, kpi_id: int, *, up_to: dt.date | None = None, last: int | None = None
    ) -> builtins.list[Point]:
        """The KPI's values in date order, optionally only up to a date and only the last n."""
        with self._ws.reading() as s:
            query = select(col(Measurement.period), col(Measurement.value)).where(
                Measurement.kpi_id == kpi_id
            )
            if up_to is not None:
                query = query.where(Measurement.period <= up_to)
            if last is not None:
                query = query.order_by(col(Measurement.period).desc()).limit(last)
                rows = list(reversed(s.exec(query).all()))
            else:
                rows = list(s.exec(query.order_by(col(Measurement.period))).all())
            return [Point(p, v) for p, v in rows]

    def upsert(
        self,
        kpi_id: int,
        when: dt.date,
        value: float,
        *,
        note: str | None = None,
        source: str = "manual",
    ) -> MeasurementChange:
        """Store `value` for the period that contains `when` (replacing any value there)."""
        return self.upsert_many(kpi_id, [(when, value, note)], source=source)[0]

    def upsert_many(
        self,
        kpi_id: int,
        rows: Sequence[tuple[dt.date, float, str | None]],
        *,
        source: str = "manual",
    ) -> builtins.list[MeasurementChange]:
        """Store several (date, value, note) rows in one transaction; a None note keeps the
        stored note. Two rows in one period are refused."""
        return self.upsert_rows([(kpi_id, *row) for row in rows], source=source)

    def upsert_rows(
        self,
        rows: Sequence[tuple[int, dt.date, float, str | None]],
        *,
        source: str = "manual",
    ) -> builtins.list[MeasurementChange]:
        """Store (KPI id, date, value, note) rows of one or many KPIs in one transaction
        (all or none); a None note keeps the stored note. Two rows of a KPI in one period
        are refused, and so is a period that has not begun."""
        cleaned = [(kpi_id, when, _check_value(value), note) for kpi_id, when, value, note in rows]
        today = dt.date.today()
        with self._ws.writing() as s:
            freqs: dict[int, Frequency] = {}
            seen: dict[tuple[int, dt.date], dt.date] = {}
            changes = []
            fiscal = read_fiscal_year(sqlite_connection(s))
            for kpi_id, when, value, note in cleaned:
                freq = freqs.get(kpi_id)
                if freq is None:
                    kpi = get_kpi(s, kpi_id)
                    refuse_calculated(kpi)
                    freq = freqs[kpi_id] = Frequency(kpi.frequency)
                period = period_start(when, freq, fiscal=fiscal)
                _check_period(seen, kpi_id, when, period, freq, today, fiscal)
                row = s.get(Measurement, (kpi_id, period))
                before = None if row is None else _copy(row)
                if row is None:
                    row = Measurement(
                        kpi_id=kpi_id, period=period, value=value, note=note or "", source=source
                    )
                else:
                    row.value = value
                    row.source = source
                    if note is not None:
                        row.note = note
                s.add(row)
                s.flush()
                changes.append(MeasurementChange(kpi_id, period, before, _copy(row)))
            return changes

    def set_note(self, kpi_id: int, period: dt.date, note: str) -> MeasurementChange:
        with self._ws.writing() as s:
            refuse_calculated(get_kpi(s, kpi_id))
            row = s.get(Measurement, (kpi_id, period))
            if row is None:
                raise NotFound(f"no value stored for {period.isoformat()}")
            before = _copy(row)
            row.note = note
            s.add(row)
            return MeasurementChange(kpi_id, period, before, _copy(row))

    def delete(self, kpi_id: int, period: dt.date) -> MeasurementChange:
        return self.delete_many(kpi_id, [period])[0]

    def delete_many(
        self, kpi_id: int, periods: Sequence[dt.date]
    ) -> builtins.list[MeasurementChange]:
        with self._ws.writing() as s:
            refuse_calculated(get_kpi(s, kpi_id))
            changes = []
            for period in periods:
                row = s.get(Measurement, (kpi_id, period))
                if row is None:
                    raise NotFound(f"no value stored for {period.isoformat()}")
                changes.append(MeasurementChange(kpi_id, period, _copy(row), None))
                s.delete(row)
            return changes

    def delete_keys(self, keys: Sequence[tuple[int, dt.date]]) -> int:
        """Delete the values stored for these (KPI id, period start) pairs, set-based, in one
        transaction (undo of an import). Missing pairs are fine; returns how many went."""
        with self._ws.writing() as s:
            raw = sqlite_connection(s)
            before = raw.total_changes
            raw.executemany(
                "DELETE FROM measurement WHERE kpi_id = ? AND period = ?",
                ((kpi_id, period.isoformat()) for kpi_id, period in keys),
            )
            gone = int(raw.total_changes - before)
            mark_many(s, {kpi_id for kpi_id, _ in keys})
            change_log.record(s, "value", "values", old=f"{gone} deleted at once")
            return gone

    def restore(self, change: MeasurementChange) -> None:
        """Put back the state before `change` (the inverse of upsert/delete/set_note)."""
        self.restore_many([change])

    def restore_many(self, changes: Sequence[MeasurementChange]) -> None:
        """Undo `changes` (last first) in one transaction."""
        with self._ws.writing() as s:
            for change in reversed(changes):
                row = s.get(Measurement, (change.kpi_id, change.period))
                if change.before is None:
                    if row is not None:
                        s.delete(row)
                        s.flush()
                    continue
                if row is None:
                    s.add(_copy(change.before))
                else:
                    for key in ("value", "note", "source"):
                        setattr(row, key, getattr(change.before, key))
                    s.add(row)
                s.flush()

    def write_many(
        self,
        rows: Sequence[tuple[int, dt.date, float]],
        *,
        on_conflict: OnConflict = OnConflict.ERROR,
        source: str = "import",
    ) -> WriteSummary:
        """Write many (kpi_id, period start, value) rows in one transaction, set-based.

        Periods must already be period starts. With ERROR, nothing is written when any
        row meets a stored value; the message names the first few.
        """
        kpi_ids = sorted({r[0] for r in rows})
        with self._ws.writing() as s:
            known = set(s.exec(select(Kpi.id).where(col(Kpi.id).in_(kpi_ids))).all())
            missing = set(kpi_ids) - known
            if missing:
                raise NotFound(f"KPI #{min(missing)} no longer exists")
            for kpi in s.exec(select(Kpi).where(col(Kpi.id).in_(kpi_ids))).all():
                refuse_calculated(kpi)
            mark_many(s, kpi_ids)
            names = dict(s.exec(select(Kpi.id, Kpi.name).where(col(Kpi.id).in_(kpi_ids))).all())
            freqs = dict(
                s.exec(select(Kpi.id, Kpi.frequency).where(col(Kpi.id).in_(kpi_ids))).all()
            )
            existing = _existing_keys(sqlite_connection(s), kpi_ids)
            clashes = [r for r in rows if (r[0], r[1].isoformat()) in existing]
            if clashes and on_conflict == OnConflict.ERROR:
                fiscal = read_fiscal_year(sqlite_connection(s))
                shown = "; ".join(
                    f"{names[k]} {period_label(p, Frequency(freqs[k]), fiscal=fiscal)}"
                    for k, p, _ in clashes[:5]
                )
                more = f" and {len(clashes) - 5} more" if len(clashes) > 5 else ""
                raise ConflictError(
                    f"{len(clashes)} value(s) are already stored for the same period "
                    f"({shown}{more}). Nothing was written. Choose to replace or keep them."
                )
            verb = {
                OnConflict.ERROR: "INSERT",
                OnConflict.KEEP: "INSERT OR IGNORE",
                OnConflict.REPLACE: "INSERT",
            }[on_conflict]
            tail = (
                " ON CONFLICT(kpi_id, period) DO UPDATE SET value=excluded.value, "
                "source=excluded.source"
                if on_conflict == OnConflict.REPLACE
                else ""
            )
            ordered = sorted((k, p.isoformat(), float(v)) for k, p, v in rows)
            insert_many(
                sqlite_connection(s),
                f"{verb} INTO measurement(kpi_id, period, value, note, source) VALUES ",
                "(?, ?, ?, '', ?)",
                [
                    [r[0] for r in ordered],
                    [r[1] for r in ordered],
                    [r[2] for r in ordered],
                    [source] * len(ordered),
                ],
                tail,
            )
        n_clash = len(clashes)
        if on_conflict == OnConflict.KEEP:
            return WriteSummary(inserted=len(rows) - n_clash, replaced=0, kept=n_clash)
        return WriteSummary(inserted=len(rows) - n_clash, replaced=n_clash, kept=0)


#: Rows per INSERT statement of insert_many: 200 rows of up to 4 parameters stay under the
#: 999 parameters the oldest SQLite builds allow per statement.
ROWS_PER_INSERT = 200


def insert_many(
    raw: RawConnection,
    head: str,
    row_sql: str,
    columns: Sequence[list[Any]],
    tail: str = "",
    rows_per_statement: int = ROWS_PER_INSERT,
) -> None:
    """Run ``head`` + ``row_sql`` (one row's "(?, ?, ...)") repeated for each row + ``tail``
    over the rows given as ``columns`` (equally long lists, one per "?").

    Many rows go into each statement: SQLite then runs one statement per 200 rows instead
    of one per row, and a million rows go in twice as fast as with one ``executemany`` row
    each (the same checks and constraints apply to every row).
    """
    width = len(columns)
    if row_sql.count("?") != width:
        raise ValueError("one column per '?' of the row")
    n = len(columns[0]) if columns else 0
    flat: list[Any] = [None] * (n * width)
    for i, column in enumerate(columns):
        if len(column) != n:
            raise ValueError("the columns differ in length")
        flat[i::width] = column
    full, rest = divmod(n, rows_per_statement)
    step = rows_per_statement * width
    if full:
        sql = head + ",".join([row_sql] * rows_per_statement) + tail
        raw.executemany(sql, (flat[i * step : (i + 1) * step] for i in range(full)))
    if rest:
        raw.execute(head + ",".join([row_sql] * rest) + tail, flat[full * step :])


def _existing_keys(raw: object, kpi_ids: Iterable[int]) -> set[tuple[int, str]]:
    keys: set[tuple[int, str]] = set()
    for kpi_id in kpi_ids:
        cur = raw.execute(  # type: ignore[attr-defined]
            "SELECT kpi_id, period FROM measurement WHERE kpi_id = ?", (kpi_id,)
        )
        keys.update(cur.fetchall())
    return keys

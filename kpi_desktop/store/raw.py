"""The session's own DB-API connection for set-based SQL, on SQLite and on PostgreSQL alike.

Services write their fast paths once, in SQLite's words: `?` and `:name` parameters, dates
passed and read as ISO text, ``INSERT OR IGNORE``. On SQLite they get the sqlite3 connection
itself. On PostgreSQL they get :class:`PostgresRaw`, which says the same in PostgreSQL's
words: parameters become psycopg's ``%s`` / ``%(name)s``, ``INSERT OR IGNORE`` becomes
``ON CONFLICT DO NOTHING``, ``SELECT value FROM json_each(ids)`` PostgreSQL's own JSON
function, dates and timestamps are read back as ISO text, and the few
SQLite functions the queries use (``julianday`` with its modifiers, ``group_concat``) exist
on the server as SQL functions the schema installs (:data:`POSTGRES_FUNCTIONS`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from sqlalchemy.orm import Session


class RawCursor(Protocol):
    rowcount: int

    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class RawConnection(Protocol):
    """What services may use of a DB-API connection (sqlite3.Connection has all of it)."""

    @property
    def total_changes(self) -> int: ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...
    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any: ...


class PostgresRaw:
    """A psycopg connection that takes SQLite-style SQL (see the module's docstring)."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        self.total_changes = 0

    def _cursor(self) -> Any:
        from psycopg.types.string import TextLoader

        cur = self._conn.cursor()
        for name in ("date", "timestamp", "timestamptz"):
            cur.adapters.register_loader(name, TextLoader)
        return cur

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] = ()) -> Any:
        cur = self._cursor()
        cur.execute(translate(sql), _params(parameters))
        if cur.rowcount > 0 and cur.description is None:
            self.total_changes += cur.rowcount
        return cur

    def executemany(self, sql: str, parameters: Iterable[Any]) -> Any:
        cur = self._cursor()
        cur.executemany(translate(sql), [_params(p) for p in parameters])
        if cur.rowcount > 0:
            self.total_changes += cur.rowcount
        return cur

    @property
    def psycopg(self) -> Any:
        """The psycopg connection itself (COPY, advisory locks)."""
        return self._conn


def _params(p: Any) -> Any:
    if isinstance(p, Mapping):
        return dict(p)
    return tuple(p)


def raw_connection(session: Session) -> Any:
    """The session's own DB-API connection, inside its transaction: sqlite3's, or a
    :class:`PostgresRaw` around psycopg's (typed Any: both answer `RawConnection`)."""
    raw = session.connection().connection.driver_connection
    if session.get_bind().dialect.name == "postgresql":
        return PostgresRaw(raw)
    return raw


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


_TOKEN = re.compile(
    r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|::|:(?P<name>[A-Za-z_]\w*)|(?P<q>\?)|(?P<pct>%)"""
)
_OR_IGNORE = re.compile(r"\bINSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
# A list of ids passed as one JSON text: SQLite's json_each, PostgreSQL's own function.
_JSON_IDS = re.compile(r"SELECT\s+value\s+FROM\s+json_each\(", re.IGNORECASE)
_JSON_IDS_PG = "SELECT value::bigint FROM json_array_elements_text("


@functools.lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """SQLite-style SQL in PostgreSQL's words (parameters, INSERT OR IGNORE)."""

    def swap(m: re.Match[str]) -> str:
        if m.group("name"):
            return f"%({m.group('name')})s"
        if m.group("q"):
            return "%s"
        if m.group("pct"):
            return "%%"
        return m.group(0).replace("%", "%%")  # psycopg reads % inside quotes too

    out = _JSON_IDS.sub(_JSON_IDS_PG, _TOKEN.sub(swap, sql))
    if _OR_IGNORE.search(out):
        out = _OR_IGNORE.sub("INSERT INTO", out) + " ON CONFLICT DO NOTHING"
    return out


#: SQLite's functions that the services' SQL uses, as PostgreSQL functions; installed (and
#: replaced) by every schema creation and upgrade on a server.
POSTGRES_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION kpi_julian(d timestamp) RETURNS double precision
LANGUAGE sql IMMUTABLE AS $$
  SELECT extract(epoch FROM d) / 86400.0 + 2440587.5
$$;
CREATE OR REPLACE FUNCTION julianday(d date, VARIADIC mods text[] DEFAULT '{}')
RETURNS double precision LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  t timestamp := d::timestamp;
  m text;
  n text[];
BEGIN
  IF d IS NULL THEN RETURN NULL; END IF;
  FOREACH m IN ARRAY mods LOOP
    m := lower(trim(m));
    IF m = 'start of month' THEN t := date_trunc('month', t);
    ELSIF m = 'start of year' THEN t := date_trunc('year', t);
    ELSIF m = 'start of day' THEN t := date_trunc('day', t);
    ELSIF m LIKE 'weekday %' THEN
      -- the next day (or this one) that is weekday N, 0 being Sunday
      t := t + make_interval(days => ((substr(m, 9)::int - extract(dow FROM t)::int + 7) % 7));
    ELSE
      n := regexp_match(m, '^([+-]?[0-9]+) +(day|month|year|days|months|years)$');
      IF n IS NULL THEN RAISE EXCEPTION 'julianday: modifier % not supported', m; END IF;
      t := t + (n[1] || ' ' || n[2])::interval;
    END IF;
  END LOOP;
  RETURN kpi_julian(t);
END
$$;
CREATE OR REPLACE FUNCTION julianday(d text, VARIADIC mods text[] DEFAULT '{}')
RETURNS double precision LANGUAGE sql IMMUTABLE AS $$ SELECT julianday(d::date, VARIADIC mods) $$;
CREATE OR REPLACE FUNCTION substr(d date, start integer, len integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT substr(d::text, start, len) $$;
CREATE OR REPLACE FUNCTION kpi_concat(acc text, val anycompatible, sep text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN val IS NULL THEN acc WHEN acc IS NULL THEN val::text
              ELSE acc || sep || val::text END
$$;
CREATE OR REPLACE FUNCTION kpi_concat(acc text, val anycompatible) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT kpi_concat(acc, val, ',') $$;
CREATE OR REPLACE AGGREGATE group_concat(anycompatible, text)
  (SFUNC = kpi_concat, STYPE = text);
CREATE OR REPLACE AGGREGATE group_concat(anycompatible) (SFUNC = kpi_concat, STYPE = text);
"""

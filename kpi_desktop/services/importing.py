"""Import measured values from CSV and XLSX files: read, check everything, then write or not.

Two steps, so that the GUI can show a preview before anything is written:
:func:`plan_import` reads and checks the file and returns an :class:`ImportPlan` (nothing
is written); :func:`apply_import` writes a plan in one transaction. :func:`import_file` does
both. A file with any bad row imports nothing: :class:`ImportFailed` lists every problem.

Layouts
    *wide*: a date column and one column per KPI (the header is the KPI's name).
    *long*: one value per row, with a date column, a KPI-name column and a value column.

Finding the columns (when the options do not name them): "by content" looks at the first
1,000 non-blank cells of a column and calls it a *number* column when most of them (more
than half) are numbers, else a *date* column when most are dates, else a *text* column:

1. The date column is the date column whose header looks like a date ("date", "month",
   "period", "week", "quarter", "year", ... or ending in "date"), else the first date
   column. Failing that, a number column with such a header holding Excel serial day
   numbers (or, headed "year", four-digit years) is the date column.
2. The layout is long when the options name a KPI or value column, or when, besides the
   date column, there is a text column whose values repeat or are KPI names of the
   workspace, and a number column, and no header is the name of a KPI of the workspace.
   Otherwise it is wide.
3. Long: the KPI column is the text column holding the most KPI names of the workspace,
   else the one headed like "kpi", "name", "metric", "indicator", "measure", "series", else
   the first text column; the value column is the number column headed like "value",
   "amount", "actual", "result", "total", else the first number column. The columns left
   over are listed as skipped.
4. Wide: a column whose header is a KPI's name (ignoring case and extra spaces) is
   imported. With ``create_missing`` every other number column makes a new KPI. The rest
   are listed as skipped.

Every date is mapped to the first day of its period for the KPI's frequency (a monthly
KPI's 17 March is 1 March), so two values of one KPI that fall in one period are a problem
(both rows named). Blank value cells are skipped. New KPIs (``create_missing``) get the
unit "" and the frequency that the spacing of their dates suggests (``infer_frequency``),
under the goal ``goal`` (made when missing).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import dataclasses
import datetime as dt
import difflib
import gc
import io
import itertools
import math
import re
import sqlite3
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from sqlalchemy import insert
from sqlmodel import Session, col, select

from kpi_desktop.domain.periods import infer_frequency, period_label, period_start
from kpi_desktop.domain.types import Frequency
from kpi_desktop.domain.values import (
    AmbiguousDate,
    DateOrder,
    detect_date_order,
    detect_decimal_mark,
    parse_date,
    parse_number,
)
from kpi_desktop.services.errors import (
    AmbiguousName,
    ConflictError,
    KpiDesktopError,
    NotFound,
    ValidationError,
    WorkspaceError,
)
from kpi_desktop.services.kpis import KPI_FIELDS, clean_kpi_fields
from kpi_desktop.services.measurements import OnConflict, insert_many
from kpi_desktop.services.naming import normalise
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.tables import Goal, Kpi

if TYPE_CHECKING:
    from kpi_desktop.services.workspace import Workspace

Layout = Literal["wide", "long"]

__all__ = [
    "AmbiguousDates",
    "ImportFailed",
    "ImportFileError",
    "ImportOptions",
    "ImportPlan",
    "ImportResult",
    "RowProblem",
    "apply_import",
    "import_file",
    "plan_import",
]

_SAMPLE_ROWS = 1000  # non-blank cells looked at to tell what a column holds
_MAJORITY = 0.5  # a column holds what more than this share of its cells are
_MAX_LISTED = 1000  # problems spelled out in an ImportFailed message (all are in .problems)
_SHIFT = 22  # bits of a date ordinal (9999-12-31 is 3,652,059 < 2**22) in a (KPI, day) key
_DAY_MASK = (1 << _SHIFT) - 1
_BLANK_DATE = -1
_BAD_DATE = -2

_DATE_HEADER = re.compile(
    r"^(date|day|month|week|quarter|year|period|time|timestamp|datum|fecha|as of|when)\b"
    r"|\b(date|day|month|week|period)$"
)
_YEAR_HEADER = re.compile(r"^(year|yr|jahr|année|annee|ano|año|fy|fiscal year)$")
_KPI_HEADER = re.compile(r"\b(kpi|kpis|name|metric|indicator|measure|series|variable|key)\b")
_VALUE_HEADER = re.compile(r"\b(value|values|amount|actual|actuals|result|total|number|count)\b")


# --------------------------------------------------------------------------------------------
# Public types
# --------------------------------------------------------------------------------------------


@dataclass
class ImportOptions:
    """How to read a file. Columns are named by header (any case), 1-based number or letter."""

    layout: Layout | None = None  # None: detect (see the module docstring)
    sheet: str | None = None  # XLSX: the sheet to read (default the first)
    create_missing: bool = False  # create KPIs that the file names and the workspace lacks
    goal: str = "Imported"  # the goal that created KPIs go under (made if missing)
    date_column: str | None = None
    kpi_column: str | None = None  # long layout only
    value_column: str | None = None  # long layout only
    date_order: DateOrder | None = None  # "dmy" or "mdy" for dates like 03/04/2024


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One bad cell. `row` is the row number a spreadsheet shows (the header is row 1);
    `reason` completes the sentence "'<value>' ..." (e.g. "is not a number")."""

    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
        return f"row {self.row}, column '{self.column}': '{shown}' {self.reason}"


class ImportFileError(KpiDesktopError):
    """The file as a whole cannot be imported (missing, unreadable, no date column...)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class AmbiguousDates(ImportFileError):
    """Dates like 03/04/2024 that read day-first and month-first; `rows` has them."""

    def __init__(self, path: Path, column: str, rows: list[int], example: str) -> None:
        shown = ", ".join(map(str, rows[:10])) + (
            f" and {len(rows) - 10} more" if len(rows) > 10 else ""
        )
        super().__init__(
            path,
            f"the dates in column '{column}' can be read day-first or month-first "
            f"(e.g. '{example}' in rows {shown}); choose day-first (dmy) or month-first (mdy)",
        )
        self.column = column
        self.rows = rows


class ImportFailed(KpiDesktopError):
    """The file has bad rows; nothing was imported. `problems` lists every one."""

    def __init__(self, path: Path, problems: list[RowProblem], hint: str = "") -> None:
        lines = [str(p) for p in problems[:_MAX_LISTED]]
        if len(problems) > _MAX_LISTED:
            lines.append(f"... and {len(problems) - _MAX_LISTED} more problems")
        head = (
            f"{path}: nothing was imported; {len(problems)} problem"
            f"{'' if len(problems) == 1 else 's'} to fix:"
        )
        super().__init__("\n".join([head, *lines, *([hint] if hint else [])]))
        self.path = path
        self.problems = problems


@dataclass(frozen=True, slots=True)
class ImportResult:
    inserted: int
    replaced: int
    kept: int
    kpis_created: list[str]
    skipped_columns: list[str]
    kpis: list[str]  # every KPI that the file gave values for


@dataclass(eq=False)
class _Entries:
    """The values of a plan, column-wise: entry i is KPI kpi_names[kidx[i]], period
    date.fromordinal(period[i]), value[i], from spreadsheet row row[i]."""

    kpi_names: list[str]
    kpi_ids: list[int | None]  # None: to be created
    kpi_freqs: list[Frequency]
    kidx: np.ndarray
    period: np.ndarray
    value: np.ndarray
    row: np.ndarray
    order: np.ndarray | None  # sorts entries by (KPI, period); None when they already are


@dataclass(eq=False)
class ImportPlan:
    """What importing a file would do. Nothing is written until :func:`apply_import`."""

    path: Path
    layout: Layout
    rows_read: int  # data rows in the file (below the header)
    kpis_matched: list[str]  # KPIs of the workspace that get values
    kpis_to_create: list[tuple[str, Frequency]]
    skipped_columns: list[str]
    date_order: DateOrder | None  # how slash dates were read (None: none needed it)
    date_column: str
    kpi_column: str | None
    value_column: str | None
    goal: str
    workspace: Path
    _entries: _Entries = field(repr=False)
    _values: list[tuple[str, dt.date, float, int]] | None = field(default=None, repr=False)

    @property
    def value_count(self) -> int:
        return len(self._entries.value)

    @property
    def values(self) -> list[tuple[str, dt.date, float, int]]:
        """Every value as (KPI name, period start, value, spreadsheet row), in file order."""
        if self._values is None:
            self._values = self._rows(len(self._entries.value))
        return self._values

    def preview(self, n: int = 20) -> list[tuple[str, dt.date, float, int]]:
        """The first `n` values (for the GUI's preview table)."""
        if self._values is not None:
            return self._values[:n]
        return self._rows(n)

    def _rows(self, n: int) -> list[tuple[str, dt.date, float, int]]:
        e = self._entries
        return list(
            zip(
                map(e.kpi_names.__getitem__, e.kidx[:n].tolist()),
                map(dt.date.fromordinal, e.period[:n].tolist()),
                e.value[:n].tolist(),
                e.row[:n].tolist(),
                strict=True,
            )
        )


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def import_file(
    ws: Workspace,
    path: Path | str,
    options: ImportOptions | None = None,
    on_conflict: OnConflict = OnConflict.ERROR,
) -> ImportResult:
    """Read, check and write a file in one go (see :func:`plan_import`)."""
    return apply_import(ws, plan_import(ws, path, options), on_conflict)


def plan_import(
    ws: Workspace, path: Path | str, options: ImportOptions | None = None
) -> ImportPlan:
    """Read and check a file; return what importing it would do. Writes nothing.

    Raises ImportFileError (or AmbiguousDates) when the file as a whole cannot be read,
    ImportFailed listing every bad row, ValidationError for bad options.
    """
    options = _checked_options(options or ImportOptions())
    path = Path(path)
    with _no_gc():
        table = _read_table(path, options)
    kpis = _workspace_kpis(ws)
    return _Planner(path, options, table, kpis, ws.path).plan()


def apply_import(
    ws: Workspace, plan: ImportPlan, on_conflict: OnConflict = OnConflict.ERROR
) -> ImportResult:
    """Write a plan: create its missing KPIs and store its values in one transaction.

    Values meeting a stored value of the same KPI and period follow `on_conflict`: ERROR
    (ConflictError, nothing written), REPLACE or KEEP.
    """
    on_conflict = OnConflict(on_conflict)
    if Path(plan.workspace).resolve() != Path(ws.path).resolve():
        raise KpiDesktopError("this import was prepared for another workspace; read the file again")
    e = plan._entries
    with ws.writing() as s:
        ids = _resolve_ids(s, plan)
        created = [name for name, kid in zip(e.kpi_names, e.kpi_ids, strict=True) if kid is None]
        summary = _write_values(s, plan, np.array(ids, dtype=np.int64), on_conflict)
    return ImportResult(
        inserted=summary[0],
        replaced=summary[1],
        kept=summary[2],
        kpis_created=created,
        skipped_columns=list(plan.skipped_columns),
        kpis=list(e.kpi_names),
    )


# --------------------------------------------------------------------------------------------
# Reading files into columns
# --------------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Table:
    header: list[str]  # column labels: the header text, or the column letter when blank
    named: list[bool]  # whether the header cell had text
    columns: list[Sequence[Any]]  # cells per column, one per data row
    first_row: int  # spreadsheet row number of data row 0
    n: int  # data rows
    typed: bool  # cells may be numbers/dates/None (XLSX), not only text


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cycle collector while building millions of small containers (it would
    otherwise run again and again over them, for nothing: they hold no cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_table(path: Path, options: ImportOptions) -> _Table:
    if not path.exists():
        raise ImportFileError(path, "no such file")
    if path.is_dir():
        raise ImportFileError(path, "this is a folder, not a file")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ImportFileError(path, f"the file cannot be read ({exc.strerror or exc})") from exc
    if not head:
        raise ImportFileError(path, "the file is empty")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            path,
            "this is an old-style Excel (.xls) or other Office file; save it as .xlsx "
            "or CSV and import that",
        )
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, options)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xltx", ".xltm"):
        raise ImportFileError(path, "this is not a valid Excel workbook (.xlsx)")
    return _read_csv(path)


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFileError(path, "the file is not valid UTF-16 text") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _read_csv(path: Path) -> _Table:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(path, f"the file cannot be read ({exc.strerror or exc})") from exc
    text = _decode(path, data)
    del data
    head = text[:65536]
    if "\x00" in head or len(_CONTROL.findall(head)) > max(2, len(head) // 200):
        raise ImportFileError(
            path, "this is not a CSV text file or an Excel workbook (it looks like binary data)"
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac ends
    text = text.rstrip("\n")
    if not text.strip():
        raise ImportFileError(path, "the file is empty")
    delimiter = _sniff_delimiter(text)
    fast = _split_simple(text, delimiter)
    if fast is not None:
        header, columns = fast
        del text
        return _make_table(path, header, columns, first_row=2, typed=False)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFileError(path, f"the file is not valid CSV ({exc})") from exc
    del text
    return _table_from_rows(path, rows, typed=False)


def _sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the first lines into the most columns,
    the same number on most lines."""
    lines = [line for line in text[:65536].split("\n")[:50] if line.strip()]
    best, best_score = ",", (0.0, 0)
    for delimiter in (",", ";", "\t"):
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        if not counts or counts[0] < 2:
            continue
        score = (sum(c == counts[0] for c in counts) / len(counts), counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _split_simple(text: str, delimiter: str) -> tuple[list[str], list[Sequence[str]]] | None:
    """Columns of a CSV text without quotes whose lines all have the same number of cells,
    split at C speed; None when the text needs the csv module."""
    if '"' in text or "\r" in text:
        return None
    start = text.find("\n") + 1
    if not start:
        return None
    header = text[: start - 1].split(delimiter)
    # Count the delimiters on every line at once: cells never hold a line break here.
    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    ends = np.flatnonzero(data == 10)
    marks = np.flatnonzero(data == ord(delimiter))
    per_line = np.diff(np.searchsorted(marks, ends), prepend=0)
    last = len(marks) - (int(np.searchsorted(marks, ends[-1])) if len(ends) else 0)
    width = len(header) - 1
    if last != width or not bool((per_line == width).all()):
        return None
    del data, ends, marks, per_line
    flat = text[start:].replace("\n", delimiter).split(delimiter)
    return header, [flat[j :: width + 1] for j in range(width + 1)]


def _read_xlsx(path: Path, options: ImportOptions) -> _Table:
    import openpyxl  # here: it costs time to import and only XLSX needs it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a third-party parser on untrusted input: any failure is the file's
        raise ImportFileError(path, _xlsx_failure(exc)) from exc
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise ImportFileError(path, "the workbook has no worksheet")
        if options.sheet is None:
            sheet = sheets[0]
        else:
            by_exact = {s.title: s for s in sheets}
            by_norm = {normalise(s.title): s for s in sheets}
            found = by_exact.get(options.sheet) or by_norm.get(normalise(options.sheet))
            if found is None:
                listed = ", ".join(f"'{s.title}'" for s in sheets)
                raise ImportFileError(
                    path, f"no sheet named '{options.sheet}'; the sheets are: {listed}"
                )
            sheet = found
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rows = list(sheet.iter_rows(min_row=1, values_only=True))
        except Exception as exc:  # as above: malformed sheet XML, unsafe XML, bad values
            raise ImportFileError(path, _xlsx_failure(exc)) from exc
    finally:
        workbook.close()
    return _table_from_rows(path, rows, typed=True)


def _xlsx_failure(exc: Exception) -> str:
    name = type(exc).__name__
    cause: BaseException | None = exc
    while cause is not None:  # openpyxl wraps the parser's error in its own
        if (type(cause).__module__ or "").startswith("defusedxml"):
            return (
                "the workbook contains unsafe XML (entity or DTD declarations, as used "
                "to attack programs) and was refused"
            )
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, zipfile.BadZipFile):
        return "this is not a valid Excel workbook (.xlsx): the file is damaged"
    return f"this is not a valid Excel workbook (.xlsx) ({name}: {exc})"


def _table_from_rows(path: Path, rows: Sequence[Sequence[Any]], *, typed: bool) -> _Table:
    start = next((i for i, r in enumerate(rows) if any(not _blank(c) for c in r)), None)
    if start is None:
        raise ImportFileError(path, "the file has no data (every cell is blank)")
    header = ["" if c is None else str(c) for c in rows[start]]
    data = rows[start + 1 :]
    width = max(len(header), max(map(len, data), default=0))
    header += [""] * (width - len(header))
    filler = None if typed else ""
    if any(len(r) != width for r in data):
        data = [tuple(r) + (filler,) * (width - len(r)) for r in data]
    columns: list[Sequence[Any]] = (
        list(zip(*data, strict=True)) if data else [() for _ in range(width)]
    )
    return _make_table(path, header, columns, first_row=start + 2, typed=typed)


def _make_table(
    path: Path, header: list[str], columns: list[Sequence[Any]], *, first_row: int, typed: bool
) -> _Table:
    labels = [h.strip() for h in header]
    # Columns without a header and without data (formatting in a sheet) are no columns.
    keep = [j for j in range(len(labels)) if labels[j] or not _all_blank(columns[j])]
    named_cols = [bool(labels[j]) for j in keep]
    labels = [labels[j] or _letter(j) for j in keep]
    columns = [columns[j] for j in keep]
    n = len(columns[0]) if columns else 0
    named = [h for h in header if h.strip()]
    if named and all(_is_number(h) or _is_date(h) for h in named):
        raise ImportFileError(
            path,
            f"the first row holds data ('{named[0].strip()}'), not column names; add a "
            "header row that names the columns (the date and the KPIs)",
        )
    if n == 0 or all(_all_blank(c) for c in columns):
        raise ImportFileError(path, "the file has a header row but no data below it")
    return _Table(labels, named_cols, columns, first_row, n, typed)


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _all_blank(cells: Sequence[Any]) -> bool:
    return all(map(_blank, cells))


def _letter(j: int) -> str:
    name = ""
    j += 1
    while j:
        j, rem = divmod(j - 1, 26)
        name = chr(65 + rem) + name
    return name


def _letter_index(ref: str) -> int | None:
    if not ref.isascii() or not ref.isalpha() or len(ref) > 3:
        return None
    index = 0
    for ch in ref.upper():
        index = index * 26 + (ord(ch) - 64)
    return index - 1


# --------------------------------------------------------------------------------------------
# Telling what a column holds
# --------------------------------------------------------------------------------------------


def _is_number(cell: Any) -> bool:
    if isinstance(cell, bool):
        return False
    try:
        parse_number(cell)
    except (ValueError, TypeError):
        return False
    return True


def _is_date(cell: Any) -> bool:
    if isinstance(cell, dt.date):
        return True
    if not isinstance(cell, str):
        return False
    for order in ("dmy", "mdy"):
        try:
            parse_date(cell, order)
        except ValueError:
            continue
        return True
    return False


@dataclass(frozen=True, slots=True)
class _Kind:
    kind: str  # "empty", "date", "number", "text"
    sample: tuple[Any, ...]  # the non-blank sample cells


def _column_kind(cells: Sequence[Any]) -> _Kind:
    sample = tuple(itertools.islice(itertools.filterfalse(_blank, cells), _SAMPLE_ROWS))
    if not sample:
        return _Kind("empty", sample)
    numbers = sum(map(_is_number, sample))
    if numbers > _MAJORITY * len(sample):
        return _Kind("number", sample)
    dates = sum(1 for c in sample if _is_date(c) and not _is_number(c))
    if dates > _MAJORITY * len(sample):
        return _Kind("date", sample)
    return _Kind("text", sample)


def _header_key(label: str) -> str:
    return normalise(label.replace("_", " ").replace("-", " "))


def _serial_like(sample: Sequence[Any]) -> bool:
    try:
        numbers = [parse_number(c) for c in sample]
    except ValueError:
        return False
    return all(1 <= x <= 2958465 or 19000101 <= x <= 99991231 for x in numbers)


def _years_like(sample: Sequence[Any]) -> bool:
    try:
        numbers = [parse_number(c) for c in sample]
    except ValueError:
        return False
    return all(x == int(x) and 1000 <= x <= 9999 for x in numbers)


# --------------------------------------------------------------------------------------------
# Planning
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _KnownKpi:
    id: int
    name: str
    frequency: Frequency


def _workspace_kpis(ws: Workspace) -> dict[str, list[_KnownKpi]]:
    with ws.reading() as s:
        rows = s.exec(select(Kpi.id, Kpi.name, Kpi.frequency)).all()
    by_name: dict[str, list[_KnownKpi]] = {}
    for kid, name, freq in rows:
        assert kid is not None
        by_name.setdefault(normalise(name), []).append(_KnownKpi(kid, name, Frequency(freq)))
    return by_name


def _checked_options(options: ImportOptions) -> ImportOptions:
    if options.layout not in (None, "wide", "long"):
        raise ValidationError("layout", f"Layout must be wide or long (got {options.layout!r})")
    if options.date_order not in (None, "dmy", "mdy"):
        raise ValidationError(
            "date_order", f"Date order must be dmy or mdy (got {options.date_order!r})"
        )
    goal = " ".join((options.goal or "").split())
    if options.create_missing and not goal:
        raise ValidationError("goal", "New KPIs need a goal to go under")
    if len(goal) > 200:
        raise ValidationError("goal", "A goal title can be at most 200 characters")
    if options.layout == "wide" and (options.kpi_column or options.value_column):
        raise ValidationError(
            "layout", "KPI and value columns belong to the long layout, not the wide one"
        )
    return dataclasses.replace(options, goal=goal)


class _Planner:
    """Turns a table into a plan, collecting every problem on the way."""

    def __init__(
        self,
        path: Path,
        options: ImportOptions,
        table: _Table,
        kpis: dict[str, list[_KnownKpi]],
        workspace: Path,
    ) -> None:
        self.path = path
        self.options = options
        self.t = table
        self.known = kpis
        self.workspace = workspace
        self.problems: list[RowProblem] = []
        self.hint = ""
        self._kinds: dict[int, _Kind] = {}
        # KPIs that get values, by kidx
        self.kpi_names: list[str] = []
        self.kpi_ids: list[int | None] = []
        self.kpi_freqs: list[Frequency | None] = []
        self._kidx_by_norm: dict[str, int] = {}

    # -- helpers ---------------------------------------------------------------------------

    def kind(self, j: int) -> _Kind:
        if j not in self._kinds:
            self._kinds[j] = _column_kind(self.t.columns[j])
        return self._kinds[j]

    def fail(self, reason: str) -> ImportFileError:
        return ImportFileError(self.path, reason)

    def column(self, ref: str, what: str) -> int:
        text = str(ref).strip()
        hits = [j for j, h in enumerate(self.t.header) if normalise(h) == normalise(text)]
        if len(hits) > 1:
            raise self.fail(
                f"several columns are named '{text}'; name the {what} column by its letter instead"
            )
        if hits:
            return hits[0]
        index: int | None = int(text) - 1 if text.isdigit() else _letter_index(text)
        if index is not None and 0 <= index < len(self.t.header):
            return index
        listed = ", ".join(f"'{h}'" for h in self.t.header)
        raise self.fail(f"there is no {what} column '{text}'; the columns are: {listed}")

    def kpi_for(self, name: str, *, create: bool) -> int | None:
        """The kidx of the KPI called `name` (adding it to the plan); None if unknown."""
        norm = normalise(name)
        if norm in self._kidx_by_norm:
            return self._kidx_by_norm[norm]
        matches = self.known.get(norm, [])
        if len(matches) > 1:
            raise AmbiguousName("KPI", name, [m.name for m in matches])
        if matches:
            kpi = matches[0]
            entry: tuple[str, int | None, Frequency | None] = (kpi.name, kpi.id, kpi.frequency)
        elif create:
            entry = (" ".join(name.split()), None, None)
        else:
            return None
        self._kidx_by_norm[norm] = len(self.kpi_names)
        self.kpi_names.append(entry[0])
        self.kpi_ids.append(entry[1])
        self.kpi_freqs.append(entry[2])
        return len(self.kpi_names) - 1

    def close_names(self, name: str) -> str:
        names = {norm: kpis[0].name for norm, kpis in self.known.items()}
        close = difflib.get_close_matches(normalise(name), list(names), n=1, cutoff=0.6)
        return f" (did you mean '{names[close[0]]}'?)" if close else ""

    # -- the steps -------------------------------------------------------------------------

    def plan(self) -> ImportPlan:
        t = self.t
        date_j, date_mode = self.find_date_column()
        layout = self.find_layout(date_j)
        kpi_j: int | None
        value_j: int | None
        if layout == "long":
            kpi_j, value_j = self.find_long_columns(date_j)
            used = {date_j, kpi_j, value_j}
        else:
            kpi_j = value_j = None
            value_cols = self.find_wide_columns(date_j)
            used = {date_j, *value_cols}
        skipped = [
            t.header[j]
            for j in range(len(t.header))
            if j not in used and (t.named[j] or self.kind(j).kind != "empty")
        ]
        if layout == "wide" and not value_cols:
            raise self.no_wide_columns(date_j)
        day_of, date_order = self.parse_dates(date_j, date_mode)
        row_day = np.fromiter(map(day_of.__getitem__, t.columns[date_j]), dtype=np.int64, count=t.n)
        if layout == "long":
            assert kpi_j is not None and value_j is not None
            parts = self.long_entries(row_day, date_j, kpi_j, value_j)
        else:
            parts = self.wide_entries(row_day, date_j, value_cols)
        kidx, day, value, ridx, cols = parts
        self.fill_frequencies(kidx, day)
        period = self.periods(kidx, day)
        order = self.check_duplicates(kidx, period, ridx, cols)
        if self.problems:
            self.problems.sort(
                key=lambda p: (p.row, t.header.index(p.column) if p.column in t.header else 0)
            )
            raise ImportFailed(self.path, self.problems, self.hint)
        freqs = [f if f is not None else Frequency.MONTHLY for f in self.kpi_freqs]
        entries = _Entries(
            kpi_names=self.kpi_names,
            kpi_ids=self.kpi_ids,
            kpi_freqs=freqs,
            kidx=kidx,
            period=period,
            value=value,
            row=ridx + t.first_row,
            order=order,
        )
        return ImportPlan(
            path=self.path,
            layout=layout,
            rows_read=t.n,
            kpis_matched=[
                n for n, i in zip(self.kpi_names, self.kpi_ids, strict=True) if i is not None
            ],
            kpis_to_create=[
                (n, f)
                for n, i, f in zip(self.kpi_names, self.kpi_ids, freqs, strict=True)
                if i is None
            ],
            skipped_columns=skipped,
            date_order=date_order,
            date_column=t.header[date_j],
            kpi_column=None if kpi_j is None else t.header[kpi_j],
            value_column=None if value_j is None else t.header[value_j],
            goal=self.options.goal,
            workspace=self.workspace,
            _entries=entries,
        )

    def find_date_column(self) -> tuple[int, str]:
        """The date column and how to read it: "dates", "years"."""
        t = self.t
        if self.options.date_column is not None:
            j = self.column(self.options.date_column, "date")
            years = _YEAR_HEADER.match(_header_key(t.header[j])) and _years_like(
                self.kind(j).sample
            )
            return j, "years" if years else "dates"
        dated = [j for j in range(len(t.header)) if self.kind(j).kind == "date"]
        named = [j for j in dated if _DATE_HEADER.search(_header_key(t.header[j]))]
        if named or dated:
            return (named or dated)[0], "dates"
        for j, h in enumerate(t.header):
            key = _header_key(h)
            if self.kind(j).kind != "number":
                continue
            if _YEAR_HEADER.match(key) and _years_like(self.kind(j).sample):
                return j, "years"
            if _DATE_HEADER.search(key) and _serial_like(self.kind(j).sample):
                return j, "dates"
        listed = ", ".join(f"'{h}'" for h in t.header)
        raise self.fail(
            f"no date column found (the columns are: {listed}); the file needs a column of "
            "dates such as 2024-01-31 or 31/01/2024; name it as the date column if it has one"
        )

    def find_layout(self, date_j: int) -> Layout:
        o = self.options
        if o.layout is not None:
            return o.layout
        if o.kpi_column is not None or o.value_column is not None:
            return "long"
        others = [j for j in range(len(self.t.header)) if j != date_j]
        if any(normalise(self.t.header[j]) in self.known for j in others):
            return "wide"
        texts = [j for j in others if self.kind(j).kind == "text"]
        numbers = [j for j in others if self.kind(j).kind == "number"]
        if numbers and any(self._names_like(j) for j in texts):
            return "long"
        return "wide"

    def _names_like(self, j: int) -> bool:
        sample = self.kind(j).sample
        names = [normalise(str(c)) for c in sample]
        return len(set(names)) < len(names) or any(n in self.known for n in names)

    def find_long_columns(self, date_j: int) -> tuple[int, int]:
        o, t = self.options, self.t
        others = [j for j in range(len(t.header)) if j != date_j]
        if o.kpi_column is not None:
            kpi_j = self.column(o.kpi_column, "KPI")
        else:
            texts = [j for j in others if self.kind(j).kind == "text"]
            if not texts:
                raise self.fail("no column of KPI names found; name the KPI column")

            def score(j: int) -> tuple[int, bool, bool]:
                sample = self.kind(j).sample
                known = sum(normalise(str(c)) in self.known for c in sample)
                return (
                    known,
                    bool(_KPI_HEADER.search(_header_key(t.header[j]))),
                    self._names_like(j),
                )

            kpi_j = max(texts, key=score)  # max() keeps the first of equals
        if o.value_column is not None:
            value_j = self.column(o.value_column, "value")
        else:
            numbers = [j for j in others if j != kpi_j and self.kind(j).kind == "number"]
            if not numbers:
                raise self.fail("no column of values (numbers) found; name the value column")
            named = [j for j in numbers if _VALUE_HEADER.search(_header_key(t.header[j]))]
            value_j = (named or numbers)[0]
        if len({date_j, kpi_j, value_j}) < 3:
            raise self.fail(
                f"the date, KPI and value columns must be three different columns (got "
                f"'{t.header[date_j]}', '{t.header[kpi_j]}' and '{t.header[value_j]}')"
            )
        return kpi_j, value_j

    def find_wide_columns(self, date_j: int) -> dict[int, int]:
        """Column index -> kidx of the columns to import."""
        t = self.t
        chosen: dict[int, int] = {}
        seen: dict[str, int] = {}
        for j, label in enumerate(t.header):
            if j == date_j or not t.named[j]:
                continue
            norm = normalise(label)
            known = norm in self.known
            create = self.options.create_missing and not known and self.kind(j).kind == "number"
            if not known and not create:
                continue
            if norm in seen:
                raise self.fail(
                    f"columns '{t.header[seen[norm]]}' ({_letter(seen[norm])}) and '{label}' "
                    f"({_letter(j)}) are the same KPI; keep one of them"
                )
            if create and len(" ".join(label.split())) > 200:
                raise self.fail(
                    f"column '{label[:60]}...' is too long for a KPI name (at most 200 characters)"
                )
            seen[norm] = j
            kidx = self.kpi_for(label, create=create)
            assert kidx is not None
            chosen[j] = kidx
        return chosen

    def no_wide_columns(self, date_j: int) -> ImportFileError:
        others = [h for j, h in enumerate(self.t.header) if j != date_j]
        listed = ", ".join(f"'{h}'" for h in others) or "none"
        if self.options.create_missing:
            return self.fail(f"no column of numbers to import besides the date (columns: {listed})")
        return self.fail(
            f"no column is named after a KPI of this workspace (columns: {listed}); name the "
            "columns after your KPIs, or choose to create the missing KPIs"
        )

    def parse_dates(self, j: int, mode: str) -> tuple[dict[Any, int], DateOrder | None]:
        """Each distinct cell of the date column -> date ordinal (_BLANK_DATE, _BAD_DATE)."""
        cells = self.t.columns[j]
        distinct = set(cells)
        texts = [c for c in distinct if isinstance(c, str)]
        order = self.options.date_order
        if order is None:
            try:
                order = detect_date_order(texts)
            except ValueError as exc:
                raise self.fail(
                    f"column '{self.t.header[j]}': {exc}; fix the file, or choose day-first "
                    "(dmy) or month-first (mdy) to have the others listed"
                ) from None
        self._date_reasons: dict[Any, str] = {}
        day_of: dict[Any, int] = {}
        ambiguous: list[Any] = []
        for cell in distinct:
            if _blank(cell):
                day_of[cell] = _BLANK_DATE
                continue
            try:
                if mode == "years":
                    year = parse_number(cell)
                    if year != int(year) or not 1 <= year <= 9999:
                        raise ValueError("is not a year")
                    day_of[cell] = dt.date(int(year), 1, 1).toordinal()
                else:
                    day_of[cell] = parse_date(cell, order, excel_serial=True).toordinal()
            except AmbiguousDate:
                ambiguous.append(cell)
            except ValueError as exc:
                day_of[cell] = _BAD_DATE
                self._date_reasons[cell] = str(exc)
        if ambiguous:
            bad = set(ambiguous)
            rows = [i + self.t.first_row for i, c in enumerate(cells) if c in bad]
            example = str(cells[rows[0] - self.t.first_row]).strip()
            raise AmbiguousDates(self.path, self.t.header[j], rows, example)
        return day_of, order

    def date_problems(self, rows: np.ndarray, row_day: np.ndarray, date_j: int) -> None:
        """Problems for the rows (data indexes) that have values but no good date."""
        bad = rows[row_day[rows] < 0]
        cells = self.t.columns[date_j]
        label = self.t.header[date_j]
        for i in bad.tolist():
            cell = cells[i]
            if row_day[i] == _BLANK_DATE:
                reason = "is blank, but the row has values: which date are they for?"
            else:
                reason = self._date_reasons.get(cell, "is not a date")
            self.problems.append(RowProblem(i + self.t.first_row, label, _text(cell), reason))

    def parse_values(self, columns: list[int]) -> dict[int, tuple[np.ndarray, ...]]:
        """Column -> (numbers, present, bad): the numbers (NaN where none), a mask of the
        cells to import and a mask of the bad cells (each one a problem)."""
        fast: dict[int, np.ndarray] = {}
        slow: list[int] = []
        for j in columns:
            numbers = self._fast_numbers(j)
            if numbers is None:
                slow.append(j)
            else:
                fast[j] = numbers
        odd: set[str] = set()
        for j in slow:
            odd.update(c for c in set(self.t.columns[j]) if isinstance(c, str) and "," in c)
        decimal = detect_decimal_mark(odd) if odd else None
        out: dict[int, tuple[np.ndarray, ...]] = {}
        for j in columns:
            if j in fast:
                numbers = fast[j]
                present = np.ones(self.t.n, dtype=bool)
            else:
                numbers, present = self._slow_numbers(j, decimal)
            bad = np.zeros(self.t.n, dtype=bool)
            if decimal == "," and j in fast:
                self._reparse_dotted(j, numbers, present, bad)
            if j not in fast:
                bad |= ~present & ~np.fromiter(
                    map(_blank, self.t.columns[j]), dtype=bool, count=self.t.n
                )
            out[j] = (numbers, present, bad)
        return out

    def _fast_numbers(self, j: int) -> np.ndarray | None:
        """All cells of column j as numbers, at C speed; None unless all are plain numbers."""
        cells = self.t.columns[j]
        try:
            numbers = np.fromiter(map(float, cells), dtype=np.float64, count=self.t.n)
        except (ValueError, TypeError):
            return None
        if not np.isfinite(numbers).all() or (self.t.typed and bool in set(map(type, cells))):
            return None
        return numbers

    def _slow_numbers(self, j: int, decimal: str | None) -> tuple[np.ndarray, np.ndarray]:
        cells = self.t.columns[j]
        numbers = [math.nan] * self.t.n
        present = [False] * self.t.n
        label = self.t.header[j]
        comma = decimal == ","
        for i, cell in enumerate(cells):
            try:  # the common cases at C speed, the rest by parse_number
                kind = type(cell)
                if kind is str:
                    if comma:
                        if "." in cell:
                            raise ValueError(cell)
                        cell = cell.replace(",", ".")
                    number = float(cell)
                elif kind is float or kind is int:
                    number = float(cell)
                else:
                    raise ValueError(cell)
                if not math.isfinite(number):
                    raise ValueError(cell)
            except ValueError:
                cell = cells[i]
                if _blank(cell):
                    continue
                try:
                    number = parse_number(cell, decimal)
                except ValueError as exc:
                    self.problems.append(
                        RowProblem(i + self.t.first_row, label, _text(cell), str(exc))
                    )
                    continue
            numbers[i] = number
            present[i] = True
        return np.array(numbers, dtype=np.float64), np.array(present, dtype=bool)

    def _reparse_dotted(
        self, j: int, numbers: np.ndarray, present: np.ndarray, bad: np.ndarray
    ) -> None:
        """In a decimal-comma file "1.234" is 1234, not 1.234."""
        cells = self.t.columns[j]
        for i, cell in enumerate(cells):
            if present[i] and isinstance(cell, str) and "." in cell:
                try:
                    numbers[i] = parse_number(cell, ",")
                except ValueError as exc:
                    present[i] = False
                    bad[i] = True
                    self.problems.append(
                        RowProblem(i + self.t.first_row, self.t.header[j], _text(cell), str(exc))
                    )

    def long_entries(
        self, row_day: np.ndarray, date_j: int, kpi_j: int, value_j: int
    ) -> tuple[np.ndarray, ...]:
        t = self.t
        numbers, present, bad_value = self.parse_values([value_j])[value_j]
        wanted = present | bad_value  # rows with a value (good or bad) need a date and a KPI
        rows = np.flatnonzero(wanted)
        kpi_cells = t.columns[kpi_j]
        kidx_of: dict[Any, int] = {}
        unknown: set[Any] = set()
        # The names on rows with a value, in order of first appearance: KPIs are numbered
        # (and created) in file order.
        used = dict.fromkeys(
            kpi_cells if len(rows) == t.n else map(kpi_cells.__getitem__, rows.tolist())
        )
        for cell in used:
            if _blank(cell):
                kidx_of[cell] = -2
                continue
            name = str(cell)
            if len(" ".join(name.split())) > 200:
                kidx_of[cell] = -3
                continue
            kidx = self.kpi_for(name, create=self.options.create_missing)
            kidx_of[cell] = -1 if kidx is None else kidx
            if kidx is None:
                unknown.add(cell)
        row_kidx = np.fromiter(  # -4: a row without a value, never looked at
            map(kidx_of.get, kpi_cells, itertools.repeat(-4)), dtype=np.int64, count=t.n
        )
        self.date_problems(rows, row_day, date_j)
        label = t.header[kpi_j]
        reasons = {
            -2: "is blank, but the row has a value: which KPI is it for?",
            -3: "is too long for a KPI name (at most 200 characters)",
        }
        unknown_reason = {
            cell: f"is not a KPI of this workspace{self.close_names(str(cell))}" for cell in unknown
        }
        for i in rows[row_kidx[rows] < 0].tolist():
            cell = kpi_cells[i]
            reason = reasons.get(int(row_kidx[i])) or unknown_reason[cell]
            self.problems.append(RowProblem(i + t.first_row, label, _text(cell), reason))
        if unknown:
            self.hint = (
                "Add the missing KPIs first, or choose to create missing KPIs (--create-missing)."
            )
        ok = present & (row_kidx >= 0) & (row_day >= 0)
        ridx = np.flatnonzero(ok)
        if len(ridx) == t.n:
            return row_kidx, row_day, numbers, np.arange(t.n), np.full(t.n, value_j)
        return row_kidx[ridx], row_day[ridx], numbers[ridx], ridx, np.full(len(ridx), value_j)

    def wide_entries(
        self, row_day: np.ndarray, date_j: int, value_cols: dict[int, int]
    ) -> tuple[np.ndarray, ...]:
        t = self.t
        parsed = self.parse_values(list(value_cols))
        wanted = np.zeros(t.n, dtype=bool)
        parts: list[tuple[np.ndarray, ...]] = []
        for j, k in value_cols.items():
            numbers, present, bad = parsed[j]
            wanted |= present | bad
            ridx = np.flatnonzero(present & (row_day >= 0))
            parts.append(
                (
                    np.full(len(ridx), k),
                    row_day[ridx],
                    numbers[ridx],
                    ridx,
                    np.full(len(ridx), j),
                )
            )
        self.date_problems(np.flatnonzero(wanted), row_day, date_j)
        kidx, day, value, ridx, cols = (np.concatenate(p) for p in zip(*parts, strict=True))
        by_row = np.argsort(ridx, kind="stable")  # file order: row by row, left to right
        return kidx[by_row], day[by_row], value[by_row], ridx[by_row], cols[by_row]

    def fill_frequencies(self, kidx: np.ndarray, day: np.ndarray) -> None:
        """Infer the frequency of each KPI to create from the spacing of its dates."""
        new = [k for k, f in enumerate(self.kpi_freqs) if f is None]
        if not new:
            return
        is_new = np.zeros(len(self.kpi_freqs), dtype=bool)
        is_new[new] = True
        mask = is_new[kidx]
        keys = _distinct((kidx[mask] << _SHIFT) | day[mask])
        owners = keys >> _SHIFT
        starts = np.searchsorted(owners, new, side="left")
        ends = np.searchsorted(owners, new, side="right")
        for k, a, b in zip(new, starts.tolist(), ends.tolist(), strict=True):
            self.kpi_freqs[k] = _infer_frequency(keys[a:b] & _DAY_MASK)

    def periods(self, kidx: np.ndarray, day: np.ndarray) -> np.ndarray:
        """The ordinal of the first day of each entry's period, by its KPI's frequency."""
        freqs = np.array(
            [list(Frequency).index(f or Frequency.MONTHLY) for f in self.kpi_freqs] or [0],
            dtype=np.int64,
        )
        entry_freq = freqs[kidx]
        period = day.copy()
        for code, freq in enumerate(Frequency):
            if freq == Frequency.DAILY:
                continue
            sel = entry_freq == code
            if not sel.any():
                continue
            days = day[sel]
            low, high = int(days.min()), int(days.max())
            if high - low < 100_000:  # a table of every day in the span: no sorting
                table = np.array(
                    [
                        period_start(dt.date.fromordinal(d), freq).toordinal()
                        for d in range(low, high + 1)
                    ],
                    dtype=np.int64,
                )
                period[sel] = table[days - low]
            else:
                uniq, inverse = np.unique(days, return_inverse=True)
                starts = np.array(
                    [period_start(dt.date.fromordinal(d), freq).toordinal() for d in uniq.tolist()],
                    dtype=np.int64,
                )
                period[sel] = starts[inverse]
        return period

    def check_duplicates(
        self, kidx: np.ndarray, period: np.ndarray, ridx: np.ndarray, cols: np.ndarray
    ) -> np.ndarray | None:
        """Two values of one KPI in one period are a problem; returns the (KPI, period)
        order of the entries (None when they are in that order already)."""
        keys = (kidx << _SHIFT) | period
        if len(keys) < 2 or bool((keys[1:] > keys[:-1]).all()):
            return None
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        same = np.flatnonzero(sorted_keys[1:] == sorted_keys[:-1])
        first_of: dict[int, int] = {}
        for pos in same.tolist():
            first = first_of.setdefault(int(sorted_keys[pos]), int(order[pos]))
            later = int(order[pos + 1])
            k = int(kidx[later])
            freq = self.kpi_freqs[k] or Frequency.MONTHLY
            j = int(cols[later])
            when = period_label(dt.date.fromordinal(int(period[later])), freq)
            self.problems.append(
                RowProblem(
                    int(ridx[later]) + self.t.first_row,
                    self.t.header[j],
                    _text(self.t.columns[j][int(ridx[later])]),
                    f"is a second value for {self.kpi_names[k]} in {when} (row "
                    f"{int(ridx[first]) + self.t.first_row} has one already)",
                )
            )
        return order


def _distinct(keys: np.ndarray) -> np.ndarray:
    """The sorted distinct values of an int array (faster than np.unique on sorted input)."""
    if len(keys) > 1 and not bool((keys[1:] > keys[:-1]).all()):
        keys = np.sort(keys)
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
    return keys


class _IsoDates(dict[int, str]):
    """Date ordinal -> ISO text, made on first use."""

    def __missing__(self, day: int) -> str:
        text = self[day] = dt.date.fromordinal(day).isoformat()
        return text


def _infer_frequency(days: np.ndarray) -> Frequency:
    """infer_frequency over distinct sorted day ordinals, without making a date per day.

    infer_frequency reads the median gap between distinct dates; two or three dates with
    the same median gap (the middle gap, or the two middle gaps) give the same answer.
    """
    if len(days) < 2:
        return infer_frequency(dt.date.fromordinal(int(d)) for d in days.tolist())
    gaps = np.sort(np.diff(days))
    middle = len(gaps) // 2
    picked = [int(gaps[middle])] if len(gaps) % 2 else [int(gaps[middle - 1]), int(gaps[middle])]
    first = dt.date.fromordinal(int(days[0]))
    dates = [first]
    for gap in picked:
        dates.append(dates[-1] + dt.timedelta(days=gap))
    return infer_frequency(dates)


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _resolve_ids(s: Session, plan: ImportPlan) -> list[int]:
    """The KPI id of each kidx: check the matched ones still exist, create the new ones."""
    e = plan._entries
    matched = [kid for kid in e.kpi_ids if kid is not None]
    existing: set[int | None] = set()
    for chunk in _chunks(matched, 500):
        existing.update(s.exec(select(Kpi.id).where(col(Kpi.id).in_(chunk))).all())
    for name, kid in zip(e.kpi_names, e.kpi_ids, strict=True):
        if kid is not None and kid not in existing:
            raise NotFound(f'KPI "{name}" was deleted after the file was read; read it again')
    new = [k for k, kid in enumerate(e.kpi_ids) if kid is None]
    created: dict[int, int] = {}
    if new:
        goal = _goal_for_import(s, plan.goal)
        assert goal.id is not None
        siblings = s.exec(select(Kpi.name, Kpi.position).where(Kpi.goal_id == goal.id)).all()
        taken = {normalise(name) for name, _ in siblings}
        position = max((p for _, p in siblings), default=-1) + 1
        rows: list[dict[str, Any]] = []
        for k in new:
            name = e.kpi_names[k]
            if normalise(name) in taken:
                raise ConflictError(
                    f'A KPI called "{name}" was added after the file was read; read it again'
                )
            fields = clean_kpi_fields(
                {**KPI_FIELDS, "name": name, "unit": "", "frequency": e.kpi_freqs[k].value}
            )
            kpi = Kpi(goal_id=goal.id, position=position, **fields)  # the table's defaults
            rows.append(kpi.model_dump(exclude={"id"}))
            position += 1
        # One INSERT ... RETURNING for all of them, not an ORM flush of each (200 KPIs:
        # 25 ms instead of 120 ms).
        table = Kpi.__table__  # type: ignore[attr-defined]
        inserted = s.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
        )
        created = dict(zip(new, inserted.scalars(), strict=True))
    return [created[k] if kid is None else kid for k, kid in enumerate(e.kpi_ids)]


def _goal_for_import(s: Session, title: str) -> Goal:
    goals = s.exec(select(Goal)).all()
    hits = [g for g in goals if normalise(g.title) == normalise(title)]
    if len(hits) > 1:
        raise AmbiguousName("goal", title, [g.title for g in hits])
    if hits:
        return hits[0]
    position = max((g.position for g in goals if g.parent_id is None), default=-1) + 1
    goal = Goal(title=title, parent_id=None, position=position)
    s.add(goal)
    s.flush()
    return goal


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _write_values(
    s: Session, plan: ImportPlan, ids: np.ndarray, on_conflict: OnConflict
) -> tuple[int, int, int]:
    """Insert the plan's values (sorted by KPI id and period, set-based) and return
    (inserted, replaced, kept). Same rules and messages as MeasurementService.write_many."""
    e = plan._entries
    n = len(e.value)
    if n == 0:
        return 0, 0, 0
    kid = ids[e.kidx]
    period = e.period
    value = e.value
    if len(ids) > 1 and not bool((ids[1:] > ids[:-1]).all()):
        order: np.ndarray | None = np.argsort((kid << _SHIFT) | period, kind="stable")
    else:
        order = e.order  # ids grow with kidx: the plan's (kidx, period) order is id order
    if order is not None:
        kid, period, value = kid[order], period[order], value[order]
    keys = (kid << _SHIFT) | period
    raw = sqlite_connection(s)
    clash = _stored_keys(raw, plan, ids, period)
    is_clash = np.isin(keys, clash) if len(clash) else np.zeros(n, dtype=bool)
    n_clash = int(is_clash.sum())
    if n_clash and on_conflict == OnConflict.ERROR:
        where = np.flatnonzero(is_clash)[:5].tolist()
        kidx_of_id = {int(i): k for k, i in enumerate(ids.tolist())}
        labels = []
        for i in where:
            k = kidx_of_id[int(kid[i])]
            when = period_label(dt.date.fromordinal(int(period[i])), e.kpi_freqs[k])
            labels.append(f"{e.kpi_names[k]} {when}")
        shown = "; ".join(labels)
        more = f" and {n_clash - 5} more" if n_clash > 5 else ""
        raise ConflictError(
            f"{n_clash} value(s) are already stored for the same period "
            f"({shown}{more}). Nothing was written. Choose to replace or keep them."
        )
    if on_conflict == OnConflict.REPLACE:
        tail = (
            " ON CONFLICT(kpi_id, period) DO UPDATE SET value=excluded.value, "
            "source=excluded.source"
        )
    elif on_conflict == OnConflict.KEEP:
        tail = " ON CONFLICT(kpi_id, period) DO NOTHING"
    else:
        tail = ""
    source = "'" + plan.path.name.replace("'", "''") + "'"  # an SQL literal: binding it
    # a million times costs a tenth of a second
    try:
        insert_many(  # 200 rows per statement: twice as fast as one executemany row each
            raw,
            "INSERT INTO measurement(kpi_id, period, value, note, source) VALUES ",
            f"(?, ?, ?, '', {source})",
            [kid.tolist(), list(map(_IsoDates().__getitem__, period.tolist())), value.tolist()],
            tail,
        )
    except sqlite3.OperationalError as exc:  # disk full, I/O error: nothing was written
        raise WorkspaceError(plan.workspace, f"the values could not be written ({exc})") from exc
    if on_conflict == OnConflict.KEEP:
        return n - n_clash, 0, n_clash
    return n - n_clash, n_clash, 0


def _stored_keys(raw: Any, plan: ImportPlan, ids: np.ndarray, period: np.ndarray) -> np.ndarray:
    """(KPI id, day) keys of the values already stored for the plan's matched KPIs within
    the plan's dates (new KPIs have none)."""
    matched = sorted(
        {
            int(kid)
            for kid, was in zip(ids.tolist(), plan._entries.kpi_ids, strict=True)
            if was is not None
        }
    )
    if not matched:
        return np.zeros(0, dtype=np.int64)
    low = dt.date.fromordinal(int(period.min())).isoformat()
    high = dt.date.fromordinal(int(period.max())).isoformat()
    found: list[int] = []
    for chunk in _chunks(matched, 500):
        marks = ",".join("?" * len(chunk))
        cur = raw.execute(
            f"SELECT kpi_id, period FROM measurement WHERE kpi_id IN ({marks}) "
            "AND period BETWEEN ? AND ?",
            (*chunk, low, high),
        )
        found.extend((kid << _SHIFT) | dt.date.fromisoformat(p).toordinal() for kid, p in cur)
    return np.array(found, dtype=np.int64)

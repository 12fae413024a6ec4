"""Reading an imported file (CSV or XLSX) into an :class:`ImportTable`: the cells column by
column, read once. Plans are made from the table (:func:`kpi_desktop.services.importing.file_import.
plan_table`), again with other options without reading the file again.

Also the first look the import wizard takes at a file: its sheets and its column names.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from kpi_desktop.services.gc_pause import no_cycle_collection
from kpi_desktop.services.importing.cells import all_blank, blank, is_date, is_number, letter
from kpi_desktop.services.importing.problems import ImportFileError
from kpi_desktop.services.naming import normalise

_XLSX_MAGIC = b"PK\x03\x04"
_HEAD_BYTES = 65536  # what the first look at a CSV file reads
#: The largest file an import reads (a million-row CSV is about 30 MB).
MAX_IMPORT_BYTES = 512 * 1024 * 1024
#: The most columns a table may have: Excel's limit.
MAX_COLUMNS = 16_384
#: The longest CSV line read: room for MAX_COLUMNS cells of 60 characters.
MAX_LINE_BYTES = 1024 * 1024


@dataclass(eq=False)
class ImportTable:
    """A file's cells, column by column (CSV cells are text; XLSX cells may be numbers,
    dates or None). `facts` keeps what planning found out about the columns (what they
    hold, their dates and numbers) for the next plan made from the same table."""

    header: list[str]  # column labels: the header text, or the column letter when blank
    named: list[bool]  # whether the header cell had text
    columns: list[Sequence[Any]]  # cells per column, one per data row
    first_row: int  # spreadsheet row number of data row 0
    n: int  # data rows
    typed: bool  # cells may be numbers/dates/None (XLSX), not only text
    facts: dict[Hashable, Any] = field(default_factory=dict)


# -- reading the whole file -----------------------------------------------------------------


def read_table(path: Path, sheet: str | None = None) -> ImportTable:
    """Read a CSV or XLSX file (the sheet named, else the first) into columns of cells."""
    with no_cycle_collection():
        return _read(path, sheet)


def _read(path: Path, sheet: str | None) -> ImportTable:
    if not path.exists():
        raise ImportFileError(path, "no such file")
    if path.is_dir():
        raise ImportFileError(path, "this is a folder, not a file")
    if not path.is_file():  # a pipe or a device would block or never end
        raise ImportFileError(path, "this is not a regular file (a pipe or a device)")
    size = path.stat().st_size
    if size > MAX_IMPORT_BYTES:
        raise ImportFileError(
            path,
            f"the file is {size / 2**20:,.0f} MB; at most {MAX_IMPORT_BYTES // 2**20} MB can "
            "be imported at once: split it into several files",
        )
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
    if head.startswith(_XLSX_MAGIC):
        return _read_xlsx(path, sheet)
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


def _read_csv(path: Path) -> ImportTable:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(path, f"the file cannot be read ({exc.strerror or exc})") from exc
    _check_line_lengths(path, data)
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


def _check_line_lengths(path: Path, data: bytes) -> None:
    """Refuse a line too long to be a table row before it is split into cells (a two-line
    file of 100 MB would otherwise become 25 million cells). Probes one window of half the
    limit after another for a line end (a few finds, not a pass over every line); only a
    window without one is measured."""
    window = MAX_LINE_BYTES // 2
    n = len(data)
    for pos in range(0, n, window):
        if data.find(b"\n", pos, pos + window) != -1:
            continue
        start = data.rfind(b"\n", 0, pos) + 1
        end = data.find(b"\n", pos)
        length = (n if end == -1 else end) - start
        if length > MAX_LINE_BYTES:
            line = data.count(b"\n", 0, start) + 1
            raise ImportFileError(
                path,
                f"line {line} is {length / 2**20:,.1f} MB long; a row can be at most "
                f"{MAX_LINE_BYTES // 2**20} MB (about {MAX_COLUMNS:,} columns)",
            )


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


UNSAFE_XML = (
    "the workbook contains unsafe XML (entity or DTD declarations, as used to attack "
    "programs) and was refused"
)


def _refuse_declarations(path: Path) -> None:
    """Refuse a workbook whose XML parts declare a DTD or entities, before any parser sees
    them: openpyxl parses some parts with defusedxml (which refuses them) and, when lxml is
    installed, others with lxml (which only leaves entities unexpanded). A declaration
    stands in the prolog, so the first 64 KB of each part are enough to look at."""
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if not name.endswith((".xml", ".rels")):
                    continue
                with archive.open(name) as part:
                    head = part.read(65536).upper()
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise ImportFileError(path, UNSAFE_XML)
    except ImportFileError:
        raise
    except Exception:  # noqa: BLE001 - not a readable zip: openpyxl says what is wrong with it
        return


def _read_xlsx(path: Path, sheet_name: str | None) -> ImportTable:
    import openpyxl  # here: it costs time to import and only XLSX needs it

    _refuse_declarations(path)
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
        if sheet_name is None:
            sheet = sheets[0]
        else:
            by_exact = {s.title: s for s in sheets}
            by_norm = {normalise(s.title): s for s in sheets}
            found = by_exact.get(sheet_name) or by_norm.get(normalise(sheet_name))
            if found is None:
                listed = ", ".join(f"'{s.title}'" for s in sheets)
                raise ImportFileError(
                    path, f"no sheet named '{sheet_name}'; the sheets are: {listed}"
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
            return UNSAFE_XML
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, zipfile.BadZipFile):
        return "this is not a valid Excel workbook (.xlsx): the file is damaged"
    return f"this is not a valid Excel workbook (.xlsx) ({name}: {exc})"


def _table_from_rows(path: Path, rows: Sequence[Sequence[Any]], *, typed: bool) -> ImportTable:
    start = next((i for i, r in enumerate(rows) if any(not blank(c) for c in r)), None)
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
) -> ImportTable:
    if len(header) > MAX_COLUMNS:
        raise ImportFileError(
            path, f"the table has {len(header):,} columns; at most {MAX_COLUMNS:,} can be read"
        )
    labels = [h.strip() for h in header]
    # Columns without a header and without data (formatting in a sheet) are no columns.
    keep = [j for j in range(len(labels)) if labels[j] or not all_blank(columns[j])]
    named_cols = [bool(labels[j]) for j in keep]
    labels = [labels[j] or letter(j) for j in keep]
    columns = [columns[j] for j in keep]
    n = len(columns[0]) if columns else 0
    named = [h for h in header if h.strip()]
    if named and all(is_number(h) or is_date(h) for h in named):
        raise ImportFileError(
            path,
            f"the first row holds data ('{named[0].strip()}'), not column names; add a "
            "header row that names the columns (the date and the KPIs)",
        )
    if n == 0 or all(all_blank(c) for c in columns):
        raise ImportFileError(path, "the file has a header row but no data below it")
    return ImportTable(labels, named_cols, columns, first_row, n, typed)


# -- the first look: sheets and column names ------------------------------------------------


def is_workbook(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == _XLSX_MAGIC
    except OSError:
        return False


def sheet_names(path: Path) -> list[str]:
    """The worksheets of an XLSX file, in workbook order."""
    workbook = _open_workbook(path)
    try:
        return [sheet.title for sheet in workbook.worksheets]
    finally:
        workbook.close()


def column_names(path: Path, sheet: str | None = None) -> list[str]:
    """The column labels of a file's header row (the first row with text), as the importer
    names them: the header text, or the column letter when the header cell is blank. Reads
    only the start of the file."""
    if not path.is_file():
        raise ImportFileError(path, "no such file" if not path.exists() else "this is not a file")
    workbook = is_workbook(path)
    cells = _xlsx_header(path, sheet) if workbook else _csv_header(path)
    while cells and not cells[-1]:
        cells.pop()
    if not cells:
        raise ImportFileError(
            path,
            f"the sheet '{sheet}' is empty; choose another sheet"
            if workbook and sheet
            else "the file has no data (every cell is blank)",
        )
    return [cell or letter(j) for j, cell in enumerate(cells)]


def _open_workbook(path: Path) -> Any:
    import openpyxl  # only XLSX needs it, and it costs time to import

    _refuse_declarations(path)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a third-party parser on any file: every failure is the file's
        raise ImportFileError(path, f"this is not a valid Excel workbook ({exc})") from exc


def _xlsx_header(path: Path, sheet: str | None) -> list[str]:
    workbook = _open_workbook(path)
    try:
        sheets = workbook.worksheets
        chosen = next((s for s in sheets if s.title == sheet), sheets[0] if sheets else None)
        if chosen is None:
            raise ImportFileError(path, "the workbook has no worksheet")
        for row in chosen.iter_rows(values_only=True):
            cells = ["" if c is None else str(c).strip() for c in row]
            if any(cells):
                return cells
        return []
    except ImportFileError:
        raise
    except Exception as exc:  # malformed sheet XML
        raise ImportFileError(path, f"this is not a valid Excel workbook ({exc})") from exc
    finally:
        workbook.close()


def _csv_header(path: Path) -> list[str]:
    try:
        with path.open("rb") as fh:
            data = fh.read(_HEAD_BYTES)
    except OSError as exc:
        raise ImportFileError(path, f"the file cannot be read ({exc.strerror or exc})") from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="ignore")
    else:
        if len(data) == _HEAD_BYTES and b"\n" in data:
            data = data[: data.rindex(b"\n")]  # no character cut in half at the end
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first = next((line for line in text.split("\n") if line.strip()), None)
    if first is None:
        return []
    header = next(csv.reader([first], delimiter=_sniff_delimiter(text)), [])
    return [cell.strip() for cell in header]

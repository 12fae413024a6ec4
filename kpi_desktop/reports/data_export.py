"""Export a workspace's data: an XLSX workbook or a CSV file that import back.

XLSX sheets, in this order:

* **Measurements**: every value in the long layout (Date, KPI, Value, Note, Source). It is
  the first sheet, so ``kpi-desktop import`` reads it back without ``--sheet``; importing it
  into a new workspace with ``--create-missing`` recreates the KPIs with the same values.
  A sheet holds at most 1,048,576 rows (Excel's limit; more makes a file Excel repairs by
  dropping rows), so a workspace with more values goes on in "Measurements (2)", and so on,
  each with the header row (import each with ``--sheet``).
* **KPIs**: every KPI's definition, every field (the goal first, then as ``KPI_FIELDS``).
* **Milestones**: the period targets (KPI, Date, Value).
* **Status**: every KPI's status on the as-of date, with the numbers behind it.
* **Notes**: the notes on the charts (annotations): KPI (empty: on every KPI), From, To
  (empty: on one date) and the note.
* **The table sheets**, one per table of the workspace, named as the table (``goal``,
  ``kpi``, ``milestone``, ``review``, ``review_entry``, ``action``, ``plan_revision``,
  ``annotation``, ``workspace_info``, ``change_log``...), a header row of its column names
  and one row per row, ids included: what ``kpi-desktop new WS --from FILE.xlsx`` (File >
  New from export) rebuilds the whole workspace from. Which tables and columns travel is
  read from the schema (services/exchange/tables.py), so a new table or column travels
  without new code. The values are not repeated there: they are rebuilt from the
  Measurements sheets by KPI name; only the values of KPIs whose name another KPI shares
  are in the ``measurement`` sheet, by id. Times are ISO text to the microsecond.

CSV: the Measurements sheet alone (UTF-8 with a byte-order mark, so spreadsheet programs
read the euro sign and accents right).

Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could run as a
formula when a spreadsheet opens the file ("CSV injection"). Numbers stay numbers; such
text is neutralised: in XLSX it is stored as text with Excel's quote prefix (the value
itself is unchanged and never evaluated); in CSV, which has no types, it gets a leading
apostrophe (``'=1+2``), as spreadsheet programs expect, which import drops again
(see domain/formula_text.py).

Every file is written under a temporary name beside the target and moved into place when
complete (:func:`atomic_output`): a failed or cancelled export leaves no partial file and
keeps the old. A ``progress(done, total, what)`` callback hears how many values are written
(every few thousand); returning False cancels (:class:`ExportCancelled`).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpi_desktop.domain.formula_text import could_run_as_formula, to_csv_text
from kpi_desktop.reports.chart_style import STATUS_COLORS
from kpi_desktop.reports.output_file import ExportError, atomic_output
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.exchange.names import kpis_sharing_a_name
from kpi_desktop.services.review.report_data import (
    KPI_COLUMNS,
    kpi_definitions,
    measurement_count,
    measurement_rows,
    milestone_rows,
)
from kpi_desktop.services.tracking.status import kpi_statuses

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

FORMATS = {".xlsx": "Excel workbook", ".csv": "CSV (long layout)"}
MEASUREMENT_HEADER = ("Date", "KPI", "Value", "Note", "Source")

#: Data rows per Measurements sheet: Excel's 1,048,576 rows, less the header.
XLSX_MAX_DATA_ROWS = 1_048_575
#: Values written between two calls of the progress callback.
PROGRESS_EVERY = 20_000

#: progress(done, total, what) -> go on? (False cancels the export)
Progress = Callable[[int, int, str], bool]


def measurement_sheet_title(number: int) -> str:
    """The title of the n-th (1-based) sheet of values."""
    return "Measurements" if number == 1 else f"Measurements ({number})"


def sheets_note(ws: Workspace) -> str:
    """For an XLSX export: a sentence when the values take more than one sheet, else ""."""
    count = measurement_count(ws)
    sheets = max(1, -(-count // XLSX_MAX_DATA_ROWS))
    if sheets == 1:
        return ""
    titles = ", ".join(f'"{measurement_sheet_title(n)}"' for n in range(1, sheets + 1))
    return (
        f"Its {count:,} values fill {sheets} sheets ({titles}): an Excel sheet ends at "
        f"{XLSX_MAX_DATA_ROWS + 1:,} rows. To import them back, import each sheet."
    )


class ExportCancelled(KpiDesktopError):
    """The user cancelled an export: nothing was written."""

    def __init__(self) -> None:
        super().__init__("The export was cancelled; nothing was written.")


def _counted(
    ws: Workspace, progress: Progress | None
) -> Iterator[tuple[dt.date, str, float, str, str]]:
    """`measurement_rows`, telling `progress` every PROGRESS_EVERY values."""
    if progress is None:
        yield from measurement_rows(ws)
        return
    total = measurement_count(ws)
    what = "Writing the values"
    if not progress(0, total, what):
        raise ExportCancelled
    for done, row in enumerate(measurement_rows(ws), start=1):
        yield row
        if done % PROGRESS_EVERY == 0 and not progress(done, total, what):
            raise ExportCancelled
    progress(total, total, what)


def export_data(
    ws: Workspace,
    path: Path | str,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the workspace's data to ``path``: XLSX or CSV by its suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return export_xlsx(ws, path, as_of, progress)
    if suffix == ".csv":
        return export_csv(ws, path, progress)
    shown = f"'{path.suffix}'" if path.suffix else "no suffix"
    raise ExportError(path, f"cannot export data as {shown}: name the file .xlsx or .csv")


def export_csv(ws: Workspace, path: Path | str, progress: Progress | None = None) -> Path:
    """Every value in the long layout (Date, KPI, Value, Note, Source), one CSV file."""
    path = Path(path)
    with (
        atomic_output(path, protect=(ws.path,)) as partial,
        partial.open("w", encoding="utf-8-sig", newline="") as fh,
    ):
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(MEASUREMENT_HEADER)
        for period, kpi, value, note, source in _counted(ws, progress):
            writer.writerow(
                (
                    period.isoformat(),
                    to_csv_text(kpi),
                    _number_text(value),
                    to_csv_text(note),
                    to_csv_text(source),
                )
            )
    return path


def _number_text(value: float) -> str:
    """The shortest text that reads back as exactly this number (no trailing ".0")."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


# -- XLSX -----------------------------------------------------------------------------------

_DATE_FORMAT = "yyyy-mm-dd"
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_HEADER_FILL = "#F2F2F2"
_MEASUREMENT_WIDTHS = (12, 32, 14, 40, 18)
#: Excel's day 0 (dates are days since 1899-12-30 in its 1900 date system).
_EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()

#: Column titles of the KPI definitions, by field (the others: the field, in words).
_KPI_TITLES = {
    "goal": "Goal",
    "name": "KPI",
    "unit_kind": "Unit kind",
    "range_low": "Range low",
    "range_high": "Range high",
    "baseline_value": "Baseline value",
    "baseline_date": "Baseline date",
    "target_value": "Target value",
    "target_date": "Target date",
    "data_source": "Data source",
    "key_question": "Key question",
    "currency_symbol": "Currency symbol",
    "review_date": "Review date",
    "created_at": "Created (UTC)",
    "updated_at": "Updated (UTC)",
}

_STATUS_HEADER = (
    "As of",
    "Goal",
    "KPI",
    "Status",
    "Latest value",
    "Latest period",
    "Unit",
    "Target",
    "Target date",
    "Expected now",
    "Progress",
    "Forecast at target date",
)


def export_xlsx(
    ws: Workspace,
    path: Path | str,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
) -> Path:
    """The workbook: Measurements, KPIs, Milestones, Status, Notes and the table sheets
    (see the module notes), streamed row by row (xlsxwriter's constant-memory mode)."""
    path = Path(path)
    as_of = as_of or dt.date.today()
    with atomic_output(path, protect=(ws.path,)) as partial:
        book = _Book(partial)
        _measurement_sheets(book, _counted(ws, progress))
        _summary_sheets(book, ws, as_of)
        _table_sheets(book, ws)
        book.close()
    return path


def _summary_sheets(book: _Book, ws: Workspace, as_of: dt.date) -> None:
    """KPIs, Milestones, Status and Notes: the plan as people read it."""
    titles = [_KPI_TITLES.get(c, c.replace("_", " ").capitalize()) for c in KPI_COLUMNS]
    widths = [
        28 if c in ("goal", "name") else 40 if c == "description" else 14 for c in KPI_COLUMNS
    ]
    sheet = book.sheet("KPIs", titles, widths)
    for row in kpi_definitions(ws):
        sheet.row([row[c] for c in KPI_COLUMNS])

    sheet = book.sheet("Milestones", ("KPI", "Date", "Value"), (32, 12, 14))
    for kpi, when, value in milestone_rows(ws):
        sheet.row([kpi, when, value])

    sheet = book.sheet("Status", _STATUS_HEADER, (12, 28, 32, 12, 14, 13, 12, 14, 12, 14, 10, 14))
    for st in kpi_statuses(ws, as_of):
        target = st.target_text() if st.direction == "range" else st.target
        sheet.row(
            [
                as_of,
                st.goal,
                st.kpi,
                book.status_cell(st.status),
                st.latest_value,
                st.latest_date,
                st.unit,
                target,
                st.target_date,
                st.expected,
                _Styled(st.progress, "percent"),
                st.forecast,
            ]
        )

    sheet = book.sheet("Notes", ("KPI", "From", "To", "Note"), (32, 12, 12, 60))
    names = {k.id: k.name for k in ws.kpis.list()}
    for note in ws.annotations.list():
        kpi = names.get(note.kpi_id, "") if note.kpi_id is not None else ""
        sheet.row([kpi, note.start, note.end, note.text])


def _table_sheets(book: _Book, ws: Workspace) -> None:
    """One sheet per table, named as the table, its columns named as in the table: what
    ``kpi-desktop new WS --from FILE`` rebuilds a workspace from (services/exchange)."""
    from kpi_desktop.services.exchange.tables import MEASUREMENT_TABLE, exchange_tables, table_rows

    same_name = kpis_sharing_a_name(ws)
    for spec in exchange_tables():
        sheet = book.sheet(spec.name, spec.columns, [14] * len(spec.columns), exact=True)
        if spec.name == MEASUREMENT_TABLE:  # the values are on the Measurements sheets,
            if not same_name:  # by KPI name: here only those whose name is not unique
                continue
            rows = table_rows(ws, spec, spec.table.c.kpi_id.in_(sorted(same_name)))
        else:
            rows = table_rows(ws, spec)
        for row in rows:
            sheet.row(row)


def _measurement_sheets(book: _Book, rows: Iterable[tuple[dt.date, str, float, str, str]]) -> None:
    """The Measurements sheet, continued on "Measurements (2)"... past Excel's last row."""
    sheets = 0
    rows_left = 0
    sheet: Any = None
    write_number = write_string = None
    date_format = book.formats["date"]
    quoted = book.formats["quoted"]
    r = 0
    for period, kpi, value, note, source in rows:
        if rows_left == 0:  # the first value, or the sheet is full: go on in the next
            sheets += 1
            title = measurement_sheet_title(sheets)
            sheet = book.sheet(title, MEASUREMENT_HEADER, _MEASUREMENT_WIDTHS).raw
            write_number, write_string = sheet.write_number, sheet.write_string
            rows_left = XLSX_MAX_DATA_ROWS
            r = 0
        rows_left -= 1
        r += 1
        assert write_number is not None and write_string is not None
        write_number(r, 0, period.toordinal() - _EXCEL_EPOCH, date_format)
        write_string(r, 1, kpi, quoted if could_run_as_formula(kpi) else None)
        write_number(r, 2, value)
        if note:
            write_string(r, 3, note, quoted if could_run_as_formula(note) else None)
        if source:
            write_string(r, 4, source, quoted if could_run_as_formula(source) else None)
    if sheets == 0:  # no values yet: the sheet with its header
        book.sheet("Measurements", MEASUREMENT_HEADER, _MEASUREMENT_WIDTHS)


class _Styled:
    """A value with one of the book's named formats."""

    __slots__ = ("format", "value")

    def __init__(self, value: Any, format_name: str) -> None:
        self.value = value
        self.format = format_name


class _Book:
    """An xlsxwriter workbook written row by row (constant memory), with the few formats
    the export uses. Numbers are written with every digit a float needs (xlsxwriter's 16
    significant digits lose the last bit of some), text that a spreadsheet could run as a
    formula is stored as text with the quote prefix."""

    def __init__(self, path: Path) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(
            str(path),
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        add = self.book.add_format
        self.formats = {
            "header": add({"bold": True, "bg_color": _HEADER_FILL}),
            "date": add({"num_format": _DATE_FORMAT}),
            "datetime": add({"num_format": _DATETIME_FORMAT}),
            "percent": add({"num_format": "0%"}),
            "quoted": add({"quote_prefix": True}),
        }
        for status, color in STATUS_COLORS.items():
            tint = _tint(color.lstrip("#"), 0.15)
            self.formats[f"status-{status.value}"] = add(
                {"bold": True, "font_color": color, "bg_color": f"#{tint}"}
            )

    def sheet(
        self, title: str, header: Iterable[str], widths: Iterable[int], *, exact: bool = False
    ) -> _Sheet:
        raw = self.book.add_worksheet(title)
        raw._xml_number_element = _exact_number_element.__get__(raw)  # every digit kept
        for i, width in enumerate(widths):
            raw.set_column(i, i, width)
        raw.freeze_panes(1, 0)
        for i, text in enumerate(header):
            raw.write_string(0, i, text, self.formats["header"])
        return _Sheet(self, raw, exact)

    def status_cell(self, status: Any) -> _Styled:
        return _Styled(status.label, f"status-{status.value}")

    def close(self) -> None:
        from xlsxwriter.exceptions import FileCreateError

        try:
            self.book.close()
        except FileCreateError as exc:  # its OSError (disk full, no permission) inside
            cause = exc.args[0] if exc.args else exc
            raise cause if isinstance(cause, OSError) else OSError(str(cause)) from exc


class _Sheet:
    """Rows appended to one worksheet; ``exact`` (the table sheets) writes times as ISO
    text, to the microsecond, instead of Excel times (to the millisecond)."""

    def __init__(self, book: _Book, raw: Any, exact: bool) -> None:
        self.book, self.raw, self.exact = book, raw, exact
        self.next_row = 1

    def row(self, values: Iterable[Any]) -> None:
        r = self.next_row
        self.next_row += 1
        for c, value in enumerate(values):
            self._cell(r, c, value)

    def _cell(self, r: int, c: int, value: Any) -> None:
        raw, formats = self.raw, self.book.formats
        fmt = None
        if isinstance(value, _Styled):
            value, fmt = value.value, formats[value.format]
        if value is None or value == "":
            return
        if isinstance(value, bool):
            raw.write_boolean(r, c, value, fmt)
        elif isinstance(value, int | float):
            raw.write_number(r, c, value, fmt)
        elif isinstance(value, dt.datetime):
            naive = value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
            if self.exact:
                raw.write_string(r, c, naive.isoformat(sep=" "))
            else:
                raw.write_datetime(r, c, naive, formats["datetime"])
        elif isinstance(value, dt.date):
            raw.write_number(r, c, value.toordinal() - _EXCEL_EPOCH, formats["date"])
        else:
            text = str(value)
            raw.write_string(r, c, text, formats["quoted"] if could_run_as_formula(text) else fmt)


def _exact_number_element(self: Any, number: float, attributes: Any = ()) -> None:
    """xlsxwriter's number cell, with the shortest text that reads back as this float."""
    attr = "".join(f' {key}="{self._escape_attributes(value)}"' for key, value in attributes)
    self.fh.write(f"<c{attr}><v>{float(number)!r}</v></c>")


def _tint(hex_rgb: str, strength: float) -> str:
    """The colour mixed with white (``strength`` of the colour)."""
    channels = [int(hex_rgb[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(255 - (255 - c) * strength) for c in channels]
    return "".join(f"{c:02X}" for c in mixed)

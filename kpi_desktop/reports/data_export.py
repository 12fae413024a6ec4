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
_HEADER_FILL = "F2F2F2"
_MEASUREMENT_WIDTHS = (12, 32, 14, 40, 18)

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
    """The workbook: Measurements, KPIs, Milestones, Status and Notes (see the module
    notes)."""
    from openpyxl import Workbook

    path = Path(path)
    as_of = as_of or dt.date.today()
    book = Workbook(write_only=True)

    try:
        _measurement_sheets(book, _counted(ws, progress))
    except ExportCancelled:
        for sheet in book.worksheets:  # finish their temporary files; nothing is saved
            sheet.close()
        raise

    titles = [_KPI_TITLES.get(c, c.replace("_", " ").capitalize()) for c in KPI_COLUMNS]
    widths = [
        28 if c in ("goal", "name") else 40 if c == "description" else 14 for c in KPI_COLUMNS
    ]
    sheet = _sheet(book, "KPIs", titles, widths)
    for row in kpi_definitions(ws):
        sheet.append([_cell(sheet, row[c]) for c in KPI_COLUMNS])

    sheet = _sheet(book, "Milestones", ("KPI", "Date", "Value"), (32, 12, 14))
    for kpi, when, value in milestone_rows(ws):
        sheet.append([_text(sheet, kpi), _date_cell(sheet, when), value])

    sheet = _sheet(book, "Status", _STATUS_HEADER, (12, 28, 32, 12, 14, 13, 12, 14, 12, 14, 10, 14))
    for st in kpi_statuses(ws, as_of):
        target = st.target_text() if st.direction == "range" else st.target
        sheet.append(
            [
                _date_cell(sheet, as_of),
                _text(sheet, st.goal),
                _text(sheet, st.kpi),
                _status_cell(sheet, st.status),
                st.latest_value,
                _date_cell(sheet, st.latest_date),
                _text(sheet, st.unit),
                _cell(sheet, target),
                _date_cell(sheet, st.target_date),
                st.expected,
                _percent_cell(sheet, st.progress),
                st.forecast,
            ]
        )

    sheet = _sheet(book, "Notes", ("KPI", "From", "To", "Note"), (32, 12, 12, 60))
    names = {k.id: k.name for k in ws.kpis.list()}
    for note in ws.annotations.list():
        sheet.append(
            [
                _text(sheet, names.get(note.kpi_id, "") if note.kpi_id is not None else ""),
                _date_cell(sheet, note.start),
                _date_cell(sheet, note.end),
                _text(sheet, note.text),
            ]
        )

    with atomic_output(path, protect=(ws.path,)) as partial:
        book.save(partial)
    return path


def _measurement_sheets(book: Any, rows: Iterable[tuple[dt.date, str, float, str, str]]) -> None:
    """The Measurements sheet, continued on "Measurements (2)"... past Excel's last row."""
    sheets = 0
    rows_left = 0
    sheet: Any = None
    for period, kpi, value, note, source in rows:
        if rows_left == 0:  # the first value, or the sheet is full: go on in the next
            sheets += 1
            title = measurement_sheet_title(sheets)
            sheet = _sheet(book, title, MEASUREMENT_HEADER, _MEASUREMENT_WIDTHS)
            rows_left = XLSX_MAX_DATA_ROWS
        rows_left -= 1
        sheet.append(
            [
                _date_cell(sheet, period),
                _text(sheet, kpi),
                value,
                _text(sheet, note),
                _text(sheet, source),
            ]
        )
    if sheets == 0:  # no values yet: the sheet with its header
        _sheet(book, "Measurements", MEASUREMENT_HEADER, _MEASUREMENT_WIDTHS)


def _sheet(book: Any, title: str, header: Iterable[str], widths: Iterable[int]) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    cells = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        cells.append(cell)
    sheet.append(cells)
    return sheet


def _text(sheet: Any, value: str | None) -> Any:
    """A text cell; one a spreadsheet could run as a formula is stored as plain text with
    the quote prefix (the value is kept as it is)."""
    if not value or not could_run_as_formula(value):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _date_cell(sheet: Any, value: dt.date | None) -> Any:
    if value is None:
        return None
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = _DATE_FORMAT
    return cell


def _percent_cell(sheet: Any, value: float | None) -> Any:
    if value is None:
        return None
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = "0%"
    return cell


def _status_cell(sheet: Any, status: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    color = STATUS_COLORS[status].lstrip("#")
    cell = WriteOnlyCell(sheet, value=status.label)
    cell.font = Font(bold=True, color=color)
    cell.fill = PatternFill("solid", fgColor=_tint(color, 0.15))
    return cell


def _tint(hex_rgb: str, strength: float) -> str:
    """The colour mixed with white (``strength`` of the colour)."""
    channels = [int(hex_rgb[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(255 - (255 - c) * strength) for c in channels]
    return "".join(f"{c:02X}" for c in mixed)


def _cell(sheet: Any, value: Any) -> Any:
    """A cell for any KPI field: text neutralised, dates formatted, times without zone."""
    if isinstance(value, str):
        return _text(sheet, value)
    if isinstance(value, dt.datetime):
        from openpyxl.cell import WriteOnlyCell

        naive = value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
        cell = WriteOnlyCell(sheet, value=naive)
        cell.number_format = _DATETIME_FORMAT
        return cell
    if isinstance(value, dt.date):
        return _date_cell(sheet, value)
    return value

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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kpi_desktop.domain.formula_text import to_csv_text
from kpi_desktop.reports.output_file import ExportError, atomic_output
from kpi_desktop.reports.workbook.book import Book, Styled
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
    """The workbook: Measurements, KPIs, Milestones, Status, Notes and the table sheets
    (see the module notes), streamed row by row (xlsxwriter's constant-memory mode)."""
    from kpi_desktop.reports.workbook.book import Book
    from kpi_desktop.reports.workbook.values_sheets import add_values_sheet, fill

    path = Path(path)
    as_of = as_of or dt.date.today()
    total = measurement_count(ws)
    sizes = [XLSX_MAX_DATA_ROWS] * max(1, -(-total // XLSX_MAX_DATA_ROWS))
    sizes[-1] = total - XLSX_MAX_DATA_ROWS * (len(sizes) - 1)
    with atomic_output(path, protect=(ws.path,)) as partial:
        made = partial.with_name(partial.name + ".parts")
        try:
            book = Book(made)
            sheets = [
                add_values_sheet(
                    book, measurement_sheet_title(n), MEASUREMENT_HEADER, _MEASUREMENT_WIDTHS
                )
                for n in range(1, len(sizes) + 1)
            ]
            _summary_sheets(book, ws, as_of)
            _table_sheets(book, ws)
            book.close()
            fill(made, partial, sheets, _counted(ws, progress), sizes)
        finally:
            made.unlink(missing_ok=True)
    return path


def _summary_sheets(book: Book, ws: Workspace, as_of: dt.date) -> None:
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
                Styled(st.progress, "percent"),
                st.forecast,
            ]
        )

    sheet = book.sheet("Notes", ("KPI", "From", "To", "Note"), (32, 12, 12, 60))
    names = {k.id: k.name for k in ws.kpis.list()}
    for note in ws.annotations.list():
        kpi = names.get(note.kpi_id, "") if note.kpi_id is not None else ""
        sheet.row([kpi, note.start, note.end, note.text])


def _table_sheets(book: Book, ws: Workspace) -> None:
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

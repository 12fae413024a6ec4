"""Import measured values from CSV and XLSX files: read, check everything, then write or not.

Two steps, so that the GUI can show a preview before anything is written:
:func:`plan_import` reads and checks the file and returns an :class:`ImportPlan` (nothing
is written); :func:`apply_import` writes a plan in one transaction. :func:`import_file` does
both. A file with any bad row imports nothing: :class:`ImportFailed` lists every problem.
:class:`FileImport` reads a file once and plans it again for each choice of options (the
GUI's Mapping page), remembering the plans it made.

The work is split by step: reading files into a table (``import_reading``), what columns
hold (``import_columns``), dates and numbers (``import_parsing``), periods (``import_periods``),
the plan (``import_planner``), problems (``import_problems``), writing (``import_writing``).

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

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.importing.plan import (
    ImportOptions,
    ImportPlan,
    ImportResult,
    KnownKpi,
    checked_options,
    workspace_kpis,
)
from kpi_desktop.services.importing.planner import Planner
from kpi_desktop.services.importing.problems import (
    AmbiguousDates,
    ImportFailed,
    ImportFileError,
    RowProblem,
)
from kpi_desktop.services.importing.reading import ImportTable, read_table
from kpi_desktop.services.importing.writing import apply_import, stored_values
from kpi_desktop.services.planning.workspace_settings import fiscal_year
from kpi_desktop.services.tracking.measurements import OnConflict

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

__all__ = [
    "AmbiguousDates",
    "FileImport",
    "ImportFailed",
    "ImportFileError",
    "ImportOptions",
    "ImportPlan",
    "ImportResult",
    "ImportTable",
    "RowProblem",
    "apply_import",
    "import_file",
    "plan_import",
    "plan_table",
    "read_table",
    "stored_values",
]


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
    options = checked_options(options or ImportOptions())
    path = Path(path)
    return plan_table(ws, path, read_table(path, options.sheet), options)


def plan_table(ws: Workspace, path: Path, table: ImportTable, options: ImportOptions) -> ImportPlan:
    """What importing `table` (read from `path`) with `options` would do; as plan_import,
    without reading the file again."""
    options = checked_options(options)
    return Planner(path, options, table, workspace_kpis(ws), ws.path, fiscal_year(ws)).plan()


_Remembered = tuple[tuple[Any, ...], dict[str, list[KnownKpi]], ImportPlan | KpiDesktopError]


class FileImport:
    """A file to import, read once and planned for each choice of options (the wizard's
    Mapping page tries several, and plans again as the user changes them).

    The file is read again only when it changed on disk (size or time). The plan, or the
    error, for options tried lately is remembered while the workspace's KPIs stay the
    same: going back to earlier options plans nothing again.
    """

    REMEMBERED = 4  # plans kept (a plan of a million values holds some 40 MB)

    def __init__(self, ws: Workspace, path: Path | str, sheet: str | None = None) -> None:
        self.workspace = ws
        self.path = Path(path)
        self.sheet = sheet
        self._table: ImportTable | None = None
        self._stamp: tuple[int, int] | None = None
        self._plans: list[_Remembered] = []

    def table(self) -> ImportTable:
        """The file's table, read now if it was not read yet or changed since."""
        stamp = _stamp(self.path)
        if self._table is None or stamp is None or stamp != self._stamp:
            self._table, self._plans = None, []
            self._table = read_table(self.path, self.sheet)
            self._stamp = stamp
        return self._table

    def plan(self, options: ImportOptions) -> ImportPlan:
        """As :func:`plan_import` with `options` (their sheet is this file's sheet)."""
        options = checked_options(dataclasses.replace(options, sheet=self.sheet))
        table = self.table()
        known = workspace_kpis(self.workspace)
        fiscal = fiscal_year(self.workspace)
        key = (*dataclasses.astuple(options), fiscal.start_month)
        found = next((f for k, kpis, f in self._plans if k == key and kpis == known), None)
        if found is None:
            try:
                found = Planner(
                    self.path, options, table, known, self.workspace.path, fiscal
                ).plan()
            except KpiDesktopError as exc:
                found = exc
            self._plans = [(key, known, found), *self._plans][: self.REMEMBERED]
        if isinstance(found, KpiDesktopError):
            raise found
        return found


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns

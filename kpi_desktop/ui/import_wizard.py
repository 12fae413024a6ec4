"""ImportWizard: File > Mapping > Preview > Result, for measured values in CSV or XLSX files.

The services do the reading and checking (:func:`plan_import`) and the writing
(:func:`apply_import`); the wizard shows what they found and asks what they cannot know:
the layout when detection guessed wrong, the columns of a long file, whether to create
missing KPIs, how to read dates like 03/04/2024, and whether values already stored for a
period are replaced or kept. Nothing is written before Import on the Preview page (a
commit page), which pushes ONE undo step, :class:`ImportValues`. Cancel writes nothing.
A file with bad rows lists every one of them and cannot be imported.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from kpi_desktop.domain.periods import period_label
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services import snapshots
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.importing import (
    AmbiguousDates,
    ImportFailed,
    ImportFileError,
    ImportOptions,
    ImportPlan,
    ImportResult,
    RowProblem,
    apply_import,
    plan_import,
)
from kpi_desktop.services.measurements import OnConflict
from kpi_desktop.services.workspace import Workspace
from kpi_desktop.store.tables import Measurement
from kpi_desktop.ui.commands import EditCommand
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.form_fields import (
    INVALID_FIELD_STYLE,
    ChoiceButtons,
    FieldMessage,
    WrappedLabel,
    format_number,
    hint_label,
    make_form,
)
from kpi_desktop.ui.prompts import Prompts

FILE, MAPPING, PREVIEW, RESULT = range(4)
PREVIEW_ROWS = 20
FILE_FILTERS = (
    "Spreadsheets (*.csv *.xlsx *.txt *.tsv);;CSV (*.csv *.txt *.tsv);;"
    "Excel workbooks (*.xlsx);;All files (*)"
)
DEFAULT_GOAL = "Imported"
_XLSX_MAGIC = b"PK\x03\x04"
_HEAD_BYTES = 65536

Key = tuple[int, dt.date]  # (KPI id, period start)


# -- reading what the file offers (names only; the services read the data) -----------------


def is_workbook(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == _XLSX_MAGIC
    except OSError:
        return False


def sheet_names(path: Path) -> list[str]:
    """The worksheets of an XLSX file, in workbook order."""
    import openpyxl  # only XLSX needs it, and it costs time to import

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a third-party parser on any file: every failure is the file's
        raise ImportFileError(path, f"this is not a valid Excel workbook ({exc})") from exc
    try:
        return [sheet.title for sheet in workbook.worksheets]
    finally:
        workbook.close()


def column_names(path: Path, sheet: str | None = None) -> list[str]:
    """The column labels of a file's header row (the first row with text), as the importer
    names them: the header text, or the column letter when the header cell is blank."""
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
    return [cell or _letter(j) for j, cell in enumerate(cells)]


def _xlsx_header(path: Path, sheet: str | None) -> list[str]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # as above
        raise ImportFileError(path, f"this is not a valid Excel workbook ({exc})") from exc
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
    lines = [
        line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()
    ][:50]
    if not lines:
        return []
    best, best_score = ",", (0.0, 0)
    for delimiter in (",", ";", "\t"):  # the importer's rule: most columns, most often
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        if counts and counts[0] >= 2:
            score = (sum(c == counts[0] for c in counts) / len(counts), counts[0])
            if score > best_score:
                best, best_score = delimiter, score
    header = next(csv.reader(lines[:1], delimiter=best), [])
    return [cell.strip() for cell in header]


def _letter(j: int) -> str:
    name, j = "", j + 1
    while j:
        j, rem = divmod(j - 1, 26)
        name = chr(65 + rem) + name
    return name


def count(n: int, word: str) -> str:
    """ "1 value", "2,760 values"."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _some(names: Sequence[str], shown: int = 3) -> str:
    return ", ".join(names[:shown]) + (", …" if len(names) > shown else "")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def problem_text(exc: KpiDesktopError) -> str:
    """An error as a sentence for the page (without the file's path in front)."""
    if isinstance(exc, AmbiguousDates):
        return (
            f"The dates in column '{exc.column}' can be read day first or month first "
            f"(rows {', '.join(map(str, exc.rows[:5]))}"
            f"{' and more' if len(exc.rows) > 5 else ''}). Choose how to read them."
        )
    if isinstance(exc, ImportFailed):
        return (
            f"The file has {count(len(exc.problems), 'bad row')}: nothing can be imported "
            "until they are fixed. The next page lists every one."
        )
    text = exc.reason if isinstance(exc, ImportFileError) else exc.message
    return _sentence(text).rstrip(".") + "."


# -- what is stored where the plan writes ---------------------------------------------------


def matched_kpi_ids(ws: Workspace, plan: ImportPlan) -> dict[str, int]:
    """Name -> id of the workspace KPIs the plan gives values to."""
    wanted = set(plan.kpis_matched)
    return {k.name: k.id for k in ws.kpis.list() if k.name in wanted and k.id is not None}


def stored_values(ws: Workspace, plan: ImportPlan) -> dict[Key, Measurement]:
    """The values stored now for the (KPI, period) pairs the plan writes (read only)."""
    ids = matched_kpi_ids(ws, plan)
    periods: dict[str, set[dt.date]] = {}
    for name, period, _value, _row in plan.values:
        if name in ids:
            periods.setdefault(name, set()).add(period)
    found: dict[Key, Measurement] = {}
    for name, wanted in periods.items():
        kpi_id = ids[name]
        for row in ws.measurements.list(kpi_id, start=min(wanted), end=max(wanted)):
            if row.period in wanted:
                found[(kpi_id, row.period)] = row
    return found


# -- the undo step --------------------------------------------------------------------------


class ImportValues(EditCommand):
    """Import a plan as one undo step.

    The first run writes the plan with :func:`apply_import` and records what it changed:
    which values it added to KPIs that existed, which stored values it replaced (and what
    they were), and the KPIs and goal it created. Undo puts the replaced values back,
    deletes the added ones and deletes what was created (keeping snapshots); redo restores
    the snapshots (same ids) and writes the values again. Values are written set-based
    (``write_many``), as the import itself is.
    """

    def __init__(
        self, doc: Document, plan: ImportPlan, on_conflict: OnConflict = OnConflict.ERROR
    ) -> None:
        super().__init__(doc, f'Import "{plan.path.name}"')
        self.plan = plan
        self.on_conflict = OnConflict(on_conflict)
        self.result: ImportResult | None = None
        self.created_kpi_ids: list[int] = []
        self.created_goal_ids: list[int] = []
        self.matched_ids: list[int] = []
        # (KPI, period, value) the import added to KPIs that existed
        self._added: list[tuple[int, dt.date, float]] = []
        # (KPI, period, new value) -> the stored (value, source) it replaced
        self._replaced: dict[tuple[int, dt.date, float], tuple[float, str]] = {}
        self._snapshots: list[snapshots.Snapshot] = []
        self._applied = False

    def apply(self) -> None:
        ws = self.doc.workspace
        if self.result is not None:
            self._reapply(ws)
        else:
            self._first_run(ws)
        self._applied = True

    def _first_run(self, ws: Workspace) -> None:
        before = stored_values(ws, self.plan)
        ids = matched_kpi_ids(ws, self.plan)
        goals_before = {g.id for g in ws.goals.list()}
        kpis_before = {k.id for k in ws.kpis.list()}
        try:
            result = apply_import(ws, self.plan, self.on_conflict)
        except KpiDesktopError:
            raise
        except Exception as exc:  # never a crash in the GUI: the transaction rolled back
            raise KpiDesktopError(
                f"The values could not be written ({type(exc).__name__}: {exc}); nothing "
                "was imported."
            ) from exc
        self.result = result
        self.created_goal_ids = sorted(
            g.id for g in ws.goals.list() if g.id is not None and g.id not in goals_before
        )
        self.created_kpi_ids = [
            k.id for k in ws.kpis.list() if k.id is not None and k.id not in kpis_before
        ]
        self.matched_ids = sorted(ids.values())
        replacing = self.on_conflict == OnConflict.REPLACE
        for name, period, value, _row in self.plan.values:
            kpi_id = ids.get(name)
            if kpi_id is None:
                continue  # a created KPI: its snapshot holds its values
            old = before.get((kpi_id, period))
            if old is None:
                self._added.append((kpi_id, period, value))
            elif replacing:
                self._replaced[(kpi_id, period, value)] = (old.value, old.source)

    def _reapply(self, ws: Workspace) -> None:
        for snap in self._snapshots:
            snapshots.restore(ws, snap)
        source = self.plan.path.name
        if self._added:
            ws.measurements.write_many(self._added, source=source)
        if self._replaced:
            ws.measurements.write_many(
                list(self._replaced), on_conflict=OnConflict.REPLACE, source=source
            )

    def revert(self) -> None:
        ws = self.doc.workspace
        by_source: dict[str, list[tuple[int, dt.date, float]]] = {}
        for (kpi_id, period, _new), (old, source) in self._replaced.items():
            by_source.setdefault(source, []).append((kpi_id, period, old))
        for source, rows in by_source.items():  # notes were not touched by the import
            ws.measurements.write_many(rows, on_conflict=OnConflict.REPLACE, source=source)
        if self._added:
            ws.measurements.delete_keys([(kpi_id, period) for kpi_id, period, _ in self._added])
        in_new_goal = {k.id for gid in self.created_goal_ids for k in ws.kpis.list(goal_id=gid)}
        loose = [kid for kid in self.created_kpi_ids if kid not in in_new_goal]
        # Snapshot everything first, so that restoring in this order puts each KPI back at
        # its position.
        self._snapshots = [snapshots.capture_goal(ws, gid) for gid in self.created_goal_ids]
        self._snapshots += [snapshots.capture_kpi(ws, kid) for kid in loose]
        for kid in reversed(loose):
            ws.kpis.delete(kid)
        for gid in self.created_goal_ids:
            ws.goals.delete(gid)
        self._applied = False

    def announce(self) -> None:
        self.doc.goals_changed.emit()
        touched = self.matched_ids + (self.created_kpi_ids if self._applied else [])
        for kpi_id in touched:
            self.doc.measurements_changed.emit(kpi_id)


# -- shared state ---------------------------------------------------------------------------


@dataclass
class ImportState:
    """What the pages found out so far."""

    path: Path | None = None
    sheet: str | None = None
    columns: list[str] = field(default_factory=list)
    plan: ImportPlan | None = None
    error: KpiDesktopError | None = None  # why there is no plan
    stored: dict[Key, Measurement] = field(default_factory=dict)  # values the plan meets
    result: ImportResult | None = None


class RowsModel(QAbstractTableModel):
    """Read-only rows of text for the preview and the problems list (cheap for many rows)."""

    def __init__(
        self, headers: Sequence[str], right: Sequence[int] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: Sequence[tuple[str, ...]] = []
        self._right = set(right)  # columns of numbers, aligned right

    def set_rows(self, rows: Sequence[tuple[str, ...]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def text(self, row: int, column: int) -> str:
        return self._rows[row][column]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


def _table(model: RowsModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setMinimumHeight(view.verticalHeader().defaultSectionSize() * 6)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def _clear(choice: ChoiceButtons, values: Sequence[Any]) -> None:
    """Check none of the buttons (an exclusive group refuses to uncheck its last one)."""
    for value in values:
        button = choice.button(value)
        group = button.group()
        group.setExclusive(False)
        button.setChecked(False)
        group.setExclusive(True)


@contextmanager
def _busy() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


# -- pages ----------------------------------------------------------------------------------


class FilePage(QWizardPage):
    """Choose the file (Browse… or type a path) and, for a workbook, the sheet."""

    def __init__(self, state: ImportState, prompts: Prompts) -> None:
        super().__init__()
        self.state = state
        self.prompts = prompts
        self.setTitle(self.tr("File: which spreadsheet holds the values?"))
        self.setSubTitle(
            self.tr(
                "Import measured values from a CSV file or an Excel workbook (.xlsx). Nothing is "
                "written until you click Import on the Preview page."
            )
        )
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("e.g. monthly-figures.csv"))
        self.path.setClearButtonEnabled(True)
        self.browse = QPushButton(self.tr("Browse…"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        path_field = QWidget()
        path_field.setLayout(row)
        self.sheet = QComboBox()
        self.sheet.setMinimumContentsLength(16)
        self.sheet.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.columns_info = WrappedLabel()
        self.form = make_form()
        self.form.addRow(self.tr("File:"), path_field)
        self.form.addRow(
            "",
            hint_label(
                self.tr(
                    "Two layouts work: a date column with one column per KPI (wide), or one "
                    "value per row with a date, a KPI name and a value (long). Dates like "
                    "2024-01-31, 31/01/2024 or Jan 2024 and numbers like 1,200.50, 12% or €300 "
                    "are understood."
                )
            ),
        )
        self.form.addRow(self.tr("Sheet:"), self.sheet)
        self.form.setRowVisible(self.sheet, False)
        self.form.addRow(self.tr("Found:"), self.columns_info)
        self.form.setRowVisible(self.columns_info, False)
        self.message = FieldMessage()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.message)
        self.browse.clicked.connect(self._on_browse)
        self.path.textChanged.connect(self._on_path_changed)
        self.sheet.currentIndexChanged.connect(lambda _i: self._look())
        self._sheets_of: Path | None = None
        self._columns: list[str] = []

    def chosen(self) -> Path | None:
        text = self.path.text().strip().strip('"')
        return Path(text).expanduser() if text else None

    def _on_browse(self) -> None:
        current = self.chosen()
        start = str(current.parent if current is not None else Path.home())
        picked = self.prompts.open_file(self.tr("Import data"), start, self.tr(FILE_FILTERS))
        if picked:
            self.path.setText(picked)

    def _on_path_changed(self, _text: str) -> None:
        self._look()

    def _sheet_choice(self) -> str | None:
        return self.sheet.currentText() if self._sheets_of is not None else None

    def _look(self) -> None:
        """A first look at the file: its sheets and columns, or why it cannot be read."""
        path = self.chosen()
        self._columns = []
        message = ""
        workbook = path is not None and path.is_file() and is_workbook(path)
        try:
            if path != self._sheets_of:  # another file: list its sheets (none for a CSV)
                self._sheets_of = path if workbook else None
                self.sheet.blockSignals(True)
                try:
                    self.sheet.clear()
                    if workbook:
                        assert path is not None
                        self.sheet.addItems(sheet_names(path))
                finally:
                    self.sheet.blockSignals(False)
            if path is not None and path.is_file():
                self._columns = column_names(path, self._sheet_choice())
        except KpiDesktopError as exc:
            message = problem_text(exc)
        self.message.set_message(message)
        self.form.setRowVisible(self.sheet, bool(workbook))
        columns = self._columns
        shown = ", ".join(columns[:8]) + (
            self.tr(" and %1 more").replace("%1", str(len(columns) - 8)) if len(columns) > 8 else ""
        )
        self.columns_info.setText(f"{count(len(columns), 'column')}: {shown}")
        self.form.setRowVisible(self.columns_info, bool(columns))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return bool(self._columns)

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        path = self.chosen()
        if path is None:
            return False
        sheet = self._sheet_choice()
        try:
            columns = column_names(path, sheet)
        except KpiDesktopError as exc:
            self.message.set_message(problem_text(exc))
            return False
        if (path, sheet, columns) != (self.state.path, self.state.sheet, self.state.columns):
            self.state.path, self.state.sheet, self.state.columns = path, sheet, columns
            self.state.plan, self.state.error = None, None
        self.message.set_message("")
        return True


class MappingPage(QWizardPage):
    """The layout and columns (detected, changeable), creating missing KPIs, date order.

    Every change reads the file again with the new choices; what the user has not chosen
    shows what the importer detected.
    """

    _COLUMNS = ("date", "kpi", "value")

    def __init__(self, state: ImportState, workspace: Workspace) -> None:
        super().__init__()
        self.state = state
        self.workspace = workspace
        self.chosen: set[str] = set()  # the choices the user made (the rest are detected)
        self.ambiguous = False  # the dates need a day/month-first choice
        self.would_create: list[str] = []  # KPIs that ticking "create" would make
        self._filling = False
        self._planned_for: tuple[Any, ...] | None = None
        self.setTitle(self.tr("Mapping: how is the file laid out?"))
        self.setSubTitle(
            self.tr(
                "The layout and the columns were found from the file's content. Change them if "
                "they are wrong."
            )
        )
        self._build()

    def _build(self) -> None:
        self.file_label = WrappedLabel()
        self.layout_choice = ChoiceButtons(
            [
                (
                    "wide",
                    self.tr("Wide: a date column and one column per KPI"),
                    self.tr("One row per date, e.g. columns month, revenue, visitors."),
                ),
                (
                    "long",
                    self.tr("Long: one value per row"),
                    self.tr("Three columns hold the date, the KPI's name and the value."),
                ),
            ]
        )
        layout_box = QGroupBox(self.tr("Layout"))
        QVBoxLayout(layout_box).addWidget(self.layout_choice)

        self.combos = {key: QComboBox() for key in self._COLUMNS}
        for combo in self.combos.values():
            combo.setPlaceholderText(self.tr("choose a column"))
            combo.setMinimumContentsLength(18)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.columns_form = make_form()
        self.columns_form.addRow(self.tr("Dates in:"), self.combos["date"])
        self.columns_form.addRow(self.tr("KPI names in:"), self.combos["kpi"])
        self.columns_form.addRow(self.tr("Values in:"), self.combos["value"])
        self.wide_hint = hint_label(
            self.tr(
                'Every other column named after a KPI is imported; with "Create KPIs" ticked, '
                "every other column of numbers too."
            )
        )
        self.columns_form.addRow("", self.wide_hint)
        columns_box = QGroupBox(self.tr("Columns"))
        columns_box.setLayout(self.columns_form)

        self.create_missing = QCheckBox(self.tr("Create KPIs that don't exist yet"))
        self.goal = QComboBox()
        self.goal.setEditable(True)
        self.goal.setMinimumContentsLength(18)
        self.goal.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        new_form = make_form()
        new_form.addRow(self.create_missing)
        new_form.addRow(self.tr("Under the goal:"), self.goal)
        new_form.addRow(
            "",
            hint_label(
                self.tr(
                    "New KPIs get the column's name, no unit, and the frequency their dates "
                    "suggest; finish them later in the KPI editor."
                )
            ),
        )
        new_box = QGroupBox(self.tr("KPIs"))
        new_box.setLayout(new_form)

        self.date_order = ChoiceButtons(
            [
                ("dmy", self.tr("Day first: 03/04/2024 is 3 April 2024"), ""),
                ("mdy", self.tr("Month first: 03/04/2024 is 4 March 2024"), ""),
            ]
        )
        self.date_box = QGroupBox(self.tr("Dates"))
        date_layout = QVBoxLayout(self.date_box)
        date_layout.addWidget(self.date_order)
        self.date_box.setVisible(False)

        self.found = WrappedLabel()
        self.message = FieldMessage()
        top = QHBoxLayout()
        top.addWidget(layout_box, 1)
        top.addWidget(self.date_box, 1)
        middle = QHBoxLayout()
        middle.addWidget(columns_box, 1)
        middle.addWidget(new_box, 1)
        page = QVBoxLayout(self)
        page.addWidget(self.file_label)
        page.addLayout(top)
        page.addLayout(middle)
        page.addWidget(self.found)
        page.addStretch(1)
        page.addWidget(self.message)

        self.layout_choice.value_changed.connect(lambda _v: self._on_chosen("layout"))
        for key, combo in self.combos.items():
            combo.currentIndexChanged.connect(lambda _i, k=key: self._on_chosen(k))
        self.create_missing.toggled.connect(self._on_create_toggled)
        self.goal.currentTextChanged.connect(lambda _t: self._refresh())
        self.date_order.value_changed.connect(lambda _v: self._on_chosen("date_order"))

    # -- Qt's names --------------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802
        s = self.state
        source = (s.path, s.sheet, tuple(s.columns))
        if source != self._planned_for:  # a new file: detect everything again
            self._planned_for = source
            self._reset()
        self.replan()

    def cleanupPage(self) -> None:  # noqa: N802
        """Keep the choices when going Back (Qt would reset the fields)."""

    def isComplete(self) -> bool:  # noqa: N802
        return self.problem() is None

    def validatePage(self) -> bool:  # noqa: N802
        self.replan()  # with the goal as typed now
        return self.problem() is None

    # -- choices -----------------------------------------------------------------------------

    def _reset(self) -> None:
        s = self.state
        self._filling = True
        try:
            self.chosen.clear()
            self.ambiguous = False
            self.date_box.setVisible(False)
            _clear(self.layout_choice, ("wide", "long"))
            _clear(self.date_order, ("dmy", "mdy"))
            for combo in self.combos.values():
                combo.clear()
                combo.addItems(s.columns)
                combo.setCurrentIndex(-1)
            self.goal.clear()
            titles = sorted({g.title for g in self.workspace.goals.list()}, key=str.casefold)
            self.goal.addItems(titles if DEFAULT_GOAL in titles else [DEFAULT_GOAL, *titles])
            self.goal.setCurrentText(DEFAULT_GOAL)
            self.goal.setEnabled(self.create_missing.isChecked())
            name = s.path.name if s.path is not None else ""
            where = f", sheet '{s.sheet}'" if s.sheet else ""
            self.file_label.setText(
                self.tr("Reading %1: %2 columns.")
                .replace("%1", f"{name}{where}")
                .replace("%2", str(len(s.columns)))
            )
        finally:
            self._filling = False

    def _on_chosen(self, what: str) -> None:
        if self._filling:
            return
        self.chosen.add(what)
        if what == "layout":  # the other layout's columns are found again
            self.chosen.difference_update({"kpi", "value"})
        self.replan()

    def _on_create_toggled(self, checked: bool) -> None:
        self.goal.setEnabled(checked)
        if not self._filling:
            self.replan()

    def options(self) -> ImportOptions:
        def column(key: str) -> str | None:
            combo = self.combos[key]
            return combo.currentText() if key in self.chosen and combo.currentIndex() >= 0 else None

        layout = self.layout_choice.value() if "layout" in self.chosen else None
        long = self.layout_choice.value() == "long"  # chosen or detected
        return ImportOptions(
            layout=layout,
            sheet=self.state.sheet,
            create_missing=self.create_missing.isChecked(),
            goal=self.goal.currentText().strip() or DEFAULT_GOAL,
            date_column=column("date"),
            kpi_column=column("kpi") if long else None,
            value_column=column("value") if long else None,
            date_order=self.date_order.value(),
        )

    # -- planning ----------------------------------------------------------------------------

    def replan(self) -> None:
        """Read and check the file with the current choices (writes nothing)."""
        s = self.state
        if s.path is None:
            return
        options = self.options()
        shown: ImportPlan | None = None  # what detection found, to prefill the choices
        self.would_create = []
        with _busy():
            try:
                s.plan, s.error = plan_import(self.workspace, s.path, options), None
                shown = s.plan
            except KpiDesktopError as exc:
                s.plan, s.error = None, exc
                dates = isinstance(exc, AmbiguousDates) or (
                    isinstance(exc, ImportFileError) and "month-first" in exc.reason
                )
                self.ambiguous = self.ambiguous or dates
                # Unknown KPIs and unclear dates stop the plan before it says what it found:
                # ask again as if KPIs were to be created and dates read day first, only to
                # show the layout and columns (and which KPIs ticking "create" would make).
                probe = replace(
                    options, create_missing=True, date_order=options.date_order or "dmy"
                )
                if probe != options:
                    with suppress(KpiDesktopError):
                        shown = plan_import(self.workspace, s.path, probe)
                if shown is not None and not dates and not options.create_missing:
                    self.would_create = [name for name, _f in shown.kpis_to_create]
        self._show_plan(shown)

    def _show_plan(self, plan: ImportPlan | None) -> None:
        self._filling = True
        try:
            self.date_box.setVisible(self.ambiguous)
            if plan is not None:
                if "layout" not in self.chosen:
                    self.layout_choice.set_value(plan.layout)
                shown = {
                    "date": plan.date_column,
                    "kpi": plan.kpi_column,
                    "value": plan.value_column,
                }
                for key, column in shown.items():
                    if key not in self.chosen and column is not None:
                        self.combos[key].setCurrentIndex(self.combos[key].findText(column))
        finally:
            self._filling = False
        long = self.layout_choice.value() == "long"
        self.columns_form.setRowVisible(self.combos["kpi"], long)
        self.columns_form.setRowVisible(self.combos["value"], long)
        self.wide_hint.setVisible(not long)
        found = self.state.plan
        if found is not None:
            kpis = len(found.kpis_matched) + len(found.kpis_to_create)
            text = (
                self.tr("Found %1 for %2 in %3.")
                .replace("%1", count(found.value_count, "value"))
                .replace("%2", count(kpis, "KPI"))
                .replace("%3", count(found.rows_read, "row"))
            )
            if found.kpis_to_create:
                text += " " + self.tr("%1 will be created.").replace(
                    "%1", count(len(found.kpis_to_create), "KPI")
                )
            self.found.setText(text)
        elif plan is None:
            self.found.setText(
                self.tr(
                    "The layout and columns show here once the file can be read; you can also "
                    "choose them yourself."
                )
            )
        else:
            self.found.setText("")
        self._refresh()

    def problem(self) -> str | None:
        s = self.state
        if self.create_missing.isChecked() and not self.goal.currentText().strip():
            return self.tr("Type the goal that new KPIs go under.")
        if self.ambiguous and self.date_order.value() is None:
            if isinstance(s.error, KpiDesktopError):
                return problem_text(s.error)
            return self.tr("Choose how to read the dates.")
        if isinstance(s.error, ImportFileError) and self.would_create:
            return (
                self.tr(
                    'No column is named after a KPI of this workspace. Tick "Create KPIs that '
                    "don't exist yet\" to make %1 (%2), or name the columns after your KPIs."
                )
                .replace("%1", count(len(self.would_create), "new KPI"))
                .replace("%2", _some(self.would_create))
            )
        if s.error is not None and not isinstance(s.error, ImportFailed):
            return problem_text(s.error)
        if s.plan is None and s.error is None:
            return self.tr("The file has not been read yet.")
        return None

    def _refresh(self) -> None:
        problem = self.problem()
        error = self.state.error
        if problem is None and isinstance(error, ImportFailed):
            unknown = all("is not a KPI of this workspace" in p.reason for p in error.problems)
            if unknown and self.would_create:
                problem = (
                    self.tr(
                        "%1 name KPIs that don't exist yet (%2). Tick \"Create KPIs that don't "
                        'exist yet" to make them, or see every row on the next page.'
                    )
                    .replace("%1", count(len(error.problems), "row"))
                    .replace("%2", _some(self.would_create))
                )
            else:
                problem = problem_text(error)
        self.message.set_message(problem or "")
        self.completeChanged.emit()


class PreviewPage(QWizardPage):
    """What would be written: the first rows, the totals, every bad row, and the choice
    between replacing and keeping values already stored. Its commit button imports."""

    def __init__(
        self,
        state: ImportState,
        workspace: Workspace,
        run_import: Callable[[OnConflict], KpiDesktopError | None],
    ) -> None:
        super().__init__()
        self.state = state
        self.workspace = workspace
        self._run_import = run_import
        self.setTitle(self.tr("Preview: what will be written"))
        self.setSubTitle(
            self.tr(
                "Check the values below. Import writes them all in one step; "
                "Edit > Undo takes the whole import back."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.summary = WrappedLabel()
        self.rows_model = RowsModel(
            [
                self.tr("Row"),
                self.tr("Period"),
                self.tr("KPI"),
                self.tr("Value"),
                self.tr("Stored now"),
            ],
            right=(0, 3, 4),
            parent=self,
        )
        self.rows_view = _table(self.rows_model, 2)
        self.problems_label = WrappedLabel()
        self.problems_label.setObjectName("fieldMessage")
        self.problems_model = RowProblemsModel(self)
        self.problems_view = _table(self.problems_model, 3)
        self.conflict_box = QGroupBox(self.tr("Values already stored"))
        self.conflict_text = WrappedLabel()
        self.conflict_choice = ChoiceButtons(
            [
                (
                    OnConflict.REPLACE,
                    self.tr("Replace the stored values"),
                    self.tr("The file's values win; notes on those values are kept."),
                ),
                (
                    OnConflict.KEEP,
                    self.tr("Keep the stored values"),
                    self.tr("Only periods without a value get the file's value."),
                ),
            ]
        )
        box = QVBoxLayout(self.conflict_box)
        box.addWidget(self.conflict_text)
        box.addWidget(self.conflict_choice)
        self.message = FieldMessage()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.rows_view, 1)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems_view, 1)
        layout.addWidget(self.conflict_box)
        layout.addWidget(self.message)
        self.conflict_choice.value_changed.connect(lambda _v: self._refresh())

    # -- Qt's names --------------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802
        s = self.state
        s.stored = {}
        self.message.set_message("")
        _clear(self.conflict_choice, (OnConflict.REPLACE, OnConflict.KEEP))
        failed = s.error if isinstance(s.error, ImportFailed) else None
        self.rows_view.setVisible(s.plan is not None)
        self.problems_label.setVisible(failed is not None)
        self.problems_view.setVisible(failed is not None)
        self.problems_model.set_problems(failed.problems if failed is not None else [])
        if failed is not None:
            self.summary.setText(
                self.tr(
                    "Nothing can be imported from %1: fix the rows below in the file, then go "
                    "Back and read it again."
                ).replace("%1", failed.path.name)
            )
            text = f"\u26a0 {count(len(failed.problems), 'bad row')}:"
            if any("is not a KPI of this workspace" in p.reason for p in failed.problems):
                text += " " + self.tr(
                    'to import KPIs that do not exist yet, go Back and tick "Create KPIs '
                    "that don't exist yet\"."
                )
            self.problems_label.setText(text)
        if s.plan is not None:
            try:
                with _busy():
                    s.stored = stored_values(self.workspace, s.plan)
            except KpiDesktopError as exc:  # the workspace cannot be read: no import
                s.error = exc
            self._show_plan(s.plan)
        self.conflict_box.setVisible(bool(s.stored))
        self._refresh()

    def cleanupPage(self) -> None:  # noqa: N802
        """Nothing to reset: the page is filled again when entered."""

    def isComplete(self) -> bool:  # noqa: N802
        return self.problem() is None

    def validatePage(self) -> bool:  # noqa: N802
        problem = self.problem()
        if problem is not None:
            self.message.set_message(problem)
            return False
        choice = self.conflict_choice.value() if self.state.stored else OnConflict.ERROR
        error = self._run_import(choice)
        if error is not None:
            self.message.set_message(problem_text(error))
            if self.state.plan is not None:  # values may have been stored since: look again
                with suppress(KpiDesktopError):
                    self.state.stored = stored_values(self.workspace, self.state.plan)
                self.conflict_box.setVisible(bool(self.state.stored))
                self._show_plan(self.state.plan)
            self.completeChanged.emit()
            return False
        return True

    # -- showing -----------------------------------------------------------------------------

    def _show_plan(self, plan: ImportPlan) -> None:
        s = self.state
        freqs: dict[str, Frequency] = dict(plan.kpis_to_create)
        ids = matched_kpi_ids(self.workspace, plan)
        by_id = {k.id: k for k in self.workspace.kpis.list()}
        for name, kid in ids.items():
            freqs[name] = Frequency(by_id[kid].frequency)
        rows = []
        for name, period, value, row in plan.preview(PREVIEW_ROWS):
            stored = s.stored.get((ids[name], period)) if name in ids else None
            rows.append(
                (
                    str(row),
                    period_label(period, freqs.get(name, Frequency.MONTHLY)),
                    name,
                    format_number(value),
                    "" if stored is None else format_number(stored.value),
                )
            )
        self.rows_model.set_rows(rows)
        self.rows_view.setColumnHidden(4, not s.stored)
        kpis = len(plan.kpis_matched) + len(plan.kpis_to_create)
        lines = [
            self.tr("%1 for %2, from %3 of %4.")
            .replace("%1", count(plan.value_count, "value"))
            .replace("%2", count(kpis, "KPI"))
            .replace("%3", count(plan.rows_read, "row"))
            .replace("%4", plan.path.name)
        ]
        if plan.value_count > PREVIEW_ROWS:
            lines[0] += " " + self.tr("The first %1 are shown.").replace("%1", str(PREVIEW_ROWS))
        if plan.kpis_to_create:
            names = ", ".join(f"{n} ({f.value})" for n, f in plan.kpis_to_create[:8])
            more = len(plan.kpis_to_create) - 8
            lines.append(
                self.tr('KPIs to create under "%1": %2')
                .replace("%1", plan.goal)
                .replace("%2", names + (f" and {more} more" if more > 0 else ""))
            )
        if plan.skipped_columns:
            lines.append(
                self.tr("Skipped columns (no KPI of that name): %1").replace(
                    "%1", ", ".join(plan.skipped_columns)
                )
            )
        if plan.date_order:
            lines.append(
                self.tr("Dates like 03/04/2024 were read %1.").replace(
                    "%1",
                    self.tr("day first") if plan.date_order == "dmy" else self.tr("month first"),
                )
            )
        self.summary.setText("\n".join(lines))
        if s.stored:
            name_of = {kid: name for name, kid in ids.items()}
            examples = [
                f"{name_of[kid]} {period_label(period, freqs[name_of[kid]])}"
                for kid, period in list(s.stored)[:3]
            ]
            same = sum(
                1
                for name, period, value, _row in plan.values
                if name in ids
                and (stored := s.stored.get((ids[name], period))) is not None
                and stored.value == value
            )
            text = (
                self.tr("%1 of the file are for periods that already have one (%2).")
                .replace("%1", count(len(s.stored), "value"))
                .replace("%2", ", ".join(examples) + (", …" if len(s.stored) > 3 else ""))
            )
            if same:
                text += " " + (
                    self.tr("All of them are the same as stored.")
                    if same == len(s.stored)
                    else self.tr("%1 the same as stored.").replace(
                        "%1", f"{same:,} {'is' if same == 1 else 'are'}"
                    )
                )
            self.conflict_text.setText(text + " " + self.tr("What should happen to them?"))

    def problem(self) -> str | None:
        s = self.state
        if isinstance(s.error, ImportFailed):
            return self.tr("Fix the bad rows in the file first: nothing will be written.")
        if s.error is not None:
            return problem_text(s.error)
        if s.plan is None:
            return self.tr("The file has not been read yet.")
        if s.plan.value_count == 0:
            return self.tr("The file has no values to import (every value cell is blank).")
        if s.stored and self.conflict_choice.value() is None:
            return self.tr("Choose whether to replace or keep the values already stored.")
        return None

    def _refresh(self) -> None:
        self.message.set_message(self.problem() or "")
        self.completeChanged.emit()


class RowProblemsModel(RowsModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(["Row", "Column", "Value", "Why"], right=(0,), parent=parent)
        self.problems: list[RowProblem] = []

    def set_problems(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        self.set_rows([(str(p.row), p.column, p.value, p.reason) for p in problems])


class ResultPage(QWizardPage):
    """What the import did."""

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.setTitle(self.tr("Result: the values are imported"))
        self.setSubTitle(self.tr("Edit > Undo takes the whole import back in one step."))
        self.counts = WrappedLabel()
        self.created = WrappedLabel()
        self.skipped = hint_label("")
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.created)
        layout.addWidget(self.skipped)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        r = self.state.result
        if r is None:
            return
        name = self.state.path.name if self.state.path is not None else ""
        lines = [
            self.tr("From %1, for %2:")
            .replace("%1", name)
            .replace("%2", count(len(r.kpis), "KPI")),
            "• " + count(r.inserted, self.tr("new value")),
            "• " + self.tr("%1 replaced").replace("%1", count(r.replaced, "stored value")),
            "• "
            + self.tr("%1 kept (the file's value was left out)").replace(
                "%1", count(r.kept, "stored value")
            ),
        ]
        self.counts.setText("\n".join(lines))
        plan = self.state.plan
        goal = plan.goal if plan is not None else DEFAULT_GOAL
        if r.kpis_created:
            self.created.setText(
                self.tr(
                    '%1 created under "%2": %3. Give them a unit and a target in the KPI editor.'
                )
                .replace("%1", count(len(r.kpis_created), "KPI"))
                .replace("%2", goal)
                .replace("%3", ", ".join(r.kpis_created))
            )
        else:
            self.created.setText(self.tr("No KPIs were created."))
        self.skipped.setText(
            self.tr("Skipped columns: %1").replace("%1", ", ".join(r.skipped_columns))
            if r.skipped_columns
            else ""
        )


# -- the wizard -----------------------------------------------------------------------------


class ImportWizard(QWizard):
    """The "Import data" wizard. Non-modal: open it with ``open()`` or ``show()``.

    ``path`` preselects a file. After Import, ``result`` is the ImportResult, ``command``
    the undo step, and ``imported`` is emitted with the result.
    """

    imported = Signal(object)  # ImportResult

    def __init__(
        self,
        document: Document,
        parent: QWidget | None = None,
        *,
        prompts: Prompts | None = None,
        path: Path | str | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.state = ImportState()
        self.command: ImportValues | None = None
        self.setWindowTitle(self.tr("Import data"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setStyleSheet(INVALID_FIELD_STYLE)
        ws = document.workspace
        self.file_page = FilePage(self.state, prompts or Prompts(self))
        self.mapping_page = MappingPage(self.state, ws)
        self.preview_page = PreviewPage(self.state, ws, self._import)
        self.result_page = ResultPage(self.state)
        self.setPage(FILE, self.file_page)
        self.setPage(MAPPING, self.mapping_page)
        self.setPage(PREVIEW, self.preview_page)
        self.setPage(RESULT, self.result_page)
        if path is not None:
            self.file_page.path.setText(str(path))
        self.setMinimumSize(720, 560)  # below this, wrapped sentences would be cut
        self.resize(860, 640)

    @property
    def import_result(self) -> ImportResult | None:
        """What the import did (None before Import)."""
        return self.state.result

    def _import(self, on_conflict: OnConflict) -> KpiDesktopError | None:
        """Push the import as one undo step; the refusal, if any."""
        plan = self.state.plan
        if plan is None or self.state.result is not None:
            return None
        command = ImportValues(self.document, plan, on_conflict)
        with _busy():
            error = self.document.push(command)
        if error is not None:
            return error
        self.command = command
        self.state.result = command.result
        self.imported.emit(command.result)
        return None

"""The Size page's history box: where the history comes from (the KPI's recorded values,
pasted or typed values, or a column of a spreadsheet file) and what it says in words.

The box reads the history and emits `history_read` with the points; the page sizes them.
A history that cannot be read leaves its problem in `error` (nothing is written: a file is
only read)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.periods import infer_frequency, period_label
from kpi_desktop.domain.types import Point
from kpi_desktop.domain.variation.sizing import SizingResult
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.naming import normalise
from kpi_desktop.services.planning.sizing import history_from_file, parse_pasted_history
from kpi_desktop.ui.prompts import Prompts
from kpi_desktop.ui.widgets.form_fields import WrappedLabel, hint_label, make_combo, make_form
from kpi_desktop.ui.wizard.draft import KpiDraft


class HistoryBox(QGroupBox):
    """Chooses and reads the history the target is sized from."""

    history_read = Signal(list)  # list[Point], as read (the page keeps those up to as-of)

    def __init__(
        self,
        draft: KpiDraft,
        *,
        workspace: object,
        as_of: dt.date,
        recorded: Callable[[], list[Point]] | None,
        prompts: Prompts,
    ) -> None:
        super().__init__()
        self.setTitle(self.tr("History"))
        self._draft = draft
        self._ws = workspace
        self._as_of = as_of
        self._recorded = recorded
        self._prompts = prompts
        self.error: str | None = None
        self._file_series: dict[str, list[Point]] = {}
        self._file_name = ""
        self._build()

    def _build(self) -> None:
        self.source = make_combo(
            [
                ("recorded", self.tr("Its recorded values")),
                ("paste", self.tr("Values I paste or type")),
                ("file", self.tr("A spreadsheet file (CSV or Excel)")),
            ]
        )
        if self._recorded is None:
            model = self.source.model()
            assert isinstance(model, QStandardItemModel)
            model.item(0).setEnabled(False)
        self.paste = QPlainTextEdit()
        self.paste.setPlaceholderText(
            self.tr(
                "One value per line, oldest first; or a date and a value on each line "
                "(copy two columns from a spreadsheet)."
            )
        )
        self.paste.setTabChangesFocus(True)
        self.paste.setMaximumHeight(84)
        self.choose_file = QPushButton(self.tr("Choose a file…"))
        self.series = QComboBox()
        self.series.setToolTip(self.tr("The column (or KPI) of the file to use"))
        self.file_label = hint_label(self.tr("No file chosen yet."))
        self.file_page = QWidget()
        file_layout = QVBoxLayout(self.file_page)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_row = QHBoxLayout()
        file_row.addWidget(self.choose_file)
        file_row.addWidget(self.series, 1)
        file_layout.addLayout(file_row)
        file_layout.addWidget(self.file_label)
        file_layout.addStretch(1)
        self.history_summary = WrappedLabel()
        form = make_form()
        form.addRow(self.tr("From:"), self.source)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.paste)
        layout.addWidget(self.file_page)
        layout.addWidget(self.history_summary)
        self.keep_check = QCheckBox()
        self.keep_check.setChecked(True)
        self.keep_check.setToolTip(
            self.tr("Store them as the KPI's values when you finish, so you paste them once")
        )
        self.keep_check.setVisible(False)
        layout.addWidget(self.keep_check)
        self.numbers = make_form()
        self.usual = QLabel()
        self.trend = QLabel()
        self.usual_label = QLabel(self.tr("Normal range:"))
        self.numbers.addRow(self.usual_label, self.usual)
        self.numbers.addRow(self.tr("Trend:"), self.trend)
        layout.addLayout(self.numbers)
        layout.addStretch(1)
        self.source.currentIndexChanged.connect(self._on_source_changed)
        self.paste.textChanged.connect(self._on_paste_changed)
        self.choose_file.clicked.connect(self.choose_history_file)
        self.series.currentIndexChanged.connect(self.read)

    # -- the source --------------------------------------------------------------------------

    def key(self) -> str:
        return str(self.source.currentData())

    def set_source(self, key: str) -> None:
        self.source.setCurrentIndex(self.source.findData(key))
        self.show_source_widgets()

    def _on_source_changed(self) -> None:
        self.show_source_widgets()
        self.read()

    def show_source_widgets(self) -> None:
        key = self.key()
        self.paste.setVisible(key == "paste")
        self.file_page.setVisible(key == "file")

    def _on_paste_changed(self) -> None:
        if self.key() == "paste":
            self.read()

    def choose_history_file(self) -> None:
        path = self._prompts.open_file(
            self.tr("History from a file"),
            "",
            self.tr("Spreadsheets (*.csv *.xlsx *.txt);;All files (*)"),
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        """Read every series of the file (nothing is written) and pick the likely one."""
        try:
            series = history_from_file(self._ws, path)  # type: ignore[arg-type]
        except KpiDesktopError as exc:
            self._file_series, self._file_name = {}, ""
            self.error = exc.message.splitlines()[0]
            self.series.blockSignals(True)  # clearing would read again and drop the error
            self.series.clear()
            self.series.blockSignals(False)
            self.history_read.emit([])
            return
        self._file_series, self._file_name = series, path.name
        note = self.tr("From %1: pick the column to use.").replace("%1", path.name)
        self.file_label.setText(note)
        self.series.blockSignals(True)
        self.series.clear()
        for name, points in series.items():
            self.series.addItem(f"{name} ({len(points)})", name)
        wanted = normalise(str(self._draft.fields.get("name") or ""))
        match = next((i for i, n in enumerate(series) if normalise(n) == wanted), 0)
        self.series.setCurrentIndex(match)
        self.series.blockSignals(False)
        self.error = None if series else self.tr("The file has no number columns.")
        self.read()

    # -- reading -----------------------------------------------------------------------------

    def read(self) -> None:
        """Read the chosen source and emit what it holds (its problem goes to `error`)."""
        key = self.key()
        self.error = None
        points: list[Point] = []
        if key == "recorded" and self._recorded is not None:
            points = self._recorded()
        elif key == "paste":
            try:
                points = parse_pasted_history(
                    self.paste.toPlainText(),
                    self._draft.frequency,
                    self._as_of,
                    fiscal=self._draft.fiscal,
                )
            except KpiDesktopError as exc:
                self.error = exc.message
        elif key == "file":
            name = self.series.currentData()
            points = list(self._file_series.get(name, [])) if name else []
        self.history_read.emit(points)

    def show_keep(self, count: int) -> None:
        """Offer to keep pasted or file values (recorded ones are the KPI's already)."""
        self.keep_check.setVisible(count > 0 and self.key() != "recorded")
        self.keep_check.setText(
            self.tr("Keep these %1 values as the KPI's history").replace("%1", f"{count:,}")
        )

    def keeps(self) -> bool:
        return self.key() != "recorded" and self.keep_check.isChecked()

    def source_text(self) -> str:
        """The stored values' source: "pasted" or "file NAME"."""
        return f"file {self._file_name}" if self.key() == "file" else "pasted"

    def label(self) -> str:
        """Where the history came from, in words for the review page."""
        key = self.key()
        if key == "recorded":
            return self.tr("its recorded values")
        if key == "file":
            return self.tr("the file %1").replace("%1", self._file_name)
        return self.tr("pasted values")

    # -- in words ---------------------------------------------------------------------------

    def show_summary(self, history: list[Point], sizing: SizingResult | None) -> None:
        self.history_summary.setText(self.summary_text(history, sizing))

    def summary_text(self, history: list[Point], sizing: SizingResult | None) -> str:
        """ "24 monthly values, Jan 2012 to Dec 2013." and what to watch out for."""
        if self.error:
            return ""
        freq = self._draft.frequency
        n = len(history)
        if n == 0:
            return self.tr("No values yet.")
        used = history[-sizing.n_values :] if sizing is not None else history
        text = (
            self.tr("%1 values, %2 to %3.")
            .replace("%1", str(len(used)))
            .replace("%2", period_label(used[0].period, freq, fiscal=self._draft.fiscal))
            .replace("%3", period_label(used[-1].period, freq, fiscal=self._draft.fiscal))
        )
        if n > len(used):
            shifted = sizing is not None and sizing.stretch_since == used[0].period
            latest = (
                self.tr("(The latest %1 of %2, since the last lasting change.)")
                if shifted
                else self.tr("(The latest %1 of %2.)")
            )
            text += " " + latest.replace("%1", str(len(used))).replace("%2", str(n))
        if sizing is not None and sizing.stretch_kind == "trend" and len(used) >= 2:
            text += " " + self.tr("They follow a steady trend: the limits run along it.")
        if n >= 2:
            spacing = infer_frequency(p.period for p in history)
            if spacing != freq:
                text += " " + self.tr(
                    "These look like %1 values, but the KPI is measured %2: "
                    'change "Measured" on the previous page if that is wrong.'
                ).replace("%1", spacing.value).replace("%2", freq.value)
        return text

"""Size: what the history says (baseline, normal range, trend, business as usual), three
suggested targets, the user's own target with its attainability in plain words, and the
milestones, with a small chart. The numbers come from services.sizing, as `kpi-desktop
size` prints them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.periods import add_periods, infer_frequency, period_index, period_label
from kpi_desktop.domain.types import Direction, Frequency, Point
from kpi_desktop.domain.values import parse_number
from kpi_desktop.domain.variation.sizing import SizingResult, seasonal_shape, spread_milestones
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.naming import normalise
from kpi_desktop.services.planning.sizing import (
    history_from_file,
    parse_improvement,
    parse_pasted_history,
    size_history,
)
from kpi_desktop.ui.prompts import Prompts
from kpi_desktop.ui.widgets.form_fields import (
    FieldMessage,
    WrappedLabel,
    format_number,
    hint_label,
    make_combo,
    make_form,
    make_spin,
)
from kpi_desktop.ui.wizard.draft import (
    DraftPage,
    KpiDraft,
    baseline_period,
    default_target_date,
    enough_decimals,
)
from kpi_desktop.ui.wizard.size_chart import SizePreview

MIN_VALUES = 5
CHART_VALUES = 36  # the preview shows the latest values only, to stay readable
PER = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter"}
VERDICT_COLORS = {"too_easy": "#9A6700", "attainable": "#00714F", "step_change": "#B3261E"}


def _period(p: Point) -> dt.date:
    return p.period


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


class SizePage(DraftPage):
    def __init__(
        self,
        draft: KpiDraft,
        *,
        workspace: object,
        as_of: dt.date,
        recorded: Callable[[], list[Point]] | None,
        prompts: Prompts,
        open_help: Callable[[], None],
    ) -> None:
        super().__init__(draft)
        self._ws = workspace
        self._as_of = as_of
        self._recorded = recorded
        self._prompts = prompts
        self._open_help = open_help
        self._history: list[Point] = []
        self._history_error: str | None = None
        self._file_series: dict[str, list[Point]] = {}
        self._file_name = ""
        self._sizing: SizingResult | None = None
        self._milestones: list[Point] = []
        self._baseline_touched = False
        self._target_date_touched = False
        self._filling = False
        self.setTitle(self.tr("Size: how far can it go?"))
        self.setSubTitle(
            self.tr(
                "Your own history shows where the KPI is heading and how much it moves. "
                "Choose a target that is challenging but within reach."
            )
        )
        self._build()

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self._history_box(), 0, 0)
        grid.addWidget(self._target_box(), 1, 0)
        right = QVBoxLayout()
        self.chart = SizePreview()
        right.addWidget(self.chart, 3)
        self.legend = QLabel(
            '<span style="color:#1F4E79">━ history</span>&nbsp;&nbsp;'
            '<span style="color:#56B4E9">┈ normal range</span>&nbsp;&nbsp;'
            '<span style="color:#E69F00">┈ business as usual</span>&nbsp;&nbsp;'
            '<span style="color:#CC79A7">╌ milestones</span>&nbsp;&nbsp;'
            '<span style="color:#0072B2">★ target</span>'
        )
        font = self.legend.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        self.legend.setFont(font)
        right.addWidget(self.legend)
        right.addWidget(self._milestone_box(), 2)
        grid.addLayout(right, 0, 1, 2, 1)
        self.message = FieldMessage()
        grid.addWidget(self.message, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    def _history_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("History"))
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
        self.choose_file = QPushButton(self.tr("Choose a file…"))
        self.series = QComboBox()
        self.series.setToolTip(self.tr("The column (or KPI) of the file to use"))
        self.file_label = hint_label(self.tr("No file chosen yet."))
        file_page = QWidget()
        file_layout = QVBoxLayout(file_page)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_row = QHBoxLayout()
        file_row.addWidget(self.choose_file)
        file_row.addWidget(self.series, 1)
        file_layout.addLayout(file_row)
        file_layout.addWidget(self.file_label)
        file_layout.addStretch(1)
        self.paste.setMaximumHeight(84)
        self.file_page = file_page
        self.history_summary = WrappedLabel()
        form = make_form()
        form.addRow(self.tr("From:"), self.source)
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addWidget(self.paste)
        layout.addWidget(file_page)
        layout.addWidget(self.history_summary)
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
        self.series.currentIndexChanged.connect(self._on_series_changed)
        return box

    def _target_box(self) -> QGroupBox:
        self.target_group = QGroupBox(self.tr("Target"))
        self.short_note = WrappedLabel()
        self.short_note.setObjectName("fieldHint")
        self.suggestion_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, label in (
            ("business_as_usual", self.tr("Business as usual")),
            ("stretch", self.tr("Stretch")),
            ("ambitious", self.tr("Ambitious")),
        ):
            button = QPushButton(label)
            button.setToolTip(label)
            button.clicked.connect(lambda _checked=False, k=key: self.use_suggestion(k))
            self.suggestion_buttons[key] = button
            row.addWidget(button)
        self.suggestions_row = QWidget()
        self.suggestions_row.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self.baseline = QLineEdit()
        self.baseline_from = QLabel()
        base_row = QHBoxLayout()
        base_row.setContentsMargins(0, 0, 0, 0)
        base_row.addWidget(self.baseline, 1)
        base_row.addWidget(self.baseline_from)
        self.improvement = QLineEdit()
        self.improvement.setPlaceholderText(self.tr("e.g. +10 % or +500"))
        self.target = QLineEdit()
        self.target_date = QDateEdit()
        self.target_date.setCalendarPopup(True)
        self.target_date.setDisplayFormat("d MMM yyyy")
        target_row = QHBoxLayout()
        target_row.setContentsMargins(0, 0, 0, 0)
        target_row.addWidget(self.target, 1)
        target_row.addWidget(QLabel(self.tr("by")))
        target_row.addWidget(self.target_date)
        self._target_row = target_row
        self.verdict = WrappedLabel()
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.tolerance = make_spin(1, 100, suffix=" %")
        self.tolerance.setValue(10)
        form = make_form()
        form.addRow(self.tr("Start (baseline):"), base_row)
        form.addRow(self.tr("Improvement:"), self.improvement)
        form.addRow(self.tr("Target:"), target_row)
        form.addRow("", self.verdict)
        form.addRow(self.tr("Tolerance:"), self.tolerance)
        self._target_form = form
        layout = QVBoxLayout(self.target_group)
        layout.addWidget(self.short_note)
        layout.addWidget(self.suggestions_row)
        layout.addLayout(form)
        self.help_link = QLabel(f'<a href="help">{self.tr("How sizing works")}</a>')
        self.help_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.help_link.linkActivated.connect(lambda _link: self._open_help())
        layout.addWidget(self.help_link, 0, Qt.AlignmentFlag.AlignRight)
        self.baseline.textEdited.connect(self._on_baseline_edited)
        self.improvement.textEdited.connect(self._on_improvement_edited)
        self.target.textChanged.connect(self._refresh)
        self.target_date.dateChanged.connect(self._on_target_date_changed)
        return self.target_group

    def _milestone_box(self) -> QGroupBox:
        self.milestone_group = QGroupBox(self.tr("Milestones"))
        self.shape = make_combo(
            [
                ("even", self.tr("Evenly, step by step")),
                ("seasonal", self.tr("Like last year's ups and downs")),
                ("custom", self.tr("By hand (type in the table)")),
            ]
        )
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Period"), self.tr("Aim")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setMinimumHeight(90)
        layout = QVBoxLayout(self.milestone_group)
        layout.addWidget(self.shape)
        layout.addWidget(self.table, 1)
        self.shape.currentIndexChanged.connect(self._on_shape_changed)
        self.table.itemChanged.connect(self._on_milestone_edited)
        return self.milestone_group

    # -- history -----------------------------------------------------------------------------

    def _on_source_changed(self) -> None:
        self._show_source_widgets()
        self._read_history()

    def _show_source_widgets(self) -> None:
        key = self.source.currentData()
        self.paste.setVisible(key == "paste")
        self.file_page.setVisible(key == "file")

    def _on_paste_changed(self) -> None:
        if self.source.currentData() == "paste":
            self._read_history()

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
            self._history_error = exc.message.splitlines()[0]
            self.series.clear()
            self._set_history([])
            return
        self._file_series, self._file_name = series, path.name
        note = self.tr("From %1: pick the column to use.").replace("%1", path.name)
        self.file_label.setText(note)
        self.series.blockSignals(True)
        self.series.clear()
        for name, points in series.items():
            self.series.addItem(f"{name} ({len(points)})", name)
        wanted = normalise(str(self.draft.fields.get("name") or ""))
        match = next((i for i, n in enumerate(series) if normalise(n) == wanted), 0)
        self.series.setCurrentIndex(match)
        self.series.blockSignals(False)
        self._history_error = None if series else self.tr("The file has no number columns.")
        self._read_history()

    def _on_series_changed(self) -> None:
        self._read_history()

    def _read_history(self) -> None:
        key = self.source.currentData()
        self._history_error = None
        points: list[Point] = []
        if key == "recorded" and self._recorded is not None:
            points = self._recorded()
        elif key == "paste":
            try:
                points = parse_pasted_history(
                    self.paste.toPlainText(), self.draft.frequency, self._as_of
                )
            except KpiDesktopError as exc:
                self._history_error = exc.message
        elif key == "file":
            name = self.series.currentData()
            points = list(self._file_series.get(name, [])) if name else []
            if not self._file_series:
                self._history_error = None
        self._set_history(points)

    def _set_history(self, points: list[Point]) -> None:
        """Use ``points`` (those on or before the as-of date) as the history."""
        self._history = sorted((p for p in points if p.period <= self._as_of), key=_period)
        self._baseline_touched = False
        if not self._target_date_touched:
            freq = self.draft.frequency
            start = baseline_period(self._history, self._as_of, freq)
            self._filling = True
            self.target_date.setDate(_qdate(default_target_date(start, freq)))
            self._filling = False
        self._refresh()

    def history_label(self) -> str:
        key = self.source.currentData()
        if key == "recorded":
            return self.tr("its recorded values")
        if key == "file":
            return self.tr("the file %1").replace("%1", self._file_name)
        return self.tr("pasted values")

    # -- target ------------------------------------------------------------------------------

    def _on_target_date_changed(self) -> None:
        if not self._filling:
            self._target_date_touched = True
        self._refresh()

    def _on_baseline_edited(self) -> None:
        self._baseline_touched = True
        self._refresh()

    def _on_improvement_edited(self, text: str) -> None:
        base = self._number(self.baseline)
        if base is None or not text.strip():
            return
        try:
            target = parse_improvement(text, base)
        except KpiDesktopError:
            return
        self.target.setText(self._round_text(target))

    def use_suggestion(self, key: str) -> None:
        if self._sizing is None or self._sizing.suggestions is None:
            return
        self.target.setText(self._round_text(getattr(self._sizing.suggestions, key)))

    def _round_text(self, value: float) -> str:
        decimals = int(self.draft.fields.get("decimals") or 0)
        return format_number(round(value, enough_decimals(value, decimals)))

    @staticmethod
    def _number(edit: QLineEdit) -> float | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return parse_number(text)
        except ValueError:
            return None

    # -- milestones --------------------------------------------------------------------------

    def _on_shape_changed(self) -> None:
        self._refresh()

    def _on_milestone_edited(self, _item: QTableWidgetItem) -> None:
        if self._filling:
            return
        if self.shape.currentData() != "custom":
            self.shape.blockSignals(True)
            self.shape.setCurrentIndex(self.shape.findData("custom"))
            self.shape.blockSignals(False)
        self._read_table()
        self._draw()
        self.changed()

    def _read_table(self) -> str | None:
        """Read hand-typed milestones; the first unreadable one's problem, or None."""
        out = []
        for row in range(self.table.rowCount()):
            period_item, value_item = self.table.item(row, 0), self.table.item(row, 1)
            period = period_item.data(Qt.ItemDataRole.UserRole)
            text = value_item.text().strip() if value_item is not None else ""
            try:
                out.append(Point(period, parse_number(text)))
            except ValueError:
                self._milestones = [m for m in out]
                return self.tr("The aim for %1 is not a number.").replace(
                    "%1", period_label(period, self.draft.frequency)
                )
        self._milestones = out
        return None

    def _fill_table(self, milestones: list[Point]) -> None:
        self._filling = True
        try:
            self.table.setRowCount(len(milestones))
            for row, m in enumerate(milestones):
                period = QTableWidgetItem(period_label(m.period, self.draft.frequency))
                period.setData(Qt.ItemDataRole.UserRole, m.period)
                period.setFlags(period.flags() & ~Qt.ItemFlag.ItemIsEditable)
                value = QTableWidgetItem(self._round_text(m.value))
                value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, 0, period)
                self.table.setItem(row, 1, value)
        finally:
            self._filling = False

    # -- the live picture --------------------------------------------------------------------

    def _refresh(self) -> None:
        d = self.draft
        freq, direction = d.frequency, d.direction
        is_range = direction == Direction.RANGE
        n = len(self._history)
        base_period = baseline_period(self._history, self._as_of, freq)
        target_date: dt.date = self.target_date.date().toPython()  # type: ignore[assignment]
        target = self._number(self.target)
        sizing = (
            size_history(self._history, freq, direction, target_date, target, self._as_of)
            if self._history
            else None
        )
        self._sizing = sizing
        # history summary and numbers
        self.history_summary.setText(self._history_text(sizing))
        s = sizing
        enough = s is not None and s.enough_history
        if enough and s is not None and s.lower_limit is not None:
            self.usual.setText(d.format_range(s.lower_limit, s.upper_limit))
        else:
            self.usual.setText("—")
        if enough and s is not None and s.trend_per_period is not None:
            sign = "+" if s.trend_per_period >= 0 else ""
            per = PER.get(freq.value, "year")
            self.trend.setText(f"{sign}{d.format(s.trend_per_period, 1)} a {per}")
        else:
            self.trend.setText("—")
        # baseline
        if not self._baseline_touched:
            value = s.baseline if s is not None else None
            self.baseline.setText("" if value is None else self._round_text(value))
        self.baseline_from.setText(self.tr("in %1").replace("%1", period_label(base_period, freq)))
        # short history and suggestions
        self.short_note.setVisible(not enough and not is_range)
        if not enough:
            self.short_note.setText(
                self.tr(
                    "Only %1: at least 5 values are needed to judge a target from your "
                    "history. Type where you start and the improvement you want, for "
                    "example +10 %."
                ).replace("%1", self.tr("one value") if n == 1 else f"{n} values")
            )
        show_suggestions = enough and not is_range and s is not None and s.suggestions is not None
        self.suggestions_row.setVisible(show_suggestions)
        if show_suggestions and s is not None and s.suggestions is not None:
            for key, button in self.suggestion_buttons.items():
                value = getattr(s.suggestions, key)
                label = button.toolTip()
                button.setText(f"{label}\n{self._round_text(value)}")
        self._target_form.setRowVisible(self.improvement, not enough and not is_range)
        # verdict
        verdict = self._verdict_text(s, target, target_date, enough)
        self.verdict.setText(verdict)
        # range KPIs have no target
        self.target_group.setTitle(self.tr("Start") if is_range else self.tr("Target"))
        self._target_form.setRowVisible(self._target_row, not is_range)
        self._target_form.setRowVisible(self.verdict, bool(verdict) and not is_range)
        self.milestone_group.setVisible(not is_range)
        # milestones
        self._update_shape_choices()
        baseline_value = self._number(self.baseline)
        if not is_range and self.shape.currentData() != "custom":
            ms: list[Point] = []
            if (
                baseline_value is not None
                and target is not None
                and period_index(target_date, freq) > period_index(base_period, freq)
            ):
                shape = "seasonal" if self.shape.currentData() == "seasonal" else "even"
                ms = spread_milestones(
                    baseline_value, target, base_period, target_date, freq, shape, self._history
                )
            self._milestones = ms
            self._fill_table(ms)
        self._draw()
        self.changed()

    def _history_text(self, sizing: SizingResult | None) -> str:
        """ "24 monthly values, Jan 2012 to Dec 2013." and what to watch out for."""
        if self._history_error:
            return ""
        freq = self.draft.frequency
        n = len(self._history)
        if n == 0:
            return self.tr("No values yet.")
        used = self._history[-sizing.n_values :] if sizing is not None else self._history
        text = (
            self.tr("%1 values, %2 to %3.")
            .replace("%1", str(len(used)))
            .replace("%2", period_label(used[0].period, freq))
            .replace("%3", period_label(used[-1].period, freq))
        )
        if n > len(used):
            text += " " + self.tr("(The latest %1 of %2.)").replace("%1", str(len(used))).replace(
                "%2", str(n)
            )
        if n >= 2:
            spacing = infer_frequency(p.period for p in self._history)
            if spacing != freq:
                text += " " + self.tr(
                    "These look like %1 values, but the KPI is measured %2: "
                    'change "Measured" on the previous page if that is wrong.'
                ).replace("%1", spacing.value).replace("%2", freq.value)
        return text

    def _verdict_text(
        self, s: SizingResult | None, target: float | None, target_date: dt.date, enough: bool
    ) -> str:
        d = self.draft
        if s is None or not enough or target is None:
            if s is not None and s.forecast is not None and enough:
                return (
                    self.tr("Business as usual reaches <b>%1</b> by %2.")
                    .replace("%1", d.format(s.forecast))
                    .replace("%2", target_date.strftime("%d %b %Y").lstrip("0"))
                )
            return ""
        chance = s.attainability_for(target)
        if chance is None or s.verdict is None:
            return ""
        color = VERDICT_COLORS[s.verdict]
        pct = (
            f"{chance:.0%}"
            if 0.01 <= chance <= 0.99
            else ("under 1%" if chance < 0.01 else "over 99%")
        )
        return (
            self.tr("A <b>%1</b> chance of reaching it: ").replace("%1", pct)
            + f'<b style="color:{color}">{s.verdict_text}</b>.'
            + "<br>"
            + self.tr("Business as usual reaches %1.").replace("%1", d.format(s.forecast))
        )

    def _update_shape_choices(self) -> None:
        model = self.shape.model()
        assert isinstance(model, QStandardItemModel)
        row = self.shape.findData("seasonal")
        available = (
            self.draft.frequency in (Frequency.MONTHLY, Frequency.QUARTERLY)
            and seasonal_shape(self._history, self.draft.frequency) is not None
        )
        item = model.item(row)
        item.setEnabled(available)
        item.setToolTip(
            "" if available else self.tr("Needs at least 3 monthly or quarterly values last year.")
        )
        if not available and self.shape.currentData() == "seasonal":
            self.shape.blockSignals(True)
            self.shape.setCurrentIndex(self.shape.findData("even"))
            self.shape.blockSignals(False)

    def _draw(self) -> None:
        base = self._number(self.baseline)
        target = self._number(self.target)
        freq = self.draft.frequency
        base_period = baseline_period(self._history, self._as_of, freq)
        target_date: dt.date = self.target_date.date().toPython()  # type: ignore[assignment]
        is_range = self.draft.direction == Direction.RANGE
        line = None
        s = self._sizing
        enough = s is not None and s.enough_history
        if enough and s is not None and s.forecast is not None and s.trend_per_period is not None:
            last = self._history[-1].period
            k = period_index(target_date, freq) - period_index(last, freq)
            if k > 0:
                start = Point(last, s.forecast - s.trend_per_period * k)
                line = (start, Point(add_periods(target_date, freq, 0), s.forecast))
        self.chart.show_plan(
            self._history[-CHART_VALUES:],
            self._sizing if enough else None,
            None if base is None else (base_period, base),
            None if target is None or is_range else (add_periods(target_date, freq, 0), target),
            [] if is_range else self._milestones,
            line,
        )

    # -- DraftPage ---------------------------------------------------------------------------

    def load(self) -> None:
        d = self.draft
        f = d.fields
        self._filling = True
        recorded = self._recorded() if self._recorded is not None else []
        self.source.setCurrentIndex(self.source.findData("recorded" if recorded else "paste"))
        self._show_source_widgets()
        self._history = recorded
        base_period = baseline_period(self._history, self._as_of, d.frequency)
        target_date = f.get("target_date") or default_target_date(base_period, d.frequency)
        self.target_date.setDate(_qdate(target_date))
        self._target_date_touched = f.get("target_date") is not None
        if f.get("baseline_value") is not None:
            self.baseline.setText(self._round_text(float(f["baseline_value"])))
            self._baseline_touched = True
        self.target.setText(
            "" if f.get("target_value") is None else self._round_text(float(f["target_value"]))
        )
        self.tolerance.setValue(round(float(f.get("tolerance") or 0.1) * 100))
        if d.milestones:
            self.shape.setCurrentIndex(self.shape.findData("custom"))
            self._milestones = list(d.milestones)
        self._filling = False
        if d.milestones:
            self._fill_table(d.milestones)
        self._refresh()

    def entered(self) -> None:
        if self.source.currentData() == "paste":
            self._read_history()
        else:
            self._refresh()

    def save(self) -> None:
        d = self.draft
        is_range = d.direction == Direction.RANGE
        base_period = baseline_period(self._history, self._as_of, d.frequency)
        baseline = self._number(self.baseline)
        d.history = list(self._history)
        d.history_label = self.history_label()
        d.sizing = self._sizing
        d.fields["baseline_value"] = baseline
        d.fields["baseline_date"] = base_period if baseline is not None else None
        if is_range:
            d.fields["target_value"] = None
            d.fields["target_date"] = None
            d.milestones = []
            d.milestone_shape = "even"
        else:
            d.fields["target_value"] = self._number(self.target)
            d.fields["target_date"] = self.target_date.date().toPython()
            d.fields["tolerance"] = self.tolerance.value() / 100.0
            d.milestones = list(self._milestones)
            d.milestone_shape = str(self.shape.currentData())

    def problem(self, final: bool) -> str | None:
        if self._history_error:
            return self._history_error
        d = self.draft
        if d.direction == Direction.RANGE:
            return None
        freq = d.frequency
        base_period = baseline_period(self._history, self._as_of, freq)
        if not self.baseline.text().strip():
            return self.tr("Type where you start from (the baseline).")
        baseline = self._number(self.baseline)
        if baseline is None:
            return self.tr("The baseline is not a number.")
        if not self.target.text().strip():
            return self.tr("Type a target, or click one of the suggested targets.")
        target = self._number(self.target)
        if target is None:
            return self.tr("The target is not a number.")
        target_date: dt.date = self.target_date.date().toPython()  # type: ignore[assignment]
        if period_index(target_date, freq) <= period_index(base_period, freq):
            return self.tr("The target date must be after the baseline (%1).").replace(
                "%1", period_label(base_period, freq)
            )
        if target != baseline and (target > baseline) != (d.direction == Direction.INCREASE):
            word = self.tr("above") if d.direction == Direction.INCREASE else self.tr("below")
            better = self.tr("higher") if d.direction == Direction.INCREASE else self.tr("lower")
            return (
                self.tr("Where %1 is better, the target must be %2 the baseline (%3).")
                .replace("%1", better)
                .replace("%2", word)
                .replace("%3", d.format(baseline))
            )
        if self.shape.currentData() == "custom":
            return self._read_table()
        return None

    def show_problem(self, problem: str | None) -> None:
        self.message.set_message(problem or "")

    def sizing(self) -> SizingResult | None:
        return self._sizing

    def history(self) -> list[Point]:
        return list(self._history)

    def milestones(self) -> list[Point]:
        return list(self._milestones)

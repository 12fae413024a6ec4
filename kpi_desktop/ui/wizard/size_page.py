"""Size: what the history says (baseline, normal range, trend, business as usual), three
suggested targets, the user's own target with its attainability in plain words, and the
milestones, with a small chart. The numbers come from services.sizing, as `kpi-desktop
size` prints them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.formatting import count_of, format_date, format_percent, parse_typed
from kpi_desktop.domain.types import Direction, Point
from kpi_desktop.domain.variation.sizing import SizingResult, spread_milestones
from kpi_desktop.i18n.catalogue import translate
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.planning.sizing import (
    limit_lines,
    parse_improvement,
    size_history,
)
from kpi_desktop.ui.prompts import Prompts
from kpi_desktop.ui.widgets.form_fields import (
    FieldMessage,
    WrappedLabel,
    format_number,
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
from kpi_desktop.ui.wizard.size_chart import SizePreview, legend_text
from kpi_desktop.ui.wizard.size_history_box import HistoryBox
from kpi_desktop.ui.wizard.size_milestones_box import MilestonesBox

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
        self.history_box = HistoryBox(
            self.draft,
            workspace=self._ws,
            as_of=self._as_of,
            recorded=self._recorded,
            prompts=self._prompts,
        )
        self.history_box.history_read.connect(self._set_history)
        grid.addWidget(self.history_box, 0, 0)
        grid.addWidget(self._target_box(), 1, 0)
        right = QVBoxLayout()
        self.chart = SizePreview()
        right.addWidget(self.chart, 3)
        self.legend = QLabel(legend_text())
        self.legend.setWordWrap(True)
        font = self.legend.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        self.legend.setFont(font)
        right.addWidget(self.legend)
        self.milestones_box = MilestonesBox(self.draft.fiscal)
        self.milestones_box.shape_changed.connect(self._refresh)
        self.milestones_box.edited.connect(self._on_milestone_edited)
        right.addWidget(self.milestones_box, 2)
        grid.addLayout(right, 0, 1, 2, 1)
        self.message = FieldMessage()
        grid.addWidget(self.message, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

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
        how = self.tr("How sizing works")
        self.help_link = QLabel(f'<a href="help">{how}</a>')
        self.help_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.help_link.linkActivated.connect(lambda _link: self._open_help())
        layout.addWidget(self.help_link, 0, Qt.AlignmentFlag.AlignRight)
        self.baseline.textEdited.connect(self._on_baseline_edited)
        self.improvement.textEdited.connect(self._on_improvement_edited)
        self.target.textChanged.connect(self._refresh)
        self.target_date.dateChanged.connect(self._on_target_date_changed)
        return self.target_group

    # -- history and milestones --------------------------------------------------------------

    def _set_history(self, points: list[Point]) -> None:
        """Use ``points`` (those on or before the as-of date) as the history."""
        self._history = sorted((p for p in points if p.period <= self._as_of), key=_period)
        self.history_box.show_keep(len(self._history))
        self._baseline_touched = False
        if not self._target_date_touched:
            self._filling = True
            self.target_date.setDate(_qdate(self._default_target_date()))
            self._filling = False
        self._refresh()

    def _base_period(self) -> dt.date:
        return baseline_period(self._history, self._as_of, self.draft.frequency, self.draft.fiscal)

    def _default_target_date(self) -> dt.date:
        return default_target_date(self._base_period(), self.draft.frequency, self.draft.fiscal)

    def _on_milestone_edited(self) -> None:
        self._read_table()
        self._draw()
        self.changed()

    def _read_table(self) -> str | None:
        """Read hand-typed milestones; the first unreadable one's problem, or None."""
        self._milestones, problem = self.milestones_box.read(self.draft.frequency)
        return problem

    def _fill_table(self, milestones: list[Point]) -> None:
        self.milestones_box.fill(milestones, self.draft.frequency, self._round_text)

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
            return parse_typed(text)
        except ValueError:
            return None

    # -- milestones --------------------------------------------------------------------------

    # -- the live picture --------------------------------------------------------------------

    def _refresh(self) -> None:
        d = self.draft
        freq, direction = d.frequency, d.direction
        is_range = direction == Direction.RANGE
        n = len(self._history)
        base_period = self._base_period()
        target_date: dt.date = self.target_date.date().toPython()  # type: ignore[assignment]
        target = self._number(self.target)
        sizing = (
            size_history(
                self._history, freq, direction, target_date, target, self._as_of, fiscal=d.fiscal
            )
            if self._history
            else None
        )
        self._sizing = sizing
        # history summary and numbers
        self.history_box.show_summary(self._history, sizing)
        s = sizing
        enough = s is not None and s.enough_history
        if enough and s is not None and s.lower_limit is not None:
            self.history_box.usual.setText(d.format_range(s.lower_limit, s.upper_limit))
        else:
            self.history_box.usual.setText("—")
        if enough and s is not None and s.trend_per_period is not None:
            sign = "+" if s.trend_per_period >= 0 else ""
            per = PER.get(freq.value, "year")
            rate = f"{sign}{d.format(s.trend_per_period, 1)}"
            per_word = QCoreApplication.translate("Commentary", per)
            self.history_box.trend.setText(
                self.tr("%1 a %2").replace("%1", rate).replace("%2", per_word)
            )
        else:
            self.history_box.trend.setText("—")
        # baseline
        if not self._baseline_touched:
            value = s.baseline if s is not None else None
            self.baseline.setText("" if value is None else self._round_text(value))
        self.baseline_from.setText(
            self.tr("in %1").replace("%1", self.draft.period_name(base_period))
        )
        # short history and suggestions
        self.short_note.setVisible(not enough and not is_range)
        if not enough:
            self.short_note.setText(
                self.tr(
                    "Only %1: at least 5 values are needed to judge a target from your "
                    "history. Type where you start and the improvement you want, for "
                    "example +10 %."
                ).replace("%1", self.tr("one value") if n == 1 else count_of(n, "value"))
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
        self.milestones_box.setVisible(not is_range)
        # milestones
        self.milestones_box.update_choices(self._history, self.draft.frequency)
        baseline_value = self._number(self.baseline)
        if not is_range and self.milestones_box.key() != "custom":
            ms: list[Point] = []
            if (
                baseline_value is not None
                and target is not None
                and self.draft.period_number(target_date) > self.draft.period_number(base_period)
            ):
                shape = "seasonal" if self.milestones_box.key() == "seasonal" else "even"
                spread = (baseline_value, target, base_period, target_date, freq, shape)
                ms = spread_milestones(*spread, self._history, self.draft.fiscal)
            self._milestones = ms
            self._fill_table(ms)
        self._draw()
        self.changed()

    def _verdict_text(
        self, s: SizingResult | None, target: float | None, target_date: dt.date, enough: bool
    ) -> str:
        d = self.draft
        if s is None or not enough or target is None:
            if s is not None and s.forecast is not None and enough:
                return (
                    self.tr("Business as usual reaches <b>%1</b> by %2.")
                    .replace("%1", d.format(s.forecast))
                    .replace("%2", format_date(target_date))
                )
            return ""
        chance = s.attainability_for(target)
        if chance is None or s.verdict is None:
            return ""
        color = VERDICT_COLORS[s.verdict]
        pct = (
            format_percent(chance)
            if 0.01 <= chance <= 0.99
            else (self.tr("under 1%") if chance < 0.01 else self.tr("over 99%"))
        )
        return (
            self.tr("A <b>%1</b> chance of reaching it: ").replace("%1", pct)
            + f'<b style="color:{color}">{translate("Sizing", s.verdict_text)}</b>.'
            + "<br>"
            + self.tr("Business as usual reaches %1.").replace("%1", d.format(s.forecast))
        )

    def _draw(self) -> None:
        base = self._number(self.baseline)
        target = self._number(self.target)
        freq = self.draft.frequency
        base_period = self._base_period()
        target_date: dt.date = self.target_date.date().toPython()  # type: ignore[assignment]
        is_range = self.draft.direction == Direction.RANGE
        line = None
        s = self._sizing
        enough = s is not None and s.enough_history
        if enough and s is not None and s.forecast is not None and s.trend_per_period is not None:
            last = self._history[-1].period
            k = self.draft.period_number(target_date) - self.draft.period_number(last)
            if k > 0:
                start = Point(last, s.forecast - s.trend_per_period * k)
                line = (start, Point(self.draft.period_of(target_date), s.forecast))
        limits = None
        if enough and s is not None and self._history:
            limits = limit_lines(s, freq, self._as_of, self._history[-1].period)
        self.chart.show_plan(
            self._history[-CHART_VALUES:],
            limits,
            None if base is None else (base_period, base),
            None if target is None or is_range else (self.draft.period_of(target_date), target),
            [] if is_range else self._milestones,
            line,
        )

    # -- DraftPage ---------------------------------------------------------------------------

    def load(self) -> None:
        d = self.draft
        f = d.fields
        self._filling = True
        recorded = self._recorded() if self._recorded is not None else []
        self.history_box.set_source("recorded" if recorded else "paste")
        self._history = recorded
        target_date = f.get("target_date") or self._default_target_date()
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
            self.milestones_box.choose("custom")
            self._milestones = list(d.milestones)
        self._filling = False
        if d.milestones:
            self._fill_table(d.milestones)
        self._refresh()

    def entered(self) -> None:
        if self.history_box.key() == "paste":
            self.history_box.read()
        else:
            self._refresh()

    def save(self) -> None:
        d = self.draft
        is_range = d.direction == Direction.RANGE
        base_period = self._base_period()
        baseline = self._number(self.baseline)
        d.history = list(self._history)
        d.history_label = self.history_box.label()
        d.keep_history = self.history_box.keeps() and bool(self._history)
        d.history_source = self.history_box.source_text()
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
            d.milestone_shape = str(self.milestones_box.key())

    def problem(self, final: bool) -> str | None:
        if self.history_box.error:
            return self.history_box.error
        d = self.draft
        if d.direction == Direction.RANGE:
            return None
        base_period = self._base_period()
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
        if self.draft.period_number(target_date) <= self.draft.period_number(base_period):
            return self.tr("The target date must be after the baseline (%1).").replace(
                "%1", self.draft.period_name(base_period)
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
        if self.milestones_box.key() == "custom":
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

"""Review: the SMART checklist (each letter passes or warns with a concrete fix), the quality
checks, a review date and a summary. The rules are domain/smart.py's, as `kpi-desktop
check` runs them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.formatting import format_date, format_percent
from kpi_desktop.domain.periods import period_label
from kpi_desktop.domain.smart import LETTER_NAMES, LETTER_QUESTIONS, LETTERS, Finding
from kpi_desktop.domain.types import Direction
from kpi_desktop.domain.variation.sizing import VERDICT_TEXT, verdict_for
from kpi_desktop.i18n.catalogue import translate
from kpi_desktop.ui.widgets.form_fields import (
    FieldMessage,
    OptionalDateField,
    WrappedLabel,
    hint_label,
    make_form,
)
from kpi_desktop.ui.wizard.draft import DraftPage, KpiDraft
from kpi_desktop.ui.wizard.quantify_page import describe

PASS_COLOR, WARN_COLOR, FAIL_COLOR = "#00714F", "#9A6700", "#B3261E"
SHAPE_WORDS = {
    "even": QT_TRANSLATE_NOOP("ReviewPage", "evenly"),
    "seasonal": QT_TRANSLATE_NOOP("ReviewPage", "like last year's ups and downs"),
    "custom": QT_TRANSLATE_NOOP("ReviewPage", "by hand"),
}

Checker = Callable[[KpiDraft], list[Finding]]


def _date(d: dt.date) -> str:
    return format_date(d)


class ReviewPage(DraftPage):
    def __init__(self, draft: KpiDraft, checker: Checker, goal_title: Callable[[], str]) -> None:
        super().__init__(draft)
        self._checker = checker
        self._goal_title = goal_title
        self.findings: list[Finding] = []
        self.setTitle(self.tr("Review: is it a good KPI?"))
        self.setSubTitle(
            self.tr(
                "A good KPI is Specific, Measurable, Attainable, Relevant and Time-bound. "
                "Warnings do not stop you: fix what you can now, the rest later."
            )
        )
        self._build()

    def _build(self) -> None:
        self.summary = WrappedLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.review_date = OptionalDateField()
        summary_box = QGroupBox(self.tr("Summary"))
        box_layout = QVBoxLayout(summary_box)
        box_layout.addWidget(self.summary)
        form = make_form()
        form.addRow(self.tr("Review it on:"), self.review_date)
        box_layout.addLayout(form)

        self.checklist = QWidget()
        self.grid = QGridLayout(self.checklist)
        self.grid.setColumnStretch(1, 1)
        self.grid.setVerticalSpacing(6)
        self.rows: dict[str, tuple[QLabel, WrappedLabel]] = {}
        for i, letter in enumerate(LETTERS):
            mark = QLabel()
            mark.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            mark.setMinimumWidth(22)
            text = WrappedLabel()
            text.setTextFormat(Qt.TextFormat.RichText)
            self.grid.addWidget(mark, i, 0)
            self.grid.addWidget(text, i, 1)
            self.rows[letter] = (mark, text)
        self.grid.setRowStretch(len(LETTERS), 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.checklist)
        checks = QGroupBox(self.tr("Checklist"))
        checks_layout = QVBoxLayout(checks)
        checks_layout.setContentsMargins(4, 4, 4, 4)
        checks_layout.addWidget(scroll)

        self.message = FieldMessage()
        self.finish_note = hint_label(
            self.tr("Finish saves the KPI and its milestones; Edit > Undo takes it back.")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(summary_box)
        layout.addWidget(checks, 1)
        layout.addWidget(self.finish_note)
        layout.addWidget(self.message)
        self.review_date.date_changed.connect(lambda _d: self._on_review_date_changed())

    # -- showing ---------------------------------------------------------------------------

    def _on_review_date_changed(self) -> None:
        self.draft.fields["review_date"] = self.review_date.date()
        self.refresh()

    def load(self) -> None:
        self.review_date.set_date(self.draft.fields.get("review_date"))

    def entered(self) -> None:
        self.draft.fields["review_date"] = self.review_date.date()
        self.refresh()

    def refresh(self) -> None:
        self.findings = self._checker(self.draft)
        for letter in LETTERS:
            mark, text = self.rows[letter]
            mine = [f for f in self.findings if f.letter == letter]
            unjudged = not mine and letter == "A" and self._attainability_unjudged()
            if unjudged:
                glyph, color = "–", "#666666"
            elif not mine:
                glyph, color = "✓", PASS_COLOR
            elif any(f.severity == "fail" for f in mine):
                glyph, color = "✗", FAIL_COLOR
            else:
                glyph, color = "!", WARN_COLOR
            mark.setText(f'<b style="color:{color}; font-size:large">{glyph}</b>')
            head = (
                f"<b>{LETTER_NAMES[letter]}</b>"
                f' <span style="color:#555">— {LETTER_QUESTIONS[letter]}</span>'
            )
            lines = [head]
            for f in mine:
                fix = self.tr("Fix:")
                lines.append(f"{f.message} <i>{fix}</i> {f.fix}")
            if unjudged:
                lines.append(self.tr("Not judged yet: it takes at least 5 past values to tell."))
            elif not mine:
                yes = self.tr("Yes.")
                lines.append(f'<span style="color:{PASS_COLOR}">{yes}</span>')
            text.setText("<br>".join(lines))
        self.summary.setText(self._summary())

    def _attainability_unjudged(self) -> bool:
        d = self.draft
        if d.direction == Direction.RANGE:
            return False
        return d.sizing is None or not d.sizing.enough_history

    def _summary(self) -> str:
        d = self.draft
        f = d.fields
        objective = d.new_goal_title or self._goal_title()
        new = self.tr(" (new)") if d.new_goal_title else ""
        lines = [self.tr("<b>Objective:</b> %1").replace("%1", objective + new)]
        lines.append(describe(f))
        freq = d.frequency
        has_target = f.get("target_value") is not None and f.get("target_date") is not None
        if d.direction != Direction.RANGE and has_target:
            target = (
                self.tr("<b>Target:</b> %1 by %2")
                .replace("%1", d.format_exact(f["target_value"]))
                .replace("%2", _date(f["target_date"]))
            )
            if f.get("baseline_value") is not None and f.get("baseline_date") is not None:
                target += (
                    self.tr(", from %1 in %2")
                    .replace("%1", d.format_exact(f["baseline_value"]))
                    .replace("%2", period_label(f["baseline_date"], freq, fiscal=d.fiscal))
                )
            s = d.sizing
            if s is not None and s.enough_history:
                chance = s.attainability_for(float(f["target_value"]))
                verdict = verdict_for(chance)
                if chance is not None and verdict is not None:
                    target += (
                        self.tr(" (%1 chance: %2)")
                        .replace("%1", format_percent(chance))
                        .replace("%2", translate("Sizing", VERDICT_TEXT[verdict]))
                    )
            lines.append(target + ".")
            if d.milestones:
                lines.append(
                    self.tr("%1 milestones, %2; tolerance %3 %.")
                    .replace("%1", str(len(d.milestones)))
                    .replace("%2", self.tr(SHAPE_WORDS.get(d.milestone_shape, "")))
                    .replace("%3", f"{float(f.get('tolerance') or 0.1) * 100:.0f}")
                )
        if d.history:
            used = d.sizing.n_values if d.sizing is not None else len(d.history)
            count = (
                str(used)
                if used == len(d.history)
                else self.tr("the latest %1 of %2")
                .replace("%1", str(used))
                .replace("%2", str(len(d.history)))
            )
            lines.append(
                self.tr("Sized from %1 values (%2).")
                .replace("%1", count)
                .replace("%2", d.history_label)
            )
        return "<br>".join(lines)

    # -- DraftPage ---------------------------------------------------------------------------

    def save(self) -> None:
        self.draft.fields["review_date"] = self.review_date.date()

    def show_problem(self, problem: str | None) -> None:
        self.message.set_message(problem or "")

    def passes(self, letter: str) -> bool:
        return not any(f.letter == letter for f in self.findings)

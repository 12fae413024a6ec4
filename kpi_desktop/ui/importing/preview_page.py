"""The import wizard's Preview page: what would be written, every bad row, replacing or
keeping stored values; its button imports."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from contextlib import suppress

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWizard, QWizardPage

from kpi_desktop.domain.periods import period_label
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.importing.file_import import ImportFailed, ImportPlan, stored_values
from kpi_desktop.services.tracking.measurements import OnConflict
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.importing.state import ImportState
from kpi_desktop.ui.importing.texts import count, listed, problem_text
from kpi_desktop.ui.importing.widgets import (
    RowProblemsModel,
    RowsModel,
    busy_cursor,
    fit_column,
    rows_table,
    uncheck_all,
)
from kpi_desktop.ui.widgets.form_fields import (
    ChoiceButtons,
    FieldMessage,
    WrappedLabel,
    format_number,
)

PREVIEW_ROWS = 20


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
        self.rows_view = rows_table(self.rows_model, 2)
        self.problems_label = WrappedLabel()
        self.problems_label.setObjectName("fieldMessage")
        self.problems_model = RowProblemsModel(self)
        self.problems_view = rows_table(self.problems_model, 3)
        # A million bad rows: size the columns from the rows in sight (each row is put in
        # words when shown), the row numbers from the last (largest) one.
        self.problems_view.horizontalHeader().setResizeContentsPrecision(0)
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
        uncheck_all(self.conflict_choice, (OnConflict.REPLACE, OnConflict.KEEP))
        failed = s.error if isinstance(s.error, ImportFailed) else None
        self.rows_view.setVisible(s.plan is not None)
        self.problems_label.setVisible(failed is not None)
        self.problems_view.setVisible(failed is not None)
        self.problems_model.set_problems(failed.problems if failed is not None else [])
        if failed is not None and failed.problems:
            fit_column(self.problems_view, 0, str(failed.problems[-1].row))
        if failed is not None:
            self.summary.setText(
                self.tr(
                    "Nothing can be imported from %1: fix the rows below in the file, then go "
                    "Back and read it again."
                ).replace("%1", failed.path.name)
            )
            text = f"\u26a0 {count(len(failed.problems), 'bad row')}:"
            if failed.unknown_kpi_rows:
                text += " " + self.tr(
                    'to import KPIs that do not exist yet, go Back and tick "Create KPIs '
                    "that don't exist yet\"."
                )
            self.problems_label.setText(text)
        if s.plan is not None:
            try:
                with busy_cursor():
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
        ids = plan.matched_ids()
        freqs = plan.frequencies()
        rows = []
        for name, period, value, row in plan.preview(PREVIEW_ROWS):
            stored = s.stored.get((ids[name], period)) if name in ids else None
            rows.append(
                (
                    str(row),
                    period_label(period, freqs.get(name, Frequency.MONTHLY)),
                    name,
                    format_number(value),
                    "" if stored is None else format_number(stored[0]),
                )
            )
        self.rows_model.set_rows(rows)
        self.rows_view.setColumnHidden(4, not s.stored)
        self.summary.setText(self._summary(plan))
        if s.stored:
            self.conflict_text.setText(self._conflict_text(plan, ids, freqs))

    def _summary(self, plan: ImportPlan) -> str:
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
            names = [f"{n} ({f.value})" for n, f in plan.kpis_to_create]
            lines.append(
                self.tr('KPIs to create under "%1": %2')
                .replace("%1", plan.goal)
                .replace("%2", listed(names, 8))
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
        return "\n".join(lines)

    def _conflict_text(
        self, plan: ImportPlan, ids: dict[str, int], freqs: dict[str, Frequency]
    ) -> str:
        stored = self.state.stored
        name_of = {kid: name for name, kid in ids.items()}
        examples = [
            f"{name_of[kid]} {period_label(period, freqs[name_of[kid]])}"
            for kid, period in itertools.islice(stored, 3)
        ]
        same = sum(
            1
            for name, period, value, _row in plan.values
            if name in ids
            and (old := stored.get((ids[name], period))) is not None
            and old[0] == value
        )
        text = (
            self.tr("%1 of the file are for periods that already have one (%2).")
            .replace("%1", count(len(stored), "value"))
            .replace("%2", ", ".join(examples) + (", …" if len(stored) > 3 else ""))
        )
        if same:
            text += " " + (
                self.tr("All of them are the same as stored.")
                if same == len(stored)
                else self.tr("%1 the same as stored.").replace(
                    "%1", f"{same:,} {'is' if same == 1 else 'are'}"
                )
            )
        return text + " " + self.tr("What should happen to them?")

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

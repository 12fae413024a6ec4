"""NewKpiWizard: Align > Quantify > Size > Review, for a new KPI or "Edit with wizard…".

Nothing is written until Finish, which pushes ONE undo step: AddKpi (new) or
EditKpiWithMilestones (edit), each writing the KPI and its milestones in one transaction.
When the user also typed a new objective or changed the objective's perspective, those
commands go into the same undo macro, so one Undo still takes everything back. Cancel
writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget, QWizard

from kpi_desktop.domain.types import Point
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.planning.kpis import KPI_FIELDS
from kpi_desktop.services.planning.quality import check_draft
from kpi_desktop.services.planning.workspace_settings import fiscal_year
from kpi_desktop.ui.commands import AddGoal, AddKpi, EditGoal, EditKpiWithMilestones
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.prompts import Prompts
from kpi_desktop.ui.widgets.form_fields import INVALID_FIELD_STYLE
from kpi_desktop.ui.wizard.align_page import AlignPage
from kpi_desktop.ui.wizard.draft import KpiDraft
from kpi_desktop.ui.wizard.quantify_page import QuantifyPage
from kpi_desktop.ui.wizard.review_page import ReviewPage
from kpi_desktop.ui.wizard.size_page import SizePage

ALIGN, QUANTIFY, SIZE, REVIEW = range(4)
HELP_PAGE = ("help", "how-sizing-works.md")


def open_sizing_help() -> None:
    """Open the "How sizing works" page in the system's viewer (does not block)."""
    from kpi_desktop.ui.help_viewer import help_page

    path = help_page(HELP_PAGE[1])
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def system_currency() -> tuple[str, str]:
    """The user's currency as (ISO code, symbol), EUR/€ when the system does not say."""
    locale = QLocale.system()
    code = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
    symbol = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol)
    return (code or "EUR", symbol or code or "€")


class NewKpiWizard(QWizard):
    """Guided set-up of a KPI. After Finish, ``result_kpi_id`` is the KPI's id.

    ``goal_id`` preselects the objective of a new KPI; ``kpi_id`` edits that KPI (pages
    prefilled). ``prompts`` asks the user (tests pass ScriptedPrompts); ``open_help`` opens
    the "How sizing works" page (default: the system's viewer on the resource file).
    """

    kpi_saved = Signal(int)

    def __init__(
        self,
        document: Document,
        goal_id: int | None = None,
        kpi_id: int | None = None,
        parent: QWidget | None = None,
        *,
        prompts: Prompts | None = None,
        open_help: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.kpi_id = kpi_id
        self.result_kpi_id: int | None = None
        ws = document.workspace
        self._goals = {g.id: g for g in ws.goals.list() if g.id is not None}
        self.draft = self._initial_draft(goal_id, kpi_id)
        self.draft.fiscal = fiscal_year(ws)
        self._original_perspective = self._perspective_of(self.draft.goal_id)
        currency = system_currency()
        as_of = document.as_of
        recorded = None
        if kpi_id is not None:
            kid = kpi_id

            def recorded() -> list[Point]:
                return ws.measurements.points(kid, up_to=as_of)

        self.setWindowTitle(self.tr("Edit KPI") if kpi_id is not None else self.tr("New KPI"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setStyleSheet(INVALID_FIELD_STYLE)
        self.align_page = AlignPage(
            self.draft, list(self._goals.values()), editing=kpi_id is not None, currency=currency
        )
        self.quantify_page = QuantifyPage(
            self.draft, self._names_in_goal, currency, workspace=ws, kpi_id=kpi_id
        )
        self.size_page = SizePage(
            self.draft,
            workspace=ws,
            as_of=as_of,
            recorded=recorded,
            prompts=prompts or Prompts(self),
            open_help=open_help or open_sizing_help,
        )
        self.review_page = ReviewPage(self.draft, self._check, self._goal_title)
        self.setPage(ALIGN, self.align_page)
        self.setPage(QUANTIFY, self.quantify_page)
        self.setPage(SIZE, self.size_page)
        self.setPage(REVIEW, self.review_page)
        self.resize(820, 620)

    # -- the draft ---------------------------------------------------------------------------

    def _initial_draft(self, goal_id: int | None, kpi_id: int | None) -> KpiDraft:
        ws = self.document.workspace
        draft = KpiDraft(goal_id=goal_id if goal_id in self._goals else None)
        if kpi_id is not None:
            kpi = ws.kpis.get(kpi_id)
            draft.fields = {key: getattr(kpi, key) for key in KPI_FIELDS}
            draft.goal_id = kpi.goal_id
            draft.milestones = [Point(m.date, m.value) for m in ws.kpis.milestones(kpi_id)]
            draft.milestone_shape = "custom" if draft.milestones else "even"
        draft.perspective = self._perspective_of(draft.goal_id)
        return draft

    def _perspective_of(self, goal_id: int | None) -> str | None:
        goal = self._goals.get(goal_id) if goal_id is not None else None
        return (goal.perspective or None) if goal is not None else None

    def _names_in_goal(self, goal_id: int | None) -> list[str]:
        if goal_id is None:
            return []
        return [
            k.name
            for k in self.document.workspace.kpis.list(goal_id=goal_id)
            if k.id != self.kpi_id
        ]

    def _goal_title(self) -> str:
        goal = self._goals.get(self.draft.goal_id) if self.draft.goal_id is not None else None
        return goal.title if goal is not None else ""

    def _check(self, draft: KpiDraft) -> list[Any]:
        return check_draft(
            self.document.workspace,
            draft.goal_id,
            draft.fields,
            draft.history,
            kpi_id=self.kpi_id,
            new_objective=draft.new_goal_title,
            as_of=self.document.as_of,
        )

    # -- Finish ------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        if result == QWizard.DialogCode.Accepted:
            if not self.validateCurrentPage():
                return
            error = self._write()
            if error is not None:
                self.review_page.show_problem(error.message)
                return
        super().done(result)

    def _write(self) -> KpiDesktopError | None:
        """Push the undo step(s) of Finish; the refusal, if any."""
        if self.result_kpi_id is not None:  # already written (done() called twice)
            return None
        d = self.draft
        doc = self.document
        fields = {key: d.fields.get(key, default) for key, default in KPI_FIELDS.items()}
        name = str(fields.pop("name"))
        new_goal = bool(d.new_goal_title) and self.kpi_id is None
        perspective_changed = (d.perspective or None) != (
            None if new_goal else self._original_perspective
        )
        macro = new_goal or perspective_changed
        stack = doc.undo_stack
        error: KpiDesktopError | None = None
        if macro:
            stack.beginMacro(
                self.tr('Edit KPI "%1"').replace("%1", name)
                if self.kpi_id is not None
                else self.tr('Add KPI "%1"').replace("%1", name)
            )
        try:
            goal_id = d.goal_id
            if new_goal:
                add_goal = AddGoal(doc, d.new_goal_title)
                error = doc.push(add_goal)
                goal_id = add_goal.goal_id
            if error is None and perspective_changed and goal_id is not None:
                error = doc.push(EditGoal(doc, goal_id, perspective=d.perspective))
            if error is None and self.kpi_id is None:
                assert goal_id is not None
                kept = d.history if d.keep_history else []
                add = AddKpi(
                    doc,
                    goal_id,
                    name,
                    d.milestones,
                    history=kept,
                    source=d.history_source,
                    **fields,
                )
                error = doc.push(add)
                if error is None:
                    self.result_kpi_id = add.kpi_id
            elif error is None and self.kpi_id is not None:
                error = doc.push(
                    EditKpiWithMilestones(doc, self.kpi_id, d.milestones, name=name, **fields)
                )
                if error is None:
                    self.result_kpi_id = self.kpi_id
        finally:
            if macro:
                stack.endMacro()
        if error is not None and macro:
            stack.undo()  # take back the goal made before the refusal
        if error is None and self.result_kpi_id is not None:
            self.kpi_saved.emit(self.result_kpi_id)
        return error

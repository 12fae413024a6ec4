"""KPI > Plan next year…: one table of this year's KPIs with the target the sizing proposes
for the coming (fiscal) year; the owner ticks, accepts or edits each, and one undoable step
gives every ticked KPI its plan for next year (services.planning.next_year)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.formatting import format_date, format_number, parse_typed
from kpi_desktop.services.planning.next_year import (
    NextYearPlan,
    plan_next_year,
    propose_next_year,
)
from kpi_desktop.services.planning.revisions import Revision, withdraw_revision
from kpi_desktop.ui.commands import EditCommand, translate
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.widgets.field_messages import FieldMessage, WrappedLabel

KPI, GOAL, THIS_YEAR, START, TARGET = range(5)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:,.10g}"


class PlanNextYear(EditCommand):
    """Every chosen KPI's plan for next year; undo withdraws them (this year is untouched)."""

    def __init__(self, doc: Document, plan: NextYearPlan, targets: dict[int, float]) -> None:
        text = translate("Undo", "Plan {0} ({1} KPIs)")
        super().__init__(doc, text.format(plan.name, format_number(len(targets))))
        self.plan, self.targets = plan, targets
        self._made: list[Revision] = []

    def apply(self) -> None:
        self._made = plan_next_year(self.doc.workspace, self.plan, self.targets)

    def revert(self) -> None:
        for revision in reversed(self._made):
            withdraw_revision(self.doc.workspace, revision)
        self._made = []


class PlanNextYearDialog(QDialog):
    """The proposal as a table: tick, accept or edit each KPI's target, then Plan."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self.plan = propose_next_year(document.workspace, document.as_of)
        plan = self.plan
        self.setWindowTitle(self.tr("Plan %1").replace("%1", plan.name))
        intro = WrappedLabel(
            self.tr(
                "Each ticked KPI keeps its definition, owner and values and gets a plan for "
                "%1 (%2 to %3): it starts from where it stands (its baseline) and aims at the "
                "target below, proposed from its own history as challenging yet attainable. "
                "This year's plan and statuses stay as they are."
            )
            .replace("%1", plan.name)
            .replace("%2", format_date(plan.start))
            .replace("%3", format_date(plan.end))
        )
        self.table = QTableWidget(len(plan.kpis), 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("KPI"),
                self.tr("Goal"),
                self.tr("This year's target"),
                self.tr("Starts from"),
                self.tr("Target for %1").replace("%1", plan.name),
            ]
        )
        self.table.verticalHeader().hide()
        fixed = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        for row, kpi in enumerate(plan.kpis):
            name = QTableWidgetItem(kpi.name)
            name.setFlags(fixed | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(
                Qt.CheckState.Checked if kpi.proposed is not None else Qt.CheckState.Unchecked
            )
            self.table.setItem(row, KPI, name)
            for column, text in (
                (GOAL, kpi.goal),
                (THIS_YEAR, kpi.this_text),
                (START, kpi.baseline_text),
            ):
                item = QTableWidgetItem(text)
                item.setFlags(fixed)
                self.table.setItem(row, column, item)
            target = QTableWidgetItem(_number(kpi.proposed))
            if kpi.proposed is None:
                target.setToolTip(kpi.why_none)
            self.table.setItem(row, TARGET, target)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(KPI, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(GOAL, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        self.message = FieldMessage()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.plan_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.plan_button.setText(self.tr("Plan next year"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.table, 1)
        box.addWidget(self.message)
        box.addWidget(buttons)
        self.resize(860, 460)

    def targets(self) -> dict[int, float]:
        """The ticked KPIs' targets; a target that is not a number raises ValueError."""
        out: dict[int, float] = {}
        for row, kpi in enumerate(self.plan.kpis):
            if self.table.item(row, KPI).checkState() != Qt.CheckState.Checked:
                continue
            text = self.table.item(row, TARGET).text()
            try:
                out[kpi.kpi_id] = parse_typed(text)
            except ValueError:
                raise ValueError(
                    self.tr('The target for "%1" must be a number (got "%2")')
                    .replace("%1", kpi.name)
                    .replace("%2", text)
                ) from None
        return out

    def accept(self) -> None:
        try:
            targets = self.targets()
        except ValueError as exc:
            self.message.set_message(str(exc))
            return
        error = self._doc.push(PlanNextYear(self._doc, self.plan, targets))
        if error is not None:
            self.message.set_message(error.message)
            return
        super().accept()


def open_plan_next_year(document: Document, parent: QWidget | None) -> PlanNextYearDialog:
    """Open the (window-modal, non-blocking) dialog."""
    dialog = PlanNextYearDialog(document, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return dialog

"""The import wizard's Result page: what the import did."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWizardPage

from kpi_desktop.ui.importing.state import DEFAULT_GOAL, ImportState
from kpi_desktop.ui.importing.texts import count, listed
from kpi_desktop.ui.widgets.form_fields import WrappedLabel, hint_label

CREATED_SHOWN = 60  # names of created KPIs listed (the page has room for about 300)


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
            "• " + count(r.inserted, "new value"),
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
                .replace("%3", listed(r.kpis_created, CREATED_SHOWN))
            )
        else:
            self.created.setText(self.tr("No KPIs were created."))
        self.skipped.setText(
            self.tr("Skipped columns: %1").replace("%1", ", ".join(r.skipped_columns))
            if r.skipped_columns
            else ""
        )

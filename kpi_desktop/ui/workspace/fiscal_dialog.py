"""Edit > Fiscal year…: the month the business's year starts in (a setting of the
workspace, so everybody who opens it sees the same quarters and years)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kpi_desktop.domain.formatting import style
from kpi_desktop.domain.periods import FiscalYear
from kpi_desktop.ui.widgets.form_fields import WrappedLabel, make_combo
from kpi_desktop.ui.workspace.stale_dialog import SettingDialog


class FiscalYearDialog(SettingDialog):
    """A month combo ("Fiscal year starts in") with what the choice means, in words."""

    def __init__(self, fiscal: FiscalYear, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month = make_combo(list(enumerate(style().months, 1)))
        self.month.setCurrentIndex(fiscal.start_month - 1)
        self.meaning = WrappedLabel("")
        self.month.currentIndexChanged.connect(self._show_meaning)
        self.lay_out(
            self.tr("Fiscal year"),
            self.tr(
                "Yearly and quarterly KPIs, “this year” and the meeting report follow the "
                "fiscal year. With April, a year runs from 1 April to 31 March and is "
                "called “FY 2026/27”; its first quarter is April to June."
            ),
            self.tr("Fiscal year &starts in:"),
            self.month,
            self.meaning,
        )
        self._show_meaning()

    def start_month(self) -> int:
        """The month chosen, 1 (January) to 12."""
        return int(self.month.currentData())

    def _show_meaning(self) -> None:
        fiscal = FiscalYear(self.start_month())
        words = (
            self.tr("The calendar year: quarters start in January, April, July and October.")
            if fiscal.is_calendar
            else self.tr("Years run %1; quarters start in %2.")
            .replace("%1", fiscal.describe())
            .replace(
                "%2",
                ", ".join(style().months[(fiscal.start_month - 1 + 3 * q) % 12] for q in range(4)),
            )
        )
        self.meaning.setText(words)

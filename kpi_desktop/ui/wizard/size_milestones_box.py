"""The Size page's milestones box: how the way from baseline to target is spread over the
periods (evenly, like last year's ups and downs, or typed by hand) and the table of aims."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from kpi_desktop.domain.formatting import parse_typed
from kpi_desktop.domain.periods import CALENDAR_YEAR, FiscalYear, period_label
from kpi_desktop.domain.types import Frequency, Point
from kpi_desktop.domain.variation.sizing import seasonal_shape
from kpi_desktop.ui.widgets.form_fields import make_combo


class MilestonesBox(QGroupBox):
    """The milestone shape and table; `edited` when the user types an aim."""

    edited = Signal()
    shape_changed = Signal()

    def __init__(self, fiscal: FiscalYear = CALENDAR_YEAR) -> None:
        super().__init__()
        self.fiscal = fiscal  # the workspace's: names quarters and years
        self.setTitle(self.tr("Milestones"))
        self._filling = False
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
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setMinimumHeight(90)
        layout = QVBoxLayout(self)
        layout.addWidget(self.shape)
        layout.addWidget(self.table, 1)
        self.shape.currentIndexChanged.connect(self.shape_changed)
        self.table.itemChanged.connect(self._on_item_changed)

    def key(self) -> str:
        return str(self.shape.currentData())

    def _choose_quietly(self, key: str) -> None:
        self.shape.blockSignals(True)
        self.shape.setCurrentIndex(self.shape.findData(key))
        self.shape.blockSignals(False)

    def choose(self, key: str) -> None:
        self.shape.setCurrentIndex(self.shape.findData(key))

    def _on_item_changed(self, _item: QTableWidgetItem) -> None:
        if self._filling:
            return
        if self.key() != "custom":
            self._choose_quietly("custom")
        self.edited.emit()

    def read(self, freq: Frequency) -> tuple[list[Point], str | None]:
        """The aims typed in the table, up to the first unreadable one, and its problem."""
        out: list[Point] = []
        for row in range(self.table.rowCount()):
            period_item, value_item = self.table.item(row, 0), self.table.item(row, 1)
            period = period_item.data(Qt.ItemDataRole.UserRole)
            text = value_item.text().strip() if value_item is not None else ""
            try:
                out.append(Point(period, parse_typed(text)))
            except ValueError:
                problem = self.tr("The aim for %1 is not a number.").replace(
                    "%1", period_label(period, freq, fiscal=self.fiscal)
                )
                return out, problem
        return out, None

    def fill(self, milestones: list[Point], freq: Frequency, text: Callable[[float], str]) -> None:
        """Show ``milestones`` (the period is not editable; the aim is)."""
        self._filling = True
        try:
            self.table.setRowCount(len(milestones))
            for row, m in enumerate(milestones):
                period = QTableWidgetItem(period_label(m.period, freq, fiscal=self.fiscal))
                period.setData(Qt.ItemDataRole.UserRole, m.period)
                period.setFlags(period.flags() & ~Qt.ItemFlag.ItemIsEditable)
                value = QTableWidgetItem(text(m.value))
                value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, 0, period)
                self.table.setItem(row, 1, value)
        finally:
            self._filling = False

    def update_choices(self, history: list[Point], freq: Frequency) -> None:
        """Offer "like last year" only where last year has enough monthly or quarterly
        values."""
        model = self.shape.model()
        assert isinstance(model, QStandardItemModel)
        available = (
            freq in (Frequency.MONTHLY, Frequency.QUARTERLY)
            and seasonal_shape(history, freq, self.fiscal) is not None
        )
        item = model.item(self.shape.findData("seasonal"))
        item.setEnabled(available)
        item.setToolTip(
            "" if available else self.tr("Needs at least 3 monthly or quarterly values last year.")
        )
        if not available and self.key() == "seasonal":
            self._choose_quietly("even")

"""The Strategy map tab: perspectives as bands, goals as boxes coloured by status with
their KPIs, "drives" links the owner draws (Link goals, then two clicks; undoable) and
dashed arrows for the inputs of calculated KPIs. A click on a KPI opens it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.reports.strategy_map.layout import MapLayout, lay_out
from kpi_desktop.reports.strategy_map.painting import export_map, paint_map
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.strategy_map.map_data import StrategyMap, strategy_map
from kpi_desktop.ui.calculated.commands import AddGoalLink, RemoveGoalLink
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.prompts import Prompts


class MapCanvas(QWidget):
    """Paints the layout; tells which goal, KPI or link was clicked."""

    clicked = Signal(QPointF)

    def __init__(self) -> None:
        super().__init__()
        self.layout_: MapLayout | None = None
        self.selected_goal: int | None = None
        self.selected_link: int | None = None
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def set_layout(self, layout: MapLayout) -> None:
        self.layout_ = layout
        self.setFixedSize(int(layout.width), int(layout.height))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if self.layout_ is None:
            return
        painter = QPainter(self)
        try:
            paint_map(
                painter,
                self.layout_,
                selected_goal=self.selected_goal,
                selected_link=self.selected_link,
            )
        finally:
            painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.clicked.emit(event.position())
        super().mousePressEvent(event)


class StrategyMapTab(QWidget):
    kpi_selected = Signal(int)

    def __init__(self, document: Document, prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc, self._prompts = document, prompts
        self.data: StrategyMap | None = None
        self.linking_from: int | None = None  # the driver chosen, waiting for the driven
        self.link_button = QPushButton(self.tr("Link goals"))
        self.link_button.setCheckable(True)
        self.link_button.setToolTip(self.tr("Click the goal that drives, then the goal it drives"))
        self.remove_button = QPushButton(self.tr("Remove link"))
        self.remove_button.setEnabled(False)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save the map as PNG, SVG or PDF"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)  # on two lines beside the editor panel, never cut
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar = QHBoxLayout()
        for button in (self.link_button, self.remove_button, self.export_button):
            bar.addWidget(button)
        bar.addWidget(self.hint, 1)
        self.canvas = MapCanvas()
        scroll = QScrollArea()
        scroll.setWidget(self.canvas)
        scroll.setWidgetResizable(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        self.link_button.toggled.connect(self._on_link_mode)
        self.remove_button.clicked.connect(self.remove_selected_link)
        self.export_button.clicked.connect(self._on_export)
        self.canvas.clicked.connect(lambda p: self.click_at(p.x(), p.y()))
        document.goals_changed.connect(self.refresh)
        document.measurements_changed.connect(lambda _kpi: self.refresh())
        self.refresh()

    @property
    def map_layout(self) -> MapLayout:
        assert self.canvas.layout_ is not None
        return self.canvas.layout_

    def refresh(self) -> None:
        """Read the map again (after any edit: statuses, goals or links may have moved)."""
        self.data = strategy_map(self._doc.workspace, self._doc.as_of, self._doc.plan())
        self.canvas.set_layout(lay_out(self.data))
        self._show_hint()

    def click_at(self, x: float, y: float) -> None:
        layout = self.map_layout
        goal = layout.goal_at(x, y)
        if self.link_button.isChecked():
            if goal is None:
                return
            if self.linking_from is None:
                self.linking_from = goal.goal.id
                self.canvas.selected_goal = goal.goal.id
            else:
                error = self._doc.push(AddGoalLink(self._doc, self.linking_from, goal.goal.id))
                self.linking_from = None
                self.canvas.selected_goal = None
                self.link_button.setChecked(False)
                if error is not None:
                    self.hint.setText(error.message)
                    return
            self._show_hint()
            self.canvas.update()
            return
        kpi = layout.kpi_at(x, y)
        if kpi is not None:
            self.kpi_selected.emit(kpi.id)
            return
        self.canvas.selected_link = layout.link_at(x, y)
        self.canvas.selected_goal = goal.goal.id if goal else None
        self.remove_button.setEnabled(self.canvas.selected_link is not None)
        self.canvas.update()

    def remove_selected_link(self) -> None:
        if self.canvas.selected_link is None:
            return
        error = self._doc.push(RemoveGoalLink(self._doc, self.canvas.selected_link))
        self.canvas.selected_link = None
        self.remove_button.setEnabled(False)
        if error is not None:
            self.hint.setText(error.message)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_selected_link()
            return
        super().keyPressEvent(event)

    def _on_link_mode(self, on: bool) -> None:
        if not on:
            self.linking_from = None
            self.canvas.selected_goal = None
        self._show_hint()
        self.canvas.update()

    def _show_hint(self) -> None:
        if self.link_button.isChecked():
            self.hint.setText(
                self.tr("Now click the goal it drives.")
                if self.linking_from is not None
                else self.tr("Click the goal that drives another.")
            )
            return
        n = len(self.data.links) if self.data else 0
        self.hint.setText(
            self.tr(
                "Drives links: %1. Dashed arrows: inputs of calculated KPIs. "
                "Click a KPI to open it."
            ).replace("%1", str(n))
        )

    def export_to(self, path: str) -> None:
        export_map(self.map_layout, path, f"Strategy map: {self._doc.title}")

    def _on_export(self) -> None:
        path = self._prompts.save_file(
            self.tr("Export the strategy map"), "strategy-map.png",
            self.tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"),
        )  # fmt: skip
        if not path:
            return
        try:
            self.export_to(path)
        except KpiDesktopError as exc:
            self._prompts.error(self.tr("Export failed"), exc.message)

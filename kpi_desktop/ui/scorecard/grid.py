"""TileGrid: the scorecard's tiles in a grid that re-flows with the width (as many columns
as fit, the tiles stretched to fill the row), scrolled smoothly by pixel.

A QListView in a wrapping left-to-right flow with uniform item sizes: Qt lays out and
paints only what it needs, so 2,000 tiles cost what the dozen on screen cost. Click a tile,
or press Enter or Space on the current one, to choose its KPI; arrows, Tab, Home/End and
Page Up/Down move between tiles, and typing a KPI's first letters jumps to it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QStyle, QWidget

from kpi_desktop.ui.scorecard.delegate import KpiTileDelegate
from kpi_desktop.ui.scorecard.model import TileRole
from kpi_desktop.ui.scorecard.tile_layout import TILE_MIN_WIDTH

#: The gap between tiles and around them.
TILE_SPACING = 12
#: How far one step of the mouse wheel or an arrow of the scroll bar moves, in pixels.
SCROLL_STEP = 24


def columns_for(width: int) -> int:
    """How many tiles of at least TILE_MIN_WIDTH fit side by side in `width` pixels."""
    return max(1, width // (TILE_MIN_WIDTH + TILE_SPACING))


class TileGrid(QListView):
    """The tiles of a `ScorecardModel`, painted by a `KpiTileDelegate`."""

    kpi_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile_delegate = KpiTileDelegate(self)
        self.setItemDelegate(self.tile_delegate)
        self._columns = 1
        self._tile_size = QSize()
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setLayoutMode(QListView.LayoutMode.SinglePass)
        self.setUniformItemSizes(True)
        self.setMovement(QListView.Movement.Static)
        # Qt puts the spacing on both sides of each tile: half a gap makes a whole one
        # between tiles; the viewport margins make the other half at the edges.
        half = TILE_SPACING // 2
        self.setSpacing(half)
        self.setViewportMargins(half, half, half, half)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabKeyNavigation(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        self.clicked.connect(self._choose)

    # -- the grid ----------------------------------------------------------------------------

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:  # the number of tiles decides whether a scroll bar is needed
            model.modelReset.connect(self.fit_tiles)
            model.rowsInserted.connect(self.fit_tiles)
            model.rowsRemoved.connect(self.fit_tiles)
        self.fit_tiles()

    def columns(self) -> int:
        return self._columns

    def fit_tiles(self) -> None:
        """Work out the columns and the tile width for the current size and number of
        tiles; show the scroll bar only when the tiles do not all fit."""
        bar = self.verticalScrollBar()
        extent = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, bar)
        policy = self.verticalScrollBarPolicy()
        on = Qt.ScrollBarPolicy.ScrollBarAlwaysOn
        # Qt wraps a row when the next tile would reach the last pixel of the layout width.
        width = self.maximumViewportSize().width() + (extent if policy == on else 0) - 1
        height = self.maximumViewportSize().height()
        count = self.model().rowCount() if self.model() is not None else 0
        tile_height = self.tile_delegate.fonts(self.font()).tile_height()
        columns = columns_for(width)
        rows = math.ceil(count / columns)
        needs_bar = rows * (tile_height + TILE_SPACING) > height
        if needs_bar:
            width -= extent
            columns = columns_for(width)
        tile_width = width // columns - TILE_SPACING
        wanted = on if needs_bar else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        if wanted != policy:
            self.setVerticalScrollBarPolicy(wanted)
        self._columns = columns
        size = QSize(tile_width, tile_height)
        if size != self._tile_size:  # a new width, or a new font: lay the tiles out again
            self._tile_size = size
            self.tile_delegate.set_tile_width(tile_width)
            if count:
                self.tile_delegate.sizeHintChanged.emit(self.model().index(0, 0))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_tiles()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_tiles()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self.verticalScrollBar().setSingleStep(SCROLL_STEP)

    # -- choosing a tile ---------------------------------------------------------------------

    def _choose(self, index: QModelIndex | QPersistentModelIndex) -> None:
        kpi_id = index.data(TileRole.KPI_ID)
        if isinstance(kpi_id, int):
            self.kpi_chosen.emit(kpi_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if event.key() in keys and self.currentIndex().isValid():
            self._choose(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over_tile = self.indexAt(event.position().toPoint()).isValid()
        shape = Qt.CursorShape.PointingHandCursor if over_tile else Qt.CursorShape.ArrowCursor
        if self.viewport().cursor().shape() != shape:
            self.viewport().setCursor(shape)
        super().mouseMoveEvent(event)


__all__ = ["TILE_SPACING", "TileGrid", "columns_for"]

"""ScorecardModel: the scorecard's rows that pass the filter, one list item per KPI tile.

The rows are plain data from `services.scorecard`; filtering rebuilds the list of shown
rows (a list comprehension over plain rows, no Qt objects per KPI). What a tile says
(`TileContent`) is worked out the first time the tile is painted or asked about, so the
cost follows what is on screen, not the number of KPIs.
"""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from kpi_desktop.services.tracking.scorecard import ScorecardFilter, ScorecardRow
from kpi_desktop.ui.scorecard.tile import TileContent, tile_content

_Index = QModelIndex | QPersistentModelIndex


class TileRole(IntEnum):
    KPI_ID = Qt.ItemDataRole.UserRole + 1  # int
    CONTENT = Qt.ItemDataRole.UserRole + 2  # TileContent


class ScorecardModel(QAbstractListModel):
    """The shown scorecard rows in tree order; `TileRole.CONTENT` gives what a tile says."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[ScorecardRow] = []
        self._shown: list[ScorecardRow] = []
        self._filter = ScorecardFilter()
        self._as_of = dt.date.today()
        self._contents: dict[int, TileContent] = {}  # by KPI id, made on first use

    # -- what it holds -----------------------------------------------------------------------

    def set_rows(self, rows: list[ScorecardRow], as_of: dt.date) -> None:
        """Show `rows` (every KPI, at `as_of`) through the current filter."""
        self.beginResetModel()
        self._all = list(rows)
        self._as_of = as_of
        self._contents = {}
        self._shown = self._filter.apply(self._all)
        self.endResetModel()

    def set_filter(self, row_filter: ScorecardFilter) -> None:
        shown = row_filter.apply(self._all)
        self._filter = row_filter
        if [r.kpi_id for r in shown] == [r.kpi_id for r in self._shown]:
            self._shown = shown
            return
        self.beginResetModel()
        self._shown = shown
        self.endResetModel()

    @property
    def row_filter(self) -> ScorecardFilter:
        return self._filter

    def all_rows(self) -> list[ScorecardRow]:
        return list(self._all)

    def shown_rows(self) -> list[ScorecardRow]:
        return list(self._shown)

    def content(self, row: int) -> TileContent:
        """What the tile of shown row `row` says."""
        data = self._shown[row]
        known = self._contents.get(data.kpi_id)
        if known is None:
            known = self._contents[data.kpi_id] = tile_content(data, self._as_of)
        return known

    def contents(self) -> list[TileContent]:
        """What every shown tile says, in order."""
        return [self.content(i) for i in range(len(self._shown))]

    def row_of(self, kpi_id: int) -> int:
        """The shown row of KPI `kpi_id` (-1 when it is filtered out or unknown)."""
        return next((i for i, r in enumerate(self._shown) if r.kpi_id == kpi_id), -1)

    # -- QAbstractListModel ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        row = self._shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.kpi
        if role == TileRole.KPI_ID:
            return row.kpi_id
        if role == TileRole.CONTENT:
            return self.content(index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.content(index.row()).tooltip
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.content(index.row()).accessible_text
        return None


__all__ = ["ScorecardModel", "TileRole"]

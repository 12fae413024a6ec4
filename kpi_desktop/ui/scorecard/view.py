"""ScorecardView: every KPI as a tile (value, sparkline, status, progress, trend), with
filters by status, owner, perspective and "due for a value".

Model/view: the rows are plain data read by `services.scorecard`; `ScorecardModel` holds the
ones that pass the filter, `TileGrid` (a QListView) lays them out as a grid that re-flows
with the width, and `KpiTileDelegate` paints only the tiles on screen. Showing the scorecard
costs one read of the statuses plus the tiles in view, however many KPIs there are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.formatting import format_date
from kpi_desktop.domain.types import Perspective, Status
from kpi_desktop.i18n.catalogue import in_sentence
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.tracking.scorecard import (
    STATUS_ORDER,
    ScorecardFilter,
    ScorecardRow,
    count_by_status,
    scorecard_rows,
)
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.scorecard.grid import TILE_SPACING, TileGrid
from kpi_desktop.ui.scorecard.model import ScorecardModel, TileRole
from kpi_desktop.ui.scorecard.tile import TileContent, perspective_label
from kpi_desktop.ui.scorecard.tile_layout import TILE_MIN_WIDTH
from kpi_desktop.ui.theme import status_icon
from kpi_desktop.ui.widgets.flow_layout import FlowLayout


class ScorecardView(QWidget):
    """Every KPI of the document as a tile, filtered by status, owner and perspective."""

    kpi_selected = Signal(int)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._error = ""
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)

        self.status_combo = QComboBox()
        self.owner_combo = QComboBox()
        self.perspective_combo = QComboBox()
        for combo in (self.status_combo, self.owner_combo, self.perspective_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_combo.setAccessibleName(self.tr("Filter by status"))
        self.owner_combo.setAccessibleName(self.tr("Filter by owner"))
        self.perspective_combo.setAccessibleName(self.tr("Filter by perspective"))
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setContentsMargins(TILE_SPACING, 0, TILE_SPACING, 0)

        # The filters wrap to a second line in a narrow pane rather than being clipped.
        self.filter_bar = QWidget()
        bar = FlowLayout(self.filter_bar, spacing=18)
        bar.setContentsMargins(TILE_SPACING, TILE_SPACING, TILE_SPACING, 0)
        for text, combo in (
            (self.tr("&Status:"), self.status_combo),
            (self.tr("&Owner:"), self.owner_combo),
            (self.tr("&Perspective:"), self.perspective_combo),
        ):
            pair = QWidget()
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(6)
            label = QLabel(text)
            label.setBuddy(combo)
            row.addWidget(label)
            row.addWidget(combo)
            bar.addWidget(pair)
        self.stale_check = QCheckBox(self.tr("Onl&y stale values"))
        self.stale_check.setToolTip(
            self.tr("KPIs whose latest value is older than one period and the grace")
        )
        bar.addWidget(self.stale_check)

        self.model = ScorecardModel(self)
        self.grid = TileGrid()
        self.grid.setModel(self.model)
        self.grid.setAccessibleName(self.tr("KPI tiles"))
        self.grid.kpi_chosen.connect(self.kpi_selected)

        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.show_all_button = QPushButton(self.tr("Show all KPIs"))
        self.show_all_button.clicked.connect(self.clear_filters)
        empty_page = QWidget()
        empty_page.setBackgroundRole(QPalette.ColorRole.Window)
        empty_box = QVBoxLayout(empty_page)
        empty_box.setContentsMargins(TILE_SPACING, TILE_SPACING, TILE_SPACING, TILE_SPACING)
        empty_box.addWidget(self.empty_label)
        empty_box.addWidget(self.show_all_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_box.addStretch(1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.grid)
        self.pages.addWidget(empty_page)

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(TILE_SPACING // 2)
        box.addWidget(self.filter_bar)
        box.addWidget(self.summary_label)
        box.addWidget(self.pages, 1)

        self.status_combo.currentIndexChanged.connect(self._on_combo_changed)
        self.owner_combo.currentIndexChanged.connect(self._on_combo_changed)
        self.perspective_combo.currentIndexChanged.connect(self._on_combo_changed)
        self.stale_check.toggled.connect(self._on_combo_changed)
        document.goals_changed.connect(self._on_document_changed)
        document.kpi_changed.connect(self._on_document_changed)
        document.measurements_changed.connect(self._on_document_changed)
        # Nothing is read until the scorecard is shown (or asked for its tiles): a workspace
        # of 2,000 KPIs opens without reading 2,000 statuses nobody looks at.
        self._dirty = True

    # -- public API --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read every KPI again and show the tiles (keeping the filters, the current tile
        and the scroll position)."""
        self._refresh_timer.stop()
        self._dirty = False
        self._error = ""
        current = self.grid.currentIndex().data(TileRole.KPI_ID)
        scrolled = self.grid.verticalScrollBar().value()
        try:
            rows = scorecard_rows(self._document.workspace, self._document.as_of)
        except KpiDesktopError as exc:
            rows, self._error = [], str(exc)
        self.model.set_rows(rows, self._document.as_of)
        self._fill_combos()
        self._apply_filters()
        if isinstance(current, int):
            self._make_current(current)
        self.grid.verticalScrollBar().setValue(scrolled)

    def tiles(self) -> list[TileContent]:
        """What each tile that passes the filters says, in tree order."""
        self._load_if_stale()
        return self.model.contents()

    def rows(self) -> list[ScorecardRow]:
        """Every KPI's row, filtered or not, in tree order."""
        self._load_if_stale()
        return self.model.all_rows()

    def columns(self) -> int:
        self._load_if_stale()
        return self.grid.columns()

    def tile_rect(self, kpi_id: int) -> QRect:
        """Where the tile of KPI `kpi_id` is in the grid's viewport (empty when filtered out)."""
        self._load_if_stale()
        row = self.model.row_of(kpi_id)
        return QRect() if row < 0 else self.grid.visualRect(self.model.index(row, 0))

    def _load_if_stale(self) -> None:
        """Read now what a hidden scorecard put off reading."""
        if self._dirty:
            self.refresh()

    def _make_current(self, kpi_id: int) -> None:
        row = self.model.row_of(kpi_id)
        if row >= 0:
            self.grid.setCurrentIndex(self.model.index(row, 0))

    @property
    def row_filter(self) -> ScorecardFilter:
        return self.model.row_filter

    @property
    def status_filter(self) -> Status | None:
        return self.row_filter.status

    @property
    def owner_filter(self) -> str | None:
        return self.row_filter.owner

    @property
    def perspective_filter(self) -> str | None:
        return self.row_filter.perspective

    @property
    def due_filter(self) -> frozenset[int] | None:
        return self.row_filter.due

    def set_status_filter(self, status: Status | None) -> None:
        """Show only KPIs with `status` (None: every status)."""
        status = None if status is None else Status(status)
        self._select(self.status_combo, status)
        self._apply_filters(replace(self.row_filter, status=status))

    def set_owner_filter(self, owner: str | None) -> None:
        """Show only KPIs owned by `owner` ("" for KPIs without owner; None: everybody)."""
        self._select(self.owner_combo, owner, owner or self.tr("No owner"))
        self._apply_filters(replace(self.row_filter, owner=owner))

    def set_perspective_filter(self, perspective: str | None) -> None:
        """Show only KPIs of `perspective` ("" for none; None: every perspective)."""
        perspective = None if perspective is None else perspective.lower()
        label = perspective_label(perspective) or self.tr("No perspective")
        self._select(self.perspective_combo, perspective, label)
        self._apply_filters(replace(self.row_filter, perspective=perspective))

    def set_due_filter(self, kpi_ids: Iterable[int] | None) -> None:
        """Show only the KPIs in ``kpi_ids`` (the ones due for a value); None: all."""
        due = None if kpi_ids is None else frozenset(kpi_ids)
        self._apply_filters(replace(self.row_filter, due=due))

    def set_stale_filter(self, only_stale: bool) -> None:
        """Show only the KPIs whose latest value is stale (False: every KPI)."""
        self.stale_check.setChecked(only_stale)

    def clear_filters(self) -> None:
        for combo in (self.status_combo, self.owner_combo, self.perspective_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.stale_check.blockSignals(True)
        self.stale_check.setChecked(False)
        self.stale_check.blockSignals(False)
        self._apply_filters(ScorecardFilter())

    # -- filters -----------------------------------------------------------------------------

    def _fill_combos(self) -> None:
        rows = self.model.all_rows()
        row_filter = self.row_filter
        owners = sorted({r.owner for r in rows if r.owner}, key=str.casefold)
        present = {r.perspective for r in rows}
        perspectives: list[str] = [p.value for p in Perspective if p.value in present]
        perspectives += sorted(p for p in present if p and p not in perspectives)

        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        self.status_combo.addItem(self.tr("All statuses"), None)
        for status in STATUS_ORDER:
            self.status_combo.addItem(status_icon(status), status.label, status)
        self.status_combo.blockSignals(False)
        self._select(self.status_combo, row_filter.status)

        self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        self.owner_combo.addItem(self.tr("All owners"), None)
        for owner in owners:
            self.owner_combo.addItem(owner, owner)
        if any(not r.owner for r in rows):
            self.owner_combo.addItem(self.tr("No owner"), "")
        self.owner_combo.blockSignals(False)
        self._select(self.owner_combo, row_filter.owner, row_filter.owner or self.tr("No owner"))

        self.perspective_combo.blockSignals(True)
        self.perspective_combo.clear()
        self.perspective_combo.addItem(self.tr("All perspectives"), None)
        for value in perspectives:
            self.perspective_combo.addItem(perspective_label(value), value)
        if None in present:
            self.perspective_combo.addItem(self.tr("No perspective"), "")
        self.perspective_combo.blockSignals(False)
        perspective = row_filter.perspective
        label = perspective_label(perspective) or self.tr("No perspective")
        self._select(self.perspective_combo, perspective, label)

    @staticmethod
    def _select(combo: QComboBox, value: object, label: str = "") -> None:
        """Make `value` the combo's current item (adding it when it is not listed)."""
        index = next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)
        if value is None:
            index = 0
        combo.blockSignals(True)
        if index < 0:
            combo.addItem(label, value)
            index = combo.count() - 1
        combo.setCurrentIndex(index)
        combo.blockSignals(False)

    def _on_combo_changed(self) -> None:
        self._apply_filters(
            replace(
                self.row_filter,
                status=self.status_combo.currentData(),
                owner=self.owner_combo.currentData(),
                perspective=self.perspective_combo.currentData(),
                stale=True if self.stale_check.isChecked() else None,
            )
        )

    def _apply_filters(self, row_filter: ScorecardFilter | None = None) -> None:
        if row_filter is not None:
            self.model.set_filter(row_filter)
        total, shown = len(self.model.all_rows()), self.model.rowCount()
        filtered = self.row_filter.is_active
        if self._error:
            message = self.tr("The scorecard could not be read: {e}").format(e=self._error)
        elif not total:
            message = self.tr("No KPIs yet. Add a KPI to a goal and it shows up here.")
        elif not shown:
            message = self.tr("No KPI matches these filters.")
        else:
            message = ""
        self.empty_label.setText(message)
        self.show_all_button.setVisible(filtered and not shown and bool(total))
        self.pages.setCurrentIndex(1 if message else 0)
        self._update_summary(filtered)

    def _update_summary(self, filtered: bool) -> None:
        total, shown = len(self.model.all_rows()), self.model.rowCount()
        counts = count_by_status(self.model.shown_rows())
        parts = [f"{n} {in_sentence(s.label)}" for s, n in counts.items()]
        stale = sum(r.stale for r in self.model.shown_rows())
        if stale:
            parts.append(self.tr("{n} stale").format(n=stale))
        head = (
            self.tr("{shown} of {total} KPIs").format(shown=shown, total=total)
            if filtered
            else self.tr("{total} KPIs").format(total=total)
        )
        if self.due_filter is not None:
            head += self.tr(" due for a value")
        when = self._document.as_of
        date = format_date(when)
        tail = f": {', '.join(parts)}" if parts else ""
        self.summary_label.setText(
            self.tr("{head}{tail} · as of {date}").format(head=head, tail=tail, date=date)
        )

    # -- document changes --------------------------------------------------------------------

    def _on_document_changed(self, *_args: object) -> None:
        if self.isVisible():
            self._refresh_timer.start()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()


__all__ = ["TILE_MIN_WIDTH", "TILE_SPACING", "ScorecardView", "TileContent"]

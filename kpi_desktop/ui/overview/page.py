"""OverviewPage: the first thing an owner sees on opening a workspace.

The scorecard (every KPI as a tile) beside two short lists: what is due or overdue
(KPIs needing a value, corrective actions past their date) and the latest achievements.
Choosing a KPI anywhere on it (a tile, a due KPI, an achievement) asks for its chart
(``kpi_selected``); an overdue action asks for the Actions tab (``actions_requested``).
The lists are read when the page is shown and again after edits while it is shown.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.types import Status
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.tracking.achievements import KpiAchievement, workspace_achievements
from kpi_desktop.services.tracking.reminders import DueReport, due_items
from kpi_desktop.ui.achievements.icons import kind_icon, when_text
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.scorecard.view import TILE_MIN_WIDTH, ScorecardView
from kpi_desktop.ui.theme import status_icon

#: How far back "latest" achievements go, and how many the list shows.
LATEST_DAYS = 92
LATEST_COUNT = 8
SIDE_MIN_WIDTH = 230
DUE_SHOWN = 40  # due KPIs listed (a workspace of thousands lists the first ones)
_KPI_ROLE = Qt.ItemDataRole.UserRole + 1
_ACTION_ROLE = Qt.ItemDataRole.UserRole + 2


class OverviewPage(QWidget):
    """The scorecard and the due and latest-achievement lists of one document."""

    kpi_selected = Signal(int)
    actions_requested = Signal()

    def __init__(
        self, document: Document, scorecard: ScorecardView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._document = document
        self.scorecard = scorecard
        self.due_report: DueReport | None = None
        self.latest: list[KpiAchievement] = []
        self._dirty = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)

        self.due_list = self._list(self.tr("Due and overdue"))
        self.achievements_list = self._list(self.tr("Latest achievements"))
        side = QWidget()
        side.setMinimumWidth(SIDE_MIN_WIDTH)
        column = QVBoxLayout(side)
        column.setContentsMargins(8, 8, 4, 4)
        column.setSpacing(4)
        self.due_heading = self._heading(self.tr("&Due and overdue"), self.due_list)
        column.addWidget(self.due_heading)
        column.addWidget(self.due_list, 3)
        self.achievements_heading = self._heading(
            self.tr("&Latest achievements"), self.achievements_list
        )
        column.addSpacing(6)
        column.addWidget(self.achievements_heading)
        column.addWidget(self.achievements_list, 2)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(scorecard)
        self.split.addWidget(side)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.split)

        scorecard.kpi_selected.connect(self.kpi_selected)
        for signal in (
            document.measurements_changed,
            document.goals_changed,
            document.kpi_changed,
            document.reviews_changed,
        ):
            signal.connect(self._on_document_changed)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """Side by side when there is room for a tile and the lists, else the lists below."""
        super().resizeEvent(event)
        wide = event.size().width() >= TILE_MIN_WIDTH + SIDE_MIN_WIDTH + 40
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.split.orientation() != orientation:
            self.split.setOrientation(orientation)

    def _heading(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        label.setWordWrap(True)
        label.setBuddy(buddy)  # Alt + the underlined letter moves into the list
        return label

    def _list(self, name: str) -> QListWidget:
        items = QListWidget()
        items.setAccessibleName(name)
        items.setWordWrap(True)
        items.setUniformItemSizes(False)
        items.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        items.clicked.connect(self._choose)
        items.activated.connect(self._choose)
        return items

    # -- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read what is due and the latest achievements again, and list them."""
        self._timer.stop()
        self._dirty = False
        doc = self._document
        try:
            self.due_report = due_items(doc.workspace, doc.as_of, doc.plan())
        except KpiDesktopError:
            self.due_report = None
        try:
            since = doc.as_of - dt.timedelta(days=LATEST_DAYS)
            found = workspace_achievements(doc.workspace, since=since, as_of=doc.as_of)
            self.latest = found[:LATEST_COUNT]
        except KpiDesktopError:
            self.latest = []
        self._fill_due()
        self._fill_achievements()

    def _fill_due(self) -> None:
        self.due_list.clear()
        report = self.due_report
        if report is None or report.is_empty:
            self._placeholder(self.due_list, self.tr("Nothing is due: every KPI is up to date."))
            return
        for kpi in report.kpis[:DUE_SHOWN]:
            late = ", " + self.tr("%n day(s) overdue", "", kpi.days_overdue) if kpi.overdue else ""
            text = self.tr("{kpi}: {message}{late}").format(
                kpi=kpi.kpi, message=kpi.message, late=late
            )
            status = Status.OFF_TRACK if kpi.overdue else Status.AT_RISK
            item = QListWidgetItem(status_icon(status), text)
            item.setData(_KPI_ROLE, kpi.kpi_id)
            item.setToolTip(kpi.line())
            self.due_list.addItem(item)
        if len(report.kpis) > DUE_SHOWN:  # the rest: in the check-in grid (Ctrl+K)
            more = len(report.kpis) - DUE_SHOWN
            self._placeholder(
                self.due_list,
                self.tr("… and %n more KPI(s): Track > Check in lists them all", "", more),
            )
        for action in report.actions:
            text = self.tr("Action “{title}”: due {date}, overdue").format(
                title=action.title, date=f"{action.due_date.day} {action.due_date:%b %Y}"
            )
            item = QListWidgetItem(status_icon(Status.OFF_TRACK), text)
            item.setData(_ACTION_ROLE, action.action_id)
            item.setToolTip(action.line())
            self.due_list.addItem(item)

    def _fill_achievements(self) -> None:
        self.achievements_list.clear()
        if not self.latest:
            self._placeholder(
                self.achievements_list,
                self.tr("No achievements in the last three months yet."),
            )
            return
        for found in self.latest:
            text = self.tr("{kpi}: {text} · {when}").format(
                kpi=found.kpi, text=found.text, when=when_text(found.date)
            )
            item = QListWidgetItem(kind_icon(found.kind, 20), text)
            item.setData(_KPI_ROLE, found.kpi_id)
            item.setToolTip(found.text)
            self.achievements_list.addItem(item)

    @staticmethod
    def _placeholder(items: QListWidget, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        items.addItem(item)

    # -- choosing -----------------------------------------------------------------------

    def _choose(self, index: QModelIndex) -> None:
        kpi_id = index.data(_KPI_ROLE)
        if isinstance(kpi_id, int):
            self.kpi_selected.emit(kpi_id)
        elif index.data(_ACTION_ROLE) is not None:
            self.actions_requested.emit()

    def due_texts(self) -> list[str]:
        self._load_if_stale()
        return [self.due_list.item(i).text() for i in range(self.due_list.count())]

    def achievement_texts(self) -> list[str]:
        self._load_if_stale()
        items = self.achievements_list
        return [items.item(i).text() for i in range(items.count())]

    def _load_if_stale(self) -> None:
        if self._dirty:
            self.refresh()

    def _on_document_changed(self, *_args: object) -> None:
        if self.isVisible():
            self._timer.start()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._dirty:  # read once the scorecard has painted: the window shows first
            self._timer.start()

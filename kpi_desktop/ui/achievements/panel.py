"""Recognition: the achievements panel and a short celebration when a value hits a mark.

* :class:`AchievementsPanel` lists what the KPIs achieved (targets reached, milestones hit,
  on-track streaks, best values), newest first, each with an icon, the KPI and the date. The
  list is a model over plain rows: thousands of achievements cost no widget each.
* The celebration of a fresh value is in :mod:`celebration`, the icons in :mod:`icons`.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QIcon,
    QPainter,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.achievements import AchievementKind
from kpi_desktop.domain.periods import add_periods
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.review.report_data import since_last_review
from kpi_desktop.services.tracking.achievements import (
    KpiAchievement,
    workspace_achievements,
)
from kpi_desktop.ui.achievements.icons import kind_icon, when_text
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.widgets.text_alignment import LEFT_MIDDLE, RIGHT_MIDDLE

_KPI_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2
_WHEN_ROLE = Qt.ItemDataRole.UserRole + 3


# -- the panel ------------------------------------------------------------------------------

_Index = QModelIndex | QPersistentModelIndex


class AchievementsModel(QAbstractListModel):
    """Achievements as list rows: the KPI (display), the kind's icon, the sentence, the
    date and the KPI's id in their roles. Nothing is made per row until it is painted."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[KpiAchievement] = []

    def set_rows(self, rows: list[KpiAchievement]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        a = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return a.kpi
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_icon(a.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{a.kpi}\n{a.text}"
        if role == _TEXT_ROLE:
            return a.text
        if role == _WHEN_ROLE:
            return when_text(a.date)
        if role == _KPI_ID_ROLE:
            return a.kpi_id
        return None


class _AchievementDelegate(QStyledItemDelegate):
    """Two lines per achievement: the KPI in bold with the date on the right, the text."""

    def sizeHint(  # noqa: N802 (Qt's name)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        line = option.fontMetrics.height()
        return QSize(200, 2 * line + 16)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter)
        rect: QRect = option.rect.adjusted(8, 6, -10, -6)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        size = 24
        if isinstance(icon, QIcon):
            icon.paint(painter, QRect(rect.left(), rect.center().y() - size // 2, size, size))
        text_left = rect.left() + size + 10
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        ink = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = ink if selected else pal.color(QPalette.ColorRole.PlaceholderText)
        line = option.fontMetrics.height()
        bold = QFont(option.font)
        bold.setBold(True)
        when = str(index.data(_WHEN_ROLE) or "")
        painter.setFont(option.font)
        when_width = option.fontMetrics.horizontalAdvance(when) + 4
        painter.setPen(muted)
        painter.drawText(
            QRect(rect.right() - when_width, rect.top(), when_width, line),
            RIGHT_MIDDLE,
            when,
        )
        painter.setFont(bold)
        painter.setPen(ink)
        title_rect = QRect(text_left, rect.top(), rect.right() - when_width - text_left - 6, line)
        title = painter.fontMetrics().elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            Qt.TextElideMode.ElideRight,
            title_rect.width(),
        )
        painter.drawText(title_rect, LEFT_MIDDLE, title)
        painter.setFont(option.font)
        text_rect = QRect(text_left, rect.top() + line + 2, rect.right() - text_left, line)
        text = option.fontMetrics.elidedText(
            str(index.data(_TEXT_ROLE) or ""), Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(text_rect, LEFT_MIDDLE, text)
        painter.restore()


#: The "since" choices of the panel: label and how to find the start date.
SINCE_CHOICES = (
    QT_TRANSLATE_NOOP("AchievementsPanel", "All time"),
    QT_TRANSLATE_NOOP("AchievementsPanel", "Since the last review"),
    QT_TRANSLATE_NOOP("AchievementsPanel", "Last 3 months"),
    QT_TRANSLATE_NOOP("AchievementsPanel", "This year"),
)


class AchievementsPanel(QWidget):
    """Every achievement of the workspace, newest first, filtered by a "since" choice.

    Double-click (or Enter) on one emits ``kpi_selected`` with its KPI's id. The
    achievements are read when the data changes (while the panel is hidden: when it is next
    shown); choosing another "since" only filters what was read.
    """

    kpi_selected = Signal(int)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._all: list[KpiAchievement] = []  # every achievement up to the as-of date
        self._items: list[KpiAchievement] = []  # those shown
        self._dirty = False
        self._timer = QTimer(self)  # one refresh for a burst of changes (a value: two signals)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)

        title = QLabel(self.tr("Achievements"))
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        self.since_combo = QComboBox()
        for choice in SINCE_CHOICES:
            self.since_combo.addItem(self.tr(choice))
        self.since_combo.setAccessibleName(self.tr("Show achievements since"))
        self.since_combo.currentIndexChanged.connect(lambda _i: self._show_since())
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.model = AchievementsModel(self)
        self.list = QListView()
        self.list.setAccessibleName(self.tr("Achievements"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(_AchievementDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setAlternatingRowColors(True)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.activated.connect(self._on_activated)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        since = QLabel(self.tr("&Show:"))
        since.setBuddy(self.since_combo)
        top.addWidget(since)
        top.addWidget(self.since_combo)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 8, 8, 8)
        box.addLayout(top)
        box.addWidget(self.summary_label)
        box.addWidget(self.list, 1)
        box.addWidget(self.empty_label)

        document.measurements_changed.connect(self._on_changed)
        document.kpi_changed.connect(self._on_changed)
        document.goals_changed.connect(self._on_changed)
        document.reviews_changed.connect(self._on_reviews_changed)
        self.refresh()

    # -- public ---------------------------------------------------------------------------

    def achievements(self) -> list[KpiAchievement]:
        """What the list shows, newest first."""
        return list(self._items)

    def set_since(self, index: int) -> None:
        """Choose one of SINCE_CHOICES by position."""
        self.since_combo.setCurrentIndex(index)

    def since_date(self) -> dt.date | None:
        as_of = self._document.as_of
        choice = self.since_combo.currentIndex()
        if choice == 1:  # what the last review had not seen, as the meeting report counts
            try:
                return since_last_review(self._document.workspace, as_of)
            except KpiDesktopError:
                return None
        if choice == 2:
            return add_periods(as_of, Frequency.MONTHLY, -3)
        if choice == 3:
            return self._document.fiscal.start_of(as_of)  # this (fiscal) year
        return None

    def refresh(self) -> None:
        """Read the achievements again (keeping the "since" choice)."""
        self._timer.stop()
        self._dirty = False
        try:
            self._all = workspace_achievements(self._document.workspace, as_of=self._document.as_of)
        except KpiDesktopError:
            self._all = []
        self._show_since()

    # -- showing --------------------------------------------------------------------------

    def _show_since(self) -> None:
        since = self.since_date()
        self._items = [a for a in self._all if since is None or a.date >= since]
        self.model.set_rows(self._items)
        counts = {k: sum(1 for a in self._items if a.kind == k) for k in AchievementKind}
        parts = [f"{n} {self.tr(_PLURALS[k][n != 1])}" for k, n in counts.items() if n]
        self.summary_label.setText(" · ".join(parts))
        self.summary_label.setVisible(bool(parts))
        self.empty_label.setText(
            ""
            if self._items
            else self.tr(
                "No achievements yet for this time. They appear here by themselves when "
                "values reach milestones and targets, or stay on track for months in a row."
            )
        )
        self.empty_label.setVisible(not self._items)
        self.list.setVisible(bool(self._items))

    # -- slots ----------------------------------------------------------------------------

    def _on_changed(self, *_args: object) -> None:
        if self.isVisible():
            self._timer.start()
        else:
            self._dirty = True

    def _on_reviews_changed(self) -> None:
        if self.since_combo.currentIndex() == 1:  # "since the last review" may move
            self._show_since()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _on_activated(self, index: QModelIndex) -> None:
        kpi_id = index.data(_KPI_ID_ROLE)
        if kpi_id is not None:
            self.kpi_selected.emit(int(kpi_id))


_PLURALS = {
    AchievementKind.TARGET: (
        QT_TRANSLATE_NOOP("AchievementsPanel", "target reached"),
        QT_TRANSLATE_NOOP("AchievementsPanel", "targets reached"),
    ),
    AchievementKind.MILESTONE: (
        QT_TRANSLATE_NOOP("AchievementsPanel", "milestone hit"),
        QT_TRANSLATE_NOOP("AchievementsPanel", "milestones hit"),
    ),
    AchievementKind.STREAK: (
        QT_TRANSLATE_NOOP("AchievementsPanel", "streak"),
        QT_TRANSLATE_NOOP("AchievementsPanel", "streaks"),
    ),
    AchievementKind.BEST: (
        QT_TRANSLATE_NOOP("AchievementsPanel", "best value"),
        QT_TRANSLATE_NOOP("AchievementsPanel", "best values"),
    ),
}

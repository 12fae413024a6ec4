"""Recognition: the achievements panel and a short celebration when a value hits a mark.

* :class:`AchievementsPanel` lists what the KPIs achieved (targets reached, milestones hit,
  on-track streaks, best values), newest first, each with an icon, the KPI and the date. The
  list is a model over plain rows: thousands of achievements cost no widget each.
* :class:`Celebrator` watches values being entered; when a new value reaches a milestone or
  a target it shows a :class:`Toast` for about three seconds: no dialog, nothing to click.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from PySide6.QtCore import (
    QAbstractListModel,
    QEasingCurve,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QPropertyAnimation,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.achievements import CELEBRATED, Achievement, AchievementKind, news_from
from kpi_desktop.domain.periods import add_periods
from kpi_desktop.domain.types import Frequency, Status
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.review.report_data import since_last_review
from kpi_desktop.services.tracking.achievements import (
    KpiAchievement,
    achievements_in_the_news,
    kpi_achievements_of,
    workspace_achievements,
)
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.theme import CHART, STATUS_COLORS
from kpi_desktop.ui.widgets.text_alignment import LEFT_MIDDLE, RIGHT_MIDDLE

_KIND_COLORS = {
    AchievementKind.TARGET: STATUS_COLORS[Status.ACHIEVED],
    AchievementKind.MILESTONE: CHART["milestone"],
    AchievementKind.STREAK: STATUS_COLORS[Status.ON_TRACK],
    AchievementKind.BEST: "#E69F00",
}
_KPI_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2
_WHEN_ROLE = Qt.ItemDataRole.UserRole + 3


# -- icons ----------------------------------------------------------------------------------


def _star(r: QRectF) -> QPainterPath:
    import math

    c, outer, inner = r.center(), r.width() / 2, r.width() / 4.6
    path = QPainterPath()
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        point = QPointF(c.x() + radius * math.cos(angle), c.y() + radius * math.sin(angle))
        path.moveTo(point) if i == 0 else path.lineTo(point)
    path.closeSubpath()
    return path


@cache
def kind_pixmap(kind: str, size: int = 24) -> QPixmap:
    """A small picture per kind: a star (target), a flag (milestone), rising bars (streak),
    a medal (best value); each in its own colour, so it reads without the colour too."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(_KIND_COLORS.get(AchievementKind(kind), CHART["muted"]))
    p.setBrush(color)
    p.setPen(QPen(color.darker(140), max(1.0, size / 20)))
    s = float(size)
    if kind == AchievementKind.TARGET:
        p.drawPath(_star(QRectF(1.5, 1.5, s - 3, s - 3)))
    elif kind == AchievementKind.MILESTONE:
        p.drawRect(QRectF(s * 0.2, s * 0.1, s * 0.08, s * 0.8))
        p.drawPolygon(
            QPolygonF(
                [
                    QPointF(s * 0.28, s * 0.12),
                    QPointF(s * 0.85, s * 0.3),
                    QPointF(s * 0.28, s * 0.5),
                ]
            )
        )
    elif kind == AchievementKind.STREAK:
        width = s * 0.2
        for i, h in enumerate((0.35, 0.6, 0.85)):
            p.drawRect(QRectF(s * 0.1 + i * (width + s * 0.08), s * (0.92 - h), width, s * h))
    else:  # best value: a medal on a ribbon
        ribbon = QColor(STATUS_COLORS[Status.ACHIEVED])
        p.save()
        p.setBrush(ribbon)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawPolygon(
            QPolygonF(
                [
                    QPointF(s * 0.25, 0),
                    QPointF(s * 0.45, 0),
                    QPointF(s * 0.6, s * 0.45),
                    QPointF(s * 0.4, s * 0.45),
                ]
            )
        )
        p.drawPolygon(
            QPolygonF(
                [
                    QPointF(s * 0.55, 0),
                    QPointF(s * 0.75, 0),
                    QPointF(s * 0.6, s * 0.45),
                    QPointF(s * 0.4, s * 0.45),
                ]
            )
        )
        p.restore()
        p.drawEllipse(QRectF(s * 0.22, s * 0.38, s * 0.56, s * 0.56))
    p.end()
    return pix


@cache
def gold_star_pixmap(size: int = 28) -> QPixmap:
    """The celebration's star: gold, to stand out on the dark toast."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor("#F5C518"))
    p.setPen(QPen(QColor("#B8860B"), 1.2))
    p.drawPath(_star(QRectF(1.5, 1.5, size - 3, size - 3)))
    p.end()
    return pix


@cache
def kind_icon(kind: str, size: int = 24) -> QIcon:
    return QIcon(kind_pixmap(kind, size))


def when_text(d: dt.date) -> str:
    return f"{d:%b %Y}"


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
SINCE_CHOICES = ("All time", "Since the last review", "Last 3 months", "This year")


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
            return dt.date(as_of.year, 1, 1)
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
    AchievementKind.TARGET: ("target reached", "targets reached"),
    AchievementKind.MILESTONE: ("milestone hit", "milestones hit"),
    AchievementKind.STREAK: ("streak", "streaks"),
    AchievementKind.BEST: ("best value", "best values"),
}


# -- celebration ----------------------------------------------------------------------------


class Toast(QFrame):
    """A small dark note over the bottom of its parent that fades away by itself."""

    def __init__(self, parent: QWidget, duration_ms: int = 3000) -> None:
        super().__init__(parent)
        self.duration_ms = duration_ms
        self.setObjectName("Toast")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(
            "#Toast { background: rgba(32, 40, 48, 235); border-radius: 10px; }"
            "#Toast QLabel { color: white; }"
        )
        self.icon_label = QLabel()
        self.icon_label.setPixmap(gold_star_pixmap(28))
        self.title_label = QLabel()
        bold = self.title_label.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.1)
        self.title_label.setFont(bold)
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        text_box = QVBoxLayout()
        text_box.setSpacing(2)
        text_box.addWidget(self.title_label)
        text_box.addWidget(self.text_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 18, 10)
        row.setSpacing(12)
        row.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text_box, 1)

        self._effect = QGraphicsOpacityEffect(self)
        self._effect.setOpacity(1.0)
        self.setGraphicsEffect(self._effect)
        self._fade = QPropertyAnimation(self._effect, b"opacity", self)
        self._fade.setDuration(450)
        self._fade.setStartValue(1.0)
        self._fade.setEndValue(0.0)
        self._fade.setEasingCurve(QEasingCurve.Type.InQuad)
        self._fade.finished.connect(self.hide)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fade.start)
        self.hide()

    def title(self) -> str:
        return self.title_label.text()

    def text(self) -> str:
        return self.text_label.text()

    def pop(self, title: str, text: str, kind: str = AchievementKind.TARGET) -> None:
        """Show ``title`` and ``text`` for ``duration_ms``, then fade out."""
        self._fade.stop()
        self._effect.setOpacity(1.0)
        self.icon_label.setPixmap(
            gold_star_pixmap(28) if kind == AchievementKind.TARGET else kind_pixmap(kind, 28)
        )
        self.title_label.setText(title)
        self.text_label.setText(text)
        parent = self.parentWidget()
        width = min(460, max(280, parent.width() - 40)) if parent else 420
        self.setFixedWidth(width)
        self.adjustSize()
        if parent is not None:
            self.move((parent.width() - self.width()) // 2, parent.height() - self.height() - 48)
        self.show()
        self.raise_()
        self._timer.start(self.duration_ms)


class Celebrator(QObject):
    """Celebrates, without a dialog, when newly entered values reach a milestone or target.

    It remembers each KPI's milestones and targets reached; after a change of values it
    compares, and pops a :class:`Toast` (and a status-bar message in a main window) for
    what is new and recent (the latest three periods). Each achievement is celebrated once
    a session, so undo and redo do not repeat it. ``celebrated`` carries what was new.

    Only what is still news can be celebrated, so only that is remembered of each KPI
    before values change (``achievements_in_the_news``: a few index look-ups per KPI). It is
    remembered when the first edit is about to run (``Document.about_to_edit``), not when the
    workspace opens, and again after the as-of date moves; values changed without an edit
    of this document before that (another window) are remembered, not celebrated.
    """

    celebrated = Signal(list)  # list[Achievement]

    def __init__(self, document: Document, parent_widget: QWidget, duration_ms: int = 3000) -> None:
        super().__init__(parent_widget)
        self._document = document
        self._parent = parent_widget
        self.toast = Toast(parent_widget, duration_ms)
        self._known: dict[int, set[tuple[str, str, dt.date]]] | None = None  # None: not primed
        self._known_as_of: dt.date | None = None
        self._celebrated: set[tuple[str, str, dt.date]] = set()
        document.measurements_changed.connect(self._on_values_changed)
        document.kpi_changed.connect(self._on_kpi_changed)
        document.goals_changed.connect(self._on_goals_changed)
        document.about_to_edit.connect(self.prime)

    def prime(self) -> None:
        """Remember what every KPI has achieved that is still news (nothing of it is
        celebrated)."""
        if self._known is not None:
            return
        as_of = self._document.as_of
        try:
            news = achievements_in_the_news(self._document.workspace, as_of, self._document.plan())
        except KpiDesktopError:
            news = {}
        self._known = {kpi_id: {_key(a) for a in found} for kpi_id, found in news.items()}
        self._known_as_of = as_of

    def _current(self, kpi_id: int) -> list[Achievement]:
        try:
            return kpi_achievements_of(
                self._document.workspace, kpi_id, self._document.as_of, tuple(CELEBRATED)
            )
        except KpiDesktopError:
            return []

    def _on_goals_changed(self) -> None:
        if self._known is not None and self._document.as_of != self._known_as_of:
            self._known = None  # other periods are news now: remembered before the next edit

    def _on_kpi_changed(self, kpi_id: int) -> None:
        if self._known is not None:  # a plan edit is not a value entered: remember it
            self._known[kpi_id] = {_key(a) for a in self._current(kpi_id)}

    def _on_values_changed(self, kpi_id: int) -> None:
        if self._known is None:  # not remembered yet: the priming will remember it as it is
            return
        now = self._current(kpi_id)
        before = self._known.get(kpi_id, set())
        self._known[kpi_id] = {_key(a) for a in now}
        recent_from = self._news_from(kpi_id)
        fresh = [
            a
            for a in now
            if _key(a) not in before and _key(a) not in self._celebrated and a.date >= recent_from
        ]
        if fresh:
            self._celebrated.update(_key(a) for a in fresh)
            self.celebrate(fresh)

    def _news_from(self, kpi_id: int) -> dt.date:
        try:
            freq = Frequency(self._document.workspace.kpis.get(kpi_id).frequency)
        except (KpiDesktopError, ValueError):
            freq = Frequency.MONTHLY
        return news_from(self._document.as_of, freq)

    def celebrate(self, fresh: list[Achievement]) -> None:
        """Show the toast (and a status-bar message) for ``fresh`` achievements."""
        first = fresh[-1]
        kind = AchievementKind(first.kind)
        title = {
            AchievementKind.TARGET: self.tr("Target reached! {kpi}"),
            AchievementKind.MILESTONE: self.tr("Milestone hit! {kpi}"),
        }.get(kind, self.tr("Well done! {kpi}")).format(kpi=first.kpi)
        text = first.text.split(": ", 1)[-1]
        if len(fresh) > 1:
            text += self.tr(" (and {n} more)").format(n=len(fresh) - 1)
        self.toast.pop(title, text, kind)
        if isinstance(self._parent, QMainWindow):
            self._parent.statusBar().showMessage(f"★ {title}: {text}", 8000)
        self.celebrated.emit(fresh)


def _key(a: Achievement) -> tuple[str, str, dt.date]:
    return (str(a.kind), a.kpi, a.date)


__all__ = [
    "AchievementsPanel",
    "Celebrator",
    "SINCE_CHOICES",
    "Toast",
    "kind_icon",
    "kind_pixmap",
]

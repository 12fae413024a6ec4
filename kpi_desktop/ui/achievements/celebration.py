"""A short celebration when a new value reaches a milestone or a target.

:class:`Celebrator` watches values being entered and shows a :class:`Toast` for about three
seconds: no dialog, nothing to click.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QEasingCurve,
    QObject,
    QPropertyAnimation,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.achievements import CELEBRATED, Achievement, AchievementKind, news_from
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.tracking.achievements import (
    achievements_in_the_news,
    kpi_achievements_of,
)
from kpi_desktop.ui.achievements.icons import gold_star_pixmap, kind_pixmap
from kpi_desktop.ui.document import Document


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


__all__ = ["Celebrator", "Toast"]

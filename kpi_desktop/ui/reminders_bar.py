"""RemindersBar: a quiet banner at the top of the window saying what is due.

"3 KPIs need October's value; 1 action is overdue" with a **Check in** button that opens
the grid to type them, a **Show** button that asks for the tree and scorecard to be
filtered to the due KPIs (it then offers **Show all**), and a close button. Never a modal
dialog: it appears on start when something is due and hides itself when nothing is.
Closing it hides that message until the next different one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QWidget,
)

from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.tracking.reminders import DueReport, due_items
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.theme import STATUS_COLORS, Status

_ACCENT = QColor(STATUS_COLORS[Status.AT_RISK])


def clock_pixmap(size: int = 18) -> QPixmap:
    """A small clock in the at-risk orange: "something is due"."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(_ACCENT.darker(125), max(1.5, size / 10))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(QColor("white"))
    r = QRectF(1.5, 1.5, size - 3, size - 3)
    p.drawEllipse(r)
    c = r.center()
    p.drawLine(c, QPointF(c.x(), r.top() + size * 0.22))
    p.drawLine(c, QPointF(c.x() + size * 0.22, c.y()))
    p.end()
    return pix


class RemindersBar(QFrame):
    """The banner. ``filter_requested`` carries the due KPI ids (Show) or None (Show all);
    ``actions_requested`` asks for the overdue actions to be shown (e.g. the review).

    Create it with its parent (it shows and hides itself inside it)."""

    filter_requested = Signal(object)  # frozenset[int] | None
    actions_requested = Signal()
    checkin_requested = Signal()  # type the due values in the check-in grid

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._report: DueReport | None = None
        self._dismissed = ""  # the summary the user closed
        self._filtering = False
        self._wanted = False
        self.setObjectName("RemindersBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._tint()

        self.icon_label = QLabel()
        self.icon_label.setPixmap(clock_pixmap(18))
        self.icon_label.setAccessibleName(self.tr("Reminder"))
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_button = QPushButton(self.tr("Show due KPIs"))
        self.show_button.clicked.connect(self._on_show)
        self.checkin_button = QPushButton(self.tr("Check in…"))
        self.checkin_button.setToolTip(self.tr("Type the values due, all in one grid (Ctrl+K)"))
        self.checkin_button.clicked.connect(self.checkin_requested)
        self.actions_button = QPushButton(self.tr("See actions"))
        self.actions_button.clicked.connect(self.actions_requested)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Hide this reminder"))
        self.close_button.setAccessibleName(self.tr("Hide this reminder"))
        self.close_button.clicked.connect(self.dismiss)

        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        row.setSpacing(8)
        row.addWidget(self.icon_label)
        row.addWidget(self.text_label, 1)
        row.addWidget(self.checkin_button)
        row.addWidget(self.show_button)
        row.addWidget(self.actions_button)
        row.addWidget(self.close_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        document.measurements_changed.connect(self._schedule)
        document.goals_changed.connect(self._schedule)
        document.kpi_changed.connect(self._schedule)
        document.reviews_changed.connect(self._schedule)
        self.refresh()

    def _tint(self) -> None:
        """The bar's background: the window colour tinted with the at-risk orange."""
        base = QApplication.palette().color(QPalette.ColorRole.Window)
        share = 0.22 if base.lightness() >= 128 else 0.3
        tint = QColor.fromRgbF(
            base.redF() * (1 - share) + _ACCENT.redF() * share,
            base.greenF() * (1 - share) + _ACCENT.greenF() * share,
            base.blueF() * (1 - share) + _ACCENT.blueF() * share,
        )
        sheet = (
            f"#RemindersBar {{ background: {tint.name()}; "
            f"border: 1px solid {_ACCENT.darker(110).name()}; border-radius: 4px; }}"
        )
        if sheet != self.styleSheet():  # (a new sheet sends another palette change)
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # a new colour scheme
            self._tint()

    # -- public ---------------------------------------------------------------------------

    @property
    def report(self) -> DueReport | None:
        return self._report

    def text(self) -> str:
        return self.text_label.text()

    def refresh(self) -> None:
        """Read what is due again; show the bar when something is (and not dismissed)."""
        self._timer.stop()
        try:
            doc = self._document
            self._report = due_items(doc.workspace, doc.as_of, doc.plan())
        except KpiDesktopError:
            self._report = None
        report = self._report
        summary = report.summary if report is not None else ""
        self.text_label.setText(summary[:1].upper() + summary[1:] + ("." if summary else ""))
        self.text_label.setToolTip(self._details())
        has_kpis = bool(report and report.kpis)
        self.show_button.setVisible(has_kpis or self._filtering)
        self.checkin_button.setVisible(has_kpis)
        self.checkin_button.setEnabled(not self._document.workspace.readonly)  # a viewer
        self.actions_button.setVisible(bool(report and report.actions))
        if self._filtering and report is not None:
            # keep the filter in step with what is due now
            self.filter_requested.emit(report.kpi_ids)
        self._wanted = bool(summary) and summary != self._dismissed
        if self.parentWidget() is not None or not self._wanted:
            self.setVisible(self._wanted)  # (a parentless bar would pop up as a window)

    def wants_to_show(self) -> bool:
        """Whether something is due that the user has not dismissed."""
        return self._wanted

    def dismiss(self) -> None:
        """Hide the bar until what is due changes (and stop filtering)."""
        self._dismissed = self._report.summary if self._report else ""
        self._wanted = False
        if self._filtering:
            self._set_filtering(False)
        self.hide()

    def is_filtering(self) -> bool:
        return self._filtering

    # -- slots ----------------------------------------------------------------------------

    def _schedule(self, *_args: object) -> None:
        self._timer.start()

    def _on_show(self) -> None:
        self._set_filtering(not self._filtering)

    def _set_filtering(self, on: bool) -> None:
        self._filtering = on
        self.show_button.setText(self.tr("Show all KPIs") if on else self.tr("Show due KPIs"))
        if on and self._report is not None:
            self.filter_requested.emit(self._report.kpi_ids)
        else:
            self.filter_requested.emit(None)

    def _details(self) -> str:
        report = self._report
        if report is None or report.is_empty:
            return ""
        lines = [f"• {k.line()}" for k in report.kpis[:12]]
        if len(report.kpis) > 12:
            lines.append(self.tr("… and {n} more").format(n=len(report.kpis) - 12))
        lines += [f"• {a.line()}" for a in report.actions[:6]]
        return "\n".join(lines)


__all__ = ["RemindersBar"]

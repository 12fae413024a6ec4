"""ScorecardView: every KPI as a tile (value, sparkline, status, progress, trend), with filters.

The tiles flow in a grid that re-flows when the view is resized (as many columns as fit).
Colours come from the palette so the tiles read in light and dark themes alike; only the
status and trend colours are fixed, and neither is ever the only cue: a status has a badge
shape and a word, a trend an arrow and a word.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QEnterEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.formatting import format_percent, format_value
from kpi_desktop.domain.periods import period_label
from kpi_desktop.domain.signals import change_is_good
from kpi_desktop.domain.trend import Trend
from kpi_desktop.domain.types import Direction, Frequency, Perspective, Status
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.scorecard import ScorecardRow, scorecard_rows
from kpi_desktop.services.signals import workspace_signals
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.theme import STATUS_COLORS, status_icon, status_pixmap

#: A tile is never narrower than this; the grid has as many columns as fit.
TILE_MIN_WIDTH = 250
TILE_SPACING = 12
_STRIPE = 5  # height of the status-coloured strip on top of a tile
_RADIUS = 6.0

_GOOD = QColor(STATUS_COLORS[Status.ON_TRACK])
_BAD = QColor(STATUS_COLORS[Status.OFF_TRACK])

_STATUS_ORDER = (
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.NO_DATA,
)


def _mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    t = max(0.0, min(1.0, share_of_b))
    return QColor.fromRgbF(
        a.redF() * (1 - t) + b.redF() * t,
        a.greenF() * (1 - t) + b.greenF() * t,
        a.blueF() * (1 - t) + b.blueF() * t,
    )


def perspective_label(value: str | None) -> str:
    return value.capitalize() if value else ""


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" to fit, the full text as tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(20)
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def is_elided(self) -> bool:
        return self.text() != self._full

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        full = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right()
        return QSize(max(hint.width(), full + 1), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


class Sparkline(QWidget):
    """The last values as a small line, the latest one as a dot in the status colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: tuple[float, ...] = ()
        self._accent = QColor(STATUS_COLORS[Status.NO_DATA])
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(38)

    def values(self) -> tuple[float, ...]:
        return self._values

    def set_values(self, values: tuple[float, ...], accent: QColor | None = None) -> None:
        self._values = tuple(values)
        if accent is not None:
            self._accent = QColor(accent)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(160, 38)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, 38)

    def points(self) -> list[QPointF]:
        """Where each value is drawn (oldest left, latest right), inside a small margin."""
        vals = self._values
        if not vals:
            return []
        area = QRectF(self.rect()).adjusted(4, 4, -5, -4)
        low, high = min(vals), max(vals)
        span = high - low
        step = area.width() / (len(vals) - 1) if len(vals) > 1 else 0.0
        out = []
        for i, v in enumerate(vals):
            x = area.right() if len(vals) == 1 else area.left() + i * step
            share = 0.5 if span == 0 else (v - low) / span
            out.append(QPointF(x, area.bottom() - share * area.height()))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.Text)
        base = pal.color(QPalette.ColorRole.Base)
        pts = self.points()
        if not pts:
            p.setPen(_mix(text, base, 0.45))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No values yet"))
            p.end()
            return
        if len(pts) > 1:
            fill = QPolygonF(
                [
                    QPointF(pts[0].x(), self.height() - 2),
                    *pts,
                    QPointF(pts[-1].x(), self.height() - 2),
                ]
            )
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(_mix(base, text, 0.08))
            p.drawPolygon(fill)
            pen = QPen(_mix(base, text, 0.7), 1.6)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPolyline(QPolygonF(pts))
        p.setPen(QPen(base, 1.2))
        p.setBrush(self._accent)
        p.drawEllipse(pts[-1], 3.6, 3.6)
        p.end()


class KpiTile(QFrame):
    """One KPI on the scorecard. Click it (or press Enter on it) to open the KPI."""

    clicked = Signal(int)

    def __init__(self, row: ScorecardRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = row
        self._hovered = False
        self._pressed = False
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(TILE_MIN_WIDTH)

        self.name_label = ElidedLabel(row.kpi)
        font = self.name_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.08)
        self.name_label.setFont(font)
        self.name_label.setForegroundRole(QPalette.ColorRole.Text)

        self.goal_label = ElidedLabel(self._goal_line())
        small = self.goal_label.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.goal_label.setFont(small)
        self.goal_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        number, unit = self.value_parts()
        self.value_label = ElidedLabel(number)
        self.value_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        big = self.value_label.font()
        big.setPointSizeF(big.pointSizeF() * 1.9)
        big.setBold(True)
        self.value_label.setFont(big)
        self.value_label.setForegroundRole(QPalette.ColorRole.Text)
        self.unit_label = ElidedLabel(unit)
        self.unit_label.setForegroundRole(QPalette.ColorRole.Text)
        # Sit the unit on the number's baseline (both labels are bottom-aligned).
        lift = self.value_label.fontMetrics().descent() - self.unit_label.fontMetrics().descent()
        self.unit_label.setContentsMargins(0, 0, 0, max(0, lift))

        self.trend_label = QLabel()
        self.trend_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        self.trend_label.setTextFormat(Qt.TextFormat.RichText)
        self.trend_label.setContentsMargins(0, 0, 0, max(0, lift))

        self.sparkline = Sparkline()
        self.sparkline.set_values(row.sparkline, QColor(STATUS_COLORS[row.status]))

        self.badge = QLabel()
        self.badge.setPixmap(status_pixmap(row.status, 16))
        self.badge.setFixedSize(16, 16)
        self.status_label = QLabel(row.status.label)
        bold = self.status_label.font()
        bold.setBold(True)
        self.status_label.setFont(bold)
        self.status_label.setForegroundRole(QPalette.ColorRole.Text)
        self.progress_label = QLabel(self.progress_text())
        self.progress_label.setForegroundRole(QPalette.ColorRole.Text)
        self.progress_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )

        value_row = QHBoxLayout()
        value_row.setSpacing(8)
        value_row.setSpacing(5)
        value_row.addWidget(self.value_label, 0, Qt.AlignmentFlag.AlignBottom)
        value_row.addWidget(self.unit_label, 1, Qt.AlignmentFlag.AlignBottom)
        value_row.addSpacing(4)
        value_row.addWidget(self.trend_label, 0, Qt.AlignmentFlag.AlignBottom)
        status_row = QHBoxLayout()
        status_row.setSpacing(6)
        status_row.addWidget(self.badge)
        status_row.addWidget(self.status_label)
        status_row.addStretch(1)
        status_row.addWidget(self.progress_label)
        # "Real change" tag, shown by set_real_change() when the latest values are a signal.
        self.real_change_label = QLabel()
        self.real_change_label.setVisible(False)
        goal_row = QHBoxLayout()
        goal_row.setSpacing(6)
        goal_row.addWidget(self.goal_label, 1)
        goal_row.addWidget(self.real_change_label)

        box = QVBoxLayout(self)
        box.setContentsMargins(14, 10 + _STRIPE, 14, 12)
        box.setSpacing(2)
        box.addWidget(self.name_label)
        box.addLayout(goal_row)
        box.addSpacing(4)
        box.addLayout(value_row)
        box.addSpacing(2)
        box.addWidget(self.sparkline)
        box.addSpacing(6)
        box.addLayout(status_row)

        self._update_trend()
        self.setToolTip(self._tooltip())
        self.setAccessibleName(
            f"{row.kpi}: {self.value_text()}, {row.status.label}, {self.progress_text()}"
        )

    def set_real_change(self, explanation: str, good: bool | None = None) -> None:
        """Show the "Real change" tag with ``explanation`` as tooltip ("" hides it); green
        for good news, red for bad, grey when it is neither."""
        if good is None:
            color = self.palette().color(QPalette.ColorRole.PlaceholderText)
        else:
            color = _GOOD if good else _BAD
        word = self.tr("Real change")
        self.real_change_label.setText(
            f'<span style="color:{color.name()}; font-weight:600">◯ {word}</span>'
        )
        self.real_change_label.setToolTip(explanation)
        self.real_change_label.setVisible(bool(explanation))

    def real_change(self) -> str:
        """The explanation behind the "Real change" tag ("" when there is none)."""
        return self.real_change_label.toolTip() if self.real_change_label.isVisibleTo(self) else ""

    # -- what the tile says ------------------------------------------------------------------

    @property
    def kpi_id(self) -> int:
        return self._row.kpi_id

    @property
    def row(self) -> ScorecardRow:
        return self._row

    def value_text(self) -> str:
        r = self._row
        return format_value(r.latest_value, r.unit, r.decimals, r.unit_kind, r.currency_symbol)

    def value_parts(self) -> tuple[str, str]:
        """The value split into what is shown large ("225", "€43,933", "40.5%") and the
        unit word shown smaller after it ("orders"; "" when the unit is part of the number)."""
        full = self.value_text()
        r = self._row
        if r.latest_value is None:
            return full, ""
        number = format_value(r.latest_value, "", r.decimals)
        if full.startswith(number + " "):
            return number, full[len(number) + 1 :]
        return full, ""

    def progress_text(self) -> str:
        r = self._row
        if r.direction == Direction.RANGE and r.range_low is not None and r.range_high is not None:
            low = format_value(r.range_low, "", r.decimals)
            high = format_value(r.range_high, "", r.decimals)
            return self.tr("Keep {low}–{high}").format(low=low, high=high)
        if r.progress is None:
            return self.tr("Progress —")
        return self.tr("Progress {p}").format(p=format_percent(r.progress))

    def trend_text(self) -> str:
        """The arrow and its word, e.g. "↑ Improving" (plain text, for tests and tooltips)."""
        trend, good = self._row.trend, self._row.trend_good
        if trend is None:
            return ""
        if trend == Trend.FLAT:
            word = self.tr("Steady")
        elif good is None:
            word = self.tr("Rising") if trend == Trend.UP else self.tr("Falling")
        else:
            word = self.tr("Improving") if good else self.tr("Worsening")
        return f"{trend.arrow} {word}"

    def _goal_line(self) -> str:
        r = self._row
        return f"{r.goal} · {r.owner}" if r.owner else r.goal

    def _update_trend(self) -> None:
        text = self.trend_text()
        if not text:
            self.trend_label.clear()
            self.trend_label.setToolTip("")
            return
        good = self._row.trend_good
        pal = self.palette()
        if good is None:
            ink = pal.color(QPalette.ColorRole.Text)
            color = _mix(pal.color(QPalette.ColorRole.Base), ink, 0.62)
        else:
            color = _GOOD if good else _BAD
            if pal.color(QPalette.ColorRole.Base).lightness() < 128:
                color = color.lighter(125)
        self.trend_label.setText(f'<b style="color:{color.name()}">{text}</b>')
        n = len(self._row.sparkline)
        self.trend_label.setToolTip(
            self.tr("Trend of the last {n} values: {text}").format(n=n, text=text)
        )

    def _tooltip(self) -> str:
        r = self._row
        lines = [f"<b>{r.kpi}</b>", self.tr("Goal: {g}").format(g=r.goal)]
        lines.append(self.tr("Owner: {o}").format(o=r.owner or self.tr("nobody yet")))
        if r.perspective:
            lines.append(self.tr("Perspective: {p}").format(p=perspective_label(r.perspective)))
        if r.latest_date is not None:
            try:
                when = period_label(r.latest_date, Frequency(r.frequency))
            except ValueError:
                when = r.latest_date.isoformat()
            lines.append(self.tr("Latest: {v} ({when})").format(v=self.value_text(), when=when))
        if r.target is not None:
            target = format_value(r.target, r.unit, r.decimals, r.unit_kind, r.currency_symbol)
            by = f" by {r.target_date.isoformat()}" if r.target_date else ""
            lines.append(self.tr("Target: {t}{by}").format(t=target, by=by))
        lines.append(self.tr("Status: {s}").format(s=r.status.label))
        return "<br>".join(lines)

    # -- look and feel -----------------------------------------------------------------------

    def is_hovered(self) -> bool:
        return self._hovered

    def enterEvent(self, event: QEnterEvent) -> None:
        self._hovered = True
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hovered = False
        self._pressed = False
        self.update()
        super().leaveEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._update_trend()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        base = pal.color(QPalette.ColorRole.Base)
        highlight = pal.color(QPalette.ColorRole.Highlight)
        active = self._hovered or self.hasFocus()
        background = _mix(base, highlight, 0.07) if self._hovered else base
        border = highlight if active else _mix(base, pal.color(QPalette.ColorRole.Text), 0.28)
        width = 2.0 if active else 1.0
        rect = QRectF(self.rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2)
        path = QPainterPath()
        path.addRoundedRect(rect, _RADIUS, _RADIUS)
        p.fillPath(path, background)
        p.save()
        p.setClipPath(path)
        p.fillRect(QRectF(rect.left(), rect.top(), rect.width(), _STRIPE), self._stripe_color())
        p.restore()
        p.setPen(QPen(border, width))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        p.end()

    def _stripe_color(self) -> QColor:
        return QColor(STATUS_COLORS[self._row.status])

    # -- clicking ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = True
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if (
            event.button() == Qt.MouseButton.LeftButton
            and self._pressed
            and self.rect().contains(event.position().toPoint())
        ):
            self._pressed = False
            self.clicked.emit(self._row.kpi_id)
            event.accept()
            return
        self._pressed = False
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self._row.kpi_id)
            event.accept()
            return
        super().keyPressEvent(event)


class ScorecardView(QWidget):
    """Every KPI of the document as a tile, filtered by status, owner and perspective."""

    kpi_selected = Signal(int)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._rows: list[ScorecardRow] = []
        self._all_tiles: list[KpiTile] = []
        self._shown: list[KpiTile] = []
        self._columns = 0
        self._status: Status | None = None
        self._due: frozenset[int] | None = None
        self._owner: str | None = None
        self._perspective: str | None = None
        self._dirty = False
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

        bar = QHBoxLayout()
        bar.setContentsMargins(TILE_SPACING, TILE_SPACING, TILE_SPACING, 0)
        bar.setSpacing(6)
        for text, combo in (
            (self.tr("&Status:"), self.status_combo),
            (self.tr("&Owner:"), self.owner_combo),
            (self.tr("&Perspective:"), self.perspective_combo),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            bar.addWidget(label)
            bar.addWidget(combo)
            bar.addSpacing(12)
        bar.addStretch(1)

        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(TILE_SPACING)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.show_all_button = QPushButton(self.tr("Show all KPIs"))
        self.show_all_button.clicked.connect(self.clear_filters)
        empty_row = QHBoxLayout()
        empty_row.addStretch(1)
        empty_row.addWidget(self.show_all_button)
        empty_row.addStretch(1)

        self._canvas = QWidget()
        self._canvas.setBackgroundRole(QPalette.ColorRole.Window)
        canvas_box = QVBoxLayout(self._canvas)
        canvas_box.setContentsMargins(TILE_SPACING, TILE_SPACING, TILE_SPACING, TILE_SPACING)
        canvas_box.setSpacing(TILE_SPACING)
        canvas_box.addLayout(self._grid)
        canvas_box.addWidget(self.empty_label)
        canvas_box.addLayout(empty_row)
        canvas_box.addStretch(1)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll_area.setWidget(self._canvas)
        self.scroll_area.viewport().installEventFilter(self)

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(TILE_SPACING // 2)
        box.addLayout(bar)
        box.addWidget(self.summary_label)
        box.addWidget(self.scroll_area, 1)

        self.status_combo.currentIndexChanged.connect(self._on_combo_changed)
        self.owner_combo.currentIndexChanged.connect(self._on_combo_changed)
        self.perspective_combo.currentIndexChanged.connect(self._on_combo_changed)
        document.goals_changed.connect(self._on_document_changed)
        document.kpi_changed.connect(self._on_document_changed)
        document.measurements_changed.connect(self._on_document_changed)
        # Nothing is read until the scorecard is shown (or asked for its tiles): a workspace
        # of 2,000 KPIs opens without building 2,000 tiles nobody looks at.
        self._dirty = True

    # -- public API --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read every KPI again and rebuild the tiles (keeping the filters)."""
        self._refresh_timer.stop()
        self._dirty = False
        error = ""
        try:
            self._rows = scorecard_rows(self._document.workspace, self._document.as_of)
        except KpiDesktopError as exc:
            self._rows, error = [], str(exc)
        for tile in self._all_tiles:
            self._grid.removeWidget(tile)
            tile.hide()
            tile.deleteLater()
        self._all_tiles = []
        for row in self._rows:
            tile = KpiTile(row, self._canvas)
            tile.hide()
            tile.clicked.connect(self.kpi_selected)
            self._all_tiles.append(tile)
        self._show_signals()
        self._fill_combos()
        self._apply_filters(error)

    def tiles(self) -> list[KpiTile]:
        """The tiles that pass the filters, in tree order."""
        self._load_if_stale()
        return list(self._shown)

    def rows(self) -> list[ScorecardRow]:
        self._load_if_stale()
        return list(self._rows)

    def columns(self) -> int:
        self._load_if_stale()
        return self._columns

    def _load_if_stale(self) -> None:
        """Read now what a hidden scorecard put off reading."""
        if self._dirty:
            self.refresh()

    @property
    def status_filter(self) -> Status | None:
        return self._status

    @property
    def owner_filter(self) -> str | None:
        return self._owner

    @property
    def perspective_filter(self) -> str | None:
        return self._perspective

    def set_status_filter(self, status: Status | None) -> None:
        """Show only KPIs with `status` (None: every status)."""
        self._status = None if status is None else Status(status)
        self._select(self.status_combo, self._status)
        self._apply_filters()

    def set_owner_filter(self, owner: str | None) -> None:
        """Show only KPIs owned by `owner` ("" for KPIs without owner; None: everybody)."""
        self._owner = owner
        self._select(self.owner_combo, owner, owner or self.tr("No owner"))
        self._apply_filters()

    def set_perspective_filter(self, perspective: str | None) -> None:
        """Show only KPIs of `perspective` ("" for none; None: every perspective)."""
        self._perspective = None if perspective is None else perspective.lower()
        label = perspective_label(self._perspective) or self.tr("No perspective")
        self._select(self.perspective_combo, self._perspective, label)
        self._apply_filters()

    def set_due_filter(self, kpi_ids: Iterable[int] | None) -> None:
        """Show only the KPIs in ``kpi_ids`` (the ones due for a value); None: all."""
        self._due = None if kpi_ids is None else frozenset(kpi_ids)
        self._apply_filters()

    @property
    def due_filter(self) -> frozenset[int] | None:
        return self._due

    def _show_signals(self) -> None:
        """Tag the tiles whose latest values show a real change (XmR rules)."""
        try:
            reports = workspace_signals(self._document.workspace, self._document.as_of)
        except KpiDesktopError:
            return
        for tile in self._all_tiles:
            report = reports.get(tile.kpi_id)
            if report is not None and report.real_change:
                tile.set_real_change(
                    report.explanation, change_is_good(report.side, tile.row.direction)
                )

    def clear_filters(self) -> None:
        self._status = self._owner = self._perspective = None
        self._due = None
        for combo in (self.status_combo, self.owner_combo, self.perspective_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._apply_filters()

    # -- filters -----------------------------------------------------------------------------

    def _fill_combos(self) -> None:
        owners = sorted({r.owner for r in self._rows if r.owner}, key=str.casefold)
        present = {r.perspective for r in self._rows}
        perspectives = [p.value for p in Perspective if p.value in present]
        perspectives += sorted(p for p in present if p and p not in perspectives)

        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        self.status_combo.addItem(self.tr("All statuses"), None)
        for status in _STATUS_ORDER:
            self.status_combo.addItem(status_icon(status), status.label, status)
        self.status_combo.blockSignals(False)
        self._select(self.status_combo, self._status)

        self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        self.owner_combo.addItem(self.tr("All owners"), None)
        for owner in owners:
            self.owner_combo.addItem(owner, owner)
        if any(not r.owner for r in self._rows):
            self.owner_combo.addItem(self.tr("No owner"), "")
        self.owner_combo.blockSignals(False)
        self._select(self.owner_combo, self._owner, self._owner or self.tr("No owner"))

        self.perspective_combo.blockSignals(True)
        self.perspective_combo.clear()
        self.perspective_combo.addItem(self.tr("All perspectives"), None)
        for value in perspectives:
            self.perspective_combo.addItem(perspective_label(value), value)
        if None in present:
            self.perspective_combo.addItem(self.tr("No perspective"), "")
        self.perspective_combo.blockSignals(False)
        label = perspective_label(self._perspective) or self.tr("No perspective")
        self._select(self.perspective_combo, self._perspective, label)

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
        self._status = self.status_combo.currentData()
        self._owner = self.owner_combo.currentData()
        self._perspective = self.perspective_combo.currentData()
        self._apply_filters()

    def _passes(self, row: ScorecardRow) -> bool:
        if self._due is not None and row.kpi_id not in self._due:
            return False
        if self._status is not None and row.status != self._status:
            return False
        if self._owner is not None and row.owner.casefold() != self._owner.casefold():
            return False
        return self._perspective is None or (row.perspective or "") == self._perspective

    def _apply_filters(self, error: str = "") -> None:
        self._shown = [t for t in self._all_tiles if self._passes(t.row)]
        filtered = any(
            v is not None for v in (self._status, self._owner, self._perspective, self._due)
        )
        if error:
            message = self.tr("The scorecard could not be read: {e}").format(e=error)
        elif not self._all_tiles:
            message = self.tr("No KPIs yet. Add a KPI to a goal and it shows up here.")
        elif not self._shown:
            message = self.tr("No KPI matches these filters.")
        else:
            message = ""
        self.empty_label.setText(message)
        self.empty_label.setVisible(bool(message))
        self.show_all_button.setVisible(filtered and not self._shown and bool(self._all_tiles))
        self._update_summary(filtered)
        self._columns = 0  # force a re-flow
        self._reflow()

    def _update_summary(self, filtered: bool) -> None:
        total, shown = len(self._all_tiles), len(self._shown)
        counts = {s: 0 for s in _STATUS_ORDER}
        for tile in self._shown:
            counts[tile.row.status] += 1
        parts = [f"{n} {s.label.lower()}" for s, n in counts.items() if n]
        head = (
            self.tr("{shown} of {total} KPIs").format(shown=shown, total=total)
            if filtered
            else self.tr("{total} KPIs").format(total=total)
        )
        if self._due is not None:
            head += self.tr(" due for a value")
        when = self._document.as_of
        date = f"{when.day} {when.strftime('%b')} {when.year}"
        tail = f": {', '.join(parts)}" if parts else ""
        self.summary_label.setText(
            self.tr("{head}{tail} · as of {date}").format(head=head, tail=tail, date=date)
        )

    # -- layout ------------------------------------------------------------------------------

    def _columns_for(self, width: int) -> int:
        usable = width - 2 * TILE_SPACING + TILE_SPACING
        return max(1, usable // (TILE_MIN_WIDTH + TILE_SPACING))

    def _reflow(self) -> None:
        columns = self._columns_for(self.scroll_area.viewport().width())
        if columns == self._columns:
            return
        old_columns = max(self._columns, self._grid.columnCount())
        self._columns = columns
        shown = set(map(id, self._shown))
        for tile in self._all_tiles:
            self._grid.removeWidget(tile)
            if id(tile) not in shown:
                tile.hide()
        for c in range(old_columns):
            self._grid.setColumnStretch(c, 0)
            self._grid.setColumnMinimumWidth(c, 0)
        if self._shown:
            for c in range(columns):
                self._grid.setColumnStretch(c, 1)
                self._grid.setColumnMinimumWidth(c, TILE_MIN_WIDTH)
        for i, tile in enumerate(self._shown):
            self._grid.addWidget(tile, i // columns, i % columns)
            tile.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._reflow()
        return super().eventFilter(watched, event)

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


__all__ = ["ElidedLabel", "KpiTile", "ScorecardView", "Sparkline", "TILE_MIN_WIDTH"]

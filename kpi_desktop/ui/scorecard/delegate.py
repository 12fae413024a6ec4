"""KpiTileDelegate: paints one scorecard tile (name, goal, value with unit, trend arrow,
sparkline, status badge + word, progress, "Real change" tag) with QPainter.

Only the tiles on screen are painted. Colours come from the view's palette so a tile reads
in light and dark themes alike; only the status and trend colours are fixed, and neither
is ever the only cue: a status has a badge shape and a word, a trend an arrow and a word.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from kpi_desktop.domain.types import Status
from kpi_desktop.ui.appearance.scheme import is_dark
from kpi_desktop.ui.scorecard.model import TileRole
from kpi_desktop.ui.scorecard.tile import TileContent
from kpi_desktop.ui.scorecard.tile_layout import (
    BADGE,
    RADIUS,
    STRIPE,
    TILE_MIN_WIDTH,
    TileFonts,
    TileLayout,
    real_change_tag,
    sparkline_points,
)
from kpi_desktop.ui.theme import status_color, status_ink, status_pixmap
from kpi_desktop.ui.widgets.text_alignment import LEFT_MIDDLE, RIGHT_MIDDLE

_Index = QModelIndex | QPersistentModelIndex


translate = QCoreApplication.translate


def mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    """The colour `share_of_b` of the way from `a` to `b`."""
    t = max(0.0, min(1.0, share_of_b))
    return QColor.fromRgbF(
        a.redF() * (1 - t) + b.redF() * t,
        a.greenF() * (1 - t) + b.greenF() * t,
        a.blueF() * (1 - t) + b.blueF() * t,
    )


def news_color(good: bool | None, palette: QPalette, neutral: QColor) -> QColor:
    """Green for good news, red for bad (AA contrast on light and dark), else `neutral`."""
    if good is None:
        return neutral
    return status_ink(Status.ON_TRACK if good else Status.OFF_TRACK, palette)


class KpiTileDelegate(QStyledItemDelegate):
    """Paints a `TileContent` (the model's `TileRole.CONTENT`) as a tile of uniform size."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tile_width = TILE_MIN_WIDTH
        self._fonts: dict[str, TileFonts] = {}
        self._badges: dict[tuple[Status, float, bool], QPixmap] = {}

    # -- size --------------------------------------------------------------------------------

    def tile_width(self) -> int:
        return self._tile_width

    def set_tile_width(self, width: int) -> None:
        self._tile_width = max(1, width)

    def fonts(self, base: QFont) -> TileFonts:
        key = base.key()
        fonts = self._fonts.get(key)
        if fonts is None:
            fonts = self._fonts[key] = TileFonts(base)
        return fonts

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(self._tile_width, self.fonts(option.font).tile_height())

    # -- painting ----------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        content = index.data(TileRole.CONTENT)
        if not isinstance(content, TileContent):
            return
        rect = QRectF(option.rect)
        palette: QPalette = option.palette
        state = option.state
        fonts = self.fonts(option.font)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        layout = TileLayout.of(rect, fonts, content)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self._paint_frame(painter, rect, palette, content.status, hovered, focused)
        self._paint_texts(painter, layout, fonts, palette, content)
        self._paint_sparkline(painter, layout.sparkline, palette, content)
        self._paint_status(painter, layout.status, fonts, palette, content)
        painter.restore()

    def _paint_frame(
        self,
        p: QPainter,
        rect: QRectF,
        pal: QPalette,
        status: Status,
        hovered: bool,
        focused: bool,
    ) -> None:
        base = pal.color(QPalette.ColorRole.Base)
        highlight = pal.color(QPalette.ColorRole.Highlight)
        active = hovered or focused
        background = mix(base, highlight, 0.07) if hovered else base
        border = highlight if active else mix(base, pal.color(QPalette.ColorRole.Text), 0.28)
        width = 2.0 if active else 1.0
        frame = rect.adjusted(width / 2, width / 2, -width / 2, -width / 2)
        path = QPainterPath()
        path.addRoundedRect(frame, RADIUS, RADIUS)
        p.fillPath(path, background)
        p.save()
        p.setClipPath(path)
        p.fillRect(QRectF(frame.left(), frame.top(), frame.width(), STRIPE), status_color(status))
        p.restore()
        p.setPen(QPen(border, width))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)

    def _paint_texts(
        self, p: QPainter, at: TileLayout, fonts: TileFonts, pal: QPalette, c: TileContent
    ) -> None:
        text = pal.color(QPalette.ColorRole.Text)
        quiet = pal.color(QPalette.ColorRole.PlaceholderText)
        left, right = LEFT_MIDDLE, RIGHT_MIDDLE
        elide = Qt.TextElideMode.ElideRight

        p.setFont(fonts.name)
        p.setPen(text)
        p.drawText(at.name, left, fonts.name_m.elidedText(c.name, elide, at.name.width()))

        goal = QRectF(at.goal)
        if c.real_change:
            goal.setRight(at.tag.left() - 6)
            p.setFont(fonts.tag)
            p.setPen(news_color(c.real_change_good, pal, quiet))
            p.drawText(at.tag, right, real_change_tag())
        p.setFont(fonts.small)
        p.setPen(quiet)
        p.drawText(goal, left, fonts.small_m.elidedText(c.goal_line, elide, goal.width()))

        # The number large, the unit small on the same baseline, the trend on the right.
        room_right = at.trend.left() - 8 if c.trend_text else at.inner.right()
        x = at.inner.left()
        p.setFont(fonts.value)
        p.setPen(text)
        number = fonts.value_m.elidedText(c.number, elide, room_right - x)
        p.drawText(QPointF(x, at.value_baseline), number)
        x += fonts.value_m.horizontalAdvance(number) + 5
        if c.unit and room_right - x > fonts.body_m.averageCharWidth() * 2:
            p.setFont(fonts.body)
            p.drawText(
                QPointF(x, at.value_baseline),
                fonts.body_m.elidedText(c.unit, elide, room_right - x),
            )
        if c.trend_text:
            p.setFont(fonts.bold)
            p.setPen(
                news_color(c.trend_good, pal, mix(pal.color(QPalette.ColorRole.Base), text, 0.62))
            )
            p.drawText(QPointF(at.trend.left() + 1, at.value_baseline), c.trend_text)

    def _paint_sparkline(self, p: QPainter, area: QRectF, pal: QPalette, c: TileContent) -> None:
        text = pal.color(QPalette.ColorRole.Text)
        base = pal.color(QPalette.ColorRole.Base)
        points = sparkline_points(c.sparkline, area.adjusted(4, 4, -5, -4))
        if not points:
            p.setPen(mix(text, base, 0.45))
            p.drawText(area, Qt.AlignmentFlag.AlignCenter, translate("KpiTile", "No values yet"))
            return
        if len(points) > 1:
            floor = area.bottom() - 2
            fill = QPolygonF(
                [QPointF(points[0].x(), floor), *points, QPointF(points[-1].x(), floor)]
            )
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(mix(base, text, 0.08))
            p.drawPolygon(fill)
            pen = QPen(mix(base, text, 0.7), 1.6)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPolyline(QPolygonF(points))
        p.setPen(QPen(base, 1.2))
        p.setBrush(status_color(c.status))
        p.drawEllipse(points[-1], 3.6, 3.6)

    def _paint_status(
        self,
        p: QPainter,
        area: QRectF,
        fonts: TileFonts,
        pal: QPalette,
        c: TileContent,
    ) -> None:
        ratio = p.device().devicePixelRatioF() if p.device() is not None else 1.0
        badge = QRectF(area.left(), area.center().y() - BADGE / 2, BADGE, BADGE)
        p.drawPixmap(badge.topLeft(), self._badge(c.status, ratio))
        text = pal.color(QPalette.ColorRole.Text)
        progress_width = fonts.body_m.horizontalAdvance(c.progress_text) + 2
        word = QRectF(badge.right() + 6, area.top(), area.width(), area.height())
        word.setRight(area.right() - progress_width - 8)
        p.setPen(text)
        p.setFont(fonts.bold)
        left = LEFT_MIDDLE
        p.drawText(
            word,
            left,
            fonts.bold_m.elidedText(c.status_word, Qt.TextElideMode.ElideRight, word.width()),
        )
        p.setFont(fonts.body)
        p.drawText(
            area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, c.progress_text
        )

    def _badge(self, status: Status, ratio: float) -> QPixmap:
        key = (status, ratio, is_dark())  # drawn again after a colour scheme change
        pixmap = self._badges.get(key)
        if pixmap is None:
            pixmap = status_pixmap(status, round(BADGE * ratio))
            pixmap.setDevicePixelRatio(ratio)
            self._badges[key] = pixmap
        return pixmap

    # -- tooltips ----------------------------------------------------------------------------

    def tooltip_at(self, point: QPointF, option: QStyleOptionViewItem, index: _Index) -> str:
        """The tooltip of the tile part under `point`: the "Real change" tag explains the
        change, the trend says what it is judged on, the rest tells about the KPI."""
        content = index.data(TileRole.CONTENT)
        if not isinstance(content, TileContent):
            return ""
        layout = TileLayout.of(QRectF(option.rect), self.fonts(option.font), content)
        if content.real_change and layout.tag.contains(point):
            return content.real_change
        if content.trend_text and layout.trend.contains(point):
            return content.trend_tooltip
        return content.tooltip

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: _Index,
    ) -> bool:
        if event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        text = self.tooltip_at(QPointF(event.pos()), option, index)
        if not text:
            QToolTip.hideText()
            return False
        QToolTip.showText(event.globalPos(), text, view, option.rect)
        return True


__all__ = ["KpiTileDelegate", "mix", "news_color"]

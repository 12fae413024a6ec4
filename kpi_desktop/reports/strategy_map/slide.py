"""The deck's strategy-map slide: the map as drawn in the app, as a picture fitted under
the slide's title."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QGuiApplication

from kpi_desktop.reports.strategy_map.layout import lay_out
from kpi_desktop.reports.strategy_map.painting import map_image
from kpi_desktop.services.strategy_map.map_data import strategy_map


def map_png(ws: Any, as_of: dt.date) -> tuple[bytes, float, float]:
    """The workspace's strategy map as PNG bytes, with its size in logical pixels."""
    if QGuiApplication.instance() is None:
        import pyqtgraph as pg

        pg.mkQApp()
    layout = lay_out(strategy_map(ws, as_of))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    map_image(layout).save(buffer, "PNG")
    buffer.close()
    return bytes(data.data()), layout.width, layout.height


def add_map_picture(slide: Any, ws: Any, as_of: dt.date, box: tuple[int, int, int, int]) -> Any:
    """Put the map on `slide`, as large as fits in `box` (left, top, width, height in EMU)."""
    import io

    png, w, h = map_png(ws, as_of)
    left, top, width, height = box
    scale = min(width / w, height / h)
    pic_w, pic_h = int(w * scale), int(h * scale)
    return slide.shapes.add_picture(io.BytesIO(png), left + (width - pic_w) // 2, top, pic_w, pic_h)

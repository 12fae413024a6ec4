"""Dark mode (issue 19, item 3): View > Colour scheme (System, Light, Dark), a dark palette
for every pane, the chart and the tiles; status colours keep WCAG AA contrast on both;
exports stay light."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from kpi_desktop.domain.types import Status
from kpi_desktop.ui.appearance import scheme
from kpi_desktop.ui.appearance.contrast import (
    AA_GRAPHIC,
    AA_TEXT,
    STATUS_FILLS,
    STATUS_INKS,
    badge_outline,
    contrast_ratio,
    relative_luminance,
)
from kpi_desktop.ui.appearance.scheme import apply_colour_scheme, dark_palette, is_dark
from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.prompts import ScriptedPrompts
from kpi_desktop.ui.settings import AppSettings
from kpi_desktop.ui.theme import status_pixmap

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def back_to_light(qapp):  # type: ignore[no-untyped-def]
    yield
    apply_colour_scheme(qapp, "system")  # the offscreen system is light: as other tests expect
    assert not is_dark()


@pytest.fixture
def window(qtbot, tmp_path: Path, cafe: Path):  # type: ignore[no-untyped-def]
    made = MainWindow(AppSettings(tmp_path / "settings.ini"), ScriptedPrompts())
    qtbot.addWidget(made)
    made.resize(1280, 800)
    made.show()
    assert made.open_workspace(cafe)
    made.view.tree.select("kpi", made.document.workspace.kpis.find("Monthly revenue").id)
    QApplication.processEvents()
    yield made
    made.close_workspace()


def test_contrast_ratio_is_wcag_arithmetic() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # WebAIM
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)
    with pytest.raises(ValueError):
        relative_luminance("#FFF")


@pytest.mark.parametrize("choice", ["light", "dark"])
def test_status_colours_keep_aa_contrast_on_their_background(qapp, choice: str) -> None:  # type: ignore[no-untyped-def]
    dark = apply_colour_scheme(qapp, choice)
    assert dark == (choice == "dark")
    palette = QApplication.palette()
    backgrounds = [
        palette.color(QPalette.ColorRole.Base).name(),
        palette.color(QPalette.ColorRole.Window).name(),
    ]
    for status in Status:
        for background in backgrounds:
            badge = max(
                contrast_ratio(STATUS_FILLS[dark][status], background),
                contrast_ratio(badge_outline(status, dark), background),
            )
            assert badge >= AA_GRAPHIC, (choice, status, background, badge)
            ink = contrast_ratio(STATUS_INKS[dark][status], background)
            assert ink >= AA_TEXT, (choice, status, background, ink)
        # the badge on screen is drawn in these colours (the ring of "no data" too)
        pix = status_pixmap(status, 32).toImage()
        outline = QColor(badge_outline(status, dark))
        drawn = [pix.pixelColor(x, y) for x in range(32) for y in range(32)]
        fill = QColor(STATUS_FILLS[dark][status])
        assert any(_near(c, outline, 16) for c in drawn if c.alpha() > 200), (choice, status)
        if status is not Status.NO_DATA:  # (a ring: no fill)
            assert any(_near(c, fill) for c in drawn), (choice, status)
    # and the body text of every pane
    text = palette.color(QPalette.ColorRole.Text).name()
    assert all(contrast_ratio(text, b) >= 7 for b in backgrounds)


def _near(a: QColor, b: QColor, tolerance: int = 6) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def _pixel(image: QImage, x: int, y: int) -> QColor:
    return image.pixelColor(x, y)


def test_view_dark_turns_every_pane_dark_and_exports_stay_light(
    window: MainWindow, tmp_path: Path
) -> None:
    menu = window.menus.view_menu
    assert menu.scheme_actions["system"].isChecked()  # the default: follow the system
    menu.scheme_actions["dark"].trigger()
    QApplication.processEvents()
    assert is_dark() and window.settings.colour_scheme() == "dark"
    assert menu.scheme_actions["dark"].isChecked()
    view = window.view
    for pane in (view.tree.view, view.table.view, view.kpi_editor, view.centre, view.reminders):
        image = pane.grab().toImage()
        corner = image.pixelColor(image.width() // 2, image.height() - 3)
        assert corner.lightness() < 90, (type(pane).__name__, corner.name())
    chart = view.chart.chart_widget.grab().toImage()
    assert _pixel(chart, 3, 3).lightness() < 60  # the chart's background
    assert view.chart.plot_item.legend.opts["labelTextColor"] is not None
    # the scorecard tiles, on the overview
    view.centre.setCurrentWidget(view.overview)
    QApplication.processEvents()
    rect = view.scorecard.tile_rect(view.scorecard.tiles()[0].kpi_id)
    tiles = view.scorecard.grid.viewport().grab().toImage()
    assert _pixel(tiles, rect.center().x(), rect.bottom() - 8).lightness() < 80
    # an export is light whatever the screen shows
    from kpi_desktop.reports.chart import render_chart_png
    from kpi_desktop.services.tracking.chart_data import chart_data

    out = tmp_path / "chart.png"
    kpi = window.document.workspace.kpis.find("Monthly revenue")
    render_chart_png(
        chart_data(window.document.workspace, kpi.id, window.document.as_of), out, 800, 450
    )
    exported = QImage(str(out))
    assert _pixel(exported, 5, 5).name() == "#ffffff"
    # and back to light
    menu.scheme_actions["light"].trigger()
    QApplication.processEvents()
    assert not is_dark() and window.settings.colour_scheme() == "light"
    view.centre.setCurrentWidget(view.chart_split)
    QApplication.processEvents()
    assert _pixel(view.chart.chart_widget.grab().toImage(), 3, 3).name() == "#ffffff"


def test_system_follows_the_desktop_when_it_turns_dark(qapp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert apply_colour_scheme(qapp, "system") is False  # the offscreen desktop: light
    monkeypatch.setattr(scheme, "system_is_dark", lambda _app: True)
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert is_dark()
    # a fixed choice is not overridden by the desktop
    apply_colour_scheme(qapp, "light")
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not is_dark()
    monkeypatch.undo()


def test_the_dark_palette_sets_every_colour_it_uses() -> None:
    palette = dark_palette()
    assert palette.color(QPalette.ColorRole.Window).lightness() < 60
    assert palette.color(QPalette.ColorRole.Text).lightness() > 200
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert 90 < disabled.lightness() < 160  # dimmed, still readable
    highlight = palette.color(QPalette.ColorRole.Highlight).name()
    assert contrast_ratio(highlight, "#FFFFFF") >= AA_TEXT


def test_the_saved_choice_is_applied_at_start(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kpi_desktop.ui.app import apply_saved_colour_scheme

    settings = AppSettings(tmp_path / "settings.ini")
    settings.set_colour_scheme("dark")
    apply_saved_colour_scheme(qapp, AppSettings(tmp_path / "settings.ini"))
    assert is_dark()


DARK_FIRST_FRAME = """
import json, sys
from PySide6 import QtCore
from PySide6.QtWidgets import QApplication
from kpi_desktop.ui.app import preset_colour_scheme
from kpi_desktop.ui.main_window import MainWindow
from kpi_desktop.ui.settings import AppSettings

app = QApplication([])
settings = AppSettings()
settings.set_colour_scheme(sys.argv[1])
window = MainWindow(settings)
preset_colour_scheme(app, window.settings)
window.show()
app.processEvents()
base = app.palette().color(app.palette().ColorRole.Base).name()
print(json.dumps({"base": base, "qt_namespace": "Qt" in vars(QtCore)}))
"""


@pytest.mark.parametrize("choice", ["dark", "system"])
def test_the_first_frame_has_the_saved_scheme_and_stays_fast(tmp_path: Path, choice: str) -> None:
    import json
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KPI_DESKTOP_DATA_DIR=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", DARK_FIRST_FRAME, choice],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert (seen["base"] == dark_palette().color(QPalette.ColorRole.Base).name()) == (
        choice == "dark"
    )
    assert seen["qt_namespace"] is False  # (its ~90 ms wait until the window shows)

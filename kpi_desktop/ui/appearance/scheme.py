"""The colour scheme: Light, Dark or System (Qt 6's ``QStyleHints.colorScheme``).

``apply_colour_scheme(app, choice)`` sets the application palette: the style's own light
palette, or the dark palette below (Qt's Fusion style has none of its own off the desktops
that provide one). With "system" the app follows ``colorSchemeChanged`` until another choice
is made. Widgets that paint themselves (tiles, badges, the chart) read ``is_dark()`` or their
palette, and repaint on the palette change that follows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from kpi_desktop.reports.chart_style import CHART
from kpi_desktop.ui.appearance.contrast import BACKGROUNDS, DARK_CHART

SCHEMES: tuple[str, ...] = ("system", "light", "dark")

_DARK_COLOURS: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Window: BACKGROUNDS[True][1],
    QPalette.ColorRole.WindowText: "#E6E6E6",
    QPalette.ColorRole.Base: BACKGROUNDS[True][0],
    QPalette.ColorRole.AlternateBase: "#262A30",
    QPalette.ColorRole.ToolTipBase: "#2F343B",
    QPalette.ColorRole.ToolTipText: "#E6E6E6",
    QPalette.ColorRole.PlaceholderText: "#9AA0A6",
    QPalette.ColorRole.Text: "#E6E6E6",
    QPalette.ColorRole.Button: "#2F343B",
    QPalette.ColorRole.ButtonText: "#E6E6E6",
    QPalette.ColorRole.BrightText: "#FF8A80",
    QPalette.ColorRole.Light: "#454B53",
    QPalette.ColorRole.Midlight: "#3A3F46",
    QPalette.ColorRole.Mid: "#32363D",
    QPalette.ColorRole.Dark: "#15171A",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#2F6FD0",
    QPalette.ColorRole.HighlightedText: "#FFFFFF",
    QPalette.ColorRole.Link: "#8AB4F8",
    QPalette.ColorRole.LinkVisited: "#C58AF9",
}
_DARK_DISABLED = "#7A7F86"


class _State:
    """What was chosen, and whether the system's changes are followed."""

    choice = "system"
    following = False
    light: QPalette | None = None  # the style's own palette, kept before the first change


def dark_palette() -> QPalette:
    """The app's dark palette: every role set, disabled text dimmed."""
    palette = QPalette()
    for role, colour in _DARK_COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DARK_DISABLED))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, QColor("#3A3F46"))
    return palette


def system_is_dark(app: QGuiApplication) -> bool:
    from PySide6.QtCore import Qt

    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_colour_scheme(app: QGuiApplication, choice: str) -> bool:
    """Use ``choice`` ("light", "dark" or "system") from now on; True when the app is dark.

    An unknown choice counts as "system"."""
    from PySide6.QtCore import Qt

    choice = choice if choice in SCHEMES else "system"
    _State.choice = choice
    hints = app.styleHints()
    if choice == "system":
        hints.unsetColorScheme()
        if not _State.following:
            hints.colorSchemeChanged.connect(lambda _scheme: _follow_system(app))
            _State.following = True
        dark = system_is_dark(app)
    else:
        dark = choice == "dark"
        hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
    _set_palette(app, dark)
    return dark


def current_choice() -> str:
    return _State.choice


def _follow_system(app: QGuiApplication) -> None:
    if _State.choice == "system":
        _set_palette(app, system_is_dark(app))


def set_dark_palette_early(app: QGuiApplication) -> None:
    """Before the first frame, for a saved "dark": the palette alone. It needs none of
    ``Qt``'s enums (building them costs ~90 ms); ``apply_colour_scheme`` finishes later."""
    if _State.light is None:
        _State.light = app.palette()  # (a copy; QPalette(...) would build all of `Qt`)
    app.setPalette(dark_palette())


def _set_palette(app: QGuiApplication, dark: bool) -> None:
    if _State.light is None:
        _State.light = app.palette()  # (a copy; QPalette(...) would build all of `Qt`)
    if dark == is_dark(app.palette()) and (dark or app.palette() == _State.light):
        return  # already so: nothing to repaint
    app.setPalette(dark_palette() if dark else _State.light)
    _forget_drawn_icons()
    _repolish_style_sheets()


def _repolish_style_sheets() -> None:
    """Widgets with a style sheet of their own keep the palette they were polished with:
    set their sheets again (and tell them, as the bar that tints its sheet needs)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)
            QApplication.sendEvent(widget, QEvent(QEvent.Type.PaletteChange))


def _forget_drawn_icons() -> None:
    """Badges and tree icons are drawn once per colour scheme and cached: drop the old ones."""
    import sys

    theme = sys.modules.get("kpi_desktop.ui.theme")  # (none drawn before it is imported)
    if theme is not None:
        theme.status_icon.cache_clear()
        theme.item_icon.cache_clear()


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether ``palette`` (default: the application's) is a dark one."""
    if palette is None:
        palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


@contextmanager
def chart_colours(dark: bool) -> Iterator[None]:
    """Draw with the dark chart colours inside the block (the shared chart renderer reads
    ``CHART``); the light ones, which exports use, are back afterwards."""
    if not dark:
        yield
        return
    light = dict(CHART)
    CHART.update(DARK_CHART)
    try:
        yield
    finally:
        CHART.update(light)

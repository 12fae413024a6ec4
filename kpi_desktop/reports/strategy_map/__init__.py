"""The strategy map drawn: its layout (pure arithmetic), one painter for the tab, the
exports (PNG, SVG, PDF) and the deck's slide.

May import kpi_desktop.domain and kpi_desktop.services, and QtGui/QtSvg to draw.
"""

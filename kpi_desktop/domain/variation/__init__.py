"""Variation over time: XmR limits and stretches, signals of real change, the trend,
the one forecast and sizing.

Pure Python: may import kpi_desktop.domain's other modules only (no Qt, no SQL).
"""

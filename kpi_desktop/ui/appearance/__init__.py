"""Appearance: the light and dark colour schemes (View > Light / Dark / System), the dark
palette, the on-screen status and chart colours and their WCAG contrast.

May import Qt, ui's shared modules and reports.chart_style (plain colour data); never a service.
"""

"""The GUI ends of the exports: chart, meeting report and data export dialogs.

May import ui's shared modules, reports, services and domain.
"""

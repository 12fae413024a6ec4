"""One KPI: its editor, its values table and its chart pane.

May import ui's shared modules, reports, services and domain.
"""

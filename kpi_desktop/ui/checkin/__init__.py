"""Track > Check in: this period's value of every KPI due, in one grid and one undo step.

May import ui's shared modules, ui.kpi's value helpers, services and domain.
"""

"""The what-if panel of a calculated KPI and the strategy map tab with its undo commands.

May import kpi_desktop.domain, services, reports and the ui's shared parts (document,
commands, prompts, widgets); never kpi_desktop.store.
"""

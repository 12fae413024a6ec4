"""Calculated KPIs: checking a formula when it is saved, keeping derived values up to date
in the transaction of every input change, and what-if over a calculated KPI's inputs.

May import kpi_desktop.domain, kpi_desktop.store and the other service packages; no Qt.
"""

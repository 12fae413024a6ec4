"""Setting KPIs up: goals, KPI definitions, sizing, templates, the quality check.

May import services' shared modules, store and domain.
"""

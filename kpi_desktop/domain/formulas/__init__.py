"""Calculated KPIs: the formula language (parse, check, rename) and its evaluation per
period, for previews, what-if and tests (the store recomputes in bulk from the same tree).

Pure Python: may import kpi_desktop.domain's other modules only (no Qt, no SQL).
"""

"""The strategy map: "drives" links between goals (stored, one transaction each) and what
the map shows (perspective bands, objectives with their status, links, inputs' arrows).

May import kpi_desktop.domain, kpi_desktop.store and the other service packages; no Qt.
"""

"""The full exchange of a workspace through a workbook: which tables and columns travel
(read from the SQLModel metadata, so a new table or column travels without new code), the
rows of each, and rebuilding a new workspace from them (``kpi-desktop new WS --from FILE``).

May import: store, domain and the services packages below it (planning, workspace, errors).
"""

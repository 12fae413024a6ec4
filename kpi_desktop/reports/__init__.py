"""Reports: chart rendering (one renderer for the pane and the exports) and document exports.

May import services, domain, Qt and pyqtgraph; never ui.
"""

"""The scorecard: every KPI as a tile, with its model, delegate and grid.

May import ui's shared modules, services and domain.
"""

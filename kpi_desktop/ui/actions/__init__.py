"""The Actions tab: every corrective action, filtered by owner, state and KPI, each edit
undoable.

May import ui's shared modules, services and domain.
"""

"""The overview a workspace opens on (the scorecard beside what is due and what was
achieved lately) and the view each workspace is reopened with (tab, selection, panels).

May import ui's shared modules and feature packages, services and domain; never store.tables.
"""

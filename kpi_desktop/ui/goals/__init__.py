"""The goal tree pane, its model and filter, and the goal editor.

May import ui's shared modules, services and domain.
"""

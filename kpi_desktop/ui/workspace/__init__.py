"""Workspace level: the main window's menus and toolbar, the demo file, restoring a backup.

May import ui's shared modules, services and domain.
"""

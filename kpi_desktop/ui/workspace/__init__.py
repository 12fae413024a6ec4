"""Workspace-level dialogs: restoring a backup, opening and closing workspaces.

May import ui's shared modules, services and domain.
"""

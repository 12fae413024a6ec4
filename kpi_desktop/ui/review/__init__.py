"""The review meeting window, past reviews and the list of open actions.

May import ui's shared modules, reports, services and domain.
"""

"""The workspace itself: open, create, migrate, copy, backups, presence, conflicts, demo.

May import services' shared modules, store and domain.
"""

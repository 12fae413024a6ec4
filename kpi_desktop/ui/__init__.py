"""Qt widgets, item models, wizards and undo commands, in feature packages.

May import reports, services and domain (never store.tables).
"""

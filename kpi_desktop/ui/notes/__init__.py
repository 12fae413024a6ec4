"""Notes on the chart (annotations): the dialog that adds or edits one, its undo steps, and
the chart's right-click menu that offers them.

May import ui's shared modules, reports (for the chart's coordinates), services and domain.
"""

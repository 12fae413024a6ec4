"""Qt widgets, item models, wizards and undo commands."""

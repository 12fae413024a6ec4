"""The import wizard (File > Mapping > Preview > Result) and its undo step.

May import ui's shared modules, services and domain.
"""

"""Recognition: the achievements panel and the celebration of a value that hits a mark.

May import ui's shared modules, reports, services and domain.
"""

"""Use cases over a workspace, in feature packages; each public call is one transaction.

May import store and domain; never Qt, reports or ui.
"""

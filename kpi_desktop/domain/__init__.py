"""Pure business rules: numbers and dates in, verdicts out.

Imports nothing of the project outside the domain: no Qt, no SQL.
"""

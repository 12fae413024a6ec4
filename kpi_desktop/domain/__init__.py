"""Pure business rules: numbers and dates in, verdicts out.

It may import nothing of the project outside the domain: no Qt, no SQL.
"""

"""Pure business rules: numbers and dates in, verdicts out. No Qt, no SQL."""

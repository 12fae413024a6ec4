"""Numbers as a person types them into a values cell: shown back without a trailing ".0",
read with the importer's rules (decimal comma, thousands, the language's separators)."""

from __future__ import annotations

from typing import Any

from kpi_desktop.domain.formatting import parse_typed


def number_text(value: float) -> str:
    """A float as a user would type it: 1200.0 -> "1200", 0.125 -> "0.125"."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def read_typed_number(value: Any, blank: str) -> float | str:
    """The number in `value` (text is read with the importer's rules), or the reason it is
    refused in plain words ("'12,x' is not a number"; `blank` for empty text)."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return blank
    else:
        text = str(value)
    try:
        return parse_typed(text if isinstance(value, str) else value)
    except (ValueError, TypeError) as exc:
        reason = str(exc) if isinstance(exc, ValueError) and str(exc) else "is not a number"
        return f"'{text}' {reason}"

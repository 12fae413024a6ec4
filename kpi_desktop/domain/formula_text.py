"""Text a spreadsheet could run as a formula ("CSV injection"), and its safe CSV form.

A CSV cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
gets a leading apostrophe on export, as spreadsheet programs expect; so does text that
already starts with an apostrophe, so that reading it back (:func:`from_csv_text`, which
drops one leading apostrophe before such a start) gives exactly the text that was written.
"""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def could_run_as_formula(text: str) -> bool:
    """Whether a spreadsheet could take this text for a formula."""
    return text.startswith(FORMULA_START)


def to_csv_text(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula (text only; numbers stay numbers)."""
    if isinstance(value, str) and (could_run_as_formula(value) or value.startswith(_QUOTE)):
        return _QUOTE + value
    return value


def from_csv_text(text: str) -> str:
    """The text :func:`to_csv_text` was given (one protecting apostrophe dropped)."""
    if text.startswith(_QUOTE) and (could_run_as_formula(text[1:]) or text[1:2] == _QUOTE):
        return text[1:]
    return text

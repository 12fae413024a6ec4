"""Cells of an imported file: blank or not, as text, read as a number or a date, and the
column letters a spreadsheet shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from kpi_desktop.domain.values import parse_date, parse_number


def blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def all_blank(cells: Sequence[Any]) -> bool:
    return all(map(blank, cells))


def cell_text(cell: Any) -> str:
    """A cell as the problems list shows it."""
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


def letter(j: int) -> str:
    """The spreadsheet letter of column j (0 is A, 26 is AA)."""
    name = ""
    j += 1
    while j:
        j, rem = divmod(j - 1, 26)
        name = chr(65 + rem) + name
    return name


def letter_index(ref: str) -> int | None:
    """The column index of a letter reference (A is 0), None when `ref` is no letters."""
    if not ref.isascii() or not ref.isalpha() or len(ref) > 3:
        return None
    index = 0
    for ch in ref.upper():
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def is_number(cell: Any) -> bool:
    if isinstance(cell, bool):
        return False
    try:
        parse_number(cell)
    except (ValueError, TypeError):
        return False
    return True


def is_date(cell: Any) -> bool:
    if isinstance(cell, dt.date):
        return True
    if not isinstance(cell, str):
        return False
    for order in ("dmy", "mdy"):
        try:
            parse_date(cell, order)
        except ValueError:
            continue
        return True
    return False

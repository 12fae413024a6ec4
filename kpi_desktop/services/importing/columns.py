"""Telling what a column of an imported file holds, from its header and its cells.

A column is a *number* column when most of its first 1,000 non-blank cells (more than
half) are numbers, else a *date* column when most are dates, else a *text* column.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kpi_desktop.domain.values import parse_number
from kpi_desktop.services.importing.cells import blank, is_date, is_number
from kpi_desktop.services.importing.reading import ImportTable
from kpi_desktop.services.naming import normalise

_SAMPLE_ROWS = 1000  # non-blank cells looked at to tell what a column holds
_MAJORITY = 0.5  # a column holds what more than this share of its cells are

DATE_HEADER = re.compile(
    r"^(date|day|month|week|quarter|year|period|time|timestamp|datum|fecha|as of|when)\b"
    r"|\b(date|day|month|week|period)$"
)
YEAR_HEADER = re.compile(r"^(year|yr|jahr|année|annee|ano|año|fy|fiscal year)$")
KPI_HEADER = re.compile(r"\b(kpi|kpis|name|metric|indicator|measure|series|variable|key)\b")
VALUE_HEADER = re.compile(r"\b(value|values|amount|actual|actuals|result|total|number|count)\b")


@dataclass(frozen=True, slots=True)
class ColumnKind:
    kind: str  # "empty", "date", "number", "text"
    sample: tuple[Any, ...]  # the non-blank sample cells


def column_kind(table: ImportTable, j: int) -> ColumnKind:
    """What column j holds (found once per table)."""
    key = ("kind", j)
    if key not in table.facts:
        table.facts[key] = _kind_of(table.columns[j])
    found: ColumnKind = table.facts[key]
    return found


def _kind_of(cells: Sequence[Any]) -> ColumnKind:
    sample = tuple(itertools.islice(itertools.filterfalse(blank, cells), _SAMPLE_ROWS))
    if not sample:
        return ColumnKind("empty", sample)
    numbers = sum(map(is_number, sample))
    if numbers > _MAJORITY * len(sample):
        return ColumnKind("number", sample)
    dates = sum(1 for c in sample if is_date(c) and not is_number(c))
    if dates > _MAJORITY * len(sample):
        return ColumnKind("date", sample)
    return ColumnKind("text", sample)


def header_key(label: str) -> str:
    return normalise(label.replace("_", " ").replace("-", " "))


def serial_like(sample: Sequence[Any]) -> bool:
    """Whether every cell is an Excel serial day number (or a yyyymmdd number)."""
    try:
        numbers = [parse_number(c) for c in sample]
    except ValueError:
        return False
    return all(1 <= x <= 2958465 or 19000101 <= x <= 99991231 for x in numbers)


def years_like(sample: Sequence[Any]) -> bool:
    try:
        numbers = [parse_number(c) for c in sample]
    except ValueError:
        return False
    return all(x == int(x) and 1000 <= x <= 9999 for x in numbers)

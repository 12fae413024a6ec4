"""What an import is asked to do (:class:`ImportOptions`), what it would do
(:class:`ImportPlan`, nothing written yet) and what it did (:class:`ImportResult`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
from sqlmodel import select

from kpi_desktop.domain.periods import CALENDAR_YEAR, FiscalYear
from kpi_desktop.domain.types import Frequency
from kpi_desktop.domain.values import DateOrder
from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.naming import normalise
from kpi_desktop.store.tables import Kpi

if TYPE_CHECKING:
    from kpi_desktop.services.workspace.workspace import Workspace

Layout = Literal["wide", "long"]


@dataclass
class ImportOptions:
    """How to read a file. Columns are named by header (any case), 1-based number or letter."""

    layout: Layout | None = None  # None: detect (see kpi_desktop.services.importing.file_import)
    sheet: str | None = None  # XLSX: the sheet to read (default the first)
    create_missing: bool = False  # create KPIs that the file names and the workspace lacks
    goal: str = "Imported"  # the goal that created KPIs go under (made if missing)
    date_column: str | None = None
    kpi_column: str | None = None  # long layout only
    value_column: str | None = None  # long layout only
    date_order: DateOrder | None = None  # "dmy" or "mdy" for dates like 03/04/2024


@dataclass(frozen=True, slots=True)
class ImportResult:
    inserted: int
    replaced: int
    kept: int
    kpis_created: list[str]
    skipped_columns: list[str]
    kpis: list[str]  # every KPI that the file gave values for


@dataclass(eq=False)
class Entries:
    """The values of a plan, column-wise: entry i is KPI kpi_names[kidx[i]], period
    date.fromordinal(period[i]), value[i], from spreadsheet row row[i]."""

    kpi_names: list[str]
    kpi_ids: list[int | None]  # None: to be created
    kpi_freqs: list[Frequency]
    kidx: np.ndarray
    period: np.ndarray
    value: np.ndarray
    row: np.ndarray
    order: np.ndarray | None  # sorts entries by (KPI, period); None when they already are


@dataclass(eq=False)
class ImportPlan:
    """What importing a file would do. Nothing is written until :func:`apply_import`."""

    path: Path
    layout: Layout
    rows_read: int  # data rows in the file (below the header)
    kpis_matched: list[str]  # KPIs of the workspace that get values
    kpis_to_create: list[tuple[str, Frequency]]
    skipped_columns: list[str]
    date_order: DateOrder | None  # how slash dates were read (None: none needed it)
    date_column: str
    kpi_column: str | None
    value_column: str | None
    goal: str
    workspace: Path
    _entries: Entries = field(repr=False)
    _values: list[tuple[str, dt.date, float, int]] | None = field(default=None, repr=False)
    fiscal: FiscalYear = CALENDAR_YEAR  # the workspace's when planned: periods follow it

    @property
    def entries(self) -> Entries:
        """The values column-wise, as they are written."""
        return self._entries

    def matched_ids(self) -> dict[str, int]:
        """Name -> id of the workspace KPIs the plan gives values to."""
        e = self._entries
        return {n: k for n, k in zip(e.kpi_names, e.kpi_ids, strict=True) if k is not None}

    def frequencies(self) -> dict[str, Frequency]:
        """Name -> frequency of every KPI the plan gives values to (as inferred for those
        to create): the periods of the values are of that frequency."""
        e = self._entries
        return dict(zip(e.kpi_names, e.kpi_freqs, strict=True))

    @property
    def value_count(self) -> int:
        return len(self._entries.value)

    @property
    def values(self) -> list[tuple[str, dt.date, float, int]]:
        """Every value as (KPI name, period start, value, spreadsheet row), in file order."""
        if self._values is None:
            self._values = self._rows(len(self._entries.value))
        return self._values

    def preview(self, n: int = 20) -> list[tuple[str, dt.date, float, int]]:
        """The first `n` values (for the GUI's preview table)."""
        if self._values is not None:
            return self._values[:n]
        return self._rows(n)

    def _rows(self, n: int) -> list[tuple[str, dt.date, float, int]]:
        e = self._entries
        return list(
            zip(
                map(e.kpi_names.__getitem__, e.kidx[:n].tolist()),
                map(dt.date.fromordinal, e.period[:n].tolist()),
                e.value[:n].tolist(),
                e.row[:n].tolist(),
                strict=True,
            )
        )


@dataclass(frozen=True, slots=True)
class KnownKpi:
    id: int
    name: str
    frequency: Frequency
    calculated: bool = False  # derived from other KPIs: its values are never imported


def workspace_kpis(ws: Workspace) -> dict[str, list[KnownKpi]]:
    with ws.reading() as s:
        rows = s.exec(select(Kpi.id, Kpi.name, Kpi.frequency, Kpi.calculation)).all()
    by_name: dict[str, list[KnownKpi]] = {}
    for kid, name, freq, calc in rows:
        assert kid is not None
        known = KnownKpi(kid, name, Frequency(freq), bool(calc))
        by_name.setdefault(normalise(name), []).append(known)
    return by_name


def checked_options(options: ImportOptions) -> ImportOptions:
    if options.layout not in (None, "wide", "long"):
        raise ValidationError("layout", f"Layout must be wide or long (got {options.layout!r})")
    if options.date_order not in (None, "dmy", "mdy"):
        raise ValidationError(
            "date_order", f"Date order must be dmy or mdy (got {options.date_order!r})"
        )
    goal = " ".join((options.goal or "").split())
    if options.create_missing and not goal:
        raise ValidationError("goal", "New KPIs need a goal to go under")
    if len(goal) > 200:
        raise ValidationError("goal", "A goal title can be at most 200 characters")
    if options.layout == "wide" and (options.kpi_column or options.value_column):
        raise ValidationError(
            "layout", "KPI and value columns belong to the long layout, not the wide one"
        )
    return dataclasses.replace(options, goal=goal)

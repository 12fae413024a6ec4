"""What the import wizard's pages found out so far, shared by all of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.importing.file_import import FileImport, ImportPlan, ImportResult

DEFAULT_GOAL = "Imported"

Key = tuple[int, dt.date]  # (KPI id, period start)


@dataclass
class ImportState:
    """The file chosen (read once by `source`), the plan for the current choices or why
    there is none, the stored values the plan meets, and what the import did."""

    path: Path | None = None
    sheet: str | None = None
    columns: list[str] = field(default_factory=list)
    source: FileImport | None = None  # the file, read once, planned for each choice
    plan: ImportPlan | None = None
    error: KpiDesktopError | None = None  # why there is no plan
    stored: dict[Key, tuple[float, str]] = field(default_factory=dict)  # (value, source)
    result: ImportResult | None = None

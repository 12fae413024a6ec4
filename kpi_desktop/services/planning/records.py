"""What the UI may read of a stored goal or KPI: read-only views that the services' rows
satisfy, so that no widget names the store's tables (DESIGN.md, layers)."""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class GoalRecord(Protocol):
    """A goal as the services return it (``GoalService.get``, ``GoalService.tree``)."""

    @property
    def id(self) -> int | None: ...
    @property
    def title(self) -> str: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def position(self) -> int: ...


class KpiRecord(Protocol):
    """A KPI as the services return it (``KpiService.get``): what a values table reads."""

    @property
    def id(self) -> int | None: ...
    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def currency_symbol(self) -> str: ...
    @property
    def decimals(self) -> int: ...
    @property
    def frequency(self) -> str: ...
    @property
    def calculation(self) -> str: ...  # a calculated KPI's formula; "" when measured


class TargetRecord(KpiRecord, Protocol):
    """A KPI with its current target: what Revise target… shows."""

    @property
    def unit_kind(self) -> str: ...
    @property
    def target_value(self) -> float | None: ...
    @property
    def target_date(self) -> dt.date | None: ...

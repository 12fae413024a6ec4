"""Signals of real change for the chart and the scorecard: the XmR rules on a KPI's last
values (see ``domain.signals``), with values written in the KPI's unit.

Both read what the chart's natural process limits come from: the last 60 values on or
before ``as_of``, cut into stretches. Cost grows with the number of KPIs only (60 values
each, by key).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
from sqlmodel import col, select

from kpi_desktop.domain.formatting import format_value
from kpi_desktop.domain.types import Frequency, Point
from kpi_desktop.domain.variation.behaviour import HISTORY
from kpi_desktop.domain.variation.signals import SignalReport, signal_report
from kpi_desktop.services.planning.kpis import get_kpi
from kpi_desktop.store.engine import sqlite_connection
from kpi_desktop.store.tables import Kpi

if TYPE_CHECKING:
    from kpi_desktop.services.tracking.chart_data import ChartData
    from kpi_desktop.services.workspace.workspace import Workspace


def _formatter(kpi: Kpi):  # type: ignore[no-untyped-def]
    def fmt(value: float) -> str:
        return format_value(value, kpi.unit, kpi.decimals, kpi.unit_kind, kpi.currency_symbol)

    return fmt


def _window(raw: object, kpi_id: int, as_of: dt.date) -> list[Point]:
    rows = raw.execute(  # type: ignore[attr-defined]
        "SELECT period, value FROM measurement WHERE kpi_id = ? AND period <= ? "
        "ORDER BY period DESC LIMIT ?",
        (kpi_id, as_of.isoformat(), HISTORY),
    ).fetchall()
    return [Point(dt.date.fromisoformat(p), float(v)) for p, v in reversed(rows)]


def kpi_signals(ws: Workspace, kpi_id: int, as_of: dt.date) -> SignalReport:
    """The signals in one KPI's last 60 values on or before ``as_of``."""
    with ws.reading() as s:
        kpi = get_kpi(s, kpi_id)
        points = _window(sqlite_connection(s), kpi_id, as_of)
        return signal_report(points, Frequency(kpi.frequency), as_of, _formatter(kpi))


def workspace_signals(ws: Workspace, as_of: dt.date) -> dict[int, SignalReport]:
    """Every unarchived KPI's signal report, by KPI id."""
    out: dict[int, SignalReport] = {}
    with ws.reading() as s:
        kpis = list(s.exec(select(Kpi).where(Kpi.archived == False).order_by(col(Kpi.id))))  # noqa: E712
        raw = sqlite_connection(s)
        for kpi in kpis:
            assert kpi.id is not None
            points = _window(raw, kpi.id, as_of)
            out[kpi.id] = signal_report(points, Frequency(kpi.frequency), as_of, _formatter(kpi))
    return out


def chart_signals(data: ChartData) -> SignalReport:
    """The signals of what a chart shows (no second read of the workspace)."""
    end = int(np.searchsorted(data.dates, np.datetime64(data.as_of, "D"), side="right"))
    start = max(0, end - HISTORY)
    points = [
        Point(dt.date.fromisoformat(str(d)), float(v))
        for d, v in zip(data.dates[start:end], data.values[start:end], strict=True)
    ]
    return signal_report(points, data.frequency, data.as_of, data.format_value)


__all__ = ["SignalReport", "chart_signals", "kpi_signals", "workspace_signals"]

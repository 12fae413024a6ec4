"""Plain-text tables for the terminal (`kpi-desktop status`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kpi_desktop.domain.formatting import format_percent
from kpi_desktop.services.tracking.status import KpiStatus


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> str:
    """Columns padded to their widest cell; the columns in `right` are right-aligned."""
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def status_table(rows: Sequence[KpiStatus], as_of: dt.date) -> str:
    if not rows:
        return (
            f"Status as of {as_of.isoformat()}: no KPIs yet (add one with 'kpi-desktop add-kpi')."
        )
    headers = ["Goal", "KPI", "Latest", "As of", "Target", "By", "Progress", "Status", "Forecast"]
    body = [
        [
            r.goal,
            r.kpi,
            r.format(r.latest_value),
            r.latest_date.isoformat() if r.latest_date else "—",
            r.target_text(),
            r.target_date.isoformat() if r.target_date else "—",
            format_percent(r.progress),
            r.status.label + (" (stale)" if r.stale else ""),
            r.format(r.forecast),
        ]
        for r in rows
    ]
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.status.label] = counts.get(r.status.label, 0) + 1
    summary = ", ".join(f"{n} {label.lower()}" for label, n in counts.items())
    stale = sum(r.stale for r in rows)
    if stale:
        summary += f"; {stale} stale: the latest value is older than a period and the grace"
    title = f"Status as of {as_of.isoformat()} ({len(rows)} KPIs: {summary})"
    return title + "\n\n" + render_table(headers, body, right={2, 4, 6, 8})

"""Subcommands that follow the plan: import, status, due."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from kpi_desktop.cli_commands.arguments import (
    EXIT_OK,
    Declare,
    Handler,
    iso_date,
    open_workspace,
    workspace_arg,
)


def _declare_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)
    p.add_argument("file", type=Path)
    p.add_argument("--layout", choices=["wide", "long"])
    p.add_argument("--sheet", metavar="NAME")
    p.add_argument("--create-missing", action="store_true")
    p.add_argument("--goal", metavar="TITLE", default="Imported")
    p.add_argument("--date-column", metavar="C")
    p.add_argument("--kpi-column", metavar="C")
    p.add_argument("--value-column", metavar="C")
    p.add_argument("--on-conflict", choices=["error", "replace", "keep"], default="error")
    p.add_argument(
        "--date-order",
        choices=["dmy", "mdy"],
        help="for dates like 03/04/2024: day first (dmy) or month first (mdy)",
    )


def run_import(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.importing.file_import import ImportOptions, import_file
    from kpi_desktop.services.tracking.measurements import OnConflict

    options = ImportOptions(
        layout=ns.layout,
        sheet=ns.sheet,
        create_missing=ns.create_missing,
        goal=ns.goal,
        date_column=ns.date_column,
        kpi_column=ns.kpi_column,
        value_column=ns.value_column,
        date_order=ns.date_order,
    )
    with open_workspace(ns.workspace) as ws:
        result = import_file(ws, ns.file, options, OnConflict(ns.on_conflict))
    print(
        f"Imported {ns.file.name}: {result.inserted} new value(s), {result.replaced} replaced, "
        f"{result.kept} kept, for {len(result.kpis)} KPI(s)"
    )
    if result.kpis_created:
        print(f"Created KPIs: {', '.join(result.kpis_created)}")
    if result.skipped_columns:
        print(f"Skipped columns (no KPI of that name): {', '.join(result.skipped_columns)}")
    return EXIT_OK


def _declare_report_on_date(p: argparse.ArgumentParser) -> None:
    """WORKSPACE [--as-of DATE] [--json]: the shape of `status` and `due`."""
    p.add_argument("workspace", type=workspace_arg)
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help="default: today")
    p.add_argument("--json", action="store_true", help="print JSON (see the README)")


def run_status(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.tracking.status import kpi_statuses

    as_of = ns.as_of or dt.date.today()
    with open_workspace(ns.workspace, for_reading=True) as ws:
        rows = kpi_statuses(ws, as_of)
    if ns.json:
        print(json.dumps([r.as_json() for r in rows], indent=2))
    else:
        from kpi_desktop.reports.text_table import status_table

        print(status_table(rows, as_of))
    return EXIT_OK


def run_due(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.tracking.reminders import due_items

    as_of = ns.as_of or dt.date.today()
    with open_workspace(ns.workspace, for_reading=True) as ws:
        report = due_items(ws, as_of)
    if ns.json:
        print(json.dumps(report.as_json(), indent=2))
        return EXIT_OK
    if report.is_empty:
        print(f"Nothing is due on {as_of.isoformat()}: every value is in, no action is late.")
        return EXIT_OK
    lines = []
    if report.kpis:
        lines.append(f"Values due on {as_of.isoformat()}:")
        lines += [f"  {k.line()}" for k in report.kpis]
    if report.actions:
        lines.append("Overdue actions:")
        lines += [f"  {a.line()}" for a in report.actions]
    lines.append(report.summary[0].upper() + report.summary[1:] + ".")
    if report.kpis:
        lines.append("Type them all at once in the app: Track > Check in (Ctrl+K).")
    print("\n".join(lines))
    return EXIT_OK


def _declare_what_if(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=Path)
    p.add_argument("--kpi", required=True, metavar="NAME", help="a calculated KPI")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="INPUT=CHANGE",
        help='an input changed: "Orders=+5%%", "Orders=-3%%" or "Orders=250" (repeatable)',
    )
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help="default: today")
    p.add_argument("--json", action="store_true", help="print JSON (see the README)")


def run_what_if(ns: argparse.Namespace) -> int:
    from kpi_desktop.domain.formatting import format_value
    from kpi_desktop.domain.periods import period_label
    from kpi_desktop.domain.types import Frequency
    from kpi_desktop.services.calculated.what_if import read_changes, what_if

    changes = read_changes(ns.set)
    with open_workspace(ns.workspace, for_reading=True) as ws:
        kpi = ws.kpis.find(ns.kpi)
        assert kpi.id is not None
        result = what_if(ws, kpi.id, changes, ns.as_of)
    if ns.json:
        print(json.dumps(result.as_json(), indent=2))
        return EXIT_OK
    freq = Frequency(kpi.frequency)

    def fmt(x: float | None, unit: str = kpi.unit, decimals: int = kpi.decimals) -> str:
        return format_value(x, unit, decimals, kpi.unit_kind, kpi.currency_symbol)

    lines = [f'What if, for "{result.kpi}" in {period_label(result.period, freq)}:']
    width = max((len(i.name) for i in result.inputs), default=0)
    for i in result.inputs:
        shown = format_value(i.value, i.unit, 2, "custom", "")
        if i.change:
            after = format_value(i.what_if, i.unit, 2, "custom", "")
            lines.append(f"  {i.name:<{width}}  {shown} -> {after} ({i.change})")
        else:
            lines.append(f"  {i.name:<{width}}  {shown} (unchanged)")
    words = {"on_track": "on track", "at_risk": "at risk", "off_track": "off track"}
    lines.append(f"  Value   {fmt(result.value)} -> {fmt(result.what_if_value)}")
    lines.append(
        f"  Status  {words.get(result.status.value, result.status.value.replace('_', ' '))} -> "
        f"{words.get(result.what_if_status.value, result.what_if_status.value.replace('_', ' '))}"
    )
    if result.target is not None:
        by = f" by {result.target_date.isoformat()}" if result.target_date else ""
        when = (
            f"reached in {period_label(result.reached_on, freq)} at the recent trend"
            if result.reached_on
            else "not reached at the recent trend"
        )
        lines.append(f"  Target  {fmt(result.target)}{by}: {when}")
    lines.append("Nothing was stored.")
    print("\n".join(lines))
    return EXIT_OK


COMMANDS: dict[str, tuple[Declare, Handler, str]] = {
    "import": (_declare_import, run_import, "import values from a CSV or XLSX file"),
    "status": (_declare_report_on_date, run_status, "show every KPI's status"),
    "due": (_declare_report_on_date, run_due, "list KPIs that need values and overdue actions"),
    "what-if": (
        _declare_what_if,
        run_what_if,
        "change a calculated KPI's inputs and see the result",
    ),
}

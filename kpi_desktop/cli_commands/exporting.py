"""Subcommands that write files for a meeting: export-chart, report, export."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from kpi_desktop.cli_commands.arguments import (
    EXIT_OK,
    Declare,
    Handler,
    headless_qt,
    iso_date,
    open_workspace,
    positive_int,
    workspace_arg,
)


def _declare_export_chart(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)
    p.add_argument("--kpi", required=True, metavar="NAME")
    p.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help="FILE.png, .svg or .pdf"
    )
    p.add_argument(
        "--width", type=positive_int, metavar="W", help="logical pixels (default 960: a slide)"
    )
    p.add_argument("--height", type=positive_int, metavar="H", help="logical pixels (default 540)")
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help=argparse.SUPPRESS)


def run_export_chart(ns: argparse.Namespace) -> int:
    from kpi_desktop.reports.chart_export import PNG_SCALE, chart_format, chart_size
    from kpi_desktop.reports.output_file import check_output

    chart_format(ns.output)  # a bad suffix is refused before any work
    check_output(ns.output, protect=(ns.workspace.stand_in_path,))
    width, height = chart_size(ns.width, ns.height)
    headless_qt()
    from kpi_desktop.reports.chart_export import export_chart
    from kpi_desktop.services.tracking.chart_data import chart_data

    with open_workspace(ns.workspace, for_reading=True) as ws:
        kpi = ws.kpis.find(ns.kpi)
        assert kpi.id is not None
        data = chart_data(ws, kpi.id, ns.as_of or dt.date.today())
        export_chart(data, ns.output, width, height)
    size = f"{width} x {height}"
    if ns.output.suffix.lower() == ".png":
        size = f"{width * PNG_SCALE} x {height * PNG_SCALE} pixels"
    print(f'Wrote the chart of "{kpi.name}" to {ns.output} ({size})')
    return EXIT_OK


def _declare_report(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="FILE.pdf")
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help="default: today")


def run_report(ns: argparse.Namespace) -> int:
    from kpi_desktop.reports.output_file import ExportError, check_output

    if ns.output.suffix.lower() != ".pdf":
        raise ExportError(ns.output, "a meeting report is a PDF: name the file .pdf")
    check_output(ns.output, protect=(ns.workspace.stand_in_path,))
    headless_qt()
    from kpi_desktop.reports.meeting_report import build_report, default_page_size

    page_size = default_page_size()
    as_of = ns.as_of or dt.date.today()
    with open_workspace(ns.workspace, for_reading=True) as ws:
        build_report(ws, ns.output, as_of, page_size=page_size)
    print(f"Wrote the meeting report as of {as_of.isoformat()} to {ns.output} ({page_size})")
    return EXIT_OK


def _declare_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)
    p.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help="FILE.xlsx or .csv"
    )
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help=argparse.SUPPRESS)


def run_export(ns: argparse.Namespace) -> int:
    from kpi_desktop.reports.data_export import export_data, sheets_note
    from kpi_desktop.reports.output_file import check_output

    check_output(ns.output, protect=(ns.workspace.stand_in_path,))
    xlsx = ns.output.suffix.lower() == ".xlsx"
    with open_workspace(ns.workspace, for_reading=True) as ws:
        export_data(ws, ns.output, ns.as_of or dt.date.today())
        note = sheets_note(ws) if xlsx else ""
    print(f"Wrote the {'workbook' if xlsx else 'values'} to {ns.output}")
    if note:
        print(note)
    return EXIT_OK


def _declare_deck(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="FILE.pptx")
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help="default: today")
    p.add_argument("--goal", metavar="TITLE", help="only the KPIs under this goal")
    p.add_argument(
        "--kpi", metavar="NAME", nargs="+", default=[], help="only these KPIs (one or more names)"
    )


def run_deck(ns: argparse.Namespace) -> int:
    from kpi_desktop.reports.output_file import ExportError, check_output

    if ns.output.suffix.lower() != ".pptx":
        raise ExportError(ns.output, "a meeting deck is a PowerPoint file: name the file .pptx")
    check_output(ns.output, protect=(ns.workspace.stand_in_path,))
    headless_qt()  # the strategy-map slide is drawn with Qt
    from kpi_desktop.reports.deck.slides import build_deck

    as_of = ns.as_of or dt.date.today()
    with open_workspace(ns.workspace, for_reading=True) as ws:
        made = build_deck(ws, ns.output, as_of, goal=ns.goal, kpis=ns.kpi)
    print(
        f"Wrote the meeting deck as of {as_of.isoformat()} to {ns.output} "
        f"({made.slides} slides, {made.kpis} KPIs)"
    )
    return EXIT_OK


COMMANDS: dict[str, tuple[Declare, Handler, str]] = {
    "export-chart": (
        _declare_export_chart,
        run_export_chart,
        "export a KPI's chart as PNG, SVG or PDF",
    ),
    "report": (_declare_report, run_report, "write the meeting report (PDF)"),
    "deck": (_declare_deck, run_deck, "write the meeting deck (PowerPoint, editable charts)"),
    "export": (_declare_export, run_export, "export the data as XLSX or CSV"),
}

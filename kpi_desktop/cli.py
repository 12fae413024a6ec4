"""`kpi-desktop`: the GUI with no subcommand, headless jobs with one.

Exit codes: 0 success, 1 a user error (one message saying what and where), 2 bad usage.
The subcommands only parse arguments, call the services and print: no business logic here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kpi_desktop import __version__

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]
Declare = Callable[[argparse.ArgumentParser], None]


# -- argument types -------------------------------------------------------------------------


def iso_date(text: str) -> dt.date:
    try:
        from kpi_desktop.domain.values import parse_date

        return parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date (use YYYY-MM-DD, for example 2025-12-31)"
        ) from None


def value_at_date(text: str) -> tuple[float, dt.date]:
    value, sep, when = text.rpartition("@")
    if not sep or not value or not when:
        raise argparse.ArgumentTypeError(
            f"{text!r} must be VALUE@DATE, for example 1200@2025-01-31"
        )
    from kpi_desktop.domain.values import parse_number

    try:
        number = parse_number(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} in {text!r} is not a number") from None
    return number, iso_date(when)


def positive_float(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not number > 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
    return number


# -- subcommands ----------------------------------------------------------------------------


def _declare_new(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=Path)
    p.add_argument("--demo", action="store_true", help="fill it with the demo business")


def run_new(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.workspace.demo import DEMO_NAME, build_demo
    from kpi_desktop.services.workspace.workspace import Workspace

    with Workspace.create(ns.workspace, name=DEMO_NAME if ns.demo else None) as ws:
        if ns.demo:
            build_demo(ws)
    print(f"Created {ns.workspace}" + (" with the demo business" if ns.demo else ""))
    return EXIT_OK


def _declare_add_goal(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=Path)
    p.add_argument("title")
    p.add_argument("--parent", metavar="TITLE", help="title of the parent goal")


def run_add_goal(ns: argparse.Namespace) -> int:
    with _open(ns.workspace) as ws:
        parent_id = ws.goals.find(ns.parent).id if ns.parent else None
        goal = ws.goals.add(ns.title, parent_id=parent_id)
    print(f'Added goal "{goal.title}"')
    return EXIT_OK


def _declare_add_kpi(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=Path)
    p.add_argument("--goal", required=True, metavar="TITLE")
    p.add_argument("--name", required=True)
    p.add_argument("--unit", required=True)
    p.add_argument("--direction", choices=["increase", "decrease", "range"], default="increase")
    p.add_argument("--low", type=float, metavar="V", help="range low (with --direction range)")
    p.add_argument("--high", type=float, metavar="V", help="range high (with --direction range)")
    p.add_argument(
        "--frequency",
        choices=["daily", "weekly", "monthly", "quarterly", "yearly"],
        default="monthly",
    )
    p.add_argument("--baseline", required=True, type=value_at_date, metavar="VALUE@DATE")
    p.add_argument("--target", required=True, type=value_at_date, metavar="VALUE@DATE")
    p.add_argument("--tolerance", type=positive_float, default=0.1)


def run_add_kpi(ns: argparse.Namespace) -> int:
    with _open(ns.workspace) as ws:
        goal = ws.goals.find(ns.goal)
        assert goal.id is not None
        kpi = ws.kpis.add(
            goal.id,
            ns.name,
            unit=ns.unit,
            unit_kind=_unit_kind(ns.unit),
            direction=ns.direction,
            range_low=ns.low,
            range_high=ns.high,
            frequency=ns.frequency,
            baseline_value=ns.baseline[0],
            baseline_date=ns.baseline[1],
            target_value=ns.target[0],
            target_date=ns.target[1],
            tolerance=ns.tolerance,
        )
    print(f'Added KPI "{kpi.name}" to "{goal.title}"')
    return EXIT_OK


def _unit_kind(unit: str) -> str:
    from kpi_desktop.domain.types import UnitKind

    u = unit.strip().lower()
    if u in {"%", "percent", "pct"}:
        return UnitKind.PERCENT.value
    if u in {"€", "$", "£", "¥", "eur", "usd", "gbp", "chf", "jpy", "aud", "cad"}:
        return UnitKind.CURRENCY.value
    if u in {"min", "minutes", "h", "hours", "days", "seconds", "s"}:
        return UnitKind.DURATION.value
    if u in {"ratio", "x"}:
        return UnitKind.RATIO.value
    return UnitKind.CUSTOM.value


def _declare_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=Path)
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
    with _open(ns.workspace) as ws:
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
    p.add_argument("workspace", type=Path)
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help="default: today")
    p.add_argument("--json", action="store_true", help="print JSON (see the README)")


def run_status(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.tracking.status import kpi_statuses

    as_of = ns.as_of or dt.date.today()
    with _open(ns.workspace, for_reading=True) as ws:
        rows = kpi_statuses(ws, as_of)
    if ns.json:
        print(json.dumps([r.as_json() for r in rows], indent=2))
    else:
        from kpi_desktop.reports.text_table import status_table

        print(status_table(rows, as_of))
    return EXIT_OK


def _declare_size(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=Path)
    p.add_argument("--kpi", required=True, metavar="NAME")
    p.add_argument("--target-date", required=True, type=iso_date, metavar="DATE")
    p.add_argument("--target", type=_number_arg, metavar="VALUE", help="judge this target")
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help="history up to (default: today)")
    p.add_argument("--json", action="store_true", help="print JSON (see the README)")


def _number_arg(text: str) -> float:
    from kpi_desktop.domain.values import parse_number

    try:
        return parse_number(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None


def run_size(ns: argparse.Namespace) -> int:
    from kpi_desktop.domain.formatting import format_value
    from kpi_desktop.domain.types import Frequency
    from kpi_desktop.services.errors import ValidationError
    from kpi_desktop.services.planning.sizing import size_kpi, sizing_json

    as_of = ns.as_of or dt.date.today()
    if ns.target_date <= as_of:
        raise ValidationError(
            "target_date",
            f"the target date {ns.target_date.isoformat()} must be after the history's end "
            f"({as_of.isoformat()}; change it with --as-of)",
        )
    with _open(ns.workspace, for_reading=True) as ws:
        kpi = ws.kpis.find(ns.kpi)
        assert kpi.id is not None
        result = size_kpi(ws, kpi.id, ns.target_date, ns.target, as_of)
    if ns.json:
        print(json.dumps(sizing_json(result), indent=2))
        return EXIT_OK

    def fmt(x: float | None, extra: int = 0) -> str:
        return format_value(x, kpi.unit, kpi.decimals + extra, kpi.unit_kind, kpi.currency_symbol)

    per = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter"}
    unit_of_time = per.get(Frequency(kpi.frequency).value, "year")
    better = {"increase": "higher is better", "decrease": "lower is better"}.get(
        kpi.direction, "keep within a range"
    )
    lines = [
        f'Sizing "{kpi.name}" ({kpi.frequency}, {better}) from {result.n_values} value(s) '
        f"up to {as_of.isoformat()}, for {ns.target_date.isoformat()}:"
    ]
    if not result.enough_history:
        lines.append(
            f"  Only {result.n_values} value(s): at least 5 are needed to size a target "
            "from history. Enter more past values, or set the target from the baseline "
            'and the improvement you want (for example "+10 %").'
        )
    trend = result.trend_per_period
    sign = "+" if trend is not None and trend >= 0 else ""
    rows = [
        ("Baseline (recent level)", fmt(result.baseline)),
        ("Average", fmt(result.mean)),
        (
            "Normal range (process limits)",
            "—"
            if result.lower_limit is None
            else f"{fmt(result.lower_limit).removesuffix(' ' + kpi.unit)} to "
            f"{fmt(result.upper_limit)}",
        ),
        (
            "Trend",
            "—" if trend is None else f"{sign}{fmt(trend, 1)} per {unit_of_time}",
        ),
        (f"Business as usual by {ns.target_date.isoformat()}", fmt(result.forecast)),
    ]
    lines += [f"  {label:<36} {value}" for label, value in rows]
    s = result.suggestions
    if s is not None:
        lines.append("Suggested targets:")
        for label, value in (
            ("Business as usual", s.business_as_usual),
            ("Stretch", s.stretch),
            ("Ambitious", s.ambitious),
        ):
            chance = result.attainability_for(value)
            lines.append(f"  {label:<20} {fmt(value):>16}   ({chance:.0%} chance)")
    if ns.target is not None:
        if result.attainability is None:
            lines.append(f"Your target {fmt(ns.target)}: not enough history to judge it.")
        else:
            lines.append(
                f"Your target {fmt(ns.target)}: {result.attainability:.0%} chance, "
                f"{result.verdict_text}."
            )
    print("\n".join(lines))
    return EXIT_OK


def _declare_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=Path)
    p.add_argument("--kpi", metavar="NAME", help="check only this KPI")
    p.add_argument("--json", action="store_true", help="print JSON (see the README)")


def run_check(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.planning.quality import check_workspace

    with _open(ns.workspace, for_reading=True) as ws:
        findings = check_workspace(ws, ns.kpi)
        n_kpis = 1 if ns.kpi else len([k for k in ws.kpis.list() if not k.archived])
    if ns.json:
        print(json.dumps([f.as_json() for f in findings], indent=2))
        return EXIT_OK
    from kpi_desktop.domain.smart import LETTER_NAMES

    if not findings:
        print(f"All {n_kpis} KPI(s) pass the check." if n_kpis else "There are no KPIs yet.")
        return EXIT_OK
    lines: list[str] = []
    current = None
    for f in findings:
        if f.kpi != current:
            current = f.kpi
            lines.append(("" if not lines else "\n") + f.kpi)
        label = "problem" if f.severity == "fail" else "warning"
        lines.append(f"  {label} ({LETTER_NAMES[f.letter]}): {f.message}")
        lines.append(f"    Fix: {f.fix}")
    flagged = len({f.kpi for f in findings})
    lines.append(
        f"\n{len(findings)} finding(s) for {flagged} of {n_kpis} KPI(s); "
        f"{sum(f.severity == 'fail' for f in findings)} problem(s) stop a status."
    )
    print("\n".join(lines))
    return EXIT_OK


def run_due(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.tracking.reminders import due_items

    as_of = ns.as_of or dt.date.today()
    with _open(ns.workspace, for_reading=True) as ws:
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
    print("\n".join(lines))
    return EXIT_OK


# -- exports (issue 5): charts, the meeting report, data -------------------------------------

_qt_app: object = None  # the QApplication of a headless export, kept alive while it runs


def _headless_qt() -> None:
    """A QApplication for painting, without a screen and without Qt's platform chatter.

    Only the exports that paint (charts, the report) call this; the others never load Qt.
    """
    global _qt_app
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        return  # e.g. a test's application, with its own message handling

    def quiet(kind: QtMsgType, _context: object, message: str) -> None:
        if "propagateSizeHints" in message or kind == QtMsgType.QtDebugMsg:
            return
        print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    _qt_app = QApplication(["kpi-desktop"])


def _positive_int(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
    return number


def _declare_export_chart(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=Path)
    p.add_argument("--kpi", required=True, metavar="NAME")
    p.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help="FILE.png, .svg or .pdf"
    )
    p.add_argument(
        "--width", type=_positive_int, metavar="W", help="logical pixels (default 960: a slide)"
    )
    p.add_argument("--height", type=_positive_int, metavar="H", help="logical pixels (default 540)")
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help=argparse.SUPPRESS)


def run_export_chart(ns: argparse.Namespace) -> int:
    from kpi_desktop.reports.chart_export import PNG_SCALE, chart_format, chart_size

    chart_format(ns.output)  # a bad suffix is refused before any work
    width, height = chart_size(ns.width, ns.height)
    _headless_qt()
    from kpi_desktop.reports.chart_export import export_chart
    from kpi_desktop.services.tracking.chart_data import chart_data

    with _open(ns.workspace, for_reading=True) as ws:
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
    p.add_argument("workspace", type=Path)
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="FILE.pdf")
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help="default: today")


def run_report(ns: argparse.Namespace) -> int:
    from kpi_desktop.reports.data_export import ExportError

    if ns.output.suffix.lower() != ".pdf":
        raise ExportError(ns.output, "a meeting report is a PDF: name the file .pdf")
    _headless_qt()
    from kpi_desktop.reports.meeting_report import build_report, default_page_size

    page_size = default_page_size()
    as_of = ns.as_of or dt.date.today()
    with _open(ns.workspace, for_reading=True) as ws:
        build_report(ws, ns.output, as_of, page_size=page_size)
    print(f"Wrote the meeting report as of {as_of.isoformat()} to {ns.output} ({page_size})")
    return EXIT_OK


def _declare_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=Path)
    p.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help="FILE.xlsx or .csv"
    )
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help=argparse.SUPPRESS)


def run_export(ns: argparse.Namespace) -> int:
    from kpi_desktop.reports.data_export import export_data, sheets_note

    xlsx = ns.output.suffix.lower() == ".xlsx"
    with _open(ns.workspace, for_reading=True) as ws:
        export_data(ws, ns.output, ns.as_of or dt.date.today())
        note = sheets_note(ws) if xlsx else ""
    print(f"Wrote the {'workbook' if xlsx else 'values'} to {ns.output}")
    if note:
        print(note)
    return EXIT_OK


# Subcommand name -> (declare its arguments, run it, one-line help).
_COMMANDS: dict[str, tuple[Declare, Handler, str]] = {
    "new": (_declare_new, run_new, "create a workspace file"),
    "add-goal": (_declare_add_goal, run_add_goal, "add an objective (or a sub-goal with --parent)"),
    "add-kpi": (_declare_add_kpi, run_add_kpi, "add a KPI to a goal"),
    "import": (_declare_import, run_import, "import values from a CSV or XLSX file"),
    "status": (_declare_report_on_date, run_status, "show every KPI's status"),
    "size": (_declare_size, run_size, "size a KPI's target from its history"),
    "check": (_declare_check, run_check, "check every KPI is SMART; say how to fix it"),
    "due": (_declare_report_on_date, run_due, "list KPIs that need values and overdue actions"),
    "export-chart": (
        _declare_export_chart,
        run_export_chart,
        "export a KPI's chart as PNG, SVG or PDF",
    ),
    "report": (_declare_report, run_report, "write the meeting report (PDF)"),
    "export": (_declare_export, run_export, "export the data as XLSX or CSV"),
}


# -- plumbing -------------------------------------------------------------------------------


def _open(path: Path, *, for_reading: bool = False):  # type: ignore[no-untyped-def]
    """Open a workspace; a read command falls back to read-only on a read-only file."""
    from kpi_desktop.services.errors import WorkspaceReadOnly
    from kpi_desktop.services.workspace.workspace import Workspace

    try:
        return Workspace.open(path)
    except WorkspaceReadOnly:
        if not for_reading:
            raise
        return Workspace.open(path, readonly=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kpi-desktop",
        description="Set, track and achieve strategic KPIs. "
        "With no subcommand, opens the app (on WORKSPACE if given).",
    )
    parser.add_argument("--version", action="version", version=f"kpi-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    for name, (declare, _run, help_) in _COMMANDS.items():
        declare(sub.add_parser(name, help=help_, description=help_))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0] not in _COMMANDS and not args[0].startswith("-")):
        return _run_gui(args)
    if args[0] == "--selftest":
        return _run_gui(args)
    parser = build_parser()
    ns = parser.parse_args(args)
    if ns.command is None:
        parser.print_help()
        return EXIT_USAGE
    from kpi_desktop.services.errors import KpiDesktopError

    try:
        return _COMMANDS[ns.command][1](ns)
    except KpiDesktopError as exc:
        print(f"kpi-desktop {ns.command}: error: {exc.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130


def _run_gui(args: list[str]) -> int:
    from kpi_desktop.__main__ import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())

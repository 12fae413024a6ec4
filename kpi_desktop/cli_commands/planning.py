"""Subcommands that set the plan up: new, add-goal, add-kpi, size, check."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from kpi_desktop.cli_commands.arguments import (
    EXIT_OK,
    Declare,
    Handler,
    iso_date,
    number_arg,
    open_workspace,
    positive_float,
    value_at_date,
    with_password,
    workspace_arg,
)


def _declare_new(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)
    made = p.add_mutually_exclusive_group()
    made.add_argument("--demo", action="store_true", help="fill it with the demo business")
    made.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="FILE.xlsx",
        help="rebuild a workspace from a full export (kpi-desktop export -o FILE.xlsx)",
    )


def run_new(ns: argparse.Namespace) -> int:
    if ns.source is not None:
        from kpi_desktop.services.exchange.rebuild import rebuild_workspace

        if not ns.workspace.is_server:
            result = rebuild_workspace(ns.source, ns.workspace.path)
        else:  # rebuilt as a file first (all or nothing), then copied onto the server
            import tempfile

            from kpi_desktop.services.team.copying import copy

            with tempfile.TemporaryDirectory() as folder:
                built = Path(folder) / "rebuilt.kpidb"
                result = rebuild_workspace(ns.source, built)
                copy(built, ns.workspace)
        print(f"Created {ns.workspace} from {ns.source} ({result.summary()})")
        return EXIT_OK
    from kpi_desktop.services.workspace.demo import DEMO_NAME, build_demo
    from kpi_desktop.services.workspace.workspace import Workspace

    name = DEMO_NAME if ns.demo else None
    with with_password(lambda where: Workspace.create(where, name=name), ns.workspace) as ws:
        if ns.demo:
            build_demo(ws)
    print(f"Created {ns.workspace}" + (" with the demo business" if ns.demo else ""))
    return EXIT_OK


def _declare_add_goal(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)
    p.add_argument("title")
    p.add_argument("--parent", metavar="TITLE", help="title of the parent goal")


def run_add_goal(ns: argparse.Namespace) -> int:
    with open_workspace(ns.workspace) as ws:
        parent_id = ws.goals.find(ns.parent).id if ns.parent else None
        goal = ws.goals.add(ns.title, parent_id=parent_id)
    print(f'Added goal "{goal.title}"')
    return EXIT_OK


def declare_kpi_options(p: argparse.ArgumentParser, *, adding: bool) -> None:
    """The options of add-kpi; edit-kpi takes the same ones, each optional."""
    p.add_argument("--goal", required=adding, metavar="TITLE")
    p.add_argument("--name", required=adding, help=None if adding else "a new name")
    p.add_argument("--unit", required=adding)
    p.add_argument(
        "--direction",
        choices=["increase", "decrease", "range"],
        default="increase" if adding else None,
    )
    p.add_argument("--low", type=float, metavar="V", help="range low (with --direction range)")
    p.add_argument("--high", type=float, metavar="V", help="range high (with --direction range)")
    p.add_argument(
        "--frequency",
        choices=["daily", "weekly", "monthly", "quarterly", "yearly"],
        default="monthly" if adding else None,
    )
    p.add_argument("--baseline", required=adding, type=value_at_date, metavar="VALUE@DATE")
    p.add_argument("--target", required=adding, type=value_at_date, metavar="VALUE@DATE")
    p.add_argument("--tolerance", type=positive_float, default=0.1 if adding else None)
    p.add_argument("--owner", help="who is responsible for the KPI")
    p.add_argument("--source", metavar="TEXT", help="where its values come from")
    p.add_argument("--formula", metavar="TEXT", help="how it is calculated, in words")
    p.add_argument(
        "--calc",
        metavar="FORMULA",
        help="a calculated KPI: a formula over other KPIs, as in "
        '"[Gross profit] / [Revenue] * 100" ("" makes it a measured KPI again)',
    )
    p.add_argument(
        "--leading",
        action=argparse.BooleanOptionalAction,
        default=False if adding else None,
        help="a leading KPI (drives results) rather than a lagging one",
    )


def kpi_fields(ns: argparse.Namespace) -> dict[str, Any]:
    """The KPI fields the options give (those left out are not in the result)."""
    fields: dict[str, Any] = {}
    if ns.unit is not None:
        fields["unit"] = ns.unit
        fields["unit_kind"] = _unit_kind(ns.unit)
    for option, key in (
        ("direction", "direction"),
        ("low", "range_low"),
        ("high", "range_high"),
        ("frequency", "frequency"),
        ("tolerance", "tolerance"),
        ("owner", "owner"),
        ("source", "data_source"),
        ("formula", "formula"),
        ("calc", "calculation"),
        ("leading", "leading"),
    ):
        if getattr(ns, option) is not None:
            fields[key] = getattr(ns, option)
    if ns.baseline is not None:
        fields["baseline_value"], fields["baseline_date"] = ns.baseline
    if ns.target is not None:
        fields["target_value"], fields["target_date"] = ns.target
    return fields


def _declare_add_kpi(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)
    declare_kpi_options(p, adding=True)


def run_add_kpi(ns: argparse.Namespace) -> int:
    with open_workspace(ns.workspace) as ws:
        goal = ws.goals.find(ns.goal)
        assert goal.id is not None
        kpi = ws.kpis.add(goal.id, ns.name, **kpi_fields(ns))
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


def _declare_size(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)
    p.add_argument("--kpi", required=True, metavar="NAME")
    p.add_argument("--target-date", required=True, type=iso_date, metavar="DATE")
    p.add_argument("--target", type=number_arg, metavar="VALUE", help="judge this target")
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help="history up to (default: today)")
    p.add_argument("--json", action="store_true", help="print JSON (see the README)")


def run_size(ns: argparse.Namespace) -> int:
    from kpi_desktop.domain.formatting import format_value
    from kpi_desktop.domain.types import Frequency
    from kpi_desktop.services.errors import ValidationError
    from kpi_desktop.services.planning.sizing import size_kpi, sizing_json, stretch_words

    as_of = ns.as_of or dt.date.today()
    if ns.target_date <= as_of:
        raise ValidationError(
            "target_date",
            f"the target date {ns.target_date.isoformat()} must be after the history's end "
            f"({as_of.isoformat()}; change it with --as-of)",
        )
    with open_workspace(ns.workspace, for_reading=True) as ws:
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
    if result.stretch_start is not None:
        lines.append(
            f"  {'Latest stretch (read from here)':<36} {stretch_words(result, kpi.frequency)}"
        )
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
            "Normal range (around the trend)"
            if result.stretch_kind == "trend"
            else "Normal range (process limits)",
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
    p.add_argument("workspace", type=workspace_arg)
    p.add_argument("--kpi", metavar="NAME", help="check only this KPI")
    p.add_argument("--json", action="store_true", help="print JSON (see the README)")


def run_check(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.planning.quality import check_workspace

    with open_workspace(ns.workspace, for_reading=True) as ws:
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


COMMANDS: dict[str, tuple[Declare, Handler, str]] = {
    "new": (_declare_new, run_new, "create a workspace file"),
    "add-goal": (_declare_add_goal, run_add_goal, "add an objective (or a sub-goal with --parent)"),
    "add-kpi": (_declare_add_kpi, run_add_kpi, "add a KPI to a goal"),
    "size": (_declare_size, run_size, "size a KPI's target from its history"),
    "check": (_declare_check, run_check, "check every KPI is SMART; say how to fix it"),
}

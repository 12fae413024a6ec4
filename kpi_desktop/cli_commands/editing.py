"""Subcommands that edit what is there, for scripts: add-value, edit-kpi, delete-kpi,
revise-target. They
call the same services as the app, so the checks are the same (a period that has not
begun, a value beyond +/- 1e15, a name taken, a target on the wrong side)."""

from __future__ import annotations

import argparse

from kpi_desktop.cli_commands.arguments import (
    EXIT_OK,
    Declare,
    Handler,
    iso_date,
    number_arg,
    open_workspace,
    value_at_date,
    workspace_arg,
)
from kpi_desktop.cli_commands.planning import declare_kpi_options, kpi_fields


def _declare_add_value(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)
    p.add_argument("--kpi", required=True, metavar="NAME")
    p.add_argument("--period", required=True, type=iso_date, metavar="DATE", help="any day in it")
    p.add_argument("value", type=number_arg)
    p.add_argument("--note", metavar="TEXT", help="a note on the value")


def run_add_value(ns: argparse.Namespace) -> int:
    from kpi_desktop.domain.periods import period_label
    from kpi_desktop.domain.types import Frequency
    from kpi_desktop.services.planning.workspace_settings import fiscal_year

    with open_workspace(ns.workspace) as ws:
        kpi = ws.kpis.find(ns.kpi)
        assert kpi.id is not None
        change = ws.measurements.upsert(kpi.id, ns.period, ns.value, note=ns.note)
        fiscal = fiscal_year(ws)
    when = period_label(change.period, Frequency(kpi.frequency), fiscal=fiscal)
    was = "" if change.before is None else f" (was {change.before.value:g})"
    print(f'Stored {ns.value:g} for "{kpi.name}" in {when}{was}')
    return EXIT_OK


def _declare_edit_kpi(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)
    p.add_argument("--kpi", required=True, metavar="NAME", help="the KPI to change")
    declare_kpi_options(p, adding=False)


def run_edit_kpi(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.errors import ValidationError

    with open_workspace(ns.workspace) as ws:
        kpi = ws.kpis.find(ns.kpi)
        assert kpi.id is not None
        fields = kpi_fields(ns)
        if ns.name is not None:
            fields["name"] = ns.name
        if ns.goal is not None:
            goal = ws.goals.find(ns.goal)
            if goal.id != kpi.goal_id:
                assert goal.id is not None
                ws.kpis.move(kpi.id, goal.id)
        elif not fields:
            raise ValidationError("kpi", "nothing to change: give at least one add-kpi option")
        if fields:
            kpi = ws.kpis.update(kpi.id, **fields)
    print(f'Changed KPI "{kpi.name}"')
    return EXIT_OK


def _declare_delete_kpi(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)
    p.add_argument("--kpi", required=True, metavar="NAME")


def run_delete_kpi(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.workspace.backups import make_backup

    with open_workspace(ns.workspace) as ws:
        kpi = ws.kpis.find(ns.kpi)
        assert kpi.id is not None
        values = ws.measurements.count(kpi.id)
        if ws.location.is_server:  # backed up by its server's administrator, not to a file
            ws.kpis.delete(kpi.id)
            print(f'Deleted KPI "{kpi.name}" with its {values} value(s) from {ns.workspace}')
            return EXIT_OK
        backup = make_backup(ws)  # just before: the KPI can be had back from it
        ws.kpis.delete(kpi.id)
    print(
        f'Deleted KPI "{kpi.name}" with its {values} value(s); the backup {backup} '
        "made just before still has it (File > Restore from backup)"
    )
    return EXIT_OK


def _declare_revise_target(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)
    p.add_argument("--kpi", required=True, metavar="NAME")
    p.add_argument(
        "--target", required=True, type=value_at_date, metavar="VALUE@DATE", help="the new target"
    )
    p.add_argument(
        "--from",
        dest="in_force_from",
        required=True,
        type=iso_date,
        metavar="DATE",
        help="the first day the new target applies; before it the old plan stays in force",
    )
    p.add_argument("--reason", default="", metavar="TEXT", help="why the target changes")


def run_revise_target(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.planning.revisions import revise_plan

    value, when = ns.target
    with open_workspace(ns.workspace) as ws:
        kpi = ws.kpis.find(ns.kpi)
        assert kpi.id is not None
        old = f"{kpi.target_value:g} by {kpi.target_date}" if kpi.target_value is not None else ""
        revise_plan(
            ws, kpi.id, ns.in_force_from, reason=ns.reason, target_value=value, target_date=when
        )
    was = f" (was {old}, kept for the dates before)" if old else ""
    print(f'Revised "{kpi.name}" from {ns.in_force_from}: target {value:g} by {when}{was}')
    return EXIT_OK


COMMANDS: dict[str, tuple[Declare, Handler, str]] = {
    "add-value": (_declare_add_value, run_add_value, "store one value of a KPI"),
    "edit-kpi": (_declare_edit_kpi, run_edit_kpi, "change a KPI's definition"),
    "delete-kpi": (_declare_delete_kpi, run_delete_kpi, "delete a KPI and its values"),
    "revise-target": (
        _declare_revise_target,
        run_revise_target,
        "change a KPI's target from a date on, keeping the old plan",
    ),
}

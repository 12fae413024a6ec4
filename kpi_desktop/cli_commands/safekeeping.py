"""Subcommands that keep a workspace safe and its past readable: backup, history."""

from __future__ import annotations

import argparse
import json

from kpi_desktop.cli_commands.arguments import (
    EXIT_OK,
    Declare,
    Handler,
    iso_date,
    open_workspace,
    workspace_arg,
)


def _declare_backup(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)


def run_backup(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.errors import KpiDesktopError
    from kpi_desktop.services.workspace.backups import KEEP_DAYS, make_backup
    from kpi_desktop.services.workspace.workspace import Workspace

    if ns.workspace.is_server:
        raise KpiDesktopError(
            f"{ns.workspace}: a team workspace is backed up on its server; to keep a copy "
            "as a file, use `kpi-desktop copy URL FILE.kpidb`"
        )
    with Workspace.open(ns.workspace, readonly=True) as ws:
        dest = make_backup(ws)
    print(
        f"Backed up {ns.workspace} to {dest} "
        f"(the newest backup of each of the last {KEEP_DAYS} days is kept)"
    )
    return EXIT_OK


def _declare_history(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)
    p.add_argument("--kpi", metavar="NAME", help="only the changes of this KPI")
    p.add_argument("--since", type=iso_date, metavar="DATE", help="from this day on")
    p.add_argument("--json", action="store_true", help="a list of objects, newest first")


def run_history(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.workspace.change_log import history

    with open_workspace(ns.workspace, for_reading=True) as ws:
        kpi_id = ws.kpis.find(ns.kpi).id if ns.kpi else None
        changes = history(ws, kpi_id=kpi_id, since=ns.since)
    if ns.json:
        print(json.dumps([c.as_json() for c in changes], indent=2, ensure_ascii=False))
    elif not changes:
        print("No changes recorded" + (" since " + ns.since.isoformat() if ns.since else "") + ".")
    else:
        print("\n".join(c.line() for c in changes))
    return EXIT_OK


COMMANDS: dict[str, tuple[Declare, Handler, str]] = {
    "backup": (_declare_backup, run_backup, "back the workspace up now (File > Restore reads it)"),
    "history": (_declare_history, run_history, "who changed what, and when"),
}

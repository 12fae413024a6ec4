"""Subcommands that keep a workspace safe: backup."""

from __future__ import annotations

import argparse
from pathlib import Path

from kpi_desktop.cli_commands.arguments import EXIT_OK, Declare, Handler


def _declare_backup(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=Path)


def run_backup(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.workspace.backups import KEEP_DAYS, make_backup
    from kpi_desktop.services.workspace.workspace import Workspace

    with Workspace.open(ns.workspace, readonly=True) as ws:
        dest = make_backup(ws)
    print(
        f"Backed up {ns.workspace} to {dest} "
        f"(the newest backup of each of the last {KEEP_DAYS} days is kept)"
    )
    return EXIT_OK


COMMANDS: dict[str, tuple[Declare, Handler, str]] = {
    "backup": (_declare_backup, run_backup, "back the workspace up now (File > Restore reads it)"),
}

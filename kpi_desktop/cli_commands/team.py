"""Subcommands of the team workspace: copy (file <-> server), team grant (roles)."""

from __future__ import annotations

import argparse

from kpi_desktop.cli_commands.arguments import (
    EXIT_OK,
    Declare,
    Handler,
    password_checked,
    workspace_arg,
)


def _declare_copy(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", type=workspace_arg, metavar="SOURCE", help="a file or a URL")
    p.add_argument("dest", type=workspace_arg, metavar="DEST", help="a file or a URL")
    p.add_argument(
        "--replace", action="store_true", help="overwrite a destination that holds a workspace"
    )


def run_copy(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.team.copying import copy

    summary = copy(password_checked(ns.source), password_checked(ns.dest), replace=ns.replace)
    values = summary.rows.get("measurement", 0)
    print(
        f"Copied {ns.source} to {ns.dest}: {summary.rows.get('goal', 0)} goals, "
        f"{summary.rows.get('kpi', 0)} KPIs, {values} values ({summary.total} rows in all)"
    )
    return EXIT_OK


def _declare_team(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    grant = sub.add_parser("grant", help="give a user a role in a team workspace")
    grant.add_argument("url", type=workspace_arg, metavar="URL")
    grant.add_argument("--user", required=True, metavar="NAME", help="the PostgreSQL login")
    grant.add_argument("--role", required=True, choices=("viewer", "editor", "owner"))


def run_team(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.errors import KpiDesktopError
    from kpi_desktop.services.team.roles import grant

    if not ns.url.is_server:
        raise KpiDesktopError(f"{ns.url}: roles belong to a team workspace; give its URL")
    granted = grant(password_checked(ns.url), ns.user, ns.role)
    print(f"{granted.user} is now {granted.role.value} of {ns.url}")
    if granted.created_login:
        print(
            f"The login {granted.user} was created without a password: set one on the "
            f"server (psql: \\password {granted.user})"
        )
    return EXIT_OK


COMMANDS: dict[str, tuple[Declare, Handler, str]] = {
    "copy": (_declare_copy, run_copy, "copy a workspace between a file and a server"),
    "team": (_declare_team, run_team, "team workspace roles: team grant URL --user --role"),
}

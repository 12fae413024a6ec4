"""`kpi-desktop`: the GUI with no subcommand, headless jobs with one.

Exit codes: 0 success, 1 a user error (one message saying what and where), 2 bad usage.
The subcommands live in `cli_commands/`; they only parse arguments, call the services and
print: no business logic here.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from kpi_desktop import __version__
from kpi_desktop.cli_commands import (
    actions,
    editing,
    exporting,
    planning,
    safekeeping,
    team,
    tracking,
)
from kpi_desktop.cli_commands.arguments import (
    EXIT_OK,
    EXIT_USAGE,
    EXIT_USER_ERROR,
    Declare,
    Handler,
)

__all__ = ["EXIT_OK", "EXIT_USAGE", "EXIT_USER_ERROR", "build_parser", "main"]

_ORDER = (
    "new",
    "add-goal",
    "add-kpi",
    "add-value",
    "edit-kpi",
    "delete-kpi",
    "revise-target",
    "import",
    "status",
    "size",
    "check",
    "due",
    "what-if",
    "actions",
    "action",
    "export-chart",
    "report",
    "deck",
    "export",
    "backup",
    "history",
    "copy",
    "team",
)
_ALL = {
    **planning.COMMANDS,
    **editing.COMMANDS,
    **actions.COMMANDS,
    **tracking.COMMANDS,
    **exporting.COMMANDS,
    **safekeeping.COMMANDS,
    **team.COMMANDS,
}
# Subcommand name -> (declare its arguments, run it, one-line help), in the order of --help.
_COMMANDS: dict[str, tuple[Declare, Handler, str]] = {
    name: _ALL[name] for name in (*_ORDER, *(n for n in _ALL if n not in _ORDER))
}


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
    if args[0] in ("--selftest", "--language") or args[0].startswith("--language="):
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
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except _unforeseen() as exc:  # a file or database error no service translated: one line
        reason = getattr(exc, "strerror", None) or getattr(exc, "orig", None) or exc
        print(f"kpi-desktop {ns.command}: error: {reason}", file=sys.stderr)
        return EXIT_USER_ERROR


def _unforeseen() -> tuple[type[BaseException], ...]:
    """Errors of the disk and the database that must never reach the user as a traceback
    (evaluated only when one is raised, so the start-up imports nothing more)."""
    import sqlite3

    from sqlalchemy.exc import SQLAlchemyError

    return (OSError, sqlite3.Error, SQLAlchemyError)


def _run_gui(args: list[str]) -> int:
    from kpi_desktop.__main__ import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())

"""Argument types, exit codes and plumbing shared by every subcommand."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]
Declare = Callable[[argparse.ArgumentParser], None]


def iso_date(text: str) -> dt.date:
    try:
        from kpi_desktop.domain.values import parse_date

        return parse_date(text)
    except ValueError as exc:
        if "outside" in str(exc):
            raise argparse.ArgumentTypeError(f"{text!r} {exc}") from None
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


def positive_int(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
    return number


def number_arg(text: str) -> float:
    from kpi_desktop.domain.values import parse_number

    try:
        return parse_number(text)
    except ValueError as exc:
        reason = str(exc) if "too large" in str(exc) else "is not a number"
        raise argparse.ArgumentTypeError(f"{text!r} {reason}") from None


def workspace_arg(text: str):  # type: ignore[no-untyped-def]
    """WORKSPACE: a .kpidb file or a postgresql://user@host:port/db URL."""
    from kpi_desktop.store.location import BadLocation, WorkspaceLocation

    try:
        return WorkspaceLocation.parse(text)
    except BadLocation as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def with_password(action, location):  # type: ignore[no-untyped-def]
    """Run ``action(location)``; when a server asks for a password that libpq did not find
    (PGPASSWORD, ~/.pgpass), ask for it on the terminal (never echoed, never stored)."""
    from kpi_desktop.services.team.server import ServerPasswordNeeded

    try:
        return action(location)
    except ServerPasswordNeeded:
        if location.url is None or not sys.stdin.isatty():
            raise
        import getpass

        typed = getpass.getpass(f"Password for {location.display}: ")
        return action(location.with_password(typed))


def password_checked(location):  # type: ignore[no-untyped-def]
    """`location` with the password its server wants (asked on a terminal when libpq has
    none); a file, or a database still to be made, as it is."""
    from kpi_desktop.services.team import server

    if not location.is_server:
        return location

    def answers(where):  # type: ignore[no-untyped-def]
        # a missing database: the password was taken; the database comes later
        with contextlib.suppress(server.ServerNotFound):
            server.connect(where).dispose()
        return where

    return with_password(answers, location)


def open_workspace(path: Path, *, for_reading: bool = False):  # type: ignore[no-untyped-def]
    """Open a workspace; a read command falls back to read-only on a read-only file.

    A command that writes first checks every page of the file (nothing is written into a
    damaged one) and makes the day's automatic backup, as opening the app does; a backup
    that cannot be made is a warning, not a failure. A command that reads has its file
    checked meanwhile (in a thread for a big file) and fails when the check finds damage.
    """
    from kpi_desktop.services.errors import WorkspaceReadOnly
    from kpi_desktop.services.workspace.workspace import Workspace

    if for_reading:
        try:
            return CheckedOnExit(with_password(Workspace.open, path))
        except WorkspaceReadOnly:
            return CheckedOnExit(with_password(lambda p: Workspace.open(p, readonly=True), path))
    ws = with_password(lambda p: Workspace.open(p, check_integrity=True), path)
    if not ws.location.is_server:  # a server's backups are its administrator's
        share_warning(ws.path)
        daily_backup(ws)
    return ws


def share_warning(path: Path) -> None:
    """Warn when a workspace file that a command writes is on a network share."""
    from kpi_desktop.services.team.shares import network_share_warning

    warning = network_share_warning(path)
    if warning:
        print(f"kpi-desktop: warning: {warning}", file=sys.stderr)


class CheckedOnExit:
    """A workspace in a ``with`` block that fails (WorkspaceCorrupt) on leaving it when the
    check of its pages, begun as it opened, found damage."""

    def __init__(self, ws) -> None:  # type: ignore[no-untyped-def]
        self.ws = ws

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self.ws

    def __exit__(self, exc_type: object, *_exc: object) -> None:
        from kpi_desktop.services.errors import WorkspaceCorrupt
        from kpi_desktop.services.workspace.workspace import damaged_message

        problem = self.ws.damage(wait=True) if exc_type is None else None
        self.ws.close()
        if problem is not None:
            raise WorkspaceCorrupt(self.ws.path, damaged_message(problem))


def daily_backup(ws) -> None:  # type: ignore[no-untyped-def]
    """The day's automatic backup of a workspace a command writes to (a warning if not)."""
    from kpi_desktop.services.errors import KpiDesktopError, WorkspaceCorrupt
    from kpi_desktop.services.workspace.backups import make_daily_backup

    try:
        make_daily_backup(ws)
    except WorkspaceCorrupt:
        ws.close()
        raise
    except KpiDesktopError as exc:
        print(f"kpi-desktop: warning: {exc.message}", file=sys.stderr)


_qt_app: object = None  # the QApplication of a headless export, kept alive while it runs


def headless_qt() -> None:
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

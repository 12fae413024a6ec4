"""Typed errors with messages a user understands. The CLI prints them; the GUI shows them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class KpiDesktopError(Exception):
    """Base of every error that is the user's to fix (exit code 1 in the CLI)."""

    @property
    def message(self) -> str:
        return str(self)


class WorkspaceError(KpiDesktopError):
    def __init__(self, path: Path, reason: str) -> None:
        shown = str(path)
        if shown.startswith("postgresql:/") and not shown.startswith("postgresql://"):
            shown = "postgresql://" + shown[len("postgresql:/") :]  # a server's stand-in path
        if reason.startswith(shown):  # the reason names the server already
            super().__init__(reason)
        else:
            super().__init__(f"{shown}: {reason}")
        self.path = path
        self.reason = reason


class WorkspaceNotFound(WorkspaceError):
    def __init__(self, path: Path) -> None:
        super().__init__(path, "no such workspace file")


class WorkspaceExists(WorkspaceError):
    def __init__(self, path: Path) -> None:
        if str(path).startswith("postgresql:"):  # a server database's stand-in path
            super().__init__(
                path, "a workspace already exists in this database; it was not changed"
            )
            return
        super().__init__(path, "a file with this name already exists; it was not overwritten")


class NotAWorkspace(WorkspaceError):
    pass


class WorkspaceCorrupt(WorkspaceError):
    pass


class WorkspaceTooNew(WorkspaceError):
    pass


class WorkspaceLocked(WorkspaceError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            "the workspace is locked by another program or copy of KPI Desktop; "
            "close it there and try again",
        )


class WorkspaceReadOnly(WorkspaceError):
    pass


class ValidationError(KpiDesktopError):
    """A value the user gave is not acceptable. `field` names the field, for inline messages."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFound(KpiDesktopError):
    """A goal or KPI named (or referenced by id) does not exist."""


class AmbiguousName(KpiDesktopError):
    def __init__(self, kind: str, name: str, matches: Sequence[str]) -> None:
        listed = ", ".join(f'"{m}"' for m in matches)
        super().__init__(f'{kind} "{name}" is ambiguous: it matches {listed}')
        self.matches = list(matches)


class UnknownName(NotFound):
    def __init__(self, kind: str, name: str, close: Sequence[str]) -> None:
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        super().__init__(f'no {kind} named "{name}"{hint}')
        self.close = list(close)


class ConflictError(KpiDesktopError):
    """Writing would overwrite data (for example a value already stored for a period)."""

"""Edits based on a stale view: two windows (or programs) on one workspace file.

Goals and KPIs carry a `version` that every edit of the row bumps. An editor remembers the
version it showed and passes it as `expected_version`; when the row changed meanwhile the
service refuses with :class:`StaleEdit` instead of silently overwriting the other edit.
Callers that pass no version (the CLI, undo, imports) keep last-writer-wins.
"""

from __future__ import annotations

from typing import Protocol

from kpi_desktop.services.errors import KpiDesktopError


class StaleEdit(KpiDesktopError):
    """The row was changed by someone else since the caller read it; nothing was saved."""

    def __init__(self, kind: str, name: str, expected: int, found: int) -> None:
        super().__init__(
            f'This {kind} ("{name}") was changed in another window or program since it was '
            "shown here; your edit was not saved. Reload to see the change, then edit again."
        )
        self.kind = kind
        self.name = name
        self.expected = expected
        self.found = found


class _Versioned(Protocol):
    version: int


def check_and_bump(row: _Versioned, expected: int | None, kind: str, name: str) -> None:
    """Refuse when `expected` is given and differs from the row's version; else bump it."""
    if expected is not None and row.version != expected:
        raise StaleEdit(kind, name, expected, row.version)
    row.version += 1

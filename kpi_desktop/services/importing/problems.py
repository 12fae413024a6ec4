"""What can be wrong with an imported file: the file as a whole (:class:`ImportFileError`,
:class:`AmbiguousDates`) or some of its cells (:class:`ImportFailed`, listing every bad cell
as a :class:`RowProblem`).

A file can have a million bad cells (every row naming a KPI the workspace lacks): they
are kept as arrays of row and column numbers (:class:`RowProblems`) and each one is made
into a RowProblem only when it is looked at.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

import numpy as np

from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.importing.cells import cell_text

MAX_LISTED = 1000  # problems spelled out in an ImportFailed message (all are in .problems)


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One bad cell. `row` is the row number a spreadsheet shows (the header is row 1);
    `reason` completes the sentence "'<value>' ..." (e.g. "is not a number")."""

    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
        return f"row {self.row}, column '{self.column}': '{shown}' {self.reason}"


#: Bad cells found together: their data rows, their columns, and why the k-th is bad.
_Run = tuple[np.ndarray, np.ndarray, Callable[[int], str]]


class RowProblems(Sequence[RowProblem]):
    """Bad cells of a table in sheet order (by row, then column), made into RowProblems
    when looked at. Equal to a list of the same problems."""

    def __init__(
        self,
        header: Sequence[str],
        columns: Sequence[Sequence[Any]],
        first_row: int,
        runs: Sequence[_Run] = (),
    ) -> None:
        self._header = header
        self._columns = columns
        self._first_row = first_row
        self._runs = [run for run in runs if len(run[0])]
        sizes = [len(rows) for rows, _cols, _why in self._runs]
        self._starts = np.concatenate(([0], np.cumsum(sizes, dtype=np.int64)))
        self._order: np.ndarray | None = None
        if self._runs:
            width = max(len(header), 1)
            keys = np.concatenate([rows * width + cols for rows, cols, _why in self._runs])
            if len(keys) > 1 and not bool((keys[1:] >= keys[:-1]).all()):
                self._order = np.argsort(keys, kind="stable")

    def __len__(self) -> int:
        return int(self._starts[-1])

    @overload
    def __getitem__(self, index: int) -> RowProblem: ...

    @overload
    def __getitem__(self, index: slice) -> list[RowProblem]: ...

    def __getitem__(self, index: int | slice) -> RowProblem | list[RowProblem]:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("problem index out of range")
        at = index if self._order is None else int(self._order[index])
        run = int(np.searchsorted(self._starts, at, side="right")) - 1
        rows, cols, why = self._runs[run]
        k = at - int(self._starts[run])
        i, j = int(rows[k]), int(cols[k])
        cell = self._columns[j][i]
        return RowProblem(i + self._first_row, self._header[j], cell_text(cell), why(k))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RowProblems | list | tuple):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        more = ", ..." if len(self) > 3 else ""
        return f"RowProblems([{', '.join(map(repr, self[:3]))}{more}] of {len(self)})"


class ProblemCollector:
    """The bad cells a plan finds, as it finds them: one at a time (:meth:`add`) or many
    rows of one column at once (:meth:`add_rows`). Cells are named by data row (0 is the
    first row below the header) and column index."""

    def __init__(
        self, header: Sequence[str], columns: Sequence[Sequence[Any]], first_row: int
    ) -> None:
        self._table = (header, columns, first_row)
        self._runs: list[_Run] = []
        self._rows: list[int] = []
        self._cols: list[int] = []
        self._reasons: list[str] = []

    def __len__(self) -> int:
        return len(self._rows) + sum(len(rows) for rows, _cols, _why in self._runs)

    def add(self, i: int, j: int, reason: str) -> None:
        self._rows.append(i)
        self._cols.append(j)
        self._reasons.append(reason)

    def add_rows(self, rows: np.ndarray, j: int, reason: Callable[[Any], str]) -> None:
        """The cells of column j in `rows` (ascending), each bad for `reason(cell)`."""
        if not len(rows):
            return
        cells = self._table[1][j]
        rows = rows.astype(np.int64, copy=False)

        def why(k: int) -> str:
            return reason(cells[int(rows[k])])

        self._runs.append((rows, np.full(len(rows), j, dtype=np.int64), why))

    def problems(self) -> RowProblems:
        singles: _Run = (
            np.array(self._rows, dtype=np.int64),
            np.array(self._cols, dtype=np.int64),
            self._reasons.__getitem__,
        )
        return RowProblems(*self._table, [*self._runs, singles])


class ImportFileError(KpiDesktopError):
    """The file as a whole cannot be imported (missing, unreadable, no date column...)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class AmbiguousDates(ImportFileError):
    """Dates like 03/04/2024 that read day-first and month-first; `rows` has them."""

    def __init__(self, path: Path, column: str, rows: list[int], example: str) -> None:
        shown = ", ".join(map(str, rows[:10])) + (
            f" and {len(rows) - 10} more" if len(rows) > 10 else ""
        )
        super().__init__(
            path,
            f"the dates in column '{column}' can be read day-first or month-first "
            f"(e.g. '{example}' in rows {shown}); choose day-first (dmy) or month-first (mdy)",
        )
        self.column = column
        self.rows = rows


class ImportFailed(KpiDesktopError):
    """The file has bad rows; nothing was imported. `problems` lists every one, in sheet
    order; `unknown_kpi_rows` of them name a KPI the workspace lacks (which creating the
    missing KPIs would make)."""

    def __init__(
        self,
        path: Path,
        problems: Sequence[RowProblem],
        hint: str = "",
        *,
        unknown_kpi_rows: int = 0,
    ) -> None:
        lines = [str(p) for p in problems[:MAX_LISTED]]
        if len(problems) > MAX_LISTED:
            lines.append(f"... and {len(problems) - MAX_LISTED} more problems")
        head = (
            f"{path}: nothing was imported; {len(problems)} problem"
            f"{'' if len(problems) == 1 else 's'} to fix:"
        )
        super().__init__("\n".join([head, *lines, *([hint] if hint else [])]))
        self.path = path
        self.problems = problems
        self.unknown_kpi_rows = unknown_kpi_rows

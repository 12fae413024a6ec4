"""Turning an imported file's table into a plan: finding the date column, the layout and
the columns of values, reading the dates and numbers, naming the KPIs (and those to
create), collecting every bad cell on the way (see :mod:`kpi_desktop.services.importing.file_import`
for the rules)."""

from __future__ import annotations

import difflib
import itertools
from pathlib import Path
from typing import Any

import numpy as np

from kpi_desktop.domain.formula_text import from_csv_text
from kpi_desktop.domain.periods import CALENDAR_YEAR, FiscalYear
from kpi_desktop.domain.types import Frequency
from kpi_desktop.services.errors import AmbiguousName
from kpi_desktop.services.importing.cells import blank, letter, letter_index
from kpi_desktop.services.importing.columns import (
    DATE_HEADER,
    KPI_HEADER,
    VALUE_HEADER,
    YEAR_HEADER,
    ColumnKind,
    column_kind,
    header_key,
    serial_like,
    years_like,
)
from kpi_desktop.services.importing.parsing import (
    ColumnDates,
    column_dates,
    column_numbers,
    date_problems,
    future_problems,
)
from kpi_desktop.services.importing.periods import check_duplicates, fill_frequencies, period_starts
from kpi_desktop.services.importing.plan import (
    Entries,
    ImportOptions,
    ImportPlan,
    KnownKpi,
    Layout,
)
from kpi_desktop.services.importing.problems import ImportFailed, ImportFileError, ProblemCollector
from kpi_desktop.services.importing.reading import ImportTable
from kpi_desktop.services.naming import clean_name, normalise


class Planner:
    """Turns a table into a plan, collecting every problem on the way."""

    def __init__(
        self,
        path: Path,
        options: ImportOptions,
        table: ImportTable,
        kpis: dict[str, list[KnownKpi]],
        workspace: Path,
        fiscal: FiscalYear = CALENDAR_YEAR,
    ) -> None:
        self.path = path
        self.fiscal = fiscal  # the workspace's: quarters and years start by it
        self.options = options
        self.t = table
        self.known = kpis
        self.workspace = workspace
        self.problems = ProblemCollector(table.header, table.columns, table.first_row)
        self.hint = ""
        self.unknown_rows = 0  # problems that name a KPI the workspace lacks
        # KPIs that get values, by kidx
        self.kpi_names: list[str] = []
        self.kpi_ids: list[int | None] = []
        self.kpi_freqs: list[Frequency | None] = []
        self._kidx_by_norm: dict[str, int] = {}

    # -- helpers ---------------------------------------------------------------------------

    def kind(self, j: int) -> ColumnKind:
        return column_kind(self.t, j)

    def fail(self, reason: str) -> ImportFileError:
        return ImportFileError(self.path, reason)

    def column(self, ref: str, what: str) -> int:
        text = str(ref).strip()
        hits = [j for j, h in enumerate(self.t.header) if normalise(h) == normalise(text)]
        if len(hits) > 1:
            raise self.fail(
                f"several columns are named '{text}'; name the {what} column by its letter instead"
            )
        if hits:
            return hits[0]
        index: int | None = int(text) - 1 if text.isdigit() else letter_index(text)
        if index is not None and 0 <= index < len(self.t.header):
            return index
        listed = ", ".join(f"'{h}'" for h in self.t.header)
        raise self.fail(f"there is no {what} column '{text}'; the columns are: {listed}")

    def kpi_for(self, name: str, *, create: bool) -> int | None:
        """The kidx of the KPI called `name` (adding it to the plan); None if unknown."""
        name = from_csv_text(name)  # a name a CSV export protected from running as a formula
        norm = normalise(name)
        if norm in self._kidx_by_norm:
            return self._kidx_by_norm[norm]
        matches = self.known.get(norm, [])
        if len(matches) > 1:
            raise AmbiguousName("KPI", name, [m.name for m in matches])
        if matches:
            kpi = matches[0]
            entry: tuple[str, int | None, Frequency | None] = (kpi.name, kpi.id, kpi.frequency)
        elif create:
            entry = (clean_name(name), None, None)
        else:
            return None
        self._kidx_by_norm[norm] = len(self.kpi_names)
        self.kpi_names.append(entry[0])
        self.kpi_ids.append(entry[1])
        self.kpi_freqs.append(entry[2])
        return len(self.kpi_names) - 1

    def calculated(self, name: str) -> bool:
        """Whether `name` is a calculated KPI of the workspace (its values are derived)."""
        matches = self.known.get(normalise(from_csv_text(name)), [])
        return len(matches) == 1 and matches[0].calculated

    def close_names(self, name: str) -> str:
        names = {norm: kpis[0].name for norm, kpis in self.known.items()}
        close = difflib.get_close_matches(normalise(name), list(names), n=1, cutoff=0.6)
        return f" (did you mean '{names[close[0]]}'?)" if close else ""

    # -- the steps -------------------------------------------------------------------------

    def plan(self) -> ImportPlan:
        t = self.t
        date_j, date_mode = self.find_date_column()
        layout = self.find_layout(date_j)
        kpi_j: int | None
        value_j: int | None
        if layout == "long":
            kpi_j, value_j = self.find_long_columns(date_j)
            used = {date_j, kpi_j, value_j}
        else:
            kpi_j = value_j = None
            value_cols = self.find_wide_columns(date_j)
            used = {date_j, *value_cols}
        skipped = [
            t.header[j]
            for j in range(len(t.header))
            if j not in used and (t.named[j] or self.kind(j).kind != "empty")
        ]
        if layout == "wide" and not value_cols:
            raise self.no_wide_columns(date_j)
        dates = column_dates(t, self.path, date_j, date_mode, self.options.date_order)
        if layout == "long":
            assert kpi_j is not None and value_j is not None
            parts = self.long_entries(dates, date_j, kpi_j, value_j)
        else:
            parts = self.wide_entries(dates, date_j, value_cols)
        kidx, day, value, ridx, cols = parts
        fill_frequencies(self.kpi_freqs, kidx, day)
        period = period_starts(self.kpi_freqs, kidx, day, self.fiscal)
        future_problems(self.problems, ridx, period, date_j)
        order = check_duplicates(
            t,
            self.problems,
            (self.kpi_names, self.kpi_freqs),
            (kidx, period, ridx, cols),
            self.fiscal,
        )
        if self.problems:
            raise ImportFailed(
                self.path,
                self.problems.problems(),
                self.hint,
                unknown_kpi_rows=self.unknown_rows,
            )
        freqs = [f if f is not None else Frequency.MONTHLY for f in self.kpi_freqs]
        entries = Entries(
            kpi_names=self.kpi_names,
            kpi_ids=self.kpi_ids,
            kpi_freqs=freqs,
            kidx=kidx,
            period=period,
            value=value,
            row=ridx + t.first_row,
            order=order,
        )
        return ImportPlan(
            path=self.path,
            layout=layout,
            rows_read=t.n,
            kpis_matched=[
                n for n, i in zip(self.kpi_names, self.kpi_ids, strict=True) if i is not None
            ],
            kpis_to_create=[
                (n, f)
                for n, i, f in zip(self.kpi_names, self.kpi_ids, freqs, strict=True)
                if i is None
            ],
            skipped_columns=skipped,
            date_order=dates.order,
            date_column=t.header[date_j],
            kpi_column=None if kpi_j is None else t.header[kpi_j],
            value_column=None if value_j is None else t.header[value_j],
            goal=self.options.goal,
            fiscal=self.fiscal,
            workspace=self.workspace,
            _entries=entries,
        )

    def find_date_column(self) -> tuple[int, str]:
        """The date column and how to read it: "dates", "years"."""
        t = self.t
        if self.options.date_column is not None:
            j = self.column(self.options.date_column, "date")
            years = YEAR_HEADER.match(header_key(t.header[j])) and years_like(self.kind(j).sample)
            return j, "years" if years else "dates"
        dated = [j for j in range(len(t.header)) if self.kind(j).kind == "date"]
        named = [j for j in dated if DATE_HEADER.search(header_key(t.header[j]))]
        if named or dated:
            return (named or dated)[0], "dates"
        for j, h in enumerate(t.header):
            key = header_key(h)
            if self.kind(j).kind != "number":
                continue
            if YEAR_HEADER.match(key) and years_like(self.kind(j).sample):
                return j, "years"
            if DATE_HEADER.search(key) and serial_like(self.kind(j).sample):
                return j, "dates"
        listed = ", ".join(f"'{h}'" for h in t.header)
        raise self.fail(
            f"no date column found (the columns are: {listed}); the file needs a column of "
            "dates such as 2024-01-31 or 31/01/2024; name it as the date column if it has one"
        )

    def find_layout(self, date_j: int) -> Layout:
        o = self.options
        if o.layout is not None:
            return o.layout
        if o.kpi_column is not None or o.value_column is not None:
            return "long"
        others = [j for j in range(len(self.t.header)) if j != date_j]
        if any(normalise(self.t.header[j]) in self.known for j in others):
            return "wide"
        texts = [j for j in others if self.kind(j).kind == "text"]
        numbers = [j for j in others if self.kind(j).kind == "number"]
        if numbers and any(self._names_like(j) for j in texts):
            return "long"
        return "wide"

    def _names_like(self, j: int) -> bool:
        sample = self.kind(j).sample
        names = [normalise(str(c)) for c in sample]
        return len(set(names)) < len(names) or any(n in self.known for n in names)

    def find_long_columns(self, date_j: int) -> tuple[int, int]:
        o, t = self.options, self.t
        others = [j for j in range(len(t.header)) if j != date_j]
        if o.kpi_column is not None:
            kpi_j = self.column(o.kpi_column, "KPI")
        else:
            texts = [j for j in others if self.kind(j).kind == "text"]
            if not texts:
                raise self.fail("no column of KPI names found; name the KPI column")

            def score(j: int) -> tuple[int, bool, bool]:
                sample = self.kind(j).sample
                known = sum(normalise(str(c)) in self.known for c in sample)
                return (
                    known,
                    bool(KPI_HEADER.search(header_key(t.header[j]))),
                    self._names_like(j),
                )

            kpi_j = max(texts, key=score)  # max() keeps the first of equals
        if o.value_column is not None:
            value_j = self.column(o.value_column, "value")
        else:
            numbers = [j for j in others if j != kpi_j and self.kind(j).kind == "number"]
            if not numbers:
                raise self.fail("no column of values (numbers) found; name the value column")
            named = [j for j in numbers if VALUE_HEADER.search(header_key(t.header[j]))]
            value_j = (named or numbers)[0]
        if len({date_j, kpi_j, value_j}) < 3:
            raise self.fail(
                f"the date, KPI and value columns must be three different columns (got "
                f"'{t.header[date_j]}', '{t.header[kpi_j]}' and '{t.header[value_j]}')"
            )
        return kpi_j, value_j

    def find_wide_columns(self, date_j: int) -> dict[int, int]:
        """Column index -> kidx of the columns to import."""
        t = self.t
        chosen: dict[int, int] = {}
        seen: dict[str, int] = {}
        for j, label in enumerate(t.header):
            if j == date_j or not t.named[j]:
                continue
            norm = normalise(label)
            if self.calculated(label):
                continue  # a calculated KPI's column (an export read back): listed as skipped
            known = norm in self.known
            create = self.options.create_missing and not known and self.kind(j).kind == "number"
            if not known and not create:
                continue
            if norm in seen:
                raise self.fail(
                    f"columns '{t.header[seen[norm]]}' ({letter(seen[norm])}) and '{label}' "
                    f"({letter(j)}) are the same KPI; keep one of them"
                )
            if create and len(" ".join(label.split())) > 200:
                raise self.fail(
                    f"column '{label[:60]}...' is too long for a KPI name (at most 200 characters)"
                )
            seen[norm] = j
            kidx = self.kpi_for(label, create=create)
            assert kidx is not None
            chosen[j] = kidx
        return chosen

    def no_wide_columns(self, date_j: int) -> ImportFileError:
        others = [h for j, h in enumerate(self.t.header) if j != date_j]
        listed = ", ".join(f"'{h}'" for h in others) or "none"
        if self.options.create_missing:
            return self.fail(f"no column of numbers to import besides the date (columns: {listed})")
        return self.fail(
            f"no column is named after a KPI of this workspace (columns: {listed}); name the "
            "columns after your KPIs, or choose to create the missing KPIs"
        )

    def long_entries(
        self, dates: ColumnDates, date_j: int, kpi_j: int, value_j: int
    ) -> tuple[np.ndarray, ...]:
        t = self.t
        row_day = dates.days
        numbers, present, bad_value = column_numbers(t, [value_j], self.problems)[value_j]
        wanted = present | bad_value  # rows with a value (good or bad) need a date and a KPI
        rows = np.flatnonzero(wanted)
        kpi_cells = t.columns[kpi_j]
        kidx_of: dict[Any, int] = {}
        unknown: set[Any] = set()
        # The names on rows with a value, in order of first appearance: KPIs are numbered
        # (and created) in file order.
        used = dict.fromkeys(
            kpi_cells if len(rows) == t.n else map(kpi_cells.__getitem__, rows.tolist())
        )
        for cell in used:
            if blank(cell):
                kidx_of[cell] = -2
                continue
            name = str(cell)
            if len(" ".join(name.split())) > 200:
                kidx_of[cell] = -3
                continue
            if self.calculated(name):  # derived values (an export read back): left out
                kidx_of[cell] = -5
                continue
            kidx = self.kpi_for(name, create=self.options.create_missing)
            kidx_of[cell] = -1 if kidx is None else kidx
            if kidx is None:
                unknown.add(cell)
        row_kidx = np.fromiter(  # -4: a row without a value, never looked at
            map(kidx_of.get, kpi_cells, itertools.repeat(-4)), dtype=np.int64, count=t.n
        )
        date_problems(self.problems, rows, dates, date_j)
        reasons = {
            -2: "is blank, but the row has a value: which KPI is it for?",
            -3: "is too long for a KPI name (at most 200 characters)",
        }
        reason_of = {
            cell: reasons.get(k) or f"is not a KPI of this workspace{self.close_names(str(cell))}"
            for cell, k in kidx_of.items()
            if k < 0
        }
        bad = rows[(row_kidx[rows] < 0) & (row_kidx[rows] != -5)]
        self.problems.add_rows(bad, kpi_j, reason_of.__getitem__)
        self.unknown_rows = int(np.count_nonzero(row_kidx[bad] == -1))
        if unknown:
            self.hint = (
                "Add the missing KPIs first, or choose to create missing KPIs (--create-missing)."
            )
        ok = present & (row_kidx >= 0) & (row_day >= 0)
        ridx = np.flatnonzero(ok)
        if len(ridx) == t.n:
            return row_kidx, row_day, numbers, np.arange(t.n), np.full(t.n, value_j)
        return row_kidx[ridx], row_day[ridx], numbers[ridx], ridx, np.full(len(ridx), value_j)

    def wide_entries(
        self, dates: ColumnDates, date_j: int, value_cols: dict[int, int]
    ) -> tuple[np.ndarray, ...]:
        t = self.t
        row_day = dates.days
        parsed = column_numbers(t, list(value_cols), self.problems)
        wanted = np.zeros(t.n, dtype=bool)
        parts: list[tuple[np.ndarray, ...]] = []
        for j, k in value_cols.items():
            numbers, present, bad = parsed[j]
            wanted |= present | bad
            ridx = np.flatnonzero(present & (row_day >= 0))
            parts.append(
                (
                    np.full(len(ridx), k),
                    row_day[ridx],
                    numbers[ridx],
                    ridx,
                    np.full(len(ridx), j),
                )
            )
        date_problems(self.problems, np.flatnonzero(wanted), dates, date_j)
        kidx, day, value, ridx, cols = (np.concatenate(p) for p in zip(*parts, strict=True))
        by_row = np.argsort(ridx, kind="stable")  # file order: row by row, left to right
        return kidx[by_row], day[by_row], value[by_row], ridx[by_row], cols[by_row]

"""An xlsxwriter workbook written row by row (constant memory), with the few formats the
data export uses: see :class:`Book`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kpi_desktop.domain.formula_text import could_run_as_formula
from kpi_desktop.reports.chart_style import STATUS_COLORS

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
HEADER_FILL = "#F2F2F2"
#: Excel's day 0 (dates are days since 1899-12-30 in its 1900 date system).
EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()


class Styled:
    """A value with one of the book's named formats."""

    __slots__ = ("format", "value")

    def __init__(self, value: Any, format_name: str) -> None:
        self.value = value
        self.format = format_name


class Book:
    """An xlsxwriter workbook written row by row (constant memory), with the few formats
    the export uses. Numbers are written with every digit a float needs (xlsxwriter's 16
    significant digits lose the last bit of some), text that a spreadsheet could run as a
    formula is stored as text with the quote prefix."""

    def __init__(self, path: Path) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(
            str(path),
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        add = self.book.add_format
        self.formats = {
            "header": add({"bold": True, "bg_color": HEADER_FILL}),
            "date": add({"num_format": DATE_FORMAT}),
            "datetime": add({"num_format": DATETIME_FORMAT}),
            "percent": add({"num_format": "0%"}),
            "quoted": add({"quote_prefix": True}),
        }
        for status, color in STATUS_COLORS.items():
            light = tint(color.lstrip("#"), 0.15)
            self.formats[f"status-{status.value}"] = add(
                {"bold": True, "font_color": color, "bg_color": f"#{light}"}
            )

    def sheet(
        self, title: str, header: Iterable[str], widths: Iterable[int], *, exact: bool = False
    ) -> Sheet:
        raw = self.book.add_worksheet(title)
        raw._xml_number_element = exact_number_element.__get__(raw)  # every digit kept
        for i, width in enumerate(widths):
            raw.set_column(i, i, width)
        raw.freeze_panes(1, 0)
        for i, text in enumerate(header):
            raw.write_string(0, i, text, self.formats["header"])
        return Sheet(self, raw, exact)

    def status_cell(self, status: Any) -> Styled:
        return Styled(status.label, f"status-{status.value}")

    def close(self) -> None:
        from xlsxwriter.exceptions import FileCreateError

        try:
            self.book.close()
        except FileCreateError as exc:  # its OSError (disk full, no permission) inside
            cause = exc.args[0] if exc.args else exc
            raise cause if isinstance(cause, OSError) else OSError(str(cause)) from exc


class Sheet:
    """Rows appended to one worksheet; ``exact`` (the table sheets) writes times as ISO
    text, to the microsecond, instead of Excel times (to the millisecond)."""

    def __init__(self, book: Book, raw: Any, exact: bool) -> None:
        self.book, self.raw, self.exact = book, raw, exact
        self.next_row = 1

    def row(self, values: Iterable[Any]) -> None:
        r = self.next_row
        self.next_row += 1
        for c, value in enumerate(values):
            self._cell(r, c, value)

    def _cell(self, r: int, c: int, value: Any) -> None:
        raw, formats = self.raw, self.book.formats
        fmt = None
        if isinstance(value, Styled):
            value, fmt = value.value, formats[value.format]
        if value is None or value == "":
            return
        if isinstance(value, bool):
            raw.write_boolean(r, c, value, fmt)
        elif isinstance(value, int | float):
            raw.write_number(r, c, value, fmt)
        elif isinstance(value, dt.datetime):
            naive = value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
            if self.exact:
                raw.write_string(r, c, naive.isoformat(sep=" "))
            else:
                raw.write_datetime(r, c, naive, formats["datetime"])
        elif isinstance(value, dt.date):
            raw.write_number(r, c, value.toordinal() - EXCEL_EPOCH, formats["date"])
        else:
            text = str(value)
            raw.write_string(r, c, text, formats["quoted"] if could_run_as_formula(text) else fmt)


def exact_number_element(self: Any, number: float, attributes: Any = ()) -> None:
    """xlsxwriter's number cell, with the shortest text that reads back as this float."""
    attr = "".join(f' {key}="{self._escape_attributes(value)}"' for key, value in attributes)
    self.fh.write(f"<c{attr}><v>{float(number)!r}</v></c>")


def tint(hex_rgb: str, strength: float) -> str:
    """The colour mixed with white (``strength`` of the colour)."""
    channels = [int(hex_rgb[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(255 - (255 - c) * strength) for c in channels]
    return "".join(f"{c:02X}" for c in mixed)

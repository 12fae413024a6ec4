"""The Measurements sheets, streamed straight into the workbook's XML.

xlsxwriter spends about 20 µs on each cell: four million cells of two million values take
minutes. The values sheets have one fixed shape (Date, KPI, Value, Note, Source), so their
rows are written as XML text here, a few thousand at a time, into the finished workbook:

1. the workbook is made by xlsxwriter under a temporary name, each values sheet with its
   header row and one sample row (which gives the date and quoted-text formats their
   style numbers);
2. it is copied into the target zip part by part, each values sheet's part rewritten: its
   head and tail as xlsxwriter wrote them, its rows from the values.

Numbers keep every digit (``repr``), text is escaped as XML needs (control characters as
``_xHHHH_``, as Excel writes them), text a spreadsheet could run as a formula gets the
quote-prefix style, as on every other sheet.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kpi_desktop.domain.formula_text import could_run_as_formula
from kpi_desktop.reports.workbook.book import EXCEL_EPOCH, Book

#: Rows joined into one piece of XML before it is written (and compressed).
_BATCH = 5_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DIMENSION = re.compile(r"<dimension ref=\"[^\"]*\"/>")


@dataclass
class ValuesSheet:
    """One values sheet: made by xlsxwriter with a sample row, filled in by `fill`."""

    title: str
    date_style: int
    quoted_style: int


def add_values_sheet(book: Book, title: str, header: tuple[str, ...], widths: Any) -> ValuesSheet:
    """A values sheet with its header and one sample row (replaced when filled)."""
    sheet = book.sheet(title, header, widths)
    sheet.raw.write_number(1, 0, 0, book.formats["date"])
    sheet.raw.write_string(1, 1, "=", book.formats["quoted"])
    return ValuesSheet(
        title, book.formats["date"]._get_xf_index(), book.formats["quoted"]._get_xf_index()
    )


def fill(
    made: Path,
    target: Path,
    sheets: list[ValuesSheet],
    rows: Iterator[tuple[Any, str, float, str, str]],
    sizes: list[int],
) -> None:
    """Copy the workbook ``made`` to ``target``, the n-th of ``sheets`` filled with the
    next ``sizes[n]`` of ``rows`` (the last one with all that are left)."""
    from kpi_desktop.services.exchange.sheet_reader import SheetError, XlsxSheets

    try:
        reader = XlsxSheets(made)
        parts = reader.parts
        reader.close()
    except SheetError as exc:
        raise OSError(f"the workbook could not be finished ({exc})") from exc
    filled = {parts[s.title]: n for n, s in enumerate(sheets)}
    with (
        zipfile.ZipFile(made) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out,
    ):
        for info in source.infolist():
            n = filled.get(info.filename)
            if n is None:
                out.writestr(info, source.read(info.filename))
                continue
            xml = source.read(info.filename).decode("utf-8")
            entry = zipfile.ZipInfo(info.filename, info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            limit = None if n == len(sheets) - 1 else sizes[n]
            with out.open(entry, "w", force_zip64=True) as part:
                for piece in _sheet_xml(xml, sheets[n], rows, sizes[n], limit):
                    part.write(piece.encode("utf-8"))


def _sheet_xml(
    xml: str,
    sheet: ValuesSheet,
    rows: Iterator[tuple[Any, str, float, str, str]],
    expected: int,
    limit: int | None,
) -> Iterator[str]:
    """The sheet's XML: xlsxwriter's head (its size made ``expected`` rows) and header
    row, the rows (at most ``limit``), xlsxwriter's tail."""
    start = xml.index("<sheetData>") + len("<sheetData>")
    end = xml.index("</sheetData>")
    head = _DIMENSION.sub(f'<dimension ref="A1:E{expected + 1}"/>', xml[:start], count=1)
    yield head + xml[start : xml.index("</row>", start) + len("</row>")]
    texts: dict[str, str] = {}  # text -> its cell after `r="B9"` (KPI names repeat)
    date_style, quoted = sheet.date_style, sheet.quoted_style

    def text_cell(text: str) -> str:
        cell = texts.get(text)
        if cell is None:
            style = f' s="{quoted}"' if could_run_as_formula(text) else ""
            cell = f' t="inlineStr"{style}><is>{_t(text)}</is></c>'
            if len(texts) < 100_000:
                texts[text] = cell
        return cell

    body: list[str] = []
    r = 1
    for period, kpi, value, note, source in rows:
        r += 1
        line = (
            f'<row r="{r}"><c r="A{r}" s="{date_style}"><v>{period.toordinal() - EXCEL_EPOCH}'
            f'</v></c><c r="B{r}"{text_cell(kpi)}<c r="C{r}"><v>{float(value)!r}</v></c>'
        )
        if note:
            line += f'<c r="D{r}"{text_cell(note)}'
        if source:
            line += f'<c r="E{r}"{text_cell(source)}'
        body.append(line + "</row>")
        if len(body) >= _BATCH:
            yield "".join(body)
            body = []
        if limit is not None and r - 1 >= limit:
            break
    yield "".join(body) + "</sheetData>" + xml[end + len("</sheetData>") :]


def _t(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if not text.isprintable() and _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)
    if text[:1].isspace() or text[-1:].isspace():
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"

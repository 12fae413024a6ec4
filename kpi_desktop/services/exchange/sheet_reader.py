"""Reading the rows of an XLSX workbook's sheets fast, for the rebuild.

A worksheet is XML inside a zip; openpyxl builds an object per cell (about 20 s for a
million rows). The rebuild needs only each cell's value, so the sheet's XML is read a few
megabytes at a time and its rows and cells are picked out by regular expressions (C speed).
It reads what xlsxwriter writes (inline strings) and what Excel or LibreOffice save
(shared strings, formula results, booleans). Numbers come back as floats: dates too (days
since 1899-12-30), since the rebuild knows from the schema which columns hold dates.

A workbook whose XML declares a DTD or entities is refused, as the importer refuses it.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

_CHUNK = 4 * 1024 * 1024
# One pass over the XML: a row's start ("<row"), or a cell with its attributes, its value
# (<v>, after a formula's <f> if any) or its inline string (<is>).
_ROW_OR_CELL = re.compile(
    r"(<row)\b[^>]*>"
    r"|<c\b([^>]*?)(?:/>|>(?:<f\b[^>]*?(?:/>|>[^<]*</f>))?"
    r"(?:<v>([^<]*)</v>|<is>(.*?)</is>)?</c>)",
    re.S,
)
_REF = re.compile(r'\br="([A-Z]+)[0-9]*"')
_TYPE = re.compile(r'\bt="(\w+)"')
_TEXT = re.compile(r"<t\b[^>]*?(?:/>|>(.*?)</t>)", re.S)
_SHARED = re.compile(r"<si>(.*?)</si>", re.S)
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class SheetError(Exception):
    """The workbook is not a readable XLSX file; the message says why."""


def _text(xml: str) -> str:
    """The text of a string item (``<t>`` runs joined), entities resolved."""
    if xml.startswith("<t>") and xml.find("<", 3) == len(xml) - 4:  # one plain run
        text = xml[3:-4]
    else:
        text = "".join(m or "" for m in _TEXT.findall(xml))
    return html.unescape(text) if "&" in text else text


def _column(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number - 1


class XlsxSheets:
    """The sheets of a workbook by title; ``rows(title)`` yields each row's values."""

    def __init__(self, path: Path) -> None:
        from kpi_desktop.services.importing.problems import ImportFileError
        from kpi_desktop.services.importing.reading import _refuse_declarations

        try:
            _refuse_declarations(path)
        except ImportFileError as exc:
            raise SheetError(exc.reason) from exc
        try:
            self.zip = zipfile.ZipFile(path)
            self.parts = self._sheet_parts()
            self.shared = self._shared_strings()
        except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError) as exc:
            raise SheetError(
                "this is not a valid Excel workbook (.xlsx): the file is damaged"
            ) from exc

    def close(self) -> None:
        self.zip.close()

    @property
    def titles(self) -> list[str]:
        return list(self.parts)

    def _sheet_parts(self) -> dict[str, str]:
        book = ElementTree.fromstring(self.zip.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_RELS}Relationship")}
        parts = {}
        for sheet in book.iter(f"{_MAIN}sheet"):
            target = targets.get(sheet.get(_R_ID), "")
            if target.startswith("/"):
                part = target.lstrip("/")
            else:
                part = str(PurePosixPath("xl") / target)
            parts[sheet.get("name", "")] = part
        return parts

    def _shared_strings(self) -> list[str]:
        try:
            xml = self.zip.read("xl/sharedStrings.xml").decode("utf-8")
        except KeyError:
            return []
        return [_text(item) for item in _SHARED.findall(xml)]

    def _chunks(self, part: str) -> Iterator[str]:
        """The sheet's XML in pieces that each end after a whole row."""
        with self.zip.open(part) as raw:
            rest = b""
            while block := raw.read(_CHUNK):
                data = rest + block
                cut = data.rfind(b"</row>")
                if cut < 0:
                    rest = data
                    continue
                cut += len(b"</row>")
                rest = data[cut:]
                yield data[:cut].decode("utf-8")
            if rest:
                yield rest.decode("utf-8")

    def rows(self, title: str) -> Iterator[list[Any]]:
        """Each row of the sheet as a list of values (None for an empty cell)."""
        shared = self.shared
        columns: dict[str, int] = {}
        row: list[Any] | None = None
        for chunk in self._chunks(self.parts[title]):
            for is_row, attrs, raw, inline in _ROW_OR_CELL.findall(chunk):
                if is_row:
                    if row is not None:
                        yield row
                    row = []
                    continue
                if row is None:
                    continue
                if attrs.startswith(' r="'):  # as every writer puts it: first
                    letters = attrs[4 : attrs.index('"', 4)].rstrip("0123456789")
                    index = columns.get(letters)
                    if index is None:
                        index = columns[letters] = _column(letters)
                else:
                    ref = _REF.search(attrs)
                    index = _column(ref.group(1)) if ref else len(row)
                if index > len(row):
                    row.extend([None] * (index - len(row)))
                kind = _TYPE.search(attrs).group(1) if 't="' in attrs else "n"  # type: ignore[union-attr]
                row.append(_value(kind, raw, inline, shared))
        if row is not None:
            yield row


def _value(kind: str, raw: str, inline: str, shared: list[str]) -> Any:
    if kind == "n":
        return float(raw) if raw else None
    if kind == "inlineStr":
        return _text(inline)
    if not raw:
        return None
    if kind == "s":
        return shared[int(raw)]
    if kind == "b":
        return raw.strip() == "1"
    if kind == "e":
        return None
    return html.unescape(raw) if "&" in raw else raw  # "str" (a formula's text) or "d"

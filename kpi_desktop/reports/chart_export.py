"""Export one KPI chart for a meeting: PNG (2x, crisp on slides), SVG and PDF (vector).

Every format is painted by the one chart renderer (``reports.chart.ChartPainter``): the
meeting theme (white background, the KPI as title, a subtitle with the goal, the status in
its colour and word, the latest value, progress and the as-of date; the unit on the value
axis; actuals, plan, target, baseline, milestones, forecast and normal variation, with a
legend). The SVG is painted into a ``QSvgGenerator`` (pyqtgraph's own SVG exporter fails on
a date axis) and the PDF into a ``QPdfWriter``, so both keep lines and text as vectors and
text stays text (selectable, searchable).

Sizes are *logical pixels* (96 per inch, as on a normal screen): text keeps its point size
whatever the chart's size, so the size decides how large the text looks where the chart is
placed. A PNG has twice as many pixels each way (960 x 540 gives 1920 x 1080); an SVG or PDF
has the logical size as its page (a PDF page of 960 x 540 pixels is 10 x 5.625 inches).

Presets, chosen so that text reads well where the chart goes (see :data:`PRESETS`):

========== ============== ========== =====================================================
key        label          size       for
========== ============== ========== =====================================================
slide      Slide 16:9     960 x 540  a whole 16:9 slide; PNG 1920 x 1080 (full HD). Axis
                                     text is about 12 pt and the title 20 pt on the slide.
half-slide Half slide     480 x 540  one half of a 16:9 slide, beside bullet points; the
                                     legend goes under the plot so the plot keeps its width.
a4         A4 page width  680 x 480  a document's text width on A4 paper (18 x 12.7 cm, the
                                     shape of an A4 sheet); PNG 1360 x 960 (about 190 dpi).
========== ============== ========== =====================================================

Any other size from 320 x 240 to 4000 x 4000 works too (a custom size).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QFont, QFontInfo, QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from kpi_desktop import __version__
from kpi_desktop.reports.chart import paint_chart, render_chart_image, subtitle_text
from kpi_desktop.reports.output_file import ExportError, atomic_output
from kpi_desktop.services.errors import ValidationError
from kpi_desktop.services.tracking.chart_data import ChartData

#: PNG pixels per logical pixel.
PNG_SCALE = 2
#: Logical pixels per inch (the SVG's and PDF's resolution, and a normal screen's).
LOGICAL_DPI = 96
MIN_SIZE = QSize(320, 240)
MAX_SIDE = 4000

FORMATS = {".png": "PNG image", ".svg": "SVG drawing", ".pdf": "PDF document"}


@dataclass(frozen=True, slots=True)
class SizePreset:
    key: str
    label: str
    width: int
    height: int
    purpose: str


PRESETS: dict[str, SizePreset] = {
    p.key: p
    for p in (
        SizePreset("slide", "Slide 16:9", 960, 540, "a whole 16:9 slide (PNG 1920 x 1080)"),
        SizePreset("half-slide", "Half slide", 480, 540, "one half of a 16:9 slide"),
        SizePreset("a4", "A4 page width", 680, 480, "the text width of an A4 page"),
    )
}
DEFAULT_PRESET = "slide"


def chart_size(
    width: int | None = None, height: int | None = None, preset: str | None = None
) -> tuple[int, int]:
    """The logical size to export at: the preset's (default: slide), or a custom size.

    With only one of ``width``/``height`` given, the other keeps the preset's shape.
    Raises ValidationError for an unknown preset or a size out of bounds.
    """
    key = preset or DEFAULT_PRESET
    if key not in PRESETS:
        known = ", ".join(PRESETS)
        raise ValidationError("preset", f"unknown chart size '{key}'; use one of {known}")
    base = PRESETS[key]
    if width is None and height is None:
        w, h = base.width, base.height
    elif height is None:
        assert width is not None
        w, h = width, round(width * base.height / base.width)
    elif width is None:
        w, h = round(height * base.width / base.height), height
    else:
        w, h = width, height
    if not (MIN_SIZE.width() <= w <= MAX_SIDE and MIN_SIZE.height() <= h <= MAX_SIDE):
        raise ValidationError(
            "size",
            f"a chart of {w} x {h} pixels is too "
            f"{'small' if w < MIN_SIZE.width() or h < MIN_SIZE.height() else 'large'}: "
            f"use a width of {MIN_SIZE.width()} to {MAX_SIDE} and a height of "
            f"{MIN_SIZE.height()} to {MAX_SIDE}",
        )
    return int(w), int(h)


def chart_format(path: Path | str) -> str:
    """The format a file name asks for (".png", ".svg" or ".pdf"); ExportError otherwise."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        shown = f"'{path.suffix}'" if path.suffix else "no suffix"
        raise ExportError(
            path, f"cannot export a chart as {shown}: name the file .png, .svg or .pdf"
        )
    return suffix


def export_chart(
    data: ChartData,
    path: Path | str,
    width: int | None = None,
    height: int | None = None,
    preset: str | None = None,
) -> Path:
    """Write the chart to ``path`` as PNG, SVG or PDF (by the file's suffix).

    The file is written next to ``path`` under a temporary name and moved into place at the
    end, so a failed export leaves no partial file and keeps any older file. Raises
    ExportError (a bad suffix, an unwritable place) or ValidationError (a bad size).
    """
    path = Path(path)
    fmt = chart_format(path)
    w, h = chart_size(width, height, preset)
    with atomic_output(path) as partial:
        if fmt == ".png":
            _write_png(data, partial, w, h)
        elif fmt == ".svg":
            _write_svg(data, partial, w, h)
        else:
            _write_pdf(data, partial, w, h)
    return path


def chart_to_clipboard_image(data: ChartData, width: int, height: int) -> QImage:
    """The chart as an image for the clipboard: ``width`` x ``height`` logical pixels at 2x."""
    w, h = chart_size(width, height)
    return render_chart_image(data, w, h, scale=PNG_SCALE)


def _write_png(data: ChartData, path: Path, width: int, height: int) -> None:
    image = render_chart_image(data, width, height, scale=PNG_SCALE)
    # Say the true physical size (logical size at 96 dpi), so a slide or document program
    # places the 2x image at the chart's size rather than twice as large.
    dots_per_meter = round(LOGICAL_DPI * PNG_SCALE / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    if not image.save(str(path), "PNG"):
        raise ExportError(path, "the image could not be written here")


def _write_svg(data: ChartData, path: Path, width: int, height: int) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setResolution(LOGICAL_DPI)
    generator.setTitle(data.kpi_name)
    generator.setDescription(subtitle_text(data))
    _paint_on(generator, data, width, height, path)
    make_svg_portable(path)


def _write_pdf(data: ChartData, path: Path, width: int, height: int) -> None:
    writer = QPdfWriter(str(path))
    writer.setResolution(LOGICAL_DPI)
    points = QSizeF(width * 72 / LOGICAL_DPI, height * 72 / LOGICAL_DPI)
    writer.setPageSize(
        QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch)
    )
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(data.kpi_name)
    writer.setCreator(f"KPI Desktop {__version__}")
    _paint_on(writer, data, width, height, path)


def _paint_on(
    device: QSvgGenerator | QPdfWriter, data: ChartData, w: int, h: int, path: Path
) -> None:
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError(path, "the file could not be written here")
    try:
        paint_chart(painter, data, QRectF(0, 0, w, h))
    finally:
        painter.end()


# -- SVG that every renderer draws alike -------------------------------------------------------

_SVG_NS = "http://www.w3.org/2000/svg"
_MATRIX = re.compile(r"^\s*matrix\(([^)]*)\)\s*$")
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_PATH_TOKEN = re.compile(rf"[A-Za-z]|{_NUMBER}")
_ABSOLUTE = set("MLCQSTZ")  # commands whose arguments are all (x, y) pairs
_SHAPES = {f"{{{_SVG_NS}}}{tag}" for tag in ("path", "polyline", "polygon", "rect")}
Matrix = tuple[float, float, float, float, float, float]
#: Font names Qt writes for "the default sans-serif font" (empty: not resolved yet).
_GENERIC_FAMILIES = ("", "Sans Serif", "Sans", "sans-serif")


class _Unflattenable(ValueError):
    """A shape this module does not rewrite (it is left as Qt wrote it)."""


def make_svg_portable(path: Path) -> None:
    """Rewrite Qt's SVG so that renderers without ``vector-effect`` draw it right.

    Qt writes the chart's curves in data coordinates (seconds, euros) under a scaling
    ``transform`` and keeps their lines thin with ``vector-effect="non-scaling-stroke"``,
    which librsvg (GNOME, LibreOffice), older Inkscape and many slide programs ignore: there
    the lines vanish and markers drown in their outlines. Here the transform of such shapes
    is applied to their coordinates, so lines have their width in plain SVG. The generic
    font name Qt writes ("Sans Serif") becomes the font the text was measured with, followed
    by look-alikes, so text keeps its width elsewhere. Empty shapes, which strict renderers
    report as errors, are left out.
    """
    ET.register_namespace("", _SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    tree = ET.parse(path)
    family = _font_families()
    for element in tree.iter():
        if element.get("font-family", family) in _GENERIC_FAMILIES:
            element.set("font-family", family)
        for child in list(element):  # empty shapes (Qt writes d="" for an empty curve)
            geometry = child.get("d", child.get("points"))
            if geometry is not None and not geometry.strip():
                element.remove(child)
    for group in tree.iter(f"{{{_SVG_NS}}}g"):
        matrix = _matrix(group.get("transform"))
        if matrix is None or matrix[:4] == (1.0, 0.0, 0.0, 1.0):
            continue  # a translation does not change line widths
        shapes = list(group)
        if not shapes or any(shape.tag not in _SHAPES for shape in shapes):
            continue
        try:
            rewritten = [_flattened(shape, matrix) for shape in shapes]
        except _Unflattenable:
            continue
        for shape, attributes in zip(shapes, rewritten, strict=True):
            shape.attrib.clear()
            shape.attrib.update(attributes)
        del group.attrib["transform"]
    tree.write(path, encoding="UTF-8", xml_declaration=True)


def _font_families() -> str:
    family = QFontInfo(QFont()).family() or "DejaVu Sans"
    fallbacks = ["DejaVu Sans", "Verdana", "Arial", "Helvetica", "sans-serif"]
    names = [family, *(f for f in fallbacks if f != family)]
    return ", ".join(f"'{n}'" if " " in n else n for n in names)


def _matrix(text: str | None) -> Matrix | None:
    match = _MATRIX.match(text or "")
    if match is None:
        return None
    values = [float(v) for v in re.split(r"[\s,]+", match.group(1).strip())]
    if len(values) != 6:
        return None
    a, b, c, d, e, f = values
    return a, b, c, d, e, f


def _map(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _num(v: float) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _flattened(shape: ET.Element, m: Matrix) -> dict[str, str]:
    """The shape's attributes with ``m`` applied to its coordinates."""
    attributes = dict(shape.attrib)
    tag = shape.tag.rsplit("}", 1)[-1]
    if tag in ("polyline", "polygon"):
        numbers = [float(v) for v in re.findall(_NUMBER, attributes.get("points", ""))]
        if len(numbers) % 2:
            raise _Unflattenable(tag)
        pairs = [_map(m, x, y) for x, y in zip(numbers[::2], numbers[1::2], strict=True)]
        attributes["points"] = " ".join(f"{_num(x)},{_num(y)}" for x, y in pairs)
        return attributes
    if tag == "rect":
        x, y = float(attributes.get("x", 0)), float(attributes.get("y", 0))
        w, h = float(attributes.get("width", 0)), float(attributes.get("height", 0))
        if m[1] or m[2] or "rx" in attributes or "ry" in attributes:
            raise _Unflattenable(tag)
        (x0, y0), (x1, y1) = _map(m, x, y), _map(m, x + w, y + h)
        attributes.update(
            x=_num(min(x0, x1)),
            y=_num(min(y0, y1)),
            width=_num(abs(x1 - x0)),
            height=_num(abs(y1 - y0)),
        )
        return attributes
    out: list[str] = []
    numbers: list[float] = []
    for token in _PATH_TOKEN.findall(attributes.get("d", "")):
        if token.isalpha():
            if token not in _ABSOLUTE:
                raise _Unflattenable(f"path command {token}")
            out += _pairs(numbers, m)
            numbers = []
            out.append(token)
        else:
            numbers.append(float(token))
    out += _pairs(numbers, m)
    attributes["d"] = " ".join(out)
    return attributes


def _pairs(numbers: list[float], m: Matrix) -> list[str]:
    if len(numbers) % 2:
        raise _Unflattenable("odd number of path coordinates")
    return [
        "{},{}".format(*map(_num, _map(m, x, y)))
        for x, y in zip(numbers[::2], numbers[1::2], strict=True)
    ]

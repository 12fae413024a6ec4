"""File > Export chart...: a preview of the chart as it will be exported, a size (slide,
half slide, A4 width or custom), a format (PNG, SVG, PDF), and Export / Copy buttons.

The dialog is not modal-only: open it with ``.open()`` (or ``.show()``); it follows the
KPI's edits while it is open. Every chart is painted by the one renderer
(``reports.chart``), so the preview is the exported chart, scaled to fit.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.reports.chart import render_chart_image
from kpi_desktop.reports.chart_export import (
    DEFAULT_PRESET,
    FORMATS,
    MAX_SIDE,
    MIN_SIZE,
    PNG_SCALE,
    PRESETS,
    chart_to_clipboard_image,
    export_chart,
)
from kpi_desktop.services.errors import KpiDesktopError, NotFound
from kpi_desktop.services.tracking.chart_data import ChartData, chart_data
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.prompts import Prompts

CUSTOM = "custom"
PREVIEW_SIZE = QSize(560, 380)  # the preview's box on screen, in logical pixels
_FORMAT_NOTES = {
    ".png": "An image for slides, email and chat: {w} × {h} pixels (twice the size, crisp "
    "on any projector).",
    ".svg": "A drawing that stays sharp at any size, for web pages, Word and drawing programs.",
    ".pdf": "A vector PDF page for print and documents; its text can be selected.",
}


def suggested_file_name(kpi_name: str, suffix: str) -> str:
    """A file name from the KPI's name: "Monthly revenue.png" (no path characters)."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", kpi_name).strip(" .") or "chart"
    return f"{' '.join(safe.split())}{suffix}"


def _documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


class ExportChartDialog(QDialog):
    """Export one KPI's chart, with a live preview at the chosen size."""

    exported = Signal(Path)  # a chart file was written

    def __init__(
        self,
        document: Document,
        kpi_id: int,
        prompts: Prompts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.kpi_id = kpi_id
        self.prompts = prompts
        self.last_path: Path | None = None
        self._data: ChartData = chart_data(
            document.workspace, kpi_id, document.as_of, last_year=document.show_last_year
        )
        self.setWindowTitle(self.tr("Export chart: {name}").format(name=self._data.kpi_name))

        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_SIZE)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setStyleSheet("QLabel { background: #E9EBEE; border: 1px solid #C8CCD2; }")
        self.preview.setAccessibleName(self.tr("Preview of the exported chart"))

        self.size_combo = QComboBox()
        for preset in PRESETS.values():
            text = f"{preset.label} ({preset.width} × {preset.height})"
            self.size_combo.addItem(text, preset.key)
        self.size_combo.addItem(self.tr("Custom size"), CUSTOM)
        self.size_combo.setCurrentIndex(self.size_combo.findData(DEFAULT_PRESET))
        self.width_spin = self._spin(MIN_SIZE.width())
        self.height_spin = self._spin(MIN_SIZE.height())
        size_row = QHBoxLayout()
        size_row.addWidget(self.width_spin)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.height_spin)
        size_row.addWidget(QLabel(self.tr("pixels")))
        size_row.addStretch(1)

        self.format_combo = QComboBox()
        for suffix, name in FORMATS.items():
            self.format_combo.addItem(f"{name} ({suffix[1:].upper()})", suffix)
        self.format_note = QLabel()
        self.format_note.setWordWrap(True)
        # Room for two lines whatever the note says, so the preview above keeps its size.
        self.format_note.setMinimumHeight(2 * self.format_note.fontMetrics().lineSpacing() + 4)
        self.format_note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        form = QFormLayout()
        form.addRow(self.tr("Size"), self.size_combo)
        form.addRow("", size_row)
        form.addRow(self.tr("Format"), self.format_combo)
        form.addRow("", self.format_note)

        self.copy_button = QPushButton(self.tr("Copy to clipboard"))
        self.export_button = QPushButton(self.tr("Export..."))
        self.export_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self._on_copy)
        self.export_button.clicked.connect(self._on_export)

        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(150)
        self._preview_timer.timeout.connect(self.update_preview)
        self.size_combo.currentIndexChanged.connect(self._on_size_choice)
        self.width_spin.valueChanged.connect(self._on_size_typed)
        self.height_spin.valueChanged.connect(self._on_size_typed)
        self.format_combo.currentIndexChanged.connect(self._update_note)
        document.measurements_changed.connect(self._on_kpi_touched)
        document.kpi_changed.connect(self._on_kpi_touched)

        self.preview_image: QImage | None = None
        self.resize(760, 660)
        self._on_size_choice()

    def _spin(self, minimum: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(minimum, MAX_SIDE)
        spin.setSingleStep(10)
        spin.setAccelerated(True)
        return spin

    # -- state ----------------------------------------------------------------------------

    @property
    def data(self) -> ChartData:
        return self._data

    @property
    def preset(self) -> str:
        return str(self.size_combo.currentData())

    @property
    def chart_size(self) -> tuple[int, int]:
        """The size to export at, in logical pixels."""
        return self.width_spin.value(), self.height_spin.value()

    @property
    def suffix(self) -> str:
        return str(self.format_combo.currentData())

    def set_preset(self, key: str) -> None:
        self.size_combo.setCurrentIndex(self.size_combo.findData(key))

    def set_custom_size(self, width: int, height: int) -> None:
        self.set_preset(CUSTOM)
        self.width_spin.setValue(width)
        self.height_spin.setValue(height)
        self.update_preview()

    def set_format(self, suffix: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(suffix))

    # -- slots ------------------------------------------------------------------------------

    def _on_size_choice(self) -> None:
        key = self.preset
        custom = key == CUSTOM
        self.width_spin.setEnabled(custom)
        self.height_spin.setEnabled(custom)
        if not custom:
            preset = PRESETS[key]
            for spin, value in ((self.width_spin, preset.width), (self.height_spin, preset.height)):
                spin.blockSignals(True)
                spin.setValue(value)
                spin.blockSignals(False)
        self._update_note()
        self.update_preview()

    def _on_size_typed(self) -> None:
        self._update_note()
        self._preview_timer.start()

    def _update_note(self) -> None:
        w, h = self.chart_size
        self.format_note.setText(
            _FORMAT_NOTES[self.suffix].format(w=w * PNG_SCALE, h=h * PNG_SCALE)
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._preview_timer.start()  # fit the preview to its new room

    def _on_kpi_touched(self, kpi_id: int) -> None:
        if kpi_id != self.kpi_id:
            return
        try:
            self._data = chart_data(
                self.document.workspace,
                self.kpi_id,
                self.document.as_of,
                last_year=self.document.show_last_year,
            )
        except NotFound:
            self.reject()  # the KPI was deleted
            return
        self.update_preview()

    def update_preview(self) -> None:
        """Render the chart at the chosen size and show it scaled into the preview box."""
        self._preview_timer.stop()
        w, h = self.chart_size
        ratio = self.devicePixelRatioF() or 1.0
        box = self.preview.contentsRect().size()
        if box.width() < 50 or box.height() < 50:
            box = PREVIEW_SIZE
        # Render at the size shown on screen (no larger than the chart itself), so the
        # preview is sharp and quick; the layout is the exported one (same logical size).
        fit = min(box.width() / w, box.height() / h, 1.0)
        image = render_chart_image(self._data, w, h, scale=fit * ratio)
        image.setDevicePixelRatio(ratio)
        self.preview_image = image
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.preview.setToolTip(self.tr("{w} × {h}, shown at {p:.0%}").format(w=w, h=h, p=fit))

    def _on_copy(self) -> None:
        w, h = self.chart_size
        QGuiApplication.clipboard().setImage(chart_to_clipboard_image(self._data, w, h))

    def _on_export(self) -> None:
        path = self.export_to_chosen_file()
        if path is not None:
            self.accept()

    def export_to_chosen_file(self) -> Path | None:
        """Ask where (prompts.save_file) and write the chart; None when cancelled/failed."""
        suffix = self.suffix
        filters = [f"{FORMATS[suffix]} (*{suffix})"]
        filters += [f"{name} (*{s})" for s, name in FORMATS.items() if s != suffix]
        start = str(_documents_folder() / suggested_file_name(self._data.kpi_name, suffix))
        answer = self.prompts.save_file(self.tr("Export chart"), start, ";;".join(filters))
        if not answer:
            return None
        path = Path(answer)
        if not path.suffix:
            path = path.with_suffix(suffix)
        w, h = self.chart_size
        try:
            export_chart(self._data, path, w, h)
        except KpiDesktopError as exc:
            self.prompts.error(self.tr("The chart was not exported"), exc.message)
            return None
        self.last_path = path
        self.exported.emit(path)
        return path


def copy_chart_to_clipboard(
    document: Document, kpi_id: int, width: int | None = None, height: int | None = None
) -> QImage:
    """Put the KPI's chart on the clipboard as an image (slide size at 2x by default)."""
    preset = PRESETS[DEFAULT_PRESET]
    data = chart_data(document.workspace, kpi_id, document.as_of, last_year=document.show_last_year)
    image = chart_to_clipboard_image(data, width or preset.width, height or preset.height)
    QGuiApplication.clipboard().setImage(image)
    return image

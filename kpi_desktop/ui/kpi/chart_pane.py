"""ChartPane: the selected KPI's chart under a header that says where it stands.

The chart itself is drawn by ``reports.chart.draw_chart`` (the same renderer as the
exports); this pane adds the header, the range presets, the hover readout and the empty
states, and redraws when the document says the KPI or its values changed.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.domain.formatting import format_date, format_percent
from kpi_desktop.domain.periods import period_label
from kpi_desktop.domain.types import Status
from kpi_desktop.reports.chart import (
    date_to_x,
    draw_chart,
    find_item,
    make_chart_widget,
    set_actuals,
    show_dates,
    x_to_date,
)
from kpi_desktop.reports.chart_signals import draw_signals
from kpi_desktop.services.errors import KpiDesktopError, NotFound
from kpi_desktop.services.review.commentary import chart_sentences
from kpi_desktop.services.tracking.chart_data import (
    ChartData,
    SeriesWindow,
    chart_data,
    nearest_value,
    series_window,
)
from kpi_desktop.services.tracking.signals import chart_signals
from kpi_desktop.ui.appearance.scheme import chart_colours, is_dark
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.notes.chart_menu import ChartNoteMenu
from kpi_desktop.ui.theme import CHART, status_ink, status_pixmap
from kpi_desktop.ui.widgets.elided_label import ElidedLabel

#: Range presets: button text and how many months back from the latest value (None: all).
PRESETS: tuple[tuple[str, int | None], ...] = (
    (QT_TRANSLATE_NOOP("ChartPane", "6 months"), 6),
    (QT_TRANSLATE_NOOP("ChartPane", "1 year"), 12),
    (QT_TRANSLATE_NOOP("ChartPane", "All"), None),
)
_HOVER_RATE = 30  # readout updates per second at most


def months_before(d: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (clipped to the month's last day)."""
    index = d.year * 12 + d.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - dt.timedelta(days=1)).day
    return dt.date(year, month, min(d.day, last_day))


def _mute(label: QLabel) -> None:
    """Secondary text: the palette's placeholder colour (follows light and dark schemes)."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)


class ChartPane(QWidget):
    """Header (name, latest value, status, progress, as-of), chart, presets and readout."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._kpi_id: int | None = None
        self._data: ChartData | None = None
        self._x = np.empty(0, dtype=np.float64)  # the "Actual" series as drawn: x,
        self._y = np.empty(0, dtype=np.float64)  # values,
        self._dates = np.empty(0, dtype="datetime64[D]")  # and dates
        self._window: SeriesWindow | None = None  # what is read of a long series
        self._preset: int | None = None  # months of the checked preset; None: all
        # A long series is read again for what the plot shows once its range settles (a
        # burst of range changes, as in a drag, makes one read).
        self._window_timer = QTimer(self)
        self._window_timer.setSingleShot(True)
        self._window_timer.setInterval(0)
        self._window_timer.timeout.connect(self._read_shown_window)

        self._build_header()
        self._build_chart()
        self._build_empty_state()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.chart_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)

        document.measurements_changed.connect(self._on_kpi_touched)
        document.kpi_changed.connect(self._on_kpi_touched)
        document.goals_changed.connect(self._on_goals_changed)
        document.notes_changed.connect(self._on_goals_changed)
        self.notes_menu = ChartNoteMenu(self)  # right-click: add, edit or explain a note
        self.show_kpi(None)

    # -- building -------------------------------------------------------------------------

    def _build_header(self) -> None:
        self.header = QWidget()
        # The name and the goal end in "…" in a narrow pane, whole in their tooltips.
        self.name_label = ElidedLabel()
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.name_label.setFont(font)
        self.value_label = QLabel()
        value_font = QFont(self.value_label.font())
        value_font.setPointSizeF(value_font.pointSizeF() * 1.3)
        self.value_label.setFont(value_font)
        self.badge_icon = QLabel()
        self.badge_label = QLabel()
        self.progress_label = QLabel()
        self.as_of_label = QLabel()
        self.goal_label = ElidedLabel()
        for muted in (self.goal_label, self.as_of_label, self.progress_label):
            _mute(muted)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.name_label, 1)
        top.addWidget(self.value_label)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.setSpacing(6)
        bottom.addWidget(self.badge_icon)
        bottom.addWidget(self.badge_label)
        bottom.addSpacing(8)
        bottom.addWidget(self.progress_label)
        bottom.addSpacing(8)
        bottom.addWidget(self.goal_label, 1)
        bottom.addWidget(self.as_of_label)
        box = QVBoxLayout(self.header)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(top)
        box.addLayout(bottom)
        # One line under the header when the latest values show a real change (XmR rules).
        self.signal_label = QLabel()
        self.signal_label.setWordWrap(True)
        self.signal_label.setVisible(False)
        box.addWidget(self.signal_label)
        # What the numbers say, in plain sentences (services.review.commentary).
        self.commentary_label = QLabel()
        self.commentary_label.setWordWrap(True)
        self.commentary_label.setObjectName("commentary")
        self.commentary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.commentary_label)

    def _build_chart(self) -> None:
        self.chart_page = QWidget()
        self.chart_widget = make_chart_widget()
        self.chart_widget.setMinimumHeight(200)  # the legend whole, on a 640-pixel screen too
        self.preset_group = QButtonGroup(self)
        self.preset_group.setExclusive(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(4)
        self.preset_buttons: dict[str, QToolButton] = {}
        for index, (text, months) in enumerate(PRESETS):
            button = QToolButton()
            button.setText(self.tr(text))
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setChecked(months is None)
            button.setToolTip(
                self.tr("Show all values")
                if months is None
                else self.tr("Show the last %n month(s) of values", "", months)
            )
            self.preset_group.addButton(button, index)
            self.preset_buttons[text] = button
            bar.addWidget(button)
        self.last_year_button = QToolButton()
        self.last_year_button.setText(self.tr("Last year"))
        self.last_year_button.setCheckable(True)
        self.last_year_button.setAutoRaise(True)
        self.last_year_button.setToolTip(
            self.tr("Overlay the same months of last year (in exported charts too)")
        )
        self.last_year_button.toggled.connect(self.set_last_year)
        bar.addSpacing(12)
        bar.addWidget(self.last_year_button)
        bar.addStretch(1)
        self.readout = QLabel()
        self.readout.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.readout.setToolTip(self.tr("Point at the chart to read a value"))
        bar.addWidget(self.readout)
        self.preset_group.idClicked.connect(self._on_preset)

        box = QVBoxLayout(self.chart_page)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(bar)
        box.addWidget(self.chart_widget, 1)

        self.hover_marker = pg.ScatterPlotItem(
            size=11, pen=pg.mkPen(CHART["background"], width=2), brush=CHART["actual"]
        )
        self.hover_marker.setZValue(50)
        self._mouse_proxy = pg.SignalProxy(
            self.chart_widget.scene().sigMouseMoved, rateLimit=_HOVER_RATE, slot=self._on_mouse
        )
        self.plot_item.getViewBox().sigXRangeChanged.connect(self._on_x_range)

    def _build_empty_state(self) -> None:
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        _mute(self.empty_label)

    # -- public ---------------------------------------------------------------------------

    @property
    def plot_item(self) -> pg.PlotItem:
        return self.chart_widget.plot

    @property
    def kpi_id(self) -> int | None:
        return self._kpi_id

    @property
    def data(self) -> ChartData | None:
        """What the chart shows now (None with no KPI)."""
        return self._data

    def header_text(self) -> str:
        """Everything the header says, in reading order (for tests and accessibility)."""
        parts = (
            self.name_label.text(),
            self.value_label.text(),
            self.badge_label.text(),
            self.progress_label.text(),
            self.goal_label.text(),
            self.as_of_label.text(),
        )
        return " ".join(p for p in parts if p)

    def show_kpi(self, kpi_id: int | None) -> None:
        """Show the chart of ``kpi_id``, or the "select a KPI" message for None."""
        self._kpi_id = kpi_id
        self.refresh()

    def refresh(self) -> None:
        """Read the shown KPI again and redraw (keeps the chosen range preset)."""
        self._data = None
        if self._kpi_id is not None:
            try:
                self._data = chart_data(
                    self.document.workspace,
                    self._kpi_id,
                    self.document.as_of,
                    complete=False,
                    last_year=self.document.show_last_year,
                )
            except NotFound:
                self._kpi_id = None
        self._show_header()
        self._show_chart()

    def set_last_year(self, shown: bool) -> None:
        """Overlay (or not) the same months of last year, here and in chart exports."""
        self.document.show_last_year = shown
        if self.last_year_button.isChecked() != shown:
            self.last_year_button.setChecked(shown)
        self.refresh()

    def set_preset(self, months: int | None) -> None:
        """Show the last ``months`` months up to the latest value (None: everything)."""
        for index, (_text, value) in enumerate(PRESETS):
            if value == months:
                self.preset_group.button(index).setChecked(True)
        self._preset = months
        self._apply_preset()

    def hover_at(self, x: float) -> None:
        """Show the readout for the actual value nearest to x (also the mouse's job)."""
        data = self._data
        if data is None or self._x.size == 0:
            self._clear_readout()
            return
        if self._window is not None and self._window.envelope:
            # Only an envelope is drawn: look up the stored value nearest to the pointer.
            near = nearest_value(self.document.workspace, data.kpi_id, x_to_date(x))
            if near is None:
                self._clear_readout()
                return
            when, value, at = near.period, near.value, float(date_to_x(near.period))
        else:
            i = int(np.searchsorted(self._x, x))
            if i >= self._x.size or (i > 0 and x - self._x[i - 1] <= self._x[i] - x):
                i -= 1
            i = max(i, 0)
            when = dt.date.fromisoformat(str(self._dates[i]))
            value, at = float(self._y[i]), float(self._x[i])
        self.readout.setText(
            f"{period_label(when, data.frequency, fiscal=data.fiscal)}: "
            f"<b>{data.format_value(value)}</b>"
        )
        self.hover_marker.setData([at], [value])
        self.hover_marker.setVisible(True)

    # -- drawing --------------------------------------------------------------------------

    def _show_header(self) -> None:
        data = self._data
        self.header.setVisible(data is not None)
        if data is None:
            return
        self.name_label.setText(data.kpi_name)
        latest = data.latest
        self.value_label.setText(data.format_value(latest.value) if latest else "—")
        self.value_label.setToolTip(
            self.tr("Latest value, %s")
            % period_label(latest.period, data.frequency, fiscal=data.fiscal)
            if latest
            else self.tr("No value yet")
        )
        self.badge_icon.setPixmap(status_pixmap(data.status, 16))
        self.badge_icon.setAccessibleName(self.tr("Status: %s") % data.status.label)
        self.badge_label.setText(data.status.label)
        self.progress_label.setText(
            self.tr("%s of the way to target") % format_percent(data.progress)
            if data.progress is not None
            else ""
        )
        self.goal_label.setText(self.tr("Goal: %s") % data.goal_title)
        self.goal_label.setToolTip(self.tr("Goal: %s") % data.goal_title)
        self.as_of_label.setText(self.tr("as of %s") % format_date(data.as_of))
        report = chart_signals(data)
        self.signal_label.setText(
            self.tr("◯ Real change: %s") % report.explanation if report.real_change else ""
        )
        self.signal_label.setToolTip(
            self.tr(
                "Red rings mark values that break a rule of the natural process limits "
                "(outside the limits, 8 in a row on one side of the average, or 3 of 4 near "
                "a limit): a real change, not noise."
            )
        )
        self.signal_label.setVisible(report.real_change)
        self.signal_label.setStyleSheet(f"color: {status_ink(Status.OFF_TRACK).name()};")
        said = " ".join(chart_sentences(data)) if data.has_values else ""
        self.commentary_label.setText(said)
        # What a screen reader says of the chart: its KPI, and the sentences above it.
        self.chart_widget.setAccessibleName(self.tr("Chart of %s") % data.kpi_name)
        self.chart_widget.setAccessibleDescription(said)
        self.commentary_label.setVisible(bool(said))

    def _show_chart(self) -> None:
        data = self._data
        self._clear_readout()
        self._window_timer.stop()
        self._window = None if data is None else data.series
        if data is None:
            self.empty_label.setText(self.tr("Select a KPI in the tree to see its chart"))
            self.stack.setCurrentWidget(self.empty_label)
            self._keep_actuals(np.empty(0, dtype="datetime64[D]"), np.empty(0))
            return
        if not data.has_values:
            self.empty_label.setText(self.tr("No values yet: add one in the table below"))
            self.stack.setCurrentWidget(self.empty_label)
            self._keep_actuals(np.empty(0, dtype="datetime64[D]"), np.empty(0))
            return
        self.stack.setCurrentWidget(self.chart_page)
        with chart_colours(is_dark(self.palette())):  # exports stay light
            self._theme_chart()
            draw_chart(self.plot_item, data, legend=True, title=False)
            draw_signals(self.plot_item, data, chart_signals(data))
        if data.series is None:
            self._keep_actuals(data.dates, data.values)
        else:
            self._keep_actuals(data.series.dates, data.series.values)
        self.plot_item.addItem(self.hover_marker, ignoreBounds=True)
        self._apply_preset()

    def _theme_chart(self) -> None:
        """The chart's own colours (background, legend, hover marker) for the scheme."""
        self.chart_widget.setBackground(CHART["background"])
        legend = self.plot_item.legend
        if legend is not None:
            legend.setLabelTextColor(CHART["foreground"])
            background = pg.mkColor(CHART["background"])
            background.setAlpha(220)
            legend.setBrush(background)
        self.hover_marker.setPen(pg.mkPen(CHART["background"], width=2))
        self.hover_marker.setBrush(CHART["actual"])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        """Redraw in the new colours when the colour scheme (the palette) changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "stack"):
            self._show_header()
            self._show_chart()

    def _keep_actuals(self, dates: np.ndarray, values: np.ndarray) -> None:
        """Remember the drawn series (for the readout)."""
        actual = find_item(self.plot_item, "Actual") if len(values) else None
        self._x = np.asarray(actual.xData if actual is not None else [], dtype=np.float64)
        self._y = np.asarray(values, dtype=np.float64)
        self._dates = np.asarray(dates, dtype="datetime64[D]")

    def _read_shown_window(self) -> None:
        """Read again the part of a long series the plot shows (with a view's width on each
        side): the values themselves once few enough are on screen, else their envelope."""
        data, window = self._data, self._window
        if data is None or window is None or data.series is None:
            return
        first, last = data.series.start, data.series.end
        (x0, x1), _ = self.plot_item.getViewBox().viewRange()
        shown_start = max(first, min(last, x_to_date(x0)))
        shown_end = max(first, min(last, x_to_date(x1)))
        span = max((shown_end - shown_start).days, 1)
        # Read again when the plot shows more than was read, or, for an envelope, when it
        # shows a sixth of it or less (its stretches would look coarse).
        coarse = window.envelope and (window.end - window.start).days > 6 * span
        if window.covers(shown_start, shown_end) and not coarse:
            return
        margin = dt.timedelta(days=span)
        start = max(first, shown_start - margin)
        end = min(last, shown_end + margin)
        try:
            window = series_window(self.document.workspace, data.kpi_id, start, end)
        except KpiDesktopError:
            return
        self._window = window
        actual = find_item(self.plot_item, "Actual")
        if actual is None:
            return
        set_actuals(actual, window.dates, window.values, envelope=window.envelope)
        self._keep_actuals(window.dates, window.values)

    def _apply_preset(self) -> None:
        data = self._data
        if data is None or not data.has_values:
            return
        if self._preset is None or data.last_date is None:
            show_dates(self.plot_item, data)
            return
        end = data.last_date
        show_dates(self.plot_item, data, months_before(end, self._preset), end)

    def _clear_readout(self) -> None:
        self.readout.setText("")
        self.hover_marker.setVisible(False)

    # -- slots ----------------------------------------------------------------------------

    def _on_preset(self, index: int) -> None:
        self._preset = PRESETS[index][1]
        self._apply_preset()

    def _on_mouse(self, event: tuple[QPointF]) -> None:
        pos = event[0]
        vb = self.plot_item.getViewBox()
        if self._data is None or not vb.sceneBoundingRect().contains(pos):
            self._clear_readout()
            return
        self.hover_at(vb.mapSceneToView(pos).x())

    def _on_x_range(self, *_args: object) -> None:
        if self._window is not None:
            self._window_timer.start()

    def _on_kpi_touched(self, kpi_id: int) -> None:
        if kpi_id == self._kpi_id:
            self.refresh()

    def _on_goals_changed(self) -> None:
        if self._kpi_id is not None:
            self.refresh()

"""ReviewHistory: past reviews, each shown as it read on the day (a value edited later
does not change a saved review)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.i18n.catalogue import translate
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.review.flow import counts_text
from kpi_desktop.services.review.history import (
    ReviewSnapshot,
    review_history,
    review_snapshot,
)
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.review.labels import counts_glyphs, day_text, heading, mute, status_html


def snapshot_html(snap: ReviewSnapshot) -> str:
    """A saved review as rich text: title, notes, each KPI as it was, the actions decided."""
    esc = html.escape
    quiet = QApplication.palette().color(QPalette.ColorRole.PlaceholderText).name()  # light, dark
    parts = [
        f"<h2>{esc(snap.title)}</h2>",
        f"<p style='color:{quiet}'>{day_text(snap.date)} · {esc(counts_text(snap.counts()))}</p>",
    ]
    if snap.notes:
        notes = "<br>".join(esc(line) for line in snap.notes.splitlines())
        parts.append(f"<p>{notes}</p>")
    rows = [
        "<tr><th align='left'>KPI</th><th align='left'>Status</th>"
        "<th align='right'>Value</th><th align='right'>Plan</th><th align='left'>Comment</th></tr>"
    ]
    for e in snap.entries:
        rows.append(
            "<tr>"
            f"<td>{esc(e.kpi)}</td><td>{status_html(e.status)}</td>"
            f"<td align='right'>{esc(e.latest_text)}</td>"
            f"<td align='right'>{esc(e.expected_text) if e.expected is not None else ''}</td>"
            f"<td>{esc(e.comment)}</td>"
            "</tr>"
        )
    parts.append(
        "<h3>KPIs as they stood</h3>"
        f"<table cellspacing='0' cellpadding='4' width='100%'>{''.join(rows)}</table>"
    )
    if snap.actions:
        items = []
        for a in snap.actions:
            state = (
                translate("ReviewLabels", "done {0}").format(day_text(a.done_date))
                if a.done
                else translate("ReviewLabels", "open")
            )
            who = esc(a.owner) if a.owner else translate("ReviewLabels", "nobody yet")
            due = (
                translate("ReviewLabels", ", due {0}").format(day_text(a.due_date))
                if a.due_date
                else ""
            )
            about = f" · {esc(a.about)}" if a.about else ""
            mark = "☑" if a.done else "☐"
            items.append(f"<li>{mark} {esc(a.title)} ({who}{due}; {state}){about}</li>")
        parts.append(
            translate("ReviewLabels", "<h3>Actions decided</h3><ul>{0}</ul>").format("".join(items))
        )
    return "".join(parts)


class ReviewHistory(QWidget):
    """Past reviews, the latest first; the selected one shown as it was on the day."""

    review_requested = Signal()  # "Start a review…" pressed: the lead opens a ReviewDialog

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.list = QTreeWidget()
        self.list.setColumnCount(4)
        self.list.setHeaderLabels(
            [self.tr("Date"), self.tr("Review"), self.tr("KPIs"), self.tr("Actions")]
        )
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setAccessibleName(self.tr("Past reviews"))
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentItemChanged.connect(lambda cur, _old: self._show(cur))
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setAccessibleName(self.tr("The selected review"))
        self.start_button = QPushButton(self.tr("Start a review…"))
        self.start_button.clicked.connect(self.review_requested)
        self.empty_label = mute(
            QLabel(self.tr("No review yet. Start one to look at every KPI with your team."))
        )
        self.empty_label.setWordWrap(True)

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Reviews"), 1.15))
        top.addStretch(1)
        top.addWidget(self.start_button)
        left_box.addLayout(top)
        left_box.addWidget(self.list, 1)
        left_box.addWidget(self.empty_label)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([440, 660])
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(split)
        document.reviews_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_review_id()
        try:
            history = review_history(self._document.workspace)
        except KpiDesktopError:
            history = []
        self.list.clear()
        for r in history:
            row = QTreeWidgetItem(
                [day_text(r.date), r.title, counts_glyphs(r.counts), str(r.n_actions or "")]
            )
            row.setData(0, Qt.ItemDataRole.UserRole, r.review_id)
            row.setToolTip(1, r.notes)
            row.setToolTip(2, r.counts_text)
            self.list.addTopLevelItem(row)
        self.empty_label.setVisible(not history)
        self.list.setVisible(bool(history))
        if history:
            self.select(selected if selected is not None else history[0].review_id)
        else:
            self.detail.clear()

    def reviews(self) -> list[tuple[str, str, str]]:
        """(date, title, KPIs by status) of each listed review, as shown."""
        return [
            (
                self.list.topLevelItem(i).text(0),
                self.list.topLevelItem(i).text(1),
                self.list.topLevelItem(i).text(2),
            )
            for i in range(self.list.topLevelItemCount())
        ]

    def selected_review_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(0, Qt.ItemDataRole.UserRole))

    def select(self, review_id: int) -> bool:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if int(item.data(0, Qt.ItemDataRole.UserRole)) == review_id:
                self.list.setCurrentItem(item)
                self._show(item)
                return True
        return False

    def snapshot(self) -> ReviewSnapshot | None:
        review_id = self.selected_review_id()
        if review_id is None:
            return None
        return review_snapshot(self._document.workspace, review_id)

    def _show(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            self.detail.clear()
            return
        try:
            snap = review_snapshot(
                self._document.workspace, int(item.data(0, Qt.ItemDataRole.UserRole))
            )
        except KpiDesktopError as exc:
            self.detail.setPlainText(exc.message)
            return
        self.detail.setHtml(snapshot_html(snap))

"""The team workspace in the window: File > Connect to team workspace…, the servers of
Open Recent, and, while one is open, refreshing on other users' changes (TeamLink) and
telling a viewer why nothing can be edited; the status bar's "Reconnect and retry" when
the server stops answering an edit (what was typed stays; the editors send it again). A
workspace file on a network share is warned about here too, with the team workspace as
the way out."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.store.location import BadLocation, WorkspaceLocation

if TYPE_CHECKING:
    from kpi_desktop.services.team.notices import Changes
    from kpi_desktop.ui.document import Document
    from kpi_desktop.ui.main_window import MainWindow


class ConnectDialog(QDialog):
    """The server's URL and, when the server asks for one, the password (never stored)."""

    def __init__(self, parent: QWidget | None = None, url: str = "", message: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to team workspace"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "A team workspace lives on your company's PostgreSQL server, so several "
                "people can enter and read numbers at once. Ask whoever runs the server for "
                "its address, e.g. <i>postgresql://anna@office-server:5432/kpis</i>."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.url = QLineEdit(url)
        self.url.setPlaceholderText("postgresql://user@host:5432/database")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("leave empty to use PGPASSWORD or ~/.pgpass"))
        form.addRow(self.tr("Server address:"), self.url)
        form.addRow(self.tr("Password:"), self.password)
        layout.addLayout(form)
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setVisible(bool(message))
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def show_problem(self, text: str) -> None:
        """Say what went wrong, keeping what was typed, so the user can fix it and retry."""
        self.message.setText(text)
        self.message.setVisible(True)

    def location(self) -> WorkspaceLocation:
        where = WorkspaceLocation.parse(self.url.text().strip())
        if not where.is_server:
            raise BadLocation(self.tr("give a postgresql:// address"))
        return where.with_password(self.password.text() or None)


def _run_dialog(dialog: ConnectDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def connect_team_workspace(
    window: MainWindow,
    where: WorkspaceLocation | None = None,
    *,
    ask: Callable[[ConnectDialog], bool] = _run_dialog,
) -> bool:
    """Connect and open a team workspace: straight away when `where` answers (a recent
    server, PGPASSWORD, ~/.pgpass), else through the dialog, which keeps what was typed
    and says what went wrong until the server answers or the user cancels."""
    from kpi_desktop.services.team import server

    dialog: ConnectDialog | None = None
    problem = ""
    while True:
        if where is None or problem:
            if dialog is None:
                dialog = ConnectDialog(window, where.display if where else "", problem)
            else:
                dialog.show_problem(problem)
            if not ask(dialog):
                return False
            try:
                where = dialog.location()
            except BadLocation as exc:
                problem = str(exc)
                continue
        try:
            server.connect(where).dispose()  # a wrong address or password is said here
        except KpiDesktopError as exc:
            problem = exc.message
            continue
        where.remember_password()
        return window.open_workspace(where.display)


def recent_label(entry: str) -> str:
    """How Open Recent names a workspace: the file's name, or "kpis on host:port (team)"."""
    where = WorkspaceLocation.parse(entry)
    if where.is_server:
        return f"{where.name} on {where.server} (team)"
    return where.name + (where.path.suffix if where.path else "")


def open_recent(window: MainWindow, entry: str) -> bool:
    where = WorkspaceLocation.parse(entry)
    if where.is_server:
        return connect_team_workspace(window, where)
    return window.open_workspace(entry)


class ReconnectBar(QWidget):
    """Hidden until an edit finds the server gone; then says so and offers to reconnect."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._text = QLabel(self)
        self._text.setStyleSheet("color: #b3261e;")
        self.button = QPushButton(self.tr("Reconnect and retry"), self)
        self.button.setToolTip(
            self.tr("Check that the server answers, then save again what was not saved")
        )
        self.button.clicked.connect(self.reconnect)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._text, 1)
        layout.addWidget(self.button)
        document.connection_lost.connect(self.show_problem)
        self.hide()

    def show_problem(self, message: str) -> None:
        self._text.setText(message)
        self._text.setToolTip(message)
        self.show()

    def text(self) -> str:
        return self._text.text() if self.isVisible() else ""

    def reconnect(self) -> bool:
        """Ask the server (the engine's pool replaces broken connections); when it answers,
        hide, let the editors retry and refresh the window."""
        try:
            self._doc.workspace.info()
        except KpiDesktopError as exc:
            self.show_problem(exc.message)
            return False
        self.hide()
        self._doc.reconnected.emit()
        self._doc.goals_changed.emit()
        self._doc.reviews_changed.emit()
        return True


class TeamLink(QObject):
    """While a team workspace is open: other users' committed changes refresh this window
    within a second (LISTEN/NOTIFY), reading only what changed; a viewer is told why the
    window cannot edit."""

    changed = Signal(object)  # Changes, from the listener's thread to the window's

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        from kpi_desktop.services.team.notices import ChangeListener

        self.document = document
        ws = document.workspace
        self.changed.connect(self._apply)
        self.listener = ChangeListener(
            ws.location, self.changed.emit, skip_pids=ws.own_server_processes
        )
        self.badge: QLabel | None = None
        window = document.parent()
        self.reconnect_bar: ReconnectBar | None = None
        if isinstance(window, QMainWindow):
            self.reconnect_bar = ReconnectBar(document)
            window.statusBar().addWidget(self.reconnect_bar, 1)
        if ws.read_only_reason and isinstance(window, QMainWindow):
            self.badge = QLabel(
                self.tr("Read-only: you are a viewer here (ask the workspace's owner to edit)")
            )
            self.badge.setToolTip(ws.read_only_reason)
            window.statusBar().addPermanentWidget(self.badge)
            window.statusBar().showMessage(
                ws.read_only_reason[:1].upper() + ws.read_only_reason[1:]
            )

    def _apply(self, changes: Changes) -> None:
        doc = self.document
        plan_tables = {"goal", "kpi", "milestone", "plan_revision", "plan_revision_milestone"}
        if changes.everything or changes.tables & (plan_tables | {"workspace_info"}):
            doc.goals_changed.emit()
        if changes.values_of_all:
            doc.goals_changed.emit()
        for kpi_id in sorted(changes.kpi_ids):
            doc.announce_values(kpi_id)
        if changes.everything or changes.tables & {"review", "review_entry", "action"}:
            doc.reviews_changed.emit()
        if changes.everything or "annotation" in changes.tables:
            doc.notes_changed.emit()

    def close(self) -> None:
        self.listener.close()
        if self.badge is not None:
            self.badge.deleteLater()
            self.badge = None
        if self.reconnect_bar is not None:
            self.reconnect_bar.deleteLater()
            self.reconnect_bar = None


def attach(document: Document) -> TeamLink | None:
    """What a newly opened workspace needs in the window: a TeamLink for a server, a
    network-share warning for a file there."""
    ws = document.workspace
    if ws.location.is_server:
        return TeamLink(document)
    from kpi_desktop.services.team.shares import network_share_warning

    warning = network_share_warning(ws.path)
    window = document.parent()
    if warning and isinstance(window, QMainWindow):
        window.statusBar().showMessage(warning, 30_000)
        window.statusBar().setToolTip(warning)
    return None

"""What a workspace is reopened with: the tab, the selected goal or KPI, the editor panel.

Kept per workspace file in the app's settings (``AppSettings.workspace_view``), saved when
the workspace closes and restored when it opens. The pane sizes stay one setting for all
workspaces, as before. A workspace opened for the first time shows the overview, with the
editor panel shown only on a window wide enough for three panes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kpi_desktop.ui.settings import AppSettings

if TYPE_CHECKING:  # (imported with the main window: nothing heavy before the first frame)
    from kpi_desktop.ui.workspace_view import WorkspaceView

#: Below this window width a new workspace opens with the editor panel hidden (F9 shows it).
EDITOR_MIN_WINDOW_WIDTH = 1200


def restore_view(settings: AppSettings, view: WorkspaceView, window_width: int) -> None:
    """Show ``view`` as its workspace was last left (or the overview, the first time)."""
    split = settings.load_bytes("splitter")
    if split is not None:
        view.split.restoreState(split)
    state = settings.workspace_view(_path(view))
    editor = state.get("editor")
    view.set_editor_shown(
        editor == "1" if editor in ("0", "1") else window_width >= EDITOR_MIN_WINDOW_WIDTH
    )
    kind, item = state.get("kind", ""), state.get("id", "")
    if kind in ("goal", "kpi") and item.isdigit():
        view.tree.select(kind, int(item))  # gone since: nothing is selected
    tab, centre = state.get("tab", "overview"), view.centre
    pages = [centre.widget(i).objectName() for i in range(centre.count())]
    centre.setCurrentIndex(pages.index(tab) if tab and tab in pages else 0)


def save_view(settings: AppSettings, view: WorkspaceView) -> None:
    """Remember the tab, the selection and the editor panel of ``view``'s workspace."""
    settings.save_bytes("splitter", view.split.saveState())
    kind, item_id = view.tree.selected()
    values = {
        "tab": view.centre.currentWidget().objectName(),
        "editor": "1" if view.editor_shown() else "0",
    }
    if kind in ("goal", "kpi") and item_id is not None:
        values |= {"kind": kind, "id": str(item_id)}
    settings.save_workspace_view(_path(view), values)


def _path(view: WorkspaceView) -> Path:
    return Path(view.document.workspace.path)

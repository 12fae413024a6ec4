"""The demo workspace file in the user data folder (File > Open demo, the first start)."""

from __future__ import annotations

from pathlib import Path

from kpi_desktop.paths import DataFolderUnavailable, demo_workspace_path, ensure_user_data_dir


def ensure_demo_workspace() -> Path:
    """The demo workspace in the user data folder, made on first use (WorkspaceError when
    the data folder cannot be made)."""
    from kpi_desktop.services.errors import WorkspaceError
    from kpi_desktop.services.workspace.workspace import Workspace

    path = demo_workspace_path()
    if not path.exists():
        try:
            ensure_user_data_dir()
        except DataFolderUnavailable as exc:
            raise WorkspaceError(path, str(exc)) from exc
        from kpi_desktop.services.workspace.demo import DEMO_NAME, build_demo

        with Workspace.create(path, name=DEMO_NAME) as ws:
            build_demo(ws)
    return path

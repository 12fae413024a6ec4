"""Every path the app uses, in one place that tests and --data-dir can redirect."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

APP_NAME = "KPI Desktop"
APP_SLUG = "kpi-desktop"
DATA_DIR_ENV = "KPI_DESKTOP_DATA_DIR"
WORKSPACE_SUFFIX = ".kpidb"
#: The file dialogs' filter for workspaces.
WORKSPACE_FILE_FILTER = f"KPI Desktop workspaces (*{WORKSPACE_SUFFIX});;All files (*)"


def resource(*parts: str) -> Traversable:
    """A file shipped in resources/ (help pages, templates, icons)."""
    from importlib import resources  # not at start-up: it pulls in zipfile and more

    node: Traversable
    try:  # installed or editable: resources/ is the package kpi_desktop.resources
        node = resources.files("kpi_desktop.resources")
    except ModuleNotFoundError:  # a frozen build keeps the folder beside the package code
        node = Path(__file__).with_name("resources")
    for part in parts:
        node = node.joinpath(part)
    return node


class DataFolderUnavailable(OSError):
    """The app's own data folder cannot be made; says which and what is lost."""


def user_data_dir() -> Path:
    """Where the app keeps the demo workspace, backups and settings of its own (not made
    here: see :func:`ensure_user_data_dir`)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_SLUG, appauthor=False)


def ensure_user_data_dir() -> Path:
    """The data folder, made if missing; DataFolderUnavailable when it cannot be."""
    path = user_data_dir()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataFolderUnavailable(
            f"the app's data folder {path} cannot be made ({exc.strerror or exc}), so the "
            f"demo, the automatic backups and the settings cannot be kept; set {DATA_DIR_ENV} "
            "to a folder you can write to"
        ) from exc
    return path


def demo_workspace_path() -> Path:
    return user_data_dir() / "Demo - Corner Cafe.kpidb"

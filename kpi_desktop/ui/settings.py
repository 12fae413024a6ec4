"""The app's own settings (recent files, window layout), in an INI file in the user data
folder so tests and --data-dir can redirect it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from kpi_desktop.paths import user_data_dir

MAX_RECENT = 10


def _key(path: Path | str) -> str:
    """How the recent list keeps a workspace: a file's full path, a server's URL (without
    any password)."""
    from kpi_desktop.store.location import WorkspaceLocation

    where = WorkspaceLocation.parse(str(path))
    return where.remembered if where.is_server else str(Path(path).resolve())


class AppSettings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or user_data_dir() / "settings.ini"
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    # -- recent workspaces ----------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        value = self._qs.value("recent/files", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [Path(p) for p in items if p]

    def add_recent(self, path: Path) -> None:
        resolved = _key(path)
        items = [str(p) for p in self.recent_files() if str(p) != resolved]
        self._qs.setValue("recent/files", [resolved, *items][:MAX_RECENT])
        self._qs.setValue("recent/last", resolved)
        self._qs.sync()

    def remove_recent(self, path: Path) -> None:
        resolved = _key(path)
        self._qs.setValue(
            "recent/files", [str(p) for p in self.recent_files() if str(p) != resolved]
        )
        self._qs.sync()

    def last_workspace(self) -> Path | None:
        value = self._qs.value("recent/last", "")
        return Path(str(value)) if value else None

    def clear_last_workspace(self) -> None:
        self._qs.remove("recent/last")
        self._qs.sync()

    # -- language (Edit > Preferences) ---------------------------------------------------

    def language(self) -> str:
        """The language code chosen in Preferences; "" to follow the system."""
        return str(self._qs.value("ui/language", "") or "")

    def set_language(self, code: str) -> None:
        self._qs.setValue("ui/language", code)
        self._qs.sync()

    # -- window layout --------------------------------------------------------------------

    def save_bytes(self, key: str, data: QByteArray) -> None:
        self._qs.setValue(f"layout/{key}", data)

    def load_bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(f"layout/{key}")
        return value if isinstance(value, QByteArray) else None

    # -- appearance and each workspace's view ------------------------------------------------

    def colour_scheme(self) -> str:
        """ "system" (the default), "light" or "dark" (View > Colour scheme)."""
        return str(self._qs.value("appearance/scheme", "system"))

    def set_colour_scheme(self, choice: str) -> None:
        self._qs.setValue("appearance/scheme", choice)
        self._qs.sync()

    def workspace_view(self, workspace: Path) -> dict[str, str]:
        """What was shown when ``workspace`` was last closed (tab, selection, panels)."""
        self._qs.beginGroup(_workspace_key(workspace))
        try:
            return {key: str(self._qs.value(key)) for key in self._qs.childKeys()}
        finally:
            self._qs.endGroup()

    def save_workspace_view(self, workspace: Path, values: dict[str, str]) -> None:
        self._qs.beginGroup(_workspace_key(workspace))
        self._qs.remove("")  # what is not shown any more is not restored either
        for key, value in values.items():
            self._qs.setValue(key, value)
        self._qs.endGroup()
        self._qs.sync()

    def sync(self) -> None:
        self._qs.sync()


def _workspace_key(workspace: Path) -> str:
    """A settings group per workspace file: a hash of its resolved path (paths hold
    characters that INI keys do not)."""
    import hashlib

    digest = hashlib.sha1(str(Path(workspace).resolve()).encode(), usedforsecurity=False)
    return f"workspaces/{digest.hexdigest()[:16]}"

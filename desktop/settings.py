"""The app's remembered settings: author name, window layout, recent files, last view and each page's state."""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT_FILES = 10
APP_NAME = "Tutti"


def config_dir() -> Path:
    """Where settings live: $TUTTI_CONFIG_DIR if set, else the platform's per-user config folder
    (~/.config/Tutti, %APPDATA%\\Tutti, ~/Library/Application Support/Tutti)."""
    override = os.environ.get("TUTTI_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def recovery_dir() -> Path:
    """Where recovery copies live: under $TUTTI_CONFIG_DIR if set, else the platform's per-user data
    folder (~/.local/share/Tutti, %LOCALAPPDATA%\\Tutti, ~/Library/Application Support/Tutti)."""
    override = os.environ.get("TUTTI_CONFIG_DIR")
    if override:
        return Path(override) / "recovery"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "recovery"


def earlier_recovery_dir() -> Path:
    """Where Tutti 0.1 kept recovery copies (Qt's per-user config folder), to adopt any left there."""
    from PySide6.QtCore import QStandardPaths

    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)) / "recovery"


class Settings:
    """Typed access to an INI file of settings; values are plain strings, bytes and JSON, never pickles."""

    def __init__(self, directory: Path | None = None):
        self.directory = directory if directory is not None else config_dir()
        self._store = QSettings(str(self.directory / "settings.ini"), QSettings.Format.IniFormat)

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._store.sync()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _json(self, key: str, default):
        text = self._store.value(key)
        if not isinstance(text, str):
            return default
        try:
            value = json.loads(text)
        except ValueError:
            return default
        return value if isinstance(value, type(default)) else default

    def _set_json(self, key: str, value) -> None:
        self._store.setValue(key, json.dumps(value))

    # Saving

    def author(self) -> str:
        """The name each save records in the file's history: as set, else the user logged in."""
        from storage.history import default_author

        name = self._store.value("author")
        return name.strip() if isinstance(name, str) and name.strip() else default_author()

    def set_author(self, name: str) -> None:
        self._store.setValue("author", name.strip())

    # Window

    def window_geometry(self) -> QByteArray | None:
        """The main window's saved geometry, or None."""
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        """The main window's saved toolbar and dock layout, or None."""
        return self._bytes("window/state")

    def set_window_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        """Remember the main window's geometry and toolbar/dock layout."""
        self._store.setValue("window/geometry", geometry)
        self._store.setValue("window/state", state)

    def last_view(self) -> str:
        """The name of the view shown when the app was last closed ('' if none)."""
        value = self._store.value("window/last_view", "")
        return value if isinstance(value, str) else ""

    def set_last_view(self, name: str) -> None:
        """Remember the view shown now."""
        self._store.setValue("window/last_view", name)

    # Recent files

    def recent_files(self) -> list[Path]:
        """Recently used plan files, newest first, without files that no longer exist."""
        paths = [Path(p) for p in self._json("files/recent", []) if isinstance(p, str) and p]
        existing = [p for p in paths if p.is_file()]
        if len(existing) != len(paths):
            self._set_json("files/recent", [str(p) for p in existing])
        return existing

    def add_recent_file(self, path: Path) -> None:
        """Put a file first in the recent list (at most MAX_RECENT_FILES are kept)."""
        path = Path(path).absolute()
        others = [p for p in self.recent_files() if p != path]
        self._set_json("files/recent", [str(p) for p in [path, *others][:MAX_RECENT_FILES]])

    def clear_recent_files(self) -> None:
        """Forget every recent file."""
        self._set_json("files/recent", [])

    # Pages

    def page_state(self, page: str) -> dict:
        """The state a page saved last time ({} if none)."""
        return self._json(f"pages/{page}", {})

    def set_page_state(self, page: str, state: dict) -> None:
        """Remember a page's state; states that are not plain JSON are skipped."""
        try:
            self._store.setValue(f"pages/{page}", json.dumps(state))
        except (TypeError, ValueError):
            pass

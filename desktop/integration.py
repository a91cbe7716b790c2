"""Linux desktop integration for one user: a menu entry, the icon and a file type for .tutti plans.

Everything goes under XDG_DATA_HOME (~/.local/share), so it never needs root; no Qt is imported.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

APP_ID = "tutti"  # the .desktop file's name, as QGuiApplication.setDesktopFileName says
MIME_TYPE = "application/x-tutti"


def data_home() -> Path:
    """Where per-user desktop data lives ($XDG_DATA_HOME, else ~/.local/share)."""
    configured = os.environ.get("XDG_DATA_HOME", "")
    return Path(configured) if os.path.isabs(configured) else Path.home() / ".local" / "share"


# Where each file goes under XDG_DATA_HOME.
ENTRY = Path("applications", f"{APP_ID}.desktop")
ICON = Path("icons", "hicolor", "scalable", "apps", f"{APP_ID}.svg")
MIME_PACKAGE = Path("mime", "packages", f"{APP_ID}.xml")
# What update-mime-database generates from mime/packages; useless once no package is left.
MIME_DATABASE = ("XMLnamespaces", "aliases", "generic-icons", "globs", "globs2", "icons", "magic", "mime.cache")
MIME_DATABASE += ("subclasses", "treemagic", "types", "version")


def launcher() -> str:
    """The `tutti` command of this installation: the script beside this Python, else the one on PATH."""
    folder = Path(sys.executable).parent
    for name in ("tutti", "tutti.exe"):
        if (folder / name).is_file():
            return str(folder / name)
    found = shutil.which("tutti")
    if found is None:
        raise OSError("the tutti command is not installed (install Tutti with pip or pipx first)")
    return found


def _exec_argument(text: str) -> str:
    """One Exec argument quoted as the Desktop Entry Specification says (quoting, then string escapes)."""
    quoted = '"' + "".join("\\" + c if c in '"`$\\' else c for c in text) + '"'
    return quoted.replace("\\", "\\\\").replace("%", "%%")


def desktop_entry(command: str) -> str:
    """The freedesktop .desktop entry that starts Tutti on a plan file."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Tutti\n"
        "GenericName=Work Planner\n"
        "Comment=Plan cross-functional work: goals, teams, skills, initiatives and hand-offs\n"
        f"Exec={_exec_argument(command)} %f\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "Categories=Office;ProjectManagement;\n"
        f"MimeType={MIME_TYPE};\n"
    )


# A .tutti file is an SQLite database whose header holds application_id 0x54555449 ("TUTI") at offset 68.
MIME_INFO = f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>Tutti plan</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <generic-icon name="{APP_ID}"/>
    <glob pattern="*.tutti"/>
    <magic priority="60">
      <match type="string" value="SQLite format 3\\000" offset="0">
        <match type="big32" value="0x54555449" offset="68"/>
      </match>
    </magic>
  </mime-type>
</mime-info>
"""


def _refresh(home: Path) -> list[str]:
    """Rebuild the user's desktop and MIME caches with the tools that are installed; the tools run."""
    ran = []
    for tool, folder in (("update-desktop-database", "applications"), ("update-mime-database", "mime")):
        path = shutil.which(tool)
        if path is not None and (home / folder).is_dir():
            subprocess.run([path, str(home / folder)], check=False, capture_output=True, timeout=60)
            ran.append(tool)
    return ran


def install(home: Path | None = None) -> list[Path]:
    """Write the menu entry, icon and file type for this user; the files written."""
    home = data_home() if home is None else home
    contents = {
        ENTRY: desktop_entry(launcher()),
        ICON: files("resources").joinpath("icons", "tutti.svg").read_text(encoding="utf-8"),
        MIME_PACKAGE: MIME_INFO,
    }
    for relative, text in contents.items():
        (home / relative).parent.mkdir(parents=True, exist_ok=True)
        (home / relative).write_text(text, encoding="utf-8")
    _refresh(home)
    return [home / relative for relative in contents]


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what `install` wrote, and the caches and folders nothing else needs any more; the files removed."""
    home = data_home() if home is None else home
    removed = []
    for path in (home / ENTRY, home / ICON, home / MIME_PACKAGE):
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed.append(path)
    _refresh(home)
    packages = home / MIME_PACKAGE.parent
    if packages.is_dir() and not any(packages.iterdir()):
        for name in MIME_DATABASE:
            (home / "mime" / name).unlink(missing_ok=True)
        _remove_empty_folder(home / "mime" / "application")
    for relative in (ENTRY, ICON, MIME_PACKAGE):
        for folder in (home / relative).parents:
            if folder == home or not folder.is_relative_to(home):
                break
            if not _remove_empty_folder(folder):
                break
    return removed


def _remove_empty_folder(folder: Path) -> bool:
    try:
        folder.rmdir()
    except OSError:
        return False
    return True

"""`tutti desktop-install` / `desktop-uninstall` on a private XDG home: a menu entry, an icon and the .tutti type."""

from __future__ import annotations

import configparser
import sqlite3
import subprocess

import pytest

from desktop.cli import main
from storage.demo import demo_plan
from storage.project_file import save_plan


@pytest.fixture
def xdg_home(tmp_path, monkeypatch):
    """An empty XDG_DATA_HOME, and Python with its `tutti` command in a folder whose name needs quoting."""
    home = tmp_path / "data"
    home.mkdir()
    bin_folder = tmp_path / "my apps $HOME"
    bin_folder.mkdir()
    (bin_folder / "tutti").write_text("#!/bin/sh\n", encoding="utf-8")
    (bin_folder / "tutti").chmod(0o755)
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setattr("sys.executable", str(bin_folder / "python"))
    return home


def content_type(path, home) -> str:
    """What the desktop (GLib's shared-mime-info reader) says a file is."""
    result = subprocess.run(
        ["gio", "info", "-a", "standard::content-type", str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={"XDG_DATA_HOME": str(home), "XDG_DATA_DIRS": "/usr/share", "PATH": "/usr/bin:/bin"},
    )
    return result.stdout.split("standard::content-type:")[1].strip()


def test_install_adds_a_menu_entry_that_opens_plan_files_and_uninstall_leaves_nothing(xdg_home, tmp_path, capsys):
    assert main(["desktop-install"]) == 0
    assert capsys.readouterr().out.count("Wrote ") == 3

    entry = configparser.ConfigParser(interpolation=None)
    entry.read(xdg_home / "applications" / "tutti.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Name"] == "Tutti" and section["Icon"] == "tutti"
    assert section["MimeType"] == "application/x-tutti;"
    launcher = tmp_path / "my apps $HOME" / "tutti"
    # Quoted as the Desktop Entry Specification says: $ escaped inside quotes, then backslashes doubled.
    assert section["Exec"] == '"' + str(launcher).replace("$", "\\\\$") + '" %f'
    assert (xdg_home / "icons" / "hicolor" / "scalable" / "apps" / "tutti.svg").read_text().startswith("<svg")

    # A plan is recognised by its header, whatever its name; another SQLite file is not a plan.
    save_plan(demo_plan(), tmp_path / "from e-mail.bin")
    sqlite3.connect(tmp_path / "other.bin").execute("CREATE TABLE t (x)").connection.commit()
    save_plan(demo_plan(), tmp_path / "plan.tutti")
    assert content_type(tmp_path / "from e-mail.bin", xdg_home) == "application/x-tutti"
    assert content_type(tmp_path / "plan.tutti", xdg_home) == "application/x-tutti"
    assert content_type(tmp_path / "other.bin", xdg_home) == "application/vnd.sqlite3"

    assert main(["desktop-uninstall"]) == 0
    assert capsys.readouterr().out.count("Removed ") == 3
    assert list(xdg_home.iterdir()) == []
    assert content_type(tmp_path / "from e-mail.bin", xdg_home) == "application/vnd.sqlite3"


def test_uninstall_keeps_other_apps_file_types(xdg_home, capsys):
    packages = xdg_home / "mime" / "packages"
    packages.mkdir(parents=True)
    (packages / "other.xml").write_text(
        '<?xml version="1.0"?><mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">'
        '<mime-type type="application/x-other"><glob pattern="*.other"/></mime-type></mime-info>',
        encoding="utf-8",
    )
    assert main(["desktop-install"]) == 0
    assert main(["desktop-uninstall"]) == 0
    assert [p.name for p in packages.iterdir()] == ["other.xml"]
    assert (
        "x-other" in (xdg_home / "mime" / "globs2").read_text()
        and "tutti" not in (xdg_home / "mime" / "globs2").read_text()
    )
    assert not (xdg_home / "applications").exists()


def test_uninstall_with_nothing_installed_says_so(xdg_home, capsys):
    assert main(["desktop-uninstall"]) == 0
    assert capsys.readouterr().out == f"Nothing to remove in {xdg_home}\n"


def test_install_without_a_tutti_command_says_why_in_one_line(xdg_home, monkeypatch, capsys):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr("sys.executable", "/nonexistent/python")
    assert main(["desktop-install"]) == 2
    assert capsys.readouterr().err == (
        f"tutti: {xdg_home}: the tutti command is not installed (install Tutti with pip or pipx first)\n"
    )
    assert list(xdg_home.iterdir()) == []

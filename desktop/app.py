"""Starts the Tutti desktop app: `tutti` opens the demo, `tutti FILE.tutti` opens a plan file.

Qt is imported inside the functions so the command line never loads it.
"""

from __future__ import annotations

import sys
from pathlib import Path


def run_app(argv: list[str]) -> int:
    """Show the main window on the plan file named in `argv` (or the demo) and run until it closes."""
    from PySide6.QtWidgets import QApplication

    from desktop.actions import icon
    from desktop.cli import tutti_version
    from desktop.main_window import MainWindow
    from desktop.settings import Settings, config_dir, recovery_dir
    from storage.recovery import RecoveryStore

    app = QApplication.instance()
    if app is None:
        app = QApplication(["tutti", *argv])
        # QApplication removes the arguments it understands (-style, -platform...); the rest are ours.
        argv = app.arguments()[1:]
    app.setApplicationName("Tutti")
    app.setApplicationDisplayName("Tutti")
    app.setOrganizationName("Tutti")
    app.setApplicationVersion(tutti_version())
    app.setDesktopFileName("tutti")
    app.setWindowIcon(icon("tutti"))

    files = [arg for arg in argv if not arg.startswith("-")]
    window = MainWindow(Settings(config_dir()), RecoveryStore(recovery_dir()))
    window.show()
    window.start(Path(files[0]) if files else None)
    return app.exec()


def main() -> int:
    """`python -m desktop.app [FILE.tutti]`."""
    return run_app(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())

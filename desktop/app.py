"""Starts the Tutti desktop app: `tutti` opens the demo, `tutti FILE.tutti` opens a plan file.

Qt is imported inside the functions so the command line never loads it.
"""

from __future__ import annotations

import gc
import sys
from importlib.resources import files
from pathlib import Path

FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


def register_fonts() -> None:
    """Make the bundled DejaVu Sans known to Qt, so views that name it look the same on every platform."""
    from PySide6.QtGui import QFontDatabase

    for name in FONTS:
        QFontDatabase.addApplicationFontFromData(files("resources").joinpath("fonts", name).read_bytes())


def run_app(argv: list[str]) -> int:
    """Show the main window on the plan file named in `argv` (or the demo) and run until it closes."""
    # Starting makes tens of thousands of objects and almost no garbage; collecting ~80 times on the way
    # costs ~15 ms. Collection resumes after the first paint.
    gc.disable()
    try:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        from desktop.actions import icon
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
        app.setDesktopFileName("tutti")
        app.setWindowIcon(icon("tutti"))
        register_fonts()

        plan_files = [arg for arg in argv if not arg.startswith("-")]
        window = MainWindow(Settings(config_dir()), RecoveryStore(recovery_dir()))
        window.show()
        window.start(Path(plan_files[0]) if plan_files else None)
        QTimer.singleShot(0, gc.enable)
        return app.exec()
    finally:
        gc.enable()


def main() -> int:
    """`python -m desktop.app [FILE.tutti]`."""
    return run_app(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())

"""At start, offering the recovery copies left by a Tutti that did not close properly, and restoring the one chosen."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from storage.exchange import ExchangeError
from storage.files import FileError
from storage.recovery import RecoveryEntry


def offer_recovery(window: QMainWindow) -> None:
    """Ask about each copy left behind, newest first, until one is restored or the user stops."""
    if window.recovery is None:
        return
    entries = window.recovery.pending()
    if not entries:
        return
    from desktop.recovery_dialog import DISCARD, RESTORE, RecoveryDialog  # seldom needed: loaded when it is

    while entries:
        dialog = RecoveryDialog(entries, window)
        dialog.exec()
        entry = dialog.selected_entry()
        if dialog.choice == RESTORE:
            restore_recovery(window, entry)
            return
        if dialog.choice != DISCARD:
            return
        window.recovery.discard(entry)
        entries = [e for e in entries if e is not entry]


def restore_recovery(window: QMainWindow, entry: RecoveryEntry) -> bool:
    """Open a recovery copy as unsaved changes to its original file (after asking about unsaved changes)."""
    if not window.files.maybe_save():
        return False
    try:
        window.session.restore(entry)
    except (FileError, ExchangeError, OSError) as error:
        window.show_error("Cannot Restore Changes", str(error))
        return False
    window.say(f"Restored unsaved changes to {window.session.display_name()}.")
    return True

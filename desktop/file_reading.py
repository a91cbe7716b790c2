"""Reading a file the user chose on a worker thread, with a progress dialog and Cancel, so the window never freezes."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from storage.files import ReadCancelled

Progress = Callable[[int, int], bool]


class _Bridge(QObject):
    """Carries the worker's reports to the GUI thread."""

    progressed = Signal(int, int)
    finished = Signal()


def read_with_progress(parent: QWidget, label: str, read: Callable[[Progress], object]) -> object:
    """Run `read(progress)` on a worker thread and return what it returns, or raise what it raises.

    The window keeps drawing meanwhile and shows `label` with a progress bar after a moment; Cancel
    raises ReadCancelled (what was read is dropped). `read` must not touch Qt objects.
    """
    bridge = _Bridge()
    cancelled = threading.Event()
    outcome: dict = {}

    def progress(done: int, total: int) -> bool:
        bridge.progressed.emit(done, total)
        return not cancelled.is_set()

    def run() -> None:
        try:
            outcome["result"] = read(progress)
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread, which raises it there
            outcome["error"] = error
        bridge.finished.emit()

    dialog = QProgressDialog(label, "Cancel", 0, 100, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoReset(False)
    dialog.canceled.connect(cancelled.set)
    bridge.progressed.connect(lambda done, total: dialog.setValue(min(99, 100 * done // max(total, 1))))
    loop = QEventLoop()
    bridge.finished.connect(loop.quit)
    worker = threading.Thread(target=run, name="tutti-read", daemon=True)
    worker.start()
    loop.exec()
    worker.join()
    dialog.reset()
    dialog.deleteLater()
    if cancelled.is_set():
        raise ReadCancelled()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]

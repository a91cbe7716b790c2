"""Slow work (analysis, recovery copies) on a worker thread, one job at a time, results back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal


class SerialWorker(QObject):
    """Runs jobs in order on one background thread and calls each job's callback on the GUI thread.

    A job that raises reports `failed(message)` instead; the GUI never waits for a job.
    """

    failed = Signal(str)
    _finished = Signal(object, object, object)  # on_done, result, error

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._finished.connect(self._deliver)

    def submit(self, job: Callable[[], object], on_done: Callable[[object], None] | None = None) -> None:
        """Queue `job()`; `on_done(result)` runs on the GUI thread when it returns."""

        def run() -> None:
            try:
                outcome = (on_done, job(), None)
            except Exception as error:  # noqa: BLE001 - a failed background job must not take the app down
                outcome = (None, None, error)
            try:
                self._finished.emit(*outcome)
            except RuntimeError:
                pass  # the worker was deleted with its window: nobody waits for this result any more

        self._pool.start(run)

    def wait(self, milliseconds: int = -1) -> bool:
        """Block until every queued job has run (used on close); False on timeout."""
        return self._pool.waitForDone(milliseconds)

    def _deliver(self, on_done, result, error) -> None:
        if error is not None:
            self.failed.emit(str(error) or type(error).__name__)
        elif on_done is not None:
            on_done(result)

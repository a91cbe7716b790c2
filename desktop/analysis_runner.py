"""Analysis of the open plan on a worker thread, shortly after edits stop, one run at a time, newest result only."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.background import SerialWorker
from desktop.document import Document
from domain.changes import only_wording

ANALYSIS_DELAY_MS = 300


class AnalysisRunner(QObject):
    """Analyses a copy of the document's plan after every change (edits in quick succession share one run).

    Signals
    -------
    started()
        A run began.
    finished(analysis)
        The analysis of the plan as it is now; results of plans edited since are dropped.
    failed(message)
        A run raised.
    """

    started = Signal()
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, document: Document, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.analysis = None
        self._worker = SerialWorker(self)
        self._timer = QTimer(self, singleShot=True, interval=ANALYSIS_DELAY_MS)
        self._generation = 0
        self._running = False
        self._wanted = False
        self._timer.timeout.connect(self._start)
        self._worker.failed.connect(self._on_failed)
        document.changed.connect(self._on_changed)

    def _on_changed(self, change) -> None:
        if change is not None and only_wording(change):
            return  # names are looked up when shown: the analysis of the plan as it was stays true
        self._generation += 1
        self._timer.start()

    def _start(self) -> None:
        if self._running:
            self._wanted = True
            return
        from domain.analysis.engine import analyze

        plan, generation = self.document.plan.copy(), self._generation
        self._running = True
        self.started.emit()
        self._worker.submit(lambda: analyze(plan), lambda result: self._on_done(generation, result))

    def _on_done(self, generation: int, analysis) -> None:
        self._running = False
        if generation == self._generation:
            self.analysis = analysis
            self.finished.emit(analysis)
        if self._wanted or generation != self._generation:
            self._wanted = False
            self._start()

    def _on_failed(self, message: str) -> None:
        self._running = False
        self.failed.emit(message)

    def busy(self) -> bool:
        """True while a run is due or under way."""
        return self._timer.isActive() or self._running

    def stop(self) -> None:
        """Start no further runs (the window is closing)."""
        self._timer.stop()

    def wait(self, milliseconds: int = -1) -> bool:
        """Block until the running analysis is done (tests and shutdown); False on timeout."""
        return self._worker.wait(milliseconds)

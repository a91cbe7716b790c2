"""The dependency graph's layout, kept while the dependencies stay the same and made off the GUI thread when big."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, Signal

from views.qt.dependency_network import Links, graph_of

BACKGROUND_LAYOUT_NODES = 500  # smaller graphs are laid out in a few milliseconds, in place


class DependencyLayout(QObject):
    """The positions of the last dependency links asked for.

    The layout depends only on which initiatives wait for which, so renames and new analyses keep it.

    Signals
    -------
    ready()
        A layout made in the background is at hand.
    """

    ready = Signal()
    _laid_out = Signal(int, object, object)  # job, links, (graph, positions)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.links: Links | None = None
        self.graph = None
        self.positions: dict = {}
        self._wanted: Links | None = None  # the links being laid out in the background
        self._job = 0
        self._laid_out.connect(self._on_laid_out)

    def at_hand(self, links: Links, wait: bool = False) -> bool:
        """True when the layout of `links` is ready; else it is started in the background (unless `wait`
        or the graph is small, when it is made at once) and `ready` follows."""
        if links == self.links:
            return True
        from domain.analysis.layout import layered_layout  # loads networkx: not before the window shows

        if wait or len(links[0]) <= BACKGROUND_LAYOUT_NODES:
            graph = graph_of(links)
            self.links, self.graph, self.positions = links, graph, layered_layout(graph)
            return True
        if links == self._wanted:
            return False  # already on its way
        self._wanted = links
        self._job += 1
        job = self._job

        def run() -> None:
            graph = graph_of(links)
            positions = layered_layout(graph)
            try:
                self._laid_out.emit(job, links, (graph, positions))
            except RuntimeError:
                pass  # the page was closed meanwhile

        QThreadPool.globalInstance().start(run)
        return False

    def _on_laid_out(self, job: int, links: Links, laid_out: tuple) -> None:
        if job != self._job or links == self.links:
            return  # a newer layout was asked for, or this one was made meanwhile
        self.links = links
        self.graph, self.positions = laid_out
        self.ready.emit()

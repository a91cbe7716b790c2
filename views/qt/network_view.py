"""The Network page: an interactive picture of teams and hand-offs, or of initiatives and dependencies."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPalette, QShortcut, QTransform
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFrame,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.analysis.results import Analysis
from domain.entities import STATUSES
from views.qt.network_scene import (
    LABEL_MIN_SCALE,
    NetworkScene,
    build_initiative_scene,
    build_team_scene,
    dependency_graph,
    dependency_links,
    graph_of,
    paint_legend,
)

TEAMS, INITIATIVES = "teams", "initiatives"
MIN_SCALE, MAX_SCALE, FIT_MAX_SCALE = 0.02, 4.0, 1.2
READABLE_SCALE = 0.8  # names (9 pt) are easy to read from here up
READABLE_FIT_NODES = 300  # up to this many nodes the first view keeps names readable; beyond, it shows all
ZOOM_STEP = 1.25
CLICK_SLOP = 4
EXPORT_MAX_SIDE = 6000
EVERYTHING, LEADS_TO, FOLLOWS = "everything", "ancestors", "descendants"
BACKGROUND_LAYOUT_NODES = 500  # smaller graphs are laid out in a few milliseconds, in place


@dataclass(frozen=True)
class SavedView:
    """Where the user was in one graph: zoom, centre, whether all of it was in sight, the selection."""

    transform: QTransform
    centre: QPointF
    whole: bool
    selected: str | None


class NetworkCanvas(QGraphicsView):
    """The graph canvas: wheel, pinch and +/-/0 zoom, drag to pan, click and double-click on nodes, Enter."""

    clicked = Signal(object)  # node id, or None on empty space
    activated = Signal(object)  # a double-clicked node id, or None for Enter (the selected node)
    zoomed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setDragMode(QGraphicsView.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.DontSavePainterState)
        self.setBackgroundBrush(self.palette().base())
        # `pad` always lets the picture scroll, so the bars are always there; shown from the start, they
        # do not shrink the viewport just after a fit was computed for it.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOn)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOn)
        self.viewport().grabGesture(Qt.PinchGesture)
        self._pressed: QPoint | None = None
        self.reserved = QSize(0, 0)

    def changeEvent(self, event) -> None:
        """Qt override: follow the palette between light and dark."""
        if event.type() == QEvent.PaletteChange:
            self.setBackgroundBrush(self.palette().base())
        super().changeEvent(event)

    def node_at(self, position: QPoint) -> str | None:
        """The id of the node under a viewport position."""
        for item in self.items(position):
            while item is not None:
                if isinstance(item.data(0), str):
                    return item.data(0)
                item = item.parentItem()
        return None

    def scale_factor(self) -> float:
        return self.transform().m11()

    def pad(self) -> None:
        """Let the view scroll half a window past the picture's edges, so any node can be centred."""
        if self.scene() is None or self.scale_factor() <= 0:
            return
        dx = self.viewport().width() / 2 / self.scale_factor()
        dy = self.viewport().height() / 2 / self.scale_factor()
        self.setSceneRect(self.scene().itemsBoundingRect().adjusted(-dx, -dy, dx, dy))

    def resizeEvent(self, event) -> None:
        """Qt override."""
        super().resizeEvent(event)
        self.pad()

    def zoom(self, factor: float) -> None:
        """Zoom by a factor, within sensible limits."""
        target = min(max(self.scale_factor() * factor, MIN_SCALE), MAX_SCALE)
        if self.scale_factor() > 0:
            factor = target / self.scale_factor()
            self.scale(factor, factor)
            self.pad()
            self.zoomed.emit()

    def set_zoom(self, scale: float) -> None:
        self.zoom(scale / self.scale_factor())

    def fit(self) -> None:
        """Show the whole picture, never enlarged past a readable size."""
        if self.scene() is None:
            return
        rect = self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20)
        self.fitInView(rect, Qt.KeepAspectRatio)
        top = rect.top()
        for _ in range(3 if self.reserved.height() > 0 else 0):
            # Make room above the picture for the legend in the corner; the scale shrinks as it does.
            rect.setTop(top - self.reserved.height() / self.scale_factor())
            self.fitInView(rect, Qt.KeepAspectRatio)
        self.pad()
        self.centerOn(rect.center())
        if self.scale_factor() > FIT_MAX_SCALE:
            self.set_zoom(FIT_MAX_SCALE)
            self.centerOn(rect.center())
        self.zoomed.emit()

    def fit_readable(self) -> None:
        """Fit the picture, but if its names would be too small to read, zoom until they are readable and
        show its left part (where the plan starts): a small plan is read by scrolling, not squinting."""
        self.fit()
        if self.scale_factor() >= READABLE_SCALE:
            return
        self.set_zoom(READABLE_SCALE)
        rect = self.scene().itemsBoundingRect()
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        # The picture starts right of the legend, so the first initiatives are not hidden behind it.
        left = rect.left() - (20 + self.reserved.width()) / self.scale_factor()
        self.centerOn(left + visible.width() / 2, rect.center().y())

    def wheelEvent(self, event) -> None:
        """Qt override: the wheel zooms around the pointer."""
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(ZOOM_STEP**steps)
        event.accept()

    def keyPressEvent(self, event) -> None:
        """Qt override: + and - zoom, 0 fits the picture to the window."""
        key = event.key()
        if key in (Qt.Key_Plus, Qt.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key == Qt.Key_Minus:
            self.zoom(1 / ZOOM_STEP)
        elif key == Qt.Key_0:
            self.fit()
        elif key in (Qt.Key_Return, Qt.Key_Enter):
            self.activated.emit(None)
        else:
            super().keyPressEvent(event)

    def viewportEvent(self, event) -> bool:
        """Qt override: pinch on touch screens and trackpads zooms."""
        if event.type() == QEvent.Gesture:
            pinch = event.gesture(Qt.PinchGesture)
            if pinch is not None:
                self.zoom(pinch.scaleFactor())
                event.accept()
                return True
        if event.type() == QEvent.NativeGesture and event.gestureType() == Qt.ZoomNativeGesture:
            self.zoom(1 + event.value())
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event) -> None:
        """Qt override: remember where a press began, to tell a click from a drag."""
        self._pressed = event.position().toPoint() if event.button() == Qt.LeftButton else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        """Qt override."""
        super().mouseReleaseEvent(event)
        position = event.position().toPoint()
        if self._pressed is not None and (position - self._pressed).manhattanLength() <= CLICK_SLOP:
            self.clicked.emit(self.node_at(position))
        self._pressed = None

    def mouseDoubleClickEvent(self, event) -> None:
        """Qt override."""
        key = self.node_at(event.position().toPoint())
        if key is not None and event.button() == Qt.LeftButton:
            self.activated.emit(key)
        else:
            super().mouseDoubleClickEvent(event)


class LegendOverlay(QWidget):
    """The legend, pinned to the canvas corner whatever the zoom."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.entries = []
        self.wanted = True

    def set_entries(self, entries: list) -> None:
        self.entries = entries
        image = QImage(1, 1, QImage.Format_ARGB32)
        painter = QPainter(image)
        box = paint_legend(painter, entries, QPointF(0, 0))
        painter.end()
        self.resize(QSize(int(box.width()) + 2, int(box.height()) + 2))
        self.move(self.parentWidget().viewport().geometry().topLeft() + QPoint(8, 8))
        self.setVisible(self.wanted and bool(entries))
        self.parentWidget().reserved = (
            self.size() + QSize(8, 8) if self.isVisibleTo(self.parentWidget()) else QSize(0, 0)
        )
        self.update()

    def paintEvent(self, event) -> None:
        """Qt override."""
        painter = QPainter(self)
        paint_legend(painter, self.entries, QPointF(0, 0))
        painter.end()


class NetworkPage(QWidget):
    """Teams and their hand-offs, or initiatives and their dependencies, as a graph to explore."""

    title = "Network"
    navigate = Signal(str, object)
    selection_changed = Signal()
    _laid_out = Signal(int, object, object)  # job, dependency links, (graph, positions)

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.analysis: Analysis | None = None
        self.mode = TEAMS
        self.scene: NetworkScene | None = None
        self._scenes: dict[str, NetworkScene] = {}
        self._views: dict[str, SavedView] = {}
        self._stale = {TEAMS, INITIATIVES}
        self._layout: tuple = (None, None, {})  # dependency links, their graph, its positions
        self._layout_wanted: tuple | None = None  # the links being laid out in the background
        self._layout_job = 0
        self._shown: set | None = None
        self._pending_zoom: float | None = None
        self._rebuild = QTimer(self, singleShot=True, interval=0)
        self._rebuild.timeout.connect(self._refresh)
        self._laid_out.connect(self._on_laid_out)

        self.canvas = NetworkCanvas(self)
        self.busy = QLabel(self.canvas, textFormat=Qt.PlainText, margin=12, frameShape=QFrame.Box)
        self.busy.setAutoFillBackground(True)
        self.busy.setBackgroundRole(QPalette.ToolTipBase)
        self.busy.setForegroundRole(QPalette.ToolTipText)
        self.busy.hide()
        self._blank = QGraphicsScene(self)  # shown while a picture is being laid out
        # A child of the view, not of its viewport: scrolling moves the viewport's children.
        self.legend = LegendOverlay(self.canvas)
        self.search = QLineEdit(placeholderText="Find a node by name (Enter: next)", clearButtonEnabled=True)
        self.team_filter, self.goal_filter, self.status_filter, self.reach = (QComboBox() for _ in range(4))
        self.reach.addItem("Show everything", EVERYTHING)
        self.reach.addItem("Only what leads to the selection", LEADS_TO)
        self.reach.addItem("Only what the selection leads to", FOLLOWS)
        self.status_filter.addItem("All statuses", None)
        for status in STATUSES:
            self.status_filter.addItem(status, status)
        self.heading = QLabel(textFormat=Qt.PlainText, wordWrap=True)
        self.details = QTreeWidget()
        self.details.header().setStretchLastSection(False)
        self.details.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.details.header().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.details.header().setSectionResizeMode(2, QHeaderView.ResizeToContents)

        self._build_layout()
        self._refill_filters()
        self.document.changed.connect(self._plan_changed)
        self.canvas.clicked.connect(self._clicked)
        self.canvas.activated.connect(self._open_in_editor)
        self.canvas.zoomed.connect(self._zoomed)
        self.search.textEdited.connect(lambda: self._find(next_match=False))
        self.search.returnPressed.connect(lambda: self._find(next_match=True))
        for combo in (self.team_filter, self.goal_filter, self.status_filter, self.reach):
            combo.activated.connect(self._filters_changed)
        self.details.itemClicked.connect(self._detail_clicked)
        self.details.itemActivated.connect(lambda item: self._open_in_editor(item.data(0, Qt.UserRole)))

    def _build_layout(self) -> None:
        teams, initiatives = QToolButton(text="Teams", checkable=True), QToolButton(text="Initiatives", checkable=True)
        teams.setChecked(True)
        self.modes = QButtonGroup(self)
        self.modes.addButton(teams)
        self.modes.addButton(initiatives)
        teams.clicked.connect(self.show_teams)
        initiatives.clicked.connect(self.show_initiatives)
        self._mode_buttons = {TEAMS: teams, INITIATIVES: initiatives}

        bar = QHBoxLayout()
        bar.addWidget(teams)
        bar.addWidget(initiatives)
        bar.addWidget(self.search, 1)
        self.filters = QWidget()
        filters = QHBoxLayout(self.filters)
        filters.setContentsMargins(0, 0, 0, 0)
        for combo in (self.team_filter, self.goal_filter, self.status_filter, self.reach):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            filters.addWidget(combo)
        bar.addWidget(self.filters)
        for text, tip, action in (
            ("−", "Zoom out (-)", lambda: self.canvas.zoom(1 / ZOOM_STEP)),
            ("+", "Zoom in (+)", lambda: self.canvas.zoom(ZOOM_STEP)),
            ("Fit", "Fit to window (0)", self.canvas.fit),
        ):
            button = QToolButton(text=text, toolTip=tip)
            button.clicked.connect(action)
            bar.addWidget(button)
        legend = QToolButton(text="Legend", checkable=True, checked=True, toolTip="Show or hide the legend")
        legend.toggled.connect(self._show_legend)
        bar.addWidget(legend)
        export = QToolButton(text="Export", popupMode=QToolButton.InstantPopup)
        menu = QMenu(export)
        menu.addAction("Picture (PNG)…", lambda: self._export_dialog("png"))
        menu.addAction("Drawing (SVG)…", lambda: self._export_dialog("svg"))
        export.setMenu(menu)
        bar.addWidget(export)
        QShortcut(QKeySequence.Find, self, self.focus_filter)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.heading)
        side_layout.addWidget(self.details, 1)
        split = QSplitter()
        split.addWidget(self.canvas)
        split.addWidget(side)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([960, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.filters.setVisible(False)

    def _show_legend(self, shown: bool) -> None:
        self.legend.wanted = shown
        self.legend.set_entries(self.legend.entries)

    # The page contract

    def focus_filter(self) -> None:
        """Put the cursor in the search box."""
        self.search.setFocus(Qt.ShortcutFocusReason)
        self.search.selectAll()

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Redraw with a fresh analysis (silos, communities, critical path, cycles)."""
        self.analysis = analysis
        self._stale = {TEAMS, INITIATIVES}
        self._schedule()
        if not self.isVisible():
            # Laid out before it is asked for (after the analysis, not competing with it): opening the
            # dependency graph then only draws it.
            self._lay_out(self._dependency_links(), wait=False, note=False)

    def select(self, table: str, key) -> bool:
        """Select and centre a team or initiative node; False when it is not in this picture."""
        if table != self.mode:
            return False
        self._ensure_scene()
        if key not in self.scene.nodes:
            return False
        self._set_selection(key)
        self.canvas.centerOn(self.scene.nodes[key])
        return True

    def has_selection(self) -> bool:
        return self.scene is not None and self.scene.selected is not None

    def selected(self) -> str | None:
        """The id of the selected node, if any."""
        return self.scene.selected if self.scene else None

    def add_item(self) -> None:
        """Nothing to add here: the network is drawn from the other pages' data."""

    def duplicate_selected(self) -> None:
        """Nothing to duplicate here."""

    def delete_selected(self) -> None:
        """Nothing to delete here."""

    def state(self) -> dict:
        """Which graph is shown and how far it is zoomed."""
        return {"graph": self.mode, "zoom": round(self.canvas.scale_factor(), 4)}

    def restore_state(self, state: dict) -> None:
        """Show the graph and zoom saved by `state`; anything unreadable is ignored."""
        if not isinstance(state, dict):
            return
        if state.get("graph") in (TEAMS, INITIATIVES):
            self._set_mode(state["graph"])
        zoom = state.get("zoom")
        if isinstance(zoom, (int, float)) and MIN_SCALE <= zoom <= MAX_SCALE:
            self._pending_zoom = float(zoom)
        self._schedule()

    def show_teams(self) -> None:
        """Show the team network (at once when it is already drawn)."""
        self._show_mode(TEAMS)

    def show_initiatives(self) -> None:
        """Show the dependency graph (at once when it is already drawn and laid out)."""
        self._show_mode(INITIATIVES)

    # Export

    def export_png(self, path: str) -> bool:
        """Save the whole current picture, with its legend, as a PNG image."""
        self._ensure_scene()
        rect, scale = self._export_area()
        image = QImage(
            QSize(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale))), QImage.Format_RGB32
        )
        image.fill(self.canvas.backgroundBrush().color())
        painter = QPainter(image)
        self._paint_export(painter, rect, QRectF(image.rect()))
        painter.end()
        return image.save(path, "PNG")

    def export_svg(self, path: str) -> bool:
        """Save the whole current picture, with its legend, as an SVG drawing (text stays text)."""
        from PySide6.QtSvg import QSvgGenerator

        self._ensure_scene()
        rect, _ = self._export_area()
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setSize(rect.size().toSize())
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle("Tutti network")
        painter = QPainter()
        if not painter.begin(generator):
            return False
        self._paint_export(painter, rect, QRectF(0, 0, rect.width(), rect.height()))
        return painter.end()

    def _export_area(self) -> tuple[QRectF, float]:
        rect = self.scene.itemsBoundingRect().adjusted(-30, -30, 30, 30)
        return rect, min(1.0, EXPORT_MAX_SIDE / max(rect.width(), rect.height(), 1.0))

    def _paint_export(self, painter: QPainter, source: QRectF, target: QRectF) -> None:
        painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        shown = self.scene.details
        self.scene.show_details(True)
        self.scene.render(painter, target, source, Qt.KeepAspectRatio)
        self.scene.show_details(shown)
        paint_legend(painter, self.scene.legend, QPointF(8, 8))

    def _export_dialog(self, kind: str) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export the network",
            f"network.{kind}",
            "PNG image (*.png)" if kind == "png" else "SVG drawing (*.svg)",
        )
        if path:
            (self.export_png if kind == "png" else self.export_svg)(path)

    # Drawing
    #
    # Each graph keeps its own picture, view and selection: switching back shows it at once. A
    # change to the plan or its analysis makes both stale; the shown one is redrawn, the other when
    # it is next shown. The dependency layout depends only on which initiatives wait for which, so it
    # is kept across renames and new analyses, and a big one is computed off the GUI thread.

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        self._mode_buttons[mode].setChecked(True)
        self.filters.setVisible(mode == INITIATIVES)
        self.search.setPlaceholderText(f"Find {'a team' if mode == TEAMS else 'an initiative'} by name")

    def _show_mode(self, mode: str) -> None:
        self._set_mode(mode)
        cached = self._scenes.get(mode)
        if cached is not None and mode not in self._stale:
            self._put(cached)
        else:
            self._refresh()

    def _schedule(self) -> None:
        if self.isVisible():
            self._rebuild.start()

    def _ensure_scene(self) -> None:
        if self.mode in self._stale or self.scene is None or self.scene.table != self.mode:
            self._refresh(wait=True)

    def changeEvent(self, event) -> None:
        """Qt override: the team graph's lines take the palette's text colour, so redraw it in a new palette."""
        if event.type() == QEvent.PaletteChange:
            self._stale.add(TEAMS)
            self._schedule()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        """Qt override: draw what changed while the page was hidden."""
        super().showEvent(event)
        if self.mode in self._stale or self.scene is None:
            self._rebuild.start()

    def _plan_changed(self, change) -> None:
        self._refill_filters()
        if change is None:  # another plan: every picture starts fitted to the window
            self._views.clear()
        self._stale = {TEAMS, INITIATIVES}
        self._schedule()

    def _refresh(self, wait: bool = False) -> None:
        """Redraw the current graph for the plan, analysis and filters; a big dependency graph is laid
        out in the background first (unless `wait`), with a busy pointer and a note on the canvas."""
        self._rebuild.stop()
        plan = self.document.plan
        if self.mode == TEAMS:
            self._put(build_team_scene(plan, self.analysis))
            # Lay the dependency graph out meanwhile, so that it shows at once when asked for.
            self._lay_out(self._dependency_links(), wait=False, note=False)
            return
        if self._lay_out(self._dependency_links(), wait, note=True):
            self._put(build_initiative_scene(plan, self.analysis, self._shown, self._layout[1:]))

    def _dependency_links(self):
        """The dependency graph's links as the filters show it now (and the initiatives they keep in `_shown`)."""
        if self.scene is not None and self.scene.table == INITIATIVES:
            selected = self.scene.selected
        else:
            selected = self._views[INITIATIVES].selected if INITIATIVES in self._views else None
        self._shown = self._shown_initiatives(selected)
        return dependency_links(self.document.plan, self._shown)

    def _lay_out(self, links, wait: bool, note: bool) -> bool:
        """True when the layout of these links is at hand in `_layout`; else it is being made in the background."""
        if links == self._layout[0]:
            return True
        from domain.analysis.layout import layered_layout  # loads networkx: not before the window shows

        if wait or len(links[0]) <= BACKGROUND_LAYOUT_NODES:
            graph = graph_of(links)
            self._layout = (links, graph, layered_layout(graph))
            return True
        if note:
            self._remember_view()
            self.scene = None
            self.canvas.setScene(self._blank)
            self.legend.set_entries([])
            self._fill_details(None)
            self._set_busy(f"Laying out {len(links[0]):,} initiatives…")
        if links == self._layout_wanted:
            return False  # already on its way
        self._layout_wanted = links
        self._layout_job += 1
        job = self._layout_job

        def run() -> None:
            graph = graph_of(links)
            positions = layered_layout(graph)
            try:
                self._laid_out.emit(job, links, (graph, positions))
            except RuntimeError:
                pass  # the page was closed meanwhile

        QThreadPool.globalInstance().start(run)
        return False

    def _on_laid_out(self, job: int, links, laid_out: tuple) -> None:
        if job != self._layout_job or links == self._layout[0]:
            return  # a newer layout was asked for, or this one was made meanwhile
        self._layout = (links, *laid_out)
        if self.mode == INITIATIVES:
            self._refresh()

    def _set_busy(self, note: str | None) -> None:
        """Show a note and a busy pointer on the canvas while a layout is made (None: done)."""
        if note is None:
            self.busy.hide()
            self.canvas.viewport().unsetCursor()
            return
        self.busy.setText(note)
        self.busy.adjustSize()
        self.busy.move((self.canvas.width() - self.busy.width()) // 2, (self.canvas.height() - self.busy.height()) // 2)
        self.busy.show()
        self.busy.raise_()
        self.canvas.viewport().setCursor(Qt.BusyCursor)

    def is_busy(self) -> bool:
        """True while a dependency graph is being laid out in the background."""
        return self.busy.isVisible()

    def _put(self, scene: NetworkScene) -> None:
        """Show a picture; its graph's last view and selection come back, or a new one is fitted."""
        self._set_busy(None)
        self._remember_view()
        saved = self._views.get(scene.table)
        self.scene = self._scenes[scene.table] = scene
        self._stale.discard(scene.table)
        self.canvas.setScene(scene)
        self.canvas.pad()
        self.legend.set_entries(scene.legend)
        if saved is not None and not saved.whole:
            self.canvas.setTransform(saved.transform)
            self.canvas.pad()
            self.canvas.centerOn(saved.centre)
        elif saved is None and self._pending_zoom is not None:
            self.canvas.set_zoom(self._pending_zoom)
        elif scene.table == INITIATIVES and len(scene.nodes) <= READABLE_FIT_NODES:
            self.canvas.fit_readable()
        else:
            self.canvas.fit()
        self._pending_zoom = None
        self._zoomed()
        selected = saved.selected if saved is not None else scene.selected
        self._set_selection(selected if selected in scene.nodes else None)

    def _remember_view(self) -> None:
        if self.scene is None or self.canvas.scene() is not self.scene:
            return
        visible = self.canvas.mapToScene(self.canvas.viewport().rect()).boundingRect()
        self._views[self.scene.table] = SavedView(
            self.canvas.transform(),
            visible.center(),
            # Who was looking at the whole picture keeps seeing all of it; who zoomed in keeps the spot.
            visible.contains(self.scene.itemsBoundingRect()),
            self.scene.selected,
        )

    def _zoomed(self) -> None:
        if self.scene is not None:
            self.scene.show_details(self.canvas.scale_factor() >= LABEL_MIN_SCALE)

    # Filters and search

    def _refill_filters(self) -> None:
        plan = self.document.plan
        for combo, everything, entities in (
            (self.team_filter, "All teams", plan.teams),
            (self.goal_filter, "All goals", plan.goals),
        ):
            current = combo.currentData()
            combo.clear()
            combo.addItem(everything, None)
            for key, entity in entities.items():
                combo.addItem(entity.name, key)
            combo.setCurrentIndex(max(combo.findData(current), 0))

    def _shown_initiatives(self, selected: str | None) -> set | None:
        plan = self.document.plan
        team, goal, status = (c.currentData() for c in (self.team_filter, self.goal_filter, self.status_filter))
        reach = self.reach.currentData()
        if team is None and goal is None and status is None and reach == EVERYTHING:
            return None
        shown = {
            key
            for key, initiative in plan.initiatives.items()
            if (team is None or initiative.owner == team or any(r.team == team for r in initiative.raci))
            and (goal is None or goal in initiative.goals)
            and (status is None or initiative.status == status)
        }
        if reach != EVERYTHING and selected in plan.initiatives:
            from networkx import ancestors, descendants

            graph = dependency_graph(plan)
            related = (ancestors if reach == LEADS_TO else descendants)(graph, selected)
            shown &= related | {selected}
        return shown

    def _filters_changed(self) -> None:
        self._remember_view()
        saved = self._views.get(INITIATIVES)
        if saved is not None:
            self._views[INITIATIVES] = replace(saved, whole=True)  # the new picture is fitted to the window
        self._stale.add(INITIATIVES)
        self._refresh()

    def _find(self, next_match: bool) -> None:
        text = self.search.text().strip().casefold()
        self._ensure_scene()
        if not text:
            return
        matches = [key for key, name in self.scene.names.items() if text in name.casefold()]
        if not matches:
            return
        current = self.scene.selected
        index = (matches.index(current) + 1) % len(matches) if next_match and current in matches else 0
        self.canvas.centerOn(self.scene.nodes[matches[index]])
        self._set_selection(matches[index])

    # Selection

    def _clicked(self, key) -> None:
        if self.scene is not None:
            self._set_selection(key)

    def _open_in_editor(self, key: str | None) -> None:
        """Double-click or Enter: show the node (or the selected one) on its own page, to edit it."""
        key = key if key is not None else self.selected()
        if self.scene is not None and key in self.scene.nodes:
            self._set_selection(key)
            self.navigate.emit(self.mode, key)

    def _set_selection(self, key: str | None) -> None:
        before = self.scene.selected
        self.scene.set_selected(key)
        self._fill_details(key)
        if before != key:
            self.selection_changed.emit()
        if key is not None and self.reach.currentData() != EVERYTHING and before != key and self.mode == INITIATIVES:
            self._stale.add(INITIATIVES)
            self._schedule()

    def _detail_clicked(self, item: QTreeWidgetItem) -> None:
        key = item.data(0, Qt.UserRole)
        if self.scene is not None and key in self.scene.nodes:
            self.canvas.centerOn(self.scene.nodes[key])
            self._set_selection(key)

    def _fill_details(self, key: str | None) -> None:
        """The side list: a team's hand-offs in and out, or an initiative's dependencies."""
        plan = self.document.plan
        self.details.clear()
        self.details.setHeaderLabels(
            ["Hand-off", "Team", "Due"] if self.mode == TEAMS else ["Initiative", "Owner", "Finishes"]
        )
        if key is None:
            self.heading.setText("Select a node to see its links.")
            return
        if self.mode == TEAMS:
            self.heading.setText(plan.teams[key].name)
            for title, ids, other in (
                ("Hands over", self._handoffs(key, out=True), "to_team"),
                ("Receives", self._handoffs(key, out=False), "from_team"),
            ):
                group = QTreeWidgetItem(self.details, [f"{title} ({len(ids)})"])
                for handoff in (plan.handoffs[h] for h in ids):
                    team = plan.teams.get(getattr(handoff, other))
                    row = QTreeWidgetItem(
                        group,
                        [
                            handoff.what or "(unnamed)",
                            team.name if team else "?",
                            handoff.due.isoformat() if handoff.due else "—",
                        ],
                    )
                    row.setData(0, Qt.UserRole, getattr(handoff, other))
        else:
            initiative = plan.initiatives[key]
            self.heading.setText(initiative.name)
            graph = self.scene.dependencies
            schedule = self.analysis.schedule if self.analysis else {}
            for title, ids in (
                ("Waits for", [d.before for d in plan.dependencies.values() if d.after == key]),
                ("Leads to", [d.after for d in plan.dependencies.values() if d.before == key]),
            ):
                ids = [i for i in ids if i in plan.initiatives]
                group = QTreeWidgetItem(self.details, [f"{title} ({len(ids)})"])
                for other in ids:
                    owner = plan.teams.get(plan.initiatives[other].owner)
                    when = schedule.get(other)
                    row = QTreeWidgetItem(
                        group,
                        [
                            plan.initiatives[other].name,
                            owner.name if owner else "—",
                            when.finish.isoformat() if when else "—",
                        ],
                    )
                    row.setData(0, Qt.UserRole, other if graph is not None else None)
        self.details.expandAll()

    def _handoffs(self, team: str, out: bool) -> list:
        """A team's hand-offs from the analysis when it knows them, else straight from the plan."""
        plan = self.document.plan
        if self.analysis is not None:
            ids = (self.analysis.network.handoffs_out if out else self.analysis.network.handoffs_in).get(team, ())
            return [h for h in ids if h in plan.handoffs]
        field = "from_team" if out else "to_team"
        return [h.id for h in plan.handoffs.values() if getattr(h, field) == team]

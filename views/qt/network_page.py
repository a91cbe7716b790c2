"""The Network page: an interactive picture of teams and hand-offs, or of initiatives and dependencies."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QPointF, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QTransform
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGraphicsScene,
    QHBoxLayout,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from views.qt.community_network import aggregated, build_community_scene, community_of, members
from views.qt.dependency_network import build_initiative_scene, dependency_links
from views.qt.network_canvas import MAX_SCALE, MIN_SCALE, ZOOM_STEP, NetworkCanvas
from views.qt.network_details import NetworkDetails
from views.qt.network_export import ask_export_path, export_png, export_svg
from views.qt.network_filters import NetworkFilters
from views.qt.network_layout import DependencyLayout
from views.qt.network_legend import LegendOverlay
from views.qt.network_scene import LABEL_MIN_SCALE, NetworkScene
from views.qt.page import Page
from views.qt.team_network import build_team_scene
from views.qt.when_shown import WhenShown

TEAMS, INITIATIVES = "teams", "initiatives"
READABLE_FIT_NODES = 300  # up to this many nodes the first view keeps names readable; beyond, it shows all


@dataclass(frozen=True)
class SavedView:
    """Where the user was in one graph: zoom, centre, whether all of it was in sight, the selection."""

    transform: QTransform
    centre: QPointF
    whole: bool
    selected: str | None


class NetworkPage(Page):
    """Teams and their hand-offs, or initiatives and their dependencies, as a graph to explore.

    A click selects a node and lists its links beside the picture; a double-click or Enter opens it on
    its own page (`navigate`). The filter box finds a node by name.
    """

    title = "Network"

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(document, parent)
        self.mode = TEAMS
        self.scene: NetworkScene | None = None
        self._scenes: dict[str, NetworkScene] = {}
        self._saved: dict[str, SavedView] = {}
        self._stale = {TEAMS, INITIATIVES}
        self._shown: set | None = None  # the initiatives the filters keep (None: all)
        self._pending_zoom: float | None = None
        self.community: int | None = None  # the community opened in a large plan's team network
        self.chosen_colours: str | None = None  # "team" or "department" once the user picks; else as the plan suggests
        self._rebuild = QTimer(self, singleShot=True, interval=0)
        self._rebuild.timeout.connect(self._refresh)
        self.layout_cache = DependencyLayout(self)
        self.layout_cache.ready.connect(lambda: self._refresh() if self.mode == INITIATIVES else None)

        self.canvas = NetworkCanvas(self)
        self._blank = QGraphicsScene(self)  # shown while a picture is being laid out
        # A child of the view, not of its viewport: scrolling moves the viewport's children.
        self.legend = LegendOverlay(self.canvas)
        self.filter_box.setPlaceholderText("Find a node by name (Enter: next)")
        self.filters = NetworkFilters()
        self.details = NetworkDetails()

        self._build_layout()
        self.filters.refill(document.plan)
        WhenShown(self, document, self._plan_changed)
        self.canvas.clicked.connect(self._clicked)
        self.canvas.activated.connect(self._open_in_editor)
        self.canvas.zoomed.connect(self._zoomed)
        self.filter_box.textEdited.connect(lambda: self._find(next_match=False))
        self.filter_box.returnPressed.connect(lambda: self._find(next_match=True))
        self.filters.changed.connect(self._filters_changed)
        self.details.picked.connect(self._detail_picked)
        self.details.opened.connect(self._open_in_editor)

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
        bar.addWidget(self.filter_box, 1)
        bar.addWidget(self.filters)
        self.colours = QComboBox(toolTip="Colour and group the teams by their own colours or by department")
        self.colours.addItem("Colour: team colours", "team")
        self.colours.addItem("Colour: departments", "department")
        self.colours.activated.connect(lambda: self._choose_colours(self.colours.currentData()))
        bar.addWidget(self.colours)
        self.back = QToolButton(text="All communities", toolTip="Back to the communities of teams")
        self.back.clicked.connect(lambda: self._open_community(None))
        self.back.setVisible(False)
        bar.addWidget(self.back)
        for text, tip, action in (
            ("−", "Zoom out (-)", lambda: self.canvas.zoom(1 / ZOOM_STEP)),
            ("+", "Zoom in (+)", lambda: self.canvas.zoom(ZOOM_STEP)),
            ("Fit", "Fit to window (0)", self.canvas.fit),
        ):
            button = QToolButton(text=text, toolTip=tip)
            button.clicked.connect(action)
            bar.addWidget(button)
        legend = QToolButton(text="Legend", checkable=True, checked=True, toolTip="Show or hide the legend")
        legend.toggled.connect(self.legend.set_wanted)
        bar.addWidget(legend)
        export = QToolButton(text="Export", popupMode=QToolButton.InstantPopup)
        menu = QMenu(export)
        menu.addAction("Picture (PNG)…", lambda: self._export_dialog("png"))
        menu.addAction("Drawing (SVG)…", lambda: self._export_dialog("svg"))
        export.setMenu(menu)
        bar.addWidget(export)
        QShortcut(QKeySequence.Find, self, self.focus_filter)

        split = QSplitter()
        split.addWidget(self.canvas)
        split.addWidget(self.details)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([920, 340])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.filters.note)
        layout.addWidget(split, 1)
        self.filters.setVisible(False)

    # The page contract

    def show_analysis(self) -> None:
        """Redraw with a fresh analysis (silos, communities, critical path, cycles)."""
        self._stale = {TEAMS, INITIATIVES}
        self._schedule()
        if not self.isVisible():
            # Laid out before it is asked for (after the analysis, not competing with it): opening the
            # dependency graph then only draws it.
            self.layout_cache.at_hand(self._dependency_links())

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

    def state(self) -> dict:
        """Which graph is shown, how far it is zoomed and how its teams are coloured (when the user chose)."""
        state = {"graph": self.mode, "zoom": round(self.canvas.scale_factor(), 4)}
        return state | ({"colours": self.chosen_colours} if self.chosen_colours else {})

    def restore_state(self, state: dict) -> None:
        """Show the graph and zoom saved by `state`; anything unreadable is ignored."""
        if not isinstance(state, dict):
            return
        if state.get("graph") in (TEAMS, INITIATIVES):
            self._set_mode(state["graph"])
        if state.get("colours") in ("team", "department"):
            self.chosen_colours = state["colours"]
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

    def is_busy(self) -> bool:
        """True while a dependency graph is being laid out in the background."""
        return self.canvas.busy.isVisible()

    # Export

    def export_png(self, path: str) -> bool:
        """Save the whole current picture, with its legend, as a PNG image."""
        self._ensure_scene()
        return export_png(self.scene, path, self.canvas.backgroundBrush().color())

    def export_svg(self, path: str) -> bool:
        """Save the whole current picture, with its legend, as an SVG drawing (text stays text)."""
        self._ensure_scene()
        return export_svg(self.scene, path)

    def _export_dialog(self, kind: str) -> None:
        path = ask_export_path(self, kind)
        if path:
            (self.export_png if kind == "png" else self.export_svg)(path)

    # Drawing
    #
    # Each graph keeps its own picture, view and selection: switching back shows it at once. A
    # change to the plan or its analysis makes both stale; the shown one is redrawn, the other when
    # it is next shown. The dependency layout is kept in `layout_cache` (see DependencyLayout).

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        self._mode_buttons[mode].setChecked(True)
        self.filters.setVisible(mode == INITIATIVES)
        self.colours.setVisible(mode == TEAMS)
        self.back.setVisible(
            mode == TEAMS and self.community is not None and aggregated(self.document.plan, self.analysis)
        )
        self._show_note()
        self.filter_box.setPlaceholderText(f"Find {'a team' if mode == TEAMS else 'an initiative'} by name")

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
        self.filters.refill(self.document.plan)
        if change is None:  # another plan: every picture starts fitted to the window
            self._saved.clear()
            self.community = None
        self._stale = {TEAMS, INITIATIVES}
        self._schedule()

    def _refresh(self, wait: bool = False) -> None:
        """Redraw the current graph for the plan, analysis and filters; a big dependency graph is laid
        out in the background first (unless `wait`), with a busy pointer and a note on the canvas."""
        self._rebuild.stop()
        plan = self.document.plan
        links = self._dependency_links()
        if self.mode == TEAMS:
            self._put(self._team_scene(plan))
            # Lay the dependency graph out meanwhile, so that it shows at once when asked for.
            self.layout_cache.at_hand(links)
        elif self.layout_cache.at_hand(links, wait):
            laid_out = (self.layout_cache.graph, self.layout_cache.positions)
            self._put(build_initiative_scene(plan, self.analysis, self._shown, laid_out))
        else:
            self._remember_view()
            self.scene = None
            self.canvas.setScene(self._blank)
            self.legend.set_entries([])
            self.details.show_node(self.mode, None, plan, self.analysis, False)
            self.canvas.set_busy(f"Laying out {len(links[0]):,} initiatives…")

    def colour_by(self) -> str:
        """How teams are coloured and grouped: "department" (the default when the plan has departments) or "team"."""
        if self.chosen_colours is not None:
            return self.chosen_colours
        return "department" if any(t.department.strip() for t in self.document.plan.teams.values()) else "team"

    def _choose_colours(self, colours: str) -> None:
        """Colour and group the team network by team or by department."""
        self.chosen_colours = colours
        self.community = None  # a large plan's overview now shows the other kind of group
        self._saved.pop(TEAMS, None)  # the teams move: the new picture is fitted to the window
        self._stale.add(TEAMS)
        self._refresh()

    def _team_scene(self, plan) -> NetworkScene:
        """Every team; in a large plan, its communities, or the members of the one opened."""
        analysis = self.analysis
        by_department = self.colour_by() == "department"
        self.colours.setCurrentIndex(self.colours.findData(self.colour_by()))
        self.back.setVisible(self.mode == TEAMS and self.community is not None and aggregated(plan, analysis))
        if not aggregated(plan, analysis):
            return build_team_scene(plan, analysis, by_department=by_department)
        if self.community is None:
            return build_community_scene(plan, analysis, by_department)
        return build_team_scene(plan, analysis, members(plan, analysis, self.community, by_department), by_department)

    def _open_community(self, number: int | None) -> None:
        """Show one community's teams (None: all the communities again), fitted to the window."""
        self._remember_view()
        self.community = number
        self._saved.pop(TEAMS, None)
        self._stale.add(TEAMS)
        self._refresh()

    def _dependency_links(self):
        """The dependency graph's links as the filters show it now (and the initiatives they keep in `_shown`)."""
        if self.scene is not None and self.scene.table == INITIATIVES:
            selected = self.scene.selected
        else:
            selected = self._saved[INITIATIVES].selected if INITIATIVES in self._saved else None
        self._shown = self.filters.shown_initiatives(self.document.plan, selected)
        self._show_note()
        return dependency_links(self.document.plan, self._shown)

    def _show_note(self) -> None:
        """Say what the dependency graph leaves out, under the bar, while it is shown."""
        self.filters.note.setVisible(self.mode == INITIATIVES and bool(self.filters.note.text()))

    def _put(self, scene: NetworkScene) -> None:
        """Show a picture; its graph's last view and selection come back, or a new one is fitted."""
        self.canvas.set_busy(None)
        self._remember_view()
        saved = self._saved.get(scene.table)
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
        centre = self.filters.centre if scene.table == INITIATIVES else None
        if centre in scene.nodes and selected not in scene.nodes:  # a neighbourhood opens on its centre
            selected = centre
            self.canvas.centerOn(scene.nodes[centre])
        self._set_selection(selected if selected in scene.nodes else None)

    def _remember_view(self) -> None:
        if self.scene is None or self.canvas.scene() is not self.scene:
            return
        visible = self.canvas.mapToScene(self.canvas.viewport().rect()).boundingRect()
        self._saved[self.scene.table] = SavedView(
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

    def _filters_changed(self) -> None:
        self._remember_view()
        saved = self._saved.get(INITIATIVES)
        if saved is not None:
            self._saved[INITIATIVES] = replace(saved, whole=True)  # the new picture is fitted to the window
        self._stale.add(INITIATIVES)
        self._refresh()

    def _find(self, next_match: bool) -> None:
        text = self.filter_box.text().strip().casefold()
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
        if community_of(key) is not None and self.scene is not None and key in self.scene.nodes:
            self._open_community(community_of(key))
            return
        if self.scene is not None and key in self.scene.nodes:
            self._set_selection(key)
            self.navigate.emit(self.mode, key)

    def _set_selection(self, key: str | None) -> None:
        before = self.scene.selected
        self.scene.set_selected(key)
        linked = self.scene.dependencies is not None or self.mode == TEAMS
        if community_of(key) is None:
            self.details.show_node(self.mode, key, self.document.plan, self.analysis, linked)
        else:
            self.details.show_node(self.mode, None, self.document.plan, self.analysis, linked)
            self.details.heading.setText(f"{self.scene.names[key]} (double-click to open)")
        if before != key:
            self.selection_changed.emit()
        moved = before != key and key != self.filters.centre
        if key is not None and self.filters.follows_selection() and moved and self.mode == INITIATIVES:
            self._stale.add(INITIATIVES)
            self._schedule()

    def _detail_picked(self, key) -> None:
        if self.scene is not None and key in self.scene.nodes:
            self.canvas.centerOn(self.scene.nodes[key])
            self._set_selection(key)

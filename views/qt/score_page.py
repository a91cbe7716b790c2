"""The Score page: every team's part on one time axis, with hand-offs as cues; bars dragged to reschedule."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from domain.analysis.results import Analysis
from domain.analysis.schedule import Links, Timeline, links, schedule
from domain.entities import STATUSES
from domain.wording import counted, day
from views.qt.forms import refill_choices
from views.qt.network_scene import team_colors
from views.qt.score_canvas import ScoreCanvas
from views.qt.score_edits import labelled, moved_in_time
from views.qt.score_layout import ScoreFilter, build_score, selection_chain
from views.qt.score_scale import MAX_DAY_WIDTH, MIN_DAY_WIDTH, ZOOM_STEP, last_day

LEGEND = (
    "Bar: the owner team's work · thin bar: a team with a role in it · red outline: critical path · "
    "diamond: milestone · arrow: hand-off at its due date (orange, dashed: due after the work starts) · "
    "shaded: overloaded weeks · blue line: today"
)


class ScorePage(QWidget):
    """Teams as lanes, initiatives as bars in time, hand-offs as cues between lanes.

    Signals
    -------
    navigate(table, key)        open an entity on the page that edits it
    selection_changed()
    shared_selection(table, key) the same entity should be selected on the other pages, without showing them
    """

    title = "Score"
    navigate = Signal(str, object)
    selection_changed = Signal()
    shared_selection = Signal(str, object)

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.analysis: Analysis | None = None
        self.links: Links | None = None
        self.timeline: Timeline | None = None
        self.collapsed: set = set()
        self._stale = True

        self.canvas = ScoreCanvas(self)
        self.canvas.tip_for = self._tip
        self.search = QLineEdit(placeholderText="Find an initiative by name (Enter: next)", clearButtonEnabled=True)
        self.team_filter, self.goal_filter, self.status_filter = QComboBox(), QComboBox(), QComboBox()
        self.status_filter.addItem("All statuses", None)
        for status in STATUSES:
            if status != "dropped":
                self.status_filter.addItem(status, status)
        self.show_dropped = QCheckBox("Dropped work")
        self.show_dropped.setToolTip("Show initiatives that were dropped (hatched)")
        self.summary = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self._build_layout()
        self._refill_filters()

        self.document.changed.connect(self._plan_changed)
        self.canvas.clicked.connect(self._set_selection)
        self.canvas.lane_clicked.connect(lambda team: team and self.shared_selection.emit("teams", team))
        self.canvas.collapse_toggled.connect(self._toggle_lane)
        self.canvas.activated.connect(lambda key: self.navigate.emit("initiatives", key))
        self.canvas.moved.connect(self._move)
        self.canvas.resized.connect(self._resize)
        self.search.textEdited.connect(lambda: self._find(next_match=False))
        self.search.returnPressed.connect(lambda: self._find(next_match=True))
        for combo in (self.team_filter, self.goal_filter, self.status_filter):
            combo.activated.connect(self.refresh)
        self.show_dropped.toggled.connect(self.refresh)

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        for combo in (self.team_filter, self.goal_filter, self.status_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            bar.addWidget(combo)
        bar.addWidget(self.show_dropped)
        for text, tip, action in (
            ("−", "Zoom out (-, Ctrl+wheel)", lambda: self.canvas.zoom(1 / ZOOM_STEP)),
            ("+", "Zoom in (+, Ctrl+wheel)", lambda: self.canvas.zoom(ZOOM_STEP)),
            ("Fit", "The whole plan across the window (0)", self.canvas.fit),
        ):
            button = QToolButton(text=text, toolTip=tip)
            button.clicked.connect(action)
            bar.addWidget(button)
        export = QToolButton(text="Export", popupMode=QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(export)
        menu.addAction("Picture (PNG)…", lambda: self._export_dialog("png"))
        menu.addAction("Drawing (SVG)…", lambda: self._export_dialog("svg"))
        export.setMenu(menu)
        bar.addWidget(export)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_filter)
        legend = QLabel(LEGEND, textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        legend.setForegroundRole(legend.foregroundRole().PlaceholderText)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.summary)
        layout.addWidget(legend)

    # The page contract

    def focus_filter(self) -> None:
        """Put the cursor in the search box."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Take lane order (communities) and overloaded weeks from a fresh analysis."""
        self.analysis = analysis
        self._mark_stale()

    def select(self, table: str, key) -> bool:
        """Select and show an initiative's bar; False for anything else or a bar the filters hide."""
        if table != "initiatives":
            return False
        self._ensure_current()
        if key not in self.canvas.score.bars:
            return False
        self._set_selection(key, share=False)
        self.canvas.show_bar(key)
        return True

    def has_selection(self) -> bool:
        """False: Duplicate and Delete act on the Initiatives page, not here (the window enables them from this)."""
        return False

    def selected(self) -> str | None:
        """The id of the selected initiative, if any."""
        return self.canvas.selected

    def add_item(self) -> None:
        """Nothing to add here: initiatives are added on their own page."""

    def duplicate_selected(self) -> None:
        """Nothing to duplicate here."""

    def delete_selected(self) -> None:
        """Nothing to delete here."""

    def state(self) -> dict:
        """Zoom, collapsed lanes and whether dropped work shows."""
        return {
            "day_width": round(self.canvas.scale.day_width, 4),
            "collapsed": sorted(self.collapsed),
            "dropped": self.show_dropped.isChecked(),
        }

    def restore_state(self, state: dict) -> None:
        """Put back what `state()` returned; anything unreadable is ignored."""
        if not isinstance(state, dict):
            return
        width = state.get("day_width")
        if isinstance(width, (int, float)) and MIN_DAY_WIDTH <= width <= MAX_DAY_WIDTH:
            self.canvas.set_day_width(float(width))
        collapsed = state.get("collapsed")
        if isinstance(collapsed, list):
            self.collapsed = {team for team in collapsed if isinstance(team, str)}
        if isinstance(state.get("dropped"), bool):
            self.show_dropped.setChecked(state["dropped"])
        self._mark_stale()

    # Building

    def _plan_changed(self, change) -> None:
        moved = moved_in_time(change)
        if moved is not None and not self._stale and self.isVisible() and self.canvas.score is not None:
            self._reschedule(moved)
            return
        if (
            change is None
            or "dependencies" in change.tables
            or any(edit.before is None or edit.after is None for edit in change.edits if edit.table == "initiatives")
        ):
            self.links = None
        if change is None:
            self.canvas.fit_when_shown()
            self.canvas.selected, self.canvas.chain = None, []
        if change is None or change.tables & {"teams", "goals"}:
            self._refill_filters()
        self._mark_stale()

    def _mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _ensure_current(self) -> None:
        if self._stale or self.canvas.score is None:
            self.refresh()

    def showEvent(self, event) -> None:
        """Qt override: a Score that changed while hidden is laid out when shown."""
        super().showEvent(event)
        self._ensure_current()

    def refresh(self) -> None:
        """Reschedule (reusing the dependency graph when only dates changed) and lay the Score out again."""
        plan = self.document.plan
        if self.links is None:
            self.links = links(plan)
        self.timeline = schedule(plan, self.links)
        shown = ScoreFilter(
            self.team_filter.currentData(),
            self.goal_filter.currentData(),
            self.status_filter.currentData(),
            self.show_dropped.isChecked(),
        )
        score = build_score(plan, self.timeline, self.links, self.analysis, shown, frozenset(self.collapsed))
        names = {key: initiative.name for key, initiative in plan.initiatives.items()}
        owners = {key: initiative.owner for key, initiative in plan.initiatives.items()}
        if self.canvas.selected not in score.bars:
            self.canvas.selected, self.canvas.chain = None, []
        elif self.canvas.selected is not None:
            self.canvas.chain = selection_chain(self.links, self.canvas.selected)
        self.canvas.set_score(score, names, owners=owners, colors=team_colors(plan))
        self._stale = False
        self._show_summary()

    def _reschedule(self, edited: set) -> None:
        """After an edit that only moved work in time (a drag): re-lay just the lanes whose bars moved."""
        plan, before = self.document.plan, self.timeline
        self.timeline = after = schedule(plan, self.links)
        moved = edited | {
            key
            for key in after.order
            if after.earliest[key] != before.earliest.get(key) or after.span[key] != before.span.get(key)
        }
        moved |= before.critical ^ after.critical
        score = self.canvas.score
        score.reschedule(plan, after, moved)
        for key in edited:
            self.canvas.frame_state["names"][key] = plan.initiatives[key].name
        self.canvas.set_score(score, **self.canvas.frame_state)
        self._show_summary()

    def _show_summary(self) -> None:
        score = self.canvas.score
        late = sum(cue.late for cue in score.cues)
        self.summary.setText(
            f"{counted(len(score.lanes), 'team')} · {counted(len(score.bars), 'initiative')} · "
            f"{counted(len(score.cues), 'hand-off')}, {late} due after the work starts"
        )

    def _refill_filters(self) -> None:
        plan = self.document.plan
        refill_choices(self.team_filter, "All teams", plan.teams)
        refill_choices(self.goal_filter, "All goals", plan.goals)

    def _toggle_lane(self, team) -> None:
        self.collapsed ^= {team}
        self.refresh()

    # Selection, search and editing

    def _set_selection(self, key: str | None, share: bool = True) -> None:
        before = self.canvas.selected
        self.canvas.selected = key
        self.canvas.chain = selection_chain(self.links, key) if key is not None else []
        self.canvas.viewport().update()
        if before != key:
            self.selection_changed.emit()
            if share and key is not None:
                self.shared_selection.emit("initiatives", key)
                owner = self.document.plan.initiatives[key].owner
                if owner is not None:
                    self.shared_selection.emit("teams", owner)

    def _find(self, next_match: bool) -> None:
        text = self.search.text().strip().casefold()
        names = self.canvas.frame_state["names"]
        bars = self.canvas.score.bars if self.canvas.score else {}
        matches = [key for key in bars if text and text in names.get(key, "").casefold()]
        self.canvas.matches = frozenset(matches)
        self.canvas.viewport().update()
        if not matches:
            return
        current = self.canvas.selected
        index = (matches.index(current) + 1) % len(matches) if next_match and current in matches else 0
        self._set_selection(matches[index])
        self.canvas.show_bar(matches[index])

    def _move(self, initiative: str, days: int) -> None:
        """A bar dragged by whole working days: its not-before date becomes its new start."""
        calendar = self.timeline.calendar
        start = calendar.working_date(min(max(self.timeline.earliest[initiative] + days, 0), last_day(calendar)))
        name = self.document.plan.initiatives[initiative].name
        self.document.run(labelled(f"Move '{name}' to start on or after {day(start)}"), initiative, start=start)

    def _resize(self, initiative: str, days: int) -> None:
        """A bar's end dragged by whole working days: its duration follows."""
        duration = max(self.timeline.span[initiative] + days, 1)
        name = self.document.plan.initiatives[initiative].name
        label = f"Set '{name}' to {counted(duration, 'working day')}"
        self.document.run(labelled(label), initiative, duration=duration)

    def _tip(self, initiative: str) -> str:
        plan, timeline = self.document.plan, self.timeline
        entity = plan.initiatives.get(initiative)
        if entity is None or timeline is None:
            return ""
        first, last = timeline.earliest[initiative], timeline.finish_of(initiative)
        dates = timeline.calendar.working_date
        owner = plan.teams[entity.owner].name if entity.owner in plan.teams else "no owner team"
        lines = [
            entity.name,
            f"{owner} · {entity.status}",
            f"{day(dates(first))} to {day(dates(last))} ({counted(last - first + 1, 'working day')})",
        ]
        if initiative in timeline.critical:
            lines.append("On the critical path")
        return "\n".join(lines)

    # Export

    def export_png(self, path: str) -> bool:
        """Save the whole Score at the current zoom as a PNG picture (scaled down when very large)."""
        self._ensure_current()
        return self.canvas.export_image().save(path, "PNG")

    def export_svg(self, path: str) -> bool:
        """Save the whole Score at the current zoom as an SVG drawing (text stays text)."""
        self._ensure_current()
        return self.canvas.export_svg(path)

    def _export_dialog(self, kind: str) -> None:
        caption, pattern = (
            ("Export Picture", "PNG pictures (*.png)") if kind == "png" else ("Export Drawing", "SVG drawings (*.svg)")
        )
        path, _ = QFileDialog.getSaveFileName(self, caption, f"score.{kind}", pattern)
        if path:
            (self.export_png if kind == "png" else self.export_svg)(path)

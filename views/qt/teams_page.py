"""The Teams page: every team, and for the selected one what it owns, its roles elsewhere and its hand-offs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from domain import operations
from domain.entities import Team
from domain.validation import COLOR, name_problem
from views.qt import forms
from views.qt.handoffs import HandoffPanel
from views.qt.models import Column, EntityTableModel, FilterProxy, day, number, team_name
from views.qt.page import Page
from views.qt.tables import make_table, selected_keys
from views.qt.when_shown import WhenShown


def _name(text: str) -> dict:
    if problem := name_problem("team", text):
        raise ValueError(problem)
    return {"name": text}


def _whole(field: str, what: str):
    def edit(text: str) -> dict:
        value = forms.parse_number(text, what, 0)
        if value is None or not value.is_integer():
            raise ValueError(f"{what} must be a whole number, 0 or more.")
        return {field: int(value)}

    return edit


def _capacity(text: str) -> dict:
    return {"capacity": forms.parse_number(text, "Capacity", 0) or 0.0}


def _color(text: str) -> dict:
    text = text.strip()
    if text and not COLOR.fullmatch(text):
        raise ValueError("A colour is written #RRGGBB, like #3A7BD5.")
    return {"color": text.upper()}


def _swatch(model, team: Team):
    return forms.swatch_icon(team.color) if COLOR.fullmatch(team.color or "") else None


TEAM_COLUMNS = [
    Column("Name", lambda m, t: t.name, edit=_name, width=24),
    Column("Lead", lambda m, t: t.lead, edit=lambda text: {"lead": text}, width=14),
    Column(
        "Headcount",
        lambda m, t: str(t.headcount),
        sort=lambda m, t: t.headcount,
        edit=_whole("headcount", "Headcount"),
        numeric=True,
        width=8,
    ),
    Column(
        "Days/week",
        lambda m, t: number(t.capacity),
        sort=lambda m, t: t.capacity,
        edit=_capacity,
        numeric=True,
        width=9,
    ),
    Column("Colour", lambda m, t: t.color, edit=_color, decoration=_swatch, width=10),
]


def _scheduled(model, initiative, field: str) -> str:
    scheduled = model.analysis.schedule.get(initiative.id) if model.analysis else None
    return day(getattr(scheduled, field)) if scheduled else ""


OWNED_COLUMNS = [
    Column("Initiative", lambda m, i: i.name, width=30, link=lambda m, i: ("initiatives", i.id)),
    Column("Status", lambda m, i: i.status, width=8),
    Column("Start", lambda m, i: _scheduled(m, i, "start"), analysed=True, width=10),
    Column("Finish", lambda m, i: _scheduled(m, i, "finish"), analysed=True, width=10),
]


class TeamsPage(Page):
    """A table of teams with an editor and the selected team's work, roles and hand-offs."""

    title = "Teams"

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.filter_box.setPlaceholderText("Filter teams (Ctrl+F)")
        self.model = EntityTableModel(document, "teams", TEAM_COLUMNS, update=operations.update_team, parent=self)
        self.proxy = FilterProxy(self.model, self)
        self.view = make_table(self.proxy, self, stretch=0)
        self.filter_box.filter_changed.connect(self.proxy.set_filter_text)
        self.view.customContextMenuRequested.connect(self._menu)

        add = QPushButton("Add team", self)
        self.duplicate_button = QPushButton("Duplicate", self)
        self.delete_button = QPushButton("Delete", self)
        add.clicked.connect(self.add_item)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_box, 1)
        for button in (add, self.duplicate_button, self.delete_button):
            bar.addWidget(button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.view)

        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.form = forms.Form(self)
        self.form.add("name", "Name:", forms.LineField(lambda text: name_problem("team", text)))
        self.form.add("lead", "Lead:", forms.LineField(placeholder="Who leads the team"))
        self.form.add("headcount", "Headcount:", forms.IntField(0, 100_000, " people"))
        self.form.add("capacity", "Capacity:", forms.FloatField(0, 1_000_000, " person-days/week"))
        self.form.add("color", "Colour:", forms.ColorField())
        self.form.edited.connect(self._edit)

        self.owned = EntityTableModel(document, "initiatives", OWNED_COLUMNS, include=lambda i: False, parent=self)
        self.owned_view = make_table(FilterProxy(self.owned, self), self, stretch=0)
        role_columns = [
            Column("Initiative", lambda m, i: i.name, width=30, link=lambda m, i: ("initiatives", i.id)),
            Column("Role", lambda m, i: next((r.role for r in i.raci if r.team == self.current_key()), ""), width=5),
            Column("Owner", lambda m, i: team_name(m.plan, i.owner), width=18, link=lambda m, i: ("teams", i.owner)),
        ]
        self.roles = EntityTableModel(
            document,
            "initiatives",
            role_columns,
            include=lambda i: False,
            uses={"teams": lambda i: (i.owner, *(r.team for r in i.raci))},
            parent=self,
        )
        self.roles_view = make_table(FilterProxy(self.roles, self), self, stretch=0)
        self.handoffs = HandoffPanel(document, "team", self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.owned_view, "Owns")
        self.tabs.addTab(self.roles_view, "Roles elsewhere")
        self.tabs.addTab(self.handoffs, "Hand-offs")
        for view in (self.owned_view, self.roles_view):
            self.follow_links(view)
        self.handoffs.navigate.connect(self.navigate)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.form)
        right_layout.addWidget(self.tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        # The team's own lists need more room than the table of teams.
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([560, 590])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.remember("splitter", self.splitter)
        self.remember("teams", self.view)
        self.remember("owned", self.owned_view)

        QShortcut(QKeySequence(Qt.Key.Key_Insert), self.view, self.add_item, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(
            QKeySequence(Qt.Key.Key_Delete), self.view, self.delete_selected, context=Qt.ShortcutContext.WidgetShortcut
        )
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.model.modelReset.connect(self._show_current)
        WhenShown(self, document, self._changed)
        self.model.modelReset.connect(lambda: self.select_first(self.view))
        self.select_first(self.view)

    # The page contract

    def select(self, table: str, key) -> bool:
        if table == "teams":
            return self.show_key(self.view, key)
        if table == "handoffs" and key in self.document.plan.handoffs:
            handoff = self.document.plan.handoffs[key]
            if self.show_key(self.view, handoff.from_team):
                self.tabs.setCurrentWidget(self.handoffs)
                return self.handoffs.select(key)
        return False

    def has_selection(self) -> bool:
        return self.view.selectionModel().hasSelection()

    def add_item(self) -> None:
        """Add a team called 'New team' (or 'New team 2'...) and select its name for typing."""
        name = forms.new_name("New team", (t.name for t in self.document.plan.teams.values()))
        self._add(Team(name=name))

    def duplicate_selected(self) -> None:
        """Add a copy of the current team (its fields; skill levels and roles stay with the original)."""
        self.duplicate_current("teams")

    def delete_selected(self) -> None:
        """Delete the selected teams, asking once when initiatives, goals or hand-offs depend on them."""
        keys = selected_keys(self.view)
        what = f"team '{self.document.plan.teams[keys[0]].name}'" if len(keys) == 1 else ""
        self.delete_keys(operations.delete_team, keys, what, "teams")

    def show_analysis(self) -> None:
        self.owned.set_analysis(self.analysis)

    # Inner workings

    def current_key(self):
        index = self.view.currentIndex()
        return self.proxy.key(index) if index.isValid() else None

    def _add(self, team: Team) -> None:
        if self.document.run(operations.add_team, team):
            self.show_key(self.view, team.id)
            self.form.fields["name"].editor.setFocus()
            self.form.fields["name"].editor.selectAll()

    def _edit(self, name: str, value) -> None:
        key = self.current_key()
        if key is not None and not self.document.run(operations.update_team, key, **{name: value}):
            self._show_current()

    def _selection_changed(self) -> None:
        has = self.has_selection()
        self.duplicate_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.selection_changed.emit()

    def _changed(self, change) -> None:
        if change is None or change.tables & {"teams", "initiatives"}:
            self._show_current(keep_lists=change is not None)

    def _show_current(self, keep_lists: bool = False) -> None:
        key = self.current_key()
        team = self.document.plan.teams.get(key) if key is not None else None
        self.heading.setText(team.name if team else "No team selected")
        self.form.show_entity(team)
        if keep_lists and key == self.handoffs.owner_key:
            self._count_tabs()
            return
        if team is None:
            self.owned.set_include(lambda i: False)
            self.roles.set_include(lambda i: False)
        else:
            self.owned.set_include(lambda i: i.owner == key)
            self.roles.set_include(lambda i: any(r.team == key for r in i.raci))
        self.handoffs.set_owner(key)
        self._count_tabs()

    def _count_tabs(self) -> None:
        self.tabs.setTabText(0, f"Owns ({self.owned.rowCount()})")
        self.tabs.setTabText(1, f"Roles elsewhere ({self.roles.rowCount()})")
        self.tabs.setTabText(2, f"Hand-offs ({self.handoffs.model.rowCount()})")

    def _menu(self, position) -> None:
        menu = QMenu(self)
        menu.addAction("Add team", self.add_item)
        menu.addAction("Duplicate", self.duplicate_selected).setEnabled(self.has_selection())
        menu.addAction("Delete", self.delete_selected).setEnabled(self.has_selection())
        menu.exec(self.view.viewport().mapToGlobal(position))

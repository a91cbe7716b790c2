"""The hand-offs of one team or one initiative: a list with a small editor to add, change and delete them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QVBoxLayout, QWidget

from domain import operations
from domain.entities import Handoff
from views.qt import forms
from views.qt.models import Column, EntityTableModel, FilterProxy, day, team_name
from views.qt.tables import make_table
from views.qt.when_shown import WhenShown


def _initiative_name(model, handoff: Handoff) -> str:
    initiative = model.plan.initiatives.get(handoff.initiative) if handoff.initiative else None
    return initiative.name if initiative else ""


COLUMNS = [
    Column("From", lambda m, h: team_name(m.plan, h.from_team), width=12, link=lambda m, h: ("teams", h.from_team)),
    Column("To", lambda m, h: team_name(m.plan, h.to_team), width=12, link=lambda m, h: ("teams", h.to_team)),
    Column("What", lambda m, h: h.what, width=18),
    Column("Due", lambda m, h: day(h.due), sort=lambda m, h: h.due, width=10),
    Column("Initiative", _initiative_name, width=18, link=lambda m, h: ("initiatives", h.initiative)),
]


class HandoffPanel(QWidget):
    """Hand-offs in and out of a team (scope "team") or belonging to an initiative (scope "initiative")."""

    navigate = Signal(str, object)

    def __init__(self, document, scope: str, parent=None):
        super().__init__(parent)
        self.document = document
        self.scope = scope
        self.owner_key = None
        self.model = EntityTableModel(
            document,
            "handoffs",
            COLUMNS,
            include=lambda h: False,
            uses={"teams": lambda h: (h.from_team, h.to_team), "initiatives": lambda h: (h.initiative,)},
            parent=self,
        )
        self.proxy = FilterProxy(self.model, self)
        self.view = make_table(self.proxy, self, stretch=2)
        self.view.setSelectionMode(self.view.SelectionMode.SingleSelection)
        self.view.activated.connect(self._follow)
        self.view.customContextMenuRequested.connect(self._menu)

        self.form = forms.Form(self)
        self.from_team = self.form.add("from_team", "From:", forms.ChoiceField())
        self.to_team = self.form.add("to_team", "To:", forms.ChoiceField())
        self.form.add("what", "What:", forms.LineField(placeholder="What is handed over"))
        self.form.add("due", "Due:", forms.DateField())
        self.initiative = self.form.add("initiative", "Initiative:", forms.ChoiceField())
        self.form.edited.connect(self._edit)

        self.add_button = QPushButton("Add hand-off", self)
        self.delete_button = QPushButton("Delete hand-off", self)
        self.add_button.clicked.connect(self.add_handoff)
        self.delete_button.clicked.connect(self.delete_handoff)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.form)

        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.model.modelReset.connect(self._show_selected)
        WhenShown(self, document, lambda change: self._show_selected())
        self._show_selected()

    def set_owner(self, key) -> None:
        """Show the hand-offs of this team or initiative (None: none)."""
        self.owner_key = key
        if key is None:
            self.model.set_include(lambda h: False)
        elif self.scope == "team":
            self.model.set_include(lambda h: key in (h.from_team, h.to_team))
        else:
            self.model.set_include(lambda h: h.initiative == key)
        self.add_button.setEnabled(key is not None)
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def current_key(self):
        index = self.view.currentIndex()
        return self.proxy.key(index) if index.isValid() else None

    def select(self, key) -> bool:
        index = self.proxy.index_of(key)
        if index.isValid():
            self.view.setCurrentIndex(index)
        return index.isValid()

    def _show_selected(self) -> None:
        key = self.current_key()
        handoff = self.document.plan.handoffs.get(key) if key is not None else None
        plan = self.document.plan
        teams = [(team.name, team.id) for team in plan.teams.values()]
        self.from_team.set_choices(teams)
        self.to_team.set_choices(teams)
        self.initiative.set_choices([("(none)", None), *self._initiative_choices(handoff)])
        self.form.show_entity(handoff)
        self.delete_button.setEnabled(handoff is not None)

    def _initiative_choices(self, handoff: Handoff | None) -> list[tuple[str, object]]:
        """Initiatives either team works on, plus the current one (all 5,000 would make a useless list)."""
        if handoff is None:
            return []
        teams = {handoff.from_team, handoff.to_team}
        return [
            (i.name, i.id)
            for i in self.document.plan.initiatives.values()
            if i.id == handoff.initiative or i.owner in teams or any(r.team in teams for r in i.raci)
        ]

    def _edit(self, name: str, value) -> None:
        key = self.current_key()
        if key is not None and not self.document.run(operations.update_handoff, key, **{name: value}):
            self._show_selected()

    def add_handoff(self) -> None:
        """Add a hand-off from this team (or this initiative's owner) to another team, and select it."""
        plan = self.document.plan
        if self.owner_key is None:
            return
        if self.scope == "team":
            source, initiative = self.owner_key, None
        else:
            owner = plan.initiatives[self.owner_key].owner
            source, initiative = owner or next(iter(plan.teams), None), self.owner_key
        target = next((t for t in plan.teams if t != source), None)
        if source is None or target is None:
            self.form.setEnabled(True)
            self.form.refuse("A hand-off goes from one team to another: add at least two teams first.")
            return
        what = forms.new_name("New hand-off", (h.what for h in plan.handoffs.values()))
        handoff = Handoff(from_team=source, to_team=target, initiative=initiative, what=what)
        if self.document.run(operations.add_handoff, handoff):
            self.select(handoff.id)

    def delete_handoff(self) -> None:
        key = self.current_key()
        if key is not None:
            self.document.run(operations.delete_handoff, key)

    def _follow(self, index) -> None:
        source = self.proxy.mapToSource(index)
        target = self.model.link(source.row(), source.column())
        if target and target[1] is not None and target[1] != self.owner_key:
            self.navigate.emit(*target)

    def _menu(self, position) -> None:
        menu = QMenu(self)
        menu.addAction("Add hand-off", self.add_handoff).setEnabled(self.owner_key is not None)
        menu.addAction("Delete hand-off", self.delete_handoff).setEnabled(self.current_key() is not None)
        menu.exec(self.view.viewport().mapToGlobal(position))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Delete and self.view.hasFocus():
            self.delete_handoff()
            return
        super().keyPressEvent(event)

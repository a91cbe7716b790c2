"""The declared relations of one team (Team Topologies' interaction modes): a list with a small editor."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from domain import operations
from domain.entities import RELATION_MODES, Relation
from views.qt import forms
from views.qt.models import Column, EntityTableModel, FilterProxy, day, team_name
from views.qt.tables import make_table
from views.qt.when_shown import WhenShown

MODE_WORDS = {
    "collaboration": "Collaboration (working closely, for a while)",
    "x-as-a-service": "X-as-a-service (the team that declared it provides, the other uses)",
    "facilitating": "Facilitating (one helps the other learn)",
}


class RelationPanel(QWidget):
    """How the selected team declares it works with others: with whom, in which mode, until when."""

    navigate = Signal(str, object)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.owner_key = None
        columns = [
            Column("With", lambda m, r: team_name(m.plan, self._other(r)), width=16, link=lambda m, r: ("teams", self._other(r))),
            Column("Mode", lambda m, r: self._mode(r), width=14),
            Column("Until", lambda m, r: day(r.until), sort=lambda m, r: r.until, width=10),
        ]  # fmt: skip
        self.model = EntityTableModel(
            document, "relations", columns, include=lambda r: False, uses={"teams": lambda r: (r.a, r.b)}, parent=self
        )
        self.proxy = FilterProxy(self.model, self)
        self.view = make_table(self.proxy, self, stretch=0)
        self.view.setSelectionMode(self.view.SelectionMode.SingleSelection)
        self.view.activated.connect(self._follow)

        self.form = forms.Form(self)
        self.with_team = self.form.add("b", "With:", forms.ChoiceField())
        self.mode = self.form.add("mode", "Mode:", forms.ChoiceField())
        self.mode.set_choices([(MODE_WORDS[mode], mode) for mode in RELATION_MODES])
        self.form.add("until", "Until:", forms.DateField())
        self.form.edited.connect(self._edit)

        self.add_button = QPushButton("Declare a relation", self)
        self.delete_button = QPushButton("Delete relation", self)
        self.add_button.clicked.connect(self.add_relation)
        self.delete_button.clicked.connect(self.delete_relation)
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

    def _other(self, relation: Relation):
        """The team at the other end from the one shown (a relation reads the same from both ends)."""
        return relation.b if relation.a == self.owner_key else relation.a

    def _mode(self, relation: Relation) -> str:
        """The mode as this team reads it: an x-as-a-service relation's `a` provides the service, `b` uses it."""
        if relation.mode != "x-as-a-service":
            return relation.mode
        return "x-as-a-service: provides" if relation.a == self.owner_key else "x-as-a-service: uses"

    def set_owner(self, key) -> None:
        """Show the relations of this team (None: none)."""
        self.owner_key = key
        self.model.set_include((lambda r: key in (r.a, r.b)) if key is not None else (lambda r: False))
        self.add_button.setEnabled(key is not None)
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def current_key(self):
        index = self.view.currentIndex()
        return self.proxy.key(index) if index.isValid() else None

    def _show_selected(self) -> None:
        key = self.current_key()
        relation = self.document.plan.relations.get(key) if key is not None else None
        self.with_team.set_choices(
            [(t.name, t.id) for t in self.document.plan.teams.values() if t.id != self.owner_key]
        )
        self.form.show_entity(relation)
        if relation is not None:
            self.with_team.show_value(self._other(relation))
        self.delete_button.setEnabled(relation is not None)

    def _edit(self, name: str, value) -> None:
        key = self.current_key()
        if key is None:
            return
        if name == "b":  # the other end, whichever field holds it
            relation = self.document.plan.relations[key]
            name = "b" if relation.a == self.owner_key else "a"
        if not self.document.run(operations.update_relation, key, **{name: value}):
            self._show_selected()

    def add_relation(self) -> None:
        """Declare a collaboration of this team with the first team it has none with, and select it."""
        plan = self.document.plan
        if self.owner_key is None:
            return
        related = {self._other(r) for r in plan.relations.values() if self.owner_key in (r.a, r.b)}
        other = next((t for t in plan.teams if t != self.owner_key and t not in related), None)
        if other is None:
            self.form.setEnabled(True)
            self.form.refuse("This team already declares a relation with every other team.")
            return
        relation = Relation(a=self.owner_key, b=other)
        if self.document.run(operations.add_relation, relation):
            index = self.proxy.index_of(relation.id)
            if index.isValid():
                self.view.setCurrentIndex(index)

    def delete_relation(self) -> None:
        key = self.current_key()
        if key is not None:
            self.document.run(operations.delete_relation, key)

    def _follow(self, index) -> None:
        source = self.proxy.mapToSource(index)
        target = self.model.link(source.row(), source.column())
        if target and target[1] is not None and target[1] != self.owner_key:
            self.navigate.emit(*target)

"""Applying rows to a copy of the plan through domain operations: add or update by name, describe each change,
and count what was added, changed and left alone in the `Outcome`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from domain import operations
from domain.operations import Change, OperationError
from domain.plan import Plan
from storage.files import shown
from storage.interchange.cells import Names, Refused, RefusedCell, Row, shown_value
from storage.interchange.layout import key

REFERENCES = {
    "owner": "teams",
    "from_team": "teams",
    "to_team": "teams",
    "parent": "goals",
    "initiative": "initiatives",
}
WORDS = {"teams": "team", "skills": "skill", "goals": "goal", "initiatives": "initiative"}


@dataclass
class Outcome:
    """What an import would do to a plan, and the step that does it."""

    plan: Plan
    change: Change
    refused: list[RefusedCell] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was ignored, or cannot be represented
    added: Counter = field(default_factory=Counter)  # per table ("teams"...)
    changed: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)  # dependencies a row no longer lists
    unchanged: Counter = field(default_factory=Counter)  # entities rows named that stay as they are
    changes: list[str] = field(default_factory=list)  # "Sheet row N: team 'X': lead 'A' -> 'B'"
    refused_rows: int = 0


class PlanEdits:
    """The copy of the plan an import changes, the edits that change it and what they did."""

    def __init__(self, plan: Plan, label: str):
        self.plan = plan
        self.label = label
        self.edits: list = []
        self.outcome = Outcome(plan=plan, change=Change(label, ()))
        self.names = {table: Names(plan.table(table), word) for table, word in WORDS.items()}
        self.seen: dict[tuple[str, str], str] = {}  # (kind, name key) -> where it was first given
        self.later: list[Callable[[], None]] = []  # links to rows further down: goal parents, dependencies
        self.matched: set[tuple[str, object]] = set()  # existing entities that rows named
        self.handoffs: dict[tuple, list] | None = None  # existing hand-offs by what, teams and initiative
        self.handoffs_taken: dict[tuple, int] = {}
        self.waiting: dict | None = None  # dependencies by the initiative that waits

    # Changes

    def apply(self, row: Row, operation: Callable[[], Change], column: str) -> bool:
        try:
            change = operation()
        except OperationError as error:
            row.refuse(column, str(error))
            return False
        self.edits.extend(change.edits)
        return True

    def upsert(self, row: Row, table: str, entity_id, fields: dict, make: Callable) -> None:
        """Add the entity, or update the fields of the existing one that differ; counted and described."""
        word = WORDS.get(table, "hand-off")
        add, update = (
            getattr(operations, f"add_{word.replace('-', '')}"),
            getattr(operations, f"update_{word.replace('-', '')}"),
        )
        column = "What" if table == "handoffs" else "Name"
        if entity_id is None:
            entity = make(**fields)
            if self.apply(row, lambda: add(self.plan, entity), column) and table in self.names:
                self.names[table].add(entity)
            return
        self.matched.add((table, entity_id))
        current = self.plan.table(table)[entity_id]
        changes = {name: value for name, value in fields.items() if getattr(current, name) != value}
        if "name" in changes and key(changes["name"]) == key(current.name):
            del changes["name"]  # names match whatever their case: the plan keeps its spelling
        if changes.get("raci") is not None and set(changes["raci"]) == set(current.raci):
            del changes["raci"]  # the same roles, grouped by role as the sheet lists them
        if changes and self.apply(row, lambda: update(self.plan, entity_id, **changes), column):
            self.describe(row, word, getattr(current, "name", None) or getattr(current, "what", ""), current, changes)

    def describe(self, row: Row, word: str, name: str, current, changes: dict) -> None:
        shown_changes = ", ".join(
            f"{field_name} {self._shown(field_name, getattr(current, field_name))} -> {self._shown(field_name, value)}"
            for field_name, value in changes.items()
        )
        self.outcome.changes.append(f"{row.sheet.name} row {row.line}: {word} '{shown(name)}': {shown_changes}")

    def _shown(self, field_name: str, value) -> str:
        table = REFERENCES.get(field_name)
        if table is not None and value is not None:
            value = self.plan.table(table)[value].name
        return shown_value(value)

    def unique(self, row: Row, kind: str, name: str, column: str = "Name") -> bool:
        where = self.seen.setdefault((kind, key(name)), f"{row.sheet.name} row {row.line}")
        if where != f"{row.sheet.name} row {row.line}":
            row.refuse(column, f"'{shown(name)}' is also on {where}")
            return False
        return True

    def existing(self, row: Row, table: str, name: str):
        try:
            return self.names[table].existing(name)
        except Refused as error:
            row.refuse("Name", error)
            return None

    def refused_name(self, row: Row, table: str, name: str) -> None:
        if not row.ok and name:
            self.names[table].refused.add(key(name))

    def finish(self) -> None:
        for link in self.later:
            link()
        self.outcome.change = Change(self.label, tuple(self.edits))
        first_and_last: dict[tuple[str, object], list] = {}
        for edit in self.edits:
            first_and_last.setdefault((edit.table, edit.key), [edit.before, None])[1] = edit.after
        for (table, _), (before, after) in first_and_last.items():
            counts = (
                self.outcome.added
                if before is None
                else self.outcome.removed
                if after is None
                else self.outcome.changed
            )
            counts[table] += 1
        for table, entity_id in self.matched - set(first_and_last):
            self.outcome.unchanged[table] += 1

    # One reader per kind of row

    def _put(self, row: Row, table: str, name: str, fields: dict, make: Callable):
        entity_id = self.existing(row, table, name) if row.ok else None
        if row.ok and self.unique(row, table, name):
            self.upsert(row, table, entity_id, fields, make)
            return self.names[table].existing(name)
        self.refused_name(row, table, name)
        return None

    def _described(self, row: Row, table: str, current, changes: dict) -> None:
        """Describe a link set after the rows were read, unless it belongs to an entity the import adds."""
        if (table, current.id) in self.matched:
            self.describe(row, WORDS[table], current.name, current, changes)

"""What an operation did to a plan (the before/after image of every entity it touched), and undo and redo."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from domain.entities import Project, timestamp
from domain.plan import Plan, locate
from domain.wording import KIND_NAMES, counted

PROJECT = "project"
# Fields that only word an entity: no analysis reads them (findings are worded when shown), so an edit of
# these alone leaves the analysis true.
WORDING_FIELDS = frozenset({"name", "description", "lead", "color", "metric", "unit", "what", "note", "modified"})


@dataclass(frozen=True, slots=True)
class Edit:
    """One entity's state before and after a change (None where it did not exist)."""

    table: str
    key: object
    before: object | None
    after: object | None
    index: int | None = None  # position of a removed entity, to put it back in place


@dataclass(frozen=True, slots=True)
class Change:
    """What one operation did, in the order it did it."""

    label: str
    edits: tuple[Edit, ...]

    @property
    def tables(self) -> frozenset[str]:
        """The kinds of entity this change touched ("teams", "handoffs", "project"...)."""
        return frozenset(edit.table for edit in self.edits)


def only_wording(change: Change) -> bool:
    """True when a change only renames or rewords what it touched (see WORDING_FIELDS).

    >>> from domain.entities import Team
    >>> team = Team(name="Sales")
    >>> only_wording(Change("Rename", (Edit("teams", team.id, team, replace(team, name="Field sales")),)))
    True
    >>> only_wording(Change("Resize", (Edit("teams", team.id, team, replace(team, capacity=5.0)),)))
    False
    """
    return bool(change.edits) and all(
        edit.before is not None
        and edit.after is not None
        and type(edit.before) is type(edit.after)
        and all(
            getattr(edit.before, f.name) == getattr(edit.after, f.name)
            for f in fields(edit.before)
            if f.name not in WORDING_FIELDS
        )
        for edit in change.edits
    )


def undo(plan: Plan, change: Change) -> None:
    """Put the plan back exactly as it was before `change`."""
    for edit in reversed(change.edits):
        _apply(plan, edit.table, edit.key, edit.before, edit.index)


def redo(plan: Plan, change: Change) -> None:
    """Apply `change` again after it was undone."""
    for edit in change.edits:
        _apply(plan, edit.table, edit.key, edit.after, None)


def _apply(plan: Plan, table: str, key, value, index: int | None) -> None:
    if table == PROJECT:
        plan.project = value
        return
    entities = plan.table(table)
    if value is None:
        entities.pop(key, None)
    elif key in entities or index is None or index >= len(entities):
        entities[key] = value
    else:
        items = list(entities.items())
        items.insert(index, (key, value))
        entities.clear()
        entities.update(items)


class Recorder:
    """Changes a plan and remembers each entity's before-image, to make one `Change`."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.edits: list[Edit] = []

    def put(self, entity) -> None:
        table, key = locate(entity)
        entities = self.plan.table(table)
        before = entities.get(key)
        if before == entity:
            return
        if before is not None and hasattr(entity, "modified"):
            entity = replace(entity, modified=timestamp())
        entities[key] = entity
        self.edits.append(Edit(table, key, before, entity))

    def remove(self, table: str, key) -> None:
        entities = self.plan.table(table)
        if key not in entities:
            return
        index = list(entities).index(key) if len(entities) > 1 else 0
        before = entities.pop(key)
        self.edits.append(Edit(table, key, before, None, index))

    def set_project(self, project: Project) -> None:
        if project != self.plan.project:
            self.edits.append(Edit(PROJECT, None, self.plan.project, project))
            self.plan.project = project

    def done(self, label: str) -> Change:
        return Change(label, tuple(self.edits))


def consequences(change: Change) -> list[str]:
    """Sentences saying what a change does besides its main edit, to confirm a delete.

    >>> from domain.entities import Initiative, Team
    >>> from domain.operations import add_initiative, add_team, delete_team
    >>> plan = Plan()
    >>> sales = Team(name="Sales")
    >>> _ = add_team(plan, sales)
    >>> _ = add_initiative(plan, Initiative(name="Pilot", owner=sales.id))
    >>> consequences(delete_team(plan.copy(), sales.id))
    ['1 initiative will have no owner team']
    """
    removed: dict[str, int] = {}
    changed: dict[str, int] = {}
    for edit in change.edits[:-1]:
        counts = removed if edit.after is None else changed
        counts[edit.table] = counts.get(edit.table, 0) + 1
    sentences = []
    for table, count in removed.items():
        singular, plural = KIND_NAMES[table]
        sentences.append(f"{counted(count, singular, plural)} will be removed")
    main = change.edits[-1].table if change.edits else None
    for table, count in changed.items():
        singular, plural = KIND_NAMES[table]
        what = {
            ("teams", "initiatives"): "will have no owner team or lose a role",
            ("teams", "goals"): "will have no owner team",
            ("goals", "goals"): "will move up to the parent goal",
            ("goals", "initiatives"): "will no longer serve this goal",
            ("skills", "initiatives"): "will no longer require this skill",
            ("initiatives", "handoffs"): "will no longer belong to an initiative",
        }.get((main, table), "will change")
        if (main, table) == ("teams", "initiatives"):
            what = "will have no owner team" if _all_lose_owner(change) else what
        sentences.append(f"{counted(count, singular, plural)} {what}")
    return sentences


def _all_lose_owner(change: Change) -> bool:
    return all(
        e.before.owner is not None and e.after.owner is None
        for e in change.edits
        if e.table == "initiatives" and e.after is not None
    )

"""One operation that turns a plan into another whole plan (a merge, for instance), undoable exactly."""

from __future__ import annotations

from domain.changes import PROJECT, Change, Edit, redo
from domain.plan import TABLES, Plan


def replace_plan(plan: Plan, new_plan: Plan, label: str) -> Change:
    """Make `plan` hold exactly what `new_plan` holds, entities, stamps and order, as one `Change`
    recording the before and after of every entity that differs; undo puts `plan` back exactly.

    Entities at the start of the new order that keep their old order are edited in place; the others
    are taken out and put back in the new order, so the order is exact too (a merge keeps my order and
    appends what is new, so it moves nothing).

    Examples
    --------
    >>> from domain.changes import undo
    >>> from domain.entities import Team
    >>> plan, other = Plan(), Plan()
    >>> plan.add(Team(id="t1", name="Sales"))
    >>> other.add(Team(id="t2", name="Data"))
    >>> change = replace_plan(plan, other, "Merge changes from plan-ben.tutti")
    >>> list(plan.teams), [(e.before is None, e.after is None) for e in change.edits]
    (['t2'], [(False, True), (True, False)])
    >>> undo(plan, change)
    >>> list(plan.teams)
    ['t1']
    """
    removals, updates, additions = [], [], []
    if plan.project != new_plan.project:
        updates.append(Edit(PROJECT, None, plan.project, new_plan.project))
    for table in TABLES:
        old, new = plan.table(table), new_plan.table(table)
        settled = _settled(list(old), list(new))
        # From the end backwards, so each recorded index is the entity's place in the untouched table.
        for index, key in reversed(list(enumerate(old))):
            if key not in settled:
                removals.append(Edit(table, key, old[key], None, index))
        for key, entity in new.items():
            if key in settled:
                if old[key] != entity:
                    updates.append(Edit(table, key, old[key], entity))
            else:
                additions.append(Edit(table, key, None, entity))
    change = Change(label, tuple(removals + updates + additions))
    redo(plan, change)
    return change


def _settled(old: list, new: list) -> set:
    """The entities that stay in place: the longest start of the new order that the old table holds in
    the same order. Everything after it is appended in the new order, so the result is the new order."""
    place = {key: index for index, key in enumerate(old)}
    settled, last = set(), -1
    for key in new:
        if place.get(key, -1) <= last:
            break
        settled.add(key)
        last = place[key]
    return settled

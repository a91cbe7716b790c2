"""The leader's choices on a reviewed merge: incoming changes turned down, conflicts settled as mine, theirs or
a value typed in, applied to the merge to give the plan that is taken.

The review starts from `merge(base, mine, theirs)` with conflicts settled towards mine, so "mine" is the
default of every conflict and only what the leader changes needs saying.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from domain.compare import ITEM_FIELDS, LINKS, PROJECT, Names, entities, facts, linked, with_facts
from domain.limits import longest_text
from domain.merge import MINE, Conflict, MergeResult
from domain.plan import TABLES, Plan
from domain.wording import KIND_NAMES

WHOLE_LINKS = {"team_skills", "dependencies"}  # links that are nothing without both ends
WHOLE_FIELDS = {"from_team", "to_team"}  # a hand-off is nothing without both teams


@dataclass(frozen=True, slots=True)
class Choices:
    """What the leader changed in the review: indexes into `MergeResult.taken` turned down, indexes into
    `MergeResult.conflicts` settled as theirs, and conflict indexes with a value typed in."""

    rejected: frozenset[int] = frozenset()
    theirs: frozenset[int] = frozenset()
    edited: Mapping[int, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Resolution:
    """The plan the leader takes, and what had to be left out of it because of the choices."""

    plan: Plan
    notes: list[str]


def apply_choices(result: MergeResult, base: Plan, mine: Plan, theirs: Plan, choices: Choices) -> Resolution:
    """The merged plan with the leader's choices applied; `result` is the merge of `theirs` into `mine`
    (both from `base`) with conflicts settled towards mine. Nothing passed in is changed.

    A link left pointing at something the choices took out (an incoming dependency on an initiative whose
    addition was turned down) is left out too, as deleting that end would, and named in the notes. Something
    they deleted that the merge kept only for my links to it goes when she takes their side of every such
    link. The plan keeps my order, with what comes in after it.
    """
    if any(conflict.taken != MINE for conflict in result.conflicts):
        raise ValueError("choices apply to a merge whose conflicts were settled towards mine")
    plan = result.plan.copy()
    for index, difference in enumerate(result.taken):
        if index in choices.rejected:
            _set(plan, difference.kind, difference.id, difference.field, difference.item, difference.before)
    for index, conflict in enumerate(result.conflicts):
        if index in choices.edited:
            _set(plan, conflict.kind, conflict.id, conflict.field, conflict.item, choices.edited[index])
        elif index in choices.theirs:
            _take_theirs(plan, theirs, conflict)
    _drop_kept_for_links(plan, result, base, theirs, choices)
    notes = _leave_out_dangling(plan, Names(plan, mine, theirs))
    _in_my_order(plan, mine)
    return Resolution(plan, notes)


def editable(conflict: Conflict) -> bool:
    """True when the leader may type a value of her own: a text or number field, not a link or a date."""
    values = [v for v in (conflict.mine, conflict.theirs) if v is not None]
    return (
        conflict.field is not None
        and (conflict.kind, conflict.field) not in LINKS
        and conflict.field != "goals"
        and bool(values)
        and all(type(v) in (str, int, float) for v in values)
    )


def typed_value(conflict: Conflict, text: str):
    """The value `text` stands for in an editable conflict's field; ValueError with a sentence when it is
    not one. Empty text is "none" where either side has none, and empty text in a text field."""
    sample = next(v for v in (conflict.mine, conflict.theirs) if v is not None)
    text = text.strip() if not isinstance(sample, str) else text
    if not text and None in (conflict.mine, conflict.theirs):
        return None
    if isinstance(sample, str):
        if len(text) > longest_text(conflict.field):
            raise ValueError(f"A {conflict.field} can have at most {longest_text(conflict.field):,} characters.")
        return text
    try:
        value = int(text) if isinstance(sample, int) else float(text)
    except ValueError:
        raise ValueError(f"'{text[:20]}' is not a number.") from None
    if not math.isfinite(value):
        raise ValueError("Type a finite number.")
    return value


def _set(plan: Plan, kind: str, key, name: str | None, item, value) -> None:
    """Put one fact of an entity (or, with `name` None, the whole entity or its absence) in the plan."""
    if kind == PROJECT:
        plan.project = (
            value
            if name is None
            else with_facts(kind, plan.project, {**facts(kind, plan.project), (name, None): value})
        )
        return
    table = plan.table(kind)
    if name is None:
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value
        return
    entity = table.get(key)
    if entity is None:  # taken out by another choice
        return
    found = facts(kind, entity)
    if item is not None and value is None:
        found.pop((name, item), None)
    else:
        found[name, item] = value
    table[key] = with_facts(kind, entity, found)


def _take_theirs(plan: Plan, theirs: Plan, conflict: Conflict) -> None:
    """Settle a conflict as theirs, bringing back from their copy whatever their side links to."""
    kind, key = conflict.kind, conflict.id
    if conflict.field is None or kind in WHOLE_LINKS or conflict.field in WHOLE_FIELDS:
        _set(plan, kind, key, None, None, entities(theirs, kind).get(key))
    else:
        _set(plan, kind, key, conflict.field, conflict.item, conflict.theirs)
    entity = entities(plan, kind).get(key)
    if entity is None or kind == PROJECT:
        return
    for _name, _item, table, target in linked(kind, entity):
        if target not in plan.table(table) and target in theirs.table(table):
            plan.table(table)[target] = theirs.table(table)[target]


def _drop_kept_for_links(plan: Plan, result: MergeResult, base: Plan, theirs: Plan, choices: Choices) -> None:
    """Take out what their copy deleted and the merge kept only because my copy linked to it, once the
    leader has taken their side of those links and nothing else links to it."""
    if not choices.theirs:
        return
    linked_to = {
        (table, target) for kind in TABLES for e in plan.table(kind).values() for *_, table, target in linked(kind, e)
    }
    kept_mine = {(c.kind, c.id) for n, c in enumerate(result.conflicts) if c.field is None and n not in choices.theirs}
    for index in choices.theirs:
        conflict = result.conflicts[index]
        table = LINKS.get((conflict.kind, conflict.field))
        if table is None or conflict.theirs is not None or conflict.mine is None:
            continue
        target = conflict.item if conflict.field in ITEM_FIELDS else conflict.mine
        if (
            target in plan.table(table)
            and target in base.table(table)
            and target not in theirs.table(table)
            and (table, target) not in linked_to | kept_mine
        ):
            del plan.table(table)[target]


def _leave_out_dangling(plan: Plan, names: Names) -> list[str]:
    """Take out every link to an entity the plan does not hold, as deleting that entity would; a note each."""
    notes = []
    for kind in TABLES:
        table = plan.table(kind)
        for key in list(table):
            for name, item, target_table, target in linked(kind, table[key]):
                if target in plan.table(target_table) or key not in table:
                    continue
                what = f"{KIND_NAMES[target_table][0]} {names.name(target_table, target)}"
                label = names.label(kind, key)
                entity = table[key]
                if kind in WHOLE_LINKS or name in WHOLE_FIELDS:
                    notes.append(f"{label} is left out: it needs {what}, which the merged plan does not hold.")
                    del table[key]
                elif name in ITEM_FIELDS:
                    notes.append(f"{label}: its link to {what} is left out, as the merged plan does not hold it.")
                    found = {fact: v for fact, v in facts(kind, entity).items() if fact != (name, item)}
                    table[key] = with_facts(kind, entity, found)
                else:
                    notes.append(
                        f"{label}: {names.field(kind, name, item)} is cleared, as the merged plan does not hold {what}."
                    )
                    table[key] = replace(entity, **{name: None})
    return notes


def _in_my_order(plan: Plan, mine: Plan) -> None:
    """Every table in my copy's order, then what is new in the order the merge brought it."""
    for kind in TABLES:
        table, place = plan.table(kind), {key: index for index, key in enumerate(mine.table(kind))}
        ordered = sorted(table.items(), key=lambda pair: place.get(pair[0], len(place)))
        table.clear()
        table.update(ordered)

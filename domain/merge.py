"""Three-way merge of two copies of one plan against their common ancestor, field by field.

A field changed on one side is taken; the same change on both sides is taken once; different changes to one
field, an edit against a delete, and a link to something the other side deleted are conflicts. Each conflict
is resolved towards one side (`prefer`, else mine) so the merged plan is always whole, and is reported in
words with both values. The ancestor is any plan both copies came from: given by the user today, found in
the files' history later.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from domain.compare import (
    ITEM_FIELDS,
    KINDS,
    PROJECT,
    Difference,
    Names,
    changes,
    compare,
    entities,
    facts,
    missing_links,
    plain,
    quoted,
    same,
    with_facts,
)
from domain.graphs import circles, dependency_graph, goal_parent_graph
from domain.plan import Plan
from domain.wording import counted

MINE, THEIRS = "mine", "theirs"
NAMED_KINDS = (
    ("goals", "goal", "goals"),
    ("teams", "team", "teams"),
    ("skills", "skill", "skills"),
    ("initiatives", "initiative", "initiatives"),
)


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two sides that changed one thing differently. `field`/`item` as in `domain.compare.Difference`
    (None when the conflict is about the whole entity); `base`, `mine`, `theirs` the three values
    (None where absent); `taken` the side the merged plan follows."""

    kind: str
    id: object
    field: str | None
    item: object | None
    base: object
    mine: object
    theirs: object
    taken: str
    text: str


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The merged plan, every conflict, what the merge changes in mine, and notes (names now used twice)."""

    plan: Plan
    conflicts: list[Conflict]
    taken: list[Difference]
    notes: list[str]


def merge(base: Plan, mine: Plan, theirs: Plan, prefer: str | None = None) -> MergeResult:
    """Merge `theirs` into `mine`, both descended from `base`. Inputs are not changed.

    Conflicts are resolved towards `prefer` ("mine" or "theirs"; None means mine) and always listed.
    `taken` lists the differences from mine to the merged plan: the incoming changes.

    Examples
    --------
    >>> from domain.entities import Team
    >>> base = Plan()
    >>> base.add(Team(id="t1", name="Sales", capacity=72.0, headcount=8))
    >>> mine, theirs = base.copy(), base.copy()
    >>> mine.add(Team(id="t1", name="Sales", capacity=60.0, headcount=8))
    >>> theirs.add(Team(id="t1", name="Sales", capacity=72.0, headcount=9))
    >>> result = merge(base, mine, theirs)
    >>> result.plan.teams["t1"].capacity, result.plan.teams["t1"].headcount, result.conflicts
    (60.0, 9, [])
    """
    if prefer not in (None, MINE, THEIRS):
        raise ValueError(f"prefer must be 'mine', 'theirs' or None, not {prefer!r}")
    merging = _Merge(base, mine, theirs, prefer or MINE)
    merged = Plan()
    for kind in KINDS:
        result = {}
        old, ours, other = entities(base, kind), entities(mine, kind), entities(theirs, kind)
        for key in dict.fromkeys([*ours, *other]):
            entity = merging.entity(kind, key, old.get(key), ours.get(key), other.get(key))
            if entity is not None:
                result[key] = entity
        if kind == PROJECT:
            merged.project = result[None]
        else:
            merged.table(kind).update(result)
    merging.mend_links(merged)
    _keep_order(merged, mine, theirs)
    notes = _names_used_twice(merged, mine, theirs) + _new_draft_problems(merged, mine, theirs, merging.names)
    return MergeResult(merged, merging.conflicts, compare(mine, merged), notes)


def _keep_order(merged: Plan, mine: Plan, theirs: Plan) -> None:
    """Put every table in my order, then theirs: an entity that mending a link brought back takes its
    place again instead of coming last."""
    for kind in KINDS[1:]:
        table = merged.table(kind)
        order = {key: n for n, key in enumerate(dict.fromkeys([*mine.table(kind), *theirs.table(kind)]))}
        keys = sorted(table, key=lambda key: order.get(key, len(order)))
        if keys != list(table):
            entities = dict(table)
            table.clear()
            table.update((key, entities[key]) for key in keys)


def _circle_of_waiting(plan: Plan) -> list | None:
    """Initiatives that wait for each other in a circle (or one that waits for itself), or None."""
    itself = next((before for before, after in plan.dependencies if before == after), None)
    if itself is not None:
        return [itself]
    found = circles(dependency_graph(plan))
    return found[0][1] if found else None


def _waits_in(plan: Plan, circle: list) -> bool:
    """True when the plan holds each initiative and dependency of `circle`: a quick test that spares
    searching a large plan for a circle the other plan already showed."""
    return all(key in plan.initiatives for key in circle) and all(
        pair in plan.dependencies for pair in zip(circle, circle[1:] + circle[:1])
    )


def conflict_to_json(conflict: Conflict) -> dict:
    """A conflict as plain JSON data, values as in `domain.compare.difference_to_json`."""
    return {
        "kind": conflict.kind,
        "id": plain(conflict.id),
        "field": conflict.field,
        "item": conflict.item,
        "base": plain(conflict.base),
        "mine": plain(conflict.mine),
        "theirs": plain(conflict.theirs),
        "taken": conflict.taken,
        "text": conflict.text,
    }


class _Merge:
    """The three plans, the side conflicts go to, and the conflicts found so far."""

    def __init__(self, base: Plan, mine: Plan, theirs: Plan, side: str):
        self.base, self.mine, self.theirs, self.side = base, mine, theirs, side
        self.names = Names(mine, theirs, base)
        self.conflicts: list[Conflict] = []

    def plan(self, side: str) -> Plan:
        return self.mine if side == MINE else self.theirs

    def entity(self, kind: str, key, old, ours, other):
        """One entity merged, or None when the merged plan does not hold it."""
        if ours is None or other is None:
            present, side = (ours, MINE) if other is None else (other, THEIRS)
            if old is None or same(kind, old, present):  # added on one side, or deleted and left alone
                return None if old is not None else present
            return self._edit_against_delete(kind, key, old, present, side)
        if ours == other:  # my copy's own entity: what the merged plan shares with mine, saving need not compare
            return ours
        if old is not None and same(kind, old, ours):
            return other
        if old is not None and same(kind, old, other):
            return ours
        return self._fields(kind, key, old, ours, other)

    def _edit_against_delete(self, kind: str, key, old, edited, editor: str):
        deleter = THEIRS if editor == MINE else MINE
        label = self.names.label(kind, key)
        edits = [
            d.text.removeprefix(label).removeprefix(":").strip()
            for d in changes(kind, key, old, edited, self.names, self.names)
        ]
        text = f"{label}: {editor} changed it ({'; '.join(edits)}), {deleter} deleted it"
        values = {MINE: edited, THEIRS: None} if editor == MINE else {MINE: None, THEIRS: edited}
        self._conflict(kind, key, None, None, old, values[MINE], values[THEIRS], text)
        return edited if self.side == editor else None

    def _fields(self, kind: str, key, old, ours, other):
        """Field by field; `old` is None when both sides added an entity with the same key."""
        old_facts = facts(kind, old) if old is not None else {}
        our_facts, their_facts = facts(kind, ours), facts(kind, other)
        result = {}
        for fact in dict.fromkeys([*our_facts, *their_facts, *old_facts]):
            was, mine, theirs = old_facts.get(fact), our_facts.get(fact), their_facts.get(fact)
            if mine == theirs or theirs == was:
                value = mine
            elif mine == was:
                value = theirs
            else:
                name, item = fact
                words = self.names.field(kind, name, item)
                shown = [self.names.value(kind, name, v) for v in (mine, theirs, was)]
                since = f"was {shown[2]}" if old is not None else "both added"
                self._conflict(
                    kind,
                    key,
                    name,
                    item,
                    was,
                    mine,
                    theirs,
                    f"{self.names.label(kind, key)}: {words}: mine {shown[0]}, theirs {shown[1]} ({since})",
                )
                value = mine if self.side == MINE else theirs
            if value is not None or fact[1] is None:
                result[fact] = value
        entity = with_facts(kind, ours, result)
        if hasattr(entity, "modified"):
            stamps = [e.modified for e in (ours, other) if facts(kind, e) == result] or [ours.modified, other.modified]
            entity = replace(entity, modified=max(stamps))
        return entity

    def _conflict(self, kind, key, name, item, was, mine, theirs, text: str) -> None:
        self.conflicts.append(Conflict(kind, key, name, item, was, mine, theirs, self.side, text))

    def mend_links(self, merged: Plan) -> None:
        """Resolve every link to an entity one side deleted and every circle of goals the merge closed,
        until the merged plan has neither."""
        while self._mend_dangling(merged) | self._open_goal_circles(merged):
            pass

    def _mend_dangling(self, merged: Plan) -> bool:
        """Every link to a missing entity, found before any is mended so that each one is reported."""
        dangling = missing_links(merged)
        for kind, key, *link in dangling:
            if key in merged.table(kind):  # not removed for the sake of its other end
                self._link_to_deleted(merged, kind, key, *link)
        return bool(dangling)

    def _link_to_deleted(self, merged: Plan, kind, key, name, item, table, target) -> None:
        """A link to `target`, which one side deleted: the side that links to it keeps it (restoring the
        target) when the conflict goes its way, else the link goes as deleting the target removes it."""
        holder = MINE if target in self.mine.table(table) else THEIRS if target in self.theirs.table(table) else None
        deleter = THEIRS if holder == MINE else MINE
        what = f"{table.rstrip('s')} {self.names.name(table, target)}"
        label = self.names.label(kind, key)
        text = (
            f"{label}: {holder} links it to {what}, which {deleter} deleted"
            if holder is not None
            else f"{label}: links to {what}, which neither copy holds"
        )
        entity = merged.table(kind)[key]
        linking = facts(kind, entity)[name, item] if item is not None else getattr(entity, name)
        values = {MINE: linking, THEIRS: None} if holder == MINE else {MINE: None, THEIRS: linking}
        self._conflict(kind, key, name, item, None, values[MINE], values[THEIRS], text)
        if holder == self.side:
            merged.table(table).setdefault(target, self.plan(holder).table(table)[target])
            return
        if kind in ("team_skills", "dependencies") or name in ("from_team", "to_team"):
            del merged.table(kind)[key]  # a link that cannot be without this end, as deleting the end removes it
        elif name in ITEM_FIELDS:
            merged.table(kind)[key] = with_facts(
                kind, entity, {fact: value for fact, value in facts(kind, entity).items() if fact != (name, item)}
            )
        elif name == "parent":
            merged.goals[key] = replace(entity, parent=self._nearest_goal_above(merged, target))
        else:
            merged.table(kind)[key] = replace(entity, **{name: None})

    def _nearest_goal_above(self, merged: Plan, goal):
        """Where a sub-goal of a deleted goal goes: the nearest goal above it that the merge keeps,
        as deleting a goal moves its sub-goals up."""
        seen = set()
        while goal is not None and goal not in merged.goals and goal not in seen:
            seen.add(goal)
            above = self.names.entity("goals", goal)
            goal = above.parent if above is not None else None
        return goal if goal in merged.goals else None

    def _open_goal_circles(self, merged: Plan) -> bool:
        """Goals that each side moved so that together they sit under each other: the other side's moves
        give way to the preferred side's."""
        preferred = self.plan(self.side).goals
        opened = False
        for circle, _ in circles(goal_parent_graph(merged)):
            for key in [g for g in merged.goals if g in circle and g in preferred]:
                goal, wanted = merged.goals[key], preferred[key].parent
                if goal.parent == wanted:
                    continue
                mine, theirs = (wanted, goal.parent) if self.side == MINE else (goal.parent, wanted)
                shown = [self.names.value("goals", "parent", v) for v in (mine, theirs)]
                self._conflict(
                    "goals",
                    key,
                    "parent",
                    None,
                    self.base.goals[key].parent if key in self.base.goals else None,
                    mine,
                    theirs,
                    f"{self.names.label('goals', key)}: parent goal: mine {shown[0]}, theirs {shown[1]}"
                    " (together they put goals under each other in a circle)",
                )
                merged.goals[key] = replace(goal, parent=wanted)
                opened = True
        return opened


def _names_used_twice(merged: Plan, mine: Plan, theirs: Plan) -> list[str]:
    """A note for each name the merged plan uses more than once where neither copy did."""
    notes = []
    for table, singular, plural in NAMED_KINDS:
        counts = [Counter(e.name.strip().casefold() for e in p.table(table).values()) for p in (merged, mine, theirs)]
        shown = {e.name.strip().casefold(): e.name for e in merged.table(table).values()}
        for name, count in counts[0].items():
            if count > 1 and counts[1][name] < count and counts[2][name] < count:
                notes.append(f"There are now {counted(count, singular, plural)} called {quoted(shown[name])}.")
    return notes


def _new_draft_problems(merged: Plan, mine: Plan, theirs: Plan, names: Names) -> list[str]:
    """Notes on problems a draft may have that the two copies make together: a circle of initiatives waiting
    for each other when neither copy had any circle, a hand-off whose two ends each side moved to one team."""

    notes = [
        f"{names.label('handoffs', key)} now goes from team {names.name('teams', handoff.from_team)} to itself "
        "(each copy changed one end)."
        for key, handoff in merged.handoffs.items()
        if handoff.from_team == handoff.to_team
        and all(key not in p.handoffs or p.handoffs[key].from_team != p.handoffs[key].to_team for p in (mine, theirs))
    ]
    circle = _circle_of_waiting(merged)
    if circle is not None and not any(_waits_in(p, circle) or _circle_of_waiting(p) for p in (mine, theirs)):
        notes.append(
            "Together the two copies make initiatives wait for each other in a circle; 'tutti check' shows where."
        )
    return notes

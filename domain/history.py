"""A plan's saved history: revisions, their parents, and the reverse deltas that rebuild any ancestor.

Each save is a `Revision`. For each of its parents the history keeps a reverse delta: the before-images
of the entities that save touched, so the parent's plan is the saved plan with the delta applied. A merge
has two parents and keeps one delta per parent. Compacting drops old deltas but keeps the revisions, so
copies of one plan still recognise what they share.
"""

from __future__ import annotations

import itertools
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from domain.compare import ADDED, CHANGED, KINDS, PROJECT, REMOVED, entities, same
from domain.entities import timestamp
from domain.plan import TABLES, Plan
from domain.wording import KIND_NAMES, counted

if TYPE_CHECKING:  # networkx loads where a history is walked: the window shows before it (plan files import this)
    import networkx as nx

ORDER = "order"  # a delta entry that puts a table's entities back in their earlier order
SHORT_ID = 8


@dataclass(frozen=True, slots=True)
class Revision:
    """One save: when, by whom, what changed in a line, and the revisions it was made from."""

    id: str
    saved: str  # UTC time, YYYY-MM-DDTHH:MM:SSZ
    author: str
    summary: str
    parents: tuple[str, ...] = ()
    pruned: bool = False  # its deltas were dropped by compacting

    @property
    def short_id(self) -> str:
        return self.id[:SHORT_ID]


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of a reverse delta: `kind` is a table or "project", `before` the entity in the older plan
    (None where it did not exist). For kind ORDER, `key` is a table and `before` pairs (index, key): each
    key is taken out and put back at its index in the older order, in rising order of index."""

    kind: str
    key: object
    before: object


@dataclass
class History:
    """Every revision a file knows (oldest first), the reverse deltas it keeps, the head revision, and the plan
    as saved at the head (None when unknown: then the next save starts a new line of history)."""

    revisions: dict[str, Revision] = field(default_factory=dict)
    deltas: dict[tuple[str, str], tuple[Entry, ...]] = field(default_factory=dict)
    head: str | None = None
    saved: Plan | None = field(default=None, compare=False)

    @property
    def head_revision(self) -> Revision | None:
        return self.revisions.get(self.head) if self.head is not None else None


def reverse_delta(new: Plan, old: Plan) -> tuple[Entry, ...]:
    """What turns `new` back into `old`: the old image of every entity that differs, then the old order of
    any table whose order the images alone would not restore.

    Examples
    --------
    >>> from domain.entities import Team
    >>> old = Plan()
    >>> old.add(Team(id="t1", name="Sales"))
    >>> new = old.copy()
    >>> new.add(Team(id="t1", name="Sales and marketing"))
    >>> apply_delta(new, reverse_delta(new, old)).same_as(old)
    True
    """
    found = []
    for kind in KINDS:
        before, after = entities(old, kind), entities(new, kind)
        # Most entities are the very objects the older plan holds: `is` spares comparing them field by field.
        found.extend(
            Entry(kind, key, entity)
            for key, entity in before.items()
            if (now := after.get(key)) is not entity and now != entity
        )
        found.extend(Entry(kind, key, None) for key in after if key not in before)
    rebuilt = apply_delta(new, found)
    for table in TABLES:
        order = list(old.table(table))
        if list(rebuilt.table(table)) != order:
            # Edits keep the order of what stays, so putting back only what the save removed is usually enough.
            restored = tuple((n, key) for n, key in enumerate(order) if key not in new.table(table))
            fits = list(_placed(rebuilt.table(table), restored)) == order
            found.append(Entry(ORDER, table, restored if fits else tuple(enumerate(order))))
    return tuple(found)


def _placed(table: dict, places) -> dict:
    """`table` with each (index, key) of `places` moved to its index, in rising order of index."""
    moving = {key for _, key in places}
    keys = [key for key in table if key not in moving]
    for index, key in sorted(places, key=lambda place: place[0]):
        if key in table:
            keys.insert(index, key)
    return {key: table[key] for key in keys}


def apply_delta(plan: Plan, entries) -> Plan:
    """A copy of `plan` with a reverse delta applied: the older plan the delta was made from."""
    older = plan.copy()
    for entry in entries:
        if entry.kind == PROJECT:
            older.project = entry.before
        elif entry.kind == ORDER:
            table = older.table(entry.key)
            ordered = _placed(table, entry.before)
            table.clear()
            table.update(ordered)
        elif entry.before is None:
            older.table(entry.kind).pop(entry.key, None)
        else:
            older.table(entry.kind)[entry.key] = entry.before
    return older


def summary(old: Plan | None, new: Plan) -> str:
    """What a save changed, in one line: "2 teams changed, 1 initiative added"; each entity counts once.

    Examples
    --------
    >>> from domain.entities import Team
    >>> old = Plan()
    >>> new = old.copy()
    >>> new.add(Team(id="t1", name="Sales"))
    >>> summary(old, new), summary(new, new), summary(None, new)
    ('1 team added', 'no changes', 'first recorded save')
    """
    if old is None:
        return "first recorded save"
    return _described(reverse_delta(new, old), new)


def _described(delta: tuple[Entry, ...], new: Plan) -> str:
    """`summary` read off the save's reverse delta: an entity it holds an older image of counts as changed
    only where a field or link changed, not its stamps or the order of its links (as `compare` counts)."""
    counts = Counter()
    for entry in delta:
        if entry.kind == ORDER:
            continue
        now = entities(new, entry.kind).get(entry.key)
        if entry.before is None:
            counts[entry.kind, ADDED] += 1
        elif now is None:
            counts[entry.kind, REMOVED] += 1
        elif not same(entry.kind, entry.before, now):
            counts[entry.kind, CHANGED] += 1
    parts = []
    for kind in KINDS:
        for change in (ADDED, REMOVED, CHANGED):
            if counts[kind, change]:
                what = "project" if kind == PROJECT else counted(counts[kind, change], *KIND_NAMES[kind])
                parts.append(f"{what} {change}")
    return ", ".join(parts) or "no changes"


def recorded(
    history: History | None, plan: Plan, *, author: str, saved: str | None = None, merged: History | None = None
) -> History:
    """The history after saving `plan`: a new head revision whose parent is the old head, and also the head
    of `merged` (whose revisions are carried along) when the plan is a merge of the two. A copy whose head
    this history holds already (an unchanged copy, an older save) adds no parent."""
    if history is not None and merged is not None and merged.head in history.revisions:
        merged = None
    sides = [h for h in (history, merged) if h is not None and h.head is not None and h.saved is not None]
    joined = History()
    for side in sides:
        joined = carried(joined, side)
    deltas = [reverse_delta(plan, side.saved) for side in sides]
    revision = Revision(
        id=uuid.uuid4().hex,
        saved=saved or timestamp(),
        author=author,
        summary=_described(deltas[0], plan) if sides else summary(None, plan),
        parents=tuple(side.head for side in sides),
    )
    joined.revisions[revision.id] = revision
    for side, delta in zip(sides, deltas):
        joined.deltas[revision.id, side.head] = delta
    return History(joined.revisions, joined.deltas, revision.id, plan.copy())


def carried(mine: History, theirs: History) -> History:
    """Both histories in one: mine's revisions first; a delta either side kept is kept."""
    revisions = dict(mine.revisions)
    for key, revision in theirs.revisions.items():
        if key not in revisions:
            revisions[key] = revision
        elif revisions[key].pruned and not revision.pruned:
            revisions[key] = replace(revisions[key], pruned=False)
    deltas = {**theirs.deltas, **mine.deltas}
    return History(revisions, deltas)


def _graph(*histories: History) -> nx.DiGraph:
    """Parents point to their children."""
    import networkx as nx

    graph = nx.DiGraph()
    for history in histories:
        graph.add_nodes_from(history.revisions)
        graph.add_edges_from((p, r.id) for r in history.revisions.values() for p in r.parents)
    return graph


def is_acyclic(revisions: dict[str, Revision]) -> bool:
    """True when no revision is its own ancestor."""
    import networkx as nx

    return nx.is_directed_acyclic_graph(_graph(History(revisions)))


def common_ancestor(mine: History, theirs: History) -> str | None:
    """The nearest revision both heads descend from (a head itself, when one copy is an ancestor of the
    other), or None when the copies share no recorded history. Ties go to the most recently saved."""
    import networkx as nx

    if mine.head is None or theirs.head is None:
        return None
    graph = _graph(mine, theirs)
    common = (nx.ancestors(graph, mine.head) | {mine.head}) & (nx.ancestors(graph, theirs.head) | {theirs.head})
    nearest = [r for r in common if not any(child in common for child in graph.successors(r))]
    if not nearest:
        return None
    known = {**theirs.revisions, **mine.revisions}
    return max(sorted(nearest), key=lambda r: known[r].saved)


def plan_at(history: History, revision: str) -> Plan | None:
    """The plan as it was saved at `revision`, rebuilt from the head through the deltas this history keeps;
    None when a delta on the way was dropped (or never recorded)."""
    import networkx as nx

    if history.saved is None or history.head is None:
        return None
    steps = nx.DiGraph()
    steps.add_edges_from(history.deltas)  # child -> parent, only where the delta is here
    steps.add_node(history.head)
    try:
        path = nx.shortest_path(steps, history.head, revision)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None
    plan = history.saved
    for child, parent in itertools.pairwise(path):
        plan = apply_delta(plan, history.deltas[child, parent])
    return plan


def compacted(history: History, keep: int) -> History:
    """The history with the deltas of all but the `keep` most recent revisions dropped; every revision stays,
    marked pruned, so copies still recognise the history they share."""
    kept = {r.id for r in newest_first(history)[:keep]}
    revisions = {
        key: r if key in kept or not r.parents else replace(r, pruned=True) for key, r in history.revisions.items()
    }
    deltas = {key: entries for key, entries in history.deltas.items() if key[0] in kept}
    return History(revisions, deltas, history.head, history.saved)


def newest_first(history: History) -> list[Revision]:
    """The revisions from the head back, each after every revision made from it (the log's order)."""
    import networkx as nx

    graph = _graph(history)
    order = list(nx.lexicographical_topological_sort(graph, key=lambda r: (history.revisions[r].saved, r)))
    return [history.revisions[r] for r in reversed(order)]


def version_stamp(history: History | None) -> tuple[str, str] | None:
    """The head revision's short id and save date (YYYY-MM-DD), for the version stamp on printed pages;
    None for a plan with no recorded save."""
    head = history.head_revision if history is not None else None
    return (head.short_id, head.saved[:10]) if head is not None else None


def revision_named(history: History | None, prefix: str) -> Revision:
    """The revision whose id starts with `prefix` (a short id as `tutti log` shows it, or longer).
    Raises LookupError saying why there is none: no revision starts so, or more than one does."""
    wanted = prefix.strip().lower()
    found = [r for r in (history.revisions.values() if history else ()) if wanted and r.id.startswith(wanted)]
    if not found:
        raise LookupError(f"no revision {prefix[:40]!r} in its history (tutti log lists them)")
    if len(found) > 1:
        raise LookupError(f"revision {prefix[:40]!r} is ambiguous: {len(found)} revisions start so; give more of it")
    return found[0]

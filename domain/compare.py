"""What changed between two versions of one plan, entity by entity and field by field, in a leader's words.

Entities are matched by id (team skill levels by team and skill, dependencies by their two initiatives),
so a renamed team is a change, not a removal and an addition. An initiative's goal links, skill needs and
RACI roles are compared one by one, keyed by the goal, skill or team they link to. Order and the
`created`/`modified` stamps are not changes. `domain.merge` builds on the same field-by-field view.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from domain.calendar import describe_calendar
from domain.entities import (
    Dependency,
    Goal,
    Handoff,
    Initiative,
    Project,
    RaciRole,
    Relation,
    Skill,
    SkillNeed,
    Team,
    TeamSkill,
    WorkCalendar,
)
from domain.plan import TABLES, Plan
from domain.wording import KIND_NAMES, counted

PROJECT = "project"
KINDS = (PROJECT, *TABLES)
ADDED, REMOVED, CHANGED = "added", "removed", "changed"

# Fields of a link that say which entity it points to: (kind, field) -> the table of the entity.
LINKS = {
    ("goals", "parent"): "goals",
    ("goals", "owner"): "teams",
    ("team_skills", "team"): "teams",
    ("team_skills", "skill"): "skills",
    ("initiatives", "owner"): "teams",
    ("initiatives", "goals"): "goals",
    ("initiatives", "skills"): "skills",
    ("initiatives", "raci"): "teams",
    ("dependencies", "before"): "initiatives",
    ("dependencies", "after"): "initiatives",
    ("handoffs", "from_team"): "teams",
    ("handoffs", "to_team"): "teams",
    ("handoffs", "initiative"): "initiatives",
    ("relations", "a"): "teams",
    ("relations", "b"): "teams",
}
_LINKS_OF = {kind: [(name, table) for (of, name), table in LINKS.items() if of == kind] for kind, _ in LINKS}
ITEM_FIELDS = ("goals", "skills", "raci")  # an initiative's links, compared one linked id at a time
_NOT_COMPARED = {"id", "created", "modified"}
_KEYS = {"team_skills": {"team", "skill"}, "dependencies": {"before", "after"}}
_CLASSES = {
    PROJECT: Project,
    "goals": Goal,
    "teams": Team,
    "skills": Skill,
    "team_skills": TeamSkill,
    "initiatives": Initiative,
    "dependencies": Dependency,
    "handoffs": Handoff,
    "relations": Relation,
}
FIELDS = {
    kind: tuple(f.name for f in fields(cls) if f.name not in _NOT_COMPARED | _KEYS.get(kind, set()) | set(ITEM_FIELDS))
    for kind, cls in _CLASSES.items()
}
FIELD_WORDS = {
    "parent": "parent goal",
    "owner": "owner team",
    "color": "colour",
    "duration": "duration (days)",
    "lag": "lag (days)",
    "from_team": "from team",
    "to_team": "to team",
    "what": "what is handed over",
    "days_off": "days off",
    "until": "until",
    "checkins": "check-ins",
    "actual_start": "actual start",
    "actual_finish": "actual finish",
    "status_date": "status date",
    "gate": "pilot gate",
}
KIND_WORDS = {PROJECT: "Project", "goals": "Goal", "teams": "Team", "skills": "Skill", "initiatives": "Initiative"}
SHOWN_TEXT = 60  # characters of user text quoted in a sentence
# Control characters shown as spaces: a sentence is one line, and a name must not steer the terminal.
_CONTROLS = dict.fromkeys([*range(32), *range(127, 160)], " ")


@dataclass(frozen=True, slots=True)
class Difference:
    """One change from plan A to plan B.

    `kind` is the table ("teams", ...) or "project"; `id` the entity's key. `field` is None when the whole
    entity was added or removed (then `before`/`after` hold the entity), else the field; for an initiative's
    goal links, skill needs and RACI roles `item` is the linked goal, skill or team id.
    """

    kind: str
    id: object
    change: str
    field: str | None
    item: object | None
    before: object
    after: object
    text: str


def entities(plan: Plan, kind: str) -> dict:
    """The entities of one kind keyed by id; the project is the one entity of kind "project"."""
    return {None: plan.project} if kind == PROJECT else plan.table(kind)


def facts(kind: str, entity) -> dict[tuple[str, object], object]:
    """Everything compared about an entity: (field, None) -> value, and for an initiative's links
    (field, linked id) -> True for a goal, the level for a skill need, the role for a RACI role."""
    found = {(name, None): getattr(entity, name) for name in FIELDS[kind]}
    if kind == "initiatives":
        found.update((("goals", goal), True) for goal in entity.goals)
        found.update((("skills", need.skill), need.level) for need in entity.skills)
        found.update((("raci", role.team), role.role) for role in entity.raci)
    return found


def with_facts(kind: str, entity, found: dict[tuple[str, object], object]):
    """`entity` changed to hold `found` (see `facts`); links keep the order they have in `found`."""
    values = {name: item_value for (name, item), item_value in found.items() if item is None}
    if kind == "initiatives":
        values["goals"] = tuple(item for (name, item) in found if name == "goals")
        values["skills"] = tuple(SkillNeed(item, v) for (name, item), v in found.items() if name == "skills")
        values["raci"] = tuple(RaciRole(item, v) for (name, item), v in found.items() if name == "raci")
    return replace(entity, **values)


def same(kind: str, a, b) -> bool:
    """True when two versions of an entity differ at most in their stamps and the order of their links."""
    return a is b or a == b or facts(kind, a) == facts(kind, b)


# The ids an initiative's goal links, skill needs and RACI roles point to.
_ITEM_IDS = {
    "goals": lambda initiative: initiative.goals,
    "skills": lambda initiative: [need.skill for need in initiative.skills],
    "raci": lambda initiative: [role.team for role in initiative.raci],
}


def linked(kind: str, entity) -> list[tuple[str, object, str, object]]:
    """Every entity this one points to: (field, item or None, table, id)."""
    found = []
    for name, table in _LINKS_OF.get(kind, ()):
        if name in ITEM_FIELDS:
            found.extend((name, item, table, item) for item in _ITEM_IDS[name](entity))
        elif (target := getattr(entity, name)) is not None:
            found.append((name, None, table, target))
    return found


def missing_links(plan: Plan) -> list[tuple[str, object, str, object, str, object]]:
    """Every link to an entity the plan does not hold, in plan order: (kind, key, field, item or None, table, id)."""
    tables = {table: plan.table(table) for table in TABLES}
    found = []
    for kind in TABLES:
        links = _LINKS_OF.get(kind, ())
        entities = tables[kind]
        # Usually every end is there: a set of ends per field shows it without listing each entity's links.
        if all(_ends(name, entities.values()) <= tables[table].keys() for name, table in links):
            continue
        found.extend(
            (kind, key, *link)
            for key, entity in entities.items()
            for link in linked(kind, entity)
            if link[3] not in tables[link[2]]
        )
    return found


def _ends(name: str, entities) -> set:
    """The ids one field of these entities points to."""
    if name in ITEM_FIELDS:
        return {item for entity in entities for item in _ITEM_IDS[name](entity)}
    ends = {getattr(entity, name) for entity in entities}
    ends.discard(None)
    return ends


class Names:
    """Names of entities looked up in a few plans, the first that has the entity winning."""

    def __init__(self, *plans: Plan):
        self.plans = plans

    def entity(self, table: str, key):
        return next((p.table(table)[key] for p in self.plans if key in p.table(table)), None)

    def name(self, table: str, key) -> str:
        entity = self.entity(table, key)
        return quoted(entity.name) if entity is not None else f"an unknown {table.rstrip('s')}"

    def label(self, kind: str, key) -> str:
        """How a sentence names an entity: "Team 'Sales'", "Hand-off 'Keys'", "Project"."""
        if kind in KIND_WORDS:
            return KIND_WORDS[kind] if kind == PROJECT else f"{KIND_WORDS[kind]} {self.name(kind, key)}"
        if kind == "team_skills":
            return f"Skill level of team {self.name('teams', key[0])} in {self.name('skills', key[1])}"
        if kind == "dependencies":
            return f"Dependency of {self.name('initiatives', key[1])} on {self.name('initiatives', key[0])}"
        if kind == "relations":
            relation = self.entity("relations", key)
            if relation is None:
                return "A team relation"
            return f"Relation between {self.name('teams', relation.a)} and {self.name('teams', relation.b)}"
        handoff = self.entity("handoffs", key)
        if handoff is not None and handoff.what.strip():
            return f"Hand-off {quoted(handoff.what)}"
        if handoff is not None:
            return f"Hand-off from {self.name('teams', handoff.from_team)} to {self.name('teams', handoff.to_team)}"
        return "A hand-off"

    def field(self, kind: str, name: str, item) -> str:
        """How a sentence names a field, or one link of an initiative."""
        if name == "goals":
            return f"serves goal {self.name('goals', item)}"
        if name == "skills":
            return f"level needed in {self.name('skills', item)}"
        if name == "raci":
            return f"role of team {self.name('teams', item)}"
        return FIELD_WORDS.get(name, name)

    def value(self, kind: str, name: str, value) -> str:
        """A field's value in words: names for links, dates as YYYY-MM-DD, user text quoted."""
        if name == "goals":
            return "yes" if value else "no"
        if value is None:
            return {"skills": "not needed", "raci": "no role"}.get(name, "none")
        if (kind, name) in LINKS and name not in ITEM_FIELDS:
            return self.name(LINKS[kind, name], value)
        if isinstance(value, str):
            return quoted(value)
        if name in ("checkins", "baselines"):
            return counted(len(value), name.removesuffix("s").replace("checkin", "check-in"))
        if name == "gate":
            return f"{value.decision}, decide by {value.decide_by or 'no date'}"
        if isinstance(value, float):
            return f"{value:g}"
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, WorkCalendar):
            return describe_calendar(value)
        if name == "days_off":
            return ", ".join(f"{off.start} to {off.end}" for off in value) or "none"
        return str(value)


def quoted(text: str) -> str:
    """User text for a one-line sentence: whitespace runs as one space, long text cut short, in quotes."""
    text = " ".join(text.translate(_CONTROLS).split())
    return f"'{text[:SHOWN_TEXT]}…'" if len(text) > SHOWN_TEXT else f"'{text}'"


def kind_title(kind: str) -> str:
    """The heading for one kind of entity: "Teams", "Hand-offs", "Project"."""
    return "Project" if kind == PROJECT else KIND_NAMES[kind][1].capitalize()


def compare(a: Plan, b: Plan) -> list[Difference]:
    """Every change from plan A to plan B, kind by kind in plan order: additions, removals and changed fields.

    Names of what B no longer holds are looked up in A, and of what B holds in B.

    Examples
    --------
    >>> a = Plan()
    >>> a.add(Team(id="t1", name="Sales", capacity=72.0))
    >>> b = a.copy()
    >>> b.add(Team(id="t1", name="Sales", capacity=60.0))
    >>> b.add(Initiative(id="i1", name="Pilot churn"))
    >>> [d.text for d in compare(a, b)]
    ["Team 'Sales': capacity 72 → 60", "Initiative 'Pilot churn' added"]
    """
    before_names, after_names = Names(a, b), Names(b, a)
    found = []
    for kind in KINDS:
        old, new = entities(a, kind), entities(b, kind)
        for key, entity in old.items():
            if key not in new:
                found.append(
                    Difference(
                        kind, key, REMOVED, None, None, entity, None, whole(kind, key, entity, before_names, False)
                    )
                )
            elif entity is not new[key] and entity != new[key]:  # `is`: copies share most entities
                found.extend(changes(kind, key, entity, new[key], before_names, after_names))
        found.extend(
            Difference(kind, key, ADDED, None, None, None, entity, whole(kind, key, entity, after_names, True))
            for key, entity in new.items()
            if key not in old
        )
    return found


def whole(kind: str, key, entity, names: Names, added: bool) -> str:
    """The sentence for an entity added or removed; a skill level or a dependency is told as the link it is."""
    if kind == "team_skills":
        team, skill = names.name("teams", key[0]), names.name("skills", key[1])
        if added:
            return f"Team {team} now has {skill} at level {entity.level}"
        return f"Team {team} no longer has a level in {skill}"
    if kind == "dependencies":
        waiting, awaited = names.name("initiatives", key[1]), names.name("initiatives", key[0])
        if added:
            lag = f" plus {counted(entity.lag, 'day')}" if entity.lag else ""
            return f"Initiative {waiting} now waits for {awaited}{lag}"
        return f"Initiative {waiting} no longer waits for {awaited}"
    return f"{names.label(kind, key)} {'added' if added else 'removed'}"


def changes(kind: str, key, old, new, before_names: Names, after_names: Names) -> list[Difference]:
    """The changed fields and links of one entity present in both plans."""
    old_facts, new_facts = facts(kind, old), facts(kind, new)
    label = before_names.label(kind, key)
    found = []
    for name, item in dict.fromkeys([*old_facts, *new_facts]):
        before, after = old_facts.get((name, item)), new_facts.get((name, item))
        if before == after:
            continue
        change = CHANGED if item is None or None not in (before, after) else ADDED if before is None else REMOVED
        if name == "name":
            text = f"{label} renamed to {quoted(after)}"
        elif name == "goals":
            goal = after_names.name("goals", item) if after else before_names.name("goals", item)
            text = f"{label} {'now serves' if after else 'no longer serves'} goal {goal}"
        elif name == "skills" and change != CHANGED:
            skill = (after_names if after else before_names).name("skills", item)
            text = f"{label} now needs {skill} at level {after}" if after else f"{label} no longer needs {skill}"
        elif name == "raci" and change != CHANGED:
            team = (after_names if after else before_names).name("teams", item)
            text = f"{label}: team {team} " + (f"now has role {quoted(after)}" if after else "no longer has a role")
        else:
            names = after_names if after is not None else before_names
            text = (
                f"{label}: {names.field(kind, name, item)} {before_names.value(kind, name, before)}"
                f" → {after_names.value(kind, name, after)}"
            )
        found.append(Difference(kind, key, change, name, item, before, after, text))
    return found


def difference_to_json(difference: Difference) -> dict:
    """A difference as plain JSON data: ids as strings or [id, id], dates as YYYY-MM-DD, entities as objects."""
    return {
        "kind": difference.kind,
        "id": plain(difference.id),
        "change": difference.change,
        "field": difference.field,
        "item": difference.item,
        "before": plain(difference.before),
        "after": plain(difference.after),
        "text": difference.text,
    }


def plain(value):
    """A value of a plan as JSON data."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    return value

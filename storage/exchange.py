"""The JSON interchange: a lossless, versioned, diffable form of a plan.

`plan_to_json` then `plan_from_json` then `plan_to_json` gives identical JSON. Reading
untrusted JSON never raises anything but `ExchangeError`, whose message names the JSON
path of the problem (``initiatives[12].owner``).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from domain.entities import (
    Baseline,
    CheckIn,
    DayOff,
    Dependency,
    Gate,
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
from domain.limits import MAX_CLOSED_DAYS, MAX_LINKS
from domain.plan import Plan
from storage.files import FileError, read_user_file, shown

# ExchangeError is re-exported: callers import it from here, with the readers that raise it.
from storage.json_fields import ExchangeError, FieldReader, kind_of, parse_json, read_date

FORMAT = "tutti"
# Version 2 adds the project's calendar, status date and baselines, teams' departments and days off, team
# relations, goals' check-ins, initiatives' progress, actual dates and gates; version 1 files (none of those)
# still read.
VERSION = 2
MAX_JSON_BYTES = 256 * 2**20


# Writing


def _number(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _stamps_json(entity) -> dict:
    return {"created": entity.created, "modified": entity.modified}


def _project_json(p: Project) -> dict:
    return {
        "name": p.name,
        "description": p.description,
        "start": _day(p.start),
        "calendar": _calendar(p.calendar),
        "status_date": _day(p.status_date),
        "baselines": [
            {"name": b.name, "set": b.set, "finishes": {initiative: _day(day) for initiative, day in b.finishes}}
            for b in p.baselines
        ],
    }


def _calendar(calendar: WorkCalendar | None) -> dict | None:
    if calendar is None:
        return None
    return {
        "workdays": list(calendar.workdays),
        "country": calendar.country,
        "subdivision": calendar.subdivision,
        "closed": [_day(d) for d in calendar.closed],
    }


def _gate(gate: Gate | None) -> dict | None:
    if gate is None:
        return None
    return {
        "goal": gate.goal,
        "threshold": _number(gate.threshold),
        "decide_by": _day(gate.decide_by),
        "decision": gate.decision,
        "decided": _day(gate.decided),
        "by": gate.by,
        "note": gate.note,
    }


def _team_json(t: Team) -> dict:
    return {
        "id": t.id,
        "name": t.name,
        "lead": t.lead,
        "headcount": t.headcount,
        "capacity": _number(t.capacity),
        "color": t.color,
        "department": t.department,
        "days_off": [{"from": _day(d.start), "to": _day(d.end)} for d in t.days_off],
        **_stamps_json(t),
    }


def _skill_json(s: Skill) -> dict:
    return {"id": s.id, "name": s.name, "category": s.category, "description": s.description, **_stamps_json(s)}


def _team_skill_json(ts: TeamSkill) -> dict:
    return {"team": ts.team, "skill": ts.skill, "level": ts.level, "people": ts.people}


def _goal_json(g: Goal) -> dict:
    return {
        "id": g.id,
        "name": g.name,
        "description": g.description,
        "parent": g.parent,
        "owner": g.owner,
        "metric": g.metric,
        "unit": g.unit,
        "baseline": _number(g.baseline),
        "target": _number(g.target),
        "deadline": _day(g.deadline),
        "checkins": [{"date": _day(c.date), "value": _number(c.value), "note": c.note} for c in g.checkins],
        **_stamps_json(g),
    }


def _initiative_json(i: Initiative) -> dict:
    return {
        "id": i.id,
        "name": i.name,
        "description": i.description,
        "owner": i.owner,
        "goals": list(i.goals),
        "status": i.status,
        "start": _day(i.start),
        "duration": i.duration,
        "effort": _number(i.effort),
        "skills": [{"skill": n.skill, "level": n.level} for n in i.skills],
        "raci": [{"team": r.team, "role": r.role} for r in i.raci],
        "progress": i.progress,
        "actual_start": _day(i.actual_start),
        "actual_finish": _day(i.actual_finish),
        "gate": _gate(i.gate),
        **_stamps_json(i),
    }


def _dependency_json(d: Dependency) -> dict:
    return {"before": d.before, "after": d.after, "lag": d.lag}


def _handoff_json(h: Handoff) -> dict:
    return {
        "id": h.id,
        "from": h.from_team,
        "to": h.to_team,
        "initiative": h.initiative,
        "what": h.what,
        "due": _day(h.due),
        **_stamps_json(h),
    }


def _relation_json(r: Relation) -> dict:
    return {"id": r.id, "a": r.a, "b": r.b, "mode": r.mode, "until": _day(r.until), **_stamps_json(r)}


ENTITY_JSON = {
    "project": _project_json,
    "teams": _team_json,
    "skills": _skill_json,
    "team_skills": _team_skill_json,
    "goals": _goal_json,
    "initiatives": _initiative_json,
    "dependencies": _dependency_json,
    "handoffs": _handoff_json,
    "relations": _relation_json,
}


def entity_to_json(kind: str, entity) -> dict:
    """One entity (or the project, kind "project") as the object the interchange format holds for it."""
    return ENTITY_JSON[kind](entity)


def plan_to_json(plan: Plan) -> dict:
    """The plan as a JSON-ready dict in the interchange format."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "project": _project_json(plan.project),
        **{kind: [ENTITY_JSON[kind](e) for e in plan.table(kind).values()] for kind in JSON_ORDER},
    }


def dumps(plan: Plan) -> str:
    """The plan as JSON text, indented for diffs, ending with a newline."""
    return json.dumps(plan_to_json(plan), indent=2, ensure_ascii=False) + "\n"


# Reading


def loads(text: str | bytes) -> Plan:
    """Read a plan from JSON text. Raises ExchangeError on anything that is not a valid plan."""
    return plan_from_json(parse_json(text))


def read_json_file(path: str | Path, progress=None) -> Plan:
    """Read a plan from a JSON file; errors name the file and the JSON path.

    `progress(done, total)` is called while the bytes are read; returning False raises ReadCancelled."""
    path = Path(path)
    try:
        data = read_user_file(path, MAX_JSON_BYTES, "Tutti JSON file", progress)
    except FileError as error:
        raise ExchangeError(str(error)) from None
    try:
        return loads(data)
    except ExchangeError as error:
        raise ExchangeError(f"{path}: {error}") from None


STAMPS = ("created", "modified")


def _stamps(reader: FieldReader) -> dict:
    created = reader.stamp("created", None)
    modified = reader.stamp("modified", created)
    return {k: v for k, v in (("created", created), ("modified", modified)) if v is not None}


def _add_unique(table: dict, key, entity, path: str, what: str) -> None:
    if key in table:
        raise ExchangeError(f"{path}: {what} appears twice")
    table[key] = entity


def _read_project(path: str, value, refs) -> Project:
    r = FieldReader(value, path, ("name", "description", "start", "calendar", "status_date", "baselines"))
    baselines = []
    for baseline_path, baseline in r.items("baselines", MAX_LINKS):
        b = FieldReader(baseline, baseline_path, ("name", "set", "finishes"), ("set",))
        finishes = b.value.get("finishes") or {}
        if not isinstance(finishes, dict):
            raise ExchangeError(f"{baseline_path}.finishes: expected an object, found {kind_of(finishes)}")
        # an initiative deleted since the baseline was set keeps its finish there: its id is not checked
        dated = tuple(
            (initiative, read_date(f"{baseline_path}.finishes.{shown(initiative)}", day))
            for initiative, day in finishes.items()
        )
        baselines.append(Baseline(name=b.text("name"), set=b.stamp("set", ""), finishes=dated))
    return Project(
        name=r.text("name"),
        description=r.text("description"),
        start=r.day("start"),
        calendar=_read_calendar(r),
        status_date=r.day("status_date"),
        baselines=tuple(baselines),
    )


def _read_calendar(project: FieldReader) -> WorkCalendar | None:
    """The project's calendar; an unknown country or no workday reads, and validation words it."""
    if project.value.get("calendar") is None:
        return None
    r = FieldReader(
        project.value["calendar"], project.path + ".calendar", ("workdays", "country", "subdivision", "closed")
    )
    workdays = []
    for day_path, day in r.items("workdays", 7):
        if not isinstance(day, int) or isinstance(day, bool) or not 0 <= day <= 6:
            raise ExchangeError(f"{day_path}: expected a weekday from 0 (Monday) to 6 (Sunday)")
        if day in workdays:
            raise ExchangeError(f"{day_path}: weekday {day} is listed twice")
        workdays.append(day)
    closed = [read_date(day_path, day) for day_path, day in r.items("closed", MAX_CLOSED_DAYS)]
    return WorkCalendar(
        workdays=tuple(sorted(workdays)) if "workdays" in r.value else (0, 1, 2, 3, 4),
        country=r.text("country", None) or None,
        subdivision=r.text("subdivision", None) or None,
        closed=tuple(sorted(set(closed))),
    )


def _read_team(path: str, value, refs) -> Team:
    r = FieldReader(
        value,
        path,
        ("id", "name", "lead", "headcount", "capacity", "color", "department", "days_off", *STAMPS),
        ("id",),
    )
    days_off = []
    for off_path, off in r.items("days_off", MAX_LINKS):
        o = FieldReader(off, off_path, ("from", "to"), ("from", "to"))
        days_off.append(DayOff(o.day("from"), o.day("to")))
    return Team(
        id=r.identifier(),
        name=r.text("name"),
        lead=r.text("lead"),
        headcount=r.integer("headcount"),
        capacity=r.number("capacity", 0.0),
        color=r.text("color"),
        department=r.text("department"),
        days_off=tuple(days_off),
        **_stamps(r),
    )


def _read_skill(path: str, value, refs) -> Skill:
    r = FieldReader(value, path, ("id", "name", "category", "description", *STAMPS), ("id",))
    return Skill(
        id=r.identifier(),
        name=r.text("name"),
        category=r.text("category"),
        description=r.text("description"),
        **_stamps(r),
    )


def _read_team_skill(path: str, value, refs) -> TeamSkill:
    r = FieldReader(value, path, ("team", "skill", "level", "people"), ("team", "skill"))
    return TeamSkill(
        team=r.reference("team", refs.teams, "team"),
        skill=r.reference("skill", refs.skills, "skill"),
        level=r.integer("level"),
        people=r.integer("people"),
    )


def _read_goal(path: str, value, refs) -> Goal:
    """A goal; its parent is checked by the caller once every goal is known."""
    r = FieldReader(
        value,
        path,
        (
            "id",
            "name",
            "description",
            "parent",
            "owner",
            "metric",
            "unit",
            "baseline",
            "target",
            "deadline",
            "checkins",
            *STAMPS,
        ),
        ("id",),
    )
    checkins = []
    for checkin_path, checkin in r.items("checkins", MAX_LINKS):
        c = FieldReader(checkin, checkin_path, ("date", "value", "note"), ("date", "value"))
        checkins.append(CheckIn(c.day("date"), c.number("value"), c.text("note")))
    return Goal(
        checkins=tuple(checkins),
        id=r.identifier(),
        name=r.text("name"),
        description=r.text("description"),
        parent=r.text("parent", None),
        owner=r.reference("owner", refs.teams, "team"),
        metric=r.text("metric"),
        unit=r.text("unit"),
        baseline=r.number("baseline"),
        target=r.number("target"),
        deadline=r.day("deadline"),
        **_stamps(r),
    )


def _read_initiative(path: str, value, refs) -> Initiative:
    r = FieldReader(
        value,
        path,
        (
            "id",
            "name",
            "description",
            "owner",
            "goals",
            "status",
            "start",
            "duration",
            "effort",
            "skills",
            "raci",
            "progress",
            "actual_start",
            "actual_finish",
            "gate",
            *STAMPS,
        ),
        ("id",),
    )
    goals = []
    for goal_path, goal_id in r.items("goals", MAX_LINKS):
        if not isinstance(goal_id, str) or goal_id not in refs.goals:
            raise ExchangeError(f"{goal_path}: there is no goal with id '{shown(goal_id)}'")
        if goal_id in goals:
            raise ExchangeError(f"{goal_path}: goal '{shown(goal_id)}' is listed twice")
        goals.append(goal_id)
    needs, roles = [], []
    for need_path, need in r.items("skills", MAX_LINKS):
        n = FieldReader(need, need_path, ("skill", "level"), ("skill",))
        needs.append(SkillNeed(n.reference("skill", refs.skills, "skill"), n.integer("level", 1)))
    for role_path, role in r.items("raci", MAX_LINKS):
        n = FieldReader(role, role_path, ("team", "role"), ("team", "role"))
        roles.append(RaciRole(n.reference("team", refs.teams, "team"), n.text("role")))
    return Initiative(
        id=r.identifier(),
        name=r.text("name"),
        description=r.text("description"),
        owner=r.reference("owner", refs.teams, "team"),
        goals=tuple(goals),
        status=r.text("status", "planned"),
        start=r.day("start"),
        duration=r.integer("duration", 5),
        effort=r.number("effort"),
        skills=tuple(needs),
        raci=tuple(roles),
        progress=r.integer("progress"),
        actual_start=r.day("actual_start"),
        actual_finish=r.day("actual_finish"),
        gate=_read_gate(r, refs),
        **_stamps(r),
    )


def _read_gate(initiative: FieldReader, refs) -> Gate | None:
    """An initiative's gate; an unknown decision reads, and validation words it."""
    if initiative.value.get("gate") is None:
        return None
    r = FieldReader(
        initiative.value["gate"],
        initiative.path + ".gate",
        ("goal", "threshold", "decide_by", "decision", "decided", "by", "note"),
    )
    return Gate(
        goal=r.reference("goal", refs.goals, "goal"),
        threshold=r.number("threshold"),
        decide_by=r.day("decide_by"),
        decision=r.text("decision", "pending"),
        decided=r.day("decided"),
        by=r.text("by"),
        note=r.text("note"),
    )


def _read_dependency(path: str, value, refs) -> Dependency:
    r = FieldReader(value, path, ("before", "after", "lag"), ("before", "after"))
    return Dependency(
        before=r.reference("before", refs.initiatives, "initiative"),
        after=r.reference("after", refs.initiatives, "initiative"),
        lag=r.integer("lag"),
    )


def _read_handoff(path: str, value, refs) -> Handoff:
    r = FieldReader(value, path, ("id", "from", "to", "initiative", "what", "due", *STAMPS), ("from", "to"))
    fields = {"id": r.identifier()} if "id" in value else {}
    return Handoff(
        from_team=r.reference("from", refs.teams, "team"),
        to_team=r.reference("to", refs.teams, "team"),
        initiative=r.reference("initiative", refs.initiatives, "initiative"),
        what=r.text("what"),
        due=r.day("due"),
        **fields,
        **_stamps(r),
    )


def _read_relation(path: str, value, refs) -> Relation:
    # a relation of a team with itself or an unknown mode reads: validation words them
    r = FieldReader(value, path, ("id", "a", "b", "mode", "until", *STAMPS), ("a", "b"))
    fields = {"id": r.identifier()} if "id" in value else {}
    return Relation(
        a=r.reference("a", refs.teams, "team"),
        b=r.reference("b", refs.teams, "team"),
        mode=r.text("mode", "collaboration"),
        until=r.day("until"),
        **fields,
        **_stamps(r),
    )


# Each kind of entity in the order the interchange format lists them, with its reader and how it is named.
ENTITY_READERS = {
    "teams": (_read_team, "team id"),
    "skills": (_read_skill, "skill id"),
    "team_skills": (_read_team_skill, None),
    "goals": (_read_goal, "goal id"),
    "initiatives": (_read_initiative, "initiative id"),
    "dependencies": (_read_dependency, None),
    "handoffs": (_read_handoff, "hand-off id"),
    "relations": (_read_relation, "relation id"),
}
JSON_ORDER = tuple(ENTITY_READERS)
_DUPLICATES = {"team_skills": "this team and skill", "dependencies": "this dependency"}


class _Everything:
    def __contains__(self, key) -> bool:
        return isinstance(key, str)


class _Unlooked:
    """Stands in for the plan when one entity is read alone: every reference counts as found."""

    teams = skills = goals = initiatives = _Everything()


def entity_from_json(kind: str, value, path: str = "$"):
    """One entity (or the project, kind "project") from its interchange object, checked field by field as
    `plan_from_json` checks it, except that what it refers to is not looked up. Raises ExchangeError."""
    if kind == "project":
        return _read_project(path, value, None)
    return ENTITY_READERS[kind][0](path, value, _Unlooked)


def plan_from_json(document) -> Plan:
    """Build a plan from a parsed JSON document in the interchange format."""
    root = FieldReader(document, "$", ("format", "version", "project", *JSON_ORDER))
    if document.get("format") != FORMAT:
        raise ExchangeError('$.format: this is not a Tutti plan (expected "format": "tutti")')
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExchangeError("$.version: expected a whole number")
    if version > VERSION:
        raise ExchangeError(f"$.version: version {version} comes from a newer Tutti (this one reads {VERSION})")

    plan = Plan()
    if document.get("project") is not None:
        plan.project = _read_project("$.project", document["project"], plan)
    for kind, (read, named) in ENTITY_READERS.items():
        for path, value in root.items(kind):
            entity = read(path, value, plan)
            if named is None:
                _add_unique(plan.table(kind), entity.key, entity, path, _DUPLICATES[kind])
            else:
                _add_unique(plan.table(kind), entity.id, entity, path + ".id", f"{named} '{shown(entity.id)}'")
        if kind == "goals":  # parents may come later in the list than their sub-goals
            for n, goal in enumerate(plan.goals.values()):
                if goal.parent is not None and goal.parent not in plan.goals:
                    raise ExchangeError(f"$.goals[{n}].parent: there is no goal with id '{shown(goal.parent)}'")
    return plan

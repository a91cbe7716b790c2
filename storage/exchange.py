"""The JSON interchange: a lossless, versioned, diffable form of a plan, written and read back.

`plan_to_json` then `plan_from_json` then `plan_to_json` gives identical JSON. Reading
untrusted JSON never raises anything but `ExchangeError`, whose message names the JSON
path of the problem (``initiatives[12].owner``).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from domain.entities import (
    Dependency,
    Goal,
    Handoff,
    Initiative,
    Project,
    RaciRole,
    Skill,
    SkillNeed,
    Team,
    TeamSkill,
)
from domain.limits import MAX_LINKS
from domain.plan import Plan
from storage.files import FileError, read_user_file, shown
from storage.json_fields import ExchangeError, FieldReader

FORMAT = "tutti"
VERSION = 1
MAX_JSON_BYTES = 256 * 2**20


# Writing


def _number(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def plan_to_json(plan: Plan) -> dict:
    """The plan as a JSON-ready dict in the interchange format."""
    stamps = lambda e: {"created": e.created, "modified": e.modified}
    return {
        "format": FORMAT,
        "version": VERSION,
        "project": {
            "name": plan.project.name,
            "description": plan.project.description,
            "start": _day(plan.project.start),
        },
        "teams": [
            {"id": t.id, "name": t.name, "lead": t.lead, "headcount": t.headcount,
             "capacity": _number(t.capacity), "color": t.color, **stamps(t)}
            for t in plan.teams.values()
        ],
        "skills": [
            {"id": s.id, "name": s.name, "category": s.category, "description": s.description, **stamps(s)}
            for s in plan.skills.values()
        ],
        "team_skills": [
            {"team": ts.team, "skill": ts.skill, "level": ts.level, "people": ts.people}
            for ts in plan.team_skills.values()
        ],
        "goals": [
            {"id": g.id, "name": g.name, "description": g.description, "parent": g.parent, "owner": g.owner,
             "metric": g.metric, "unit": g.unit, "baseline": _number(g.baseline), "target": _number(g.target),
             "deadline": _day(g.deadline), **stamps(g)}
            for g in plan.goals.values()
        ],
        "initiatives": [
            {"id": i.id, "name": i.name, "description": i.description, "owner": i.owner, "goals": list(i.goals),
             "status": i.status, "start": _day(i.start), "duration": i.duration, "effort": _number(i.effort),
             "skills": [{"skill": n.skill, "level": n.level} for n in i.skills],
             "raci": [{"team": r.team, "role": r.role} for r in i.raci], **stamps(i)}
            for i in plan.initiatives.values()
        ],
        "dependencies": [
            {"before": d.before, "after": d.after, "lag": d.lag} for d in plan.dependencies.values()
        ],
        "handoffs": [
            {"id": h.id, "from": h.from_team, "to": h.to_team, "initiative": h.initiative, "what": h.what,
             "due": _day(h.due), **stamps(h)}
            for h in plan.handoffs.values()
        ],
    }


def dumps(plan: Plan) -> str:
    """The plan as JSON text, indented for diffs, ending with a newline."""
    return json.dumps(plan_to_json(plan), indent=2, ensure_ascii=False) + "\n"


# Reading


def _reject_constant(name: str):
    raise ExchangeError(f"$: {name} is not a number JSON allows")


def _unique_keys(pairs: list) -> dict:
    result = {}
    for key, value in pairs:
        if key in result:
            raise ExchangeError(f"$: the key '{shown(key)}' appears twice in one object")
        result[key] = value
    return result


def loads(text: str | bytes) -> Plan:
    """Read a plan from JSON text. Raises ExchangeError on anything that is not a valid plan."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ExchangeError(f"$: the file is not UTF-8 text (byte {error.start})") from None
    try:
        document = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise ExchangeError(f"$: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})") from None
    except RecursionError:
        raise ExchangeError("$: the JSON is nested too deeply") from None
    except ExchangeError:
        raise
    except ValueError:  # Python refuses to convert integers of thousands of digits
        raise ExchangeError("$: not valid JSON (a number is too long)") from None
    return plan_from_json(document)


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


def plan_from_json(document) -> Plan:
    """Build a plan from a parsed JSON document in the interchange format."""
    root = FieldReader(document, "$", (
        "format", "version", "project", "teams", "skills", "team_skills", "goals", "initiatives",
        "dependencies", "handoffs",
    ))
    if document.get("format") != FORMAT:
        raise ExchangeError("$.format: this is not a Tutti plan (expected \"format\": \"tutti\")")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExchangeError("$.version: expected a whole number")
    if version > VERSION:
        raise ExchangeError(f"$.version: version {version} comes from a newer Tutti (this one reads {VERSION})")

    plan = Plan()
    if document.get("project") is not None:
        project = FieldReader(document["project"], "$.project", ("name", "description", "start"))
        plan.project = Project(name=project.text("name"), description=project.text("description"),
                               start=project.day("start"))

    for path, value in root.items("teams"):
        r = FieldReader(value, path, ("id", "name", "lead", "headcount", "capacity", "color", *STAMPS), ("id",))
        team = Team(id=r.identifier(), name=r.text("name"), lead=r.text("lead"), headcount=r.integer("headcount"),
                    capacity=r.number("capacity", 0.0), color=r.text("color"), **_stamps(r))
        _add_unique(plan.teams, team.id, team, path + ".id", f"team id '{shown(team.id)}'")

    for path, value in root.items("skills"):
        r = FieldReader(value, path, ("id", "name", "category", "description", *STAMPS), ("id",))
        skill = Skill(id=r.identifier(), name=r.text("name"), category=r.text("category"),
                      description=r.text("description"), **_stamps(r))
        _add_unique(plan.skills, skill.id, skill, path + ".id", f"skill id '{shown(skill.id)}'")

    for path, value in root.items("team_skills"):
        r = FieldReader(value, path, ("team", "skill", "level", "people"), ("team", "skill"))
        level = TeamSkill(team=r.reference("team", plan.teams, "team"), skill=r.reference("skill", plan.skills, "skill"),
                          level=r.integer("level"), people=r.integer("people"))
        _add_unique(plan.team_skills, level.key, level, path, "this team and skill")

    goal_parents = []
    for path, value in root.items("goals"):
        r = FieldReader(value, path, ("id", "name", "description", "parent", "owner", "metric", "unit", "baseline",
                                  "target", "deadline", *STAMPS), ("id",))
        goal = Goal(id=r.identifier(), name=r.text("name"), description=r.text("description"),
                    parent=r.text("parent", None), owner=r.reference("owner", plan.teams, "team"),
                    metric=r.text("metric"), unit=r.text("unit"), baseline=r.number("baseline"),
                    target=r.number("target"), deadline=r.day("deadline"), **_stamps(r))
        _add_unique(plan.goals, goal.id, goal, path + ".id", f"goal id '{shown(goal.id)}'")
        goal_parents.append((path, r))
    for path, r in goal_parents:
        r.reference("parent", plan.goals, "goal")

    for path, value in root.items("initiatives"):
        r = FieldReader(value, path, ("id", "name", "description", "owner", "goals", "status", "start", "duration",
                                  "effort", "skills", "raci", *STAMPS), ("id",))
        goals = []
        for goal_path, goal_id in r.items("goals", MAX_LINKS):
            if not isinstance(goal_id, str) or goal_id not in plan.goals:
                raise ExchangeError(f"{goal_path}: there is no goal with id '{shown(goal_id)}'")
            if goal_id in goals:
                raise ExchangeError(f"{goal_path}: goal '{shown(goal_id)}' is listed twice")
            goals.append(goal_id)
        needs, roles = [], []
        for need_path, need in r.items("skills", MAX_LINKS):
            n = FieldReader(need, need_path, ("skill", "level"), ("skill",))
            needs.append(SkillNeed(n.reference("skill", plan.skills, "skill"), n.integer("level", 1)))
        for role_path, role in r.items("raci", MAX_LINKS):
            n = FieldReader(role, role_path, ("team", "role"), ("team", "role"))
            roles.append(RaciRole(n.reference("team", plan.teams, "team"), n.text("role")))
        initiative = Initiative(
            id=r.identifier(), name=r.text("name"), description=r.text("description"),
            owner=r.reference("owner", plan.teams, "team"), goals=tuple(goals), status=r.text("status", "planned"),
            start=r.day("start"), duration=r.integer("duration", 5), effort=r.number("effort"),
            skills=tuple(needs), raci=tuple(roles), **_stamps(r),
        )
        _add_unique(plan.initiatives, initiative.id, initiative, path + ".id", f"initiative id '{shown(initiative.id)}'")

    for path, value in root.items("dependencies"):
        r = FieldReader(value, path, ("before", "after", "lag"), ("before", "after"))
        dependency = Dependency(before=r.reference("before", plan.initiatives, "initiative"),
                                after=r.reference("after", plan.initiatives, "initiative"), lag=r.integer("lag"))
        _add_unique(plan.dependencies, dependency.key, dependency, path, "this dependency")

    for path, value in root.items("handoffs"):
        r = FieldReader(value, path, ("id", "from", "to", "initiative", "what", "due", *STAMPS), ("from", "to"))
        fields = {"id": r.identifier()} if "id" in value else {}
        handoff = Handoff(from_team=r.reference("from", plan.teams, "team"), to_team=r.reference("to", plan.teams, "team"),
                          initiative=r.reference("initiative", plan.initiatives, "initiative"), what=r.text("what"),
                          due=r.day("due"), **fields, **_stamps(r))
        _add_unique(plan.handoffs, handoff.id, handoff, path + ".id", f"hand-off id '{shown(handoff.id)}'")
    return plan

"""The sheets of a plan as people draw them: which sheets, which columns, and a plan written out as rows.

Workbooks and CSV files share this layout; names, not ids, link the rows.
"""

from __future__ import annotations

from domain.plan import Plan

PROJECT, TEAMS, SKILLS, LEVELS, GOALS, INITIATIVES, HANDOFFS = (
    "Project", "Teams", "Skills", "Skill levels", "Goals", "Initiatives", "Hand-offs",
)  # fmt: skip
SCHEDULE, LOAD = "Schedule", "Load"  # written for reading only; an import leaves them alone

COLUMNS = {
    PROJECT: ("Name", "Description", "Start"),
    TEAMS: ("Name", "Lead", "Headcount", "Capacity", "Colour"),
    SKILLS: ("Name", "Category", "Description"),
    LEVELS: ("Team",),  # then one column per skill
    GOALS: ("Name", "Parent", "Owner", "Metric", "Unit", "Baseline", "Target", "Deadline", "Description"),
    INITIATIVES: (
        "Name", "Owner", "Goals", "Status", "Not before", "Duration", "Effort", "Depends on",
        "Responsible", "Accountable", "Consulted", "Informed", "Skills", "Description",
    ),
    HANDOFFS: ("What", "From", "To", "Initiative", "Due"),
}  # fmt: skip
SHEETS = tuple(COLUMNS)
COMPUTED = (SCHEDULE, LOAD)
ROLES = {"Responsible": "R", "Accountable": "A", "Consulted": "C", "Informed": "I"}
LIST_SEPARATOR = ";"


def key(text: str) -> str:
    """How headers, sheet names and entity names are compared: case-insensitive, surrounding spaces ignored."""
    return " ".join(str(text).split()).casefold()


# Sheet names as people may write them -> the sheet they are
SHEET_NAMES = {key(name): name for name in SHEETS} | {key("Handoffs"): HANDOFFS, key("Skill level"): LEVELS}


def _number(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _joined(items) -> str:
    return f"{LIST_SEPARATOR} ".join(items)


def plan_sheets(plan: Plan) -> dict[str, list[list]]:
    """The plan as rows of cell values per sheet, each sheet starting with its header row."""
    team = {t.id: t.name for t in plan.teams.values()}
    goal = {g.id: g.name for g in plan.goals.values()}
    initiative = {i.id: i.name for i in plan.initiatives.values()}
    skill = {s.id: s.name for s in plan.skills.values()}
    waits_for: dict[str, list[str]] = {}
    for dependency in plan.dependencies.values():
        lag = f" {dependency.lag:+d}" if dependency.lag else ""
        waits_for.setdefault(dependency.after, []).append(initiative[dependency.before] + lag)
    p = plan.project
    sheets = {
        PROJECT: [[p.name, p.description, p.start]],
        TEAMS: [[t.name, t.lead, t.headcount, _number(t.capacity), t.color] for t in plan.teams.values()],
        SKILLS: [[s.name, s.category, s.description] for s in plan.skills.values()],
        LEVELS: [[t.name, *(_level(plan, t.id, s) for s in plan.skills)] for t in plan.teams.values()],
        GOALS: [
            [
                g.name,
                goal.get(g.parent),
                team.get(g.owner),
                g.metric,
                g.unit,
                _number(g.baseline),
                _number(g.target),
                g.deadline,
                g.description,
            ]
            for g in plan.goals.values()
        ],
        INITIATIVES: [
            [
                i.name,
                team.get(i.owner),
                _joined(goal[g] for g in i.goals),
                i.status,
                i.start,
                i.duration,
                _number(i.effort),
                _joined(waits_for.get(i.id, ())),
                *(_joined(team[r.team] for r in i.raci if r.role == role) for role in ROLES.values()),
                _joined(f"{skill[n.skill]}: {n.level}" for n in i.skills),
                i.description,
            ]
            for i in plan.initiatives.values()
        ],
        HANDOFFS: [
            [h.what, team.get(h.from_team), team.get(h.to_team), initiative.get(h.initiative), h.due]
            for h in plan.handoffs.values()
        ],
    }
    headers = dict(COLUMNS)
    headers[LEVELS] = ("Team", *skill.values())
    return {name: [list(headers[name]), *rows] for name, rows in sheets.items()}


def _level(plan: Plan, team, skill) -> int | None:
    level = plan.team_skills.get((team, skill))
    return None if level is None else level.level


def computed_sheets(plan: Plan) -> dict[str, list[list]]:
    """The schedule and the weekly load per team, as Tutti computed them (for reading, not importing)."""
    from domain.analysis.load import team_load
    from domain.analysis.schedule import schedule

    timeline = schedule(plan)
    dates = timeline.scheduled()
    rows = [
        [i.name, dates[i.id].start, dates[i.id].finish, dates[i.id].slack, "yes" if dates[i.id].critical else ""]
        for i in plan.initiatives.values()
    ]
    load = team_load(plan, timeline)
    weeks = sorted({week.week for loads in load.values() for week in loads})
    column = {week: n for n, week in enumerate(weeks, start=2)}
    load_rows = []
    for team in plan.teams.values():
        row = [team.name, _number(team.capacity)] + [None] * len(weeks)
        for week in load[team.id]:
            row[column[week.week]] = round(week.load, 2)
        load_rows.append(row)
    return {
        SCHEDULE: [["Initiative", "Start", "Finish", "Slack", "Critical"], *rows],
        LOAD: [["Team", "Capacity per week", *weeks], *load_rows],
    }

"""How the organisation is set up: teams in department order, and checks on declared team relations, RACI roles
and measurable goals.

Team relations follow Team Topologies: collaboration is costly and meant to end (in a quarter, at most),
and a team holds only a couple at once; pairs that hand over a lot should say how they work together.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from domain.entities import GoalId, InitiativeId, Relation, RelationId, TeamId
from domain.plan import Plan

MAX_COLLABORATIONS = 2  # at once, per team
QUARTER = timedelta(days=91)
UNDECLARED_HANDOFFS = 3  # hand-offs between two teams, either way, that call for a declared relation
MAX_ACCOUNTABLE = 1
MAX_CONSULTED = 4
LIVE = ("planned", "active")  # work that is on: not an idea yet, not done or dropped


def by_department(plan: Plan, teams: list) -> list:
    """The teams grouped by department, departments in order of their first team in the plan and teams
    without one last; the given order is kept within each.

    >>> from domain.entities import Team
    >>> plan = Plan()
    >>> for name, department in (("a", "Sales"), ("b", ""), ("c", "Finance"), ("d", "Sales")):
    ...     plan.add(Team(id=name, name=name, department=department))
    >>> by_department(plan, ["d", "c", "b", "a"])
    ['d', 'a', 'c', 'b']
    """
    rank: dict[str, int] = {}
    for team in plan.teams.values():
        rank.setdefault(team.department.strip(), len(rank))
    rank[""] = len(rank)
    return sorted(teams, key=lambda team: rank[plan.teams[team].department.strip()] if team in plan.teams else rank[""])


def live_relations(plan: Plan, shown, today: date) -> tuple[list[Relation], int]:
    """The relations between two different shown teams that have not ended by `today`, and how many have.

    The pictures leave ended relations out, rather than draw them faded: they show how teams work now.
    """
    between = [r for r in plan.relations.values() if r.a != r.b and r.a in shown and r.b in shown]
    live = [r for r in between if r.until is None or r.until >= today]
    return live, len(between) - len(live)


def _current_collaborations(plan: Plan, today: date):
    return [
        r
        for r in plan.relations.values()
        if r.mode == "collaboration" and r.a != r.b and (r.until is None or r.until >= today)
    ]


def busy_collaborators(plan: Plan, today: date) -> list[tuple[TeamId, int]]:
    """Teams in more than MAX_COLLABORATIONS collaborations not ended by `today`, with how many, in plan order."""
    count: Counter = Counter()
    for relation in _current_collaborations(plan, today):
        count.update((relation.a, relation.b))
    return [(team, count[team]) for team in plan.teams if count[team] > MAX_COLLABORATIONS]


def open_collaborations(plan: Plan, today: date) -> list[tuple[RelationId, date | None]]:
    """Collaborations with no end date, or ending more than a quarter after `today`, with their end date."""
    return [
        (r.id, r.until) for r in _current_collaborations(plan, today) if r.until is None or r.until - today > QUARTER
    ]


def undeclared_pairs(plan: Plan) -> list[tuple[TeamId, TeamId, int]]:
    """Pairs of teams with UNDECLARED_HANDOFFS or more hand-offs between them and no declared relation."""
    order = {team: n for n, team in enumerate(plan.teams)}
    declared = {frozenset((r.a, r.b)) for r in plan.relations.values()}
    count: Counter = Counter()
    for handoff in plan.handoffs.values():
        pair = (handoff.from_team, handoff.to_team)
        if pair[0] != pair[1] and all(team in order for team in pair) and frozenset(pair) not in declared:
            count[tuple(sorted(pair, key=order.__getitem__))] += 1
    return sorted(
        ((a, b, n) for (a, b), n in count.items() if n >= UNDECLARED_HANDOFFS),
        key=lambda pair: (-pair[2], order[pair[0]], order[pair[1]]),
    )


def _roles(plan: Plan, role: str, most: int) -> list[tuple[InitiativeId, int]]:
    found = []
    for initiative in plan.active_initiatives():
        teams = {r.team for r in initiative.raci if r.role == role}
        if len(teams) > most:
            found.append((initiative.id, len(teams)))
    return found


def accountable_twice(plan: Plan) -> list[tuple[InitiativeId, int]]:
    """Initiatives with more than one Accountable team: when everyone is accountable, nobody is."""
    return _roles(plan, "A", MAX_ACCOUNTABLE)


def widely_consulted(plan: Plan) -> list[tuple[InitiativeId, int]]:
    """Initiatives consulting more than MAX_CONSULTED teams."""
    return _roles(plan, "C", MAX_CONSULTED)


def unmeasurable_goals(plan: Plan) -> list[tuple[GoalId, tuple[str, ...]]]:
    """Goals missing a metric, a target or a deadline, with what is missing."""
    found = []
    for goal in plan.goals.values():
        missing = tuple(
            word
            for word, absent in (
                ("metric", not goal.metric.strip()),
                ("target", goal.target is None),
                ("deadline", goal.deadline is None),
            )
            if absent
        )
        if missing:
            found.append((goal.id, missing))
    return found


def teams_without_goal(plan: Plan) -> list[TeamId]:
    """Teams that own or take part in (R, A or C) no live (planned or active) initiative serving a goal."""
    serving = set()
    for initiative in plan.initiatives.values():
        if initiative.status not in LIVE or not initiative.goals:
            continue
        serving.add(initiative.owner)
        serving.update(r.team for r in initiative.raci if r.role in ("R", "A", "C"))
    return [team for team in plan.teams if team not in serving]

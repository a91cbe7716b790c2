"""How findings read: each kind's sentence, worded against the plan as it is when shown (names looked up then).

>>> from domain.analysis.results import Finding
>>> from domain.entities import Team
>>> plan = Plan()
>>> plan.teams["t"] = Team(id="t", name="Quiet")
>>> finding = Finding("isolated_team", "medium", "teams", ("t",))
>>> describe(finding, plan)
'Quiet has no hand-offs and no shared initiatives with any team'
>>> plan.teams["t"] = Team(id="t", name="Loud")
>>> describe(finding, plan)
'Loud has no hand-offs and no shared initiatives with any team'
"""

from __future__ import annotations

from domain.analysis.results import Finding
from domain.plan import Plan
from domain.wording import names_list, week_range

MORE = {  # how the finding summing up the rest of a kind reads, after "…and N"
    "late_goal": "more goals finish after their deadline",
    "critical_skill_gap": "more skill gaps on the critical path",
    "severe_overload": "more stretches of severe overload",
    "overload": "more overloaded stretches",
    "isolated_team": "more teams work alone",
    "unaligned_initiative": "more initiatives serve no goal",
    "goal_without_work": "more goals nobody works towards",
    "skill_gap": "more skill gaps",
    "bottleneck": "more bottlenecks",
    "loose_handoff": "more hand-offs without a due date or an initiative",
    "inward_department": "more departments work mostly inside themselves",
    "busy_collaborator": "more teams in too many collaborations",
    "accountable_twice": "more initiatives with more than one Accountable team",
    "open_collaboration": "more collaborations with no end in sight",
    "undeclared_relation": "more pairs of teams hand over a lot with no declared relation",
    "widely_consulted": "more initiatives consult many teams",
    "not_measurable": "more goals are not measurable yet",
    "team_without_goal": "more teams serve no goal through live work",
    "slipped": "more critical initiatives slipped against the baseline",
    "late_pilot": "more pilots finish after their decision date",
    "overdue_gate": "more gates wait for a decision past their date",
    "work_after_no_go": "more initiatives wait for a pilot decided no-go",
    "off_track": "more goals are off track",
    "gate_reading": "more gates have a reading to decide on",
    "incomplete_gate": "more gates lack a goal or a threshold",
}


def describe(finding: Finding, plan: Plan) -> str:
    """The finding as one sentence, with today's names of the entities it concerns."""
    if finding.more:
        more = MORE.get(finding.kind, f"more errors in {finding.table.replace('_', ' ')}")
        return f"…and {len(finding.keys)} {more}"
    return SENTENCES[finding.kind](plan, finding.keys[0], *finding.figures)


def _name(plan: Plan, table: str, key) -> str:
    entity = plan.table(table).get(key)
    return "(removed)" if entity is None else entity.name


def _problem(plan: Plan, key, message: str) -> str:
    return message  # worded by validation, which runs again on every edit


def _late_goal(plan: Plan, goal, deadline, last_finish) -> str:
    return f"Goal '{_name(plan, 'goals', goal)}' is due on {deadline}, but the work towards it ends on {last_finish}"


def _skill_gap(plan: Plan, initiative, skill, required: int, available: int, teams: tuple, critical=False) -> str:
    need = f"'{_name(plan, 'initiatives', initiative)}' needs {_name(plan, 'skills', skill)} at level {required}"
    names = [_name(plan, "teams", t) for t in teams]
    if not names:
        have = "no team is doing the work"
    elif len(names) == 1:
        have = f"{names[0]} has level {available}"
    else:
        have = f"the best of {names_list(names)} is level {available}"
    return f"{need}; {have}" + (" and it is on the critical path" if critical else "")


def _critical_skill_gap(plan: Plan, *subject) -> str:
    return _skill_gap(plan, *subject, critical=True)


def _overload(plan: Plan, team, first: str, last: str, peak: float | None) -> str:
    if peak is None:
        return f"{_name(plan, 'teams', team)} has work planned in {week_range(first, last)} but no capacity set"
    return f"{_name(plan, 'teams', team)} is overloaded {peak:.0%} in {week_range(first, last)}"


def _bottleneck(plan: Plan, team, value: float, sampled: bool) -> str:
    estimated = ", estimated from a sample" if sampled else ""
    return (
        f"{_name(plan, 'teams', team)} is a bottleneck: it sits between many teams that are not otherwise linked "
        f"(betweenness {value:.2f}{estimated})"
    )


def _loose_handoff(plan: Plan, handoff_id, no_due: bool, no_initiative: bool) -> str:
    handoff = plan.handoffs.get(handoff_id)
    what = f"'{handoff.what}'" if handoff and handoff.what else "without a name"
    source, target = (plan.teams.get(handoff.from_team), plan.teams.get(handoff.to_team)) if handoff else (None, None)
    route = f" from {source.name} to {target.name}" if source and target else ""
    missing = [text for text, gone in (("no due date", no_due), ("no initiative", no_initiative)) if gone]
    return f"The hand-off {what}{route} has {' and '.join(missing)}"


def signed(value: float) -> str:
    """An index as people write it: "−0.71", "+0.25", "0.00" (a true minus sign)."""
    return "0.00" if round(value, 2) == 0 else f"{value:+.2f}".replace("-", "\u2212")


def _inward_department(plan: Plan, team, department: str, value: float) -> str:
    return f"{department} works mostly inside itself: E-I {signed(value)}"


def _busy_collaborator(plan: Plan, team, count: int) -> str:
    return (
        f"{_name(plan, 'teams', team)} is in {count} collaborations at once: "
        "more than a team can hold in mind (two at most)"
    )


def _relation_teams(plan: Plan, relation_id) -> str:
    relation = plan.relations.get(relation_id)
    if relation is None:
        return "(removed)"
    return f"{_name(plan, 'teams', relation.a)} and {_name(plan, 'teams', relation.b)}"


def _open_collaboration(plan: Plan, relation, until) -> str:
    if until is None:
        return f"The collaboration of {_relation_teams(plan, relation)} has no end date: decide what becomes a service"
    return (
        f"The collaboration of {_relation_teams(plan, relation)} runs until {until}, longer than a quarter: "
        "decide what becomes a service"
    )


def _undeclared_relation(plan: Plan, a, b, count: int) -> str:
    return (
        f"{_name(plan, 'teams', a)} and {_name(plan, 'teams', b)} exchange {count} hand-offs "
        "but declare no way of working together"
    )


def _not_measurable(plan: Plan, goal, missing: tuple) -> str:
    missing = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " or " + missing[-1]
    return f"Goal '{_name(plan, 'goals', goal)}' is not measurable yet: it has no {missing}"


def figure(value: float) -> str:
    """A measured value as people write it: whole numbers plain, others to at most two decimals.

    >>> figure(12.0), figure(2.5), figure(0.333333), figure(1e300)
    ('12', '2.5', '0.33', '1e+300')
    """
    if not abs(value) < 1e15:  # huge (or not finite): in powers of ten
        return f"{value:.3g}"
    return f"{value:.2f}".rstrip("0").rstrip(".") if round(value, 2) != int(round(value, 2)) else f"{round(value):d}"


def kpi_status(kpi) -> str:
    """A goal's standing by its check-ins, in a word or two: on track, off track, measured, not measured."""
    if kpi is None or kpi.latest is None:
        return "not measured"
    return {True: "on track", False: "off track"}.get(kpi.on_track, "measured")


def _slipped(plan: Plan, initiative, days: int, baseline: str) -> str:
    return (
        f"'{_name(plan, 'initiatives', initiative)}' is on the critical path and finishes {days} working days "
        f"later than in baseline '{baseline}'"
    )


def _off_track(plan: Plan, goal, forecast: float, target: float, deadline) -> str:
    unit = plan.goals[goal].unit if goal in plan.goals else ""
    unit = f" {unit}" if unit else ""
    return (
        f"Goal '{_name(plan, 'goals', goal)}' is off track: its check-ins forecast {figure(forecast)}{unit} "
        f"by {deadline}, against a target of {figure(target)}{unit}"
    )


def _gate_reading(plan: Plan, pilot, value: float, threshold: float, met: bool) -> str:
    reading = f"'{_name(plan, 'initiatives', pilot)}' reached {figure(value)} of {figure(threshold)}"
    return f"{reading} — ready to decide go" if met else f"{reading} — short of its threshold so far"


SENTENCES = {
    "slipped": _slipped,
    "late_pilot": lambda plan, pilot, finish, decide_by: (
        f"Pilot '{_name(plan, 'initiatives', pilot)}' finishes on {finish}, after its scale-up is to be decided "
        f"on {decide_by}"
    ),
    "overdue_gate": lambda plan, pilot, decide_by: (
        f"The decision on pilot '{_name(plan, 'initiatives', pilot)}' was due on {decide_by} and is still pending"
    ),
    "work_after_no_go": lambda plan, initiative, pilot: (
        f"'{_name(plan, 'initiatives', initiative)}' is still planned, but pilot "
        f"'{_name(plan, 'initiatives', pilot)}' it depends on was decided no-go"
    ),
    "off_track": _off_track,
    "gate_reading": _gate_reading,
    "incomplete_gate": lambda plan, pilot, missing: (
        f"The gate of pilot '{_name(plan, 'initiatives', pilot)}' has no {' and no '.join(missing)} to decide by"
    ),
    "problem": _problem,
    "late_goal": _late_goal,
    "critical_skill_gap": _critical_skill_gap,
    "skill_gap": _skill_gap,
    "severe_overload": _overload,
    "overload": _overload,
    "isolated_team": lambda plan, team: (
        f"{_name(plan, 'teams', team)} has no hand-offs and no shared initiatives with any team"
    ),
    "unaligned_initiative": lambda plan, initiative: f"'{_name(plan, 'initiatives', initiative)}' serves no goal",
    "goal_without_work": lambda plan, goal: f"No initiative works towards goal '{_name(plan, 'goals', goal)}'",
    "bottleneck": _bottleneck,
    "loose_handoff": _loose_handoff,
    "inward_department": _inward_department,
    "busy_collaborator": _busy_collaborator,
    "accountable_twice": lambda plan, initiative, count: (
        f"'{_name(plan, 'initiatives', initiative)}' has {count} Accountable teams: name one"
    ),
    "open_collaboration": _open_collaboration,
    "undeclared_relation": _undeclared_relation,
    "widely_consulted": lambda plan, initiative, count: (
        f"'{_name(plan, 'initiatives', initiative)}' consults {count} teams: more than four slows every decision"
    ),
    "not_measurable": _not_measurable,
    "team_without_goal": lambda plan, team: f"{_name(plan, 'teams', team)} serves no goal through any live work",
}

"""Findings: one ranked list drawn from every analysis and from validation errors, each a kind and the ids it concerns.

They hold no sentences: `domain.analysis.wording.describe` words one against the plan when it is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from domain.analysis import gates, organisation
from domain.analysis.load import overloaded_stretches
from domain.analysis.results import Analysis, Finding, WeekLoad
from domain.plan import Plan
from domain.validation import ERROR, Problem, validate

SEVERITIES = ("high", "medium", "low")
SHOWN_PER_KIND = 5  # findings of one kind listed before the rest are summed up in one finding
SEVERE_OVERLOAD = 1.5
INWARD_DEPARTMENT = -0.5  # an E-I index below this: a department that works mostly inside itself


def find(plan: Plan, analysis: Analysis) -> tuple[Finding, ...]:
    """Every finding, high severity first; repetitive kinds are capped with one finding summing up the rest."""
    problems = validate(plan, dependency_cycles=[list(c) for c in analysis.cycles if len(c) > 1])
    errors: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.severity == ERROR:
            errors.setdefault(problem.table, []).append(problem)
    gaps = [g for g in analysis.skill_gaps if g.critical], [g for g in analysis.skill_gaps if not g.critical]
    runs = _overloaded_runs(analysis)
    network = analysis.network
    sampled = network.betweenness_sampled
    today = analysis.start
    inward = [
        (department.teams[0], name, department.ei_index)
        for name, department in network.departments.items()
        if department.ei_index is not None and department.ei_index < INWARD_DEPARTMENT
    ]
    kinds = [
        *(
            _listed("problem", "high", table, found, lambda p: (p.key, p.message), also_in_validation=True)
            for table, found in errors.items()
        ),
        _listed("late_goal", "high", "goals", analysis.late_goals,
                lambda g: (g, plan.goals[g].deadline, analysis.goals[g].last_finish)),
        _listed("slipped", "high", "initiatives", gates.slipped(plan, analysis), tuple),
        _listed("late_pilot", "high", "initiatives", gates.late_pilots(plan, analysis.schedule), tuple),
        _listed("overdue_gate", "high", "initiatives", gates.overdue_gates(plan), tuple),
        _listed("work_after_no_go", "high", "initiatives", gates.work_after_no_go(plan), tuple),
        _listed("off_track", "medium", "goals", _off_track(plan, analysis), tuple),
        _listed("gate_reading", "medium", "initiatives", gates.gate_readings(plan), tuple),
        _listed("incomplete_gate", "medium", "initiatives", gates.incomplete_gates(plan), tuple),
        _listed("critical_skill_gap", "high", "initiatives", gaps[0], _skill_gap),
        _listed("severe_overload", "high", "teams", runs["high"], _overload),
        _listed("overload", "medium", "teams", runs["medium"], _overload),
        _listed("isolated_team", "medium", "teams", network.isolated, _alone),
        _listed("unaligned_initiative", "medium", "initiatives", analysis.unaligned_initiatives, _alone,
                also_in_validation=True),
        _listed("goal_without_work", "medium", "goals", analysis.goals_without_initiatives, _alone),
        _listed("skill_gap", "medium", "initiatives", gaps[1], _skill_gap),
        _listed("inward_department", "medium", "teams", inward, tuple),
        _listed("busy_collaborator", "medium", "teams", organisation.busy_collaborators(plan, today), tuple),
        _listed("accountable_twice", "medium", "initiatives", organisation.accountable_twice(plan), tuple),
        _listed("open_collaboration", "low", "relations", organisation.open_collaborations(plan, today), tuple),
        _listed("undeclared_relation", "low", "teams", organisation.undeclared_pairs(plan), tuple),
        _listed("widely_consulted", "low", "initiatives", organisation.widely_consulted(plan), tuple),
        _listed("not_measurable", "low", "goals", organisation.unmeasurable_goals(plan), tuple),
        _listed("team_without_goal", "low", "teams", organisation.teams_without_goal(plan), _alone),
        _listed("bottleneck", "low", "teams", network.bottlenecks[:3], lambda b: (b[0], b[1], sampled)),
        _listed("loose_handoff", "low", "handoffs", network.loose_handoffs,
                lambda h: (h, plan.handoffs[h].due is None, plan.handoffs[h].initiative is None)),
    ]  # fmt: skip
    found = [finding for kind in kinds for finding in kind]
    found.sort(key=lambda f: SEVERITIES.index(f.severity))
    return tuple(found)


def _listed(
    kind: str, severity: str, table: str, items, subject: Callable, also_in_validation: bool = False
) -> list[Finding]:
    """One finding per item; past SHOWN_PER_KIND items, a last finding sums up the rest.

    `subject(item)` gives the item's id, then the figures its sentence needs.
    """
    items = list(items)
    shown, rest = (items, []) if len(items) <= SHOWN_PER_KIND + 1 else (items[:SHOWN_PER_KIND], items[SHOWN_PER_KIND:])
    found = []
    for item in shown:
        key, *figures = subject(item)
        found.append(Finding(kind, severity, table, (key,), tuple(figures), also_in_validation=also_in_validation))
    if rest:
        keys = tuple(subject(item)[0] for item in rest)
        found.append(Finding(kind, severity, table, keys, more=True, also_in_validation=also_in_validation))
    return found


def _off_track(plan: Plan, analysis: Analysis) -> list[tuple]:
    """(goal, forecast, target, deadline) for every goal whose forecast misses its target."""
    return [
        (goal, kpi.forecast, plan.goals[goal].target, plan.goals[goal].deadline)
        for goal, kpi in analysis.kpis.items()
        if kpi.on_track is False
    ]


def _alone(key) -> tuple:
    return (key,)


def _skill_gap(gap) -> tuple:
    return gap.initiative, gap.skill, gap.required, gap.available, gap.teams


def _overloaded_runs(analysis: Analysis) -> dict[str, list[tuple[WeekLoad, ...]]]:
    """Runs of overloaded weeks by severity: high from SEVERE_OVERLOAD of capacity up, or with no capacity at all."""
    runs: dict[str, list] = {"high": [], "medium": []}
    for weeks in analysis.load.values():
        for run in overloaded_stretches(weeks):
            runs["high" if max(w.ratio for w in run) >= SEVERE_OVERLOAD else "medium"].append(run)
    return runs


def _overload(run: tuple[WeekLoad, ...]) -> tuple:
    """The team, its first and last overloaded week, and the peak load (None when it has no capacity)."""
    peak = None if run[0].capacity <= 0 else max(w.ratio for w in run)
    return run[0].team, run[0].week, run[-1].week, peak

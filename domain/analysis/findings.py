"""Findings: one ranked list of plain sentences drawn from every analysis and from validation errors."""

from __future__ import annotations

from collections.abc import Callable

from domain.analysis.load import overloaded_stretches
from domain.analysis.results import Analysis, Finding, SkillGap, TeamNetwork, WeekLoad
from domain.plan import Plan
from domain.validation import ERROR, Problem, validate

SEVERITIES = ("high", "medium", "low")
SHOWN_PER_KIND = 5  # findings of one kind listed before the rest are summed up in one line
SEVERE_OVERLOAD = 1.5


def find(plan: Plan, analysis: Analysis) -> tuple[Finding, ...]:
    """Every finding, high severity first; repetitive kinds are capped with an "…and N more" line."""
    problems = validate(plan, dependency_cycles=[list(c) for c in analysis.cycles if len(c) > 1])
    errors: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.severity == ERROR:
            errors.setdefault(problem.table, []).append(problem)
    gaps = [g for g in analysis.skill_gaps if g.critical], [g for g in analysis.skill_gaps if not g.critical]
    runs = _overloaded_runs(analysis)
    network = analysis.network
    kinds = [
        *(_listed("high", table, found, lambda p: p.key, lambda p: p.message, f"more errors in {table.replace('_', ' ')}",
                  also_in_validation=True)
          for table, found in errors.items()),
        _listed("high", "goals", analysis.late_goals, _same, lambda g: _late_goal(plan, analysis, g),
                "more goals finish after their deadline"),
        _listed("high", "initiatives", gaps[0], lambda g: g.initiative, lambda g: _skill_gap(plan, g),
                "more skill gaps on the critical path"),
        _listed("high", "teams", runs["high"], lambda r: r[0].team, lambda r: _overload(plan, r),
                "more stretches of severe overload"),
        _listed("medium", "teams", runs["medium"], lambda r: r[0].team, lambda r: _overload(plan, r),
                "more overloaded stretches"),
        _listed("medium", "teams", network.isolated, _same,
                lambda t: f"{plan.teams[t].name} has no hand-offs and no shared initiatives with any team",
                "more teams work alone"),
        _listed("medium", "initiatives", analysis.unaligned_initiatives, _same,
                lambda i: f"'{plan.initiatives[i].name}' serves no goal", "more initiatives serve no goal",
                also_in_validation=True),
        _listed("medium", "goals", analysis.goals_without_initiatives, _same,
                lambda g: f"No initiative works towards goal '{plan.goals[g].name}'", "more goals nobody works towards"),
        _listed("medium", "initiatives", gaps[1], lambda g: g.initiative, lambda g: _skill_gap(plan, g),
                "more skill gaps"),
        _listed("low", "teams", network.bottlenecks[:3],
                lambda b: b[0], lambda b: _bottleneck(plan, network, *b), "more bottlenecks"),
        _listed("low", "handoffs", network.loose_handoffs, _same, lambda h: _loose_handoff(plan, h),
                "more hand-offs without a due date or an initiative"),
    ]
    found = [finding for kind in kinds for finding in kind]
    found.sort(key=lambda f: SEVERITIES.index(f.severity))
    return tuple(found)


def _same(key):
    return key


def _listed(
    severity: str, table: str, items, key: Callable, sentence: Callable, more: str, also_in_validation: bool = False
) -> list[Finding]:
    """One finding per item; past SHOWN_PER_KIND items, a last finding sums up the rest (only shown ones are worded)."""
    items = list(items)
    shown, rest = (items, []) if len(items) <= SHOWN_PER_KIND + 1 else (items[:SHOWN_PER_KIND], items[SHOWN_PER_KIND:])
    found = [Finding(severity, sentence(item), table, (key(item),), also_in_validation) for item in shown]
    if rest:
        keys = tuple(key(item) for item in rest)
        found.append(Finding(severity, f"…and {len(rest)} {more}", table, keys, also_in_validation))
    return found


def _late_goal(plan: Plan, analysis: Analysis, goal: str) -> str:
    return (f"Goal '{plan.goals[goal].name}' is due on {plan.goals[goal].deadline}, but the work towards it "
            f"ends on {analysis.goals[goal].last_finish}")


def names_list(names: list[str]) -> str:
    """Names joined as in a sentence: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _skill_gap(plan: Plan, gap: SkillGap) -> str:
    need = f"'{plan.initiatives[gap.initiative].name}' needs {plan.skills[gap.skill].name} at level {gap.required}"
    names = [plan.teams[t].name for t in gap.teams]
    if not names:
        have = "no team is doing the work"
    elif len(names) == 1:
        have = f"{names[0]} has level {gap.available}"
    else:
        have = f"the best of {names_list(names)} is level {gap.available}"
    return f"{need}; {have}" + (" and it is on the critical path" if gap.critical else "")


def week_range(run: tuple[WeekLoad, ...]) -> str:
    """A run of weeks in words: "week 2027-W10" or "weeks 2027-W10 to W14"."""
    first, last = run[0].week, run[-1].week
    if first == last:
        return f"week {first}"
    return f"weeks {first} to {last[5:] if last[:4] == first[:4] else last}"


def _overloaded_runs(analysis: Analysis) -> dict[str, list[list[WeekLoad]]]:
    """Runs of overloaded weeks by severity: high from SEVERE_OVERLOAD of capacity up, or with no capacity at all."""
    runs: dict[str, list] = {"high": [], "medium": []}
    for weeks in analysis.load.values():
        for run in overloaded_stretches(weeks):
            runs["high" if max(w.ratio for w in run) >= SEVERE_OVERLOAD else "medium"].append(run)
    return runs


def _overload(plan: Plan, run: list[WeekLoad]) -> str:
    name = plan.teams[run[0].team].name
    if run[0].capacity <= 0:
        return f"{name} has work planned in {week_range(run)} but no capacity set"
    return f"{name} is overloaded {max(w.ratio for w in run):.0%} in {week_range(run)}"


def _bottleneck(plan: Plan, network: TeamNetwork, team: str, value: float) -> str:
    sampled = ", estimated from a sample" if network.betweenness_sampled else ""
    return (f"{plan.teams[team].name} is a bottleneck: it sits between many teams that are not otherwise linked "
            f"(betweenness {value:.2f}{sampled})")


def _loose_handoff(plan: Plan, handoff_id: str) -> str:
    handoff = plan.handoffs[handoff_id]
    source, target = plan.teams.get(handoff.from_team), plan.teams.get(handoff.to_team)
    what = f"'{handoff.what}'" if handoff.what else "without a name"
    route = f" from {source.name} to {target.name}" if source and target else ""
    missing = [text for text, gone in (("no due date", handoff.due is None), ("no initiative", handoff.initiative is None))
               if gone]
    return f"The hand-off {what}{route} has {' and '.join(missing)}"

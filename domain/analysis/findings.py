"""Findings: one ranked list of plain sentences drawn from every analysis and from validation errors."""

from __future__ import annotations

from datetime import date, timedelta

from domain.analysis.results import Analysis, Finding, WeekLoad
from domain.plan import Plan
from domain.validation import ERROR, validate

SEVERITIES = ("high", "medium", "low")
SHOWN_PER_KIND = 5  # findings of one kind listed before the rest are summed up in one line
BOTTLENECK_BETWEENNESS = 0.1  # below this a team is not in the way of many paths between others
SEVERE_OVERLOAD = 1.5


def find(plan: Plan, analysis: Analysis) -> tuple[Finding, ...]:
    """Every finding, high severity first; repetitive kinds are capped with an "…and N more" line."""
    gaps = _skill_gaps(plan, analysis)
    kinds = [
        _capped([Finding("high", p.message, p.table, (p.key,)) for p in validate(plan) if p.severity == ERROR],
                "more errors in the plan"),
        _capped(_late_goals(plan, analysis), "more goals finish after their deadline"),
        _capped([f for f in gaps if f.severity == "high"],
                "more skill gaps on the critical path"),
        _capped(_overloads(plan, analysis), "more overloaded stretches"),
        _capped([Finding("medium", f"{plan.teams[t].name} has no hand-offs and no shared initiatives with any team",
                         "teams", (t,)) for t in analysis.network.isolated], "more teams work alone"),
        _capped([Finding("medium", f"'{plan.initiatives[i].name}' serves no goal", "initiatives", (i,))
                 for i in analysis.unaligned_initiatives], "more initiatives serve no goal"),
        _capped([Finding("medium", f"No initiative works towards goal '{plan.goals[g].name}'", "goals", (g,))
                 for g in analysis.goals_without_initiatives], "more goals nobody works towards"),
        _capped([f for f in gaps if f.severity == "medium"], "more skill gaps"),
        _bottlenecks(plan, analysis),
        _capped(_loose_handoffs(plan, analysis), "more hand-offs without a due date or an initiative"),
    ]
    found = [finding for kind in kinds for finding in kind]
    found.sort(key=lambda f: SEVERITIES.index(f.severity))
    return tuple(found)


def _capped(found: list[Finding], more: str) -> list[Finding]:
    if len(found) <= SHOWN_PER_KIND + 1:
        return found
    shown, rest = found[:SHOWN_PER_KIND], found[SHOWN_PER_KIND:]
    keys = tuple(key for finding in rest for key in finding.keys)
    return shown + [Finding(rest[0].severity, f"…and {len(rest)} {more}", rest[0].table, keys)]


def _late_goals(plan: Plan, analysis: Analysis) -> list[Finding]:
    return [
        Finding("high", f"Goal '{plan.goals[g].name}' is due on {plan.goals[g].deadline}, but its last initiative "
                f"finishes on {analysis.goals[g].last_finish}", "goals", (g,))
        for g in analysis.late_goals
    ]


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _skill_gaps(plan: Plan, analysis: Analysis) -> list[Finding]:
    found = []
    for gap in analysis.skill_gaps:
        need = f"'{plan.initiatives[gap.initiative].name}' needs {plan.skills[gap.skill].name} at level {gap.required}"
        names = [plan.teams[t].name for t in gap.teams]
        if not names:
            have = "no team is doing the work"
        elif len(names) == 1:
            have = f"{names[0]} has level {gap.available}"
        else:
            have = f"the best of {_names(names)} is level {gap.available}"
        critical = " and it is on the critical path" if gap.critical else ""
        found.append(Finding("high" if gap.critical else "medium", f"{need}; {have}{critical}",
                             "initiatives", (gap.initiative,)))
    return found


def _monday(week: str) -> date:
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def _stretches(weeks: list[WeekLoad]) -> list[list[WeekLoad]]:
    """Overloaded weeks grouped into runs of consecutive weeks."""
    runs: list[list[WeekLoad]] = []
    for week in weeks:
        if runs and _monday(week.week) - _monday(runs[-1][-1].week) == timedelta(days=7):
            runs[-1].append(week)
        else:
            runs.append([week])
    return runs


def _week_range(run: list[WeekLoad]) -> str:
    first, last = run[0].week, run[-1].week
    if first == last:
        return f"week {first}"
    return f"weeks {first} to {last[5:] if last[:4] == first[:4] else last}"


def _overloads(plan: Plan, analysis: Analysis) -> list[Finding]:
    found = []
    for team_id, weeks in analysis.load.items():
        name = plan.teams[team_id].name
        for run in _stretches([w for w in weeks if w.overloaded]):
            peak = max(w.ratio for w in run)
            if run[0].capacity <= 0:
                message = f"{name} has work planned in {_week_range(run)} but no capacity set"
                severity = "medium"
            else:
                message = f"{name} is overloaded {peak:.0%} in {_week_range(run)}"
                severity = "high" if peak >= SEVERE_OVERLOAD else "medium"
            found.append(Finding(severity, message, "teams", (team_id,)))
    return sorted(found, key=lambda f: SEVERITIES.index(f.severity))


def _bottlenecks(plan: Plan, analysis: Analysis) -> list[Finding]:
    sampled = " (estimated from a sample)" if analysis.network.betweenness_sampled else ""
    return [
        Finding("low", f"{plan.teams[t].name} is a bottleneck: it sits between many teams that are not otherwise "
                f"linked (betweenness {value:.2f}{sampled})", "teams", (t,))
        for t, value in analysis.network.bottlenecks[:3]
        if value >= BOTTLENECK_BETWEENNESS
    ]


def _loose_handoffs(plan: Plan, analysis: Analysis) -> list[Finding]:
    found = []
    for handoff_id in analysis.network.loose_handoffs:
        handoff = plan.handoffs[handoff_id]
        source, target = plan.teams.get(handoff.from_team), plan.teams.get(handoff.to_team)
        what = f"'{handoff.what}'" if handoff.what else "a hand-off"
        route = f" from {source.name} to {target.name}" if source and target else ""
        missing = " and ".join(
            text for text, gone in (("no due date", handoff.due is None), ("no initiative", handoff.initiative is None))
            if gone
        )
        found.append(Finding("low", f"The hand-off {what}{route} has {missing}", "handoffs", (handoff_id,)))
    return found

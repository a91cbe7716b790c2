"""The analysis as a plain-text report for the terminal (`tutti analyze`): headings, names, no markup."""

from __future__ import annotations

from domain.analysis.load import overloaded_stretches
from domain.analysis.results import Analysis
from domain.analysis.skills import gaps_by_skill
from domain.analysis.wording import describe, figure, kpi_status, signed
from domain.calendar import describe_calendar
from domain.plan import Plan
from domain.wording import counted, names_list, plan_counts, week_range

LIST_LIMIT = 15  # lines of one list before the rest is counted, so a big plan's report stays readable


def _heading(title: str) -> list[str]:
    return ["", title, "-" * len(title)]


def _capped(lines: list[str], what: str) -> list[str]:
    if len(lines) <= LIST_LIMIT + 1:
        return lines
    return lines[:LIST_LIMIT] + [f"  …and {len(lines) - LIST_LIMIT} more {what}"]


def text_report(plan: Plan, analysis: Analysis) -> str:
    """The whole analysis in readable sections, entities by name."""
    title = f"Analysis of {plan.project.name}"
    lines = [title, "=" * len(title)]
    lines += _summary(plan, analysis)
    lines += _findings(plan, analysis)
    lines += _schedule(plan, analysis)
    lines += _goals(plan, analysis)
    lines += _teams(plan, analysis)
    lines += _skill_gaps(plan, analysis)
    lines += _load(plan, analysis)
    return "\n".join(lines) + "\n"


def _summary(plan: Plan, analysis: Analysis) -> list[str]:
    lines = [plan_counts(plan) + "."]
    if analysis.finish is None:
        lines.append(f"Starts on {analysis.start}; there are no initiatives to schedule.")
    else:
        lines.append(f"Starts on {analysis.start} and finishes on {analysis.finish}.")
    lines.append(f"Working days: {describe_calendar(plan.project.calendar)}.")
    return lines


def _findings(plan: Plan, analysis: Analysis) -> list[str]:
    lines = _heading("Findings")
    if not analysis.findings:
        return lines + ["Nothing to report."]
    width = max(len(f.severity) for f in analysis.findings)
    return lines + [f"{f.severity.upper():<{width}}  {describe(f, plan)}" for f in analysis.findings]


def _schedule(plan: Plan, analysis: Analysis) -> list[str]:
    lines = _heading("Schedule")
    if analysis.critical_path:
        lines.append(f"Critical path ({counted(len(analysis.critical_path), 'initiative')}, no slack):")
        path = []
        for initiative_id in analysis.critical_path:
            dates = analysis.schedule[initiative_id]
            path.append(f"  {dates.start} to {dates.finish}  {plan.initiatives[initiative_id].name}")
        lines += _capped(path, "initiatives on the critical path")
    else:
        lines.append("No initiatives, so no critical path.")
    if analysis.cycles:
        lines.append("")
        lines.append("Initiatives waiting for each other in a circle (those dependencies are ignored for the dates):")
        circles = []
        for cycle in analysis.cycles:
            names = [plan.initiatives[i].name for i in cycle]
            circles.append("  " + " → ".join(names + names[:1]))
        lines += _capped(circles, "circles")
    return lines


def _goals(plan: Plan, analysis: Analysis) -> list[str]:
    lines = _heading("Goals")
    lines.append(f"Goals nobody works towards: {counted(len(analysis.goals_without_initiatives), 'goal')}")
    lines += _capped([f"  {plan.goals[g].name}" for g in analysis.goals_without_initiatives], "goals")
    lines.append(f"Goals whose work ends after the deadline: {counted(len(analysis.late_goals), 'goal')}")
    lines += _capped(
        [
            f"  {plan.goals[g].name}: due {plan.goals[g].deadline}, work ends {analysis.goals[g].last_finish}"
            for g in analysis.late_goals
        ],
        "goals",
    )
    lines.append(f"Initiatives serving no goal: {counted(len(analysis.unaligned_initiatives), 'initiative')}")
    lines += _capped([f"  {plan.initiatives[i].name}" for i in analysis.unaligned_initiatives], "initiatives")
    measured = [(g, k) for g, k in analysis.kpis.items() if k.latest is not None]
    lines.append(f"Goals measured by check-ins: {counted(len(measured), 'goal')}")
    lines += _capped([_measured(plan.goals[g], k) for g, k in measured], "goals")
    return lines


def _measured(goal, kpi) -> str:
    line = f"  {goal.name}: {kpi_status(kpi)}, latest {figure(kpi.latest.value)} on {kpi.latest.date}"
    if kpi.forecast is not None and goal.target is not None:
        line += f", forecast {figure(kpi.forecast)} against a target of {figure(goal.target)} by {goal.deadline}"
    return line


def _teams(plan: Plan, analysis: Analysis) -> list[str]:
    network = analysis.network
    name = lambda team: plan.teams[team].name
    lines = _heading("Teams")
    lines.append(f"Teams working alone (no hand-offs, no shared initiatives): {counted(len(network.isolated), 'team')}")
    lines += _capped([f"  {name(t)}" for t in network.isolated], "teams")
    lines.append(f"Communities of teams that work closely together: {len(network.communities)}")
    lines += _capped(
        [f"  {n}. {names_list([name(t) for t in community])}" for n, community in enumerate(network.communities, 1)],
        "communities",
    )
    how = "estimated from a fixed sample of teams, as the plan is big" if network.betweenness_sampled else "exact"
    lines.append(f"Bottlenecks, teams between many others (betweenness centrality, {how}):")
    lines += [f"  {name(t)}: {value:.2f}" for t, value in network.bottlenecks] or ["  none"]
    lines.append("Hand-offs per team (received, given):")
    busiest = sorted(plan.teams, key=lambda t: -(len(network.handoffs_in[t]) + len(network.handoffs_out[t])))
    lines += _capped(
        [f"  {name(t)}: {len(network.handoffs_in[t])} in, {len(network.handoffs_out[t])} out" for t in busiest],
        "teams",
    )
    lines.append(f"Hand-offs without a due date or an initiative: {len(network.loose_handoffs)}")
    if network.departments:
        lines.append("Departments, E-I index (-1: works only inside itself, +1: only with other departments):")
        lines += _capped(
            [
                f"  {name}: {'no ties' if d.ei_index is None else signed(d.ei_index)} ({counted(len(d.teams), 'team')})"
                for name, d in network.departments.items()
            ],
            "departments",
        )
    return lines


def _skill_gaps(plan: Plan, analysis: Analysis) -> list[str]:
    gaps = analysis.skill_gaps
    lines = _heading("Skill gaps")
    critical = sum(g.critical for g in gaps)
    lines.append(f"{counted(len(gaps), 'gap')}, {critical} on the critical path.")
    if not gaps:
        return lines
    lines.append("By skill:")
    lines += _capped(
        [f"  {plan.skills[skill].name}: {counted(len(found), 'gap')}" for skill, found in gaps_by_skill(gaps).items()],
        "skills",
    )
    lines.append("Gaps (required level, best level among the teams doing the work):")
    ordered = sorted(gaps, key=lambda g: not g.critical)
    lines += _capped(
        [
            f"  {plan.initiatives[g.initiative].name}: {plan.skills[g.skill].name} {g.required}, has {g.available}"
            + (f" ({names_list([plan.teams[t].name for t in g.teams])})" if g.teams else " (no team doing the work)")
            + (", critical path" if g.critical else "")
            for g in ordered
        ],
        "gaps",
    )
    return lines


def _load(plan: Plan, analysis: Analysis) -> list[str]:
    lines = _heading("Team load")
    lines.append("Effort per ISO week against capacity (person-days). Overloaded stretches:")
    overloaded = []
    for team_id, weeks in analysis.load.items():
        for run in overloaded_stretches(weeks):
            peak = max(w.ratio for w in run)
            level = "no capacity set" if run[0].capacity <= 0 else f"up to {peak:.0%} of capacity"
            overloaded.append(f"  {plan.teams[team_id].name}: {week_range(run[0].week, run[-1].week)}, {level}")
    return lines + (_capped(overloaded, "stretches") or ["  none"])

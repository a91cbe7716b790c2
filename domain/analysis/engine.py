"""Run every analysis of a plan at once, and write the result as JSON for `tutti analyze --json`."""

from __future__ import annotations

from dataclasses import replace

from domain.analysis.alignment import alignment
from domain.analysis.findings import find
from domain.analysis.gates import slip
from domain.analysis.kpis import kpis
from domain.analysis.load import team_load
from domain.analysis.network import team_network
from domain.analysis.results import Analysis
from domain.analysis.schedule import schedule
from domain.analysis.skills import skill_gaps
from domain.analysis.wording import describe
from domain.plan import Plan


def analyze(plan: Plan) -> Analysis:
    """Schedule, critical path, cycles, goal alignment, team network, skill gaps, load and findings."""
    timeline = schedule(plan)
    scheduled = timeline.scheduled()
    unaligned, without, goals = alignment(plan, timeline)
    analysis = Analysis(
        start=timeline.calendar.working_date(timeline.start),
        finish=None if timeline.finish is None else timeline.calendar.working_date(timeline.finish),
        schedule=scheduled,
        critical_path=timeline.critical_path,
        cycles=timeline.cycles,
        unaligned_initiatives=unaligned,
        goals_without_initiatives=without,
        goals=goals,
        network=team_network(plan),
        skill_gaps=skill_gaps(plan, timeline.critical),
        load=team_load(plan, timeline),
        kpis=kpis(plan),
        slip=slip(plan, timeline),
    )
    return replace(analysis, findings=find(plan, analysis))


def _day(value) -> str | None:
    return value.isoformat() if value else None


def analysis_to_json(plan: Plan, analysis: Analysis) -> dict:
    """The analysis as a JSON-ready dict: entity ids, ISO dates, plain numbers."""
    network = analysis.network
    return {
        "start": _day(analysis.start),
        "finish": _day(analysis.finish),
        "schedule": {
            initiative: {
                "start": _day(s.start),
                "finish": _day(s.finish),
                "latest_start": _day(s.latest_start),
                "latest_finish": _day(s.latest_finish),
                "slack": s.slack,
                "critical": s.critical,
            }
            for initiative, s in analysis.schedule.items()
        },
        "critical_path": list(analysis.critical_path),
        "cycles": [list(cycle) for cycle in analysis.cycles],
        "alignment": {
            "unaligned_initiatives": list(analysis.unaligned_initiatives),
            "goals_without_initiatives": list(analysis.goals_without_initiatives),
            "late_goals": list(analysis.late_goals),
            "goals": {
                goal: {
                    "initiatives": list(a.initiatives),
                    "last_finish": _day(a.last_finish),
                    "late": a.late,
                    "late_sub_goals": a.late_sub_goals,
                }
                for goal, a in analysis.goals.items()
            },
        },
        "teams": {
            "isolated": list(network.isolated),
            "communities": [list(c) for c in network.communities],
            "bottlenecks": [{"id": team, "betweenness": value} for team, value in network.bottlenecks],
            "betweenness_sampled": network.betweenness_sampled,
            "handoffs": {
                team: {"in": list(network.handoffs_in[team]), "out": list(network.handoffs_out[team])}
                for team in plan.teams
            },
            "loose_handoffs": list(network.loose_handoffs),
            "ei_index": {team: _index(value) for team, value in network.ei_index.items()},
            "departments": {
                name: {"teams": list(department.teams), "ei_index": _index(department.ei_index)}
                for name, department in network.departments.items()
            },
        },
        "skill_gaps": [
            {
                "initiative": g.initiative,
                "skill": g.skill,
                "required": g.required,
                "available": g.available,
                "teams": list(g.teams),
                "critical": g.critical,
            }
            for g in analysis.skill_gaps
        ],
        "load": {
            team: [
                {"week": w.week, "load": round(w.load, 3), "capacity": w.capacity, "overloaded": w.overloaded}
                for w in weeks
            ]
            for team, weeks in analysis.load.items()
        },
        "kpis": {
            goal: {
                "latest": None if k.latest is None else {"date": _day(k.latest.date), "value": k.latest.value},
                "trend_per_week": _rounded(k.trend_per_week),
                "forecast": _rounded(k.forecast),
                "on_track": k.on_track,
                "sub_goals": k.sub_goals,
                "sub_goals_on_track": k.sub_goals_on_track,
                "sub_goals_measured": k.sub_goals_measured,
            }
            for goal, k in analysis.kpis.items()
        },
        "slip": dict(analysis.slip),
        "findings": [
            {
                "kind": f.kind,
                "severity": f.severity,
                "message": describe(f, plan),
                "table": f.table,
                "keys": [_key(k) for k in f.keys],
            }
            for f in analysis.findings
        ],
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _index(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _key(key):
    return list(key) if isinstance(key, tuple) else key

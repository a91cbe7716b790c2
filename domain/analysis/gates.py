"""Pilot → scale gates and baselines: what the analysis says about decisions due and work that slipped."""

from __future__ import annotations

from domain.analysis.kpis import latest_by, reaches
from domain.analysis.results import Analysis, ScheduledInitiative
from domain.analysis.schedule import Timeline
from domain.entities import Baseline, InitiativeId, timestamp
from domain.plan import Plan

SLIP_WORTH_NAMING = 5  # working days critical work may slip before a finding names it
STILL_TO_DO = ("idea", "planned", "active")


def gated(plan: Plan):
    """The initiatives that carry a gate, with it, in plan order."""
    return [(i, i.gate) for i in plan.initiatives.values() if i.gate is not None and not i.dropped]


def incomplete_gates(plan: Plan) -> list[tuple]:
    """(pilot, what its gate lacks) for gates with no goal or no threshold."""
    found = []
    for pilot, gate in gated(plan):
        missing = tuple(name for name, value in (("goal", gate.goal), ("threshold", gate.threshold)) if value is None)
        if missing:
            found.append((pilot.id, missing))
    return found


def late_pilots(plan: Plan, schedule: dict[InitiativeId, ScheduledInitiative]) -> list[tuple]:
    """(pilot, its finish, its decision date) for pilots that finish after the date their gate is decided."""
    found = []
    for pilot, gate in gated(plan):
        if gate.decide_by is not None and pilot.id in schedule and schedule[pilot.id].finish > gate.decide_by:
            found.append((pilot.id, schedule[pilot.id].finish, gate.decide_by))
    return found


def overdue_gates(plan: Plan) -> list[tuple]:
    """(pilot, decision date) for gates still pending after their decision date, as of the status date."""
    today = plan.project.status_date
    if today is None:
        return []
    return [
        (p.id, g.decide_by) for p, g in gated(plan) if g.decision == "pending" and g.decide_by and g.decide_by < today
    ]


def work_after_no_go(plan: Plan) -> list[tuple]:
    """(initiative, pilot) for work still to do that waits for a pilot decided no-go."""
    stopped = {p.id for p, g in gated(plan) if g.decision == "no-go"}
    return [
        (after, before)
        for before, after in plan.dependencies
        if before in stopped and after in plan.initiatives and plan.initiatives[after].status in STILL_TO_DO
    ]


def gate_readings(plan: Plan) -> list[tuple]:
    """(pilot, the latest value by the decision date, threshold, met) for pending gates whose goal has check-ins."""
    found = []
    for pilot, gate in gated(plan):
        goal = plan.goals.get(gate.goal) if gate.goal is not None else None
        if gate.decision != "pending" or goal is None or gate.threshold is None or gate.decide_by is None:
            continue
        checkin = latest_by(goal, gate.decide_by)
        if checkin is not None:
            found.append((pilot.id, checkin.value, gate.threshold, reaches(goal, checkin.value, gate.threshold)))
    return found


def slip(plan: Plan, timeline: Timeline) -> dict[InitiativeId, int]:
    """Working days each initiative now finishes later than in the latest baseline (negative: earlier)."""
    if not plan.project.baselines:
        return {}
    working_day = timeline.calendar.working_day
    return {
        initiative: timeline.finish_of(initiative) - working_day(finish)
        for initiative, finish in plan.project.baselines[-1].finishes
        if initiative in plan.initiatives and not plan.initiatives[initiative].dropped
    }


def slipped(plan: Plan, analysis: Analysis) -> list[tuple]:
    """(initiative, working days, baseline name) for critical work that slipped more than SLIP_WORTH_NAMING days."""
    name = plan.project.baselines[-1].name if plan.project.baselines else ""
    return [
        (i, days, name)
        for i, days in analysis.slip.items()
        if days > SLIP_WORTH_NAMING and i in analysis.schedule and analysis.schedule[i].critical
    ]


def baseline_now(plan: Plan, timeline: Timeline, name: str = "") -> Baseline:
    """The schedule as it stands, as a baseline called `name` (by default, the date it is set)."""
    finishes = tuple(
        (i, timeline.calendar.working_date(timeline.finish_of(i)))
        for i in timeline.order
        if not plan.initiatives[i].dropped
    )
    when = timestamp()
    return Baseline(name=name.strip() or f"Baseline of {when[:10]}", set=when, finishes=finishes)

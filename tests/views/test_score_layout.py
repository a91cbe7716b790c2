"""The Score's layout and time axis, checked as geometry rather than pixels."""

from __future__ import annotations

from datetime import date

from domain.analysis.schedule import links, schedule, working_day
from domain.entities import Dependency, Handoff, Initiative, Project, RaciRole, Team
from domain.plan import Plan
from views.qt.score_layout import ScoreFilter, build_score
from views.qt.score_scale import TimeScale


def small_plan(due: date) -> Plan:
    """Build hands a file to Run for its initiative; Run's own work waits for Build's."""
    plan = Plan()
    build, run = Team(id="build", name="Build"), Team(id="run", name="Run")
    plan.teams = {team.id: team for team in (build, run)}
    plan.project = Project(start=date(2027, 3, 1))
    making = Initiative(id="make", name="Make it", owner="build", duration=10, raci=(RaciRole("run", "C"),))
    running = Initiative(id="run it", name="Run it", owner="run", duration=5)
    gone = Initiative(id="gone", name="Dropped idea", owner="run", status="dropped")
    plan.initiatives = {i.id: i for i in (making, running, gone)}
    plan.dependencies = {("make", "run it"): Dependency(before="make", after="run it")}
    plan.handoffs = {"h": Handoff(id="h", from_team="build", to_team="run", initiative="make", what="File", due=due)}
    return plan


def score_of(plan: Plan, shown: ScoreFilter | None = None):
    prepared = links(plan)
    return build_score(plan, schedule(plan, prepared), prepared, None, shown or ScoreFilter())


def test_a_hand_off_due_after_the_receiving_work_starts_is_a_late_cue():
    # "Run it" starts on 2027-03-15, after ten working days of "Make it"
    on_time, late = score_of(small_plan(date(2027, 3, 12))), score_of(small_plan(date(2027, 3, 17)))
    assert [(cue.late, cue.source.team, cue.target.team) for cue in on_time.cues] == [(False, "build", "run")]
    assert [cue.late for cue in late.cues] == [True]
    assert late.cues[0].day == working_day(date(2027, 3, 17))


def test_bars_sit_in_their_owners_lane_with_ghosts_for_roles_and_dropped_work_hidden():
    score = score_of(small_plan(date(2027, 3, 12)))
    lanes = {lane.team: lane for lane in score.lanes}
    make = score.bars["make"]
    assert lanes["build"].top <= make.top < lanes["build"].top + lanes["build"].height
    ghosts = [bar for bar in lanes["run"].bars if bar.ghost]
    assert [(g.initiative, g.first, g.last) for g in ghosts] == [("make", make.first, make.last)]
    assert ghosts[0].height < make.height
    assert "gone" not in score.bars
    assert "gone" in score_of(small_plan(date(2027, 3, 12)), ScoreFilter(dropped=True)).bars
    assert score.bar_at(make.first + 1, make.top + 2) == make


def test_a_team_filter_keeps_the_lanes_with_that_teams_work():
    score = score_of(small_plan(date(2027, 3, 12)), ScoreFilter(team="build"))
    assert set(score.bars) == {"make"}
    assert [lane.team for lane in score.lanes] == ["build", "run"]  # run keeps the ghost of its role


def test_the_axis_snaps_moves_to_whole_working_days_and_counts_in_weeks_months_or_quarters():
    scale = TimeScale(origin=100, day_width=10.0)
    assert scale.whole_days(34) == 3 and scale.whole_days(-36) == -4
    assert scale.day_at(scale.x(123)) == 123
    assert [scale.unit, scale.zoomed(0.3).unit, scale.zoomed(0.05).unit] == ["week", "month", "quarter"]
    start = working_day(date(2027, 1, 1))
    months = TimeScale(start, 2.0).ticks(start, start + 130)
    assert [tick.label for tick in months][:3] == ["Jan 2027", "Feb", "Mar"]

"""The schedule on Monday-to-Friday working days: dates, lags, milestones, not-before dates, slack, cycles."""

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.analysis.engine import analyze
from domain.analysis.schedule import DEFAULT_START, schedule
from domain.calendar import MONDAY_TO_FRIDAY

working_day, working_date = MONDAY_TO_FRIDAY.working_day, MONDAY_TO_FRIDAY.working_date
from tests.domain.analysis_plans import MONDAY, initiative, plan_with, wait


def dates(plan, name):
    entry = analyze(plan).schedule[name]
    return entry.start, entry.finish


def test_working_days_skip_weekends_and_roll_weekends_forward():
    friday, saturday, sunday, monday = date(2027, 1, 8), date(2027, 1, 9), date(2027, 1, 10), date(2027, 1, 11)
    assert working_day(monday) - working_day(friday) == 1
    assert working_day(saturday) == working_day(sunday) == working_day(monday)
    assert working_date(working_day(friday) + 1) == monday


def test_a_five_day_initiative_runs_monday_to_friday_and_its_successor_starts_next_monday():
    plan = plan_with(initiative("Design"), initiative("Build", 3), wait("Design", "Build"))
    assert dates(plan, "Design") == (date(2027, 1, 4), date(2027, 1, 8))
    assert dates(plan, "Build") == (date(2027, 1, 11), date(2027, 1, 13))
    assert analyze(plan).finish == date(2027, 1, 13)


def test_a_project_starting_on_a_saturday_starts_on_monday():
    plan = plan_with(initiative("Design", 1), start=date(2027, 1, 2))
    assert analyze(plan).start == MONDAY
    assert dates(plan, "Design") == (MONDAY, MONDAY)


def test_work_crossing_a_weekend_continues_on_monday():
    plan = plan_with(initiative("Survey", 3, start=date(2027, 1, 7)))
    assert dates(plan, "Survey") == (date(2027, 1, 7), date(2027, 1, 11))


def test_lag_adds_working_days_after_the_predecessor_finishes():
    plan = plan_with(initiative("Design"), initiative("Build", 1), wait("Design", "Build", lag=2))
    assert dates(plan, "Build")[0] == date(2027, 1, 13)


def test_a_lag_reaching_over_a_weekend_skips_it():
    plan = plan_with(initiative("Design", 4), initiative("Build", 1), wait("Design", "Build", lag=1))
    # Design ends Thursday; the day after is Friday, plus one working day is Monday.
    assert dates(plan, "Build")[0] == date(2027, 1, 11)


# Milestones as Microsoft Project dates them (checked against schedules MS Project computed): a milestone
# placed by the work it waits for is dated that work's last day; one placed by a date is dated that day.
# 2027-01-04 is a Monday.


def test_a_milestone_after_work_ending_on_friday_is_dated_that_friday_and_its_successor_starts_on_monday():
    plan = plan_with(
        initiative("Design"),
        initiative("Sign-off", 0),
        initiative("Launch", 1),
        wait("Design", "Sign-off"),
        wait("Sign-off", "Launch"),
    )
    assert dates(plan, "Design") == (date(2027, 1, 4), date(2027, 1, 8))
    assert dates(plan, "Sign-off") == (date(2027, 1, 8), date(2027, 1, 8))
    assert dates(plan, "Launch") == (date(2027, 1, 11), date(2027, 1, 11))


def test_a_plan_ending_with_a_milestone_finishes_on_its_last_day_of_work():
    plan = plan_with(initiative("Design"), initiative("Sign-off", 0), wait("Design", "Sign-off"))
    analysis = analyze(plan)
    assert analysis.finish == date(2027, 1, 8)
    assert analysis.critical_path == ("Design", "Sign-off")
    sign_off = analysis.schedule["Sign-off"]
    assert (sign_off.slack, sign_off.latest_finish, sign_off.critical) == (0, date(2027, 1, 8), True)


def test_slack_is_measured_from_the_last_day_of_work_when_the_plan_ends_with_a_milestone():
    plan = plan_with(
        initiative("Build"),
        initiative("Release", 0),
        initiative("Test"),
        initiative("Docs", 4),
        wait("Build", "Release"),
    )
    analysis = analyze(plan)
    # Test ends on Friday with the release: no slack, so it is critical; Docs ends Thursday: one day.
    assert (analysis.schedule["Test"].slack, analysis.schedule["Test"].critical) == (0, True)
    assert (analysis.schedule["Docs"].slack, analysis.schedule["Docs"].latest_finish) == (1, date(2027, 1, 8))


def test_a_milestone_with_a_not_before_date_is_dated_that_day():
    plan = plan_with(
        initiative("Design"),
        initiative("Launch day", 0, start=date(2027, 1, 11)),
        initiative("Review", 0, start=date(2027, 1, 6)),
        initiative("Campaign", 2),
        wait("Design", "Launch day"),
        wait("Launch day", "Campaign"),
    )
    analysis = analyze(plan)
    assert dates(plan, "Review") == (date(2027, 1, 6), date(2027, 1, 6))
    # Design ends on Friday, the date says Monday: Monday wins, and what follows starts that Monday.
    assert dates(plan, "Launch day") == (date(2027, 1, 11), date(2027, 1, 11))
    assert dates(plan, "Campaign") == (date(2027, 1, 11), date(2027, 1, 12))
    assert analysis.critical_path == ("Launch day", "Campaign")
    assert analysis.schedule["Design"].slack == 0  # nothing but a weekend between its end and Monday's launch


def test_a_milestone_at_the_project_start_is_dated_the_first_day_and_a_lag_counts_from_that_morning():
    plan = plan_with(
        initiative("Kick-off", 0),
        initiative("Workshop", 1),
        initiative("Checkpoint", 0),
        wait("Kick-off", "Workshop", lag=2),
        wait("Kick-off", "Checkpoint", lag=2),
    )
    assert dates(plan, "Kick-off") == (MONDAY, MONDAY)
    assert dates(plan, "Workshop") == (date(2027, 1, 6), date(2027, 1, 6))
    assert dates(plan, "Checkpoint") == (date(2027, 1, 6), date(2027, 1, 6))


def test_a_lag_after_a_milestone_counts_from_the_end_of_the_work_it_waits_for():
    plan = plan_with(
        initiative("Design"),
        initiative("Sign-off", 0),
        initiative("Build", 1),
        initiative("Audit", 0),
        initiative("Direct", 1),
        wait("Design", "Sign-off"),
        wait("Sign-off", "Build", lag=2),
        wait("Sign-off", "Audit", lag=2),
        wait("Design", "Direct", lag=2),
    )
    # Friday's end plus two working days is Tuesday's end: work starts Wednesday, a milestone is dated Tuesday.
    assert dates(plan, "Build")[0] == dates(plan, "Direct")[0] == date(2027, 1, 13)
    assert dates(plan, "Audit") == (date(2027, 1, 12), date(2027, 1, 12))


def test_a_not_before_date_delays_the_start_and_a_weekend_date_rolls_to_monday():
    plan = plan_with(initiative("Design", 2, start=date(2027, 1, 16)), initiative("Early", 2, start=date(2026, 12, 1)))
    assert dates(plan, "Design") == (date(2027, 1, 18), date(2027, 1, 19))
    assert dates(plan, "Early")[0] == MONDAY  # never before the project starts


def test_the_latest_constraint_wins():
    plan = plan_with(
        initiative("Short", 2),
        initiative("Long", 6),
        initiative("Launch", 1, start=date(2027, 1, 6)),
        wait("Short", "Launch", lag=3),
        wait("Long", "Launch"),
    )
    # Short: +2 days +3 lag = Mon 11th; Long: 6 days -> starts Tue 12th.
    assert dates(plan, "Launch")[0] == date(2027, 1, 12)


def test_negative_durations_count_as_milestones():
    plan = plan_with(initiative("Odd", -3), initiative("Next", 1), wait("Odd", "Next"))
    assert dates(plan, "Odd") == (MONDAY, MONDAY)
    assert dates(plan, "Next")[0] == MONDAY


def test_slack_and_latest_dates_come_from_the_backward_pass():
    plan = plan_with(
        initiative("Build"),
        initiative("Docs", 2),
        initiative("Launch", 1),
        wait("Build", "Launch"),
        wait("Docs", "Launch"),
    )
    docs = analyze(plan).schedule["Docs"]
    assert (docs.slack, docs.latest_start, docs.latest_finish) == (3, date(2027, 1, 7), date(2027, 1, 8))
    assert not docs.critical
    assert analyze(plan).schedule["Build"].slack == 0


def test_the_critical_path_is_the_chain_that_sets_the_finish():
    plan = plan_with(
        initiative("Docs", 2),
        initiative("Build"),
        initiative("Test", 3),
        initiative("Launch", 1),
        wait("Docs", "Launch"),
        wait("Build", "Test"),
        wait("Test", "Launch"),
    )
    assert analyze(plan).critical_path == ("Build", "Test", "Launch")


def test_of_two_equal_chains_the_critical_path_takes_the_first_in_plan_order():
    plan = plan_with(
        initiative("B1"),
        initiative("A1"),
        initiative("End", 1),
        wait("A1", "End"),
        wait("B1", "End"),
    )
    analysis = analyze(plan)
    assert analysis.critical_path == ("B1", "End")
    assert analysis.schedule["A1"].slack == 0  # both chains are critical, only one is listed


def test_a_project_without_start_begins_on_the_earliest_not_before_date():
    plan = plan_with(
        initiative("Late", 1, start=date(2027, 3, 3)), initiative("Later", 1, start=date(2027, 3, 10)), start=None
    )
    assert analyze(plan).start == date(2027, 3, 3)


def test_a_project_without_any_date_starts_on_a_fixed_day_not_today():
    analysis = analyze(plan_with(initiative("Anything"), start=None))
    assert analysis.start == DEFAULT_START == date(2026, 1, 5)


def test_an_empty_plan_has_a_start_but_no_finish():
    analysis = analyze(plan_with())
    assert (analysis.start, analysis.finish, analysis.critical_path) == (MONDAY, None, ())


def test_dependency_cycles_are_reported_and_ignored_for_the_dates():
    plan = plan_with(
        initiative("Start"),
        initiative("Ping"),
        initiative("Pong"),
        initiative("After", 1),
        wait("Start", "Ping"),
        wait("Ping", "Pong"),
        wait("Pong", "Ping"),
        wait("Pong", "After"),
    )
    analysis = analyze(plan)
    assert analysis.cycles == (("Ping", "Pong"),)
    assert dates(plan, "Ping")[0] == date(2027, 1, 11)  # still waits for Start, outside the circle
    assert dates(plan, "Pong")[0] == MONDAY  # its wait for Ping is part of the circle
    assert dates(plan, "After")[0] == date(2027, 1, 11)


def test_several_cycles_are_each_reported_in_plan_order():
    plan = plan_with(
        initiative("A"),
        initiative("B"),
        initiative("C"),
        initiative("D"),
        initiative("E"),
        wait("D", "E"),
        wait("E", "D"),
        wait("A", "B"),
        wait("B", "C"),
        wait("C", "A"),
    )
    assert analyze(plan).cycles == (("A", "B", "C"), ("D", "E"))


def test_a_dropped_initiative_takes_no_time_and_passes_its_predecessors_on_with_their_lags():
    plan = plan_with(
        initiative("Design"),
        initiative("Old build", 10, status="dropped"),
        initiative("Launch", 1),
        wait("Design", "Old build", lag=1),
        wait("Old build", "Launch", lag=2),
    )
    analysis = analyze(plan)
    # Design ends Friday 8th; lags 1 + 2 working days end on Wednesday: Launch starts Thursday 14th, as if it
    # waited for Design with a lag of 3. The dropped build is dated where its lag ends.
    assert dates(plan, "Launch")[0] == date(2027, 1, 14)
    assert dates(plan, "Old build") == (date(2027, 1, 11), date(2027, 1, 11))
    assert analysis.finish == date(2027, 1, 14)
    assert analysis.critical_path == ("Design", "Launch")
    assert not analysis.schedule["Old build"].critical


def test_a_milestone_closing_work_through_a_dropped_initiative_ends_the_critical_path():
    plan = plan_with(
        initiative("Design"),
        initiative("Old review", 3, status="dropped"),
        initiative("Sign-off", 0),
        wait("Design", "Old review"),
        wait("Old review", "Sign-off"),
    )
    analysis = analyze(plan)
    assert dates(plan, "Sign-off") == (date(2027, 1, 8), date(2027, 1, 8))
    assert analysis.critical_path == ("Design", "Sign-off")


def test_dropped_work_at_the_end_does_not_move_the_finish_nor_its_own_date_what_waits_for_it():
    plan = plan_with(
        initiative("Design"),
        initiative("Extra", 20, status="dropped"),
        initiative("Idea", 5, status="dropped", start=date(2027, 6, 1)),
        initiative("Pilot", 2),
        wait("Design", "Extra", lag=3),
        wait("Idea", "Pilot"),
    )
    analysis = analyze(plan)
    assert analysis.finish == date(2027, 1, 8)
    assert analysis.schedule["Design"].slack == 0  # dropped work after it, even with a lag, leaves it critical
    assert dates(plan, "Pilot") == (MONDAY, date(2027, 1, 5))  # nothing before the dropped Idea to wait for
    assert dates(plan, "Idea") == (MONDAY, MONDAY)
    assert not any(s.critical for i, s in analysis.schedule.items() if plan.initiatives[i].dropped)


@st.composite
def acyclic_plans(draw):
    count = draw(st.integers(1, 12))
    durations = draw(st.lists(st.integers(-1, 15), min_size=count, max_size=count))
    offsets = draw(st.lists(st.one_of(st.none(), st.integers(0, 40)), min_size=count, max_size=count))
    entities = [
        initiative(
            f"i{n}",
            durations[n],
            start=None if offsets[n] is None else date.fromordinal(MONDAY.toordinal() + offsets[n]),
        )
        for n in range(count)
    ]
    pairs = draw(st.sets(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)), max_size=30))
    for a, b in sorted(pairs):
        if a < b:  # edges only go forward, so the plan has no cycle
            entities.append(wait(f"i{a}", f"i{b}", draw(st.integers(0, 5))))
    return plan_with(*entities, start=draw(st.sampled_from([MONDAY, date(2027, 1, 2), None])))


@settings(max_examples=60, deadline=None)
@given(acyclic_plans())
def test_every_initiative_waits_for_its_predecessors_and_slack_is_never_negative(plan):
    timeline = schedule(plan)
    for dependency in plan.dependencies.values():
        before, after = dependency.before, dependency.after
        # work waits for the day after work; a milestone after work is dated on its last day
        after_work = 1 if plan.initiatives[before].duration > 0 and plan.initiatives[after].duration > 0 else 0
        assert timeline.earliest[after] >= timeline.finish_of(before) + after_work + dependency.lag
    assert all(slack >= 0 for slack in timeline.slack.values())
    assert timeline.finish == max(timeline.finish_of(i) for i in plan.initiatives)
    assert timeline.cycles == ()
    path = timeline.critical_path
    assert timeline.finish_of(path[-1]) == timeline.finish
    assert all(timeline.slack[i] == 0 for i in path)


@st.composite
def plans_with_dropped_work(draw):
    plan = draw(acyclic_plans())
    for key in draw(st.sets(st.sampled_from(list(plan.initiatives)))):
        plan.initiatives[key] = replace(plan.initiatives[key], status="dropped")
    return plan


def without_dropped_work(plan):
    """The plan with each dropped initiative taken out and its predecessors linked to its successors, lags added."""
    plan = plan.copy()
    for key in [k for k, i in plan.initiatives.items() if i.dropped]:
        before = [d for d in plan.dependencies.values() if d.after == key]
        after = [d for d in plan.dependencies.values() if d.before == key]
        for d in before + after:
            del plan.dependencies[d.key]
        for first in before:
            for second in after:
                lag = first.lag + second.lag
                known = plan.dependencies.get((first.before, second.after))
                plan.add(wait(first.before, second.after, max(lag, known.lag) if known else lag))
        del plan.initiatives[key]
    return plan


@settings(max_examples=80, deadline=None)
@given(plans_with_dropped_work())
def test_dropped_work_schedules_as_if_it_were_taken_out_and_its_predecessors_passed_on(plan):
    timeline, reference = schedule(plan), schedule(without_dropped_work(plan))
    assert timeline.finish == reference.finish
    for key in reference.order:
        assert (timeline.earliest[key], timeline.span[key], timeline.slack[key]) == (
            reference.earliest[key],
            reference.span[key],
            reference.slack[key],
        )
    assert timeline.critical == reference.critical
    # ties between equal chains may be broken differently: the path holds critical work ending at the finish
    path = timeline.critical_path
    assert set(path) <= timeline.critical and (not path or timeline.finish_of(path[-1]) == timeline.finish)

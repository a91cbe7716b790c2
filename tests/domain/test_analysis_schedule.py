"""The schedule on Monday-to-Friday working days: dates, lags, milestones, not-before dates, slack, cycles."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.analysis.engine import analyze
from domain.analysis.schedule import DEFAULT_START, schedule, working_date, working_day
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


def test_a_milestone_finishes_the_day_it_starts_and_its_successor_starts_the_same_day_plus_lag():
    plan = plan_with(
        initiative("Design"), initiative("Sign-off", 0), initiative("Launch", 1), initiative("Party", 1),
        wait("Design", "Sign-off"), wait("Sign-off", "Launch"), wait("Sign-off", "Party", lag=1),
    )
    assert dates(plan, "Sign-off") == (date(2027, 1, 11), date(2027, 1, 11))
    assert dates(plan, "Launch")[0] == date(2027, 1, 11)
    assert dates(plan, "Party")[0] == date(2027, 1, 12)


def test_a_not_before_date_delays_the_start_and_a_weekend_date_rolls_to_monday():
    plan = plan_with(initiative("Design", 2, start=date(2027, 1, 16)), initiative("Early", 2, start=date(2026, 12, 1)))
    assert dates(plan, "Design") == (date(2027, 1, 18), date(2027, 1, 19))
    assert dates(plan, "Early")[0] == MONDAY  # never before the project starts


def test_the_latest_constraint_wins():
    plan = plan_with(
        initiative("Short", 2), initiative("Long", 6), initiative("Launch", 1, start=date(2027, 1, 6)),
        wait("Short", "Launch", lag=3), wait("Long", "Launch"),
    )
    # Short: +2 days +3 lag = Mon 11th; Long: 6 days -> starts Tue 12th.
    assert dates(plan, "Launch")[0] == date(2027, 1, 12)


def test_negative_durations_count_as_milestones():
    plan = plan_with(initiative("Odd", -3), initiative("Next", 1), wait("Odd", "Next"))
    assert dates(plan, "Odd") == (MONDAY, MONDAY)
    assert dates(plan, "Next")[0] == MONDAY


def test_slack_and_latest_dates_come_from_the_backward_pass():
    plan = plan_with(
        initiative("Build"), initiative("Docs", 2), initiative("Launch", 1),
        wait("Build", "Launch"), wait("Docs", "Launch"),
    )
    docs = analyze(plan).schedule["Docs"]
    assert (docs.slack, docs.latest_start, docs.latest_finish) == (3, date(2027, 1, 7), date(2027, 1, 8))
    assert not docs.critical
    assert analyze(plan).schedule["Build"].slack == 0


def test_the_critical_path_is_the_chain_that_sets_the_finish():
    plan = plan_with(
        initiative("Docs", 2), initiative("Build"), initiative("Test", 3), initiative("Launch", 1),
        wait("Docs", "Launch"), wait("Build", "Test"), wait("Test", "Launch"),
    )
    assert analyze(plan).critical_path == ("Build", "Test", "Launch")


def test_of_two_equal_chains_the_critical_path_takes_the_first_in_plan_order():
    plan = plan_with(
        initiative("B1"), initiative("A1"), initiative("End", 1), wait("A1", "End"), wait("B1", "End"),
    )
    analysis = analyze(plan)
    assert analysis.critical_path == ("B1", "End")
    assert analysis.schedule["A1"].slack == 0  # both chains are critical, only one is listed


def test_a_project_without_start_begins_on_the_earliest_not_before_date():
    plan = plan_with(initiative("Late", 1, start=date(2027, 3, 3)), initiative("Later", 1, start=date(2027, 3, 10)),
                     start=None)
    assert analyze(plan).start == date(2027, 3, 3)


def test_a_project_without_any_date_starts_on_a_fixed_day_not_today():
    analysis = analyze(plan_with(initiative("Anything"), start=None))
    assert analysis.start == DEFAULT_START == date(2026, 1, 5)


def test_an_empty_plan_has_a_start_but_no_finish():
    analysis = analyze(plan_with())
    assert (analysis.start, analysis.finish, analysis.critical_path) == (MONDAY, None, ())


def test_dependency_cycles_are_reported_and_ignored_for_the_dates():
    plan = plan_with(
        initiative("Start"), initiative("Ping"), initiative("Pong"), initiative("After", 1),
        wait("Start", "Ping"), wait("Ping", "Pong"), wait("Pong", "Ping"), wait("Pong", "After"),
    )
    analysis = analyze(plan)
    assert analysis.cycles == (("Ping", "Pong"),)
    assert dates(plan, "Ping")[0] == date(2027, 1, 11)  # still waits for Start, outside the circle
    assert dates(plan, "Pong")[0] == MONDAY  # its wait for Ping is part of the circle
    assert dates(plan, "After")[0] == date(2027, 1, 11)


def test_several_cycles_are_each_reported_in_plan_order():
    plan = plan_with(
        initiative("A"), initiative("B"), initiative("C"), initiative("D"), initiative("E"),
        wait("D", "E"), wait("E", "D"), wait("A", "B"), wait("B", "C"), wait("C", "A"),
    )
    assert analyze(plan).cycles == (("A", "B", "C"), ("D", "E"))


def test_dropped_initiatives_are_still_scheduled():
    plan = plan_with(initiative("Old", status="dropped"), initiative("New", 1), wait("Old", "New"))
    assert dates(plan, "New")[0] == date(2027, 1, 11)


@st.composite
def acyclic_plans(draw):
    count = draw(st.integers(1, 12))
    durations = draw(st.lists(st.integers(-1, 15), min_size=count, max_size=count))
    offsets = draw(st.lists(st.one_of(st.none(), st.integers(0, 40)), min_size=count, max_size=count))
    entities = [
        initiative(f"i{n}", durations[n], start=None if offsets[n] is None else date.fromordinal(MONDAY.toordinal() + offsets[n]))
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
        after_before = timeline.finish_of(before) + (1 if plan.initiatives[before].duration > 0 else 0)
        assert timeline.earliest[after] >= after_before + dependency.lag
    assert all(slack >= 0 for slack in timeline.slack.values())
    assert timeline.cycles == ()
    path = timeline.critical_path
    assert timeline.finish_of(path[-1]) == timeline.finish
    assert all(timeline.slack[i] == 0 for i in path)

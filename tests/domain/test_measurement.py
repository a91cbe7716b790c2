"""Measured goals, progress and the status date, baselines and pilot gates, against hand-computed cases.

MONDAY is 4 January 2027; the weeks run 4-8, 11-15, 18-22 and 25-29 January.
"""

from dataclasses import replace
from datetime import date

import pytest

from domain import operations
from domain.analysis.engine import analysis_to_json, analyze
from domain.analysis.gates import baseline_now
from domain.analysis.kpis import kpis
from domain.analysis.schedule import remaining_days, schedule
from domain.analysis.wording import describe
from domain.entities import Baseline, CheckIn, Gate
from domain.validation import validate
from tests.domain.analysis_plans import goal, initiative, plan_with, wait

JAN = lambda day: date(2027, 1, day)


def dates(plan, name):
    entry = analyze(plan).schedule[name]
    return entry.start, entry.finish


def with_status(plan, day):
    plan.project = replace(plan.project, status_date=day)
    return plan


def findings(plan, kind):
    return [describe(f, plan) for f in analyze(plan).findings if f.kind == kind]


# KPI check-ins and forecasts


def revenue(**fields):
    checkins = (CheckIn(JAN(4), 10), CheckIn(JAN(11), 12), CheckIn(JAN(18), 14))
    return goal("Revenue", baseline=10, target=20, deadline=date(2027, 2, 15), checkins=checkins, **fields)


def test_a_straight_run_of_check_ins_forecasts_its_line_at_the_deadline():
    # +2 a week; the deadline is six weeks after the first check-in: 10 + 6 x 2 = 22 >= 20
    kpi = kpis(plan_with(revenue()))["Revenue"]
    assert kpi.trend_per_week == pytest.approx(2)
    assert kpi.forecast == pytest.approx(22)
    assert kpi.on_track is True
    assert kpi.latest == CheckIn(JAN(18), 14)


def test_the_forecast_is_the_least_squares_line_when_check_ins_scatter():
    # x = 0, 7, 14 days, y = 1, 2, 6: slope 35/98 a day = 2.5 a week; at day 28: 3 + 21 x 35/98 = 10.5
    points = (CheckIn(JAN(4), 1), CheckIn(JAN(11), 2), CheckIn(JAN(18), 6))
    kpi = kpis(plan_with(goal("G", baseline=0, target=11, deadline=date(2027, 2, 1), checkins=points)))["G"]
    assert kpi.trend_per_week == pytest.approx(2.5)
    assert kpi.forecast == pytest.approx(10.5)
    assert kpi.on_track is False


def test_a_falling_target_is_on_track_when_the_forecast_is_at_or_below_it():
    points = (CheckIn(JAN(4), 30), CheckIn(JAN(18), 26))  # -2 a week; at six weeks: 30 - 12 = 18
    on = goal("Churn", baseline=30, target=18, deadline=date(2027, 2, 15), checkins=points)
    off = goal("Wait", baseline=30, target=17, deadline=date(2027, 2, 15), checkins=points)
    measured = kpis(plan_with(on, off))
    assert measured["Churn"].forecast == pytest.approx(18) and measured["Churn"].on_track is True
    assert measured["Wait"].on_track is False


def test_fewer_than_two_check_ins_leave_a_goal_unknown():
    one = kpis(plan_with(goal("G", target=5, deadline=JAN(29), checkins=(CheckIn(JAN(4), 1),))))["G"]
    assert (one.trend_per_week, one.forecast, one.on_track) == (None, None, None)
    assert one.latest == CheckIn(JAN(4), 1)
    assert kpis(plan_with(goal("H")))["H"].latest is None


def test_a_parent_goal_counts_its_sub_goals_on_track_and_the_finding_names_the_one_off_track():
    parent = goal("Growth")
    late = goal("Signups", parent="Growth", baseline=0, target=100, deadline=date(2027, 2, 15),
                checkins=(CheckIn(JAN(4), 0), CheckIn(JAN(11), 5)), unit="k")  # fmt: skip
    plan = plan_with(parent, revenue(parent="Growth"), late)
    assert (kpis(plan)["Growth"].sub_goals_on_track, kpis(plan)["Growth"].sub_goals) == (1, 2)
    assert findings(plan, "off_track") == [
        "Goal 'Signups' is off track: its check-ins forecast 30 k by 2027-02-15, against a target of 100 k"
    ]
    kpi = analysis_to_json(plan, analyze(plan))["kpis"]["Revenue"]
    assert kpi == {"latest": {"date": "2027-01-18", "value": 14}, "trend_per_week": 2.0, "forecast": 22.0,
                   "on_track": True, "sub_goals": 0, "sub_goals_on_track": 0, "sub_goals_measured": 0}  # fmt: skip


def test_check_ins_before_the_start_or_twice_on_a_day_are_problems_in_words():
    bad = goal("G", checkins=(CheckIn(JAN(1), 1), CheckIn(JAN(5), 2), CheckIn(JAN(5), 3)))
    messages = [p.message for p in validate(plan_with(bad))]
    assert "Goal 'G' has a check-in on 2027-01-01, before the project starts on 2027-01-04." in messages
    assert "Goal 'G' has more than one check-in on 2027-01-05." in messages


def test_recording_editing_and_deleting_a_check_in_each_undo_exactly():
    plan = plan_with(goal("G"))
    before = plan.copy()
    first = operations.put_checkin(plan, "G", CheckIn(JAN(11), 4, "week 2"))
    operations.put_checkin(plan, "G", CheckIn(JAN(4), 2))
    assert [c.date for c in plan.goals["G"].checkins] == [JAN(4), JAN(11)]
    edit = operations.put_checkin(plan, "G", CheckIn(JAN(11), 5), replacing=CheckIn(JAN(11), 4, "week 2"))
    assert plan.goals["G"].checkins[-1] == CheckIn(JAN(11), 5)
    operations.undo(plan, edit)
    assert plan.goals["G"].checkins[-1] == CheckIn(JAN(11), 4, "week 2")
    gone = operations.delete_checkin(plan, "G", CheckIn(JAN(4), 2))
    assert len(plan.goals["G"].checkins) == 1
    operations.undo(plan, gone)
    assert len(plan.goals["G"].checkins) == 2
    assert first.label == "Record check-in of 'G' on 2027-01-11"
    plan.goals["G"] = before.goals["G"]
    assert plan.same_as(before)


# Progress and the status date


def test_remaining_work_rounds_up_to_whole_working_days():
    assert [remaining_days(10, p) for p in (0, 35, 50, 99, 100)] == [10, 7, 5, 1, 0]
    assert remaining_days(3, 50) == 2


def test_without_a_status_date_progress_and_actual_dates_change_nothing():
    plain = plan_with(initiative("Design"), initiative("Build", 3), wait("Design", "Build"))
    reported = plan_with(initiative("Design", status="done", progress=100, actual_start=JAN(5), actual_finish=JAN(6)),
                         initiative("Build", 3, progress=50), wait("Design", "Build"))  # fmt: skip
    assert analyze(plain).schedule == analyze(reported).schedule


def test_done_work_ends_on_its_actual_finish_and_work_not_started_waits_for_the_status_date():
    plan = plan_with(initiative("Design", status="done", actual_start=JAN(5), actual_finish=JAN(13)),
                     initiative("Build", 3), wait("Design", "Build"))  # fmt: skip
    with_status(plan, JAN(18))
    assert dates(plan, "Design") == (JAN(5), JAN(13))
    assert dates(plan, "Build") == (JAN(18), JAN(20))  # Thursday 14th is before the status date
    assert not analyze(plan).schedule["Design"].critical


def test_done_work_without_an_actual_start_starts_its_duration_before_its_finish():
    plan = with_status(plan_with(initiative("Design", status="done", actual_finish=JAN(12))), JAN(18))
    assert dates(plan, "Design") == (JAN(6), JAN(12))  # five working days ending Tuesday 12th


def test_active_work_starts_at_its_actual_start_and_its_remaining_work_runs_from_the_status_date():
    # 10 days, 35% done: 7 days remain, Wednesday 13th to Thursday 21st; the test waits for it
    plan = plan_with(initiative("Build", 10, status="active", progress=35, actual_start=JAN(4)),
                     initiative("Test", 2), wait("Build", "Test"))  # fmt: skip
    with_status(plan, JAN(13))
    assert dates(plan, "Build") == (JAN(4), JAN(21))
    assert dates(plan, "Test") == (JAN(22), JAN(25))


def test_a_planned_initiative_starts_no_earlier_than_the_status_date():
    plan = with_status(plan_with(initiative("Later", 2)), JAN(13))
    assert dates(plan, "Later") == (JAN(13), JAN(14))


def test_progress_outside_0_to_100_and_a_finish_before_the_start_are_problems_in_words():
    bad = initiative("X", progress=120, actual_start=JAN(8), actual_finish=JAN(5))
    messages = [p.message for p in validate(plan_with(bad))]
    assert "'X' is 120% done; progress goes from 0 to 100." in messages
    assert "'X' actually finished on 2027-01-05, before it actually started on 2027-01-08." in messages
    analyze(plan_with(bad))  # and the analysis still runs


# Baselines


def test_slip_counts_working_days_later_than_the_latest_baseline_and_names_critical_work_over_five():
    plan = plan_with(initiative("Design"), initiative("Build", 3), wait("Design", "Build"))
    operations.set_baseline(plan, baseline_now(plan, schedule(plan), "Kick-off"))
    assert plan.project.baselines[-1].finishes == (("Design", JAN(8)), ("Build", JAN(13)))
    plan.initiatives["Design"] = replace(plan.initiatives["Design"], duration=11)  # six days more
    analysis = analyze(plan)
    assert analysis.slip == {"Design": 6, "Build": 6}
    assert findings(plan, "slipped")[0] == (
        "'Design' is on the critical path and finishes 6 working days later than in baseline 'Kick-off'"
    )
    plan.initiatives["Design"] = replace(plan.initiatives["Design"], duration=10)  # five: not named
    assert findings(plan, "slipped") == []


def test_slip_is_against_the_latest_baseline():
    plan = plan_with(initiative("Design"))
    plan.project = replace(plan.project, baselines=(
        Baseline(name="old", set="2026-12-01T00:00:00Z", finishes=(("Design", JAN(4)),)),
        Baseline(name="new", set="2026-12-20T00:00:00Z", finishes=(("Design", JAN(11)),)),
    ))  # fmt: skip
    assert analyze(plan).slip == {"Design": -1}


# Pilot → scale gates


def pilot_plan(decide_by, **gate):
    goal_ = goal("Churn", baseline=0, target=20, checkins=(CheckIn(JAN(4), 4), CheckIn(JAN(11), 12)))
    pilot = initiative("Pilot churn prediction", gate=Gate(goal="Churn", threshold=10, decide_by=decide_by, **gate))
    return plan_with(goal_, pilot, initiative("Scale", 3), wait("Pilot churn prediction", "Scale"))


@pytest.mark.parametrize(("decide_by", "start"), [
    (JAN(15), JAN(18)),  # decided on a Friday: Monday
    (JAN(13), JAN(14)),  # on a Wednesday: Thursday
    (JAN(16), JAN(18)),  # on a Saturday: Monday
    (JAN(6), JAN(11)),  # before the pilot ends: the pilot's finish still holds it
])  # fmt: skip
def test_work_after_a_gated_pilot_starts_no_earlier_than_the_working_day_after_the_decision(decide_by, start):
    assert dates(pilot_plan(decide_by), "Scale")[0] == start


def test_a_gate_reading_says_whether_the_pilot_met_its_threshold():
    assert findings(pilot_plan(JAN(15)), "gate_reading") == [
        "'Pilot churn prediction' reached 12 of 10 — ready to decide go"
    ]
    assert findings(pilot_plan(JAN(8)), "gate_reading") == [
        "'Pilot churn prediction' reached 4 of 10 — short of its threshold so far"
    ]


def test_gate_findings_late_pilot_overdue_decision_no_go_and_incomplete_gate():
    plan = pilot_plan(JAN(6))
    assert findings(plan, "late_pilot") == [
        "Pilot 'Pilot churn prediction' finishes on 2027-01-08, after its scale-up is to be decided on 2027-01-06"
    ]
    assert findings(with_status(plan, JAN(12)), "overdue_gate") == [
        "The decision on pilot 'Pilot churn prediction' was due on 2027-01-06 and is still pending"
    ]
    operations.decide_gate(plan, "Pilot churn prediction", decision="no-go", decided=JAN(12), by="Ana", note="")
    assert findings(plan, "overdue_gate") == []
    assert findings(plan, "work_after_no_go") == [
        "'Scale' is still planned, but pilot 'Pilot churn prediction' it depends on was decided no-go"
    ]
    bare = plan_with(initiative("P", gate=Gate(decide_by=JAN(15))), initiative("S"), wait("P", "S"))
    assert findings(bare, "incomplete_gate") == ["The gate of pilot 'P' has no goal and no threshold to decide by"]


def test_a_decision_is_one_undoable_step_with_who_when_and_why():
    plan = pilot_plan(JAN(15))
    before = plan.copy()
    change = operations.decide_gate(plan, "Pilot churn prediction", decision="go", decided=JAN(15), by="Ana",
                                    note="12 > 10")  # fmt: skip
    gate = plan.initiatives["Pilot churn prediction"].gate
    assert (gate.decision, gate.decided, gate.by, gate.note) == ("go", JAN(15), "Ana", "12 > 10")
    assert change.label == "Decide go for 'Pilot churn prediction'"
    operations.undo(plan, change)
    assert plan.same_as(before)


def test_a_gate_nobody_waits_for_and_an_unknown_decision_are_problems_in_words():
    plan = plan_with(initiative("P", gate=Gate(goal=None, threshold=1, decide_by=JAN(8), decision="maybe")))
    messages = [p.message for p in validate(plan)]
    assert "'P' has a gate, but no initiative depends on it: nothing waits for the decision." in messages
    assert "The gate of 'P' has the unknown decision 'maybe' (pending, go or no-go)." in messages


def test_a_milestone_after_a_gated_pilot_is_dated_on_the_decision_day():
    plan = pilot_plan(JAN(13))
    plan.initiatives["Scale"] = replace(plan.initiatives["Scale"], duration=0)
    assert dates(plan, "Scale") == (JAN(13), JAN(13))


def test_check_ins_near_the_largest_float_leave_the_goal_unknown_rather_than_crash():
    huge = (CheckIn(JAN(4), -1.7e308), CheckIn(JAN(11), 1.7e308))
    plan = plan_with(goal("G", baseline=0, target=1, deadline=JAN(29), checkins=huge))
    kpi = kpis(plan)["G"]
    assert (kpi.forecast, kpi.on_track) == (None, None)
    analysis_to_json(plan, analyze(plan))  # and the JSON holds no NaN or infinity


def test_comparing_two_copies_words_check_ins_progress_gates_and_the_status_date():
    from domain.compare import compare

    before = pilot_plan(JAN(15))
    after = before.copy()
    operations.put_checkin(after, "Churn", CheckIn(JAN(18), 13))
    operations.decide_gate(after, "Pilot churn prediction", decision="go", decided=JAN(15), by="Ana", note="")
    operations.set_project(after, status_date=JAN(18))
    assert [d.text for d in compare(before, after)] == [
        "Project: status date none → 2027-01-18",
        "Goal 'Churn': check-ins 2 check-ins → 3 check-ins",
        "Initiative 'Pilot churn prediction': pilot gate pending, decide by 2027-01-15 → go, decide by 2027-01-15",
    ]


def test_the_text_report_lists_measured_goals_with_their_forecast():
    from views.text_report import text_report

    no_target = goal("Visits", deadline=date(2027, 2, 15), checkins=(CheckIn(JAN(4), 1), CheckIn(JAN(11), 2)))
    plan = plan_with(revenue(), no_target)
    report = text_report(plan, analyze(plan))
    assert "Goals measured by check-ins: 2 goals" in report
    assert "  Revenue: on track, latest 14 on 2027-01-18, forecast 22 against a target of 20 by 2027-02-15" in report
    assert "  Visits: measured, latest 2 on 2027-01-11\n" in report

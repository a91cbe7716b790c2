"""Numbers the window shows about the plan agree with each other and read right, in the real main window."""

from __future__ import annotations

from datetime import date, timedelta

from domain import operations as op
from domain.entities import Goal, Initiative


def analysed(window, qtbot, previous=None):
    qtbot.waitUntil(lambda: window.analysis is not None and window.analysis is not previous, timeout=10000)
    return window.analysis


def test_the_status_bar_and_the_overview_count_the_same_findings(window, qtbot, pages):
    analysis = analysed(window, qtbot)
    overview = pages.titled(window, "Overview")
    shown = [issue for issue in overview.issues.issues if issue.severity in ("high", "medium", "low")]
    # the demo has an initiative serving no goal: a finding the problems list already shows as a warning
    assert any(f.also_in_validation for f in analysis.findings)
    assert window._analysis_label.text() == f"{len(shown)} findings"
    assert overview.summary.text().endswith(f"{len(shown)} findings from the analysis.")


def test_one_initiative_and_one_finding_are_counted_in_the_singular(window, qtbot, pages):
    previous = window.analysis
    window.new_plan()
    assert window.document.run(op.add_initiative, Initiative(name="Only one"))
    # measurable (a metric, a target, a deadline), so the one finding is that nobody works towards it
    goal = Goal(name="Nobody's goal", metric="Visits", target=10, deadline=date.today() + timedelta(days=400))
    assert window.document.run(op.add_goal, goal)
    window.show_page(next(n for n, p in enumerate(window.pages) if p.title == "Initiatives"))
    assert pages.titled(window, "Initiatives").count.text() == "1 initiative"
    analysed(window, qtbot, previous)
    # the goal nobody works towards; 'Only one' serving no goal is a warning in the problems list, not a finding
    assert window._analysis_label.text() == "1 finding"
    summary = pages.titled(window, "Overview").summary
    qtbot.waitUntil(lambda: summary.text() == "0 errors, 2 warnings, 1 finding from the analysis.", timeout=5000)


def test_file_new_and_close_start_a_plan_on_the_next_monday(window, qtbot, pages):
    today, overview = date.today(), pages.titled(window, "Overview")
    for action in (window.actions.new, window.actions.close):
        assert window.new_from_demo() and window.document.plan.project.start == date(2027, 1, 4)
        action.trigger()
        start = window.document.plan.project.start
        assert start.weekday() == 0 and today < start <= today + timedelta(days=7)
        qtbot.waitUntil(lambda start=start: str(start) in overview.span.text(), timeout=10000)


def test_the_goals_page_says_when_the_work_under_a_top_goal_ends_and_that_it_is_late(window, qtbot):
    previous = window.analysis
    window.new_plan()
    start = window.document.plan.project.start
    grow = Goal(name="Grow", deadline=start + timedelta(days=1))
    retain = Goal(name="Retain", parent=grow.id)
    for operation, entity in (
        (op.add_goal, grow),
        (op.add_goal, retain),
        (op.add_initiative, Initiative(name="Loyalty app", goals=(retain.id,), duration=5)),
    ):
        assert window.document.run(operation, entity)
    analysed(window, qtbot, previous)
    assert window.navigate("goals", grow.id)
    goals = window.current_page()
    assert goals.title == "Goals"
    assert goals.summary.text() == (
        f"0 initiatives serve this goal directly. Work ends {start + timedelta(days=4)} — after the deadline."
    )


def test_renaming_a_team_rewords_its_findings_without_running_the_analysis_again(window, qtbot, pages):
    analysis = analysed(window, qtbot)
    overview = pages.titled(window, "Overview")
    window.show_page(window.pages.index(overview))
    plan = window.document.plan
    named = next(f for f in analysis.own_findings if f.table == "teams" and f.keys)
    team = plan.teams[named.keys[0]]
    started = []
    window.analysis_runner.started.connect(lambda: started.append(True))
    assert window.document.run(op.update_team, team.id, name="Renamed team")
    assert not window.analysis_runner.busy()
    qtbot.waitUntil(lambda: any("Renamed team" in issue.message for issue in overview.issues.issues), timeout=5000)
    assert not any(f"'{team.name}'" in issue.message for issue in overview.issues.issues)
    assert window.analysis is analysis and not started
    assert window.document.run(op.update_team, team.id, capacity=team.capacity + 1)  # work changes: a new run
    assert window.analysis_runner.busy()

"""A new plan: empty, and starting on the next Monday rather than on a fixed date in the past."""

from datetime import date

from domain.analysis.engine import analyze
from domain.plan import new_plan, next_monday


def test_a_new_plan_starts_on_the_monday_after_today():
    assert next_monday(date(2026, 11, 26)) == date(2026, 11, 30)  # Thursday
    assert next_monday(date(2026, 11, 29)) == date(2026, 11, 30)  # Sunday
    assert next_monday(date(2026, 11, 30)) == date(2026, 12, 7)  # a Monday: the one after
    plan = new_plan(date(2026, 11, 26))
    assert plan.project.start == date(2026, 11, 30)
    assert not plan.goals and not plan.initiatives
    assert analyze(plan).start == date(2026, 11, 30)


def test_without_a_date_a_new_plan_starts_after_today():
    start = new_plan().project.start
    assert start.weekday() == 0 and 0 < (start - date.today()).days <= 7

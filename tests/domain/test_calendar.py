"""The working-day calendar: public holidays, closed dates and other weeks, in the schedule, lags and load."""

from dataclasses import replace
from datetime import date

from domain.analysis.engine import analyze
from domain.calendar import MONDAY_TO_FRIDAY, Calendar, describe_calendar
from domain.entities import DayOff, Project, WorkCalendar
from tests.domain.analysis_plans import initiative, plan_with, team, wait

GERMANY = WorkCalendar(country="DE")
# Lindgren's year-end closure: Christmas Eve and the week between Christmas and New Year (25 and 26 fall on a weekend)
CLOSURE = tuple(date(2027, 12, day) for day in (24, 27, 28, 29, 30, 31))


def with_calendar(calendar, *entities, start=date(2027, 3, 22)):
    plan = plan_with(*entities, start=start)
    plan.project = replace(plan.project, calendar=calendar)
    return plan


def dates(plan, name):
    entry = analyze(plan).schedule[name]
    return entry.start, entry.finish


def test_easter_in_germany_is_two_days_off_and_counting_skips_them():
    calendar = Calendar(GERMANY)
    good_friday, easter_monday = date(2027, 3, 26), date(2027, 3, 29)
    assert not calendar.is_working(good_friday) and not calendar.is_working(easter_monday)
    assert calendar.next_working_day(good_friday) == date(2027, 3, 30)
    # Mon 22 to Thu 25 is four days, Tue 30 to Fri 2 April four more
    assert calendar.working_days_between(date(2027, 3, 22), date(2027, 4, 5)) == 8
    assert calendar.add_working_days(date(2027, 3, 25), 1) == date(2027, 3, 30)
    assert MONDAY_TO_FRIDAY.add_working_days(date(2027, 3, 25), 1) == good_friday


def test_a_lag_over_easter_waits_for_the_tuesday_after():
    plan = with_calendar(
        GERMANY,
        initiative("Draft", 2, start=date(2027, 3, 24)),  # Wed 24 and Thu 25
        initiative("Print", 1),
        wait("Draft", "Print", lag=1),
    )
    # the one day of lag is Tue 30 (Friday and Monday are holidays), so printing is on Wed 31
    assert dates(plan, "Draft") == (date(2027, 3, 24), date(2027, 3, 25))
    assert dates(plan, "Print") == (date(2027, 3, 31), date(2027, 3, 31))
    plan.project = replace(plan.project, calendar=None)
    assert dates(plan, "Print") == (date(2027, 3, 29), date(2027, 3, 29))  # Monday to Friday: lag on Fri 26


def test_three_days_of_work_across_the_year_end_closure_finish_in_the_new_year():
    plan = with_calendar(
        replace(GERMANY, closed=CLOSURE), initiative("Stocktake", 3, start=date(2027, 12, 22)), start=date(2027, 12, 20)
    )
    # Wed 22, Thu 23, then closed until New Year's Day, a Saturday: the third day is Monday 3 January 2028
    assert dates(plan, "Stocktake") == (date(2027, 12, 22), date(2028, 1, 3))


def test_a_four_day_week_runs_five_days_of_work_into_the_next_monday():
    plan = with_calendar(WorkCalendar(workdays=(0, 1, 2, 3)), initiative("Build"), start=date(2027, 1, 4))
    assert dates(plan, "Build") == (date(2027, 1, 4), date(2027, 1, 11))


def test_a_week_with_a_holiday_or_days_off_has_that_share_of_a_teams_capacity():
    days_off = (DayOff(date(2027, 3, 22), date(2027, 3, 23)),)
    plan = with_calendar(
        GERMANY,
        team("Print shop", capacity=5),
        team("Studio", capacity=5, days_off=days_off),
        initiative("Flyers", 4, owner="Print shop", effort=4),  # Mon 22 to Thu 25
        initiative("Posters", 4, owner="Studio", effort=4),
    )
    load = analyze(plan).load
    # week 12 has four working days (Good Friday): capacity 4 of 5; the studio has two of them off: 2
    assert [(w.week, w.load, w.capacity, w.overloaded) for w in load["Print shop"]] == [("2027-W12", 4.0, 4.0, False)]
    assert [(w.week, w.load, w.capacity, w.overloaded) for w in load["Studio"]] == [("2027-W12", 4.0, 2.0, True)]


def test_holidays_of_years_asked_for_later_do_not_move_days_counted_before():
    calendar = Calendar(GERMANY, years=(2027, 2027))
    christmas_eve_2027 = calendar.working_day(date(2027, 12, 24))
    assert calendar.working_date(calendar.working_day(date(2035, 12, 27))) == date(2035, 12, 27)
    assert calendar.is_working(date(2035, 12, 27)) and not calendar.is_working(date(2035, 12, 26))
    assert calendar.working_day(date(2027, 12, 24)) == christmas_eve_2027
    assert calendar.working_date(calendar.working_day(date(1995, 10, 3))) == date(1995, 10, 4)  # German Unity Day


def test_holidays_of_earlier_years_asked_for_later_do_not_move_days_counted_before():
    calendar = Calendar(GERMANY, years=(2027, 2028))
    kick_off = calendar.working_day(date(2027, 1, 4))
    calendar.working_day(date(2026, 11, 30))  # today, on the Score
    calendar.working_day(date(1, 1, 8))  # the earliest date the Score's axis can show
    assert calendar.working_day(date(2027, 1, 4)) == kick_off
    assert calendar.working_date(kick_off) == date(2027, 1, 4)


def test_the_printed_plan_names_its_calendar_in_a_line():
    assert describe_calendar(None) == "Monday to Friday, no public holidays"
    assert describe_calendar(WorkCalendar(country="DE", subdivision="BY", closed=CLOSURE)) == (
        "Monday to Friday, public holidays in Germany (BY), 6 closed days"
    )
    assert describe_calendar(WorkCalendar(workdays=(0, 2, 4))) == "Monday, Wednesday, Friday, no public holidays"


def test_a_plan_without_a_calendar_counts_as_it_always_did():
    plan = plan_with(initiative("Build"))
    assert plan.project == Project(name="Test", start=date(2027, 1, 4))
    assert dates(plan, "Build") == (date(2027, 1, 4), date(2027, 1, 8))


def test_dates_centuries_away_are_counted_without_looking_up_their_holidays():
    plan = with_calendar(GERMANY, initiative("Typo", start=date(9990, 3, 1)), start=date(1, 1, 1))
    entry = analyze(plan).schedule["Typo"]  # quickly: only the years 1970 to 2100 have holidays
    assert (entry.start, entry.finish) == (date(9990, 3, 1), date(9990, 3, 7))
    assert Calendar(GERMANY).is_working(date(2200, 12, 25)) and not Calendar(GERMANY).is_working(date(2100, 12, 25))

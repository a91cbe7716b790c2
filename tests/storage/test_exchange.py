"""The JSON interchange: exact round trips, and errors that name the JSON path of the problem."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.entities import (
    DayOff,
    Dependency,
    Goal,
    Handoff,
    Initiative,
    Project,
    RaciRole,
    Relation,
    Skill,
    SkillNeed,
    Team,
    TeamSkill,
    WorkCalendar,
)
from domain.plan import Plan
from storage.exchange import ExchangeError, dumps, loads, plan_to_json, read_json_file
from storage.project_file import plan_from_sqlite_bytes, plan_to_sqlite_bytes


def test_dump_import_dump_is_identical(generate):
    text = dumps(generate("small"))
    again = dumps(loads(text))
    assert again == text
    assert loads(again).same_as(loads(text))


def _document(generate_json) -> dict:
    return generate_json("tiny", 1)


@pytest.mark.parametrize(
    ("change", "where", "reason"),
    [
        (lambda d: d["initiatives"][0].update(owner="nobody"), "$.initiatives[0].owner", "there is no team with id"),
        (lambda d: d["initiatives"][0].update(goals=["nope"]), "$.initiatives[0].goals[0]", "there is no goal"),
        (
            lambda d: d["initiatives"][1].update(skills=[{"skill": 3}]),
            "$.initiatives[1].skills[0].skill",
            "expected text, found a number",
        ),
        (lambda d: d["teams"].append(dict(d["teams"][0])), "$.teams[4].id", "appears twice"),
        (lambda d: d["goals"][0].update(deadline="2027-02-30"), "$.goals[0].deadline", "expected a date YYYY-MM-DD"),
        (lambda d: d["goals"][0].update(deadline="２０２７-０１-０１"), "$.goals[0].deadline", "expected a date"),
        (lambda d: d["teams"][0].update(created="٢٠٢٦-١١-٠١T٠٩:٠٠:٠٠Z"), "$.teams[0].created", "expected a UTC time"),
        (lambda d: d["dependencies"][0].update(lag="2"), "$.dependencies[0].lag", "expected a whole number"),
        (lambda d: d["teams"][0].update(headcount=2**70), "$.teams[0].headcount", "too large"),
        (lambda d: d["teams"][0].update(capacity=10**400), "$.teams[0].capacity", "expected a finite number"),
        (lambda d: d["teams"][0].update(name="\ud800"), "$.teams[0].name", "not valid Unicode"),
        (lambda d: d["handoffs"][0].pop("to"), "$.handoffs[0].to", "missing"),
        (lambda d: d["project"].update(colour="red"), "$.project.colour", "unknown field"),
        (lambda d: d.update(version=99), "$.version", "comes from a newer Tutti"),
        (lambda d: d.update(format="other"), "$.format", "this is not a Tutti plan"),
    ],
)
def test_a_bad_document_is_refused_with_its_json_path(generate_json, change, where, reason):
    document = _document(generate_json)
    change(document)
    with pytest.raises(ExchangeError) as error:
        loads(json.dumps(document))
    assert str(error.value).startswith(f"{where}: ") and reason in str(error.value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (b"\xff\xfe{}", "$: the file is not UTF-8 text"),
        (b'{"format": "tutti",\n "version": }', "$: not valid JSON (Expecting value at line 2, column 13)"),
        (b'{"format": "tutti", "version": NaN}', "$: NaN is not a number JSON allows"),
        (b'{"format": "tutti", "format": "tutti"}', "$: the key 'format' appears twice in one object"),
        (b"[" * 100_000, "$: the JSON is nested too deeply"),
        (b'{"version": ' + b"9" * 5000 + b"}", "$: not valid JSON (a number is too long)"),
        (b'{"a\\nb": 1}', "$.a?b: unknown field"),
        (b"[]", "$: expected an object, found a list"),
    ],
)
def test_text_that_is_not_a_plan_is_refused_in_one_line(text, reason):
    with pytest.raises(ExchangeError) as error:
        loads(text)
    assert str(error.value).startswith(reason) and "\n" not in str(error.value)


def test_reading_a_file_names_the_file(tmp_path):
    with pytest.raises(ExchangeError) as error:
        read_json_file(tmp_path / "missing.json")
    assert str(error.value) == f"{tmp_path / 'missing.json'}: no such file or directory"
    (tmp_path / "bad.json").write_text('{"format": "tutti", "version": 1, "teams": [{"id": ""}]}')
    with pytest.raises(ExchangeError) as error:
        read_json_file(tmp_path / "bad.json")
    assert str(error.value) == f"{tmp_path / 'bad.json'}: $.teams[0].id: expected a non-empty id"


# Properties

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
FIELDS = st.sampled_from(["teams", "skills", "team_skills", "goals", "initiatives", "dependencies", "handoffs"])


def _plan_or_exchange_error(text) -> None:
    try:
        assert isinstance(loads(text), Plan)
    except ExchangeError as error:
        assert "\n" not in str(error)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300) | JSON_VALUES.map(lambda v: json.dumps(v).encode()))
def test_any_bytes_or_json_either_load_or_raise_exchange_error(data):
    _plan_or_exchange_error(data)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    table=FIELDS,
    index=st.integers(0, 3),
    key=st.sampled_from(
        [
            "id",
            "name",
            "owner",
            "goals",
            "skills",
            "raci",
            "before",
            "after",
            "lag",
            "level",
            "from",
            "due",
            "capacity",
            "created",
            "parent",
            "team",
            "skill",
            "start",
            "nonsense",
        ]
    ),
    value=JSON_VALUES,
)
def test_a_tiny_plan_with_any_one_field_changed_loads_or_raises_exchange_error(generate_json, table, index, key, value):
    document = _document(generate_json)
    rows = document[table]
    rows[index % len(rows)][key] = value
    _plan_or_exchange_error(json.dumps(document))


TEXT = st.text(max_size=30)
STAMPS = st.datetimes().map(lambda t: t.isoformat(timespec="seconds") + "Z")
WHOLE = st.integers(-(2**63), 2**63 - 1)
NUMBER = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def plans(draw) -> Plan:
    """Any plan the domain can hold whose references point at entities that exist."""
    calendar = st.builds(
        WorkCalendar,
        workdays=st.lists(st.integers(0, 6), unique=True).map(lambda days: tuple(sorted(days))),
        country=st.none() | st.text(min_size=1, max_size=4),
        subdivision=st.none() | st.text(min_size=1, max_size=4),
        closed=st.lists(st.dates(), unique=True, max_size=4).map(lambda days: tuple(sorted(days))),
    )
    plan = Plan(
        project=Project(
            name=draw(TEXT),
            description=draw(TEXT),
            start=draw(st.none() | st.dates()),
            calendar=draw(st.none() | calendar),
        )
    )
    days_off = st.lists(st.builds(DayOff, st.dates(), st.dates()), max_size=3).map(tuple)
    ids = st.text(min_size=1, max_size=12)

    def stamps() -> dict:
        return {"created": draw(STAMPS), "modified": draw(STAMPS)}

    for team_id in draw(st.lists(ids, max_size=4, unique=True)):
        plan.add(
            Team(
                id=team_id,
                name=draw(TEXT),
                lead=draw(TEXT),
                headcount=draw(WHOLE),
                capacity=draw(NUMBER),
                color=draw(TEXT),
                department=draw(TEXT),
                days_off=draw(days_off),
                **stamps(),
            )
        )
    for skill_id in draw(st.lists(ids, max_size=4, unique=True)):
        plan.add(Skill(id=skill_id, name=draw(TEXT), category=draw(TEXT), description=draw(TEXT), **stamps()))
    teams, skills = list(plan.teams), list(plan.skills)
    if teams and skills:
        for team, skill in draw(
            st.lists(st.tuples(st.sampled_from(teams), st.sampled_from(skills)), max_size=5, unique=True)
        ):
            plan.add(TeamSkill(team=team, skill=skill, level=draw(WHOLE), people=draw(WHOLE)))
    team_or_none = st.none() | st.sampled_from(teams) if teams else st.none()
    for goal_id in draw(st.lists(ids, max_size=4, unique=True)):
        parent = draw(st.none() | st.sampled_from(list(plan.goals))) if plan.goals else None
        plan.add(
            Goal(
                id=goal_id,
                name=draw(TEXT),
                description=draw(TEXT),
                parent=parent,
                owner=draw(team_or_none),
                metric=draw(TEXT),
                unit=draw(TEXT),
                baseline=draw(st.none() | NUMBER),
                target=draw(st.none() | NUMBER),
                deadline=draw(st.none() | st.dates()),
                **stamps(),
            )
        )
    goals = list(plan.goals)
    for initiative_id in draw(st.lists(ids, max_size=5, unique=True)):
        plan.add(
            Initiative(
                id=initiative_id,
                name=draw(TEXT),
                description=draw(TEXT),
                owner=draw(team_or_none),
                goals=tuple(draw(st.lists(st.sampled_from(goals), unique=True, max_size=3))) if goals else (),
                status=draw(TEXT),
                start=draw(st.none() | st.dates()),
                duration=draw(WHOLE),
                effort=draw(st.none() | NUMBER),
                skills=tuple(SkillNeed(s, draw(WHOLE)) for s in draw(st.lists(st.sampled_from(skills), max_size=3)))
                if skills
                else (),
                raci=tuple(RaciRole(t, draw(TEXT)) for t in draw(st.lists(st.sampled_from(teams), max_size=3)))
                if teams
                else (),
                **stamps(),
            )
        )
    initiatives = list(plan.initiatives)
    if initiatives:
        for before, after in draw(
            st.lists(st.tuples(st.sampled_from(initiatives), st.sampled_from(initiatives)), max_size=6, unique=True)
        ):
            plan.add(Dependency(before=before, after=after, lag=draw(WHOLE)))
    if teams:
        for handoff_id in draw(st.lists(ids, max_size=3, unique=True)):
            plan.add(
                Handoff(
                    id=handoff_id,
                    from_team=draw(st.sampled_from(teams)),
                    to_team=draw(st.sampled_from(teams)),
                    initiative=draw(st.none() | st.sampled_from(initiatives)) if initiatives else None,
                    what=draw(TEXT),
                    due=draw(st.none() | st.dates()),
                    **stamps(),
                )
            )
        for relation_id in draw(st.lists(ids, max_size=3, unique=True)):
            plan.add(
                Relation(
                    id=relation_id,
                    a=draw(st.sampled_from(teams)),
                    b=draw(st.sampled_from(teams)),
                    mode=draw(TEXT),
                    until=draw(st.none() | st.dates()),
                    **stamps(),
                )
            )
    return plan


@settings(max_examples=30, deadline=None)
@given(plans())
def test_generated_plans_round_trip_through_json_and_through_a_tutti_file(plan):
    text = dumps(plan)
    assert loads(text).same_as(plan)
    assert dumps(loads(text)) == text
    assert plan_to_json(plan_from_sqlite_bytes(plan_to_sqlite_bytes(plan))) == plan_to_json(plan)


def test_a_version_1_file_still_imports_with_no_calendar_departments_or_relations():
    text = json.dumps(
        {
            "format": "tutti",
            "version": 1,
            "project": {"name": "Old", "description": "", "start": "2027-01-04"},
            "teams": [{"id": "t", "name": "Data", "lead": "", "headcount": 2, "capacity": 10, "color": ""}],
        }
    )
    plan = loads(text)
    assert plan.project.calendar is None and plan.teams["t"].department == "" and plan.teams["t"].days_off == ()
    assert plan.relations == {} and json.loads(dumps(plan))["version"] == 2


def test_the_calendar_departments_days_off_and_relations_read_from_version_2():
    text = json.dumps(
        {
            "format": "tutti",
            "version": 2,
            "project": {
                "name": "New",
                "calendar": {
                    "workdays": [4, 0, 1],
                    "country": "DE",
                    "subdivision": "BY",
                    "closed": ["2027-12-27", "2027-12-24", "2027-12-27"],
                },
            },
            "teams": [
                {
                    "id": "a",
                    "name": "A",
                    "department": "Finance",
                    "days_off": [{"from": "2027-08-02", "to": "2027-08-13"}],
                },
                {"id": "b", "name": "B"},
            ],
            "relations": [
                {"a": "a", "b": "b", "mode": "x-as-a-service", "until": "2027-06-30"},
                {"id": "self", "a": "a", "b": "a"},
            ],
        }
    )
    plan = loads(text)
    assert plan.project.calendar == WorkCalendar(
        workdays=(0, 1, 4), country="DE", subdivision="BY", closed=(date(2027, 12, 24), date(2027, 12, 27))
    )
    assert plan.teams["a"].days_off == (DayOff(date(2027, 8, 2), date(2027, 8, 13)),)
    relations = list(plan.relations.values())
    assert [(r.a, r.b, r.mode, r.until) for r in relations] == [
        ("a", "b", "x-as-a-service", date(2027, 6, 30)),
        ("a", "a", "collaboration", None),
    ]  # validation words 'self'


@pytest.mark.parametrize(
    ("calendar", "where", "reason"),
    [
        ({"workdays": [7]}, "$.project.calendar.workdays[0]", "expected a weekday from 0 (Monday) to 6 (Sunday)"),
        ({"workdays": [1, 1]}, "$.project.calendar.workdays[1]", "weekday 1 is listed twice"),
        ({"workdays": list(range(8))}, "$.project.calendar.workdays", "more than 7 items"),
        ({"closed": ["2027-02-30"]}, "$.project.calendar.closed[0]", "expected a date YYYY-MM-DD"),
        ({"closed": [5]}, "$.project.calendar.closed[0]", "expected a date YYYY-MM-DD, found a number"),
        ({"holidays": True}, "$.project.calendar.holidays", "unknown field"),
    ],
)
def test_a_calendar_of_the_wrong_shape_is_refused_with_its_json_path(calendar, where, reason):
    text = json.dumps({"format": "tutti", "version": 2, "project": {"name": "P", "calendar": calendar}})
    with pytest.raises(ExchangeError) as error:
        loads(text)
    assert str(error.value).startswith(where + ":") and reason in str(error.value)

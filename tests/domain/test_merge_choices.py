"""A reviewed merge: incoming changes turned down stay out, conflicts land as mine, theirs or a typed value."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain import operations as op
from domain.compare import compare, linked
from domain.entities import Dependency, Initiative
from domain.merge import merge
from domain.merge_choices import Choices, apply_choices, editable, typed_value
from domain.plan import TABLES
from domain.replacement import replace_plan
from domain.validation import ERROR, validate
from tests.domain.test_merge_properties import edited
from tests.domain.test_operations import base_plan


def reviewed(mine_edits, their_edits):
    base = base_plan()
    mine, theirs = base.copy(), base.copy()
    mine_edits(mine)
    their_edits(theirs)
    return base, mine, theirs, merge(base, mine, theirs)


def test_no_choices_take_the_merge_as_it_is():
    base, mine, theirs, result = reviewed(
        lambda p: op.update_team(p, "sales", capacity=60.0), lambda p: op.update_team(p, "it", headcount=9)
    )
    plan = apply_choices(result, base, mine, theirs, Choices()).plan
    assert plan.same_as(result.plan)


def test_a_turned_down_change_stays_out_and_the_others_come_in():
    def theirs_edits(plan):
        op.update_team(plan, "it", headcount=9)
        op.delete_handoff(plan, "keys")
        op.add_initiative(plan, Initiative(id="pilot", name="Pilot"))

    base, mine, theirs, result = reviewed(lambda p: None, theirs_edits)
    texts = [d.text for d in result.taken]
    assert texts == ["Team 'IT': headcount 0 → 9", "Initiative 'Pilot' added", "Hand-off 'Keys' removed"]
    plan = apply_choices(result, base, mine, theirs, Choices(rejected=frozenset({0, 2}))).plan
    assert plan.teams["it"].headcount == 0 and "pilot" in plan.initiatives
    assert list(plan.handoffs) == list(mine.handoffs)  # back in its place


def test_a_conflict_lands_as_mine_theirs_or_the_typed_value():
    base, mine, theirs, result = reviewed(
        lambda p: op.update_team(p, "sales", capacity=60.0), lambda p: op.update_team(p, "sales", capacity=80.0)
    )
    assert len(result.conflicts) == 1
    for choices, capacity in (
        (Choices(), 60.0),
        (Choices(theirs=frozenset({0})), 80.0),
        (Choices(edited={0: 70.0}), 70.0),
    ):
        assert apply_choices(result, base, mine, theirs, choices).plan.teams["sales"].capacity == capacity


def test_theirs_in_an_edit_against_my_delete_brings_back_their_entity():
    base, mine, theirs, result = reviewed(
        lambda p: op.delete_handoff(p, "keys"), lambda p: op.update_handoff(p, "keys", what="Keys and badges")
    )
    assert len(result.conflicts) == 1
    assert "keys" not in result.plan.handoffs
    plan = apply_choices(result, base, mine, theirs, Choices(theirs=frozenset({0}))).plan
    assert plan.handoffs["keys"].what == "Keys and badges"


def test_a_link_to_what_the_leader_turned_down_is_left_out_and_said():
    def theirs_edits(plan):
        op.add_initiative(plan, Initiative(id="pilot", name="Pilot"))
        op.add_dependency(plan, "pilot", "crm")

    base, mine, theirs, result = reviewed(lambda p: None, theirs_edits)
    added = [d.text for d in result.taken].index("Initiative 'Pilot' added")
    resolution = apply_choices(result, base, mine, theirs, Choices(rejected=frozenset({added})))
    assert "pilot" not in resolution.plan.initiatives
    assert ("pilot", "crm") not in resolution.plan.dependencies
    assert resolution.notes == [
        "Dependency of 'CRM' on 'Pilot' is left out: it needs initiative 'Pilot', which the merged plan does not hold."
    ]
    assert not [p for p in validate(resolution.plan) if p.severity == ERROR]


def test_theirs_for_a_link_to_what_i_deleted_brings_back_both_ends():
    base, mine, theirs, result = reviewed(
        lambda p: op.delete_initiative(p, "ads"), lambda p: op.add_dependency(p, "ads", "app")
    )
    index = next(n for n, c in enumerate(result.conflicts) if c.kind == "dependencies")
    plan = apply_choices(result, base, mine, theirs, Choices(theirs=frozenset({index}))).plan
    assert plan.dependencies[("ads", "app")] == Dependency(before="ads", after="app")
    assert "ads" in plan.initiatives
    assert not [p for p in validate(plan) if p.severity == ERROR]


def test_only_text_and_number_fields_take_a_typed_value():
    *_, result = reviewed(
        lambda p: (op.update_team(p, "sales", capacity=60.0), op.update_initiative(p, "crm", owner="it")),
        lambda p: (op.update_team(p, "sales", capacity=80.0), op.update_initiative(p, "crm", owner="legal")),
    )
    capacity, owner = sorted(result.conflicts, key=lambda c: c.kind != "teams")
    assert editable(capacity) and not editable(owner)
    assert typed_value(capacity, " 70 ") == 70.0
    with pytest.raises(ValueError, match="'seventy' is not a number."):
        typed_value(capacity, "seventy")
    with pytest.raises(ValueError, match="finite"):
        typed_value(capacity, "nan")


def test_theirs_for_my_link_to_what_they_deleted_lets_it_go():
    base, mine, theirs, result = reviewed(
        lambda p: op.update_initiative(p, "ads", goals=("churn",)), lambda p: op.delete_goal(p, "churn")
    )
    assert len(result.conflicts) == 1
    assert "churn" in result.plan.goals  # kept for my link, while the conflict goes my way
    plan = apply_choices(result, base, mine, theirs, Choices(theirs=frozenset({0}))).plan
    assert "churn" not in plan.goals and plan.initiatives["ads"].goals == ()
    assert plan.same_as(merge(base, mine, theirs, "theirs").plan)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_choices_on_random_edits_give_a_plan_without_dangling_links_taken_and_undone_exactly(data):
    base = base_plan()
    mine, theirs = edited(base, data, "mine"), edited(base, data, "theirs")
    result = merge(base, mine, theirs)
    choices = Choices(
        rejected=frozenset(n for n in range(len(result.taken)) if data.draw(st.booleans(), label="turn down")),
        theirs=frozenset(n for n in range(len(result.conflicts)) if data.draw(st.booleans(), label="theirs")),
    )
    plan = apply_choices(result, base, mine, theirs, choices).plan
    for kind in TABLES:
        for entity in plan.table(kind).values():
            for _, _, table, target in linked(kind, entity):
                assert target in plan.table(table), f"a {kind} entity links to a missing {table} entity"
    if not choices.rejected and not choices.theirs:
        assert plan.same_as(result.plan)
    if len(choices.rejected) == len(result.taken) and not result.conflicts:
        assert compare(mine, plan) == []
    taken = mine.copy()
    change = replace_plan(taken, plan, "Merge changes from plan-ben.tutti")
    assert taken.same_as(plan)
    op.undo(taken, change)
    assert taken.same_as(mine)

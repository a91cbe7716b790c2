"""Turning a plan into another whole plan as one change: every difference recorded, undo and redo exact."""

from dataclasses import replace

import pytest

from domain import operations as op
from domain.entities import Team
from domain.merge import merge
from domain.plan import TABLES
from domain.replacement import replace_plan
from tests.domain.test_operations import OPERATIONS, base_plan


def orders(plan):
    return {table: list(plan.table(table)) for table in TABLES}


def check_exact(before, after):
    plan = before.copy()
    change = replace_plan(plan, after, "Merge changes from plan-ben.tutti")
    assert change.label == "Merge changes from plan-ben.tutti"
    assert plan.same_as(after) and plan == after
    op.undo(plan, change)
    assert plan.same_as(before) and plan == before
    op.redo(plan, change)
    assert plan.same_as(after)
    return change


@pytest.mark.parametrize("label, operation", OPERATIONS, ids=[label for label, _ in OPERATIONS])
def test_any_operation_replayed_as_a_whole_plan_undoes_and_redoes_exactly(label, operation):
    before = base_plan()
    after = before.copy()
    operation(after)
    check_exact(before, after)


def test_only_entities_that_differ_are_recorded():
    before = base_plan()
    after = before.copy()
    op.update_team(after, "sales", capacity=60.0)
    (edit,) = check_exact(before, after).edits
    assert (edit.table, edit.key, edit.before.capacity, edit.after.capacity) == ("teams", "sales", 0.0, 60.0)
    assert replace_plan(before.copy(), before, "Nothing").edits == ()


def test_a_new_order_is_taken_exactly_and_undone_exactly():
    before = base_plan()
    after = before.copy()
    after.teams = {key: after.teams[key] for key in ("legal", "sales", "it")}
    after.teams["data"] = Team(id="data", name="Data")
    after.initiatives = dict(reversed(list(after.initiatives.items())))
    after.goals["grow"] = replace(after.goals["grow"], name="Grow more")
    check_exact(before, after)


def test_a_merge_of_many_edits_on_both_sides_is_one_exact_change():
    base = base_plan()
    mine, theirs = base.copy(), base.copy()
    for number, (_, operation) in enumerate(OPERATIONS):
        try:
            operation(mine if number % 2 else theirs)
        except op.OperationError:  # an earlier edit took away what this one edits
            pass
    merged = merge(base, mine, theirs).plan
    change = check_exact(mine, merged)
    assert not [e for e in change.edits if e.before is not None and e.after is not None and e.index is not None]

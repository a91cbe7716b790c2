"""The document: grouped edits are one undo step or nothing, and the undo history is bounded."""

from __future__ import annotations

from functools import partial

from desktop.document import UNDO_LIMIT, Document
from domain import operations as op
from storage.demo import demo_plan


def test_several_operations_are_one_undo_step_or_nothing(qapp):
    document = Document(demo_plan())
    before = document.plan.copy()
    teams = list(document.plan.teams)[:2]
    errors, changes = [], []
    document.error.connect(errors.append)
    document.changed.connect(changes.append)

    assert document.run_many("Delete 2 teams", [partial(op.delete_team, team_id=key) for key in teams])
    assert document.undo_stack.count() == 1 and document.undo_stack.text(0) == "Delete 2 teams"
    assert len(changes) == 1 and not set(teams) & set(document.plan.teams)
    document.undo_stack.undo()
    assert document.plan.same_as(before)

    refused = [partial(op.delete_team, team_id=teams[0]), partial(op.delete_team, team_id="no such team")]
    assert not document.run_many("Delete 2 teams", refused)
    assert document.plan.same_as(before) and len(errors) == 1 and document.undo_stack.index() == 0


def test_the_undo_history_keeps_the_last_two_hundred_edits(qapp):
    document = Document(demo_plan())
    team = next(iter(document.plan.teams))
    for n in range(UNDO_LIMIT + 5):
        document.run(op.update_team, team, name=f"Team {n}")
    assert UNDO_LIMIT == 200 and document.undo_stack.count() == UNDO_LIMIT

"""A plan's history: reverse deltas rebuild the plan each save came from, and copies find what they share."""

import pytest

from domain import operations as op
from domain.history import (
    apply_delta,
    common_ancestor,
    compacted,
    newest_first,
    plan_at,
    recorded,
    reverse_delta,
    summary,
    version_stamp,
)
from tests.domain.test_operations import OPERATIONS, base_plan


@pytest.mark.parametrize("label, operation", OPERATIONS, ids=[label for label, _ in OPERATIONS])
def test_the_reverse_delta_of_any_operation_rebuilds_the_plan_before_it_in_order(label, operation):
    old = base_plan()
    new = old.copy()
    operation(new)
    rebuilt = apply_delta(new, reverse_delta(new, old))
    assert rebuilt.same_as(old)
    assert not reverse_delta(old, old)


def test_an_entity_removed_from_the_middle_is_put_back_in_its_place_without_the_whole_order():
    old = base_plan()
    new = old.copy()
    op.delete_team(new, "sales")  # also drops hand-offs, levels, RACI roles and owners
    entries = reverse_delta(new, old)
    orders = [e for e in entries if e.kind == "order"]
    assert orders and all(len(e.before) < len(old.table(e.key)) for e in orders)
    assert apply_delta(new, entries).same_as(old)


def test_a_save_is_summed_up_in_one_line_counting_each_entity_once():
    old = base_plan()
    new = old.copy()
    op.update_team(new, "sales", capacity=60.0, name="Revenue")
    op.update_team(new, "it", headcount=9)
    op.delete_initiative(new, "ads")
    assert summary(old, new) == "2 teams changed, 1 initiative removed, 1 dependency removed"
    assert summary(None, new) == "first recorded save"
    assert summary(new, new) == "no changes"


def _saved(history, plan, edit=None, author="ann"):
    if edit is not None:
        edit(plan)
    return recorded(history, plan, author=author)


def test_two_copies_of_one_plan_find_their_common_ancestor_and_rebuild_it():
    plan = base_plan()
    first = _saved(None, plan)
    shared = _saved(first, plan, lambda p: op.update_team(p, "sales", capacity=50.0))
    mine_plan, theirs_plan = plan.copy(), plan.copy()
    mine = _saved(shared, mine_plan, lambda p: op.update_team(p, "it", capacity=10.0))
    mine = _saved(mine, mine_plan, lambda p: op.delete_initiative(p, "ads"))
    theirs = _saved(shared, theirs_plan, lambda p: op.update_team(p, "legal", capacity=5.0), author="ben")

    assert common_ancestor(mine, theirs) == common_ancestor(theirs, mine) == shared.head
    assert plan_at(mine, shared.head).same_as(plan) and plan_at(theirs, shared.head).same_as(plan)
    assert plan_at(mine, first.head).same_as(base_plan())
    assert common_ancestor(mine, _saved(None, base_plan())) is None
    assert common_ancestor(mine, shared) == shared.head  # one copy is an ancestor of the other


def test_a_merge_has_both_heads_as_parents_and_carries_their_revisions():
    plan = base_plan()
    shared = _saved(None, plan)
    mine_plan, theirs_plan = plan.copy(), plan.copy()
    mine = _saved(shared, mine_plan, lambda p: op.update_team(p, "it", capacity=10.0))
    theirs = _saved(shared, theirs_plan, lambda p: op.update_team(p, "legal", capacity=5.0))
    merged_plan = mine_plan.copy()
    op.update_team(merged_plan, "legal", capacity=5.0)

    merged = recorded(mine, merged_plan, author="ann", merged=theirs)
    assert merged.head_revision.parents == (mine.head, theirs.head)
    assert set(merged.revisions) == set(mine.revisions) | set(theirs.revisions) | {merged.head}
    assert plan_at(merged, mine.head).same_as(mine_plan) and plan_at(merged, theirs.head).same_as(theirs_plan)
    log = [r.id for r in newest_first(merged)]
    assert log[0] == merged.head and log[-1] == shared.head


def test_compacting_keeps_every_revision_but_only_the_newest_deltas():
    plan = base_plan()
    history = _saved(None, plan)
    oldest = history.head
    for capacity in (1.0, 2.0, 3.0):
        history = _saved(history, plan, lambda p, c=capacity: op.update_team(p, "sales", capacity=c))
    kept = compacted(history, 1)
    assert kept.revisions.keys() == history.revisions.keys()
    assert len(kept.deltas) == 1 and plan_at(kept, oldest) is None
    assert [r.pruned for r in kept.revisions.values()] == [False, True, True, False]
    assert common_ancestor(kept, history) == history.head


def test_the_version_stamp_is_the_heads_short_id_and_save_date():
    history = _saved(None, base_plan())
    assert version_stamp(history) == (history.head[:8], history.head_revision.saved[:10])
    assert version_stamp(None) is None


def test_a_revision_is_found_by_the_start_of_its_id_unless_none_or_several_start_so():
    import pytest

    from domain.history import History, Revision, revision_named

    history = History({r: Revision(r, "2026-11-30T10:00:00Z", "ann", "") for r in ("ab12cd", "ab34ef", "c0ffee")})
    assert revision_named(history, "AB1").id == "ab12cd"
    with pytest.raises(LookupError, match="ambiguous: 2 revisions"):
        revision_named(history, "ab")
    with pytest.raises(LookupError, match="no revision 'zz'"):
        revision_named(history, "zz")
    with pytest.raises(LookupError):
        revision_named(None, "ab")

"""Merging two copies of one plan that each had random edits loses nothing and reports every conflict.

Both copies are edited through the domain operations, as the app and the CLI edit plans. Runs 200 examples;
`pytest --soak` runs 5,000.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain import operations as op
from domain.compare import LINKS, compare, entities, facts, linked
from domain.entities import Goal, Handoff, Initiative, Skill, Team
from domain.merge import merge
from domain.plan import TABLES
from domain.validation import ERROR, validate
from tests.domain.test_operations import base_plan

NAMES = ("Sales", "IT", "Pilot", "Grow", "Data")  # few, so that both copies now and then pick the same name


def edit(plan, data, side: str, number: int) -> None:
    """One random edit of the plan through an operation; an edit the operation refuses changes nothing."""
    new_id = f"{side}-{number}"

    def some(table: str):
        keys = list(plan.table(table))
        return data.draw(st.sampled_from(keys)) if keys else None

    def maybe(table: str):
        return data.draw(st.one_of(st.none(), st.sampled_from(list(plan.table(table))))) if plan.table(table) else None

    name = data.draw(st.sampled_from(NAMES))
    level = data.draw(st.integers(1, 4))
    day = date(2027, 6, 1) + timedelta(days=data.draw(st.integers(0, 60)))
    edits = {
        "project": lambda: op.set_project(plan, name=name),
        "add goal": lambda: op.add_goal(plan, Goal(id=new_id, name=name, parent=maybe("goals"), owner=maybe("teams"))),
        "edit goal": lambda: op.update_goal(plan, some("goals"), name=name, deadline=day),
        "move goal": lambda: op.update_goal(plan, some("goals"), parent=maybe("goals")),
        "delete goal": lambda: op.delete_goal(plan, some("goals")),
        "add team": lambda: op.add_team(plan, Team(id=new_id, name=name, capacity=float(level * 10))),
        "edit team": lambda: op.update_team(plan, some("teams"), capacity=float(level * 10)),
        "rename team": lambda: op.update_team(plan, some("teams"), name=name),
        "delete team": lambda: op.delete_team(plan, some("teams")),
        "add skill": lambda: op.add_skill(plan, Skill(id=new_id, name=name)),
        "delete skill": lambda: op.delete_skill(plan, some("skills")),
        "set level": lambda: op.set_team_skill(plan, some("teams"), some("skills"), level=level),
        "clear level": lambda: op.remove_team_skill(plan, some("teams"), some("skills")),
        "add initiative": lambda: op.add_initiative(plan, Initiative(id=new_id, name=name, owner=maybe("teams"))),
        "edit initiative": lambda: op.update_initiative(
            plan, some("initiatives"), duration=level, owner=maybe("teams")
        ),
        "delete initiative": lambda: op.delete_initiative(plan, some("initiatives")),
        "link goal": lambda: op.link_goal(plan, some("initiatives"), some("goals")),
        "unlink goal": lambda: op.unlink_goal(plan, some("initiatives"), some("goals")),
        "set role": lambda: op.set_raci(plan, some("initiatives"), some("teams"), data.draw(st.sampled_from("RACI"))),
        "unset role": lambda: op.unset_raci(plan, some("initiatives"), some("teams")),
        "need skill": lambda: op.require_skill(plan, some("initiatives"), some("skills"), level),
        "drop skill": lambda: op.unrequire_skill(plan, some("initiatives"), some("skills")),
        "add dependency": lambda: op.add_dependency(plan, some("initiatives"), some("initiatives"), level),
        "edit dependency": lambda: op.update_dependency(plan, *some("dependencies"), lag=level),
        "remove dependency": lambda: op.remove_dependency(plan, *some("dependencies")),
        "add hand-off": lambda: op.add_handoff(
            plan,
            Handoff(
                id=new_id,
                from_team=some("teams"),
                to_team=some("teams"),
                initiative=maybe("initiatives"),
                what=name,
                due=day,
            ),
        ),
        "edit hand-off": lambda: op.update_handoff(plan, some("handoffs"), due=day, what=name),
        "delete hand-off": lambda: op.delete_handoff(plan, some("handoffs")),
    }
    try:
        edits[data.draw(st.sampled_from(list(edits)))]()
    except (op.OperationError, TypeError):  # nothing to pick from, or a refused edit: the copy stays as it was
        pass


def edited(base, data, side: str):
    plan = base.copy()
    for number in range(data.draw(st.integers(0, 8), label=f"edits of {side}")):
        edit(plan, data, side, number)
    return plan


def keyed(differences) -> dict:
    return {(d.kind, d.id, d.field, d.item): d for d in differences}


def involved(conflicts) -> set:
    """Every entity a conflict concerns: the one it names and, for a link, the one linked to."""
    found = {(c.kind, c.id) for c in conflicts}
    found |= {
        (LINKS[c.kind, c.field], c.mine or c.theirs if c.item is None else c.item)
        for c in conflicts
        if (c.kind, c.field) in LINKS
    }
    return found


def holds(plan, difference) -> bool:
    """Whether `plan` holds the change a difference describes."""
    present = entities(plan, difference.kind).get(difference.id)
    if difference.field is None:
        return (present is None) == (difference.after is None)
    return present is not None and facts(difference.kind, present).get((difference.field, difference.item)) == (
        difference.after
    )


def check_whole(plan) -> None:
    """No link to a missing entity, no goals under each other in a circle; errors only of kinds a draft may have."""
    for kind in TABLES:
        for entity in plan.table(kind).values():
            for _, _, table, target in linked(kind, entity):
                assert target in plan.table(table), f"a {kind} entity links to a missing {table} entity"
    for problem in validate(plan, dependency_cycles=[]):
        if problem.severity == ERROR:  # a hand-off each side moved to one team is a draft error, like a cycle
            handoff = plan.handoffs[problem.key]
            assert handoff.from_team == handoff.to_team, problem.message


def check_resolved(result, prefer: str) -> None:
    """Each conflict went the preferred way: its entity, field or link is as the preferred side has it."""
    for conflict in result.conflicts:
        wanted = conflict.mine if prefer == "mine" else conflict.theirs
        present = entities(result.plan, conflict.kind).get(conflict.id)
        if conflict.field is None:
            assert (present is None) == (wanted is None), conflict.text
        elif (conflict.kind, conflict.field) not in LINKS or wanted is not None:
            assert present is not None, conflict.text
            if conflict.item is None:  # a plain field, or one end of a link keyed by its ends
                assert getattr(present, conflict.field) == wanted, conflict.text
            else:
                assert facts(conflict.kind, present).get((conflict.field, conflict.item)) == wanted, conflict.text


def check_merge(base, mine, theirs, prefer):
    result = merge(base, mine, theirs, prefer)
    check_whole(result.plan)
    check_resolved(result, prefer)
    ours, others = keyed(compare(base, mine)), keyed(compare(base, theirs))
    touched = involved(result.conflicts)
    removed = {(d.kind, d.id) for d in (*ours.values(), *others.values()) if d.field is None}
    for changes, other in ((ours, others), (others, ours)):
        for key, difference in changes.items():
            entity = key[:2]
            if key not in other and entity not in touched and (entity not in removed or difference.field is None):
                assert holds(result.plan, difference), f"lost: {difference.text}"
            both = other.get(key)
            if both is not None and not holds(mine if changes is others else theirs, difference):
                assert entity in touched, f"not reported: {difference.text} / {both.text}"
            if difference.field is None and difference.after is None:
                edits = [d for k, d in other.items() if k[:2] == entity and d.field is not None]
                assert not edits or entity in touched, f"edit against delete not reported: {edits[0].text}"
    return result


def test_merging_random_edits_keeps_every_one_sided_change_and_reports_every_conflict(request):
    examples = 5_000 if request.config.getoption("--soak") else 200

    @settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def run(data):
        base = base_plan()
        mine, theirs = edited(base, data, "mine"), edited(base, data, "theirs")
        untouched = [p.copy() for p in (base, mine, theirs)]

        for preferred, other in ((mine, theirs), (theirs, mine)):  # the same merge, whichever side is "mine"
            as_mine = check_merge(base, preferred, other, "mine")
            as_theirs = check_merge(base, other, preferred, "theirs")
            assert compare(as_mine.plan, as_theirs.plan) == []
            assert {(c.kind, c.id, c.field, c.item) for c in as_mine.conflicts} == {
                (c.kind, c.id, c.field, c.item) for c in as_theirs.conflicts
            }
        assert compare(merge(base, mine, theirs).plan, merge(base, mine, theirs, "mine").plan) == []  # default: mine

        for plan in (mine, theirs):
            for result in (merge(base, plan, plan), merge(base, plan, base), merge(plan, plan, plan)):
                assert result.conflicts == [] and result.taken == [] and compare(plan, result.plan) == []
            result = merge(base, base, plan)
            assert result.conflicts == [] and compare(plan, result.plan) == []
        assert all(p.same_as(u) for p, u in zip((base, mine, theirs), untouched, strict=True)), "merge changed an input"

    run()

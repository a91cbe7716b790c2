"""A long seeded session of random edits with undo and redo interleaved: every undo restores the plan
exactly, undoing everything gives back the start, and the saved file reopens identically."""

from __future__ import annotations

import random
from datetime import date, timedelta

from desktop.document import Document
from domain import operations as op
from domain.entities import RACI_ROLES, STATUSES, Goal, Handoff, Initiative, RaciRole, Skill, SkillNeed, Team
from storage.project_file import open_plan, save_plan

STEPS = 2000


class RandomEditor:
    """Picks a random operation of any kind with arguments drawn from the current plan."""

    def __init__(self, document: Document, seed: int, texts: tuple[str, ...]):
        self.document = document
        self.random = random.Random(seed)
        self.texts = texts
        self.counter = 0

    @property
    def plan(self):
        return self.document.plan

    def text(self) -> str:
        if self.random.random() < 0.3:
            return self.random.choice(self.texts)[:300]
        return f"name {self.random.randrange(1000)}"

    def fresh_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def pick(self, table: str, or_none: bool = False):
        keys = list(self.plan.table(table))
        if or_none and (not keys or self.random.random() < 0.2):
            return None
        # A missing id exercises the refusal path that leaves the plan untouched.
        return self.random.choice(keys) if keys else "missing"

    def day(self):
        return date(2027, 1, 4) + timedelta(days=self.random.randrange(400)) if self.random.random() < 0.7 else None

    def some(self, table: str) -> list:
        keys = list(self.plan.table(table))
        return self.random.sample(keys, min(len(keys), self.random.randrange(3)))

    def operation(self):
        """One random (operation, args, kwargs)."""
        r = self.random
        pick = self.pick
        choices = [
            lambda: (op.set_project, (), {"name": self.text(), "description": self.text(), "start": self.day()}),
            lambda: (
                op.add_goal,
                (
                    Goal(
                        id=self.fresh_id("g"),
                        name=self.text(),
                        parent=pick("goals", True),
                        owner=pick("teams", True),
                        target=r.choice([None, 10.0, 2.5]),
                        deadline=self.day(),
                    ),
                ),
                {},
            ),
            lambda: (
                op.update_goal,
                (pick("goals"),),
                r.choice(
                    [{"name": self.text()}, {"parent": pick("goals", True)}, {"metric": self.text(), "unit": "%"}]
                ),
            ),
            lambda: (op.delete_goal, (pick("goals"),), {}),
            lambda: (
                op.add_team,
                (
                    Team(
                        id=self.fresh_id("t"),
                        name=self.text(),
                        headcount=r.randrange(20),
                        capacity=float(r.randrange(50)),
                        lead=self.text(),
                    ),
                ),
                {},
            ),
            lambda: (op.update_team, (pick("teams"),), r.choice([{"name": self.text()}, {"capacity": r.random() * 9}])),
            lambda: (op.delete_team, (pick("teams"),), {}),
            lambda: (op.add_skill, (Skill(id=self.fresh_id("s"), name=self.text(), category=self.text()),), {}),
            lambda: (op.update_skill, (pick("skills"),), {"description": self.text()}),
            lambda: (op.delete_skill, (pick("skills"),), {}),
            lambda: (op.set_team_skill, (pick("teams"), pick("skills")), {"level": r.randrange(5)}),
            lambda: (op.remove_team_skill, (pick("teams"), pick("skills")), {}),
            lambda: (op.add_initiative, (self.new_initiative(),), {}),
            lambda: (
                op.update_initiative,
                (pick("initiatives"),),
                r.choice(
                    [
                        {"name": self.text()},
                        {"status": r.choice(STATUSES)},
                        {"duration": r.randrange(30)},
                        {"start": self.day(), "effort": r.choice([None, 3.0])},
                        {"goals": tuple(self.some("goals"))},
                    ]
                ),
            ),
            lambda: (op.delete_initiative, (pick("initiatives"),), {}),
            lambda: (op.link_goal, (pick("initiatives"), pick("goals")), {}),
            lambda: (op.unlink_goal, (pick("initiatives"), pick("goals")), {}),
            lambda: (op.set_raci, (pick("initiatives"), pick("teams"), r.choice(RACI_ROLES)), {}),
            lambda: (op.unset_raci, (pick("initiatives"), pick("teams")), {}),
            lambda: (op.require_skill, (pick("initiatives"), pick("skills"), r.randrange(1, 5)), {}),
            lambda: (op.unrequire_skill, (pick("initiatives"), pick("skills")), {}),
            lambda: (op.add_dependency, (pick("initiatives"), pick("initiatives"), r.randrange(5)), {}),
            lambda: self.dependency_change(),
            lambda: (
                op.add_handoff,
                (
                    Handoff(
                        id=self.fresh_id("h"),
                        from_team=pick("teams"),
                        to_team=pick("teams"),
                        initiative=pick("initiatives", True),
                        what=self.text(),
                        due=self.day(),
                    ),
                ),
                {},
            ),
            lambda: (
                op.update_handoff,
                (pick("handoffs"),),
                r.choice([{"what": self.text()}, {"due": self.day()}, {"initiative": pick("initiatives", True)}]),
            ),
            lambda: (op.delete_handoff, (pick("handoffs"),), {}),
        ]
        return r.choice(choices)()

    def new_initiative(self) -> Initiative:
        r = self.random
        return Initiative(
            id=self.fresh_id("i"),
            name=self.text(),
            description=self.text(),
            owner=self.pick("teams", True),
            goals=tuple(self.some("goals")),
            status=r.choice(STATUSES),
            start=self.day(),
            duration=r.randrange(1, 30),
            skills=tuple(SkillNeed(s, r.randrange(1, 5)) for s in self.some("skills")),
            raci=tuple(RaciRole(t, r.choice(RACI_ROLES)) for t in self.some("teams")),
        )

    def dependency_change(self):
        key = self.pick("dependencies")
        before, after = key if isinstance(key, tuple) else ("missing", "missing")
        if self.random.random() < 0.5:
            return op.update_dependency, (before, after), {"lag": self.random.randrange(10)}
        return op.remove_dependency, (before, after), {}


def test_two_thousand_random_edits_undo_exactly_and_save_identically(qapp, small_plan, odd_texts, as_json, tmp_path):
    document = Document(small_plan.copy(), undo_limit=0)  # no limit: the whole session must undo
    stack = document.undo_stack
    editor = RandomEditor(document, seed=2026, texts=odd_texts)
    # states[n] is the plan after the first n commands of the stack: undo and redo must land on them exactly.
    states = [small_plan.copy()]
    refused = 0
    kinds = set()
    for _ in range(STEPS):
        roll = editor.random.random()
        if roll < 0.15 and stack.canUndo():
            stack.undo()
        elif roll < 0.25 and stack.canRedo():
            stack.redo()
        else:
            operation, args, kwargs = editor.operation()
            kinds.add(operation.__name__)
            position = stack.index()
            if not document.run(operation, *args, **kwargs):
                refused += 1
            elif stack.index() > position:
                del states[position + 1 :]
                states.append(document.plan.copy())
        # A refused operation, or one that changed nothing, must leave the plan as it was.
        assert document.plan.same_as(states[stack.index()]), f"plan differs from its state at step {stack.index()}"

    assert len(kinds) >= 25, f"only {sorted(kinds)} were tried"
    assert stack.count() > 300 and refused < STEPS / 2

    middle = stack.index()
    path = tmp_path / "session.tutti"
    save_plan(document.plan, path)
    assert as_json(open_plan(path).plan) == as_json(document.plan)

    while stack.canUndo():
        stack.undo()
    assert document.plan.same_as(small_plan)
    while stack.index() < middle:
        stack.redo()
    assert as_json(document.plan) == as_json(open_plan(path).plan)

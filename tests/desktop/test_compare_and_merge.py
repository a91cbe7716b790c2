"""Plans that travel: comparing the open plan with a copy, and merging a copy's changes in as one undoable step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from desktop.compare_dialog import SAME
from desktop.merge_dialog import BASE_CAPTION, KEEP_MINE, TAKE_THEIRS, TYPE_VALUE, MergeDialog
from domain import operations as op
from domain.entities import Initiative
from storage.demo import demo_plan
from storage.project_file import save_plan
from views.qt.difference_tree import MARK, TEXT

COPY = "plan-ben.tutti"


@pytest.fixture
def sent(tmp_path):
    """The plan the leader sent out, saved as plan.tutti: (plan, path)."""
    plan = demo_plan()
    path = tmp_path / "plan.tutti"
    save_plan(plan, path)
    return plan, path


def their_copy(sent, tmp_path, *edits):
    """Ben's copy of the plan sent out, with his edits, saved as plan-ben.tutti."""
    plan = sent[0].copy()
    for edit in edits:
        edit(plan)
    path = tmp_path / COPY
    save_plan(plan, path)
    return plan, path


def rows(dialog):
    """(heading, [(mark, text), ...]) for every group of the dialog's tree."""
    tree = dialog.tree
    return [
        (
            tree.topLevelItem(g).text(MARK),
            [
                (tree.topLevelItem(g).child(r).text(MARK), tree.topLevelItem(g).child(r).text(TEXT))
                for r in range(tree.topLevelItem(g).childCount())
            ],
        )
        for g in range(tree.topLevelItemCount())
    ]


# Compare


def test_compare_lists_the_changes_by_kind_and_enter_shows_each_in_the_window(
    make_window, messages, sent, tmp_path, qtbot
):
    window = make_window(sent[1])
    _, path = their_copy(
        sent,
        tmp_path,
        lambda p: op.update_team(p, "team-sales", capacity=60.0),
        lambda p: op.add_initiative(p, Initiative(id="pilot", name="Pilot churn")),
        lambda p: op.delete_handoff(p, "handoff-02"),
    )
    messages.open.append(path)
    dialog = window.compare_with()
    assert dialog.isVisible() and not dialog.isModal()
    assert rows(dialog) == [
        ("Teams (1)", [("Changed", "Team 'Sales': capacity 48 → 60")]),
        ("Initiatives (1)", [("Added", "Initiative 'Pilot churn' added")]),
        ("Hand-offs (1)", [("Removed", "Hand-off 'List of customers with valid marketing consent' removed")]),
    ]
    marks = [dialog.tree.topLevelItem(g).child(0).foreground(MARK).color().name() for g in range(3)]
    assert len(set(marks)) == 3  # changed, added and removed look different

    tree = dialog.tree
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(0).child(0))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.current_page().title == "Teams"
    assert window.current_page().current_key() == "team-sales"
    assert dialog.isVisible()  # kept open to walk down the list

    tree.setCurrentItem(tree.topLevelItem(2).child(0))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.current_page().title == "Initiatives"

    rect = tree.visualItemRect(tree.topLevelItem(1).child(0))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # Qt wants the press first
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.status.text() == f"This is not in the open plan; only {COPY} has it."
    dialog.grab().save("/tmp/shots-travel/compare.png")


def test_compare_with_the_same_plan_says_so(make_window, messages, sent, tmp_path):
    window = make_window(sent[1])
    messages.open.append(their_copy(sent, tmp_path)[1])
    dialog = window.compare_with()
    assert dialog.summary.text() == SAME
    assert dialog.tree.isHidden()


def test_compare_with_an_unreadable_file_says_why_and_shows_nothing(make_window, messages, tmp_path):
    window = make_window()
    bad = tmp_path / "bad.tutti"
    bad.write_bytes(b"not a plan")
    messages.open.append(bad)
    assert window.compare_with() is None
    assert messages.shown and messages.shown[-1][0] == "Cannot Read Plan"


# Merge


@pytest.fixture
def review(monkeypatch):
    """Answers the merge review with `review.act(dialog)` and keeps the dialog shown."""

    class Review:
        dialog = None

        def act(self, dialog):
            dialog.merge_button.click()

    answer = Review()

    def exec_review(dialog):
        answer.dialog = dialog
        answer.act(dialog)
        return dialog.result()

    monkeypatch.setattr(MergeDialog, "exec", exec_review)
    return answer


def opened_with_my_edit(make_window, sent, messages, copy_path):
    """The leader's window on plan.tutti, where she set Sales' capacity to 40; the merge will ask for Ben's
    copy, then for the plan both started from."""
    window = make_window(sent[1])
    assert window.document.run(op.update_team, "team-sales", capacity=40.0)
    messages.open.extend([copy_path, sent[1]])
    return window


def test_a_merge_without_conflicts_takes_every_change_as_one_step_and_undo_restores_exactly(
    make_window, messages, sent, tmp_path, review, qtbot
):
    _, path = their_copy(
        sent,
        tmp_path,
        lambda p: op.update_team(p, "team-it", headcount=11),
        lambda p: op.add_initiative(p, Initiative(id="pilot", name="Pilot churn")),
        lambda p: op.delete_handoff(p, "handoff-02"),
    )
    window = opened_with_my_edit(make_window, sent, messages, path)
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=10000)
    analysis, before, steps = window.analysis, window.document.plan.copy(), window.document.undo_stack.count()

    assert window.merge_from_copy()
    assert [heading for heading, _ in rows(review.dialog)] == [
        "Team 'IT'",
        "Initiative 'Pilot churn'",
        "Hand-off 'List of customers with valid marketing consent'",
    ]
    plan = window.document.plan
    assert (plan.teams["team-it"].headcount, plan.teams["team-sales"].capacity) == (11, 40.0)
    assert "pilot" in plan.initiatives and "handoff-02" not in plan.handoffs
    stack = window.document.undo_stack
    assert stack.count() == steps + 1 and stack.text(stack.count() - 1) == f"Merge changes from {COPY}"
    qtbot.waitUntil(lambda: window.analysis is not analysis, timeout=10000)  # the analysis reruns

    merged = plan.copy()
    stack.undo()
    assert window.document.plan.same_as(before) and window.document.plan == before
    stack.redo()
    assert window.document.plan.same_as(merged)


@pytest.mark.parametrize(
    "choice, text, capacity",
    [(KEEP_MINE, None, 40.0), (TAKE_THEIRS, None, 60.0), (TYPE_VALUE, "50", 50.0)],
    ids=["mine", "theirs", "edited"],
)
def test_a_conflict_lands_as_the_leader_chose(make_window, messages, sent, tmp_path, review, choice, text, capacity):
    _, path = their_copy(sent, tmp_path, lambda p: op.update_team(p, "team-sales", capacity=60.0))
    window = opened_with_my_edit(make_window, sent, messages, path)

    def choose(dialog):
        (conflict_choice,) = dialog.choices
        labels = [conflict_choice.combo.itemText(n) for n in range(conflict_choice.combo.count())]
        assert labels[0].startswith("Keep mine: 40 (you, changed ")
        assert labels[1].startswith(f"Take theirs: 60 ({COPY}, changed ")
        assert labels[2] == "Type a value"
        conflict_choice.choose(choice, text)
        dialog.grab().save(f"/tmp/shots-travel/merge-conflict-{choice}.png")
        dialog.merge_button.click()

    review.act = choose
    assert window.merge_from_copy()
    assert window.document.plan.teams["team-sales"].capacity == capacity


def test_a_typed_value_that_is_not_a_number_cannot_be_merged(make_window, messages, sent, tmp_path, review):
    _, path = their_copy(sent, tmp_path, lambda p: op.update_team(p, "team-sales", capacity=60.0))
    window = opened_with_my_edit(make_window, sent, messages, path)

    def mistype(dialog):
        dialog.choices[0].choose(TYPE_VALUE, "sixty")
        dialog.preview()
        assert not dialog.merge_button.isEnabled()
        assert dialog.problems.item(0).text() == "'sixty' is not a number."
        dialog.reject()

    review.act = mistype
    assert not window.merge_from_copy()


def test_an_unticked_change_stays_out_and_the_others_come_in(make_window, messages, sent, tmp_path, review):
    _, path = their_copy(
        sent,
        tmp_path,
        lambda p: op.update_team(p, "team-it", headcount=11),
        lambda p: op.add_initiative(p, Initiative(id="pilot", name="Pilot churn")),
    )
    window = opened_with_my_edit(make_window, sent, messages, path)

    def untick_the_headcount(dialog):
        assert dialog.rows[0].text(TEXT) == "Team 'IT': headcount 9 → 11"
        dialog.rows[0].setCheckState(MARK, Qt.CheckState.Unchecked)
        dialog.merge_button.click()

    review.act = untick_the_headcount
    assert window.merge_from_copy()
    assert window.document.plan.teams["team-it"].headcount == 9
    assert "pilot" in window.document.plan.initiatives


def test_a_copy_with_nothing_new_has_nothing_to_merge_and_enter_takes_nothing(
    make_window, messages, sent, tmp_path, review, qtbot
):
    _, path = their_copy(sent, tmp_path)
    window = opened_with_my_edit(make_window, sent, messages, path)
    steps = window.document.undo_stack.count()

    def look(dialog):
        assert (
            dialog.intro.text()
            == f"Nothing to merge: {COPY} holds no change since plan.tutti that your plan does not have."
        )
        assert not dialog.merge_button.isEnabled()
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        assert dialog.result() != QDialog.DialogCode.Accepted
        dialog.reject()

    review.act = look
    assert not window.merge_from_copy()
    assert window.document.undo_stack.count() == steps


def test_cancel_changes_nothing(make_window, messages, sent, tmp_path, review, qtbot):
    _, path = their_copy(sent, tmp_path, lambda p: op.update_team(p, "team-it", headcount=11))
    window = opened_with_my_edit(make_window, sent, messages, path)
    before, steps = window.document.plan.copy(), window.document.undo_stack.count()

    def enter_then_cancel(dialog):
        dialog.tree.setFocus()
        qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
        assert dialog.result() != QDialog.DialogCode.Accepted  # Enter takes nothing in
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    review.act = enter_then_cancel
    assert not window.merge_from_copy()
    assert window.document.plan.same_as(before) and window.document.undo_stack.count() == steps


def test_problems_the_merge_would_bring_show_before_confirming(make_window, messages, sent, tmp_path, review):
    _, path = their_copy(sent, tmp_path, lambda p: op.add_initiative(p, Initiative(name="Programme kick-off")))
    window = opened_with_my_edit(make_window, sent, messages, path)

    def look(dialog):
        shown = [dialog.problems.item(n).text() for n in range(dialog.problems.count())]
        assert shown == [
            "There is more than one initiative called 'Programme kick-off'.",
            "'Programme kick-off' serves no goal.",
            "'Programme kick-off' has no owner team.",
        ]
        dialog.grab().save("/tmp/shots-travel/merge-problems.png")
        dialog.reject()

    review.act = look
    assert not window.merge_from_copy()


def test_the_plan_both_copies_started_from_is_asked_for_in_words(
    make_window, messages, sent, tmp_path, review, monkeypatch
):
    _, path = their_copy(sent, tmp_path, lambda p: op.update_team(p, "team-it", headcount=11))
    window = opened_with_my_edit(make_window, sent, messages, path)
    captions = []
    answers = [path, sent[1]]

    def get_open(parent, caption, *args, **kwargs):
        captions.append(caption)
        return str(answers.pop(0)), ""

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", staticmethod(get_open))
    review.act = lambda dialog: dialog.reject()
    window.merge_from_copy()
    assert captions == ["Merge changes from a copy", BASE_CAPTION]
    assert "plan.tutti, the plan both copies started from" in review.dialog.intro.text()
    assert review.dialog.result() == QDialog.DialogCode.Rejected

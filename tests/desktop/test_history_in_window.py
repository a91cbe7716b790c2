"""Saving in the window records a revision in the file's history, by the author named in the settings; merging
a copy finds the plan both started from in the histories, and the save after it records the copy as a parent."""

import shutil

import pytest

from desktop.cli import main
from desktop.merge_dialog import MergeDialog
from desktop.settings import Settings
from domain import operations as op
from domain.entities import Team
from domain.history import version_stamp
from storage.demo import demo_plan
from storage.history import ancestor_plan, shared_ancestor
from storage.project_file import open_plan, save_plan
from tests.storage.test_history import edit_and_save


def test_saving_records_a_revision_by_the_author_in_settings_after_the_files_own(make_window, config_dir, tmp_path):
    path = tmp_path / "plan.tutti"
    save_plan(demo_plan(), path, author="ann")
    settings = Settings(config_dir)
    settings.set_author("  Beatrice ")
    settings.sync()
    window = make_window(path)
    window.document.run(op.add_team, Team(name="Legal"))
    assert window.save()

    history = open_plan(path).history
    assert [r.author for r in history.revisions.values()] == ["ann", "Beatrice"]
    assert history.head_revision.summary == "1 team added"
    assert version_stamp(window.session.history) == version_stamp(history)


def test_the_author_defaults_to_the_user_logged_in(config_dir, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "carla")
    assert Settings(config_dir).author() == "carla"


def test_merging_a_mailed_copy_finds_the_plan_both_started_from_without_asking(
    make_window, messages, tmp_path, monkeypatch
):
    sent = tmp_path / "plan.tutti"
    save_plan(demo_plan(), sent)
    copy = tmp_path / "plan-ben.tutti"
    shutil.copyfile(sent, copy)
    opened = open_plan(copy)
    op.update_team(opened.plan, "team-it", headcount=11)
    save_plan(opened.plan, copy, opened.history, author="ben")

    bases = []
    monkeypatch.setattr(MergeDialog, "exec", lambda dialog: bases.append(dialog.sides.base_name) or 0)
    window = make_window(sent)
    window.document.run(op.update_team, "team-sales", capacity=40.0)
    messages.open.append(copy)  # only the copy: the plan both started from comes from the histories
    assert not window.merge_from_copy()  # the review was cancelled
    assert bases == [f"revision {open_plan(sent).history.head[:8]}"] and messages.open == []


CLASH = "Team 'Sales': capacity: mine 40, theirs 60 (was 48)"


@pytest.fixture
def ann_and_ben(tmp_path, monkeypatch, make_window, messages):
    """plan.tutti copied to Ann and Ben; Ben set Sales' capacity to 60 and saved. Ann's window is open on her
    copy, where she set it to 40, and has merged Ben's copy, keeping her 40: (window, Ann's file, Ben's file)."""
    sent = tmp_path / "plan.tutti"
    save_plan(demo_plan(), sent, author="carla")
    ann, ben = tmp_path / "plan-ann.tutti", tmp_path / "plan-ben.tutti"
    shutil.copyfile(sent, ann)
    shutil.copyfile(sent, ben)
    edit_and_save(ben, lambda p: op.update_team(p, "team-sales", capacity=60.0), author="ben")
    conflicts = []

    def review(dialog):  # Merge pressed with every choice as offered: Ann's value for the clash
        conflicts.extend(conflict.text for conflict in dialog.merged.conflicts)
        dialog.merge_button.click()
        return dialog.result()

    monkeypatch.setattr(MergeDialog, "exec", review)
    window = make_window(ann)
    assert window.document.run(op.update_team, "team-sales", capacity=40.0)
    messages.open.append(ben)
    assert window.merge_from_copy()  # the copies' shared revision is the base: only Ben's copy is asked for
    assert conflicts == [CLASH]
    return window, ann, ben


def test_saving_after_a_merge_records_the_copy_as_second_parent_and_the_next_merge_starts_from_it(
    ann_and_ben, tmp_path, capsys
):
    window, ann, ben = ann_and_ben
    ann_head, ben_head = window.session.history.head, open_plan(ben).history.head
    assert window.save()
    capsys.readouterr()
    assert main(["log", str(ann)]) == 0
    newest = capsys.readouterr().out.splitlines()[0]
    assert newest.endswith(f"(merge of {ann_head[:8]} and {ben_head[:8]})")
    assert ancestor_plan(open_plan(ann).history, ben_head).same_as(open_plan(ben).plan)  # Ann's file alone rebuilds it

    edit_and_save(ben, lambda p: op.update_team(p, "team-it", headcount=11), author="ben")
    assert shared_ancestor(open_plan(ann).history, open_plan(ben).history)[0] == ben_head
    merged = tmp_path / "merged.tutti"
    assert main(["merge", str(ann), str(ben), "-o", str(merged)]) == 0  # no --base, and no conflict again
    assert capsys.readouterr().out == f"Wrote {merged}: {ann} with 1 change merged in from {ben}\n"
    teams = open_plan(merged).plan.teams
    assert (teams["team-sales"].capacity, teams["team-it"].headcount) == (40.0, 11)


def test_a_merge_undone_before_saving_leaves_the_save_with_one_parent(ann_and_ben, capsys):
    window, ann, ben = ann_and_ben
    ann_head = window.session.history.head
    window.actions.undo.trigger()  # Edit → Undo: the merge
    window.actions.undo.trigger()
    window.actions.redo.trigger()  # Ann's own edit is back, the merge is not
    assert window.document.plan.teams["team-sales"].capacity == 40.0
    assert window.save()
    assert open_plan(ann).history.head_revision.parents == (ann_head,)
    capsys.readouterr()
    assert main(["merge", str(ann), str(ben), "-o", str(ann.with_name("merged.tutti"))]) == 1  # the clash is back
    assert f"conflict: {CLASH}" in capsys.readouterr().out

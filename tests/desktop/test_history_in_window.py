"""Saving in the window records a revision in the file's history, by the author named in the settings; merging
a copy finds the plan both started from in the histories."""

import shutil

from desktop.settings import Settings
from domain import operations as op
from domain.entities import Team
from domain.history import version_stamp
from storage.demo import demo_plan
from storage.project_file import open_plan, save_plan


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
    from desktop.merge_dialog import MergeDialog

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

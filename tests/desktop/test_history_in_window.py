"""Saving in the window records a revision in the file's history, by the author named in the settings."""

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

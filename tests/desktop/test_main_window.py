"""The main window as a user meets it: the demo, files, unsaved changes, undo, drops and recent files."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from desktop.settings import MAX_RECENT_FILES, Settings
from domain import operations as op
from domain.entities import Goal, Handoff, Initiative, Team
from storage.demo import demo_plan
from storage.exchange import dumps
from storage.project_file import open_plan, save_plan

Save, Discard, Cancel = (
    QMessageBox.StandardButton.Save,
    QMessageBox.StandardButton.Discard,
    QMessageBox.StandardButton.Cancel,
)
PAGE_TITLES = ["Overview", "Goals", "Teams", "Skills", "Initiatives", "Score", "Network"]


def build_plan(window) -> None:
    """A goal, two teams, two initiatives where one waits for the other, and a hand-off, through the document."""
    run = window.document.run
    sales, data = Team(name="Sales", capacity=5), Team(name="Data", capacity=3)
    goal = Goal(name="Grow online revenue 10%", owner=sales.id, deadline=date(2027, 6, 30))
    collect = Initiative(name="Collect customer data", owner=data.id, goals=(goal.id,), start=date(2027, 1, 4))
    campaign = Initiative(name="Personalised campaign", owner=sales.id, goals=(goal.id,))
    for operation, entity in (
        (op.add_team, sales),
        (op.add_team, data),
        (op.add_goal, goal),
        (op.add_initiative, collect),
        (op.add_initiative, campaign),
    ):
        assert run(operation, entity)
    assert run(op.add_dependency, collect.id, campaign.id, lag=2)
    assert run(
        op.add_handoff,
        Handoff(from_team=data.id, to_team=sales.id, initiative=campaign.id, what="Segments", due=date(2027, 2, 1)),
    )


def saved_demo(path):
    save_plan(demo_plan(), path)
    return path


def test_tutti_opens_the_demo_with_every_view_filled(window, qtbot):
    assert [page.title for page in window.pages] == PAGE_TITLES
    assert window.windowTitle().startswith("Demo — Untitled")
    assert not window.isWindowModified()
    plan = window.document.plan
    assert plan.goals and plan.teams and plan.skills and plan.initiatives and plan.dependencies and plan.handoffs
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=10000)
    assert all(page.analysis is window.analysis for page in window.pages)


def test_ctrl_number_switches_views_and_ctrl_f_focuses_the_filter(window, qtbot):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().title == "Teams"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().filter_box.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().title == "Initiatives"
    assert window.sidebar.currentRow() == 4


def test_insert_ctrl_d_and_delete_add_duplicate_and_delete_from_the_keyboard(window, qtbot):
    window.activateWindow()
    teams = window.document.plan.teams
    count = len(teams)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Insert)
    assert [team.name for team in teams.values()][-1] == "New team"
    page = window.current_page()
    page.view.setFocus()
    assert window.actions.duplicate.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [team.name for team in teams.values()][-1] == "New team (copy)"
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert len(teams) == count + 1 and [team.name for team in teams.values()][-1] == "New team"


def test_a_plan_built_from_nothing_saves_and_reopens_the_same(window, messages, tmp_path):
    assert window.new_plan()
    assert window.windowTitle().startswith("Untitled[*]") or window.windowTitle().startswith("Untitled —")
    build_plan(window)
    assert window.isWindowModified()
    built = window.document.plan.copy()

    path = tmp_path / "launch.tutti"
    messages.save_as.append(path)
    assert window.save()  # untitled: Save asks where
    assert window.statusBar().currentMessage() == "Saved launch.tutti."
    assert window.windowTitle().startswith("launch.tutti")
    assert not window.isWindowModified()

    assert window.new_plan() and not window.document.plan.teams
    assert window.open_path(path)
    assert window.document.plan.same_as(built)
    assert window.session.path == path and not window.isWindowModified()


def test_undo_and_redo_name_the_operation_and_undo_all_gives_back_the_start(window):
    start = window.document.plan.copy()
    plan = window.document.plan
    team = next(iter(plan.teams.values()))
    goal = next(iter(plan.goals.values()))
    first, second = list(plan.initiatives)[:2]
    run = window.document.run
    assert run(op.update_team, team.id, name="Sales")
    assert window.actions.undo.text() == f"Undo Rename team '{team.name}'"
    assert run(op.delete_goal, goal.id)
    assert run(op.add_team, Team(name="Legal"))
    if (first, second) in plan.dependencies:
        assert run(op.remove_dependency, first, second)
    else:
        assert run(op.add_dependency, first, second)
    assert run(op.set_project, name="Next year")
    end = plan.copy()
    assert window.isWindowModified()

    window.actions.undo.trigger()
    assert window.statusBar().currentMessage().startswith("Undid ")
    window.actions.redo.trigger()
    assert window.statusBar().currentMessage().startswith("Redid ")
    while window.actions.undo.isEnabled():
        window.actions.undo.trigger()
    assert window.document.plan.same_as(start)
    assert not window.isWindowModified()
    while window.actions.redo.isEnabled():
        window.actions.redo.trigger()
    assert window.document.plan.same_as(end)


def test_undo_names_the_command_it_undid_in_the_status_bar(window):
    team = next(iter(window.document.plan.teams.values()))
    window.document.run(op.update_team, team.id, name="Sales")
    window.actions.undo.trigger()
    assert window.statusBar().currentMessage() == f"Undid Rename team '{team.name}'"
    assert window.actions.redo.text() == f"Redo Rename team '{team.name}'"
    assert window.document.plan.teams[team.id].name == team.name


def test_cancel_keeps_unsaved_changes_and_discard_drops_them(window, messages):
    window.document.run(op.add_team, Team(name="Legal"))
    edited = window.document.plan.copy()
    messages.answer = Cancel
    assert not window.new_plan()
    assert not window.close()
    assert window.isVisible() and window.document.plan.same_as(edited) and window.isWindowModified()
    assert len(messages.questions) == 2 and "Demo — Untitled" in messages.questions[0]

    messages.answer = Discard
    assert window.new_plan()
    assert not window.document.plan.teams and not window.isWindowModified()


def test_save_at_the_prompt_saves_before_opening_another_file(window, messages, tmp_path):
    other = saved_demo(tmp_path / "other.tutti")
    window.document.run(op.add_team, Team(name="Legal"))
    edited = window.document.plan.copy()
    messages.answer = Save
    messages.save_as.append(tmp_path / "mine.tutti")
    assert window.open_path(other)
    assert window.session.path == other
    assert open_plan(tmp_path / "mine.tutti").plan.same_as(edited)


def test_quit_with_unsaved_changes_can_save_to_the_open_file(make_window, messages, tmp_path):
    path = saved_demo(tmp_path / "plan.tutti")
    window = make_window(path)
    window.document.run(op.add_team, Team(name="Legal"))
    messages.answer = Save
    assert window.close()
    assert any(t.name == "Legal" for t in open_plan(path).plan.teams.values())


def test_a_bad_file_keeps_the_open_plan_and_says_why_once(window, messages, tmp_path):
    window.document.run(op.add_team, Team(name="Legal"))
    before = window.document.plan.copy()
    title = window.windowTitle()
    bad = tmp_path / "broken.tutti"
    bad.write_bytes(b"this is not a plan")
    messages.answer = Discard

    assert not window.open_path(bad)
    assert len(messages.shown) == 1
    assert messages.shown[0][1].startswith(str(bad)) and "\n" not in messages.shown[0][1]
    assert window.document.plan.same_as(before) and window.windowTitle() == title and window.isWindowModified()

    bad_json = tmp_path / "broken.json"
    bad_json.write_text('{"format": "tutti", "version": 1, "teams": 3}')
    assert not window.import_json_path(bad_json)
    assert len(messages.shown) == 2 and str(bad_json) in messages.shown[1][1]
    assert window.document.plan.same_as(before)


def test_a_refused_operation_is_explained(window, messages):
    assert not window.document.run(op.update_team, "no-such-team", name="X")
    assert len(messages.shown) == 1
    assert window.statusBar().currentMessage() == messages.shown[0][1]


def test_a_read_only_file_opens_read_only_and_save_goes_to_save_as(make_window, messages, tmp_path):
    path = saved_demo(tmp_path / "locked.tutti")
    path.chmod(0o444)
    original = path.read_bytes()
    window = make_window(path)
    assert window.session.read_only
    assert "read-only" in window.windowTitle()
    assert window.banner.isVisible() and "read-only" in window.banner_text.text()

    window.document.run(op.add_team, Team(name="Legal"))
    copy = tmp_path / "copy.tutti"
    messages.save_as.append(copy)
    assert window.save()
    assert path.read_bytes() == original
    assert window.session.path == copy and not window.session.read_only and not window.banner.isVisible()


def test_a_file_open_in_another_window_is_refused(make_window, messages, tmp_path):
    path = saved_demo(tmp_path / "shared.tutti")
    first = make_window(path)
    assert first.session.path == path
    second = make_window()
    assert not second.open_path(path)
    assert len(messages.shown) == 1 and str(path) in messages.shown[0][1]
    assert second.session.path is None

    first.close()
    assert second.open_path(path)


def test_dropping_files_opens_a_plan_and_imports_json(window, qtbot, tmp_path):
    path = saved_demo(tmp_path / "dropped.tutti")
    plan = demo_plan()
    json_path = tmp_path / "exchange.json"
    json_path.write_text(dumps(plan))

    def drop(file):
        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(str(file))])
        event = QDropEvent(
            QPointF(100, 100), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
        window.dropEvent(event)
        assert event.isAccepted()

    drop(path)
    qtbot.waitUntil(lambda: window.session.path == path)
    drop(json_path)
    qtbot.waitUntil(lambda: window.session.path is None)
    assert window.document.plan.same_as(plan)
    assert window.windowTitle().startswith("exchange — Untitled") and window.isWindowModified()


def test_recent_files_persist_newest_first_and_forget_missing_files(make_window, config_dir, tmp_path):
    paths = [saved_demo(tmp_path / f"plan{n}.tutti") for n in range(MAX_RECENT_FILES + 2)]
    window = make_window()
    for path in paths:
        assert window.open_path(path)
    window.close()
    paths[-2].unlink()

    recent = Settings(config_dir).recent_files()
    assert recent[0] == paths[-1]
    assert paths[-2] not in recent
    assert len(recent) == MAX_RECENT_FILES - 1
    window = make_window()
    window.files.fill_recent_menu(window.recent_menu)
    assert window.recent_menu.actions()[0].text().endswith(paths[-1].name)


def test_the_last_view_and_window_size_come_back(make_window):
    window = make_window()
    assert window.height() == min(800, window.screen().availableGeometry().height())
    window.show_page(3)
    window.resize(window.width(), 700)
    window.close()
    window = make_window()
    assert window.current_page().title == "Skills"
    assert window.height() == 700


def test_export_json_writes_the_plan(window, tmp_path):
    from storage.exchange import read_json_file

    path = tmp_path / "out.json"
    assert window.export_json_to(path)
    assert read_json_file(path).same_as(window.document.plan)
    assert not window.export_json_to(tmp_path / "missing-folder" / "out.json")


def test_analysis_follows_edits(window, qtbot):
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=10000)
    first = window.analysis
    window.document.run(op.add_initiative, Initiative(name="Unaligned work"))
    qtbot.waitUntil(lambda: window.analysis is not first, timeout=10000)
    new = next(k for k, i in window.document.plan.initiatives.items() if i.name == "Unaligned work")
    assert new in window.analysis.unaligned_initiatives
    assert all(page.analysis is window.analysis for page in window.pages)


def test_opening_a_file_shows_its_name_and_a_busy_bar_before_the_plan_is_read(make_window, tmp_path, monkeypatch):
    from desktop.session import Session

    path = saved_demo(tmp_path / "Big plan.tutti")
    seen = []
    original = Session.show_opened

    def show_opened(session, opened):
        window = session.parent()
        seen.append((window.windowTitle(), window.statusBar().currentMessage(), window.progress.isVisible()))
        assert window.opening.isVisible() and not window.stack.isVisible()  # no empty plan passed off as this one
        original(session, opened)

    monkeypatch.setattr(Session, "show_opened", show_opened)
    window = make_window(path)
    assert seen == [("Big plan.tutti — Tutti", "Opening Big plan.tutti…", True)]
    assert window.windowTitle().startswith("Big plan.tutti")
    assert not window.progress.isVisible() and not window.opening.isVisible() and window.stack.isVisible()
    assert window.document.plan.initiatives

"""The Initiatives page as a user works with it: the table, the editor tabs, dependencies and deletes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from views.qt.initiatives_page import CRITICAL, InitiativesPage


def make_page(qtbot, document) -> InitiativesPage:
    page = InitiativesPage(document)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    return page


def current(page):
    return page.document.plan.initiatives[page.current_key()]


def type_into(qtbot, line_edit, text: str) -> None:
    line_edit.setFocus()
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, text)
    qtbot.keyClick(line_edit, Qt.Key.Key_Return)


def test_the_page_shows_every_initiative_with_owner_and_schedule(qtbot, document, analysis):
    page = make_page(qtbot, document)
    page.set_analysis(analysis)
    assert page.proxy.rowCount() == len(document.plan.initiatives)
    first = next(iter(document.plan.initiatives.values()))
    row = page.proxy.index_of(first.id).row()
    assert page.proxy.index(row, 0).data() == first.name
    assert page.proxy.index(row, 1).data() == document.plan.teams[first.owner].name
    assert page.proxy.index(row, 8).data() == analysis.schedule[first.id].finish.isoformat()
    critical = [page.proxy.index(r, 10).data() for r in range(page.proxy.rowCount())]
    assert critical.count(CRITICAL) == sum(s.critical for s in analysis.schedule.values()) > 0
    assert page.count.text() == f"{len(document.plan.initiatives)} initiatives"


def test_typing_a_name_renames_and_undo_restores(qtbot, document):
    page = make_page(qtbot, document)
    before = current(page).name
    type_into(qtbot, page.form.fields["name"].editor, "Launch <b>loyalty</b> & more")
    assert current(page).name == "Launch <b>loyalty</b> & more"
    assert page.proxy.index(page.view.currentIndex().row(), 0).data() == "Launch <b>loyalty</b> & more"
    document.undo_stack.undo()
    assert current(page).name == before
    assert page.form.fields["name"].editor.text() == before


def test_bad_input_is_refused_at_the_field_and_nothing_changes(qtbot, document):
    page = make_page(qtbot, document)
    plan_before = document.plan.copy()
    type_into(qtbot, page.form.fields["name"].editor, " ")
    assert page.form.message.isVisibleTo(page) and "needs a name" in page.form.message.text.text()
    type_into(qtbot, page.form.fields["name"].editor, "x" * 201)
    assert "at most 200" in page.form.message.text.text()
    type_into(qtbot, page.form.fields["effort"].editor, "a lot")
    assert page.form.message.text.text().startswith("Effort")
    type_into(qtbot, page.form.fields["effort"].editor, "-3")
    assert "less than 0" in page.form.message.text.text()
    assert document.plan.same_as(plan_before) and document.undo_stack.count() == 0
    assert page.form.fields["name"].editor.text() == current(page).name


def test_spin_box_date_status_and_effort_each_commit_one_undoable_step(qtbot, document):
    page = make_page(qtbot, document)
    initiative = current(page)
    duration = page.form.fields["duration"].editor
    duration.setFocus()
    qtbot.keyClick(duration, Qt.Key.Key_Up)
    assert current(page).duration == initiative.duration + 1
    start = page.form.fields["start"]
    start.enabled.click()
    assert current(page).start == date.today() if initiative.start is None else current(page).start is None
    type_into(qtbot, page.form.fields["effort"].editor, "12,5")
    assert current(page).effort == 12.5
    status = page.form.fields["status"].editor
    other = "active" if initiative.status == "done" else "done"  # the demo's kick-off is done already
    status.activated.emit(status.findData(other))
    assert current(page).status == other
    assert document.undo_stack.count() == 4
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert current(page) == initiative


def test_goals_roles_and_skills_are_set_in_their_tabs(qtbot, document):
    page = make_page(qtbot, document)
    initiative = current(page)
    page.tabs.setCurrentIndex(1)
    row = next(r for r in range(page.goals.rowCount()) if page.goals.key(r) not in initiative.goals)
    page.goals_view.setCurrentIndex(page.goals_view.model().mapFromSource(page.goals.index(row)))
    qtbot.keyClick(page.goals_view, Qt.Key.Key_Space)
    assert page.goals.key(row) in current(page).goals

    roles_view = page.roles_view
    page.tabs.setCurrentIndex(2)
    team_row = next(r for r in range(page.raci.rowCount()) if page.raci.value(r) == "")
    cell = roles_view.model().mapFromSource(page.raci.index(team_row, 1))
    roles_view.setCurrentIndex(cell)
    roles_view.edit(cell)
    editor = roles_view.findChild(QComboBox)
    editor.setCurrentText("C")
    editor.activated.emit(editor.currentIndex())
    assert any(r.team == page.raci.keys[team_row] and r.role == "C" for r in current(page).raci)
    assert page.raci.index(team_row, 1).data() == "C"

    skill_row = next(r for r in range(page.skills.rowCount()) if page.skills.value(r) == "")
    assert page.skills.setData(page.skills.index(skill_row, 1), "3")
    assert any(n.skill == page.skills.keys[skill_row] and n.level == 3 for n in current(page).skills)
    for _ in range(3):
        document.undo_stack.undo()
    assert current(page) == initiative


def test_dependencies_are_added_with_the_name_picker_and_lag_edited(qtbot, document):
    page = make_page(qtbot, document)
    key = page.current_key()
    other = next(
        k
        for k in document.plan.initiatives
        if k != key and (k, key) not in document.plan.dependencies and (key, k) not in document.plan.dependencies
    )
    page.tabs.setCurrentIndex(4)
    page.other.setCurrentIndex(next(r for r in range(page.others.rowCount()) if page.others.key(r) == other))
    page.other.setEditText(document.plan.initiatives[other].name)
    qtbot.mouseClick(page.tabs.widget(4).findChildren(type(page.delete_button))[0], Qt.MouseButton.LeftButton)
    assert (other, key) in document.plan.dependencies
    row = page.before_model.row_of((other, key))
    assert page.before_model.index(row, 0).data() == document.plan.initiatives[other].name
    assert page.before_model.setData(page.before_model.index(row, 1), "3")
    assert document.plan.dependencies[(other, key)].lag == 3
    assert not page.before_model.setData(page.before_model.index(row, 1), "soon")
    assert document.errors == ["Lag must be a number, like 12 or 2.5."]


def test_deleting_asks_once_with_the_consequences_and_undo_restores(qtbot, document, delete_questions):
    page = make_page(qtbot, document)
    key = next(k for k in document.plan.initiatives if any(k in d for d in document.plan.dependencies))
    page.select("initiatives", key)
    page.delete_selected()
    assert len(delete_questions) == 1 and any("dependenc" in s for s in delete_questions[0])
    assert key not in document.plan.initiatives
    document.undo_stack.undo()
    assert key in document.plan.initiatives and page.proxy.index_of(key).isValid()


def test_add_and_duplicate_give_numbered_names(qtbot, document):
    page = make_page(qtbot, document)
    page.add_item()
    page.add_item()
    assert current(page).name == "New initiative 2"
    assert page.has_selection()
    page.duplicate_selected()
    assert current(page).name == "New initiative 2 (copy)"


def test_filter_box_filters_after_a_pause_and_state_round_trips(qtbot, document):
    page = make_page(qtbot, document)
    page.focus_filter()
    qtbot.keyClicks(page.filter_box, "LOYAL")
    qtbot.waitUntil(lambda: page.proxy.rowCount() < len(document.plan.initiatives), timeout=1000)
    names = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert names and all(
        "loyal" in page.model.search_text(page.model.row_of(page.proxy.key(page.proxy.index(r, 0))))
        for r in range(len(names))
    )
    page.view.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    state = page.state()
    other = make_page(qtbot, document)
    other.restore_state(state)
    assert other.view.horizontalHeader().sortIndicatorSection() == 5
    durations = [int(other.proxy.index(r, 5).data()) for r in range(other.proxy.rowCount())]
    assert durations == sorted(durations, reverse=True)
    other.restore_state({"headers": {"initiatives": 5}, "splitters": "nonsense"})


def test_selecting_a_dependency_or_handoff_from_elsewhere(qtbot, document):
    page = make_page(qtbot, document)
    before, after = next(iter(document.plan.dependencies))
    assert page.select("dependencies", (before, after))
    assert page.current_key() == after and page.tabs.currentIndex() == 4
    handoff = next(h for h in document.plan.handoffs.values() if h.initiative)
    assert page.select("handoffs", handoff.id)
    assert page.current_key() == handoff.initiative and page.handoffs.current_key() == handoff.id
    assert not page.select("teams", next(iter(document.plan.teams)))
    page.select("initiatives", after)
    with qtbot.waitSignal(page.navigate) as jump:
        page.view.setCurrentIndex(page.proxy.index_of(after).siblingAtColumn(1))
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert jump.args == ["teams", document.plan.initiatives[after].owner]

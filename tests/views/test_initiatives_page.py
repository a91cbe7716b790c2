"""The Initiatives page as a user works with it: the table, the editor tabs, dependencies and deletes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from views.qt.initiatives_page import CRITICAL, InitiativesPage


def test_the_page_shows_every_initiative_with_owner_and_schedule(qtbot, document, analysis, pages):
    page = pages.show(InitiativesPage, document)
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


def test_typing_a_name_renames_and_undo_restores(qtbot, document, pages):
    page = pages.show(InitiativesPage, document)
    before = pages.current(page, "initiatives").name
    pages.type_into(page.form.fields["name"].editor, "Launch <b>loyalty</b> & more")
    assert pages.current(page, "initiatives").name == "Launch <b>loyalty</b> & more"
    assert page.proxy.index(page.view.currentIndex().row(), 0).data() == "Launch <b>loyalty</b> & more"
    document.undo_stack.undo()
    assert pages.current(page, "initiatives").name == before
    assert page.form.fields["name"].editor.text() == before


def test_bad_input_is_refused_at_the_field_and_nothing_changes(qtbot, document, pages):
    page = pages.show(InitiativesPage, document)
    plan_before = document.plan.copy()
    pages.type_into(page.form.fields["name"].editor, " ")
    assert page.form.message.isVisibleTo(page) and "needs a name" in page.form.message.text.text()
    pages.type_into(page.form.fields["name"].editor, "x" * 201)
    assert "at most 200" in page.form.message.text.text()
    pages.type_into(page.form.fields["effort"].editor, "a lot")
    assert page.form.message.text.text().startswith("Effort")
    pages.type_into(page.form.fields["effort"].editor, "-3")
    assert "less than 0" in page.form.message.text.text()
    assert document.plan.same_as(plan_before) and document.undo_stack.count() == 0
    assert page.form.fields["name"].editor.text() == pages.current(page, "initiatives").name


def test_spin_box_date_status_and_effort_each_commit_one_undoable_step(qtbot, document, pages):
    page = pages.show(InitiativesPage, document)
    initiative = pages.current(page, "initiatives")
    duration = page.form.fields["duration"].editor
    duration.setFocus()
    qtbot.keyClick(duration, Qt.Key.Key_Up)
    assert pages.current(page, "initiatives").duration == initiative.duration + 1
    start = page.form.fields["start"]
    start.enabled.click()
    assert (
        pages.current(page, "initiatives").start == date.today()
        if initiative.start is None
        else pages.current(page, "initiatives").start is None
    )
    pages.type_into(page.form.fields["effort"].editor, "12,5")
    assert pages.current(page, "initiatives").effort == 12.5
    status = page.form.fields["status"].editor
    status.activated.emit(status.findData("done"))
    assert pages.current(page, "initiatives").status == "done"
    assert document.undo_stack.count() == 4
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert pages.current(page, "initiatives") == initiative


def test_goals_roles_and_skills_are_set_in_their_tabs(qtbot, document, pages):
    page = pages.show(InitiativesPage, document)
    initiative = pages.current(page, "initiatives")
    page.tabs.setCurrentIndex(1)
    row = next(r for r in range(page.goals.rowCount()) if page.goals.key(r) not in initiative.goals)
    page.goals_view.setCurrentIndex(page.goals_view.model().mapFromSource(page.goals.index(row)))
    qtbot.keyClick(page.goals_view, Qt.Key.Key_Space)
    assert page.goals.key(row) in pages.current(page, "initiatives").goals

    roles_view = page.roles_view
    page.tabs.setCurrentIndex(2)
    team_row = next(r for r in range(page.raci.rowCount()) if page.raci.value(r) == "")
    cell = roles_view.model().mapFromSource(page.raci.index(team_row, 1))
    roles_view.setCurrentIndex(cell)
    roles_view.edit(cell)
    editor = roles_view.findChild(QComboBox)
    editor.setCurrentText("C")
    editor.activated.emit(editor.currentIndex())
    assert any(r.team == page.raci.keys[team_row] and r.role == "C" for r in pages.current(page, "initiatives").raci)
    assert page.raci.index(team_row, 1).data() == "C"

    skill_row = next(r for r in range(page.skills.rowCount()) if page.skills.value(r) == "")
    assert page.skills.setData(page.skills.index(skill_row, 1), "3")
    assert any(
        n.skill == page.skills.keys[skill_row] and n.level == 3 for n in pages.current(page, "initiatives").skills
    )
    for _ in range(3):
        document.undo_stack.undo()
    assert pages.current(page, "initiatives") == initiative


def test_dependencies_are_added_with_the_name_picker_and_lag_edited(qtbot, document, pages):
    page = pages.show(InitiativesPage, document)
    key = page.current_key()
    other = next(
        k
        for k in document.plan.initiatives
        if k != key and (k, key) not in document.plan.dependencies and (key, k) not in document.plan.dependencies
    )
    page.tabs.setCurrentIndex(4)
    page.dependencies.other.setCurrentIndex(
        next(r for r in range(page.dependencies.others.rowCount()) if page.dependencies.others.key(r) == other)
    )
    page.dependencies.other.setEditText(document.plan.initiatives[other].name)
    qtbot.mouseClick(page.tabs.widget(4).findChildren(type(page.delete_button))[0], Qt.MouseButton.LeftButton)
    assert (other, key) in document.plan.dependencies
    row = page.dependencies.before_model.row_of((other, key))
    assert page.dependencies.before_model.index(row, 0).data() == document.plan.initiatives[other].name
    assert page.dependencies.before_model.setData(page.dependencies.before_model.index(row, 1), "3")
    assert document.plan.dependencies[(other, key)].lag == 3
    assert not page.dependencies.before_model.setData(page.dependencies.before_model.index(row, 1), "soon")
    assert document.errors == ["Lag must be a number, like 12 or 2.5."]


def test_deleting_asks_once_with_the_consequences_and_undo_restores(qtbot, document, delete_questions, pages):
    page = pages.show(InitiativesPage, document)
    key = next(k for k in document.plan.initiatives if any(k in d for d in document.plan.dependencies))
    page.select("initiatives", key)
    page.delete_selected()
    assert len(delete_questions) == 1 and any("dependenc" in s for s in delete_questions[0])
    assert key not in document.plan.initiatives
    document.undo_stack.undo()
    assert key in document.plan.initiatives and page.proxy.index_of(key).isValid()


def test_add_and_duplicate_give_numbered_names(qtbot, document, pages):
    page = pages.show(InitiativesPage, document)
    page.add_item()
    page.add_item()
    assert pages.current(page, "initiatives").name == "New initiative 2"
    assert page.has_selection()
    page.duplicate_selected()
    assert pages.current(page, "initiatives").name == "New initiative 2 (copy)"


def test_filter_box_filters_after_a_pause_and_state_round_trips(qtbot, document, pages):
    page = pages.show(InitiativesPage, document)
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
    other = pages.show(InitiativesPage, document)
    other.restore_state(state)
    assert other.view.horizontalHeader().sortIndicatorSection() == 5
    durations = [int(other.proxy.index(r, 5).data()) for r in range(other.proxy.rowCount())]
    assert durations == sorted(durations, reverse=True)
    other.restore_state({"headers": {"initiatives": 5}, "splitters": "nonsense"})


def test_selecting_a_dependency_or_handoff_from_elsewhere(qtbot, document, pages):
    page = pages.show(InitiativesPage, document)
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


def test_the_dependency_picker_completes_names_only_while_its_tab_is_shown(qtbot, document, pages):
    page = pages.show(InitiativesPage, document)
    completer = page.dependencies.other.completer()
    assert completer.model() is None
    page.tabs.setCurrentWidget(page.dependencies)
    assert completer.model() is page.dependencies.others
    name = next(i.name for k, i in document.plan.initiatives.items() if k != page.current_key())
    completer.setCompletionPrefix(name[2:9])
    assert name in [completer.completionModel().index(r, 0).data() for r in range(completer.completionCount())]
    page.tabs.setCurrentIndex(0)
    assert completer.model() is None

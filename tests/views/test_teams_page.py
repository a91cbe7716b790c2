"""The Teams page: editing teams in the table and the form, their work, roles and hand-offs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from domain import operations as op
from views.qt.teams_page import TeamsPage


def test_the_page_shows_teams_and_the_first_teams_work(qtbot, document, pages):
    page = pages.show(TeamsPage, document)
    plan = document.plan
    assert [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())] == [
        t.name for t in plan.teams.values()
    ]
    team = pages.current(page, "teams")
    assert page.heading.text() == team.name
    assert page.owned.rowCount() == sum(i.owner == team.id for i in plan.initiatives.values())
    assert page.roles.rowCount() == sum(any(r.team == team.id for r in i.raci) for i in plan.initiatives.values())
    assert page.handoffs.model.rowCount() == sum(team.id in (h.from_team, h.to_team) for h in plan.handoffs.values())
    assert page.tabs.tabText(0) == f"Owns ({page.owned.rowCount()})"


def test_editing_a_name_in_the_table_cell_and_undo(qtbot, document, pages):
    page = pages.show(TeamsPage, document)
    index = page.proxy.index(1, 0)
    page.view.setCurrentIndex(index)
    page.view.edit(index)
    editor = page.view.findChild(QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Field & <i>online</i> sales")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.view.state() != page.view.State.EditingState)  # the delegate commits queued
    assert pages.current(page, "teams").name == "Field & <i>online</i> sales"
    assert page.heading.text() == "Field & <i>online</i> sales"
    assert page.heading.textFormat() == Qt.TextFormat.PlainText
    document.undo_stack.undo()
    assert pages.current(page, "teams").name == "Sales"


def test_form_fields_commit_and_refuse(qtbot, document, pages):
    page = pages.show(TeamsPage, document)
    team = pages.current(page, "teams")
    headcount = page.form.fields["headcount"].editor
    headcount.setFocus()
    headcount.selectAll()
    qtbot.keyClicks(headcount, "42")
    qtbot.keyClick(headcount, Qt.Key.Key_Return)
    assert pages.current(page, "teams").headcount == 42
    color = page.form.fields["color"].editor
    color.setFocus()
    color.selectAll()
    qtbot.keyClicks(color, "red")
    qtbot.keyClick(color, Qt.Key.Key_Return)
    assert "#RRGGBB" in page.form.message.text.text() and pages.current(page, "teams").color == team.color
    assert not page.model.setData(page.proxy.mapToSource(page.proxy.index(0, 2)), "-4")
    assert document.errors == ["Headcount cannot be less than 0."]
    document.undo_stack.undo()
    assert pages.current(page, "teams") == team


def test_new_teams_are_named_new_team_then_new_team_2(qtbot, document, pages):
    page = pages.show(TeamsPage, document)
    page.add_item()
    page.add_item()
    names = [t.name for t in document.plan.teams.values()]
    assert names[-2:] == ["New team", "New team 2"] and pages.current(page, "teams").name == "New team 2"
    assert page.form.fields["name"].editor.selectedText() == "New team 2"


def test_deleting_a_team_asks_once_and_says_what_happens(qtbot, document, delete_questions, pages):
    page = pages.show(TeamsPage, document)
    team = pages.current(page, "teams")
    page.delete_selected()
    assert len(delete_questions) == 1
    assert any("no owner team" in s for s in delete_questions[0])
    assert any("hand-off" in s for s in delete_questions[0])
    assert team.id not in document.plan.teams
    document.undo_stack.undo()
    assert document.plan.teams[team.id] == team and page.proxy.index_of(team.id).row() == 0


def test_handoffs_are_added_edited_and_deleted_from_the_team(qtbot, document, pages):
    page = pages.show(TeamsPage, document)
    team = pages.current(page, "teams")
    page.tabs.setCurrentWidget(page.handoffs)
    count = page.handoffs.model.rowCount()
    page.handoffs.add_button.click()
    key = page.handoffs.current_key()
    handoff = document.plan.handoffs[key]
    assert handoff.from_team == team.id and handoff.to_team != team.id and handoff.what == "New hand-off"
    assert page.handoffs.model.rowCount() == count + 1
    what = page.handoffs.form.fields["what"].editor
    what.setFocus()
    what.selectAll()
    qtbot.keyClicks(what, "Segments")
    qtbot.keyClick(what, Qt.Key.Key_Return)
    assert document.plan.handoffs[key].what == "Segments"
    to_team = page.handoffs.to_team.editor
    to_team.activated.emit(to_team.findData(team.id))
    assert document.plan.handoffs[key].to_team == team.id
    page.handoffs.form.fields["due"].enabled.click()
    assert document.plan.handoffs[key].due is not None
    page.handoffs.delete_button.click()
    assert key not in document.plan.handoffs
    assert page.select("teams", team.id)
    other = next(h for h in document.plan.handoffs.values())
    assert page.select("handoffs", other.id) and page.handoffs.current_key() == other.id


def test_initiatives_of_a_team_jump_to_the_initiatives_page(qtbot, document, pages):
    page = pages.show(TeamsPage, document)
    view = page.owned_view
    first = view.model().index(0, 0)
    view.setCurrentIndex(first)
    with qtbot.waitSignal(page.navigate) as jump:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert jump.args[0] == "initiatives" and document.plan.initiatives[jump.args[1]].owner == page.current_key()
    document.run(op.update_team, page.current_key(), name="Brand new")
    assert page.heading.text() == "Brand new"

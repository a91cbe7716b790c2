"""The Goals page: the goal tree, the SMART form and the initiatives serving the selected goal."""

from __future__ import annotations

from domain import operations as op
from views.qt.goals_page import GoalsPage


def test_objectives_sit_under_their_goals(qtbot, document, pages):
    page = pages.show(GoalsPage, document)
    plan = document.plan
    roots = [g for g in plan.goals.values() if g.parent is None]
    assert page.proxy.rowCount() == len(roots)
    first = page.proxy.index(0, 0)
    assert first.data() == roots[0].name
    children = [page.proxy.index(r, 0, first).data() for r in range(page.proxy.rowCount(first))]
    assert children == [g.name for g in plan.goals.values() if g.parent == roots[0].id]


def test_smart_fields_are_edited_in_the_form_and_undone(qtbot, document, pages):
    page = pages.show(GoalsPage, document)
    goal = pages.current(page, "goals")
    pages.type_into(page.form.fields["target"].editor, "12.5")
    pages.type_into(page.form.fields["unit"].editor, "%")
    pages.type_into(page.form.fields["baseline"].editor, "ten")
    assert "number" in page.form.message.text.text()
    assert (
        pages.current(page, "goals").target == 12.5
        and pages.current(page, "goals").unit == "%"
        and pages.current(page, "goals").baseline == goal.baseline
    )
    page.form.fields["deadline"].enabled.click()
    assert (pages.current(page, "goals").deadline is None) != (goal.deadline is None)
    for _ in range(3):
        document.undo_stack.undo()
    assert pages.current(page, "goals") == goal


def test_moving_a_goal_under_another_reshapes_the_tree(qtbot, document, pages):
    page = pages.show(GoalsPage, document)
    goal = pages.current(page, "goals")
    parent = page.parent_goal.editor
    labels = [parent.itemText(n) for n in range(parent.count())]
    assert goal.name not in labels
    other = next(g for g in document.plan.goals.values() if g.parent is None and g.id != goal.id)
    parent.activated.emit(parent.findData(other.id))
    assert pages.current(page, "goals").parent == other.id and page.current_key() == goal.id
    assert page.proxy.rowCount() == sum(g.parent is None for g in document.plan.goals.values())
    document.undo_stack.undo()
    assert pages.current(page, "goals").parent is None


def test_serving_initiatives_show_their_finish_and_lateness(qtbot, document, analysis, pages):
    page = pages.show(GoalsPage, document)
    page.set_analysis(analysis)
    late = analysis.late_goals[0]
    page.select("goals", late)
    serving = [i for i in document.plan.initiatives.values() if late in i.goals]
    assert page.serving.rowCount() == len(serving)
    marks = [page.serving.index(r, 3).data() for r in range(page.serving.rowCount())]
    assert "⚠ after deadline" in marks
    assert "after the deadline" in page.summary.text()


def test_add_objective_filter_and_delete(qtbot, document, delete_questions, pages):
    page = pages.show(GoalsPage, document)
    parent = page.current_key()
    page.add_objective()
    objective = pages.current(page, "goals")
    assert objective.name == "New objective" and objective.parent == parent
    pages.type_into(page.form.fields["name"].editor, "<i>Zorblax</i> & keep")
    assert pages.current(page, "goals").name == "<i>Zorblax</i> & keep"
    page._filter("ZORBLAX")
    assert (
        page.proxy.rowCount() == 1 and page.proxy.index(0, 0, page.proxy.index(0, 0)).data() == "<i>Zorblax</i> & keep"
    )
    page._filter("")
    page.select("goals", parent)
    page.delete_selected()
    assert any("move up" in s for s in delete_questions[0])
    assert document.plan.goals[objective.id].parent is None
    document.run(op.update_goal, objective.id, name="Renamed")
    assert page.select("goals", objective.id) and page.form.fields["name"].editor.text() == "Renamed"

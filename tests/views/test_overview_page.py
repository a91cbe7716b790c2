"""The Overview page: the project form, counts, span and one list of problems that jump to their entity."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from domain import operations as op
from domain.analysis.wording import describe
from views.qt.overview_page import OverviewPage


def make_page(qtbot, document) -> OverviewPage:
    page = OverviewPage(document)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    return page


def messages(page) -> list[str]:
    return [page.proxy.index(r, 1).data() for r in range(page.proxy.rowCount())]


def test_project_counts_and_span(qtbot, document, analysis):
    page = make_page(qtbot, document)
    assert page.form.fields["name"].editor.text() == document.plan.project.name
    assert page.counts["initiatives"].text() == str(len(document.plan.initiatives))
    page.set_analysis(analysis)
    assert str(analysis.finish) in page.span.text()


def test_editing_the_project_and_undo(qtbot, document):
    page = make_page(qtbot, document)
    project = document.plan.project
    name = page.form.fields["name"].editor
    name.selectAll()
    qtbot.keyClicks(name, "Q1 <script>")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert document.plan.project.name == "Q1 <script>"
    start = page.form.fields["start"].editor
    start.setDate(date(2027, 2, 1))
    assert document.plan.project.start == date(2027, 2, 1)
    name.selectAll()
    qtbot.keyClicks(name, "  ")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert "needs a name" in page.form.message.text.text() and document.plan.project.name == "Q1 <script>"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.plan.project == project


def test_problems_and_findings_in_one_list_that_jumps_to_the_entity(qtbot, document, analysis):
    page = make_page(qtbot, document)
    team = next(iter(document.plan.teams))
    document.run(op.update_team, team, name="")
    qtbot.waitUntil(lambda: any("needs a name" in m for m in messages(page)), timeout=2000)
    page.set_analysis(analysis)
    assert all(describe(f, document.plan) in messages(page) for f in analysis.findings if not f.also_in_validation)
    unaligned = [m for m in messages(page) if m.endswith(("serves no goal.", "serves no goal"))]
    assert len(unaligned) == len(set(analysis.unaligned_initiatives)), "each problem is listed once"
    assert page.proxy.index(0, 0).data() == "Error"
    row = messages(page).index("A team needs a name.")
    page.view.setCurrentIndex(page.proxy.index(row, 1))
    with qtbot.waitSignal(page.navigate) as jump:
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert jump.args == ["teams", team]
    page.proxy.setFilterFixedString("NEEDS A NAME")
    assert messages(page) == ["A team needs a name."]
    assert page.proxy.index(0, 1).data(Qt.ItemDataRole.ToolTipRole).startswith("<p")


def test_the_calendar_editor_edits_workdays_country_and_closed_days_with_undo(qtbot, document):
    from domain.entities import WorkCalendar

    page = make_page(qtbot, document)
    field = page.calendar
    demo = document.plan.project.calendar
    assert [tick.isChecked() for tick in field.workdays] == [True] * 5 + [False] * 2
    assert field.country.currentData() == "DE" and field.closed.count() == len(demo.closed) == 6

    field.workdays[5].setChecked(True)  # Saturdays too
    assert document.plan.project.calendar.workdays == (0, 1, 2, 3, 4, 5)
    field.country.populate()
    austria = field.country.findData("AT")
    assert field.country.itemText(austria) == "Austria (AT)"
    field.country.setCurrentIndex(austria)
    field.country.activated.emit(austria)
    assert document.plan.project.calendar.country == "AT"
    field.region.populate()
    vienna = field.region.findData("9")
    field.region.setCurrentIndex(vienna)
    field.region.activated.emit(vienna)
    assert document.plan.project.calendar.subdivision == "9"

    field.closed_day.setDate(date(2027, 8, 16))
    field.add_closed.click()
    assert date(2027, 8, 16) in document.plan.project.calendar.closed
    field.closed.setCurrentRow(0)  # 2027-08-16 sorts first
    field.remove_closed.click()
    assert document.plan.project.calendar.closed == demo.closed

    for _ in range(5):
        document.undo_stack.undo()
    assert document.plan.project.calendar == demo

    document.run(op.set_project, calendar=WorkCalendar(workdays=(0, 1, 2, 3, 4)))
    for tick in field.workdays:
        tick.setChecked(False)
    assert document.plan.project.calendar == WorkCalendar(workdays=())
    qtbot.waitUntil(lambda: any("no working weekday" in m for m in messages(page)), timeout=2000)
    for tick in field.workdays[:5]:
        tick.setChecked(True)
    assert document.plan.project.calendar is None  # plain Monday to Friday is no calendar at all

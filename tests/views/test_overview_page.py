"""The Overview page: the project form, counts, span and one list of problems that jump to their entity."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from domain import operations as op
from domain.analysis.wording import describe
from views.qt.overview_page import OverviewPage


def messages(page) -> list[str]:
    return [page.proxy.index(r, 1).data() for r in range(page.proxy.rowCount())]


def test_project_counts_and_span(qtbot, document, analysis, pages):
    page = pages.show(OverviewPage, document)
    assert page.form.fields["name"].editor.text() == document.plan.project.name
    assert page.counts["initiatives"].text() == str(len(document.plan.initiatives))
    page.set_analysis(analysis)
    assert str(analysis.finish) in page.span.text()


def test_editing_the_project_and_undo(qtbot, document, pages):
    page = pages.show(OverviewPage, document)
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


def test_problems_and_findings_in_one_list_that_jumps_to_the_entity(qtbot, document, analysis, pages):
    page = pages.show(OverviewPage, document)
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

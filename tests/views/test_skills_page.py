"""The Skills page: the skill list and the teams × skills matrix edited from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from views.qt.skill_matrix import GAP_ROLE, HEAT
from views.qt.skills_page import SkillsPage


def contrast(first: QColor, second: QColor) -> float:
    def luminance(color: QColor) -> float:
        channels = [c / 255 for c in (color.red(), color.green(), color.blue())]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_levels_show_as_numbers_on_readable_colours(qtbot, document, pages):
    page = pages.show(SkillsPage, document)
    matrix = page.matrix
    (team, skill), entry = next(iter(document.plan.team_skills.items()))
    cell = matrix.index(matrix.teams.index(team), matrix.skills.index(skill))
    assert cell.data() == str(entry.level)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == HEAT[entry.level][0]
    assert all(contrast(background, text) >= 4.5 for background, text in HEAT)


def test_typing_digits_plus_minus_and_delete_sets_levels_with_undo(qtbot, document, pages):
    page = pages.show(SkillsPage, document)
    matrix, view = page.matrix, page.matrix_view
    cell = next(
        matrix.index(r, c)
        for r in range(matrix.rowCount())
        for c in range(matrix.columnCount())
        if matrix.level(matrix.index(r, c)) is None
    )
    key = matrix.cell_key(cell)
    view.setCurrentIndex(cell)
    qtbot.keyClicks(view, "3")
    assert document.plan.team_skills[key].level == 3 and cell.data() == "3"
    qtbot.keyClicks(view, "+")
    qtbot.keyClicks(view, "+")
    assert document.plan.team_skills[key].level == 4
    qtbot.keyClicks(view, "-")
    assert document.plan.team_skills[key].level == 3
    qtbot.keyClicks(view, "7")
    assert document.plan.team_skills[key].level == 3
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert key not in document.plan.team_skills and cell.data() == ""
    document.undo_stack.undo()
    assert document.plan.team_skills[key].level == 3
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert key not in document.plan.team_skills


def test_gaps_from_the_analysis_are_marked_on_the_teams_cells(qtbot, document, analysis, pages):
    page = pages.show(SkillsPage, document)
    page.set_analysis(analysis)
    gap = analysis.skill_gaps[0]
    matrix = page.matrix
    cell = matrix.index(matrix.teams.index(gap.teams[0]), matrix.skills.index(gap.skill))
    assert cell.data(GAP_ROLE)
    assert "Gap:" in cell.data(Qt.ItemDataRole.ToolTipRole)
    marked = sum(
        bool(matrix.index(r, c).data(GAP_ROLE)) for r in range(matrix.rowCount()) for c in range(matrix.columnCount())
    )
    assert marked == len({(t, g.skill) for g in analysis.skill_gaps for t in g.teams})
    assert "skill gap" in page.gap_count.text()
    page.set_analysis(None)
    assert not cell.data(GAP_ROLE)


def test_skills_are_added_renamed_filtered_and_deleted(qtbot, document, delete_questions, pages):
    page = pages.show(SkillsPage, document)
    columns = page.matrix.columnCount()
    page.add_item()
    skill = document.plan.skills[page.current_key()]
    assert skill.name == "New skill" and page.matrix.columnCount() == columns + 1
    assert page.model.setData(page.proxy.mapToSource(page.view.currentIndex()), "Prompt <b>craft</b>")
    assert page.matrix.headerData(columns, Qt.Orientation.Horizontal) == "Prompt <b>craft</b>"
    page.proxy.set_filter_text("")
    page._filter("craft")
    assert page.proxy.rowCount() == 1
    assert sum(not page.matrix_view.isColumnHidden(c) for c in range(page.matrix.columnCount())) == 1
    page._filter("")
    used = next(k for k in document.plan.skills if any(k == key[1] for key in document.plan.team_skills))
    page.select("skills", used)
    page.delete_selected()
    assert used not in document.plan.skills and "skill level" in delete_questions[0][0]
    assert page.select("team_skills", next(iter(document.plan.team_skills)))

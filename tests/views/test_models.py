"""The table, tree and matrix models: Qt's model rules, precise updates, literal text, speed on 5,000 rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from domain import operations as op
from domain.entities import Team
from views.qt.assignments import GoalChecklist, raci_roles, skill_needs
from views.qt.forms import new_name
from views.qt.goal_tree import GoalTreeModel
from views.qt.initiatives_page import COLUMNS, InitiativesPage
from views.qt.models import EntityTableModel, FilterProxy
from views.qt.overview_page import IssuesModel
from views.qt.skill_matrix import SkillMatrixModel
from views.qt.teams_page import TEAM_COLUMNS

MARKUP = "<b>R&D</b> <img src=file:///etc/passwd>"


def shown_as(tooltip: str) -> str:
    """What a user reads in a tooltip: Qt renders it as rich text."""
    text = QTextDocument()
    text.setHtml(tooltip)
    return text.toPlainText()


def test_every_model_follows_qt_rules(qtmodeltester, document, analysis, qtbot):
    initiatives = EntityTableModel(
        document, "initiatives", COLUMNS, update=op.update_initiative, uses={"teams": lambda i: (i.owner,)}
    )
    initiatives.set_analysis(analysis)
    initiatives.sort(8, Qt.SortOrder.DescendingOrder)
    proxy = FilterProxy(initiatives)
    proxy.set_filter_text("data")
    first = next(iter(document.plan.initiatives))
    checklist, roles, needs = GoalChecklist(document), raci_roles(document), skill_needs(document)
    for model in (checklist, roles, needs):
        model.set_initiative(first)
    matrix = SkillMatrixModel(document)
    matrix.set_analysis(analysis)
    issues = IssuesModel(QApplication.style())
    issues.set_findings(analysis.findings, document.plan)
    for model in (initiatives, proxy, GoalTreeModel(document), checklist, roles, needs, matrix, issues):
        qtmodeltester.check(model, force_py=True)
    assert 0 < proxy.rowCount() < initiatives.rowCount()


def test_renaming_a_team_changes_just_its_row_and_undo_puts_it_back(document):
    model = EntityTableModel(document, "teams", TEAM_COLUMNS, update=op.update_team)
    changed, resets = [], []
    model.dataChanged.connect(lambda top, bottom: changed.append((top.row(), bottom.row())))
    model.modelReset.connect(lambda: resets.append(True))
    sales = model.key(1)
    assert model.setData(model.index(1, 0), "Field sales")
    assert document.plan.teams[sales].name == "Field sales"
    assert changed == [(1, 1)] and not resets
    document.undo_stack.undo()
    assert model.index(1, 0).data() == "Sales"


def test_renaming_a_team_repaints_just_the_initiatives_it_owns(document):
    model = EntityTableModel(document, "initiatives", COLUMNS, uses={"teams": lambda i: (i.owner,)})
    team = next(iter(document.plan.teams))
    owned = sorted(model.row_of(i.id) for i in document.plan.initiatives.values() if i.owner == team)
    changed, resets = [], []
    model.dataChanged.connect(lambda top, bottom: changed.extend(range(top.row(), bottom.row() + 1)))
    model.modelReset.connect(lambda: resets.append(True))
    document.run(op.update_team, team, name="Renamed team")
    assert owned and sorted(changed) == owned and not resets
    assert model.index(owned[0], 1).data() == "Renamed team"


def test_adding_and_deleting_insert_and_remove_rows_without_a_reset(document):
    model = EntityTableModel(document, "teams", TEAM_COLUMNS)
    inserted, removed, resets = [], [], []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append(first))
    model.rowsRemoved.connect(lambda parent, first, last: removed.append(first))
    model.modelReset.connect(lambda: resets.append(True))
    team = Team(name="Pricing")
    document.run(op.add_team, team)
    assert inserted == [10] and model.index(10, 0).data() == "Pricing"
    document.run(op.delete_team, model.key(2))
    document.undo_stack.undo()
    assert removed == [2] and inserted == [10, 2] and not resets


def test_sorting_keeps_rows_on_their_entities_and_follows_edits(document):
    model = EntityTableModel(document, "teams", TEAM_COLUMNS, update=op.update_team)
    model.sort(0)
    names = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert names == sorted(names, key=str.casefold)
    first = model.key(0)
    model.setData(model.index(0, 0), "Zebra unit")
    assert model.key(model.rowCount() - 1) == first


def test_markup_in_names_is_shown_literally_in_cells_headers_and_tooltips(document):
    team = next(iter(document.plan.teams.values()))
    document.run(op.update_team, team.id, name=MARKUP)
    skill = next(iter(document.plan.skills.values()))
    document.run(op.update_skill, skill.id, name=MARKUP)
    model = EntityTableModel(document, "teams", TEAM_COLUMNS)
    assert model.index(0, 0).data() == MARKUP
    assert shown_as(model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)) == MARKUP
    matrix = SkillMatrixModel(document)
    assert matrix.headerData(0, Qt.Orientation.Horizontal) == MARKUP
    assert shown_as(matrix.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)) == MARKUP
    assert shown_as(matrix.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)).startswith(f"{MARKUP} — {MARKUP}")


def test_new_names_are_numbered_when_taken():
    assert new_name("New team", ["Sales"]) == "New team"
    assert new_name("New team", ["new team", "New team 2"]) == "New team 3"


def test_each_keystroke_filters_5000_initiatives_to_the_matching_ones(large_document, qtbot):
    """How fast: the benchmark's "filter keystroke" figure (tests/bench/run.py)."""
    page = InitiativesPage(large_document)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    assert page.proxy.rowCount() == 5000
    page.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(page.model.search_ready, timeout=5000)
    for text in ("p", "pi", "pil", "pilo", "pilot", "pilot ", "pil", ""):
        page.proxy.set_filter_text(text)
        qtbot.wait(0)
        shown = [page.proxy.index(row, 0).data().casefold() for row in range(min(page.proxy.rowCount(), 50))]
        assert all(
            text.strip() in name
            or text.strip() in page.model.search_text(page.model.row_of(page.proxy.key(page.proxy.index(n, 0))))
            for n, name in enumerate(shown)
        )
    assert page.proxy.rowCount() == 5000


def test_sorting_5000_initiatives_by_name_and_duration(large_document, qtbot):
    """How fast: the benchmark's "sort initiatives by duration" figure (tests/bench/run.py)."""
    page = InitiativesPage(large_document)
    qtbot.addWidget(page)
    page.view.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    durations = [int(page.proxy.index(row, 5).data()) for row in range(page.proxy.rowCount())]
    assert durations == sorted(durations, reverse=True)
    page.proxy.set_filter_text("pilot")
    page.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [page.proxy.index(row, 0).data().casefold() for row in range(page.proxy.rowCount())]
    assert names == sorted(names) and all("pilot" in name for name in names)
    key = page.proxy.key(page.proxy.index(3, 0))
    large_document.run(op.update_initiative, key, name="Aaa pilot")
    assert page.proxy.index(0, 0).data() == "Aaa pilot" and page.proxy.key(page.proxy.index(0, 0)) == key

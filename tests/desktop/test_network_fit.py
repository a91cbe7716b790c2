"""The team network opens fitted to the window with every team's name readable, in both colour choices."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from domain.entities import Team
from storage.demo import demo_plan
from storage.project_file import save_plan
from tests.desktop.test_network_in_window import network_page


def clear_of_the_legend(page) -> None:
    """Every node of the picture is drawn in view and none under the legend in the corner."""
    canvas, scene = page.canvas, page.scene
    in_view = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    assert in_view.contains(scene.itemsBoundingRect())
    legend = QRect(page.legend.pos() - canvas.viewport().pos(), page.legend.size())
    for key, item in scene.nodes.items():
        drawn = canvas.mapFromScene(item.sceneBoundingRect()).boundingRect()
        assert not drawn.intersects(legend), scene.names[key]


@pytest.mark.parametrize("size", [(1366, 768), (1024, 700)])
def test_the_demo_opens_with_every_team_named_and_in_view_by_department_and_by_team_colour(make_window, qtbot, size):
    window = make_window()
    window.resize(*size)
    page = network_page(window, qtbot)
    for colours in ("department", "team"):
        if colours == "team":
            page.colours.setCurrentIndex(page.colours.findData("team"))
            page.colours.activated.emit(page.colours.currentIndex())
            qtbot.waitUntil(lambda: not page.scene.departments, timeout=10000)
        else:
            assert page.colours.currentData() == "department"  # the demo has departments: the default
            assert page.scene.departments
        canvas, scene = page.canvas, page.scene
        assert len(scene.nodes) == len(window.document.plan.teams)
        assert scene.details, f"names hidden at scale {canvas.scale_factor():.2f} ({colours})"
        assert all(label.isVisible() for label in scene.labels)
        assert all(item.name for item in scene.nodes.values())
        clear_of_the_legend(page)


def test_a_plan_of_many_departments_opens_on_their_overview_clear_of_its_long_legend(make_window, qtbot, tmp_path):
    plan = demo_plan()
    for number in range(60):
        plan.add(Team(name=f"Team {number}", headcount=5, department=f"Department {number % 12}"))
    save_plan(plan, tmp_path / "many.tutti")
    window = make_window(tmp_path / "many.tutti")
    window.resize(1366, 768)
    page = network_page(window, qtbot)
    departments = {team.department for team in plan.teams.values()}
    assert len(page.scene.nodes) == len(departments) == 16  # the overview: a disc per department (12 + the demo's 4)
    clear_of_the_legend(page)

"""The team network in the main window shows the organisation: declared relations by mode, departments, E-I."""

from __future__ import annotations

import math
from datetime import timedelta

from PySide6.QtCore import QPointF, Qt

from domain import operations
from domain.entities import Relation
from tests.desktop.test_network_in_window import network_page, team_named
from views.qt.network_scene import NO_DEPARTMENT, department_colors, lighter, team_colors


def legend_texts(page) -> list[str]:
    return [entry.text for entry in page.scene.legend]


def test_each_declared_mode_has_its_own_shape_and_legend_entry_and_ended_ones_are_left_out(window, qtbot):
    page = network_page(window, qtbot)
    assert any(text.startswith("Collaboration") for text in legend_texts(page))
    assert not any(text.startswith("Facilitating") for text in legend_texts(page))  # the demo declares none

    plan, today = window.document.plan, window.analysis.start
    facilitating = Relation(
        a=team_named(window, "Legal & Compliance"), b=team_named(window, "Sales"), mode="facilitating"
    )
    ended = Relation(a=team_named(window, "Content"), b=team_named(window, "Sales"), until=today - timedelta(days=1))
    assert window.document.run(operations.add_relation, facilitating)
    assert window.document.run(operations.add_relation, ended)
    qtbot.waitUntil(lambda: facilitating.id in page.scene.relations, timeout=10000)

    texts = legend_texts(page)
    for mode in ("Collaboration", "X-as-a-service", "Facilitating"):
        assert sum(text.startswith(mode) for text in texts) == 1
    assert "1 ended relation not drawn" in texts
    assert ended.id not in page.scene.relations

    drawn = {plan.relations[key].mode: item for key, item in page.scene.relations.items()}
    looks = {
        mode: (item.pen().style(), item.brush().style(), item.brush().color().name(), item.path().elementCount())
        for mode, item in drawn.items()
    }
    assert set(looks) == {"collaboration", "x-as-a-service", "facilitating"}
    assert len(set(looks.values())) == 3, looks  # no two modes look alike, even in grey
    assert looks["facilitating"][0] == Qt.PenStyle.DashLine

    # x-as-a-service points from the providing team (a) to the one it serves (b): pointed at b's end, square at a's
    service = next(r for r in plan.relations.values() if r.mode == "x-as-a-service")
    start, end = page.scene.nodes[service.a].pos(), page.scene.nodes[service.b].pos()
    along = (end - start) / (end - start).manhattanLength()

    def across(point):  # distance from the line through the two teams' centres
        offset = point - start
        return abs(offset.x() * along.y() - offset.y() * along.x()) / math.hypot(along.x(), along.y())

    corners = sorted(drawn["x-as-a-service"].path().toFillPolygon(), key=lambda p: QPointF.dotProduct(p, along))
    assert across(corners[-1]) < 0.5  # the tip, at the served team
    assert across(corners[0]) > 5  # a square end at the provider


def test_teams_are_coloured_and_ringed_by_department_and_the_choice_switches_to_team_colours(window, qtbot):
    page = network_page(window, qtbot)
    plan = window.document.plan
    assert page.colours.currentData() == "department"  # the demo has departments: the default
    departments = department_colors(plan)
    for key, item in page.scene.nodes.items():
        wanted = departments.get(plan.teams[key].department.strip(), NO_DEPARTMENT)
        assert item.fill == lighter(wanted, 0.45)
    assert set(page.scene.departments) == {t.department.strip() for t in plan.teams.values()}
    assert any(text.startswith("Head Office · E-I") for text in legend_texts(page))

    page.colours.setCurrentIndex(page.colours.findData("team"))
    page.colours.activated.emit(page.colours.currentIndex())
    qtbot.waitUntil(lambda: not page.scene.departments, timeout=10000)
    own = team_colors(plan)
    assert all(item.fill == lighter(own[key], 0.45) for key, item in page.scene.nodes.items())
    assert page.state()["colours"] == "team"


def test_a_department_keeps_its_teams_together(window, qtbot):
    page = network_page(window, qtbot)
    plan = window.document.plan
    for name, ring in page.scene.departments.items():
        inside = [key for key in page.scene.nodes if plan.teams[key].department.strip() == name]
        for key, item in page.scene.nodes.items():
            assert ring.contains(ring.mapFromScene(item.pos())) == (key in inside), (name, plan.teams[key].name)


def test_selecting_a_team_shows_its_e_i_index_and_its_departments(window, qtbot, pages):
    page = network_page(window, qtbot)
    key = team_named(window, "Marketing")
    page.canvas.centerOn(page.scene.nodes[key])
    qtbot.mouseClick(page.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pages.centre_of(page, key))
    network = window.analysis.network
    text = page.details.ties.text()
    assert page.details.ties.isVisible()
    assert "Department: Head Office" in text
    assert f"{network.ei_index[key]:+.2f}".replace("-", "\u2212") in text
    assert f"{network.departments['Head Office'].ei_index:+.2f}".replace("-", "\u2212") in text
    assert "works mostly inside itself" in text  # Head Office is below -0.5 in the demo


def test_the_relations_tab_says_which_team_provides_a_service(window, qtbot):
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=10000)
    for team, reading in (("IT", "x-as-a-service: provides"), ("E-commerce", "x-as-a-service: uses")):
        assert window.navigate("teams", team_named(window, team))
        panel = window.current_page().relations
        modes = [panel.proxy.index(row, 1).data() for row in range(panel.proxy.rowCount())]
        assert reading in modes


def test_a_large_plan_by_department_shows_one_disc_per_department_with_its_e_i(make_window, qtbot, pages, monkeypatch):
    from views.qt import community_network

    monkeypatch.setattr(community_network, "AGGREGATE_ABOVE", 4)  # the demo's 10 teams count as many
    window = make_window()
    page = network_page(window, qtbot)
    departments = window.analysis.network.departments
    assert len(page.scene.nodes) == len(departments)  # every demo team has a department
    names = list(page.scene.names.values())
    assert names[0] == "Head Office · E-I \u22120.53"
    assert "Head Office · E-I \u22120.53 · works mostly inside itself" in legend_texts(page)
    first = next(iter(page.scene.nodes))
    page.canvas.centerOn(page.scene.nodes[first])
    qtbot.mouseDClick(page.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pages.centre_of(page, first))
    qtbot.waitUntil(lambda: set(page.scene.nodes) == set(departments["Head Office"].teams), timeout=10000)
    assert list(page.scene.departments) == ["Head Office"]


def test_a_selected_team_lists_its_declared_relations_and_which_end_provides(window, qtbot):
    page = network_page(window, qtbot)
    assert page.select("teams", team_named(window, "IT"))
    group = page.details.tree.topLevelItem(2)
    assert group.text(0) == "Declared relations (1)"
    assert [group.child(0).text(n) for n in range(3)] == ["x-as-a-service: provides to", "E-commerce", "open-ended"]

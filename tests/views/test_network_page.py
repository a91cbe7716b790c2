"""The Network page: teams and hand-offs, initiatives and dependencies, as a picture to explore and export."""

import html
from datetime import date
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from desktop.document import Document
from domain.analysis.engine import analyze
from domain.entities import Dependency, Handoff, Initiative, Project, Team
from domain.plan import Plan
from storage.demo import demo_plan
from views.qt.dependency_network import build_initiative_scene
from views.qt.network_canvas import READABLE_SCALE
from views.qt.network_page import NetworkPage
from views.qt.network_scene import CRITICAL


def small_plan() -> Plan:
    """Four teams (one a silo, one with markup in its name), hand-offs, and a chain with a side branch."""
    plan = Plan(project=Project(name="Test", start=date(2027, 1, 4)))
    for key, name, headcount in (
        ("design", "Design", 4),
        ("build", "Build", 9),
        ("alone", "Archive", 2),
        ("odd", "<b>&Co", 3),
    ):
        plan.add(Team(id=key, name=name, headcount=headcount))
    for key, name, owner, duration in (
        ("brief", "Write the brief", "design", 5),
        ("make", "Make the thing", "build", 20),
        ("extra", "Side quest", "odd", 2),
        ("launch", "Launch", "build", 0),
    ):
        plan.add(Initiative(id=key, name=name, owner=owner, duration=duration))
    for before, after in (("brief", "make"), ("make", "launch"), ("brief", "extra")):
        plan.add(Dependency(before=before, after=after))
    for key, source, target, what in (
        ("h1", "design", "build", "Mock-ups <i>v2</i>"),
        ("h2", "build", "design", "Prototype"),
        ("h3", "design", "odd", "Copy deck"),
    ):
        plan.add(Handoff(id=key, from_team=source, to_team=target, initiative="brief", what=what, due=date(2027, 2, 1)))
    return plan


@pytest.fixture
def page(qtbot):
    plan = small_plan()
    network = NetworkPage(Document(plan))
    qtbot.addWidget(network)
    network.resize(1280, 800)
    network.show()
    network.set_analysis(analyze(plan))
    network.show_teams()
    return network


def test_every_team_and_every_hand_off_is_drawn_and_the_silo_is_marked(page):
    assert set(page.scene.nodes) == {"design", "build", "alone", "odd"}
    tips = [item.toolTip() for item in page.scene.items()]
    for what in ("Mock-ups <i>v2</i>", "Prototype", "Copy deck"):
        assert any(html.escape(what) in tip for tip in tips)
    assert not any("<i>v2" in tip for tip in tips)
    assert page.scene.nodes["alone"].tag == "silo"
    assert page.scene.nodes["design"].tag != "silo"


def test_clicking_a_team_selects_it_and_lists_its_hand_offs_in_place(page, qtbot, pages):
    with qtbot.assertNotEmitted(page.navigate), qtbot.waitSignal(page.selection_changed):
        qtbot.mouseClick(page.canvas.viewport(), Qt.LeftButton, pos=pages.centre_of(page, "design"))
    assert page.selected() == "design"
    listed = [
        page.details.tree.topLevelItem(g).child(c).text(0)
        for g in range(page.details.tree.topLevelItemCount())
        for c in range(page.details.tree.topLevelItem(g).childCount())
    ]
    assert sorted(listed) == ["Copy deck", "Mock-ups <i>v2</i>", "Prototype"]


def test_double_clicking_a_node_or_enter_asks_to_edit_it(page, qtbot, pages):
    with qtbot.waitSignal(page.navigate) as edit:
        qtbot.mouseDClick(page.canvas.viewport(), Qt.LeftButton, pos=pages.centre_of(page, "build"))
    assert edit.args == ["teams", "build"]
    page.select("teams", "design")
    with qtbot.waitSignal(page.navigate) as edit:
        qtbot.keyClick(page.canvas, Qt.Key_Return)
    assert edit.args == ["teams", "design"]


def test_select_centres_the_node_without_announcing_it(page, qtbot, pages):
    page.canvas.set_zoom(2.0)
    with qtbot.assertNotEmitted(page.navigate):
        assert page.select("teams", "odd")
    middle = page.canvas.viewport().rect().center()
    assert (pages.centre_of(page, "odd") - middle).manhattanLength() < 20
    assert not page.select("teams", "no-such-team")
    assert not page.select("initiatives", "brief")


def test_search_finds_a_node_by_part_of_its_name(page, qtbot):
    with qtbot.assertNotEmitted(page.navigate):
        qtbot.keyClicks(page.filter_box, "arch")
    assert page.selected() == "alone"


def test_critical_path_is_drawn_prominently_and_milestones_differ(page):
    page.show_initiatives()
    analysis = page.analysis
    assert set(page.scene.nodes) == set(page.document.plan.initiatives)
    assert analysis.critical_path
    for key, box in page.scene.nodes.items():
        assert (box.pen().color() == CRITICAL) == (key in analysis.critical_path)
    assert page.scene.nodes["launch"].path() != page.scene.nodes["make"].path()


def test_filters_and_what_leads_to_the_selection(page):
    page.show_initiatives()
    page.filters.team_filter.setCurrentIndex(page.filters.team_filter.findData("build"))
    page._filters_changed()
    assert set(page.scene.nodes) == {"make", "launch"}
    page.filters.team_filter.setCurrentIndex(0)
    page.select("initiatives", "make")
    page.filters.reach.setCurrentIndex(page.filters.reach.findData("ancestors"))
    page._filters_changed()
    assert set(page.scene.nodes) == {"brief", "make"}


def test_export_writes_a_png_and_an_svg_with_team_names_as_text(page, tmp_path):
    assert page.export_png(str(tmp_path / "network.png"))
    image = QImage(str(tmp_path / "network.png"))
    assert not image.isNull() and image.width() > 100
    assert page.export_svg(str(tmp_path / "network.svg"))
    svg = (tmp_path / "network.svg").read_text(encoding="utf-8")
    texts = {
        "".join(e.itertext()).strip() for e in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")
    }
    assert {"Design", "Build", "Archive", "<b>&Co"} <= texts


def test_state_round_trips_graph_and_zoom(page, qtbot):
    page.show_initiatives()
    page.canvas.set_zoom(0.8)
    saved = page.state()
    other = NetworkPage(Document(small_plan()))
    qtbot.addWidget(other)
    other.restore_state(saved)
    other.show_initiatives()
    assert other.state() == saved


def test_an_edit_redraws_the_picture(page, qtbot):
    from domain.operations import add_team

    page.document.run(add_team, Team(id="new", name="Newcomers"))
    qtbot.waitUntil(lambda: "new" in page.scene.nodes)


def test_the_demo_shows_all_its_teams_and_initiatives(qtbot):
    plan = demo_plan()
    analysis = analyze(plan)
    network = NetworkPage(Document(plan))
    qtbot.addWidget(network)
    network.set_analysis(analysis)
    network.show_teams()
    assert set(network.scene.nodes) == set(plan.teams)
    assert all(network.scene.nodes[t].tag == "silo" for t in analysis.network.isolated)
    network.show_initiatives()
    assert set(network.scene.nodes) == set(plan.initiatives)


def box_positions(plan: Plan) -> dict:
    scene = build_initiative_scene(plan, None)
    return {key: (box.x(), box.y()) for key, box in scene.nodes.items()}


def test_one_added_initiative_moves_few_existing_boxes(qtbot):
    plan = demo_plan()
    before = box_positions(plan)
    assert box_positions(plan) == before
    first = next(iter(plan.initiatives))
    plan.add(Initiative(id="late", name="Late addition"))
    plan.add(Dependency(before=first, after="late"))
    after = box_positions(plan)
    moved = [key for key in before if after[key] != before[key]]
    assert len(moved) <= len(before) // 5


def test_the_demo_dependency_graph_opens_with_readable_names_starting_at_the_kick_off(qtbot):
    plan = demo_plan()
    network = NetworkPage(Document(plan))
    qtbot.addWidget(network)
    network.resize(1280, 800)
    network.show()
    network.set_analysis(analyze(plan))
    network.show_initiatives()
    qtbot.waitUntil(lambda: network.scene is not None and bool(network.scene.nodes), timeout=3000)
    canvas = network.canvas
    assert canvas.scale_factor() == pytest.approx(READABLE_SCALE)
    first = analyze(plan).critical_path[0]
    where = canvas.mapFromScene(network.scene.nodes[first].sceneBoundingRect().center())
    assert canvas.viewport().rect().contains(where), "the plan's first step is in view"
    assert where.x() > canvas.reserved.width(), "and not behind the legend"
    canvas.fit()
    assert canvas.scale_factor() < READABLE_SCALE, "Fit still shows the whole picture"

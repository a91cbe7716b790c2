"""The Network page inside the main window: exploring the picture keeps the user on it."""

from __future__ import annotations

from PySide6.QtCore import Qt


def network_page(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=10000)
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert page.title == "Network"
    qtbot.waitUntil(lambda: page.scene is not None and bool(page.scene.nodes), timeout=10000)
    return page


def team_named(window, name):
    return next(t.id for t in window.document.plan.teams.values() if t.name == name)


def test_a_click_on_a_team_shows_its_details_on_the_network_page(window, qtbot, pages):
    page = network_page(window, qtbot)
    key = next(iter(page.scene.nodes))
    page.canvas.centerOn(page.scene.nodes[key])
    qtbot.mouseClick(page.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pages.centre_of(page, key))
    assert window.current_page() is page
    assert page.selected() == key
    assert page.details.heading.text() == window.document.plan.teams[key].name
    assert page.details.tree.topLevelItemCount() == 3  # hands over, receives, declared relations


def test_typing_in_the_search_box_stays_on_the_network_page(window, qtbot):
    page = network_page(window, qtbot)
    teams_page = window.pages[2]
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_box.hasFocus()
    qtbot.keyClicks(page.filter_box, "Data")
    assert window.current_page() is page
    assert page.filter_box.text() == "Data"
    assert teams_page.filter_box.text() == ""
    assert "data" in window.document.plan.teams[page.selected()].name.casefold()


def test_double_click_or_enter_opens_the_node_in_its_editor(window, qtbot, pages):
    page = network_page(window, qtbot)
    key = next(iter(page.scene.nodes))
    page.canvas.centerOn(page.scene.nodes[key])
    qtbot.mouseDClick(page.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pages.centre_of(page, key))
    assert window.current_page().title == "Teams"
    assert window.current_page().current_key() == key

    page = network_page(window, qtbot)
    page.show_initiatives()
    initiative = next(iter(page.scene.nodes))
    page.select("initiatives", initiative)
    page.canvas.setFocus()
    qtbot.keyClick(page.canvas, Qt.Key.Key_Return)
    assert window.current_page().title == "Initiatives"
    assert window.current_page().current_key() == initiative


def test_only_what_leads_to_the_selection_keeps_the_user_on_the_picture(window, qtbot, pages):
    page = network_page(window, qtbot)
    page.show_initiatives()
    plan = window.document.plan
    waiting = next(d.after for d in plan.dependencies.values())
    page.canvas.centerOn(page.scene.nodes[waiting])
    qtbot.mouseClick(page.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pages.centre_of(page, waiting))
    page.filters.reach.setCurrentIndex(page.filters.reach.findData("ancestors"))
    page.filters.reach.activated.emit(page.filters.reach.currentIndex())
    qtbot.waitUntil(lambda: waiting in page.scene.nodes and len(page.scene.nodes) < len(plan.initiatives))
    assert window.current_page() is page
    assert page.selected() == waiting


def test_switching_graphs_shows_the_drawn_one_at_once_until_the_plan_changes(window, qtbot):
    from domain import operations as op

    page = network_page(window, qtbot)
    page.show_initiatives()
    dependencies = page.scene
    page.show_teams()
    teams = page.scene
    page.show_initiatives()
    assert page.scene is dependencies
    page.show_teams()
    assert page.scene is teams

    key = next(iter(window.document.plan.initiatives))
    window.document.run(op.update_initiative, key, name="Renamed on the way")
    page.show_initiatives()
    assert page.scene is not dependencies
    assert page.scene.names[key] == "Renamed on the way"


def test_a_big_dependency_graph_is_laid_out_in_the_background_with_a_busy_note(window, qtbot, monkeypatch):
    from views.qt import network_layout

    monkeypatch.setattr(network_layout, "BACKGROUND_LAYOUT_NODES", 10)
    page = network_page(window, qtbot)
    from domain import operations as op

    dependency = next(iter(window.document.plan.dependencies.values()))
    window.document.run(op.remove_dependency, dependency.before, dependency.after)  # a new graph shape
    page.show_initiatives()
    assert page.is_busy()
    assert page.canvas.viewport().cursor().shape() == Qt.CursorShape.BusyCursor
    assert page.canvas.scene().items() == []  # not the team graph under a note about initiatives
    assert page.canvas.busy.text() == f"Laying out {len(window.document.plan.initiatives)} initiatives…"
    qtbot.waitUntil(lambda: not page.is_busy() and page.scene.table == "initiatives", timeout=10000)
    assert set(page.scene.nodes) == set(window.document.plan.initiatives)
    assert page.canvas.viewport().cursor().shape() != Qt.CursorShape.BusyCursor


def test_a_big_dependency_graph_opens_on_a_neighbourhood_and_says_what_is_collapsed(make_window, qtbot, monkeypatch):
    from views.qt import network_filters

    monkeypatch.setattr(network_filters, "NEIGHBOURHOOD_ABOVE", 10)  # the demo's 36 initiatives count as many
    window = make_window()
    page = network_page(window, qtbot)
    plan = window.document.plan
    page.show_initiatives()
    qtbot.waitUntil(lambda: not page.is_busy() and page.scene.table == "initiatives", timeout=10000)
    filters = page.filters
    assert filters.reach.currentData() == "near" and filters.steps.isVisible() and filters.note.isVisible()
    shown = set(page.scene.nodes)
    assert 1 < len(shown) < len(plan.initiatives)
    assert f"of {len(plan.initiatives)} initiatives: 2 steps up and down" in filters.note.text()
    assert f"{len(plan.initiatives) - len(shown)} more collapsed" in filters.note.text()

    filters.steps.setValue(1)  # fewer steps, fewer initiatives
    qtbot.waitUntil(lambda: page.scene.table == "initiatives" and len(page.scene.nodes) < len(shown), timeout=10000)
    assert "1 step up and down" in filters.note.text()

    filters.reach.setCurrentIndex(filters.reach.findData("everything"))
    filters.reach.activated.emit(filters.reach.currentIndex())
    qtbot.waitUntil(lambda: set(page.scene.nodes) == set(plan.initiatives), timeout=10000)
    assert filters.note.text() == "" and not filters.steps.isVisible() and not filters.note.isVisible()


def test_a_large_team_network_shows_communities_and_opens_one_on_a_double_click(make_window, qtbot, pages, monkeypatch):
    from views.qt import community_network

    monkeypatch.setattr(community_network, "AGGREGATE_ABOVE", 4)  # the demo's 10 teams count as many
    window = make_window()
    page = network_page(window, qtbot)
    page.colours.setCurrentIndex(page.colours.findData("team"))  # communities, not departments
    page.colours.activated.emit(page.colours.currentIndex())
    plan, communities = window.document.plan, window.analysis.network.communities
    keys = list(page.scene.nodes)
    assert all(key.startswith("community:") for key in keys) and len(keys) >= len(communities)
    assert not page.back.isVisible()
    first = keys[0]
    page.canvas.centerOn(page.scene.nodes[first])
    qtbot.mouseClick(page.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pages.centre_of(page, first))
    assert page.details.heading.text().startswith("Community 1: ")
    qtbot.mouseDClick(page.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pages.centre_of(page, first))
    qtbot.waitUntil(lambda: set(page.scene.nodes) == set(communities[0]), timeout=10000)
    assert window.current_page() is page and page.back.isVisible()
    assert all(key in plan.teams for key in page.scene.nodes)
    page.back.click()
    qtbot.waitUntil(lambda: list(page.scene.nodes) == keys, timeout=10000)
    assert not page.back.isVisible()


def test_the_details_show_what_is_handed_over_beside_long_team_names_and_in_full_on_hover(window, qtbot, pages):
    from domain import operations as op

    plan = window.document.plan
    handoff = next(h for h in plan.handoffs.values() if h.from_team in plan.teams and h.to_team in plan.teams)
    window.document.run(op.update_team, handoff.to_team, name="Content and Customer Communications <b>Polska</b>")
    window.document.run(op.update_handoff, handoff.id, what="Signed-off <i>AI</i> policy & terms")
    window.resize(1366, 768)
    page = network_page(window, qtbot)
    key = handoff.from_team
    page.canvas.centerOn(page.scene.nodes[key])
    qtbot.mouseClick(page.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pages.centre_of(page, key))
    tree = page.details.tree
    assert tree.columnWidth(1) <= max(tree.viewport().width() // 4, 60) < tree.columnWidth(0)
    row = next(
        tree.topLevelItem(0).child(n)
        for n in range(tree.topLevelItem(0).childCount())
        if tree.topLevelItem(0).child(n).text(0) == "Signed-off <i>AI</i> policy & terms"
    )
    assert "&lt;i&gt;AI&lt;/i&gt; policy &amp; terms" in row.toolTip(0)

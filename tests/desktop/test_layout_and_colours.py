"""The window at 1366×768, in light and dark palettes: tables fit their panes, the network follows the teams' colours."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from domain import operations as op
from views.qt.network_scene import lighter


def at_laptop_size(window, qtbot):
    window.resize(1366, 768)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=10000)


def test_tables_show_every_column_at_1366_by_768(window, qtbot, pages):
    at_laptop_size(window, qtbot)
    teams = pages.show_in(window, "Teams")
    assert teams.view.horizontalScrollBar().maximum() == 0
    for tab, view in enumerate((teams.owned_view, teams.roles_view, teams.handoffs.view)):
        teams.tabs.setCurrentIndex(tab)
        qtbot.wait(10)
        assert view.horizontalScrollBar().maximum() == 0, teams.tabs.tabText(tab)
    initiatives = pages.show_in(window, "Initiatives")
    assert initiatives.view.horizontalScrollBar().maximum() == 0


def test_the_team_graph_wears_the_colours_chosen_for_the_teams(window, qtbot, pages):
    at_laptop_size(window, qtbot)
    plan = window.document.plan
    team = next(iter(plan.teams.values()))
    page = pages.show_in(window, "Network")
    page.colours.setCurrentIndex(page.colours.findData("team"))  # the demo has departments: not the default
    page.colours.activated.emit(page.colours.currentIndex())
    qtbot.waitUntil(lambda: page.scene is not None and page.scene.table == "teams")
    assert page.scene.nodes[team.id].fill == lighter(QColor(team.color), 0.45)
    window.document.run(op.update_team, team.id, color="#123456")
    qtbot.waitUntil(lambda: page.scene.nodes[team.id].fill == lighter(QColor("#123456"), 0.45), timeout=5000)


def test_the_network_canvas_follows_a_dark_palette(window, qtbot, pages):
    at_laptop_size(window, qtbot)
    page = pages.show_in(window, "Network")
    light = QApplication.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Base, QColor("#1E1F22"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#E8EAED"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2B2D30"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#E8EAED"))
    QApplication.setPalette(dark)
    try:
        qtbot.waitUntil(lambda: page.canvas.backgroundBrush().color() == QColor("#1E1F22"))
        qtbot.waitUntil(lambda: next(iter(page.scene.nodes.values())).ink == QColor("#E8EAED"))
        # the departments' names are written on the canvas itself: light on dark
        assert page.scene.departments and all(label.brush().color() == QColor("#E8EAED") for label in page.scene.labels)
        image = page.canvas.viewport().grab().toImage()
        assert QColor(image.pixel(image.width() - 5, image.height() - 5)).lightness() < 80
    finally:
        QApplication.setPalette(light)
    qtbot.waitUntil(lambda: page.canvas.backgroundBrush().color() == light.color(QPalette.ColorRole.Base))

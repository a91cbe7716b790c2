"""The Score in the main window groups its lanes by department, with a band naming each along the lane names."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from domain import operations
from domain.entities import Team
from tests.desktop.test_score import score_page
from views.qt.score_painting import AXIS, DEPARTMENT_BAND


def runs(lanes) -> list[str]:
    """The departments of the lanes, one entry per run of lanes of the same department."""
    found: list[str] = []
    for lane in lanes:
        if not found or found[-1] != lane.department:
            found.append(lane.department)
    return found


def test_lanes_are_grouped_by_department_in_order_of_first_team_and_those_without_last(window, qtbot):
    plan = window.document.plan
    assert window.document.run(operations.add_team, Team(name="Pricing", department="Sales"))
    assert window.document.run(operations.add_team, Team(name="Skunkworks"))
    page = score_page(window, qtbot)
    qtbot.waitUntil(lambda: any(lane.name == "Skunkworks" for lane in page.canvas.score.lanes), timeout=10000)
    lanes = [lane for lane in page.canvas.score.lanes if lane.team is not None]
    first_seen = list(dict.fromkeys(t.department for t in plan.teams.values() if t.department))
    assert runs(lanes) == first_seen + [""]  # each department once, in one run
    sales = [lane.name for lane in lanes if lane.department == "Sales"]
    assert sales == ["Sales", "Pricing"]


def test_the_department_band_names_each_department_and_clicks_beside_it_still_work(window, qtbot):
    page = score_page(window, qtbot)
    canvas = page.canvas
    lane = canvas.score.lanes[0]
    image = canvas.viewport().grab().toImage()
    band = image.pixelColor(int(DEPARTMENT_BAND / 2), int(AXIS + lane.top + lane.height / 2))
    names = image.pixelColor(int(DEPARTMENT_BAND + 60), int(AXIS + lane.top + lane.height - 3))
    assert band != names  # the band is shaded apart from the lane names
    qtbot.mouseClick(
        canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPointF(DEPARTMENT_BAND + 12, AXIS + lane.top + 8).toPoint()
    )
    assert canvas.score.lanes[0].collapsed  # the lane's arrow moved right with the band, and still collapses it


def test_the_band_tells_a_department_whose_name_it_cannot_fit(window, qtbot):
    page = score_page(window, qtbot)
    canvas = page.canvas
    lane = next(lane for lane in canvas.score.lanes if lane.department == "Customer Service")  # one short lane
    inside = QPoint(int(DEPARTMENT_BAND / 2), int(AXIS + lane.top + lane.height / 2))
    QApplication.sendEvent(
        canvas.viewport(), QHelpEvent(QEvent.Type.ToolTip, inside, canvas.viewport().mapToGlobal(inside))
    )
    assert QToolTip.text() == "<qt>Customer Service</qt>"

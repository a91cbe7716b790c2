"""The Score inside the main window: selecting, opening, dragging and filtering bars."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from domain import operations
from domain.analysis.engine import analyze


def score_page(window, qtbot):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert page.title == "Score"
    assert page.canvas.score is not None and page.canvas.score.bars
    return page


def free_initiative(window, page):
    """An owned, undropped initiative of some duration that nothing waits for and that waits for nothing."""
    plan = window.document.plan
    linked = {key for pair in plan.dependencies for key in pair}
    return next(
        key
        for key, initiative in plan.initiatives.items()
        if key not in linked and initiative.duration >= 3 and key in page.canvas.score.bars
    )


def drag(widget, start: QPointF, end: QPointF) -> None:
    """Press, move in steps and release the left button, as a hand does."""
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    QApplication.sendEvent(widget, QMouseEvent(QEvent.MouseButtonPress, start, start, left, left, Qt.NoModifier))
    for step in range(1, 5):
        point = start + (end - start) * (step / 4)
        QApplication.sendEvent(widget, QMouseEvent(QEvent.MouseMove, point, point, none, left, Qt.NoModifier))
    QApplication.sendEvent(widget, QMouseEvent(QEvent.MouseButtonRelease, end, end, left, none, Qt.NoModifier))


def test_a_click_selects_the_bar_on_the_initiatives_and_teams_pages_without_leaving_the_score(window, qtbot):
    page = score_page(window, qtbot)
    key = free_initiative(window, page)
    page.canvas.show_bar(key)
    qtbot.mouseClick(
        page.canvas.viewport(), Qt.MouseButton.LeftButton, pos=page.canvas.bar_rect(key).center().toPoint()
    )
    assert window.current_page() is page
    assert page.selected() == key
    assert not window.actions.delete.isEnabled()  # deleting is done on the Initiatives page
    initiatives = next(p for p in window.pages if p.title == "Initiatives")
    assert initiatives.current_key() == key
    teams = next(p for p in window.pages if p.title == "Teams")
    assert teams.current_key() == window.document.plan.initiatives[key].owner


def test_a_click_on_a_lane_name_selects_the_team_on_the_teams_page(window, qtbot):
    page = score_page(window, qtbot)
    lane = page.canvas.score.lanes[1]
    qtbot.mouseClick(page.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPointF(60, 44 + lane.top + 8).toPoint())
    assert window.current_page() is page
    assert next(p for p in window.pages if p.title == "Teams").current_key() == lane.team


def test_a_double_click_opens_the_initiative_in_its_editor(window, qtbot):
    page = score_page(window, qtbot)
    key = free_initiative(window, page)
    page.canvas.show_bar(key)
    qtbot.mouseDClick(
        page.canvas.viewport(), Qt.MouseButton.LeftButton, pos=page.canvas.bar_rect(key).center().toPoint()
    )
    assert window.current_page().title == "Initiatives"
    assert window.current_page().current_key() == key


def test_dragging_a_bar_moves_its_not_before_date_by_whole_working_days_and_undo_restores_it(window, qtbot):
    page = score_page(window, qtbot)
    page.canvas.zoom(4)
    key = free_initiative(window, page)
    page.canvas.show_bar(key)
    before = window.document.plan.initiatives[key].start
    first = page.canvas.score.bars[key].first
    rect = page.canvas.bar_rect(key)
    # three and a bit days to the right: snapped to three working days
    drag(page.canvas.viewport(), rect.center(), rect.center() + QPointF(3.3 * page.canvas.scale.day_width, 2))
    assert window.document.plan.initiatives[key].start == page.canvas.score.calendar.working_date(first + 3)
    assert page.canvas.score.bars[key].first == first + 3  # the schedule followed at once
    assert window.document.undo_stack.text(window.document.undo_stack.index() - 1).startswith("Move '")
    assert window.current_page() is page
    window.actions.undo.trigger()
    assert window.document.plan.initiatives[key].start == before
    assert page.canvas.score.bars[key].first == first


def test_dragging_the_end_of_a_bar_sets_its_duration(window, qtbot):
    page = score_page(window, qtbot)
    page.canvas.zoom(4)
    key = free_initiative(window, page)
    page.canvas.show_bar(key)
    span = page.canvas.score.bars[key].last - page.canvas.score.bars[key].first + 1
    rect = page.canvas.bar_rect(key)
    end = QPointF(rect.right() - 2, rect.center().y())
    drag(page.canvas.viewport(), end, end + QPointF(2 * page.canvas.scale.day_width, 0))
    assert window.document.plan.initiatives[key].duration == span + 2
    assert window.document.undo_stack.text(window.document.undo_stack.index() - 1).endswith(f"{span + 2} working days")
    window.actions.undo.trigger()
    assert page.canvas.score.bars[key].last - page.canvas.score.bars[key].first + 1 == span


def test_filters_by_team_and_status_show_only_matching_work(window, qtbot):
    page = score_page(window, qtbot)
    plan = window.document.plan
    team = next(iter(plan.teams))
    page.team_filter.setCurrentIndex(page.team_filter.findData(team))
    page.team_filter.activated.emit(page.team_filter.currentIndex())
    shown = page.canvas.score.bars
    assert shown and all(
        plan.initiatives[key].owner == team or any(r.team == team for r in plan.initiatives[key].raci) for key in shown
    )
    assert len(page.canvas.score.lanes) < len(plan.teams)
    page.team_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(page.status_filter.findData("active"))
    page.status_filter.activated.emit(page.status_filter.currentIndex())
    assert all(plan.initiatives[key].status == "active" for key in page.canvas.score.bars)


def test_dropped_work_is_hidden_unless_asked_for(window, qtbot):
    page = score_page(window, qtbot)
    key = free_initiative(window, page)
    window.document.run(operations.update_initiative, key, status="dropped")
    assert key not in page.canvas.score.bars
    page.show_dropped.setChecked(True)
    assert page.canvas.score.bars[key].dropped


def test_zoom_keys_and_fit_change_the_scale(window, qtbot):
    page = score_page(window, qtbot)
    width = page.canvas.scale.day_width
    page.canvas.setFocus()
    qtbot.keyClick(page.canvas, Qt.Key.Key_Plus)
    assert page.canvas.scale.day_width > width
    qtbot.keyClick(page.canvas, Qt.Key.Key_0)
    assert abs(page.canvas.scale.day_width - width) < 1e-6


def test_the_score_exports_to_png_and_svg(window, qtbot, tmp_path):
    page = score_page(window, qtbot)
    assert page.export_png(str(tmp_path / "score.png"))
    assert page.export_svg(str(tmp_path / "score.svg"))
    assert (tmp_path / "score.png").read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in (tmp_path / "score.svg").read_bytes()[:2000]


def test_ctrl_wheel_zooms_time_at_the_pointer(window, qtbot):
    page = score_page(window, qtbot)
    width = page.canvas.scale.day_width
    at = QPointF(600, 200)
    day = page.canvas.content_point(at)[0]
    wheel = QWheelEvent(
        at, at, QPoint(), QPoint(0, 240), Qt.NoButton, Qt.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False
    )
    QApplication.sendEvent(page.canvas.viewport(), wheel)
    assert page.canvas.scale.day_width > width
    assert abs(page.canvas.content_point(at)[0] - day) < 0.5  # the day under the pointer stays there


def test_a_click_on_a_lane_arrow_collapses_it_to_one_thin_row(window, qtbot):
    page = score_page(window, qtbot)
    lane = page.canvas.score.lanes[0]
    qtbot.mouseClick(page.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPointF(12, 44 + lane.top + 8).toPoint())
    collapsed = page.canvas.score.lanes[0]
    assert collapsed.collapsed and collapsed.height < lane.height
    assert all(not bar.ghost for bar in collapsed.bars)


def test_the_score_shows_the_demo_on_its_own_dates_from_its_first_day(window, qtbot):
    page = score_page(window, qtbot)
    score, plan = page.canvas.score, window.document.plan
    schedule = analyze(plan).schedule
    first = min(plan.initiatives, key=lambda key: schedule[key].start)
    for key in (first, *list(score.bars)[:5]):
        assert score.calendar.working_date(score.bars[key].first) == schedule[key].start
    shown_from = score.calendar.working_date(int(page.canvas.scale.origin))
    assert 0 <= (schedule[first].start - shown_from).days <= 7

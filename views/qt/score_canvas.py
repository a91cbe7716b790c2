"""The Score's canvas: a scroll area that paints only what is in view, zooms, pans, selects and drags bars."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget

from domain.calendar import MONDAY_TO_FRIDAY
from views.qt.score_layout import Bar, Score
from views.qt.score_painting import AXIS, LABELS, Frame, department_band, paint_score
from views.qt.score_scale import ZOOM_STEP, TimeScale, fitting

HANDLE = 6  # pixels at a bar's end that resize it instead of moving it
MARGIN_DAYS = 15
MAX_EXPORT_SIDE = 12_000  # pixels: a bigger picture is scaled down to this (the SVG keeps every detail)


class ScoreCanvas(QAbstractScrollArea):
    """Lanes scroll up and down, time left and right; the axis and the team names stay in place.

    Signals
    -------
    clicked(initiative)   a bar was clicked (None: empty space)
    lane_clicked(team)    a team's name was clicked
    activated(initiative) a bar was double-clicked, or Enter pressed on the selection
    moved(initiative, days) / resized(initiative, days)  a bar or its end was dragged by whole working days
    """

    clicked = Signal(object)
    lane_clicked = Signal(object)
    activated = Signal(object)
    moved = Signal(str, int)
    resized = Signal(str, int)
    collapse_toggled = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.score: Score | None = None
        self.scale = TimeScale(MONDAY_TO_FRIDAY.working_day(date.today()), 8.0)
        self.frame_state: dict = {"names": {}, "colors": {}, "owners": {}}
        self.selected: str | None = None
        self.chain: list = []
        self.matches: frozenset = frozenset()
        self._press: tuple | None = None  # (bar, "move" or "end", press x) while a button is down on a bar
        self._preview: tuple | None = None
        self._fitted = False
        self._fitting = False  # the last zoom was Fit: a resize fits again
        self.tip_for: Callable[[str], str] = lambda initiative: ""  # the page words an initiative's tooltip
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.horizontalScrollBar().setSingleStep(40)
        self.verticalScrollBar().setSingleStep(24)

    # Showing

    def set_score(self, score: Score, names: dict, colors: dict, owners: dict) -> None:
        """Show a new layout, keeping the zoom and the place in time (fitted the first time)."""
        self.score = score
        self.frame_state = {"names": names, "colors": colors, "owners": owners}
        self._update_ranges()
        if not self._fitted and self.viewport().width() > LABELS:
            self.fit()
        self.viewport().update()

    def frame(self) -> Frame:
        """What the viewport shows now."""
        return Frame(
            self.score,
            self.scale,
            left=self.horizontalScrollBar().value(),
            top=self.verticalScrollBar().value(),
            width=self.viewport().width(),
            height=self.viewport().height(),
            today=self.score.calendar.working_day(date.today()),
            selected=self.selected,
            chain=self.chain,
            matches=self.matches,
            preview=self._preview,
            **self.frame_state,
        )

    def paintEvent(self, event) -> None:
        """Qt override."""
        if self.score is None:
            return
        painter = QPainter(self.viewport())
        paint_score(painter, self.frame(), self.palette())
        painter.end()

    def _update_ranges(self) -> None:
        if self.score is None:
            return
        width = self.viewport().width() - LABELS
        low = int(self.scale.x(self.score.first - MARGIN_DAYS))
        high = int(self.scale.x(self.score.last + MARGIN_DAYS)) - width
        self.horizontalScrollBar().setRange(low, max(high, low))
        self.horizontalScrollBar().setPageStep(max(width, 1))
        height = self.viewport().height() - AXIS
        self.verticalScrollBar().setRange(0, max(int(self.score.height) - height + 20, 0))
        self.verticalScrollBar().setPageStep(max(height, 1))

    def resizeEvent(self, event) -> None:
        """Qt override."""
        super().resizeEvent(event)
        self._update_ranges()
        if (self._fitting or not self._fitted) and self.score is not None and self.viewport().width() > LABELS:
            self.fit()

    # Zoom and pan

    def zoom(self, factor: float, anchor: float | None = None) -> None:
        """Zoom time by `factor`, keeping the day under viewport x `anchor` (default: the middle) in place."""
        bar = self.horizontalScrollBar()
        anchor = anchor if anchor is not None else (LABELS + self.viewport().width()) / 2
        day = self.scale.day_at(bar.value() + anchor - LABELS)
        self.scale = self.scale.zoomed(factor)
        self._fitting = False
        self._update_ranges()
        bar.setValue(round(self.scale.x(day) - (anchor - LABELS)))
        self.viewport().update()

    def fit(self) -> None:
        """Show the whole plan's time span across the window."""
        if self.score is None:
            return
        self._fitted = self._fitting = True
        self.scale = fitting(self.score.first - 2, self.score.last + 3, self.viewport().width() - LABELS)
        self._update_ranges()
        self.horizontalScrollBar().setValue(round(self.scale.x(self.score.first - 2)))
        self.viewport().update()

    def set_day_width(self, width: float) -> None:
        """Zoom to `width` pixels per working day (a saved view), instead of fitting the plan when first shown."""
        self.scale = TimeScale(self.scale.origin, width)
        self._fitted, self._fitting = True, False
        self._update_ranges()

    def fit_when_shown(self) -> None:
        """Fit the next plan shown to the window (another plan was opened)."""
        self._fitted = False

    def show_bar(self, initiative: str) -> None:
        """Scroll so an initiative's bar is in view."""
        bar = self.score.bars.get(initiative) if self.score else None
        if bar is None:
            return
        width, height = self.viewport().width() - LABELS, self.viewport().height() - AXIS
        left, top = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        start, end = self.scale.x(bar.first), self.scale.x(bar.last + 1)
        if start < left or end > left + width:
            self.horizontalScrollBar().setValue(round(start - width / 3))
        if bar.top < top or bar.top + bar.height > top + height:
            self.verticalScrollBar().setValue(round(bar.top - height / 3))
        self.viewport().update()

    def wheelEvent(self, event) -> None:
        """Qt override: Ctrl+wheel zooms at the pointer, Shift+wheel pans in time, the wheel scrolls lanes."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(ZOOM_STEP ** (event.angleDelta().y() / 120), event.position().x())
        elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - event.angleDelta().y())
        else:
            super().wheelEvent(event)

    def keyPressEvent(self, event) -> None:
        """Qt override: + and - zoom, 0 fits, Enter opens the selection, Escape clears it."""
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.fit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected:
            self.activated.emit(self.selected)
        elif key == Qt.Key.Key_Escape:
            self.clicked.emit(None)
        else:
            super().keyPressEvent(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        """Qt override: everything is painted from the scroll values, so repaint."""
        self.viewport().update()

    # Pointing

    def content_point(self, position: QPointF) -> tuple[float, float]:
        """The working day (with fraction) and the content y under a viewport point."""
        day = self.scale.day_at(self.horizontalScrollBar().value() + position.x() - LABELS)
        return day, self.verticalScrollBar().value() + position.y() - AXIS

    def bar_at(self, position: QPointF) -> Bar | None:
        if self.score is None or position.x() < LABELS or position.y() < AXIS:
            return None
        day, y = self.content_point(position)
        return self.score.bar_at(day, y, slop=max(4 / self.scale.day_width, 0.0))

    def bar_rect(self, initiative: str) -> QRectF:
        """Where an initiative's bar is in the viewport (tests drive the mouse with it)."""
        bar = self.score.bars[initiative]
        left = LABELS + self.scale.x(bar.first) - self.horizontalScrollBar().value()
        right = LABELS + self.scale.x(bar.last + 1) - self.horizontalScrollBar().value()
        top = AXIS + bar.top - self.verticalScrollBar().value()
        return QRectF(left, top, max(right - left, 2), bar.height)

    def _on_end(self, bar: Bar, x: float) -> bool:
        return not bar.milestone and abs(x - self.bar_rect(bar.initiative).right()) <= HANDLE

    def mousePressEvent(self, event) -> None:
        """Qt override."""
        if event.button() != Qt.MouseButton.LeftButton or self.score is None:
            return super().mousePressEvent(event)
        position = event.position()
        if position.x() < LABELS and position.y() >= AXIS:
            lane = self.score.lane_at(self.content_point(position)[1])
            if lane is not None:
                toggle = position.x() - department_band(self.score) < 22
                (self.collapse_toggled if toggle else self.lane_clicked).emit(lane.team)
            return None
        bar = self.bar_at(position)
        self.clicked.emit(bar.initiative if bar else None)
        if bar is not None and not bar.dropped:
            self._press = (bar, "end" if self._on_end(bar, position.x()) else "move", position.x())
        return None

    def mouseMoveEvent(self, event) -> None:
        """Qt override: a drag shows where the bar (or its end) will go, in whole working days."""
        position = event.position()
        if self._press is None:
            bar = self.bar_at(position)
            end = bar is not None and not bar.dropped and self._on_end(bar, position.x())
            self.viewport().setCursor(Qt.CursorShape.SizeHorCursor if end else Qt.CursorShape.ArrowCursor)
            return
        bar, mode, pressed = self._press
        days = self.scale.whole_days(position.x() - pressed)
        if abs(position.x() - pressed) < QApplication.startDragDistance() and self._preview is None:
            return
        if mode == "move":
            self._preview = (bar, bar.first + days, bar.last + days)
        else:
            self._preview = (bar, bar.first, max(bar.last + days, bar.first))
        self.viewport().update()

    def mouseReleaseEvent(self, event) -> None:
        """Qt override: a finished drag asks for the move or the new duration."""
        press, preview = self._press, self._preview
        self._press = self._preview = None
        if press is None or preview is None:
            return
        bar, mode, _ = press
        self.viewport().update()
        if mode == "move" and preview[1] != bar.first:
            self.moved.emit(bar.initiative, preview[1] - bar.first)
        elif mode == "end" and preview[2] != bar.last:
            self.resized.emit(bar.initiative, preview[2] - bar.last)

    def mouseDoubleClickEvent(self, event) -> None:
        """Qt override: open the bar's initiative in its editor."""
        bar = self.bar_at(event.position())
        if bar is not None:
            self.activated.emit(bar.initiative)

    def viewportEvent(self, event) -> bool:
        """Qt override: tooltips name the bar under the pointer, or the department of the band under it."""
        if event.type() == event.Type.ToolTip and self.score is not None:
            position = QPointF(event.pos())
            bar = self.bar_at(position)
            tip = self.tip_for(bar.initiative) if bar is not None else ""
            if position.x() < department_band(self.score) and position.y() >= AXIS:
                lane = self.score.lane_at(self.content_point(position)[1])
                tip = f"<qt>{html.escape(lane.department or 'No department')}</qt>" if lane is not None else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # Export

    def export_size(self) -> QSize:
        """The whole Score at the current zoom: every lane, the plan's whole time span."""
        width = LABELS + self.scale.x(self.score.last + 5) - self.scale.x(self.score.first - 5)
        return QSize(int(width), int(AXIS + self.score.height))

    def paint_whole(self, painter: QPainter, size: QSize) -> None:
        """Paint the whole Score at the current zoom into `size` (from `export_size`)."""
        frame = self.frame()
        frame.left, frame.top = self.scale.x(self.score.first - 5), 0
        frame.width, frame.height = size.width(), size.height()
        frame.preview = None
        paint_score(painter, frame, self.palette())

    def export_image(self) -> QImage:
        size = self.export_size()
        shrink = min(1.0, MAX_EXPORT_SIDE / max(size.width(), size.height(), 1))
        image = QImage(
            QSize(max(1, round(size.width() * shrink)), max(1, round(size.height() * shrink))), QImage.Format_RGB32
        )
        image.fill(self.palette().base().color())
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(shrink, shrink)
        self.paint_whole(painter, size)
        painter.end()
        return image

    def export_svg(self, path: str) -> bool:
        """Save the whole Score at the current zoom as an SVG drawing."""
        from PySide6.QtSvg import QSvgGenerator

        size = self.export_size()
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle("Tutti score")
        painter = QPainter()
        if not painter.begin(generator):
            return False
        self.paint_whole(painter, size)
        return painter.end()

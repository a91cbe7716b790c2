"""One page of the timeline: the legend, the date axis, lane names, bars, milestones and dependency arrows.

timeline.py decides what goes on each page; this draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib import colors
from reportlab.platypus import Flowable

from views.pdf.context import Context
from views.pdf.formats import long_day, month, week_number
from views.pdf.styles import FAINT, GREY_FILL, INK, LIGHT, MUTED, RULE, WHITE
from views.pdf.text import BOLD, FONT, fit, width_of

ROW = 13.0  # height of one row of bars
LANE_GAP = 4.0
AXIS = 30.0
LEGEND = 16.0
LABEL_LIMIT = 130.0  # the longest bar label, in points


@dataclass(frozen=True, slots=True)
class Bar:
    """One initiative on the chart."""

    initiative: str
    name: str
    start: date
    finish: date
    critical: bool
    milestone: bool
    dropped: bool
    baseline: date | None = None  # its finish in the latest baseline, when that differs from the schedule


@dataclass
class Window:
    """A period shown on a set of pages."""

    first: date
    last: date  # exclusive
    title: str


@dataclass
class Lane:
    team: str
    fill: colors.Color
    rows: list[list[Bar]]
    department: str = ""


class GanttPage(Flowable):
    """One page of the chart: the legend, the date axis, lane names, bars, milestones and arrows."""

    def __init__(
        self,
        context: Context,
        window: Window,
        rows: list[tuple[Lane, int]],
        width: float,
        height: float,
        title: str,
        outline: tuple[str, str] | None,
        arrows: list[tuple[str, str]],
        missing: str = "",
    ):
        super().__init__()
        self.context, self.window, self.rows = context, window, rows
        self.width, self.height, self.title = width, height, title
        self.outline, self.arrows, self.missing = outline, arrows, missing
        self.label = min(140.0, width * 0.18)

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def x(self, day: date) -> float:
        span = (self.window.last - self.window.first).days
        return self.label + (self.width - self.label) * (day - self.window.first).days / span

    def draw(self):
        canvas = self.canv
        if self.outline:
            key, title = self.outline
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(title, key, level=1)
        top = self.height
        canvas.setFont(BOLD, 10)
        canvas.setFillColor(INK)
        canvas.drawString(0, top - 10, fit(self.title, self.width * 0.45, 10, BOLD))
        self._legend(top - 10)
        if self.missing:
            canvas.setFillColor(MUTED)
            canvas.text(self.width - width_of(self.missing, 6.5), top - 21, self.missing, FONT, 6.5)
        chart_top = top - LEGEND - AXIS
        bottoms = self._rows_y(chart_top)
        self._axis(chart_top, bottoms[-1] if bottoms else chart_top)
        places = self._places(bottoms)
        self._lanes(chart_top, bottoms)
        self._arrows(places)
        self._bars(bottoms, places)

    def _legend(self, y: float) -> None:
        canvas, x = self.canv, self.width * 0.47
        canvas.setFont(FONT, 7)
        canvas.setLineWidth(0.5)
        canvas.setStrokeColor(INK)
        canvas.setFillColor(GREY_FILL)
        canvas.rect(x, y - 1, 16, 7, fill=1)
        canvas.setFillColor(INK)
        canvas.drawString(x + 19, y, "initiative")
        x += 58
        canvas.setFillColor(GREY_FILL)
        canvas.setLineWidth(1.6)
        canvas.rect(x, y - 1, 16, 7, fill=1)
        canvas.setFillColor(INK)
        canvas.rect(x, y - 1, 16, 2, fill=1, stroke=0)
        canvas.drawString(x + 19, y, "critical path")
        x += 68
        self._diamond(x + 4, y + 2.5)
        canvas.drawString(x + 11, y, "milestone")
        x += 52
        canvas.setLineWidth(0.5)
        canvas.setDash(2, 1.5)
        canvas.rect(x, y - 1, 16, 7)
        canvas.setDash()
        canvas.drawString(x + 19, y, "dropped")
        x += 50
        canvas.setStrokeColor(MUTED)
        canvas.line(x, y + 2.5, x + 14, y + 2.5)
        self._head(x + 14, y + 2.5)
        canvas.drawString(x + 18, y, "must finish first")
        if any(bar.baseline for lane, row in self.rows for bar in lane.rows[row]):
            x += 78
            canvas.setLineWidth(1.2)
            canvas.line(x + 4, y - 1, x + 4, y + 6)
            canvas.drawString(x + 9, y, "baseline finish")

    def _diamond(self, x: float, y: float, size: float = 4.0) -> None:
        path = self.canv.beginPath()
        path.moveTo(x, y + size)
        path.lineTo(x + size, y)
        path.lineTo(x, y - size)
        path.lineTo(x - size, y)
        path.close()
        self.canv.setFillColor(INK)
        self.canv.drawPath(path, fill=1, stroke=0)

    def _head(self, x: float, y: float) -> None:
        path = self.canv.beginPath()
        path.moveTo(x, y)
        path.lineTo(x - 4, y + 2)
        path.lineTo(x - 4, y - 2)
        path.close()
        self.canv.setFillColor(MUTED)
        self.canv.drawPath(path, fill=1, stroke=0)
        self.canv.setFillColor(INK)

    def _axis(self, top: float, bottom: float) -> None:
        canvas, window = self.canv, self.window
        canvas.setLineWidth(0.3)
        day = window.first
        week = day + timedelta(days=(7 - day.weekday()) % 7)
        per_week = self.x(window.first + timedelta(days=7)) - self.x(window.first)
        canvas.setFont(FONT, 6)
        while week < window.last:
            x = self.x(week)
            canvas.setStrokeColor(LIGHT if per_week < 12 else FAINT)
            canvas.line(x, top, x, bottom)
            if per_week >= 14:
                canvas.setFillColor(MUTED)
                canvas.text(x + 1.5, top + 3, week_number(week), FONT, 6)
            week += timedelta(days=7)
        first = window.first
        canvas.setFont(BOLD, 7.5)
        while first < window.last:
            following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            x, end = self.x(first), self.x(min(following, window.last))
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.6)
            canvas.line(x, top + AXIS - 4, x, bottom)
            canvas.setFillColor(INK)
            canvas.drawString(x + 2, top + 14, fit(month(first), end - x - 4, 7.5, BOLD))
            first = following
        canvas.setStrokeColor(INK)
        canvas.line(0, top, self.width, top)
        printed = self.context.printed
        if window.first <= printed < window.last:
            x = self.x(printed)
            canvas.setDash(3, 2)
            canvas.setLineWidth(0.8)
            canvas.line(x, top + 12, x, bottom)
            canvas.setDash()
            canvas.setFont(FONT, 6)
            canvas.setFillColor(INK)
            canvas.drawString(x + 2, bottom - 8, f"printed {long_day(printed)}")

    def _rows_y(self, top: float) -> list[float]:
        """The bottom of each row of bars."""
        result, y = [], top
        for _, row in self.rows:
            y -= ROW + (LANE_GAP if row == 0 else 0)
            result.append(y)
        return result

    def _places(self, bottoms: list[float]) -> dict[str, tuple[float, float, float]]:
        """Where each bar is drawn: left, right and middle height."""
        places = {}
        for (lane, row), y in zip(self.rows, bottoms, strict=True):
            for bar in lane.rows[row]:
                left = max(self.x(bar.start), self.label)
                right = min(self.x(bar.finish + timedelta(days=1)), self.width)
                places[bar.initiative] = (left, max(right, left + 1.5), y + ROW / 2)
        return places

    def _lanes(self, top: float, bottoms: list[float]) -> None:
        """Lane separators and names."""
        canvas = self.canv
        separators = []
        for n, ((lane, row), y) in enumerate(zip(self.rows, bottoms, strict=True)):
            if row and n:
                continue
            lane_top = y + ROW
            if row == 0:
                separators.append((0, lane_top + LANE_GAP / 2, self.width, lane_top + LANE_GAP / 2))
            canvas.setFillColor(INK)
            name = lane.team + (" (cont.)" if row else "")
            canvas.text(2, lane_top - 9, fit(name, self.label - 6, 7.5, BOLD), BOLD, 7.5)
            rows_here = sum(1 for other, _ in self.rows if other is lane)
            if rows_here > 1:
                canvas.setFillColor(MUTED)
                canvas.text(2, lane_top - 18, f"{sum(len(r) for r in lane.rows)} initiatives", FONT, 6.5)
        canvas.rules(separators, 0.4, RULE)
        canvas.setFillColor(INK)

    def _bars(self, bottoms: list[float], places: dict[str, tuple[float, float, float]]) -> None:
        canvas, window = self.canv, self.window
        for (lane, row), y in zip(self.rows, bottoms, strict=True):
            for bar in lane.rows[row]:
                left, right, middle = places[bar.initiative]
                if bar.milestone:
                    self._diamond(left, middle)
                    text_x = left + 6
                else:
                    canvas.outlined(
                        left, y + 2, right - left, ROW - 4, lane.fill, 1.6 if bar.critical else 0.5, bar.dropped
                    )
                    if bar.critical:
                        canvas.box(left, y + 2, right - left, 2.2, INK)
                    text_x = left + 2
                if bar.baseline is not None:
                    self._baseline(bar.baseline, y)
                label = fit(
                    ("◂ " if bar.start < window.first else "") + bar.name,
                    min(LABEL_LIMIT, self.width - text_x - 1),
                    6.5,
                )
                outside = text_x + width_of(label, 6.5) - right
                if outside > 0 or bar.milestone:
                    # labels sticking out of their bar get a white backing so arrows do not cross the words
                    start = text_x if bar.milestone else right
                    canvas.box(start, y + 3, text_x + width_of(label, 6.5) + 1 - start, 9, WHITE)
                canvas.text(text_x, y + 5, label, FONT, 6.5)

    def _baseline(self, finish: date, y: float) -> None:
        """A tick at the end of the day the latest baseline had the work finish (slip shows as the gap)."""
        x = self.x(finish + timedelta(days=1))
        if self.label <= x <= self.width:
            self.canv.setStrokeColor(MUTED)
            self.canv.setLineWidth(1.2)
            self.canv.line(x, y + 1, x, y + ROW - 1)

    def _arrows(self, places: dict[str, tuple[float, float, float]]) -> None:
        canvas = self.canv
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.5)
        for before, after in self.arrows:
            if before in places and after in places:
                _, x1, y1 = places[before]
                x2, _, y2 = places[after]
                path = canvas.beginPath()
                path.moveTo(x1, y1)
                bend = max(x1 + 4, min(x2 - 4, x1 + 8))
                path.lineTo(bend, y1)
                path.lineTo(bend, y2)
                path.lineTo(x2, y2)
                canvas.drawPath(path, fill=0, stroke=1)
                self._head(x2, y2)

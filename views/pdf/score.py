"""The Score overview: the whole plan on one page at coarse scale, with the wall chart's tiles marked on it.

One lane per team, grouped by department (a band names each), one thin bar per initiative; names are
printed only where a lane is tall enough to read them. The grid shows where each tile of the wall chart (wallchart.py) goes and on which page it is.
"""

from __future__ import annotations

from datetime import date, timedelta
from math import ceil

from reportlab.platypus import Flowable

from domain.wording import counted
from views.pdf.context import Context
from views.pdf.document import Heading
from views.pdf.formats import long_day
from views.pdf.styles import GREY_FILL, INK, LIGHT, MUTED, RULE, SHADE, WHITE
from views.pdf.text import BOLD, FONT, fit, width_of
from views.pdf.wallchart import STUB, Bar, Lane, Sheet, pack, sheet, tile_form

LEGIBLE = 6.0  # the smallest type the overview prints: a lane lower than this goes unnamed
AXIS = 22.0
TITLE = 30.0
DEPARTMENT_BAND = 11.0  # the band naming departments left of the lane names
TAGGED = 40  # up to this many tiles, each is tagged with its place and page on the overview


def score(context: Context, tiles: bool) -> list:
    """The section heading and the overview page; `tiles` when the wall chart is printed too."""
    story: list = [Heading("Score", "h1", "score", section="Score")]
    chart = sheet(context)
    if chart is not None:
        width, height = context.landscape
        story.append(Overview(context, chart, width, height - 36, tiles))
    return story


class Overview(Flowable):
    """The whole chart scaled to one page."""

    def __init__(self, context: Context, chart: Sheet, width: float, height: float, tiles: bool):
        super().__init__()
        self.context, self.chart, self.width, self.height = context, chart, width, height
        self.tiles = tiles
        self.first = chart.columns[0].first
        self.last = max(bar.finish for lane in chart.lanes for row in lane.rows for bar in row) + timedelta(days=1)
        self.chart_height = height - TITLE - AXIS
        self.lanes = [
            (lane, pack([b for row in lane.rows for b in row], self._day_x, lambda b: 0)) for lane in chart.lanes
        ]
        self.lane_height = self.chart_height / len(self.lanes)
        self.every = ceil((LEGIBLE + 3) / self.lane_height)  # lanes named: every one, or every n-th
        self.label = min(110.0, width * 0.14)
        self.band = DEPARTMENT_BAND if any(lane.department for lane in chart.lanes) else 0.0

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def _day_x(self, day: date) -> float:
        return (day - self.first).days * 1.0

    def x(self, day: date) -> float:
        span = (self.last - self.first).days
        return self.label + (self.width - self.label) * (day - self.first).days / span

    def draw(self):
        canvas, chart = self.canv, self.chart
        bars = sum(len(row) for lane in chart.lanes for row in lane.rows)
        canvas.setFillColor(INK)
        title = (
            f"The whole plan, {long_day(self.first)} to {long_day(self.last - timedelta(days=1))}: "
            f"{counted(len(chart.lanes), 'team')}, {counted(bars, 'initiative')}"
        )
        canvas.text(0, self.height - 10, fit(title, self.width, 10, BOLD), BOLD, 10)
        note = "Bars only, critical path in black"
        if self.every > 1:
            note += f"; every {self.every}th lane named (all names are on the wall chart)"
        if self.tiles:
            tiles = len(chart.bands) * len(chart.columns)
            note += f"; the wall chart follows: {len(chart.bands)} × {len(chart.columns)} tiles"
            note += ", marked here with their pages" if tiles <= TAGGED else ", row by row"
        canvas.setFillColor(MUTED)
        canvas.text(0, self.height - 22, fit(note + ".", self.width, 7), FONT, 7)
        top = self.chart_height
        self._axis(top)
        places = self._lanes(top)
        self._tiles(top, places)

    def _axis(self, top: float) -> None:
        canvas, day = self.canv, self.first.replace(day=1)
        months = 1 if (self.last - self.first).days < 400 else 3
        canvas.setLineWidth(0.4)
        canvas.setStrokeColor(RULE)
        while day < self.last:
            year, month = divmod(day.month - 1 + months, 12)
            following = date(day.year + year, month + 1, 1)
            x = max(self.x(day), self.label)
            canvas.line(x, 0, x, top + 12)
            name = f"{day:%b %Y}" if months == 1 else f"{day.year} Q{(day.month - 1) // 3 + 1}"
            room = self.x(min(following, self.last)) - x - 3
            if room > 12:
                canvas.setFillColor(INK)
                canvas.text(x + 2, top + 4, fit(name, room, 7, BOLD), BOLD, 7)
            day = following
        printed = self.context.printed
        if self.first <= printed < self.last:
            x = self.x(printed)
            canvas.setStrokeColor(INK)
            canvas.setDash(3, 2)
            canvas.line(x, 0, x, top + 12)
            canvas.setDash()

    def _lanes(self, top: float) -> dict[int, tuple[float, float]]:
        """Lane bands, then names, then bars; returns each lane's top and height."""
        canvas, height = self.canv, self.lane_height
        places = {id(lane): (top - n * height, height) for n, (lane, _) in enumerate(self.lanes)}
        canvas.boxes([(0, top - (n + 1) * height, self.width, height) for n in range(1, len(self.lanes), 2)], LIGHT)
        size = max(LEGIBLE, min(7.5, height - 1))
        canvas.setFillColor(INK)
        for n in range(0, len(self.lanes), self.every):
            lane_top = top - n * height
            y = lane_top - size if self.every > 1 else lane_top - (height + size) / 2 + 1
            name = fit(self.lanes[n][0].team, self.label - 6 - self.band, size, BOLD)
            canvas.text(2 + self.band, y, name, BOLD, size)
            if self.every > 1:
                canvas.rules([(self.label - 4, lane_top, self.label, lane_top)], 0.4, MUTED)
        if self.band:
            self._departments(top)
        for n, (lane, rows) in enumerate(self.lanes):
            self._bars(lane, rows, top - n * height)
        return places

    def _departments(self, top: float) -> None:
        """A band left of the lane names for each run of lanes of one department, named up the band where it
        is tall enough, and a rule across the chart where one department ends."""
        canvas, height = self.canv, self.lane_height
        runs: list[tuple[str, int, int]] = []  # department, first lane, lanes
        for n, (lane, _) in enumerate(self.lanes):
            if runs and runs[-1][0] == lane.department:
                runs[-1] = (lane.department, runs[-1][1], runs[-1][2] + 1)
            else:
                runs.append((lane.department, n, 1))
        for k, (department, first, count) in enumerate(runs):
            run_top, run_height = top - first * height, count * height
            canvas.box(0, run_top - run_height, self.band - 1, run_height, GREY_FILL if k % 2 else SHADE)
            if k < len(runs) - 1:
                canvas.rules([(0, run_top - run_height, self.width, run_top - run_height)], 0.6, RULE)
            name = fit(department or "No department", run_height - 4, 6, BOLD)
            if name and run_height >= LEGIBLE * 3:
                canvas.saveState()
                canvas.translate(self.band / 2 + 2, run_top - run_height + 2)
                canvas.rotate(90)
                canvas.setFillColor(INK)
                canvas.text(0, 0, name, BOLD, 6)
                canvas.restoreState()

    def _bars(self, lane: Lane, rows: list[list[Bar]], lane_top: float) -> None:
        """The lane's bars in their rows, or all in one when rows would be thinner than a hairline."""
        canvas, height = self.canv, self.lane_height / len(rows)
        if height < 1.5:
            rows, height = [[bar for row in rows for bar in row]], self.lane_height
        plain, critical = [], []
        for r, row in enumerate(rows):
            bottom = lane_top - (r + 1) * height + height * 0.1
            for bar in row:
                left = self.x(bar.start)
                right = max(self.x(bar.finish + timedelta(days=1)), left + 0.8)
                (critical if bar.critical else plain).append((left, bottom, right - left, height * 0.8))
        canvas.boxes(plain, lane.fill)
        canvas.boxes(critical, INK)

    def _tiles(self, top: float, places: dict[int, tuple[float, float]]) -> None:
        """The wall chart's tiles as dashed boxes, each with its row, column and page."""
        chart, canvas = self.chart, self.canv
        if not self.tiles or len(chart.bands) * len(chart.columns) == 1:
            return

        def y_of(index: int) -> float:
            if index >= len(chart.rows):
                return 0.0
            lane, row = chart.rows[index]
            lane_top, height = places[id(lane)]
            return lane_top - height * row / len(lane.rows)

        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.5)
        canvas.setDash(3, 2)
        for band, (first, last) in enumerate(chart.bands):
            upper, lower = y_of(first) if band else top, y_of(last)
            for column, window in enumerate(chart.columns):
                left, right = max(self.x(window.first), self.label), min(self.x(window.last), self.width)
                canvas.rect(left, lower, right - left, upper - lower)
                tag = f"{band + 1}·{column + 1} p."
                if len(chart.bands) * len(chart.columns) <= TAGGED and right - left > width_of(tag, STUB) + 16:
                    canvas.box(left + 1, upper - 8, width_of(tag, STUB) + 14, 7, WHITE)
                    canvas.setFillColor(MUTED)
                    canvas.text(left + 2, upper - 7, tag, FONT, STUB)
                    canvas.later(tile_form(band, column), left + 2 + width_of(tag, STUB) + 1, upper - 7)
        canvas.setDash()

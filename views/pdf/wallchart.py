"""The Score as a wall chart: the whole plan at one legible scale, cut into tiles to tape together.

Every tile has the same scale and the same rows, whatever the paper, so tiles of a column line up with
their neighbours. Each tile repeats the lane names and overlaps its left and upper neighbours by a week
and a row; it says where it goes ("row 2, column 3 of 4 × 6"). A dependency with one end on another tile
ends in a stub naming the other initiative and the page it is on.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta

from domain.analysis.organisation import by_department
from views.pdf.context import Context
from views.pdf.document import Heading
from views.pdf.gantt import AXIS, LABEL_LIMIT, LANE_GAP, LEGEND, ROW, Bar, GanttPage, Lane, Window
from views.pdf.styles import GREY_FILL, MUTED, WHITE, tint
from views.pdf.text import FONT, fit, printable, width_of

SCALE = 3.0  # points per day on every tile: a week is 21 points, a five-day piece of work 15
OVERLAP_DAYS = 7  # each column repeats the last week of the one before it
MARKS = 14.0  # room under the chart for the assembly line
STUB = 5.5  # type size of the stubs' labels
STUB_NAME = 110.0  # the longest initiative name on a stub, in points
NUMBER = 10.0  # room for a page number on a stub
STUB_ROOM = 230.0  # the widest stub label: further ends are counted ("+3 more")


@dataclass
class Sheet:
    """The whole chart at wall-chart scale and how it is cut into tiles."""

    lanes: list[Lane]
    rows: list[tuple[Lane, int]]  # every row of bars, top to bottom
    columns: list[Window]  # the period of each column of tiles
    bands: list[tuple[int, int]]  # the rows of each row of tiles: [first, last) into `rows`
    label: float  # width of the lane-name column

    def tile_of(self, bar: Bar, row: int) -> tuple[int, int]:
        """The tile (row, column) that holds a bar's start in its own rows and days (not an overlap)."""
        band = next(n for n, (first, last) in enumerate(self.bands) if row < last)
        column = next((n for n, w in enumerate(self.columns) if bar.start < w.last), len(self.columns) - 1)
        return band, column


def bars(context: Context) -> dict[str | None, list[Bar]]:
    """Each team's scheduled initiatives in the printed window, by owner (None: no owner), teams by department."""
    plan, schedule = context.plan, context.analysis.schedule
    start, finish = context.span()
    baseline = dict(plan.project.baselines[-1].finishes) if plan.project.baselines else {}
    lanes: dict[str | None, list[Bar]] = {team: [] for team in by_department(plan, list(plan.teams))}
    for initiative in plan.initiatives.values():
        when = schedule.get(initiative.id)
        if when is None or when.finish < start or when.start > finish:
            continue
        owner = initiative.owner if initiative.owner in plan.teams else None
        lanes.setdefault(owner, []).append(
            Bar(
                initiative.id,
                printable(initiative.name[:300]),
                when.start,
                when.finish,
                when.critical,
                initiative.duration <= 0,
                initiative.status == "dropped",
                baseline.get(initiative.id) if baseline.get(initiative.id) != when.finish else None,
            )
        )
    return lanes


def pack(bars: list[Bar], x_of, label_width) -> list[list[Bar]]:
    """Bars in rows so that no two bars or labels overlap (first fit, by start)."""
    rows: list[list[Bar]] = []
    ends: list[float] = []
    for bar in sorted(bars, key=lambda b: (b.start, b.finish)):
        left = x_of(bar.start)
        right = max(x_of(bar.finish + timedelta(days=1)), left + label_width(bar)) + 3
        for n, end in enumerate(ends):
            if end <= left:
                rows[n].append(bar)
                ends[n] = right
                break
        else:
            rows.append([bar])
            ends.append(right)
    return rows


def sheet(context: Context) -> Sheet | None:
    """The wall chart's rows and tiles, or None when nothing scheduled falls in the printed window."""
    start, finish = context.span()
    if not context.analysis.schedule or start is None or finish is None or start > finish:
        return None
    width, height = context.landscape
    label = min(140.0, width * 0.18)
    first = start - timedelta(days=start.weekday())

    def x_of(day: date) -> float:
        return (day - first).days * SCALE

    def label_width(bar: Bar) -> float:
        return min(LABEL_LIMIT, width_of(bar.name, 6.5)) + (6 if bar.milestone else 2) + 1

    lanes, rows = [], []
    for team, owned in bars(context).items():
        if owned:
            fill = tint(context.plan.teams[team].color) if team in context.plan.teams else GREY_FILL
            department = context.plan.teams[team].department.strip() if team in context.plan.teams else ""
            lane = Lane(context.team(team), fill, pack(owned, x_of, label_width), department)
            lanes.append(lane)
            rows += [(lane, n) for n in range(len(lane.rows))]
    if not rows:
        return None
    days = int((width - label) / SCALE)
    columns = []
    while not columns or columns[-1].last <= finish:
        day = first + timedelta(days=len(columns) * (days - OVERLAP_DAYS))
        columns.append(Window(day, day + timedelta(days=days), ""))
    room = height - 2 - LEGEND - AXIS - MARKS - 12
    bands, top, used = [], 0, 0.0
    for n, (_, row) in enumerate(rows):
        needed = ROW + (LANE_GAP if row == 0 else 0)
        if used + needed > room and n > top:
            bands.append((top, n))
            top, used = n - 1, ROW + LANE_GAP  # the next band repeats this band's last row
        used += needed
    bands.append((top, len(rows)))
    return Sheet(lanes, rows, columns, bands, label)


def wall_chart(context: Context) -> list:
    """The wall chart's tiles, band by band, preceded by the section heading."""
    story: list = [Heading("Score wall chart", "h1", "wallchart", section="Score wall chart")]
    chart = sheet(context)
    if chart is None:
        return story
    width, height = context.landscape
    where = {}  # each initiative's bar, row and tile
    for n, (lane, row) in enumerate(chart.rows):
        for bar in lane.rows[row]:
            where[bar.initiative] = (bar, chart.tile_of(bar, n))
    links = [d.key for d in context.plan.dependencies.values() if d.before in where and d.after in where]
    for band, (first, last) in enumerate(chart.bands):
        for column, window in enumerate(chart.columns):
            cut: dict[int, Lane] = {}  # each lane as this tile shows it: the same rows, only this period's bars
            rows = []
            for lane, row in chart.rows[first:last]:
                if id(lane) not in cut:
                    shown = [
                        _clipped(
                            [b for b in bars if b.start < window.last and b.finish >= window.first],
                            window,
                            chart.label,
                            width,
                        )
                        for bars in lane.rows
                    ]
                    cut[id(lane)] = Lane(lane.team, lane.fill, shown, lane.department)
                rows.append((cut[id(lane)], row))
            page_height = height - (36 if band == column == 0 else 2)
            story.append(TilePage(context, chart, band, column, rows, width, page_height, links, where))
    return story


def _clipped(bars: list[Bar], window: Window, label: float, width: float) -> list[Bar]:
    """Bars that began on an earlier tile keep only as much name as fits before the next bar in their row."""
    scale = (width - label) / (window.last - window.first).days
    result = []
    for n, bar in enumerate(bars):
        if bar.start < window.first and n + 1 < len(bars):
            room = (bars[n + 1].start - window.first).days * scale - 14
            bar = replace(bar, name=fit(bar.name, max(room, 0), 6.5) if room > 12 else "")
        result.append(bar)
    return result


class TilePage(GanttPage):
    """One tile: a Gantt page with its place in the wall chart, overlap strips and stubs for arrows."""

    def __init__(self, context, chart: Sheet, band: int, column: int, rows, width, height, links, where):
        size = f"{len(chart.bands)} × {len(chart.columns)}"
        title = f"Row {band + 1}, column {column + 1} of {size}"
        outline = (f"wallchart-{band}-{column}", title) if column == 0 else None
        window = chart.columns[column]
        super().__init__(context, window, rows, width, height - MARKS, title, outline, [], "")
        self.chart, self.band, self.column, self.full_height = chart, band, column, height
        on_tile = {b.initiative for lane, row in rows for b in lane.rows[row]}
        self.arrows = [(a, b) for a, b in links if a in on_tile and b in on_tile]
        self.stubs = [(a, b, a in on_tile) for a, b in links if (a in on_tile) != (b in on_tile)]
        self.where = where

    def wrap(self, available_width, available_height):
        return self.width, self.full_height

    def draw(self):
        canvas = self.canv
        canvas.fill(tile_form(self.band, self.column), str(canvas.getPageNumber()), STUB, colour=MUTED)
        canvas.translate(0, MARKS)
        super().draw()
        canvas.translate(0, -MARKS)
        self._overlaps()
        self._assembly()

    def _arrows(self, places) -> None:
        super()._arrows(places)
        leaving, arriving = defaultdict(list), defaultdict(list)  # bar on this tile: the other ends
        for before, after, out in self.stubs:
            if out and before in places:
                leaving[before].append(self.where[after])
            elif not out and after in places:
                arriving[after].append(self.where[before])
        canvas, after_name = self.canv, {}
        for initiative, others in leaving.items():
            _, right, y = places[initiative]
            x = min(self._name_end(initiative, places), self.width - STUB_ROOM - 12)  # kept on the page
            canvas.rules([(right, y, x + 8, y)], 0.5, MUTED)
            self._head(x + 8, y)
            self._stub_label(x + 10, y, "to", others)
            after_name[initiative] = x + 14 + self._stub_width("to", others)
        for initiative, others in arriving.items():
            x, _, y = places[initiative]
            canvas.rules([(x - 8, y, x, y)], 0.5, MUTED)
            self._head(x, y)
            start = x - 9 - self._stub_width("from", others)
            if start < self.label + 2:  # no room before the bar: after its name (and stub) instead
                start = after_name.get(initiative, self._name_end(initiative, places) + 4)
            self._stub_label(start, y, "from", others)

    def _name_end(self, initiative: str, places) -> float:
        """Where a bar's name ends as drawn, or the bar's end when that is further."""
        left, right, _ = places[initiative]
        return max(right, left + 3 + min(LABEL_LIMIT, width_of(self.where[initiative][0].name, 6.5)))

    def _stub_parts(self, word: str, others) -> tuple[list[tuple[str, str]], int]:
        """The named ends of a bar's stub that fit in STUB_ROOM, with their page forms, and how many more."""
        parts, used = [], width_of(word, STUB)
        for bar, tile in others:
            text = f"{' ' if not parts else '; '}{fit(bar.name, STUB_NAME, STUB)}, p."
            if parts and used + width_of(text, STUB) + NUMBER > STUB_ROOM - 30:
                break
            parts.append((text, tile_form(*tile)))
            used += width_of(text, STUB) + NUMBER
        return parts, len(others) - len(parts)

    def _stub_width(self, word: str, others) -> float:
        parts, more = self._stub_parts(word, others)
        counted = width_of(f"  +{more} more", STUB) if more else 0
        return width_of(word, STUB) + sum(width_of(t, STUB) + NUMBER for t, _ in parts) + counted

    def _stub_label(self, x: float, y: float, word: str, others) -> None:
        """'to Name, p. 12; Other, p. 40 +3 more' on a white backing, page numbers filled in at the end."""
        canvas = self.canv
        parts, more = self._stub_parts(word, others)
        canvas.box(x - 1, y - 2.5, self._stub_width(word, others) + 2, STUB + 1.5, WHITE)
        canvas.setFillColor(MUTED)
        canvas.text(x, y - 2, word, FONT, STUB)
        x += width_of(word, STUB)
        for text, form in parts:
            canvas.text(x, y - 2, text, FONT, STUB)
            x += width_of(text, STUB) + 1
            canvas.later(form, x, y - 2)
            x += NUMBER - 1
        if more:
            canvas.text(x, y - 2, f"  +{more} more", FONT, STUB)

    def _overlaps(self) -> None:
        """Shade what this tile repeats of its neighbours: glue the neighbour over it."""
        canvas, chart_top = self.canv, MARKS + self.height - LEGEND - AXIS
        if self.column:
            x = self.label
            right = self.x(self.window.first + timedelta(days=OVERLAP_DAYS))
            canvas.setFillColor(MUTED)
            canvas.setStrokeColor(MUTED)
            canvas.setDash(2, 2)
            canvas.line(x, MARKS, x, chart_top)
            canvas.line(right, MARKS, right, chart_top)
            canvas.setDash()
            canvas.text(x + 2, MARKS + 2, f"cut here; column {self.column} covers to the next line", FONT, 5.5)
        if self.band:
            y = chart_top - ROW - LANE_GAP
            canvas.setStrokeColor(MUTED)
            canvas.setDash(2, 2)
            canvas.line(0, y, self.width, y)
            canvas.setDash()

    def _assembly(self) -> None:
        """Where this tile goes, under the chart."""
        chart, canvas = self.chart, self.canv
        bands, columns = len(chart.bands), len(chart.columns)
        parts = [f"Wall chart: row {self.band + 1}, column {self.column + 1} of {bands} × {columns}"]
        if self.column:
            parts.append(f"left: column {self.column}")
        if self.column + 1 < columns:
            parts.append(f"right: column {self.column + 2}")
        if self.band:
            parts.append(f"above: row {self.band} (its last row is repeated here)")
        if self.band + 1 < bands:
            parts.append(f"below: row {self.band + 2}")
        canvas.setFillColor(MUTED)
        canvas.text(0, 2, " · ".join(parts), FONT, 7)


def tile_form(band: int, column: int) -> str:
    return f"tile-{band}-{column}"

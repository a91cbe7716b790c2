"""Painting the Score: only the lanes, bars, cues and markers that fall in the frame, for the window and for export."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPen, QPolygonF

from views.qt.network_scene import CRITICAL, INK, QUIET, SELECTED, WARNING, lighter
from views.qt.score_layout import Bar, Score
from views.qt.score_scale import TimeScale

LABELS = 180  # width of the team names on the left
AXIS = 44  # height of the time axis on top
FONT = QFont("DejaVu Sans", 9)
SMALL = QFont("DejaVu Sans", 8)
ELIDE = Qt.TextElideMode.ElideRight
MARKER_LINES = 12  # more goal deadlines in view than this are marked on the axis only, not across the lanes
CUE_LINES = 60  # more hand-offs in view than this show as stubs at each lane, except late ones
OVERLOAD = QColor(232, 113, 10, 46)
TODAY = QColor("#1A73E8")
DEPARTMENT_BAND = 18.0  # width of the department band left of the lane names


@dataclass
class Frame:
    """What to paint: the score on its scale, the content point at the frame's top-left corner, and the state."""

    score: Score
    scale: TimeScale
    left: float  # content x at the left edge of the bars' area
    top: float  # content y at the top of the lanes' area
    width: float
    height: float
    names: dict
    colors: dict  # team id -> QColor; initiatives take their owner's
    owners: dict  # initiative id -> owner team id
    today: int
    selected: str | None = None
    chain: list = field(default_factory=list)  # dependency edges to draw: the selection's chain
    matches: frozenset = frozenset()  # initiatives the search finds
    preview: tuple | None = None  # (bar, first, last) while a bar is dragged


def paint_score(painter: QPainter, frame: Frame, palette: QPalette) -> None:
    """Paint the frame: lanes, shading, markers, bars, cues, the chain, then the axis and the lane names over them."""
    score, scale = frame.score, frame.scale
    first_day = scale.day_at(frame.left)
    last_day = scale.day_at(frame.left + frame.width - LABELS)
    lanes = score.lanes_between(frame.top, frame.top + frame.height - AXIS)

    def x(day: float) -> float:
        return LABELS + scale.x(day) - frame.left

    def y(value: float) -> float:
        return AXIS + value - frame.top

    painter.fillRect(QRectF(0, 0, frame.width, frame.height), palette.base())
    painter.setClipRect(QRectF(LABELS, AXIS, frame.width - LABELS, frame.height - AXIS))
    band = palette.alternateBase()
    grid = QPen(palette.mid().color(), 0)
    first_lane = score.lanes.index(lanes[0]) if lanes else 0
    for n, lane in enumerate(lanes, start=first_lane):
        top = y(lane.top)
        if n % 2:
            painter.fillRect(QRectF(LABELS, top, frame.width, lane.height), band)
        for start, end in lane.overloaded:
            if end >= first_day and start <= last_day:
                painter.fillRect(QRectF(x(start), top, x(end + 1) - x(start), lane.height), OVERLOAD)
    ticks = scale.ticks(int(first_day) - 1, int(last_day) + 1, score.calendar)
    for tick in ticks:
        painter.setPen(QPen(palette.mid().color(), 0, Qt.PenStyle.SolidLine if tick.major else Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(x(tick.day), AXIS), QPointF(x(tick.day), frame.height))
    markers = [marker for marker in score.markers if first_day - 1 <= marker.day <= last_day + 1]
    for marker in markers if len(markers) <= MARKER_LINES else ():
        painter.setPen(QPen(CRITICAL if marker.late else QUIET, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x(marker.day + 1), AXIS), QPointF(x(marker.day + 1), frame.height))
    painter.setPen(QPen(TODAY, 2))
    painter.drawLine(QPointF(x(frame.today), AXIS), QPointF(x(frame.today), frame.height))

    painter.setFont(FONT)
    metrics = QFontMetrics(FONT)
    text_pen = QPen(INK)
    ends = _department_ends(score) if department_band(score) else set()
    for lane in lanes:
        painter.setPen(QPen(palette.dark().color(), 1) if id(lane) in ends else grid)
        painter.drawLine(QPointF(LABELS, y(lane.top + lane.height)), QPointF(frame.width, y(lane.top + lane.height)))
        for bar in lane.bars_between(first_day, last_day):
            _paint_bar(painter, frame, bar, x, y, metrics, text_pen, lane.collapsed)
    if frame.preview is not None:
        bar, start, end = frame.preview
        painter.setPen(QPen(SELECTED, 2, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(x(start), y(bar.top), max(x(end + 1) - x(start), 3), bar.height))
    _paint_cues(painter, frame, x, y, first_day, last_day)
    _paint_chain(painter, frame, x, y)
    painter.setClipping(False)
    _paint_axis(painter, frame, ticks, x, palette)
    _paint_names(painter, frame, lanes, y, palette)


def _paint_bar(painter, frame: Frame, bar: Bar, x, y, metrics, text_pen, collapsed: bool) -> None:
    color = frame.colors.get(frame.owners.get(bar.initiative), QUIET)
    left, top = x(bar.first), y(bar.top)
    width = max(x(bar.last + 1) - left, 2.0)
    if bar.ghost:
        ghost = QColor(color)
        ghost.setAlpha(110)
        painter.fillRect(QRectF(left, top, width, bar.height), ghost)
        return
    selected = bar.initiative == frame.selected
    if bar.critical:
        pen = QPen(CRITICAL, 2.5)
    else:
        pen = QPen(color.darker(130), 1)
    if selected:
        pen = QPen(SELECTED, 3)
    fill = QColor("#E8EAED") if bar.dropped else lighter(color, 0.55)
    if bar.initiative in frame.matches:
        fill = QColor("#FDD663")
    painter.setPen(pen)
    painter.setBrush(QBrush(fill, Qt.BrushStyle.BDiagPattern) if bar.dropped else fill)
    if bar.milestone:
        middle, half = x(bar.first + 0.5), bar.height / 2
        centre = top + half
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(middle, top - 1),
                    QPointF(middle + half + 1, centre),
                    QPointF(middle, top + bar.height + 1),
                    QPointF(middle - half - 1, centre),
                ]
            )
        )
        left, width = middle + half + 4, 160.0
        if collapsed or frame.scale.day_width < 6:
            return
    else:
        painter.drawRect(QRectF(left, top, width, bar.height))
        if collapsed or width < 28:
            return
    painter.setPen(QColor(INK) if not bar.dropped else QColor(QUIET))
    if left < LABELS:  # a bar that starts before the window: its name starts where the bar shows
        width, left = width - (LABELS - left), LABELS
        if width < 28:
            return
    name = metrics.elidedText(frame.names.get(bar.initiative, ""), ELIDE, int(width - 8))
    painter.drawText(QRectF(left + 4, top, width - 6, bar.height), Qt.AlignmentFlag.AlignVCenter, name)


def _paint_cues(painter, frame: Frame, x, y, first_day: float, last_day: float) -> None:
    """Hand-offs: a vertical arrow at the due date between the lanes' first rows; late ones in warning style.

    When many are in view, on-time ones shrink to a stub at each end so the lanes stay readable.
    """
    top, bottom = frame.top, frame.top + frame.height
    cues = [
        cue
        for cue in frame.score.cues_between(first_day - 1, last_day + 1)
        if max(cue.source.middle, cue.target.middle) >= top and min(cue.source.middle, cue.target.middle) <= bottom
    ]
    stubs = len(cues) > CUE_LINES
    # drawn in two batches (on time, late), each one pen for the lines and one path for heads and tails
    for late in (False, True):
        color = QColor(WARNING if late else INK)
        color.setAlpha(230 if late else 90)
        lines, marks = [], QPainterPath()
        for cue in cues:
            if cue.late != late:
                continue
            start, end = y(cue.source.middle), y(cue.target.middle)
            at = x(cue.day + 1) - 1
            step = 5 if end > start else -5
            if stubs and not late:  # a tick into the receiving lane, a shorter one out of the sending lane
                lines += [QLineF(at, end - step * 3, at, end), QLineF(at, start, at, start + step)]
                continue
            lines.append(QLineF(at, start, at, end))
            marks.addPolygon(
                QPolygonF([QPointF(at, end), QPointF(at - 4, end - step * 1.4), QPointF(at + 4, end - step * 1.4)])
            )
            marks.addEllipse(QPointF(at, start), 2.5, 2.5)
        if lines:
            painter.setPen(QPen(color, 2 if late else 1, Qt.PenStyle.DashLine if late else Qt.PenStyle.SolidLine))
            painter.drawLines(lines)
            painter.fillPath(marks, color)


def _paint_chain(painter, frame: Frame, x, y) -> None:
    """The selection's dependencies: from the end of what it waits for to the start of what waits, as elbows.

    Those of the selection itself are strong, the rest of its chain faint; a link with neither end in view is left
    out, so a long chain does not bar the window with lines from elsewhere.
    """
    bars = frame.score.bars
    bottom = frame.top + frame.height
    faint = QColor(SELECTED)
    faint.setAlpha(110)
    for before, after in frame.chain:
        if before not in bars or after not in bars:
            continue
        a, b = bars[before], bars[after]
        start = QPointF(x(a.last + 1), y(a.top + a.height / 2))
        end = QPointF(x(b.first), y(b.top + b.height / 2))
        seen = [
            LABELS <= point.x() <= frame.width and frame.top <= bar.top <= bottom
            for point, bar in ((start, a), (end, b))
        ]
        if not any(seen):
            continue
        own = frame.selected in (before, after)
        color = SELECTED if own else faint
        bend = max(start.x() + 6, end.x() - 6)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(color, 2 if own else 1))
        painter.drawPolyline(QPolygonF([start, QPointF(bend, start.y()), QPointF(bend, end.y()), end]))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPolygon(QPolygonF([end, end + QPointF(-6, -3.5), end + QPointF(-6, 3.5)]))


def _paint_axis(painter, frame: Frame, ticks, x, palette: QPalette) -> None:
    painter.fillRect(QRectF(0, 0, frame.width, AXIS), palette.window())
    painter.setPen(QPen(palette.mid().color(), 0))
    painter.drawLine(QPointF(0, AXIS - 0.5), QPointF(frame.width, AXIS - 0.5))
    painter.setClipRect(QRectF(LABELS, 0, frame.width - LABELS, AXIS))
    painter.setFont(SMALL)
    metrics = QFontMetrics(SMALL)
    room = LABELS
    painter.setPen(palette.windowText().color())
    for tick in ticks:
        left = x(tick.day)
        width = metrics.horizontalAdvance(tick.label) + 8
        if left >= room and tick.label:
            painter.drawLine(QPointF(left, AXIS - 8), QPointF(left, AXIS))
            painter.drawText(QPointF(left + 3, AXIS - 10), tick.label)
            room = left + width
    markers = sorted(
        (marker for marker in frame.score.markers if LABELS - 6 <= x(marker.day + 1) <= frame.width + 6),
        key=lambda marker: marker.day,
    )
    named = len(markers) <= MARKER_LINES  # crowded deadlines are marks only: their names would run together
    room = LABELS
    for marker in markers:
        at = x(marker.day + 1)
        painter.setBrush(CRITICAL if marker.late else QUIET)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawPolygon(QPolygonF([QPointF(at, 15), QPointF(at - 4, 7), QPointF(at + 4, 7)]))
        if named and at + 7 >= room:
            name = metrics.elidedText(marker.name, ELIDE, 150)
            painter.setPen(CRITICAL if marker.late else palette.windowText().color())
            painter.drawText(QRectF(at + 7, 2, 150, 14), name)
            room = at + 7 + metrics.horizontalAdvance(name) + 10
    today = x(frame.today)
    if today >= LABELS:
        painter.setPen(TODAY)
        painter.drawText(QPointF(today + 3, AXIS - 24), "Today")
    painter.setClipping(False)
    painter.setPen(palette.windowText().color())
    painter.drawText(QRectF(8, 0, LABELS - 12, AXIS), Qt.AlignmentFlag.AlignVCenter, f"Team · by {frame.scale.unit}")


def _department_ends(score: Score) -> set[int]:
    """The lanes (by id) after which another department begins: a firmer rule is drawn under them."""
    return {id(lane) for lane, below in zip(score.lanes, score.lanes[1:]) if lane.department != below.department}


def department_band(score: Score) -> float:
    """The width of the department band left of the lane names: none when no team names a department."""
    return DEPARTMENT_BAND if any(lane.department for lane in score.lanes) else 0.0


def _paint_names(painter, frame: Frame, lanes, y, palette: QPalette) -> None:
    painter.setClipRect(QRectF(0, AXIS, LABELS, frame.height - AXIS))
    painter.fillRect(QRectF(0, AXIS, LABELS, frame.height - AXIS), palette.window())
    painter.setFont(FONT)
    metrics = QFontMetrics(FONT)
    band = department_band(frame.score)
    for lane in lanes:
        top = y(lane.top)
        painter.setPen(QPen(palette.mid().color(), 0))
        painter.drawLine(QPointF(band, top + lane.height), QPointF(LABELS, top + lane.height))
        color = frame.colors.get(lane.team, QUIET)
        painter.fillRect(QRectF(band, top + 1, 4, lane.height - 2), color)
        painter.setPen(palette.windowText().color())
        top = min(max(top, AXIS), top + lane.height - min(lane.height, 28))  # the name stays in view with its lane
        painter.drawText(
            QRectF(band + 8, top, 14, min(lane.height, 28)),
            Qt.AlignmentFlag.AlignVCenter,
            "▸" if lane.collapsed else "▾",
        )
        name = metrics.elidedText(lane.name, ELIDE, int(LABELS - 30 - band))
        painter.drawText(
            QRectF(band + 24, top, LABELS - 28 - band, min(lane.height, 28)), Qt.AlignmentFlag.AlignVCenter, name
        )
    if band:
        _paint_departments(painter, frame, lanes, y, palette, band)
    painter.setPen(QPen(palette.mid().color(), 0))
    painter.drawLine(QPointF(LABELS - 0.5, 0), QPointF(LABELS - 0.5, frame.height))
    painter.setClipping(False)


def _paint_departments(painter, frame: Frame, lanes, y, palette: QPalette, band: float) -> None:
    """A band along the lane names for each run of lanes of one department, its name written up the band
    (kept in view while any of its lanes is)."""
    runs: list[list] = []
    for lane in lanes:
        if runs and runs[-1][0].department == lane.department:
            runs[-1].append(lane)
        else:
            runs.append([lane])
    font = QFont(SMALL)
    font.setBold(True)
    painter.setFont(font)
    metrics = QFontMetrics(font)
    for n, run in enumerate(runs):
        top, bottom = y(run[0].top), y(run[-1].top + run[-1].height)
        painter.fillRect(QRectF(0, top, band, bottom - top), palette.window().color().darker(116 if n % 2 else 108))
        painter.setPen(QPen(palette.dark().color(), 1))
        painter.drawLine(QPointF(0, bottom), QPointF(LABELS, bottom))
        shown_top, shown_bottom = max(top, AXIS), min(bottom, frame.height)
        words = run[0].department or "No department"
        name = metrics.elidedText(words, ELIDE, int(shown_bottom - shown_top - 6))
        if name:
            painter.save()
            painter.translate(band / 2, shown_bottom - 3)
            painter.rotate(-90)
            painter.setPen(palette.windowText().color())
            painter.drawText(
                QRectF(0, -band / 2, shown_bottom - shown_top - 6, band), Qt.AlignmentFlag.AlignCenter, name
            )
            painter.restore()

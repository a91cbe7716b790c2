"""A goal's trend drawn small for a table row: check-ins, the baseline, the target at the deadline and the forecast."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect

from views.pdf.styles import INK, MUTED, OFF_TRACK, ON_TRACK, RULE
from views.trend import Trend

INSET = 3  # points kept free around the markers


def trend_drawing(trend: Trend, on_track: bool | None, width: float, height: float) -> Drawing:
    """The trend as a reportlab Drawing of `width` x `height` points."""
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, strokeColor=RULE, strokeWidth=0.25, fillColor=None))
    inner_width, inner_height = width - 2 * INSET, height - 2 * INSET

    def at(point: tuple[float, float]) -> tuple[float, float]:
        return INSET + point[0] * inner_width, INSET + point[1] * inner_height

    colour = {True: ON_TRACK, False: OFF_TRACK}.get(on_track, MUTED)
    if trend.baseline is not None:
        y = at((0, trend.baseline))[1]
        drawing.add(Line(INSET, y, width - INSET, y, strokeColor=RULE, strokeWidth=0.4, strokeDashArray=[1, 1]))
    if trend.forecast is not None:
        (x1, y1), (x2, y2) = map(at, trend.forecast)
        drawing.add(Line(x1, y1, x2, y2, strokeColor=colour, strokeWidth=0.6, strokeDashArray=[2, 1]))
    points = [coordinate for point in trend.checkins for coordinate in at(point)]
    if len(trend.checkins) > 1:
        drawing.add(PolyLine(points, strokeColor=INK, strokeWidth=0.7))
    for point in trend.checkins:
        drawing.add(Circle(*at(point), 0.9, fillColor=INK, strokeColor=None))
    if trend.target is not None:
        x, y = at(trend.target)
        diamond = [x, y + 2.2, x + 2.2, y, x, y - 2.2, x - 2.2, y]
        drawing.add(Polygon(diamond, strokeColor=colour, strokeWidth=0.7, fillColor=None))
    return drawing

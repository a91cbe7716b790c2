"""The outline of a declared team relation between two discs, shared by the window and the PDF: a band with a
head at both ends (collaboration), at the served team's end (x-as-a-service, from `a` to `b`) or none."""

from __future__ import annotations

import math

Point = tuple[float, float]
# What each mode looks like, in the legends of both pictures
MODE_LEGEND = {
    "collaboration": "Collaboration (two-way band)",
    "x-as-a-service": "X-as-a-service (from the providing team)",
    "facilitating": "Facilitating (dashed band)",
}


def relation_outline(
    mode: str, start: Point, end: Point, start_gap: float, end_gap: float, half: float, wide: float, head: float
) -> list[Point]:
    """The band's corners from disc centre `start` to `end`, beginning `start_gap` and ending `end_gap` from them:
    `half` its half-width, `wide` a head's half-width and `head` a head's length.

    >>> relation_outline("x-as-a-service", (0, 0), (10, 0), 0, 0, 1, 2, 3)
    [(0.0, 1.0), (0.0, -1.0), (7.0, -1.0), (7.0, -2.0), (10.0, 0.0), (7.0, 2.0), (7.0, 1.0)]
    """
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    a = (x1 + ux * start_gap, y1 + uy * start_gap)
    b = (x2 - ux * end_gap, y2 - uy * end_gap)

    def at(point: Point, along: float, across: float) -> Point:
        return (point[0] + ux * along - uy * across, point[1] + uy * along + ux * across)

    def end_of(point: Point, inward: float, headed: bool) -> list[Point]:
        """One end, from the band's right side to its left: a head reaching `point`, or a square end."""
        if not headed:
            return [at(point, 0, -half), at(point, 0, half)]
        return [
            at(point, inward, -half),
            at(point, inward, -wide),
            point,
            at(point, inward, wide),
            at(point, inward, half),
        ]

    headed_start, headed_end = mode == "collaboration", mode in ("collaboration", "x-as-a-service")
    return end_of(a, head, headed_start)[::-1] + end_of(b, -head, headed_end)

"""The printed team network: names readable, none over another name or over an arrowhead."""

from __future__ import annotations

from itertools import combinations

from reportlab.graphics.shapes import Group, Polygon, Rect, String
from reportlab.lib import colors

from domain.analysis.engine import analyze
from storage.exchange import plan_from_json
from tests.bench import generate
from tests.views.test_pdf import PRINTED
from views.pdf.context import Context
from views.pdf.network import network_drawing


def shapes(node):
    for shape in getattr(node, "contents", ()):
        yield shape
        if isinstance(shape, Group):
            yield from shapes(shape)


def test_twenty_team_names_overlap_neither_each_other_nor_arrowheads(monkeypatch):
    monkeypatch.setitem(generate.SIZES, "twenty", generate.Size(20, 200, 500, 2, 5, 0, 24, 2, 2))
    plan = plan_from_json(generate.generate_plan_json("twenty", 2))
    context = Context(plan, analyze(plan), PRINTED, "", (515, 770), (760, 480))
    drawing, _ = network_drawing(context, 515, 477)
    drawn = list(shapes(drawing))
    names = [s for s in drawn if isinstance(s, Rect) and s.fillColor == colors.white and s.strokeColor is None]
    texts = {s.text for s in drawn if isinstance(s, String)}
    assert len(names) == 20 and {team.name for team in plan.teams.values()} <= texts
    for a, b in combinations(names, 2):
        apart = a.x + a.width <= b.x or b.x + b.width <= a.x or a.y + a.height <= b.y or b.y + b.height <= a.y
        assert apart, "two team names overlap"
    tips = [(s.points[0], s.points[1]) for s in drawn if isinstance(s, Polygon)]
    assert len(tips) > 50
    hidden = [tip for tip in tips for n in names if n.x < tip[0] < n.x + n.width and n.y < tip[1] < n.y + n.height]
    assert not hidden, f"{len(hidden)} arrowheads are under names"

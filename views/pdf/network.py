"""The team network picture: who works with whom, hand-offs, silos and bottlenecks, readable in grey-scale."""

from __future__ import annotations

import math

from reportlab.graphics import shapes
from reportlab.graphics.shapes import Drawing


def _unchecked(shape: type) -> type:
    """A reportlab shape that skips its per-attribute type checks: the pictures of a large plan's
    communities hold thousands of shapes built from numbers computed here, and the checks took a
    quarter of the time to print them."""
    return type(shape.__name__, (shape,), {"__setattr__": object.__setattr__})


Circle, Group, Line, Path, Polygon, Rect, String = map(
    _unchecked, (shapes.Circle, shapes.Group, shapes.Line, shapes.Path, shapes.Polygon, shapes.Rect, shapes.String)
)

from domain.analysis.findings import INWARD_DEPARTMENT
from domain.analysis.layout import grouped_layout
from domain.analysis.organisation import live_relations
from domain.analysis.wording import signed
from views.pdf.context import Context
from views.pdf.document import Heading, kept
from views.pdf.styles import GREY_FILL, INK, MUTED, SHARED, WHITE, styles, tint
from views.pdf.tables import Row, RowTable, columns
from views.pdf.text import BOLD, FONT, fit, markup, runs, safe, width_of
from views.relation_shape import MODE_LEGEND, relation_outline

NAMED_LIMIT = 30  # up to this many teams the picture carries their names, beyond only numbers
LEGEND_HEIGHT = 46.0
MODES_ROW = 16.0  # one more legend row when the picture draws declared relations
BAND = SHARED  # the fill of a collaboration band: grey, under the hand-off arrows
MAX_SHARED = 400  # light lines for teams working together; a big plan shows only its heaviest links


def _size(headcount: int, teams: int) -> float:
    """Disc diameter in layout units, growing with the square root of headcount."""
    base = 18.0 if teams <= NAMED_LIMIT else 10.0
    return base + 3.0 * math.sqrt(max(headcount, 0))


def _arrow(
    x1: float, y1: float, x2: float, y2: float, r1: float, r2: float, width: float, shift: float
) -> tuple[Group, Box]:
    """A straight arrow between two discs, shifted sideways so opposite hand-offs do not overlap; and the
    box around its head, which no name may cover."""
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    nx_, ny_ = -uy * shift, ux * shift
    sx, sy = x1 + ux * r1 + nx_, y1 + uy * r1 + ny_
    ex, ey = x2 - ux * (r2 + 1) + nx_, y2 - uy * (r2 + 1) + ny_
    head = 3.5 + width
    bx, by = ex - ux * head, ey - uy * head
    group = Group(Line(sx, sy, bx, by, strokeColor=INK, strokeWidth=width))
    group.add(
        Polygon(
            [ex, ey, bx - uy * head * 0.5, by + ux * head * 0.5, bx + uy * head * 0.5, by - ux * head * 0.5],
            fillColor=INK,
            strokeColor=None,
        )
    )
    return group, (
        min(ex, bx) - head * 0.5,
        min(ey, by) - head * 0.5,
        max(ex, bx) + head * 0.5,
        max(ey, by) + head * 0.5,
    )


def _disc(x: float, y: float, radius: float, fill, isolated: bool, bottleneck: bool) -> Group:
    group = Group()
    if bottleneck:
        group.add(Circle(x, y, radius + 3, fillColor=None, strokeColor=INK, strokeWidth=1.2))
    group.add(
        Circle(
            x,
            y,
            radius,
            fillColor=WHITE if isolated else fill,
            strokeColor=INK,
            strokeWidth=1.6 if bottleneck else 0.6,
            strokeDashArray=[2, 1.5] if isolated else None,
        )
    )
    if isolated:
        d = radius * 0.55
        group.add(Line(x - d, y - d, x + d, y + d, strokeColor=MUTED, strokeWidth=0.6))
        group.add(Line(x - d, y + d, x + d, y - d, strokeColor=MUTED, strokeWidth=0.6))
    return group


def _relation(mode: str, x1: float, y1: float, x2: float, y2: float, r1: float, r2: float) -> Path:
    """A declared relation between two discs: a grey two-way band (collaboration), a hollow broad arrow from
    the providing team (x-as-a-service) or a dashed band (facilitating)."""
    outline = relation_outline(mode, (x1, y1), (x2, y2), r1, r2, 2.4, 4.2, 4.5)
    path = Path(strokeColor=INK, strokeWidth=0.5, fillColor=None)
    path.moveTo(*outline[0])
    for point in outline[1:]:
        path.lineTo(*point)
    path.closePath()
    if mode == "collaboration":
        path.fillColor = BAND
    elif mode == "x-as-a-service":
        path.fillColor = WHITE
    else:
        path.strokeDashArray = [2, 1.5]
    return path


def _legend(width: float, modes: list[str] = ()) -> Group:
    """The key to the shapes; a row for the declared relations' `modes` when there are any (MODES_ROW more)."""
    group, x, y = Group(), 4.0, LEGEND_HEIGHT - 14 + (MODES_ROW if modes else 0)
    group.add(_disc(x + 7, y, 6, GREY_FILL, False, False))
    group.add(String(x + 17, y - 3, "team (size: headcount)", fontName=FONT, fontSize=7))
    x += 110
    group.add(_disc(x + 7, y, 6, GREY_FILL, False, True))
    group.add(String(x + 19, y - 3, "bottleneck (double ring)", fontName=FONT, fontSize=7))
    x += 118
    group.add(_disc(x + 7, y, 6, GREY_FILL, True, False))
    group.add(String(x + 17, y - 3, "isolated team (dashed, ×)", fontName=FONT, fontSize=7))
    y -= 18
    x = 4.0
    group.add(Line(x, y, x + 18, y, strokeColor=SHARED, strokeWidth=1.5))
    group.add(String(x + 24, y - 3, "work together on initiatives", fontName=FONT, fontSize=7))
    x += 140
    group.add(_arrow(x, y, x + 26, y, 0, 0, 0.7, 0)[0])
    group.add(String(x + 30, y - 3, "hand-offs (thicker: more of them)", fontName=FONT, fontSize=7))
    y -= MODES_ROW
    x = 4.0
    for mode in modes:
        group.add(_relation(mode, x, y, x + 24, y, 0, 0))
        words = MODE_LEGEND[mode].lower()
        group.add(String(x + 30, y - 3, words, fontName=FONT, fontSize=7))
        x += 40 + width_of(words, 7)
    return group


Box = tuple[float, float, float, float]  # left, bottom, right, top


def _overlap(a: Box, b: Box) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _name_box(x: float, y: float, radius: float, half: float, side: str) -> Box:
    """Where a name of half-width `half` goes on one side of a disc (9 points high)."""
    if side == "below":
        return x - half, y - radius - 11, x + half, y - radius - 2
    if side == "above":
        return x - half, y + radius + 2, x + half, y + radius + 11
    if side == "right":
        return x + radius + 2, y - 4.5, x + radius + 2 + 2 * half, y + 4.5
    return x - radius - 2 - 2 * half, y - 4.5, x - radius - 2, y + 4.5


def place_names(
    discs: dict[str, tuple[float, float, float]], halves: dict[str, float], heads: list[Box], bounds: Box
) -> dict[str, Box]:
    """A box for each name beside its disc (below, above, right or left), the side that covers the least
    of other names, discs and arrowheads, and stays inside `bounds`."""
    obstacles = [(x - r, y - r, x + r, y + r) for x, y, r in discs.values()] + heads
    placed: dict[str, Box] = {}
    for team, (x, y, radius) in discs.items():
        best, least = None, math.inf
        for side in ("below", "above", "right", "left"):
            box = _name_box(x, y, radius, halves[team], side)
            if box[0] < bounds[0] or box[2] > bounds[2] or box[1] < bounds[1] or box[3] > bounds[3]:
                continue
            covered = sum(_overlap(box, other) for other in obstacles) + sum(
                _overlap(box, other) for other in placed.values()
            )
            if covered < least:
                best, least = box, covered
            if covered == 0:
                break
        placed[team] = best or _name_box(x, y, radius, halves[team], "below")
    return placed


def shared_links(graph) -> list[tuple[str, str]]:
    """The links drawn as light lines: all of them, or the heaviest when there are too many to read.

    Ordered by weight and then by the teams' ids: a subgraph view yields its edges in set order, which
    changes from run to run, and the same plan must print the same bytes."""
    links = sorted((-weight, *sorted((a, b))) for a, b, weight in graph.edges(data="weight", default=1))
    return [(a, b) for _, a, b in links[:MAX_SHARED]]


def network_drawing(
    context: Context, width: float, height: float, only: list[str] | None = None
) -> tuple[Drawing, dict[str, int]]:
    """The picture of every team (or `only` these), and the number each team carries in it."""
    plan, network = context.plan, context.analysis.network
    teams = list(plan.teams) if only is None else only
    numbers = {team: n for n, team in enumerate(teams, start=1)}
    relations, _ = live_relations(plan, numbers, context.analysis.start)
    modes = [mode for mode in MODE_LEGEND if any(r.mode == mode for r in relations)]
    legend_height = LEGEND_HEIGHT + (MODES_ROW if modes else 0)
    drawing = Drawing(width, height)
    drawing.add(_legend(width, modes))
    if not teams:
        return drawing, numbers
    size = {t: _size(plan.teams[t].headcount, len(teams)) for t in teams}
    gap = 26.0 if len(teams) <= NAMED_LIMIT else 8.0
    groups = network.communities if only is None else [teams]
    positions = grouped_layout(teams, groups, network.isolated if only is None else (), size, gap)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    margin = max(size.values()) / 2 + 4
    spread_x = max(max(xs) - min(xs), 1.0) + 2 * margin
    spread_y = max(max(ys) - min(ys), 1.0) + 2 * margin
    label_room = 12.0 if len(teams) <= NAMED_LIMIT else 0.0
    area_height = height - legend_height - label_room
    scale = min(width / spread_x, area_height / spread_y, 2.5)
    offset_x = (width - spread_x * scale) / 2
    top = height - 2

    def place(team: str) -> tuple[float, float]:
        x, y = positions[team]
        return offset_x + (x - min(xs) + margin) * scale, top - (y - min(ys) + margin) * scale

    where = {t: place(t) for t in teams}
    radius = {t: size[t] / 2 * scale for t in teams}
    for a, b in shared_links(network.graph if only is None else network.graph.subgraph(teams)):
        drawing.add(Line(*where[a], *where[b], strokeColor=SHARED, strokeWidth=0.5))
    for relation in relations:
        a, b = relation.a, relation.b
        drawing.add(_relation(relation.mode, *where[a], *where[b], radius[a] + 0.5, radius[b] + 1))
    heads: list[Box] = []
    handoffs = network.handoff_graph.adj  # the edges of the teams drawn, not of all teams for each community
    counts = {(a, b): data["weight"] for a in teams for b, data in handoffs[a].items() if a != b and b in numbers}
    for (a, b), count in sorted(counts.items(), key=lambda item: (numbers[item[0][0]], numbers[item[0][1]])):
        shift = 2.0 if (b, a) in counts else 0.0
        arrow, head = _arrow(*where[a], *where[b], radius[a], radius[b], min(0.5 + 0.4 * count, 3.5), shift)
        drawing.add(arrow)
        heads.append(head)
    isolated = set(network.isolated)
    bottlenecks = {t for t, _ in network.bottlenecks}
    names = []  # drawn last, on white, so no line crosses them
    if label_room:
        shown = {t: fit(plan.teams[t].name, 90, 7) for t in teams}
        boxes = place_names(
            {t: (*where[t], radius[t] + (3 if t in bottlenecks else 0)) for t in teams},
            {t: width_of(shown[t], 7) / 2 + 1.5 for t in teams},
            heads,
            (0, legend_height, width, height),
        )
    for team in teams:
        x, y = where[team]
        fill = tint(plan.teams[team].color) if plan.teams[team].color else GREY_FILL
        drawing.add(_disc(x, y, radius[team], fill, team in isolated, team in bottlenecks))
        label = str(numbers[team])
        font_size = max(5.0, min(8.0, radius[team]))
        drawing.add(
            String(
                x, y - font_size * 0.35, label, fontName=BOLD, fontSize=font_size, textAnchor="middle", fillColor=INK
            )
        )
        if label_room:
            left, bottom, right, top = boxes[team]
            names.append(Rect(left, bottom, right - left, top - bottom, fillColor=WHITE, strokeColor=None))
            x = left + 1.5
            for font, chunk in runs(shown[team], FONT):  # Chinese, Japanese and Korean in their own fonts
                names.append(String(x, bottom + 2, chunk, fontName=font, fontSize=7, fillColor=INK))
                x += width_of(chunk, 7)
    for shape in names:
        drawing.add(shape)
    return drawing, numbers


def team_network(context: Context) -> list:
    """The section: picture, named silos and bottlenecks, and the key to the numbers."""
    plan, network, s = context.plan, context.analysis.network, styles()
    width, height = context.portrait
    story = [
        Heading("Team network", "h1", "network", section="Team network"),
        markup(
            "Teams close together belong to the same community: they work with each other more than "
            "with the rest. Isolated teams stand apart on the right.",
            s["muted"],
        ),
    ]
    drawing, numbers = network_drawing(context, width, min(width, height * 0.62))
    story.append(drawing)
    isolated = [context.team(t) for t in network.isolated]
    bottlenecks = [context.team(t) for t, _ in network.bottlenecks]
    links = network.graph.number_of_edges()
    if links > MAX_SHARED:
        story.append(
            markup(
                f"Of {links} pairs of teams working together, the {MAX_SHARED} with the most shared "
                "work and hand-offs are drawn as light lines; every hand-off is drawn.",
                s["muted"],
            )
        )
    story.append(
        markup(
            "<b>Isolated teams (no shared work and no hand-offs):</b> "
            + (safe("; ".join(isolated), 3000) if isolated else "none."),
            s["body"],
        )
    )
    story.append(
        markup(
            "<b>Bottlenecks (most work between other teams passes through them):</b> "
            + (safe("; ".join(bottlenecks), 3000) if bottlenecks else "none."),
            s["body"],
        )
    )
    story += relations_note(context) + departments(context, width)
    story += key(context, list(plan.teams), numbers, width)
    return story


def relations_note(context: Context) -> list:
    """A sentence on the declared relations the pictures leave out because they have ended."""
    _, ended = live_relations(context.plan, context.plan.teams, context.analysis.start)
    if not ended:
        return []
    words = "relation has" if ended == 1 else "relations have"
    return [markup(f"{ended} declared {words} ended and {'is' if ended == 1 else 'are'} not drawn.", styles()["muted"])]


def departments(context: Context, width: float) -> list:
    """The departments with their teams and E-I index, those working mostly inside themselves marked; with a
    sentence saying what the index is."""
    network, s = context.analysis.network, styles()
    if not network.departments:
        return []
    rows = []
    for name, department in network.departments.items():
        index = department.ei_index
        inward = index is not None and index < INWARD_DEPARTMENT
        rows.append(
            Row(
                [
                    name,
                    str(len(department.teams)),
                    "no ties" if index is None else signed(index),
                    "WORKS MOSTLY INSIDE ITSELF" if inward else "",
                ],
                bold=inward,
            )
        )
    placed = sum(len(department.teams) for department in network.departments.values())
    if placed < len(context.plan.teams):
        rows.append(Row(["(no department)", str(len(context.plan.teams) - placed), "—", ""]))
    return [
        *kept(Heading("Departments", "h2", "network-departments", 1)),
        markup(
            "Krackhardt's <b>E-I index</b> weighs a department's ties (hand-offs and shared initiatives) with "
            "teams of other departments (E) against those inside it (I): (E − I) / (E + I), from −1, working "
            f"only inside itself, to +1, working only with others. Below {signed(INWARD_DEPARTMENT)} a "
            "department works mostly inside itself.",
            s["muted"],
        ),
        RowTable(
            ["Department", "Teams", "E-I", "Flagged (below " + signed(INWARD_DEPARTMENT) + ")"],
            rows,
            columns(width, (0.42, 0.1, 0.12, 0.36)),
            align=["LEFT", "RIGHT", "RIGHT", "LEFT"],
        ),
    ]


def key(context: Context, teams: list[str], numbers: dict[str, int], width: float) -> list:
    """The key to a picture's numbers: each team with its department, people, community, hand-offs and marks."""
    network = context.analysis.network
    community = {t: n for n, members in enumerate(network.communities, start=1) for t in members}
    bottlenecks = {t for t, _ in network.bottlenecks}
    rows = []
    for team_id in teams:
        team = context.plan.teams[team_id]
        marks = ["ISOLATED"] * (team_id in network.isolated) + ["BOTTLENECK"] * (team_id in bottlenecks)
        rows.append(
            Row(
                [
                    str(numbers[team_id]),
                    team.name,
                    team.department.strip() or "—",
                    str(team.headcount),
                    str(community.get(team_id, "—")),
                    str(len(network.handoffs_in.get(team_id, ()))),
                    str(len(network.handoffs_out.get(team_id, ()))),
                    ", ".join(marks),
                ],
                bold=bool(marks),
            )
        )
    if not rows:
        return []
    return [
        *kept(Heading("Key to the picture", "h2", f"network-key-{teams[0]}", 1, toc=False)),
        RowTable(
            ["No.", "Team", "Department", "People", "Community", "Hand-offs in", "Hand-offs out", "Marked"],
            rows,
            columns(width, (0.05, 0.23, 0.17, 0.08, 0.12, 0.1, 0.1, 0.15)),
            align=["RIGHT", "LEFT", "LEFT", "RIGHT", "CENTER", "RIGHT", "RIGHT", "LEFT"],
        ),
    ]

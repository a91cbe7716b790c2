"""The team network of a large plan: communities as single discs with the hand-offs between them, then one
page per community with its own teams.

Above AGGREGATE_ABOVE teams a picture of every team is a hairball; a leader reads the flows between
communities first and opens the community they care about.
"""

from __future__ import annotations

import math
from collections import Counter

from reportlab.graphics.shapes import Drawing, String

from domain.analysis.layout import grouped_layout
from domain.wording import counted
from views.pdf import network
from views.pdf.context import Context
from views.pdf.document import Heading
from views.pdf.styles import GREY_FILL, INK, MUTED, styles
from views.pdf.tables import Row, RowTable, columns
from views.pdf.text import BOLD, FONT, fit, markup, safe, width_of

AGGREGATE_ABOVE = 40  # teams: beyond this the network is printed community by community
FLOWS = 40  # the heaviest flows between communities drawn as arrows; all are in the table


def network_section(context: Context) -> list:
    """The team network section, whole or by community, as the plan's size asks."""
    if len(context.plan.teams) <= AGGREGATE_ABOVE:
        return network.team_network(context)
    return communities(context)


def groups(context: Context) -> list[list[str]]:
    """The communities, then the isolated teams as one more group."""
    result = [list(members) for members in context.analysis.network.communities if members]
    placed = {team for members in result for team in members}
    rest = [team for team in context.plan.teams if team not in placed]
    return result + ([rest] if rest else [])


def title(context: Context, number: int, members: list[str]) -> str:
    """'Community 3: Marketing DACH, Sales DACH and 6 more' (the biggest teams first)."""
    by_size = sorted(members, key=lambda t: -context.plan.teams[t].headcount)
    names = ", ".join(context.team(t) for t in by_size[:2])
    more = f" and {len(members) - 2} more" if len(members) > 2 else ""
    return f"Community {number}: {names}{more}"


def flows(context: Context, parts: list[list[str]]) -> tuple[Counter, Counter]:
    """Hand-offs between communities (by pair, in order) and within each."""
    of = {team: n for n, members in enumerate(parts) for team in members}
    between, within = Counter(), Counter()
    for sender, receiver, count in context.analysis.network.handoff_graph.edges(data="weight", default=1):
        a, b = of.get(sender), of.get(receiver)
        if a is None or b is None:
            continue
        if a == b:
            within[a] += count
        else:
            between[a, b] += count
    return between, within


def communities(context: Context) -> list:
    """The overview of communities, its table, then a page per community."""
    s, (width, height) = styles(), context.portrait
    parts = groups(context)
    between, within = flows(context, parts)
    story: list = [
        Heading("Team network", "h1", "network", section="Team network"),
        markup(
            f"{counted(len(context.plan.teams), 'team')} are too many for one readable picture: each disc is a "
            "community of teams that work with each other more than with the rest (size: people). Arrows are "
            "hand-offs between communities, numbered with how many; each community has a page of its own.",
            s["muted"],
        ),
        _overview(context, parts, between, within, width, min(width, height * 0.62)),
    ]
    if len(between) > FLOWS:
        story.append(
            markup(
                f"The {FLOWS} heaviest of {len(between)} flows between communities are drawn; "
                "the table below counts every hand-off.",
                s["muted"],
            )
        )
    sent, received = Counter(), Counter()
    for (a, b), count in between.items():
        sent[a] += count
        received[b] += count
    rows = [
        Row(
            [
                str(n + 1),
                title(context, n + 1, members).split(": ", 1)[1]
                if n < len(context.analysis.network.communities)
                else "Isolated teams",
                str(len(members)),
                str(within[n]),
                str(received[n]),
                str(sent[n]),
            ]
        )
        for n, members in enumerate(parts)
    ]
    story.append(
        RowTable(
            ["No.", "Community (biggest teams)", "Teams", "Hand-offs within", "In", "Out"],
            rows,
            columns(width, (0.06, 0.5, 0.08, 0.14, 0.11, 0.11)),
            align=["RIGHT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"],
        )
    )
    story += network.relations_note(context) + network.departments(context, width)
    for n, members in enumerate(parts):
        named = n < len(context.analysis.network.communities)
        heading = title(context, n + 1, members) if named else "Isolated teams"
        story.append(Heading(heading, "h2", f"community-{n}", 1))
        story.append(
            markup(
                safe(
                    f"{counted(len(members), 'team')}; {counted(within[n], 'hand-off')} within, "
                    f"{received[n]} in from and {sent[n]} out to other communities.",
                    500,
                ),
                s["muted"],
            )
        )
        drawing, numbers = network.network_drawing(context, width, min(width, height * 0.55), members)
        story.append(drawing)
        story += network.key(context, members, numbers, width)
    return story


def _overview(context, parts, between, within, width: float, height: float) -> Drawing:
    """One disc per community, on a circle, with the heaviest flows between them."""
    drawing = Drawing(width, height)
    drawing.add(network._legend(width))
    people = [sum(context.plan.teams[t].headcount for t in members) for members in parts]
    size = {n: 14 + 2.2 * math.sqrt(p) for n, p in enumerate(people)}
    positions = grouped_layout(list(range(len(parts))), [list(range(len(parts)))], (), size, 34.0)
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    margin = max(size.values()) / 2 + 40  # room for the notes outside the ring
    spread_x, spread_y = max(xs) - min(xs) + 2 * margin, max(ys) - min(ys) + 2 * margin
    scale = min(width / spread_x, (height - network.LEGEND_HEIGHT) / spread_y, 2.0)
    left = (width - spread_x * scale) / 2

    def at(n: int) -> tuple[float, float]:
        x, y = positions[n]
        return left + (x - min(xs) + margin) * scale, height - 2 - (y - min(ys) + margin) * scale

    radius = {n: size[n] / 2 * scale for n in size}
    ring = [at(n) for n in range(len(parts))]
    middle = (sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring))
    heaviest = sorted(between.items(), key=lambda item: -item[1])[:FLOWS]
    top = max((count for _, count in heaviest), default=1)
    for (a, b), count in heaviest:
        shift = 3.0 if (b, a) in between else 0.0
        weight = 0.4 + 3.0 * count / top
        arrow, _ = network._arrow(*at(a), *at(b), radius[a], radius[b], weight, shift)
        drawing.add(arrow)
        (x1, y1), (x2, y2) = at(a), at(b)
        mx, my = x1 + (x2 - x1) * 0.62, y1 + (y2 - y1) * 0.62  # nearer the receiver, so opposite flows part
        label = str(count)
        drawing.add(
            network.Rect(
                mx - width_of(label, 6) / 2 - 1,
                my - 2.5,
                width_of(label, 6) + 2,
                7,
                fillColor=network.WHITE,
                strokeColor=None,
            )
        )
        drawing.add(String(mx, my - 1.5, label, fontName=FONT, fontSize=6, fillColor=MUTED, textAnchor="middle"))
    for n in range(len(parts)):
        x, y = at(n)
        isolated = n >= len(context.analysis.network.communities)
        drawing.add(network._disc(x, y, radius[n], GREY_FILL, isolated, False))
        drawing.add(String(x, y - 3, str(n + 1), fontName=BOLD, fontSize=8, textAnchor="middle", fillColor=INK))
        note = fit(f"{len(parts[n])} teams · {within[n]} within", 80, 6)
        angle = math.atan2(y - middle[1], x - middle[0])  # outward from the ring, clear of the arrows inside
        lx, ly = x + math.cos(angle) * (radius[n] + 4), y + math.sin(angle) * (radius[n] + 4) - 2
        anchor = "start" if math.cos(angle) > 0.3 else "end" if math.cos(angle) < -0.3 else "middle"
        ly += 4 * math.copysign(1, math.sin(angle)) if anchor == "middle" else 0
        drawing.add(String(lx, ly, note, fontName=FONT, fontSize=6, textAnchor=anchor, fillColor=MUTED))
    return drawing

"""The timeline: a Gantt chart with one lane per team, split into pages by period and by group of lanes.

Long plans get more pages, never smaller type: each page shows one quarter (or half-year for
plans longer than two years) with its own date axis, legend and lane names.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from domain.wording import counted
from views.pdf.context import Context
from views.pdf.document import Heading
from views.pdf.formats import month
from views.pdf.gantt import AXIS, LABEL_LIMIT, LANE_GAP, LEGEND, ROW, Bar, GanttPage, Lane, Window
from views.pdf.styles import GREY_FILL, tint
from views.pdf.text import printable, width_of

MAX_ARROWS = 80  # dependency arrows per page; beyond that only critical ones are drawn


def windows(start: date, finish: date) -> list[Window]:
    """The periods of the chart: the whole span when short, else calendar quarters or half-years."""
    if (finish - start).days <= 182:
        first = start.replace(day=1)
        last = (finish.replace(day=28) + timedelta(days=4)).replace(day=1)
        return [Window(first, last, f"{month(first, short=True)} to {month(last - timedelta(days=1), short=True)}")]
    months = 3 if (finish - start).days <= 731 else 6
    result = []
    first = date(start.year, (start.month - 1) // months * months + 1, 1)
    while first <= finish:
        year, next_month = divmod(first.month - 1 + months, 12)
        last = date(first.year + year, next_month + 1, 1)
        number = (first.month - 1) // months + 1
        result.append(Window(first, last, f"{first.year} {'Q' if months == 3 else 'H'}{number}"))
        first = last
    return result


def _pack(bars: list[Bar], x_of, label_width) -> list[list[Bar]]:
    """Bars in rows so that no two bars or labels overlap (first fit, by start)."""
    rows: list[list[Bar]] = []
    ends: list[float] = []
    for bar in sorted(bars, key=lambda b: (b.start, b.finish)):
        left = max(x_of(bar.start), 0.0)
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


def _bars(context: Context) -> dict[str | None, list[Bar]]:
    plan, schedule = context.plan, context.analysis.schedule
    lanes: dict[str | None, list[Bar]] = {team: [] for team in plan.teams}
    for initiative in plan.initiatives.values():
        when = schedule.get(initiative.id)
        if when is None:
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
            )
        )
    return lanes


def timeline(context: Context) -> list:
    """The Gantt pages, preceded by the section heading."""
    analysis = context.analysis
    width, height = context.landscape
    story: list = [Heading("Timeline", "h1", "timeline", section="Timeline")]
    if not analysis.schedule or analysis.finish is None:
        return story
    lanes = _bars(context)
    label = min(140.0, width * 0.18)
    critical_edges = set(zip(analysis.critical_path, analysis.critical_path[1:], strict=False))
    dependencies = [d.key for d in context.plan.dependencies.values()]
    linked = defaultdict(list)  # the initiatives each one is linked to by a dependency, either way
    for before, after in dependencies:
        linked[before].append(after)
        linked[after].append(before)
    first_page = True
    for number, window in enumerate(windows(analysis.start, analysis.finish)):
        span = (window.last - window.first).days
        scale = (width - label) / span

        def x_of(day: date, first=window.first, scale=scale) -> float:
            return (day - first).days * scale

        def label_width(bar: Bar, first=window.first) -> float:
            """Room for the label as drawn: after the bar's start (or a milestone's diamond), in real widths."""
            label = ("◂ " if bar.start < first else "") + bar.name
            return min(LABEL_LIMIT, width_of(label, 6.5)) + (6 if bar.milestone else 2) + 1

        rows: list[tuple[Lane, int]] = []
        shown: set[str] = set()
        for team, bars in lanes.items():
            inside = [b for b in bars if b.start < window.last and b.finish >= window.first]
            if not inside:
                continue
            fill = tint(context.plan.teams[team].color) if team in context.plan.teams else GREY_FILL
            lane = Lane(context.team(team), fill, _pack(inside, x_of, label_width))
            rows += [(lane, n) for n in range(len(lane.rows))]
            shown.update(b.initiative for b in inside)
        if not rows:
            continue
        arrows = [(a, b) for a, b in dependencies if a in shown and b in shown]
        page_rows: list[list[tuple[Lane, int]]] = [[]]
        room = height - (36 if first_page else 2) - LEGEND - AXIS - 12
        used = 0.0
        for lane, row in rows:
            needed = ROW + (LANE_GAP if row == 0 else 0)
            if used + needed > room and page_rows[-1]:
                page_rows.append([])
                used = 0.0
                room = height - 2 - LEGEND - AXIS - 12
            page_rows[-1].append((lane, row))
            used += needed
        for page, chosen in enumerate(page_rows):
            teams = len({id(lane) for lane, _ in chosen})
            title = f"{window.title}" + (f" · page {page + 1} of {len(page_rows)}" if len(page_rows) > 1 else "")
            on_page = {b.initiative for lane, row in chosen for b in lane.rows[row]}
            drawn = [(a, b) for a, b in arrows if a in on_page and b in on_page]
            crowded = 0
            if len(drawn) > MAX_ARROWS:
                kept_edges = [edge for edge in drawn if edge in critical_edges]
                crowded, drawn = len(drawn) - len(kept_edges), kept_edges
            elsewhere = sum(1 for i in on_page for other in linked.get(i, ()) if other not in on_page)
            missing = ""
            if elsewhere:
                missing = f"{counted(elsewhere, 'dependency arrow')} not drawn: the other end is on another page"
            if crowded:
                missing += ("; " if missing else "") + f"{crowded} more left out to keep the page legible"
            page_height = height - (36 if first_page else 2)
            story.append(
                GanttPage(
                    context,
                    window,
                    chosen,
                    width,
                    page_height,
                    f"{title} ({counted(teams, 'team')})",
                    (f"timeline-{number}", window.title) if page == 0 else None,
                    drawn,
                    missing,
                )
            )
            first_page = False
    return story

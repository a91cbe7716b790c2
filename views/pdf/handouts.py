"""Per-team handouts: each starts on a new page and reads on its own, with only that team's work in it."""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

from domain.analysis.load import overloaded_stretches
from domain.wording import counted
from views.pdf.content import TeamWork
from views.pdf.context import Context
from views.pdf.document import PORTRAIT, Anchor, Heading, OddPage, Subheading, kept
from views.pdf.formats import NONE, day, long_day, number, percent
from views.pdf.styles import INK, SHADE, styles
from views.pdf.tables import Row, RowTable, columns
from views.pdf.text import FONT, markup, safe

CHART_WEEKS = 60  # up to this many weeks of work the load is drawn as bars; beyond, only a table
OVER = INK
UNDER = SHADE


class LoadChart(Flowable):
    """Load as bars against a dashed capacity line; overloaded bars dark and marked with ▲."""

    HEIGHT = 110.0

    def __init__(self, weeks, width: float, unit: str):
        super().__init__()
        self.weeks, self.width, self.unit = weeks, width, unit

    def wrap(self, available_width, available_height):
        return self.width, self.HEIGHT

    def draw(self):
        canvas, weeks = self.canv, self.weeks
        top = max(max(w.load for w in weeks), max(w.capacity for w in weeks), 1e-9)
        left, bottom, chart_height = 34.0, 22.0, self.HEIGHT - 36.0
        step = (self.width - left) / len(weeks)
        canvas.setFillColor(INK)
        canvas.text(0, bottom + chart_height - 3, number(top, 1), FONT, 6.5)
        canvas.text(0, bottom - 2, "0", FONT, 6.5)
        canvas.text(
            left,
            self.HEIGHT - 8,
            f"{self.unit}:  light bar = within capacity,  dark bar ▲ = overloaded,  dashed line = capacity",
            FONT,
            7,
        )
        capacity_lines = []
        for n, week in enumerate(weeks):
            x = left + n * step
            bar = week.load / top * chart_height
            canvas.box(x + step * 0.12, bottom, step * 0.76, bar, OVER if week.overloaded else UNDER)
            level = bottom + week.capacity / top * chart_height
            capacity_lines.append((x, level, x + step, level))
            if week.overloaded:
                canvas.text(x + step / 2 - 3, bottom + bar + 2, "▲", FONT, 6)
            if n % max(1, len(weeks) // 12) == 0:
                canvas.text(x, bottom - 10, week.week[2:], FONT, 6)
        canvas.rules([(left, bottom, self.width, bottom)], 0.5, INK)
        canvas.setDash(2, 1)
        canvas.rules(capacity_lines, 0.8, INK)
        canvas.setDash()


def _table_or_note(story: list, rows: list[Row], header: list[str], widths, empty: str, **kwargs) -> None:
    if rows:
        story.append(RowTable(header, rows, widths, **kwargs))
    else:
        story.append(markup(empty, styles()["muted"]))


def monthly(weeks) -> list:
    """The busiest week of each month (by load / capacity), for charts of long plans."""
    months: dict[str, object] = {}
    for week in weeks:
        monday = date.fromisocalendar(int(week.week[:4]), int(week.week[6:]), 1)
        key = f"{monday:%Y-%m}"
        if key not in months or (week.load - week.capacity) > (months[key].load - months[key].capacity):
            months[key] = week
    return list(months.values())


def handout(context: Context, team_id: str, index: int) -> list:
    """The flowables of one team's handout, starting on a new page."""
    plan, analysis, content, s = context.plan, context.analysis, context.content, styles()
    width = context.portrait[0]
    team = plan.teams[team_id]
    share = content.teams.get(team_id) or TeamWork()
    story = [
        Heading(team.name or "(unnamed team)", "team_title", f"handout-{index}", 1, team=team.name or "(unnamed team)")
    ]
    facts = [f"Handout from <b>{safe(plan.project.name, 300)}</b>", f"printed {long_day(context.printed)}"]
    if team.lead:
        facts.append(f"lead {safe(team.lead, 200)}")
    facts.append(f"{counted(team.headcount, 'person', 'people')}, capacity {number(team.capacity)} person-days a week")
    story.append(markup(" · ".join(facts), s["muted"]))
    if context.since is not None:
        revision = context.since.revision
        story.append(
            markup(
                f"[new] and [changed] mark what was added or changed since revision {revision.short_id} "
                f"of {revision.saved[:10]}.",
                s["muted"],
            )
        )
    story.append(Spacer(1, 6))

    owned = [content.work[i] for i in content.owned.get(team_id, [])]

    served = dict.fromkeys(g for work in owned for g in plan.initiatives[work.id].goals if g in plan.goals)
    served.update(dict.fromkeys(g.id for g in plan.goals.values() if g.owner == team_id))
    story += kept(Subheading("Goals you serve"))
    _table_or_note(
        story,
        [
            Row(
                [
                    context.marked("goals", goal.id, goal.name),
                    goal.metric or NONE,
                    f"{number(goal.baseline)} → {number(goal.target)}",
                    day(goal.deadline),
                    "owner" if goal.owner == team_id else "through your work",
                    goal.status,
                ],
                wrap=(0, 1, 4, 5),
                max_lines=3,
            )
            for goal in map(content.goals.__getitem__, served)
        ],
        ["Goal", "Metric", "Baseline → target", "Deadline", "How", "Status"],
        columns(width, (0.28, 0.18, 0.13, 0.11, 0.15, 0.15)),
        "None of your initiatives serves a goal yet.",
    )

    story += kept(Subheading("Initiatives you own"))
    _table_or_note(
        story,
        [
            Row(
                [
                    context.marked("initiatives", work.id, work.name),
                    day(work.start),
                    day(work.finish),
                    f"{work.slack} d" if work.start else NONE,
                    "CRITICAL" if work.critical else work.status,
                ],
                bold=work.critical,
                wrap=(0,),
                max_lines=2,
            )
            for work in owned
        ],
        ["Initiative", "Start", "Finish", "Slack", "Status"],
        columns(width, (0.5, 0.13, 0.13, 0.09, 0.15)),
        "You own no initiatives.",
    )
    if any(work.critical for work in owned):
        story.append(markup("CRITICAL: on the critical path — any delay moves the whole plan's finish.", s["muted"]))

    story += kept(Subheading("Your roles in other teams' initiatives"))
    names = {"R": "Responsible", "A": "Accountable", "C": "Consulted", "I": "Informed"}
    _table_or_note(
        story,
        [
            Row(
                [
                    context.marked("initiatives", work.id, work.name),
                    work.owner_name,
                    names.get(role, role),
                    day(work.start),
                    day(work.finish),
                ],
                wrap=(0,),
                max_lines=2,
            )
            for work, role in share.roles
        ],
        ["Initiative", "Owner", "Your role", "Start", "Finish"],
        columns(width, (0.42, 0.2, 0.14, 0.12, 0.12)),
        "You have no role in other teams' initiatives.",
    )

    for title, ids, other, empty in (
        (
            "Hand-offs you receive",
            analysis.network.handoffs_in.get(team_id, ()),
            "from_team",
            "Nothing is handed to you.",
        ),
        ("Hand-offs you deliver", analysis.network.handoffs_out.get(team_id, ()), "to_team", "You hand nothing over."),
    ):
        story += kept(Subheading(title))
        handoffs = sorted(
            (plan.handoffs[h] for h in ids if h in plan.handoffs),
            key=lambda h: (h.due is None, h.due or context.printed),
        )
        _table_or_note(
            story,
            [
                Row(
                    [
                        context.marked("handoffs", h.id, h.what or "(not described)"),
                        context.team(getattr(h, other)),
                        context.initiative(h.initiative) if h.initiative else "—",
                        day(h.due),
                    ],
                    wrap=(0, 2),
                    max_lines=3,
                )
                for h in handoffs
            ],
            ["What", "From" if other == "from_team" else "To", "For initiative", "By"],
            columns(width, (0.38, 0.2, 0.3, 0.12)),
            empty,
        )

    _dependencies(context, story, share.waits_on, share.awaited_by)

    story += kept(Subheading("Skills to build"))

    def gap_start(gap):
        work = content.work.get(gap.initiative)
        return work.start if work else None

    gaps = sorted(share.gaps, key=lambda g: gap_start(g) or context.printed)
    _table_or_note(
        story,
        [
            Row(
                [
                    context.skill(g.skill),
                    f"{g.available} → {g.required}",
                    context.initiative(g.initiative),
                    day(gap_start(g)),
                    "CRITICAL" if g.critical else "",
                ],
                bold=g.critical,
                wrap=(2,),
                max_lines=2,
            )
            for g in gaps
        ],
        ["Skill", "Level now → needed", "For initiative", "By", ""],
        columns(width, (0.25, 0.16, 0.35, 0.12, 0.12)),
        "No skill gaps in your work.",
    )

    # the heading, the sentence and the chart stay together on one page
    story += kept(Subheading("Load against capacity"), LoadChart.HEIGHT + 60)
    weeks = analysis.load.get(team_id, ())
    over = [w for w in weeks if w.overloaded]
    if not weeks:
        story.append(markup("No planned load.", s["muted"]))
    else:
        story.append(
            markup(
                f"{len(over)} of {len(weeks)} weeks with work are over capacity "
                f"({number(team.capacity)} person-days a week).",
                s["body"],
            )
        )
        if len(weeks) <= CHART_WEEKS:
            story.append(LoadChart(weeks, width, "person-days per week"))
        else:
            story.append(LoadChart(monthly(weeks), width, "busiest week of each month, person-days"))
        rows = []
        for run in overloaded_stretches(weeks):
            peak = max(run, key=lambda w: w.load - w.capacity)
            rows.append(
                Row(
                    [
                        run[0].week if len(run) == 1 else f"{run[0].week} to {run[-1].week}",
                        str(len(run)),
                        number(peak.load, 1),
                        number(peak.capacity),
                        "no capacity" if peak.capacity <= 0 else percent(peak.ratio),
                    ]
                )
            )
        if rows:
            story.append(
                RowTable(
                    ["Overloaded weeks", "Weeks", "Peak load", "Capacity", "Peak / capacity"],
                    rows,
                    columns(width, (0.34, 0.12, 0.18, 0.16, 0.2)),
                    align=["LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"],
                )
            )
    return story


def _dependencies(context: Context, story: list, waits_on: list, awaited_by: list) -> None:
    """What the team waits for from other teams (with their finish) and who waits for it (with their start),
    grouped under each of the team's initiatives in the order they start."""
    work, width = context.content.work, context.portrait[0]

    def planned(initiative_id, moment: str) -> date | None:
        return getattr(work[initiative_id], moment)

    for title, dependencies, mine, theirs, moment, header, empty in (
        (
            "What you wait for from other teams",
            waits_on,
            "after",
            "before",
            "finish",
            ["Your initiative", "Waits for", "Their team", "They finish"],
            "None of your initiatives waits for another team's work.",
        ),
        (
            "Teams waiting for your work",
            awaited_by,
            "before",
            "after",
            "start",
            ["Your initiative", "Needed by", "Their team", "They start"],
            "No other team's initiative waits for yours.",
        ),
    ):
        story += kept(Subheading(title))
        pairs = sorted(
            ((getattr(d, mine), getattr(d, theirs), d) for d in dependencies),
            key=lambda pair: (
                planned(pair[0], "start") or date.max,  # unscheduled work last
                pair[0],
                planned(pair[1], moment) or date.max,
            ),
        )
        rows, previous = [], None
        for own, other_id, dependency in pairs:
            other = work[other_id]
            rows.append(
                Row(
                    [
                        work[own].name if own != previous else "",  # named once for its group
                        context.marked("dependencies", (dependency.before, dependency.after), other.name),
                        other.owner_name,
                        day(getattr(other, moment)),
                    ],
                    wrap=(0, 1, 2),
                    max_lines=2,
                )
            )
            previous = own
        _table_or_note(story, rows, header, columns(width, (0.32, 0.38, 0.19, 0.11)), empty)


def handouts(context: Context, teams: tuple[str, ...], two_sided: bool = False) -> list:
    """Every chosen team's handout (all teams when none are chosen), each from a new page; two-sided,
    each from an odd page, so the handouts of a double-sided print can be handed out separately."""
    chosen = [t for t in teams if t in context.plan.teams] or list(context.plan.teams)
    story: list = [Anchor("Team handouts", "handouts", section="Team handouts")]
    for index, team_id in enumerate(chosen):
        if index:
            story += [NextPageTemplate(PORTRAIT), PageBreak()]
            if two_sided:
                story.append(OddPage())
        story += handout(context, team_id, index)
    if not chosen:
        story.append(markup("The plan has no teams yet.", styles()["body"]))
    return story

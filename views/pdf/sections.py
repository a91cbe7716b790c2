"""The text sections of the orchestration plan: cover, contents, summary, goals, skills, RACI and appendix."""

from __future__ import annotations

from collections import defaultdict

from reportlab.platypus import Spacer, Table, TableStyle

from domain.analysis.wording import describe
from domain.calendar import describe_calendar
from domain.entities import MAX_LEVEL
from domain.goal_tree import goal_tree as domain_goal_tree
from domain.wording import counted
from views.pdf.context import Context, day, long_day, number
from views.pdf.document import ContentsLine, Entry, Heading, kept
from views.pdf.tables import Row, RowTable, columns, label_width
from views.pdf.text import BOLD, INK, RULE, SHADE, markup, para, safe, styles

SEVERITY = {"high": "HIGH", "medium": "MEDIUM", "low": "LOW"}
TOP_FINDINGS = 15
GAP = SHADE  # shading of a matrix cell with a skill gap; the "!" says the same without colour
LONG_DESCRIPTION = 500  # characters shown in the appendix table; longer texts follow it in full
ROLE_NAMES = "R = responsible, A = accountable, C = consulted, I = informed, O = owner of the initiative"


def cover(context: Context) -> list:
    """Project name, description, span, printed date and file name."""
    project, analysis, s = context.plan.project, context.analysis, styles()
    facts = [
        ("Span", f"{long_day(analysis.start)} to {long_day(analysis.finish)}"),
        ("Working days", describe_calendar(project.calendar)),
        ("Printed on", long_day(context.printed)),
        ("File", context.file_name or "(not saved)"),
        (
            "Contents",
            (
                f"{counted(len(context.plan.goals), 'goal')}, {counted(len(context.plan.teams), 'team')}, "
                f"{counted(len(context.plan.initiatives), 'initiative')}, "
                f"{counted(len(context.plan.handoffs), 'hand-off')}"
            ),
        ),
    ]
    rows = [[para(label, s["cell_bold"]), para(value, s["body"], 300)] for label, value in facts]
    width = context.portrait[0]
    table = Table(
        rows,
        colWidths=columns(width, (0.2, 0.8)),
        hAlign="LEFT",
        style=TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    story = [
        Spacer(1, 60),
        markup("Orchestration plan", s["muted"]),
        Heading(project.name or "Untitled plan", "title", "cover", section="Cover", toc=False),
    ]
    story += description(project.description, s["body"])
    story += [Spacer(1, 24), table]
    return story


def description(text: str, style, limit: int = 20_000) -> list:
    """A long user text as several bounded paragraphs (one huge paragraph takes minutes to lay out)."""
    text = text.strip()
    if not text:
        return []
    note = []
    if len(text) > limit:
        note = [markup(f"(Shortened: the full text has {len(text):,} characters.)", styles()["muted"])]
        text = text[:limit]
    pieces = []
    for block in text.split("\n\n"):
        pieces += [block[i : i + 1500] for i in range(0, len(block), 1500)]
    return [para(piece, style) for piece in pieces if piece.strip()] + note


def contents(entries: list[Entry]) -> list:
    """The table of contents; page numbers are filled in when the document is finished."""
    return [Heading("Contents", "h1", "contents", section="Contents", toc=False), Spacer(1, 6)] + [
        ContentsLine(entry) for entry in entries
    ]


def _figures(context: Context) -> Table:
    analysis, plan, s = context.analysis, context.plan, styles()
    critical_days = sum(
        (analysis.schedule[i].finish - analysis.schedule[i].start).days + 1
        for i in analysis.critical_path
        if i in analysis.schedule
    )
    critical_gaps = sum(g.critical for g in analysis.skill_gaps)
    figures = [
        (str(len(plan.initiatives)), "initiatives"),
        (str(len(plan.teams)), "teams"),
        (str(len(plan.goals)), "goals"),
        (day(analysis.finish), "planned finish"),
        (str(len(analysis.critical_path)), f"initiatives on the critical path ({critical_days} calendar days)"),
        (str(len(analysis.skill_gaps)), f"skill gaps ({critical_gaps} on critical work)"),
        (str(len(analysis.network.isolated)), "isolated teams (silos)"),
        (str(len(analysis.overloaded_weeks)), "overloaded team-weeks"),
        (str(len(analysis.unaligned_initiatives)), "initiatives serving no goal"),
        (str(len(analysis.goals_without_initiatives)), "goals nobody works on"),
        (str(len(analysis.cycles)), "circles of waiting initiatives"),
        (str(len(analysis.late_goals)), "goals whose work ends after the deadline"),
    ]
    padding = [("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    boxes = [
        Table(
            [
                [markup(safe(value), s["figure"] if len(value) < 8 else s["figure_small"])],
                [markup(safe(label), s["figure_label"])],
            ],
            style=padding,
        )
        for value, label in figures
    ]
    grid = [boxes[i : i + 4] for i in range(0, len(boxes), 4)]
    return Table(
        grid,
        colWidths=[context.portrait[0] / 4] * 4,
        style=TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        ),
    )


def _goal_row(context: Context, goal, depth: int = 0) -> Row:
    alignment = context.analysis.goals.get(goal.id)
    last = alignment.last_finish if alignment else None
    late = alignment is not None and alignment.late
    metric = goal.metric + (f" ({goal.unit})" if goal.unit else "")
    return Row(
        [
            goal.name,
            metric or "—",
            f"{number(goal.baseline)} → {number(goal.target)}",
            day(goal.deadline),
            day(last) + (" LATE" if late else ""),
        ],
        wrap=(0, 1),
        max_lines=3,
        indent=12 * min(depth, 6),
        style=[("FONT", 4, 4, BOLD, 8, 10)] if late else (),
    )


GOAL_HEADER = ["Goal", "Metric", "Baseline → target", "Deadline", "Work ends"]
GOAL_WIDTHS = (0.35, 0.21, 0.15, 0.12, 0.17)  # "2027-12-31 LATE" in bold fits the last


def summary(context: Context) -> list:
    """Top goals, headline figures and the most important findings."""
    s, plan, width = styles(), context.plan, context.portrait[0]
    roots = [plan.goals[g] for g in domain_goal_tree(plan).sub_goals(None)]
    story = [
        Heading("Summary", "h1", "summary", section="Summary"),
        Heading("Goals", "h2", "summary-goals", 1, toc=False),
    ]
    if roots:
        story.append(RowTable(GOAL_HEADER, [_goal_row(context, g) for g in roots], columns(width, GOAL_WIDTHS)))
        nested = len(plan.goals) - len(roots)
        if nested:
            story.append(markup(f"{counted(nested, 'sub-goal')} under these: see Goals and alignment.", s["muted"]))
    else:
        story.append(markup("The plan has no goals yet.", s["body"]))
    story += [*kept(Heading("Headline figures", "h2", "summary-figures", 1, toc=False)), _figures(context)]
    findings = sorted(
        context.analysis.findings, key=lambda f: list(SEVERITY).index(f.severity) if f.severity in SEVERITY else 3
    )
    story += kept(Heading("Top findings", "h2", "summary-findings", 1, toc=False))
    if not findings:
        story.append(markup("The analysis found nothing to worry about.", s["body"]))
    rows = [
        [
            markup(f"<b>{SEVERITY.get(f.severity, safe(f.severity.upper(), 20))}</b>", s["cell"]),
            para(describe(f, context.plan), s["cell"], 600),
        ]
        for f in findings[:TOP_FINDINGS]
    ]
    if rows:
        story.append(
            Table(
                rows,
                colWidths=columns(width, (0.12, 0.88)),
                style=TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                        ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ]
                ),
            )
        )
    if len(findings) > TOP_FINDINGS:
        story.append(
            markup(
                f"Not shown here: {counted(len(findings) - TOP_FINDINGS, 'more finding')}; "
                "run ‘tutti analyze’ or see the Analysis view for all of them.",
                s["muted"],
            )
        )
    return story


def goal_tree(context: Context) -> list[tuple[object, int]]:
    """Every goal with its depth, parents before children, in plan order; goals in a circle of parents at the top."""
    return [(context.plan.goals[goal], depth) for goal, depth in domain_goal_tree(context.plan).walk()]


def goals(context: Context) -> list:
    """The goal tree with the initiatives serving each goal, then what is not aligned."""
    s, plan, analysis, width = styles(), context.plan, context.analysis, context.portrait[0]
    story = [
        Heading("Goals and alignment", "h1", "goals", section="Goals and alignment"),
        markup(
            "Each goal with its metric, followed by the initiatives that serve it directly "
            "(owner, planned dates and status). Sub-goals are indented under their parent.",
            s["muted"],
        ),
    ]
    rows = []
    for goal, depth in goal_tree(context):
        row = _goal_row(context, goal, depth)
        rows.append(
            Row(
                row.cells,
                style=[("BACKGROUND", 0, -1, SHADE), *row.style],
                bold=True,
                wrap=(0, 1),
                max_lines=3,
                indent=row.indent,
            )
        )
        alignment = analysis.goals.get(goal.id)
        for initiative_id in alignment.initiatives if alignment else ():
            initiative, scheduled = plan.initiatives[initiative_id], analysis.schedule.get(initiative_id)
            rows.append(
                Row(
                    [
                        "• " + initiative.name,
                        context.team(initiative.owner),
                        day(scheduled.start) if scheduled else "—",
                        day(scheduled.finish) if scheduled else "—",
                        initiative.status,
                    ],
                    indent=12 * min(depth, 6) + 8,
                )
            )
    if rows:
        story.append(
            RowTable(
                ["Goal / initiative", "Metric / owner", "Target / start", "Deadline / finish", "Work ends / status"],
                rows,
                columns(width, GOAL_WIDTHS),
            )
        )
    else:
        story.append(markup("The plan has no goals yet.", s["body"]))

    story += kept(Heading("Initiatives that serve no goal", "h2", "goals-unaligned", 1, toc=False))
    if analysis.unaligned_initiatives:
        story.append(
            markup(
                f"Initiatives that do not say which goal they serve: {len(analysis.unaligned_initiatives)}. "
                "Link each to a goal or ask whether it is needed.",
                s["body"],
            )
        )
        story.append(
            RowTable(
                ["Initiative", "Owner", "Start", "Status"],
                [
                    Row(
                        [
                            context.initiative(i),
                            context.team(plan.initiatives[i].owner),
                            day(analysis.schedule[i].start) if i in analysis.schedule else "—",
                            plan.initiatives[i].status,
                        ]
                    )
                    for i in analysis.unaligned_initiatives
                    if i in plan.initiatives
                ],
                columns(width, (0.5, 0.25, 0.13, 0.12)),
            )
        )
    else:
        story.append(markup("Every initiative serves a goal.", s["body"]))
    story += kept(Heading("Goals nobody works on", "h2", "goals-orphaned", 1, toc=False))
    if analysis.goals_without_initiatives:
        story.append(
            markup(
                "Goals with no initiative serving them or any of their sub-goals: "
                f"{len(analysis.goals_without_initiatives)}.",
                s["body"],
            )
        )
        story.append(
            RowTable(
                ["Goal", "Owner", "Deadline"],
                [
                    Row([context.goal(g), context.team(plan.goals[g].owner), day(plan.goals[g].deadline)])
                    for g in analysis.goals_without_initiatives
                    if g in plan.goals
                ],
                columns(width, (0.6, 0.25, 0.15)),
            )
        )
    else:
        story.append(markup("Every goal has work serving it.", s["body"]))
    return story


def _column_groups(count: int, room: float, column: float) -> list[range]:
    per_page = max(1, int(room / column + 1e-6))
    return [range(i, min(i + per_page, count)) for i in range(0, count, per_page)]


def skills(context: Context) -> list:
    """The team × skill matrix with gaps marked, then the list of gaps."""
    s, plan, analysis, width = styles(), context.plan, context.analysis, context.portrait[0]
    story = [
        Heading("Skills", "h1", "skills", section="Skills"),
        markup(
            f"Levels 0–{MAX_LEVEL} of each team in each skill (blank: none recorded). "
            "<b>n!</b> on a shaded cell marks a gap: work the team does needs a higher level.",
            s["muted"],
        ),
    ]
    skills_list, teams = list(plan.skills.values()), list(plan.teams.values())
    gap_cells = {(team, gap.skill) for gap in analysis.skill_gaps for team in gap.teams}
    if skills_list and teams:
        first = label_width([t.name for t in teams], limit=width * 0.3)
        column = min(30.0, max(17.0, (width - first) / len(skills_list)))
        for group in _column_groups(len(skills_list), width - first, column):
            chosen = skills_list[group.start : group.stop]
            rows = []
            for team in teams:
                cells, style = [team.name], []
                for c, skill in enumerate(chosen, start=1):
                    level = plan.team_skills.get((team.id, skill.id))
                    text = str(level.level) if level else ""
                    if (team.id, skill.id) in gap_cells:
                        text = f"{level.level if level else 0}!"
                        style.append(("BACKGROUND", c, c, GAP))
                        style.append(("FONT", c, c, BOLD, 8, 10))
                    cells.append(text)
                rows.append(Row(cells, style=style))
            if len(skills_list) > len(chosen):
                story += kept(markup(f"Skills {group.start + 1}–{group.stop} of {len(skills_list)}", s["h3"]), 160)
            story.append(
                RowTable(
                    ["Team"] + [k.name for k in chosen],
                    rows,
                    [first] + [column] * len(chosen),
                    vertical_from=1,
                    header_height=110,
                    align=["LEFT"] + ["CENTER"] * len(chosen),
                    ruled=True,
                )
            )
            story.append(Spacer(1, 8))
    else:
        story.append(markup("The plan has no teams or no skills yet.", s["body"]))

    story += kept(Heading("Skill gaps", "h2", "skills-gaps", 1, toc=False))
    gaps = sorted(analysis.skill_gaps, key=lambda g: not g.critical)
    if gaps:
        story.append(
            markup(
                f"{counted(len(gaps), 'gap')}, {sum(g.critical for g in gaps)} of them on critical work "
                "(listed first): the level the initiative needs and the best level among the teams "
                "doing it.",
                s["body"],
            )
        )
        story.append(
            RowTable(
                ["Initiative", "Skill", "Needs", "Has", "Teams doing the work", "Critical"],
                [
                    Row(
                        [
                            context.initiative(g.initiative),
                            context.skill(g.skill),
                            str(g.required),
                            str(g.available),
                            ", ".join(context.team(t) for t in g.teams) or "—",
                            "CRITICAL" if g.critical else "no",
                        ],
                        bold=g.critical,
                    )
                    for g in gaps
                ],
                columns(width, (0.34, 0.18, 0.07, 0.06, 0.25, 0.1)),
                align=["LEFT", "LEFT", "CENTER", "CENTER"],
            )
        )
    else:
        story.append(markup("No skill gaps: the teams doing each initiative have the levels it needs.", s["body"]))
    return story


def raci(context: Context) -> list:
    """Initiatives × teams with their roles, split into groups of team columns."""
    s, plan, width = styles(), context.plan, context.portrait[0]
    story = [
        Heading("RACI matrix", "h1", "raci", section="RACI matrix"),
        markup(
            f"Who does what in each initiative. {ROLE_NAMES}. Each page group shows the initiatives "
            "involving at least one of its teams.",
            s["muted"],
        ),
    ]
    teams = list(plan.teams.values())
    roles = {}
    for initiative in plan.initiatives.values():
        cells = {r.team: r.role for r in initiative.raci if r.team in plan.teams}
        if initiative.owner in plan.teams:
            cells[initiative.owner] = "O" + (f"/{cells[initiative.owner]}" if initiative.owner in cells else "")
        roles[initiative.id] = cells
    if not teams or not plan.initiatives:
        story.append(markup("The plan has no initiatives or no teams yet.", s["body"]))
    first = min(width * 0.4, 200)
    column = min(30.0, max(18.0, (width - first) / max(len(teams), 1)))
    groups = _column_groups(len(teams), width - first, column)
    for group in groups:
        chosen = teams[group.start : group.stop]
        ids = [t.id for t in chosen]
        rows = [
            Row([initiative.name] + [roles[initiative.id].get(t, "") for t in ids])
            for initiative in plan.initiatives.values()
            if not roles[initiative.id].keys().isdisjoint(ids)
        ]
        if len(groups) > 1:
            story += kept(
                Heading(
                    f"Teams {group.start + 1}–{group.stop} of {len(teams)}", "h3", f"raci-{group.start}", 1, toc=False
                ),
                160,
            )
        if rows:
            story.append(
                RowTable(
                    ["Initiative"] + [t.name for t in chosen],
                    rows,
                    [first] + [column] * len(chosen),
                    vertical_from=1,
                    header_height=110,
                    align=["LEFT"] + ["CENTER"] * len(chosen),
                    ruled=True,
                )
            )
        else:
            story.append(markup("None of these teams has a role in any initiative.", s["body"]))
    return story


def appendix(context: Context) -> list:
    """Every initiative with all its details."""
    s, plan, analysis, width = styles(), context.plan, context.analysis, context.portrait[0]
    before = defaultdict(list)
    for dependency in plan.dependencies.values():
        before[dependency.after].append(dependency)
    rows, long_ones = [], []
    for initiative in plan.initiatives.values():
        scheduled = analysis.schedule.get(initiative.id)
        dates = [initiative.status]
        if scheduled:
            dates += [
                f"{day(scheduled.start)} →",
                day(scheduled.finish),
                f"slack {scheduled.slack} d" + (" · critical" if scheduled.critical else ""),
            ]
        details = []
        if initiative.goals:
            details.append("Goals: " + "; ".join(context.goal(g) for g in initiative.goals))
        details.append(
            f"Duration {counted(initiative.duration, 'working day')}"
            + (f", effort {number(initiative.effort)} person-days" if initiative.effort is not None else "")
            + (f", not before {day(initiative.start)}" if initiative.start else "")
        )
        if initiative.skills:
            details.append("Needs: " + ", ".join(f"{context.skill(n.skill)} {n.level}" for n in initiative.skills))
        if initiative.raci:
            details.append("Roles: " + ", ".join(f"{context.team(r.team)} ({r.role})" for r in initiative.raci))
        if before[initiative.id]:
            details.append(
                "After: "
                + "; ".join(
                    context.initiative(d.before) + (f" (+{d.lag} d)" if d.lag else "") for d in before[initiative.id]
                )
            )
        text = initiative.description.strip()
        if len(text) > LONG_DESCRIPTION:
            long_ones.append(initiative)
            text = text[:LONG_DESCRIPTION] + "… (continued under Long descriptions)"
        if text:
            details.append(text)
        rows.append(
            Row(
                [initiative.name, context.team(initiative.owner), "\n".join(dates), "\n".join(details)],
                wrap=(0, 1, 2, 3),
                max_lines=16,
            )
        )
    story = [Heading("Appendix: all initiatives", "h1", "appendix", section="Appendix")]
    if rows:
        story.append(
            RowTable(
                ["Initiative", "Owner", "Status and dates", "Details"], rows, columns(width, (0.25, 0.15, 0.16, 0.44))
            )
        )
    else:
        story.append(markup("The plan has no initiatives yet.", s["body"]))
    if long_ones:
        story += kept(Heading("Long descriptions", "h2", "appendix-long", 1, toc=False))
        for initiative in long_ones:
            story += [para(initiative.name, s["h3"], 300), *description(initiative.description, s["body"])]
    return story

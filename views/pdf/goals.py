"""The goals section: the goal tree with the initiatives serving each goal, then what is not aligned."""

from __future__ import annotations

from domain.goal_tree import goal_tree
from views.pdf.content import GoalLine
from views.pdf.context import Context
from views.pdf.document import Heading, kept
from views.pdf.formats import NONE, day, number
from views.pdf.styles import SHADE, styles
from views.pdf.tables import Row, RowTable, columns
from views.pdf.text import BOLD, markup

GOAL_HEADER = ["Goal", "Metric", "Baseline → target", "Deadline", "Work ends"]
GOAL_WIDTHS = (0.35, 0.21, 0.15, 0.12, 0.17)  # "2027-12-31 LATE" in bold fits the last


def goal_row(goal: GoalLine, depth: int = 0, shaded: bool = False) -> Row:
    """A goal's row: name, metric, baseline → target, deadline and when its work ends (bold when late)."""
    style = [("BACKGROUND", 0, -1, SHADE)] if shaded else []
    if goal.late:
        style.append(("FONT", 4, 4, BOLD, 8, 10))
    return Row(
        [
            goal.name,
            goal.metric or NONE,
            f"{number(goal.baseline)} → {number(goal.target)}",
            day(goal.deadline),
            day(goal.work_ends) + (" LATE" if goal.late else ""),
        ],
        style=style,
        bold=shaded,
        wrap=(0, 1),
        max_lines=3,
        indent=12 * min(depth, 6),
    )


def goals(context: Context) -> list:
    """The goal tree with the initiatives serving each goal, then what is not aligned."""
    s, plan, analysis, width = styles(), context.plan, context.analysis, context.portrait[0]
    content = context.content
    story = [
        Heading("Goals and alignment", "h1", "goals", section="Goals and alignment"),
        markup(
            "Each goal with its metric, followed by the initiatives that serve it directly "
            "(owner, planned dates and status). Sub-goals are indented under their parent.",
            s["muted"],
        ),
    ]
    rows = []
    for goal_id, depth in goal_tree(plan).walk():
        goal = content.goals[goal_id]
        rows.append(goal_row(goal, depth, shaded=True))
        for initiative_id in goal.initiatives:
            work = content.work[initiative_id]
            rows.append(
                Row(
                    ["• " + work.name, work.owner_name, day(work.start), day(work.finish), work.status],
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
        unaligned = [content.work[i] for i in analysis.unaligned_initiatives if i in content.work]
        story.append(
            RowTable(
                ["Initiative", "Owner", "Start", "Status"],
                [Row([work.name, work.owner_name, day(work.start), work.status]) for work in unaligned],
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
        orphaned = [content.goals[g] for g in analysis.goals_without_initiatives if g in content.goals]
        story.append(
            RowTable(
                ["Goal", "Owner", "Deadline"],
                [Row([goal.name, context.team(goal.owner), day(goal.deadline)]) for goal in orphaned],
                columns(width, (0.6, 0.25, 0.15)),
            )
        )
    else:
        story.append(markup("Every goal has work serving it.", s["body"]))
    return story

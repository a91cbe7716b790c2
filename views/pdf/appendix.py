"""The appendix: every initiative with all its details, then descriptions too long for its table."""

from __future__ import annotations

from collections import defaultdict

from domain.wording import counted
from views.pdf.context import Context
from views.pdf.document import Heading, kept
from views.pdf.formats import day, number
from views.pdf.styles import styles
from views.pdf.tables import Row, RowTable, columns
from views.pdf.text import markup, para, paragraphs

LONG_DESCRIPTION = 500  # characters shown in the appendix table; longer texts follow it in full


def appendix(context: Context) -> list:
    """Every initiative with all its details."""
    s, plan, width = styles(), context.plan, context.portrait[0]
    before = defaultdict(list)
    for dependency in plan.dependencies.values():
        before[dependency.after].append(dependency)
    rows, long_ones = [], []
    for initiative in plan.initiatives.values():
        work = context.content.work[initiative.id]
        dates = [work.status]
        if work.start:
            dates += [
                f"{day(work.start)} →",
                day(work.finish),
                f"slack {work.slack} d" + (" · critical" if work.critical else ""),
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
                [work.name, work.owner_name, "\n".join(dates), "\n".join(details)],
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
            story += [para(initiative.name, s["h3"], 300), *paragraphs(initiative.description, s["body"], s["muted"])]
    return story

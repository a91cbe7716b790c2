"""The RACI section: initiatives × teams with their roles, in groups of team columns."""

from __future__ import annotations

from views.pdf.context import Context
from views.pdf.document import Heading, kept
from views.pdf.styles import styles
from views.pdf.tables import Row, column_groups, matrix_table
from views.pdf.text import markup

ROLE_NAMES = "R = responsible, A = accountable, C = consulted, I = informed, O = owner of the initiative"


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
    teams, roles = list(plan.teams.values()), context.content.roles
    if not teams or not plan.initiatives:
        story.append(markup("The plan has no initiatives or no teams yet.", s["body"]))
    first = min(width * 0.4, 200)
    column = min(30.0, max(18.0, (width - first) / max(len(teams), 1)))
    groups = column_groups(len(teams), width - first, column)
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
            story.append(matrix_table("Initiative", [t.name for t in chosen], rows, first, column))
        else:
            story.append(markup("None of these teams has a role in any initiative.", s["body"]))
    return story

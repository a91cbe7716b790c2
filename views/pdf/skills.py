"""The skills section: the team × skill matrix with gaps marked, then the list of gaps."""

from __future__ import annotations

from reportlab.platypus import Spacer

from domain.entities import MAX_LEVEL
from domain.wording import counted
from views.pdf.context import Context
from views.pdf.document import Heading, kept
from views.pdf.styles import SHADE, styles
from views.pdf.tables import Row, RowTable, column_groups, columns, label_width, matrix_table
from views.pdf.text import BOLD, markup

GAP = SHADE  # shading of a matrix cell with a skill gap; the "!" says the same without colour


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
        for group in column_groups(len(skills_list), width - first, column):
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
            story.append(matrix_table("Team", [k.name for k in chosen], rows, first, column))
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

"""The summary section: top goals, headline figures and the most important findings."""

from __future__ import annotations

from reportlab.platypus import Table, TableStyle

from domain.analysis.wording import describe
from domain.goal_tree import goal_tree
from domain.wording import counted
from views.pdf.context import Context
from views.pdf.document import Heading, kept
from views.pdf.formats import day
from views.pdf.goals import GOAL_HEADER, GOAL_WIDTHS, goal_row
from views.pdf.styles import RULE, styles
from views.pdf.tables import RowTable, columns
from views.pdf.text import markup, para, safe

SEVERITY = {"high": "HIGH", "medium": "MEDIUM", "low": "LOW"}
TOP_FINDINGS = 15


def figures(context: Context) -> list[tuple[str, str]]:
    """The headline figures: each a value and what it counts."""
    analysis, plan = context.analysis, context.plan
    critical_days = sum(
        (analysis.schedule[i].finish - analysis.schedule[i].start).days + 1
        for i in analysis.critical_path
        if i in analysis.schedule
    )
    critical_gaps = sum(g.critical for g in analysis.skill_gaps)
    return [
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


def _figure_grid(figures: list[tuple[str, str]], width: float) -> Table:
    s = styles()
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
        colWidths=[width / 4] * 4,
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


def summary(context: Context) -> list:
    """Top goals, headline figures and the most important findings."""
    s, plan, width = styles(), context.plan, context.portrait[0]
    roots = [context.content.goals[g] for g in goal_tree(plan).sub_goals(None)]
    story = [
        Heading("Summary", "h1", "summary", section="Summary"),
        Heading("Goals", "h2", "summary-goals", 1, toc=False),
    ]
    if roots:
        story.append(RowTable(GOAL_HEADER, [goal_row(g) for g in roots], columns(width, GOAL_WIDTHS)))
        nested = len(plan.goals) - len(roots)
        if nested:
            story.append(markup(f"{counted(nested, 'sub-goal')} under these: see Goals and alignment.", s["muted"]))
    else:
        story.append(markup("The plan has no goals yet.", s["body"]))
    story += [
        *kept(Heading("Headline figures", "h2", "summary-figures", 1, toc=False)),
        _figure_grid(figures(context), width),
    ]
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

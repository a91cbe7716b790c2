"""The cover page (project, span, printed date, file) and the table of contents."""

from __future__ import annotations

from reportlab.platypus import Spacer, Table, TableStyle

from domain.wording import counted
from views.pdf.context import Context
from views.pdf.document import ContentsLine, Entry, Heading
from views.pdf.formats import long_day
from views.pdf.styles import INK, RULE, styles
from views.pdf.tables import columns
from views.pdf.text import markup, para, paragraphs


def cover(context: Context) -> list:
    """Project name, description, span, printed date and file name."""
    plan, analysis, s = context.plan, context.analysis, styles()
    facts = [
        ("Span", f"{long_day(analysis.start)} to {long_day(analysis.finish)}"),
        ("Printed on", long_day(context.printed)),
        ("File", context.file_name or "(not saved)"),
        (
            "Contents",
            (
                f"{counted(len(plan.goals), 'goal')}, {counted(len(plan.teams), 'team')}, "
                f"{counted(len(plan.initiatives), 'initiative')}, "
                f"{counted(len(plan.handoffs), 'hand-off')}"
            ),
        ),
    ]
    rows = [[para(label, s["cell_bold"]), para(value, s["body"], 300)] for label, value in facts]
    table = Table(
        rows,
        colWidths=columns(context.portrait[0], (0.2, 0.8)),
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
        Heading(plan.project.name or "Untitled plan", "title", "cover", section="Cover", toc=False),
    ]
    story += paragraphs(plan.project.description, s["body"], s["muted"])
    story += [Spacer(1, 24), table]
    return story


def contents(entries: list[Entry]) -> list:
    """The table of contents; page numbers are filled in when the document is finished."""
    return [Heading("Contents", "h1", "contents", section="Contents", toc=False), Spacer(1, 6)] + [
        ContentsLine(entry) for entry in entries
    ]

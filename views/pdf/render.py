"""Export a plan as a printable PDF orchestration plan, or as team handouts only.

Importing this module is cheap: reportlab is loaded only when `export_pdf` runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import BinaryIO

from domain.analysis.results import Analysis
from domain.plan import Plan

Progress = Callable[[int, int], bool]
PREPARE = 20  # progress units spent before layout starts; layout takes the other LAYOUT
LAYOUT = 80


class ExportCancelled(Exception):
    """The export was cancelled through the progress callback; nothing was written."""


@dataclass(frozen=True)
class ExportOptions:
    """What to print. `teams` limits the handouts (empty: every team); `printed` and `created` default to
    today (midnight UTC), so the same plan and options give the same bytes."""

    paper: str = "a4"
    teams: tuple[str, ...] = ()
    handouts_only: bool = False
    file_name: str = ""
    printed: date | None = None
    created: datetime | None = None


def export_pdf(
    plan: Plan,
    out: BinaryIO,
    options: ExportOptions,
    analysis: Analysis | None = None,
    progress: Progress | None = None,
) -> None:
    """Write the PDF to a binary file object. `progress(done, total)` returning False cancels the export
    (raising ExportCancelled before anything is written)."""
    from reportlab.platypus import NextPageTemplate, PageBreak

    from views.pdf import appendix, cover, document, goals, handouts, network, raci, skills, summary, timeline
    from views.pdf.context import Context
    from views.pdf.formats import day
    from views.pdf.text import register_fonts

    def step(done: int) -> None:
        if progress is not None and progress(done, PREPARE + LAYOUT) is False:
            raise ExportCancelled()

    def layout_progress(done: int, total: int) -> None:
        step(PREPARE + LAYOUT * done // max(total, 1))

    if options.paper not in document.PAPERS:
        raise ValueError(f"unknown paper size '{options.paper}' (use a4 or letter)")
    step(0)
    if analysis is None:
        from domain.analysis.engine import analyze

        analysis = analyze(plan)
    step(5)
    register_fonts()
    printed = options.printed or date.today()
    created = options.created or datetime.combine(printed, time(), UTC)
    pdf = document.PlanDocument(
        out,
        paper=options.paper,
        project=plan.project.name or "Untitled plan",
        footer=" · ".join(filter(None, [options.file_name, f"printed {day(printed)}"])),
        created=created,
        progress=layout_progress,
    )
    context = Context(
        plan,
        analysis,
        printed,
        options.file_name,
        pdf.frame_size(document.PORTRAIT),
        pdf.frame_size(document.LANDSCAPE),
    )
    if options.handouts_only:
        parts = [(document.PORTRAIT, handouts.handouts(context, options.teams, two_sided=True))]
    else:
        builders = [
            (document.PORTRAIT, summary.summary),
            (document.PORTRAIT, goals.goals),
            (document.LANDSCAPE, timeline.timeline),
            (document.PORTRAIT, network.team_network),
            (document.PORTRAIT, skills.skills),
            (document.PORTRAIT, raci.raci),
            (document.PORTRAIT, lambda c: handouts.handouts(c, options.teams)),
            (document.PORTRAIT, appendix.appendix),
        ]
        parts = []
        for n, (orientation, build) in enumerate(builders):
            parts.append((orientation, build(context)))
            step(5 + 13 * (n + 1) // len(builders))
        entries = [
            document.Entry(f.title, f.key, f.level)
            for _, part in parts
            for f in part
            if isinstance(f, (document.Heading, document.Anchor)) and f.toc
        ]
        parts = [(document.PORTRAIT, cover.cover(context)), (document.PORTRAIT, cover.contents(entries)), *parts]
    story: list = []
    for orientation, part in parts:
        if story:
            story += [NextPageTemplate(orientation), PageBreak()]
        elif orientation != document.PORTRAIT:
            story.append(NextPageTemplate(orientation))
        story += part
    step(PREPARE)
    pdf.build_story(story)

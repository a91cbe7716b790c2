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
from views.pdf.context import Since

Progress = Callable[[int, int], bool]
SECTIONS = ("cover", "summary", "goals", "score", "wallchart", "network", "skills", "raci", "handouts", "appendix")
# The whole plan by default. The team handouts are a document of their own (`handouts_only`) and the wall
# chart a poster printed when asked: both are still sections one may add.
WHOLE_PLAN = tuple(name for name in SECTIONS if name not in ("wallchart", "handouts"))
PREPARE = 20  # progress units spent before layout starts; layout takes the other LAYOUT
LAYOUT = 80


class ExportCancelled(Exception):
    """The export was cancelled through the progress callback; nothing was written."""


@dataclass(frozen=True)
class ExportOptions:
    """What to print. `sections` are names from SECTIONS (the cover also holds the contents); `teams` limits
    the handouts (empty: every team); `start` and `end` bound the time charts (None: the plan's own span);
    `printed` and `created` default to today (midnight UTC), so the same plan and options give the same bytes.
    `revision` is the short id and save date of the file's revision the plan is (None: never saved), and
    `unsaved` says the plan has edits made since; every page's footer carries them. `since` adds what
    changed since an earlier revision."""

    paper: str = "a4"
    sections: tuple[str, ...] = WHOLE_PLAN
    teams: tuple[str, ...] = ()
    handouts_only: bool = False
    start: date | None = None
    end: date | None = None
    file_name: str = ""
    printed: date | None = None
    created: datetime | None = None
    revision: tuple[str, str] | None = None
    unsaved: bool = False
    since: Since | None = None


def version_line(project: str, revision: tuple[str, str] | None, unsaved: bool, file_name: str = "") -> str:
    """The version stamp of every printed page: "Lindgren · revision 3f9a2c1d · saved 2026-11-30", so two
    people can tell at a glance whether they hold the same version. A file with no recorded revision was
    saved before files kept their history (or its history was damaged).

    >>> version_line("Lindgren", ("3f9a2c1d", "2026-11-30"), unsaved=True)
    'Lindgren · revision 3f9a2c1d + unsaved changes · saved 2026-11-30'
    >>> version_line("", None, unsaved=True)
    'Untitled plan · not saved yet'
    >>> version_line("Lindgren", None, unsaved=False, file_name="old.tutti")
    'Lindgren · no revision recorded in old.tutti'
    """
    name = project or "Untitled plan"
    if revision is None:
        return f"{name} · no revision recorded in {file_name}" if file_name else f"{name} · not saved yet"
    short, saved = revision
    return f"{name} · revision {short}{' + unsaved changes' if unsaved else ''} · saved {saved}"


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

    from views.pdf import (
        appendix,
        changes,
        communities,
        cover,
        document,
        goals,
        handouts,
        raci,
        score,
        skills,
        summary,
        wallchart,
    )
    from views.pdf.context import Context
    from views.pdf.formats import day
    from views.pdf.text import register_fonts

    def step(done: int) -> None:
        if progress is not None and progress(done, PREPARE + LAYOUT) is False:
            raise ExportCancelled()

    def layout_progress(done: int, total: int) -> None:
        step(PREPARE + LAYOUT * done // max(total, 1))

    if options.paper not in document.PAPERS:
        raise ValueError(f"unknown paper size '{options.paper}' (use {', '.join(document.PAPERS)})")
    unknown = [name for name in options.sections if name not in SECTIONS]
    if unknown or not options.sections:
        raise ValueError(
            f"unknown section '{unknown[0]}' (use {', '.join(SECTIONS)})" if unknown else "no section chosen"
        )
    if options.start and options.end and options.start > options.end:
        raise ValueError(f"the window starts after it ends ({options.start} to {options.end})")
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
        stamp=version_line(plan.project.name, options.revision, options.unsaved, options.file_name),
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
        options.start,
        options.end,
        options.since,
    )
    if options.handouts_only:
        parts = [(document.PORTRAIT, handouts.handouts(context, options.teams, two_sided=True))]
    else:
        every = {
            "summary": (document.PORTRAIT, summary.summary),
            "goals": (document.PORTRAIT, goals.goals),
            "score": (document.LANDSCAPE, lambda c: score.score(c, "wallchart" in options.sections)),
            "wallchart": (document.LANDSCAPE, wallchart.wall_chart),
            "network": (document.PORTRAIT, communities.network_section),
            "skills": (document.PORTRAIT, skills.skills),
            "raci": (document.PORTRAIT, raci.raci),
            "handouts": (document.PORTRAIT, lambda c: handouts.handouts(c, options.teams)),
            "appendix": (document.PORTRAIT, appendix.appendix),
        }
        builders = [every[name] for name in SECTIONS if name in options.sections and name in every]
        parts = [(document.PORTRAIT, changes.changes_since(context, options.since))] if options.since else []
        for n, (orientation, build) in enumerate(builders):
            parts.append((orientation, build(context)))
            step(5 + 13 * (n + 1) // len(builders))
        entries = [
            document.Entry(f.title, f.key, f.level)
            for _, part in parts
            for f in part
            if isinstance(f, (document.Heading, document.Anchor)) and f.toc
        ]
        if "cover" in options.sections:
            front = [(document.PORTRAIT, cover.cover(context)), (document.PORTRAIT, cover.contents(entries))]
            parts = front + parts
    story: list = []
    for orientation, part in parts:
        if story:
            story += [NextPageTemplate(orientation), PageBreak()]
        else:
            pdf.first_page(orientation)
        story += part
    step(PREPARE)
    pdf.build_story(story)

"""The printed plan's page machinery: paper, headers and footers, outline, contents and page numbers.

Everything is laid out in one pass; numbers known only at the end are left to `FormCanvas` (canvas.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.pagesizes import A3, A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.platypus import ActionFlowable, BaseDocTemplate, CondPageBreak, Flowable, Frame, PageTemplate, Paragraph

from views.pdf.canvas import FormCanvas
from views.pdf.styles import INK, MUTED, RULE, styles
from views.pdf.text import BOLD, FONT, clean, fit, printable, safe, width_of

PAPERS = {"a4": A4, "a3": A3, "letter": LETTER}
MARGIN = 16 * mm
HEADER = 10 * mm  # room above and below the frame for the running header and footer
PORTRAIT, LANDSCAPE = "portrait", "landscape"


class Heading(Paragraph):
    """A heading that becomes an outline entry, and opens a section or a team's handout."""

    def __init__(
        self,
        title: str,
        style: str,
        key: str,
        level: int = 0,
        *,
        section: str | None = None,
        team: str | None = None,
        toc: bool = True,
    ):
        super().__init__(safe(title, 300), styles()[style])
        self.title, self.key, self.level = clean(title[:300]), key, level
        self.section, self.team, self.toc = section, team, toc


class Anchor(Flowable):
    """An invisible outline entry that opens a section without a printed heading of its own."""

    def __init__(self, title: str, key: str, level: int = 0, *, section: str | None = None, toc: bool = True):
        super().__init__()
        self.title, self.key, self.level = clean(title[:300]), key, level
        self.section, self.team, self.toc = section, None, toc

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        pass


class Subheading(Flowable):
    """A one-line heading in Tutti's own words, drawn directly: a Paragraph costs ten times as much, and a
    large plan's handouts hold thousands of these."""

    def __init__(self, text: str, style: str = "h2"):
        super().__init__()
        self.text, self.style = text, styles()[style]

    def wrap(self, available_width, available_height):
        return available_width, self.style.leading

    def getSpaceBefore(self) -> float:
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:
        return self.style.spaceAfter

    def draw(self):
        style = self.style
        self.canv.setFillColor(style.textColor)
        self.canv.text(0, style.leading - style.fontSize, self.text, style.fontName, style.fontSize)


def kept(heading: Flowable, room: float = 90) -> list:
    """A sub-heading with a page break before it when less than `room` points are left, so it never
    ends a page alone (reportlab's keepWithNext would push a long table to the next page instead)."""
    return [CondPageBreak(room), heading]


class OddPage(ActionFlowable):
    """Put in after a page break: adds a blank back page when the new page would be an even one."""

    def apply(self, document) -> None:
        if document.page % 2 == 0:
            document.team = None  # the blank page belongs to no handout
            document.handle_pageBreak()


@dataclass(frozen=True)
class Entry:
    """One line of the table of contents."""

    title: str
    key: str
    level: int


def page_form(key: str) -> str:
    return f"page-{key}"


class ContentsLine(Flowable):
    """A contents entry: its title, a dotted leader, its page number (known only at the end) and a link."""

    SIZE = 10

    def __init__(self, entry: Entry):
        super().__init__()
        self.entry = entry

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.SIZE * 1.55 if self.entry.level == 0 else self.SIZE * 1.35

    def draw(self):
        canvas, entry = self.canv, self.entry
        indent = 14 * entry.level
        font = BOLD if entry.level == 0 else FONT
        size = self.SIZE if entry.level == 0 else self.SIZE - 1
        title = fit(entry.title, self.width - indent - 50, size, font)
        canvas.setFillColor(INK)
        canvas.text(indent, 3, title, font, size)
        start = indent + width_of(title, size, font) + 6
        canvas.setStrokeColor(RULE)
        canvas.setDash(0.5, 2.5)
        canvas.line(start, 3, self.width - 34, 3)
        canvas.setDash()
        canvas.later(page_form(entry.key), self.width, 3)
        canvas.linkRect("", entry.key, (0, 0, self.width, size + 4), relative=1, thickness=0)


class PlanDocument(BaseDocTemplate):
    """The document template: portrait and landscape pages with running header and footer."""

    def __init__(
        self,
        out,
        *,
        paper: str,
        project: str,
        footer: str,
        stamp: str,
        created: datetime,
        progress: Callable[[int, int], None] | None = None,
    ):
        """`progress(done, total)` is told how far the layout is; it may raise to stop it."""
        size = PAPERS[paper]
        super().__init__(
            out,
            pagesize=size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER,
            bottomMargin=MARGIN + HEADER,
            title=clean(project),
            author="Tutti",
            creator="Tutti",
            producer="Tutti",
            subject="Orchestration plan",
            invariant=1,
            pageCompression=1,
        )
        self.project, self.footer, self.stamp = printable(project), printable(footer), printable(stamp)
        self.section, self.team = "", None
        self.handout_start = 0
        self.handouts = 0
        self._progress = progress
        self._created = created
        templates = []
        for name, page in ((PORTRAIT, size), (LANDSCAPE, landscape(size))):
            frame = Frame(
                MARGIN,
                MARGIN + HEADER,
                page[0] - 2 * MARGIN,
                page[1] - 2 * (MARGIN + HEADER),
                id=name,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
            )
            templates.append(PageTemplate(name, [frame], onPageEnd=self._decorate, pagesize=page))
        self.addPageTemplates(templates)
        if progress is not None:
            self.setProgressCallBack(self._report)

    def frame_size(self, orientation: str) -> tuple[float, float]:
        """Width and height available to flowables on a portrait or landscape page."""
        frame = self.pageTemplates[0 if orientation == PORTRAIT else 1].frames[0]
        return frame._width, frame._height

    def first_page(self, orientation: str) -> None:
        """Start on a portrait or a landscape page (a pack may open with the Score)."""
        self._firstPageTemplateIndex = 0 if orientation == PORTRAIT else 1

    def build_story(self, story: list) -> None:
        """Lay out and write the whole document."""
        self.build(story, canvasmaker=lambda *a, **k: FormCanvas(*a, created=self._created, **k))

    def _report(self, kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            self._total = max(value, 1)
        elif kind == "PROGRESS":
            self._progress(min(value, self._total), self._total)

    def afterFlowable(self, flowable) -> None:
        """Bookmark headings, add them to the outline and track the section the page belongs to."""
        if not isinstance(flowable, (Heading, Anchor)):
            return
        canvas = self.canv
        canvas.bookmarkPage(flowable.key)
        canvas.addOutlineEntry(flowable.title, flowable.key, level=flowable.level, closed=flowable.level == 0)
        canvas.fill(page_form(flowable.key), str(self.page), 10, "right")
        if flowable.section is not None:
            self.section, self.team = flowable.section, None
        if flowable.team is not None:
            self.team = flowable.team
            self.handout_start = self.page
            self.handouts += 1

    def _decorate(self, canvas: FormCanvas, document) -> None:
        """Running header and footer, drawn when the page is complete so they name its section; under the
        footer, the plan's version stamp."""
        width, height = canvas._pagesize
        top, bottom, right_edge = height - MARGIN - HEADER * 0.45, MARGIN, width - MARGIN
        canvas.saveState()
        canvas.setFillColor(MUTED)
        right = fit(f"Handout for {self.team}" if self.team else self.section, (width - 2 * MARGIN) * 0.45, 8)
        room = width - 2 * MARGIN - width_of(right, 8) - 20
        canvas.text(MARGIN, top, fit(self.project, room, 8, BOLD), BOLD, 8)
        canvas.text(right_edge - width_of(right, 8), top, right, FONT, 8)
        canvas.rules(
            [(MARGIN, top - 4, right_edge, top - 4), (MARGIN, bottom + 11, right_edge, bottom + 11)], 0.5, RULE
        )
        number = f"Page {self.page} of "
        canvas.text(right_edge - 22 - width_of(number, 8), bottom, number, FONT, 8)
        canvas.later("page-count", right_edge - 22, bottom)
        canvas.fill("page-count", str(self.page), 8, colour=MUTED)
        if self.team:
            form = f"handout-{self.handouts}"
            prefix = f"{fit(self.team, width * 0.3, 8)} · handout page {self.page - self.handout_start + 1} of "
            canvas.text(MARGIN, bottom, prefix, FONT, 8)
            canvas.later(form, MARGIN + width_of(prefix, 8), bottom)
            canvas.fill(form, str(self.page - self.handout_start + 1), 8, colour=MUTED)
        else:
            canvas.text(MARGIN, bottom, fit(self.footer, width * 0.6, 8), FONT, 8)
        canvas.text(MARGIN, bottom - 10, fit(self.stamp, width - 2 * MARGIN, 7), FONT, 7)
        canvas.restoreState()

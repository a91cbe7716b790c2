"""The printed plan's page machinery: paper, headers and footers, outline, contents and page numbers.

Everything is laid out in one pass. Numbers only known at the end (the page count, the page of each
contents entry, the length of each team's handout) are drawn as PDF forms that the pages reference
first and that are defined when the document is saved.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFName, PDFStream
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ActionFlowable, BaseDocTemplate, CondPageBreak, Flowable, Frame, PageTemplate, Paragraph

from views.pdf.styles import INK, MUTED, RULE, styles
from views.pdf.text import BOLD, FONT, clean, fit, printable, runs, safe, width_of

PAPERS = {"a4": A4, "letter": LETTER}
MARGIN = 16 * mm
HEADER = 10 * mm  # room above and below the frame for the running header and footer
PORTRAIT, LANDSCAPE = "portrait", "landscape"
# zlib level of the page streams. Measured on the 3,243 pages of a large plan: level 6 (zlib's and
# reportlab's default) took 1.06 s for 7.6 MB, level 3 0.63 s for 8.3 MB, level 1 no faster than 3.
COMPRESSION = 3


class FormCanvas(Canvas):
    """A canvas whose forward references (`later`) are filled in with text when it is saved."""

    def __init__(self, *args, created: datetime, **kwargs):
        super().__init__(*args, **{**kwargs, "invariant": 1})
        stamp = created.strftime("D:%Y%m%d%H%M%S+00'00'")
        self.setDateFormatter(lambda *_: stamp)
        self.pending: dict[str, tuple[str, float, str, object]] = {}
        self.encoded: dict[tuple[str, str, float], str] = {}
        self._first_subset: dict[str, tuple[dict, frozenset, str]] = {}

    def operators(self, text: str, font: str, size: float) -> str:
        """The text-showing operators of a string, kept: thousands of table cells repeat names and dates."""
        key = (text, font, size)
        operators = self.encoded.get(key)
        if operators is None:
            first = self._first_subset.get(font)
            if first is not None and first[1].issuperset(text):
                operators = f"{first[2]} {size:g} Tf ({text.translate(first[0])}) Tj"
            else:
                operators = " ".join(self._run(chunk, face, size) for face, chunk in runs(text, font))
                self._learn_subset(font)
            self.encoded[key] = operators
        return operators

    def _run(self, text: str, font: str, size: float) -> str:
        face = pdfmetrics.getFont(font)
        if not face._dynamicFont:  # a CID font: the text goes as UTF-16, the font is not embedded
            return f"{self._doc.getInternalFontName(font)} {size:g} Tf ({face.formatForPdf(text)}) Tj"
        return " ".join(
            f"{face.getSubsetInternalName(subset, self._doc)} {size:g} Tf ({self._escape(chunk)}) Tj"
            for subset, chunk in face.splitString(text, self._doc)
        )

    def _learn_subset(self, font: str) -> None:
        """Remember how the font's first subset encodes its characters, so most strings are encoded by one
        `str.translate` instead of reportlab's character loop (which took a tenth of a large export)."""
        face = pdfmetrics.getFont(font)
        assigned = {code: n for code, n in face.state[self._doc].assignments.items() if n < 256}
        if len(assigned) != len(self._first_subset.get(font, ((), (), ""))[1]):
            table = {code: self._escape(bytes([n])) for code, n in assigned.items()}
            self._first_subset[font] = (table, frozenset(map(chr, assigned)), face.getSubsetInternalName(0, self._doc))

    def text(self, x: float, y: float, text: str, font: str, size: float) -> None:
        """Draw one line of text in the current fill colour, quicker than drawString."""
        self._code.append(f"BT 1 0 0 1 {x:.2f} {y:.2f} Tm {self.operators(text, font, size)} ET")

    def text_block(self, lines: list[str]) -> None:
        """Draw lines already positioned and encoded ("1 0 0 1 x y Tm" + `operators`) in one text object."""
        self._code.append(f"BT {' '.join(lines)} ET")

    def boxes(self, rectangles: list[tuple[float, float, float, float]], colour) -> None:
        """Fill rectangles in one colour, without changing the current state."""
        if rectangles:
            red, green, blue = colour.rgb()
            path = " ".join(f"{x:.2f} {y:.2f} {width:.2f} {height:.2f} re" for x, y, width, height in rectangles)
            self._code.append(f"q {red:.3f} {green:.3f} {blue:.3f} rg {path} f Q")

    def box(self, x: float, y: float, width: float, height: float, colour) -> None:
        """Fill a rectangle without changing the current colours (a fast path for table rows)."""
        red, green, blue = colour.rgb()
        self._code.append(f"q {red:.3f} {green:.3f} {blue:.3f} rg {x:.2f} {y:.2f} {width:.2f} {height:.2f} re f Q")

    def outlined(
        self, x: float, y: float, width: float, height: float, colour, line: float, dashed: bool = False
    ) -> None:
        """Fill a rectangle and outline it in ink, without changing the current state."""
        red, green, blue = colour.rgb()
        dash = "[2 1.5] 0 d " if dashed else ""
        self._code.append(
            f"q {red:.3f} {green:.3f} {blue:.3f} rg 0.125 0.125 0.125 RG {line:.2f} w {dash}"
            f"{x:.2f} {y:.2f} {width:.2f} {height:.2f} re B Q"
        )

    def rules(self, lines: list[tuple[float, float, float, float]], width: float, colour) -> None:
        """Stroke straight lines in one colour and width, without changing the current state."""
        red, green, blue = colour.rgb()
        path = " ".join(f"{x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l" for x1, y1, x2, y2 in lines)
        self._code.append(f"q {red:.3f} {green:.3f} {blue:.3f} RG {width:.2f} w {path} S Q")

    def later(self, name: str, x: float, y: float) -> None:
        """Draw here the text that `fill(name, ...)` will give at the end."""
        self._code.append(f"q 1 0 0 1 {x:.2f} {y:.2f} cm /{self._doc.getXObjectName(name)} Do Q")
        self._formsinuse.append(name)  # as doForm does
        self.pending.setdefault(name, ("?", 8, "left", INK))

    def fill(self, name: str, text: str, size: float, align: str = "left", colour=INK) -> None:
        """Set the text of a forward reference; the last call wins."""
        self.pending[name] = (text, size, align, colour)

    def showPage(self) -> None:
        """Finish the page with its content compressed now. reportlab would compress at the end and also
        ASCII85-encode every page (a pure-Python step that took a third of a large export) unless a
        process-wide setting is changed; compressing here also frees each page's text as it is done."""
        super().showPage()
        page = self._doc.Pages.pages[-1]
        content = PDFStream(content=zlib.compress(page.stream.encode("utf8"), COMPRESSION))
        content.dictionary["Filter"] = PDFName("FlateDecode")
        page.Contents, page.stream = content, None

    def save(self) -> None:
        """Define every forward reference, then write the file."""
        for name, (text, size, align, colour) in self.pending.items():
            self.beginForm(name, lowerx=-300, lowery=-5, upperx=300, uppery=size + 5)
            self.setFont(FONT, size)
            self.setFillColor(colour)
            (self.drawRightString if align == "right" else self.drawString)(0, 0, text)
            self.endForm()
        super().save()


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
        self.project, self.footer = printable(project), printable(footer)
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
        """Running header and footer, drawn when the page is complete so they name its section."""
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
        canvas.restoreState()

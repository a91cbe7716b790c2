"""The canvas of the printed plan: fast text, boxes and rules, and text known only at the end.

Numbers only known when the document is finished (the page count, the page of each contents entry, the
length of each team's handout) are drawn as PDF forms that the pages reference first and that are
defined when the document is saved.
"""

from __future__ import annotations

import zlib
from datetime import datetime

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFName, PDFStream
from reportlab.pdfgen.canvas import Canvas

from views.pdf.styles import INK
from views.pdf.text import FONT, runs

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

"""Fonts, styles and safe text for the printed plan: user text is always data, never markup."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from functools import cache, lru_cache
from importlib.resources import files
from itertools import accumulate
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

FONT, BOLD = "TuttiSans", "TuttiSans-Bold"
MISSING = "\u25a1"  # □ stands in for any character the font cannot draw
CELL_LIMIT = 2000  # characters of user text in one table cell or paragraph
ELLIPSIS = "\u2026"
INK = colors.HexColor("#202020")
MUTED = colors.HexColor("#606060")
RULE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#e6e6e6")
LIGHT = colors.HexColor("#f4f4f4")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@cache
def register_fonts() -> None:
    """Register the bundled DejaVu Sans (once), so every machine prints the same glyphs."""
    folder = files("resources").joinpath("fonts")
    for name, file_name in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        with folder.joinpath(file_name).open("rb") as font_file:
            pdfmetrics.registerFont(TTFont(name, font_file))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


@cache
def _glyphs() -> frozenset[int]:
    """Characters both fonts can draw. Only the BMP: reportlab writes a broken text map for characters beyond
    it (such as DejaVu's emoji), which would make the PDF's text unsearchable."""
    register_fonts()
    both = set(pdfmetrics.getFont(FONT).face.charToGlyph) & set(pdfmetrics.getFont(BOLD).face.charToGlyph)
    return frozenset(code for code in both if code < 0x10000)


@lru_cache(maxsize=100_000)
def printable(text: str) -> str:
    """The text with control characters as spaces and characters the font lacks as □."""
    text = CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\t", "    "))
    glyphs = _glyphs()
    if glyphs.issuperset(map(ord, text.replace("\n", " "))):
        return text
    return "".join(c if ord(c) in glyphs or c == "\n" else MISSING for c in text)


def shorten(text: str, limit: int = CELL_LIMIT) -> str:
    """At most `limit` characters, ending with … when cut."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def para(text: str, style: ParagraphStyle, limit: int = CELL_LIMIT) -> Paragraph:
    """A paragraph showing user text exactly as typed (escaped, bounded, line breaks kept)."""
    safe = escape(printable(shorten(text, limit))).replace("\n", "<br/>")
    return Paragraph(safe, style)


def markup(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of Tutti's own wording, which may use <b> and interpolate values already escaped."""
    return Paragraph(text, style)


def safe(text: str, limit: int = CELL_LIMIT) -> str:
    """User text made safe to interpolate into `markup`."""
    return escape(printable(shorten(text, limit))).replace("\n", "<br/>")


@cache
def _advances(font: str) -> defaultdict[int, float]:
    """Advance width of each character (in 1/1000 em), for measuring without reportlab's slower loop."""
    register_fonts()
    face = pdfmetrics.getFont(font).face
    return defaultdict(lambda: face.defaultWidth, face.charWidths)


@lru_cache(maxsize=200_000)
def width_of(text: str, size: float, font: str = FONT) -> float:
    """Printed width of a string in points (kept: names and words repeat across thousands of rows)."""
    return sum(map(_advances(font).__getitem__, map(ord, text))) * size / 1000


NARROWEST = 0.25  # em: no spacing glyph of DejaVu Sans is narrower, so longer texts cannot fit


@lru_cache(maxsize=100_000)
def fit(text: str, width: float, size: float, font: str = FONT) -> str:
    """One line of user text cut with … so it fits `width` points."""
    text = printable(text[: int(width / (size * NARROWEST)) + 2].replace("\n", " "))
    if width_of(text, size, font) <= width:
        return text
    room = width * 1000 / size - _advances(font)[ord(ELLIPSIS)]
    ends = list(accumulate(map(_advances(font).__getitem__, map(ord, text))))
    return text[: bisect_right(ends, room)].rstrip() + ELLIPSIS


@lru_cache(maxsize=20_000)
def wrap(text: str, width: float, size: float, max_lines: int, font: str = FONT) -> tuple[str, ...]:
    """User text broken into at most `max_lines` lines of `width` points; long words are broken too."""
    text = printable(shorten(text, CELL_LIMIT))
    space = width_of(" ", size, font)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for word in paragraph.split(" "):
            needed = width_of(word, size, font)
            if line and used + space + needed <= width:
                line, used = f"{line} {word}", used + space + needed
                continue
            if line:
                lines.append(line)
            while needed > width and len(lines) <= max_lines:
                piece = fit(word, width, size, font)[:-1] or word[:1]
                lines.append(piece)
                word = word[len(piece) :]
                needed = width_of(word, size, font)
            line, used = word, needed
            if len(lines) > max_lines:
                break
        lines.append(line)
        if len(lines) > max_lines:
            break
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1].rstrip(ELLIPSIS + " .")
        lines[-1] = fit(f"{last} {ELLIPSIS}", width, size, font)
    return tuple(lines)


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of the printed plan, by name."""
    register_fonts()
    body = ParagraphStyle(
        "body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK, spaceAfter=4, splitLongWords=1
    )
    return {
        "body": body,
        "small": ParagraphStyle("small", body, fontSize=8, leading=10, spaceAfter=2),
        "cell": ParagraphStyle("cell", body, fontSize=8, leading=10, spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", body, fontName=BOLD, fontSize=8, leading=10, spaceAfter=0),
        "muted": ParagraphStyle("muted", body, fontSize=8.5, leading=11, textColor=MUTED),
        "title": ParagraphStyle("title", body, fontName=BOLD, fontSize=26, leading=32, spaceAfter=12),
        "team_title": ParagraphStyle("team_title", body, fontName=BOLD, fontSize=24, leading=29, spaceAfter=2),
        "h1": ParagraphStyle("h1", body, fontName=BOLD, fontSize=16, leading=20, spaceBefore=0, spaceAfter=8),
        "h2": ParagraphStyle("h2", body, fontName=BOLD, fontSize=12, leading=15, spaceBefore=10, spaceAfter=5),
        "h3": ParagraphStyle("h3", body, fontName=BOLD, fontSize=10, leading=13, spaceBefore=6, spaceAfter=3),
        "figure": ParagraphStyle(
            "figure", body, fontName=BOLD, fontSize=18, leading=22, alignment=TA_CENTER, spaceAfter=0
        ),
        "figure_small": ParagraphStyle(
            "figure_small", body, fontName=BOLD, fontSize=13, leading=22, alignment=TA_CENTER, spaceAfter=0
        ),
        "figure_label": ParagraphStyle(
            "figure_label", body, fontSize=8, leading=10, alignment=TA_CENTER, textColor=MUTED
        ),
    }

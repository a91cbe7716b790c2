"""Fonts and safe text for the printed plan: user text is always data, never markup; measuring and fitting it."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, lru_cache
from importlib.resources import files
from itertools import accumulate
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from views.pdf.formats import count

FONT, BOLD = "TuttiSans", "TuttiSans-Bold"
MISSING = "\ufffd"  # � stands in for any character no font can draw (such as emoji): clearly a placeholder
# reportlab's built-in CID fonts: every PDF reader has them, so nothing is bundled or embedded
CHINESE, JAPANESE, KOREAN = "STSong-Light", "HeiseiMin-W3", "HYSMyeongJo-Medium"
HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))
KANA = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF65, 0xFF9F))
HAN = (
    (0x2E80, 0x2FDF),
    (0x3000, 0x303F),
    (0x3100, 0x312F),
    (0x3190, 0x31EF),
    (0x3200, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
)  # ideographs, CJK punctuation and full-width forms
CELL_LIMIT = 2000  # characters of user text in one table cell or paragraph
ELLIPSIS = "\u2026"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@cache
def register_fonts() -> None:
    """Register the bundled DejaVu Sans and the CID fonts for Chinese, Japanese and Korean (once)."""
    folder = files("resources").joinpath("fonts")
    for name, file_name in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        with folder.joinpath(file_name).open("rb") as font_file:
            pdfmetrics.registerFont(TTFont(name, font_file))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    for name in (CHINESE, JAPANESE, KOREAN):
        pdfmetrics.registerFont(UnicodeCIDFont(name))


@cache
def _glyphs() -> frozenset[int]:
    """Characters both DejaVu fonts can draw. Only the BMP: reportlab writes a broken text map for characters
    beyond it (such as DejaVu's emoji), which would make the PDF's text unsearchable."""
    register_fonts()
    both = set(pdfmetrics.getFont(FONT).face.charToGlyph) & set(pdfmetrics.getFont(BOLD).face.charToGlyph)
    return frozenset(code for code in both if code < 0x10000)


@cache
def _cjk() -> dict[int, str]:
    """The CID font for each CJK character DejaVu lacks: Hangul in Korean, kana in Japanese, the rest Chinese."""
    glyphs = _glyphs()
    return {
        code: font
        for ranges, font in ((HAN, CHINESE), (KANA, JAPANESE), (HANGUL, KOREAN))
        for first, last in ranges
        for code in range(first, last + 1)
        if code not in glyphs
    }


@cache
def _drawable() -> frozenset[int]:
    return _glyphs() | _cjk().keys()


@lru_cache(maxsize=100_000)
def printable(text: str) -> str:
    """The text with control characters as spaces and characters no font can draw as the placeholder."""
    text = clean(text)
    drawable = _drawable()
    if drawable.issuperset(map(ord, text.replace("\n", " "))):
        return text
    return "".join(c if ord(c) in drawable or c == "\n" else MISSING for c in text)


def clean(text: str) -> str:
    """The text with control characters as spaces: as it goes in the outline and the document's title."""
    return CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\t", "    "))


@lru_cache(maxsize=20_000)
def runs(text: str, font: str) -> tuple[tuple[str, str], ...]:
    """A printable text in runs of one font each: `font` where DejaVu has the glyphs, else the CID font of the
    text's script. Han characters in a text with kana are Japanese, with Hangul Korean."""
    cjk = _cjk()
    if cjk.keys().isdisjoint(map(ord, text)):
        return ((font, text),)
    fonts = [cjk.get(ord(c), font) for c in text]
    han = JAPANESE if JAPANESE in fonts else KOREAN if KOREAN in fonts else CHINESE
    fonts = [han if f == CHINESE else f for f in fonts]
    result, start = [], 0
    for n in range(1, len(text) + 1):
        if n == len(text) or fonts[n] != fonts[start]:
            result.append((fonts[start], text[start:n]))
            start = n
    return tuple(result)


def shorten(text: str, limit: int = CELL_LIMIT) -> str:
    """At most `limit` characters, ending with … when cut."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def para(text: str, style: ParagraphStyle, limit: int = CELL_LIMIT) -> Paragraph:
    """A paragraph showing user text exactly as typed (escaped, bounded, line breaks kept)."""
    return Paragraph(safe(text, limit), style)


def markup(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of Tutti's own wording, which may use <b> and interpolate values already escaped."""
    return Paragraph(text, style)


def paragraphs(text: str, style: ParagraphStyle, note: ParagraphStyle, limit: int = 20_000) -> list[Paragraph]:
    """A long user text as several bounded paragraphs (one huge paragraph takes minutes to lay out), with a
    note in the `note` style when it is shortened."""
    text = text.strip()
    if not text:
        return []
    shortened = []
    if len(text) > limit:
        shortened = [markup(f"(Shortened: the full text has {count(len(text))} characters.)", note)]
        text = text[:limit]
    pieces = []
    for block in text.split("\n\n"):
        pieces += [block[i : i + 1500] for i in range(0, len(block), 1500)]
    return [para(piece, style) for piece in pieces if piece.strip()] + shortened


def safe(text: str, limit: int = CELL_LIMIT) -> str:
    """User text made safe to interpolate into `markup`, with CJK runs in their fonts."""
    return "".join(
        escape(chunk) if font == FONT else f'<font name="{font}">{escape(chunk)}</font>'
        for font, chunk in runs(printable(shorten(text, limit)), FONT)
    ).replace("\n", "<br/>")


class _Advances(dict):
    """Advance width of each character (in 1/1000 em) in a DejaVu font; a CJK character takes the width of
    its CID font, looked up the first time it is measured."""

    def __init__(self, font: str):
        face = pdfmetrics.getFont(font).face
        super().__init__(face.charWidths)
        self.default = face.defaultWidth

    def __missing__(self, code: int) -> float:
        cid = _cjk().get(code)
        width = pdfmetrics.getFont(cid).stringWidth(chr(code), 1000) if cid else self.default
        self[code] = width
        return width


@cache
def _advances(font: str) -> _Advances:
    """The widths of a font's characters, for measuring without reportlab's slower loop."""
    register_fonts()
    return _Advances(font)


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


@lru_cache(maxsize=100_000)
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

"""The printed plan's palette and paragraph styles: every colour and style of the PDF is named here."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from views.pdf.text import BOLD, FONT, register_fonts

INK = colors.HexColor("#202020")
MUTED = colors.HexColor("#606060")
RULE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#e6e6e6")
LIGHT = colors.HexColor("#f4f4f4")
FAINT = colors.HexColor("#ececec")  # week lines of a timeline with many weeks
GREY_FILL = colors.HexColor("#d9d9d9")  # bars and discs of a team without a colour of its own
SHARED = colors.HexColor("#c4c4c4")  # network lines between teams that work together
WHITE = colors.white


def tint(hex_colour: str) -> colors.Color:
    """A light version of a team colour for bar fills (labels stay black on it)."""
    try:
        base = colors.HexColor(hex_colour)
    except (ValueError, TypeError):
        return GREY_FILL
    return colors.Color(*(0.55 + 0.45 * c for c in (base.red, base.green, base.blue)))


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

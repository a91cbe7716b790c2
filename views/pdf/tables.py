"""Fast plain-text tables for thousands of rows: fitted cells, known row heights, split page by page.

A reportlab Table re-measures every remaining row each time it splits, which is quadratic in the
number of pages, and draws each cell through several layers; `RowTable` measures each row once,
splits by bisection and draws the rows of a page directly.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from reportlab.platypus import Flowable

from views.pdf.styles import INK, LIGHT, RULE, SHADE
from views.pdf.text import BOLD, FONT, fit, width_of, wrap

SIZE = 8
LEADING = 10
PADDING = 2.5


@dataclass(slots=True)
class Row:
    """One table row of user text. `wrap` names the columns that may take several lines;
    `style` holds table style commands with column numbers only, as in ("BACKGROUND", 0, -1, colour)."""

    cells: Sequence[str]
    style: Sequence[tuple] = ()
    bold: bool = False
    wrap: Sequence[int] = ()
    max_lines: int = 4
    indent: float = 0.0  # points of indentation of the first cell


# A row measured once: (height, lines, indent of the first cell, bold columns as bits, (left, width, colour)
# of each shaded span, then each cell's lines joined by "\n"). A flat tuple of strings and numbers, which the
# garbage collector stops tracking at its first look: a large plan keeps tens of thousands of rows until
# their pages are drawn, and tracked rows (nested tuples stay tracked longer) made its full collections
# several times more frequent.
_Fitted = tuple


class RowTable(Flowable):
    """A table of plain user text with a repeated header row; column widths in points."""

    def __init__(
        self,
        header: Sequence[str],
        rows: Sequence[Row],
        widths: Sequence[float],
        *,
        vertical_from: int | None = None,
        header_height: float | None = None,
        align: Sequence[str] = (),
        ruled: bool = False,
    ):
        super().__init__()
        self.ruled = ruled
        self.widths = list(widths)
        self.lefts = [0.0, *accumulate(self.widths)][:-1]
        self.align = list(align) + ["LEFT"] * (len(self.widths) - len(align))
        self.vertical_from = len(self.widths) if vertical_from is None else vertical_from
        room = [w - 2 * PADDING for w in self.widths]
        if vertical_from is None:
            self.header = [wrap(text, room[c], SIZE, 2, BOLD) for c, text in enumerate(header)]
            self.header_height = max(map(len, self.header), default=1) * LEADING + 2 * PADDING
        else:
            self.header_height = header_height or 80.0
            self.header = [
                wrap(text, room[c], SIZE, 2, BOLD)
                if c < vertical_from
                else [fit(text, self.header_height - 2 * PADDING, SIZE, BOLD)]
                for c, text in enumerate(header)
            ]
        self.rows = [self._fit(row, room) for row in rows]
        self.bottoms = list(accumulate(row[0] for row in self.rows))
        self.start = 0

    def _fit(self, row: Row, room: list[float]) -> _Fitted:
        fonts = [BOLD if row.bold else FONT] * len(room)
        shading = []
        for name, first, last, *args in row.style:
            first, last = first % len(room), last % len(room)
            if name == "BACKGROUND":
                shading.append((self.lefts[first], sum(self.widths[first : last + 1]), args[0]))
            elif name == "FONT":
                fonts[first : last + 1] = [args[0]] * (last - first + 1)
        cells, lines = [], 1
        for c, text in enumerate(row.cells):
            if not text:  # most cells of a RACI matrix
                cells.append(text)
                continue
            width = room[c] - (row.indent if c == 0 else 0)
            line = fit(text, width, SIZE, fonts[c])
            if c in row.wrap and (line != text or "\n" in text):
                broken = wrap(text, width, SIZE, row.max_lines, fonts[c])
                lines = max(lines, len(broken))
                line = "\n".join(broken)
            cells.append(line)
        bold = sum(1 << c for c, font in enumerate(fonts) if font == BOLD)
        return (lines * LEADING + 2 * PADDING, lines, row.indent, bold, tuple(shading), *cells)

    def _height(self, start: int, end: int) -> float:
        before = self.bottoms[start - 1] if start else 0.0
        return self.header_height + (self.bottoms[end - 1] if end else 0.0) - before

    def wrap(self, available_width, available_height):
        self.width = sum(self.widths)
        return self.width, self._height(self.start, len(self.rows))

    def split(self, available_width, available_height):
        before = self.bottoms[self.start - 1] if self.start else 0.0
        end = bisect_right(self.bottoms, before + available_height - self.header_height)
        if end <= self.start:
            return []
        if end >= len(self.rows):
            return [_Slice(self, self.start, len(self.rows))]
        rest = RowTable.__new__(RowTable)
        Flowable.__init__(rest)
        rest.__dict__.update({name: value for name, value in self.__dict__.items() if name in self.SHARED})
        rest.start = end
        return [_Slice(self, self.start, end), rest]

    SHARED = ("widths", "lefts", "align", "vertical_from", "header", "header_height", "rows", "bottoms", "ruled")

    def draw(self):
        self.draw_rows(self.canv, self.start, len(self.rows))

    def draw_rows(self, canvas, start: int, end: int) -> None:
        """Draw the header and rows start..end with the top of the header at this flowable's height."""
        width = sum(self.widths)
        top = self._height(start, end)
        canvas.saveState()
        canvas.box(0, top - self.header_height, width, self.header_height, SHADE)
        canvas.setFillColor(INK)
        for c, lines in enumerate(self.header):
            if c < self.vertical_from:
                baseline = top - self.header_height + PADDING + 1.5 + (len(lines) - 1) * LEADING
                for line in lines:
                    self._cell(canvas, c, line, baseline, BOLD)
                    baseline -= LEADING
            else:
                canvas.saveState()
                canvas.translate(self.lefts[c] + self.widths[c] / 2 + SIZE * 0.35, top - self.header_height + PADDING)
                canvas.rotate(90)
                canvas.text(0, 0, lines[0], BOLD, SIZE)
                canvas.restoreState()
        y = top - self.header_height
        rules, stripes, shaded, texts = [], [], [], []
        lefts, widths, align, encode = self.lefts, self.widths, self.align, canvas.operators
        encoded = canvas.encoded  # looked up here first: most lines were encoded before
        # the x of left-aligned text is the same on every row, the baselines the same across a row: each
        # number is formatted once (a large plan draws half a million lines)
        plain = [f"{left + PADDING:.2f}" if side == "LEFT" else "" for left, side in zip(lefts, align, strict=True)]
        for n in range(start, end):
            height, lines, indent, bold, shading, *cells = self.rows[n]
            bottom = y - height
            if n % 2:
                stripes.append((0, bottom, width, height))
            shaded += [(left, bottom, span, height, colour) for left, span, colour in shading]
            first = y - PADDING - SIZE + 0.5
            baselines = [f"{first - k * LEADING:.2f}" for k in range(lines)]
            for c, cell in enumerate(cells):
                if not cell:
                    continue
                font = BOLD if bold >> c & 1 else FONT
                for k, line in enumerate(cell.split("\n") if "\n" in cell else (cell,)):
                    if not line:
                        continue
                    if plain[c] and not (c == 0 and indent):
                        x = plain[c]
                    else:
                        left = lefts[c] + PADDING + (indent if c == 0 else 0.0)
                        spare = widths[c] - 2 * PADDING - width_of(line, SIZE, font)
                        x = f"{left + (0 if align[c] == 'LEFT' else spare if align[c] == 'RIGHT' else spare / 2):.2f}"
                    operators = encoded.get((line, font, SIZE)) or encode(line, font, SIZE)
                    texts.append(f"1 0 0 1 {x} {baselines[k]} Tm {operators}")
            rules.append((0, bottom, width, bottom))
            y = bottom
        canvas.boxes(stripes, LIGHT)
        for shade in shaded:
            canvas.box(*shade)
        canvas.text_block(texts)
        canvas.rules(rules, 0.25, RULE)
        if self.ruled:
            canvas.rules([(x, y, x, top) for x in lefts[1:]], 0.25, RULE)
        canvas.rules([(0, top - self.header_height, width, top - self.header_height)], 0.8, INK)
        canvas.restoreState()

    def _cell(self, canvas, column: int, text: str, baseline: float, font: str) -> None:
        left, align = self.lefts[column], self.align[column]
        if align == "LEFT":
            x = left + PADDING
        else:
            spare = self.widths[column] - 2 * PADDING - width_of(text, SIZE, font)
            x = left + PADDING + (spare if align == "RIGHT" else spare / 2)
        canvas.text(x, baseline, text, font, SIZE)


class _Slice(Flowable):
    """The rows of a RowTable that fit on one page, with the header repeated."""

    def __init__(self, table: RowTable, start: int, end: int):
        super().__init__()
        self.table, self.start, self.end = table, start, end

    def wrap(self, available_width, available_height):
        return sum(self.table.widths), self.table._height(self.start, self.end)

    def draw(self):
        self.table.draw_rows(self.canv, self.start, self.end)


def columns(total: float, fractions: Sequence[float]) -> list[float]:
    """Column widths in points from fractions of the available width (scaled to fill it)."""
    scale = total / sum(fractions)
    return [f * scale for f in fractions]


def label_width(texts: Sequence[str], size: float = SIZE, limit: float = 200.0) -> float:
    """The width the widest of some short texts needs, at most `limit` points."""
    return min(limit, max((width_of(t, size) for t in texts), default=0.0) + 2 * PADDING + 1)


def matrix_table(corner: str, names: Sequence[str], rows: Sequence[Row], first: float, column: float) -> RowTable:
    """A matrix of short centred marks: row labels under `corner`, one ruled column per name, set upright."""
    return RowTable(
        [corner, *names],
        rows,
        [first] + [column] * len(names),
        vertical_from=1,
        header_height=110,
        align=["LEFT"] + ["CENTER"] * len(names),
        ruled=True,
    )


def column_groups(count: int, room: float, column: float) -> list[range]:
    """The columns of a wide matrix in groups that fit `room` points side by side."""
    per_page = max(1, int(room / column + 1e-6))
    return [range(i, min(i + per_page, count)) for i in range(0, count, per_page)]

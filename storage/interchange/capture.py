"""Workshop capture: a workbook with one protected sheet per team, to fill in during a workshop and import back.

Each sheet starts with a marker row naming the team, then blocks: a title row, a header row and rows up to
an empty row. Only the cells a team may change are unlocked. Read back, each block is a sheet of the usual
layout, named after the team's sheet, so the import says what each team changed.
"""

from __future__ import annotations

import re
from pathlib import Path

from domain.plan import Plan
from storage.files import write_atomically
from storage.interchange.layout import COMPUTED, HANDOFFS, INITIATIVES, LEVELS, SHEET_NAMES, key
from storage.interchange.rows import Sheet

MARKER = "Workshop sheet for team"
INITIATIVE_COLUMNS = ("Name", "Status", "Not before", "Duration", "Effort", "Depends on")
COMPUTED_COLUMNS = ("Start (computed)", "Finish (computed)")  # shown for the workshop, not read back
HANDOFF_COLUMNS = ("What", "From", "To", "Initiative", "Due")
BLOCKS = {  # block title -> (kind of sheet it is read as, or None: shown only; the columns a team may edit)
    "Initiatives": (INITIATIVES, {"Status", "Not before", "Duration", "Effort", "Depends on"}),
    "Hand-offs out": (HANDOFFS, {"Due"}),
    "Hand-offs in": (None, set()),
    "Skill levels": (LEVELS, None),  # every column but Team
}
MAX_SHEET_TITLE = 31  # Excel's limit
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def capture_blocks(plan: Plan) -> list[tuple[str, str, list[tuple[str, list[list]]]]]:
    """Per team: its sheet title, its name, and its blocks as (title, rows with the header first)."""
    from domain.analysis.schedule import schedule
    from storage.interchange.layout import plan_sheets

    scheduled = schedule(plan).scheduled()
    sheets = plan_sheets(plan)
    initiatives = {row[0]: row for row in sheets[INITIATIVES][1:]}
    picked = [sheets[INITIATIVES][0].index(column) for column in INITIATIVE_COLUMNS]
    levels = {row[0]: row for row in sheets[LEVELS][1:]}
    team_name = {t.id: t.name for t in plan.teams.values()}
    initiative_name = {i.id: i.name for i in plan.initiatives.values()}
    titles: set[str] = set()
    result = []
    for team in plan.teams.values():
        rows = [
            [initiatives[i.name][n] for n in picked] + [scheduled[i.id].start, scheduled[i.id].finish]
            for i in plan.initiatives.values()
            if i.owner == team.id
        ]
        out, into = (
            [
                [h.what, team_name[h.from_team], team_name[h.to_team], initiative_name.get(h.initiative), h.due]
                for h in plan.handoffs.values()
                if getattr(h, side) == team.id
            ]
            for side in ("from_team", "to_team")
        )
        blocks = [
            ("Initiatives", [[*INITIATIVE_COLUMNS, *COMPUTED_COLUMNS], *rows]),
            ("Hand-offs out", [list(HANDOFF_COLUMNS), *out]),
            ("Hand-offs in", [list(HANDOFF_COLUMNS), *into]),
            ("Skill levels", [sheets[LEVELS][0], levels[team.name]]),
        ]
        result.append((_title(team.name, titles), team.name, blocks))
    return result


def _title(name: str, taken: set[str]) -> str:
    """A sheet title Excel accepts, unique in the workbook."""
    base = SHEET_TITLE_FORBIDDEN.sub("_", name).strip("'") or "Team"
    if key(base) in SHEET_NAMES or key(base) in {key(sheet) for sheet in COMPUTED}:
        base += " (team)"  # a team called 'Teams' must not be read back as the Teams sheet
    title, number = base[:MAX_SHEET_TITLE], 1
    while key(title) in taken:
        number += 1
        suffix = f" ({number})"
        title = base[: MAX_SHEET_TITLE - len(suffix)] + suffix
    taken.add(key(title))
    return title


def export_capture(plan: Plan, path: str | Path) -> None:
    """Write the workshop workbook: every sheet protected except the cells a team may change."""
    write_atomically(path, lambda stream: _write(capture_blocks(plan), stream))


def _write(teams: list, stream) -> None:
    import io

    from storage.interchange.xlsx_writer import DATE_FORMAT, new_workbook, write_cell, write_row

    buffer = io.BytesIO()
    workbook = new_workbook(buffer)
    bold = workbook.add_format({"bold": True})
    locked = {"date": workbook.add_format({"num_format": DATE_FORMAT}), "other": None}
    editable = {"bg_color": "#FFF4CC", "locked": False}
    unlocked = {"date": workbook.add_format({**editable, "num_format": DATE_FORMAT}),
                "other": workbook.add_format(editable)}  # fmt: skip
    for title, name, blocks in teams:
        sheet = workbook.add_worksheet(title)
        sheet.protect()
        write_row(sheet, 0, [MARKER, name], None)
        number = 1
        for block, (header, *rows) in blocks:
            sheet.write_string(number + 1, 0, block, bold)
            write_row(sheet, number + 2, header, None)
            number += 3
            open_columns = BLOCKS[block][1]
            for row in rows:
                for column, value in enumerate(row):
                    open_cell = column > 0 if open_columns is None else header[column] in open_columns
                    formats = unlocked if open_cell else locked
                    write_cell(sheet, number, column, value, formats["date"], formats["other"])
                number += 1
    workbook.close()
    stream.write(buffer.getvalue())


def read_capture(title: str, rows: list[list], first_row: int) -> list[Sheet]:
    """The blocks of a workshop sheet as sheets of the usual layout (named after the team's sheet)."""
    sheets, n = [], 1
    while n < len(rows):
        cell = rows[n][0] if rows[n] else None
        block = BLOCKS.get(cell.strip() if isinstance(cell, str) else None)
        if block is None:
            n += 1
            continue
        end = n + 2
        while end < len(rows) and any(value not in (None, "") for value in rows[end]):
            end += 1
        kind = block[0]
        if kind is not None:
            header = [None if h in COMPUTED_COLUMNS else h for h in rows[n + 1]]
            sheets.append(Sheet(title, kind, [header, *rows[n + 2 : end]], first_row + n + 1))
        n = end
    return sheets


def is_capture(rows: list[list]) -> bool:
    return bool(rows and rows[0] and rows[0][0] == MARKER)

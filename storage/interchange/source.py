"""One import for every format, recognised by content: Tutti JSON, an .xlsx workbook, CSV files, MS Project XML.

`read_source(path)` reads and checks the file (or a folder of CSV files); `preview(source, target)` says
what importing it into a plan would add, change and refuse without touching the plan; the outcome's
`change` applies it through domain operations as one undoable step.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from domain.operations import Change
from domain.plan import TABLES, Plan
from storage.exchange import ExchangeError, loads
from storage.files import FileError, read_user_file
from storage.interchange.csv_sheets import read_csv
from storage.interchange.layout import COMPUTED, GOALS, INITIATIVES, PROJECT, TEAMS, key, plan_sheets
from storage.interchange.rows import Outcome, Sheet, import_sheets
from storage.interchange.xlsx import OLE_MAGIC, ZIP_MAGIC, read_workbook

MAX_SOURCE_BYTES = 256 * 2**20
MAX_CSV_FILES = 50
JSON, WORKBOOK, CSV, MSPDI = "Tutti JSON", "workbook", "CSV", "MS Project XML"
# Beyond what the largest plans need (the huge benchmark plan: 70 MB as MSPDI), and what reads in seconds.
MAX_BYTES = {JSON: MAX_SOURCE_BYTES, WORKBOOK: 64 * 2**20, CSV: 32 * 2**20, MSPDI: 128 * 2**20}
MSPDI_COLUMNS = {
    PROJECT: ("Name", "Start"),
    TEAMS: ("Name",),
    GOALS: ("Name", "Parent", "Description"),
    INITIATIVES: ("Name", "Owner", "Goals", "Not before", "Duration", "Depends on", "Responsible", "Description"),
}


@dataclass
class Source:
    """A file to import, read: the sheets it holds, or the whole plan for formats that give one."""

    path: Path
    format: str
    sheets: list[Sheet] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    plan: Plan | None = None  # Tutti JSON and MS Project XML give a whole plan
    columns: dict[str, tuple[str, ...]] | None = None  # the only columns the format carries (None: all)


def sniff(data: bytes) -> str:
    """The format of a file's bytes, from its content alone."""
    if data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        return WORKBOOK
    start = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{"):
        return JSON
    if start.startswith(b"<"):
        return MSPDI
    return CSV


def read_source(path: str | Path) -> Source:
    """Read a file (or a folder of CSV files) to import; FileError, one line naming the file, when unreadable."""
    path = Path(path)
    if path.is_dir():
        return _read_folder(path)
    data = read_user_file(path, MAX_SOURCE_BYTES, "file to import")
    if data.startswith(b"SQLite format 3\x00"):
        raise FileError(path, "a Tutti plan (or another SQLite database), not a file to import; open it instead")
    kind = sniff(data)
    if len(data) >= MAX_BYTES[kind]:
        raise FileError(path, f"too large for {kind} ({MAX_BYTES[kind] // 2**20} MB or more)")
    if kind == WORKBOOK:
        sheets, notes = read_workbook(path, data)
        return Source(path, kind, sheets, notes)
    if kind == JSON:
        try:
            return Source(path, kind, plan=loads(data))
        except ExchangeError as error:
            raise FileError(path, str(error)) from None
    if kind == MSPDI:
        from storage.interchange.mspdi import read_mspdi

        plan, notes = read_mspdi(path, data)
        return Source(path, kind, notes=notes, plan=plan, columns=MSPDI_COLUMNS)
    return Source(path, kind, [read_csv(path, data)])


def _read_folder(folder: Path) -> Source:
    computed = {key(name) for name in COMPUTED}  # written by an export for reading, not read back
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and key(p.stem) not in computed)
    if not files:
        raise FileError(folder, "a folder without CSV files")
    if len(files) > MAX_CSV_FILES:
        raise FileError(folder, f"more than {MAX_CSV_FILES} CSV files; import them one at a time")
    sheets = [read_csv(p, read_user_file(p, MAX_SOURCE_BYTES, "CSV file")) for p in files]
    return Source(folder, CSV, sheets)


def preview(source: Source, target: Plan) -> Outcome:
    """What importing `source` into `target` would do, found by name; `target` stays as it is."""
    sheets = source.sheets
    if source.plan is not None:
        sheets = [
            Sheet(name, name, _only(rows, source.columns[name]) if source.columns else rows)
            for name, rows in plan_sheets(source.plan).items()
            if source.columns is None or name in source.columns
        ]
    if source.format == MSPDI:
        _keep_other_goals(sheets, target)
    outcome = import_sheets(sheets, target, f"Import {source.path.name}")
    outcome.notes[:0] = source.notes
    return outcome


def _keep_other_goals(sheets: list[Sheet], target: Plan) -> None:
    """MS Project holds a task under one summary task: where the plan's initiative already serves that goal,
    keep every goal it serves rather than read the one summary task as 'this goal only'."""
    goal_names = {goal.id: goal.name for goal in target.goals.values()}
    serves = {key(i.name): [goal_names[g] for g in i.goals] for i in target.initiatives.values()}
    for sheet in sheets:
        if sheet.kind != INITIATIVES:
            continue
        name, goals = sheet.rows[0].index("Name"), sheet.rows[0].index("Goals")
        for row in sheet.rows[1:]:
            current = serves.get(key(row[name]), [])
            if row[goals] and key(row[goals]) in {key(goal) for goal in current}:
                row[goals] = "; ".join(current)


def _only(rows: list[list], columns: tuple[str, ...]) -> list[list]:
    """The rows with only the named columns: a field the format does not carry stays as the plan has it."""
    keep = [n for n, header in enumerate(rows[0]) if header in columns]
    return [[row[n] for n in keep] for row in rows]


def new_plan_from(source: Source) -> Outcome:
    """The plan a source makes on its own: a whole plan as it is (ids kept), sheets added to an empty plan."""
    if source.plan is None:
        return preview(source, Plan())
    added = Counter({table: len(source.plan.table(table)) for table in TABLES})
    return Outcome(
        plan=source.plan, change=Change(f"Import {source.path.name}", ()), notes=list(source.notes), added=added
    )

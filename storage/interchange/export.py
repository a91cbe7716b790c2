"""Writing a plan for other tools: a workbook, a folder of CSV files; each file replaced atomically."""

from __future__ import annotations

from pathlib import Path

from domain.plan import Plan
from storage.files import FileError, write_atomically
from storage.interchange.csv_sheets import write_csv
from storage.interchange.layout import COMPUTED, computed_sheets, plan_sheets
from storage.interchange.xlsx_writer import write_workbook


def export_xlsx(plan: Plan, path: str | Path) -> None:
    """The plan's sheets, then the schedule and weekly load Tutti computed (protected: they are not read back)."""
    sheets = {**plan_sheets(plan), **computed_sheets(plan)}
    write_atomically(path, lambda stream: write_workbook(sheets, stream, read_only=COMPUTED))


def export_csv(plan: Plan, folder: str | Path) -> list[Path]:
    """One CSV file per sheet in `folder` (created if missing); the files written."""
    folder = Path(folder)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise FileError(folder, error.strerror or str(error)) from None
    if not folder.is_dir():
        raise FileError(folder, "not a folder")
    written = []
    for name, rows in {**plan_sheets(plan), **computed_sheets(plan)}.items():
        path = folder / f"{name}.csv"
        write_atomically(path, lambda stream, rows=rows: write_csv(rows, stream))
        written.append(path)
    return written

"""CSV files, one sheet each: read in the encodings and separators spreadsheet programs write, written as UTF-8.

A CSV file says which sheet it is by its header row (the file's name decides only between sheets whose
headers it matches equally well).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from storage.files import FileError, shown
from storage.interchange.layout import COLUMNS, LEVELS, SHEET_NAMES, key
from storage.interchange.rows import Sheet
from storage.interchange.xlsx import MAX_ROWS

# Text a spreadsheet would run as a formula when it opens the file: written behind a quote.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
KEY_COLUMNS = {"What"}  # Hand-offs; every other sheet but Skill levels has a Name


def decode(path: Path, data: bytes) -> str:
    """The text of a CSV file in UTF-8 (with or without BOM) or Windows-1252."""
    if b"\x00" in data:
        raise FileError(path, "holds NUL bytes: a binary file, not CSV text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise FileError(path, f"not UTF-8 or Windows-1252 text (byte {error.start})") from None


def separator(text: str) -> str:
    """The separator of the header line: semicolons where a decimal comma is usual, else commas (or tabs)."""
    header = text.split("\n", 1)[0]
    return max((";", ",", "\t"), key=lambda mark: (header.count(mark), mark == ","))


def read_csv(path: Path, data: bytes) -> Sheet:
    """The sheet a CSV file holds; FileError for text that is not CSV or not a sheet Tutti knows."""
    text = decode(path, data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(text), strict=True)
    rows = []
    try:
        for row in reader:
            if len(rows) > MAX_ROWS:
                raise FileError(path, f"more than {MAX_ROWS:,} rows, the most Tutti reads from one sheet")
            rows.append([_unquoted(cell) for cell in row])
    except csv.Error as error:
        raise FileError(path, f"line {reader.line_num}: not valid CSV ({shown(error, 80)})") from None
    while rows and not any(rows[0]):
        rows.pop(0)
    if not rows:
        raise FileError(path, "empty: no header row")
    return Sheet(path.name, sheet_kind(path, rows[0]), rows)


def sheet_kind(path: Path, header: list) -> str:
    """Which sheet a header row belongs to; FileError when it matches none, or several equally."""
    given = {key(cell) for cell in header if cell}
    if header and key(header[0] or "") == "team" and not given & {"name", "what"}:
        return LEVELS
    scores = {}
    for kind, columns in COLUMNS.items():
        wanted = {key(column) for column in columns}
        if kind != LEVELS and given & wanted & {"name", *(key(c) for c in KEY_COLUMNS)}:
            scores[kind] = len(given & wanted)
    best = max(scores.values(), default=0)
    tied = [kind for kind, score in scores.items() if score == best]
    if len(tied) == 1:
        return tied[0]
    hint = SHEET_NAMES.get(key(path.stem))
    if hint in tied:
        return hint
    if not tied:
        raise FileError(path, "its header row names no sheet Tutti reads (a Name or What column, or Team first)")
    raise FileError(path, f"its header row fits {', '.join(tied)} alike; name the file after one ({tied[0]}.csv)")


def _unquoted(cell: str) -> str | None:
    """A cell as written, without the quote that `write_csv` puts before formula-like text."""
    if cell == "":
        return None
    return cell[1:] if cell.startswith("'") and cell[1:2] and cell[1:].startswith(FORMULA_START) else cell


def write_csv(rows: list[list], stream) -> None:
    """Rows as UTF-8 CSV with a BOM (so spreadsheet programs read it as UTF-8); formula-like text quoted with '."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    stream.write(text.getvalue().encode("utf-8-sig"))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value.isoformat() if hasattr(value, "isoformat") else value)

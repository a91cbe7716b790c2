"""Reading Excel workbooks (.xlsx) with python-calamine (writing: storage.interchange.xlsx_writer).

A workbook is a zip file: its directory is checked before anything is unpacked, so that a small file
that would expand to gigabytes is refused.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from storage.files import FileError, shown
from storage.interchange.capture import is_capture, read_capture
from storage.interchange.layout import COMPUTED, SHEET_NAMES, key
from storage.interchange.rows import Sheet

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls files are OLE compound files
MAX_UNPACKED = 200 * 2**20  # what all parts of a workbook may expand to; Tutti's large plan takes about 5 MB
MAX_PARTS = 10_000
MAX_ROWS = 60_000  # rows read from one sheet: above the 50,000 initiatives of the biggest benchmark plan
MAX_CELLS = 4_000_000  # rows x columns of one sheet: what a reader lays out in memory (about 130 MB)
ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\s[^>]*?\br=\"(\d{1,9})\"")
CELL_REFERENCE = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Za-z]{1,4})(\d{1,9})\"")
FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
MERGED = re.compile(rb"<(?:\w+:)?mergeCell ")


def check_zip(path: Path, data: bytes) -> zipfile.ZipFile:
    """The workbook's zip directory, once its parts are known to unpack to a sane size; FileError otherwise."""
    if data.startswith(OLE_MAGIC):
        raise FileError(path, "an encrypted workbook or an old .xls file; save it as .xlsx without a password")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise FileError(path, f"not a readable workbook (damaged zip: {shown(error, 80)})") from None
    if len(parts) > MAX_PARTS:
        raise FileError(path, f"not a workbook Tutti reads ({len(parts):,} parts in the zip)")
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED:
        raise FileError(path, f"the workbook would unpack to {unpacked / 2**20:,.0f} MB, more than the "
                              f"{MAX_UNPACKED // 2**20} MB Tutti reads")  # fmt: skip
    if any(part.flag_bits & 0x1 for part in parts):
        raise FileError(path, "an encrypted workbook; save it without a password")
    if "xl/workbook.xml" not in archive.namelist():
        raise FileError(path, "a zip file, but not an Excel workbook (.xlsx)")
    return archive


def read_workbook(path: Path, data: bytes) -> tuple[list[Sheet], list[str]]:
    """The sheets Tutti reads from a workbook, and notes on what it ignored; FileError when unreadable."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    archive = check_zip(path, data)
    notes: list[str] = []
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        metadata = workbook.sheets_metadata
    except _calamine_errors() as error:
        raise FileError(path, f"not a readable workbook ({shown(error, 80)})") from None
    parts = _sheet_parts(path, archive)
    sheets = []
    for info in metadata:
        kind = SHEET_NAMES.get(key(info.name))
        if kind is None and key(info.name) in {key(name) for name in COMPUTED}:
            continue
        if info.visible != SheetVisibleEnum.Visible:
            notes.append(f"sheet '{shown(info.name)}' is hidden; it was read like the others")
        xml = parts.get(info.name)
        if xml is None:
            raise FileError(path, f"sheet '{shown(info.name)}' is not in the workbook's zip")
        notes.extend(_cell_notes(xml, info.name))
        _check_extent(path, info.name, xml)
        try:
            rows = workbook.get_sheet_by_name(info.name).to_python(skip_empty_area=False)
        except _calamine_errors() as error:
            raise FileError(path, f"sheet '{shown(info.name)}' is not readable ({shown(error, 80)})") from None
        start = next((n for n, row in enumerate(rows) if any(value not in ("", None) for value in row)), 0)
        values = [[_value(value) for value in row] for row in rows[start:]]
        if kind is not None:
            sheets.append(Sheet(info.name, kind, values, start + 1))
        elif is_capture(values):
            sheets.extend(read_capture(info.name, values, start + 1))
        else:
            notes.append(f"sheet '{shown(info.name)}' is not one Tutti reads; ignored")
    return sheets, notes


def _calamine_errors() -> tuple[type[Exception], ...]:
    import python_calamine

    names = ("CalamineError", "PasswordError", "XmlError", "ZipError")
    return (ValueError, OSError, *(getattr(python_calamine, name) for name in names))


def _sheet_parts(path: Path, archive: zipfile.ZipFile) -> dict[str, bytes]:
    """Each sheet's XML by sheet name, found through the workbook part and its relationships."""
    import defusedxml.ElementTree as SafeTree
    from defusedxml import DefusedXmlException

    try:
        workbook = SafeTree.fromstring(archive.read("xl/workbook.xml"), forbid_dtd=True)
        relations = SafeTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
        targets = {r.get("Id"): r.get("Target", "") for r in relations if r.tag.endswith("}Relationship")}
        parts = {}
        for sheet in (e for e in workbook.iter() if e.tag.endswith("}sheet")):
            relation = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            target = targets.get(relation, "")
            name = target.lstrip("/") if target.startswith("/") else "xl/" + target
            if name in archive.namelist():
                parts[sheet.get("name")] = archive.read(name)
        return parts
    except (KeyError, DefusedXmlException, SafeTree.ParseError, zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileError(path, f"not a readable workbook ({shown(error, 80)})") from None


def _check_extent(path: Path, name: str, xml: bytes) -> None:
    """Refuse a sheet whose cells span more than Tutti reads, before the reader lays out that span in memory.

    A reader holds a sheet as a full rectangle of cells: one cell at XFD1048576 in a 6 kB file would take
    hundreds of GB. Rows and columns are bounded from above by the highest position any row or cell names
    plus the rows and cells that name none (they follow the previous one)."""
    rows = [int(n) for n in ROW_NUMBER.findall(xml)]
    cells = CELL_REFERENCE.findall(xml)
    height = max(rows, default=0) + len(ROW.findall(xml)) - len(rows)
    height = max(height, max((int(number) for _, number in cells), default=0))
    width = max((_column(letters) for letters, _ in cells), default=0)
    if len(CELL.findall(xml)) > len(cells):  # some cells name no column: allow for a whole row of them
        width += max((len(CELL.findall(row)) for row in ROW.split(xml)), default=0)
    if height > MAX_ROWS + 1:
        raise FileError(path, f"sheet '{shown(name)}' has {height - 1:,} rows, more than the {MAX_ROWS:,} Tutti "
                              "reads from one sheet")  # fmt: skip
    if width * height > MAX_CELLS:
        raise FileError(path, f"sheet '{shown(name)}' spans {height:,} rows by {width:,} columns, more cells "
                              f"than the {MAX_CELLS:,} Tutti reads from one sheet")  # fmt: skip


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - ord("A") + 1
    return number


def _cell_notes(xml: bytes, name: str) -> list[str]:
    """What the sheet's XML holds that its values do not show: formulas and merged cells."""
    notes = []
    if FORMULA.search(xml):
        notes.append(f"sheet '{shown(name)}' holds formulas: the values they last computed were read "
                     "(a formula never computed reads as empty)")  # fmt: skip
    if MERGED.search(xml):
        notes.append(f"sheet '{shown(name)}' has merged cells: each merge's value was read in its first cell only")
    return notes


def _value(cell):
    if cell == "":
        return None
    if isinstance(cell, datetime) and cell.time() == datetime.min.time():
        return cell.date()
    return cell

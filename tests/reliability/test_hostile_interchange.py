"""Hostile files given to `tutti import --into`: workbooks, CSV and MS Project XML built to break a reader.

Each gives one clear line (exit 2) or a report (exit 1 for refused cells, 0 for notes with --dry-run),
within seconds, with no traceback, and the target plan is left exactly as it was.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from storage.demo import demo_plan
from storage.project_file import save_plan

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT = 5.0
MSPDI = "xmlns='http://schemas.microsoft.com/project'"


def workbook_bytes(fill) -> bytes:
    book = Workbook()
    fill(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def teams(sheet, *names, formula: bool = False) -> None:
    sheet.title = "Teams"
    sheet.append(["Name", "Lead"])
    for name in names:
        sheet.append([f'="{name}"' if formula else name, "Ana"])


def merged(book) -> None:
    teams(book.active, "Legal", "Ops")
    book.active.merge_cells("B2:B3")


def hidden(book) -> None:
    teams(book.active, "Legal")
    book.create_sheet("Notes").append(["scratch"])
    book.active.sheet_state = "hidden"


def far_cell(reference: str):
    """A tiny workbook with one cell far from A1: read as a rectangle, it would fill all memory."""

    def fill(book) -> None:
        teams(book.active, "Legal")
        book.active[reference] = "far"

    return lambda: workbook_bytes(fill)


def long_sheet() -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Teams")
    sheet.append(["Name"])
    for n in range(100_000):
        sheet.append([f"Team {n}"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """A 250 MB workbook part that compresses to a few hundred kilobytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            block = b" " * 2**24
            for _ in range(15):
                part.write(block)
    return buffer.getvalue()


BILLION_LAUGHS = (
    "<?xml version='1.0'?><!DOCTYPE Project [<!ENTITY a 'lol'>"
    + "".join(f"<!ENTITY {chr(98 + n)} '{('&' + chr(97 + n) + ';') * 10}'>" for n in range(9))
    + f"]><Project {MSPDI}><Name>&j;</Name></Project>"
).encode()
EXTERNAL_ENTITY = (
    f"<?xml version='1.0'?><!DOCTYPE Project [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><Project {MSPDI}>"
    "<Name>&x;</Name></Project>"
).encode()

# name -> (file name, content, exit codes allowed, what the output must say)
CASES = {
    "malformed workbook": ("plan.xlsx", b"PK\x03\x04" + bytes(range(256)) * 8, {2}, "not a readable workbook"),
    "encrypted workbook": ("plan.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096, {2}, "encrypted"),
    "zip bomb": ("plan.xlsx", zip_bomb, {2}, "would unpack to 240 MB"),
    "formulas instead of values": (
        "plan.xlsx",
        lambda: workbook_bytes(lambda book: teams(book.active, "Legal", formula=True)),
        {1},
        "sheet 'Teams' holds formulas",
    ),
    "merged cells": ("plan.xlsx", lambda: workbook_bytes(merged), {0}, "sheet 'Teams' has merged cells"),
    "hidden sheet": ("plan.xlsx", lambda: workbook_bytes(hidden), {0}, "sheet 'Teams' is hidden"),
    "100,000-row sheet": ("plan.xlsx", long_sheet, {2}, "100,000 rows, more than the 60,000"),
    "one cell at the last row and column": ("plan.xlsx", far_cell("XFD1048576"), {2}, "1,048,575 rows, more"),
    "one cell far to the right": ("plan.xlsx", far_cell("XFD50000"), {2}, "spans 50,000 rows by 16,384 columns"),
    "100,000-row csv": ("teams.csv", b"Name\n" + b"Team\n" * 100_000, {2}, "more than 60,000 rows"),
    "csv with broken quoting": ("teams.csv", b'Name,Lead\n"Legal,Ana\nOps,Bo\n', {2}, "not valid CSV"),
    "csv with NUL bytes": ("teams.csv", b"Name,Lead\nLegal\0,Ana\n", {2}, "NUL bytes"),
    "random bytes": ("plan.dat", bytes(range(256)) * 64, {2}, "plan.dat: "),
    "mspdi billion laughs": ("plan.xml", BILLION_LAUGHS, {2}, "a DTD or entities"),
    "mspdi external entity": ("plan.xml", EXTERNAL_ENTITY, {2}, "a DTD or entities"),
    "mspdi truncated": ("plan.xml", f"<Project {MSPDI}><Tasks><Task><UID>1".encode(), {2}, "not well-formed"),
    "mspdi with texts beyond the plan limits": (
        "plan.xml",
        f"<Project {MSPDI}><Tasks><Task><UID>1</UID><Name>{'n' * 30_000}</Name><Notes>{'x' * 30_000}</Notes>"
        "</Task></Tasks></Project>".encode(),
        {0},
        "task 1's notes: longer than the 20,000 characters Tutti keeps; cut",
    ),
    "mspdi bad duration": (
        "plan.xml",
        f"<Project {MSPDI}><Tasks><Task><UID>1</UID><Name>x</Name><Duration>PTlongH</Duration></Task></Tasks>"
        "</Project>".encode(),
        {2},
        "is not a duration",
    ),
}


@pytest.fixture(scope="module")
def target(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("target") / "plan.tutti"
    save_plan(demo_plan(), path)
    return path


@pytest.mark.parametrize("case", CASES)
def test_hostile_input_gives_a_line_or_a_report_and_leaves_the_plan_alone(case, target, tmp_path):
    name, content, codes, said = CASES[case]
    source = tmp_path / name
    source.write_bytes(content() if callable(content) else content)
    before = target.read_bytes()
    dry_run = ["--dry-run"] if codes == {0} else []
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "import", str(source), "--into", str(target), *dry_run],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert result.returncode in codes, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    if result.returncode == 2:
        assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"tutti: {source}")
    assert said in result.stdout + result.stderr
    assert elapsed < TIME_LIMIT
    assert target.read_bytes() == before

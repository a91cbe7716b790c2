"""Writing .xlsx workbooks with XlsxWriter: every value as what it is, text never as a formula or a link."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date

DATE_FORMAT = "yyyy-mm-dd"


def new_workbook(buffer):
    """An XlsxWriter workbook that writes every value as what it is: text as text, never as a formula or URL."""
    import xlsxwriter

    options = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    return xlsxwriter.Workbook(buffer, {**options, "constant_memory": True})


def write_cell(sheet, row: int, column: int, value, date_format, cell_format=None) -> None:
    """Write one value through the writer for its type; an empty cell is written only when it has a format."""
    if value is None or value == "":
        if cell_format is not None:
            sheet.write_blank(row, column, None, cell_format)
    elif isinstance(value, str):
        sheet.write_string(row, column, value, cell_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value, cell_format)
    elif isinstance(value, date):
        sheet.write_datetime(row, column, value, date_format)
    else:
        sheet.write_number(row, column, value, cell_format)


def write_row(sheet, number: int, row: Iterable, date_format) -> None:
    """Write one row of plain values (an empty text is no cell at all: a third of a plan's cells)."""
    for column, value in enumerate(row):
        write_cell(sheet, number, column, value, date_format)


def write_workbook(sheets: dict[str, list[list]], stream, read_only: Iterable[str] = ()) -> None:
    """Write sheets of rows (header first) as an .xlsx workbook; `read_only` sheets are protected."""
    buffer = io.BytesIO()
    workbook = new_workbook(buffer)
    dates = workbook.add_format({"num_format": DATE_FORMAT})
    protected = set(read_only)
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        sheet.freeze_panes(1, 0)
        if name in protected:
            sheet.protect()
        for number, row in enumerate(rows):
            write_row(sheet, number, row, dates)
    workbook.close()
    stream.write(buffer.getvalue())

"""Reading the cells of one row: typed values, names found case-insensitively with a suggestion when one is
close, and one `RefusedCell` for each cell that cannot be read."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Self

from domain.entities import MAX_NAME_LENGTH, STATUSES
from domain.limits import MAX_LINKS, MAX_TEXT_LENGTH
from storage.files import shown
from storage.interchange.layout import LIST_SEPARATOR, key

ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?)?", re.ASCII)
MAX_COMPARISONS = 200_000  # names compared for "did you mean" suggestions, per kind, in one import


@dataclass
class Sheet:
    """One sheet as read: its name in the source, its kind (one of layout.SHEETS) and its cell values."""

    name: str
    kind: str
    rows: list[list]  # the header row first
    first_row: int = 1  # the number the source gives the header row


class RefusedCell(str):
    """One refused cell, read as its one line ("Teams row 4, Lead: no team 'Ana' — did you mean 'Anna'?"),
    with its parts kept for a table."""

    def __new__(cls, sheet: str, row: int, column: str, reason: str, suggestion: str = "") -> Self:
        hint = f" — did you mean '{shown(suggestion)}'?" if suggestion else ""
        line = super().__new__(cls, f"{sheet} row {row}, {column}: {reason}{hint}")
        line.sheet, line.row, line.column, line.reason, line.suggestion = sheet, row, column, reason, suggestion
        return line


class Refused(Exception):
    """A cell that cannot be read, and the value it was likely meant to be; the row it is in is not imported."""

    def __init__(self, reason: str, suggestion: str = ""):
        super().__init__(reason + (f" — did you mean '{shown(suggestion)}'?" if suggestion else ""))
        self.reason, self.suggestion = reason, suggestion


# Cell values


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def cell_number(value) -> float:
    if isinstance(value, bool):
        raise Refused(f"expected a number, found {cell_text(value)}")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = "".join(str(value).split()).replace("\u202f", "")
        if "," in text:  # a decimal comma, or thousands separated by the other mark
            text = (
                text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
            )
        try:
            number = float(text)
        except ValueError:
            raise Refused(f"expected a number, found '{shown(value, 30)}'") from None
    if not math.isfinite(number):
        raise Refused("expected a finite number")
    return number


def cell_whole(value) -> int:
    try:
        number = cell_number(value)
    except Refused:
        raise Refused(f"expected a whole number, found '{shown(value, 30)}'") from None
    if not number.is_integer() or abs(number) >= 2**53:
        raise Refused(f"expected a whole number, found {cell_text(value)}")
    return int(number)


def cell_day(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        raise Refused(f"the number {cell_text(value)} is not a date (format the cell as a date, or write 2027-03-01)")
    match = ISO_DATE.fullmatch(str(value).strip())
    try:
        if not match:
            raise ValueError
        return date.fromisoformat(match.group(1))
    except ValueError:
        raise Refused(f"expected a date such as 2027-03-01, found '{shown(value, 30)}'") from None


def cell_items(value) -> list[str]:
    items = [item.strip() for item in cell_text(value).split(LIST_SEPARATOR) if item.strip()]
    if len(items) > MAX_LINKS:
        raise Refused(f"more than {MAX_LINKS:,} items, the most a plan holds in one list")
    return items


# Names


class Names:
    """Entities of one kind by name (case-insensitive), kept up to date as the import adds them."""

    def __init__(self, entities: dict, word: str):
        self.word = word
        self.entities = entities
        self.by_key: dict[str, list] = {}
        for entity in entities.values():
            self.by_key.setdefault(key(entity.name), []).append(entity.id)
        self.refused: set[str] = set()  # names on rows that were refused
        self.comparisons_left = MAX_COMPARISONS  # suggestions stop here: thousands of bad cells must not take minutes

    def add(self, entity) -> None:
        self.by_key.setdefault(key(entity.name), []).append(entity.id)

    def existing(self, name: str):
        """The id of the entity called `name`, None when there is none; Refused when two have that name."""
        ids = self.by_key.get(key(name), [])
        if len(ids) > 1:
            raise Refused(f"{len(ids)} {self.word}s in the plan are called '{shown(name)}'; rename one first")
        return ids[0] if ids else None

    def find(self, name: str):
        """The id of the entity called `name`; Refused, with a suggestion, when there is none."""
        found = self.existing(name)
        if found is not None:
            return found
        if key(name) in self.refused:
            raise Refused(f"no {self.word} '{shown(name)}' (its row was refused)")
        close = []
        if self.comparisons_left >= len(self.by_key):
            self.comparisons_left -= len(self.by_key)
            close = difflib.get_close_matches(key(name), self.by_key, n=1, cutoff=0.75)
        suggestion = self.entities[self.by_key[close[0]][0]].name if close else ""
        raise Refused(f"no {self.word} '{shown(name)}'", suggestion)


# Rows


class Row:
    """The cells of one row by column, reading typed values and noting each refused cell."""

    def __init__(self, sheet: Sheet, number: int, cells: dict[str, object], refused: list[str]):
        self.sheet, self.line, self.cells = sheet, number, cells
        self.refused = refused
        self.ok = True

    def where(self, column: str) -> str:
        return f"{self.sheet.name} row {self.line}, {column}"

    def refuse(self, column: str, reason: str | Refused) -> None:
        if isinstance(reason, Refused):
            refused = RefusedCell(self.sheet.name, self.line, column, reason.reason, reason.suggestion)
        else:
            refused = RefusedCell(self.sheet.name, self.line, column, reason)
        self.refused.append(refused)
        self.ok = False

    def has(self, column: str) -> bool:
        return column in self.cells

    def read(self, column: str, convert: Callable, blank=None):
        """The cell converted, `blank` when empty; a refused cell gives `blank` and marks the row."""
        value = self.cells.get(column)
        if is_blank(value):
            return blank
        try:
            return convert(value)
        except Refused as error:
            self.refuse(column, error)
            return blank

    def text(self, column: str) -> str:
        value = cell_text(self.cells.get(column))
        if len(value) > MAX_TEXT_LENGTH:
            self.refuse(column, f"longer than {MAX_TEXT_LENGTH:,} characters")
            return ""
        return value

    def name(self, column: str = "Name") -> str:
        name = self.text(column).strip()
        if not name:
            self.refuse(column, "empty; a name is needed to link rows")
        elif len(name) > MAX_NAME_LENGTH:
            self.refuse(column, f"longer than {MAX_NAME_LENGTH} characters")
        return name

    def whole(self, column: str, least: int | None = 0, most: int | None = None, blank=None):
        def check(value):
            number = cell_whole(value)
            if least is not None and number < least or most is not None and number > most:
                raise Refused(
                    f"{number} is not between {least} and {most}" if most is not None else f"{number} is below {least}"
                )
            return number

        return self.read(column, check, blank)

    def number(self, column: str, blank=None):
        def check(value):
            number = cell_number(value)
            if number < 0:
                raise Refused(f"{cell_text(value)} is below 0")
            return number

        return self.read(column, check, blank)

    def day(self, column: str):
        return self.read(column, cell_day)

    def one(self, column: str, names: Names):
        return self.read(column, lambda value: names.find(cell_text(value).strip()))


def cell_status(value) -> str:
    status = key(cell_text(value))
    if status not in STATUSES:
        close = difflib.get_close_matches(status, STATUSES, n=1)
        raise Refused(f"'{shown(value, 30)}' is not a status ({', '.join(STATUSES)})", close[0] if close else "")
    return status


def shown_value(value) -> str:
    if value is None or value == "" or value == ():
        return "(empty)"
    if isinstance(value, str):
        return f"'{shown(value, 40)}'"
    if isinstance(value, tuple):
        return f"{len(value)} item{'s' if len(value) != 1 else ''}"
    return shown(cell_text(value), 40)

"""Rows of sheets into a plan: each row adds or updates one entity, found by name, through domain operations.

`import_sheets` works on a copy of the target plan and returns an `Outcome`: the plan as it would be, the
one `Change` that makes it so (`operations.redo(target, outcome.change)`, one undoable step), what was
added, changed and left alone, and one line per refused cell. The target itself is never touched.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from domain import operations
from domain.entities import (
    MAX_LEVEL,
    MAX_NAME_LENGTH,
    STATUSES,
    Goal,
    Handoff,
    Initiative,
    RaciRole,
    Skill,
    SkillNeed,
    Team,
)
from domain.limits import MAX_LINKS, MAX_TEXT_LENGTH
from domain.operations import Change, OperationError
from domain.plan import Plan
from storage.files import shown
from storage.interchange.layout import (
    COLUMNS,
    GOALS,
    HANDOFFS,
    INITIATIVES,
    LEVELS,
    LIST_SEPARATOR,
    PROJECT,
    ROLES,
    SHEETS,
    SKILLS,
    TEAMS,
    key,
)

ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?)?", re.ASCII)
LAG = re.compile(r"(.*?)\s*([+-])\s*(\d{1,4})", re.DOTALL)
SKILL_LEVEL = re.compile(r"(.*?)\s*:\s*(\d{1,3})", re.DOTALL)
REFERENCES = {
    "owner": "teams",
    "from_team": "teams",
    "to_team": "teams",
    "parent": "goals",
    "initiative": "initiatives",
}
MAX_COMPARISONS = 200_000  # names compared for "did you mean" suggestions, per kind, in one import
WORDS = {"teams": "team", "skills": "skill", "goals": "goal", "initiatives": "initiative"}


@dataclass
class Sheet:
    """One sheet as read: its name in the source, its kind (one of layout.SHEETS) and its cell values."""

    name: str
    kind: str
    rows: list[list]  # the header row first
    first_row: int = 1  # the number the source gives the header row


@dataclass
class Outcome:
    """What an import would do to a plan, and the step that does it."""

    plan: Plan
    change: Change
    refused: list[str] = field(default_factory=list)  # one line per refused cell
    notes: list[str] = field(default_factory=list)  # what was ignored, or cannot be represented
    added: Counter = field(default_factory=Counter)  # per table ("teams"...)
    changed: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)  # dependencies a row no longer lists
    unchanged: Counter = field(default_factory=Counter)  # entities rows named that stay as they are
    changes: list[str] = field(default_factory=list)  # "Sheet row N: team 'X': lead 'A' -> 'B'"
    refused_rows: int = 0


class Refused(Exception):
    """A cell that cannot be read; the row it is in is not imported."""


def import_sheets(sheets: list[Sheet], target: Plan, label: str) -> Outcome:
    """What importing `sheets` into `target` would add, change and refuse; `target` is left as it is."""
    importer = _Importer(target.copy(), label)
    for kind in SHEETS:
        for sheet in (s for s in sheets if s.kind == kind):
            importer.read(sheet)
    importer.finish()
    return importer.outcome


# Cell values


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str:
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


def _number(value) -> float:
    if isinstance(value, bool):
        raise Refused(f"expected a number, found {_text(value)}")
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


def _whole(value) -> int:
    try:
        number = _number(value)
    except Refused:
        raise Refused(f"expected a whole number, found '{shown(value, 30)}'") from None
    if not number.is_integer() or abs(number) >= 2**53:
        raise Refused(f"expected a whole number, found {_text(value)}")
    return int(number)


def _day(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        raise Refused(f"the number {_text(value)} is not a date (format the cell as a date, or write 2027-03-01)")
    match = ISO_DATE.fullmatch(str(value).strip())
    try:
        if not match:
            raise ValueError
        return date.fromisoformat(match.group(1))
    except ValueError:
        raise Refused(f"expected a date such as 2027-03-01, found '{shown(value, 30)}'") from None


def _items(value) -> list[str]:
    items = [item.strip() for item in _text(value).split(LIST_SEPARATOR) if item.strip()]
    if len(items) > MAX_LINKS:
        raise Refused(f"more than {MAX_LINKS:,} items, the most a plan holds in one list")
    return items


# Names


class _Names:
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
        hint = ""
        if close:
            hint = f" — did you mean '{shown(self.entities[self.by_key[close[0]][0]].name)}'?"
        raise Refused(f"no {self.word} '{shown(name)}'{hint}")


# Rows


class _Row:
    """The cells of one row by column, reading typed values and noting each refused cell."""

    def __init__(self, sheet: Sheet, number: int, cells: dict[str, object], refused: list[str]):
        self.sheet, self.line, self.cells = sheet, number, cells
        self.refused = refused
        self.ok = True

    def where(self, column: str) -> str:
        return f"{self.sheet.name} row {self.line}, {column}"

    def refuse(self, column: str, reason: str) -> None:
        self.refused.append(f"{self.where(column)}: {reason}")
        self.ok = False

    def has(self, column: str) -> bool:
        return column in self.cells

    def read(self, column: str, convert: Callable, blank=None):
        """The cell converted, `blank` when empty; a refused cell gives `blank` and marks the row."""
        value = self.cells.get(column)
        if _blank(value):
            return blank
        try:
            return convert(value)
        except Refused as error:
            self.refuse(column, str(error))
            return blank

    def text(self, column: str) -> str:
        value = _text(self.cells.get(column))
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
            number = _whole(value)
            if least is not None and number < least or most is not None and number > most:
                raise Refused(
                    f"{number} is not between {least} and {most}" if most is not None else f"{number} is below {least}"
                )
            return number

        return self.read(column, check, blank)

    def number(self, column: str, blank=None):
        def check(value):
            number = _number(value)
            if number < 0:
                raise Refused(f"{_text(value)} is below 0")
            return number

        return self.read(column, check, blank)

    def day(self, column: str):
        return self.read(column, _day)

    def one(self, column: str, names: _Names):
        return self.read(column, lambda value: names.find(_text(value).strip()))


class _Importer:
    def __init__(self, plan: Plan, label: str):
        self.plan = plan
        self.label = label
        self.edits: list = []
        self.outcome = Outcome(plan=plan, change=Change(label, ()))
        self.names = {table: _Names(plan.table(table), word) for table, word in WORDS.items()}
        self.seen: dict[tuple[str, str], str] = {}  # (kind, name key) -> where it was first given
        self.later: list[Callable[[], None]] = []  # links to rows further down: goal parents, dependencies
        self.matched: set[tuple[str, object]] = set()  # existing entities that rows named
        self.handoffs: dict[tuple, list] | None = None  # existing hand-offs by what, teams and initiative
        self.handoffs_taken: dict[tuple, int] = {}
        self.waiting: dict | None = None  # dependencies by the initiative that waits

    # Sheets

    def read(self, sheet: Sheet) -> None:
        if not sheet.rows:
            return
        columns = self._columns(sheet)
        read_row = {
            PROJECT: self._project, TEAMS: self._team, SKILLS: self._skill, LEVELS: self._levels,
            GOALS: self._goal, INITIATIVES: self._initiative, HANDOFFS: self._handoff,
        }[sheet.kind]  # fmt: skip
        for offset, values in enumerate(sheet.rows[1:], start=1):
            cells = {column: values[n] if n < len(values) else None for n, column in columns.items()}
            if all(_blank(value) for value in cells.values()):
                continue
            row = _Row(sheet, sheet.first_row + offset, cells, self.outcome.refused)
            read_row(row)
            if not row.ok:
                self.outcome.refused_rows += 1

    def _columns(self, sheet: Sheet) -> dict[int, str]:
        """Which column holds what: position -> column name as in layout.COLUMNS (a skill's name in Skill levels)."""
        known = {key(column): column for column in COLUMNS[sheet.kind]}
        columns: dict[int, str] = {}
        for n, header in enumerate(sheet.rows[0]):
            if _blank(header):
                continue
            name = known.get(key(_text(header)))
            if name is None and sheet.kind == LEVELS and n > 0:
                name = self._skill_column(sheet, _text(header).strip())
                if name is None:
                    continue
            if name is None:
                self.outcome.notes.append(
                    f"{sheet.name}: column '{shown(_text(header))}' is not one Tutti reads; ignored"
                )
            elif name in columns.values():
                self.outcome.notes.append(f"{sheet.name}: column '{shown(name)}' appears twice; the first one is read")
            else:
                columns[n] = name
        if sheet.kind == LEVELS and columns.get(0) != "Team":
            self.outcome.refused.append(
                f"{sheet.name} row {sheet.first_row}, column A: the first column must be 'Team'"
            )
            return {}
        return columns

    def _skill_column(self, sheet: Sheet, header: str) -> str | None:
        try:
            self.names["skills"].find(header)
            return header
        except Refused as error:
            self.outcome.refused.append(f"{sheet.name} row {sheet.first_row}, {shown(header)}: {error}")
            return None

    # Changes

    def apply(self, row: _Row, operation: Callable[[], Change], column: str) -> bool:
        try:
            change = operation()
        except OperationError as error:
            row.refuse(column, str(error))
            return False
        self.edits.extend(change.edits)
        return True

    def upsert(self, row: _Row, table: str, entity_id, fields: dict, make: Callable) -> None:
        """Add the entity, or update the fields of the existing one that differ; counted and described."""
        word = WORDS.get(table, "hand-off")
        add, update = (
            getattr(operations, f"add_{word.replace('-', '')}"),
            getattr(operations, f"update_{word.replace('-', '')}"),
        )
        column = "What" if table == "handoffs" else "Name"
        if entity_id is None:
            entity = make(**fields)
            if self.apply(row, lambda: add(self.plan, entity), column) and table in self.names:
                self.names[table].add(entity)
            return
        self.matched.add((table, entity_id))
        current = self.plan.table(table)[entity_id]
        changes = {name: value for name, value in fields.items() if getattr(current, name) != value}
        if "name" in changes and key(changes["name"]) == key(current.name):
            del changes["name"]  # names match whatever their case: the plan keeps its spelling
        if changes.get("raci") is not None and set(changes["raci"]) == set(current.raci):
            del changes["raci"]  # the same roles, grouped by role as the sheet lists them
        if changes and self.apply(row, lambda: update(self.plan, entity_id, **changes), column):
            self.describe(row, word, getattr(current, "name", None) or getattr(current, "what", ""), current, changes)

    def describe(self, row: _Row, word: str, name: str, current, changes: dict) -> None:
        shown_changes = ", ".join(
            f"{field_name} {self._shown(field_name, getattr(current, field_name))} -> {self._shown(field_name, value)}"
            for field_name, value in changes.items()
        )
        self.outcome.changes.append(f"{row.sheet.name} row {row.line}: {word} '{shown(name)}': {shown_changes}")

    def _shown(self, field_name: str, value) -> str:
        table = REFERENCES.get(field_name)
        if table is not None and value is not None:
            value = self.plan.table(table)[value].name
        return _shown_value(value)

    def unique(self, row: _Row, kind: str, name: str, column: str = "Name") -> bool:
        where = self.seen.setdefault((kind, key(name)), f"{row.sheet.name} row {row.line}")
        if where != f"{row.sheet.name} row {row.line}":
            row.refuse(column, f"'{shown(name)}' is also on {where}")
            return False
        return True

    def existing(self, row: _Row, table: str, name: str):
        try:
            return self.names[table].existing(name)
        except Refused as error:
            row.refuse("Name", str(error))
            return None

    def refused_name(self, row: _Row, table: str, name: str) -> None:
        if not row.ok and name:
            self.names[table].refused.add(key(name))

    def finish(self) -> None:
        for link in self.later:
            link()
        self.outcome.change = Change(self.label, tuple(self.edits))
        first_and_last: dict[tuple[str, object], list] = {}
        for edit in self.edits:
            first_and_last.setdefault((edit.table, edit.key), [edit.before, None])[1] = edit.after
        for (table, _), (before, after) in first_and_last.items():
            counts = (
                self.outcome.added
                if before is None
                else self.outcome.removed
                if after is None
                else self.outcome.changed
            )
            counts[table] += 1
        for table, entity_id in self.matched - set(first_and_last):
            self.outcome.unchanged[table] += 1

    # One reader per kind of row

    def _project(self, row: _Row) -> None:
        fields = {}
        for column, name in (("Name", "name"), ("Description", "description")):
            if row.has(column):
                fields[name] = row.text(column)
        if row.has("Start"):
            fields["start"] = row.day("Start")
        changes = {name: value for name, value in fields.items() if getattr(self.plan.project, name) != value}
        self.matched.add(("project", None))
        if row.ok and changes:
            before = self.plan.project
            if self.apply(row, lambda: operations.set_project(self.plan, **changes), "Name"):
                self.describe(row, "project", before.name, before, changes)

    def _team(self, row: _Row) -> None:
        name = row.name()
        fields = {"name": name}
        for column, attribute in (("Lead", "lead"), ("Colour", "color")):
            if row.has(column):
                fields[attribute] = row.text(column)
        if row.has("Headcount"):
            fields["headcount"] = row.whole("Headcount", blank=0)
        if row.has("Capacity"):
            fields["capacity"] = row.number("Capacity", blank=0.0)
        self._put(row, "teams", name, fields, Team)

    def _skill(self, row: _Row) -> None:
        name = row.name()
        fields = {"name": name}
        for column in ("Category", "Description"):
            if row.has(column):
                fields[column.lower()] = row.text(column)
        self._put(row, "skills", name, fields, Skill)

    def _put(self, row: _Row, table: str, name: str, fields: dict, make: Callable):
        entity_id = self.existing(row, table, name) if row.ok else None
        if row.ok and self.unique(row, table, name):
            self.upsert(row, table, entity_id, fields, make)
            return self.names[table].existing(name)
        self.refused_name(row, table, name)
        return None

    def _levels(self, row: _Row) -> None:
        team = row.one("Team", self.names["teams"])
        if team is None and not row.ok:
            return
        if team is None:
            row.refuse("Team", "empty; which team's levels are these?")
            return
        levels = {}
        for column in row.cells:
            if column != "Team":
                skill = self.names["skills"].existing(column)
                levels[skill] = row.whole(column, least=0, most=MAX_LEVEL)
        if not row.ok:
            return
        for skill, level in levels.items():
            current = self.plan.team_skills.get((team, skill))
            if current is not None:
                self.matched.add(("team_skills", (team, skill)))
            if (level is None and current is None) or (current is not None and current.level == (level or 0)):
                continue
            change = operations.set_team_skill(self.plan, team, skill, level=level or 0)
            self.edits.extend(change.edits)
            if current is not None:
                names = f"{self.plan.teams[team].name} in {self.plan.skills[skill].name}"
                self.outcome.changes.append(
                    f"{row.sheet.name} row {row.line}: level of {shown(names, 120)}: {current.level} -> {level or 0}"
                )

    def _goal(self, row: _Row) -> None:
        name = row.name()
        fields = {"name": name}
        for column in ("Metric", "Unit", "Description"):
            if row.has(column):
                fields[column.lower()] = row.text(column)
        for column in ("Baseline", "Target"):
            if row.has(column):
                fields[column.lower()] = row.read(column, _number)
        if row.has("Owner"):
            fields["owner"] = row.one("Owner", self.names["teams"])
        if row.has("Deadline"):
            fields["deadline"] = row.day("Deadline")
        goal_id = self._put(row, "goals", name, fields, Goal)
        if goal_id is not None and row.has("Parent"):
            self.later.append(lambda: self._goal_parent(row, goal_id))

    def _goal_parent(self, row: _Row, goal_id) -> None:
        parent = row.one("Parent", self.names["goals"])
        current = self.plan.goals[goal_id]
        changed = row.ok and current.parent != parent
        if changed and self.apply(row, lambda: operations.update_goal(self.plan, goal_id, parent=parent), "Parent"):
            self._described(row, "goals", current, {"parent": parent})
        if not row.ok:
            self.outcome.refused_rows += 1

    def _described(self, row: _Row, table: str, current, changes: dict) -> None:
        """Describe a link set after the rows were read, unless it belongs to an entity the import adds."""
        if (table, current.id) in self.matched:
            self.describe(row, WORDS[table], current.name, current, changes)

    def _initiative(self, row: _Row) -> None:
        name = row.name()
        fields = {"name": name}
        if row.has("Description"):
            fields["description"] = row.text("Description")
        if row.has("Owner"):
            fields["owner"] = row.one("Owner", self.names["teams"])
        if row.has("Goals"):
            fields["goals"] = tuple(self._list(row, "Goals", lambda item: self.names["goals"].find(item)))
            if len(set(fields["goals"])) < len(fields["goals"]):
                row.refuse("Goals", "a goal is listed twice")
        if row.has("Status"):
            fields["status"] = row.read("Status", _status, "planned")
        if row.has("Not before"):
            fields["start"] = row.day("Not before")
        if row.has("Duration"):
            fields["duration"] = row.whole("Duration", least=None, blank=5)
        if row.has("Effort"):
            fields["effort"] = row.number("Effort")
        if any(row.has(column) for column in ROLES):
            fields["raci"] = tuple(self._raci(row, name))
        if row.has("Skills"):
            fields["skills"] = tuple(self._list(row, "Skills", self._skill_need))
            if len({need.skill for need in fields["skills"]}) < len(fields["skills"]):
                row.refuse("Skills", "a skill is listed twice")
        initiative_id = self._put(row, "initiatives", name, fields, Initiative)
        if initiative_id is not None and row.has("Depends on"):
            self.later.append(lambda: self._depends_on(row, initiative_id))

    def _list(self, row: _Row, column: str, find: Callable) -> list:
        found = []
        for item in row.read(column, _items, []):
            try:
                found.append(find(item))
            except Refused as error:
                row.refuse(column, str(error))
        return found

    def _raci(self, row: _Row, name: str) -> list[RaciRole]:
        """The roles the row's role columns give, and the initiative's roles in the columns it does not have."""
        roles, teams = [], set()
        for column, role in ROLES.items():
            for team in self._list(row, column, lambda item: self.names["teams"].find(item)):
                if team in teams:
                    row.refuse(column, f"{self.plan.teams[team].name} already has a role in this initiative")
                teams.add(team)
                roles.append(RaciRole(team, role))
        absent = {role for column, role in ROLES.items() if not row.has(column)}
        try:
            current = self.names["initiatives"].existing(name) if absent and name else None
        except Refused:
            current = None  # the Name cell says why
        if current is not None:
            roles += [r for r in self.plan.initiatives[current].raci if r.role in absent and r.team not in teams]
        return roles

    def _skill_need(self, item: str) -> SkillNeed:
        match = SKILL_LEVEL.fullmatch(item)
        name, level = (match.group(1), int(match.group(2))) if match else (item, 1)
        if not 1 <= level <= MAX_LEVEL:
            raise Refused(f"level {level} of '{shown(name)}' is not between 1 and {MAX_LEVEL}")
        return SkillNeed(self.names["skills"].find(name), level)

    def _depends_on(self, row: _Row, initiative_id) -> None:
        wanted: dict = {}
        for item in row.read("Depends on", _items, []):
            try:
                before, lag = self._dependency(item)
            except Refused as error:
                row.refuse("Depends on", str(error))
                continue
            if before == initiative_id:
                row.refuse("Depends on", "an initiative cannot wait for itself")
            wanted[before] = lag
        if not row.ok:
            self.outcome.refused_rows += 1
            return
        if self.waiting is None:  # each initiative's row comes once, so the index stays right as rows change it
            self.waiting = {}
            for dependency in self.plan.dependencies.values():
                self.waiting.setdefault(dependency.after, {})[dependency.before] = dependency
        current = self.waiting.get(initiative_id, {})
        operations_to_run = [
            *(
                lambda b=b: operations.remove_dependency(self.plan, b, initiative_id)
                for b in current
                if b not in wanted
            ),
            *(
                lambda b=b, lag=lag: operations.update_dependency(self.plan, b, initiative_id, lag=lag)
                for b, lag in wanted.items()
                if b in current and current[b].lag != lag
            ),
            *(
                lambda b=b, lag=lag: operations.add_dependency(self.plan, b, initiative_id, lag)
                for b, lag in wanted.items()
                if b not in current
            ),
        ]
        for operation in operations_to_run:
            self.apply(row, operation, "Depends on")
        if operations_to_run and ("initiatives", initiative_id) in self.matched:  # an added one says nothing
            names = [self.plan.initiatives[b].name + (f" {lag:+d}" if lag else "") for b, lag in wanted.items()]
            self.outcome.changes.append(
                f"{row.sheet.name} row {row.line}: initiative '{shown(self.plan.initiatives[initiative_id].name)}' "
                f"now depends on: {shown('; '.join(names), 200) or 'nothing'}"
            )

    def _dependency(self, item: str):
        names = self.names["initiatives"]
        if names.existing(item) is not None:
            return names.existing(item), 0
        match = LAG.fullmatch(item)
        if match and match.group(1):
            lag = int(match.group(3)) * (-1 if match.group(2) == "-" else 1)
            return names.find(match.group(1)), lag
        return names.find(item), 0

    def _handoff(self, row: _Row) -> None:
        fields = {
            "what": row.text("What").strip(),
            "from_team": row.one("From", self.names["teams"]),
            "to_team": row.one("To", self.names["teams"]),
        }
        for column, attribute in (("From", "from_team"), ("To", "to_team")):
            if row.ok and fields[attribute] is None:
                row.refuse(column, "empty; a hand-off goes from one team to another")
        if row.has("Initiative"):
            fields["initiative"] = row.one("Initiative", self.names["initiatives"])
        if row.has("Due"):
            fields["due"] = row.day("Due")
        if not row.ok:
            return
        # Hand-offs have no name: the n-th row with the same what, teams and initiative is the n-th such hand-off.
        same = (key(fields["what"]), fields["from_team"], fields["to_team"], fields.get("initiative"))
        if self.handoffs is None:
            self.handoffs = {}
            for handoff in self.plan.handoffs.values():
                self.handoffs.setdefault(_handoff_key(handoff), []).append(handoff.id)
        taken = self.handoffs_taken[same] = self.handoffs_taken.get(same, 0) + 1
        matching = self.handoffs.get(same, [])
        self.upsert(row, "handoffs", matching[taken - 1] if taken <= len(matching) else None, fields, Handoff)


def _handoff_key(handoff: Handoff) -> tuple:
    return (key(handoff.what), handoff.from_team, handoff.to_team, handoff.initiative)


def _status(value) -> str:
    status = key(_text(value))
    if status not in STATUSES:
        close = difflib.get_close_matches(status, STATUSES, n=1)
        hint = f" — did you mean '{close[0]}'?" if close else ""
        raise Refused(f"'{shown(value, 30)}' is not a status ({', '.join(STATUSES)}){hint}")
    return status


def _shown_value(value) -> str:
    if value is None or value == "" or value == ():
        return "(empty)"
    if isinstance(value, str):
        return f"'{shown(value, 40)}'"
    if isinstance(value, tuple):
        return f"{len(value)} item{'s' if len(value) != 1 else ''}"
    return shown(_text(value), 40)

"""Rows of sheets into a plan: each row adds or updates one entity, found by name, through domain operations.

`import_sheets` works on a copy of the target plan and returns an `Outcome`: the plan as it would be, the
one `Change` that makes it so (`operations.redo(target, outcome.change)`, one undoable step), what was
added, changed and left alone, and one line per refused cell. The target itself is never touched.
"""

from __future__ import annotations

from domain import operations
from domain.entities import MAX_LEVEL, Goal, Handoff, Skill, Team
from domain.plan import Plan
from storage.files import shown
from storage.interchange.applying import Outcome
from storage.interchange.cells import Refused, RefusedCell, Row, Sheet, cell_number, cell_text, is_blank
from storage.interchange.initiative_rows import InitiativeRows
from storage.interchange.layout import (
    COLUMNS,
    GOALS,
    HANDOFFS,
    INITIATIVES,
    LEVELS,
    PROJECT,
    SHEETS,
    SKILLS,
    TEAMS,
    key,
)


def import_sheets(sheets: list[Sheet], target: Plan, label: str) -> Outcome:
    """What importing `sheets` into `target` would add, change and refuse; `target` is left as it is."""
    importer = _Importer(target.copy(), label)
    for kind in SHEETS:
        for sheet in (s for s in sheets if s.kind == kind):
            importer.read(sheet)
    importer.finish()
    return importer.outcome


class _Importer(InitiativeRows):
    """Reads each kind of sheet, row by row, into the copy of the plan."""

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
            if all(is_blank(value) for value in cells.values()):
                continue
            row = Row(sheet, sheet.first_row + offset, cells, self.outcome.refused)
            read_row(row)
            if not row.ok:
                self.outcome.refused_rows += 1

    def _columns(self, sheet: Sheet) -> dict[int, str]:
        """Which column holds what: position -> column name as in layout.COLUMNS (a skill's name in Skill levels)."""
        known = {key(column): column for column in COLUMNS[sheet.kind]}
        columns: dict[int, str] = {}
        for n, header in enumerate(sheet.rows[0]):
            if is_blank(header):
                continue
            name = known.get(key(cell_text(header)))
            if name is None and sheet.kind == LEVELS and n > 0:
                name = self._skill_column(sheet, cell_text(header).strip())
                if name is None:
                    continue
            if name is None:
                self.outcome.notes.append(
                    f"{sheet.name}: column '{shown(cell_text(header))}' is not one Tutti reads; ignored"
                )
            elif name in columns.values():
                self.outcome.notes.append(f"{sheet.name}: column '{shown(name)}' appears twice; the first one is read")
            else:
                columns[n] = name
        if sheet.kind == LEVELS and columns.get(0) != "Team":
            self.outcome.refused.append(
                RefusedCell(sheet.name, sheet.first_row, "column A", "the first column must be 'Team'")
            )
            return {}
        return columns

    def _skill_column(self, sheet: Sheet, header: str) -> str | None:
        try:
            self.names["skills"].find(header)
            return header
        except Refused as error:
            self.outcome.refused.append(
                RefusedCell(sheet.name, sheet.first_row, shown(header), error.reason, error.suggestion)
            )
            return None

    def _project(self, row: Row) -> None:
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

    def _team(self, row: Row) -> None:
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

    def _skill(self, row: Row) -> None:
        name = row.name()
        fields = {"name": name}
        for column in ("Category", "Description"):
            if row.has(column):
                fields[column.lower()] = row.text(column)
        self._put(row, "skills", name, fields, Skill)

    def _levels(self, row: Row) -> None:
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

    def _goal(self, row: Row) -> None:
        name = row.name()
        fields = {"name": name}
        for column in ("Metric", "Unit", "Description"):
            if row.has(column):
                fields[column.lower()] = row.text(column)
        for column in ("Baseline", "Target"):
            if row.has(column):
                fields[column.lower()] = row.read(column, cell_number)
        if row.has("Owner"):
            fields["owner"] = row.one("Owner", self.names["teams"])
        if row.has("Deadline"):
            fields["deadline"] = row.day("Deadline")
        goal_id = self._put(row, "goals", name, fields, Goal)
        if goal_id is not None and row.has("Parent"):
            self.later.append(lambda: self._goal_parent(row, goal_id))

    def _goal_parent(self, row: Row, goal_id) -> None:
        parent = row.one("Parent", self.names["goals"])
        current = self.plan.goals[goal_id]
        changed = row.ok and current.parent != parent
        if changed and self.apply(row, lambda: operations.update_goal(self.plan, goal_id, parent=parent), "Parent"):
            self._described(row, "goals", current, {"parent": parent})
        if not row.ok:
            self.outcome.refused_rows += 1

    def _handoff(self, row: Row) -> None:
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

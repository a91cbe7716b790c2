"""Initiative rows: the goals an initiative serves, its roles and skills, and the initiatives it waits for
(read once every row is in, since they may name initiatives further down)."""

from __future__ import annotations

import re
from collections.abc import Callable

from domain import operations
from domain.entities import MAX_LEVEL, Initiative, RaciRole, SkillNeed
from storage.files import shown
from storage.interchange.applying import PlanEdits
from storage.interchange.cells import Refused, Row, cell_items, cell_status
from storage.interchange.layout import ROLES

LAG = re.compile(r"(.*?)\s*([+-])\s*(\d{1,4})", re.DOTALL)
SKILL_LEVEL = re.compile(r"(.*?)\s*:\s*(\d{1,3})", re.DOTALL)


class InitiativeRows(PlanEdits):
    """Reads initiative rows and the links they carry."""

    def _initiative(self, row: Row) -> None:
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
            fields["status"] = row.read("Status", cell_status, "planned")
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

    def _list(self, row: Row, column: str, find: Callable) -> list:
        found = []
        for item in row.read(column, cell_items, []):
            try:
                found.append(find(item))
            except Refused as error:
                row.refuse(column, error)
        return found

    def _raci(self, row: Row, name: str) -> list[RaciRole]:
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

    def _depends_on(self, row: Row, initiative_id) -> None:
        wanted: dict = {}
        for item in row.read("Depends on", cell_items, []):
            try:
                before, lag = self._dependency(item)
            except Refused as error:
                row.refuse("Depends on", error)
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

"""Workshop capture: one protected sheet per team, filled in and imported back, says what each team changed."""

from __future__ import annotations

from openpyxl import load_workbook

from desktop.cli import main
from domain import operations
from domain.entities import Team
from domain.plan import Plan
from storage.demo import demo_plan
from storage.interchange.capture import MARKER, export_capture
from storage.interchange.source import preview, read_source
from storage.project_file import open_plan, save_plan


def cell_of(sheet, value):
    """The first cell holding `value`."""
    return next(c for row in sheet.iter_rows() for c in row if c.value == value)


def test_each_team_gets_a_sheet_where_only_its_own_fields_can_be_edited(tmp_path):
    plan = demo_plan()
    save_plan(plan, tmp_path / "plan.tutti")
    assert main(["export", str(tmp_path / "plan.tutti"), "--capture", str(tmp_path / "capture.xlsx")]) == 0
    book = load_workbook(tmp_path / "capture.xlsx")
    assert book.sheetnames == [t.name for t in plan.teams.values()]
    sheet = book["Marketing"]
    assert sheet.protection.sheet
    assert [c.value for c in sheet[1][:2]] == [MARKER, "Marketing"]
    name = cell_of(sheet, "AI training for marketers")
    assert name.protection.locked  # names link rows: not to be edited
    assert not sheet.cell(name.row, name.column + 3).protection.locked  # its duration
    assert sheet.cell(name.row, name.column + 6).protection.locked  # its computed start
    owned = {i.name for i in plan.initiatives.values() if plan.teams[i.owner].name == "Marketing"}
    first = cell_of(sheet, "Initiatives").row + 2
    assert {sheet.cell(r, 1).value for r in range(first, first + len(owned))} == owned


def test_importing_the_filled_workbook_lists_what_each_team_changed(tmp_path, capsys):
    plan = demo_plan()
    save_plan(plan, tmp_path / "plan.tutti")
    main(["export", str(tmp_path / "plan.tutti"), "--capture", str(tmp_path / "capture.xlsx")])
    book = load_workbook(tmp_path / "capture.xlsx")
    duration = cell_of(book["Marketing"], "AI training for marketers").offset(column=3)
    duration.value = 20
    sales = book["Sales"]
    levels = cell_of(sales, "Skill levels").offset(row=2)
    skill = cell_of(sales, "Team").offset(column=1)
    levels.offset(column=1).value = 4
    book.save(tmp_path / "filled.xlsx")
    before = (tmp_path / "plan.tutti").read_bytes()

    outcome = preview(read_source(tmp_path / "filled.xlsx"), plan)
    assert outcome.refused == []
    level = next(n for n in plan.team_skills.values() if plan.skills[n.skill].name == skill.value and
                 plan.teams[n.team].name == "Sales")  # fmt: skip
    assert sorted(outcome.changes) == [
        f"Marketing row {duration.row}: initiative 'AI training for marketers': duration 15 -> 20",
        f"Sales row {levels.row}: level of Sales in {skill.value}: {level.level} -> 4",
    ]
    assert main(["import", str(tmp_path / "filled.xlsx"), "--into", str(tmp_path / "plan.tutti"), "--dry-run"]) == 0
    assert (tmp_path / "plan.tutti").read_bytes() == before
    assert main(["import", str(tmp_path / "filled.xlsx"), "--into", str(tmp_path / "plan.tutti")]) == 0
    saved = open_plan(tmp_path / "plan.tutti").plan
    assert next(i for i in saved.initiatives.values() if i.name == "AI training for marketers").duration == 20
    assert "Changed: Marketing row" in capsys.readouterr().out


def test_team_names_that_are_sheet_names_or_not_allowed_as_titles_get_titles_of_their_own(tmp_path):
    plan = Plan()
    for name in ("Teams", "Schedule", "R&D: [core]/*", "R&D: [core]/?", "A" * 40):
        operations.add_team(plan, Team(name=name))
    export_capture(plan, tmp_path / "capture.xlsx")
    assert load_workbook(tmp_path / "capture.xlsx").sheetnames == [
        "Teams (team)", "Schedule (team)", "R&D_ _core___", "R&D_ _core___ (2)", "A" * 31,
    ]  # fmt: skip
    outcome = preview(read_source(tmp_path / "capture.xlsx"), plan)
    assert (outcome.refused, outcome.change.edits) == ([], ())

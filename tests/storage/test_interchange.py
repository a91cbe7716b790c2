"""Workbooks and CSV files in and out: round trips, the layout people draw, refused cells, and `tutti import`."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest
from openpyxl import Workbook

from desktop.cli import main
from domain import operations
from domain.analysis.schedule import schedule
from domain.entities import Team
from domain.plan import Plan
from storage.demo import demo_plan
from storage.files import FileError
from storage.interchange.export import export_csv, export_xlsx
from storage.interchange.layout import plan_sheets
from storage.interchange.source import new_plan_from, preview, read_source
from storage.project_file import open_plan, save_plan


def workbook(path, sheets: dict[str, list[list]]):
    """Write a workbook the way a person fills one in a spreadsheet program."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def dates(plan: Plan) -> dict[str, tuple[date, date]]:
    scheduled = schedule(plan).scheduled()
    return {plan.initiatives[i].name: (s.start, s.finish) for i, s in scheduled.items()}


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_export_then_import_gives_the_same_plan_ids_aside(generate, tmp_path, kind):
    plan = generate("small")
    target = tmp_path / ("plan.xlsx" if kind == "xlsx" else "sheets")
    (export_xlsx if kind == "xlsx" else export_csv)(plan, target)
    outcome = new_plan_from(read_source(target))
    assert outcome.refused == []
    assert plan_sheets(outcome.plan) == plan_sheets(plan)
    assert dates(outcome.plan) == dates(plan)


def test_importing_a_plans_own_export_into_it_changes_nothing(generate, tmp_path):
    plan = generate("small")
    export_xlsx(plan, tmp_path / "plan.xlsx")
    outcome = preview(read_source(tmp_path / "plan.xlsx"), plan)
    assert outcome.change.edits == ()
    assert outcome.unchanged["initiatives"] == len(plan.initiatives)
    assert outcome.unchanged["teams"] == len(plan.teams)


def test_the_export_has_the_schedule_and_load_sheets_protected(tmp_path):
    export_xlsx(demo_plan(), tmp_path / "plan.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "plan.xlsx")
    assert book.sheetnames == ["Project", "Teams", "Skills", "Skill levels", "Goals", "Initiatives", "Hand-offs",
                               "Schedule", "Load"]  # fmt: skip
    assert book["Schedule"].protection.sheet and book["Load"].protection.sheet
    assert not book["Initiatives"].protection.sheet
    assert [c.value for c in book["Schedule"][1]] == ["Initiative", "Start", "Finish", "Slack", "Critical"]


def test_a_workbook_as_people_draw_it_becomes_a_plan(tmp_path):
    path = workbook(tmp_path / "plan.xlsx", {
        " teams ": [["  NAME", "lead", "Headcount", "Capacity", "Budget"],
                    ["Marketing", "Ana", 4, "12,5", "1000"],
                    ["Data", "Bo", "3", 10]],
        "Skills": [["Name", "Category"], ["Machine learning", "Tech"], ["Copywriting", "Craft"]],
        "Skill levels": [["Team", "machine learning", "Copywriting"], ["marketing", None, 3], ["Data", 4, 0]],
        "Goals": [["Name", "Parent", "Owner", "Target", "Deadline"],
                  ["Launch", None, "Marketing", "1.234,5", date(2027, 6, 30)],
                  ["Grow", "launch", "Data", 7, "2027-09-01"]],
        "Initiatives": [["Name", "Owner", "Goals", "Status", "Not before", "Duration", "Depends on", "Consulted",
                         "Skills"],
                        ["Model", "Data", "Launch; Grow", "Active", "2027-01-04", 10, None, "Marketing",
                         "Machine learning: 3"],
                        ["Campaign", "Marketing", "Launch", None, None, "5", "Model +2", None, "Copywriting"]],
        "Hand-offs": [["What", "From", "To", "Initiative", "Due"], ["Scores", "Data", "Marketing", "Model", None]],
    })  # fmt: skip
    outcome = new_plan_from(read_source(path))
    assert outcome.refused == []
    assert outcome.notes == [" teams : column 'Budget' is not one Tutti reads; ignored"]
    plan = outcome.plan
    teams = {t.name: t for t in plan.teams.values()}
    assert teams["Marketing"].capacity == 12.5 and teams["Data"].headcount == 3
    skills = {s.name: s.id for s in plan.skills.values()}
    assert {(plan.teams[k[0]].name, plan.skills[k[1]].name): v.level for k, v in plan.team_skills.items()} == {
        ("Marketing", "Copywriting"): 3, ("Data", "Machine learning"): 4, ("Data", "Copywriting"): 0,
    }  # fmt: skip
    goals = {g.name: g for g in plan.goals.values()}
    assert goals["Launch"].target == 1234.5 and goals["Launch"].deadline == date(2027, 6, 30)
    assert goals["Grow"].parent == goals["Launch"].id and goals["Grow"].deadline == date(2027, 9, 1)
    model, campaign = plan.initiatives.values()
    assert model.status == "active" and model.start == date(2027, 1, 4) and model.duration == 10
    assert model.goals == (goals["Launch"].id, goals["Grow"].id)
    assert [(plan.teams[r.team].name, r.role) for r in model.raci] == [("Marketing", "C")]
    assert [(n.skill, n.level) for n in model.skills] == [(skills["Machine learning"], 3)]
    assert plan.dependencies[(model.id, campaign.id)].lag == 2
    assert campaign.status == "planned" and campaign.skills[0].level == 1
    assert dates(plan)["Campaign"] == (date(2027, 1, 20), date(2027, 1, 26))  # after 10 days of Model and 2 of lag
    (handoff,) = plan.handoffs.values()
    assert handoff.initiative == model.id and handoff.from_team == teams["Data"].id


def test_every_refused_cell_is_one_line_with_sheet_row_column_and_a_suggestion(tmp_path):
    path = workbook(tmp_path / "plan.xlsx", {
        "Teams": [["Name"], ["Marketing"], ["Data"], ["marketing"]],
        "Initiatives": [["Name", "Owner", "Duration", "Status", "Not before", "Depends on"],
                        ["Model", "Markting", 3, "planed", "next week", None],
                        ["Campaign", "Data", "two", None, None, "Modle"],
                        ["Report", "Data", 2, None, 46000, None],
                        ["Ready", "Data", 1, None, None, None]],
    })  # fmt: skip
    outcome = new_plan_from(read_source(path))
    assert outcome.refused == [
        "Teams row 4, Name: 'marketing' is also on Teams row 2",
        "Initiatives row 2, Owner: no team 'Markting' — did you mean 'Marketing'?",
        (
            "Initiatives row 2, Status: 'planed' is not a status (idea, planned, active, done, dropped) — "
            "did you mean 'planned'?"
        ),
        "Initiatives row 2, Not before: expected a date such as 2027-03-01, found 'next week'",
        "Initiatives row 3, Duration: expected a whole number, found 'two'",
        (
            "Initiatives row 4, Not before: the number 46000 is not a date "
            "(format the cell as a date, or write 2027-03-01)"
        ),
    ]
    assert [i.name for i in outcome.plan.initiatives.values()] == ["Ready"]  # only what every cell allows


def test_a_name_two_entities_share_in_the_plan_is_refused_as_ambiguous(tmp_path):
    plan = Plan()
    operations.add_team(plan, Team(name="Sales"))
    operations.add_team(plan, Team(name="SALES"))
    path = workbook(tmp_path / "plan.xlsx", {"Initiatives": [["Name", "Owner"], ["Deal", "sales"]]})
    outcome = preview(read_source(path), plan)
    assert outcome.refused == ["Initiatives row 2, Owner: 2 teams in the plan are called 'sales'; rename one first"]


def test_an_import_into_a_plan_is_one_step_that_undo_takes_back(tmp_path):
    plan = demo_plan()
    before = plan.copy()
    team = next(iter(plan.teams.values()))
    path = workbook(tmp_path / "plan.xlsx", {
        "Teams": [["Name", "Lead"], [team.name.upper(), "New lead"], ["Legal", "Lu"]],
    })  # fmt: skip
    outcome = preview(read_source(path), plan)
    assert plan.same_as(before)  # a preview changes nothing
    assert (outcome.added["teams"], outcome.changed["teams"]) == (1, 1)
    assert outcome.changes == [f"Teams row 2: team '{team.name}': lead '{team.lead}' -> 'New lead'"]
    operations.redo(plan, outcome.change)
    assert plan.teams[team.id].lead == "New lead" and plan.teams[team.id].name == team.name
    operations.undo(plan, outcome.change)
    assert plan.same_as(before)


def test_text_that_looks_like_a_formula_stays_text_in_xlsx_and_csv(tmp_path):
    plan = Plan()
    operations.add_team(plan, Team(name='=HYPERLINK("http://x")', lead="@SUM(A1)", color="-2+3"))
    export_xlsx(plan, tmp_path / "plan.xlsx")
    with zipfile.ZipFile(tmp_path / "plan.xlsx") as archive:
        sheets = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in sheets and b"<f " not in sheets
    export_csv(plan, tmp_path / "csv")
    assert "'=HYPERLINK" in (tmp_path / "csv" / "Teams.csv").read_text(encoding="utf-8-sig")
    for source in (tmp_path / "plan.xlsx", tmp_path / "csv"):
        (team,) = new_plan_from(read_source(source)).plan.teams.values()
        assert (team.name, team.lead, team.color) == ('=HYPERLINK("http://x")', "@SUM(A1)", "-2+3")


@pytest.mark.parametrize(
    "content",
    [
        '\ufeffName,Lead,Capacity\r\nMarketing,Zoë,"12.5"\r\n'.encode(),  # Excel's "CSV UTF-8"
        "Name;Lead;Capacity\r\nMarketing;Zoë;12,5\r\n".encode("cp1252"),  # a European Excel's "CSV"
    ],
)
def test_csv_in_the_encodings_and_separators_spreadsheets_write(tmp_path, content):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    (team,) = new_plan_from(read_source(path)).plan.teams.values()
    assert (team.name, team.lead, team.capacity) == ("Marketing", "Zoë", 12.5)


def test_a_csv_file_says_which_sheet_it_is_by_its_header(tmp_path):
    path = tmp_path / "anything.txt"
    path.write_text("What,From,To\nBrief,A,B\n", encoding="utf-8")
    outcome = new_plan_from(read_source(path))
    assert outcome.refused == ["anything.txt row 2, From: no team 'A'", "anything.txt row 2, To: no team 'B'"]
    path.write_text("Name,Description\nX,Y\n", encoding="utf-8")
    with pytest.raises(FileError, match="fits .* alike; name the file after one"):
        read_source(path)


def test_the_cli_refuses_everything_until_the_cells_are_valid_or_the_valid_rows_are_accepted(tmp_path, capsys):
    target = tmp_path / "plan.tutti"
    save_plan(demo_plan(), target)
    before = target.read_bytes()
    source = workbook(tmp_path / "in.xlsx", {"Teams": [["Name", "Headcount"], ["Legal", 2], ["Ops", "many"]]})
    assert main(["import", str(source), "--into", str(target)]) == 1
    out = capsys.readouterr().out
    assert "  Refused: Teams row 3, Headcount: expected a whole number, found 'many'\n" in out
    assert out.endswith("Nothing imported: correct the refused cells, or import the valid rows with --accept-valid.\n")
    assert target.read_bytes() == before
    assert main(["import", str(source), "--into", str(target), "--accept-valid", "--dry-run"]) == 0
    assert "Would add: 1 team; would change: nothing" in capsys.readouterr().out
    assert target.read_bytes() == before
    assert main(["import", str(source), "--into", str(target), "--accept-valid"]) == 0
    assert "Added: 1 team; changed: nothing" in capsys.readouterr().out
    names = [t.name for t in open_plan(target).plan.teams.values()]
    assert "Legal" in names and "Ops" not in names
    after = target.read_bytes()
    assert main(["import", str(source), "--into", str(target), "--accept-valid"]) == 0
    assert capsys.readouterr().out.endswith(f"Nothing to change: {target} is left as it was.\n")
    assert target.read_bytes() == after


def test_cli_export_writes_each_format_asked_for(tmp_path, capsys):
    target = tmp_path / "plan.tutti"
    save_plan(demo_plan(), target)
    assert main(["export", str(target), "--xlsx", str(tmp_path / "p.xlsx"), "--csv", str(tmp_path / "csv")]) == 0
    assert capsys.readouterr().out == f"Wrote {tmp_path / 'p.xlsx'}\nWrote {tmp_path / 'csv'}\n"
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(
        f"{name}.csv"
        for name in (
            "Project",
            "Teams",
            "Skills",
            "Skill levels",
            "Goals",
            "Initiatives",
            "Hand-offs",
            "Schedule",
            "Load",
        )
    )
    assert main(["export", str(target)]) == 2
    assert "say what to write" in capsys.readouterr().err


def test_a_plan_file_given_to_import_is_named_for_what_it_is(tmp_path):
    save_plan(demo_plan(), tmp_path / "plan.tutti")
    with pytest.raises(FileError, match="a Tutti plan .*, not a file to import; open it instead"):
        read_source(tmp_path / "plan.tutti")


def test_suggestions_stop_before_thousands_of_bad_cells_take_long(tmp_path):
    path = tmp_path / "initiatives.csv"
    path.write_text("Name,Owner\n" + "".join(f"Work {n},Markting\n" for n in range(30_000)), encoding="utf-8")
    refused = preview(read_source(path), demo_plan()).refused
    assert len(refused) == 30_000
    assert refused[0].endswith("— did you mean 'Marketing'?")
    assert refused[-1] == "initiatives.csv row 30001, Owner: no team 'Markting'"

"""MS Project XML: Tutti's schedule of files MS Project wrote agrees with MS Project's dates; what Tutti cannot
represent is reported item by item; Tutti -> MSPDI -> Tutti keeps the schedule."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest

from domain.analysis.schedule import schedule
from storage.demo import demo_plan
from storage.files import FileError
from storage.interchange.mspdi import NS, mspdi_bytes, parse_mspdi
from storage.interchange.source import preview, read_source

FILES = Path(__file__).parent / "mspdi"
Q = "{" + NS + "}"
# The element order of a Task in mspdi_pj12.xsd, for the elements Tutti writes.
TASK_ORDER = ["UID", "ID", "Name", "Type", "IsNull", "OutlineNumber", "OutlineLevel", "Start", "Finish", "Duration",
              "DurationFormat", "Milestone", "Summary", "Critical", "ConstraintType", "ConstraintDate", "Notes",
              "PredecessorLink"]  # fmt: skip


def ms_project_dates(path: Path) -> dict[int, tuple[date, date]]:
    """Start and finish of every task as MS Project stored them."""
    root = ElementTree.parse(path).getroot()
    return {
        int(task.findtext(Q + "UID")): (
            datetime.fromisoformat(task.findtext(Q + "Start")).date(),
            datetime.fromisoformat(task.findtext(Q + "Finish")).date(),
        )
        for task in root.iter(Q + "Task")
        if task.findtext(Q + "Start")
    }


@pytest.mark.parametrize(
    "name, comparable",
    [("mspdirelations.xml", 2), ("task-links-project2019-mspdi.xml", 13), ("sample1.xml", 13)],
)
def test_tuttis_schedule_gives_ms_projects_dates_wherever_the_file_uses_only_what_tutti_represents(name, comparable):
    path = FILES / name
    imported = parse_mspdi(path, path.read_bytes())
    plan = imported.plan
    inexact = {i for i, uid in imported.task_of.items() if uid in imported.inexact}
    for dependency in sorted(plan.dependencies.values(), key=lambda d: list(plan.initiatives).index(d.after)):
        if dependency.before in inexact:  # work after inexact work is inexact too
            inexact.add(dependency.after)
    expected = ms_project_dates(path)
    scheduled = schedule(plan).scheduled()
    compared = {imported.task_of[i]: (s.start, s.finish) for i, s in scheduled.items() if i not in inexact}
    assert compared == {uid: expected[uid] for uid in compared}
    assert len(compared) == comparable  # the tasks left out are those the report names, and their successors


def test_links_tutti_cannot_represent_are_reported_one_by_one():
    path = FILES / "mspdirelations.xml"
    imported = parse_mspdi(path, path.read_bytes())
    assert imported.notes == [
        "task 3 'Task 3' after task 2: a start-to-start link; Tutti has finish-to-start only; left out",
        "task 4 'Task 4' after task 3: a finish-to-finish link; Tutti has finish-to-start only; left out",
        "task 5 'Task 5' after task 4: a start-to-finish link; Tutti has finish-to-start only; left out",
    ]
    assert len(imported.plan.dependencies) == 1


def test_summary_tasks_become_goals_resources_teams_and_assignments_owners():
    path = FILES / "sample1.xml"
    plan = parse_mspdi(path, path.read_bytes()).plan
    goals = {g.name: g for g in plan.goals.values()}
    assert goals["Resource Assignments"].parent == goals["Task Relationships"].id
    initiatives = {i.name: i for i in plan.initiatives.values()}
    assert initiatives["Assigned Task 1"].goals == (goals["Resource Assignments"].id,)
    assert initiatives["Recurring Task 1"].start == date(2003, 2, 1)  # start no earlier than
    assert initiatives["Third task"].duration == 0  # a milestone
    teams = {t.id: t.name for t in plan.teams.values()}
    assert sorted(teams.values()) == ["First Resource", "Second Resource"]
    second = initiatives["Second Task"]
    assert teams[second.owner] == "First Resource"
    assert [(teams[r.team], r.role) for r in second.raci] == [("Second Resource", "R")]
    related = initiatives["Related Task 3b"]
    assert [d.lag for d in plan.dependencies.values() if d.after == related.id] == [-1]


def test_elapsed_durations_constraints_exceptions_progress_and_percent_lags_are_reported(tmp_path):
    text = (FILES / "mspdirelations.xml").read_text(encoding="utf-8")
    task_2 = text.index("<Name>Task 2</Name>")
    changes = (
        ("<DurationFormat>39</DurationFormat>", "<DurationFormat>8</DurationFormat>"),
        ("<ConstraintType>0</ConstraintType>", "<ConstraintType>2</ConstraintType>"),
        ("<PercentComplete>0</PercentComplete>", "<PercentComplete>40</PercentComplete>"),
        ("<LagFormat>7</LagFormat>", "<LagFormat>19</LagFormat>"),
        ("<Name>Task 5</Name>", "<Name>Task 5</Name><Active>0</Active>"),
    )
    rest = text[task_2:]
    for old, new in changes:
        rest = rest.replace(old, new, 1)
    text = text[:task_2] + rest
    text = text.replace(
        "</WeekDays>",
        "<WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>2006-09-25T00:00:00"
        "</FromDate><ToDate>2006-09-25T23:59:00</ToDate></TimePeriod></WeekDay></WeekDays>",
        1,
    )
    path = tmp_path / "changed.xml"
    path.write_text(text, encoding="utf-8")
    imported = parse_mspdi(path, path.read_bytes())
    assert imported.notes[:5] == [
        "calendar 'Standard': non-working exception 2006-09-25; Tutti has no calendars yet, so its dates ignore it",
        "task 2 'Task 2': an elapsed duration (counting nights and weekends); read as working days",
        "task 2 'Task 2': the constraint 'must start on' has no place in Tutti; left out",
        "task 2 'Task 2': 40% complete; Tutti does not track progress yet",
        "task 2 'Task 2' after task 1: a lag as a share of the earlier task's duration; read as no lag",
    ]
    assert [i.status for i in imported.plan.initiatives.values()][-1] == "dropped"  # an inactive task


def test_tutti_to_mspdi_to_tutti_keeps_the_schedule(generate, tmp_path):
    for plan in (demo_plan(), generate("small")):
        path = tmp_path / "plan.xml"
        path.write_bytes(mspdi_bytes(plan))
        imported = read_source(path).plan
        before, after = schedule(plan).scheduled(), schedule(imported).scheduled()
        by_name = {i.name: i.id for i in imported.initiatives.values()}
        assert {
            i.name: (before[i.id].start, before[i.id].finish) for i in plan.initiatives.values() if not i.dropped
        } == {name: (after[i].start, after[i].finish) for name, i in by_name.items()}


def test_the_export_is_mspdi_in_schema_order_with_tuttis_dates():
    plan = demo_plan()
    root = ElementTree.fromstring(mspdi_bytes(plan))
    assert root.tag == Q + "Project"
    scheduled = schedule(plan).scheduled()
    for task in root.iter(Q + "Task"):
        names = [child.tag.removeprefix(Q) for child in task]
        assert names == sorted(names, key=TASK_ORDER.index)
        if task.findtext(Q + "Summary") == "0":
            initiative = next(i for i in plan.initiatives.values() if i.name == task.findtext(Q + "Name"))
            assert task.findtext(Q + "Start")[:10] == scheduled[initiative.id].start.isoformat()
            assert task.findtext(Q + "Finish")[:10] == scheduled[initiative.id].finish.isoformat()


def test_importing_its_own_ms_project_export_into_a_plan_changes_nothing(generate, tmp_path):
    plan = generate("small")
    path = tmp_path / "plan.xml"
    path.write_bytes(mspdi_bytes(plan))
    outcome = preview(read_source(path), plan)
    assert outcome.refused == []
    assert outcome.added == {}
    # An initiative under several goals keeps them all; only links through dropped initiatives (left out of
    # the export, their predecessors passed on) become direct links.
    dropped = {i.id for i in plan.initiatives.values() if i.dropped}
    next_to_dropped = {d.after for d in plan.dependencies.values() if d.before in dropped} | {
        d.before for d in plan.dependencies.values() if d.after in dropped
    }
    assert dropped and outcome.change.edits
    for edit in outcome.change.edits:
        assert edit.table == "dependencies" and (set(edit.key) & dropped or edit.key[1] in next_to_dropped)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"<Project xmlns='http://example.com'/>", "not MS Project XML"),
        (b"<Project xmlns='http://schemas.microsoft.com/project'><Tasks>", "not well-formed XML"),
        (
            (
                b"<!DOCTYPE p [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]>"
                b"<Project xmlns='http://schemas.microsoft.com/project'><Name>&b;</Name></Project>"
            ),
            "a DTD or entities",
        ),
    ],
)
def test_xml_that_is_not_mspdi_is_one_line_naming_the_file(tmp_path, content, reason):
    path = tmp_path / "plan.xml"
    path.write_bytes(content)
    with pytest.raises(FileError, match=reason) as error:
        read_source(path)
    assert str(error.value).startswith(str(path)) and "\n" not in str(error.value)

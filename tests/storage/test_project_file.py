"""Saving and opening .tutti files: exact round trips, atomic replacement, permissions, links, speed."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from domain.entities import Initiative, Project, RaciRole, SkillNeed, Team
from domain.limits import MAX_SHORT_TEXT_LENGTH, MAX_TEXT_LENGTH
from domain.plan import Plan
from domain.validation import validate
from storage.exchange import dumps
from storage.project_file import FileError, open_plan, plan_from_sqlite_bytes, plan_to_sqlite_bytes, save_plan
from storage.schema import APPLICATION_ID, SCHEMA_VERSION, migrate


def test_a_saved_plan_opens_as_the_same_plan_with_identical_json(generate, tmp_path):
    plan = generate("small")
    path = tmp_path / "plan.tutti"
    save_plan(plan, path)
    opened = open_plan(path)
    assert opened.plan.same_as(plan)
    assert dumps(opened.plan) == dumps(plan)
    assert (opened.path, opened.read_only, opened.notice) == (path, False, None)


def test_the_file_is_one_self_contained_tutti_database(generate, tmp_path):
    path = tmp_path / "plan.tutti"
    save_plan(generate("tiny"), path)
    data = path.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["plan.tutti"]
    assert data[:16] == b"SQLite format 3\x00"
    assert data[18:20] == b"\x01\x01"  # rollback journal, never WAL
    assert int.from_bytes(data[68:72], "big") == APPLICATION_ID
    assert int.from_bytes(data[60:64], "big") == SCHEMA_VERSION


def test_an_empty_plan_round_trips(tmp_path):
    save_plan(Plan(), tmp_path / "empty.tutti")
    assert open_plan(tmp_path / "empty.tutti").plan.same_as(Plan())


def test_display_order_of_entities_and_of_links_is_kept(generate):
    plan = generate("small")
    plan.initiatives = dict(reversed(plan.initiatives.items()))
    plan.dependencies = dict(reversed(plan.dependencies.items()))
    first = next(iter(plan.initiatives.values()))
    goals = tuple(plan.goals)[:3]
    skills, teams = tuple(plan.skills)[:3], tuple(plan.teams)[:3]
    plan.add(
        replace(
            first,
            goals=goals[::-1],
            skills=tuple(SkillNeed(s, 2) for s in skills[::-1]),
            raci=tuple(RaciRole(t, r) for t, r in zip(teams[::-1], "CIR")),
        )
    )
    reopened = plan_from_sqlite_bytes(plan_to_sqlite_bytes(plan))
    assert reopened.same_as(plan)
    assert reopened.initiatives[first.id].goals == goals[::-1]


def test_odd_and_long_text_loads_as_written_and_validation_reports_long_names(tmp_path):
    plan = Plan(
        project=Project(
            name="nul\x00 tab\t bell\x07 \u202e \U0001f3bb", description="é" * MAX_TEXT_LENGTH, start=date(2027, 1, 4)
        )
    )
    plan.add(Team(name="x" * MAX_SHORT_TEXT_LENGTH, lead="\r\n\x1b[31m"))
    save_plan(plan, tmp_path / "odd.tutti")
    reopened = open_plan(tmp_path / "odd.tutti").plan
    assert reopened.same_as(plan)
    assert any("at most 200 characters" in problem.message for problem in validate(reopened))


def test_a_text_longer_than_a_plan_holds_is_refused_at_save_and_the_file_is_left_alone(tmp_path):
    path = tmp_path / "plan.tutti"
    save_plan(Plan(), path)
    before = path.read_bytes()
    with pytest.raises(FileError) as error:
        save_plan(Plan(project=Project(description="é" * 5_000_000)), path)
    assert str(error.value) == (
        f"{path}: cannot be saved: refused: in the table 'project', a description is "
        "longer than 20,000 characters, the most a Tutti plan holds"
    )
    assert path.read_bytes() == before


def test_a_plan_with_dangling_references_is_saved_and_opened_and_validation_names_them(tmp_path):
    plan = Plan()
    plan.add(Initiative(name="Launch", owner="no-such-team", goals=("no-such-goal",), raci=(RaciRole("gone", "R"),)))
    save_plan(plan, tmp_path / "dangling.tutti")
    reopened = open_plan(tmp_path / "dangling.tutti").plan
    assert reopened.same_as(plan)
    messages = " ".join(problem.message for problem in validate(reopened))
    assert "owned by a team that does not exist" in messages and "goal that does not exist" in messages


def test_saving_over_a_file_replaces_it_and_keeps_its_permissions(generate, tmp_path):
    path = tmp_path / "plan.tutti"
    save_plan(generate("tiny", 1), path)
    path.chmod(0o640)
    newer = generate("tiny", 2)
    save_plan(newer, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert open_plan(path).plan.same_as(newer)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.tutti"]


def test_saving_through_a_symlink_replaces_the_target_and_keeps_the_link(generate, tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "plan.tutti"
    save_plan(generate("tiny", 1), target)
    link = tmp_path / "link.tutti"
    link.symlink_to(target)
    newer = generate("tiny", 2)
    save_plan(newer, link)
    assert link.is_symlink()
    assert open_plan(target).plan.same_as(newer)


def test_a_read_only_file_is_opened_read_only_and_never_replaced(generate, tmp_path):
    path = tmp_path / "plan.tutti"
    save_plan(generate("tiny", 1), path)
    path.chmod(0o444)
    before = path.read_bytes()
    opened = open_plan(path)
    assert opened.read_only and opened.notice == "opened read-only: you cannot write to this file"
    with pytest.raises(FileError) as error:
        save_plan(generate("tiny", 2), path)
    assert str(error.value) == f"{path}: the file is read-only"
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.tutti"]


@pytest.mark.parametrize("where", ["missing folder", "a folder"])
def test_saving_where_no_file_can_go_gives_one_line_naming_the_path(tmp_path, where):
    path = tmp_path / "nowhere" / "plan.tutti" if where == "missing folder" else tmp_path
    with pytest.raises(FileError) as error:
        save_plan(Plan(), path)
    assert str(error.value).startswith(f"{path}: ") and "\n" not in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_a_plan_that_cannot_be_written_leaves_the_old_file_and_no_temp_file(generate, tmp_path):
    path = tmp_path / "plan.tutti"
    save_plan(generate("tiny"), path)
    before = path.read_bytes()
    broken = Plan()
    broken.add(Team(name="Infinite", capacity=float("inf")))
    with pytest.raises(FileError) as error:
        save_plan(broken, path)
    assert "cannot be saved" in str(error.value) and "capacity" in str(error.value)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.tutti"]


def test_opening_leaves_a_hot_journal_beside_the_file_alone_and_opens_read_only(generate, tmp_path, snapshot):
    path = tmp_path / "plan.tutti"
    save_plan(generate("tiny"), path)
    (tmp_path / "plan.tutti-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(600))
    before = snapshot(tmp_path)
    opened = open_plan(path)
    assert opened.read_only and "plan.tutti-journal" in opened.notice
    assert snapshot(tmp_path) == before


def test_a_file_left_in_wal_mode_without_its_wal_opens_with_what_it_holds(generate, tmp_path, snapshot):
    plan = generate("tiny")
    path = tmp_path / "wal.tutti"
    path.write_bytes(plan_to_sqlite_bytes(plan))
    with sqlite3.connect(path) as connection:  # another program switches it to WAL mode
        connection.execute("PRAGMA journal_mode = WAL")
    connection.close()
    assert path.read_bytes()[18:20] == b"\x02\x02" and not (tmp_path / "wal.tutti-wal").exists()
    before = snapshot(tmp_path)
    assert open_plan(path).plan.same_as(plan)
    assert snapshot(tmp_path) == before


def test_a_file_written_by_a_script_through_sqlite_utils_opens(generate, tmp_path):
    """Files without Tutti's page checksums (made by other tools) are still read, after the usual checks."""
    plan = generate("tiny")
    reference = sqlite3.connect(":memory:")
    reference.deserialize(plan_to_sqlite_bytes(plan))
    db = sqlite_utils.Database(tmp_path / "script.tutti")
    migrate(db)
    for table in reference.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name != '_sqlite_migrations'"
    ):
        cursor = reference.execute(f'SELECT * FROM "{table[0]}"')
        columns = [c[0] for c in cursor.description]
        db[table[0]].insert_all(dict(zip(columns, row)) for row in cursor)
    db.close()
    assert open_plan(tmp_path / "script.tutti").plan.same_as(plan)


def test_a_plan_of_5000_initiatives_saves_and_opens_well_under_a_second(generate, tmp_path):
    plan = generate("large")
    assert len(plan.initiatives) == 5000 and len(plan.dependencies) == 15000
    path = tmp_path / "large.tutti"
    started = time.process_time()
    save_plan(plan, path)
    saved = time.process_time()
    opened = open_plan(path)
    done = time.process_time()
    assert opened.plan.same_as(plan)
    assert saved - started < 1.0, f"saving took {saved - started:.2f} s"
    assert done - saved < 1.0, f"opening took {done - saved:.2f} s"


def test_the_folder_of_a_file_not_writable_makes_it_read_only(generate, tmp_path, monkeypatch):
    path = tmp_path / "plan.tutti"
    save_plan(generate("tiny"), path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(tmp_path) else real_access(p, mode))
    opened = open_plan(path)
    assert opened.read_only and opened.notice == "opened read-only: you cannot write to its folder"


SAVER = """
import sys
from storage.exchange import read_json_file
from storage.project_file import save_plan
plans = [read_json_file(p) for p in sys.argv[2:4]]
save_plan(plans[0], sys.argv[1])
print("saved", flush=True)
n = 0
while True:
    n += 1
    save_plan(plans[n % 2], sys.argv[1])
"""


def test_a_save_killed_at_random_moments_leaves_the_complete_old_or_new_plan(generate, tmp_path):
    root = Path(__file__).resolve().parents[2]
    plans = [generate("small", seed) for seed in (1, 2)]
    sources = [tmp_path / f"plan{n}.json" for n in range(2)]
    for plan, source in zip(plans, sources):
        source.write_text(dumps(plan), encoding="utf-8")
    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / "plan.tutti"
    rng = random.Random(11)
    for _ in range(20):
        saver = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), *map(str, sources)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(root)},
        )
        assert saver.stdout.readline() == "saved\n"
        time.sleep(rng.uniform(0, 0.06))
        saver.send_signal(signal.SIGKILL)
        saver.communicate()
        reopened = open_plan(path).plan
        assert reopened.same_as(plans[0]) or reopened.same_as(plans[1])
        # Only the plan, and perhaps the temp file of the save that was cut short.
        assert all(p == path or p.name.startswith(".plan.tutti.") for p in folder.iterdir())

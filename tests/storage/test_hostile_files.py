"""Files that are not good Tutti plans get one line naming the file and the reason, and stay untouched."""

from __future__ import annotations

import io
import os
import random
import sqlite3
import zipfile

import pytest
import sqlite_utils

from domain.entities import Initiative
from storage import project_file, untrusted
from storage.project_file import FileError, open_plan, plan_to_sqlite_bytes
from storage.schema import MIGRATIONS_TABLE, SCHEMA_VERSION, migrate

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("plan.json", '{"format": "tutti"}')
    return buffer.getvalue()


def _refused(path, snapshot) -> str:
    """Open a file that must be refused; return the reason after checking the folder was left as it was."""
    before = snapshot(path.parent)
    with pytest.raises(FileError) as error:
        open_plan(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert snapshot(path.parent) == before
    return message.removeprefix(f"{path}: ")


@pytest.fixture
def saved(generate, tmp_path):
    """The bytes of a Tutti file holding a small plan."""
    return plan_to_sqlite_bytes(generate("tiny"))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not a Tutti file (the file is empty)"),
        (random.Random(7).randbytes(8192), "not a Tutti file"),
        (b"A plan, honestly.\n", "not a Tutti file"),
        (PNG, "not a Tutti file"),
        (_zip(), "not a Tutti file"),
    ],
    ids=["empty", "random", "text", "png", "zip"],
)
def test_files_of_other_kinds_are_not_tutti_files(tmp_path, snapshot, content, reason):
    path = tmp_path / "plan.tutti"
    path.write_bytes(content)
    assert _refused(path, snapshot) == reason


@pytest.mark.parametrize("keep", [100, 4096, 5000, -4096])
def test_a_truncated_file_is_damaged(saved, tmp_path, snapshot, keep):
    path = tmp_path / "plan.tutti"
    path.write_bytes(saved[:keep])
    assert _refused(path, snapshot).startswith("damaged")


def test_any_flipped_bit_is_refused_or_opens_with_a_notice_that_the_file_changed(saved, tmp_path, snapshot):
    rng = random.Random(3)
    path = tmp_path / "plan.tutti"
    for _ in range(25):
        damaged = bytearray(saved)
        damaged[rng.randrange(100, len(saved))] ^= 1 << rng.randrange(8)
        path.write_bytes(damaged)
        before = snapshot(tmp_path)
        try:
            notice = open_plan(path).notice
        except FileError as error:
            assert error.reason.startswith("damaged")
        else:
            assert "changed outside Tutti" in notice
        assert snapshot(tmp_path) == before


def test_a_file_from_a_newer_tutti_is_refused(saved, tmp_path, snapshot):
    path = tmp_path / "plan.tutti"
    newer = bytearray(saved)
    newer[60:64] = (SCHEMA_VERSION + 1).to_bytes(4, "big")
    path.write_bytes(newer)
    assert _refused(path, snapshot) == (
        f"made by a newer Tutti (file format {SCHEMA_VERSION + 1}; this Tutti reads up to {SCHEMA_VERSION})"
    )


def test_a_sqlite_database_of_another_program_is_not_a_tutti_file(tmp_path, snapshot):
    path = tmp_path / "other.tutti"
    sqlite_utils.Database(path)["songs"].insert({"title": "Bolero"})
    assert _refused(path, snapshot) == "not a Tutti file (it is an SQLite database from another program)"


def _tutti_shaped(path, *statements) -> None:
    """A file with Tutti's tables made by another program, then changed by the given SQL."""
    db = sqlite_utils.Database(path)
    migrate(db)
    db["teams"].insert(
        {
            "id": "t1",
            "position": 0,
            "name": "Data",
            "lead": "",
            "headcount": 3,
            "capacity": 2.5,
            "color": "",
            "created": "2026-11-01T09:00:00Z",
            "modified": "2026-11-01T09:00:00Z",
        }
    )
    for statement in statements:
        db.execute(statement)
    db.conn.commit()
    db.close()


@pytest.mark.parametrize(
    ("statements", "reason"),
    [
        (
            ["CREATE TRIGGER grow AFTER INSERT ON teams BEGIN INSERT INTO teams SELECT * FROM teams; END"],
            "refused: it contains a trigger ('grow'), which Tutti files never have",
        ),
        (
            ["CREATE VIEW forever AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n"],
            "refused: it contains a view ('forever'), which Tutti files never have",
        ),
        (
            ["CREATE VIRTUAL TABLE notes USING fts5(text)"],
            "refused: it contains a virtual table ('notes'), which Tutti files never have",
        ),
        (["CREATE TABLE extras (a, b)"], "refused: it contains a table Tutti does not know ('extras')"),
        (["DROP TABLE handoffs"], "damaged: the table 'handoffs' is missing"),
        (["ALTER TABLE teams DROP COLUMN color"], "damaged: the table 'teams' does not have the columns Tutti expects"),
        (
            ["ALTER TABLE teams ADD COLUMN big TEXT GENERATED ALWAYS AS (printf('%.*c', 100000000, 'x')) VIRTUAL"],
            "refused: it contains a computed column ('big'), which Tutti files never have",
        ),
        (
            [f"INSERT INTO {MIGRATIONS_TABLE} (migration_set, name, applied_at) VALUES ('tutti', 'm999_future', '')"],
            "made by a newer Tutti (it holds changes this Tutti does not know)",
        ),
        (
            [f"DELETE FROM {MIGRATIONS_TABLE} WHERE name LIKE 'm002%'"],
            "damaged: its file format version does not match its tables",
        ),
        (["PRAGMA user_version = 0"], "damaged: it has no file format version"),
        (
            ["INSERT INTO initiative_goals VALUES ('no-such-initiative', 0, 'g')"],
            "damaged: initiative goals refer to an initiative that is not in the file",
        ),
    ],
    ids=[
        "trigger",
        "view",
        "virtual-table",
        "foreign-table",
        "missing-table",
        "missing-column",
        "generated-column",
        "unknown-migration",
        "missing-migration",
        "no-version",
        "orphan-link",
    ],
)
def test_tutti_shaped_files_with_something_tutti_never_writes_are_refused(tmp_path, snapshot, statements, reason):
    path = tmp_path / "plan.tutti"
    _tutti_shaped(path, *statements)
    assert _refused(path, snapshot) == reason


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("name", b"\x00binary", "a name is not text"),
        ("headcount", "three", "a headcount is not a whole number"),
        ("capacity", 1e999, "a capacity is not a finite number"),
        ("created", "yesterday", "a created is not a UTC time YYYY-MM-DDTHH:MM:SSZ"),
    ],
)
def test_a_cell_of_the_wrong_kind_is_named(tmp_path, snapshot, column, value, reason):
    path = tmp_path / "plan.tutti"
    _tutti_shaped(path)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA writable_schema = ON")  # make the table loosely typed, as another program might
    db.execute("UPDATE sqlite_master SET sql = replace(sql, ') STRICT', ')') WHERE name = 'teams'")
    db.conn.commit()
    db.close()
    db = sqlite_utils.Database(path)
    db.execute(f'UPDATE teams SET "{column}" = ?', [value])
    db.conn.commit()
    db.close()
    assert _refused(path, snapshot) == f"damaged: in the table 'teams', {reason}"


def test_a_date_that_does_not_exist_is_named(tmp_path, snapshot):
    path = tmp_path / "plan.tutti"
    _tutti_shaped(path, "INSERT INTO project (id, name, description, start) VALUES (1, 'Plan', '', '2027-02-30')")
    assert _refused(path, snapshot) == "damaged: in the table 'project', a date does not exist ('2027-02-30')"


def test_references_to_missing_teams_and_goals_load_for_validation_to_report(tmp_path):
    path = tmp_path / "plan.tutti"
    _tutti_shaped(
        path,
        "INSERT INTO goals (id, position, name, description, owner, metric, unit, created, modified) "
        "VALUES ('g1', 0, 'Grow', '', 'ghost-team', '', '', '2026-11-01T09:00:00Z', "
        "'2026-11-01T09:00:00Z')",
    )
    assert open_plan(path).plan.goals["g1"].owner == "ghost-team"


def test_reading_is_stopped_by_the_deadline(generate, tmp_path, snapshot, monkeypatch):
    # SQLite looks at the clock every 10,000 steps of one statement: a plan big enough for reading to take that many.
    plan = generate("small")
    for n in range(2_000):
        plan.add(Initiative(name=f"Initiative {n}"))
    path = tmp_path / "plan.tutti"
    path.write_bytes(plan_to_sqlite_bytes(plan))
    monkeypatch.setattr(untrusted, "READ_SECONDS", 0.0)
    monkeypatch.setattr(untrusted, "READ_SECONDS_PER_MB", 0.0)
    assert _refused(path, snapshot) == "damaged or hostile: reading it took longer than 0 seconds"


def test_a_bigger_plan_gets_more_time_to_open_but_never_unbounded():
    assert untrusted.read_budget(40 * 2**20) > 2 * untrusted.read_budget(2**20)
    assert untrusted.read_budget(project_file.MAX_FILE_BYTES) <= 60


def test_a_cell_over_the_size_limit_is_refused(tmp_path, snapshot, monkeypatch):
    path = tmp_path / "plan.tutti"
    _tutti_shaped(path, "UPDATE teams SET lead = printf('%.*c', 5000, 'x')")
    monkeypatch.setitem(untrusted.READ_LIMITS, sqlite3.SQLITE_LIMIT_LENGTH, 4000)
    assert _refused(path, snapshot) == "holds a value larger than Tutti reads (64 MB)"


def test_a_file_of_the_size_limit_or_more_is_refused_before_reading(saved, tmp_path, snapshot, monkeypatch):
    assert project_file.MAX_FILE_BYTES == 256 * 2**20
    path = tmp_path / "plan.tutti"
    path.write_bytes(saved)
    monkeypatch.setattr(project_file, "MAX_FILE_BYTES", len(saved))
    assert _refused(path, snapshot) == "too large for a Tutti file (0 MB or more)"
    monkeypatch.setattr(project_file, "MAX_FILE_BYTES", len(saved) + 1)
    assert open_plan(path).plan is not None


def test_a_missing_file_a_folder_and_a_named_pipe_are_refused_without_waiting(tmp_path, snapshot):
    assert _refused(tmp_path / "missing.tutti", snapshot) == "no such file or directory"
    (tmp_path / "folder.tutti").mkdir()
    assert _refused(tmp_path / "folder.tutti", snapshot) == "is a folder, not a Tutti file"
    os.mkfifo(tmp_path / "pipe.tutti")
    assert _refused(tmp_path / "pipe.tutti", snapshot) == "not a Tutti file (not a regular file)"


def test_more_closed_days_or_days_off_than_a_plan_holds_are_refused(tmp_path, snapshot, monkeypatch):
    monkeypatch.setattr(untrusted, "MAX_CLOSED_DAYS", 2)
    monkeypatch.setattr(untrusted, "MAX_LINKS", 2)
    closed = tmp_path / "closed.tutti"
    _tutti_shaped(closed, *(f"INSERT INTO closed_days VALUES ('2027-12-2{n}', {n})" for n in range(3)))
    assert (
        _refused(closed, snapshot) == "refused: the calendar has more than 2 closed days, the most a Tutti plan holds"
    )
    away = tmp_path / "away.tutti"
    _tutti_shaped(
        away, *(f"INSERT INTO team_days_off VALUES ('t1', {n}, '2027-08-02', '2027-08-03')" for n in range(3))
    )
    assert (
        _refused(away, snapshot) == "refused: a team has more than 2 stretches of days off, the most a Tutti plan holds"
    )


@pytest.mark.parametrize("workdays", ["0,1,9", "0,0", "Monday", "1,,2"])
def test_weekdays_that_are_not_weekdays_are_named(tmp_path, snapshot, workdays):
    path = tmp_path / "plan.tutti"
    _tutti_shaped(path, f"INSERT INTO project (id, name, description, workdays) VALUES (1, 'Plan', '', '{workdays}')")
    assert _refused(path, snapshot) == "damaged: the calendar's weekdays are not weekdays"


def test_a_closed_day_that_is_no_date_is_named(tmp_path, snapshot):
    path = tmp_path / "plan.tutti"
    _tutti_shaped(path, "INSERT INTO closed_days VALUES ('soon', 0)")
    assert _refused(path, snapshot) == "damaged: in the table 'closed_days', a day is not a date YYYY-MM-DD"

"""Hostile files, built by the tests: `tutti check` and the app's Open each give a clear error or a
plan with warnings, within seconds, without running anything the file holds or changing the file."""

from __future__ import annotations

import hashlib
import io
import os
import random
import shutil
import sqlite3
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from storage.exchange import plan_from_json
from storage.project_file import save_plan
from storage.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT = 5.0
# Exit codes `tutti check` may give; with PROBLEMS it must also list more problems than for the untouched file.
UNREADABLE, PROBLEMS, ANY, READABLE = {2}, {1, 2}, {0, 1, 2}, {0, 1}
MARKER = "executed_by_file"
LINK_200_000_TIMES = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) "
    "INSERT INTO initiative_goals SELECT ?, 1000 + i, ? FROM n"
)


def png_bytes() -> bytes:
    """A real 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0"))
        + chunk(b"IEND", b"")
    )


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("plan.json", '{"format": "tutti", "version": 1}')
    return buffer.getvalue()


def alter(path: Path, *statements: str | tuple) -> None:
    """Change a valid .tutti file behind Tutti's back, the way another tool might."""
    connection = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        sql, *parameters = statement if isinstance(statement, tuple) else (statement,)
        connection.execute(sql, parameters)
    connection.close()


def first_id(path: Path, table: str, n: int = 0) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(f"SELECT id FROM {table} ORDER BY position LIMIT 1 OFFSET ?", (n,)).fetchone()[0]
    finally:
        connection.close()


def flip_bits(raw: bytes, seed: int, count: int) -> bytes:
    flipped = bytearray(raw)
    rng = random.Random(seed)
    for _ in range(count):
        position = rng.randrange(100, len(flipped))  # past the header, where the checks are weakest
        flipped[position] ^= 1 << rng.randrange(8)
    return bytes(flipped)


STAMP = "2026-01-01T00:00:00Z"


def extra_revision(delta: bytes) -> list:
    """SQL adding a revision after the file's head whose reverse delta is `delta` as stored."""
    return [
        "INSERT INTO revision_parents SELECT 'extra', 0, id FROM revisions",
        f"INSERT INTO revisions VALUES ('extra', '{STAMP}', 'mallory', 'x', 0)",
        ("INSERT INTO revision_deltas SELECT 'extra', parent, ? FROM revision_parents WHERE revision = 'extra'", delta),
    ]


def wal_without_its_wal(path: Path) -> None:
    """A WAL-mode file copied while its newest rows were still only in the -wal beside it."""
    alter(path, "PRAGMA journal_mode=WAL")
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE teams SET name = 'only in the wal'")
    shutil.copyfile(path, path.with_suffix(".copy"))
    writer.close()
    path.with_suffix(".copy").replace(path)


# name -> (how to turn a valid .tutti file into the hostile one, the exit codes `tutti check` may give)
CASES = {
    "empty": (lambda p: p.write_bytes(b""), UNREADABLE),
    "random bytes": (lambda p: p.write_bytes(random.Random(1).randbytes(4096)), UNREADABLE),
    "text": (lambda p: p.write_text("Dear team,\nhere is the plan for next year.\n"), UNREADABLE),
    "png image": (lambda p: p.write_bytes(png_bytes()), UNREADABLE),
    "zip archive": (lambda p: p.write_bytes(zip_bytes()), UNREADABLE),
    "json plan renamed": (lambda p: p.write_text('{"format": "tutti", "version": 1}'), UNREADABLE),
    "sqlite header only": (lambda p: p.write_bytes(p.read_bytes()[:100]), UNREADABLE),
    "truncated to half": (lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]), UNREADABLE),
    "truncated by one page": (lambda p: p.write_bytes(p.read_bytes()[:-4096]), UNREADABLE),
    "bit flips": (lambda p: p.write_bytes(flip_bits(p.read_bytes(), 1, 1)), ANY),
    "many bit flips": (lambda p: p.write_bytes(flip_bits(p.read_bytes(), 2, 40)), ANY),
    "plain sqlite database": (
        lambda p: (
            p.unlink(),
            alter(p, "CREATE TABLE invoices(number, total)", "INSERT INTO invoices VALUES (1, 9.5)"),
        ),
        UNREADABLE,
    ),
    "foreign table": (lambda p: alter(p, "CREATE TABLE invoices(number, total)"), ANY),
    "trigger": (
        lambda p: alter(
            p,
            f"CREATE TABLE {MARKER}(at)",
            f"CREATE TRIGGER spy AFTER INSERT ON teams BEGIN INSERT INTO {MARKER} VALUES (1); END",
            f"CREATE TRIGGER spy2 AFTER DELETE ON teams BEGIN INSERT INTO {MARKER} VALUES (2); END",
            f"CREATE TRIGGER spy3 AFTER UPDATE ON teams BEGIN INSERT INTO {MARKER} VALUES (3); END",
        ),
        UNREADABLE,
    ),
    "endless view instead of a table": (
        lambda p: alter(
            p,
            "DROP TABLE handoffs",
            "CREATE VIEW handoffs AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
            "SELECT i AS id, i AS position, '' AS from_team, '' AS to_team, NULL AS initiative, '' AS what, "
            "NULL AS due, '' AS created, '' AS modified FROM n",
        ),
        UNREADABLE,
    ),
    "view beside the tables": (lambda p: alter(p, "CREATE VIEW busy AS SELECT * FROM teams"), UNREADABLE),
    "future schema version": (lambda p: alter(p, f"PRAGMA user_version = {SCHEMA_VERSION + 7}"), UNREADABLE),
    "wal mode without its wal": (wal_without_its_wal, ANY),
    "huge text cell": (
        lambda p: alter(p, ("UPDATE initiatives SET description = ? WHERE position = 0", "lorem ipsum " * 500_000)),
        ANY,
    ),
    "nul and control characters": (
        lambda p: alter(
            p,
            ("UPDATE teams SET name = ?, lead = ?", "Ops\x00hidden\x01\x02\x1b[31m", "\x7f\t\r\n\x0b\x0c"),
        ),
        ANY,
    ),
    "markup text": (
        lambda p: alter(
            p,
            ("UPDATE teams SET name = ? || name", '<img src="file:///etc/passwd"><b>'),
            ("UPDATE initiatives SET description = ?", "<i>unclosed &amp; <a href='x'>"),
        ),
        ANY,
    ),
    "ten thousand character names": (lambda p: alter(p, ("UPDATE teams SET name = ? || id", "n" * 10_000)), PROBLEMS),
    "broken references": (
        lambda p: alter(
            p,
            "PRAGMA foreign_keys=OFF",
            "UPDATE initiatives SET owner = 'no such team'",
            "UPDATE dependencies SET after = 'no such initiative' WHERE position = 0",
        ),
        PROBLEMS,
    ),
    "dependency cycle": (
        lambda p: alter(
            p,
            (
                "INSERT INTO dependencies VALUES (?, ?, 999999, 0)",
                first_id(p, "initiatives", 1),
                first_id(p, "initiatives", 0),
            ),
            (
                "INSERT OR IGNORE INTO dependencies VALUES (?, ?, 1000000, 0)",
                first_id(p, "initiatives", 0),
                first_id(p, "initiatives", 1),
            ),
        ),
        PROBLEMS,
    ),
    "goal under itself": (lambda p: alter(p, "UPDATE goals SET parent = id WHERE position = 0"), PROBLEMS),
    "goals under each other": (
        lambda p: alter(
            p,
            ("UPDATE goals SET parent = ? WHERE position = 0", first_id(p, "goals", 1)),
            ("UPDATE goals SET parent = ? WHERE position = 1", first_id(p, "goals", 0)),
        ),
        PROBLEMS,
    ),
    "self dependency": (
        lambda p: alter(
            p,
            (
                "INSERT INTO dependencies VALUES (?, ?, 999999, 0)",
                first_id(p, "initiatives"),
                first_id(p, "initiatives"),
            ),
        ),
        PROBLEMS,
    ),
    "duplicate names": (
        lambda p: alter(p, "UPDATE teams SET name = 'Same'", "UPDATE initiatives SET name = 'Same'"),
        PROBLEMS,
    ),
    "edited with the sqlite3 shell": (lambda p: alter(p, "UPDATE teams SET name = name || ' (fixed)'"), READABLE),
    "vacuumed by another program": (lambda p: alter(p, "UPDATE teams SET lead = 'Ann'", "VACUUM"), READABLE),
    "description longer than a plan holds": (
        lambda p: alter(p, "UPDATE initiatives SET description = printf('%.*c', 5000000, 'x') WHERE position = 0"),
        UNREADABLE,
    ),
    "one goal linked 200,000 times": (
        lambda p: alter(
            p,
            (
                LINK_200_000_TIMES,
                first_id(p, "initiatives"),
                first_id(p, "goals"),
            ),
        ),
        UNREADABLE,
    ),
    "history with parents in a cycle": (
        lambda p: alter(
            p,
            f"INSERT INTO revisions VALUES ('a', '{STAMP}', 'mallory', 'x', 0), ('b', '{STAMP}', 'mallory', 'y', 0)",
            "INSERT INTO revision_parents VALUES ('a', 0, 'b'), ('b', 0, 'a')",
        ),
        READABLE,
    ),
    "history delta of 200 MB once inflated": (
        lambda p: alter(p, *extra_revision(zlib.compress(b"[" + b" " * (200 * 2**20) + b"]"))),
        READABLE,
    ),
    "history delta with bad json": (
        lambda p: alter(p, *extra_revision(zlib.compress(b'[["teams", "t", {"id": "t", "name": NaN}]]'))),
        READABLE,
    ),
    "history delta that is not zlib": (lambda p: alter(p, *extra_revision(b"\x00\xff" * 100)), READABLE),
    "out of range numbers": (
        lambda p: alter(
            p, "UPDATE team_skills SET level = 99, people = -5", "UPDATE initiatives SET duration = -3, effort = 1e308"
        ),
        PROBLEMS,
    ),
}


@pytest.fixture(scope="module")
def valid_tutti(generated_plan_json, tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("valid") / "valid.tutti"
    save_plan(plan_from_json(generated_plan_json("tiny", 11)), path)
    return path.read_bytes()


def tutti_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", "check", str(path)],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT + 10,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def problem_count(check_output: str) -> int:
    """The number of problems `tutti check` listed (one line each before the summary line)."""
    return len(check_output.splitlines()) - 1


@pytest.fixture(scope="module")
def valid_problem_count(valid_tutti, tmp_path_factory) -> int:
    path = tmp_path_factory.mktemp("untouched") / "valid.tutti"
    path.write_bytes(valid_tutti)
    return problem_count(tutti_check(path).stdout)


@pytest.fixture(params=sorted(CASES))
def hostile(request, valid_tutti, tmp_path):
    """(path, allowed exit codes of `tutti check`) for one hostile file, alone in its own folder."""
    make, allowed = CASES[request.param]
    folder = tmp_path / "mail"
    folder.mkdir()
    path = folder / "attachment.tutti"
    path.write_bytes(valid_tutti)
    make(path)
    return path, allowed


def fingerprint(path: Path) -> tuple:
    """The file's content hash and the names in its folder."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), sorted(p.name for p in path.parent.iterdir())


def nothing_executed(path: Path) -> bool:
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return connection.execute(f"SELECT count(*) FROM {MARKER}").fetchone()[0] == 0
    except (sqlite3.DatabaseError, UnicodeDecodeError):  # damaged files can give messages that are not UTF-8
        return True  # no readable marker table: not the file with the trigger
    finally:
        connection.close()


def test_tutti_check_explains_or_reports_problems(hostile, valid_problem_count, record_hostile_run, request):
    path, allowed = hostile
    before = fingerprint(path)
    started = time.monotonic()
    result = tutti_check(path)
    elapsed = time.monotonic() - started
    record_hostile_run(
        request.node.callspec.id, "cli", elapsed, "Traceback" in result.stderr, fingerprint(path) != before
    )
    assert elapsed < TIME_LIMIT, f"tutti check took {elapsed:.1f} s"
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode in allowed, (result.returncode, result.stdout[-500:], result.stderr[-500:])
    if result.returncode == 2:
        assert result.stderr.startswith(f"tutti: {path}: ") and result.stderr.count("\n") == 1, result.stderr
    else:
        assert f"{path}: " in result.stdout.splitlines()[-1]
    if allowed == PROBLEMS and result.returncode == 1:
        assert problem_count(result.stdout) > valid_problem_count, result.stdout[-1000:]
    assert fingerprint(path) == before, "tutti check changed the file or left files beside it"
    assert nothing_executed(path)


def test_tutti_log_and_merge_without_base_explain_in_one_line_or_work(hostile, tmp_path, capsys):
    from desktop.cli import main

    path, allowed = hostile
    before = fingerprint(path)
    for command in (["log", str(path)], ["merge", str(path), str(path), "-o", str(tmp_path / "out.tutti")]):
        code = main(command)
        err = capsys.readouterr().err
        assert code in (0, 2) and "Traceback" not in err, (command, err)
        if code == 2:
            assert err.startswith("tutti: ") and err.count("\n") == 1, err
        else:
            assert allowed != UNREADABLE or command[0] == "merge", "tutti log read a file tutti check must refuse"
    assert fingerprint(path) == before, "tutti log or merge changed the file or left files beside it"
    assert nothing_executed(path)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    """The main window, offscreen, with message boxes recorded (text and format) instead of shown."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    from storage.recovery import RecoveryStore

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.textFormat())) or 0)
    main_window = MainWindow(Settings(tmp_path / "config"), RecoveryStore(tmp_path / "recovery"))
    main_window.messages = shown
    qtbot.addWidget(main_window)
    main_window.show()
    yield main_window
    main_window.close()


def test_the_app_opens_with_warnings_or_explains(hostile, window, qtbot, record_hostile_run, request):
    from PySide6.QtCore import Qt

    path, allowed = hostile
    before = fingerprint(path)
    untouched = window.document.plan.copy()
    started = time.monotonic()
    try:
        opened = window.open_path(path)
        for index in range(len(window.pages)):  # every page draws the plan
            window.show_page(index)
            window.repaint()
    except Exception:
        record_hostile_run(request.node.callspec.id, "window", time.monotonic() - started, True, False)
        raise
    elapsed = time.monotonic() - started
    # (An exception inside a Qt slot is reported by pytest-qt and fails this test too.)
    record_hostile_run(request.node.callspec.id, "window", elapsed, False, fingerprint(path)[0] != before[0])
    assert elapsed < TIME_LIMIT, f"opening took {elapsed:.1f} s"

    if opened:
        assert allowed != UNREADABLE, "the app opened a file tutti check must refuse"
        assert window.messages == []
        qtbot.waitUntil(lambda: window.analysis is not None, timeout=int(TIME_LIMIT * 1000))
    else:
        assert len(window.messages) == 1
        text, text_format = window.messages[0]
        assert text.startswith(f"{path}: ") and "\n" not in text
        assert text_format == Qt.TextFormat.PlainText
        assert window.document.plan.same_as(untouched)
    window.close_plan()
    assert fingerprint(path) == before, "opening changed the file or left files beside it"
    assert nothing_executed(path)

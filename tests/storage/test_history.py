"""History in the file: saves record revisions, copies mailed around merge without --base, compact drops old
deltas, and a tampered history is left out with a notice while the plan still opens."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zlib

import pytest

from desktop.cli import main
from domain import operations as op
from domain.history import version_stamp
from domain.merge import merge
from storage.locking import FileLock
from storage.project_file import open_plan, save_plan
from tests.domain.test_operations import base_plan


def edit_and_save(path, edit, author="ann"):
    opened = open_plan(path)
    edit(opened.plan)
    save_plan(opened.plan, path, opened.history, author=author)
    return opened.plan


@pytest.fixture
def copies(tmp_path):
    """plan.tutti saved twice, copied to a colleague, then edited on both sides (a different team each)."""
    mine, theirs = tmp_path / "plan.tutti", tmp_path / "theirs" / "plan.tutti"
    save_plan(base_plan(), mine, author="ann")
    edit_and_save(mine, lambda p: op.update_team(p, "sales", capacity=50.0))
    theirs.parent.mkdir()
    shutil.copyfile(mine, theirs)
    edit_and_save(mine, lambda p: op.update_team(p, "it", capacity=10.0))
    edit_and_save(theirs, lambda p: op.update_team(p, "legal", capacity=5.0), author="ben")
    edit_and_save(theirs, lambda p: op.delete_initiative(p, "ads"), author="ben")
    return mine, theirs


def test_each_save_records_a_revision_listed_newest_first_by_tutti_log(copies, capsys):
    _, theirs = copies
    assert main(["log", str(theirs)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("  ")[2:] for line in lines] == [
        ["ben", "1 initiative removed, 1 dependency removed"],
        ["ben", "1 team changed"],
        ["ann", "1 team changed"],
        ["ann", "first recorded save"],
    ]
    history = open_plan(theirs).history
    assert lines[0].startswith(version_stamp(history)[0]) and history.head_revision.author == "ben"


def test_commands_that_change_a_file_in_place_go_on_from_its_history(copies, tmp_path, capsys):
    _, theirs = copies
    source = tmp_path / "more.json"
    assert main(["dump", str(theirs), "-o", str(source)]) == 0
    document = json.loads(source.read_text(encoding="utf-8"))
    document["teams"][0]["capacity"] = 7
    source.write_text(json.dumps(document), encoding="utf-8")
    assert main(["baseline", str(theirs), "--set", "Workshop"]) == 0
    assert main(["import", str(source), "--into", str(theirs)]) == 0
    capsys.readouterr()
    assert main(["log", str(theirs)]) == 0
    summaries = [line.split("  ")[3] for line in capsys.readouterr().out.splitlines()]
    assert len(summaries) == 6 and summaries[-1] == "first recorded save"


def test_merge_without_base_finds_the_common_ancestor_and_records_both_parents(copies, tmp_path, capsys):
    mine, theirs = copies
    out = tmp_path / "merged.tutti"
    assert main(["merge", str(mine), str(theirs), "-o", str(out)]) == 0
    merged = open_plan(out)
    assert merged.plan.teams["it"].capacity == 10.0 and merged.plan.teams["legal"].capacity == 5.0
    assert "ads" not in merged.plan.initiatives and merged.plan.teams["sales"].capacity == 50.0

    base = base_plan()
    op.update_team(base, "sales", capacity=50.0)
    expected = merge(base, open_plan(mine).plan, open_plan(theirs).plan).plan
    assert merged.plan.same_as(expected)

    mine_history, theirs_history = open_plan(mine).history, open_plan(theirs).history
    head = merged.history.head_revision
    assert head.parents == (mine_history.head, theirs_history.head)
    assert merged.history.revisions.keys() == mine_history.revisions.keys() | theirs_history.revisions.keys() | {
        head.id
    }
    capsys.readouterr()
    assert main(["log", str(out)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith(f"(merge of {mine_history.head[:8]} and {theirs_history.head[:8]})")


def test_files_with_no_shared_history_are_still_refused_without_base(tmp_path, capsys):
    for name in ("a", "b"):
        save_plan(base_plan(), tmp_path / f"{name}.tutti")
    assert main(["merge", str(tmp_path / "a.tutti"), str(tmp_path / "b.tutti"), "-o", str(tmp_path / "o.tutti")]) == 2
    assert capsys.readouterr().err == "tutti: MINE and THEIRS share no recorded history; give --base\n"


def test_compact_drops_old_deltas_keeps_the_revisions_and_then_merge_asks_for_base(copies, tmp_path, capsys):
    mine, theirs = copies
    before = open_plan(mine)
    assert main(["compact", str(mine), "--keep", "0"]) == 0
    assert capsys.readouterr().out.startswith(f"Compacted {mine}: ")
    compacted = open_plan(mine)
    assert compacted.history.revisions.keys() == before.history.revisions.keys() and not compacted.history.deltas
    assert compacted.plan.same_as(before.plan) and compacted.history.head == before.history.head
    assert main(["log", str(mine)]) == 0 and "[compacted]" in capsys.readouterr().out

    out = tmp_path / "merged.tutti"
    assert main(["merge", str(mine), str(theirs), "-o", str(out)]) == 0  # theirs still holds the ancestor
    assert main(["compact", str(theirs), "--keep", "0"]) == 0
    capsys.readouterr()
    assert main(["merge", str(mine), str(theirs), "-o", str(out), "--force"]) == 2
    assert "its plan was compacted away; give --base" in capsys.readouterr().err


def test_compact_refuses_a_plan_open_in_a_window(copies, capsys):
    mine, _ = copies
    before = mine.read_bytes()
    lock = FileLock()
    lock.acquire(mine)
    try:
        assert main(["compact", str(mine)]) == 2
    finally:
        lock.release()
    assert "close it there first" in capsys.readouterr().err and mine.read_bytes() == before


def test_a_file_saved_before_histories_gets_a_first_revision_on_its_first_save(tmp_path):
    path = tmp_path / "old.tutti"
    save_plan(base_plan(), path)
    tamper(path, "DELETE FROM revisions", "DELETE FROM revision_parents", "DELETE FROM revision_deltas")
    opened = open_plan(path)
    assert opened.history is None and version_stamp(opened.history) is None
    history = save_plan(opened.plan, path, opened.history)
    assert len(open_plan(path).history.revisions) == 1 == len(history.revisions)


def tamper(path, *statements):
    connection = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        sql, *parameters = statement if isinstance(statement, tuple) else (statement,)
        connection.execute(sql, parameters)
    connection.close()


def _revision(key: str) -> tuple:
    return ("INSERT INTO revisions VALUES (?, '2026-01-01T00:00:00Z', 'mallory', 'x', 0)", key)


def _delta(text: bytes) -> tuple:
    return (
        "INSERT INTO revision_deltas SELECT 'extra', parent, ? FROM revision_parents WHERE revision = 'extra'",
        zlib.compress(text),
    )


def _head(path) -> str:
    return open_plan(path).history.head


TAMPERED = {
    "parents in a cycle": lambda head: [
        _revision("a"),
        _revision("b"),
        "INSERT INTO revision_parents VALUES ('a', 0, 'b')",
        "INSERT INTO revision_parents VALUES ('b', 0, 'a')",
    ],
    "parent not in the file": lambda head: [
        ("UPDATE revision_parents SET parent = 'ghost' WHERE revision = ?", head),
    ],
    "two latest revisions": lambda head: [_revision("a")],
    "delta of 200 MB once inflated": lambda head: [
        _revision("extra"),
        ("INSERT INTO revision_parents VALUES ('extra', 0, ?)", head),
        _delta(b"[" + b" " * (200 * 2**20) + b"]"),
    ],
    "delta with bad json": lambda head: [
        _revision("extra"),
        ("INSERT INTO revision_parents VALUES ('extra', 0, ?)", head),
        _delta(b'[["teams", "sales", {"id": "sales", "name": NaN}]]'),
    ],
    "delta naming a team under another id": lambda head: [
        _revision("extra"),
        ("INSERT INTO revision_parents VALUES ('extra', 0, ?)", head),
        _delta(b'[["teams", "sales", {"id": "it", "name": "Sales"}]]'),
    ],
    "delta that is not zlib": lambda head: [
        _revision("extra"),
        ("INSERT INTO revision_parents VALUES ('extra', 0, ?)", head),
        ("INSERT INTO revision_deltas VALUES ('extra', ?, x'00ff00ff')", head),
    ],
    "author name of 5,000 characters": lambda head: [
        ("UPDATE revisions SET author = ? WHERE id = ?", "x" * 5000, head)
    ],
}


@pytest.mark.parametrize("damage", sorted(TAMPERED))
def test_a_tampered_history_is_left_out_with_a_notice_and_merge_asks_for_base(copies, tmp_path, capsys, damage):
    mine, theirs = copies
    plan = open_plan(theirs).plan
    tamper(theirs, *TAMPERED[damage](_head(theirs)))
    opened = open_plan(theirs)
    assert opened.history is None and opened.plan.same_as(plan)
    assert "its history is damaged (" in opened.notice and "was left out" in opened.notice

    assert main(["merge", str(mine), str(theirs), "-o", str(tmp_path / "out.tutti")]) == 2
    assert capsys.readouterr().err == "tutti: MINE and THEIRS share no recorded history; give --base\n"
    assert main(["log", str(theirs)]) == 0


@pytest.mark.parametrize(
    "ghost",
    [{"id": "x", "name": "X", "owner": "ghost"}, {"id": "x", "name": "X", "gate": {"goal": "ghost"}}],
    ids=["owner team", "gate goal"],
)
def test_a_delta_rebuilding_an_ancestor_that_refers_to_nothing_is_not_merged_against(copies, tmp_path, capsys, ghost):
    mine, theirs = copies
    delta = zlib.compress(json.dumps([["initiatives", "x", ghost]]).encode())
    for path in (mine, theirs):
        tamper(path, ("UPDATE revision_deltas SET delta = ? WHERE revision = ?", delta, _head(path)))
        assert open_plan(path).history is not None  # each entity in the delta reads: only the whole plan is wrong
    assert main(["merge", str(mine), str(theirs), "-o", str(tmp_path / "out.tutti")]) == 2
    assert "give --base" in capsys.readouterr().err and not (tmp_path / "out.tutti").exists()


def test_merging_an_unchanged_copy_or_an_older_save_records_one_parent_and_a_history_that_reads(copies, tmp_path):
    mine, _ = copies
    older = tmp_path / "older.tutti"
    shutil.copyfile(mine, older)
    edit_and_save(mine, lambda p: op.update_team(p, "sales", capacity=30.0))
    same = tmp_path / "same.tutti"
    shutil.copyfile(mine, same)
    for copy in (same, older):
        out = tmp_path / f"from-{copy.stem}.tutti"
        assert main(["merge", str(mine), str(copy), "-o", str(out)]) == 0
        merged = open_plan(out)
        assert merged.notice is None and merged.history.head_revision.parents == (open_plan(mine).history.head,)

"""`tutti diff` and `tutti merge`: copies of one plan compared and merged from the shell, inputs never touched."""

from __future__ import annotations

import hashlib
import json

import pytest

from desktop.cli import main
from domain import operations as op
from storage.project_file import open_plan, save_plan
from tests.domain.test_operations import base_plan


@pytest.fixture
def copies(tmp_path):
    """BASE, MINE and THEIRS files: Sales' capacity changed on both sides differently, a hand-off moved on theirs."""
    base = base_plan()
    op.update_team(base, "sales", capacity=72.0)
    mine, theirs = base.copy(), base.copy()
    op.update_team(mine, "sales", capacity=60.0)
    op.update_team(theirs, "sales", capacity=80.0)
    op.update_handoff(theirs, "keys", to_team="sales")
    paths = {name: tmp_path / f"{name}.tutti" for name in ("base", "mine", "theirs")}
    for name, plan in zip(paths, (base, mine, theirs), strict=True):
        save_plan(plan, paths[name])
    return paths


def fingerprints(paths) -> dict:
    return {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in paths.items()}


def test_diff_lists_the_changes_and_exits_1_and_exits_0_for_the_same_plan(copies, capsys):
    assert main(["diff", str(copies["base"]), str(copies["theirs"])]) == 1
    assert capsys.readouterr().out == ("Team 'Sales': capacity 72 → 80\nHand-off 'Keys': to team 'Legal' → 'Sales'\n")
    assert main(["diff", str(copies["mine"]), str(copies["mine"])]) == 0
    assert capsys.readouterr().out == f"{copies['mine']} and {copies['mine']} hold the same plan\n"


def test_diff_as_json_names_kind_id_field_and_both_values(copies, capsys):
    assert main(["diff", str(copies["base"]), str(copies["mine"]), "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == [
        {
            "kind": "teams",
            "id": "sales",
            "change": "changed",
            "field": "capacity",
            "item": None,
            "before": 72.0,
            "after": 60.0,
            "text": "Team 'Sales': capacity 72 → 60",
        }
    ]


def test_diff_of_an_unreadable_file_says_which_in_one_line_and_exits_2(copies, tmp_path, capsys):
    bad = tmp_path / "bad.tutti"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    assert main(["diff", str(copies["base"]), str(bad)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"tutti: {bad}: ") and error.count("\n") == 1


def test_merge_with_conflicts_lists_them_writes_nothing_and_exits_1(copies, tmp_path, capsys):
    before = fingerprints(copies)
    out = tmp_path / "out.tutti"
    command = ["merge", str(copies["mine"]), str(copies["theirs"]), "-o", str(out), "--base", str(copies["base"])]
    assert main(command) == 1
    assert capsys.readouterr().out == (
        "conflict: Team 'Sales': capacity: mine 60, theirs 80 (was 72)\n"
        "1 conflict; nothing written (use --prefer mine or --prefer theirs)\n"
    )
    assert not out.exists() and fingerprints(copies) == before


def test_merge_preferring_a_side_writes_the_merged_plan_and_keeps_the_inputs(copies, tmp_path, capsys):
    before = fingerprints(copies)
    out = tmp_path / "out.tutti"
    command = ["merge", str(copies["mine"]), str(copies["theirs"]), "-o", str(out), "--base", str(copies["base"])]
    assert main([*command, "--prefer", "theirs"]) == 0
    assert capsys.readouterr().out == (
        "conflict: Team 'Sales': capacity: mine 60, theirs 80 (was 72) (took theirs)\n"
        f"Wrote {out}: {copies['mine']} with 2 changes merged in from {copies['theirs']}\n"
    )
    merged = open_plan(out).plan
    assert (merged.teams["sales"].capacity, merged.handoffs["keys"].to_team) == (80.0, "sales")
    assert fingerprints(copies) == before
    assert main([*command, "--prefer", "mine"]) == 2  # OUT exists now
    assert main([*command, "--prefer", "mine", "--force", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["written"] == str(out) and report["conflicts"][0]["mine"] == 60.0
    assert [d["text"] for d in report["taken"]] == ["Hand-off 'Keys': to team 'Legal' → 'Sales'"]
    assert open_plan(out).plan.teams["sales"].capacity == 60.0


def test_merge_without_a_base_or_onto_an_input_is_refused_in_one_line(copies, capsys):
    mine, theirs = str(copies["mine"]), str(copies["theirs"])
    assert main(["merge", mine, theirs, "-o", str(copies["base"].with_name("out.tutti"))]) == 2
    assert capsys.readouterr().err == "tutti: MINE and THEIRS share no recorded history; give --base\n"
    before = fingerprints(copies)
    assert main(["merge", mine, theirs, "-o", mine, "--base", str(copies["base"]), "--prefer", "mine", "--force"]) == 2
    assert "is one of the files being merged" in capsys.readouterr().err
    assert fingerprints(copies) == before

"""The `tutti` command on plan files: new, import, dump and check, and one clear line for a bad file."""

from __future__ import annotations

import json
import random

import pytest

from desktop.cli import main
from domain.plan import Plan, new_plan
from storage.demo import demo_plan
from storage.exchange import dumps
from storage.project_file import open_plan, plan_to_sqlite_bytes
from storage.schema import SCHEMA_VERSION


def test_new_creates_an_empty_plan_and_will_not_replace_a_file_without_force(tmp_path, capsys):
    path = tmp_path / "plan.tutti"
    assert main(["new", str(path)]) == 0
    assert capsys.readouterr().out == f"Created {path}\n"
    assert open_plan(path).plan.same_as(new_plan())  # empty, starting next Monday
    before = path.read_bytes()
    assert main(["new", str(path)]) == 2
    assert capsys.readouterr().err == f"tutti: {path}: already exists (use --force to replace it)\n"
    assert path.read_bytes() == before


def test_new_with_the_demo_writes_the_demo_plan(tmp_path, capsys):
    path = tmp_path / "demo.tutti"
    assert main(["new", "--demo", str(path)]) == 0
    assert open_plan(path).plan.same_as(demo_plan())


def test_import_then_dump_gives_back_the_json_exactly(generate, tmp_path, capsys):
    source = tmp_path / "plan.json"
    source.write_text(dumps(generate("small")), encoding="utf-8")
    path = tmp_path / "plan.tutti"
    assert main(["import", str(source), str(path)]) == 0
    assert capsys.readouterr().out.startswith(f"Imported {source} into {path}: ")
    assert main(["dump", str(path)]) == 0
    assert capsys.readouterr().out == source.read_text(encoding="utf-8")
    assert main(["dump", str(path), "-o", str(tmp_path / "again.json")]) == 0
    assert (tmp_path / "again.json").read_text(encoding="utf-8") == source.read_text(encoding="utf-8")


def test_import_of_a_bad_plan_names_the_json_path_and_writes_nothing(generate_json, tmp_path, capsys):
    document = generate_json("tiny", 1)
    document["initiatives"][0]["owner"] = "nobody"
    source = tmp_path / "plan.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    assert main(["import", str(source), str(tmp_path / "plan.tutti")]) == 2
    assert capsys.readouterr().err == (f"tutti: {source}: $.initiatives[0].owner: there is no team with id 'nobody'\n")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_check_reports_the_problems_of_a_good_file(generate, tmp_path, capsys):
    path = tmp_path / "plan.tutti"
    plan = generate("small")
    path.write_bytes(plan_to_sqlite_bytes(plan))
    code = main(["check", str(path)])
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith(f"{path}: {len(plan.goals)} goals, {len(plan.teams)} teams, ")
    assert code == (1 if len(out) > 1 else 0)


def _newer() -> bytes:
    data = bytearray(plan_to_sqlite_bytes(Plan()))
    data[60:64] = (SCHEMA_VERSION + 1).to_bytes(4, "big")
    return bytes(data)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not a Tutti file (the file is empty)"),
        (random.Random(1).randbytes(4096), "not a Tutti file"),
        (bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(50), "not a Tutti file"),
        (plan_to_sqlite_bytes(Plan())[:3000], "damaged: the file is truncated"),
        (
            _newer(),
            f"made by a newer Tutti (file format {SCHEMA_VERSION + 1}; this Tutti reads up to {SCHEMA_VERSION})",
        ),
        (None, "no such file or directory"),
    ],
    ids=["empty", "random", "png", "truncated", "newer", "missing"],
)
def test_check_of_a_file_it_cannot_read_says_why_in_one_line_and_leaves_it_alone(tmp_path, capsys, content, reason):
    path = tmp_path / "plan.tutti"
    if content is not None:
        path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"tutti: {path}: {reason}\n" and captured.out == ""
    assert ([path.read_bytes()] if content is not None else []) == [p.read_bytes() for p in tmp_path.iterdir()]

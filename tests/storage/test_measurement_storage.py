"""Check-ins, progress, actual dates, gates, the status date and baselines in the .tutti file, the JSON and the CLI."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from desktop.cli import main
from domain.entities import Baseline, CheckIn, Gate
from storage.demo import demo_plan
from storage.exchange import ExchangeError, dumps, loads
from storage.project_file import open_plan, plan_from_sqlite_bytes, plan_to_sqlite_bytes, save_plan


def measured_plan():
    plan = demo_plan()
    goal, pilot = next(iter(plan.goals.values())), next(iter(plan.initiatives.values()))
    plan.goals[goal.id] = replace(
        goal, checkins=(CheckIn(date(2027, 1, 4), 3.5, "first"), CheckIn(date(2027, 2, 1), 4))
    )
    gate = Gate(goal=goal.id, threshold=4, decide_by=date(2027, 3, 1), decision="go", decided=date(2027, 3, 1),
                by="Ana", note="went well")  # fmt: skip
    plan.initiatives[pilot.id] = replace(pilot, progress=40, actual_start=date(2027, 1, 5), gate=gate)
    baseline = Baseline(name="Kick-off", set="2027-01-01T09:00:00Z", finishes=((pilot.id, date(2027, 2, 3)),))
    plan.project = replace(plan.project, status_date=date(2027, 2, 1), baselines=(baseline,))
    return plan


def test_measurement_round_trips_through_the_file_and_the_json():
    plan = measured_plan()
    assert plan_from_sqlite_bytes(plan_to_sqlite_bytes(plan)).same_as(plan)
    assert loads(dumps(plan)).same_as(plan)
    document = json.loads(dumps(plan))
    assert document["version"] == 2 and document["project"]["status_date"] == "2027-02-01"
    assert document["project"]["baselines"][0]["finishes"] == {next(iter(plan.initiatives)): "2027-02-03"}
    assert document["goals"][0]["checkins"][0] == {"date": "2027-01-04", "value": 3.5, "note": "first"}


def test_a_version_1_document_without_measurement_still_reads():
    document = {"format": "tutti", "version": 1, "goals": [{"id": "g", "name": "G"}],
                "initiatives": [{"id": "i", "name": "I"}]}  # fmt: skip
    plan = loads(json.dumps(document))
    assert plan.goals["g"].checkins == () and plan.initiatives["i"].progress == 0 and plan.initiatives["i"].gate is None


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["goals"][0].update(checkins=[{"date": "2027-01-04", "value": "high"}]),
     "$.goals[0].checkins[0].value: expected a number, found text"),
    (lambda d: d["goals"][0].update(checkins=[{"date": "soon", "value": 1}]),
     "$.goals[0].checkins[0].date: expected a date YYYY-MM-DD, found 'soon'"),
    (lambda d: d["initiatives"][0].update(gate={"goal": "nope"}),
     "$.initiatives[0].gate.goal: there is no goal with id 'nope'"),
    (lambda d: d["initiatives"][0].update(progress=12.5), "$.initiatives[0].progress: expected a whole number"),
    (lambda d: d["project"].update(baselines=[{"set": "2027-01-01T00:00:00Z", "finishes": {"x": 3}}]),
     "$.project.baselines[0].finishes.x: expected a date YYYY-MM-DD, found a number"),
])  # fmt: skip
def test_malformed_measurement_in_json_is_refused_in_words(change, message):
    document = json.loads(dumps(measured_plan()))
    change(document)
    with pytest.raises(ExchangeError) as refused:
        loads(json.dumps(document))
    assert str(refused.value).startswith(message)


def test_tutti_baseline_keeps_the_schedule_and_analyze_reports_the_slip(tmp_path, capsys):
    path = tmp_path / "plan.tutti"
    save_plan(demo_plan(), path)
    assert main(["baseline", str(path), "--set", "Kick-off"]) == 0
    assert "baseline 'Kick-off' keeps the finish of" in capsys.readouterr().out
    plan = open_plan(path).plan
    assert plan.project.baselines[-1].name == "Kick-off"
    assert main(["analyze", "--json", str(path)]) == 0
    slips = json.loads(capsys.readouterr().out)["slip"]
    assert set(slips) == {i for i, _ in plan.project.baselines[-1].finishes} and set(slips.values()) == {0}
    assert main(["baseline", str(path)]) == 0
    assert "Kick-off" in capsys.readouterr().out


def test_hostile_files_with_too_many_check_ins_or_baselines_or_checkins_of_no_goal_are_refused(
    tmp_path, snapshot, monkeypatch
):
    from storage import untrusted
    from tests.storage.test_hostile_files import _refused, _tutti_shaped

    monkeypatch.setattr(untrusted, "MAX_LINKS", 2)
    many = tmp_path / "many.tutti"
    _tutti_shaped(many, "INSERT INTO goals (id, position, name, description, metric, unit, created, modified) "
                  "VALUES ('g', 0, 'G', '', '', '', '2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z')",
                  *(f"INSERT INTO goal_checkins VALUES ('g', {n}, '2027-01-0{n + 1}', 1.0, '')" for n in range(3)))  # fmt: skip
    assert _refused(many, snapshot) == "refused: a goal has more than 2 check-ins, the most a Tutti plan holds"
    kept = tmp_path / "kept.tutti"
    _tutti_shaped(kept, *(f"INSERT INTO baselines VALUES ({n}, 'b', '2027-01-01T00:00:00Z')" for n in range(3)))
    assert _refused(kept, snapshot) == "refused: the plan keeps more than 2 baselines, the most a Tutti plan holds"
    orphan = tmp_path / "orphan.tutti"
    _tutti_shaped(orphan, "INSERT INTO goal_checkins VALUES ('nobody', 0, '2027-01-01', 1.0, '')")
    assert _refused(orphan, snapshot) == (
        "damaged: check-ins or gates refer to a goal or initiative that is not in the file"
    )
    bad = tmp_path / "bad.tutti"
    _tutti_shaped(bad, "INSERT INTO goal_checkins VALUES ('g', 0, 'soon', 1.0, '')")
    assert _refused(bad, snapshot) == "damaged: in the table 'goal_checkins', a day is not a date YYYY-MM-DD"

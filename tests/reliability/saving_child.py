"""The process the crash test kills: it edits a plan step by step, writes a recovery copy and then saves
after every edit, and prints a line after each completed write.

    python saving_child.py START.json PLAN.tutti RECOVERY_FOLDER
"""

from __future__ import annotations

import sys
from pathlib import Path

from domain import operations
from domain.entities import Team
from domain.plan import Plan
from storage.exchange import read_json_file
from storage.project_file import save_plan
from storage.recovery import RecoveryStore

STAMP = "2026-11-25T12:00:00Z"


def edit(plan: Plan, step: int) -> None:
    """The step-th edit; the same on every run, so the test can replay it and know each state exactly."""
    operations.add_team(
        plan, Team(id=f"crash-team-{step}", name=f"Team {step}", headcount=step, created=STAMP, modified=STAMP)
    )
    operations.set_project(plan, name=f"State {step}")


def state(start: Plan, step: int) -> Plan:
    """The plan after `step` edits."""
    plan = start.copy()
    for number in range(1, step + 1):
        edit(plan, number)
    return plan


def main(start_json: str, plan_file: str, recovery_folder: str) -> None:
    plan = read_json_file(start_json)
    store = RecoveryStore(Path(recovery_folder))
    step = 0
    while True:
        step += 1
        edit(plan, step)
        store.write(plan, Path(plan_file))
        print(f"recovered {step}", flush=True)
        save_plan(plan, plan_file)
        print(f"saved {step}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])

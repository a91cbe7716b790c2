"""A process killed at random moments while it saves: the plan file is always the complete old or the
complete new plan, and the newest recovery copy holds every edit the process had recorded. The test checks
that kills did land mid-save and that both outcomes occurred, so that it cannot pass by never hitting a save.

Runs 20 kills; `pytest --soak` runs 500.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from storage.exchange import plan_to_json
from storage.files import remove_leftovers
from storage.project_file import open_plan, save_plan
from storage.recovery import RecoveryStore

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("saving_child.py")
LINE = re.compile(r"(recovered|saved) (\d+)")


def run_until_killed(child_args: list[str], rng: random.Random, save_seconds: float) -> tuple[dict[str, int], int]:
    """Start the saving process, let it write a random number of times, then kill it with SIGKILL at a random
    moment of a save: within twice a save's duration after it starts. Returns the last step it reported for
    each kind of write, and the step whose save the kill was aimed at."""
    process = subprocess.Popen(
        [sys.executable, str(CHILD), *child_args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    reported = {"recovered": 0, "saved": 0}
    lines = rng.randrange(1, 8)
    try:
        # Every step writes its recovery copy and then saves: after a "recovered" line, a save starts.
        while lines > 0 or reported["recovered"] == reported["saved"]:
            match = LINE.fullmatch(process.stdout.readline().strip())
            assert match, process.stderr.read() if process.poll() is not None else "unexpected output"
            reported[match[1]] = int(match[2])
            lines -= 1
        aimed_at = reported["recovered"]
        time.sleep(rng.uniform(0, 2 * save_seconds))
    finally:
        process.send_signal(signal.SIGKILL)
        rest, errors = process.communicate(timeout=30)
    for match in LINE.finditer(rest):
        reported[match[1]] = int(match[2])
    assert "Traceback" not in errors, errors
    return reported, aimed_at


def test_a_save_killed_at_any_moment_leaves_old_or_new_plan_and_full_recovery(small_plan, scripts, tmp_path, request):
    saving_child = scripts(CHILD)
    kills = 500 if request.config.getoption("--soak") else 20
    start_json = tmp_path / "start.json"
    start_json.write_text(json.dumps(plan_to_json(small_plan)), encoding="utf-8")
    rng = random.Random(1234)
    timing = tmp_path / "timing.tutti"
    save_seconds = statistics.median(_seconds(lambda: save_plan(small_plan, timing)) for _ in range(5))
    outcomes = {"old": 0, "new": 0, "mid-save": 0, "leftovers removed": 0}
    for kill in range(kills):
        folder = tmp_path / f"run{kill}"
        folder.mkdir()
        plan_file, recovery = folder / "plan.tutti", folder / "recovery"
        save_plan(small_plan, plan_file)
        reported, aimed_at = run_until_killed([str(start_json), str(plan_file), str(recovery)], rng, save_seconds)

        outcomes["mid-save"] += reported["saved"] < aimed_at  # killed before the save it was aimed at returned
        on_disk = plan_to_json(open_plan(plan_file).plan)
        outcomes["leftovers removed"] += remove_leftovers(plan_file)  # as the next open or save in a window does
        assert not any(p.name.endswith(".saving") for p in folder.iterdir()), f"kill {kill}: a leftover remains"
        saved = reported["saved"]
        old, new = (plan_to_json(saving_child.state(small_plan, s)) for s in (saved, saved + 1))
        assert on_disk in (old, new), f"kill {kill}: the file is neither state {saved} nor {saved + 1}"
        # Whether the save the kill was aimed at had replaced the file: the old plan, or the new one.
        outcomes["new" if on_disk == plan_to_json(saving_child.state(small_plan, aimed_at)) else "old"] += 1

        store = RecoveryStore(recovery)
        entries = store.pending()
        recovered = reported["recovered"]
        if recovered == 0 and not entries:
            continue  # killed before the first recovery copy was written
        newest = plan_to_json(store.load(entries[0]))
        candidates = [plan_to_json(saving_child.state(small_plan, s)) for s in (recovered, recovered + 1)]
        assert newest in candidates, f"kill {kill}: the recovery copy lost edits (last written: {recovered})"
    print(
        f"{kills} kills, {outcomes['mid-save']} of them mid-save: the file held the old plan "
        f"{outcomes['old']} times, the new one {outcomes['new']} times; "
        f"{outcomes['leftovers removed']} leftover temp copies removed"
    )
    assert outcomes["mid-save"] > 0, "no kill landed while a save was under way"
    assert outcomes["old"] > 0 and outcomes["new"] > 0, f"only one outcome occurred: {outcomes}"


def _seconds(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started

"""Recovery copies: written atomically, offered after a crash (never while their window lives), then discarded."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.exchange import dumps
from storage.recovery import RecoveryStore

ROOT = Path(__file__).resolve().parents[2]
# A window that keeps a recovery copy of one of two plans, alternately, until it is killed.
WINDOW = """
import sys
from storage.exchange import read_json_file
from storage.recovery import RecoveryStore
plans = [read_json_file(p) for p in sys.argv[2:4]]
store = RecoveryStore(sys.argv[1])
store.write(plans[0], sys.argv[4])
print("written", flush=True)
n = 0
while sys.argv[5] == "loop":
    n += 1
    store.write(plans[n % 2], sys.argv[4])
sys.stdin.read()
"""


def _window(folder: Path, plans: list[Path], original: Path, mode: str) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(folder), *map(str, plans), str(original), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.stdout.readline() == "written\n"
    return process


def _kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.communicate()


def _plans(generate, tmp_path) -> tuple[list, list[Path]]:
    plans = [generate("small", seed) for seed in (1, 2)]
    paths = [tmp_path / f"plan{n}.json" for n in range(2)]
    for plan, path in zip(plans, paths):
        path.write_text(dumps(plan), encoding="utf-8")
    return plans, paths


def test_work_of_a_crashed_window_is_offered_loaded_and_discarded(generate, tmp_path):
    plans, paths = _plans(generate, tmp_path)
    folder, original = tmp_path / "recovery", tmp_path / "work" / "plan.tutti"
    window = _window(folder, paths, original, "once")
    store = RecoveryStore(folder)
    try:
        assert store.pending() == []  # its window is still open
    finally:
        _kill(window)

    (entry,) = store.pending()
    assert entry.original == original
    assert abs(entry.saved_at - datetime.now(UTC)) < timedelta(minutes=1)
    assert store.load(entry).same_as(plans[0])
    store.discard(entry)
    assert store.pending() == [] and not any(p.suffix in (".tutti", ".json") for p in folder.iterdir())


def test_a_window_keeps_one_copy_that_it_never_offers_to_itself(generate, tmp_path):
    plans, _ = _plans(generate, tmp_path)
    store = RecoveryStore(tmp_path / "recovery")
    store.write(plans[0], None)
    store.write(plans[1], tmp_path / "plan.tutti")
    assert sorted(p.suffix for p in (tmp_path / "recovery").iterdir() if not p.name.startswith(".")) == [
        ".json",
        ".tutti",
    ]
    assert store.pending() == []
    later = RecoveryStore(tmp_path / "recovery")
    assert later.pending() == []  # the first window is still alive
    store.discard()
    assert later.pending() == [] and not (tmp_path / "recovery" / f"{store.session}.tutti").exists()


def test_a_window_killed_while_writing_leaves_a_whole_copy(generate, tmp_path):
    plans, paths = _plans(generate, tmp_path)
    rng = random.Random(5)
    store = RecoveryStore(tmp_path / "recovery")
    for run in range(6):
        window = _window(tmp_path / "recovery", paths, tmp_path / "plan.tutti", "loop")
        time.sleep(rng.uniform(0, 0.3))
        _kill(window)
        (entry,) = store.pending()
        recovered = store.load(entry)
        assert recovered.same_as(plans[0]) or recovered.same_as(plans[1])
        store.discard(entry)
    assert not list((tmp_path / "recovery").glob("*.saving"))


def test_copies_left_where_an_earlier_tutti_kept_them_are_offered_after_an_upgrade(generate, tmp_path):
    plans, paths = _plans(generate, tmp_path)
    earlier, current = tmp_path / "old-config" / "recovery", tmp_path / "data" / "recovery"
    crashed = _window(earlier, paths, tmp_path / "plan.tutti", "once")
    _kill(crashed)
    alive = RecoveryStore(earlier)
    alive.write(plans[1], None)  # a window of the earlier Tutti that is still open keeps its copy

    store = RecoveryStore(current)
    store.adopt(earlier)
    (entry,) = store.pending()
    assert entry.path.parent == current and store.load(entry).same_as(plans[0])
    assert [p.suffix for p in earlier.iterdir() if not p.name.startswith(".")].count(".tutti") == 1
    alive.discard()

"""Windows has no fcntl: every module imports without it, and plans, locks and recovery copies still work.

Each test runs Python in a subprocess whose `sitecustomize` makes `import fcntl` fail, as on Windows;
child processes started by the tests inherit it. Without fcntl the locking library cannot load here,
which is also what a system that cannot lock files looks like: Tutti must carry on without the lock.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("domain", "storage", "views", "desktop")


def run_without_fcntl(tmp_path: Path, *arguments: str, timeout: float = 240) -> subprocess.CompletedProcess:
    shim = tmp_path / "shim"
    shim.mkdir(exist_ok=True)
    (shim / "sitecustomize.py").write_text("import sys\nsys.modules['fcntl'] = None\n")
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(shim), str(ROOT)]), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_every_module_imports_without_fcntl(tmp_path):
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
    )
    script = "import importlib, sys\nassert sys.modules['fcntl'] is None\n" + "".join(
        f"importlib.import_module({name!r})\n" for name in modules
    )
    result = run_without_fcntl(tmp_path, "-c", script)
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(modules) > 40


def test_without_a_lock_plans_open_save_and_keep_recovery_copies(tmp_path):
    script = f"""
import sys
from storage.demo import demo_plan
from storage.locking import FileLock
from storage.project_file import open_plan, save_plan
from storage.recovery import RecoveryStore
folder = __import__("pathlib").Path({str(tmp_path)!r})
lock = FileLock()
assert lock.acquire(folder / "plan.tutti") is False and lock.unsupported
save_plan(demo_plan(), folder / "plan.tutti")
assert open_plan(folder / "plan.tutti").plan.same_as(demo_plan())
live = RecoveryStore(folder / "recovery")
live.write(demo_plan(), folder / "plan.tutti")
assert RecoveryStore(folder / "recovery").pending() == [], "the copy of a live window is not offered"
print("ok")
"""
    result = run_without_fcntl(tmp_path, "-c", script)
    assert result.stdout == "ok\n", result.stderr[-3000:]


def test_the_lock_and_recovery_tests_pass_without_fcntl(tmp_path):
    tests = ["tests/storage/test_recovery.py", "tests/desktop/test_recovery.py"]
    result = run_without_fcntl(tmp_path, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests, timeout=400)
    assert result.returncode == 0, result.stdout[-3000:]

"""The benchmark script still runs: on the tiny plan it prints a figure, floor and ratio for every row."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FIGURES = (
    "start to shown window with the demo",
    "PDF export of the demo",
    "import tiny JSON into .tutti",
    "open tiny .tutti",
    "tutti dump tiny",
    "analyse tiny",
    "analyse tiny with a calendar",
    "analyse tiny with check-ins and progress",
    "peak RSS open + analyse tiny",
    "GUI open tiny to a populated window",
    "filter keystroke",
    "sort 12 initiatives by duration",
    "network view layout + draw, 12 initiatives",
    "open the dependency graph in the window, 12 initiatives",
    "network view layout + draw, 4 teams",
    "rename a team in the tiny plan: edit to repainted window",
    "open the Score, 12 initiatives",
    "Score zoom or pan step, median",
    "Score zoom or pan step, 95th percentile",
    "Score drag of one bar to repainted schedule",
    "  of which the Score's reschedule + repaint",
    "PDF export tiny",
    "PDF handouts tiny",
    "tutti diff tiny, 3 edits each side",
    "tutti merge tiny, 3 edits each side",
    "file size of a fresh tiny .tutti",
    "file size of tiny after 3 saves of small edits",
    "export tiny as XLSX",
    "import tiny XLSX to a plan",
    "export tiny as MSPDI",
    "import tiny MSPDI to a plan",
)
MEASURED = re.compile(r"\s(\d+ ms|\d+\.\d\d s|\d+(\.\d\d)? MB)\s+(\d+ ms|\d+\.\d\d s|\d+(\.\d\d)? MB)\s+(\d+\.\d\dx)\s")


def test_the_benchmark_prints_every_figure_on_the_tiny_plan(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "bench" / "run.py"), "--size", "tiny", "--runs", "1"],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT), "TUTTI_CONFIG_DIR": str(tmp_path / "config")},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    for figure in FIGURES:
        row = next((line for line in lines if line.startswith(figure)), None)
        assert row is not None, f"no row for {figure!r} in:\n{result.stdout}"
        assert MEASURED.search(row), f"no figure, floor and ratio in {row!r}"
    assert len(lines) == len(FIGURES) + 2  # header and rule
